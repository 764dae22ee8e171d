"""The convolution theorem says that convolving two signals is the same as multiplying their Fourier
transforms: f ∗ g = F⁻¹(F(f) · F(g)). A sliding sum in space becomes a pointwise product in the
frequency domain.

## Intuition
Any image or sound can be described in two languages: as values at positions (brightness 200
at row 5, column 12) or as a mix of waves, each with a frequency, an amplitude and a phase. The
Fourier transform translates between them. In the wave language, a convolution stops being a sliding
window and becomes something much simpler: every frequency of the input is just scaled by the
kernel's response at that frequency. A blur kernel, for example, keeps slow waves and shrinks fast
ones, which is why it removes fine detail.

A handy way to see it is polynomial multiplication. Convolving [1, 2] with [1, 1] gives
[1, 3, 2], exactly the coefficients of (1 + 2z)(1 + z) = 1 + 3z + 2z². The Fourier transform
evaluates such polynomials at points on the unit circle, and multiplying polynomials means
multiplying their values point by point.

## The math
With F the Fourier transform and · elementwise multiplication:
F(f ∗ g) = F(f) · F(g),   so   f ∗ g = F⁻¹(F(f) · F(g)).
For sampled signals the discrete Fourier transform (DFT) gives circular convolution, in which
values wrap around the ends. To get the ordinary result, zero-pad both signals to length at least
N + K − 1 (signal length N, kernel length K). For the cross-correlation that CNN layers compute,
use the complex conjugate of a real kernel's transform: it is the transform of the flipped kernel.

Cost in 1-D: the direct sum needs about N·K multiplications, the FFT route about O(N log N)
whatever K is. The saving is large for big kernels and small for the 3×3 kernels common in CNNs.

## In practice
GPU libraries such as cuDNN include FFT-based convolution algorithms and choose them when they are
fastest, usually for larger kernels; for 3×3 kernels direct or Winograd methods tend to win. FFT
training of convolutional networks was explored by Mathieu, Henaff and LeCun.

## Try it
`nutshell demo convolution-theorem` convolves MNIST test images with random kernels from 3×3
to 15×15, directly and through zero-padded FFTs (largest difference 8 × 10⁻⁷). Without the
padding the product is circular convolution: exact inside, off by up to 3.9 near the border. Timed
from 3×3 to 15×15, the direct sums took 32 times as long, the FFT route no longer (seed 0).

## See also
- **convolution**: the operation being accelerated
- **cross-correlation**: the flipped variant used in CNNs
- **gpu**: where FFT convolutions run
- **kernel**: whose frequency response scales the input

## Sources
- [dettmers2015]
- [cooley1965]
- [mathieu2014]
"""

TITLE = "Convolution theorem"
ALIASES = (
    "fourier transform", "fft", "frequency domain", "fft convolution", "fast fourier transform",
)

DEMO = {
    "epochs": 1, "batch_size": 32, "learning_rate": 0.001, "datasets": ("mnist", "digits"),
    "quick": {},
}

__all__ = ["circular_convolution"]

# Everything above is read by the registry without importing this module; the code below needs Keras.
import time

import numpy as np
from keras import ops

from nutshell import data
# The true convolution (a flipped kernel in a sliding window) and the zero-padded FFT route:
from nutshell.glossary.convolution import fft_convolution, true_convolution


