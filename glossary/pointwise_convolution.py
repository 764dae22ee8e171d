"""A pointwise (1×1) convolution mixes the channels at each pixel separately, like one small dense
layer applied at every position; it changes the number of feature maps cheaply without looking at
neighbouring pixels.

## Intuition
A 1×1 kernel sounds useless, since it sees one pixel. The point is that it sees the full depth of
that pixel: all C channel values stacked there. Think of each pixel as carrying a short list of
feature scores ("edge here: 0.9, green here: 0.1, ..."); a 1×1 convolution rewrites that list as a
new, usually shorter list of learned combinations, and it does so identically at every pixel.

This makes it the standard tool for squeezing a thick stack of feature maps into a thin one before
an expensive 3×3 or 5×5 convolution, the trick behind inception modules and ResNet's bottleneck
blocks, and for blending channels after a depthwise convolution in MobileNet-style networks.
Followed by a nonlinearity, it also adds depth and expressive power almost for free.

## The math
For an H×W×C input, D kernels of shape 1×1×C give an H×W×D output:
y[i, j, :] = f(W · x[i, j, :] + b),   W a D×C matrix, b a D-vector, f the activation.
Parameters: C·D + D. Multiply-adds: H·W·C·D.

Example: reducing 192 maps of 28×28 to 64 takes 192·64 + 64 = 12,352 parameters and
28·28·192·64 = 9,633,792 multiply-adds, and the following 3×3 or 5×5 layer then works on 64
channels instead of 192.

Depthwise separable convolution splits a k×k convolution from C to D channels into a k×k
depthwise step (one kernel per channel, k²·C weights) and a pointwise step (C·D weights). With
k = 3 and C = D = 256: 2,304 + 65,536 = 67,840 weights instead of 9·256·256 = 589,824, about 8.7
times fewer.

## Picture
```text
 at one pixel (i, j), C = 4 channels in, D = 2 channels out:
   (x₁, x₂, x₃, x₄)  ──  W (2×4), + b, f  ──►  (y₁, y₂)
 the same W is reused at all H×W pixels:
   H×W×4  ──► 1×1 conv ──►  H×W×2     (height and width unchanged)
```

## Try it
`nutshell demo pointwise-convolution` checks that a 1×1 convolution, a Dense layer on the
channel axis and `Conv2D(kernel_size=1)` give the same numbers. It trains a 1×1 convolution to turn
random RGB maps into YUV, a fixed mix of each pixel's three channels: on seeds 0-4 it got there to
a root-mean-square error below 4e-6, where a layer that only scales each channel stays near 0.18.
Then it trains two small CNNs on the digits that differ only in their second stage: a depthwise
3×3 plus a 1×1 convolution (2,432 parameters) in place of an ordinary 3×3 convolution (18,496),
7.6 times fewer. Seeds 0-4: 98.3-99.2% test accuracy against 98.6-99.4%.

## See also
- **inception**: where 1×1 reductions keep big kernels affordable
- **convolution**: the general k×k case
- **fully-connected-layer**: what a 1×1 conv is at each pixel
- **feature-map**: the channels being mixed
- **kernel**: here of size 1×1×C

## Sources
- [dettmers2015]
- [lin2014]
- [szegedy2015]
- [chollet2017]
- [howard2017]
"""

TITLE = "Pointwise (1×1) convolution"
ALIASES = (
    "1x1 convolution",
    "1×1 convolution",
    "network in network",
    "bottleneck layer",
    "1x1 conv",
    "depthwise separable convolution",
)

# No "quick" budget of its own: --quick trains the same 30 epochs (on a 4,000-image subset of MNIST;
# the 1,437 training digits are all kept). Chosen with --held-out on seeds 100-102: after 15
# epochs the separable net was still up to 1.95 points behind the ordinary one (6 epochs: 2.3),
# after 30 at most 1.1.
DEMO = {"epochs": 30, "batch_size": 32, "learning_rate": 0.003, "datasets": ("digits", "mnist")}

