"""Translation invariance means a model's answer does not change when the input is shifted; CNNs get
it only approximately, from convolutions that are shift-equivariant plus pooling that discards
small changes in position.

## Intuition
A cat is a cat whether it sits on the left or the right of the photo, so a classifier should not
care where it is. Two different properties help. Equivariance: when the cat moves, the feature maps
move with it, unchanged in content; convolution gives this because the same kernel is used
everywhere. Invariance: the output stays the same; pooling adds a little of this, because a
feature that moves inside a pooling window leaves the window's maximum unchanged. Stacking many
pool stages, or pooling over the whole map at the end, turns equivariant maps into a largely
position-free summary.

## The math
Let T shift an image by some pixels.
- A map g is shift-equivariant if g(T x) = T g(x). A convolution with stride 1 is, apart from
  effects at the borders.
- A map h is shift-invariant if h(T x) = h(x). Global max or average pooling on top of an
  equivariant map is, since the shifted map holds the same values in other places.

Tiny example, 1-D max pooling with window 2 and stride 2:
- x = [5, 0, 0, 0, 0, 0] gives [5, 0, 0];
- shift by one, [0, 5, 0, 0, 0, 0], still gives [5, 0, 0] (invariant: moved within a window);
- shift by two, [0, 0, 5, 0, 0, 0], gives [0, 5, 0] (the output moved: crossed a boundary).

## Common confusions
The invariance is partial. Strides and pooling subsample the maps, so a one-pixel shift can change
a modern CNN's prediction noticeably; blurring before subsampling reduces the effect. Nothing in a
standard CNN makes it invariant to rotation or scale: those come, approximately, from training on
rotated, rescaled and shifted copies of the images. The word "invariance" is often used loosely
where "equivariance" is meant.

## Try it
`nutshell demo translation-invariance` checks g(T x) = T g(x) for a convolution (gap 0) and a
dense layer of the same size (relative gap 1.3-1.7), then trains three classifiers on the 8×8
digits placed on a blank 28×28 canvas and shifts the test digits by 1 to 3 pixels. Stride-1
convolutions with a global max keep every answer, so their accuracy (0.93-0.98) stays the same at
every shift; the same net with 2×2 pooling keeps 55-65% of its answers at one pixel; an MLP falls
from 0.97 to 0.10 accuracy at three (`--quick`, seeds 0-4). Give the stride-1 net a Flatten head
instead of the global max and it loses the shifted digits.

## See also
- **pooling**: the source of local invariance
- **convolution**: the source of equivariance
- **weight-sharing**: why convolution is equivariant
- **data-augmentation**: learning the invariances that the architecture lacks
- **cnn**: where all of these combine

## Sources
- [dettmers2015]
- [raschka]
- [azulay2019]
- [zhang2019]
"""

TITLE = "Translation invariance"
ALIASES = (
    "invariance",
    "equivariance",
    "translation equivariance",
    "shift invariance",
    "translational invariance",
    "shift equivariance",
    "rotation invariance",
    "scale invariance",
)

DEMO = {
    "epochs": 30,
    "batch_size": 32,
    "learning_rate": 0.003,
    "datasets": ("digits",),
    "quick": {"epochs": 6},
}

PREREQUISITES = ("convolution", "weight-sharing")

PREDICT = {
    "question": "Three classifiers learn digits placed in the middle of a blank canvas: a CNN of "
    "stride-1 convolutions that ends in a max over the whole map, the same CNN with 2x2 "
    "pooling of stride 2 between its convolutions, and an MLP. The test digits are then "
    "moved by 1 to 3 pixels. Which of them give every test digit the same answer as "
    "before it moved?",
    "options": {
        "A": "all three: each has learned what the digits look like",
        "B": "both CNNs, but not the MLP",
        "C": "not even the stride-1 CNN",
        "D": "the stride-1 CNN, but not the one with pooling",
        "E": "it depends on the seed",
    },
    "why": "Equivariance: when the cat moves, the feature maps move with it, unchanged in content; "
    "convolution gives this because the same kernel is used everywhere. Global max or average "
    "pooling on top of an equivariant map is, since the shifted map holds the same values in "
    "other places. Strides and pooling subsample the maps, so a one-pixel shift can change a "
    "modern CNN's prediction noticeably; blurring before subsampling reduces the effect.",
}

