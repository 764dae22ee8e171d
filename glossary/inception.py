"""An inception module runs several convolutions of different sizes (1×1, 3×3, 5×5) and a max pool
side by side on the same input and stacks their outputs along the channel axis, using cheap 1×1
convolutions first to keep the cost down.

## Intuition
Which kernel size is right for a layer? Small kernels catch fine texture, large ones catch bigger
shapes, and the best answer differs from image to image. An inception module refuses to choose: it
gives the input to four parallel branches and lets the next layer use whichever outputs help.

Done naively this would be very expensive, because a 5×5 kernel over hundreds of channels costs a
lot. The trick is to first squeeze the channels with 1×1 convolutions, for example turning 192
feature maps of 28×28 into 64 maps of the same size, and only then run the big kernels.

## The math
The four branches, all with stride 1 and padding that keeps height and width:
1. 1×1 convolution;
2. 1×1 convolution (reduce), then 3×3 convolution;
3. 1×1 convolution (reduce), then 5×5 convolution;
4. 3×3 max pool, then 1×1 convolution (projection).
The output is the channel-wise concatenation, so its depth is the sum of the branch widths.

Cost of a conv layer = H·W·D·k·k·C multiply-adds (output size H×W×D, kernel k×k, C input
channels). On a 28×28×192 input, a 5×5 branch with 32 outputs costs
- directly: 28·28·32·(5·5·192) = 120,422,400, about 120 million;
- after a 1×1 reduction to 16: 28·28·16·192 = 2,408,448 for the 1×1, plus
  28·28·32·(5·5·16) = 10,035,200 for the 5×5, total 12,443,648, about 12.4 million.
That is about 9.7 times less work, and weights drop from 153,600 to 3,072 + 12,800 = 15,872.

## Picture
GoogLeNet's module "inception (3a)", widths in brackets:
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
The 1×1 after the pool matters: pooling keeps all 192 channels, which would otherwise pile up.

## In practice
GoogLeNet stacks nine such modules into a network 22 layers deep. It won the ImageNet (ILSVRC)
2014 classification challenge while using about 12 times fewer parameters than the 2012 winner.
Later versions (Inception v2 and v3) replace each 5×5 kernel with two stacked 3×3 ones and add
batch normalization.

## Try it
`nutshell demo inception` builds inception (3a) for a 28×28×192 input twice, with and without the
1×1 reductions, and counts weights and multiply-adds from the Keras layers themselves. The pool
branch keeps its 1×1 projection in both versions, so both output 256 maps and only the reductions
differ. It then trains a small inception network on the digits and checks test accuracy ≥ 95%.

## See also
- **pointwise-convolution**: the 1×1 layers that make the module affordable
- **convolution**: what each branch computes
- **pooling**: the fourth branch
- **feature-map**: what gets concatenated
- **cnn**: the networks built from these modules

## Sources
- Tim Dettmers, "Deep Learning in a Nutshell: Core Concepts" (Part 1), NVIDIA Technical Blog, 2015.
- C. Szegedy, W. Liu, Y. Jia, P. Sermanet, S. Reed, D. Anguelov, D. Erhan, V. Vanhoucke,
  A. Rabinovich, "Going deeper with convolutions", CVPR, 2015.
- M. Lin, Q. Chen, S. Yan, "Network in network", ICLR, 2014.
"""

TITLE = "Inception"
ALIASES = ("googlenet", "inception module", "inception network", "inception block", "inception v1")

DEMO = {
    "steps_per_execution": 8,  # 1.2-1.6x examples/s on CPU (benchmarks/RESULTS.md)
    "epochs": 20, "batch_size": 32, "learning_rate": 0.003,
    "datasets": ("digits", "mnist", "fashion_mnist", "cifar10"),
    "quick": {"epochs": 10},
}

__all__ = ["InceptionModule", "inception_without_reductions", "conv_multiply_adds", "module_cost"]

# Everything above is read by the registry without importing this module; the code below needs Keras.
import keras
import numpy as np
from keras import ops