PREREQUISITES = ("convolution",)

PREDICT = {
    "question": "Two small CNNs differ only in their second stage, from 32 to 64 channels: an ordinary "
    "3×3 convolution, or a 3×3 step that filters each channel on its own followed by a "
    "1×1 convolution, with far fewer weights. After the same training, how do their test "
    "accuracies compare?",
    "options": {
        "A": "within a couple of points of each other",
        "B": "the ordinary net is clearly ahead: the split stage has too few weights",
        "C": "the split net is clearly ahead",
        "D": "it depends on the seed",
    },
    "why": "Depthwise separable convolution splits a k×k convolution from C to D channels into a k×k "
    "depthwise step (one kernel per channel, k²·C weights) and a pointwise step (C·D weights). "
    "Followed by a nonlinearity, it also adds depth and expressive power almost for free.",
}

RECALL = (
    {
        "question": "A 1×1 convolution turns 256 maps of 14×14 into 32. How many parameters does it have?",
        "options": {"A": "8,192", "B": "8,224", "C": "73,760", "D": "1,605,632"},
        "answer": "B",
        "why": "Parameters: C·D + D.",
    },
)

__all__ = ["PointwiseConv2D", "pointwise_parameter_count", "separable_parameter_count"]

# Everything above is read by the registry without importing this module; the code below needs Keras.
import keras
import numpy as np
from keras import ops

from nutshell.glossary._claims import Part, at_least, at_most, held_on_some_seeds, recorded_parts
from nutshell.glossary._run import Run


@keras.saving.register_keras_serializable(package="nutshell")
class PointwiseConv2D(keras.layers.Layer):
    """A 1×1 convolution: the same small dense layer applied to the channel vector of every pixel.

    The kernel is a C×D matrix W (stored as (channels in, channels out), Dense's layout), so one
    matrix product of the (batch, H, W, C) input with W mixes the channels of all pixels at once;
    neighbouring pixels never meet. Given the same weights it equals `keras.layers.Dense(D)` on the
    last axis and `keras.layers.Conv2D(D, 1)` (whose kernel is the same matrix shaped (1, 1, C, D)).

    Args:
        filters: D, the number of output channels (feature maps); a positive integer.
        activation: applied to each output; any Keras activation name, or None.
        use_bias: whether to add one learned number per output channel.

    Input shape: (batch, height, width, C). Output shape: (batch, height, width, D).

    Example:
        >>> import numpy as np
        >>> tuple(PointwiseConv2D(64)(np.zeros((2, 28, 28, 192))).shape)
        (2, 28, 28, 64)
    """

    def __init__(self, filters, activation=None, use_bias=True, **kwargs):
        super().__init__(**kwargs)
        if not isinstance(filters, int) or filters < 1:
            raise ValueError(f"filters must be a positive integer, not {filters!r}")
        self.filters = filters
        self.activation = keras.activations.get(activation)  # an unknown name raises ValueError
        self.use_bias = use_bias

    def build(self, input_shape):
        self.kernel = self.add_weight(
            shape=(input_shape[-1], self.filters), initializer="glorot_uniform", name="kernel"
        )  # W: C×D
        self.bias = self.add_weight(shape=(self.filters,), initializer="zeros", name="bias") if self.use_bias else None

    def call(self, x):
        # (batch, H, W, C) @ (C, D): at every pixel, its C channel values times the same W.
        y = ops.matmul(x, self.kernel)
        if self.use_bias:
            y = y + self.bias
        return self.activation(y)

    def compute_output_shape(self, input_shape):
        return (*input_shape[:-1], self.filters)

    def get_config(self):
        return {
            **super().get_config(),
            "filters": self.filters,
            "activation": keras.activations.serialize(self.activation),
            "use_bias": self.use_bias,
        }


