"""logistic-regression: the sampler draws from the model, Newton's answer is the loss's minimum;
the demo's claim is measured, and fails when training is too short to arrive."""

import numpy as np

from nutshell.glossary.logistic_regression import TRUE_BIAS, TRUE_WEIGHTS, newton_fit, sample_logistic


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


def test_quick_demo_measures_the_claim(quick_demo):
    summary = quick_demo("logistic-regression")
    numbers = summary["claim"]["numbers"]
    assert numbers["largest_distance_to_minimum"] <= 0.01
    assert numbers["largest_error_vs_truth"] <= 0.25
    assert summary["claim"]["verdict"] is True


def test_claim_fails_when_a_far_start_has_no_time_to_arrive(quick_demo):
    numbers = (summary := quick_demo("logistic-regression", epochs=1))["claim"]["numbers"]
    assert numbers["largest_distance_to_minimum"] > 0.01
    assert summary["claim"]["verdict"] is False
