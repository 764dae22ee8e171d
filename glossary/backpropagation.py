"""Backpropagation computes the gradient of the loss with respect to every weight of a network in
one backward sweep, applying the chain rule layer by layer from the output toward the input and
reusing each intermediate result.

## Intuition
After a wrong answer, every weight deserves some share of the blame. The forward pass computes the
prediction and keeps each layer's values. The backward pass starts from the error at the output
and hands blame back one layer at a time, each layer splitting what it received among its inputs
by how much each mattered. The sweep costs about as much as one or two forward passes. The naive
alternative, nudging each weight separately and watching the loss, needs one extra forward pass
per weight (two when it nudges both ways): millions of passes for a network of millions of
weights.

## The math
For layer l: z^l = W^l a^(l−1) + b^l and a^l = φ(z^l), with a^0 the input, φ the activation and
L the loss. Define the error of layer l as δ^l = ∂L/∂z^l. Then

- output layer: δ^m = ∂L/∂a^m ⊙ φ′(z^m)
- earlier layers: δ^l = ((W^(l+1))ᵀ δ^(l+1)) ⊙ φ′(z^l)
- weights: ∂L/∂W^l = δ^l (a^(l−1))ᵀ
- biases: ∂L/∂b^l = δ^l

⊙ is the element-wise product and ᵀ the transpose. Every line is the chain rule; the saving comes
from computing δ once per layer and reusing it.

Tiny example: one sigmoid unit a = σ(w x), loss L = (a − t)² / 2, with x = 1, w = 0, t = 1.
Forward: z = 0, a = 0.5. Backward: ∂L/∂a = a − t = −0.5, σ′(0) = 0.25, so δ = −0.125 and
∂L/∂w = δ x = −0.125. A gradient step with learning rate 1 moves w to 0.125, pushing a toward 1.

Finite differences, for comparison, estimate each ∂L/∂w from the loss itself: one-sided,
(L(w + h) − L(w)) / h, one extra forward pass per weight (P + 1 passes for P weights); central,
(L(w + h) − L(w − h)) / 2h, two per weight (2P passes), more accurate.

## In practice
Frameworks implement it as reverse-mode automatic differentiation: each operation records how to
pass gradients back, so any network built from such operations gets its gradients for free. On a
recurrent net unrolled in time it is called backpropagation through time.

## Try it
`nutshell demo backpropagation` builds an MLP (64 → 256 → 256 → 10, tanh) for the digits and
checks the hand-written `backward` against the backend's automatic differentiation, before and
after training. Then it trains the net by plain SGD on nothing but those hand-written gradients,
and trains a twin from the same start with the error stopped at the output layer (only the last
layer learns, as if there were no backward sweep). With `--quick` (5 epochs, seeds 0-4) the
gradients agree with autodiff to within 4 × 10⁻⁷ (relative); the backprop-trained net reaches
0.944-0.967 test accuracy and a test loss of 0.155-0.167, where the twin stays at 0.640-0.674
(0.90-0.92 accuracy). A forward plus a backward pass over 1,438 images took 2.6 to 6.1 times as
long as a forward pass alone, depending on machine load; finite differences would need 85,003
forward passes one-sided, 170,004 central. With every slope set to 0 the error stops at the
output, the two nets learn the same, and the claim fails.

## See also
- **gradient-descent**: uses the gradients backpropagation delivers
- **loss-function**: the quantity being differentiated
- **vanishing-gradient**: what long chains of derivatives can do
- **rnn**: backpropagation through time

## Sources
- [lecun2015]
- [overview]
- [raschka]
- [rumelhart1986]
"""

TITLE = "Backpropagation"
ALIASES = (
    "backprop",
    "backward pass",
    "chain rule",
    "error backpropagation",
    "reverse-mode differentiation",
    "reverse-mode automatic differentiation",
    "reverse-mode auto-differentiation",
    "error signal",
)

DEMO = {
    # Plain SGD on the hand-written gradients: rate 0.1 and batch 32, chosen with 0.05 and 0.2 on
    # a validation split of the digits (seeds 100-102, 5 epochs; see _BARS below).
    "epochs": 20,
    "batch_size": 32,
    "learning_rate": 0.1,
    "datasets": ("digits", "mnist", "fashion_mnist"),
    "quick": {"epochs": 5},
    "single_device": "it trains with its own loop over the hand-written gradients, not with Keras's "
    "fit, so there is nothing a strategy could spread over replicas",
}

