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
ALIASES = ("dl", "deep neural network", "dnn", "deep network", "deep net", "deep neural net",
           "end-to-end learning")

DEMO = {
    "steps_per_execution": 8,
    "epochs": 30, "batch_size": 32, "learning_rate": 0.01, "datasets": ("synthetic",),
    "quick": {"epochs": 15},
}

__all__ = ["one_layer_width_for_budget"]

# Everything above is read by the registry without importing this module; the code below needs Keras.
from nutshell import data
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


def demo(run):
    """Depth against width at the same number of parameters, on tightly wound spirals."""
    train, test = data.split_off(*data.two_spirals(2000, turns=TURNS, seed=run.seed), fraction=0.25)
    budget = parameter_count((2, *DEEP, 1))
    wide = (one_layer_width_for_budget(budget, inputs=2, outputs=1),)
    shallow_budget = parameter_count((2, *wide, 1))
    run.say(f"Two spirals of {TURNS} turns. Deep: {len(DEEP)} hidden layers of {DEEP[0]} units, "
            f"{budget:,} parameters. Shallow: one hidden layer of {wide[0]} units, "
            f"{shallow_budget:,} parameters. Same data, optimiser and epochs.")
    accuracy = {}
    for label, hidden in (("shallow", wide), ("deep", DEEP)):
        model = mlp((2,), hidden, 1, output_activation="sigmoid", name=label)
        accuracy[label] = run.train_and_evaluate(
            model, train, test, loss="binary_crossentropy", metrics=["accuracy"],
            name=None if label == "deep" else label)["accuracy"]
        run.decision_surface(f"decision_surface/{label}", model, extent=1.2)
    advantage = accuracy["deep"] - accuracy["shallow"]
    run.metrics({"test_accuracy_deep": accuracy["deep"], "test_accuracy_shallow": accuracy["shallow"]})
    run.claim(
        f"At an equal budget of {budget:,} parameters and the same training, {len(DEEP)} hidden "
        f"layers of {DEEP[0]} units reach >= 0.85 test accuracy on spirals of {TURNS} turns and "
        f"beat one hidden layer of {wide[0]} units by >= 0.05.",
        verdict=abs(shallow_budget - budget) <= 4 and accuracy["deep"] >= 0.85 and advantage >= 0.05,
        parameters_deep=budget, parameters_shallow=shallow_budget,
        test_accuracy_deep=accuracy["deep"], test_accuracy_shallow=accuracy["shallow"],
        depth_advantage=advantage,
    )
