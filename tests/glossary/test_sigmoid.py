"""sigmoid: logit inverts it, the calibration error scores honest and overconfident forecasters
as it should; the demo's claim is measured, and fails for an undertrained output."""

import numpy as np
import pytest
from keras import ops

from nutshell.glossary.activation import sigmoid
from nutshell.glossary.sigmoid import expected_calibration_error, logit


def test_logit_inverts_the_sigmoid():
    z = np.linspace(-8, 8, 33)
    np.testing.assert_allclose(logit(ops.convert_to_numpy(sigmoid(z))), z, rtol=1e-4, atol=1e-4)


def test_numbers_of_the_entry():
    assert float(sigmoid(2.0)) == pytest.approx(0.881, abs=5e-4)
    slope = float(sigmoid(5.0) * (1 - sigmoid(5.0)))
    assert slope == pytest.approx(0.0066, abs=5e-5) and slope / 0.25 < 0.03


def test_calibration_error_of_honest_and_overconfident_forecasts():
    rng = np.random.default_rng(0)
    p = rng.uniform(0, 1, 200_000)
    y = rng.random(len(p)) < p
    assert expected_calibration_error(p, y) < 0.005  # says p, right with frequency p
    overconfident = np.where(p > 0.5, 0.99, 0.01)  # same guesses, stated as near-certain
    assert expected_calibration_error(overconfident, y) > 0.2
    assert expected_calibration_error([0.8, 0.8, 0.8, 0.8], [1, 1, 1, 0]) == pytest.approx(0.05)


def test_quick_demo_measures_the_claim(quick_demo):
    summary = quick_demo("sigmoid")
    numbers = summary["claim"]["numbers"]
    assert numbers["mean_probability_gap"] <= 0.05
    assert numbers["calibration_error"] <= 0.03
    assert summary["claim"]["verdict"] is True


def test_claim_fails_for_an_undertrained_output(quick_demo):
    numbers = (summary := quick_demo("sigmoid", epochs=1, learning_rate=1e-4))["claim"]["numbers"]
    assert numbers["mean_probability_gap"] > 0.05
    assert summary["claim"]["verdict"] is False
