"""Pooling shrinks a feature map by replacing each small window with one summary number, usually the
window's maximum or its mean, so later layers work on a smaller map that changes less when the
input shifts by a pixel or two.

## Intuition
Think of a photo shown at lower resolution, each coarse pixel standing for a block of fine ones.
Max pooling keeps the strongest signal in each block ("was an edge found anywhere in here?");
average pooling keeps the typical level. The exact position inside the block is forgotten on
purpose: a detector that fired one pixel further left still lands in the same pooled cell. Pooling
has no weights and treats each channel separately, so only height and width shrink.

## The math
For a window R of size k×k moved with stride s over channel c of input x:
- max pooling: yᵢⱼ = max over (m, n) in Rᵢⱼ of x[m, n]
- average pooling: yᵢⱼ = (1 / k²) ∑ over (m, n) in Rᵢⱼ of x[m, n]

The output width follows the same rule as a convolution: ⌊(n − k) / s⌋ + 1, so the common choice
k = 2, s = 2 halves height and width. That keeps 1/4 of the activations: a 112×112×64 map
(802,816 numbers) becomes 56×56×64 (200,704), saving 75% of memory and of the next layer's work.
In backpropagation, max pooling sends the whole gradient to the single input that won its window;
average pooling splits it equally, 1/k² to each.

## Picture
2×2 windows, stride 2, on a 4×4 map.
```text
   input 4×4                max pool          average pool
  ┌─────┬─────┐
  │ 1 3 │ 2 0 │             ┌───┬───┐         ┌─────┬─────┐
  │ 4 6 │ 1 5 │    ──►      │ 6 │ 5 │         │ 3.5 │ 2.0 │
  ├─────┼─────┤             ├───┼───┤         ├─────┼─────┤
  │ 7 2 │ 9 8 │             │ 7 │ 9 │         │ 2.5 │ 6.0 │
  │ 0 1 │ 3 4 │             └───┴───┘         └─────┴─────┘
  └─────┴─────┘
```
Top-left window {1, 3, 4, 6}: max 6, mean 14/4 = 3.5. Sixteen numbers become four.

## In practice
The invariance is limited: a shift within a window often keeps the same max, but one across a
window boundary changes the output, and large moves or rotations are not covered. Too large a
window throws away where things are and costs accuracy, so most networks use 2×2 (AlexNet used
overlapping 3×3 windows, stride 2). Global average pooling, one window over the whole map, often
sits just before the classifier.

## Try it
`nutshell demo pooling` shifts test digits by 1 to 3 pixels and measures how much two conv nets,
with and without pooling, change their features and predictions. On 8×8 digits even the pooled net
often changes its mind; the claim is only that it does so less.

## See also
- **convolution**: the layer whose output pooling usually summarises
- **feature-map**: what gets pooled, one channel at a time
- **translation-invariance**: what pooling does and does not buy
- **cnn**: where conv and pool layers alternate
- **receptive-field**: pooling makes later units see a wider area

## Sources
- Tim Dettmers, "Deep Learning in a Nutshell: Core Concepts" (Part 1), NVIDIA Technical Blog, 2015.
- Sebastian Raschka, "What is deep learning?" (an answer on MLPs, ConvNets and pooling).
- Y. LeCun, Y. Bengio, G. Hinton, "Deep learning", Nature 521, 436-444, 2015.
- D. Scherer, A. Müller, S. Behnke, "Evaluation of pooling operations in convolutional
  architectures for object recognition", ICANN, 2010.
"""

TITLE = "Pooling"
ALIASES = (
    "pool", "max pooling", "average pooling", "mean pooling", "subsampling", "downsampling",
    "max pool", "pooling layer", "global average pooling",
)

DEMO = {
    "steps_per_execution": 8,  # 1.2-1.6x examples/s on CPU (benchmarks/RESULTS.md)
    "epochs": 20, "batch_size": 32, "learning_rate": 0.003,
    "datasets": ("digits", "mnist", "fashion_mnist", "cifar10"),
    "quick": {"epochs": 10},
}

__all__ = ["pooling_windows", "MaxPool2DFromScratch", "AveragePool2DFromScratch"]

# Everything above is read by the registry without importing this module; the code below needs Keras.
import keras
import numpy as np
from keras import ops

from nutshell import data
from nutshell.glossary.convolution import as_pair, same_padding  # the same window arithmetic as convolution


