"""sgd: the mini-batch noise estimate follows variance / B on a case with a known answer; the
demo's claim is measured, and fails when the "mini-batch" is the whole training set."""

import numpy as np

from nutshell.glossary.sgd import minibatch_gradient_noise


def test_noise_of_a_mean_falls_as_one_over_batch_size():
    values = np.random.default_rng(0).normal(3.0, 2.0, (5000, 4))  # 4 "parameters", variance 4 each
    noise = minibatch_gradient_noise(lambda indices: values[indices].mean(axis=0), len(values),
                                     (1, 10, 100), draws=2000, seed=1)
    expected = 4 * values.var(axis=0).mean()  # summed over the 4 parameters
    for size, measured in noise.items():
        assert abs(measured * size / expected - 1) < 0.1, (size, measured)


def test_quick_demo_measures_the_claim(quick_demo):
    summary = quick_demo("sgd")
    numbers = summary["claim"]["numbers"]
    assert -1.2 <= numbers["noise_slope"] <= -0.8
    assert numbers["noise_batch_1"] > numbers["noise_batch_4"] > numbers["noise_batch_256"]
    assert numbers["mini_batch_epochs_to_target"] <= 3
    assert numbers["full_batch_final_loss"] >= 3 * numbers["mini_batch_final_loss"]
    assert summary["claim"]["verdict"] is True


def test_claim_fails_when_the_mini_batch_is_the_whole_set(quick_demo):
    numbers = (summary := quick_demo("sgd", batch_size=4096))["claim"]["numbers"]
    assert numbers["full_batch_final_loss"] < 3 * numbers["mini_batch_final_loss"]
    assert summary["claim"]["verdict"] is False
