"""An inception module runs several convolutions of different sizes (1×1, 3×3, 5×5) and a max pool
side by side on the same input and stacks their outputs along the channel axis, using cheap 1×1
convolutions first to keep the cost down.

## Intuition
Which kernel size is right for a layer? Small kernels catch fine texture, large ones bigger
shapes, and the answer differs from image to image. An inception module refuses to choose: four
parallel branches see the same input, and the next layer uses whichever outputs help. Naively
that is expensive (a 5×5 kernel over hundreds of channels), so 1×1 convolutions first squeeze
the channels (192 maps of 28×28 into 16, say), and only then do the big kernels run.

## The math
The four branches, all with stride 1 and padding that keeps height and width:
1. 1×1 convolution;
2. 1×1 convolution (reduce), then 3×3 convolution;
3. 1×1 convolution (reduce), then 5×5 convolution;
4. 3×3 max pool, then 1×1 convolution (projection).
The output is the channel-wise concatenation, so its depth is the sum of the branch widths.
Concatenation, not a sum: the branches differ in width, and kept apart their channels can be
weighted separately by the next layer, which could still learn a sum if it helped.

Cost of a conv layer = H·W·D·k·k·C multiply-adds (output size H×W×D, kernel k×k, C input
channels). On a 28×28×192 input, a 5×5 branch with 32 outputs costs
- directly: 28·28·32·(5·5·192) = 120,422,400, about 120 million;
- after a 1×1 reduction to 16: 28·28·16·192 = 2,408,448 for the 1×1, plus
  28·28·32·(5·5·16) = 10,035,200 for the 5×5, total 12,443,648, about 12.4 million.
That is about 9.7 times less work, and weights drop from 153,600 to 3,072 + 12,800 = 15,872.
The whole module (3a) needs 128,049,152 multiply-adds with the reductions and 308,281,344
without, 2.41 times less; the 3×3 branch costs most in both.

## Picture
GoogLeNet's module "inception (3a)", widths in parentheses:
```text
                     previous layer 28×28×192
        ┌───────────────┬───────┴───────┬───────────────┐
    1×1 conv        1×1 conv (96)   1×1 conv (16)   3×3 max pool
      (64)              │               │               │
        │           3×3 conv (128)  5×5 conv (32)   1×1 conv (32)
        └───────────────┴───────┬───────┴───────────────┘
                  concatenate along channels
              28×28×(64 + 128 + 32 + 32) = 28×28×256
```
The pool's 1×1 matters: pooling keeps all 192 channels, which would otherwise pile up.

## In practice
GoogLeNet, 22 layers deep with nine such modules, won the ILSVRC 2014 classification challenge
with about 12 times fewer parameters than AlexNet, the 2012 winner. The main reason is the
head: about 58.6 million of AlexNet's roughly 60 million weights sit in its three fully
connected layers, while GoogLeNet averages each final 7×7 map to one number (global average
pooling) and needs one 1024 → 1000 layer, about a million weights. In training, two auxiliary
classifiers (small softmax heads on modules 4a and 4d) add their losses with weight 0.3, pushing
gradient into the middle layers; they are dropped at inference. Later versions swap each 5×5
kernel for two 3×3 ones and add batch normalization.

## Try it
`nutshell demo inception` counts inception (3a)'s multiply-adds and weights from the Keras layers,
with and without the 1×1 reductions (the pool's projection stays in both): 128,049,152 against
308,281,344 (table 1: 128M) and 163,696 against 393,472. Then a small two-module inception
network learns 6,800 MNIST digits: 98.00-98.25% test accuracy on seeds 0-2.

## See also
- **pointwise-convolution**: the 1×1 layers that make the module affordable
- **convolution**: what each branch computes
- **pooling**: the fourth branch
- **feature-map**: what gets concatenated
- **cnn**: the networks built from these modules

## Sources
- [dettmers2015]
- [szegedy2015] — the module, table 1's widths, the auxiliary classifiers
- [lin2014]
- [krizhevsky2012] — AlexNet's fully connected layers
"""

TITLE = "Inception"
ALIASES = ("googlenet", "inception module", "inception network", "inception block", "inception v1")

DEMO = {
    "steps_per_execution": 8,  # 1.2-1.6x examples/s on CPU (benchmarks/RESULTS.md)
    "epochs": 8, "batch_size": 64, "learning_rate": 0.003,
    "datasets": ("mnist", "fashion_mnist", "digits", "cifar10"),
    "quick": {"epochs": 4},
}

__all__ = ["InceptionModule", "inception_without_reductions", "conv_multiply_adds", "module_cost"]

