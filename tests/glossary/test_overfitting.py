"""overfitting: the Bayes rate formula matches simulation, the measures do what they say, and the
demo's claim is measured (and fails when training is too short to overfit)."""

import keras
import numpy as np

from nutshell import data
from nutshell.glossary.overfitting import (
    bayes_accuracy,
    early_stopping_epoch,
    fits_the_noise,
    generalization_gap,
    noisy_xor_sample,
)


class _Rule:
    """A stand-in model that predicts with a fixed rule (what `predict` is asked for)."""

    def __init__(self, rule):
        self.rule = rule

    def predict(self, x, verbose=0):
        return self.rule(x).astype("float32")[:, None]


def _quadrant(x):
    return (x[:, 0] > 0) != (x[:, 1] > 0)


def test_bayes_accuracy_matches_the_quadrant_rule_on_many_points():
    for noise in (0.3, 0.7, 1.0):
        x, y = data.xor(200_000, noise=noise, seed=5)
        simulated = np.mean(_quadrant(x) == y)
        assert abs(bayes_accuracy(noise) - simulated) < 0.005, noise
    assert abs(bayes_accuracy(0.7) - 0.8586) < 1e-3


def test_fits_the_noise_tells_the_rule_from_memorising():
    (x, y), _ = noisy_xor_sample(seed=2, n_train=400, n_test=10)
    assert fits_the_noise(_Rule(_quadrant), x, y) == 0.0
    lookup = {tuple(p): label for p, label in zip(x.tolist(), y)}
    memoriser = _Rule(lambda points: np.array([lookup[tuple(p)] for p in points.tolist()]))
    assert fits_the_noise(memoriser, x, y) == 1.0


def test_the_sample_is_small_and_reproducible():
    (x, y), (xt, yt) = noisy_xor_sample(seed=4)
    assert x.shape == (100, 2) and xt.shape == (2000, 2)
    np.testing.assert_array_equal(noisy_xor_sample(seed=4)[0][0], x)


def test_early_stopping_epoch_counts_from_one_and_keeps_the_first_best():
    assert early_stopping_epoch([0.9, 0.5, 0.7, 0.5, 0.8]) == 2


def test_generalization_gap_is_train_minus_test():
    model = keras.Sequential([keras.Input((2,)), keras.layers.Dense(1, activation="sigmoid")])
    model.compile(loss="binary_crossentropy", metrics=["accuracy"])
    train, test = noisy_xor_sample(seed=0, n_train=50, n_test=60)
    numbers = generalization_gap(model, train, test)
    loss, accuracy = model.evaluate(*test, verbose=0)
    assert abs(numbers["test_loss"] - loss) < 1e-5 and abs(numbers["test_accuracy"] - accuracy) < 1e-6
    assert numbers["accuracy_gap"] == numbers["train_accuracy"] - numbers["test_accuracy"]


def test_quick_demo_measures_the_claim(quick_demo):
    summary = quick_demo("overfitting")
    n = summary["claim"]["numbers"]
    assert n["train_accuracy"] - n["test_accuracy"] >= 0.05
    assert n["test_accuracy"] < n["bayes_accuracy"] < n["train_accuracy"]
    assert n["noise_fitted"] >= 0.4
    assert n["final_test_loss"] >= 1.5 * n["best_test_loss"]
    assert n["best_epoch"] <= summary["hparams"]["epochs"] / 5
    assert summary["claim"]["verdict"] is True


def test_claim_fails_before_the_network_has_time_to_overfit(quick_demo):
    summary = quick_demo("overfitting", epochs=3)
    n = summary["claim"]["numbers"]
    assert n["test_loss_rise"] < 1.5 or n["best_epoch"] > 3 / 5
    assert summary["claim"]["verdict"] is False
