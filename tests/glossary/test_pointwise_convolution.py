"""pointwise-convolution: a 1×1 convolution is a dense layer at every pixel; the demo measures the
saving of a depthwise-separable stage and can fail."""

import keras
import numpy as np
import pytest
from keras import ops

from nutshell.glossary.pointwise_convolution import (
    PointwiseConv2D, pointwise_parameter_count, separable_parameter_count,
)
from tests.layer_contract import check_layer_contract

RNG = np.random.default_rng(0)


def test_equals_dense_on_the_channel_axis_and_conv2d_1x1():
    maps = RNG.normal(size=(2, 5, 7, 6)).astype("float32")
    w, b = RNG.normal(size=(6, 4)).astype("float32"), RNG.normal(size=4).astype("float32")
    ours, dense, conv = PointwiseConv2D(4, activation="tanh"), keras.layers.Dense(4, "tanh"), \
        keras.layers.Conv2D(4, 1, activation="tanh")
    for layer in (ours, dense, conv):
        layer.build(maps.shape)
    ours.set_weights([w, b])
    dense.set_weights([w, b])
    conv.set_weights([w.reshape(1, 1, 6, 4), b])
    y = ops.convert_to_numpy(ours(maps))
    np.testing.assert_allclose(y, ops.convert_to_numpy(dense(maps)), rtol=1e-5, atol=1e-6)
    np.testing.assert_allclose(y, ops.convert_to_numpy(conv(maps)), rtol=1e-5, atol=1e-6)
    # and by hand, pixel by pixel: neighbouring pixels never meet
    by_hand = np.tanh(np.einsum("bhwc,cd->bhwd", maps.astype("float64"), w) + b)
    np.testing.assert_allclose(y, by_hand, rtol=1e-5, atol=1e-5)


def test_parameter_counts_match_keras():
    ours = PointwiseConv2D(64)
    ours.build((None, 28, 28, 192))
    assert ours.count_params() == pointwise_parameter_count(192, 64) == 12_352  # the entry's example
    depthwise = keras.layers.DepthwiseConv2D(3)
    depthwise.build((None, 8, 8, 256))
    pointwise = PointwiseConv2D(256)
    pointwise.build((None, 8, 8, 256))
    assert depthwise.count_params() + pointwise.count_params() == separable_parameter_count(3, 256, 256)


def test_keras_layer_contract():
    check_layer_contract(PointwiseConv2D, {"filters": 3, "activation": "relu"}, input_shape=(2, 4, 5, 6),
                         expected_output_shape=(2, 4, 5, 3), trainable_weights=2)


@pytest.mark.parametrize("kwargs, message", [
    ({"filters": 0}, "filters must be a positive integer, not 0"),
    ({"filters": 2, "activation": "no_such"}, "activation function identifier: no_such"),
])
def test_bad_arguments_are_refused(kwargs, message):
    with pytest.raises(ValueError, match=message):
        PointwiseConv2D(**kwargs)


def test_quick_demo_measures_the_claim(quick_demo):
    summary = quick_demo("pointwise-convolution")
    numbers = summary["claim"]["numbers"]
    assert max(numbers["pointwise_vs_dense"], numbers["pointwise_vs_conv2d_1x1"],
               numbers["pointwise_vs_by_hand"]) < 1e-5
    assert numbers["ordinary_stage_parameters"] == 9 * 32 * 64 + 64
    assert numbers["separable_stage_parameters"] == separable_parameter_count(3, 32, 64)
    assert numbers["parameter_saving"] >= 5
    assert numbers["separable_accuracy"] >= 0.93
    assert numbers["separable_accuracy"] >= numbers["ordinary_accuracy"] - 0.02
    assert summary["claim"]["verdict"] is True


def test_the_claim_fails_when_the_nets_barely_train(quick_demo):
    summary = quick_demo("pointwise-convolution", epochs=1, learning_rate=1e-4)
    assert summary["claim"]["numbers"]["separable_accuracy"] < 0.93
    assert summary["claim"]["verdict"] is False
