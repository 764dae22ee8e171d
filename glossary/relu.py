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
then 0 on every example, so no gradient reaches its weights. In the first hidden layer, whose
inputs are the data themselves, nothing can change that: the unit is dead for good. A unit
deeper in the network can come back, because the layers below it keep learning, and once they
move its input to where its sum is positive it fires and learns again. A large learning rate
can kill many units at once. Leaky ReLU, max(αz, z) with a small α such as 0.01, keeps a small
slope below zero so that no unit is ever cut off. "ReLU" is used both for the function and for
a unit that applies it.

## Try it
`nutshell demo relu` trains two hidden layers of 64 ReLU units on the digits with Adam, at 0.001
and at 0.1. In quick mode on seeds 0-4, 2 to 5 of the first layer's 64 units end up dead at 0.001
(zero on every training image) and 58 to 60 at 0.1; 4 more epochs at 0.001 revive none of them,
since a dead first-layer unit gets no gradient at all. In the second layer 27 to 47 units die at
0.1, and on three of the five seeds 1 to 3 of them come back, pulled along by the layer below.
With leaky ReLU in their place no unit falls silent and the claim fails.

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
ALIASES = (
    "rectified linear unit",
    "rectifier",
    "half-wave rectifier",
    "rectified linear function",
    "leaky relu",
    "relu activation",
    "linear rectifier",
)

DEMO = {
    "epochs": 8,
    "batch_size": 32,
    "learning_rate": 0.001,
    "datasets": ("digits", "mnist"),
    "quick": {"epochs": 4},
    "ignores": {
        "learning_rate": "the demo compares two fixed Adam rates, 0.001 and 0.1, "
        "to show what a rate far too large does to ReLU units"
    },
}

PREREQUISITES = ("activation", "layer")

PREDICT = {
    "question": "A network with two hidden layers of 64 ReLU units is trained on digit images with Adam "
    "at its usual learning rate, 0.001, and a fresh copy at 0.1, a hundred times larger. "
    "How many of the first hidden layer's units end up outputting zero on every training "
    "image?",
    "options": {
        "A": "a few in either network: a unit only falls silent through an unlucky start",
        "B": "a few at 0.001, most of them at 0.1",
        "C": "the other way round: many at 0.001, few at 0.1",
        "D": "many in both networks",
        "E": "it depends on the seed",
    },
    "why": "A \"dead\" ReLU is a unit whose pre-activation is negative for every training input: its "
    "slope is then 0 on every example, so no gradient reaches its weights. A large learning rate "
    "can kill many units at once.",
}

RECALL = (
    {
        "question": "A ReLU layer receives z = (−2, 0.5, 3). By what does it multiply the upstream gradient "
        "on the way back?",
        "options": {"A": "(0, 1, 1)", "B": "(0, 0.5, 3)", "C": "(1, 1, 1)", "D": "(0, 0.25, 0.25)"},
        "answer": "A",
        "why": "Example: for z = (−2, 0.5, 3) a ReLU layer outputs (0, 0.5, 3) and passes back the upstream "
        "gradient multiplied by (0, 1, 1).",
    },
    {
        "question": "A ReLU unit in the first hidden layer outputs 0 for every training input. What can "
        "more training do about it?",
        "options": {
            "A": "nothing: the unit stays silent for good",
            "B": "revive it, once the layers below it move its input",
            "C": "revive it, if the learning rate is lowered",
            "D": "revive it through its bias, which always gets a gradient",
        },
        "answer": "A",
        "why": "In the first hidden layer, whose inputs are the data themselves, nothing can change that: "
        "the unit is dead for good.",
    },
)

__all__ = ["dead_units"]

# Everything above is read by the registry without importing this module; the code below needs Keras.
import keras
import numpy as np

from nutshell.glossary._claims import Part, at_least, at_most, held_on_some_seeds, recorded_parts
from nutshell.glossary._run import Run
from nutshell.glossary.mlp import hidden_outputs, mlp


def dead_units(outputs) -> np.ndarray:
    """Which units of a ReLU layer are dead: exactly 0 for every input in `outputs` (examples, units).

    A dead unit's slope is 0 on every example, so no gradient reaches its incoming weights or its
    bias and nothing can change them. In the first hidden layer, whose inputs are the data
    themselves, such a unit stays dead for good.

    Example:
        >>> dead_units(np.array([[0.0, 1.5, 0.0], [0.0, 0.0, 2.0]])).tolist()
        [True, False, False]
    """
    return np.all(np.asarray(outputs) == 0, axis=0)


# --- the demo --------------------------------------------------------------------------------

ACTIVATION = "relu"
# The two rates compared, Adam's usual step and one a hundred times larger. Chosen with
# `--held-out` (a validation split of the digits' training images), seeds 100-102, quick mode:
# 0.88-0.95 of the first layer's units dead at 0.1, 0.02-0.05 at 0.001; in the second hidden
# layer 0 or 1 dead unit came back. The bars, half and a quarter, leave a wide berth.
USUAL_RATE, TOO_LARGE_RATE = 1e-3, 1e-1
MANY_DEAD, FEW_DEAD = 0.5, 0.25