from nutshell import data


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

    Input shape: (batch, height, width, channels).
    Output shape: (batch, height, width, filters_1x1 + filters_3x3 + filters_5x5 + P), where P is
    `pool_projection`, or `channels` when there is no projection.

    Example:
        >>> tuple(InceptionModule(64, 96, 128, 16, 32, 32)(np.zeros((1, 28, 28, 192))).shape)
        (1, 28, 28, 256)
    """

    def __init__(self, filters_1x1, reduce_3x3, filters_3x3, reduce_5x5, filters_5x5,
                 pool_projection, activation="relu", **kwargs):
        super().__init__(**kwargs)
        self.filters_1x1 = filters_1x1
        self.reduce_3x3 = reduce_3x3
        self.filters_3x3 = filters_3x3
        self.reduce_5x5 = reduce_5x5
        self.filters_5x5 = filters_5x5
        self.pool_projection = pool_projection
        self.activation = keras.activations.get(activation)

        def conv(filters, size, name):
            # stride 1 and "same" padding: every branch keeps height and width, so they stack.
            return keras.layers.Conv2D(filters, size, padding="same", activation=self.activation,
                                       name=name)

        def optional(filters, name):
            return [conv(filters, 1, name)] if filters else []

        # Each branch is a list of layers applied in turn; None widths leave a layer out.
        self.branches = [
            [conv(filters_1x1, 1, "branch_1x1")],
            optional(reduce_3x3, "reduce_3x3") + [conv(filters_3x3, 3, "branch_3x3")],
            optional(reduce_5x5, "reduce_5x5") + [conv(filters_5x5, 5, "branch_5x5")],
            [keras.layers.MaxPooling2D(3, strides=1, padding="same", name="branch_pool")]
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


def _small_inception_network(input_shape, num_classes):
    """A stem convolution, two small inception modules with a pooling step between, then global
    average pooling (one number per channel) and a softmax layer: a GoogLeNet in miniature."""
    inputs = keras.Input(input_shape)
    x = keras.layers.Conv2D(32, 3, padding="same", activation="relu", name="stem")(inputs)
    x = InceptionModule(16, 16, 32, 8, 16, 16, name="inception_1")(x)  # 16+32+16+16 = 80 maps
    x = keras.layers.MaxPooling2D(2, name="pool")(x)
    x = InceptionModule(32, 32, 48, 8, 16, 16, name="inception_2")(x)  # 32+48+16+16 = 112 maps
    x = keras.layers.GlobalAveragePooling2D(name="average")(x)
    outputs = keras.layers.Dense(num_classes, activation="softmax", name="classify")(x)
    return keras.Model(inputs, outputs, name="small_inception")


def _cosine_decay(rate, epochs):
    """Shrink the step size from `rate` towards 0 over the run, so the last epochs settle the
    weights instead of bouncing around (accuracy at the end then varies less from seed to seed)."""
    return keras.callbacks.LearningRateScheduler(
        lambda epoch, _: rate * 0.5 * (1.0 + np.cos(np.pi * epoch / epochs)))


def _millions(n):
    return f"{n / 1e6:.1f} M"


def demo(run):
    """The 1×1 reductions cut inception (3a)'s cost; a small inception network learns the digits."""
    run.say("Part 1: GoogLeNet's inception (3a) on 192 maps of 28x28, built with and without the 1x1 "
            "reductions; weights and multiply-adds are counted from the Conv2D layers.")
    reduced = module_cost(InceptionModule(**INCEPTION_3A), INCEPTION_3A_INPUT)
    naive = module_cost(inception_without_reductions(
        INCEPTION_3A["filters_1x1"], INCEPTION_3A["filters_3x3"], INCEPTION_3A["filters_5x5"],
        INCEPTION_3A["pool_projection"]), INCEPTION_3A_INPUT)
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
    run.text("cost/inception_3a", "\n".join(rows))
    run.say(f"  whole module: {_millions(reduced['multiply_adds'])} vs "
            f"{_millions(naive['multiply_adds'])} multiply-adds ({saving:.2f}x less work), "
            f"{reduced['weights']:,} vs {naive['weights']:,} weights; both give "
            f"{reduced['output_channels']} output maps.")

    split = data.load_images(run.settings.dataset)
    limit = 5000 if run.quick else 10000  # the bundled digits have 1,438; caps MNIST/CIFAR runs
    (x_train, y_train), (x_val, y_val) = data.validation_split(split.x_train[:limit], split.y_train[:limit])
    model = _small_inception_network(split.input_shape, split.num_classes)
    run.say(f"Part 2: a small inception network ({model.count_params():,} weights) learns "
            f"{split.name}: {len(x_train):,} training images, {len(x_val):,} for validation.")
    run.compile(model, loss="sparse_categorical_crossentropy", metrics=["accuracy"])
    run.fit(model, x_train, y_train, validation_data=(x_val, y_val),
            callbacks=[_cosine_decay(run.learning_rate, run.epochs)])
    test_accuracy = float(model.evaluate(split.x_test, split.y_test, verbose=0)[1])

    # Look inside: what each branch of the first module makes of one test image.
    image = split.x_test[:1]
    stem_maps = keras.Model(model.input, model.get_layer("stem").output)(image)
    run.images("inside/input", image, enlarge=8)
    branches = model.get_layer("inception_1").branch_outputs(stem_maps)
    for name, maps in zip(BRANCH_NAMES, branches):
        run.mosaic(f"inside/inception_1_branch_{name}", np.moveaxis(ops.convert_to_numpy(maps)[0], -1, 0)[..., None])

    run.metrics({"test_accuracy": test_accuracy})
    run.claim(
        "The 1x1 reductions make inception (3a) cheaper (multiply-adds without them / with them > 1), "
        "and a small inception network reaches test accuracy >= 0.95.",
        verdict=saving > 1.0 and test_accuracy >= 0.95,
        multiply_adds_with_reductions=reduced["multiply_adds"],
        multiply_adds_without_reductions=naive["multiply_adds"],
        multiply_add_reduction=saving,
        weights_with_reductions=reduced["weights"], weights_without_reductions=naive["weights"],
        test_accuracy=test_accuracy,
    )
