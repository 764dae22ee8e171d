"""data-augmentation: our shift is exactly a zero-filled translation, every training output is one
of the allowed shifts of its input, test time changes nothing, and the demo's claim is measured."""

import keras
import numpy as np
import pytest

from nutshell.glossary.data_augmentation import RandomShift
from tests.layer_contract import check_layer_contract


def _shifted(image, dy, dx):
    """A numpy reference: move the image down dy and right dx pixels, zeros where nothing lands."""
    out = np.zeros_like(image)
    h, w = image.shape[:2]
    out[max(dy, 0):h + min(dy, 0), max(dx, 0):w + min(dx, 0)] = \
        image[max(-dy, 0):h + min(-dy, 0), max(-dx, 0):w + min(-dx, 0)]
    return out


def test_shift_matrices_translate_exactly():
    layer = RandomShift(2)
    image = np.random.default_rng(0).uniform(size=(6, 7, 2)).astype("float32")
    for dy in range(-2, 3):
        for dx in range(-2, 3):
            rows = layer.shift_matrices(keras.ops.convert_to_tensor([dy]), 6)
            columns = layer.shift_matrices(keras.ops.convert_to_tensor([dx]), 7)
            got = keras.ops.einsum("bij,bjkc,blk->bilc", rows, image[None], columns)
            np.testing.assert_array_equal(keras.ops.convert_to_numpy(got)[0], _shifted(image, dy, dx))


def test_training_outputs_are_allowed_shifts_and_vary():
    images = np.random.default_rng(1).uniform(0.1, 1.0, size=(40, 8, 8, 1)).astype("float32")
    out = keras.ops.convert_to_numpy(RandomShift(1, seed=0)(images, training=True))
    seen = set()
    for image, moved in zip(images, out):
        matches = [(dy, dx) for dy in (-1, 0, 1) for dx in (-1, 0, 1)
                   if np.array_equal(moved, _shifted(image, dy, dx))]
        assert len(matches) == 1
        seen.add(matches[0])
    assert len(seen) >= 5  # 40 draws from 9 shifts


def test_test_time_is_the_identity():
    images = np.ones((2, 5, 5, 1), "float32")
    np.testing.assert_array_equal(keras.ops.convert_to_numpy(RandomShift(2)(images)), images)


def test_keras_layer_contract():
    # Keras's own checks; the layer owns one seed generator and has nothing to train.
    check_layer_contract(RandomShift, {"max_shift": 1, "seed": 1}, (2, 5, 5, 3), (2, 5, 5, 3), trainable_weights=0,
                         seed_generators=1, training_check=False)


@pytest.mark.parametrize("shift", [-1, 1.5, "2"])
def test_bad_shifts_are_refused(shift):
    with pytest.raises(ValueError, match="max_shift must be a non-negative integer"):
        RandomShift(shift)


def test_quick_demo_measures_the_claim(quick_demo):
    summary = quick_demo("data-augmentation")
    n = summary["claim"]["numbers"]
    assert n["test_accuracy_gain"] >= 0.02
    assert n["accuracy_gap_ratio"] <= 0.8
    assert n["accuracy_gap_no_augmentation"] >= 0.05  # the set-up does overfit
    assert summary["claim"]["verdict"] is True


def test_claim_fails_with_far_too_few_epochs(quick_demo):
    summary = quick_demo("data-augmentation", epochs=1)
    assert summary["claim"]["verdict"] is False
