"""A layer is one stage of a network: a set of units, or one operation such as a convolution or a
pooling step, that turns the previous stage's output into a new representation; a network is
built by feeding each layer's output into the next.

## Intuition
Think of an assembly line. Each station (layer) takes the whole part from the station before,
reworks it and passes it on. The first station only receives raw material: the input layer holds
the data and computes nothing. The last station delivers what the customer sees: the output layer
gives class probabilities or a predicted number. Every station in between is a hidden layer,
hidden because the training data never says what its outputs should be; the network invents
those features itself.

A layer is usually uniform: all its units do the same kind of thing (one activation function, or
convolution, or pooling). That makes a network easy to write down as a list of layers, such as
"784 → 128 ReLU → 10 softmax", and makes the layer the largest building block that deep-learning
code works with.

## The math
A dense (fully connected) layer maps an input vector a with n entries to an output a' with m:

    a' = σ(Wa + b)

W is an m × n matrix whose row j holds the weights of unit j, b holds m biases, and σ is applied
to each entry. Shapes: (m × n)·(n) + (m) → (m). So a' and b always have the same size, while n is
free: the number of units can change from layer to layer. With a batch of B examples stored as
the rows of X (B × n), Keras keeps the kernel K as an n × m matrix and computes σ(XK + b), giving
B × m.

Parameter count: n·m weights plus m biases. A dense layer from 64 inputs to 32 units has
64 × 32 + 32 = 2080 parameters. A 784 → 128 → 10 network has (784·128 + 128) + (128·10 + 10)
= 100,480 + 1,290 = 101,770.

## Picture
```text
 input layer        hidden layer            output layer
 (3 values)         (4 units, ReLU)         (2 units, softmax)

   x₁ ─┐             ┌─ h₁ ─┐
   x₂ ─┼── W₁ (4×3) ─┼─ h₂ ─┼── W₂ (2×4) ─┬─ y₁
   x₃ ─┘    + b₁     ├─ h₃ ─┤    + b₂     └─ y₂
                     └─ h₄ ─┘
 parameters:    3·4 + 4 = 16            4·2 + 2 = 10        total 26
```

## Common confusions
Counting layers is not standardised. The network above has an input, a hidden and an output
layer, but only two layers of weights, so many authors call it a two-layer network: the input
layer has no units and no parameters. When a paper says "an L-layer network", check which
convention it uses.

## Try it
`nutshell demo layer` trains 784 → 128 ReLU → 10 softmax, built from our own dense layer, on
MNIST digits and tests it on others; in quick mode (4,000 training digits, 5 epochs, 1,000 test
digits) it scored 0.919-0.931 on seeds 0-4, where the claim asks for 0.85. It counts 101,770
parameters from the weights, checks Keras's Dense agrees, and draws each hidden unit's weights as
a 28×28 picture.

## See also
- **unit**: what a layer is made of
- **fully-connected-layer**: the dense layer in detail
- **parameter**: the weights and biases being counted
- **neural-network**: layers chained into a model
- **convolution**: a layer type that shares its weights
- **pooling**: a layer type with no weights at all

## Sources
- [dettmers2015]
- [overview]
- [lecun2015]
"""

TITLE = "Layer"
ALIASES = ("input layer", "hidden layer", "output layer", "network layer")

DEMO = {
    "epochs": 20,
    "batch_size": 32,
    "learning_rate": 0.001,
    "datasets": ("mnist", "digits", "fashion_mnist"),
    "quick": {"epochs": 5},  # and 4,000 training images
}

PREREQUISITES = ("unit", "activation")

PREDICT = {
    "question": "A digit classifier lays each 28x28 image out as 784 numbers, feeds them to a hidden "
    "layer of 128 ReLU units and then to an output layer of 10 softmax units. Before it "
    "trains: where do most of its trainable weights and biases sit?",
    "options": {
        "A": "in the input layer, which needs a weight for every pixel",
        "B": "in the hidden layer",
        "C": "in the output layer, which makes the final decision",
        "D": "in no single layer: they are spread about evenly",
    },
    "why": "A 784 → 128 → 10 network has (784·128 + 128) + (128·10 + 10) = 100,480 + 1,290 = 101,770. "
    "The network above has an input, a hidden and an output layer, but only two layers of "
    "weights, so many authors call it a two-layer network: the input layer has no units and no "
    "parameters.",
}

