"""masking: our mask-making layer equals keras.layers.Masking (output, mask, and what an LSTM
after it computes), our masked average equals GlobalAveragePooling1D; the claim can fail on each
part, and does when the mask is dropped."""

import keras
import numpy as np
import pytest

from nutshell.glossary import _claims, masking
from nutshell.glossary.masking import (
    MaskedAveragePooling1D,
    MaskingFromScratch,
    claim_parts,
    last_value_classifier,
    last_value_task,
    outcome,
    padding_effect,
)
from tests.helpers import assert_fails_through, recorded_claim, recorded_part
from tests.layer_contract import check_layer_contract


def padded_batch():
    """Three sequences of lengths 3, 5 and 2 with two features, post-padded with zeros to 5 steps;
    one real step has a zero feature (only all-zero steps are padding)."""
    x = np.random.default_rng(0).normal(size=(3, 5, 2)).astype("float32")
    x[0, 3:] = 0.0
    x[2, 2:] = 0.0
    x[1, 1, 0] = 0.0
    return x


def test_output_and_mask_equal_keras_masking():
    x = padded_batch()
    ours, theirs = MaskingFromScratch(0.0), keras.layers.Masking(0.0)
    np.testing.assert_array_equal(keras.ops.convert_to_numpy(ours(x)), keras.ops.convert_to_numpy(theirs(x)))
    mask = keras.ops.convert_to_numpy(ours.compute_mask(x))
    np.testing.assert_array_equal(mask, keras.ops.convert_to_numpy(theirs.compute_mask(x)))
    assert mask.tolist() == [[True] * 3 + [False] * 2, [True] * 5, [True] * 2 + [False] * 3]


def test_a_nonzero_mask_value_marks_those_steps():
    x = np.array([[[1.0], [-1.0], [-1.0]]], "float32")
    mask = MaskingFromScratch(-1.0).compute_mask(x)
    assert keras.ops.convert_to_numpy(mask).tolist() == [[True, False, False]]


def lstm_after(mask_layer, weights=None):
    model = keras.Sequential([keras.Input((5, 2)), mask_layer, keras.layers.LSTM(4)])
    if weights is not None:
        model.set_weights(weights)
    return model


def test_an_lstm_after_our_mask_computes_what_it_does_after_keras_masking():
    x = padded_batch()
    theirs = lstm_after(keras.layers.Masking(0.0))
    ours = lstm_after(MaskingFromScratch(0.0), theirs.get_weights())
    np.testing.assert_allclose(ours.predict(x, verbose=0), theirs.predict(x, verbose=0), atol=1e-6)


def test_a_masked_lstm_ends_where_the_unpadded_sequence_ends():
    """h_T = h_ℓ: the padded steps are skipped, so the padded and unpadded runs agree; without
    the mask the zeros keep changing the state."""
    x = padded_batch()
    masked = lstm_after(MaskingFromScratch(0.0))
    lstm = masked.layers[-1]
    for row, length in ((0, 3), (2, 2)):
        alone = keras.ops.convert_to_numpy(lstm(x[row : row + 1, :length]))
        np.testing.assert_allclose(masked.predict(x[row : row + 1], verbose=0), alone, atol=1e-6)
        assert np.max(np.abs(keras.ops.convert_to_numpy(lstm(x[row : row + 1])) - alone)) > 1e-4


def test_padding_effect_is_rounding_with_the_mask_and_not_without():
    x, _, lengths = last_value_task(40, seed=0)
    assert padding_effect(last_value_classifier(masked=True, name="masked"), x, lengths) < 1e-5
    assert padding_effect(last_value_classifier(masked=False, name="plain"), x, lengths) > 1e-4


def test_masked_average_equals_keras_global_average_pooling():
    x = padded_batch()
    mask = MaskingFromScratch(0.0).compute_mask(x)
    ours, theirs = MaskedAveragePooling1D(), keras.layers.GlobalAveragePooling1D()
    for given in (mask, None):
        np.testing.assert_allclose(
            keras.ops.convert_to_numpy(ours(x, mask=given)),
            keras.ops.convert_to_numpy(theirs(x, mask=given)),
            atol=1e-6,
        )