def pooling_windows(x, pool_size, strides, padding="valid", fill=0.0):
    """All pooling windows at once: one strided slice per position inside the window.

    Slice (m, n) holds pixel (i·s + m, j·s + n) of every window (i, j), so reducing over the
    k_h·k_w slices (max, mean, ...) reduces every window together, with no loop over positions.

    Args:
        x: (batch, height, width, channels).
        pool_size: (k_h, k_w). strides: (s_h, s_w).
        padding: "valid" (windows lie inside x) or "same" (pad with `fill` so that out = ⌈n / s⌉,
            split as Keras splits it, the extra one at the end).
        fill: the value padded in; −∞ for max pooling, so padding never wins a window.

    Returns:
        (k_h·k_w, batch, out_h, out_w, channels).
    """
    (k_h, k_w), (s_h, s_w) = pool_size, strides
    if padding == "same":
        pad_h = same_padding(x.shape[1], k_h, s_h)
        pad_w = same_padding(x.shape[2], k_w, s_w)
        x = ops.pad(x, [(0, 0), pad_h, pad_w, (0, 0)], constant_values=fill)
    elif padding != "valid":
        raise ValueError(f"padding must be 'valid' or 'same', not {padding!r}")
    out_h = (x.shape[1] - k_h) // s_h + 1  # ⌊(n − k) / s⌋ + 1
    out_w = (x.shape[2] - k_w) // s_w + 1
    return ops.stack([x[:, m:m + (out_h - 1) * s_h + 1:s_h, n:n + (out_w - 1) * s_w + 1:s_w, :]
                      for m in range(k_h) for n in range(k_w)])


class _Pool2D(keras.layers.Layer):
    """What max and average pooling share: the window, the stride, the padding; no weights."""

    def __init__(self, pool_size=2, strides=None, padding="valid", **kwargs):
        super().__init__(**kwargs)
        self.pool_size = as_pair(pool_size)
        # Like Keras: without a stride the windows tile the input, side by side, no overlap.
        self.strides = as_pair(strides) if strides is not None else self.pool_size
        self.padding = padding

    def get_config(self):
        return {**super().get_config(), "pool_size": self.pool_size, "strides": self.strides,
                "padding": self.padding}


@keras.saving.register_keras_serializable(package="nutshell")
class MaxPool2DFromScratch(_Pool2D):
    """Max pooling: each k×k window of each channel becomes its largest value.

    Equals `keras.layers.MaxPooling2D` with the same pool_size, strides and padding. The gradient
    flows only to the input that won each window: that is what the max's derivative is.

    Args:
        pool_size: k, an int or (k_h, k_w). strides: s, an int or (s_h, s_w); default k.
        padding: "valid" or "same".

    Input shape: (batch, height, width, channels).
    Output shape: (batch, out_h, out_w, channels), out = ⌊(n − k) / s⌋ + 1 with "valid".

    Example:
        >>> MaxPool2DFromScratch(2)(np.zeros((1, 8, 8, 16))).shape
        (1, 4, 4, 16)
    """

    def call(self, x):
        windows = pooling_windows(x, self.pool_size, self.strides, self.padding, fill=-np.inf)
        return ops.max(windows, axis=0)


@keras.saving.register_keras_serializable(package="nutshell")
class AveragePool2DFromScratch(_Pool2D):
    """Average pooling: each k×k window of each channel becomes its mean.

    Equals `keras.layers.AveragePooling2D`. With "same" padding the padded zeros are not counted:
    a window that hangs over the edge averages only the real pixels it covers, as Keras does.

    Args:
        pool_size: k, an int or (k_h, k_w). strides: s, an int or (s_h, s_w); default k.
        padding: "valid" or "same".

    Input shape: (batch, height, width, channels).
    Output shape: (batch, out_h, out_w, channels), out = ⌊(n − k) / s⌋ + 1 with "valid".

    Example:
        >>> AveragePool2DFromScratch(2)(np.ones((1, 4, 4, 3))).shape
        (1, 2, 2, 3)
    """

    def call(self, x):
        totals = ops.sum(pooling_windows(x, self.pool_size, self.strides, self.padding), axis=0)
        # How many real (unpadded) pixels each window covers: pool a map of ones the same way.
        ones = ops.ones((1, x.shape[1], x.shape[2], 1), dtype=x.dtype)
        counts = ops.sum(pooling_windows(ones, self.pool_size, self.strides, self.padding), axis=0)
        return totals / counts