RECALL = (
    {
        "question": "Max pooling with window 2 and stride 2 reads six values with a single spike of 5 "
        "in the third place, the rest zeros. What comes out?",
        "options": {"A": "[5, 0, 0]", "B": "[0, 5, 0]", "C": "[0, 0, 5]", "D": "[2.5, 0, 0]"},
        "answer": "B",
        "why": "shift by two, [0, 0, 5, 0, 0, 0], gives [0, 5, 0] (the output moved: crossed a boundary).",
    },
    {
        "question": "A standard CNN is trained on upright photos of one size only. What does its "
        "architecture alone leave it without?",
        "options": {
            "A": "equivariance to small shifts, from its convolutions",
            "B": "some tolerance to small shifts, from its pooling",
            "C": "invariance to rotation and to scale",
            "D": "a single set of kernel weights used at every position",
        },
        "answer": "C",
        "why": "Nothing in a standard CNN makes it invariant to rotation or scale: those come, "
        "approximately, from training on rotated, rescaled and shifted copies of the images.",
    },
)

__all__ = ["shift", "equivariance_gap", "shift_invariant_cnn"]

# Everything above is read by the registry without importing this module; the code below needs Keras.
import keras
import numpy as np
from keras import ops

from nutshell.glossary._claims import Part, at_least, at_most, held_on_some_seeds, recorded_parts
from nutshell.glossary._run import Run
from nutshell.glossary.mlp import mlp
from nutshell.glossary.receptive_field import receptive_field_sizes


def shift(images, dy, dx):
    """T: move images dy rows down and dx columns right; zeros come in, pixels pushed out are lost.

    Works on any (batch, height, width, channels) array: images or feature maps.
    """
    images = np.asarray(images)
    moved = np.zeros_like(images)
    height, width = images.shape[1:3]
    moved[:, max(dy, 0) : height + min(dy, 0), max(dx, 0) : width + min(dx, 0)] = images[
        :, max(-dy, 0) : height + min(-dy, 0), max(-dx, 0) : width + min(-dx, 0)
    ]
    return moved


def equivariance_gap(layer, images, dy, dx, margin):
    """How far g(T x) is from T g(x), relative to the size of g(x), `margin` pixels from the border.

    0 for a shift-equivariant map g. Near the border the two differ even for a convolution: T x
    loses pixels at one edge and gains zeros at the other, so only the inside is compared.
    """
    moved_first = np.asarray(ops.convert_to_numpy(layer(shift(images, dy, dx))))
    moved_after = shift(np.asarray(ops.convert_to_numpy(layer(images))), dy, dx)
    inside = (slice(None), slice(margin, -margin), slice(margin, -margin))
    difference = np.abs(moved_first[inside] - moved_after[inside]).max()
    return float(difference / (np.abs(moved_after[inside]).max() + 1e-12))


def shift_invariant_cnn(input_shape, num_classes, subsample=False, filters=16):
    """Stride-1 convolutions (shift-equivariant), then one global max pool (shift-invariant).

    Three 3×3 convolutions with dilations 1, 2 and 4 (taps 1, 2, 4 pixels apart) see a 15×15
    field without any stride, and "same" padding keeps every map the size of the input. They have
    no bias, so a blank patch maps to 0 at every layer, just like the zeros padded in at the
    border. Shift an image whose border is blank and every map shifts with it, values unchanged;
    the global maximum cannot tell where a feature was found, so the answer stays exactly the
    same (the dense layer on top may keep its bias). With `subsample=True` the dilations
    give way to 2×2 max pools (stride 2) between the convolutions, as in most CNNs: a shift by an
    odd number of pixels then changes which pixels share a pooling window, and exactness is lost.
    """
    layers = [keras.Input(input_shape)]
    for index, dilation in enumerate((1, 2, 4), start=1):
        layers.append(
            keras.layers.Conv2D(
                filters,
                3,
                padding="same",
                activation="relu",
                dilation_rate=1 if subsample else dilation,
                use_bias=False,
                name=f"conv_{index}",
            )
        )
        if subsample and index < 3:
            layers.append(keras.layers.MaxPooling2D(2, name=f"pool_{index}"))
    layers += [
        keras.layers.GlobalMaxPooling2D(name="global_max"),
        keras.layers.Dense(num_classes, activation="softmax", name="classify"),
    ]
    return keras.Sequential(layers, name="cnn_subsampled" if subsample else "cnn_stride_1")


# --- the demo --------------------------------------------------------------------------------

SHIFTS = (1, 2, 3)


def _on_canvas(images, margin):
    """Each image in the middle of a blank canvas, `margin` pixels wider on every side."""
    return np.pad(images, [(0, 0), (margin, margin), (margin, margin), (0, 0)])


