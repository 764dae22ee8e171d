"""data-augmentation: our shift is exactly a zero-filled translation, every training output is one
of the allowed shifts of its input, test time changes nothing, and the demo's claim is measured."""

import keras
import numpy as np
import pytest

from nutshell.glossary import _claims, data_augmentation
from nutshell.glossary.data_augmentation import RandomShift, claim_parts
from tests.helpers import assert_fails_through, recorded_claim, recorded_part
from tests.layer_contract import check_layer_contract


def _shifted(image, dy, dx):
    """A numpy reference: move the image down dy and right dx pixels, zeros where nothing lands."""
    out = np.zeros_like(image)
    h, w = image.shape[:2]
    out[max(dy, 0) : h + min(dy, 0), max(dx, 0) : w + min(dx, 0)] = image[
        max(-dy, 0) : h + min(-dy, 0), max(-dx, 0) : w + min(-dx, 0)
    ]
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
        matches = [(dy, dx) for dy in (-1, 0, 1) for dx in (-1, 0, 1) if np.array_equal(moved, _shifted(image, dy, dx))]
        assert len(matches) == 1
        seen.add(matches[0])
    assert len(seen) >= 5  # 40 draws from 9 shifts


def test_test_time_is_the_identity():
    images = np.ones((2, 5, 5, 1), "float32")
    np.testing.assert_array_equal(keras.ops.convert_to_numpy(RandomShift(2)(images)), images)


def test_keras_layer_contract():
    # Keras's own checks; the layer owns one seed generator and has nothing to train.
    check_layer_contract(
        RandomShift,
        {"max_shift": 1, "seed": 1},
        (2, 5, 5, 3),
        (2, 5, 5, 3),
        trainable_weights=0,
        seed_generators=1,
        training_check=False,
    )


@pytest.mark.parametrize("shift", [-1, 1.5, "2"])
def test_bad_shifts_are_refused(shift):
    with pytest.raises(ValueError, match="max_shift must be a non-negative integer"):
        RandomShift(shift)


# generalization_gap numbers like a --quick run's, without and with the shifts
PLAIN = {"train_accuracy": 1.0, "test_accuracy": 0.87, "accuracy_gap": 0.13}
SHIFTED = {"train_accuracy": 0.99, "test_accuracy": 0.92, "accuracy_gap": 0.07}


def test_the_claim_holds_for_numbers_like_the_measured_ones():
    assert _claims.verdict(claim_parts(PLAIN, SHIFTED)) is True


@pytest.mark.parametrize(
    "shifted, failing",
    [
        ({**SHIFTED, "test_accuracy": 0.88}, "test_accuracy_gain"),
        ({**SHIFTED, "accuracy_gap": 0.12}, "accuracy_gap_ratio"),
        (PLAIN, "test_accuracy_gain"),  # augmentation changed nothing
    ],
    ids=["no-gain", "gap-as-wide", "same-as-plain"],
)
def test_the_claim_can_fail(shifted, failing):
    parts = {part.name: part for part in claim_parts(PLAIN, shifted)}
    assert not parts[failing].held and _claims.verdict(parts.values()) is False


def test_quick_demo_measures_the_claim(quick_demo):
    summary = quick_demo("data-augmentation")
    numbers = summary["claim"]["numbers"]
    assert numbers["accuracy_gap_no_augmentation"] >= 0.05  # the set-up does overfit
    assert numbers["test_accuracy_gain"] == pytest.approx(
        numbers["test_accuracy_augmented"] - numbers["test_accuracy_no_augmentation"]
    )
    assert summary["claim"]["verdict"] is True


def test_without_augmentation_the_claim_fails(quick_demo, monkeypatch):
    """The concept removed: shifts of at most 0 pixels, so the "augmented" net sees the images as
    they are, like the plain one."""
    monkeypatch.setattr(data_augmentation, "SHIFT", 0)
    assert_fails_through(quick_demo("data-augmentation"), "test_accuracy_gain", "accuracy_gap_ratio")


def _outcome_claim(gain, held=5):
    def part(name, mean, bar, part_held, comparison):
        return recorded_part(name, mean, bar, part_held, comparison)

    parts = [part("test_accuracy_gain", gain, 0.02, held, ">="), part("accuracy_gap_ratio", 0.6, 0.8, 5, "<=")]
    return recorded_claim(parts, held)


@pytest.mark.parametrize(
    "claim, option",
    [
        (_outcome_claim(0.04), "A"),  # seeds 0-4: 0.877-0.880 -> 0.911-0.924
        (_outcome_claim(0.003, held=0), "B"),
        (_outcome_claim(-0.03, held=0), "C"),
        (_outcome_claim(0.025, held=3), "D"),
    ],
)
def test_outcome_names_the_option_the_numbers_show(claim, option):
    from nutshell.glossary.data_augmentation import PREDICT, outcome

    assert outcome(claim) == option and option in PREDICT["options"]
