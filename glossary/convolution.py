"""A convolution slides a small grid of learned weights, the kernel, across an input; at every
position it multiplies the overlapping numbers pairwise and sums them, giving a map that is large
wherever the input resembles the kernel.

## Intuition
Drag a stamp-sized stencil over a photo. At each stop ask one question, such as "does brightness
jump from dark to bright here?", and note the answer at the same spot on a fresh sheet, the output
feature map. Training decides what each of a layer's stencils asks; one stencil visits every
position, so a pattern is found wherever it sits.

## The math
For an image I and a k×k kernel K, the deep-learning "convolution" computes
S[i, j] = ∑ₘ ∑ₙ I[i + m, j + n] · K[m, n] (m, n = 0 … k − 1), plus a bias b.
Strictly this is cross-correlation; true convolution flips the kernel by 180°:
(I ∗ K)[i, j] = ∑ₘ ∑ₙ I[i − m, j − n] · K[m, n]. cuDNN offers both; Keras and PyTorch ask for
cross-correlation, which is harmless because a learned kernel just comes out flipped.

With C input channels the sum also runs over the channels, so one kernel holds k·k·C weights and
gives one output channel. A layer with D output channels has D kernels, one k×k×C×D tensor, and
D biases: D(k²C + 1) parameters whatever the image size. 16 kernels of 5×5 on a colour image:
16·(25·3 + 1) = 1,216.

Output size per axis, for input width n, kernel k, zero padding p and stride s:
out = ⌊(n − k + 2p) / s⌋ + 1. So n = 32, k = 5, s = 1 gives 28 with p = 0 and keeps 32 with p = 2.
"Same" padding keeps n at stride 1 with p = (k − 1)/2, one reason kernels have odd sides.

Locality (each output reads one k×k patch) and sharing (one kernel everywhere) make the layer
equivariant to shifts: move the input one pixel and, at stride 1 and away from the border, the
output map moves one pixel too.

The convolution theorem, f ∗ g = F⁻¹(F(f) · F(g)), turns the sliding sums into one product.

## Picture
An edge-detector kernel on a 5×5 image, dark (0) on the left and bright (9) on the right.
```text
 input (n = 5)        kernel (k = 3)       output (3×3)
 [0 0 9] 9 9          -1  0  1             27  27   0
 [0 0 9] 9 9          -1  0  1             27  27   0
 [0 0 9] 9 9          -1  0  1             27  27   0
  0 0 9  9 9
  0 0 9  9 9          top-left: 3 rows × (−1·0 + 0·0 + 1·9) = 27
 [ ] = current window; it steps one column right (s = 1)
```
Large where brightness jumps, 0 over flat pixels; size (5 − 3 + 0)/1 + 1 = 3.

## Try it
`nutshell demo convolution` computes Sobel edge maps of 2,000 MNIST digits four ways (our
sliding window, `keras.ops.conv`, a true convolution, FFTs): all agree to about 1e-6, while
dropping the flip changes values by 8. Two random 3×3 kernels then learn from digit and edge-map
pairs alone and end within 0.004 of Sobel's weights (seeds 0-2); TensorBoard shows them taking
shape epoch by epoch.

## See also
- **kernel**: the small weight grid that does the detecting
- **cross-correlation**: what libraries really compute
- **convolution-theorem**: the Fourier-domain shortcut
- **feature-map**: what a convolution produces
- **pooling**: the step that usually follows
- **cnn**: how convolutional layers are stacked

## Sources
- [dettmers2015]
- [lecun2015]
- [dumoulin2016]
- [lecun1998]
"""

TITLE = "Convolution"
ALIASES = (
    "conv", "convolutional layer", "conv layer", "convolve", "conv2d", "discrete convolution",
)

DEMO = {
    "steps_per_execution": 8,  # 1.2-1.6x examples/s on CPU (benchmarks/RESULTS.md)
    "epochs": 12, "batch_size": 32, "learning_rate": 0.1,
    "datasets": ("mnist", "digits", "fashion_mnist"),
    "quick": {"epochs": 6},  # and 2,000 training images
}

__all__ = ["conv2d_sliding_window", "true_convolution", "fft_convolution", "Conv2DFromScratch"]

# Everything above is read by the registry without importing this module; the code below needs Keras.
import keras
import numpy as np
from keras import ops

from nutshell import data


