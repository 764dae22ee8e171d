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
to 15×15, directly and through zero-padded FFTs (largest difference about 1e-6). Without the
padding the product is circular convolution: exact inside, off by 2 to 5 near the border. Then a
layer whose only weights are one complex number per frequency of a 32×32 grid learns to
reproduce images convolved with a random 5×5 kernel: transformed back, its weights are that
kernel to within 0.3% of its largest weight, zeros all around (`--quick`, seeds 0-4). Take the
Fourier transforms away and the same product, pixel by pixel, cannot learn it. Timed from 3×3 to
15×15, the direct sums took 13 to 85 times as long, the FFT route about as long (timings depend
on the machine's load).

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
    "fourier transform",
    "fft",
    "frequency domain",
    "fft convolution",
    "fast fourier transform",
)

DEMO = {
    "epochs": 10,
    "batch_size": 32,
    "learning_rate": 0.01,
    "datasets": ("mnist", "digits"),
    "quick": {"epochs": 10},  # and 2,000 training images
}

PREREQUISITES = ("convolution",)

PREDICT = {
    "question": "A layer's only weights are one complex number per frequency: it takes an image's "
    "Fourier transform, multiplies each frequency by its weight and transforms back. It is "
    "trained to reproduce zero-padded images convolved with a random 5x5 kernel. Turned back "
    "into pixels, what do its weights look like?",
    "options": {
        "A": "the 5x5 kernel itself, with zeros all around it",
        "B": "a pattern spread over the whole grid that gives the right outputs but is not the kernel",
        "C": "nothing useful: scaling frequencies cannot stand in for a sliding window",
        "D": "it depends on the seed",
    },
    "why": "In the wave language, a convolution stops being a sliding window and becomes something much "
    "simpler: every frequency of the input is just scaled by the kernel's response at that "
    "frequency. A sliding sum in space becomes a pointwise product in the frequency domain.",
}

RECALL = (
    {
        "question": "You want the ordinary convolution of a signal of length N with a kernel of length K "
        "through the discrete Fourier transform. What must you do before transforming?",
        "options": {
            "A": "nothing: the transform's product gives it directly",
            "B": "zero-pad both to a length of at least N + K − 1",
            "C": "flip the kernel",
            "D": "repeat the kernel until it is as long as the signal",
        },
        "answer": "B",
        "why": "For sampled signals the discrete Fourier transform (DFT) gives circular convolution, in "
        "which values wrap around the ends. To get the ordinary result, zero-pad both signals to "
        "length at least N + K − 1 (signal length N, kernel length K).",
    },
    {
        "question": "When does computing a convolution through FFTs save the most time over the direct sliding sums?",
        "options": {
            "A": "for the small 3x3 kernels most CNNs use",
            "B": "for big kernels",
            "C": "never: the transforms cost more than they save",
            "D": "equally for every kernel size",
        },
        "answer": "B",
        "why": "Cost in 1-D: the direct sum needs about N·K multiplications, the FFT route about "
        "O(N log N) whatever K is. The saving is large for big kernels and small for the 3×3 "
        "kernels common in CNNs.",
    },
)

__all__ = ["circular_convolution", "FrequencyFilter"]

# Everything above is read by the registry without importing this module; the code below needs Keras.
import time

import keras
import numpy as np
from keras import ops

from nutshell.glossary._claims import Part, at_least, at_most, held_on_some_seeds, recorded_parts
from nutshell.glossary._run import Run

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
    x = ops.transpose(images, (0, 3, 1, 2))  # (batch, C, H, W)
    k = ops.pad(
        ops.transpose(kernel, (2, 3, 0, 1)),  # (C, F, H, W)
        [(0, 0), (0, 0), (0, height - k_h), (0, width - k_w)],
    )
    x_re, x_im = ops.fft2((x, ops.zeros_like(x)))
    k_re, k_im = ops.fft2((k, ops.zeros_like(k)))
    product = "bcuv,cfuv->bfuv"  # (a + bi)(c + di) = (ac − bd) + (ad + bc)i, summed over channels
    y_re = ops.einsum(product, x_re, k_re) - ops.einsum(product, x_im, k_im)
    y_im = ops.einsum(product, x_re, k_im) + ops.einsum(product, x_im, k_re)
    y, _ = ops.ifft2((y_re, y_im))
    return ops.transpose(y, (0, 2, 3, 1))