def _directions(distance):
    return [(0, distance), (0, -distance), (distance, 0), (-distance, 0)]


def _under_shifts(model, x, y):
    """For each distance: the share of predictions that stay the same and the accuracy, averaged
    over the four directions; and the largest change of any class probability."""
    base = model.predict(x, batch_size=500, verbose=0)
    rows = []
    for distance in SHIFTS:
        same, accuracy, change = [], [], 0.0
        for dy, dx in _directions(distance):
            moved = model.predict(shift(x, dy, dx), batch_size=500, verbose=0)
            same.append(np.mean(moved.argmax(1) == base.argmax(1)))
            accuracy.append(np.mean(moved.argmax(1) == y))
            change = max(change, float(np.abs(moved - base).max()))
        rows.append(
            {
                "same_prediction": float(np.mean(same)),
                "accuracy": float(np.mean(accuracy)),
                "probability_change": change,
            }
        )
    return float(np.mean(base.argmax(1) == y)), rows


def measure_equivariance(images, seed):
    """g(T x) against T g(x) for a 3×3 convolution and for a dense layer with as many inputs and
    outputs, both with random weights, shifted 2 pixels right and 1 down (pure: numbers out)."""
    height, width, channels = images.shape[1:]
    keras.utils.set_random_seed(seed)
    conv = keras.layers.Conv2D(8, 3, padding="same")
    dense = keras.layers.Dense(height * width)
    dense.build((None, height * width * channels))
    as_maps = lambda x: ops.reshape(
        dense(ops.reshape(x, (-1, height * width * channels))),  # noqa: E731
        (-1, height, width, 1),
    )
    return {
        "conv_equivariance_gap": equivariance_gap(conv, images, 1, 2, margin=4),
        "dense_equivariance_gap": equivariance_gap(as_maps, images, 1, 2, margin=4),
    }


# Bars, chosen with --quick --held-out on the digits, seeds 100-102: the stride-1 net's accuracy on
# shifted validation digits was 0.925-0.942 (0.8: it learned the digits, chance is 0.1); the
# subsampled net kept 0.35-0.42 of its answers at its worst shift (0.99: "not every answer"); the
# MLP lost 0.82-0.87 accuracy at 3 pixels.
MIN_SHIFTED_ACCURACY = 0.8
MAX_SUBSAMPLED_SAME = 0.99
MIN_MLP_DROP = 0.15


def claim_parts(
    equivariance: dict[str, float],
    results: dict,
    min_shifted_accuracy: float = MIN_SHIFTED_ACCURACY,
    max_subsampled_same: float = MAX_SUBSAMPLED_SAME,
    min_mlp_drop: float = MIN_MLP_DROP,
) -> list[Part]:
    """`results[name]` = (unshifted accuracy, _under_shifts rows) for cnn_stride_1, cnn_subsampled
    and mlp. Equivariance and the stride-1 net's exact invariance are true by construction (an
    untrained net keeps every answer too): checks. What training can fail is measured: the
    stride-1 net's accuracy on shifted digits, the subsampled net's lost answers, the MLP's drop."""
    (_, stride_1), (_, subsampled), (mlp_accuracy, mlp_rows) = (
        results[name] for name in ("cnn_stride_1", "cnn_subsampled", "mlp")
    )
    return [
        at_most("conv_equivariance_gap", equivariance["conv_equivariance_gap"], 1e-5, kind="identity"),
        at_least("dense_equivariance_gap", equivariance["dense_equivariance_gap"], 0.5, kind="identity"),
        at_least("cnn_stride_1_same_answer_worst", min(r["same_prediction"] for r in stride_1), 1.0, kind="identity"),
        at_most(
            "cnn_stride_1_probability_change_max", max(r["probability_change"] for r in stride_1), 1e-5, kind="identity"
        ),
        at_least("cnn_stride_1_shifted_accuracy_worst", min(r["accuracy"] for r in stride_1), min_shifted_accuracy),
        at_most("cnn_subsampled_same_answer_worst", min(r["same_prediction"] for r in subsampled), max_subsampled_same),
        at_least("mlp_accuracy_drop", mlp_accuracy - mlp_rows[-1]["accuracy"], min_mlp_drop),
    ]


