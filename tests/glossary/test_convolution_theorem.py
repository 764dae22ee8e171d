"""convolution-theorem: circular convolution through the DFT, against its definition; the demo."""

import keras
import numpy as np
import pytest
from keras import ops

from nutshell.glossary import _claims, convolution_theorem
from nutshell.glossary.convolution import fft_convolution, true_convolution
from nutshell.glossary.convolution_theorem import (
    FrequencyFilter,
    _by_rolling,
    _full_convolution,
    _pad_to,
    circular_convolution,
    claim_parts,
    measure_learned_filter,
)
from tests.helpers import assert_fails_through
from tests.layer_contract import check_layer_contract

RNG = np.random.default_rng(0)


def test_circular_convolution_is_the_rolled_sum():
    images, kernel = RNG.normal(size=(2, 9, 7, 3)), RNG.normal(size=(4, 3, 3, 2))
    ours = ops.convert_to_numpy(circular_convolution(images.astype("float32"), kernel.astype("float32")))
    np.testing.assert_allclose(ours, _by_rolling(images, kernel), atol=1e-4)


def test_circular_convolution_matches_numpy_fft():
    image, kernel = RNG.normal(size=(8, 8)), RNG.normal(size=(3, 3))
    padded = np.zeros((8, 8))
    padded[:3, :3] = kernel
    expected = np.real(np.fft.ifft2(np.fft.fft2(image) * np.fft.fft2(padded)))
    ours = ops.convert_to_numpy(
        circular_convolution(image[None, :, :, None].astype("float32"), kernel[:, :, None, None].astype("float32"))
    )
    np.testing.assert_allclose(ours[0, :, :, 0], expected, atol=1e-4)


def test_without_zero_padding_the_fft_is_not_linear_convolution():
    """The claim's ingredient: drop the padding and the border is wrong (the ends wrap around)."""
    k = 5
    images, kernel = RNG.uniform(size=(2, 12, 12, 1)), RNG.normal(size=(k, k, 1, 1))
    images, kernel = images.astype("float32"), kernel.astype("float32")
    circular = ops.convert_to_numpy(circular_convolution(images, kernel))
    padded = np.pad(images, [(0, 0), (k - 1, k - 1), (k - 1, k - 1), (0, 0)])
    linear = ops.convert_to_numpy(true_convolution(padded, kernel))[:, :12, :12]
    assert np.abs(circular - linear).max() > 0.1  # near the border: wrong
    np.testing.assert_allclose(circular[:, k - 1 :, k - 1 :], linear[:, k - 1 :, k - 1 :], atol=1e-4)
    np.testing.assert_allclose(
        fft_convolution(images, kernel), true_convolution(images, kernel), atol=1e-4
    )  # padded: right everywhere


def _filter_model(size, kernel=None, fourier=True):
    """A FrequencyFilter holding the spectrum of `kernel` (zeros around it) when one is given."""
    layer = FrequencyFilter(size, fourier=fourier, name="spectrum")
    model = keras.Sequential([keras.Input((size, size, 1)), layer])
    if kernel is not None:
        grid = np.zeros((size, size))
        grid[: kernel.shape[0], : kernel.shape[1]] = kernel[:, :, 0, 0]
        spectrum = np.fft.fft2(grid)
        layer.set_weights([spectrum.real.astype("float32"), spectrum.imag.astype("float32")])
    return model


def test_a_spectrum_times_the_padded_image_is_the_full_linear_convolution():
    kernel = RNG.normal(size=(3, 3, 1, 1)).astype("float32")
    images = RNG.uniform(size=(2, 6, 6, 1)).astype("float32")
    model = _filter_model(8, kernel)
    np.testing.assert_allclose(
        model.predict(_pad_to(images, 8), verbose=0), _full_convolution(images, kernel), atol=1e-4
    )
    learned = measure_learned_filter(model, kernel, _pad_to(images, 8), _full_convolution(images, kernel))
    assert learned["kernel_error"] < 1e-5 and learned["test_relative_error"] < 1e-8