def conv2d_sliding_window(images, kernel, strides=1, padding="valid"):
    """The deep-learning convolution (a cross-correlation), written as a loop over kernel offsets.

    Instead of visiting every output position, we visit every kernel offset (m, n): a strided
    slice of the input holds pixel (i·s + m, j·s + n) of every window at once, and multiplying it
    by the weights K[m, n] adds that offset's share to all outputs together. k·k slices and small
    matrix products replace H·W tiny dot products; the sum is the same. Equals `keras.ops.conv`.

    Args:
        images: (batch, height, width, in_channels).
        kernel: (k_h, k_w, in_channels, out_channels), the layout Keras uses.
        strides: s, an int or (s_h, s_w): how far the window moves between outputs.
        padding: "valid" (no padding) or "same" (zeros around the input so that
            out = ⌈n / s⌉, split as Keras and TensorFlow split it, the extra one at the end).

    Returns:
        (batch, out_h, out_w, out_channels), with out = ⌊(n − k + 2p) / s⌋ + 1 per axis.
    """
    images = ops.convert_to_tensor(images)
    kernel = ops.convert_to_tensor(kernel, dtype=images.dtype)
    k_h, k_w = kernel.shape[0], kernel.shape[1]
    s_h, s_w = as_pair(strides, "strides")
    if padding == "same":
        pad_h = same_padding(images.shape[1], k_h, s_h)
        pad_w = same_padding(images.shape[2], k_w, s_w)
        images = ops.pad(images, [(0, 0), pad_h, pad_w, (0, 0)])
    elif padding != "valid":
        raise ValueError(f"padding must be 'valid' or 'same', not {padding!r}")
    out_h = (images.shape[1] - k_h) // s_h + 1
    out_w = (images.shape[2] - k_w) // s_w + 1
    output = 0.0
    for m in range(k_h):
        for n in range(k_w):
            # Pixel (m, n) of every window: rows m, m + s, m + 2s, ... and likewise for columns.
            pixels = images[:, m:m + (out_h - 1) * s_h + 1:s_h, n:n + (out_w - 1) * s_w + 1:s_w, :]
            # (batch, out_h, out_w, in_channels) @ (in_channels, out_channels): the sum over channels.
            output = output + ops.matmul(pixels, kernel[m, n])
    return output


def as_pair(value, name="value"):
    """An int k as (k, k), a pair as a tuple; anything but one or two positive ints is refused."""
    pair = tuple(value) if isinstance(value, (tuple, list)) else (value, value)
    if len(pair) != 2 or not all(isinstance(v, int) and v > 0 for v in pair):
        raise ValueError(f"{name} must be a positive integer or a pair of them, not {value!r}")
    return pair