def outcome(claim: dict) -> str:
    """Which PREDICT option the measured claim shows: which of the three nets kept its answers.

    The stride-1 net keeps them all if its worst share of unchanged answers is 1; the subsampled
    net keeps them if its part failed (over 99% unchanged); the MLP if it lost under 2 points of
    accuracy at the largest shift.
    """
    parts = recorded_parts(claim)
    stride_1, subsampled = parts["cnn_stride_1_same_answer_worst"], parts["cnn_subsampled_same_answer_worst"]
    mlp_drop = parts["mlp_accuracy_drop"]
    if held_on_some_seeds(stride_1, subsampled) or (mlp_drop["min"] < 0.02) != (mlp_drop["max"] < 0.02):
        return "E"
    if stride_1["held"] == 0:
        return "C"
    if subsampled["held"] > 0:  # at most 99% of its answers kept
        return "D"
    return "A" if mlp_drop["mean"] < 0.02 else "B"


def demo(run: Run) -> None:
    """A convolution moves with its input, a dense layer does not; a stride-1 CNN with a global
    max keeps its answers under shifts, one with 2×2 pooling mostly, an MLP much less."""
    split = run.load_images()
    # A blank margin as wide as a field's reach plus the largest shift: then every unit that sees
    # any of the digit stays inside the frame, before and after the shift.
    reach = receptive_field_sizes(shift_invariant_cnn(split.input_shape, split.num_classes))[-1][1] // 2
    margin = reach + SHIFTS[-1]
    x_train, x_test = _on_canvas(split.x_train, margin), _on_canvas(split.x_test, margin)
    input_shape = x_test.shape[1:]

    run.say(
        "Equivariance: g(T x) against T g(x) for a 3×3 convolution and a dense layer of the same "
        "size, both with random weights…"
    )
    equivariance = measure_equivariance(x_test[:200], run.seed)

    run.say(
        f"The {split.input_shape[0]}×{split.input_shape[1]} images go in the middle of a "
        f"{input_shape[0]}×{input_shape[1]} blank canvas ({margin} pixels: a field's reach of "
        f"{reach} plus the largest shift, {SHIFTS[-1]})."
    )
    models = {
        "cnn_stride_1": shift_invariant_cnn(input_shape, split.num_classes),
        "cnn_subsampled": shift_invariant_cnn(input_shape, split.num_classes, subsample=True),
        "mlp": mlp(input_shape, hidden=(128,), outputs=split.num_classes, output_activation="softmax", name="mlp"),
    }
    results = {}
    for name, model in models.items():
        run.say(
            f"Training {name} on centred images, then testing on images shifted by "
            f"{', '.join(map(str, SHIFTS))} pixels…"
        )
        run.train_and_evaluate(
            model,
            (x_train, split.y_train),
            (x_test, split.y_test),
            loss="sparse_categorical_crossentropy",
            metrics=["accuracy"],
            name=None if name == "cnn_stride_1" else name,
        )
        results[name] = _under_shifts(model, x_test, split.y_test)

    run.say(
        run.table(
            "under_shifts",
            ["model", "parameters", "accuracy", *(f"same answer / accuracy at {d} px" for d in SHIFTS)],
            [
                [
                    name,
                    models[name].count_params(),
                    accuracy,
                    *(f"{row['same_prediction']:.4f} / {row['accuracy']:.4f}" for row in rows),
                ]
                for name, (accuracy, rows) in results.items()
            ],
        )
    )
    run.metrics({f"test_accuracy_{name}": accuracy for name, (accuracy, _) in results.items()})
    run.claim(
        "A convolution is shift-equivariant (g(T x) = T g(x) away from the border), a dense layer of "
        "the same size is not. A CNN of stride-1 convolutions and a global max keeps every answer on "
        f"test digits shifted 1-{SHIFTS[-1]} pixels, and so its accuracy: >= "
        "{cnn_stride_1_shifted_accuracy_worst:.0%} at every shift; with 2×2 pooling (stride 2) instead "
        "of dilation it keeps at most {cnn_subsampled_same_answer_worst:.0%} of its answers at some "
        f"shift; an MLP loses >= {{mlp_accuracy_drop:g}} accuracy at {SHIFTS[-1]} pixels.",
        claim_parts(equivariance, results),
        **{f"{name}_accuracy": accuracy for name, (accuracy, _) in results.items()},
        cnn_subsampled_same_answer_1px=results["cnn_subsampled"][1][0]["same_prediction"],
        mlp_accuracy_at_largest_shift=results["mlp"][1][-1]["accuracy"],
    )
    for name, (_, rows) in results.items():
        for distance, row in zip(SHIFTS, rows):
            run.scalars({f"{name}_{key}": value for key, value in row.items()}, step=distance, prefix="shift_pixels")
    run.images("shifted_inputs", np.concatenate([shift(x_test[:1], 0, d) for d in (0, *SHIFTS)]), enlarge=4)