PREREQUISITES = ("gradient-descent", "layer")

PREDICT = {
    "question": "The same MLP is trained twice from the same start by plain SGD on hand-written "
    "gradients: once with the error sent back through every layer, once with it stopped "
    "at the output so that only the last layer learns. How do their test losses compare?",
    "options": {
        "A": "the net whose every layer learns ends below half the other's loss",
        "B": "the net whose every layer learns is ahead, but by less than a factor of two",
        "C": "about the same: the output layer does most of the learning",
        "D": "the net whose last layer alone learns ends lower",
        "E": "it depends on the seed",
    },
    "why": "After a wrong answer, every weight deserves some share of the blame. The forward pass "
    "computes the prediction and keeps each layer's values. The backward pass starts from the "
    "error at the output and hands blame back one layer at a time, each layer splitting what it "
    "received among its inputs by how much each mattered.",
}

RECALL = (
    {
        "question": "A network has P weights. How many forward passes does estimating its whole gradient "
        "by central finite differences take?",
        "options": {"A": "1", "B": "P + 1", "C": "2P", "D": "P²"},
        "answer": "C",
        "why": "central, (L(w + h) − L(w − h)) / 2h, two per weight (2P passes), more accurate.",
    },
    {
        "question": "One sigmoid unit a = σ(w x) with loss (a − t)² / 2 sits at x = 1, w = 0, target t = 1. "
        "What is ∂L/∂w?",
        "options": {"A": "−0.5", "B": "−0.125", "C": "0.25", "D": "zero"},
        "answer": "B",
        "why": "Backward: ∂L/∂a = a − t = −0.5, σ′(0) = 0.25, so δ = −0.125 and ∂L/∂w = δ x = −0.125.",
    },
)

__all__ = ["activation_and_slope", "forward", "backward", "mean_loss", "autodiff_gradients"]

# Everything above is read by the registry without importing this module; the code below needs Keras.
import time

import keras
import numpy as np
from keras import ops

from nutshell.glossary._claims import Part, at_least, at_most, held_on_some_seeds, recorded_parts
from nutshell.glossary._run import Run
from nutshell.glossary.cross_entropy import cross_entropy
from nutshell.glossary.mlp import mlp
from nutshell.glossary.softmax import softmax


def activation_and_slope(name: str) -> tuple:
    """(f, f′) for a hidden layer: the activation the forward pass applies and its slope, the one
    thing about the activation that the backward sweep multiplies by.

    Example:
        >>> f, slope = activation_and_slope("tanh")
        >>> float(f(0.0)), float(slope(0.0))
        (0.0, 1.0)
    """
    table = {
        "tanh": (ops.tanh, lambda z: 1.0 - ops.square(ops.tanh(z))),  # 1 − tanh²(z)
        "sigmoid": (ops.sigmoid, lambda z: ops.sigmoid(z) * (1.0 - ops.sigmoid(z))),  # σ(1 − σ)
        "relu": (ops.relu, lambda z: ops.cast(z > 0, z.dtype)),  # 1 where z > 0
    }
    if name not in table:
        raise ValueError(f"activation must be one of {sorted(table)}, not {name!r}")
    return table[name]


def forward(weights, x, activation: str = "tanh") -> tuple:
    """The forward pass of an MLP classifier, keeping what the backward pass will need.

    Hidden layers compute z = aW + b and a = f(z); the last layer's z goes through softmax.

    Args:
        weights: (kernel, bias) pairs, input side first; kernel has shape (inputs, units).
        x: a batch of inputs, (batch, features).
        activation: the hidden layers' f: "tanh", "sigmoid" or "relu".

    Returns: (inputs, pre_activations, probabilities): each layer's input a and its z, and the
    softmax output (batch, classes).
    """
    f, _ = activation_and_slope(activation)
    a = ops.convert_to_tensor(x, dtype="float32")
    inputs, pre_activations = [], []
    for index, (kernel, bias) in enumerate(weights):
        inputs.append(a)
        z = ops.matmul(a, ops.cast(kernel, "float32")) + ops.cast(bias, "float32")
        pre_activations.append(z)
        a = softmax(z) if index == len(weights) - 1 else f(z)
    return inputs, pre_activations, a