def pointwise_parameter_count(channels_in: int, channels_out: int) -> int:
    """C·D weights and D biases: the image size does not enter."""
    return channels_in * channels_out + channels_out


def separable_parameter_count(k: int, channels_in: int, channels_out: int) -> int:
    """A k×k depthwise step (k²·C weights, C biases) followed by a 1×1 step (C·D + D)."""
    return k * k * channels_in + channels_in + pointwise_parameter_count(channels_in, channels_out)


# --- the demo --------------------------------------------------------------------------------

# RGB to YUV (ITU-R BT.601) as a channels-in × channels-out matrix: each pixel's (Y, U, V) is a
# fixed mix of its own (R, G, B), so a 1×1 convolution can learn it and nothing narrower can.
RGB_TO_YUV = np.array(
    [[0.299, 0.587, 0.114], [-0.14713, -0.28886, 0.436], [0.615, -0.51499, -0.10001]], dtype="float32"
).T
# Random 8×8 RGB maps to learn the conversion from, one map (64 pixels) per step: 5,120 steps.
COLOUR_MAPS, COLOUR_BATCH, COLOUR_EPOCHS = 256, 1, 20
QUICK_IMAGES = (4000, 1000)  # --quick on MNIST; the digits have fewer
# The claim's bars, chosen on held-out data. The colour error on seeds 100-105 (fresh random maps):
# at most 6e-5 after 20 epochs (10 epochs left one seed at 0.032); a layer that cannot mix
# channels stays near 0.18. The accuracies with --held-out (validation split) on seeds 100-102:
# separable net 0.975-0.981 on the digits, 0.967-0.971 on 4,000 MNIST digits (--quick); it
# trailed the ordinary net by at most 0.011 and 0.009.
MAX_COLOUR_ERROR = 0.02
LEARNED = {"digits": 0.9, "mnist": 0.9}
MAX_ACCURACY_COST = 0.02
MIN_PARAMETER_SAVING = 5.0


def _pixel_mixer(filters: int, activation=None, name=None) -> keras.layers.Layer:
    """The layer that mixes each pixel's channels: a 1×1 convolution (the seam the test of the
    claim without channel mixing replaces)."""
    return PointwiseConv2D(filters, activation=activation, name=name)


def _small_cnn(input_shape, num_classes, separable):
    """conv 3×3 (32) -> pool -> [conv 3×3 (64) | depthwise 3×3 + pointwise (64)] -> pool -> softmax.

    Only the second stage differs. The first stays an ordinary convolution: on a one-channel image
    a depthwise step has a single kernel, too little to start from.
    """
    layers = [
        keras.Input(input_shape),
        keras.layers.Conv2D(32, 3, padding="same", activation="relu", name="conv_1"),
        keras.layers.MaxPooling2D(2, name="pool_1"),
    ]
    if separable:
        layers += [
            keras.layers.DepthwiseConv2D(3, padding="same", name="depthwise_2"),
            _pixel_mixer(64, activation="relu", name="pointwise_2"),
        ]
    else:
        layers += [keras.layers.Conv2D(64, 3, padding="same", activation="relu", name="conv_2")]
    layers += [
        keras.layers.MaxPooling2D(2, name="pool_2"),
        keras.layers.Flatten(name="flatten"),
        keras.layers.Dense(num_classes, activation="softmax", name="classify"),
    ]
    return keras.Sequential(layers, name="separable_cnn" if separable else "ordinary_cnn")


def _stage_2_parameters(model):
    names = [layer.name for layer in model.layers]
    return sum(
        model.get_layer(name).count_params() for name in ("depthwise_2", "pointwise_2", "conv_2") if name in names
    )


