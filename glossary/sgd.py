"""Stochastic gradient descent updates the parameters using the gradient from a small random subset
of the training examples, a mini-batch, instead of the whole data set, trading a noisier step for
many more steps per unit of compute.

## Intuition
To learn which way the whole country leans in an election, you do not need to ask everyone; a poll
of a thousand people gives a fair estimate at a tiny fraction of the cost. SGD polls the training
set: it measures the gradient on a handful of examples, takes a step, then polls a fresh handful.
Each step is slightly off but cheap, and on average the steps head the right way. The jitter
can even help the search escape flat spots and sharp, narrow dips.

## The math
With N training examples, per-example losses ℓ_i(θ) and a mini-batch S of B examples drawn at
random, one update with learning rate η is

θ ← θ − η × (1/B) ∑ (i in S) ∇ℓ_i(θ)

The mini-batch average is an unbiased estimate of the full gradient, and its noise (variance) falls
roughly as 1/B. One epoch is one pass through all N examples, which takes N / B updates: with
N = 50,000 and B = 100, that is 500 updates per epoch where full-batch descent would make one.

Momentum, a common addition, keeps a running velocity v: v ← μ v − η g, then θ ← θ + v, with
g the mini-batch gradient and μ around 0.9. It smooths the noise and speeds travel along shallow
valleys. Robbins and Monro showed that a decaying step size with ∑ η_t = ∞ and ∑ η_t² < ∞ lets
such noisy updates converge; in practice η is often cut by a factor of 10 a few times in training.

## In practice
- Typical batch sizes run from 32 to a few hundred, limited by GPU memory and by how well larger
  batches generalize.
- Shuffle the data every epoch so the batches differ.
- Adam and RMSProp are SGD variants that adapt η separately for each parameter.

## Try it
`nutshell demo sgd` uses a 64 → 32 → 10 tanh MLP on the digits. At the starting weights it draws
mini-batches and measures how far their gradients land from the full one: the squared error falls
from 20.5 at B = 1 to 0.077 at B = 256, a log-log slope of −1.01 where 1/B predicts −1. Then
mini-batches of 32 race full-batch descent, same learning rate, same 20 passes over the data: the
mini-batch run passes a training loss of 0.5 in epoch 2 and ends at 0.07; full batch, 20 steps in
all, ends at 1.38.

## See also
- **gradient-descent**: the full-batch method SGD approximates
- **backpropagation**: supplies the per-batch gradient
- **loss-function**: the average that each batch estimates
- **overfitting**: why held-out data is checked after each epoch
- **gpu**: why mini-batches are processed in parallel

## Sources
- [lecun2015]
- [robbins1951]
- [bottou2010]
"""

TITLE = "Stochastic Gradient Descent (SGD)"
ALIASES = (
    "stochastic gradient descent",
    "mini-batch",
    "batch size",
    "epoch",
    "mini-batch gradient descent",
    "momentum",
    "iteration",
)

DEMO = {
    "steps_per_execution": 8,
    "epochs": 20, "batch_size": 32, "learning_rate": 0.2, "datasets": ("digits", "mnist"),
    "quick": {"epochs": 6},
}

__all__ = ["minibatch_gradient_noise"]

# Everything above is read by the registry without importing this module; the code below needs Keras.
import time

import keras
import numpy as np
from keras import ops

from nutshell import data
from nutshell.glossary.backpropagation import backward
from nutshell.glossary.mlp import mlp


def minibatch_gradient_noise(gradient, n, batch_sizes, draws=100, seed=0):
    """E‖g_B − g‖²: how far a mini-batch gradient g_B lands from the full gradient g, per size B.

    `gradient(indices)` returns the (flattened) gradient of the mean loss over those training
    examples. Batches are drawn with replacement, so the B per-example gradients are independent
    and the expected squared error of their mean is exactly (variance of one) / B.

    Returns {B: mean of ‖g_B − g‖² over `draws` batches}.
    """
    rng = np.random.default_rng(seed)
    full = gradient(np.arange(n))
    return {size: float(np.mean([np.sum((gradient(rng.integers(0, n, size)) - full) ** 2)
                                 for _ in range(draws)]))
            for size in batch_sizes}


# --- the demo --------------------------------------------------------------------------------

NOISE_BATCH_SIZES = (1, 4, 16, 64, 256)
TARGET_LOSS = 0.5


