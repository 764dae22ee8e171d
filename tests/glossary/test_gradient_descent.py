"""gradient-descent: the update rule, the curvature that limits the step size (checked against
plain numpy descent), Keras's SGD doing the same step; the demo's claim, and its failure."""

import keras
import numpy as np
from keras import ops

from nutshell.glossary.gradient_descent import gradient_descent, largest_curvature

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


def test_quick_demo_measures_the_claim(quick_demo):
    summary = quick_demo("gradient-descent")
    numbers = summary["claim"]["numbers"]
    assert np.isclose(numbers["step_limit"], 2 / numbers["largest_curvature"], rtol=1e-4)
    assert numbers["loss_ratio_at_0_9"] <= 1e-3
    assert numbers["loss_ratio_at_1_1"] >= 1e3
    assert summary["claim"]["verdict"] is True


def test_claim_fails_with_too_few_steps(quick_demo):
    # 10 steps: at 1.1 × 2/λ the excess grows only by about 1.2^20 ≈ 38
    numbers = (summary := quick_demo("gradient-descent", epochs=1))["claim"]["numbers"]
    assert numbers["loss_ratio_at_1_1"] < 1e3
    assert summary["claim"]["verdict"] is False
