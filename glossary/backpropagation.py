"""Backpropagation computes the gradient of the loss with respect to every weight of a network in
one backward sweep, applying the chain rule layer by layer from the output toward the input and
reusing each intermediate result.

## Intuition
After a wrong answer, every weight deserves some share of the blame. The forward pass computes the
prediction and keeps each layer's values. The backward pass starts from the error at the output
and hands blame back one layer at a time, each layer splitting what it received among its inputs
by how much each mattered. The sweep costs about as much as one or two forward passes; nudging
each weight separately to see its effect would need one forward pass per weight, millions of them.

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

## In practice
Frameworks implement it as reverse-mode automatic differentiation: each operation records how to
pass gradients back, so any network built from such operations gets its gradients for free. On a
recurrent net unrolled in time it is called backpropagation through time.

## Try it
`nutshell demo backpropagation` trains an MLP (64 → 256 → 256 → 10, tanh) on the digits, checks
the hand-written `backward` against the backend's automatic differentiation before and after
training, then times both. Measured (seed 0, CPU): the gradients agree to within 5 × 10⁻⁷
(relative), and a forward plus a backward pass over 1,438 images takes about 13 ms, 2.5 to 2.8
times as long as a forward pass alone (timings vary from run to run). Nudging each of the 85,002 weights in turn would take 170,004
forward passes. Handed the wrong slope, `backward` fails the check.

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
    "steps_per_execution": 8,
    "epochs": 20, "batch_size": 32, "learning_rate": 0.001, "datasets": ("digits", "mnist", "fashion_mnist"),
    "quick": {"epochs": 5},
}

__all__ = ["forward", "backward", "mean_loss", "autodiff_gradients"]

# Everything above is read by the registry without importing this module; the code below needs Keras.
import time

import keras
import numpy as np
from keras import ops

from nutshell import data
from nutshell.glossary.activation import ACTIVATIONS
from nutshell.glossary.cross_entropy import cross_entropy
from nutshell.glossary.mlp import mlp
from nutshell.glossary.softmax import softmax


def forward(weights, x, activation="tanh"):
    """The forward pass of an MLP classifier, keeping what the backward pass will need.

    Hidden layers compute z = aW + b and a = f(z); the last layer's z goes through softmax.

    Args:
        weights: (kernel, bias) pairs, input side first; kernel has shape (inputs, units).
        x: a batch of inputs, (batch, features).
        activation: the hidden layers' f, a key of `nutshell.glossary.activation.ACTIVATIONS`.

    Returns: (inputs, pre_activations, probabilities): each layer's input a and its z, and the
    softmax output (batch, classes).
    """
    f, _ = ACTIVATIONS[activation]
    a = ops.convert_to_tensor(x, dtype="float32")
    inputs, pre_activations = [], []
    for index, (kernel, bias) in enumerate(weights):
        inputs.append(a)
        z = ops.matmul(a, ops.cast(kernel, "float32")) + ops.cast(bias, "float32")
        pre_activations.append(z)
        a = softmax(z) if index == len(weights) - 1 else f(z)
    return inputs, pre_activations, a


def mean_loss(weights, x, labels, activation="tanh"):
    """L: the mean cross-entropy of the MLP's predictions, the number backward() differentiates."""
    return ops.mean(cross_entropy(labels, forward(weights, x, activation)[2]))


def backward(weights, x, labels, activation="tanh"):
    """∂L/∂W and ∂L/∂b for every layer, by one sweep of the chain rule from the output down.

    With δ = ∂L/∂z (one row per example):

    - output (softmax with cross-entropy, mean over the batch): δ = (p − onehot(y)) / batch;
    - a layer's weights: ∂L/∂W = aᵀδ, with a the layer's input; ∂L/∂b = the column sums of δ;
    - the layer below: δ ← (δWᵀ) ⊙ f′(z), one matrix product and one slope per layer.

    Each δ is computed once and used twice (for this layer's weights and for the next δ): that
    reuse is why the sweep costs about two forward passes, not one per weight.

    Returns: a list of (kernel gradient, bias gradient), input side first.
    """
    _, slope = ACTIVATIONS[activation]
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


def autodiff_gradients(function, variables):
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
        import torch

        variables = [v.detach().requires_grad_(True) for v in variables]
        function(variables).backward()
        return [v.grad for v in variables]
    raise NotImplementedError(f"autodiff_gradients knows no backend {backend!r}")


