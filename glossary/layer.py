"""A layer is a group of units that all read the same input vector and together produce one output
vector; a network is built by feeding each layer's output into the next.

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
`nutshell demo layer` trains 64 → 32 ReLU → 10 softmax on the 8×8 digits with a dense layer
written from scratch, checks each layer's parameter count against n·m + m, and shows every hidden
unit's 64 weights as an 8×8 image.

## See also
- **unit**: what a layer is made of
- **fully-connected-layer**: the dense layer in detail
- **parameter**: the weights and biases being counted
- **neural-network**: layers chained into a model
- **convolution**: a layer type that shares its weights
- **pooling**: a layer type with no weights at all

## Sources
- Tim Dettmers, "Deep Learning in a Nutshell: Core Concepts", 2015 (NVIDIA Technical Blog).
- "A short overview of deep learning" (blog overview: neurons, layers, backprop).
- Y. LeCun, Y. Bengio, G. Hinton, "Deep learning", Nature 521, 436-444, 2015.
"""

TITLE = "Layer"
ALIASES = ("input layer", "hidden layer", "output layer", "network layer")

DEMO = {
    "steps_per_execution": 8,  # 1.2-1.6x examples/s on CPU (benchmarks/RESULTS.md)
    "epochs": 40, "batch_size": 32, "learning_rate": 0.003,
    "datasets": ("digits", "mnist", "fashion_mnist", "cifar10"),
    "quick": {"epochs": 15},
}

__all__ = ["DenseFromScratch", "dense_parameter_count"]

# Everything above is read by the registry without importing this module; the code below needs Keras.
import keras
import numpy as np
from keras import ops

from nutshell import data


@keras.saving.register_keras_serializable(package="nutshell")
class DenseFromScratch(keras.layers.Layer):
    """A dense layer: every unit reads the whole input vector, a' = f(aK + b).

    The kernel K has one column per unit and one row per input (shape (inputs, units)), so one
    matrix product computes all the units at once, for a whole batch. The number of inputs is not
    an argument: `build` reads it from the first input it sees, which is why the same layer works
    after a 64-pixel image or after another layer of any width. Given the same weights it equals
    `keras.layers.Dense(units, activation)`.

    Args:
        units: how many units, the length m of the output vector.
        activation: the nonlinearity applied to each unit's sum; any Keras activation name, or
            None for a linear layer (an output layer of logits, say).
        kernel_initializer: how K starts; Glorot uniform by default, as in Keras.

    Input shape: (batch, inputs). Output shape: (batch, units).

    Example:
        >>> DenseFromScratch(32, activation="relu")(np.zeros((4, 64))).shape
        (4, 32)
    """

    def __init__(self, units, activation=None, kernel_initializer="glorot_uniform", **kwargs):
        super().__init__(**kwargs)
        self.units = int(units)
        self.activation = keras.activations.get(activation)
        self.kernel_initializer = keras.initializers.get(kernel_initializer)

    def build(self, input_shape):
        inputs = input_shape[-1]
        # one weight per (input, unit) pair and one bias per unit: inputs·units + units numbers
        self.kernel = self.add_weight(shape=(inputs, self.units), initializer=self.kernel_initializer,
                                      name="kernel")
        self.bias = self.add_weight(shape=(self.units,), initializer="zeros", name="bias")

    def call(self, x):
        z = ops.matmul(x, self.kernel) + self.bias  # (batch, inputs) · (inputs, units) + (units,)
        return self.activation(z)

    def compute_output_shape(self, input_shape):
        return (*input_shape[:-1], self.units)

    def get_config(self):
        return {**super().get_config(), "units": self.units,
                "activation": keras.activations.serialize(self.activation),
                "kernel_initializer": keras.initializers.serialize(self.kernel_initializer)}


def dense_parameter_count(inputs: int, units: int) -> int:
    """The formula: inputs·units weights plus one bias per unit."""
    return inputs * units + units


# --- the demo --------------------------------------------------------------------------------

# The test accuracy each dataset's small MLP should reach. Only the digits bar is measured here
# (seeds 0-2); a one-hidden-layer MLP typically reaches ~0.97 on MNIST, ~0.87 on Fashion-MNIST
# and ~0.45 on CIFAR-10.
_ACCURACY_BAR = {"digits": 0.95, "mnist": 0.95, "fashion_mnist": 0.85, "cifar10": 0.40}


def _mlp(input_shape, hidden, classes):
    """Input layer (the flattened pixels, no parameters) -> hidden layer(s) -> softmax output layer."""
    return keras.Sequential(
        [keras.Input(input_shape), keras.layers.Flatten(name="input_pixels")]
        + [DenseFromScratch(units, activation="relu", name=f"hidden_{i}")
           for i, units in enumerate(hidden, start=1)]
        + [DenseFromScratch(classes, activation="softmax", name="output")])


