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

Each step of plain gradient descent (SGD) updates every parameter θ by the rule
θ ← θ − η ∂L/∂θ, with η the learning rate. The demo below trains with Adam instead, which scales
each parameter's step by running averages of its past gradients: two more numbers per parameter,
which is why its saved state triples the file.

## Common confusions
- Hyperparameters (learning rate, number of layers, batch size) are chosen by you, not learned;
  parameters are learned.
- Activations are values computed from the parameters and the current input; they change with
  every example, the parameters only during training.
- More parameters need more data; with too few examples a large model memorizes them.

## Try it
`nutshell demo parameter` counts the 101,770 parameters of the MLP above, trains it on MNIST
with Adam and copies them into a freshly built twin. With `--quick` (3 epochs on 3,000 images,
seeds 0-4) the twin's test accuracy jumps from 0.07-0.12 to the trained 0.912-0.925, with
identical predictions; copy nothing and it stays at chance, which fails the claim. Saved, the
parameters take 424 kB; with Adam's two running averages per parameter, 1.24 MB.

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
    "epochs": 8,
    "batch_size": 32,
    "learning_rate": 0.001,
    "datasets": ("mnist",),
    "quick": {"epochs": 3},
}

PREREQUISITES = ("unit", "layer")

PREDICT = {
    "question": "An MLP is trained on MNIST. Its trained parameters, and nothing else, are then copied "
    "into a freshly built network of the same shape that has never seen an image. How does "
    "that copy do on the test images?",
    "options": {
        "A": "exactly like the trained net, prediction for prediction",
        "B": "at chance: it never trained",
        "C": "above chance but clearly below the trained net: the optimizer's state stayed behind",
        "D": "it depends on the seed",
    },
    "why": "A parameter is a number inside a model that training adjusts, chiefly the weights on "
    "connections and the bias added at each unit; together they fix which function the network "
    "computes.",
}

RECALL = (
    {
        "question": "How many parameters does a 3 × 3 convolution from 64 to 128 channels have when it "
        "runs on 224 × 224 images?",
        "options": {"A": "73,728", "B": "73,856", "C": "billions: a kernel for every position", "D": "1,152"},
        "answer": "B",
        "why": "A 3 × 3 convolution from 64 to 128 channels needs only 3 × 3 × 64 × 128 + 128 = 73,856, "
        "however large the image, because the same kernel weights are reused at every position.",
    },
    {
        "question": "How many parameters does a dense layer from 128 inputs to 10 units have?",
        "options": {"A": "1,280", "B": "138", "C": "1,290", "D": "1,408"},
        "answer": "C",
        "why": "784 × 128 + 128 = 100,480 and 128 × 10 + 10 = 1,290, so 101,770 parameters",
    },
)

__all__ = ["count_parameters", "parameter_table"]

# Everything above is read by the registry without importing this module; the code below needs Keras.
import os
import tempfile

import numpy as np

from nutshell.glossary._claims import Part, at_least, at_most, held_on_some_seeds, recorded_parts
from nutshell.glossary._run import Run
from nutshell.glossary.layer import dense_parameter_count
from nutshell.glossary.mlp import mlp


def count_parameters(model) -> int:
    """The number of trainable numbers in a model, counted from its weight tensors' shapes."""
    return int(sum(np.prod(weight.shape) for weight in model.trainable_weights))


def parameter_table(model) -> list[tuple[str, str, tuple[int, ...], int]]:
    """[(layer, weight name, shape, count)] for every trainable tensor: what training may change."""
    return [
        (layer.name, weight.name, tuple(weight.shape), int(np.prod(weight.shape)))
        for layer in model.layers
        for weight in layer.trainable_weights
    ]


# --- the demo --------------------------------------------------------------------------------

HIDDEN = 128
# Bars chosen on a validation split of MNIST (--quick --held-out, seeds 100-102): the fresh twin
# scored 0.10-0.12, the twin with the trained parameters 0.889-0.908 (3 epochs on 3,000 images),
# so "learned" is >= 0.8; the files carried 16.6 kB (alone) and 20.4 kB (with Adam) beyond the
# float32 numbers.
_BARS = {"chance": 0.2, "learned": 0.8, "file_overhead_bytes": 32_000}


def _network(split):
    """784 -> 128 (ReLU) -> 10 (softmax): the worked example of the entry."""
    return mlp(
        split.input_shape,
        hidden=(HIDDEN,),
        outputs=split.num_classes,
        activation="relu",
        output_activation="softmax",
        name="mlp",
    )


def _copy_parameters(source, target) -> None:
    """Every trained number of `source` into `target`, a network of the same architecture."""
    target.set_weights(source.get_weights())


def _weights_file_bytes(model):
    """The size of the model's weights saved alone (Keras's .weights.h5 file)."""
    with tempfile.TemporaryDirectory() as folder:
        path = os.path.join(folder, "model.weights.h5")
        model.save_weights(path)
        return os.path.getsize(path)


def _accuracy(model, split) -> float:
    return float(np.mean(model.predict(split.x_test, verbose=0).argmax(1) == split.y_test))


