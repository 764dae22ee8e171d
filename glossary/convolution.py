"""A convolution slides a small grid of learned weights, the kernel, across an input; at every
position it multiplies the overlapping numbers pairwise and sums them, giving a map that is large
wherever the input resembles the kernel.

## Intuition
Drag a stamp-sized stencil over a photo. At each stop ask one question, such as "does brightness
jump from dark to bright here?", and note the answer at the same spot on a fresh sheet, the output
feature map. A layer owns many stencils, and training, not a human, decides
what each one asks. Since one stencil visits every position, a pattern is found wherever it sits,
and the layer stores only the stencil's few numbers, not one weight per pixel.

## The math
For an image I and a k×k kernel K, the deep-learning "convolution" computes
S[i, j] = ∑ₘ ∑ₙ I[i + m, j + n] · K[m, n] (m, n = 0 … k − 1), plus a bias b.
Strictly this is cross-correlation; true convolution flips the kernel by 180°:
(I ∗ K)[i, j] = ∑ₘ ∑ₙ I[i − m, j − n] · K[m, n]. Keras, PyTorch and cuDNN skip the flip, which is
harmless because a learned kernel just comes out flipped. With C input channels the sum also runs
over the channels, so one kernel holds k·k·C weights.

Output size per axis, for input width n, kernel k, zero padding p and stride s:
out = ⌊(n − k + 2p) / s⌋ + 1. So n = 32, k = 5, s = 1 gives 28 with p = 0 and keeps 32 with p = 2.

The convolution theorem, f ∗ g = F⁻¹(F(f) · F(g)) with F the Fourier transform and · elementwise
product, turns the sliding sums into one multiplication; some GPU libraries use it.

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
`nutshell demo convolution` computes Sobel edge maps of the digits four ways (sliding window,
`keras.ops.conv`, true convolution, FFTs) and reports how far apart they are; then a 3×3 kernel
learned by gradient descent is compared with Sobel's.

## See also
- **kernel**: the small weight grid that does the detecting
- **cross-correlation**: what libraries really compute
- **convolution-theorem**: the Fourier-domain shortcut
- **feature-map**: what a convolution produces
- **pooling**: the step that usually follows
- **cnn**: how convolutional layers are stacked

## Sources
- Tim Dettmers, "Deep Learning in a Nutshell: Core Concepts" (Part 1), NVIDIA Technical Blog, 2015.
- Y. LeCun, Y. Bengio, G. Hinton, "Deep learning", Nature 521, 436-444, 2015.
- V. Dumoulin, F. Visin, "A guide to convolution arithmetic for deep learning", arXiv, 2016.
- Y. LeCun, L. Bottou, Y. Bengio, P. Haffner, "Gradient-based learning applied to document
  recognition", Proc. IEEE, 1998.
"""

TITLE = "Convolution"
ALIASES = (
    "conv", "convolutional layer", "conv layer", "convolve", "conv2d", "discrete convolution",
)

