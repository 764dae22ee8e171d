"""Deep learning is machine learning with neural networks built from many stacked nonlinear
layers, trained end to end on raw data so that each layer learns features that are a step more
abstract than those of the layer beneath it.

## Intuition
Why many layers rather than one very wide one? In principle one hidden layer can approximate any
continuous function (see mlp), but for some functions it needs exponentially many units. Depth is
the cheaper route: each layer recombines the features of the layer below, so edges become
corners, corners become parts, parts become objects, and a feature computed once is reused by
everything above it. Depth is the number of such rounds.

Stacked networks are old, but deep ones used to train badly: the error signal shrank on its way
back through many layers (the vanishing gradient), so they lost to shallow methods such as support
vector machines. Layer-wise unsupervised pre-training helped from 2006; in the early 2010s GPUs,
ReLU units, dropout and big labelled sets made plain supervised training of many layers work.
In the 2012 ImageNet contest (about 1.2 million images, 1000 classes) a deep ConvNet cut the best
top-5 error from 26.2% (the runner-up) to 15.3%. The other big success is LSTM networks for
sequences.

## The math
A deep network is a composition of L simple functions:

    f(x) = f_L( … f₂(f₁(x)) … ),   f_l(h) = σ(W_l h + b_l)

with weight matrices W_l, bias vectors b_l and a nonlinearity σ. All parameters θ = {W_l, b_l}
are trained together by stochastic gradient descent on a loss L(θ); backpropagation supplies each
∂L/∂W_l through the chain rule. Without σ the stack would collapse into one linear map.

Size example: an MLP 784 → 256 → 128 → 10 for 28×28 digit images has
784·256 + 256·128 + 128·10 = 234,752 weights plus 394 biases, 235,146 parameters in all.

## Try it
`nutshell demo deep-learning` spends the same 3,297 parameters two ways on two spirals of 2.5
turns: four hidden ReLU layers of 32 units, or one hidden layer of 824. Same data, optimiser and
30 epochs. Seed 0: the deep network reaches 0.978 test accuracy, the wide one 0.836. Depth lets
each layer fold what the previous one made; one layer has to cut the plane with 824 straight
lines at once.

## See also
- **feature-learning**: the layer-by-layer feature hierarchy that depth buys
- **neural-network**: the basic model being stacked
- **vanishing-gradient**: the obstacle that long kept networks shallow
- **backpropagation**: how every layer gets its error signal
- **gpu**: the hardware that made training large nets practical
- **cnn**: the deep architecture behind the image results

## Sources
- [dettmers2015]
- [lecun2015]
- [raschka]
- [hinton2006]
- [krizhevsky2012]
"""

TITLE = "Deep learning"
ALIASES = ("dl", "deep neural network", "dnn", "deep network", "deep net", "deep neural net", "end-to-end learning")

DEMO = {
    "epochs": 30,
    "batch_size": 32,
    "learning_rate": 0.01,
    "datasets": ("synthetic",),
    "quick": {"epochs": 15},
}

PREREQUISITES = ("neural-network",)

PREDICT = {
    "question": "Two networks with the same 3,297 parameters, the same data and the same training "
    "learn two spirals wound 2.5 turns: one has four hidden ReLU layers of 32 units, the "
    "other a single hidden layer of 824. Which classifies more test points correctly?",
    "options": {
        "A": "the four-layer network, by a clear margin",
        "B": "the single wide layer",
        "C": "neither: same budget, about the same accuracy",
        "D": "it depends on the seed",
    },
    "why": "Depth is the cheaper route: each layer recombines the features of the layer below, so "
    "edges become corners, corners become parts, parts become objects, and a feature computed "
    "once is reused by everything above it.",
}

RECALL = (
    {
        "question": "One hidden layer can in principle approximate any continuous function. What is "
        "the catch for some functions?",
        "options": {
            "A": "it needs exponentially many units",
            "B": "it needs a special activation function",
            "C": "none: at an equal size it always matches a deep network",
            "D": "it can only approximate them on the training points",
        },
        "answer": "A",
        "why": "In principle one hidden layer can approximate any continuous function (see mlp), but for "
        "some functions it needs exponentially many units.",
    },
)

__all__ = ["one_layer_width_for_budget"]