def _same_as_dense_and_conv(rng):
    """Max differences between our 1×1 convolution, a Dense layer on the channel axis,
    Conv2D(kernel_size=1) and one pixel worked by hand, all with the same weights."""
    maps = rng.normal(size=(4, 6, 6, 48)).astype("float32")
    ours, dense, conv = PointwiseConv2D(16), keras.layers.Dense(16), keras.layers.Conv2D(16, 1)
    for layer in (ours, dense, conv):
        layer.build(maps.shape)
    w, b = rng.normal(size=(48, 16)).astype("float32"), rng.normal(size=16).astype("float32")
    ours.set_weights([w, b])
    dense.set_weights([w, b])
    conv.set_weights([w.reshape(1, 1, 48, 16), b])
    y = ops.convert_to_numpy(ours(maps))
    pixel = maps[0, 2, 3] @ w + b  # one pixel by hand: its channel vector times W, plus b
    return {
        "pointwise_vs_dense": float(np.abs(y - ops.convert_to_numpy(dense(maps))).max()),
        "pointwise_vs_conv2d_1x1": float(np.abs(y - ops.convert_to_numpy(conv(maps))).max()),
        "pointwise_vs_by_hand": float(np.abs(y[0, 2, 3] - pixel).max()),
    }


def _learn_colour_conversion(run, rng):
    """Train a 1×1 convolution (3 -> 3 channels) on random RGB maps to output their YUV; returns
    the root-mean-square error on fresh maps and the learned matrix."""
    x = rng.uniform(size=(2 * COLOUR_MAPS, 8, 8, 3)).astype("float32")
    y = x @ RGB_TO_YUV
    mixer = keras.Sequential([keras.Input((8, 8, 3)), _pixel_mixer(3, name="rgb_to_yuv")], name="colour")
    run.compile(mixer, loss="mse")
    run.fit(mixer, x[:COLOUR_MAPS], y[:COLOUR_MAPS], name="rgb_to_yuv", epochs=COLOUR_EPOCHS, batch_size=COLOUR_BATCH)
    error = float(np.sqrt(np.mean((mixer.predict(x[COLOUR_MAPS:], verbose=0) - y[COLOUR_MAPS:]) ** 2)))
    kernel = mixer.layers[-1].get_weights()[0]
    return error, kernel.reshape(-1, kernel.shape[-1])  # channels in × channels out


def claim_parts(
    same: dict[str, float],
    colour_error: float,
    separable: dict[str, float],
    ordinary: dict[str, float],
    learned: float,
    tolerance: float = 1e-5,
) -> list[Part]:
    """The claim's parts. Identities (shown as checks): our 1×1 convolution equals Dense on the
    channel axis, Conv2D(kernel_size=1) and the hand computation, within `tolerance`; the separable
    stage has at least MIN_PARAMETER_SAVING times fewer parameters. Measured: a 1×1 convolution
    trained on RGB maps learns their YUV to MAX_COLOUR_ERROR; the separable net reaches `learned`
    test accuracy, at most MAX_ACCURACY_COST below the ordinary net. `separable` and `ordinary`
    hold each net's "accuracy" and "parameters" (of the second stage)."""
    return [
        *(at_most(name, value, tolerance, kind="identity") for name, value in same.items()),
        at_most("colour_conversion_error", colour_error, MAX_COLOUR_ERROR),
        at_least(
            "parameter_saving", ordinary["parameters"] / separable["parameters"], MIN_PARAMETER_SAVING, kind="identity"
        ),
        at_least("separable_accuracy", separable["accuracy"], learned),
        at_most("accuracy_cost_of_separable", ordinary["accuracy"] - separable["accuracy"], MAX_ACCURACY_COST),
    ]