# Everything above is read by the registry without importing this module; the code below needs Keras.
import keras
import numpy as np
from keras import ops

from nutshell import data
from nutshell.glossary.cnn import cosine_decay


@keras.saving.register_keras_serializable(package="nutshell")
class InceptionModule(keras.layers.Layer):
    """Four branches side by side on the same input, stacked along the channel axis.

    Branch 1 is a 1×1 convolution; branch 2 a 1×1 reduction then a 3×3 convolution; branch 3 a
    1×1 reduction then a 5×5 convolution; branch 4 a 3×3 max pool (stride 1) then a 1×1
    projection. Every convolution has stride 1, "same" padding and a ReLU, so all four outputs keep
    the input's height and width and can be concatenated.

    Setting `reduce_3x3` or `reduce_5x5` to None drops that 1×1 reduction, so the big kernel runs
    on all input channels (the expensive "naive" module). `pool_projection=None` drops the 1×1 after
    the pool, and then all input channels pass through to the output.

    Args:
        filters_1x1: width of branch 1.
        reduce_3x3: width of the 1×1 before the 3×3 (None: no reduction).
        filters_3x3: width of the 3×3 convolution.
        reduce_5x5: width of the 1×1 before the 5×5 (None: no reduction).
        filters_5x5: width of the 5×5 convolution.
        pool_projection: width of the 1×1 after the max pool (None: no projection).
        activation: the nonlinearity after every convolution; GoogLeNet uses ReLU.

    Every width is a positive integer (or None where that says so).

    Input shape: (batch, height, width, channels).
    Output shape: (batch, height, width, filters_1x1 + filters_3x3 + filters_5x5 + P), where P is
    `pool_projection`, or `channels` when there is no projection.

    Example:
        >>> import numpy as np
        >>> tuple(InceptionModule(64, 96, 128, 16, 32, 32)(np.zeros((1, 28, 28, 192))).shape)
        (1, 28, 28, 256)
    """

    def __init__(self, filters_1x1, reduce_3x3, filters_3x3, reduce_5x5, filters_5x5,
                 pool_projection, activation="relu", **kwargs):
        super().__init__(**kwargs)
        widths = {"filters_1x1": filters_1x1, "filters_3x3": filters_3x3,
                  "filters_5x5": filters_5x5, "reduce_3x3": reduce_3x3, "reduce_5x5": reduce_5x5,
                  "pool_projection": pool_projection}
        may_be_none = ("reduce_3x3", "reduce_5x5", "pool_projection")
        for name, width in widths.items():
            if width is None and name in may_be_none:
                continue  # that 1×1 layer is left out
            if not isinstance(width, int) or width < 1:
                allowed = "a positive integer" + (" or None" if name in may_be_none else "")
                raise ValueError(f"{name} must be {allowed}, not {width!r}")
        self.filters_1x1 = filters_1x1
        self.reduce_3x3 = reduce_3x3
        self.filters_3x3 = filters_3x3
        self.reduce_5x5 = reduce_5x5
        self.filters_5x5 = filters_5x5
        self.pool_projection = pool_projection
        self.activation = keras.activations.get(activation)  # an unknown name raises ValueError

        # The sublayers compute in the module's own dtype policy (mixed precision included).
        def conv(filters, size, name):
            # stride 1 and "same" padding: every branch keeps height and width, so they stack.
            return keras.layers.Conv2D(filters, size, padding="same", activation=self.activation,
                                       name=name, dtype=self.dtype_policy)

        def optional(filters, name):
            return [conv(filters, 1, name)] if filters is not None else []

        # Each branch is a list of layers applied in turn; None widths leave a layer out.
        self.branches = [
            [conv(filters_1x1, 1, "branch_1x1")],
            optional(reduce_3x3, "reduce_3x3") + [conv(filters_3x3, 3, "branch_3x3")],
            optional(reduce_5x5, "reduce_5x5") + [conv(filters_5x5, 5, "branch_5x5")],
            [keras.layers.MaxPooling2D(3, strides=1, padding="same", name="branch_pool",
                                       dtype=self.dtype_policy)]
            + optional(pool_projection, "pool_projection"),
        ]

    def build(self, input_shape):
        # Build every sublayer now, so a saved model can load its weights before the first call.
        for branch in self.branches:
            shape = input_shape
            for layer in branch:
                layer.build(shape)
                shape = layer.compute_output_shape(shape)

    def branch_outputs(self, x):
        """The four branches' results, before they are stacked (handy for looking inside)."""
        outputs = []
        for branch in self.branches:
            y = x
            for layer in branch:
                y = layer(y)
            outputs.append(y)
        return outputs

    def call(self, x):
        return ops.concatenate(self.branch_outputs(x), axis=-1)  # stack along channels

    def compute_output_shape(self, input_shape):
        pooled = self.pool_projection or input_shape[-1]
        depth = self.filters_1x1 + self.filters_3x3 + self.filters_5x5 + pooled
        return (*input_shape[:-1], depth)

    def get_config(self):
        return {
            **super().get_config(),
            "filters_1x1": self.filters_1x1, "reduce_3x3": self.reduce_3x3,
            "filters_3x3": self.filters_3x3, "reduce_5x5": self.reduce_5x5,
            "filters_5x5": self.filters_5x5, "pool_projection": self.pool_projection,
            "activation": keras.activations.serialize(self.activation),
        }