# Everything above is read by the registry without importing this module; the code below needs Keras.
from nutshell import data
from nutshell.glossary._claims import Part, at_least, at_most, held_on_some_seeds, recorded_parts
from nutshell.glossary._run import Run
from nutshell.glossary.mlp import mlp
from nutshell.glossary.neural_network import parameter_count


def one_layer_width_for_budget(budget: int, inputs: int, outputs: int) -> int:
    """The width h of a single hidden layer whose network has (about) `budget` parameters.

    One hidden layer costs (inputs + 1)·h + (h + 1)·outputs = h·(inputs + 1 + outputs) + outputs,
    so h = (budget − outputs) / (inputs + 1 + outputs), rounded to the nearest whole unit.
    """
    return max(1, round((budget - outputs) / (inputs + 1 + outputs)))


# --- the demo --------------------------------------------------------------------------------

DEEP = (32, 32, 32, 32)
TURNS = 2.5  # more turns than the activation demo's spirals: more folds to make

# The bars, chosen on seeds 100-109 in quick mode (15 epochs): the deep net reached 0.88-0.97 test
# accuracy and beat the wide one by 0.07-0.22.
MIN_DEEP_ACCURACY, MIN_ADVANTAGE = 0.8, 0.05


def claim_parts(budget: int, shallow_budget: int, accuracy: dict[str, float]) -> list[Part]:
    """Both nets spend the same budget (true by construction: the width is computed from it);
    the deep one learns the spirals and beats the wide one by a clear margin."""
    return [
        at_most("budget_difference", abs(shallow_budget - budget), 4, kind="identity"),
        at_least("test_accuracy_deep", accuracy["deep"], MIN_DEEP_ACCURACY),
        at_least("depth_advantage", accuracy["deep"] - accuracy["shallow"], MIN_ADVANTAGE),
    ]


def demo(run: Run) -> None:
    """Depth against width at the same number of parameters, on tightly wound spirals."""
    train, test = data.split_off(*data.two_spirals(2000, turns=TURNS, seed=run.seed), fraction=0.25)
    budget = parameter_count((2, *DEEP, 1))
    wide = (one_layer_width_for_budget(budget, inputs=2, outputs=1),)
    shallow_budget = parameter_count((2, *wide, 1))
    run.say(
        f"Two spirals of {TURNS} turns. Deep: {len(DEEP)} hidden layer(s) of {DEEP[0]} units, "
        f"{budget:,} parameters. Shallow: one hidden layer of {wide[0]} units, "
        f"{shallow_budget:,} parameters. Same data, optimiser and epochs."
    )
    accuracy, models = {}, {}
    for label, hidden in (("shallow", wide), ("deep", DEEP)):
        models[label] = mlp((2,), hidden, 1, output_activation="sigmoid", name=label)
        accuracy[label] = run.train_and_evaluate(
            models[label],
            train,
            test,
            loss="binary_crossentropy",
            metrics=["accuracy"],
            name=None if label == "deep" else label,
        )["accuracy"]

    run.metrics({"test_accuracy_deep": accuracy["deep"], "test_accuracy_shallow": accuracy["shallow"]})
    run.claim(
        f"At an equal budget of {budget:,} parameters and the same training, {len(DEEP)} hidden "
        f"layers of {DEEP[0]} units reach >= {{test_accuracy_deep}} test accuracy on spirals of "
        f"{TURNS} turns and beat one hidden layer of {wide[0]} units by >= {{depth_advantage}}.",
        claim_parts(budget, shallow_budget, accuracy),
        parameters_deep=budget,
        parameters_shallow=shallow_budget,
        test_accuracy_shallow=accuracy["shallow"],
    )
    for label, model in models.items():
        run.decision_surface(f"decision_surface/{label}", model, extent=1.2)


def outcome(claim: dict) -> str:
    """Which PREDICT option the measured claim shows: the deep net's test accuracy minus the wide
    one's (depth_advantage), clearly positive, clearly negative, within 2 points, or seed-bound."""
    advantage = recorded_parts(claim)["depth_advantage"]
    if held_on_some_seeds(advantage):
        return "D"
    if advantage["mean"] >= 0.02:
        return "A"
    return "B" if advantage["mean"] <= -0.02 else "C"
