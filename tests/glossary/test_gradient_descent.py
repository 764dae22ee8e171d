"""gradient-descent: the update rule, the curvature that limits the step size (checked against
plain numpy descent), Keras's SGD doing the same step; the claim, and its failure when the step
sizes are not matched to the curvature."""

import keras
import numpy as np
import pytest
from keras import ops

from nutshell import glossary
from nutshell.errors import UserError
from nutshell.glossary import _claims
from nutshell.glossary import gradient_descent as entry
from nutshell.glossary.gradient_descent import claim_parts, gradient_descent, largest_curvature, measure
from nutshell.settings import demo_settings
from tests.helpers import assert_fails_through

RNG = np.random.default_rng(0)


def test_worked_example_and_divergence_of_the_entry():
    path = gradient_descent(lambda w: 2 * (w - 3), 0.0, 0.1, 50)
    np.testing.assert_allclose(path[:3], [0.0, 0.6, 1.08])
    assert abs(path[-1] - 3) < 1e-4
    assert abs(gradient_descent(lambda w: 2 * (w - 3), 0.0, 1.1, 20)[-1] - 3) > 100  # factor −1.2


def _numpy_descent(x, y, rate, steps):
    """Full-batch descent on mean((xw + b − y)²) written out in numpy; returns the final loss."""
    design = np.concatenate([x, np.ones((len(x), 1))], axis=1)
    theta = np.zeros(design.shape[1])
    for _ in range(steps):
        theta -= rate * 2 * design.T @ (design @ theta - y) / len(x)
    return float(np.mean((design @ theta - y) ** 2))


def test_two_over_the_largest_curvature_separates_convergence_from_divergence():
    x = RNG.normal(size=(200, 3)) * np.array([3.0, 1.0, 0.2])
    y = x @ np.array([1.0, 2.0, -1.0]) + 0.3
    limit = 2 / largest_curvature(x)
    assert _numpy_descent(x, y, 0.98 * limit, 3000) < 1e-6
    assert _numpy_descent(x, y, 1.02 * limit, 3000) > 1e6


def test_keras_sgd_takes_the_same_step():
    x, y = RNG.normal(size=(64, 2)).astype("float32"), RNG.normal(size=(64, 1)).astype("float32")
    model = keras.Sequential([keras.Input((2,)), keras.layers.Dense(1)])
    model.compile(optimizer=keras.optimizers.SGD(0.05), loss="mse")
    w, b = (ops.convert_to_numpy(v).astype("float64") for v in model.weights)
    error = x @ w + b - y
    expected_w, expected_b = w - 0.05 * 2 * x.T @ error / 64, b - 0.05 * 2 * error.mean(axis=0)
    model.train_on_batch(x, y)
    np.testing.assert_allclose(ops.convert_to_numpy(model.weights[0]), expected_w, rtol=1e-5, atol=1e-6)
    np.testing.assert_allclose(ops.convert_to_numpy(model.weights[1]), expected_b, rtol=1e-5, atol=1e-6)


def test_the_excess_ratio_counts_a_hair_below_the_minimum_as_zero():
    assert measure(start=10.0, end=5.5, floor=1.0) == pytest.approx(0.5)
    assert measure(start=10.0, end=0.999999, floor=1.0) == 0.0


def test_the_claim_holds_for_numbers_like_the_measured_ones():
    assert _claims.verdict(claim_parts(ratio_below=1e-12, ratio_above=3e9)) is True


@pytest.mark.parametrize(
    "below, above, failing",
    [
        (2e-3, 3e9, "loss_ratio_at_0_9"),  # converging too slowly to count
        (1e-12, 40.0, "loss_ratio_at_1_1"),  # hardly diverging: too few steps to show it
        (3e9, 1e-12, "loss_ratio_at_0_9"),  # the two step sizes swapped
    ],
    ids=["slow", "no-divergence", "swapped"],
)
def test_the_claim_can_fail(below, above, failing):
    parts = {part.name: part for part in claim_parts(below, above)}
    assert not parts[failing].held and _claims.verdict(list(parts.values())) is False


def test_the_cli_refuses_a_learning_rate_the_demo_would_not_use():
    with pytest.raises(UserError, match="does not use --learning-rate"):
        demo_settings(glossary.lookup("gradient-descent"), learning_rate=0.01)


def test_quick_demo_measures_the_claim(quick_demo):
    summary = quick_demo("gradient-descent")
    numbers = summary["claim"]["numbers"]
    assert np.isclose(numbers["step_limit"], 2 / numbers["largest_curvature"], rtol=1e-4)
    assert numbers["loss_ratio_at_0_5"] < 1e-3  # further below the limit converges too
    assert summary["claim"]["verdict"] is True


def test_without_the_curvature_the_claim_fails(quick_demo, monkeypatch):
    """The concept removed: step sizes not set from the loss's real curvature. Misjudging λ by
    20% puts "0.9 of the limit" at 1.125 of the true one, and that run diverges."""
    monkeypatch.setattr(entry, "largest_curvature", lambda x: 0.8 * largest_curvature(x))
    assert_fails_through(quick_demo("gradient-descent"), "loss_ratio_at_0_9")


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


def measured(ratio_below, ratio_above):
    return claim_parts(ratio_below, ratio_above), {}


OUTCOMES = [  # (what each seed measured, the option it shows)
    ([measured(4e-6, 0.5)] * 3, "A"),
    ([measured(4e-6, 1e9)] * 3, "B"),  # as measured
    ([measured(10.0, 1e9)] * 3, "C"),
    ([measured(10.0, 0.5)] * 3, "D"),
    ([measured(4e-6, 1e9), measured(4e-6, 50.0)], "E"),  # grew on both, but only 50-fold on one
]


@pytest.mark.parametrize("seeds, option", OUTCOMES, ids=[option for _, option in OUTCOMES])
def test_outcome_names_the_option_the_numbers_show(seeds, option):
    from nutshell.glossary import gradient_descent as predicted

    assert predicted.outcome(recorded(*seeds)) == option


def test_every_prediction_option_can_be_the_outcome():
    from nutshell.glossary import gradient_descent as predicted

    assert {option for _, option in OUTCOMES} == set(predicted.PREDICT["options"])