# --- the demo --------------------------------------------------------------------------------

def _convnet(input_shape, num_classes, pooling, name):
    """Two 3x3 convolutions, then Flatten and a softmax layer; with pooling, a 2x2 max pool
    after each convolution.

    Everything but the pooling is the same in both nets. The head is Flatten + Dense on purpose:
    it keeps every position separate, so any tolerance to shifts in the features must come from
    the layers below. A global-average head would itself average positions away and hide what
    pooling adds. The price: without pooling the classifier sees 16 times more numbers.
    """
    layers = [keras.Input(input_shape),
              keras.layers.Conv2D(16, 3, padding="same", activation="relu", name="conv1")]
    if pooling:
        layers.append(MaxPool2DFromScratch(2, name="pool1"))
    layers.append(keras.layers.Conv2D(32, 3, padding="same", activation="relu", name="conv2"))
    if pooling:
        layers.append(MaxPool2DFromScratch(2, name="pool2"))
    layers += [keras.layers.Flatten(name="features"),
               keras.layers.Dense(num_classes, activation="softmax", name="classifier")]
    return keras.Sequential(layers, name=name)


def _shift(images, dy, dx):
    """Move images dy rows down and dx columns right; pixels pushed out are lost, zeros come in."""
    shifted = np.zeros_like(images)
    height, width = images.shape[1:3]
    shifted[:, max(dy, 0):height + min(dy, 0), max(dx, 0):width + min(dx, 0)] = \
        images[:, max(-dy, 0):height + min(-dy, 0), max(-dx, 0):width + min(-dx, 0)]
    return shifted


def _directions(distance):
    """The four shifts (right, left, down, up) by `distance` pixels; just the identity at 0."""
    if distance == 0:
        return [(0, 0)]
    return [(0, distance), (0, -distance), (distance, 0), (-distance, 0)]


def _sub_model(model, layer_name):
    return keras.Model(model.inputs, model.get_layer(layer_name).output)


def _shift_sensitivity(model, x, y, max_shift):
    """For each distance d = 0..max_shift, averaged over the four directions: how far the features
    before the classifier move (‖f(shifted) − f(x)‖ / ‖f(x)‖), the fraction of predictions that
    stay the same, and the accuracy on the shifted images."""
    shifts = [(d, dy, dx) for d in range(max_shift + 1) for dy, dx in _directions(d)]
    moved = np.concatenate([_shift(x, dy, dx) for _, dy, dx in shifts])
    # One pass over every shifted copy, reading the features and the prediction together.
    probe = keras.Model(model.inputs, [model.get_layer("features").output, model.outputs[0]])
    features, probabilities = probe.predict(moved, batch_size=512, verbose=0)
    features = features.reshape(len(shifts), len(x), -1)
    labels = probabilities.argmax(axis=1).reshape(len(shifts), len(x))
    base_features, base_labels = features[0], labels[0]  # shifts[0] is the identity
    base_norm = np.maximum(np.linalg.norm(base_features, axis=1), 1e-8)
    change = (np.linalg.norm(features - base_features, axis=2) / base_norm).mean(axis=1)
    same = (labels == base_labels).mean(axis=1)
    accuracy = (labels == y).mean(axis=1)
    distances = np.array([d for d, _, _ in shifts])
    return [{"feature_change": float(change[distances == d].mean()),
             "same_prediction": float(same[distances == d].mean()),
             "accuracy": float(accuracy[distances == d].mean())} for d in range(max_shift + 1)]


def _pooling_memory(model):
    """Activations per example before and after each pooling layer, from the real layer shapes."""
    stages = []
    for layer in model.layers:
        if isinstance(layer, _Pool2D):
            before = int(np.prod(layer.input.shape[1:]))
            after = int(np.prod(layer.output.shape[1:]))
            stages.append((layer.name, before, after))
    return stages


