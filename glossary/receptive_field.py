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
a quarter of the area, carries 49% of the influence (seed 0): the effective field is smaller.

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
    "local receptive field", "local connectivity", "local connections", "local connection",
    "effective receptive field", "visual cortex", "hubel and wiesel", "image patch",
)

DEMO = {
    "steps_per_execution": 8,
    "epochs": 4, "batch_size": 32, "learning_rate": 0.003, "datasets": ("mnist", "fashion_mnist"),
    "quick": {"epochs": 1},
}

__all__ = ["receptive_field_sizes", "measured_receptive_fields"]

# Everything above is read by the registry without importing this module; the code below needs Keras.
import keras
import numpy as np
from keras import ops

from nutshell import data


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
            moved[pixels + 1, rows, cols, :] += sign * delta   # copy 0 stays as it was
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

def _valid_cnn(input_shape, num_classes):
    """conv, conv, pool, conv, pool, conv (3×3 convolutions, 2×2 pools, no padding), then softmax.

    No padding ("valid"), so every unit's field lies inside the 28×28 image and none is cut short by
    the border; the fields grow 3, 5, 6, 10, 12, 20 pixels wide by the formula.
    """
    return keras.Sequential([
        keras.Input(input_shape),
        keras.layers.Conv2D(16, 3, activation="relu", name="conv_1"),
        keras.layers.Conv2D(16, 3, activation="relu", name="conv_2"),
        keras.layers.MaxPooling2D(2, name="pool_1"),
        keras.layers.Conv2D(32, 3, activation="relu", name="conv_3"),
        keras.layers.MaxPooling2D(2, name="pool_2"),
        keras.layers.Conv2D(32, 3, activation="relu", name="conv_4"),
        keras.layers.Flatten(name="flatten"),
        keras.layers.Dense(num_classes, activation="softmax", name="classify"),
    ], name="valid_cnn")


def central_share(influence, r):
    """The share of the total influence that falls in the central (r/2)×(r/2) square of the field:
    a quarter of the area, so 0.25 if every pixel of the field counted the same."""
    rows, cols = np.nonzero(influence)
    top, left = rows.min(), cols.min()
    quarter = r // 4
    middle = influence[top + quarter:top + r - quarter, left + quarter:left + r - quarter]
    return float(middle.sum() / influence.sum())


def demo(run):
    """The pixels that can move a unit, found by moving them, fill exactly the square the formula
    predicts, layer after layer; most of the influence sits near the middle."""
    split = data.load_images(run.settings.dataset)
    if run.quick:
        split = split.subset(3000, 500)
    model = _valid_cnn(split.input_shape, split.num_classes)
    run.say("Training a small CNN without padding (so that no field is cut by the border)…")
    accuracy = run.train_and_evaluate(model, (split.x_train, split.y_train), (split.x_test, split.y_test),
                                      loss="sparse_categorical_crossentropy", metrics=["accuracy"])["accuracy"]

    formula = receptive_field_sizes(model)
    names = [name for name, _, _ in formula]
    probes = split.x_test[np.random.default_rng(run.seed).choice(len(split.x_test), 4, replace=False)]
    run.say("Raising and lowering each pixel of 4 test images, one at a time, and watching the "
            "units at the centre of every layer…")
    measured = measured_receptive_fields(model, probes, names)
    rows, agree = [], True
    for step, (name, r, j) in enumerate(formula, start=1):
        height, width, influence = measured[name]
        agree = agree and height == width == r
        rows.append(f"| {name} | {r} | {j} | {height}×{width} |")
        run.scalars({"formula": r, "measured": height}, step=step, prefix="receptive_field_width")
        run.images(f"influence/{step}_{name}", influence[None, :, :, None], enlarge=4)
    run.text("receptive_fields", "| layer | r (formula) | j | measured |\n|---|---:|---:|---|\n"
             + "\n".join(rows))
    top_name, top_r, _ = formula[-1]
    share = central_share(measured[top_name][2], top_r)
    run.say(f"{top_name}: the central {top_r // 2}×{top_r // 2} square, a quarter of its "
            f"{top_r}×{top_r} field, carries {share:.0%} of the influence.")

    run.metrics({"test_accuracy": accuracy, "top_receptive_field": top_r,
                 "central_quarter_share": share})
    run.claim(
        "In a trained CNN (3×3 convolutions, 2×2 pooling, no padding) the input pixels that can "
        "move a unit, found by moving each pixel, span exactly the r×r square of the formula "
        f"r ← r + (k − 1)·j, j ← j·s at every layer ({', '.join(str(r) for _, r, _ in formula)}); in "
        f"the top layer's {top_r}×{top_r} field the central quarter of the area carries >= 40% of "
        "the influence (0.25 if every pixel counted the same).",
        verdict=agree and share >= 0.40,
        **{f"{name}_formula": r for name, r, _ in formula},
        **{f"{name}_measured": measured[name][0] for name in names},
        central_quarter_share=share, test_accuracy=accuracy,
    )
