"""A unit's receptive field is the patch of the input image that can influence its value: a few
pixels for a first-layer unit, growing with every convolution and pooling layer stacked on top.

## Intuition
Look at a scene through a drinking straw: you see a small disc and nothing else. A first-layer
unit in a CNN is like that, wired to, say, a 5×5 window of pixels instead of the whole image, so it
can only judge very local things such as an edge. A unit in the next layer looks through a straw at
the first layer's output; since each of those values already summarises a window, it indirectly
sees a wider patch of the original image. Depth therefore buys context: deep units can react to
whole faces while early ones see only strokes.

The term comes from neuroscience: Hubel and Wiesel found cells in the cat's visual cortex that fire
only for stimuli in a small region of the visual field, a finding that inspired the design of
convolutional networks.

## The math
Track two numbers layer by layer: r, the receptive-field width, and j, the distance in input
pixels between neighbouring units (the product of all strides so far). Start with r₀ = 1, j₀ = 1.
A layer with kernel k and stride s gives
r_l = r_(l−1) + (k − 1) · j_(l−1),    j_l = j_(l−1) · s.

Examples:
- two 3×3 convolutions, stride 1: r = 1 + 2 + 2 = 5, same as one 5×5 layer;
- three of them: r = 7, matching a 7×7 layer with 27·C² instead of 49·C² weights (C channels);
- 3×3 conv, then 2×2 pool with stride 2, then 3×3 conv: r = 3, then 4 (j becomes 2), then
  4 + 2·2 = 8.
Pooling and stride grow the field fast because they enlarge j for all later layers.

## In practice
Not all of the field counts equally: pixels near its centre have far more influence than those at
the edge, so the effective receptive field is smaller than the formula says. Architectures are
usually checked so that the last conv units see most of the object they must recognise.

## Try it
`nutshell demo receptive-field` trains a small CNN without padding on MNIST (3×3
convolutions, 2×2 pools), then raises and lowers each pixel of four test images in turn and notes
which pixels move the centre unit of every layer. The measured widths, 3, 5, 6, 10, 12 and 20
pixels, equal the formula layer by layer. In the top layer's 20×20 field the central 10×10 square,
a quarter of the area, carries 52-54% of the influence (`--quick`, seeds 0-4): the effective
field is smaller. Built from 1×1 kernels and pools instead, the net's top units see one pixel.

## See also
- **convolution**: each layer adds k − 1 steps to the field
- **pooling**: the quick way to widen it
- **weight-sharing**: the other half of a conv layer's design
- **cnn**: why local connections suit images
- **stride-and-padding**: strides make the field grow faster

## Sources
- [raschka]
- [overview]
- [hubel1962]
- [luo2016]
"""

TITLE = "Receptive field"
ALIASES = (
    "local receptive field",
    "local connectivity",
    "local connections",
    "local connection",
    "effective receptive field",
    "visual cortex",
    "hubel and wiesel",
    "image patch",
)

DEMO = {
    "epochs": 4,
    "batch_size": 32,
    "learning_rate": 0.003,
    "datasets": ("mnist", "fashion_mnist"),
    "quick": {"epochs": 1},
}

PREREQUISITES = ("convolution", "stride-and-padding")

PREDICT = {
    "question": "A small CNN is trained to classify images. For a unit in its top layer, every input pixel is "
    "raised and lowered in turn to see how much the unit moves. The pixels that can move it "
    "fill a square; a central square covers a quarter of that area. What share of the "
    "unit's sensitivity falls inside the central square?",
    "options": {
        "A": "about a quarter: every pixel the unit can see counts about the same",
        "B": "clearly less than a quarter: pixels near the edge count most",
        "C": "clearly more than a quarter: pixels near the middle count most",
        "D": "it depends on the seed",
    },
    "why": "A unit in the next layer looks through a straw at the first layer's output; since each of "
    "those values already summarises a window, it indirectly sees a wider patch of the "
    "original image. Not all of the field counts equally: pixels near its centre have far more "
    "influence than those at the edge, so the effective receptive field is smaller than the "
    "formula says.",
}

RECALL = (
    {
        "question": "A 3x3 convolution (stride 1), then a 2x2 pool with stride 2, then another 3x3 "
        "convolution. How many input pixels wide is the patch a unit of the last layer sees?",
        "options": {"A": "6", "B": "7", "C": "8", "D": "12"},
        "answer": "C",
        "why": "3×3 conv, then 2×2 pool with stride 2, then 3×3 conv: r = 3, then 4 (j becomes 2), then 4 + 2·2 = 8.",
    },
    {
        "question": "Three 3x3 convolutions with stride 1 are stacked. A single layer of which kernel "
        "size would see the same patch of the input?",
        "options": {"A": "5x5", "B": "7x7", "C": "9x9", "D": "27x27"},
        "answer": "B",
        "why": "three of them: r = 7, matching a 7×7 layer with 27·C² instead of 49·C² weights (C channels);",
    },
)

__all__ = ["receptive_field_sizes", "measured_receptive_fields"]

