"""machine-learning: the empirical risk is the average loss, the toy world's floor is noise², and
the demo's claim (training error optimistic, gap shrinking with N) is measured."""

import keras
import numpy as np

from nutshell.glossary.machine_learning import draws_per_epoch, empirical_risk, noisy_linear_world


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
    assert abs(floor - noise ** 2) < 0.01
    again = draw(5, seed=1)
    np.testing.assert_array_equal(again[0], x[:5])  # the same seed draws the same examples


def test_draws_per_epoch_repeat_only_the_given_examples_evenly():
    x = np.arange(7, dtype="float32")[:, None]
    y = np.arange(7, dtype="float32")
    rx, ry = draws_per_epoch(x, y, draws=30, seed=0)
    assert len(rx) == 30 and np.array_equal(rx[:, 0], ry)
    counts = np.bincount(ry.astype(int), minlength=7)
    assert set(counts) <= {4, 5} and counts.sum() == 30


def test_quick_demo_measures_the_claim(quick_demo):
    summary = quick_demo("machine-learning")
    n = summary["claim"]["numbers"]
    floor = n["noise_floor"]
    assert floor == 0.25
    # N = 20 examples for 11 parameters: R̂ sits well below the floor, R well above it
    assert n["train_error_n20"] < floor < n["fresh_error_n20"]
    assert (n["fresh_error_n1000"] - n["train_error_n1000"]) * 10 <= n["fresh_error_n20"] - n["train_error_n20"]
    assert n["fresh_error_n1000"] <= 1.05 * floor
    assert n["fresh_error_n20"] > n["fresh_error_n100"] > n["fresh_error_n1000"]
    assert summary["claim"]["verdict"] is True


def test_claim_fails_when_the_model_is_not_fitted(quick_demo):
    summary = quick_demo("machine-learning", epochs=1, learning_rate=1e-4)
    n = summary["claim"]["numbers"]
    assert n["fresh_error_n1000"] > 1.05 * n["noise_floor"]  # still far from the best weights
    assert summary["claim"]["verdict"] is False
