"""softmax: ours equals Keras's and survives huge scores; the demo's claim is measured, and fails
for outputs that are not normalised."""

import keras
import numpy as np
import pytest
from keras import ops

import nutshell.glossary.softmax as softmax_entry
from nutshell.glossary.activation import sigmoid
from nutshell.glossary.softmax import SoftmaxFromScratch, softmax, textbook_softmax
from tests.layer_contract import check_layer_contract

SCORES = np.random.default_rng(0).normal(0, 3, (16, 7)).astype("float32")


def test_matches_keras_softmax():
    np.testing.assert_allclose(ops.convert_to_numpy(softmax(SCORES)),
                               ops.convert_to_numpy(keras.activations.softmax(SCORES)), rtol=1e-6, atol=1e-7)


def test_worked_example_and_shift_invariance():
    np.testing.assert_allclose(ops.convert_to_numpy(softmax(np.array([2.0, 1.0, 0.0]))),
                               [0.665, 0.245, 0.090], atol=5e-4)
    np.testing.assert_allclose(ops.convert_to_numpy(softmax(SCORES + 40.0)),
                               ops.convert_to_numpy(softmax(SCORES)), rtol=1e-5, atol=1e-7)


def test_two_classes_is_the_sigmoid_of_the_gap():
    z = SCORES[:, :2]
    np.testing.assert_allclose(ops.convert_to_numpy(softmax(z))[:, 0],
                               ops.convert_to_numpy(sigmoid(z[:, 0] - z[:, 1])), rtol=1e-5, atol=1e-7)


def test_huge_scores_overflow_only_the_textbook_formula():
    huge = np.array([[100.0, 0.0], [1000.0, 999.0]], dtype="float32")
    assert np.isnan(ops.convert_to_numpy(textbook_softmax(huge))).any()
    np.testing.assert_allclose(ops.convert_to_numpy(softmax(huge)),
                               [[1.0, 0.0], [1 / (1 + np.exp(-1)), 1 / (1 + np.e)]], rtol=1e-6, atol=1e-30)


def test_layer_equals_keras_softmax_layer_on_any_axis():
    x = np.random.default_rng(1).normal(size=(2, 3, 4)).astype("float32")
    for axis in (-1, 1):
        np.testing.assert_allclose(SoftmaxFromScratch(axis=axis)(x), keras.layers.Softmax(axis=axis)(x),
                                   rtol=1e-6, atol=1e-7)


def test_keras_layer_contract():
    check_layer_contract(SoftmaxFromScratch, {"axis": -1}, input_shape=(2, 3, 4),
                         expected_output_shape=(2, 3, 4), trainable_weights=0)


def test_bad_axis_is_refused():
    with pytest.raises(ValueError, match="axis must be an integer, not 'last'"):
        SoftmaxFromScratch(axis="last")


def test_quick_demo_measures_the_claim(quick_demo):
    summary = quick_demo("softmax")
    numbers = summary["claim"]["numbers"]
    assert numbers["softmax_accuracy"] >= 0.85
    assert numbers["softmax_max_sum_error"] <= 1e-5
    assert numbers["sigmoid_share_off_by_0_1"] >= 0.10
    assert numbers["sigmoid_sum_min"] < 0.9 or numbers["sigmoid_sum_max"] > 1.1
    assert abs(numbers["sigmoid_accuracy"] - numbers["softmax_accuracy"]) <= 0.05
    assert summary["claim"]["verdict"] is True


def test_claim_fails_without_the_normalisation(quick_demo, monkeypatch):
    # e^z alone, not divided by the total: the "probabilities" no longer sum to 1
    monkeypatch.setattr(softmax_entry, "softmax", lambda z, axis=-1: ops.exp(ops.convert_to_tensor(z) - 3.0))
    summary = quick_demo("softmax", epochs=2)
    assert summary["claim"]["numbers"]["softmax_max_sum_error"] > 1e-5
    assert summary["claim"]["verdict"] is False
