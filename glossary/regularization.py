"""Regularization is any change to training that curbs overfitting, giving up a little fit on the
training data in exchange for better results on new data; the classic form adds a penalty on large weights (L2,
also called weight decay) to the loss.

## Intuition
Given two explanations that fit the facts, prefer the simpler one. A network with millions of
weights can bend itself around every noisy point; a penalty on weight size makes sharp bends
costly, so the fitted function stays smooth and the noise is ignored. The penalty strength is a
dial: too weak and the model still memorises, too strong and it underfits.

Penalties are only one family. Dropout, data augmentation, early stopping and simply using a
smaller model all regularize too: each limits how closely the model can hug the training set.

## The math
L2 penalty with strength λ ≥ 0 on the weights w = (w₁, …, w_n):

    L_total(w) = L(w) + λ‖w‖²,    ‖w‖² = ∑ⱼ wⱼ²

Its gradient is ∇L + 2λw, so one gradient step with step size η becomes

    w ← w − η(∇L + 2λw) = (1 − 2ηλ) w − η ∇L

Before the usual update every weight is multiplied by (1 − 2ηλ), a slight shrink toward zero,
hence "weight decay". Example: η = 0.1 and λ = 0.01 give a factor of 0.998 per step. Many texts
write the penalty as (λ/2)‖w‖², which makes the factor (1 − ηλ).

The L1 penalty λ ∑ⱼ |wⱼ| pushes many weights to exactly zero, giving sparse models. Biases are
usually left unpenalised.

## In practice
Typical weight-decay values lie between 1e-5 and 1e-3; the 2012 ImageNet ConvNet used 0.0005.
With adaptive optimisers such as Adam, adding λ‖w‖² to the loss is not the same as shrinking the
weights directly, which is why "decoupled" weight decay (AdamW) exists.

## Try it
`nutshell demo regularization` repeats the overfitting demo (100 noisy points, 66,817 parameters)
with and without an L2 penalty of λ = 0.01 on every kernel, the strength that left the lowest
test loss on fresh, held-out data (larger than the usual range: the penalty here weighs against
a loss averaged over only 100 points). Seed 0, 150 epochs: the penalty gives up fit (training
loss 0.064 → 0.310) and wins on fresh points: test loss 1.41 → 0.36, train-test accuracy gap
0.18 → 0.03, test accuracy 0.797 → 0.841. The weights stay small (‖W‖ 65.6 → 3.6), and
TensorBoard shows both decision surfaces side by side.

## See also
- **overfitting**: the problem regularization treats
- **dropout**: a regularizer built for neural networks
- **data-augmentation**: regularizing through more varied data
- **loss-function**: the term the penalty is added to
- **gradient-descent**: where the decay factor appears
- **early-stopping**: a regularizer that limits training time instead of weights

## Sources
- [overview]
- [hoerl1970]
- [krogh1992]
- [loshchilov2019]
"""

TITLE = "Regularization"
ALIASES = (
    "regularisation",
    "weight decay",
    "l2 regularization",
    "l2 penalty",
    "l1 regularization",
    "ridge regression",
    "lasso",
    "penalty term",
    "adamw",
)

# The overfitting rig's settings, shared with overfitting and dropout: why these numbers, in
# glossary/_overfit.py (SETTINGS, which a test keeps equal to this literal).
DEMO = {
    "epochs": 150,
    "batch_size": 16,
    "learning_rate": 0.01,
    "datasets": ("synthetic",),
    "quick": {"epochs": 60},
}

PREREQUISITES = ("overfitting",)

PREDICT = {
    "question": "The overfitting set-up (a 66,817-parameter MLP, 100 noisy XOR points) is trained "
    "twice: as it is, and with λ‖W‖² (λ = 0.01) added to its loss. How does the "
    "penalised network do, against the plain one, on its training points and on fresh "
    "points (loss without the penalty term)?",
    "options": {
        "A": "worse on its training points, better on fresh ones",
        "B": "as good or better on its training points, and better on fresh ones",
        "C": "no better on fresh points: the penalty only costs fit",
        "D": "it depends on the seed",
    },
    "why": "A network with millions of weights can bend itself around every noisy point; a penalty "
    "on weight size makes sharp bends costly, so the fitted function stays smooth and the "
    "noise is ignored.",
}

