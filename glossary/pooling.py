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
In backpropagation, max pooling sends each window's whole gradient to the input that won it (on
a tie, one winner is picked: TensorFlow takes the first); average pooling splits it equally,
1/k² to each. When windows overlap (s < k), an input collects the sum over every window that
routes gradient to it.

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
window boundary changes the output, and large moves or rotations are not covered. Most networks
use 2×2 windows (AlexNet used overlapping 3×3 ones, stride 2). Global average pooling, one window
over the whole map, often sits just before the classifier. Many modern networks shrink maps with stride-2 convolutions
instead, which learn how to downsample; the all-convolutional net showed that this loses little.

## Try it
`nutshell demo pooling` trains two conv nets on 28×28 MNIST that differ only in three 2×2 max
pools, shifts every test digit 1 to 4 pixels, and counts how often the predicted class stays put
(Zhang's consistency, taken here between shifted and unshifted digit). On seeds 0-2 the pooled
net kept its answer for 96% of digits at 1 pixel and 60% at 4; without pooling, 95% and 33%.
Tolerance, not invariance. For scale only: Zhang measured 89.2% for a ResNet-50 on ImageNet.

## See also
- **convolution**: the layer whose output pooling usually summarises
- **feature-map**: what gets pooled, one channel at a time
- **translation-invariance**: what pooling does and does not buy
- **cnn**: where conv and pool layers alternate
- **receptive-field**: pooling makes later units see a wider area

## Sources
- [dettmers2015]
- [raschka]
- [lecun2015]
- [scherer2010]
- [springenberg2015] — strided convolutions in place of pooling
- [zhang2019] — the consistency metric the demo measures
"""

TITLE = "Pooling"
ALIASES = (
    "pool",
    "max pooling",
    "average pooling",
    "mean pooling",
    "subsampling",
    "downsampling",
    "max pool",
    "pooling layer",
    "global average pooling",
)

DEMO = {
    "epochs": 8,
    "batch_size": 32,
    "learning_rate": 0.003,
    "datasets": ("mnist", "digits", "fashion_mnist"),
    "quick": {"epochs": 6},  # and 2,000 training images
}

PREREQUISITES = ("convolution", "feature-map")

PREDICT = {
    "question": "Two conv nets differ only in three 2x2 max-pooling layers. Every test digit is moved "
    "a few pixels in some direction. Which net keeps its predicted class for more digits?",
    "options": {
        "A": "the net with pooling, and its answers no longer depend on the shift at all",
        "B": "the net with pooling, though it too changes more answers as the shift grows",
        "C": "the net without pooling",
        "D": "neither: both keep about the same share",
        "E": "it depends on the seed",
    },
    "why": "The exact position inside the block is forgotten on purpose: a detector that fired one "
    "pixel further left still lands in the same pooled cell. The invariance is limited: a shift "
    "within a window often keeps the same max, but one across a window boundary changes the "
    "output, and large moves or rotations are not covered.",
}

RECALL = (
    {
        "question": "A 2x2 max pool with stride 2 runs over a 112x112x64 feature map. How many numbers come out?",
        "options": {"A": "802,816", "B": "401,408", "C": "200,704", "D": "50,176"},
        "answer": "C",
        "why": "a 112×112×64 map (802,816 numbers) becomes 56×56×64 (200,704), saving 75% of memory and of "
        "the next layer's work.",
    },
    {
        "question": "During backpropagation through a max-pooling window, where does the window's gradient go?",
        "options": {
            "A": "split equally over the inputs of the window",
            "B": "all of it to the input that held the maximum",
            "C": "nowhere: pooling has no weights, so nothing flows back",
            "D": "to the neighbouring windows",
        },
        "answer": "B",
        "why": "In backpropagation, max pooling sends each window's whole gradient to the input that won it "
        "(on a tie, one winner is picked: TensorFlow takes the first); average pooling splits it "
        "equally, 1/k² to each.",
    },
)

__all__ = ["pooling_windows", "MaxPool2DFromScratch", "AveragePool2DFromScratch"]

# Everything above is read by the registry without importing this module; the code below needs Keras.
import keras
import numpy as np
from keras import ops

from nutshell.glossary._claims import at_least, at_most, held_on_some_seeds, recorded_parts
from nutshell.glossary._run import Run
from nutshell.glossary._windows import as_pair, output_size, same_padding  # shared with convolution
from nutshell.glossary.translation_invariance import shift


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
    return ops.stack(
        [
            x[:, m : m + (out_h - 1) * s_h + 1 : s_h, n : n + (out_w - 1) * s_w + 1 : s_w, :]
            for m in range(k_h)
            for n in range(k_w)
        ]
    )


class _Pool2D(keras.layers.Layer):
    """What max and average pooling share: the window, the stride, the padding; no weights."""

    def __init__(self, pool_size=2, strides=None, padding="valid", **kwargs):
        super().__init__(**kwargs)
        if padding not in ("valid", "same"):
            raise ValueError(f"padding must be 'valid' or 'same', not {padding!r}")
        self.pool_size = as_pair(pool_size, "pool_size")
        # Like Keras: without a stride the windows tile the input, side by side, no overlap.
        self.strides = as_pair(strides, "strides") if strides is not None else self.pool_size
        self.padding = padding

    def compute_output_shape(self, input_shape):
        batch, height, width, channels = input_shape
        (k_h, k_w), (s_h, s_w) = self.pool_size, self.strides
        return (
            batch,
            output_size(height, k_h, s_h, self.padding),
            output_size(width, k_w, s_w, self.padding),
            channels,
        )

    def get_config(self):
        return {**super().get_config(), "pool_size": self.pool_size, "strides": self.strides, "padding": self.padding}


@keras.saving.register_keras_serializable(package="nutshell")
class MaxPool2DFromScratch(_Pool2D):
    """Max pooling: each k×k window of each channel becomes its largest value.

    Equals `keras.layers.MaxPooling2D` with the same pool_size, strides and padding. The gradient
    flows only to the input that won each window: that is what the max's derivative is.

    Args:
        pool_size: k, an int or (k_h, k_w). strides: s, an int or (s_h, s_w); default k.
        padding: "valid" or "same".

    Input shape: (batch, height, width, channels).
    Output shape: (batch, out_h, out_w, channels), out = ⌊(n − k) / s⌋ + 1 with "valid",
    ⌈n / s⌉ with "same".

    Example:
        >>> import numpy as np
        >>> tuple(MaxPool2DFromScratch(2)(np.zeros((1, 8, 8, 16))).shape)
        (1, 4, 4, 16)
        >>> x = np.array([[1, 3], [4, 2]], "float32").reshape(1, 2, 2, 1)
        >>> float(MaxPool2DFromScratch(2)(x)[0, 0, 0, 0])
        4.0
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
    Output shape: (batch, out_h, out_w, channels), out = ⌊(n − k) / s⌋ + 1 with "valid",
    ⌈n / s⌉ with "same".

    Example:
        >>> import numpy as np
        >>> tuple(AveragePool2DFromScratch(2)(np.ones((1, 4, 4, 3))).shape)
        (1, 2, 2, 3)
        >>> x = np.array([[1, 3], [4, 2]], "float32").reshape(1, 2, 2, 1)
        >>> float(AveragePool2DFromScratch(2)(x)[0, 0, 0, 0])
        2.5
    """

    def call(self, x):
        totals = ops.sum(pooling_windows(x, self.pool_size, self.strides, self.padding), axis=0)
        # How many real (unpadded) pixels each window covers: pool a map of ones the same way.
        ones = ops.ones((1, x.shape[1], x.shape[2], 1), dtype=x.dtype)
        counts = ops.sum(pooling_windows(ones, self.pool_size, self.strides, self.padding), axis=0)
        return totals / counts


# --- the demo --------------------------------------------------------------------------------


def _convnet(input_shape, num_classes, pooling, name, filters=(8, 16, 16)):
    """Three 3x3 convolutions ("same" padding, stride 1), then Flatten and a softmax layer; with
    pooling, a 2x2 max pool after each convolution (28 -> 14 -> 7 -> 3 pixels a side).

    Everything but the pooling is the same in both nets. The head is Flatten + Dense on purpose:
    it keeps every position separate, so any tolerance to shifts in the features must come from
    the layers below. A global-average head would itself average positions away and hide what
    pooling adds. The price: without pooling the classifier sees about 90 times more numbers.
    """
    layers = [keras.Input(input_shape)]
    for stage, width in enumerate(filters, start=1):
        layers.append(keras.layers.Conv2D(width, 3, padding="same", activation="relu", name=f"conv{stage}"))
        if pooling:
            layers.append(MaxPool2DFromScratch(2, name=f"pool{stage}"))
    layers += [
        keras.layers.Flatten(name="features"),
        keras.layers.Dense(num_classes, activation="softmax", name="classifier"),
    ]
    return keras.Sequential(layers, name=name)


_DIRECTIONS = ((0, 1), (0, -1), (1, 0), (-1, 0))  # right, left, down, up


def _shifted_copies(images, distance, directions):
    """Each image moved `distance` pixels in its own direction (an index into _DIRECTIONS)."""
    moved = np.empty_like(images)
    for k, (dy, dx) in enumerate(_DIRECTIONS):
        chosen = directions == k
        moved[chosen] = shift(images[chosen], dy * distance, dx * distance)
    return moved


def _shift_consistency(model, x, y, max_shift, seed=0):
    """Zhang's consistency, shifted against unshifted, for each distance d = 0..max_shift.

    Every test image is moved d pixels in one direction drawn at random (the same draw for every
    model, so two nets are compared on the same shifted images). Returns one dict per d:
    `consistency`, the fraction of images whose predicted class is the same as for the unshifted
    image; `feature_change`, how far the features before the classifier move, ‖f(shifted) − f(x)‖
    / ‖f(x)‖, averaged over images; and `accuracy` on the shifted images.
    """
    directions = np.random.default_rng(seed).integers(0, len(_DIRECTIONS), size=(max_shift + 1, len(x)))
    probe = keras.Model(model.inputs, [model.get_layer("features").output, model.outputs[0]])
    base_features, base_probabilities = probe.predict(x, batch_size=500, verbose=0)
    base_labels = base_probabilities.argmax(axis=1)
    base_norm = np.maximum(np.linalg.norm(base_features, axis=1), 1e-8)
    rows = []
    for distance in range(max_shift + 1):
        features, probabilities = probe.predict(
            _shifted_copies(x, distance, directions[distance]), batch_size=500, verbose=0
        )
        labels = probabilities.argmax(axis=1)
        change = np.linalg.norm(features - base_features, axis=1) / base_norm
        rows.append(
            {
                "consistency": float(np.mean(labels == base_labels)),
                "feature_change": float(change.mean()),
                "accuracy": float(np.mean(labels == y)),
            }
        )
    return rows


# Unshifted accuracy both nets must reach for the comparison to count (the nets learned the task),
# and the least gain in consistency. Chosen with `--quick --held-out --seed 100 --repeats 3` (a
# validation split of the training images, seeds never reported): unshifted accuracy 0.919-0.943
# on MNIST, 0.779-0.816 on Fashion-MNIST and 0.900-0.964 on the 8x8 digits; gain in consistency
# 0.11-0.17, 0.14-0.15 and 0.06-0.08; the pooled net's consistency fell 0.28-0.47 from 1 pixel to
# the largest shift.
_LEARNED = {"mnist": 0.85, "digits": 0.85, "fashion_mnist": 0.7}
MIN_GAIN = 0.05


def claim_parts(with_pool, without, min_accuracy=0.85, min_gain=MIN_GAIN):
    """The claim's parts from the two nets' _shift_consistency rows.

    Both nets learn the task; the pooled net's consistency, averaged over the shifts of 1..max
    pixels, beats the other's by at least `min_gain`; its features move less at every distance
    (the worst ratio of feature change, pooled over plain, stays below 1); and it is still not
    invariant: its consistency falls by at least 5 points from 1 pixel to the largest shift.
    """
    shifts = range(1, len(with_pool))
    gain = float(np.mean([with_pool[d]["consistency"] - without[d]["consistency"] for d in shifts]))
    ratio = max(with_pool[d]["feature_change"] / max(without[d]["feature_change"], 1e-12) for d in shifts)
    return [
        at_least("accuracy_unshifted_with_pooling", with_pool[0]["accuracy"], min_accuracy),
        at_least("accuracy_unshifted_without_pooling", without[0]["accuracy"], min_accuracy),
        at_least("mean_consistency_gain", gain, min_gain),
        at_most("feature_change_ratio_worst", ratio, 1.0),
        at_least("consistency_fall_with_pooling", with_pool[1]["consistency"] - with_pool[-1]["consistency"], 0.05),
    ]


def _zhang_anchor(side: int, max_shift: int) -> dict:
    """The published figure the consistency is set beside, and how far the set-ups differ."""
    return {
        "source": "R. Zhang, \"Making Convolutional Networks Shift-Invariant Again\", ICML 2019 "
        "(results table at github.com/adobe/antialiased-cnns)",
        "published": "consistency 89.2% for the baseline ResNet-50 on ImageNet",
        "ours": "mean_consistency_with_pooling",
        "note": "Only the metric carries over: Zhang compares two random 224x224 crops of one ImageNet "
        f"image for a large net trained with crop augmentation; we compare each {side}x{side} "
        f"image with itself moved 1-{max_shift} pixels, for a three-stage net trained without "
        "augmentation.",
    }


def outcome(claim: dict) -> str:
    """Which PREDICT option the measured claim shows (see PREDICT)."""
    parts = recorded_parts(claim)
    gain, fall = parts["mean_consistency_gain"], parts["consistency_fall_with_pooling"]
    if held_on_some_seeds(gain):
        return "E"
    if abs(gain["mean"]) < 0.02:
        return "D"
    if gain["mean"] < 0:
        return "C"
    return "A" if fall["mean"] < 0.02 else "B"


def _pooling_memory(model):
    """Activations per example before and after each pooling layer, from the real layer shapes."""
    stages = []
    for layer in model.layers:
        if isinstance(layer, _Pool2D):
            before = int(np.prod(layer.input.shape[1:]))
            after = int(np.prod(layer.output.shape[1:]))
            stages.append((layer.name, before, after))
    return stages


def _log_pictures(run, pooled, plain, images, labels, max_shift):
    """Digits shifted right by 0..max_shift pixels with each net's prediction under each, and the
    first digit's feature maps before and after the first pooling. Returns the conv1 maps of all
    the shifted digits (for the check of our pooling against Keras's)."""
    side = images.shape[1]
    factor = max(1, 112 // side)  # every digit about 112 pixels wide
    shifts = range(max_shift + 1)
    moved = np.stack([shift(images, 0, d) for d in shifts], axis=1)  # (digits, shifts, H, W, C)
    run.mosaic(
        f"shift/1_digits_moved_right_0_to_{max_shift}px_one_row_each",
        moved.reshape(-1, *images.shape[1:]),
        columns=len(shifts),
        enlarge=factor,
        rescale=False,
        gap_value=0.5,
    )
    flat = moved.reshape(-1, *images.shape[1:])
    rows = ["| row: digit | net | " + " | ".join(f"{d} px" for d in shifts) + " |", "|---|---|" + "---:|" * len(shifts)]
    nets = {
        name: model.predict(flat, verbose=0).reshape(len(images), len(shifts), -1)
        for model, name in ((pooled, "with pooling"), (plain, "without pooling"))
    }
    for i, label in enumerate(labels):
        for name, probabilities in nets.items():
            cells = [f"{p.argmax()} ({p.max():.2f})" for p in probabilities[i]]
            rows.append(f"| {i + 1}: {int(label)} | {name} | " + " | ".join(cells) + " |")
    rows.append(
        f"\nThe first {len(images)} test digits, not picked: single cases go either way. "
        "shift/3 counts every test digit."
    )
    run.text("shift/2_predicted_class_and_probability_per_row", "\n".join(rows))

    # The first digit as the first convolution sees it, then after its 2x2 max pool: every channel.
    inside = keras.Model(pooled.inputs, [pooled.get_layer("conv1").output, pooled.get_layer("pool1").output])
    conv1_maps, pool1_maps = inside.predict(flat, verbose=0)  # the first digit's shifts come first
    conv1, pool1 = conv1_maps[0], pool1_maps[0]
    before, after = max(1, 112 // conv1.shape[0]), max(1, 112 // pool1.shape[0])  # same size shown
    run.mosaic(
        "pooled/1_conv1_maps_all_channels",
        np.moveaxis(conv1, -1, 0)[..., None],
        columns=4,
        enlarge=before,
        gap_value=0.5,
    )
    run.mosaic(
        "pooled/2_pool1_maps_all_channels",
        np.moveaxis(pool1, -1, 0)[..., None],
        columns=4,
        enlarge=after,
        gap_value=0.5,
    )
    # The busiest channel as the digit moves: before pooling the map slides pixel by pixel; after,
    # it lives on a grid half as fine, where a 1-pixel move often changes little.
    channel = int(pool1.sum(axis=(0, 1)).argmax())
    for tag, maps, factor in (("3_conv1", conv1_maps, before), ("4_pool1", pool1_maps, after)):
        run.mosaic(
            f"pooled/{tag}_one_channel_shift_0_to_{max_shift}px",
            maps[: len(shifts), ..., channel : channel + 1],
            columns=len(shifts),
            enlarge=factor,
            gap_value=0.5,
        )
    return conv1_maps


def demo(run: Run) -> None:
    """Same conv layers with and without max pooling: which one keeps its prediction under a shift?"""
    split = run.load_images(quick=(2000, 1000))
    side = split.input_shape[0]
    max_shift = max(1, min(4, side // 4))  # 4 px on 28x28 images, 2 on the 8x8 digits

    run.say("Training two conv nets that differ only in their three 2x2 max-pooling layers…")
    pooled = _convnet(split.input_shape, split.num_classes, pooling=True, name="with_pooling")
    plain = _convnet(split.input_shape, split.num_classes, pooling=False, name="without_pooling")
    for model, name in ((pooled, None), (plain, "no-pooling")):
        run.compile(model, loss="sparse_categorical_crossentropy", metrics=["accuracy"])
        run.fit(model, split.x_train, split.y_train, validation_data=(split.x_test, split.y_test), name=name)

    run.say(
        f"Moving every test image 1..{max_shift} pixels (one random direction each, zeros fill "
        "in): how often does the predicted class stay the same?"
    )
    with_pool = _shift_consistency(pooled, split.x_test, split.y_test, max_shift, seed=run.seed)
    without = _shift_consistency(plain, split.x_test, split.y_test, max_shift, seed=run.seed)
    for distance, (a, b) in enumerate(zip(with_pool, without)):
        for key in a:
            run.scalars({"with_pooling": a[key], "without_pooling": b[key]}, step=distance, prefix=f"shift_{key}")
    run.say(
        run.table(
            "shift/3_consistency_by_distance",
            [
                "shift",
                "consistency, pooling",
                "without",
                "feature change, pooling",
                "without",
                "accuracy, pooling",
                "without",
            ],
            [
                [
                    f"{d} px",
                    a["consistency"],
                    b["consistency"],
                    a["feature_change"],
                    b["feature_change"],
                    a["accuracy"],
                    b["accuracy"],
                ]
                for d, (a, b) in enumerate(zip(with_pool, without))
            ],
        )
    )

    # Memory: what each pooling stage keeps, read from the layers' real output shapes.
    run.say(
        run.table(
            "pooled/5_activations_per_example",
            ["stage", "activations before", "after", "saved"],
            [[layer, before, after, f"{1 - after / before:.0%}"] for layer, before, after in _pooling_memory(pooled)],
        )
    )
    conv1_maps = _log_pictures(run, pooled, plain, split.x_test[:4], split.y_test[:4], max_shift)
    ours = MaxPool2DFromScratch(2)
    scratch_vs_keras = float(
        np.max(
            np.abs(
                ops.convert_to_numpy(ours(conv1_maps))
                - ops.convert_to_numpy(keras.layers.MaxPooling2D(ours.pool_size)(conv1_maps))
            )
        )
    )
    run.metrics(
        {
            "test_accuracy_with_pooling": with_pool[0]["accuracy"],
            "test_accuracy_without_pooling": without[0]["accuracy"],
            "max_pool_scratch_vs_keras": scratch_vs_keras,
        }
    )

    shifts = range(1, max_shift + 1)
    mean = lambda rows, key: float(np.mean([rows[d][key] for d in shifts]))  # noqa: E731
    parts = claim_parts(with_pool, without, min_accuracy=_LEARNED.get(run.settings.dataset, 0.85))
    run.claim(
        "Max pooling makes a conv net's prediction survive small shifts more often: with three 2x2 "
        "max pools, the share of test images whose predicted class stays the same under a "
        f"1-{max_shift} pixel shift is at least {{mean_consistency_gain:.2f}} higher (on average over "
        "the distances) than in the same net without pooling, and its features move less at every "
        "distance; both nets "
        "reach {accuracy_unshifted_with_pooling:.0%} on unshifted images. Pooling helps but does not "
        "make the net shift-invariant: consistency still falls as the shift grows.",
        parts,
        anchor=_zhang_anchor(side, max_shift),
        mean_consistency_with_pooling=mean(with_pool, "consistency"),
        mean_consistency_without_pooling=mean(without, "consistency"),
        classifier_inputs_with_pooling=pooled.get_layer("features").output.shape[-1],
        classifier_inputs_without_pooling=plain.get_layer("features").output.shape[-1],
    )
