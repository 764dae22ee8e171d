"""A parameter is a number inside a model that training adjusts, chiefly the weights on connections
and the bias added at each unit; together they fix which function the network computes.

## Intuition
Think of a mixing desk with thousands of knobs. The wiring of the desk, its layers and
connections, is the architecture; the knob settings are the parameters. A weight says how strongly
one input pushes a unit up or down, and its sign says which way. A bias shifts the point at which
the unit switches on, whatever the inputs are. Training turns every knob a little at a time until
the desk produces the sound you want, that is, until the loss is low.

## The math
A unit with inputs x_1..x_n computes a = φ(w_1 x_1 + ... + w_n x_n + b) = φ(w · x + b), with weights
w, bias b and activation φ. A dense layer from n_in inputs to n_out units has a weight matrix W of
shape n_out × n_in and a bias vector b of n_out entries: n_in × n_out + n_out parameters.

Worked count for an MLP with 784 inputs (a 28 × 28 image), 128 hidden units and 10 outputs:
784 × 128 + 128 = 100,480 and 128 × 10 + 10 = 1,290, so 101,770 parameters, about 407 KB at
4 bytes each (float32).

A 3 × 3 convolution from 64 to 128 channels needs only 3 × 3 × 64 × 128 + 128 = 73,856, however
large the image, because the same kernel weights are reused at every position.

Each training step updates every parameter θ by the rule θ ← θ − η ∂L/∂θ.

## Common confusions
- Hyperparameters (learning rate, number of layers, batch size) are chosen by you, not learned;
  parameters are learned.
- Activations are values computed from the parameters and the current input; they change with
  every example, the parameters only during training.
- More parameters need more data; with too few examples a large model memorizes them.

## Try it
`nutshell demo parameter` counts the 101,770 parameters of the MLP above, trains it on MNIST
and copies them into a freshly built twin, whose test accuracy jumps from 0.13 to the trained
0.94 with identical predictions. Saved, they take 424 kB; with Adam's two running averages per
parameter, 1.24 MB (seed 0).

## See also
- **unit**: where weights and a bias meet
- **fully-connected-layer**: the layer type with the most parameters
- **weight-sharing**: how convolutions keep the count small
- **gradient-descent**: how parameters are updated
- **overfitting**: the risk of too many parameters for the data
- **hyperparameter**: the settings you choose rather than learn

## Sources
- [dettmers2015]
- [overview]
- [lecun2015]
"""

TITLE = "Parameter"
ALIASES = (
    "weight",
    "bias",
    "weights and biases",
    "learnable parameter",
    "trainable parameter",
    "parameter count",
    "weight matrix",
    "bias vector",
    "weight coefficient",
    "parameter space",
)

DEMO = {
    "steps_per_execution": 8,
    "epochs": 8, "batch_size": 32, "learning_rate": 0.001, "datasets": ("mnist",),
    "quick": {"epochs": 3},
}

__all__ = ["count_parameters", "parameter_table"]

# Everything above is read by the registry without importing this module; the code below needs Keras.
import os
import tempfile

import keras
import numpy as np

from nutshell import data
from nutshell.glossary.layer import dense_parameter_count


def count_parameters(model):
    """The number of trainable numbers in a model, counted from its weight tensors' shapes."""
    return int(sum(np.prod(weight.shape) for weight in model.trainable_weights))


def parameter_table(model):
    """[(layer, weight name, shape, count)] for every trainable tensor: what training may change."""
    return [(layer.name, weight.name, tuple(weight.shape), int(np.prod(weight.shape)))
            for layer in model.layers for weight in layer.trainable_weights]


# --- the demo --------------------------------------------------------------------------------

def _mlp(input_shape, num_classes):
    """784 -> 128 (ReLU) -> 10 (softmax): the worked example of the entry."""
    return keras.Sequential([keras.Input(input_shape), keras.layers.Flatten(name="flatten"),
                             keras.layers.Dense(128, activation="relu", name="hidden"),
                             keras.layers.Dense(num_classes, activation="softmax", name="output")],
                            name="mlp")