def claim_parts(
    counted: int,
    formula: int,
    copy_gap: float,
    untrained_accuracy: float,
    copy_accuracy: float,
    file_bytes: int,
    file_bytes_with_adam: int,
) -> list[Part]:
    """The count and the file sizes follow from the shapes (checks); what the numbers are worth is
    measured: a fresh network is at chance, and with the trained numbers copied in it is not."""
    return [
        at_most("parameters_off_formula", abs(counted - formula), 0, kind="identity"),
        at_most("copy_prediction_gap", copy_gap, 0.0, kind="identity"),
        at_most("weights_file_overhead_bytes", file_bytes - 4 * counted, _BARS["file_overhead_bytes"], kind="identity"),
        at_most(
            "weights_file_with_adam_overhead_bytes",
            file_bytes_with_adam - 12 * counted,
            _BARS["file_overhead_bytes"],
            kind="identity",
        ),
        at_most("untrained_accuracy", untrained_accuracy, _BARS["chance"]),
        at_least("copy_accuracy", copy_accuracy, _BARS["learned"]),
    ]


def outcome(claim: dict) -> str:
    """Which PREDICT option the measured claim shows: identical predictions (A), else the copy's
    accuracy at or below the chance bar (B) or above it (C); D if the accuracy bar held on some
    seeds only."""
    parts = recorded_parts(claim)
    accuracy, gap = parts["copy_accuracy"], parts["copy_prediction_gap"]
    if held_on_some_seeds(accuracy):
        return "D"
    if gap["max"] <= 1e-6:
        return "A"
    return "B" if accuracy["mean"] <= _BARS["chance"] else "C"


def demo(run: Run) -> None:
    """The parameters are everything training learns: count them, copy them, weigh them."""
    split = run.load_images(quick=(3000, 1000))
    model = _network(split)
    counted = count_parameters(model)
    inputs = int(np.prod(split.input_shape))
    formula = dense_parameter_count(inputs, HIDDEN) + dense_parameter_count(HIDDEN, split.num_classes)
    run.say(f"{inputs} -> {HIDDEN} -> {split.num_classes}: {counted:,} parameters (formula: {formula:,}).")
    run.table(
        "parameters",
        ["layer", "tensor", "shape", "numbers"],
        [[layer, name, "×".join(map(str, shape)), n] for layer, name, shape, n in parameter_table(model)],
    )

    fresh = _network(split)  # same architecture, its own random start
    untrained_accuracy = _accuracy(fresh, split)
    before = [np.array(w) for w in model.get_weights()]
    run.train_and_evaluate(
        model,
        (split.x_train, split.y_train),
        (split.x_test, split.y_test),
        loss="sparse_categorical_crossentropy",
        metrics=["accuracy"],
    )
    moved = sum(int(np.sum(a != b)) for a, b in zip(before, model.get_weights()))

    run.say("Copying the trained parameters into the fresh network, which has never seen an image…")
    _copy_parameters(model, fresh)
    copy_accuracy = _accuracy(fresh, split)
    copy_gap = float(np.abs(fresh.predict(split.x_test, verbose=0) - model.predict(split.x_test, verbose=0)).max())
    blank = int(np.sum(split.x_train.reshape(len(split.x_train), -1).max(axis=0) == 0))
    run.say(
        f"Training moved {moved:,} of the {counted:,}; {blank} pixels are blank in every training "
        f"image, so the {blank * HIDDEN:,} weights that read them never received a gradient."
    )
    size = _weights_file_bytes(fresh)  # the values alone: `fresh` has no optimizer
    with_adam = _weights_file_bytes(model)  # the trained model's file also keeps Adam's state
    run.say(
        f"Saved, the parameters take {size / 1e3:,.1f} kB ({4 * counted / 1e3:,.1f} kB of float32 "
        f"numbers, the rest names and layout); with Adam's two running averages per parameter, "
        f"{with_adam / 1e3:,.1f} kB."
    )
    run.metrics(
        {
            "test_accuracy": copy_accuracy,
            "untrained_accuracy": untrained_accuracy,
            "parameters": counted,
            "weights_file_bytes": size,
            "weights_file_bytes_with_adam": with_adam,
        }
    )
    run.claim(
        f"The {inputs}-{HIDDEN}-{split.num_classes} MLP has {counted:,} parameters, as n_in·n_out + n_out "
        "per layer says, and they are all that training learned: a freshly built twin scores "
        "<= {untrained_accuracy:.0%} on the test images, and with the trained parameters copied in, "
        "nothing else, it reproduces the trained predictions exactly and scores >= {copy_accuracy:.0%}. "
        "Saved they take 4 bytes each (plus < {weights_file_overhead_bytes:,.0f} bytes of names and "
        "layout), 12 with Adam's state.",
        claim_parts(counted, formula, copy_gap, untrained_accuracy, copy_accuracy, size, with_adam),
        parameters=counted,
        parameters_changed_by_training=moved,
        blank_input_pixels=blank,
        weights_file_bytes=size,
        weights_file_bytes_with_adam=with_adam,
    )
    hidden = model.get_layer("hidden_1").kernel
    run.mosaic("hidden_weights", np.asarray(hidden).T.reshape(-1, *split.input_shape)[:32], enlarge=2)