def inception_without_reductions(filters_1x1, filters_3x3, filters_5x5, pool_projection,
                                 **kwargs) -> InceptionModule:
    """The module with the 3×3 and 5×5 convolutions run straight on the input, no 1×1 first.

    The 1×1 projection after the pool stays (pass `pool_projection=None` to drop it too), so both
    versions produce the same number of channels and differ only in the reductions.
    """
    return InceptionModule(filters_1x1, None, filters_3x3, None, filters_5x5, pool_projection,
                           **kwargs)


def conv_multiply_adds(conv: keras.layers.Conv2D, input_shape) -> int:
    """Multiply-adds of one built Conv2D on `input_shape`: out_h·out_w·out_c·(k_h·k_w·in_c).

    Each output number is one dot product between a k_h×k_w×in_c window and a kernel.
    """
    _, out_h, out_w, out_c = conv.compute_output_shape(input_shape)
    k_h, k_w, in_c, _ = conv.kernel.shape
    return int(out_h * out_w * out_c * k_h * k_w * in_c)


def module_cost(module: InceptionModule, input_shape) -> dict:
    """Weights and multiply-adds of `module` on one input of `input_shape` (height, width, channels),
    counted from its layers: weights from Keras's `count_params`, multiply-adds summed over its
    Conv2D layers (the max pool's comparisons are not multiply-adds and are left out)."""
    model = keras.Sequential([keras.Input(input_shape), module])  # builds every branch
    per_branch = []
    for branch in module.branches:
        shape, cost = (1, *input_shape), 0
        for layer in branch:
            if isinstance(layer, keras.layers.Conv2D):
                cost += conv_multiply_adds(layer, shape)
            shape = layer.compute_output_shape(shape)
        per_branch.append(cost)
    return {"weights": model.count_params(), "multiply_adds": sum(per_branch),
            "branch_multiply_adds": per_branch, "output_channels": int(model.output_shape[-1])}


# --- the demo --------------------------------------------------------------------------------

# GoogLeNet's "inception (3a)": its input is 192 maps of 28×28.
INCEPTION_3A_INPUT = (28, 28, 192)
INCEPTION_3A = {"filters_1x1": 64, "reduce_3x3": 96, "filters_3x3": 128, "reduce_5x5": 16,
                "filters_5x5": 32, "pool_projection": 32}
BRANCH_NAMES = ("1x1", "3x3", "5x5", "pool")
# Szegedy et al. 2015, table 1, row "inception (3a)": params 159K, ops 128M.
TABLE_1_PARAMS, TABLE_1_OPS = "159K", "128M"

# The small network's two modules (widths in INCEPTION_3A's order) and the maps they work on.
SMALL_MODULES = {"inception_1": (16, 16, 32, 8, 16, 16), "inception_2": (32, 32, 48, 8, 16, 16)}
STEM_FILTERS = 32
QUICK_IMAGES = 3000     # --quick: a stratified 3,000 of the training images
MAX_IMAGES = 10_000     # caps the downloadable sets (CIFAR-10 has 50,000)
# Test accuracy the small network must reach, by dataset (other sets: no bar, the claim says so).
ACCURACY_BAR = {"mnist": 0.975, "digits": 0.95, "fashion_mnist": 0.87}
QUICK_ACCURACY_BAR = {"mnist": 0.95, "digits": 0.9, "fashion_mnist": 0.8}


