"""regularization: our penalty equals Keras's L2, one plain gradient step shrinks the weights by
exactly 1 − 2ηλ, and the demo's claim is measured (and fails when there is nothing to cure)."""

import keras
import numpy as np
import pytest

from nutshell.glossary import regularization
from nutshell.glossary.regularization import L2Penalty, weight_decay_factor


def test_penalty_equals_keras_l2():
    w = np.random.default_rng(0).normal(size=(6, 4)).astype("float32")
    np.testing.assert_allclose(float(L2Penalty(0.03)(w)), float(keras.regularizers.L2(0.03)(w)), rtol=1e-6)
    assert float(L2Penalty(0.0)(w)) == 0.0


def test_one_gradient_step_decays_the_weights_by_the_formula():
    # With an all-zero input the data loss does not depend on the kernel, so its whole update
    # is the penalty's: w ← w − η·2λw = (1 − 2ηλ)w.
    rate, strength = 0.1, 0.05
    layer = keras.layers.Dense(3, kernel_regularizer=L2Penalty(strength))
    model = keras.Sequential([keras.Input((4,)), layer])
    model.compile(optimizer=keras.optimizers.SGD(rate), loss="mse")
    before = keras.ops.convert_to_numpy(layer.kernel).copy()
    model.train_on_batch(np.zeros((8, 4), "float32"), np.zeros((8, 3), "float32"))
    after = keras.ops.convert_to_numpy(layer.kernel)
    np.testing.assert_allclose(after, weight_decay_factor(rate, strength) * before, rtol=1e-6)
    assert weight_decay_factor(0.1, 0.01) == pytest.approx(0.998)  # the entry's example


def test_config_round_trip():
    penalty = L2Penalty(0.25)
    again = keras.regularizers.deserialize(keras.regularizers.serialize(penalty))
    assert isinstance(again, L2Penalty) and again.strength == 0.25


@pytest.mark.parametrize("strength", [-0.1, float("nan"), "0.1"])
def test_bad_strengths_are_refused(strength):
    with pytest.raises(ValueError, match="strength must be a finite number >= 0"):
        L2Penalty(strength)


def test_quick_demo_measures_the_claim(quick_demo):
    summary = quick_demo("regularization")
    n = summary["claim"]["numbers"]
    assert n["train_loss_l2"] > n["train_loss_no_penalty"]          # gives up some fit…
    assert n["test_loss_ratio"] <= 0.8                               # …for better fresh results
    assert n["accuracy_gap_ratio"] <= 0.67
    assert n["weight_norm_l2"] < n["weight_norm_no_penalty"] / 2   # the penalty's direct effect
    assert summary["claim"]["verdict"] is True


def test_claim_fails_with_a_penalty_of_zero(quick_demo, monkeypatch):
    monkeypatch.setattr(regularization, "STRENGTH", 0.0)
    summary = quick_demo("regularization")
    assert summary["claim"]["verdict"] is False
