"""An artificial neural network is a function built from layers of simple units, each taking a
weighted sum of its inputs and bending it with a nonlinearity, whose weights are tuned from
examples by following the gradient of an error measure.

## Intuition
A network repeats one recipe: take the incoming numbers, form weighted sums, apply a nonlinear
function, and hand the results on. The numbers produced in the middle are features, new
descriptions of the input that the network invents for itself, and the last layer combines them
into a prediction.

Learning is a loop. The network predicts, a loss function scores how far the prediction is from
the target, backpropagation works out how much each weight contributed to that error, and
gradient descent moves every weight a little in the direction that lowers it. Repeated over many
examples, the weights settle into values that make useful features appear.

Networks differ mainly in how units are wired. In a feedforward network information flows one
way, from input to output (MLPs and ConvNets). A recurrent network has loops that feed a layer's
output back in at the next time step, giving it memory for sequences. The brain supplied the
original inspiration and the vocabulary, but a modern network is best understood as a chain of
matrix products and simple functions, not as a model of neurons.

## The math
A feedforward network with L layers computes, for input x,

    a⁰ = x,        aˡ = fˡ(Wˡaˡ⁻¹ + bˡ) for l = 1 … L,        ŷ = aᴸ

where Wˡ and bˡ are layer l's weights and biases and fˡ its activation. Training minimises the
average loss C = (1/N) ∑ₙ loss(ŷ(xₙ), yₙ) over N examples with steps w ← w − η ∂C/∂w, where η is
the learning rate.

Example: a 2 → 3 → 1 network has (2·3 + 3) + (3·1 + 1) = 9 + 4 = 13 parameters.

## Try it
`nutshell demo neural-network` builds the 2 → 3 → 1 network above (tanh hidden units, one sigmoid
output) and trains it on noisy XOR points. It checks that Keras counts 13 parameters, that the
formula aˡ = f(Wˡaˡ⁻¹ + bˡ) written with matrix products gives Keras's outputs, and that gradient
steps shrink the training loss at least tenfold. Three hidden units are so few that training
sometimes settles with one corner of the square wrong (4 of 15 starts in quick mode on seeds
0-4), so the demo trains from three random starts and keeps the lowest training loss. Seed 0:
loss 0.721 before training, 0.0005 after; test accuracy 1.00; formula and Keras differ by
6 × 10⁻⁸.

## See also
- **unit**: the building block
- **layer**: how units are grouped
- **mlp**: the plain fully connected kind
- **backpropagation**: how gradients for every weight are computed
- **deep-learning**: networks with many layers
- **rnn**: networks with loops for sequences

## Sources
- [dettmers2015]
- [overview]
- [lecun2015]
- [rumelhart1986]
"""

TITLE = "Neural network"
ALIASES = ("artificial neural network", "ann", "neural net", "feedforward network", "feedforward neural network", "fnn")

DEMO = {
    "epochs": 60,
    "batch_size": 32,
    "learning_rate": 0.03,
    "datasets": ("synthetic",),
    "quick": {"epochs": 25},
}

PREREQUISITES = ("unit", "layer")

PREDICT = {
    "question": "A network with 2 inputs, 3 tanh hidden units and one sigmoid output (13 parameters "
    "in all) is trained by gradient steps on XOR-labelled points. How does it do on "
    "test points it never saw?",
    "options": {
        "A": "it gets nearly all of them right",
        "B": "clearly better than chance, but far from solved",
        "C": "no better than a coin toss: 3 hidden units are too few for XOR",
        "D": "it depends on the seed",
    },
    "why": "The numbers produced in the middle are features, new descriptions of the input that the "
    "network invents for itself, and the last layer combines them into a prediction.",
}

RECALL = (
    {
        "question": "A fully connected network has 3 inputs, one hidden layer of 4 units and 2 outputs. "
        "How many weights and biases does it have in all?",
        "options": {"A": "20", "B": "26", "C": "24", "D": "9"},
        "answer": "B",
        "why": "Example: a 2 → 3 → 1 network has (2·3 + 3) + (3·1 + 1) = 9 + 4 = 13 parameters.",
    },
)

__all__ = ["feedforward", "parameter_count"]

# Everything above is read by the registry without importing this module; the code below needs Keras.
import keras
import numpy as np
from keras import ops

from nutshell import data
from nutshell.glossary._claims import Part, at_least, at_most, held_on_some_seeds, recorded_parts
from nutshell.glossary._run import Run
from nutshell.glossary.mlp import mlp


def feedforward(x, weights: list, activations: list):
    """The forward pass as the formula writes it: a⁰ = x, then aˡ = fˡ(aˡ⁻¹Wˡ + bˡ) layer by layer.

    Keras stores a kernel with one row per input and one column per unit, so a batch of row
    vectors is multiplied from the left (aW rather than the column-vector Wa of the math above).

    Args:
        x: inputs, shape (batch, features).
        weights: a list of (kernel, bias) pairs, kernel of shape (inputs, units), first layer first.
        activations: one Keras activation name (or callable) per layer.

    Returns: the output of the last layer, shape (batch, units of the last layer).
    """
    if len(weights) != len(activations):
        raise ValueError(f"{len(weights)} layers of weights but {len(activations)} activations")
    a = ops.convert_to_tensor(x, dtype="float32")
    for (kernel, bias), activation in zip(weights, activations):
        z = ops.matmul(a, ops.cast(kernel, "float32")) + ops.cast(bias, "float32")
        a = keras.activations.get(activation)(z)
    return a


def parameter_count(sizes: tuple[int, ...] | list[int]) -> int:
    """Weights and biases of a fully connected network with layer sizes (inputs, h₁, …, outputs):
    each layer has inputs·units weights and one bias per unit."""
    return sum((inputs + 1) * units for inputs, units in zip(sizes[:-1], sizes[1:]))