def demo(run: Run) -> None:
    """A 1×1 convolution is a dense layer at every pixel: it learns a colour conversion, and with a
    depthwise step it replaces a 3×3 convolution for a fraction of the weights."""
    rng = np.random.default_rng(run.seed)
    run.say(
        "A 1×1 convolution, a Dense layer on the channel axis and Conv2D(kernel_size=1), all "
        "with the same weights, on random 6×6 maps of 48 channels…"
    )
    same = _same_as_dense_and_conv(rng)

    run.say(f"A 1×1 convolution learns RGB -> YUV from {COLOUR_MAPS} random 8×8 colour maps…")
    colour_error, learned_matrix = _learn_colour_conversion(run, rng)
    run.say(
        run.table(
            "colour/learned_rgb_to_yuv",
            ["from", "Y", "U", "V", "(true Y, U, V)"],
            [
                [channel, *learned_matrix[i], " ".join(f"{v:.3f}" for v in RGB_TO_YUV[i])]
                for i, channel in enumerate("RGB")
            ],
        )
    )

    split = run.load_images(quick=QUICK_IMAGES)
    run.say(
        "Two small CNNs that differ only in their second stage: an ordinary 3×3 convolution "
        "(32 -> 64 channels), or a depthwise 3×3 followed by a 1×1 convolution…"
    )
    nets = {}
    for separable, name in ((True, None), (False, "ordinary")):
        model = _small_cnn(split.input_shape, split.num_classes, separable=separable)
        scores = run.train_and_evaluate(
            model,
            (split.x_train, split.y_train),
            (split.x_test, split.y_test),
            loss="sparse_categorical_crossentropy",
            metrics=["accuracy"],
            name=name,
        )
        nets[name] = {"accuracy": scores["accuracy"], "parameters": _stage_2_parameters(model), "model": model}
    separable, ordinary = nets[None], nets["ordinary"]
    run.say(
        run.table(
            "second_stage",
            ["second stage", "parameters", "test accuracy"],
            [
                ["conv 3×3, 32 -> 64", ordinary["parameters"], ordinary["accuracy"]],
                ["depthwise 3×3 + 1×1, 32 -> 64", separable["parameters"], separable["accuracy"]],
            ],
        )
    )
    run.metrics({"test_accuracy_separable": separable["accuracy"], "test_accuracy_ordinary": ordinary["accuracy"]})

    # float32 rounding leaves ~1e-6; --precision mixed computes the layers in 16-bit floats
    tolerance = 1e-5 if PointwiseConv2D(1).compute_dtype == "float32" else 0.1
    run.claim(
        "A 1×1 convolution equals a Dense layer applied to every pixel's channels, and "
        "Conv2D(kernel_size=1), with the same weights; trained on random colour maps, it learns the "
        "RGB to YUV conversion at every pixel to a root-mean-square error of at most "
        "{colour_conversion_error:g}. Replacing a 3×3 convolution (32 -> 64) by a depthwise 3×3 plus "
        "a 1×1 convolution cuts its parameters at least {parameter_saving:g}x, and the net still "
        f"reaches {{separable_accuracy:.0%}} test accuracy on {split.name}, at most "
        "{accuracy_cost_of_separable:.0%} below the ordinary net.",
        claim_parts(same, colour_error, separable, ordinary, LEARNED[run.settings.dataset], tolerance),
        separable_stage_parameters=separable["parameters"],
        ordinary_stage_parameters=ordinary["parameters"],
        ordinary_accuracy=ordinary["accuracy"],
    )
    # What the 1×1 layer learned: each output channel's mix of the 32 input channels.
    kernel = ops.convert_to_numpy(separable["model"].get_layer("pointwise_2").kernel)
    mix = kernel.reshape(-1, kernel.shape[-1]).T  # (64, 32): output channels by input channels
    run.images("pointwise_2/channel_mixing_matrix", mix[None, :, :, None], enlarge=6)


def outcome(claim: dict) -> str:
    """Which PREDICT option the measured claim shows: the ordinary net's test accuracy minus the
    separable one's (accuracy_cost_of_separable), against MAX_ACCURACY_COST either way."""
    cost = recorded_parts(claim)["accuracy_cost_of_separable"]
    if held_on_some_seeds(cost):
        return "D"
    if cost["mean"] > MAX_ACCURACY_COST:
        return "B"
    return "C" if cost["mean"] < -MAX_ACCURACY_COST else "A"