@keras.saving.register_keras_serializable(package="nutshell")
class FrequencyFilter(keras.layers.Layer):
    """A convolution layer that lives in the frequency domain: y = F⁻¹(F(x) · W).

    Its only weights are a spectrum, one learned complex number W[u, v] per frequency of a
    size×size grid. By the theorem, multiplying by W is circular convolution with the kernel
    F⁻¹(W); feed it images zero-padded to size×size and nothing wraps, so it is an ordinary
    (linear) convolution with a kernel as large as the grid. With `fourier=False` the same
    product is taken pixel by pixel, with no transform on either side: a gain per pixel, which
    no kernel can be.

    Args:
        size: the grid's side; inputs must be (batch, size, size, 1).
        fourier: False takes the product without the transforms (the concept removed).

    Input shape: (batch, size, size, 1). Output shape: the same.

    Example:
        >>> import numpy as np
        >>> layer = FrequencyFilter(4)
        >>> tuple(layer(np.zeros((2, 4, 4, 1), "float32")).shape), layer.count_params()
        ((2, 4, 4, 1), 32)
    """

    def __init__(self, size, fourier=True, **kwargs):
        super().__init__(**kwargs)
        if not isinstance(size, int) or size < 1:
            raise ValueError(f"size must be a positive integer, not {size!r}")
        self.size, self.fourier = size, fourier

    def build(self, input_shape):
        self.real = self.add_weight(shape=(self.size, self.size), initializer="zeros", name="real")
        self.imag = self.add_weight(shape=(self.size, self.size), initializer="zeros", name="imag")

    def call(self, images):
        # FFTs in float32 whatever the precision policy (they have no 16-bit kernels)
        x = ops.cast(images[..., 0], "float32")
        w_re, w_im = ops.cast(self.real, "float32"), ops.cast(self.imag, "float32")
        x_re, x_im = ops.fft2((x, ops.zeros_like(x))) if self.fourier else (x, ops.zeros_like(x))
        y_re = x_re * w_re - x_im * w_im  # (a + bi)(c + di) = (ac − bd) + (ad + bc)i
        y_im = x_re * w_im + x_im * w_re
        y = ops.ifft2((y_re, y_im))[0] if self.fourier else y_re
        return ops.cast(y[..., None], self.compute_dtype)

    def compute_output_shape(self, input_shape):
        return input_shape

    def get_config(self):
        return {**super().get_config(), "size": self.size, "fourier": self.fourier}


# --- the demo --------------------------------------------------------------------------------

KERNEL_SIZES = (3, 7, 11, 15)
K = 5  # the kernel the frequency filter learns, and the one that shows the wrap-around


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


def _full_convolution(images, kernel):
    """Linear ("full") convolution: k − 1 zeros on every side, then slide; (H + k − 1) a side."""
    k = kernel.shape[0]
    padded = np.pad(images, [(0, 0), (k - 1, k - 1), (k - 1, k - 1), (0, 0)])
    return ops.convert_to_numpy(true_convolution(padded, kernel))


def _log_spectrum(grid):
    """log(1 + |F(grid)|) with the zero frequency moved to the centre, for a picture."""
    return np.log1p(np.abs(np.fft.fftshift(np.fft.fft2(grid))))


def _frequency_learner(size):
    return keras.Sequential([keras.Input((size, size, 1)), FrequencyFilter(size, name="spectrum")])


def _pad_to(images, size):
    """Zeros below and to the right, up to size×size: room for the full result, so nothing wraps."""
    return np.pad(images, [(0, 0), (0, size - images.shape[1]), (0, size - images.shape[2]), (0, 0)])


def measure_learned_filter(model, kernel, x_test, y_test):
    """How well the learned spectrum is the kernel (pure: trained model in, numbers out).

    `kernel_error`: the largest gap between F⁻¹(W), the kernel the spectrum stands for, and K
    (zeros around it), relative to K's largest weight. `test_relative_error`: ‖ŷ − y‖² / ‖y‖²
    on held-back images.
    """
    layer = model.get_layer("spectrum")
    spectrum = ops.convert_to_numpy(layer.real) + 1j * ops.convert_to_numpy(layer.imag)
    recovered = np.real(np.fft.ifft2(spectrum))
    expected = np.zeros_like(recovered)
    expected[: kernel.shape[0], : kernel.shape[1]] = kernel[:, :, 0, 0]
    predicted = model.predict(x_test, batch_size=500, verbose=0)
    return {
        "kernel_error": float(np.abs(recovered - expected).max() / np.abs(kernel).max()),
        "test_relative_error": float(((predicted - y_test) ** 2).sum() / (y_test**2).sum()),
    }


