"""Weight sharing means many units use one and the same set of weights; a convolutional layer
reuses a single kernel at every image position, so a pattern learned in one place is recognised
everywhere and the parameter count stays tiny.

## Intuition
Suppose you train a detector for the letter "e". It would be silly to learn a separate "e"
detector for the top-left corner, another for the centre and so on; an "e" looks the same wherever
it is printed. Weight sharing builds that belief into the network: all the units of one feature map
are copies of one detector, each stationed at a different spot. The copies may still react to
different things in the image, because each one looks at its own patch.

Two good things follow. There are far fewer numbers to learn, which reduces overfitting and memory.
And every position supplies training signal for the same kernel, so a pattern seen only in the
corner during training is still recognised in the middle at test time.

## The math
Compare three ways to map a 32×32 grey image to a 28×28 output map with 5×5 windows:
- fully connected: every output sees every pixel, 1,024 · 784 = 802,816 weights;
- locally connected, no sharing: each output has its own 5×5 window, 784 · 25 = 19,600 weights;
- convolutional (shared): one 5×5 kernel for all outputs, 25 weights plus 1 bias.

During backpropagation the gradient for a shared weight is the sum of the gradients it receives at
every position where it was used: ∂L/∂K[m, n] = ∑ᵢ ∑ⱼ ∂L/∂y[i, j] · x[i + m, j + n].

The same idea appears in recurrent networks, which reuse one weight matrix at every time step.

## Common confusions
Sharing makes a conv layer translation equivariant (shift the input and the map shifts with it),
not invariant; invariance needs pooling or a global summary on top. Sharing is a poor fit when
position itself matters, as in aligned face images, where locally connected layers are sometimes
used instead.

## Try it
`nutshell demo weight-sharing` trains two detectors of a "+" versus an "×" on noisy 16×16
images where the pattern only ever appears in the left half: a convolution (8 shared 5×5 kernels,
208 weights) and a locally connected layer with its own kernels at every position (29,952
weights). On the right half the convolution scores 1.00; the locally connected layer, perfect on
the left, scores 0.48-0.51, a coin toss (`--quick`, seeds 0-4).

## See also
- **convolution**: the layer where weights are shared across space
- **receptive-field**: the local windows whose weights are shared
- **translation-invariance**: what sharing does and does not give
- **parameter**: what is being shared
- **rnn**: sharing across time instead of space

## Sources
- [raschka]
- [lecun2015]
- [overview]
- [lecun1989]
"""

TITLE = "Weight sharing"
ALIASES = (
    "shared weights",
    "shared weight",
    "parameter sharing",
    "tied weights",
    "weight tying",
)

DEMO = {
    "epochs": 15,
    "batch_size": 32,
    "learning_rate": 0.01,
    "datasets": ("synthetic",),
    "quick": {"epochs": 6},
}

PREREQUISITES = ("convolution", "parameter")

PREDICT = {
    "question": "Two detectors learn to tell a \"+\" from an \"×\" in noisy images where the pattern "
    "only ever appears in the left half: a convolution with 8 kernels of 5x5, and a locally "
    "connected layer with its own 5x5 kernels at every position. Tested on patterns in the "
    "right half, which of them still tell the two apart?",
    "options": {
        "A": "both: each has seen what the two patterns look like",
        "B": "only the convolution; the locally connected layer guesses",
        "C": "only the locally connected layer, with its far more weights",
        "D": "neither",
        "E": "it depends on the seed",
    },
    "why": "Weight sharing builds that belief into the network: all the units of one feature map are "
    "copies of one detector, each stationed at a different spot. And every position supplies "
    "training signal for the same kernel, so a pattern seen only in the corner during "
    "training is still recognised in the middle at test time.",
}

RECALL = (
    {
        "question": "A 32x32 grey image is mapped to a 28x28 output with 5x5 windows, every output having "
        "a window of weights of its own that no other output uses. How many weights is that?",
        "options": {"A": "802,816", "B": "19,600", "C": "25", "D": "784"},
        "answer": "B",
        "why": "locally connected, no sharing: each output has its own 5×5 window, 784 · 25 = 19,600 weights;",
    },
    {
        "question": "One kernel weight is used at every position of the image. In backpropagation, what "
        "is its gradient?",
        "options": {
            "A": "the sum of the gradients it receives at every position where it was used",
            "B": "the gradient at the centre position only",
            "C": "the largest of the gradients over the positions",
            "D": "a separate gradient per position, each applied to its own copy",
        },
        "answer": "A",
        "why": "During backpropagation the gradient for a shared weight is the sum of the gradients it "
        "receives at every position where it was used: ∂L/∂K[m, n] = ∑ᵢ ∑ⱼ ∂L/∂y[i, j] · "
        "x[i + m, j + n].",
    },
)

__all__ = ["LocallyConnected2D", "patterns_on_one_side"]