RECALL = (
    {
        "question": "How many trainable numbers does a dense layer from 64 inputs to 32 units hold?",
        "options": {"A": "2,048", "B": "2,080", "C": "2,112", "D": "96"},
        "answer": "B",
        "why": "A dense layer from 64 inputs to 32 units has 64 × 32 + 32 = 2080 parameters.",
    },
    {
        "question": "A dense layer computes a' = σ(Wa + b), taking n inputs to m units. What is the shape "
        "of W, and what does a row of it hold?",
        "options": {
            "A": "m × n; row j holds the weights of unit j",
            "B": "n × m; row i holds every unit's weight on input i",
            "C": "m × m; row j mixes unit j with the other units",
            "D": "1 × n; one row shared by all the units",
        },
        "answer": "A",
        "why": "W is an m × n matrix whose row j holds the weights of unit j, b holds m biases, and σ is "
        "applied to each entry.",
    },
    {
        "question": "A network has an input layer, one hidden layer and an output layer. Many authors call "
        "it a network of how many layers?",
        "options": {
            "A": "a one-layer network",
            "B": "a two-layer network",
            "C": "a three-layer network",
            "D": "a four-layer network",
        },
        "answer": "B",
        "why": "The network above has an input, a hidden and an output layer, but only two layers of "
        "weights, so many authors call it a two-layer network: the input layer has no units and no "
        "parameters.",
    },
)

__all__ = ["DenseFromScratch", "dense_parameter_count"]

# Everything above is read by the registry without importing this module; the code below needs Keras.
import keras
import numpy as np
from keras import ops

from nutshell.glossary._claims import Part, at_least, at_most
from nutshell.glossary._run import Run


@keras.saving.register_keras_serializable(package="nutshell")
class DenseFromScratch(keras.layers.Layer):
    """A dense layer: every unit reads the whole input vector, a' = f(aK + b).

    The kernel K has one column per unit and one row per input (shape (inputs, units)), so one
    matrix product computes all the units at once, for a whole batch. The number of inputs is not
    an argument: `build` reads it from the first input it sees, which is why the same layer works
    after a 64-pixel image or after another layer of any width. Given the same weights it equals
    `keras.layers.Dense(units, activation)`.

    Args:
        units: how many units, the length m of the output vector; a positive integer.
        activation: the nonlinearity applied to each unit's sum; any Keras activation name, or
            None for a linear layer (an output layer of logits, say).
        kernel_initializer: how K starts; Glorot uniform by default, as in Keras.

    Input shape: (batch, inputs). Output shape: (batch, units).

    Example:
        >>> import numpy as np
        >>> tuple(DenseFromScratch(32, activation="relu")(np.zeros((4, 64))).shape)
        (4, 32)
    """

    def __init__(self, units, activation=None, kernel_initializer="glorot_uniform", **kwargs):
        super().__init__(**kwargs)
        if not isinstance(units, int) or units < 1:
            raise ValueError(f"units must be a positive integer, not {units!r}")
        self.units = units
        self.activation = keras.activations.get(activation)  # an unknown name raises ValueError
        self.kernel_initializer = keras.initializers.get(kernel_initializer)

    def build(self, input_shape):
        inputs = input_shape[-1]
        # one weight per (input, unit) pair and one bias per unit: inputs·units + units numbers
        self.kernel = self.add_weight(shape=(inputs, self.units), initializer=self.kernel_initializer, name="kernel")
        self.bias = self.add_weight(shape=(self.units,), initializer="zeros", name="bias")

    def call(self, x):
        z = ops.matmul(x, self.kernel) + self.bias  # (batch, inputs) · (inputs, units) + (units,)
        return self.activation(z)

    def compute_output_shape(self, input_shape):
        return (*input_shape[:-1], self.units)

    def get_config(self):
        return {
            **super().get_config(),
            "units": self.units,
            "activation": keras.activations.serialize(self.activation),
            "kernel_initializer": keras.initializers.serialize(self.kernel_initializer),
        }