def measure_theorem(images, sizes, rng, repeats):
    """The theorem checked on images (pure: images in, numbers out): the FFT route against the
    sliding window for each kernel size, with their timings; circular convolution (no padding)
    against its rolled-sum definition, and against the linear result inside and near the border."""
    gaps, timings = [], {}
    for k in sizes:
        kernel = (rng.normal(size=(k, k, 1, 1)) / k).astype("float32")
        gaps.append(_max_gap(fft_convolution(images, kernel), true_convolution(images, kernel)))
        timings[k] = (
            _best_seconds(lambda kernel=kernel: true_convolution(images, kernel), repeats),
            _best_seconds(lambda kernel=kernel: fft_convolution(images, kernel), repeats),
        )
    kernel = rng.normal(size=(K, K, 1, 1)).astype("float32")
    circular = ops.convert_to_numpy(circular_convolution(images, kernel))
    linear = _full_convolution(images, kernel)[:, : images.shape[1], : images.shape[2]]
    first, last = sizes[0], sizes[-1]
    return {
        "fft_vs_sliding_window_max": max(gaps),
        "circular_vs_rolled_sum": _max_gap(circular, _by_rolling(images.astype("float64"), kernel.astype("float64"))),
        "circular_vs_linear_inside": _max_gap(circular[:, K - 1 :, K - 1 :], linear[:, K - 1 :, K - 1 :]),
        "circular_vs_linear_border": _max_gap(circular, linear),
        "sliding_window_growth": timings[last][0] / timings[first][0],
        "fft_growth": timings[last][1] / timings[first][1],
    }, timings


# Bars. Identities: float32 round-off stays near 1e-6, so 1e-4. The learned filter, with --quick
# --held-out on MNIST, seeds 100-102 (Adam 0.01, batch 32, 2,000 images): after 4 epochs the kernel
# error was still 0.011-0.046 of K's largest weight, so the quick run trains 10 (0.2-1 s each),
# which gave a kernel error of at most 1.3e-4 and a test relative error of at most 5e-8.
MAX_KERNEL_ERROR = 0.05
MAX_RELATIVE_ERROR = 0.01


def claim_parts(
    theorem: dict[str, float],
    learned: dict[str, float],
    max_kernel_error: float = MAX_KERNEL_ERROR,
    max_relative_error: float = MAX_RELATIVE_ERROR,
) -> list[Part]:
    """The claim's parts: the equalities of the theorem (identities), how the cost grows (timings),
    and what a filter trained in the frequency domain learns (measured)."""
    return [
        at_most("fft_vs_sliding_window_max", theorem["fft_vs_sliding_window_max"], 1e-4, kind="identity"),
        at_most("circular_vs_rolled_sum", theorem["circular_vs_rolled_sum"], 1e-4, kind="identity"),
        at_most("circular_vs_linear_inside", theorem["circular_vs_linear_inside"], 1e-4, kind="identity"),
        at_least("circular_vs_linear_border", theorem["circular_vs_linear_border"], 0.1, kind="identity"),
        at_least("sliding_window_growth", theorem["sliding_window_growth"], 5.0, kind="timing"),
        at_most("fft_growth", theorem["fft_growth"], 3.0, kind="timing"),
        at_most("kernel_error", learned["kernel_error"], max_kernel_error),
        at_most("test_relative_error", learned["test_relative_error"], max_relative_error),
    ]


def outcome(claim: dict) -> str:
    """Which PREDICT option the measured claim shows: what the frequency-domain filter learned."""
    parts = recorded_parts(claim)
    kernel, outputs = parts["kernel_error"], parts["test_relative_error"]
    if held_on_some_seeds(kernel, outputs):
        return "D"
    if outputs["held"] == 0:
        return "C"
    return "B" if kernel["held"] == 0 else "A"


