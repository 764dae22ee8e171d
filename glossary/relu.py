"""The rectified linear unit, relu(z) = max(0, z), lets positive inputs through unchanged and
turns negative ones into zero; it is the default activation for hidden layers in deep networks.

## Intuition
ReLU is a one-way valve. Below zero the unit is silent; above zero it simply reports how strongly
it is driven. That simplicity pays off in three ways. It is cheap: a comparison, no exponential.
It does not saturate on the positive side, so every active unit passes the gradient back at full
strength instead of shrinking it as the sigmoid and tanh do. And it is sparse: for a typical
input, a large share of units output exactly zero.

The faster training this allows was a key part of the early-2010s breakthrough: deep supervised
networks could be trained from random weights without unsupervised pre-training, and the 2012
ImageNet-winning ConvNet relied on ReLUs together with GPUs and dropout.

## The math
relu(z) = max(0, z).
Slope: relu'(z) = 1 for z > 0 and 0 for z < 0; at z = 0 it is undefined and libraries use 0.

Example: for z = (−2, 0.5, 3) a ReLU layer outputs (0, 0.5, 3) and passes back the upstream
gradient multiplied by (0, 1, 1).

Each ReLU is linear on either side of zero, yet it is not a linear function, so a network of
ReLUs computes a piecewise-linear map whose number of linear pieces can grow very fast with
depth. That is enough to approximate curved functions as closely as needed.

## Common confusions
A "dead" ReLU is a unit whose pre-activation is negative for every training input: its slope is
always 0, so its weights stop changing and it never recovers. A large learning rate can cause
this. Leaky ReLU, max(αz, z) with a small α such as 0.01, keeps a small slope below zero to avoid
it. "ReLU" is used both for the function and for a unit that applies it.

## Try it
`nutshell demo relu` trains two hidden layers of 64 ReLU units on the digits with Adam, at 0.001
and at 0.1. At 0.001, 3 of the first layer's 64 units end up dead (zero on every training
image); at 0.1, 58 do, and 8 more epochs at 0.001 revive none of them, since a dead unit of the
first layer gets no gradient at all.

## See also
- **activation**: the family of functions ReLU belongs to
- **sigmoid**: the saturating function it displaced
- **vanishing-gradient**: the problem ReLU eases
- **maxout**: a learned generalisation of ReLU
- **deep-learning**: the field ReLU helped make practical

## Sources
- [dettmers2015]
- [lecun2015]
- [nair2010]
- [glorot2011]
- [krizhevsky2012]
"""

TITLE = "ReLU"
ALIASES = ("rectified linear unit", "rectifier", "half-wave rectifier", "rectified linear function",
           "leaky relu", "relu activation", "linear rectifier")

DEMO = {
    "steps_per_execution": 8,
    "epochs": 8, "batch_size": 32, "learning_rate": 0.001, "datasets": ("digits", "mnist"),
    "quick": {"epochs": 4},
}

__all__ = ["dead_units"]

# Everything above is read by the registry without importing this module; the code below needs Keras.
import numpy as np

from nutshell import data
from nutshell.glossary.mlp import hidden_outputs, mlp


def dead_units(outputs):
    """Which units of a ReLU layer are dead: 0 for every input in `outputs` (examples, units).

    A dead unit's slope is 0 on every example, so no gradient reaches its incoming weights or its
    bias and nothing can change them. In the first hidden layer, whose inputs are the data
    themselves, such a unit stays dead for good.

    Example:
        >>> dead_units(np.array([[0.0, 1.5, 0.0], [0.0, 0.0, 2.0]])).tolist()
        [True, False, False]
    """
    return np.all(np.asarray(outputs) <= 0, axis=0)


# --- the demo --------------------------------------------------------------------------------

TOO_LARGE = 100  # the harmful learning rate, as a multiple of the run's


def _network(split):
    return mlp(split.input_shape, hidden=(64, 64), outputs=split.num_classes, activation="relu",
               output_activation="softmax", kernel_initializer="he_normal")


def _train(run, model, split, learning_rate, name=None):
    run.compile(model, loss="sparse_categorical_crossentropy", metrics=["accuracy"],
                learning_rate=learning_rate)
    run.fit(model, split.x_train, split.y_train, validation_data=(split.x_test, split.y_test), name=name)
    return dead_units(hidden_outputs(model, split.x_train)[0])


def demo(run):
    """A learning rate far too large kills ReLU units, and a dead unit never comes back."""
    split = data.load_images(run.settings.dataset)
    if len(split.x_train) > 4000:
        split = split.subset(2000 if run.quick else 4000, 1000)
    fine, harmful = run.learning_rate, TOO_LARGE * run.learning_rate
    model = _network(split)
    at_start = dead_units(hidden_outputs(model, split.x_train)[0])
    run.say(f"An MLP with two hidden layers of 64 ReLU units on {split.name} (He initialisation: "
            f"{at_start.mean():.0%} of the first layer's units are dead before training). Adam at {fine:g}…")
    dead_fine = _train(run, model, split, fine)
    run.say(f"…and the same network at {harmful:g}, {TOO_LARGE}x larger…")
    wrecked = _network(split)
    dead_harmful = _train(run, wrecked, split, harmful, name=f"rate-x{TOO_LARGE}")
    run.say(f"…then {run.epochs} more epochs of that one at {fine:g}, to see whether any unit revives.")
    dead_after = _train(run, wrecked, split, fine, name=f"rate-x{TOO_LARGE}-then-fine")
    revived = int(np.sum(dead_harmful & ~dead_after))
    rows = [("at the start", at_start), (f"Adam {fine:g}", dead_fine), (f"Adam {harmful:g}", dead_harmful),
            (f"then Adam {fine:g}", dead_after)]
    run.text("dead_units", "| first hidden layer | dead units (of 64) |\n|---|---|\n"
             + "\n".join(f"| {label} | {int(mask.sum())} |" for label, mask in rows))
    for label, mask in rows:
        run.say(f"  {label}: {int(mask.sum())} of 64 first-layer units dead")
    # TensorBoard: each first-layer unit as one pixel, white = dead (8x8, one image per stage)
    run.images("dead_units/first_layer", np.stack([m.reshape(8, 8, 1) for _, m in rows]).astype("float32"),
               enlarge=16, rescale=False)
    run.metrics({"dead_share_fine": dead_fine.mean(), "dead_share_too_large": dead_harmful.mean()})
    run.claim(
        f"Adam at a learning rate {TOO_LARGE}x too large leaves >= 50% of the first hidden layer's "
        "ReLU units dead (0 on every training image) against <= 25% at the usual rate, and none of "
        f"them revives in {run.epochs} further epochs at the usual rate.",
        verdict=dead_harmful.mean() >= 0.5 and dead_fine.mean() <= 0.25 and revived == 0,
        dead_share_usual_rate=float(dead_fine.mean()), dead_share_rate_too_large=float(dead_harmful.mean()),
        dead_share_at_start=float(at_start.mean()), revived_units=revived,
    )