# Everything above is read by the registry without importing this module; the code below needs Keras.
import keras
import numpy as np

from nutshell.glossary._claims import Part, at_least, at_most, recorded_parts
from nutshell.glossary._run import Run


def _window(layer):
    """(k, s, d) of a layer that slides a window along the height axis, or None if it does not."""
    size = getattr(layer, "kernel_size", None) or getattr(layer, "pool_size", None)
    if size is None:
        return None
    first = lambda value: value[0] if isinstance(value, (tuple, list)) else value
    dilation = getattr(layer, "dilation_rate", 1)
    return first(size), first(layer.strides or size), first(dilation)


def receptive_field_sizes(model):
    """The formula, layer by layer: [(layer name, r, j)] for every layer that keeps a spatial map.

    r is the receptive-field width in input pixels and j the distance in input pixels between two
    neighbouring units of the layer. From r = j = 1 at the input, a window of k with stride s and
    dilation d (its taps d apart, so it spans d(k − 1) + 1) gives
    r ← r + d(k − 1)·j and j ← j·s. Layers without a window (activations) change neither; the
    list stops at the first layer that mixes all positions (Flatten, Dense, global pooling).
    Square windows are assumed, as in the demo; the width axis follows the same rule.
    """
    r, j, rows = 1, 1, []
    for layer in model.layers:
        if len(layer.output.shape) != 4:
            break
        window = _window(layer)
        if window is not None:
            k, s, d = window
            r, j = r + d * (k - 1) * j, j * s
        rows.append((layer.name, r, j))
    return rows