def mean_loss(weights, x, labels, activation: str = "tanh"):
    """L: the mean cross-entropy of the MLP's predictions, the number backward() differentiates."""
    return ops.mean(cross_entropy(labels, forward(weights, x, activation)[2]))


def backward(weights, x, labels, activation: str = "tanh") -> list:
    """∂L/∂W and ∂L/∂b for every layer, by one sweep of the chain rule from the output down.

    With δ = ∂L/∂z (one row per example):

    - output (softmax with cross-entropy, mean over the batch): δ = (p − onehot(y)) / batch;
    - a layer's weights: ∂L/∂W = aᵀδ, with a the layer's input; ∂L/∂b = the column sums of δ;
    - the layer below: δ ← (δWᵀ) ⊙ f′(z), one matrix product and one slope per layer.

    Each δ is computed once and used twice (for this layer's weights and for the next δ): that
    reuse is why the sweep costs about two forward passes, not one per weight.

    Returns: a list of (kernel gradient, bias gradient), input side first.
    """
    _, slope = activation_and_slope(activation)
    inputs, pre_activations, p = forward(weights, x, activation)
    labels = ops.cast(ops.reshape(labels, (-1,)), "int32")
    delta = (p - ops.one_hot(labels, ops.shape(p)[-1])) / ops.cast(ops.shape(p)[0], "float32")
    gradients = []
    for index in reversed(range(len(weights))):
        gradients.append((ops.matmul(ops.transpose(inputs[index]), delta), ops.sum(delta, axis=0)))
        if index > 0:  # the input layer needs no δ of its own
            kernel = ops.cast(weights[index][0], "float32")
            delta = ops.matmul(delta, ops.transpose(kernel)) * slope(pre_activations[index - 1])
    return gradients[::-1]


def autodiff_gradients(function, variables) -> list:
    """The gradient of the scalar `function(variables)` by the backend's reverse-mode autodiff.

    The one place that needs the backend itself: Keras 3 has no backend-neutral gradient call.
    Returns one gradient per variable, in order.
    """
    # fresh tensors holding the values (a Keras Variable is not something every tape can watch)
    variables = [ops.convert_to_tensor(ops.convert_to_numpy(v), dtype="float32") for v in variables]
    backend = keras.backend.backend()
    if backend == "tensorflow":
        import tensorflow as tf

        with tf.GradientTape() as tape:
            tape.watch(variables)
            value = function(variables)
        return tape.gradient(value, variables)
    if backend == "jax":
        import jax

        return jax.grad(function)(variables)
    if backend == "torch":
        variables = [v.detach().requires_grad_(True) for v in variables]
        function(variables).backward()
        return [v.grad for v in variables]
    raise NotImplementedError(f"autodiff_gradients knows no backend {backend!r}")


# --- the demo --------------------------------------------------------------------------------

HIDDEN = (256, 256)
# The bars, chosen on a validation split of the digits (`--quick --held-out`, seeds 100-102,
# SGD 0.1): the backprop-trained net scored 0.950-0.955 and its validation loss was 0.26-0.28
# of the output-only twin's (0.19-0.20 against 0.72-0.75).
_BARS = {"test_accuracy": 0.85, "test_loss_ratio_to_output_only": 0.5}
_GRADIENT_TOLERANCE = 1e-5  # float32 arithmetic, relative to the gradient's norm
_COST_BAR = 4.0  # forward + backward, in forward passes


def _dense_weights(model):
    """The model's (kernel, bias) pairs as numpy copies, input side first."""
    return [
        (ops.convert_to_numpy(layer.kernel).copy(), ops.convert_to_numpy(layer.bias).copy())
        for layer in model.layers
        if isinstance(layer, keras.layers.Dense)
    ]


def _gradients_both_ways(weights, x, y):
    """(ours, autodiff's): the gradients of every kernel, then of every bias, as numpy arrays."""
    kernels, biases = [k for k, _ in weights], [b for _, b in weights]
    automatic = autodiff_gradients(
        lambda v: mean_loss(list(zip(v[: len(kernels)], v[len(kernels) :])), x, y, "tanh"), kernels + biases
    )
    ours = backward(weights, x, y, "tanh")
    ours = [k for k, _ in ours] + [b for _, b in ours]
    return [ops.convert_to_numpy(g) for g in ours], [ops.convert_to_numpy(g) for g in automatic]


