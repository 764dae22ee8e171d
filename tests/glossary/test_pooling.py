"""pooling: our layers equal Keras's pooling layers; the shift measurement is real and sound."""

import math

import keras
import numpy as np
import pytest

from nutshell.glossary.pooling import (
    AveragePool2DFromScratch, MaxPool2DFromScratch, _convnet, _pooling_memory, _shift,
    _shift_sensitivity,
)

PAIRS = [(MaxPool2DFromScratch, keras.layers.MaxPooling2D),
         (AveragePool2DFromScratch, keras.layers.AveragePooling2D)]


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


@pytest.mark.parametrize("layer", [MaxPool2DFromScratch((3, 2), strides=1, padding="same"),
                                   AveragePool2DFromScratch(2)])
def test_layers_round_trip_their_config(layer):
    clone = type(layer).from_config(layer.get_config())
    assert clone.get_config() == layer.get_config()


def test_a_model_with_our_pooling_saves_and_loads(tmp_path):
    model = _convnet((8, 8, 1), 10, pooling=True, name="pooled")
    model.save(tmp_path / "model.keras")
    loaded = keras.saving.load_model(tmp_path / "model.keras")
    x = np.random.default_rng(1).uniform(size=(3, 8, 8, 1)).astype("float32")
    np.testing.assert_allclose(loaded(x), model(x), rtol=1e-6, atol=1e-6)


def test_shift_moves_pixels_and_fills_zeros():
    x = np.arange(1, 10, dtype="float32").reshape(1, 3, 3, 1)
    np.testing.assert_array_equal(_shift(x, 0, 1)[0, :, :, 0], [[0, 1, 2], [0, 4, 5], [0, 7, 8]])
    np.testing.assert_array_equal(_shift(x, -1, 0)[0, :, :, 0], [[4, 5, 6], [7, 8, 9], [0, 0, 0]])
    np.testing.assert_array_equal(_shift(x, 0, 0), x)


def test_the_only_difference_between_the_nets_is_pooling():
    pooled = _convnet((8, 8, 1), 10, pooling=True, name="a")
    plain = _convnet((8, 8, 1), 10, pooling=False, name="b")
    kinds = lambda model: [type(layer).__name__ for layer in model.layers]  # noqa: E731
    assert [k for k in kinds(pooled) if k != "MaxPool2DFromScratch"] == kinds(plain)
    # Activations per example around each pooling stage: 8·8·16 -> 4·4·16, 4·4·32 -> 2·2·32.
    assert _pooling_memory(pooled) == [("pool1", 8 * 8 * 16, 4 * 4 * 16),
                                       ("pool2", 4 * 4 * 32, 2 * 2 * 32)]
    assert _pooling_memory(plain) == []


def test_shift_sensitivity_sees_a_shift_and_nothing_else():
    rng = np.random.default_rng(2)
    x = rng.uniform(size=(20, 8, 8, 1)).astype("float32")
    y = rng.integers(0, 10, 20)
    model = _convnet((8, 8, 1), 10, pooling=False, name="untrained")
    results = _shift_sensitivity(model, x, y, max_shift=2)
    assert len(results) == 3
    assert results[0]["feature_change"] == 0.0 and results[0]["same_prediction"] == 1.0
    assert results[1]["feature_change"] > 0.0
    predicted = model.predict(x, verbose=0).argmax(axis=1)
    assert math.isclose(results[0]["accuracy"], float(np.mean(predicted == y)))


def test_quick_demo_measures_the_claim(quick_demo):
    summary = quick_demo("pooling")
    numbers = summary["claim"]["numbers"]
    assert all(0.0 <= value <= 1.0 for key, value in numbers.items() if "feature" not in key)
    assert all(math.isfinite(value) and value >= 0.0 for value in numbers.values())
    assert numbers["accuracy_unshifted_with_pooling"] > 0.9
    assert numbers["accuracy_unshifted_without_pooling"] > 0.9
    # Measured over several seeds: pooled nets keep 60-65% of predictions under a 1-pixel shift,
    # unpooled ones about 50%, and their features move about 0.35 vs 0.8 of their length.
    assert numbers["same_prediction_1px_with_pooling"] > numbers["same_prediction_1px_without_pooling"]
    assert numbers["feature_change_1px_with_pooling"] < numbers["feature_change_1px_without_pooling"]
    assert summary["claim"]["verdict"] is True
    assert summary["metrics"]["max_pool_scratch_vs_keras"] == 0.0