# --- the demo --------------------------------------------------------------------------------

HIDDEN_ACTIVATION = "tanh"  # f of the hidden layer: without a nonlinearity XOR is out of reach
# Three hidden units are few enough that gradient steps sometimes settle in a local minimum with
# one corner of the square wrong: on held-out seeds 100-109 (fresh XOR points) 2 runs of 10 did
# (test accuracy 0.71-0.78; so did 2 of 20 runs checked outside the demo on seeds 100-119). The
# usual cure is to train from a few random starts and keep the one with the lowest training loss:
# chosen by training loss only, so the test points still score it fairly.
STARTS = 3

# The bars, chosen on seeds 100-109 in quick mode (25 epochs): the run kept from three starts cut
# its training loss 95-124-fold and classified every test point right, on every seed.
MIN_LOSS_CUT, MAX_TEST_ERROR = 10.0, 0.05


def _weights(model: keras.Model) -> list:
    return [(layer.kernel, layer.bias) for layer in model.layers if isinstance(layer, keras.layers.Dense)]


def measure(model: keras.Model, start_loss: float, train, test) -> dict[str, float]:
    """The trained network in, numbers out: its losses and accuracy, its parameter count against
    the formula's, and how far `feedforward` (the formula) lands from Keras's own forward pass."""
    end_loss = float(model.evaluate(*train, verbose=0)[0])
    by_formula = ops.convert_to_numpy(feedforward(test[0], _weights(model), [HIDDEN_ACTIVATION, "sigmoid"]))
    sizes = (2, *(layer.units for layer in model.layers if isinstance(layer, keras.layers.Dense)))
    return {
        "train_loss_start": start_loss,
        "train_loss_end": end_loss,
        "test_accuracy": float(model.evaluate(*test, verbose=0)[1]),
        "parameters": model.count_params(),
        "parameters_by_formula": parameter_count(sizes),
        "formula_difference": float(np.abs(by_formula - model.predict(test[0], verbose=0)).max()),
    }


def claim_parts(m: dict[str, float]) -> list[Part]:
    """Two checks true by construction (the count and the forward pass equal the formulas) and
    what training must achieve: a much lower training loss and a solved test set.

    The test error is the measured number, not the accuracy, so that its margin says how much of
    the allowed 5% is used rather than how far 100% is from 95%."""
    return [
        at_most("parameters_unlike_formula", abs(m["parameters"] - m["parameters_by_formula"]), 0, kind="identity"),
        at_most("formula_difference", m["formula_difference"], 1e-5, kind="identity"),
        at_least("train_loss_cut", m["train_loss_start"] / max(m["train_loss_end"], 1e-12), MIN_LOSS_CUT),
        at_most("test_error", 1.0 - m["test_accuracy"], MAX_TEST_ERROR),
    ]


def _train_from_starts(run: Run, train, test) -> tuple[keras.Model, float]:
    """Train the 2 → 3 → 1 network from STARTS random starts; return the one with the lowest
    training loss and its training loss before training."""
    best = None
    for start in range(1, STARTS + 1):
        model = mlp(
            (2,),
            (3,),
            1,
            activation=HIDDEN_ACTIVATION,
            output_activation="sigmoid",
            name=f"network_2_3_1_start_{start}",
        )
        run.compile(model, loss="binary_crossentropy", metrics=["accuracy"])
        start_loss = float(model.evaluate(*train, verbose=0)[0])
        run.fit(model, *train, validation_data=test, name=None if start == 1 else f"start-{start}")
        end_loss = float(model.evaluate(*train, verbose=0)[0])
        run.say(f"  start {start}: training loss {start_loss:.3f} → {end_loss:.4f}")
        if best is None or end_loss < best[2]:
            best = (model, start_loss, end_loss)
    return best[0], best[1]


def demo(run: Run) -> None:
    """The 2 → 3 → 1 network of the math section: 13 parameters, tuned by gradient steps on XOR."""
    train, test = data.split_off(*data.xor(800 if run.quick else 2000, seed=run.seed), fraction=0.25)
    run.say(
        f"A 2 → 3 → 1 {HIDDEN_ACTIVATION} network, {parameter_count((2, 3, 1))} parameters, "
        f"trained by gradient steps on XOR from {STARTS} random starts…"
    )
    model, start_loss = _train_from_starts(run, train, test)

    m = measure(model, start_loss, train, test)
    run.metrics({key: m[key] for key in ("test_accuracy", "train_loss_start", "train_loss_end")})
    run.claim(
        "The 2 → 3 → 1 network has (2·3 + 3) + (3·1 + 1) = 13 parameters and its forward pass is "
        "the formula aˡ = f(aˡ⁻¹Wˡ + bˡ) (max difference <= {formula_difference:.0e}); gradient steps "
        f"(the best of {STARTS} starts by training loss) cut its training loss on XOR >= "
        "{train_loss_cut:g}-fold and leave <= {test_error:.0%} of the test points misclassified.",
        claim_parts(m),
        parameters=m["parameters"],
        test_accuracy=m["test_accuracy"],
        train_loss_start=m["train_loss_start"],
        train_loss_end=m["train_loss_end"],
    )
    run.decision_surface("decision_surface/network_2_3_1", model)


def outcome(claim: dict) -> str:
    """Which PREDICT option the measured claim shows: the trained network's test error (the
    test_error part, 1 − accuracy)."""
    error = recorded_parts(claim)["test_error"]
    if held_on_some_seeds(error):
        return "D"
    if error["mean"] <= MAX_TEST_ERROR:
        return "A"
    return "B" if 1.0 - error["mean"] >= 0.6 else "C"