RECALL = (
    {
        "question": "Gradient descent with step size η = 0.1 on L(w) + λ‖w‖², λ = 0.01. Before the "
        "usual gradient step, what is each weight multiplied by?",
        "options": {"A": "0.999", "B": "0.998", "C": "0.98", "D": "1.002"},
        "answer": "B",
        "why": "Before the usual update every weight is multiplied by (1 − 2ηλ), a slight shrink toward "
        "zero, hence \"weight decay\". Example: η = 0.1 and λ = 0.01 give a factor of 0.998 per "
        "step.",
    },
)

__all__ = ["L2Penalty", "weight_decay_factor"]

# Everything above is read by the registry without importing this module; the code below needs Keras.
import math

import keras
from keras import ops

from nutshell.glossary._claims import Part, at_least, at_most, held_on_some_seeds, recorded_parts
from nutshell.glossary._overfit import noisy_xor_sample, overparameterized_mlp, ratio, train
from nutshell.glossary._run import Run
from nutshell.glossary.overfitting import measure_overfitting


@keras.saving.register_keras_serializable(package="nutshell")
class L2Penalty(keras.regularizers.Regularizer):
    """The L2 penalty λ‖w‖² = λ ∑ⱼ wⱼ² on one weight tensor, added to the loss while training.

    Keras adds what a layer's regularizers return to the loss it minimises, so the gradient
    every weight receives gains the term 2λw: the pull towards zero that makes this weight decay.
    It equals `keras.regularizers.L2(λ)`.

    Args:
        strength: λ ≥ 0; 0 switches the penalty off.

    Example:
        >>> import numpy as np
        >>> float(L2Penalty(0.5)(np.array([1.0, -2.0])))
        2.5
    """

    def __init__(self, strength: float = 0.01):
        if not isinstance(strength, (int, float)) or not math.isfinite(strength) or strength < 0:
            raise ValueError(f"strength must be a finite number >= 0, not {strength!r}")
        self.strength = float(strength)

    def __call__(self, weights):
        return self.strength * ops.sum(ops.square(weights))

    def get_config(self):
        return {"strength": self.strength}


def weight_decay_factor(learning_rate: float, strength: float) -> float:
    """What one plain gradient step with the penalty does to a weight before the usual update:
    w ← (1 − 2ηλ)w − η∇L, so each step multiplies it by 1 − 2ηλ."""
    return 1.0 - 2.0 * learning_rate * strength


# --- the demo --------------------------------------------------------------------------------

# λ, chosen on fresh data before any bar: the rig's net trained with λ = 0, 1e-3, 3e-3, 1e-2 and
# 3e-2 on seeds 100-104 (new noisy-XOR points, never reported), and the λ with the lowest mean
# test loss (data term) on their fresh points taken. After 150 epochs: 1.04 (no penalty), 0.49,
# 0.362, 0.356, 0.47; after 60 (quick mode) the same order: 0.70, 0.39, 0.365, 0.359, 0.47.
STRENGTH = 1e-2

# The bars, chosen on seeds 100-109 with λ = 1e-2 (fresh data, never reported): round numbers that
# the worst of those seeds clears by at least 10%. After 60 epochs (quick): training data loss
# 1.40-4.6x the plain net's, test loss 0.38-0.72x, ‖W‖ 0.06-0.11x. After 150 (full): 1.97-15x,
# 0.25-0.41x, 0.05-0.08x. The test-loss ratio depends on how far the plain net has overfitted,
# so it has a bar per mode. The accuracy-gap ratio is shown but not claimed: with gaps of a few
# points out of 100 training points it ranged from -0.3 to 0.92 after 60 epochs.
MIN_TRAIN_LOSS_RISE, MAX_NORM_RATIO = 1.25, 0.2
MAX_LOSS_RATIO = {"quick": 0.8, "full": 0.5}


def kernel_norm(model: keras.Model) -> float:
    """‖W‖ over all kernels: the size the penalty charges for."""
    return float(
        math.sqrt(sum(float(ops.sum(ops.square(layer.kernel))) for layer in model.layers if hasattr(layer, "kernel")))
    )


def measure(plain: keras.Model, penalised: keras.Model, histories, train_set, test_set) -> dict:
    """Trained models in, numbers out: how much each overfits (measure_overfitting) and its ‖W‖.

    The loss Keras reports for the penalised model includes λ‖W‖²: the data terms compared here
    leave it out, so both nets are scored on the same cross-entropy."""
    base, l2 = (
        measure_overfitting(model, history, train_set, test_set)
        for model, history in zip((plain, penalised), histories)
    )
    penalty = float(sum(float(loss) for loss in penalised.losses))
    l2 = {**l2, "train_loss": l2["train_loss"] - penalty, "test_loss": l2["test_loss"] - penalty}
    base["weight_norm"], l2["weight_norm"] = kernel_norm(plain), kernel_norm(penalised)
    return {"no_penalty": base, "l2": l2}