def _small_inception_network(input_shape, num_classes):
    """A GoogLeNet in miniature: a stem convolution and pooling, two small inception modules with a
    pooling step between, then a softmax layer over the flattened maps. On 28×28 images the
    modules work on 14×14 and 7×7 maps.

    GoogLeNet instead averages each final map to one number (global average pooling). At this
    size that head learned too slowly here: 96.6% test accuracy on MNIST after 10 epochs (the
    better of Adam at 3e-3 and 1e-2; 96.7% with a third module) against 98.3% for the flattened
    maps (seed 0).
    """
    inputs = keras.Input(input_shape)
    x = keras.layers.Conv2D(STEM_FILTERS, 3, padding="same", activation="relu", name="stem")(inputs)
    x = keras.layers.MaxPooling2D(2, name="stem_pool")(x)
    x = InceptionModule(*SMALL_MODULES["inception_1"], name="inception_1")(x)  # 16+32+16+16 = 80 maps
    x = keras.layers.MaxPooling2D(2, name="pool")(x)
    x = InceptionModule(*SMALL_MODULES["inception_2"], name="inception_2")(x)  # 32+48+16+16 = 112 maps
    x = keras.layers.Flatten(name="flatten")(x)
    outputs = keras.layers.Dense(num_classes, activation="softmax", name="classify")(x)
    return keras.Model(inputs, outputs, name="small_inception")


def _module_costs(model):
    """Multiply-adds per image of the network's inception modules, as built and rebuilt without
    their 3×3 and 5×5 reductions (same output widths, so the rest of the network is unchanged)."""
    with_reductions = without = 0
    for name, widths in SMALL_MODULES.items():
        shape = tuple(model.get_layer(name).input.shape[1:])
        f1, _, f3, _, f5, pool = widths
        with_reductions += module_cost(InceptionModule(*widths), shape)["multiply_adds"]
        without += module_cost(inception_without_reductions(f1, f3, f5, pool), shape)["multiply_adds"]
    return with_reductions, without


def _millions(n):
    return f"{n / 1e6:.1f} M"


def _cost_table(run, reduced, naive):
    """Part 1: the (3a) module's multiply-adds and weights, branch by branch, with and without."""
    saving = naive["multiply_adds"] / reduced["multiply_adds"]
    rows = ["| branch | multiply-adds with 1x1 reductions | without | ratio |", "|---|---:|---:|---:|"]
    for name, cheap, dear in zip(BRANCH_NAMES, reduced["branch_multiply_adds"],
                                 naive["branch_multiply_adds"]):
        rows.append(f"| {name} | {cheap:,} | {dear:,} | {dear / cheap:.2f} |")
        run.say(f"  branch {name:>4}: {_millions(cheap):>8} with reductions, "
                f"{_millions(dear):>8} without ({dear / cheap:.1f}x)")
    rows.append(f"| **module** | {reduced['multiply_adds']:,} | {naive['multiply_adds']:,} "
                f"| {saving:.2f} |")
    rows.append(f"| weights (with biases) | {reduced['weights']:,} | {naive['weights']:,} "
                f"| {naive['weights'] / reduced['weights']:.2f} |")
    rows.append(f"| GoogLeNet table 1, inception (3a) | params {TABLE_1_PARAMS}, ops {TABLE_1_OPS} | | |")
    run.text("cost/inception_3a", "\n".join(rows))
    run.say(f"  whole module: {_millions(reduced['multiply_adds'])} vs "
            f"{_millions(naive['multiply_adds'])} multiply-adds ({saving:.2f}x less work), "
            f"{reduced['weights']:,} vs {naive['weights']:,} weights; both give "
            f"{reduced['output_channels']} output maps. GoogLeNet's table 1: {TABLE_1_OPS} "
            f"operations, {TABLE_1_PARAMS} parameters.")
    return saving


def _example_index(split):
    """The test image to look inside: the first of class 3 (for digits a 3, whose curves and
    junction show more in the feature maps than a 1 would), or the first image if there is none."""
    threes = np.flatnonzero(split.y_test == 3)
    return int(threes[0]) if len(threes) else 0


