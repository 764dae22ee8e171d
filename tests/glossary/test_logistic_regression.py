"""logistic-regression: the sampler draws from the model, Newton's answer is the loss's minimum;
the demo's claim is measured, and fails with squared error in place of cross-entropy."""

import keras
import numpy as np
import pytest

from nutshell.glossary import _claims
from nutshell.glossary import logistic_regression as entry
from nutshell.glossary.logistic_regression import (
    TRUE_BIAS,
    TRUE_WEIGHTS,
    claim_parts,
    newton_fit,
    sample_logistic,
)
from tests.helpers import assert_fails_through


def test_sampled_labels_follow_the_model():
    x, y = sample_logistic(200_000, seed=1)
    z = x @ TRUE_WEIGHTS + TRUE_BIAS
    for low, high in [(-3, -1), (-0.5, 0.5), (1, 3)]:
        inside = (z > low) & (z < high)
        assert abs(y[inside].mean() - np.mean(1 / (1 + np.exp(-z[inside])))) < 0.01


def test_newton_lands_where_the_gradient_vanishes_and_near_the_truth():
    x, y = sample_logistic(20_000, seed=2)
    w, b = newton_fit(x, y)
    p = 1 / (1 + np.exp(-(x.astype("float64") @ w + b)))
    np.testing.assert_allclose(x.T @ (p - y) / len(y), 0, atol=1e-10)
    assert abs(np.mean(p - y)) < 1e-10
    np.testing.assert_allclose(np.append(w, b), np.append(TRUE_WEIGHTS, TRUE_BIAS), atol=0.1)


def test_the_claim_holds_for_numbers_like_the_measured_ones():
    assert _claims.verdict(claim_parts(1.1e-6, 0.053)) is True


@pytest.mark.parametrize(
    "numbers, failing",
    [
        ((0.2, 0.053), "largest_distance_to_minimum"),  # a start that ended elsewhere
        ((1.1e-6, 0.6), "largest_error_vs_truth"),  # the minimum is not the truth
    ],
    ids=["different-minima", "far-from-truth"],
)
def test_the_claim_can_fail(numbers, failing):
    parts = {part.name: part for part in claim_parts(*numbers)}
    assert not parts[failing].held and _claims.verdict(list(parts.values())) is False


def test_quick_demo_measures_the_claim(quick_demo):
    summary = quick_demo("logistic-regression")
    assert summary["claim"]["verdict"] is True
    assert all(part["held"] == part["of"] for part in summary["claim"]["parts"])


def test_without_the_log_likelihood_the_claim_fails(quick_demo, monkeypatch):
    """The concept removed: squared error in place of cross-entropy. Its minimum is not the
    likelihood's, and through the sigmoid's flat tails the far start barely moves."""
    monkeypatch.setattr(entry, "LOSS", keras.losses.MeanSquaredError)
    assert_fails_through(quick_demo("logistic-regression"), "largest_distance_to_minimum")


# -- the prediction question: outcome(claim) on recorded-style claims, no training -----------------


def recorded(*seeds):
    """The claim as summary.json stores it, aggregated by the harness from each seed's (parts,
    context numbers)."""
    from types import SimpleNamespace

    from nutshell.run import Claim, verdict_over_seeds

    return verdict_over_seeds(
        [
            SimpleNamespace(result=Claim("", tuple(parts), {**{part.name: part.value for part in parts}, **context}))
            for parts, context in seeds
        ]
    )


def measured(to_minimum, to_truth):
    return claim_parts(to_minimum, to_truth), {"w1": 2.0, "w2": -1.0, "b": 0.5}


OUTCOMES = [  # (what each seed measured, the option it shows)
    ([measured(0.002, 0.09)] * 3, "A"),  # as measured: one minimum, near the truth
    ([measured(0.8, 0.09)] * 3, "B"),
    ([measured(0.002, 0.6)] * 3, "C"),
    ([measured(0.002, 0.09), measured(0.05, 0.09)], "D"),
]


@pytest.mark.parametrize("seeds, option", OUTCOMES, ids=[option for _, option in OUTCOMES])
def test_outcome_names_the_option_the_numbers_show(seeds, option):
    assert entry.outcome(recorded(*seeds)) == option


def test_every_prediction_option_can_be_the_outcome():
    assert {option for _, option in OUTCOMES} == set(entry.PREDICT["options"])