def test_the_mask_reaches_the_average_through_a_model():
    x = np.array([[[3.0], [5.0], [0.0], [0.0]]], "float32")
    model = keras.Sequential([keras.Input((4, 1)), MaskingFromScratch(0.0), MaskedAveragePooling1D()])
    assert model.predict(x, verbose=0).tolist() == [[4.0]]  # the entry's example; unmasked it is 2


def test_the_task_labels_the_sign_of_the_last_real_number():
    x, y, lengths = last_value_task(300, seed=1)
    assert x.shape == (300, masking.STEPS, 1) and lengths.min() >= 1 and lengths.max() <= masking.STEPS
    for row, label, length in zip(x[..., 0], y, lengths):
        assert np.all(row[length:] == 0) and np.all(row[:length] != 0)
        assert label == (row[length - 1] > 0)


def test_keras_layer_contract_masking():
    check_layer_contract(
        MaskingFromScratch, {"mask_value": 0.5}, (2, 3, 4), (2, 3, 4), trainable_weights=0, training_check=False
    )


def test_keras_layer_contract_masked_average():
    check_layer_contract(MaskedAveragePooling1D, {}, (2, 3, 4), (2, 4), trainable_weights=0, training_check=False)


@pytest.mark.parametrize("value", ["0", None, True])
def test_bad_mask_values_are_refused(value):
    with pytest.raises(ValueError, match="mask_value must be a number"):
        MaskingFromScratch(value)


def _numbers(masked=0.98, unmasked=0.7, effect=1e-7):
    return {"masked": masked, "unmasked": unmasked, "padding_effect": effect}


@pytest.mark.parametrize("quick", [False, True], ids=["full", "quick"])
def test_the_claim_holds_for_numbers_like_the_measured_ones(quick):
    assert _claims.verdict(claim_parts(_numbers(), quick=quick)) is True


@pytest.mark.parametrize("quick", [False, True], ids=["full", "quick"])
@pytest.mark.parametrize(
    "numbers, failing",
    [
        (_numbers(masked=0.7, unmasked=0.55), "accuracy_with_mask"),  # the mask did not make it learn
        (_numbers(unmasked=0.975), "gain_from_mask"),  # the plain LSTM did as well
    ],
    ids=["accuracy", "gain"],
)
def test_the_claim_can_fail(numbers, failing, quick):
    parts = {part.name: part for part in claim_parts(numbers, quick=quick)}
    assert not parts[failing].held
    assert _claims.verdict(list(parts.values())) is False


def test_the_padding_check_shows_but_does_not_vote():
    parts = {part.name: part for part in claim_parts(_numbers(effect=0.2))}
    assert not parts["padding_effect"].held and parts["padding_effect"].kind == "identity"
    assert _claims.verdict(list(parts.values())) is True


def test_quick_demo_masked_lstm_wins(quick_demo):
    summary = quick_demo("masking")
    n = summary["claim"]["numbers"]
    assert n["accuracy_with_mask"] > n["accuracy_without_mask"]
    assert summary["claim"]["verdict"] is True


def test_without_the_mask_the_claim_fails(quick_demo, monkeypatch):
    """The concept removed: the masking layer still zeroes the padding but hands on no mask, so
    the "masked" LSTM reads the padding as data like the other one."""
    monkeypatch.setattr(MaskingFromScratch, "compute_mask", lambda self, inputs, mask=None: None)
    assert_fails_through(quick_demo("masking"), "accuracy_with_mask", "gain_from_mask")


def _claim(gain, held=5):
    parts = [
        recorded_part("padding_effect", 1e-7, 1e-5, 5, "<=", kind="identity"),
        recorded_part("accuracy_with_mask", 0.97, 0.85, 5),
        recorded_part("gain_from_mask", gain, 0.2, held),
    ]
    return recorded_claim(parts, held)


@pytest.mark.parametrize(
    "claim, option",
    [
        (_claim(0.28), "A"),
        (_claim(0.01, held=0), "B"),
        (_claim(-0.1, held=0), "C"),
        (_claim(0.12, held=3), "D"),
    ],
)
def test_outcome_names_the_option_the_numbers_show(claim, option):
    assert outcome(claim) == option and option in masking.PREDICT["options"]
