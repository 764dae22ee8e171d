"""pooling: our layers equal Keras's pooling layers; the shift measurement is real and sound."""

import math

import keras
import numpy as np
import pytest

from nutshell.glossary import _claims, pooling
from nutshell.glossary.pooling import (
    AveragePool2DFromScratch,
    MaxPool2DFromScratch,
    _convnet,
    _pooling_memory,
    _shift_consistency,
    _shifted_copies,
    claim_parts,
)
from nutshell.glossary.translation_invariance import shift as _shift
from tests.helpers import assert_fails_through
from tests.layer_contract import check_layer_contract

PAIRS = [(MaxPool2DFromScratch, keras.layers.MaxPooling2D), (AveragePool2DFromScratch, keras.layers.AveragePooling2D)]


@pytest.mark.parametrize("ours, theirs", PAIRS)
@pytest.mark.parametrize("pool_size, strides", [(2, None), (3, 2), ((2, 3), (1, 2))])
@pytest.mark.parametrize("padding", ["valid", "same"])
def test_pooling_matches_keras(ours, theirs, pool_size, strides, padding):
    x = np.random.default_rng(0).normal(size=(2, 7, 9, 3)).astype("float32")  # odd sizes on purpose
    expected = theirs(pool_size, strides=strides, padding=padding)(x)
    actual = ours(pool_size, strides=strides, padding=padding)(x)
    assert actual.shape == expected.shape
    np.testing.assert_allclose(actual, expected, rtol=1e-6, atol=1e-6)


def test_the_worked_example_from_the_explanation():
    x = np.array([[1, 3, 2, 0], [4, 6, 1, 5], [7, 2, 9, 8], [0, 1, 3, 4]], "float32")[None, :, :, None]
    np.testing.assert_allclose(MaxPool2DFromScratch(2)(x)[0, :, :, 0], [[6, 5], [7, 9]])
    np.testing.assert_allclose(AveragePool2DFromScratch(2)(x)[0, :, :, 0], [[3.5, 2.0], [2.5, 6.0]])


# On a 7x9 input: "valid" gives ⌊(n − k) / s⌋ + 1, "same" gives ⌈n / s⌉ per axis.
CONTRACT_CASES = [
    ({"pool_size": 2}, (2, 3, 4, 3)),
    ({"pool_size": (3, 2), "strides": 1, "padding": "same"}, (2, 7, 9, 3)),
    ({"pool_size": 3, "strides": 2, "padding": "same"}, (2, 4, 5, 3)),
]


@pytest.mark.parametrize("layer_cls", [MaxPool2DFromScratch, AveragePool2DFromScratch])
@pytest.mark.parametrize("init_kwargs, output_shape", CONTRACT_CASES, ids=["valid", "same-stride-1", "same-stride-2"])
def test_keras_layer_contract(layer_cls, init_kwargs, output_shape):
    check_layer_contract(
        layer_cls, init_kwargs, input_shape=(2, 7, 9, 3), expected_output_shape=output_shape, trainable_weights=0
    )


@pytest.mark.parametrize("layer_cls", [MaxPool2DFromScratch, AveragePool2DFromScratch])
@pytest.mark.parametrize(
    "kwargs, message",
    [
        ({"pool_size": 0}, "pool_size must be a positive integer or a pair of them, not 0"),
        ({"pool_size": (2, 2, 2)}, r"pool_size .* not \(2, 2, 2\)"),
        ({"strides": -1}, "strides must be a positive integer or a pair of them, not -1"),
        ({"padding": "causal"}, "padding must be 'valid' or 'same', not 'causal'"),
    ],
)
def test_bad_arguments_are_refused_with_a_readable_message(layer_cls, kwargs, message):
    with pytest.raises(ValueError, match=message):
        layer_cls(**kwargs)


def test_shift_moves_pixels_and_fills_zeros():
    x = np.arange(1, 10, dtype="float32").reshape(1, 3, 3, 1)
    np.testing.assert_array_equal(_shift(x, 0, 1)[0, :, :, 0], [[0, 1, 2], [0, 4, 5], [0, 7, 8]])
    np.testing.assert_array_equal(_shift(x, -1, 0)[0, :, :, 0], [[4, 5, 6], [7, 8, 9], [0, 0, 0]])
    np.testing.assert_array_equal(_shift(x, 0, 0), x)


def test_each_image_moves_in_its_own_direction():
    x = np.zeros((4, 5, 5, 1), "float32")
    x[:, 2, 2] = 1.0  # one bright pixel in the middle of each image
    moved = _shifted_copies(x, 2, np.array([0, 1, 2, 3]))  # right, left, down, up
    where = [tuple(np.argwhere(image[..., 0] == 1.0)[0]) for image in moved]
    assert where == [(2, 4), (2, 0), (4, 2), (0, 2)]


