"""cross-correlation: normalised template matching against numpy; the flip relation; the demo."""

import numpy as np
import pytest
from keras import ops

from nutshell.glossary.convolution import conv2d_sliding_window
from nutshell.glossary.cross_correlation import _convolution_by_definition, normalized_cross_correlation

RNG = np.random.default_rng(0)


def _numpy_ncc(image, template):
    k_h, k_w = template.shape
    out = np.zeros((image.shape[0] - k_h + 1, image.shape[1] - k_w + 1))
    for i in range(out.shape[0]):
        for j in range(out.shape[1]):
            out[i, j] = np.corrcoef(image[i:i + k_h, j:j + k_w].ravel(), template.ravel())[0, 1]
    return out


def test_normalized_cross_correlation_is_the_correlation_coefficient_of_each_window():
    images, template = RNG.normal(size=(2, 9, 8, 1)), RNG.normal(size=(3, 4))
    ours = ops.convert_to_numpy(normalized_cross_correlation(images, template))
    for index in range(2):
        np.testing.assert_allclose(ours[index], _numpy_ncc(images[index, ..., 0], template), atol=1e-5)


def test_brightness_and_contrast_do_not_matter_and_flat_windows_score_zero():
    image, template = RNG.uniform(size=(1, 10, 10, 1)), RNG.uniform(size=(4, 4))
    plain = ops.convert_to_numpy(normalized_cross_correlation(image, template))
    brighter = ops.convert_to_numpy(normalized_cross_correlation(3.0 * image + 7.0, template))
    np.testing.assert_allclose(plain, brighter, atol=1e-4)
    flat = ops.convert_to_numpy(normalized_cross_correlation(np.full((1, 6, 6, 1), 5.0), template))
    assert np.all(flat == 0.0)


def test_one_template_per_image():
    images, templates = RNG.normal(size=(3, 7, 7, 1)), RNG.normal(size=(3, 3, 3))
    together = ops.convert_to_numpy(normalized_cross_correlation(images, templates))
    for index in range(3):
        alone = ops.convert_to_numpy(normalized_cross_correlation(images[index:index + 1], templates[index]))
        np.testing.assert_allclose(together[index], alone[0], atol=1e-6)


def test_the_worked_1d_example():
    x = np.array([0.0, 1.0, 2.0, 3.0], "float32").reshape(1, 1, 4, 1)
    w = np.array([[1.0, 0.0, -1.0]], "float32")
    xcorr = ops.convert_to_numpy(conv2d_sliding_window(x, w[:, :, None, None]))
    assert xcorr.ravel().tolist() == [-2.0, -2.0]
    assert _convolution_by_definition(x.astype("float64"), w.astype("float64")).ravel().tolist() == [2.0, 2.0]


def test_quick_demo_measures_the_claim(quick_demo):
    summary = quick_demo("cross-correlation")
    numbers = summary["claim"]["numbers"]
    assert max(numbers["convolution_vs_flipped_xcorr"], numbers["symmetric_kernel_gap"],
               numbers["true_convolution_vs_definition"]) < 1e-5
    assert numbers["convolution_vs_xcorr"] > 0.1
    assert numbers["learned_vs_flipped_kernel"] < 0.05 < numbers["learned_vs_kernel"]
    assert numbers["found_normalized"] >= 0.95 and numbers["found_raw"] <= 0.20
    assert summary["claim"]["verdict"] is True


def test_the_claim_fails_when_the_kernel_barely_trains(quick_demo):
    summary = quick_demo("cross-correlation", epochs=1, learning_rate=1e-3)
    assert summary["claim"]["numbers"]["learned_vs_flipped_kernel"] >= 0.05
    assert summary["claim"]["verdict"] is False