def dense_parameter_count(inputs: int, units: int) -> int:
    """The formula: inputs·units weights plus one bias per unit."""
    return inputs * units + units


# --- the demo --------------------------------------------------------------------------------

QUICK_IMAGES = (4000, 1000)  # training and test images in --quick mode
# The test accuracy the MLP must reach on each dataset, (full run, --quick). Chosen with
# `--held-out` (a validation split of the training images): the worst validation accuracy over
# seeds 100-102 (quick) or 100-101 (full), divided by 1.07 and rounded down, so a run as weak as
# the weakest seen still clears its bar by 7%. Quick: MNIST 0.914-0.921, digits 0.919-0.939,
# Fashion-MNIST 0.798-0.830; full: 0.937-0.938, 0.969-0.972, 0.829-0.832.
_ACCURACY_BAR = {"mnist": (0.87, 0.85), "digits": (0.90, 0.85), "fashion_mnist": (0.77, 0.74)}
_HIDDEN = (128,)


def _mlp(input_shape, hidden, classes) -> keras.Model:
    """Input layer (the flattened pixels, no parameters) -> hidden layer(s) -> softmax output layer."""
    return keras.Sequential(
        [keras.Input(input_shape), keras.layers.Flatten(name="input_pixels")]
        + [DenseFromScratch(units, activation="relu", name=f"hidden_{i}") for i, units in enumerate(hidden, start=1)]
        + [DenseFromScratch(classes, activation="softmax", name="output")]
    )


def _same_model_from_keras_dense(model: keras.Model) -> keras.Model:
    """The same architecture built from keras.layers.Dense, holding our model's weights."""
    twin = keras.Sequential(
        [keras.Input(model.input_shape[1:]), keras.layers.Flatten()]
        + [
            keras.layers.Dense(layer.units, activation=layer.activation)
            for layer in model.layers
            if isinstance(layer, DenseFromScratch)
        ]
    )
    twin.set_weights(model.get_weights())
    return twin


def _parameter_table(model: keras.Model) -> list[tuple[str, str, int, int, int]]:
    """[(name, inputs, units, counted from the layer's weights, the formula)] for each layer."""
    rows = []
    for layer in model.layers:
        counted = int(sum(np.prod(weight.shape) for weight in layer.weights))
        if isinstance(layer, DenseFromScratch):
            inputs = int(layer.input.shape[-1])
            rows.append((layer.name, str(inputs), layer.units, counted, dense_parameter_count(inputs, layer.units)))
        else:  # the input layer only lays the pixels out in a row: nothing to learn
            shape = "x".join(str(size) for size in layer.input.shape[1:])
            rows.append((layer.name, shape, int(layer.output.shape[-1]), counted, 0))
    return rows


def claim_parts(
    accuracy: float, bar: float, table: list[tuple], difference: float, tolerance: float = 1e-5
) -> list[Part]:
    """Accurate enough (what training can fail); every layer counted as the formula says and equal
    to Keras's Dense (true by construction: checks, not votes)."""
    miscounted = sum(counted != formula for *_, counted, formula in table)
    return [
        at_least("test_accuracy", accuracy, bar),
        at_most("layers_miscounted", miscounted, 0, kind="identity"),
        at_most("max_difference_vs_keras_dense", difference, tolerance, kind="identity"),
    ]