def circular_convolution(images, kernel):
    """What the DFT product gives when nothing is zero-padded: a convolution that wraps around.

    The kernel is padded with zeros only up to the image's own size, both are transformed, the
    spectra multiplied (and summed over input channels) and transformed back. The DFT treats a grid
    as one period of an endlessly repeating pattern, so the result is circular convolution,
    y[i, j] = ∑ₘ ∑ₙ I[(i − m) mod H, (j − n) mod W] · K[m, n]: near the top and left edges the
    kernel reaches past the border and picks up pixels from the bottom and right. Compare
    `nutshell.glossary.convolution.fft_convolution`, which pads first and so gets no wrap-around.

    Args:
        images: (batch, H, W, in_channels).
        kernel: (k_h, k_w, in_channels, out_channels), with k_h ≤ H and k_w ≤ W.

    Returns:
        (batch, H, W, out_channels).
    """
    images = ops.convert_to_tensor(images)
    kernel = ops.convert_to_tensor(kernel, dtype=images.dtype)
    height, width = images.shape[1], images.shape[2]
    k_h, k_w = kernel.shape[0], kernel.shape[1]
    x = ops.transpose(images, (0, 3, 1, 2))                                  # (batch, C, H, W)
    k = ops.pad(ops.transpose(kernel, (2, 3, 0, 1)),                         # (C, F, H, W)
                [(0, 0), (0, 0), (0, height - k_h), (0, width - k_w)])
    x_re, x_im = ops.fft2((x, ops.zeros_like(x)))
    k_re, k_im = ops.fft2((k, ops.zeros_like(k)))
    product = "bcuv,cfuv->bfuv"  # (a + bi)(c + di) = (ac − bd) + (ad + bc)i, summed over channels
    y_re = ops.einsum(product, x_re, k_re) - ops.einsum(product, x_im, k_im)
    y_im = ops.einsum(product, x_re, k_im) + ops.einsum(product, x_im, k_re)
    y, _ = ops.ifft2((y_re, y_im))
    return ops.transpose(y, (0, 2, 3, 1))


# --- the demo --------------------------------------------------------------------------------

KERNEL_SIZES = (3, 7, 11, 15)


def _max_gap(a, b):
    return float(np.abs(ops.convert_to_numpy(a) - ops.convert_to_numpy(b)).max())


def _best_seconds(function, repeats):
    """The fastest of `repeats` timed calls (after one untimed warm-up): the least disturbed by
    whatever else the machine is doing."""
    ops.convert_to_numpy(function())
    best = float("inf")
    for _ in range(repeats):
        started = time.perf_counter()
        ops.convert_to_numpy(function())
        best = min(best, time.perf_counter() - started)
    return best


def _by_rolling(images, kernel):
    """Circular convolution from its definition: the image rolled by (m, n), times K[m, n], summed."""
    out = np.zeros(images.shape[:3] + (kernel.shape[-1],))
    for m in range(kernel.shape[0]):
        for n in range(kernel.shape[1]):
            out += np.roll(images, (m, n), axis=(1, 2)) @ kernel[m, n]
    return out


def _log_spectrum(grid):
    """log(1 + |F(grid)|) with the zero frequency moved to the centre, for a picture."""
    return np.log1p(np.abs(np.fft.fftshift(np.fft.fft2(grid))))