def test_the_only_difference_between_the_nets_is_pooling():
    pooled = _convnet((28, 28, 1), 10, pooling=True, name="a")
    plain = _convnet((28, 28, 1), 10, pooling=False, name="b")
    kinds = lambda model: [type(layer).__name__ for layer in model.layers]  # noqa: E731
    assert [k for k in kinds(pooled) if k != "MaxPool2DFromScratch"] == kinds(plain)
    # Activations per example around each pooling stage: 28 -> 14 -> 7 -> 3 pixels a side.
    assert _pooling_memory(pooled) == [
        ("pool1", 28 * 28 * 8, 14 * 14 * 8),
        ("pool2", 14 * 14 * 16, 7 * 7 * 16),
        ("pool3", 7 * 7 * 16, 3 * 3 * 16),
    ]
    assert _pooling_memory(plain) == []
    assert pooled.get_layer("features").output.shape[-1] == 3 * 3 * 16
    assert plain.get_layer("features").output.shape[-1] == 28 * 28 * 16


def test_shift_consistency_sees_a_shift_and_nothing_else():
    rng = np.random.default_rng(2)
    x = rng.uniform(size=(20, 8, 8, 1)).astype("float32")
    y = rng.integers(0, 10, 20)
    model = _convnet((8, 8, 1), 10, pooling=False, name="untrained")
    results = _shift_consistency(model, x, y, max_shift=2)
    assert len(results) == 3
    assert results[0]["feature_change"] == 0.0 and results[0]["consistency"] == 1.0
    assert results[1]["feature_change"] > 0.0 and results[2]["feature_change"] > 0.0
    predicted = model.predict(x, verbose=0).argmax(axis=1)
    assert math.isclose(results[0]["accuracy"], float(np.mean(predicted == y)))


def _rows(consistency, change, accuracy=0.97):
    return [
        {"consistency": c, "feature_change": f, "accuracy": accuracy if d == 0 else c}
        for d, (c, f) in enumerate(zip(consistency, change))
    ]


POOLED = _rows([1.0, 0.96, 0.91, 0.78, 0.60], [0.0, 0.3, 0.45, 0.55, 0.62])
PLAIN = _rows([1.0, 0.95, 0.80, 0.57, 0.33], [0.0, 0.75, 1.1, 1.2, 1.3])


def holds(pooled, plain, **bars):
    return _claims.verdict(claim_parts(pooled, plain, **bars))


def test_the_claim_holds_for_numbers_like_the_measured_ones():
    assert holds(POOLED, PLAIN) is True


@pytest.mark.parametrize(
    "pooled, plain, failing",
    [
        (PLAIN, POOLED, "mean_consistency_gain"),  # the nets swapped
        (_rows([1.0, 0.95, 0.80, 0.57, 0.33], [0.0, 0.3, 0.45, 0.55, 0.62]), PLAIN, "mean_consistency_gain"),
        (_rows([1.0, 0.96, 0.91, 0.78, 0.60], [0.0, 0.3, 1.2, 0.55, 0.62]), PLAIN, "feature_change_ratio_worst"),
        (_rows([1.0, 0.99, 0.99, 0.99, 0.99], [0.0, 0.3, 0.45, 0.55, 0.62]), PLAIN, "consistency_fall_with_pooling"),
        (
            _rows([1.0, 0.96, 0.91, 0.78, 0.60], [0.0, 0.3, 0.45, 0.55, 0.62], accuracy=0.5),
            PLAIN,
            "accuracy_unshifted_with_pooling",
        ),
    ],
    ids=["swapped", "no-gain", "features-move-more", "no-fall-with-distance", "not-learned"],
)
def test_the_claim_can_fail(pooled, plain, failing):
    parts = {part.name: part for part in claim_parts(pooled, plain)}
    assert not parts[failing].held and holds(pooled, plain) is False


def test_quick_demo_measures_the_claim(quick_demo):
    summary = quick_demo("pooling")
    numbers = summary["claim"]["numbers"]
    assert all(0.0 <= value <= 1.0 for key, value in numbers.items() if "consistency_with" in key)
    # What the head reads: every position of the last map, with and without three 2x2 pools.
    assert numbers["classifier_inputs_without_pooling"] == 28 * 28 * 16
    assert numbers["classifier_inputs_with_pooling"] == 3 * 3 * 16
    assert summary["claim"]["verdict"] is True
    assert all(part["held"] == part["of"] for part in summary["claim"]["parts"])
    assert summary["claim"]["anchor"]["ours"] == "mean_consistency_with_pooling"
    assert "89.2%" in summary["claim"]["anchor"]["published"]
    assert summary["metrics"]["max_pool_scratch_vs_keras"] == 0.0


def test_without_pooling_the_claim_fails(quick_demo, monkeypatch):
    """The concept removed: every pool of the "pooled" net becomes a 1x1 window (it passes its
    input through), so both nets compute the same function family and the gain is not there."""
    monkeypatch.setattr(pooling, "MaxPool2DFromScratch", lambda size, name=None: MaxPool2DFromScratch(1, name=name))
    assert_fails_through(quick_demo("pooling"), "mean_consistency_gain", "feature_change_ratio_worst")