def test_without_the_transform_the_same_weights_are_no_convolution():
    kernel = RNG.normal(size=(3, 3, 1, 1)).astype("float32")
    images = RNG.uniform(size=(2, 6, 6, 1)).astype("float32")
    model = _filter_model(8, kernel, fourier=False)
    learned = measure_learned_filter(model, kernel, _pad_to(images, 8), _full_convolution(images, kernel))
    assert learned["test_relative_error"] > 0.1


def test_keras_layer_contract():
    check_layer_contract(
        FrequencyFilter, {"size": 6}, input_shape=(2, 6, 6, 1), expected_output_shape=(2, 6, 6, 1), trainable_weights=2
    )


THEOREM = {
    "fft_vs_sliding_window_max": 9e-7,
    "circular_vs_rolled_sum": 1.5e-6,
    "circular_vs_linear_inside": 2e-6,
    "circular_vs_linear_border": 4.0,
    "sliding_window_growth": 35.0,
    "fft_growth": 1.4,
}
LEARNED = {"kernel_error": 1e-4, "test_relative_error": 3e-8}


def test_the_claim_holds_for_numbers_like_the_measured_ones():
    parts = claim_parts(THEOREM, LEARNED)
    assert _claims.verdict(parts) is True
    assert {part.kind for part in parts} == {"identity", "timing", "measured"}


@pytest.mark.parametrize(
    "learned, failing",
    [
        ({"kernel_error": 0.4, "test_relative_error": 3e-8}, "kernel_error"),
        ({"kernel_error": 1e-4, "test_relative_error": 0.2}, "test_relative_error"),
    ],
    ids=["wrong-kernel", "wrong-outputs"],
)
def test_the_claim_can_fail(learned, failing):
    parts = {part.name: part for part in claim_parts(THEOREM, learned)}
    assert not parts[failing].held and _claims.verdict(list(parts.values())) is False


def test_a_slow_machine_does_not_decide_the_verdict():
    """Timings depend on what else the machine runs: shown, but they do not vote."""
    parts = claim_parts({**THEOREM, "sliding_window_growth": 1.0, "fft_growth": 9.0}, LEARNED)
    assert _claims.verdict(parts) is True
    assert [part.name for part in parts if not part.held] == ["sliding_window_growth", "fft_growth"]


def test_quick_demo_measures_the_claim(quick_demo):
    summary = quick_demo("convolution-theorem")
    claim = summary["claim"]
    assert claim["verdict"] is True
    assert all(part["held"] == part["of"] for part in claim["parts"] if part["kind"] != "timing")
    numbers = claim["numbers"]
    assert numbers["sliding_window_ms_largest"] > 0 and numbers["fft_ms_largest"] > 0
    assert summary["outcome"] == "A"  # the spectrum, turned back, is the kernel


def test_without_the_fourier_transform_the_claim_fails(quick_demo, monkeypatch):
    """The concept removed: the filter multiplies its weights with the image pixel by pixel, with
    no transform around the product. A gain per pixel is not a convolution, so it can neither
    reproduce the convolved images nor stand for the kernel."""
    monkeypatch.setattr(
        convolution_theorem,
        "_frequency_learner",
        lambda size: keras.Sequential(
            [keras.Input((size, size, 1)), FrequencyFilter(size, fourier=False, name="spectrum")]
        ),
    )
    assert_fails_through(quick_demo("convolution-theorem"), "kernel_error", "test_relative_error")


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


def _learned_claim(kernel_error, relative_error, kernel_held=5, outputs_held=5):
    return {
        "parts": [
            _part("kernel_error", kernel_error, 0.05, kernel_held),
            _part("test_relative_error", relative_error, 0.01, outputs_held),
        ]
    }


@pytest.mark.parametrize(
    "claim, option",
    [
        (_learned_claim(5e-4, 2e-6), "A"),  # as measured
        (_learned_claim(0.4, 2e-6, kernel_held=0), "B"),  # right outputs, other weights
        (_learned_claim(1.0, 0.6, kernel_held=0, outputs_held=0), "C"),  # e.g. no transform around it
        (_learned_claim(0.04, 0.004, kernel_held=2, outputs_held=5), "D"),  # the kernel on some seeds only
    ],
    ids=["kernel", "other-weights", "no-fit", "some-seeds"],
)
def test_outcome_names_what_happened(claim, option):
    assert convolution_theorem.outcome(claim) == option