# Everything above is read by the registry without importing this module; the code below needs Keras.
import keras
import numpy as np
from keras import ops

from nutshell.glossary._claims import Part, at_least, at_most, recorded_parts
from nutshell.glossary._run import Run
from nutshell.glossary._windows import as_pair


@keras.saving.register_keras_serializable(package="nutshell")
class LocallyConnected2D(keras.layers.Layer):
    """A convolution without weight sharing: every output position has its own kernels.

    Each unit still looks at one k×k window (local connections), but the kernel at position
    (i, j) is its own set of weights, trained only by what appears in that window. Stride 1, no
    padding. With every position's kernel set to the same values it equals
    `keras.layers.Conv2D(filters, kernel_size)`; the difference is the parameter count,
    out_h·out_w·(k·k·C·D + D) instead of k·k·C·D + D.

    Args:
        filters: D, output channels; a positive integer.
        kernel_size: k, a positive int or (k_h, k_w).
        activation: any Keras activation name, or None.

    Input shape: (batch, height, width, C), height and width known.
    Output shape: (batch, height − k_h + 1, width − k_w + 1, D).

    Example:
        >>> import numpy as np
        >>> layer = LocallyConnected2D(8, 5)
        >>> tuple(layer(np.zeros((2, 16, 16, 1))).shape), layer.count_params()
        ((2, 12, 12, 8), 29952)
    """

    def __init__(self, filters, kernel_size, activation=None, **kwargs):
        super().__init__(**kwargs)
        if not isinstance(filters, int) or filters < 1:
            raise ValueError(f"filters must be a positive integer, not {filters!r}")
        self.filters = filters
        self.kernel_size = as_pair(kernel_size, "kernel_size")
        self.activation = keras.activations.get(activation)  # an unknown name raises ValueError

    def _output_grid(self, input_shape):
        height, width = input_shape[1], input_shape[2]
        if height is None or width is None:
            raise ValueError("LocallyConnected2D needs the input's height and width: one kernel per position")
        return height - self.kernel_size[0] + 1, width - self.kernel_size[1] + 1

    def build(self, input_shape):
        out_h, out_w = self._output_grid(input_shape)
        k_h, k_w = self.kernel_size
        # One (k_h, k_w, C, D) kernel and D biases for each of the out_h·out_w positions.
        self.kernel = self.add_weight(
            shape=(out_h, out_w, k_h, k_w, input_shape[-1], self.filters), initializer="glorot_uniform", name="kernel"
        )
        self.bias = self.add_weight(shape=(out_h, out_w, self.filters), initializer="zeros", name="bias")

    def call(self, images):
        out_h, out_w = self._output_grid(images.shape)
        output = 0.0
        for m in range(self.kernel_size[0]):
            for n in range(self.kernel_size[1]):
                # Pixel (m, n) of every window, times that position's own weights for (m, n).
                pixels = images[:, m : m + out_h, n : n + out_w, :]  # (batch, out_h, out_w, C)
                output = output + ops.einsum("bhwc,hwcd->bhwd", pixels, self.kernel[:, :, m, n])
        return self.activation(output + self.bias)

    def compute_output_shape(self, input_shape):
        return (input_shape[0], *self._output_grid(input_shape), self.filters)

    def get_config(self):
        return {
            **super().get_config(),
            "filters": self.filters,
            "kernel_size": self.kernel_size,
            "activation": keras.activations.serialize(self.activation),
        }


# Two 5×5 patterns with the same number of lit pixels: a "+" and an "×".
PLUS = np.zeros((5, 5), "float32")
PLUS[2, :] = PLUS[:, 2] = 1.0
CROSS = np.maximum(np.eye(5, dtype="float32"), np.eye(5, dtype="float32")[::-1])


def patterns_on_one_side(n, side, size=16, noise=0.2, seed=0):
    """n noisy size×size images, each holding a "+" (label 0) or an "×" (label 1) whose 5 columns
    lie wholly in the left half (`side="left"`) or wholly in the right half ("right")."""
    rng = np.random.default_rng(seed)
    labels = rng.integers(0, 2, n)
    images = rng.normal(0.0, noise, (n, size, size, 1)).astype("float32")
    half = size // 2
    columns = rng.integers(0, half - 4, n) + (0 if side == "left" else half)
    rows = rng.integers(0, size - 4, n)
    for image, label, row, column in zip(images, labels, rows, columns):
        image[row : row + 5, column : column + 5, 0] += CROSS if label else PLUS
    return images, labels.astype("float32")


# --- the demo --------------------------------------------------------------------------------


