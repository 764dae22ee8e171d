"""maxout: our layer against numpy, MaxoutUnit and ReLU; the difference of two units; the demo."""

import numpy as np
import pytest
from keras import ops

from nutshell.glossary.maxout import MaxoutDense, MaxoutDifference
from nutshell.glossary.unit import MaxoutUnit
from tests.layer_contract import check_layer_contract

RNG = np.random.default_rng(0)


def test_each_unit_keeps_the_largest_of_its_pieces():
    x = RNG.normal(size=(6, 5)).astype("float32")
    layer = MaxoutDense(3, pieces=4)
    layer.build(x.shape)
    w, b = RNG.normal(size=(5, 12)).astype("float32"), RNG.normal(size=12).astype("float32")
    layer.set_weights([w, b])
    expected = (x @ w + b).reshape(6, 3, 4).max(axis=-1)
    np.testing.assert_allclose(ops.convert_to_numpy(layer(x)), expected, rtol=1e-5, atol=1e-5)


def test_one_unit_is_maxout_unit_and_two_pieces_can_be_relu():
    x = RNG.normal(size=(8, 2)).astype("float32")
    ours, unit = MaxoutDense(1, pieces=3), MaxoutUnit(pieces=3)
    ours.build(x.shape)
    unit.build(x.shape)
    unit.set_weights(ours.get_weights())
    np.testing.assert_allclose(ops.convert_to_numpy(ours(x)), ops.convert_to_numpy(unit(x)), atol=1e-6)
    relu = MaxoutDense(1, pieces=2)
    relu.build((None, 1))
    relu.set_weights([np.array([[1.0, 0.0]], "float32"), np.zeros(2, "float32")])
    z = np.linspace(-2, 2, 9, dtype="float32")[:, None]
    assert np.array_equal(ops.convert_to_numpy(relu(z)), np.maximum(z, 0))


def test_difference_of_two_units():
    x = RNG.normal(size=(4, 3)).astype("float32")
    layer = MaxoutDifference(pieces=2)
    layer.build(x.shape)
    h = ops.convert_to_numpy(layer.pair(x))
    np.testing.assert_allclose(ops.convert_to_numpy(layer(x))[:, 0], h[:, 0] - h[:, 1], atol=1e-6)


def test_parameter_count_is_k_times_dense():
    layer = MaxoutDense(32, pieces=4)
    layer.build((None, 64))
    assert layer.count_params() == 4 * (64 * 32 + 32) == 8_320


@pytest.mark.parametrize("layer_cls, kwargs, output", [
    (MaxoutDense, {"units": 3, "pieces": 2}, (4, 3)),
    (MaxoutDifference, {"pieces": 3}, (4, 1)),
], ids=["MaxoutDense", "MaxoutDifference"])
def test_keras_layer_contract(layer_cls, kwargs, output):
    check_layer_contract(layer_cls, kwargs, input_shape=(4, 5), expected_output_shape=output,
                         trainable_weights=2)


@pytest.mark.parametrize("kwargs, message", [
    ({"units": 0}, "units must be a positive integer, not 0"),
    ({"units": 2, "pieces": 1.5}, "pieces must be a positive integer, not 1.5"),
])
def test_bad_arguments_are_refused(kwargs, message):
    with pytest.raises(ValueError, match=message):
        MaxoutDense(**kwargs)


def test_quick_demo_measures_the_claim(quick_demo):
    summary = quick_demo("maxout")
    numbers = summary["claim"]["numbers"]
    assert numbers["relu_gap"] == 0.0
    assert numbers["x_squared_error_8_pieces"] <= numbers["x_squared_error_2_pieces"] / 2
    assert numbers["sine_error_one_unit"] >= 0.25 and numbers["sine_error_difference_of_two"] <= 0.1
    assert 1 <= numbers["x_squared_8_pieces_winning"] <= 8
    assert summary["claim"]["verdict"] is True


def test_the_claim_fails_when_the_units_barely_train(quick_demo):
    summary = quick_demo("maxout", epochs=1, learning_rate=1e-4)
    assert summary["claim"]["numbers"]["sine_error_difference_of_two"] > 0.1
    assert summary["claim"]["verdict"] is False