def demo(run: Run) -> None:
    """The convolution theorem, checked and then learned: FFT route = sliding sums (with
    zero-padding), circular convolution without it, and a filter that learns a kernel as a spectrum."""
    split = run.load_images(quick=(2000, 500))
    rng = np.random.default_rng(run.seed)
    images = split.x_test[: 64 if run.quick else 256].astype("float32")
    sizes = [k for k in KERNEL_SIZES if k <= min(KERNEL_SIZES[-1], images.shape[1] - 1)]

    run.say(
        f"{len(images)} test images of {images.shape[1]}×{images.shape[2]}, random kernels of "
        f"{', '.join(f'{k}×{k}' for k in sizes)}: the sliding window against the FFT route "
        "(zero-padded, then F⁻¹(F(image) · F(kernel))); then circular convolution (no padding)…"
    )
    theorem, timings = measure_theorem(images, sizes, rng, repeats=3 if run.quick else 7)
    run.table(
        "cost",
        ["kernel", "products per output", "sliding window (ms)", "FFT (ms)"],
        [[f"{k}×{k}", k * k, 1e3 * slow, 1e3 * fast] for k, (slow, fast) in timings.items()],
    )
    for k, (slow, fast) in timings.items():
        run.scalars({"sliding_window_ms": 1e3 * slow, "fft_ms": 1e3 * fast}, step=k, prefix="time_by_kernel_size")

    size = split.input_shape[0] + K - 1
    run.say(
        f"A filter whose only weights are {size}×{size} complex numbers, one per frequency, "
        f"learns to reproduce each image convolved with a random {K}×{K} kernel…"
    )
    kernel = (rng.normal(size=(K, K, 1, 1)) / K).astype("float32")
    x_train, x_test = _pad_to(split.x_train, size), _pad_to(split.x_test, size)
    y_train, y_test = _full_convolution(split.x_train, kernel), _full_convolution(split.x_test, kernel)
    model = _frequency_learner(size)
    run.compile(model, loss="mse")
    run.fit(model, x_train, y_train, validation_data=(x_test, y_test))
    learned = measure_learned_filter(model, kernel, x_test, y_test)

    run.say(
        run.table("numbers", ["number", "value"], [[name, value] for name, value in {**theorem, **learned}.items()])
    )
    first, last = sizes[0], sizes[-1]
    run.claim(
        f"With zero-padding, F⁻¹(F(image) · F(kernel)) equals the sliding-window convolution for "
        f"kernels from {first}×{first} to {last}×{last} (max difference <= {{fft_vs_sliding_window_max:g}}); "
        "without it the product is circular convolution, which matches the linear result away from the "
        "top-left border but not near it. A filter whose only weights are one complex number per "
        f"frequency, trained to reproduce images convolved with a random {K}×{K} kernel K, learns "
        "K's spectrum: transformed back, its weights are K (no weight off by more than "
        "{kernel_error:.0%} of K's largest) with zeros around it, and its outputs are off by at most "
        "{test_relative_error:.0%} of their energy on test images. From "
        f"{first}×{first} to {last}×{last} the sliding window's time grows >= {{sliding_window_growth:g}}x, "
        "the FFT's <= {fft_growth:g}x.",
        claim_parts(theorem, learned),
        sliding_window_ms_smallest=1e3 * timings[first][0],
        sliding_window_ms_largest=1e3 * timings[last][0],
        fft_ms_smallest=1e3 * timings[first][1],
        fft_ms_largest=1e3 * timings[last][1],
    )
    _log_pictures(run, images, kernel, model)


def _log_pictures(run, images, kernel, model):
    """Circular against linear on one image; a blur's spectrum times the image's; the learned kernel."""
    circular = ops.convert_to_numpy(circular_convolution(images[:1], np.ones((K, K, 1, 1), "float32")))
    linear = _full_convolution(images[:1], np.ones((K, K, 1, 1), "float32"))[:, : images.shape[1], : images.shape[2]]
    run.images("circular/image_circular_linear", np.concatenate([images[:1], circular, linear]), enlarge=4)
    # What the theorem says a blur does: multiply every frequency by the kernel's response there.
    blur = np.full((5, 5, 1, 1), 1 / 25, dtype="float32")
    blurred = ops.convert_to_numpy(circular_convolution(images[:1], blur))[0, ..., 0]
    response = np.pad(blur[..., 0, 0], [(0, images.shape[1] - 5), (0, images.shape[2] - 5)])
    spectra = np.stack([_log_spectrum(images[0, ..., 0]), _log_spectrum(response), _log_spectrum(blurred)])[..., None]
    run.images("spectrum/image_boxblur_blurred", spectra, enlarge=4)
    layer = model.get_layer("spectrum")
    spectrum = ops.convert_to_numpy(layer.real) + 1j * ops.convert_to_numpy(layer.imag)
    recovered = np.real(np.fft.ifft2(spectrum))[:K, :K]
    run.images("learned/kernel_K_and_learned", np.stack([kernel[:, :, 0, 0], recovered])[..., None], enlarge=24)
