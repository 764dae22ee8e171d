"""overfitting: the measures do what they say, the claim is a rule that can fail on each of its
parts, and the demo overfits with its big network and not with a network too small to memorise."""

import numpy as np
import pytest

from nutshell.glossary import _claims, overfitting
from nutshell.glossary._overfit import noisy_xor_sample
from nutshell.glossary.mlp import mlp
from nutshell.glossary.overfitting import (
    claim_parts,
    early_stopping_epoch,
    fits_the_noise,
    generalization_gap,
    measure_overfitting,
)
from tests.helpers import assert_fails_through, recorded_claim, recorded_part


class _Rule:
    """A stand-in model that predicts with a fixed rule (what `predict` is asked for)."""

    def __init__(self, rule):
        self.rule = rule

    def predict(self, x, verbose=0):
        return self.rule(x).astype("float32")[:, None]


def _quadrant(x):
    return (x[:, 0] > 0) != (x[:, 1] > 0)


def test_fits_the_noise_tells_the_rule_from_memorising():
    (x, y), _ = noisy_xor_sample(seed=2, n_train=400, n_test=10)
    assert fits_the_noise(_Rule(_quadrant), x, y) == 0.0
    lookup = {tuple(p): label for p, label in zip(x.tolist(), y)}
    memoriser = _Rule(lambda points: np.array([lookup[tuple(p)] for p in points.tolist()]))
    assert fits_the_noise(memoriser, x, y) == 1.0


def test_early_stopping_epoch_counts_from_one_and_keeps_the_first_best():
    assert early_stopping_epoch([0.9, 0.5, 0.7, 0.5, 0.8]) == 2


def _compiled_net():
    model = mlp((2,), (), 1, output_activation="sigmoid")
    model.compile(loss="binary_crossentropy", metrics=["accuracy"])
    return model


def test_generalization_gap_is_train_minus_test():
    model = _compiled_net()
    train, test = noisy_xor_sample(seed=0, n_train=50, n_test=60)
    numbers = generalization_gap(model, train, test)
    loss, accuracy = model.evaluate(*test, verbose=0)
    assert abs(numbers["test_loss"] - loss) < 1e-5 and abs(numbers["test_accuracy"] - accuracy) < 1e-6
    assert numbers["accuracy_gap"] == numbers["train_accuracy"] - numbers["test_accuracy"]


def test_measure_reads_the_minimum_and_the_rise_from_the_history():
    model = _compiled_net()
    train, test = noisy_xor_sample(seed=1, n_train=40, n_test=50)
    test_loss = float(model.evaluate(*test, verbose=0)[0])
    history = {"loss": [0.7] * 10, "val_loss": [0.9, test_loss / 2, 0.8, 0.9, 1, 1, 1, 1, 1, test_loss]}
    m = measure_overfitting(model, history, train, test)
    assert m["best_epoch"] == 2 and m["best_epoch_share"] == pytest.approx(0.2)
    assert m["best_test_loss"] == pytest.approx(test_loss / 2)
    assert m["test_loss_rise"] == pytest.approx(2.0, rel=1e-5)  # ends at twice its minimum


# Numbers like seed 0's in quick mode; each "can fail" case spoils one of them.
MEASURED = {"accuracy_gap": 0.12, "noise_fitted": 0.6, "test_loss_rise": 1.8, "best_epoch_share": 0.07}


def test_the_claim_holds_for_numbers_like_the_measured_ones():
    assert _claims.verdict(claim_parts(MEASURED)) is True


@pytest.mark.parametrize(
    "failing, value",
    [
        ("accuracy_gap", 0.01),  # as good on fresh points as on its own
        ("noise_fitted", 0.1),  # learned the rule, left the noise alone
        ("test_loss_rise", 1.05),  # test loss never climbed back up
        ("best_epoch_share", 0.9),  # still improving at the end: not overfitting yet
    ],
)
def test_the_claim_can_fail(failing, value):
    parts = {part.name: part for part in claim_parts({**MEASURED, failing: value})}
    assert not parts[failing].held
    assert _claims.verdict(list(parts.values())) is False


def test_quick_demo_overfits(quick_demo):
    summary = quick_demo("overfitting")
    n = summary["claim"]["numbers"]
    assert n["parameters"] == 66_817
    assert n["test_accuracy"] < n["bayes_accuracy"] < n["train_accuracy"]  # better than possible
    assert n["final_test_loss"] > n["best_test_loss"]
    assert summary["claim"]["verdict"] is True


def test_without_spare_capacity_the_claim_fails(quick_demo, monkeypatch):
    """The concept removed: a network of 4 hidden units (17 parameters) in place of 66,817 has no
    room to memorise 100 points, so it learns the rule and leaves the noise alone."""
    monkeypatch.setattr(
        overfitting,
        "overparameterized_mlp",
        lambda **options: mlp((2,), (4,), 1, output_activation="sigmoid", **options),
    )
    summary = quick_demo("overfitting")
    assert summary["claim"]["numbers"]["parameters"] == 17
    assert_fails_through(summary, "noise_fitted", "accuracy_gap", "test_loss_rise")


def _claim(gap, rise, gap_held=5, rise_held=5):
    parts = [
        recorded_part("accuracy_gap", gap, 0.05, gap_held),
        recorded_part("noise_fitted", 0.8, 0.35, 5),
        recorded_part("test_loss_rise", rise, 1.2, rise_held),
        recorded_part("best_epoch_share", 0.05, 0.2, 5, "<="),
    ]
    held = min(gap_held, rise_held)
    return recorded_claim(parts, held)


@pytest.mark.parametrize(
    "claim, option",
    [
        (_claim(0.01, 1.0, gap_held=0, rise_held=0), "A"),  # no gap: it learned the rule
        (_claim(0.18, 4.3), "B"),  # seed 0's run: 0.98 vs 0.80, loss 0.33 -> 1.41
        (_claim(0.12, 1.02, rise_held=0), "C"),  # a gap, but the test loss never turned up
        (_claim(0.08, 1.5, gap_held=3), "D"),  # the gap held on 3 seeds of 5
    ],
)
def test_outcome_names_the_option_the_numbers_show(claim, option):
    from nutshell.glossary.overfitting import PREDICT, outcome

    assert outcome(claim) == option and option in PREDICT["options"]