class _TrainingLoss(keras.callbacks.Callback):
    """The loss on the whole training set after each epoch (Keras's own "loss" is a running
    average over the epoch's batches, taken while the weights were still moving)."""

    def __init__(self, x, y):
        super().__init__()
        self.x, self.y, self.losses, self.seconds, self._start = x, y, [], [], None

    def on_train_begin(self, logs=None):
        self._start = time.perf_counter()

    def on_epoch_end(self, epoch, logs=None):
        p = ops.convert_to_numpy(self.model(self.x, training=False)).astype("float64")
        self.losses.append(float(-np.mean(np.log(np.clip(p[np.arange(len(self.y)), self.y], 1e-7, 1)))))
        self.seconds.append(time.perf_counter() - self._start)


def _epochs_to(losses, target):
    """The first epoch (counting from 1) that ends with the loss at or below `target`, else None."""
    return next((epoch for epoch, loss in enumerate(losses, start=1) if loss <= target), None)


def demo(run):
    """Mini-batch gradients are noisy (variance ∝ 1/B), yet mini-batch SGD wins the race."""
    split = data.load_images(run.settings.dataset)
    if run.quick and len(split.x_train) > 2000:
        split = split.subset(2000, 1000)
    x, y = split.x_train, split.y_train.astype("int64")
    flat = x.reshape(len(x), -1)

    def network():
        return mlp(split.input_shape, hidden=(32,), outputs=split.num_classes, activation="tanh",
                   output_activation="softmax")

    model = network()
    start = model.get_weights()
    weights = [(layer.kernel, layer.bias) for layer in model.layers if isinstance(layer, keras.layers.Dense)]

    def gradient(indices):
        return np.concatenate([ops.convert_to_numpy(g).ravel()
                               for pair in backward(weights, flat[indices], y[indices]) for g in pair])

    run.say("How far a mini-batch gradient lands from the full-batch one, at the starting weights…")
    noise = minibatch_gradient_noise(gradient, len(x), NOISE_BATCH_SIZES, draws=50 if run.quick else 200,
                                     seed=run.seed)
    slope = float(np.polyfit(np.log(list(noise)), np.log(list(noise.values())), 1)[0])
    for size, value in noise.items():
        run.say(f"  B = {size:>3}: E‖g_B − g‖² = {value:.3g}")
        run.scalars({"squared_error": value}, step=size, prefix="gradient_noise")  # x = batch size
    run.say(f"  slope on a log-log scale: {slope:.2f} (1/B would be −1)")

    results = {}
    for batch_size, name in ((run.batch_size, None), (len(x), "full-batch")):
        racer = network()
        racer.set_weights(start)  # both start from the same weights
        tracker = _TrainingLoss(x, y)
        run.compile(racer, loss="sparse_categorical_crossentropy", metrics=["accuracy"], optimizer="sgd")
        run.fit(racer, x, y, batch_size=batch_size, validation_data=(split.x_test, split.y_test),
                name=name, callbacks=[tracker])
        results[name or "mini-batch"] = tracker
        reached = _epochs_to(tracker.losses, TARGET_LOSS)
        run.say(f"Batch {batch_size}: {-(-len(x) // batch_size)} step(s) per epoch; training loss after "
                f"{run.epochs} epochs {tracker.losses[-1]:.3f}, loss <= {TARGET_LOSS} "
                + (f"after epoch {reached} ({tracker.seconds[reached - 1]:.1f} s)" if reached else "never"))
    mini, full = results["mini-batch"], results["full-batch"]
    mini_epochs = _epochs_to(mini.losses, TARGET_LOSS)
    run.metrics({"training_loss_mini_batch": mini.losses[-1], "training_loss_full_batch": full.losses[-1]})
    run.claim(
        f"The mini-batch gradient's squared error falls as 1/B (log-log slope between −1.2 and −0.8 "
        f"for B = {', '.join(map(str, NOISE_BATCH_SIZES))}), and with the same learning rate and "
        f"the same {run.epochs} passes over the data, mini-batches of {run.batch_size} bring the "
        f"training loss below {TARGET_LOSS} within 3 epochs and end >= 3x lower than full-batch "
        "descent.",
        verdict=(-1.2 <= slope <= -0.8 and mini_epochs is not None and mini_epochs <= 3
                 and full.losses[-1] >= 3 * mini.losses[-1]),
        noise_slope=slope, mini_batch_epochs_to_target=mini_epochs or float("nan"),
        mini_batch_final_loss=mini.losses[-1], full_batch_final_loss=full.losses[-1],
        mini_batch_seconds=mini.seconds[-1], full_batch_seconds=full.seconds[-1],
        **{f"noise_batch_{size}": value for size, value in noise.items()},
    )