def demo(run):
    """The convolution theorem, checked: FFT route = sliding sums (with zero-padding), circular
    convolution without it, and how the cost of each grows with the kernel."""
    split = data.load_images(run.settings.dataset)
    rng = np.random.default_rng(run.seed)
    images = split.x_test[:64 if run.quick else 256].astype("float32")
    largest = min(KERNEL_SIZES[-1], images.shape[1] - 1)
    sizes = [k for k in KERNEL_SIZES if k <= largest]
    repeats = 3 if run.quick else 7

    run.say(f"{len(images)} test images of {images.shape[1]}×{images.shape[2]}, random kernels of "
            f"{', '.join(f'{k}×{k}' for k in sizes)}: the sliding window against the FFT route "
            "(zero-padded, then F⁻¹(F(image) · F(kernel)))…")
    rows, fft_gaps, timings = [], [], {}
    for k in sizes:
        kernel = (rng.normal(size=(k, k, 1, 1)) / k).astype("float32")
        fft_gaps.append(_max_gap(fft_convolution(images, kernel), true_convolution(images, kernel)))
        timings[k] = (_best_seconds(lambda: true_convolution(images, kernel), repeats),
                      _best_seconds(lambda: fft_convolution(images, kernel), repeats))
        rows.append(f"| {k}×{k} | {k * k} | {fft_gaps[-1]:.1e} | {1e3 * timings[k][0]:.2f} | "
                    f"{1e3 * timings[k][1]:.2f} |")
        run.scalars({"sliding_window_ms": 1e3 * timings[k][0], "fft_ms": 1e3 * timings[k][1]},
                    step=k, prefix="time_by_kernel_size")
    run.text("cost", "| kernel | products per output | max difference | sliding window (ms) | "
             "FFT (ms) |\n|---|---:|---:|---:|---:|\n" + "\n".join(rows))
    first, last = sizes[0], sizes[-1]
    direct_growth = timings[last][0] / timings[first][0]
    fft_growth = timings[last][1] / timings[first][1]
    run.say(f"From {first}×{first} to {last}×{last}: the sliding window takes {direct_growth:.1f}x as "
            f"long (it does {last * last // (first * first)}x the products), the FFT {fft_growth:.1f}x.")

    run.say("Without zero-padding the DFT product is circular convolution: the ends wrap around…")
    k = 5
    kernel = rng.normal(size=(k, k, 1, 1)).astype("float32")
    circular = ops.convert_to_numpy(circular_convolution(images, kernel))
    wrap_definition_gap = _max_gap(circular, _by_rolling(images.astype("float64"), kernel.astype("float64")))
    # Linear ("full") convolution: pad k − 1 zeros on every side, then slide.
    padded = np.pad(images, [(0, 0), (k - 1, k - 1), (k - 1, k - 1), (0, 0)])
    linear = ops.convert_to_numpy(true_convolution(padded, kernel))[:, :images.shape[1], :images.shape[2]]
    inside_gap = _max_gap(circular[:, k - 1:, k - 1:], linear[:, k - 1:, k - 1:])
    border_gap = _max_gap(circular, linear)
    run.images("circular/image_circular_linear", np.stack([images[0], circular[0], linear[0]]), enlarge=4)

    # What the theorem says a blur does: multiply every frequency by the kernel's response there.
    blur = np.full((5, 5, 1, 1), 1 / 25, dtype="float32")
    blurred = ops.convert_to_numpy(circular_convolution(images[:1], blur))[0, ..., 0]
    response = np.pad(blur[..., 0, 0], [(0, images.shape[1] - 5), (0, images.shape[2] - 5)])
    spectra = np.stack([_log_spectrum(images[0, ..., 0]), _log_spectrum(response),
                        _log_spectrum(blurred)])[..., None]
    run.images("spectrum/image_boxblur_blurred", spectra, enlarge=4)

    run.metrics({"fft_vs_sliding_window_max": max(fft_gaps), "sliding_window_growth": direct_growth,
                 "fft_growth": fft_growth})
    run.claim(
        f"With zero-padding, F⁻¹(F(image) · F(kernel)) equals the sliding-window convolution for "
        f"kernels from {first}×{first} to {last}×{last} (max difference < 1e-4); without it the "
        "product is circular convolution (equal to the rolled-image sum < 1e-4), which matches the "
        "linear result away from the top-left border (< 1e-4) but not near it (> 0.1). From "
        f"{first}×{first} to {last}×{last} the sliding window's time grows >= 5x, the FFT's <= 3x.",
        verdict=(max(fft_gaps) < 1e-4 and wrap_definition_gap < 1e-4 and inside_gap < 1e-4
                 and border_gap > 0.1 and direct_growth >= 5 and fft_growth <= 3),
        fft_vs_sliding_window_max=max(fft_gaps), circular_vs_rolled_sum=wrap_definition_gap,
        circular_vs_linear_inside=inside_gap, circular_vs_linear_border=border_gap,
        sliding_window_ms_smallest=1e3 * timings[first][0], sliding_window_ms_largest=1e3 * timings[last][0],
        fft_ms_smallest=1e3 * timings[first][1], fft_ms_largest=1e3 * timings[last][1],
        sliding_window_growth=direct_growth, fft_growth=fft_growth,
    )
