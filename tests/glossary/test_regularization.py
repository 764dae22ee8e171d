"""regularization: our penalty equals Keras's L2, one plain gradient step shrinks the weights by
exactly 1 − 2ηλ; the claim can fail on each part, and does with λ = 0."""

import keras
import numpy as np
import pytest

from nutshell.glossary import _claims, regularization
from nutshell.glossary.mlp import mlp
from nutshell.glossary.regularization import L2Penalty, claim_parts, kernel_norm, weight_decay_factor
from tests.helpers import assert_fails_through, recorded_claim


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


def _numbers(train_loss=0.25, test_loss=0.4, norm=5.0):
    plain = {"train_loss": 0.1, "test_loss": 1.0, "weight_norm": 60.0}
    penalised = {"train_loss": train_loss, "test_loss": test_loss, "weight_norm": norm}
    return {"no_penalty": plain, "l2": penalised}


def test_the_claim_holds_for_numbers_like_the_measured_ones():
    assert _claims.verdict(claim_parts(_numbers())) is True
    assert _claims.verdict(claim_parts(_numbers(test_loss=0.6), quick=True)) is True


@pytest.mark.parametrize("quick", [False, True], ids=["full", "quick"])
@pytest.mark.parametrize(
    "numbers, failing",
    [
        (_numbers(train_loss=0.11), "train_loss_rise"),  # fits its own points as closely: no trade
        (_numbers(test_loss=0.95), "test_loss_ratio"),  # no better on fresh points
        (_numbers(norm=50.0), "weight_norm_ratio"),  # the weights were not kept small
    ],
    ids=["no-trade", "loss", "weights"],
)
def test_the_claim_can_fail(numbers, failing, quick):
    parts = {part.name: part for part in claim_parts(numbers, quick=quick)}
    assert not parts[failing].held
    assert _claims.verdict(list(parts.values())) is False


def test_kernel_norm_counts_every_kernel_and_no_bias():
    model = mlp((2,), (3,), 1, kernel_initializer="ones", bias_initializer="ones")
    model.get_layer("output").set_weights([np.full((3, 1), 2.0), np.ones(1)])
    assert kernel_norm(model) == pytest.approx(np.sqrt(6 * 1.0 + 3 * 4.0))


def test_quick_demo_trades_fit_for_fresh_results(quick_demo):
    summary = quick_demo("regularization")
    n = summary["claim"]["numbers"]
    assert n["train_loss_l2"] > n["train_loss_no_penalty"]
    assert n["test_loss_l2"] < n["test_loss_no_penalty"]
    assert summary["claim"]["verdict"] is True


def test_without_a_penalty_the_claim_fails(quick_demo, monkeypatch):
    """The concept removed: λ = 0, so the "penalised" network is the plain one again (another
    draw of its starting weights): it fits as closely, overfits as much, and its weights grow."""
    monkeypatch.setattr(regularization, "STRENGTH", 0.0)
    assert_fails_through(quick_demo("regularization"), "test_loss_ratio", "weight_norm_ratio", "train_loss_rise")


def _claim(train_rise, test_ratio, rise_held=5, loss_held=5):
    def part(name, mean, bar, held, comparison):
        return {
            "name": name,
            "kind": "measured",
            "comparison": comparison,
            "bar": bar,
            "held": held,
            "of": 5,
            "mean": mean,
            "min": mean,
            "max": mean,
            "worst_margin": 0.0,
        }

    parts = [
        part("train_loss_rise", train_rise, 1.5, rise_held, ">="),
        part("test_loss_ratio", test_ratio, 0.6, loss_held, "<="),
        part("accuracy_gap_ratio", 0.4, 0.8, 5, "<="),
        part("weight_norm_ratio", 0.1, 0.5, 5, "<="),
    ]
    held = min(rise_held, loss_held)
    return recorded_claim(parts, held)


@pytest.mark.parametrize(
    "claim, option",
    [
        (_claim(4.8, 0.25), "A"),  # seed 0's run: 0.064 -> 0.310, 1.41 -> 0.36
        (_claim(0.9, 0.5, rise_held=0), "B"),
        (_claim(2.0, 1.05, loss_held=0), "C"),
        (_claim(1.6, 0.55, rise_held=3), "D"),
    ],
)
def test_outcome_names_the_option_the_numbers_show(claim, option):
    from nutshell.glossary.regularization import PREDICT, outcome

    assert outcome(claim) == option and option in PREDICT["options"]