def outcome(claim: dict) -> str:
    """Which PREDICT option the measured claim shows: which layer holds most of the parameters.

    Reads the counts the run took from the layers' weights: `hidden_1_parameters`,
    `output_parameters`, `total_parameters` (what is left of the total belongs to the input layer).
    A layer "holds most" with at least two thirds of the total; below that, they are spread.
    """
    numbers = claim["numbers"]
    total = numbers["total_parameters"]
    hidden, output = numbers["hidden_1_parameters"], numbers["output_parameters"]
    shares = {"A": (total - hidden - output) / total, "B": hidden / total, "C": output / total}
    largest = max(shares, key=shares.get)
    return largest if shares[largest] >= 2 / 3 else "D"


def _weight_images(kernel, image_shape):
    """Each unit's column of the first kernel, reshaped to the input image: (units, H, W, C)."""
    return ops.convert_to_numpy(kernel).T.reshape(-1, *image_shape)


def _centred(images):
    """Each image scaled so that 0 is mid-grey and its largest magnitude is black or white."""
    peak = np.maximum(np.abs(images).max(axis=(1, 2, 3), keepdims=True), 1e-8)
    return 0.5 + 0.5 * images / peak


def _log_first_layer(run: Run, model: keras.Model, start, image_shape) -> None:
    """What each hidden unit looks for, drawn as an image: its weight on every pixel (white for
    positive, black for negative, mid-grey for zero), and how far training moved it."""
    first = _weight_images(model.get_layer("hidden_1").kernel, image_shape)
    factor = max(1, 56 // image_shape[0])
    run.mosaic(
        "first_layer_weights/1_every_hidden_unit",
        _centred(first),
        columns=16,
        enlarge=factor,
        rescale=False,
        gap_value=0.5,
    )
    # Pixels that are blank in almost every image (the digits' border) barely move from their
    # random start; the change shows what training wrote into each unit.
    run.mosaic(
        "first_layer_weights/2_change_from_start",
        _centred(first - _weight_images(start, image_shape)),
        columns=16,
        enlarge=factor,
        rescale=False,
        gap_value=0.5,
    )


def demo(run: Run) -> None:
    """An MLP built from DenseFromScratch: its accuracy, its parameter count, its first layer."""
    split = run.load_images(quick=QUICK_IMAGES)
    model = _mlp(split.input_shape, _HIDDEN, split.num_classes)
    start = ops.convert_to_numpy(model.get_layer("hidden_1").kernel)
    run.say(
        f"{split.name}: {len(split.x_train):,} training and {len(split.x_test):,} test images of "
        f"{'x'.join(str(n) for n in split.input_shape)}; an MLP of our DenseFromScratch layers…"
    )
    run.compile(model, loss="sparse_categorical_crossentropy", metrics=["accuracy"])
    run.fit(model, split.x_train, split.y_train, validation_data=(split.x_test, split.y_test))
    accuracy = float(model.evaluate(split.x_test, split.y_test, verbose=0)[1])

    table = _parameter_table(model)
    total = sum(counted for *_, counted, _ in table)
    twin = _same_model_from_keras_dense(model)
    run.say(
        run.table(
            "parameters",
            ["layer", "inputs", "units", "counted", "inputs·units + units"],
            [list(row) for row in table] + [["total", "", "", total, twin.count_params()]],
        )
    )
    difference = float(np.abs(model.predict(split.x_test, verbose=0) - twin.predict(split.x_test, verbose=0)).max())

    bar = _ACCURACY_BAR.get(split.name, _ACCURACY_BAR["mnist"])[run.quick]
    run.metrics({"test_accuracy": accuracy, "parameters": total})
    run.claim(
        f"An MLP built from DenseFromScratch layers ({' -> '.join(str(r[2]) for r in table)}) reaches "
        f">= {{test_accuracy:.0%}} test accuracy on {split.name}; every layer's parameter count "
        "equals inputs·units + units; keras.layers.Dense with the same weights predicts the same.",
        claim_parts(accuracy, bar, table, difference),
        total_parameters=total,
        keras_dense_parameters=twin.count_params(),
        **{f"{name}_parameters": counted for name, *_, counted, _ in table[1:]},
    )
    _log_first_layer(run, model, start, split.input_shape)