def _network(split) -> keras.Model:
    return mlp(
        split.input_shape,
        hidden=(64, 64),
        outputs=split.num_classes,
        activation=ACTIVATION,
        output_activation="softmax",
        kernel_initializer="he_normal",
    )


def _train(run: Run, model: keras.Model, split, rate: float, name: str | None = None) -> list[np.ndarray]:
    """Train with Adam at `rate` (a fresh optimizer: no momentum carried over); return the dead
    units of each hidden layer on the training images."""
    run.compile(
        model, loss="sparse_categorical_crossentropy", metrics=["accuracy"], optimizer=keras.optimizers.Adam(rate)
    )
    run.fit(model, split.x_train, split.y_train, validation_data=(split.x_test, split.y_test), name=name)
    return [dead_units(outputs) for outputs in hidden_outputs(model, split.x_train)]


def claim_parts(dead_usual: float, dead_too_large: float, revived_first_layer: int) -> list[Part]:
    """Many first-layer units die at the large rate, few at the usual one; and none revives, which
    is true by construction (no gradient reaches a dead first-layer unit): a check, not a vote."""
    return [
        at_least("dead_share_rate_too_large", dead_too_large, MANY_DEAD),
        at_most("dead_share_usual_rate", dead_usual, FEW_DEAD),
        at_most("revived_units", revived_first_layer, 0, kind="identity"),
    ]


def outcome(claim: dict) -> str:
    """Which PREDICT option the measured claim shows: where the first layer's units died.

    "Most" and "few" are the claim's bars: at least MANY_DEAD (half) of the units dead at the large
    rate, at most FEW_DEAD (a quarter) at the usual one. "E" when either part held on some seeds
    and not on others.
    """
    parts = recorded_parts(claim)
    large, usual = parts["dead_share_rate_too_large"], parts["dead_share_usual_rate"]
    if held_on_some_seeds(large, usual):
        return "E"
    many_at_large, few_at_usual = large["mean"] >= large["bar"], usual["mean"] <= usual["bar"]
    if many_at_large:
        return "B" if few_at_usual else "D"
    if few_at_usual:
        return "A"
    return "C" if usual["mean"] > large["mean"] else "D"


def demo(run: Run) -> None:
    """A learning rate far too large kills ReLU units, and a dead first-layer unit never comes back."""
    split = run.load_images(quick=(2000, 1000))
    model = _network(split)
    at_start = dead_units(hidden_outputs(model, split.x_train)[0])
    run.say(
        f"An MLP with two hidden layers of 64 {ACTIVATION} units on {split.name} (He initialisation: "
        f"{at_start.mean():.0%} of the first layer's units are dead before training). Adam at "
        f"{USUAL_RATE:g}…"
    )
    dead_usual = _train(run, model, split, USUAL_RATE)
    run.say(f"…and the same network at {TOO_LARGE_RATE:g}…")
    wrecked = _network(split)
    dead_harmful = _train(run, wrecked, split, TOO_LARGE_RATE, name="rate-too-large")
    run.say(f"…then {run.epochs} more epochs of that one at {USUAL_RATE:g}: does any unit revive?")
    dead_after = _train(run, wrecked, split, USUAL_RATE, name="rate-too-large-then-usual")
    revived = [int(np.sum(before & ~after)) for before, after in zip(dead_harmful, dead_after)]

    stages = [
        ("at the start", at_start),
        (f"Adam {USUAL_RATE:g}", dead_usual[0]),
        (f"Adam {TOO_LARGE_RATE:g}", dead_harmful[0]),
        (f"then Adam {USUAL_RATE:g}", dead_after[0]),
    ]
    run.say(
        run.table(
            "dead_units",
            ["first hidden layer", "dead units (of 64)"],
            [[label, int(mask.sum())] for label, mask in stages],
        )
    )
    run.metrics({"dead_share_usual_rate": dead_usual[0].mean(), "dead_share_rate_too_large": dead_harmful[0].mean()})
    run.claim(
        f"Adam at a learning rate of {TOO_LARGE_RATE:g}, a hundred times its usual {USUAL_RATE:g}, "
        "leaves >= {dead_share_rate_too_large:.0%} of the first hidden layer's ReLU units dead (0 on "
        "every training image) against <= {dead_share_usual_rate:.0%} at the usual rate, and none "
        f"of them revives in {run.epochs} further epochs at the usual rate (the second hidden layer's "
        "dead units can: the layer below them still learns).",
        claim_parts(float(dead_usual[0].mean()), float(dead_harmful[0].mean()), revived[0]),
        dead_share_at_start=float(at_start.mean()),
        second_layer_dead_after_rate_too_large=int(dead_harmful[1].sum()),
        second_layer_revived=revived[1],
    )
    # TensorBoard: each first-layer unit as one pixel, white = dead (8x8, one image per stage)
    run.images(
        "dead_units/first_layer",
        np.stack([m.reshape(8, 8, 1) for _, m in stages]).astype("float32"),
        enlarge=16,
        rescale=False,
    )