def _look_inside(run, model, split):
    """One test image, and what the stem and each branch of the first module make of it; each
    map shown about 84 pixels wide, the branches' maps side by side as one mosaic per branch."""
    shown = _example_index(split)
    image = split.x_test[shown:shown + 1]
    guess = int(np.argmax(model.predict(image, verbose=0)))
    run.images(f"inside/1_test_image_label_{int(split.y_test[shown])}_predicted_{guess}", image,
               enlarge=max(1, 224 // image.shape[1]))
    stem_maps = keras.Model(model.input, model.get_layer("stem_pool").output)(image)
    size = int(stem_maps.shape[1])
    enlarge = max(1, 84 // size)
    run.mosaic(f"inside/2_stem_{stem_maps.shape[-1]}_maps_of_{size}x{size}",
               np.moveaxis(ops.convert_to_numpy(stem_maps)[0], -1, 0)[..., None], enlarge=enlarge)
    branches = model.get_layer("inception_1").branch_outputs(stem_maps)
    for step, (name, maps) in enumerate(zip(BRANCH_NAMES, branches), start=3):
        maps = np.moveaxis(ops.convert_to_numpy(maps)[0], -1, 0)[..., None]
        run.mosaic(f"inside/{step}_inception_1_branch_{name}_{len(maps)}_maps_of_{size}x{size}", maps,
                   enlarge=enlarge)


def demo(run):
    """The 1×1 reductions cut inception (3a)'s cost; a small inception network learns 28×28 digits."""
    run.say("Part 1: GoogLeNet's inception (3a) on 192 maps of 28x28, built with and without the 1x1 "
            "reductions; weights and multiply-adds are counted from the Conv2D layers.")
    module = InceptionModule(**INCEPTION_3A)
    reduced = module_cost(module, INCEPTION_3A_INPUT)
    naive = module_cost(inception_without_reductions(
        INCEPTION_3A["filters_1x1"], INCEPTION_3A["filters_3x3"], INCEPTION_3A["filters_5x5"],
        INCEPTION_3A["pool_projection"]), INCEPTION_3A_INPUT)
    saving = _cost_table(run, reduced, naive)
    biases = sum(int(layer.bias.shape[0]) for branch in module.branches for layer in branch
                 if isinstance(layer, keras.layers.Conv2D))  # one per output map of each convolution
    kernel_weights = reduced["weights"] - biases

    split = data.load_images(run.settings.dataset)
    cap = QUICK_IMAGES if run.quick else MAX_IMAGES
    if len(split.x_train) > cap:
        split = split.subset(cap)
    train, validation = data.validation_split(split.x_train, split.y_train)
    model = _small_inception_network(split.input_shape, split.num_classes)
    cheap, dear = _module_costs(model)
    run.say(f"Part 2: a small inception network ({model.count_params():,} weights; its two modules "
            f"need {_millions(cheap)} multiply-adds per image, {_millions(dear)} without their "
            f"reductions) learns {split.name}: {len(train[0]):,} training images, "
            f"{len(validation[0]):,} for validation, {len(split.x_test):,} for the test.")
    run.compile(model, loss="sparse_categorical_crossentropy", metrics=["accuracy"])
    run.fit(model, *train, validation_data=validation,
            callbacks=[cosine_decay(run.learning_rate, run.epochs)])
    test_accuracy = float(model.evaluate(split.x_test, split.y_test, verbose=0)[1])
    run.say(f"Small inception network: test accuracy {test_accuracy:.4f}.")
    _look_inside(run, model, split)

    run.metrics({"test_accuracy": test_accuracy})
    bar = (QUICK_ACCURACY_BAR if run.quick else ACCURACY_BAR).get(split.name)
    learns = bar is None or test_accuracy >= bar
    learned = (f"reaches test accuracy >= {bar:g} on {split.name}" if bar is not None
               else f"is trained on {split.name} (no accuracy bar set for it)")
    run.claim(
        f"The 1x1 reductions cut inception (3a)'s multiply-adds at least 2x (counted from the Keras "
        f"layers; GoogLeNet's table 1 lists {TABLE_1_OPS} operations for the reduced module), and a "
        f"small network of two inception modules {learned}.",
        verdict=saving >= 2.0 and learns,
        anchor={
            "source": "Szegedy et al. 2015 (GoogLeNet), table 1, inception (3a)",
            "published": f"{TABLE_1_PARAMS} parameters, {TABLE_1_OPS} operations",
            "ours": "multiply_adds_with_reductions",
            "note": (f"We count the multiply-adds of the six convolutions and leave out the max pool's "
                     f"comparisons: {reduced['multiply_adds']:,} is the table's {TABLE_1_OPS}. Our "
                     f"{reduced['weights']:,} weights include {biases} biases; the "
                     f"{kernel_weights:,} kernel weights are {kernel_weights / 1024:.1f} x 1,024, so "
                     f"the table's {TABLE_1_PARAMS} reads as kernel weights in units of 1,024 (our "
                     f"reading: the paper does not say; its 3b row comes close too, 388,096 / 1,024 = 379 "
                     f"for a listed 380K)."),
        },
        multiply_adds_with_reductions=reduced["multiply_adds"],
        multiply_adds_without_reductions=naive["multiply_adds"],
        multiply_add_reduction=saving,
        weights_with_reductions=reduced["weights"], weights_without_reductions=naive["weights"],
        kernel_weights_with_reductions=kernel_weights,
        small_net_module_multiply_adds=cheap, small_net_module_multiply_adds_without_reductions=dear,
        test_accuracy=test_accuracy,
    )
