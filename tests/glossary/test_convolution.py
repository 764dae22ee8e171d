"""convolution: our sliding window equals keras.ops.conv and Conv2D; flipping and the FFT agree."""

import keras
import numpy as np
import pytest
from keras import ops

from nutshell.glossary.convolution import (
    Conv2DFromScratch, conv2d_sliding_window, fft_convolution, true_convolution,
)

RNG = np.random.default_rng(0)


def _random(*shape):
    return RNG.normal(size=shape).astype("float32")


@pytest.mark.parametrize("strides", [1, 2, (1, 3)])
@pytest.mark.parametrize("padding", ["valid", "same"])
def test_sliding_window_matches_keras_conv(strides, padding):
    images, kernel = _random(3, 9, 11, 2), _random(3, 2, 2, 4)  # a non-square kernel on purpose
    ours = conv2d_sliding_window(images, kernel, strides=strides, padding=padding)
    theirs = ops.conv(images, kernel, strides=strides, padding=padding)
    assert ours.shape == theirs.shape
    np.testing.assert_allclose(ours, theirs, rtol=1e-5, atol=1e-5)


def test_layer_matches_keras_conv2d_with_the_same_weights():
    images = _random(4, 10, 10, 3)
    ours = Conv2DFromScratch(5, 3, strides=2, padding="same", activation="relu")
    theirs = keras.layers.Conv2D(5, 3, strides=2, padding="same", activation="relu")
    ours.build(images.shape)
    theirs.build(images.shape)
    ours.set_weights([_random(3, 3, 3, 5), _random(5)])
    theirs.set_weights(ours.get_weights())
    np.testing.assert_allclose(ours(images), theirs(images), rtol=1e-5, atol=1e-5)


def _true_convolution_by_definition(image, kernel):
    """(I ∗ K)[i, j] = ∑ₘ ∑ₙ I[i − m, j − n] K[m, n], kept where the kernel lies inside the image."""
    k_h, k_w = kernel.shape
    out = np.zeros((image.shape[0] - k_h + 1, image.shape[1] - k_w + 1))
    for i in range(out.shape[0]):
        for j in range(out.shape[1]):
            top, left = i + k_h - 1, j + k_w - 1  # output (i, j) of the valid part
            out[i, j] = sum(image[top - m, left - n] * kernel[m, n]
                            for m in range(k_h) for n in range(k_w))
    return out


def test_true_convolution_follows_the_definition():
    image, kernel = _random(7, 6), _random(3, 2)
    ours = true_convolution(image[None, :, :, None], kernel[:, :, None, None])
    np.testing.assert_allclose(ours[0, :, :, 0], _true_convolution_by_definition(image, kernel),
                               rtol=1e-5, atol=1e-5)


def test_flipping_turns_convolution_into_cross_correlation():
    images = _random(2, 8, 8, 1)
    asymmetric = np.array([[1, 2, 0], [0, 0, 0], [0, 0, -3]], "float32")[:, :, None, None]
    symmetric = np.array([[1, 2, 1], [2, 4, 2], [1, 2, 1]], "float32")[:, :, None, None]
    flipped = asymmetric[::-1, ::-1]
    np.testing.assert_allclose(true_convolution(images, asymmetric), ops.conv(images, flipped),
                               rtol=1e-5, atol=1e-5)
    assert np.max(np.abs(true_convolution(images, asymmetric) - ops.conv(images, asymmetric))) > 0.1
    np.testing.assert_allclose(true_convolution(images, symmetric), ops.conv(images, symmetric),
                               rtol=1e-5, atol=1e-5)


def test_fft_convolution_equals_the_direct_one():
    images, kernel = _random(2, 9, 7, 3), _random(4, 3, 3, 2)  # channels summed, two filters
    via_fft = fft_convolution(images, kernel)
    direct = true_convolution(images, kernel)
    assert via_fft.shape == direct.shape == (2, 6, 5, 2)
    np.testing.assert_allclose(via_fft, direct, rtol=1e-4, atol=1e-4)


def test_layer_round_trips_its_config_and_a_saved_model(tmp_path):
    layer = Conv2DFromScratch(3, (3, 2), strides=(2, 1), padding="same", activation="tanh",
                              use_bias=False)
    clone = Conv2DFromScratch.from_config(layer.get_config())
    assert clone.get_config() == layer.get_config()
    model = keras.Sequential([keras.Input((6, 6, 2)), layer])
    model.save(tmp_path / "model.keras")
    loaded = keras.saving.load_model(tmp_path / "model.keras")
    images = _random(2, 6, 6, 2)
    np.testing.assert_allclose(loaded(images), model(images), rtol=1e-6, atol=1e-6)


def test_quick_demo_measures_the_claim(quick_demo):
    summary = quick_demo("convolution")
    numbers = summary["claim"]["numbers"]
    assert numbers["scratch_vs_keras_conv"] < 1e-4
    assert numbers["fft_vs_direct"] < 1e-4
    assert numbers["conv_vs_flipped_xcorr"] < 1e-4
    assert numbers["conv_vs_unflipped_xcorr"] > 0.1  # Sobel is asymmetric: the flip matters
    assert numbers["kernel_cosine"] > 0.99
    assert numbers["kernel_max_abs_error"] < 0.1
    assert summary["claim"]["verdict"] is True