DEMO = {
    "steps_per_execution": 8,  # 1.2-1.6x examples/s on CPU (benchmarks/RESULTS.md)
    "epochs": 12, "batch_size": 32, "learning_rate": 0.1,
    "datasets": ("digits", "mnist", "fashion_mnist", "cifar10"),
    "quick": {"epochs": 5},
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
    s_h, s_w = as_pair(strides)
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


def as_pair(value):
    return (value, value) if isinstance(value, int) else tuple(value)


def same_padding(size, k, s):
    """Zeros (before, after) that make a window of k with stride s give ⌈size / s⌉ outputs."""
    out = -(-size // s)
    total = max((out - 1) * s + k - size, 0)
    return total // 2, total - total // 2


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
        filters: how many kernels, i.e. output channels (feature maps).
        kernel_size: k, an int or (k_h, k_w).
        strides: s, an int or (s_h, s_w).
        padding: "valid" or "same".
        activation: applied to each output; any Keras activation name, or None.
        use_bias: whether to add one learned number per filter.

    Input shape: (batch, height, width, in_channels).
    Output shape: (batch, out_h, out_w, filters), out = ⌊(n − k + 2p) / s⌋ + 1.

    Example:
        >>> Conv2DFromScratch(4, 3)(np.zeros((2, 8, 8, 1))).shape
        (2, 6, 6, 4)
    """

    def __init__(self, filters, kernel_size, strides=1, padding="valid", activation=None,
                 use_bias=True, **kwargs):
        super().__init__(**kwargs)
        self.filters = filters
        self.kernel_size = as_pair(kernel_size)
        self.strides = as_pair(strides)
        self.padding = padding
        self.activation = keras.activations.get(activation)
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

    def get_config(self):
        return {**super().get_config(), "filters": self.filters, "kernel_size": self.kernel_size,
                "strides": self.strides, "padding": self.padding,
                "activation": keras.activations.serialize(self.activation),
                "use_bias": self.use_bias}


# --- the demo --------------------------------------------------------------------------------

# The Sobel kernel for horizontal change, laid out for cross-correlation: it responds positively
# where brightness rises from left to right, and weights the middle row twice.
SOBEL_X = np.array([[-1.0, 0.0, 1.0],
                    [-2.0, 0.0, 2.0],
                    [-1.0, 0.0, 1.0]], dtype="float32")


def _grey(images):
    """One channel, so that a single 3x3 kernel applies (CIFAR-10 has three)."""
    return images if images.shape[-1] == 1 else images.mean(axis=-1, keepdims=True)


def _max_abs(a, b):
    return float(np.max(np.abs(ops.convert_to_numpy(a) - ops.convert_to_numpy(b))))


def _cosine(a, b):
    a, b = np.ravel(a), np.ravel(b)
    return float(a @ b / (np.linalg.norm(a) * np.linalg.norm(b)))


def _kernel_learner(input_shape):
    """One 3x3 kernel and nothing else: no bias, no activation, so the model is exactly a filter."""
    return keras.Sequential([
        keras.Input(input_shape),
        Conv2DFromScratch(1, 3, use_bias=False, name="learned_kernel"),
    ])


def demo(run):
    """Four ways to compute one edge map agree; a kernel learned by gradient descent is Sobel's."""
    split = data.load_images(run.settings.dataset)
    limit = 1500 if run.quick else 5000  # nine weights need few images; keeps MNIST/CIFAR fast
    x_train, x_test = _grey(split.x_train[:limit]), _grey(split.x_test[:limit])
    sobel = SOBEL_X[:, :, None, None]                  # (3, 3, in 1, out 1)
    flipped = SOBEL_X[::-1, ::-1][:, :, None, None]    # turned by 180°

    run.say("Edge maps of the test images four ways: keras.ops.conv, our sliding window, a true "
            "convolution (flipped kernel) and the FFT…")
    keras_conv = ops.conv(x_test, sobel)               # what Conv2D computes: cross-correlation
    ours = conv2d_sliding_window(x_test, sobel)
    convolved = true_convolution(x_test, sobel)
    via_fft = fft_convolution(x_test, sobel)
    scratch_vs_keras = _max_abs(ours, keras_conv)
    fft_vs_direct = _max_abs(via_fft, convolved)
    conv_vs_flipped_xcorr = _max_abs(convolved, ops.conv(x_test, flipped))
    # Sobel turned by 180° is minus Sobel, so without the flip every edge changes sign.
    conv_vs_unflipped_xcorr = _max_abs(convolved, keras_conv)
    run.images("edges/input", x_test[:8], enlarge=8)
    run.images("edges/sobel_x", ops.convert_to_numpy(keras_conv[:8]), enlarge=8)

    run.say("A single 3x3 kernel (no bias) learns to map images to their Sobel edge maps…")
    y_train, y_test = ops.convert_to_numpy(ops.conv(x_train, sobel)), ops.convert_to_numpy(keras_conv)
    model = _kernel_learner(x_train.shape[1:])
    run.compile(model, loss="mse")
    run.fit(model, x_train, y_train, validation_data=(x_test, y_test))
    learned = ops.convert_to_numpy(model.get_layer("learned_kernel").kernel)[:, :, 0, 0]
    cosine = _cosine(learned, SOBEL_X)
    max_error = float(np.max(np.abs(learned - SOBEL_X)))
    test_mse = float(model.evaluate(x_test, y_test, verbose=0))
    run.images("kernel/true_sobel_vs_learned", np.stack([SOBEL_X, learned])[..., None], enlarge=32)
    run.text("kernel/learned", "learned kernel:\n\n    " + "\n    ".join(
        "  ".join(f"{w:+.3f}" for w in row) for row in learned))

    run.metrics({"test_mse": test_mse})
    run.claim(
        "The sliding window, keras.ops.conv and the FFT agree (max difference < 1e-4); convolution "
        "is cross-correlation with the kernel flipped (differs without the flip); and one 3x3 kernel "
        "trained by gradient descent on image -> Sobel edge map recovers Sobel (cosine > 0.99, "
        "no weight off by 0.1 or more).",
        verdict=(scratch_vs_keras < 1e-4 and fft_vs_direct < 1e-4 and conv_vs_flipped_xcorr < 1e-4
                 and conv_vs_unflipped_xcorr > 0.1 and cosine > 0.99 and max_error < 0.1),
        scratch_vs_keras_conv=scratch_vs_keras, fft_vs_direct=fft_vs_direct,
        conv_vs_flipped_xcorr=conv_vs_flipped_xcorr,
        conv_vs_unflipped_xcorr=conv_vs_unflipped_xcorr,
        kernel_cosine=cosine, kernel_max_abs_error=max_error,
    )