def claim_parts(m: dict, quick: bool = False) -> list[Part]:
    """The penalty gives up fit on the training points (a higher data loss there) and wins on
    fresh ones (a lower test loss, by more the longer the plain net has had to overfit), and it
    does so by keeping the weights small."""
    base, l2 = m["no_penalty"], m["l2"]
    return [
        at_least("train_loss_rise", ratio(l2["train_loss"], base["train_loss"]), MIN_TRAIN_LOSS_RISE),
        at_most(
            "test_loss_ratio", ratio(l2["test_loss"], base["test_loss"]), MAX_LOSS_RATIO["quick" if quick else "full"]
        ),
        at_most("weight_norm_ratio", ratio(l2["weight_norm"], base["weight_norm"]), MAX_NORM_RATIO),
    ]


def demo(run: Run) -> None:
    """The overfitting set-up with and without an L2 penalty on every kernel."""
    train_set, test_set = noisy_xor_sample(run.seed)
    run.say("The overfitting set-up first: a 66,817-parameter MLP on 100 noisy XOR points…")
    plain = overparameterized_mlp(name="no_penalty")
    histories = [train(run, plain, train_set, test_set, name="no-penalty")]
    run.say(f"…then the same network with λ‖W‖² (λ = {STRENGTH}) added to the loss.")
    penalised = overparameterized_mlp(kernel_regularizer=L2Penalty(STRENGTH), name="l2_penalty")
    histories.append(train(run, penalised, train_set, test_set))

    m = measure(plain, penalised, histories, train_set, test_set)
    base, l2 = m["no_penalty"], m["l2"]
    run.say(
        run.table(
            "comparison",
            ["", "no penalty", "L2"],
            [
                ["training loss (data term)", base["train_loss"], l2["train_loss"]],
                ["test loss (data term)", base["test_loss"], l2["test_loss"]],
                ["train accuracy", base["train_accuracy"], l2["train_accuracy"]],
                ["test accuracy", base["test_accuracy"], l2["test_accuracy"]],
                ["noise labels reproduced", base["noise_fitted"], l2["noise_fitted"]],
                ["‖W‖", base["weight_norm"], l2["weight_norm"]],
            ],
        )
    )
    run.metrics(
        {
            "test_accuracy": l2["test_accuracy"],
            "test_loss": l2["test_loss"],
            "test_accuracy_no_penalty": base["test_accuracy"],
            "test_loss_no_penalty": base["test_loss"],
        }
    )
    run.claim(
        f"An L2 penalty (λ = {STRENGTH}) trades training fit for results on fresh points: after "
        f"{run.epochs} epochs its training loss (data term) is >= {{train_loss_rise}}x that of the "
        "same network without it, its test loss <= {test_loss_ratio}x, and its weights are kept "
        "small: ‖W‖ <= {weight_norm_ratio}x.",
        claim_parts(m, quick=run.quick),
        train_loss_no_penalty=base["train_loss"],
        train_loss_l2=l2["train_loss"],
        test_loss_no_penalty=base["test_loss"],
        test_loss_l2=l2["test_loss"],
        accuracy_gap_no_penalty=base["accuracy_gap"],
        accuracy_gap_l2=l2["accuracy_gap"],
        accuracy_gap_ratio=ratio(l2["accuracy_gap"], base["accuracy_gap"]),
        test_accuracy_no_penalty=base["test_accuracy"],
        test_accuracy_l2=l2["test_accuracy"],
        weight_norm_no_penalty=base["weight_norm"],
        weight_norm_l2=l2["weight_norm"],
    )
    run.decision_surface("decision_surface/no_penalty", plain, extent=2.5)
    run.decision_surface("decision_surface/l2_penalty", penalised, extent=2.5)


def outcome(claim: dict) -> str:
    """Which PREDICT option the measured claim shows: the penalised net's training loss over the
    plain net's (train_loss_rise) and its test loss over the plain net's (test_loss_ratio)."""
    parts = recorded_parts(claim)
    rise, loss = parts["train_loss_rise"], parts["test_loss_ratio"]
    if held_on_some_seeds(rise, loss):
        return "D"
    if loss["mean"] > 0.9:
        return "C"
    return "A" if rise["mean"] >= 1.1 else "B"