def _detector(local):
    """8 detectors of 5×5 (shared or one set per position), a global max, one sigmoid unit."""
    first = (
        LocallyConnected2D(8, 5, activation="relu", name="detectors")
        if local
        else keras.layers.Conv2D(8, 5, activation="relu", name="detectors")
    )
    return keras.Sequential(
        [
            keras.Input((16, 16, 1)),
            first,
            keras.layers.GlobalMaxPooling2D(name="anywhere"),
            keras.layers.Dense(1, activation="sigmoid", name="is_cross"),
        ],
        name="locally_connected" if local else "convolution",
    )


def measure(model, test_left, test_right):
    """Accuracy on patterns in the left half and in the right half (pure: model in, numbers out)."""
    return {
        "left": float(model.evaluate(*test_left, verbose=0)[1]),
        "right": float(model.evaluate(*test_right, verbose=0)[1]),
        "weights": model.get_layer("detectors").count_params(),
    }


# Bars, chosen on seeds 100-102 (fresh patterns), --quick: the convolution scored 1.00 on the
# right half and the locally connected layer 1.00 on the left and 0.49-0.52 on the right. 0.9
# means "learned" and 0.75 "no better than a coin by much" (a coin scores 0.5).
MIN_LEARNED = 0.9
MAX_CHANCE = 0.75


def claim_parts(
    shared: dict[str, float], local: dict[str, float], min_learned: float = MIN_LEARNED, max_chance: float = MAX_CHANCE
) -> list[Part]:
    """Measured: the shared detector works in the half it never saw; the unshared one learns the
    half it saw and not the other. The weight count is arithmetic: a check."""
    return [
        at_least("shared_right_accuracy", shared["right"], min_learned),
        at_least("local_left_accuracy", local["left"], min_learned),
        at_most("local_right_accuracy", local["right"], max_chance),
        at_least("local_to_shared_weights", local["weights"] / shared["weights"], 100, kind="identity"),
    ]


def outcome(claim: dict) -> str:
    """Which PREDICT option the measured claim shows: which detector still works in the right half.

    Working means the accuracy bar for "learned" (0.9) on the right half; a net whose right-half
    accuracy crosses it on some seeds and not others makes the answer depend on the seed.
    """
    parts = recorded_parts(claim)
    shared, local = parts["shared_right_accuracy"], parts["local_right_accuracy"]
    learned = shared["bar"]

    def works(part: dict) -> bool | None:
        low, high = part["min"] >= learned, part["max"] >= learned
        return low if low == high else None

    shared_works, local_works = works(shared), works(local)
    if shared_works is None or local_works is None:
        return "E"
    if shared_works:
        return "A" if local_works else "B"
    return "C" if local_works else "D"


def demo(run: Run) -> None:
    """Trained only on patterns in the left half, shared weights recognise them in the right half;
    one set of weights per position does not."""
    n_train, n_test = (1000, 500) if run.quick else (3000, 1000)
    train = patterns_on_one_side(n_train, "left", seed=run.seed)
    test_left = patterns_on_one_side(n_test, "left", seed=run.seed + 1)
    test_right = patterns_on_one_side(n_test, "right", seed=run.seed + 2)
    run.images("data/train_left_test_right", np.concatenate([train[0][:4], test_right[0][:4]]), enlarge=8)

    results = {}
    for local in (False, True):
        model = _detector(local)
        run.say(
            f"{model.name}: {model.get_layer('detectors').count_params():,} weights in the "
            "detector layer; training on patterns in the left half only…"
        )
        run.compile(model, loss="binary_crossentropy", metrics=["accuracy"])
        run.fit(model, *train, validation_data=test_right, name="locally_connected" if local else None)
        results[local] = measure(model, test_left, test_right)
        detectors = model.get_layer("detectors")
        if isinstance(detectors, keras.layers.Conv2D):  # 8 shared 5×5 kernels: a "+" and an "×" among them?
            run.mosaic("shared_kernels", ops.convert_to_numpy(detectors.kernel).transpose(3, 0, 1, 2), enlarge=12)
    shared, local = results[False], results[True]
    run.say(
        run.table(
            "results",
            ["detector layer", "weights", "test accuracy, left half", "right half"],
            [
                [label, r["weights"], r["left"], r["right"]]
                for label, r in (("convolution (shared)", shared), ("locally connected", local))
            ],
        )
    )

    run.metrics(
        {"right_half_accuracy_shared": shared["right"], "right_half_accuracy_locally_connected": local["right"]}
    )
    run.claim(
        "Trained only on patterns in the left half of the image, a convolution (one shared set of "
        "5×5 kernels) recognises them in the right half (>= {shared_right_accuracy:.0%} accuracy); a "
        "locally connected layer (its own kernels at each position) learns the left half "
        "(>= {local_left_accuracy:.0%}) but stays near chance on the right (<= {local_right_accuracy:.0%}), "
        "with over {local_to_shared_weights:g}x as many weights.",
        claim_parts(shared, local),
        shared_left_accuracy=shared["left"],
        shared_weights=shared["weights"],
        local_weights=local["weights"],
    )
