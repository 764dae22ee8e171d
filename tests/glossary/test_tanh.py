"""tanh: it is a stretched, centred sigmoid; the demo's claim is measured, and fails when the
steps are too small for either network to get anywhere."""

import numpy as np
import pytest
from keras import ops

from nutshell.glossary.activation import tanh_derivative
from nutshell.glossary.tanh import tanh_from_sigmoid


def test_tanh_is_two_sigmoid_of_two_z_minus_one():
    z = np.linspace(-10, 10, 201)
    np.testing.assert_allclose(ops.convert_to_numpy(tanh_from_sigmoid(z)), np.tanh(z), atol=2e-7)


def test_numbers_of_the_entry():
    assert float(tanh_from_sigmoid(1.0)) == pytest.approx(0.762, abs=5e-4)
    assert float(tanh_derivative(0.0)) == 1.0  # four times the sigmoid's 0.25
    assert float(tanh_derivative(2.0)) == pytest.approx(0.071, abs=5e-4)


def test_quick_demo_measures_the_claim(quick_demo):
    summary = quick_demo("tanh")
    numbers = summary["claim"]["numbers"]
    assert abs(numbers["tanh_mean_output"]) <= 0.15 and numbers["sigmoid_mean_output"] >= 0.35
    assert numbers["tanh_accuracy_early"] >= 0.85 >= 0.70 >= numbers["sigmoid_accuracy_early"]
    assert summary["claim"]["verdict"] is True


def test_claim_fails_when_steps_are_tiny(quick_demo):
    numbers = (summary := quick_demo("tanh", epochs=2, learning_rate=0.002))["claim"]["numbers"]
    assert numbers["tanh_accuracy_early"] < 0.85
    assert summary["claim"]["verdict"] is False
