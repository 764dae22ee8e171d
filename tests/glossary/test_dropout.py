"""dropout: our layer drops at the stated rate, rescales survivors by 1/p, keeps the expected
value, does nothing at test time, and the demo's claim is measured."""

import keras
import numpy as np
import pytest

from nutshell.glossary import dropout
from nutshell.glossary.dropout import DropoutFromScratch, thinned_average
from tests.layer_contract import check_layer_contract


def test_test_time_is_the_identity():
    x = np.random.default_rng(0).normal(size=(5, 7)).astype("float32")
    np.testing.assert_array_equal(keras.ops.convert_to_numpy(DropoutFromScratch(0.5)(x)), x)


@pytest.mark.parametrize("rate", [0.2, 0.5])
def test_training_drops_at_the_rate_and_rescales_like_keras(rate):
    x = np.full((200, 500), 2.0, dtype="float32")
    ours = keras.ops.convert_to_numpy(DropoutFromScratch(rate, seed=1)(x, training=True))
    theirs = keras.ops.convert_to_numpy(keras.layers.Dropout(rate, seed=1)(x, training=True))
    for out in (ours, theirs):
        dropped = np.mean(out == 0.0)
        # 100,000 Bernoulli draws: five standard deviations is about 0.007
        assert abs(dropped - rate) < 5 * np.sqrt(rate * (1 - rate) / x.size)
        np.testing.assert_allclose(np.unique(out[out != 0]), [2.0 / (1 - rate)], rtol=1e-6)
        assert abs(out.mean() - 2.0) < 0.03  # E[m·h/p] = h


def test_each_call_draws_a_new_mask():
    layer = DropoutFromScratch(0.5, seed=3)
    x = np.ones((4, 64), "float32")
    first, second = (keras.ops.convert_to_numpy(layer(x, training=True)) for _ in range(2))
    assert not np.array_equal(first, second)


def test_thinned_average_approaches_the_full_network():
    model = keras.Sequential([keras.Input((10,)), DropoutFromScratch(0.5, seed=0)])
    x = np.ones((3, 10), "float32")
    np.testing.assert_allclose(thinned_average(model, x, samples=400), x, atol=0.2)


def test_keras_layer_contract():
    # Keras's own checks; the layer owns one seed generator and has nothing to train.
    check_layer_contract(DropoutFromScratch, {"rate": 0.5, "seed": 1}, (2, 3, 4), (2, 3, 4), trainable_weights=0,
                         seed_generators=1, training_check=False)


@pytest.mark.parametrize("rate", [1.0, -0.1, "half"])
def test_bad_rates_are_refused(rate):
    with pytest.raises(ValueError, match="rate must be a number in"):
        DropoutFromScratch(rate)


def test_quick_demo_measures_the_claim(quick_demo):
    summary = quick_demo("dropout")
    n = summary["claim"]["numbers"]
    assert n["test_loss_ratio"] <= 0.8
    assert n["accuracy_gap_ratio"] <= 0.8
    assert n["test_accuracy_dropout"] > n["test_accuracy_no_dropout"]
    assert n["agreement_with_thinned_average"] >= 0.95
    assert summary["claim"]["verdict"] is True


def test_claim_fails_with_a_dropout_rate_of_zero(quick_demo, monkeypatch):
    monkeypatch.setattr(dropout, "RATE", 0.0)
    summary = quick_demo("dropout")
    assert summary["claim"]["verdict"] is False