def measured_receptive_fields(model, images, layer_names, delta=1.0, tolerance=1e-5):
    """Which input pixels can move the centre unit of each layer, found by moving them.

    For every probe image and every pixel, a copy with that one pixel raised by `delta` (and one
    with it lowered) goes through the network; a pixel belongs to the field of a layer if the
    layer's units at the centre position (all channels) change by more than `tolerance` on any
    copy. One image can hide part of the field (a ReLU that stays off, a max-pool window won by
    another input), so the union over several images is taken.

    Returns:
        {layer name: (height in pixels, width in pixels, (H, W) influence map)}, the extent of the
        pixels found and, for each pixel, the mean absolute change it caused.
    """
    images = np.asarray(images, dtype="float32")
    count, height, width = images.shape[:3]
    probe = keras.Model(model.inputs, [model.get_layer(name).output for name in layer_names])
    influence = {name: np.zeros((height, width)) for name in layer_names}
    pixels = np.arange(height * width)
    for image in images:
        for sign in (1.0, -1.0):
            moved = np.repeat(image[None], height * width + 1, axis=0)
            rows, cols = np.unravel_index(pixels, (height, width))
            moved[pixels + 1, rows, cols, :] += sign * delta  # copy 0 stays as it was
            outputs = probe.predict(moved, batch_size=512, verbose=0)
            outputs = outputs if isinstance(outputs, list) else [outputs]
            for name, output in zip(layer_names, outputs):
                centre = output[:, output.shape[1] // 2, output.shape[2] // 2, :]
                change = np.abs(centre[1:] - centre[0]).max(axis=1).reshape(height, width)
                influence[name] += change / (2 * count)
    fields = {}
    for name in layer_names:
        rows, cols = np.nonzero(influence[name] > tolerance / (2 * count))
        extent = lambda where: int(where.max() - where.min() + 1) if len(where) else 0
        fields[name] = (extent(rows), extent(cols), influence[name])
    return fields


# --- the demo --------------------------------------------------------------------------------


def _valid_cnn(input_shape, num_classes, kernel=3, pool=2):
    """conv, conv, pool, conv, pool, conv (k×k convolutions, p×p pools, no padding), then softmax.

    No padding ("valid"), so every unit's field lies inside the 28×28 image and none is cut short by
    the border; with k = 3 and p = 2 the fields grow 3, 5, 6, 10, 12, 20 pixels wide by the formula.
    """
    conv = lambda filters, name: keras.layers.Conv2D(filters, kernel, activation="relu", name=name)  # noqa: E731
    return keras.Sequential(
        [
            keras.Input(input_shape),
            conv(16, "conv_1"),
            conv(16, "conv_2"),
            keras.layers.MaxPooling2D(pool, name="pool_1"),
            conv(32, "conv_3"),
            keras.layers.MaxPooling2D(pool, name="pool_2"),
            conv(32, "conv_4"),
            keras.layers.Flatten(name="flatten"),
            keras.layers.Dense(num_classes, activation="softmax", name="classify"),
        ],
        name="valid_cnn",
    )


def central_share(influence, r):
    """The share of the total influence that falls in the central (r/2)×(r/2) square of the field:
    a quarter of the area, so 0.25 if every pixel of the field counted the same."""
    rows, cols = np.nonzero(influence)
    top, left = rows.min(), cols.min()
    quarter = r // 4
    middle = influence[top + quarter : top + r - quarter, left + quarter : left + r - quarter]
    return float(middle.sum() / influence.sum())


def measure(model, probes):
    """The formula against the field found by moving pixels, layer by layer, and the share of the
    top field's influence in its central quarter (pure: trained model in, numbers out).

    Returns (rows of (layer, r, j, measured height, measured width), the top layer's influence
    map, numbers)."""
    formula = receptive_field_sizes(model)
    measured = measured_receptive_fields(model, probes, [name for name, _, _ in formula])
    rows = [(name, r, j, *measured[name][:2]) for name, r, j in formula]
    top_name, top_r, _ = formula[-1]
    influence = measured[top_name][2]
    return (
        rows,
        influence,
        {
            "mismatched_layers": sum(not (h == w == r) for _, r, _, h, w in rows),
            "top_field_width": measured[top_name][1],
            "central_quarter_share": central_share(influence, top_r),
        },
    )


# Bars, chosen with --quick --held-out on MNIST, seeds 100-102 (one epoch on 3,000 images): the
# validation accuracy was 0.906-0.922 (0.8 says "it learned": chance is 0.1), and the central
# quarter carried 0.47-0.55 of the top field's influence (0.4 is well clear of the 0.25 a flat
# field gives). The top field must span at least half the image: that is what depth is for.
MIN_ACCURACY = 0.8
MIN_CENTRAL_SHARE = 0.4


def claim_parts(
    numbers: dict[str, float],
    image_width: int,
    accuracy: float,
    min_accuracy: float = MIN_ACCURACY,
    min_share: float = MIN_CENTRAL_SHARE,
) -> list[Part]:
    """The formula holds at every layer (true by construction once every unit is alive: a check);
    a trained net's top units see at least half the image, and most of their influence sits in
    the middle of their field (measured)."""
    return [
        at_most("mismatched_layers", numbers["mismatched_layers"], 0, kind="identity"),
        at_least("test_accuracy", accuracy, min_accuracy),
        at_least("top_field_width", numbers["top_field_width"], image_width / 2),
        at_least("central_quarter_share", numbers["central_quarter_share"], min_share),
    ]


def outcome(claim: dict) -> str:
    """Which PREDICT option the measured claim shows: how much of the top field's influence the
    central quarter carries (0.25 if every pixel counted the same)."""
    share = recorded_parts(claim)["central_quarter_share"]

    def option(value: float) -> str:
        return "C" if value > 0.3 else "B" if value < 0.2 else "A"

    return option(share["min"]) if option(share["min"]) == option(share["max"]) else "D"


def demo(run: Run) -> None:
    """The pixels that can move a unit, found by moving them, fill exactly the square the formula
    predicts, layer after layer; most of the influence sits near the middle."""
    split = run.load_images(quick=(3000, 500))
    model = _valid_cnn(split.input_shape, split.num_classes)
    run.say("Training a small CNN without padding (so that no field is cut by the border)…")
    accuracy = run.train_and_evaluate(
        model,
        (split.x_train, split.y_train),
        (split.x_test, split.y_test),
        loss="sparse_categorical_crossentropy",
        metrics=["accuracy"],
    )["accuracy"]

    run.say(
        "Raising and lowering each pixel of 4 test images, one at a time, and watching the "
        "units at the centre of every layer…"
    )
    probes = split.x_test[np.random.default_rng(run.seed).choice(len(split.x_test), 4, replace=False)]
    rows, influence, numbers = measure(model, probes)
    run.say(
        run.table(
            "receptive_fields",
            ["layer", "r (formula)", "j", "measured"],
            [[name, r, j, f"{h}×{w}"] for name, r, j, h, w in rows],
        )
    )
    top_r = rows[-1][1]
    run.say(
        f"{rows[-1][0]}: the central {top_r // 2}×{top_r // 2} square, a quarter of its "
        f"{top_r}×{top_r} field, carries {numbers['central_quarter_share']:.0%} of the influence."
    )

    run.metrics({"test_accuracy": accuracy, **numbers})
    run.claim(
        "In a trained CNN (3×3 convolutions, 2×2 pooling, no padding; test accuracy >= "
        "{test_accuracy:.0%}) the input pixels that can move a unit, found by moving each pixel, span "
        f"exactly the r×r square of the formula r ← r + (k − 1)·j, j ← j·s at every layer "
        f"({', '.join(str(r) for _, r, _, _, _ in rows)}); the top layer's units see at least "
        "{top_field_width:g} pixels across, half the image, and the central quarter of their field "
        "carries >= {central_quarter_share:.0%} of the influence (0.25 if every pixel counted the same).",
        claim_parts(numbers, split.input_shape[1], accuracy),
        **{f"{name}_formula": r for name, r, _, _, _ in rows},
        **{f"{name}_measured": h for name, _, _, h, _ in rows},
    )
    for step, (_, r, _, h, _) in enumerate(rows, start=1):
        run.scalars({"formula": r, "measured": h}, step=step, prefix="receptive_field_width")
    run.images("influence/top_layer", influence[None, :, :, None], enlarge=4)