# --- the demo --------------------------------------------------------------------------------

HIDDEN = (256, 256)


def _dense_weights(model):
    return [(layer.kernel, layer.bias) for layer in model.layers if isinstance(layer, keras.layers.Dense)]


def _gradients_both_ways(weights, x, y):
    """(ours, autodiff's): the gradients of every kernel, then of every bias, as numpy arrays."""
    kernels, biases = [k for k, _ in weights], [b for _, b in weights]
    automatic = autodiff_gradients(
        lambda v: mean_loss(list(zip(v[:len(kernels)], v[len(kernels):])), x, y, "tanh"),
        kernels + biases)
    ours = backward(weights, x, y, "tanh")
    ours = [k for k, _ in ours] + [b for _, b in ours]
    return [ops.convert_to_numpy(g) for g in ours], [ops.convert_to_numpy(g) for g in automatic]


def _largest_relative_difference(ours, automatic):
    return max(float(np.linalg.norm(o - a) / np.linalg.norm(a)) for o, a in zip(ours, automatic))


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


def demo(run):
    """Hand-written backpropagation equals autodiff and costs a few forward passes."""
    split = data.load_images(run.settings.dataset)
    if run.quick and len(split.x_train) > 2000:
        split = split.subset(2000, 1000)
    x, y = split.x_train.reshape(len(split.x_train), -1), split.y_train
    model = mlp(split.input_shape, hidden=HIDDEN, outputs=split.num_classes, activation="tanh",
                output_activation="softmax")
    weights = _dense_weights(model)
    parameters = model.count_params()

    run.say(f"An MLP {x.shape[1]} -> {' -> '.join(map(str, HIDDEN))} -> {split.num_classes} "
            f"({parameters:,} weights) on {split.name}; our backward sweep against the backend's "
            "automatic differentiation, on all training images…")
    forward_error = float(np.abs(ops.convert_to_numpy(forward(weights, x)[2])
                                 - model.predict(split.x_train, verbose=0)).max())
    at_start = _largest_relative_difference(*_gradients_both_ways(weights, x, y))
    run.train_and_evaluate(model, (split.x_train, y), (split.x_test, split.y_test),
                           loss="sparse_categorical_crossentropy", metrics=["accuracy"])
    ours, automatic = _gradients_both_ways(weights, x, y)
    after_training = _largest_relative_difference(ours, automatic)
    for layer in range(len(weights)):  # TensorBoard: kernel_gradient_norm/*, x = layer (1 = first)
        run.scalars({"backprop": float(np.linalg.norm(ours[layer])),
                     "autodiff": float(np.linalg.norm(automatic[layer]))},
                    step=layer + 1, prefix="kernel_gradient_norm")
    run.say(f"  largest relative difference: {at_start:.1e} at the start, {after_training:.1e} "
            "after training")

    forward_time, gradient_time = _median_seconds(
        [lambda: forward(weights, x)[2], lambda: backward(weights, x, y)[0][0]],
        repeats=11 if run.quick else 31)
    cost = gradient_time / forward_time
    run.say(f"Time on {len(x):,} images: forward {1e3 * forward_time:.1f} ms, forward + backward "
            f"{1e3 * gradient_time:.1f} ms ({cost:.1f} forward passes). Nudging each weight in turn "
            f"(central differences) would take {2 * parameters:,} forward passes, about "
            f"{2 * parameters * forward_time / 60:.0f} min.")
    tolerance = 1e-5
    # our forward pass runs in float32; under --precision mixed the model itself computes in float16
    forward_tolerance = 1e-4 if model.compute_dtype == "float32" else 5e-2
    run.claim(
        "Hand-written backpropagation gives the same gradients as automatic differentiation "
        f"(largest relative difference <= {tolerance:g}, at the start and after training), and "
        "a forward plus a backward pass costs <= 4 forward passes, where nudging each weight "
        f"would need {2 * parameters:,}.",
        verdict=max(at_start, after_training) <= tolerance and cost <= 4.0 and forward_error <= forward_tolerance,
        relative_difference_at_start=at_start, relative_difference_after_training=after_training,
        forward_vs_model=forward_error, gradient_cost_in_forward_passes=cost,
        forward_ms=1e3 * forward_time, forward_and_backward_ms=1e3 * gradient_time,
    )
