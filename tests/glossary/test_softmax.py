"""softmax: ours equals Keras's and survives huge scores; the demo's claim is measured, and fails
for outputs that are not normalised."""

import keras
import numpy as np
import pytest
from keras import ops

import nutshell.glossary.softmax as softmax_entry
from nutshell.glossary import _claims
from nutshell.glossary.activation import sigmoid
from nutshell.glossary.softmax import (
    SoftmaxFromScratch,
    claim_parts,
    class_share_error,
    softmax,
    textbook_softmax,
)
from tests.helpers import assert_fails_through
from tests.layer_contract import check_layer_contract

SCORES = np.random.default_rng(0).normal(0, 3, (16, 7)).astype("float32")


def test_matches_keras_softmax():
    np.testing.assert_allclose(
        ops.convert_to_numpy(softmax(SCORES)),
        ops.convert_to_numpy(keras.activations.softmax(SCORES)),
        rtol=1e-6,
        atol=1e-7,
    )


def test_worked_example_and_shift_invariance():
    np.testing.assert_allclose(
        ops.convert_to_numpy(softmax(np.array([2.0, 1.0, 0.0]))), [0.665, 0.245, 0.090], atol=5e-4
    )
    np.testing.assert_allclose(
        ops.convert_to_numpy(softmax(SCORES + 40.0)), ops.convert_to_numpy(softmax(SCORES)), rtol=1e-5, atol=1e-7
    )


def test_two_classes_is_the_sigmoid_of_the_gap():
    z = SCORES[:, :2]
    np.testing.assert_allclose(
        ops.convert_to_numpy(softmax(z))[:, 0], ops.convert_to_numpy(sigmoid(z[:, 0] - z[:, 1])), rtol=1e-5, atol=1e-7
    )


def test_huge_scores_overflow_only_the_textbook_formula():
    huge = np.array([[100.0, 0.0], [1000.0, 999.0]], dtype="float32")
    assert np.isnan(ops.convert_to_numpy(textbook_softmax(huge))).any()
    np.testing.assert_allclose(
        ops.convert_to_numpy(softmax(huge)), [[1.0, 0.0], [1 / (1 + np.exp(-1)), 1 / (1 + np.e)]], rtol=1e-6, atol=1e-30
    )


def test_layer_equals_keras_softmax_layer_on_any_axis():
    x = np.random.default_rng(1).normal(size=(2, 3, 4)).astype("float32")
    for axis in (-1, 1):
        np.testing.assert_allclose(
            SoftmaxFromScratch(axis=axis)(x), keras.layers.Softmax(axis=axis)(x), rtol=1e-6, atol=1e-7
        )


def test_keras_layer_contract():
    check_layer_contract(
        SoftmaxFromScratch, {"axis": -1}, input_shape=(2, 3, 4), expected_output_shape=(2, 3, 4), trainable_weights=0
    )


def test_bad_axis_is_refused():
    with pytest.raises(ValueError, match="axis must be an integer, not 'last'"):
        SoftmaxFromScratch(axis="last")


def test_class_shares_are_counted_from_the_probabilities():
    p = np.array([[0.5, 0.5], [0.5, 0.5], [1.0, 0.0], [1.0, 0.0]])
    # expected shares (0.75, 0.25); the labels hold half of each
    assert class_share_error(p, np.array([0, 1, 0, 1])) == pytest.approx(0.25)
    assert class_share_error(np.eye(3), np.array([0, 1, 2])) == 0.0


NUMBERS = {
    "softmax_accuracy": 0.95,
    "softmax_share_error": 0.01,
    "sigmoid_accuracy": 0.94,
    "sigmoid_share_off": 0.4,
    "softmax_sum_error": 1e-7,
}


def test_the_claim_holds_for_numbers_like_the_measured_ones():
    assert _claims.verdict(claim_parts(**NUMBERS)) is True


@pytest.mark.parametrize(
    "changes, failing",
    [
        ({"softmax_accuracy": 0.6, "sigmoid_accuracy": 0.6}, "softmax_accuracy"),
        ({"softmax_share_error": 0.09}, "softmax_class_share_error"),
        ({"sigmoid_accuracy": 0.80}, "sigmoid_accuracy_gap"),
        ({"sigmoid_share_off": 0.02}, "sigmoid_share_off_by_0_1"),
    ],
    ids=["not-learned", "shares-miscounted", "sigmoids-far-worse", "sigmoid-sums-near-1"],
)
def test_the_claim_can_fail(changes, failing):
    parts = {part.name: part for part in claim_parts(**{**NUMBERS, **changes})}
    assert not parts[failing].held and _claims.verdict(list(parts.values())) is False


def test_the_sum_is_a_check_not_a_vote():
    parts = {part.name: part for part in claim_parts(**{**NUMBERS, "softmax_sum_error": 0.5})}
    assert parts["softmax_max_sum_error"].kind == "identity" and not parts["softmax_max_sum_error"].held


def test_quick_demo_measures_the_claim(quick_demo):
    summary = quick_demo("softmax")
    numbers = summary["claim"]["numbers"]
    assert summary["claim"]["verdict"] is True
    assert all(part["held"] == part["of"] for part in summary["claim"]["parts"])
    assert numbers["sigmoid_sum_min"] < 0.9 or numbers["sigmoid_sum_max"] > 1.1


def test_without_the_normalisation_the_claim_fails(quick_demo, monkeypatch):
    """The concept removed: e^z alone, not divided by the total. The loss still compares the
    classes (Keras's cross-entropy takes the log and a softmax of what it is given), but the
    outputs are no distribution: summed over the images they miscount the classes."""
    monkeypatch.setattr(softmax_entry, "softmax", lambda z, axis=-1: ops.exp(ops.convert_to_tensor(z) - 3.0))
    assert_fails_through(quick_demo("softmax"), "softmax_class_share_error")


# -- the prediction question: outcome(claim) on recorded-style claims, no training -----------------


def recorded(*seeds):
    """The claim as summary.json stores it, aggregated by the harness from each seed's (parts,
    context numbers)."""
    from types import SimpleNamespace

    from nutshell.run import Claim, verdict_over_seeds

    return verdict_over_seeds(
        [
            SimpleNamespace(result=Claim("", tuple(parts), {**{part.name: part.value for part in parts}, **context}))
            for parts, context in seeds
        ]
    )


def measured(softmax_accuracy, sigmoid_accuracy, sigmoid_share_off):
    return claim_parts(softmax_accuracy, 0.01, sigmoid_accuracy, sigmoid_share_off, 2e-7), {
        "sigmoid_accuracy": sigmoid_accuracy,
        "sigmoid_sum_min": 0.13,
        "sigmoid_sum_max": 1.8,
    }


OUTCOMES = [  # (what each seed measured, the option it shows)
    ([measured(0.964, 0.948, 0.60)] * 3, "A"),  # as measured
    ([measured(0.964, 0.948, 0.02)] * 3, "B"),
    ([measured(0.964, 0.70, 0.60)] * 3, "C"),
    ([measured(0.60, 0.948, 0.60)] * 3, "D"),
    ([measured(0.964, 0.948, 0.60), measured(0.964, 0.948, 0.05)], "E"),
]


@pytest.mark.parametrize("seeds, option", OUTCOMES, ids=[option for _, option in OUTCOMES])
def test_outcome_names_the_option_the_numbers_show(seeds, option):
    assert softmax_entry.outcome(recorded(*seeds)) == option


def test_every_prediction_option_can_be_the_outcome():
    assert {option for _, option in OUTCOMES} == set(softmax_entry.PREDICT["options"])
