"""machine-learning: the empirical risk is the average loss, the toy world's floor is noise², and
the claim (training error optimistic, gap shrinking with N) can fail on each part, and fails when
the model cannot learn."""

import keras
import numpy as np
import pytest

from nutshell.glossary import _claims, machine_learning
from nutshell.glossary.machine_learning import (
    claim_parts,
    draws_per_epoch,
    empirical_risk,
    noisy_linear_world,
)
from tests.helpers import assert_fails_through


def test_the_tiny_example_in_the_entry():
    # f(x) = 2x on (1, 2), (2, 4), (3, 5): errors 0, 0, 1, so R̂ = 1/3
    x, y = np.array([1.0, 2.0, 3.0]), np.array([2.0, 4.0, 5.0])
    assert abs(empirical_risk(2 * x, y) - 1 / 3) < 1e-6


def test_empirical_risk_equals_keras_mean_squared_error():
    rng = np.random.default_rng(0)
    predictions, targets = rng.normal(size=50).astype("float32"), rng.normal(size=50).astype("float32")
    expected = float(keras.losses.MeanSquaredError()(targets, predictions))
    assert abs(empirical_risk(predictions, targets) - expected) < 1e-6


def test_the_best_model_of_the_world_scores_the_noise_floor():
    features, noise = 10, 0.5
    draw = noisy_linear_world(features, noise, seed=3)
    x, y = draw(100_000, seed=1)
    best, *_ = np.linalg.lstsq(x.astype("float64"), y.astype("float64"), rcond=None)
    floor = float(np.mean((x @ best - y) ** 2))
    assert abs(floor - noise**2) < 0.01
    again = draw(5, seed=1)
    np.testing.assert_array_equal(again[0], x[:5])  # the same seed draws the same examples


def test_draws_per_epoch_repeat_only_the_given_examples_evenly():
    x = np.arange(7, dtype="float32")[:, None]
    y = np.arange(7, dtype="float32")
    rx, ry = draws_per_epoch(x, y, draws=30, seed=0)
    assert len(rx) == 30 and np.array_equal(rx[:, 0], ry)
    counts = np.bincount(ry.astype(int), minlength=7)
    assert set(counts) <= {4, 5} and counts.sum() == 30


FLOOR = 0.25
TRAIN = {20: 0.075, 100: 0.233, 1000: 0.251}  # like the measured ones
FRESH = {20: 0.444, 100: 0.299, 1000: 0.256}


def test_the_claim_holds_for_numbers_like_the_measured_ones():
    assert _claims.verdict(claim_parts(TRAIN, FRESH, FLOOR)) is True


@pytest.mark.parametrize(
    "train, fresh, failing",
    [
        ({**TRAIN, 20: 0.3}, FRESH, "train_error_n20"),  # R̂ not optimistic
        (TRAIN, {**FRESH, 20: 0.24}, "fresh_error_n20"),  # beats the floor: impossible
        ({**TRAIN, 1000: 0.2}, FRESH, "gap_share_largest_n"),  # the gap did not shrink
        (TRAIN, {**FRESH, 1000: 0.3}, "fresh_excess_largest_n"),  # far from the best weights
    ],
    ids=["not-optimistic", "below-floor", "gap-stays", "not-fitted"],
)
def test_the_claim_can_fail(train, fresh, failing):
    parts = {part.name: part for part in claim_parts(train, fresh, FLOOR)}
    assert not parts[failing].held
    assert _claims.verdict(list(parts.values())) is False


def test_quick_demo_measures_the_claim(quick_demo):
    summary = quick_demo("machine-learning")
    n = summary["claim"]["numbers"]
    assert n["noise_floor"] == 0.25
    assert n["fresh_error_n20"] > n["fresh_error_n100"] > n["fresh_error_n1000"]  # more data, better
    assert summary["claim"]["verdict"] is True


def test_without_learning_the_claim_fails(quick_demo, monkeypatch):
    """The concept removed: the model's weights are frozen at their random start, so the steps
    on R̂ change nothing and the examples teach it nothing."""
    build = machine_learning.linear_model

    def frozen(name):
        model = build(name)
        model.get_layer("linear").trainable = False
        return model

    monkeypatch.setattr(machine_learning, "linear_model", frozen)
    assert_fails_through(quick_demo("machine-learning"), "train_error_n20", "fresh_excess_largest_n")


def _claim(own, fresh, own_held=5, fresh_held=5):
    def part(name, mean, bar, held, comparison):
        return {
            "name": name,
            "kind": "measured",
            "comparison": comparison,
            "bar": bar,
            "held": held,
            "of": 5,
            "mean": mean,
            "min": mean,
            "max": mean,
            "worst_margin": 0.0,
        }

    parts = [
        part("train_error_n20", own, 0.25, own_held, "<="),
        part("fresh_error_n20", fresh, 0.25, fresh_held, ">="),
        part("gap_share_largest_n", 0.02, 0.1, 5, "<="),
        part("fresh_excess_largest_n", 0.02, 0.05, 5, "<="),
    ]
    held = min(own_held, fresh_held)
    return {
        "parts": parts,
        "numbers": {**{p["name"]: p["mean"] for p in parts}, "noise_floor": 0.25},
        "held": held,
        "of": 5,
        "verdict": held == 5,
    }


@pytest.mark.parametrize(
    "claim, option",
    [
        (_claim(0.075, 0.444), "A"),  # seed 0's run
        (_claim(0.27, 0.30, own_held=0), "B"),
        (_claim(0.20, 0.24, fresh_held=0), "C"),
        (_claim(0.24, 0.40, own_held=3), "D"),
    ],
)
def test_outcome_names_the_option_the_numbers_show(claim, option):
    from nutshell.glossary.machine_learning import PREDICT, outcome

    assert outcome(claim) == option and option in PREDICT["options"]