def same_padding(size, k, s):
    """Zeros (before, after) that make a window of k with stride s give ⌈size / s⌉ outputs."""
    out = -(-size // s)
    total = max((out - 1) * s + k - size, 0)
    return total // 2, total - total // 2


def output_size(size, k, s, padding):
    """How many positions a window of k with stride s takes along an axis of `size` pixels.

    "valid": ⌊(size − k) / s⌋ + 1, the window stays inside; "same": ⌈size / s⌉. None (a size not
    known yet) stays None.
    """
    if size is None:
        return None
    return -(-size // s) if padding == "same" else (size - k) // s + 1


def true_convolution(images, kernel, strides=1, padding="valid"):
    """Convolution as mathematics defines it: (I ∗ K)[i, j] = ∑ₘ ∑ₙ I[i − m, j − n] · K[m, n].

    Walking the input backwards under a kernel is the same as walking it forwards under the
    kernel turned by 180°, so a true convolution is a cross-correlation with a flipped kernel.
    For a symmetric kernel the two agree; for an asymmetric one (an edge detector) they differ.
    """
    flipped = ops.flip(ops.convert_to_tensor(kernel), axis=(0, 1))  # rows and columns reversed
    return conv2d_sliding_window(images, flipped, strides=strides, padding=padding)


def fft_convolution(images, kernel):
    """The same true convolution ("valid" part, stride 1) through the convolution theorem.

    F(f ∗ g) = F(f) · F(g) holds for circular convolution, so both grids are first zero-padded to
    the size of the full linear result, (H + k_h − 1) × (W + k_w − 1); then no sum wraps around.
    Transform both, multiply the spectra (and add over input channels), transform back, and crop
    the part where the kernel lies wholly inside the image.

    Args:
        images: (batch, height, width, in_channels).
        kernel: (k_h, k_w, in_channels, out_channels).

    Returns:
        (batch, height − k_h + 1, width − k_w + 1, out_channels), equal to `true_convolution`.
    """
    images = ops.convert_to_tensor(images)
    kernel = ops.convert_to_tensor(kernel, dtype=images.dtype)
    height, width = images.shape[1], images.shape[2]
    k_h, k_w = kernel.shape[0], kernel.shape[1]
    full_h, full_w = height + k_h - 1, width + k_w - 1
    # fft2 transforms the last two axes, so put the grid last: (batch, C, H, W) and (C, F, k_h, k_w).
    x = ops.pad(ops.transpose(images, (0, 3, 1, 2)), [(0, 0), (0, 0), (0, k_h - 1), (0, k_w - 1)])
    k = ops.pad(ops.transpose(kernel, (2, 3, 0, 1)), [(0, 0), (0, 0), (0, height - 1), (0, width - 1)])
    x_re, x_im = ops.fft2((x, ops.zeros_like(x)))
    k_re, k_im = ops.fft2((k, ops.zeros_like(k)))
    # Complex product (a + bi)(c + di) = (ac − bd) + (ad + bc)i, summed over input channels c.
    product = "bcuv,cfuv->bfuv"
    y_re = ops.einsum(product, x_re, k_re) - ops.einsum(product, x_im, k_im)
    y_im = ops.einsum(product, x_re, k_im) + ops.einsum(product, x_im, k_re)
    full, _ = ops.ifft2((y_re, y_im))  # the imaginary part is round-off: the inputs were real
    valid = full[:, :, k_h - 1:full_h - k_h + 1, k_w - 1:full_w - k_w + 1]
    return ops.transpose(valid, (0, 2, 3, 1))


@keras.saving.register_keras_serializable(package="nutshell")
class Conv2DFromScratch(keras.layers.Layer):
    """A 2-D convolution layer: `filters` learned kernels slid over the input, plus a bias each.

    Computes with `conv2d_sliding_window`, so it equals `keras.layers.Conv2D` given the same
    weights (both store the kernel as (k_h, k_w, in_channels, filters), then the bias).

    Args:
        filters: how many kernels, i.e. output channels (feature maps); a positive integer.
        kernel_size: k, a positive int or (k_h, k_w).
        strides: s, a positive int or (s_h, s_w).
        padding: "valid" (no padding) or "same" (zeros around the input so that out = ⌈n / s⌉).
        activation: applied to each output; any Keras activation name, or None.
        use_bias: whether to add one learned number per filter.

    Input shape: (batch, height, width, in_channels).
    Output shape: (batch, out_h, out_w, filters), out = ⌊(n − k + 2p) / s⌋ + 1.

    Example:
        >>> import numpy as np
        >>> tuple(Conv2DFromScratch(4, 3)(np.zeros((2, 8, 8, 1))).shape)
        (2, 6, 6, 4)
        >>> tuple(Conv2DFromScratch(4, 3, strides=2, padding="same")(np.zeros((2, 8, 8, 1))).shape)
        (2, 4, 4, 4)
    """

    def __init__(self, filters, kernel_size, strides=1, padding="valid", activation=None,
                 use_bias=True, **kwargs):
        super().__init__(**kwargs)
        if not isinstance(filters, int) or filters < 1:
            raise ValueError(f"filters must be a positive integer, not {filters!r}")
        if padding not in ("valid", "same"):
            raise ValueError(f"padding must be 'valid' or 'same', not {padding!r}")
        self.filters = filters
        self.kernel_size = as_pair(kernel_size, "kernel_size")
        self.strides = as_pair(strides, "strides")
        self.padding = padding
        self.activation = keras.activations.get(activation)  # an unknown name raises ValueError
        self.use_bias = use_bias

    def build(self, input_shape):
        # One kernel per filter, each spanning every input channel: k_h·k_w·C weights.
        self.kernel = self.add_weight(shape=(*self.kernel_size, input_shape[-1], self.filters),
                                      initializer="glorot_uniform", name="kernel")
        self.bias = (self.add_weight(shape=(self.filters,), initializer="zeros", name="bias")
                     if self.use_bias else None)

    def call(self, images):
        maps = conv2d_sliding_window(images, self.kernel, self.strides, self.padding)
        if self.use_bias:
            maps = maps + self.bias
        return self.activation(maps)

    def compute_output_shape(self, input_shape):
        batch, height, width, _ = input_shape
        (k_h, k_w), (s_h, s_w) = self.kernel_size, self.strides
        return (batch, output_size(height, k_h, s_h, self.padding),
                output_size(width, k_w, s_w, self.padding), self.filters)

    def get_config(self):
        return {**super().get_config(), "filters": self.filters, "kernel_size": self.kernel_size,
                "strides": self.strides, "padding": self.padding,
                "activation": keras.activations.serialize(self.activation),
                "use_bias": self.use_bias}


# --- the demo --------------------------------------------------------------------------------

# The Sobel kernels, laid out for cross-correlation. SOBEL_X responds positively where brightness
# rises from left to right, SOBEL_Y where it rises from top to bottom; both weight the middle
# line twice. SOBEL_Y is SOBEL_X turned a quarter.
SOBEL_X = np.array([[-1.0, 0.0, 1.0],
                    [-2.0, 0.0, 2.0],
                    [-1.0, 0.0, 1.0]], dtype="float32")
SOBEL_Y = SOBEL_X.T.copy()


def _grey(images):
    """One channel, so that a single 3x3 kernel applies (colour images have three)."""
    return images if images.shape[-1] == 1 else images.mean(axis=-1, keepdims=True)


def _max_abs(a, b):
    return float(np.max(np.abs(ops.convert_to_numpy(a) - ops.convert_to_numpy(b))))


def _cosine(a, b):
    a, b = np.ravel(a), np.ravel(b)
    return float(a @ b / (np.linalg.norm(a) * np.linalg.norm(b)))


def _kernel_learner(input_shape, kernels=2):
    """Two 3x3 kernels and nothing else: no bias, no activation, so the model is exactly a filter bank."""
    return keras.Sequential([
        keras.Input(input_shape),
        Conv2DFromScratch(kernels, 3, use_bias=False, name="learned_kernels"),
    ])


def _signed_colours(tiles):
    """Signed 2-D tiles (N, h, w) as RGB (N, h, w, 3): red for positive, blue for negative, white
    for zero, each tile on its own scale, so a kernel and an edge map read the same way."""
    tiles = np.asarray(tiles, dtype="float32")
    peak = np.maximum(np.abs(tiles).max(axis=(1, 2), keepdims=True), 1e-8)
    signed = tiles / peak
    keep_red, keep_blue = 1.0 - np.clip(-signed, 0, 1), 1.0 - np.clip(signed, 0, 1)
    return np.stack([keep_red, keep_red * keep_blue, keep_blue], axis=-1)


def _grey_colours(tiles):
    """Non-negative 2-D tiles (N, h, w) as grey RGB, each scaled so its largest value is white."""
    tiles = np.asarray(tiles, dtype="float32")
    peak = np.maximum(tiles.max(axis=(1, 2), keepdims=True), 1e-8)
    return np.repeat((tiles / peak)[..., None], 3, axis=-1)


def _kernel_table(pairs):
    """Markdown: each reference kernel beside the kernel learned for it, weights to 2 decimals."""
    rows = []
    for name, reference, learned in pairs:
        rows += [f"**{name}**: reference | learned", "", "| | | | | | | |",
                 "|---:|---:|---:|---|---:|---:|---:|"]
        for ref_row, learned_row in zip(reference, learned):
            rows.append("| " + " | ".join(f"{w:+.0f}" for w in ref_row) + " | → | "
                        + " | ".join(f"{w:+.2f}" for w in learned_row) + " |")
        rows.append("")
    return "\n".join(rows)


def _claim_holds(numbers, tolerance=1e-4, min_cosine=0.99, max_error=0.1):
    """The verdict: the three ways to compute agree, the flip matters, and both kernels are learned."""
    return bool(numbers["scratch_vs_keras_conv"] < tolerance and numbers["fft_vs_direct"] < tolerance
                and numbers["conv_vs_flipped_xcorr"] < tolerance
                and numbers["conv_vs_unflipped_xcorr"] > 0.1
                and min(numbers["kernel_cosine_x"], numbers["kernel_cosine_y"]) > min_cosine
                and max(numbers["kernel_max_abs_error_x"], numbers["kernel_max_abs_error_y"]) < max_error)


class _KernelFilm(keras.callbacks.Callback):
    """After every epoch, logs the learned kernels beside Sobel's: training, frame by frame."""

    def __init__(self, run, tag):
        super().__init__()
        self.run, self.tag = run, tag

    def on_epoch_end(self, epoch, logs=None):
        kernels = ops.convert_to_numpy(self.model.get_layer("learned_kernels").kernel)[:, :, 0, :]
        tiles = _signed_colours([SOBEL_X, kernels[..., 0], SOBEL_Y, kernels[..., 1]])
        self.run.mosaic(self.tag, tiles, columns=4, enlarge=40, rescale=False, gap_value=0.0,
                        step=epoch + 1)


def demo(run):
    """Three ways to compute one edge map agree; kernels learned by gradient descent are Sobel's."""
    split = data.load_images(run.settings.dataset)
    if run.quick and len(split.y_train) > 2000:  # the 8x8 digits are small enough whole
        split = split.subset(2000, 500)
    x_train, x_test = _grey(split.x_train), _grey(split.x_test)
    sobel = np.stack([SOBEL_X, SOBEL_Y], axis=-1)[:, :, None, :]   # (3, 3, in 1, out 2)
    flipped = sobel[::-1, ::-1]                                     # each kernel turned by 180°

    run.say(f"Sobel edge maps of {len(x_test):,} test images three ways: keras.ops.conv, our sliding "
            "window, and a true convolution (flipped kernel) directly and through FFTs…")
    keras_conv = ops.conv(x_test, sobel)               # what Conv2D computes: cross-correlation
    ours = conv2d_sliding_window(x_test, sobel)
    convolved = true_convolution(x_test, sobel)
    via_fft = fft_convolution(x_test, sobel)
    scratch_vs_keras = _max_abs(ours, keras_conv)
    fft_vs_direct = _max_abs(via_fft, convolved)
    conv_vs_flipped_xcorr = _max_abs(convolved, ops.conv(x_test, flipped))
    # Sobel turned by 180° is minus Sobel, so without the flip every edge changes sign.
    conv_vs_unflipped_xcorr = _max_abs(convolved, keras_conv)

    # Four digits, one row each: the image, its Sobel x and y maps, and the edge strength
    # √(gx² + gy²). Red: brightness rises (left to right, top to bottom); blue: it falls.
    maps = ops.convert_to_numpy(keras_conv[:4])                     # (4, H − 2, W − 2, 2)
    digits = x_test[:4, 1:-1, 1:-1, 0]                              # cropped to the maps' size
    strength = np.sqrt((maps ** 2).sum(axis=-1))
    rows = np.stack([_grey_colours(digits), _signed_colours(maps[..., 0]),
                     _signed_colours(maps[..., 1]), _grey_colours(strength)], axis=1)
    factor = max(1, 112 // digits.shape[1])
    run.mosaic("edges/1_columns_image_sobel_x_sobel_y_strength", rows.reshape(-1, *rows.shape[2:]),
               columns=4, enlarge=factor, rescale=False, gap_value=0.5)

    run.say("Two 3x3 kernels (no bias) learn, by gradient descent, to turn images into their "
            "Sobel x and y edge maps…")
    y_train = ops.convert_to_numpy(ops.conv(x_train, sobel))
    y_test = ops.convert_to_numpy(keras_conv)
    model = _kernel_learner(x_train.shape[1:])
    film = "kernels/1_sobel_x_learned_x_sobel_y_learned_y_by_epoch"
    start = ops.convert_to_numpy(model.get_layer("learned_kernels").kernel)[:, :, 0, :]
    run.mosaic(film, _signed_colours([SOBEL_X, start[..., 0], SOBEL_Y, start[..., 1]]), columns=4,
               enlarge=40, rescale=False, gap_value=0.0, step=0)
    run.compile(model, loss="mse")
    run.fit(model, x_train, y_train, validation_data=(x_test, y_test), callbacks=[_KernelFilm(run, film)])
    learned = ops.convert_to_numpy(model.get_layer("learned_kernels").kernel)[:, :, 0, :]
    learned_x, learned_y = learned[..., 0], learned[..., 1]
    test_mse = float(model.evaluate(x_test, y_test, verbose=0))
    run.text("kernels/2_weights", _kernel_table([("Sobel x", SOBEL_X, learned_x),
                                                  ("Sobel y", SOBEL_Y, learned_y)]))

    numbers = {
        "scratch_vs_keras_conv": scratch_vs_keras, "fft_vs_direct": fft_vs_direct,
        "conv_vs_flipped_xcorr": conv_vs_flipped_xcorr, "conv_vs_unflipped_xcorr": conv_vs_unflipped_xcorr,
        "kernel_cosine_x": _cosine(learned_x, SOBEL_X), "kernel_cosine_y": _cosine(learned_y, SOBEL_Y),
        "kernel_max_abs_error_x": float(np.max(np.abs(learned_x - SOBEL_X))),
        "kernel_max_abs_error_y": float(np.max(np.abs(learned_y - SOBEL_Y))),
    }
    run.metrics({"test_mse": test_mse})
    run.claim(
        "The sliding window, keras.ops.conv and the FFT agree (max difference < 1e-4); convolution "
        "is cross-correlation with the kernel flipped (they differ without the flip); and two 3x3 "
        "kernels trained by gradient descent to turn images into their Sobel x and y edge maps "
        "recover both Sobel kernels (cosine > 0.99, no weight off by 0.1 or more).",
        verdict=_claim_holds(numbers), **numbers,
    )
