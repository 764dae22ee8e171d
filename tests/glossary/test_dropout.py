"""dropout: our layer drops at the stated rate, rescales survivors by 1/p, keeps the expected
value, does nothing at test time; the claim can fail on each part, and does without dropout."""

import keras
import numpy as np
import pytest

from nutshell.glossary import _claims, dropout
from nutshell.glossary.dropout import DropoutFromScratch, claim_parts, thinned_average
from tests.helpers import assert_fails_through, recorded_claim, recorded_part
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
    check_layer_contract(
        DropoutFromScratch,
        {"rate": 0.5, "seed": 1},
        (2, 3, 4),
        (2, 3, 4),
        trainable_weights=0,
        seed_generators=1,
        training_check=False,
    )


@pytest.mark.parametrize("rate", [1.0, -0.1, "half"])
def test_bad_rates_are_refused(rate):
    with pytest.raises(ValueError, match="rate must be a number in"):
        DropoutFromScratch(rate)


def _numbers(test_loss, disagreement=0.01):
    return {"no_dropout": {"test_loss": 1.2}, "dropout": {"test_loss": test_loss}, "disagreement": disagreement}


def test_the_claim_holds_for_numbers_like_the_measured_ones():
    assert _claims.verdict(claim_parts(_numbers(0.5))) is True
    assert _claims.verdict(claim_parts(_numbers(0.5), quick=True)) is True


@pytest.mark.parametrize("quick", [False, True], ids=["full", "quick"])
@pytest.mark.parametrize(
    "numbers, failing",
    [
        (_numbers(1.17), "test_loss_ratio"),  # no better on fresh points
        (_numbers(0.5, disagreement=0.2), "disagreement_with_thinned_average"),  # not an ensemble
    ],
    ids=["loss", "ensemble"],
)
def test_the_claim_can_fail(numbers, failing, quick):
    parts = {part.name: part for part in claim_parts(numbers, quick=quick)}
    assert not parts[failing].held
    assert _claims.verdict(list(parts.values())) is False


def test_the_bar_is_stricter_after_the_longer_training():
    # After 150 epochs the plain net has overfitted much more, so dropout must do better than
    # after 60: a test loss 0.8x the plain one's is enough in quick mode but not in full mode.
    assert _claims.verdict(claim_parts(_numbers(0.96), quick=True)) is True
    assert _claims.verdict(claim_parts(_numbers(0.96), quick=False)) is False


def test_measure_counts_where_the_full_net_and_the_thinned_average_disagree(monkeypatch):
    monkeypatch.setattr(dropout, "measure_overfitting", lambda *args: {"test_loss": 1.0})
    net = keras.Sequential([keras.Input((1,)), DropoutFromScratch(0.5, seed=0)])
    x = np.array([[0.4], [0.6], [0.9], [2.0]], "float32")
    monkeypatch.setattr(dropout, "thinned_average", lambda model, x: np.array([0.6, 0.4, 0.9, 2.0]))
    m = dropout.measure(net, net, [{}, {}], (x, None), (x, None))
    assert m["disagreement"] == 0.5  # the first two points land on the other side of 0.5


def test_quick_demo_curbs_overfitting(quick_demo):
    summary = quick_demo("dropout")
    n = summary["claim"]["numbers"]
    assert n["test_loss_dropout"] < n["test_loss_no_dropout"]
    assert summary["claim"]["verdict"] is True


def test_without_dropout_the_claim_fails(quick_demo, monkeypatch):
    """The concept removed: a dropout rate of 0 makes the "dropout" network the plain one again
    (another draw of its starting weights), so it overfits as much."""
    monkeypatch.setattr(dropout, "RATE", 0.0)
    assert_fails_through(quick_demo("dropout"), "test_loss_ratio", "accuracy_gap_ratio")


def _claim(loss_ratio, held=5):
    def part(name, mean, bar, part_held=5):
        return recorded_part(name, mean, bar, part_held, "<=")

    parts = [part("test_loss_ratio", loss_ratio, 0.6, held), part("disagreement_with_thinned_average", 0.01, 0.05)]
    return recorded_claim(parts, held)


@pytest.mark.parametrize(
    "claim, option",
    [
        (_claim(0.34), "A"),  # seed 0's run: test loss 1.41 -> 0.48
        (_claim(0.97, held=0), "B"),
        (_claim(1.4, held=0), "C"),
        (_claim(0.62, held=2), "D"),
    ],
)
def test_outcome_names_the_option_the_numbers_show(claim, option):
    from nutshell.glossary.dropout import PREDICT, outcome

    assert outcome(claim) == option and option in PREDICT["options"]