def _weights_file_bytes(model):
    """The size of the model's weights saved alone (Keras's .weights.h5 file)."""
    with tempfile.TemporaryDirectory() as folder:
        path = os.path.join(folder, "model.weights.h5")
        model.save_weights(path)
        return os.path.getsize(path)


def demo(run):
    """The parameters are everything training learns: count them, copy them, weigh them."""
    split = data.load_images(run.settings.dataset)
    if run.quick:
        split = split.subset(3000, 1000)
    model = _mlp(split.input_shape, split.num_classes)
    counted = count_parameters(model)
    inputs = int(np.prod(split.input_shape))
    formula = dense_parameter_count(inputs, 128) + dense_parameter_count(128, split.num_classes)
    run.say(f"{inputs} -> 128 -> {split.num_classes}: {counted:,} parameters (formula: {formula:,}).")
    run.text("parameters", "| layer | tensor | shape | numbers |\n|---|---|---|---:|\n" + "\n".join(
        f"| {layer} | {name} | {'×'.join(map(str, shape))} | {n:,} |"
        for layer, name, shape, n in parameter_table(model)))

    fresh = _mlp(split.input_shape, split.num_classes)   # same architecture, its own random start
    fresh_accuracy = float(np.mean(fresh.predict(split.x_test, verbose=0).argmax(1) == split.y_test))
    before = [np.array(w) for w in model.get_weights()]
    accuracy = run.train_and_evaluate(model, (split.x_train, split.y_train), (split.x_test, split.y_test),
                                      loss="sparse_categorical_crossentropy", metrics=["accuracy"])["accuracy"]
    moved = sum(int(np.sum(a != b)) for a, b in zip(before, model.get_weights()))

    run.say("Copying the trained parameters into the fresh network, which has never seen an image…")
    fresh.set_weights(model.get_weights())
    copy_gap = float(np.abs(fresh.predict(split.x_test, verbose=0)
                            - model.predict(split.x_test, verbose=0)).max())
    blank = int(np.sum(split.x_train.reshape(len(split.x_train), -1).max(axis=0) == 0))
    run.say(f"Training moved {moved:,} of the {counted:,}; {blank} pixels are blank in every training "
            f"image, so the {blank * 128:,} weights that read them never received a gradient.")
    size = _weights_file_bytes(fresh)           # the values alone: `fresh` has no optimizer
    with_adam = _weights_file_bytes(model)      # the trained model's file also keeps Adam's state
    run.say(f"Saved, the parameters take {size / 1e3:,.1f} kB ({4 * counted / 1e3:,.1f} kB of float32 "
            f"numbers, the rest names and layout); with Adam's two running averages per parameter, "
            f"{with_adam / 1e3:,.1f} kB.")
    hidden = model.get_layer("hidden").kernel
    run.mosaic("hidden_weights", np.asarray(hidden).T.reshape(-1, *split.input_shape)[:32], enlarge=2)

    run.metrics({"test_accuracy": accuracy, "untrained_accuracy": fresh_accuracy,
                 "parameters": counted, "weights_file_bytes": size,
                 "weights_file_bytes_with_adam": with_adam})
    run.claim(
        f"The {inputs}-128-{split.num_classes} MLP has {counted:,} parameters, as n_in·n_out + n_out "
        "per layer says, and they are all that training learned: copied into a freshly built network "
        "they reproduce the trained predictions exactly, lifting it from chance (<= 0.2) to >= 0.90 "
        "test accuracy. Saved they take 4 bytes each (file: 4·count plus < 32 kB), 12 with Adam's "
        "state (12·count plus < 32 kB).",
        verdict=(counted == formula and copy_gap == 0.0 and fresh_accuracy <= 0.2 and accuracy >= 0.90
                 and 4 * counted <= size < 4 * counted + 32_000
                 and 12 * counted <= with_adam < 12 * counted + 32_000),
        parameters=counted, formula=formula, parameters_changed_by_training=moved,
        copy_prediction_gap=copy_gap, untrained_accuracy=fresh_accuracy, trained_accuracy=accuracy,
        blank_input_pixels=blank, weights_file_bytes=size, weights_file_bytes_with_adam=with_adam,
    )
