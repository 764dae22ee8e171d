"""Regularization is any change to training that gives up a little fit on the training data in
exchange for better results on new data; the classic form adds a penalty on large weights (L2,
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
with and without an L2 penalty of λ = 0.003 on every kernel. Seed 0: the penalty gives up fit
(training loss 0.064 → 0.249) and wins on fresh points: test loss 1.41 → 0.38, train-test
accuracy gap 0.18 → 0.07, test accuracy 0.797 → 0.829. The weights stay small (‖W‖ 65.6 → 5.2),
and TensorBoard shows both decision surfaces side by side.

## See also
- **overfitting**: the problem regularization treats
- **dropout**: a regularizer built for neural networks
- **data-augmentation**: regularizing through more varied data
- **loss-function**: the term the penalty is added to
- **gradient-descent**: where the decay factor appears

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

DEMO = {
    "steps_per_execution": 8,
    "epochs": 150, "batch_size": 16, "learning_rate": 0.01, "datasets": ("synthetic",),
    "quick": {"epochs": 60},
}

__all__ = ["L2Penalty", "weight_decay_factor"]

# Everything above is read by the registry without importing this module; the code below needs Keras.
import math

import keras
import numpy as np
from keras import ops

from nutshell.glossary.overfitting import fit_and_measure, noisy_xor_sample, overparameterized_mlp


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

    def __init__(self, strength=0.01):
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

STRENGTH = 3e-3  # λ, chosen on seeds 0-4: 1e-3 barely helps, 1e-2 starts to underfit


def _kernel_norm(model) -> float:
    """‖W‖ over all kernels: the size the penalty charges for."""
    return float(math.sqrt(sum(float(ops.sum(ops.square(layer.kernel)))
                               for layer in model.layers if hasattr(layer, "kernel"))))


def demo(run):
    """The overfitting set-up with and without an L2 penalty on every kernel."""
    train, test = noisy_xor_sample(run.seed)
    run.say("The overfitting set-up first: a 66,817-parameter MLP on 100 noisy XOR points…")
    plain = overparameterized_mlp(name="no_penalty")
    base = fit_and_measure(run, plain, train, test, name="no-penalty")
    run.say(f"…then the same network with λ‖W‖² (λ = {STRENGTH}) added to the loss.")
    penalised = overparameterized_mlp(kernel_regularizer=L2Penalty(STRENGTH), name="l2_penalty")
    l2 = fit_and_measure(run, penalised, train, test)
    # The loss Keras reports for the penalised model includes λ‖W‖²; compare the data terms.
    penalty = float(sum(penalised.losses))
    data_loss = {"train": l2["train_loss"] - penalty, "test": l2["test_loss"] - penalty}
    norms = {"no_penalty": _kernel_norm(plain), "l2_penalty": _kernel_norm(penalised)}

    run.decision_surface("decision_surface/no_penalty", plain, extent=2.5)
    run.decision_surface("decision_surface/l2_penalty", penalised, extent=2.5)
    rows = [("training loss (data term)", base["train_loss"], data_loss["train"]),
            ("test loss (data term)", base["test_loss"], data_loss["test"]),
            ("train accuracy", base["train_accuracy"], l2["train_accuracy"]),
            ("test accuracy", base["test_accuracy"], l2["test_accuracy"]),
            ("noise labels reproduced", base["noise_fitted"], l2["noise_fitted"]),
            ("‖W‖", norms["no_penalty"], norms["l2_penalty"])]
    run.text("comparison", "| | no penalty | L2 |\n|---|---|---|\n"
             + "\n".join(f"| {label} | {a:.3f} | {b:.3f} |" for label, a, b in rows))
    run.metrics({"test_accuracy": l2["test_accuracy"], "test_loss": data_loss["test"],
                 "test_accuracy_no_penalty": base["test_accuracy"],
                 "test_loss_no_penalty": base["test_loss"]})
    loss_ratio = data_loss["test"] / base["test_loss"]
    gap_ratio = l2["accuracy_gap"] / max(base["accuracy_gap"], 1e-9)
    run.claim(
        f"An L2 penalty (λ = {STRENGTH}) trades training fit for results on fresh points: its "
        "training loss (data term) is higher than without it, while its test loss is <= 0.8x and its "
        "train-test accuracy gap <= 0.67x those of the unpenalised network.",
        verdict=data_loss["train"] > base["train_loss"] and loss_ratio <= 0.8 and gap_ratio <= 0.67,
        train_loss_no_penalty=base["train_loss"], train_loss_l2=data_loss["train"],
        test_loss_no_penalty=base["test_loss"], test_loss_l2=data_loss["test"],
        test_loss_ratio=loss_ratio, accuracy_gap_no_penalty=base["accuracy_gap"],
        accuracy_gap_l2=l2["accuracy_gap"], accuracy_gap_ratio=gap_ratio,
        test_accuracy_no_penalty=base["test_accuracy"], test_accuracy_l2=l2["test_accuracy"],
        noise_fitted_no_penalty=base["noise_fitted"], noise_fitted_l2=l2["noise_fitted"],
        weight_norm_no_penalty=norms["no_penalty"], weight_norm_l2=norms["l2_penalty"],
    )