def _log_pictures(run, model, digit, max_shift):
    """A digit shifted right 0..max_shift pixels, and one channel's map before and after pool1."""
    factor = max(1, 64 // digit.shape[0])
    moved = np.concatenate([_shift(digit[None], 0, d) for d in range(max_shift + 1)])
    conv1 = _sub_model(model, "conv1").predict(moved, verbose=0)
    pool1 = _sub_model(model, "pool1").predict(moved, verbose=0)
    channel = int(pool1[0].sum(axis=(0, 1)).argmax())  # the channel most active on this digit
    run.images("shift/digit_moved_right_0_to_k", moved, enlarge=factor)
    run.images("pooled/pool1_all_channels", np.moveaxis(pool1[0], -1, 0)[..., None], enlarge=factor * 2)
    run.images("pooled/conv1_one_channel_under_shift", conv1[..., channel:channel + 1], enlarge=factor)
    run.images("pooled/pool1_one_channel_under_shift", pool1[..., channel:channel + 1], enlarge=factor * 2)


def demo(run):
    """Same conv layers with and without max pooling: which one shrugs off small shifts?"""
    split = data.load_images(run.settings.dataset)
    x_train, y_train, x_test, y_test = split.x_train, split.y_train, split.x_test, split.y_test
    if run.quick:  # the bundled digits fit whole; MNIST and CIFAR-10 are cut to a quick size
        x_train, y_train, x_test, y_test = x_train[:5000], y_train[:5000], x_test[:1000], y_test[:1000]
    max_shift = 3

    run.say("Training two conv nets that differ only in the two 2x2 max-pooling layers…")
    pooled = _convnet(split.input_shape, split.num_classes, pooling=True, name="with_pooling")
    plain = _convnet(split.input_shape, split.num_classes, pooling=False, name="without_pooling")
    for model, name in ((pooled, None), (plain, "no-pooling")):
        run.compile(model, loss="sparse_categorical_crossentropy", metrics=["accuracy"])
        run.fit(model, x_train, y_train, validation_data=(x_test, y_test), name=name)

    run.say(f"Shifting the test images by 0..{max_shift} pixels (zeros fill in) and measuring "
            "how much features and predictions move…")
    with_pool = _shift_sensitivity(pooled, x_test, y_test, max_shift)
    without = _shift_sensitivity(plain, x_test, y_test, max_shift)
    for distance, (a, b) in enumerate(zip(with_pool, without)):
        for key in a:
            run.scalars({"with_pooling": a[key], "without_pooling": b[key]}, step=distance,
                        prefix=f"shift_{key}")

    # Memory: what each pooling stage keeps, read from the layers' real output shapes.
    for stage, (layer, before, after) in enumerate(_pooling_memory(pooled), start=1):
        run.scalars({"activations_before": before, "activations_after": after,
                     "fraction_saved": 1 - after / before}, step=stage, prefix="memory")
        run.say(f"{layer}: {before:,} -> {after:,} activations per example "
                f"({1 - after / before:.0%} saved)")
    conv1_maps = _sub_model(pooled, "conv1").predict(x_test[:64], verbose=0)
    scratch_vs_keras = float(np.max(np.abs(
        ops.convert_to_numpy(MaxPool2DFromScratch(2)(conv1_maps))
        - ops.convert_to_numpy(keras.layers.MaxPooling2D(2)(conv1_maps)))))
    _log_pictures(run, pooled, x_test[0], max_shift)

    run.metrics({
        "test_accuracy_with_pooling": with_pool[0]["accuracy"],
        "test_accuracy_without_pooling": without[0]["accuracy"],
        "classifier_inputs_with_pooling": pooled.get_layer("features").output.shape[-1],
        "classifier_inputs_without_pooling": plain.get_layer("features").output.shape[-1],
        "max_pool_scratch_vs_keras": scratch_vs_keras,
    })
    one = 1  # the claim is about the smallest shift, the one pooling is said to absorb
    run.claim(
        "With 2x2 max pooling a conv net shrugs off a 1-pixel shift better than the same net "
        "without pooling: more of its predictions stay the same and its features before the "
        "classifier move less.",
        verdict=(with_pool[one]["same_prediction"] > without[one]["same_prediction"]
                 and with_pool[one]["feature_change"] < without[one]["feature_change"]),
        same_prediction_1px_with_pooling=with_pool[one]["same_prediction"],
        same_prediction_1px_without_pooling=without[one]["same_prediction"],
        feature_change_1px_with_pooling=with_pool[one]["feature_change"],
        feature_change_1px_without_pooling=without[one]["feature_change"],
        accuracy_1px_with_pooling=with_pool[one]["accuracy"],
        accuracy_1px_without_pooling=without[one]["accuracy"],
        accuracy_unshifted_with_pooling=with_pool[0]["accuracy"],
        accuracy_unshifted_without_pooling=without[0]["accuracy"],
    )