def _same_model_from_keras_dense(model):
    """The same architecture built from keras.layers.Dense, holding our model's weights."""
    twin = keras.Sequential(
        [keras.Input(model.input_shape[1:]), keras.layers.Flatten()]
        + [keras.layers.Dense(layer.units, activation=layer.activation) for layer in model.layers
           if isinstance(layer, DenseFromScratch)])
    twin.set_weights(model.get_weights())
    return twin


def _parameter_table(model):
    """[(name, inputs, units, counted from the layer's weights, the formula)] for each layer."""
    rows = []
    for layer in model.layers:
        counted = int(sum(np.prod(weight.shape) for weight in layer.weights))
        if isinstance(layer, DenseFromScratch):
            inputs = int(layer.input.shape[-1])
            rows.append((layer.name, str(inputs), layer.units, counted,
                         dense_parameter_count(inputs, layer.units)))
        else:  # the input layer only lays the pixels out in a row: nothing to learn
            shape = "x".join(str(size) for size in layer.input.shape[1:])
            rows.append((layer.name, shape, int(layer.output.shape[-1]), counted, 0))
    return rows


def _weight_images(kernel, image_shape):
    """Each unit's column of the first kernel, reshaped to the input image: (units, H, W, C)."""
    return ops.convert_to_numpy(kernel).T.reshape(-1, *image_shape)


def _centred(images):
    """Each image scaled so that 0 is mid-grey and its largest magnitude is black or white."""
    peak = np.maximum(np.abs(images).max(axis=(1, 2, 3), keepdims=True), 1e-8)
    return 0.5 + 0.5 * images / peak


def demo(run):
    """An MLP built from DenseFromScratch: its accuracy, its parameter count, its first layer."""
    split = data.load_images(run.settings.dataset)
    hidden = [32]
    model = _mlp(split.input_shape, hidden, split.num_classes)
    start = ops.convert_to_numpy(model.get_layer("hidden_1").kernel)
    run.compile(model, loss="sparse_categorical_crossentropy", metrics=["accuracy"])
    run.fit(model, split.x_train, split.y_train, validation_data=(split.x_test, split.y_test))
    accuracy = float(model.evaluate(split.x_test, split.y_test, verbose=0)[1])

    table = _parameter_table(model)
    run.say("layer: inputs -> units, parameters counted / inputs·units + units")
    for step, (name, inputs, units, counted, formula) in enumerate(table):
        run.say(f"  {name}: {inputs} -> {units}, {counted} / {formula}")
        run.scalars({"counted": counted, "formula": formula}, step=step, prefix="parameters")
    run.text("parameters", "| layer | inputs | units | counted | in·out + out |\n|---|---|---|---|---|\n"
             + "\n".join(f"| {name} | {i} | {u} | {c} | {f} |" for name, i, u, c, f in table))
    counts_agree = all(counted == formula for *_, counted, formula in table)
    total = sum(counted for *_, counted, _ in table)

    twin = _same_model_from_keras_dense(model)
    difference = float(np.abs(model.predict(split.x_test, verbose=0)
                              - twin.predict(split.x_test, verbose=0)).max())

    first = _weight_images(model.get_layer("hidden_1").kernel, split.input_shape)
    run.images("first_layer_weights/units", first, max_outputs=len(first))
    run.mosaic("first_layer_weights/all_units", _centred(first), rescale=False, gap_value=0.5)
    # Pixels that are blank in almost every image (the digits' border) barely move from their
    # random start; the change shows what training wrote into each unit.
    run.mosaic("first_layer_weights/change_from_start",
               _centred(first - _weight_images(start, split.input_shape)), rescale=False, gap_value=0.5)

    bar = _ACCURACY_BAR[split.name]
    numbers = {f"{name}_parameters": counted for name, *_, counted, _ in table[1:]}
    numbers |= {f"{name}_formula": formula for name, *_, formula in table[1:]}
    run.metrics({"test_accuracy": accuracy, "parameters": total})
    run.claim(
        f"An MLP built from DenseFromScratch layers ({' -> '.join(str(r[2]) for r in table)}) reaches "
        f">= {bar:.2f} test accuracy on {split.name}; every layer's parameter count equals "
        "inputs·units + units; keras.layers.Dense with the same weights predicts the same.",
        verdict=accuracy >= bar and counts_agree and difference < 1e-5,
        test_accuracy=accuracy, total_parameters=total, max_difference_vs_keras_dense=difference,
        **numbers,
    )