def _largest_relative_difference(ours, automatic):
    return max(float(np.linalg.norm(o - a) / np.linalg.norm(a)) for o, a in zip(ours, automatic))


def _descend(run: Run, weights, x, y, learning_rate, layers, name):
    """Plain mini-batch SGD on the hand-written gradients: w ← w − η ∂L/∂w for the layers whose
    indices are in `layers` (the others keep their starting weights). Returns the trained copy.

    The batches come in the same order whoever trains, so two runs differ only in `layers`.
    """
    weights = [(kernel.copy(), bias.copy()) for kernel, bias in weights]
    order = np.random.default_rng(run.seed)
    for epoch in range(run.epochs):
        shuffled = order.permutation(len(x))
        for start in range(0, len(x), run.batch_size):
            batch = shuffled[start : start + run.batch_size]
            gradients = backward(weights, x[batch], y[batch])
            for index in layers:
                kernel, bias = weights[index]
                d_kernel, d_bias = (ops.convert_to_numpy(g) for g in gradients[index])
                weights[index] = (kernel - learning_rate * d_kernel, bias - learning_rate * d_bias)
        run.scalars({name: float(mean_loss(weights, x, y))}, step=epoch + 1, prefix="training_loss")
    return weights


def measure(trained, output_only, x_test, y_test) -> dict[str, float]:
    """Test loss and accuracy of the backprop-trained weights and of the output-only twin's."""

    def loss_and_accuracy(weights):
        probabilities = ops.convert_to_numpy(forward(weights, x_test)[2])
        return (float(mean_loss(weights, x_test, y_test)), float(np.mean(probabilities.argmax(axis=1) == y_test)))

    (loss, accuracy), (twin_loss, twin_accuracy) = map(loss_and_accuracy, (trained, output_only))
    return {
        "test_loss": loss,
        "test_accuracy": accuracy,
        "test_loss_output_only": twin_loss,
        "test_accuracy_output_only": twin_accuracy,
        "test_loss_ratio_to_output_only": loss / twin_loss,
    }


def _median_seconds(functions, repeats):
    """The median wall time of each function, waiting for its result to be computed.

    The functions take turns, so a burst of load from elsewhere on the machine slows them alike.
    """
    times = [[] for _ in functions]
    for round_ in range(repeats + 1):
        for function, record in zip(functions, times):
            start = time.perf_counter()
            ops.convert_to_numpy(function())
            if round_:  # the first round warms up
                record.append(time.perf_counter() - start)
    return [float(np.median(record)) for record in times]


def claim_parts(
    difference_at_start: float,
    difference_after_training: float,
    forward_error: float,
    test_accuracy: float,
    loss_ratio: float,
    cost: float,
    forward_tolerance: float = 1e-4,
) -> list[Part]:
    """The claim: the sweep equals autodiff (checks), its gradients alone train the whole net far
    better than the output layer alone can learn (measured), at a few forward passes (timing)."""
    return [
        at_most("relative_difference_at_start", difference_at_start, _GRADIENT_TOLERANCE, kind="identity"),
        at_most("relative_difference_after_training", difference_after_training, _GRADIENT_TOLERANCE, kind="identity"),
        at_most("forward_vs_model", forward_error, forward_tolerance, kind="identity"),
        at_least("test_accuracy", test_accuracy, _BARS["test_accuracy"]),
        at_most("test_loss_ratio_to_output_only", loss_ratio, _BARS["test_loss_ratio_to_output_only"]),
        at_most("gradient_cost_in_forward_passes", cost, _COST_BAR, kind="timing"),
    ]


def outcome(claim: dict) -> str:
    """Which PREDICT option the measured claim shows: the backprop-trained net's test loss over the
    output-only twin's, at most 0.5 (A), below 0.9 (B), within 10% (C), above (D); E if the bar
    held on some seeds only."""
    ratio = recorded_parts(claim)["test_loss_ratio_to_output_only"]
    if held_on_some_seeds(ratio):
        return "E"
    if ratio["mean"] <= 0.5:
        return "A"
    if ratio["mean"] < 0.9:
        return "B"
    return "C" if ratio["mean"] <= 1.1 else "D"


