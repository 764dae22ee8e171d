"""cross-correlation: normalised template matching against numpy; the flip relation; the demo."""

import numpy as np
import pytest
from keras import ops

from nutshell.glossary import _claims
from nutshell.glossary.convolution import Conv2DFromScratch, conv2d_sliding_window, true_convolution
from nutshell.glossary.cross_correlation import (
    MAX_KERNEL_ERROR,
    _found,
    claim_parts,
    convolution_by_definition,
    measure_flip,
    normalized_cross_correlation,
    outcome,
)
from tests.helpers import assert_fails_through

RNG = np.random.default_rng(0)


def _numpy_ncc(image, template):
    k_h, k_w = template.shape
    out = np.zeros((image.shape[0] - k_h + 1, image.shape[1] - k_w + 1))
    for i in range(out.shape[0]):
        for j in range(out.shape[1]):
            out[i, j] = np.corrcoef(image[i : i + k_h, j : j + k_w].ravel(), template.ravel())[0, 1]
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
        alone = ops.convert_to_numpy(normalized_cross_correlation(images[index : index + 1], templates[index]))
        np.testing.assert_allclose(together[index], alone[0], atol=1e-6)


def test_the_worked_1d_example():
    x = np.array([0.0, 1.0, 2.0, 3.0], "float32").reshape(1, 1, 4, 1)
    w = np.array([[1.0, 0.0, -1.0]], "float32")
    xcorr = ops.convert_to_numpy(conv2d_sliding_window(x, w[:, :, None, None]))
    assert xcorr.ravel().tolist() == [-2.0, -2.0]
    assert convolution_by_definition(x, w[:, :, None, None]).ravel().tolist() == [2.0, 2.0]


def test_measure_flip_sees_the_flip_and_nothing_else():
    images = RNG.uniform(size=(3, 8, 8, 1)).astype("float32")
    numbers = measure_flip(images, RNG.normal(size=(3, 3)).astype("float32"))
    assert (
        max(
            numbers["convolution_vs_flipped_xcorr"],
            numbers["symmetric_kernel_gap"],
            numbers["true_convolution_vs_definition"],
        )
        < 1e-5
    )
    assert numbers["convolution_vs_xcorr"] > 0.1


def test_found_counts_peaks_at_the_corner():
    maps = np.zeros((2, 5, 5))
    maps[0, 1, 2] = maps[1, 3, 3] = 1.0
    assert _found(maps, np.array([[1, 2], [0, 0]])) == 0.5


FLIP = {
    "convolution_vs_flipped_xcorr": 5e-7,
    "symmetric_kernel_gap": 4e-7,
    "true_convolution_vs_definition": 6e-7,
    "convolution_vs_xcorr": 4.8,
}
MATCHING = {"found_normalized": 1.0, "found_raw": 0.0}


def test_the_claim_holds_for_numbers_like_the_measured_ones():
    assert _claims.verdict(claim_parts(FLIP, 3e-4, MATCHING)) is True


@pytest.mark.parametrize(
    "learned_error, matching, failing",
    [
        (2.5, MATCHING, "learned_vs_flipped_kernel"),  # learned K itself, not K turned
        (3e-4, {"found_normalized": 0.6, "found_raw": 0.0}, "found_normalized"),
        (3e-4, {"found_normalized": 1.0, "found_raw": 0.9}, "found_raw"),
    ],
    ids=["not-flipped", "normalised-misses", "raw-finds-it-too"],
)
def test_the_claim_can_fail(learned_error, matching, failing):
    parts = {part.name: part for part in claim_parts(FLIP, learned_error, matching)}
    assert not parts[failing].held and _claims.verdict(list(parts.values())) is False


def test_quick_demo_measures_the_claim(quick_demo):
    summary = quick_demo("cross-correlation")
    claim = summary["claim"]
    assert claim["verdict"] is True
    assert all(part["held"] == part["of"] for part in claim["parts"])  # the identities too
    assert claim["numbers"]["learned_vs_kernel"] > 0.5  # it did not learn K itself
    assert summary["outcome"] == "B"  # it learned K turned by 180°


def test_when_the_layer_convolves_the_claim_fails(quick_demo, monkeypatch):
    """The concept removed: the layer computes a true convolution (its kernel turned by 180° before
    it slides) instead of a cross-correlation. It then learns K itself, not K turned."""

    def convolve(self, images):
        return true_convolution(images, self.kernel, self.strides, self.padding)

    monkeypatch.setattr(Conv2DFromScratch, "call", convolve)
    assert_fails_through(quick_demo("cross-correlation"), "learned_vs_flipped_kernel")


def _part(name, mean, bar, held=5, low=None, high=None):
    """One part of a claim as summary.json stores it, over 5 seeds."""
    return {
        "name": name,
        "mean": mean,
        "min": mean if low is None else low,
        "max": mean if high is None else high,
        "bar": bar,
        "held": held,
        "of": 5,
    }


def _kernel_claim(flipped, unflipped, held=5):
    return {
        "parts": [_part("learned_vs_flipped_kernel", flipped, MAX_KERNEL_ERROR, held)],
        "numbers": {"learned_vs_flipped_kernel": flipped, "learned_vs_kernel": unflipped},
    }


@pytest.mark.parametrize(
    "claim, option",
    [
        (_kernel_claim(3.9, 2e-6, held=0), "A"),  # a layer that truly convolves learns K itself
        (_kernel_claim(0.003, 3.9), "B"),  # as measured: K turned by 180°
        (_kernel_claim(1.2, 1.5, held=0), "C"),  # neither
        (_kernel_claim(0.06, 3.9, held=3), "D"),  # close to K turned on some seeds only
    ],
    ids=["K", "K-turned", "neither", "some-seeds"],
)
def test_outcome_names_what_happened(claim, option):
    assert outcome(claim) == option