def demo(run: Run) -> None:
    """Hand-written backpropagation equals autodiff, trains every layer, and costs a few forward passes."""
    split = run.load_images(quick=(2000, 1000))
    x, y = split.x_train.reshape(len(split.x_train), -1), split.y_train
    x_test, y_test = split.x_test.reshape(len(split.x_test), -1), split.y_test
    model = mlp(
        split.input_shape, hidden=HIDDEN, outputs=split.num_classes, activation="tanh", output_activation="softmax"
    )
    start = _dense_weights(model)
    parameters = model.count_params()
    run.say(
        f"An MLP {x.shape[1]} -> {' -> '.join(map(str, HIDDEN))} -> {split.num_classes} "
        f"({parameters:,} weights) on {split.name}; our backward sweep against the backend's "
        "automatic differentiation, on all training images…"
    )
    forward_error = float(
        np.abs(ops.convert_to_numpy(forward(start, x)[2]) - model.predict(split.x_train, verbose=0)).max()
    )
    at_start = _largest_relative_difference(*_gradients_both_ways(start, x, y))

    run.say(
        f"Plain SGD (rate {run.learning_rate:g}, batch {run.batch_size}) on our gradients alone: "
        "once with the error sent back through every layer, once stopped at the output…"
    )
    trained = _descend(run, start, x, y, run.learning_rate, range(len(start)), "backprop")
    output_only = _descend(run, start, x, y, run.learning_rate, [len(start) - 1], "output_layer_only")
    ours, automatic = _gradients_both_ways(trained, x, y)
    after_training = _largest_relative_difference(ours, automatic)
    numbers = measure(trained, output_only, x_test, y_test)
    for layer in range(len(start)):  # TensorBoard: kernel_gradient_norm/*, x = layer (1 = first)
        run.scalars(
            {"backprop": float(np.linalg.norm(ours[layer])), "autodiff": float(np.linalg.norm(automatic[layer]))},
            step=layer + 1,
            prefix="kernel_gradient_norm",
        )
    run.say(
        f"  largest relative difference from autodiff: {at_start:.1e} at the start, {after_training:.1e} after training"
    )
    run.say(
        run.table(
            "trained_on_our_gradients",
            ["layers that learn", "test loss", "test accuracy"],
            [
                ["all (backpropagation)", numbers["test_loss"], numbers["test_accuracy"]],
                ["output layer only", numbers["test_loss_output_only"], numbers["test_accuracy_output_only"]],
            ],
        )
    )

    forward_time, gradient_time = _median_seconds(
        [lambda: forward(trained, x)[2], lambda: backward(trained, x, y)[0][0]], repeats=11 if run.quick else 31
    )
    cost = gradient_time / forward_time
    run.say(
        f"Time on {len(x):,} images: forward {1e3 * forward_time:.1f} ms, forward + backward "
        f"{1e3 * gradient_time:.1f} ms ({cost:.1f} forward passes). Finite differences would "
        f"take {parameters + 1:,} forward passes one-sided, {2 * parameters:,} central, about "
        f"{2 * parameters * forward_time / 60:.0f} min."
    )
    run.metrics({"test_accuracy": numbers["test_accuracy"], "test_loss": numbers["test_loss"]})
    # our forward pass runs in float32; under --precision mixed the model itself computes in float16
    tolerance = 1e-4 if model.compute_dtype == "float32" else 5e-2
    parts = claim_parts(
        at_start,
        after_training,
        forward_error,
        numbers["test_accuracy"],
        numbers["test_loss_ratio_to_output_only"],
        cost,
        forward_tolerance=tolerance,
    )
    run.claim(
        "Hand-written backpropagation gives the gradients automatic differentiation gives (largest "
        "relative difference <= {relative_difference_at_start:g}, at the start and after training), "
        "and they are all training needs: plain SGD on them reaches >= {test_accuracy:.0%} test "
        "accuracy, with a test loss <= {test_loss_ratio_to_output_only:g} times that of the same net "
        "trained from the same start with the error stopped at the output layer. A forward plus a "
        "backward pass costs <= {gradient_cost_in_forward_passes:g} forward passes, where central "
        f"finite differences would need {2 * parameters:,}.",
        parts,
        test_loss=numbers["test_loss"],
        test_loss_output_only=numbers["test_loss_output_only"],
        test_accuracy_output_only=numbers["test_accuracy_output_only"],
        forward_ms=1e3 * forward_time,
        forward_and_backward_ms=1e3 * gradient_time,
        weights=parameters,
    )
