"""A fully connected (dense) layer links every input value to every output unit through its own
weight, computing y = f(W x + b); in a CNN it usually sits at the end, turning the extracted
features into class scores.

## Intuition
Picture a committee where every member reads the entire report before voting: nothing is local,
and each member weighs every line differently. That is a dense layer. It makes no assumption about
which inputs belong together, which is flexible but costly, and it treats a pattern in the top-left
corner as unrelated to the same pattern in the centre.

In a convolutional network the convolution and pooling layers do the looking, and the dense layers
at the top do the deciding: the final feature maps are flattened into one long vector and combined
into a score per class. The very last dense layer followed by a softmax is, in effect, a
multinomial logistic regression on the learned features.

## The math
For an input vector x with n entries and m output units:
y = f(W x + b),  where W is an m×n weight matrix, b an m-vector of biases, f the activation.
Unit i computes yᵢ = f(∑ⱼ Wᵢⱼ xⱼ + bᵢ). The layer has m·n + m parameters.

Example: flatten a 7×7×64 stack of feature maps (3,136 numbers) into 128 units:
3,136 · 128 + 128 = 401,536 parameters, far more than a 3×3 conv layer from 64 to 64 channels
(9 · 64 · 64 + 64 = 36,928). In VGG-16 the first dense layer alone, 25,088 → 4,096, holds about
102.8 million of the network's roughly 138 million weights. This is why modern CNNs often replace
flattening with global average pooling, which leaves only a small dense layer.

## Picture
```text
          x₁    x₂    x₃    x₄            n = 4 inputs
   y₁ ← W₁₁   W₁₂   W₁₃   W₁₄   + b₁
   y₂ ← W₂₁   W₂₂   W₂₃   W₂₄   + b₂      m = 3 outputs
   y₃ ← W₃₁   W₃₂   W₃₃   W₃₄   + b₃
 each output has a weight for every input: 3·4 + 3 = 15 parameters
```

## Try it
`nutshell demo fully-connected-layer` shuffles the pixels of every MNIST image the same way.
An MLP trained on the shuffled images, started from the same weights with their rows shuffled
alike, gives exactly the answers it gives on the originals (accuracy 0.90-0.92 both), while the
small CNN of the cnn entry drops from 0.94-0.95 to 0.86-0.90, losing 0.05 to 0.09: its kernels
count on neighbours (`--quick`, seeds 0-4). Make that CNN fully connected too and the shuffle
costs it nothing.

## See also
- **layer**: the general building block
- **mlp**: a network made only of dense layers
- **cnn**: where dense layers act as the classifier
- **logistic-regression**: what the final dense layer amounts to
- **weight-sharing**: the opposite design choice, used by conv layers

## Sources
- [dettmers2015]
- [overview]
- [simonyan2015]
"""

TITLE = "Fully connected layer"
ALIASES = (
    "dense layer",
    "dense",
    "fc layer",
    "fully connected",
    "linear layer",
    "affine layer",
    "matrix multiplication",
    "flatten",
)

DEMO = {
    "epochs": 6,
    "batch_size": 32,
    "learning_rate": 0.002,
    "datasets": ("mnist",),
    "quick": {"epochs": 3},
}

PREREQUISITES = ("layer",)

PREDICT = {
    "question": "An MLP and a small CNN are each trained twice: once on MNIST digits, once on the same "
    "digits with their pixels shuffled (one fixed shuffle for every image; the MLP's "
    "starting weights are shuffled to match). Whose test accuracy falls on the shuffled "
    "digits?",
    "options": {
        "A": "both nets': shuffled digits cannot be read",
        "B": "neither: each learns the shuffled digits as well as the originals",
        "C": "only the MLP's",
        "D": "only the CNN's; the MLP gives the same answers as before",
        "E": "it depends on the seed",
    },
    "why": "Picture a committee where every member reads the entire report before voting: nothing is "
    "local, and each member weighs every line differently. That is a dense layer. It makes no "
    "assumption about which inputs belong together, which is flexible but costly, and it "
    "treats a pattern in the top-left corner as unrelated to the same pattern in the centre.",
}

RECALL = (
    {
        "question": "A stack of 7x7x64 feature maps is flattened and fed to a dense layer of 128 units. "
        "How many parameters does that layer have?",
        "options": {"A": "401,536", "B": "401,408", "C": "36,928", "D": "8,320"},
        "answer": "A",
        "why": "Example: flatten a 7×7×64 stack of feature maps (3,136 numbers) into 128 units: 3,136 · "
        "128 + 128 = 401,536 parameters, far more than a 3×3 conv layer from 64 to 64 channels "
        "(9 · 64 · 64 + 64 = 36,928).",
    },
    {
        "question": "Why do many modern CNNs average each final feature map to one number instead of "
        "flattening the maps into a long vector?",
        "options": {
            "A": "flattening loses the order of the features",
            "B": "the first dense layer after flattening would hold most of the network's weights",
            "C": "dense layers cannot be trained on top of convolutions",
            "D": "averaging is more accurate on every task",
        },
        "answer": "B",
        "why": "In VGG-16 the first dense layer alone, 25,088 → 4,096, holds about 102.8 million of the "
        "network's roughly 138 million weights. This is why modern CNNs often replace flattening "
        "with global average pooling, which leaves only a small dense layer.",
    },
)

__all__ = ["permute_rows_like_pixels"]

# Everything above is read by the registry without importing this module; the code below needs Keras.
import keras
import numpy as np

from nutshell.glossary._claims import Part, at_least, at_most, held_on_some_seeds, recorded_parts
from nutshell.glossary._run import Run
from nutshell.glossary.cnn import build_cnn
from nutshell.glossary.layer import DenseFromScratch, dense_parameter_count


def permute_rows_like_pixels(weights, permutation):
    """A dense layer's weights for inputs whose entries were reordered: x′ = x[permutation].

    Row j of the kernel W belongs to input j, so W′ = W[permutation] gives x′W′ = ∑ⱼ x[pⱼ] W[pⱼ]
    = xW: the same sums in a different order. Nothing about W says which inputs sit side by side,
    which is why a dense layer cannot care.
    """
    kernel, bias = weights
    return [np.asarray(kernel)[permutation], np.asarray(bias)]


# --- the demo --------------------------------------------------------------------------------


def _mlp(input_shape, num_classes, hidden=64):
    return keras.Sequential(
        [
            keras.Input(input_shape),
            keras.layers.Flatten(name="flatten"),
            DenseFromScratch(hidden, activation="relu", name="hidden"),
            DenseFromScratch(num_classes, activation="softmax", name="output"),
        ],
        name="mlp",
    )


def _train_pair(run, build, x_train, y_train, x_test, y_test, scramble, name, permute_rows=False):
    """Two copies of one model from the same start, trained on the images in order and on the
    shuffled ones (same batches, same order); returns their test answers."""
    plain, shuffled = build(), build()
    shuffled.set_weights(plain.get_weights())
    if permute_rows:  # the dense layer that reads the pixels gets its kernel rows shuffled alike
        hidden = shuffled.get_layer("hidden")
        hidden.set_weights(permute_rows_like_pixels(hidden.get_weights(), scramble.pixels))
    answers = []
    for model, suffix, x, x_eval in (
        (plain, "", x_train, x_test),
        (shuffled, "-shuffled", scramble(x_train), scramble(x_test)),
    ):
        run.compile(model, loss="sparse_categorical_crossentropy", metrics=["accuracy"])
        run.fit(
            model,
            x,
            y_train,
            validation_data=(x_eval, y_test),
            name=None if name == "mlp" and not suffix else name + suffix,
            shuffle=False,
        )
        answers.append(model.predict(x_eval, verbose=0).argmax(axis=1))
    return plain, answers


class _Scramble:
    """One fixed shuffle of the pixel positions, applied to every image alike."""

    def __init__(self, pixels):
        self.pixels = pixels

    def __call__(self, x):
        return x.reshape(len(x), -1)[:, self.pixels].reshape(x.shape)


def measure(mlp_answers, cnn_answers, y_test):
    """Accuracies and agreement of the four trained nets (pure: answers in, numbers out)."""
    accuracy = lambda answers: float(np.mean(answers == y_test))  # noqa: E731
    return {
        "mlp_same_answers": float(np.mean(mlp_answers[0] == mlp_answers[1])),
        "mlp_accuracy": accuracy(mlp_answers[0]),
        "mlp_shuffled_accuracy": accuracy(mlp_answers[1]),
        "cnn_accuracy": accuracy(cnn_answers[0]),
        "cnn_shuffled_accuracy": accuracy(cnn_answers[1]),
    }


# Bars, chosen with --quick --held-out on MNIST, seeds 100-102 (3 epochs on 3,000 images): the MLP
# reached 0.896-0.900 validation accuracy and the CNN 0.943-0.947 (0.8: both learned, chance is
# 0.1); the CNN lost 0.065-0.089 accuracy on shuffled pixels (0.02 is well below that and still
# more than two different starts of one net differ by).
MIN_ACCURACY = 0.8
MIN_CNN_LOSS = 0.02


def claim_parts(
    numbers: dict[str, float], wrong_counts: int, min_accuracy: float = MIN_ACCURACY, min_cnn_loss: float = MIN_CNN_LOSS
) -> list[Part]:
    """The MLP's indifference to the shuffle is true by construction (the same sums in another
    order) and so are the parameter counts: checks. Measured: both kinds of net learned, and the
    CNN, whose kernels count on neighbours, loses accuracy on shuffled pixels."""
    return [
        at_least("mlp_same_answers", numbers["mlp_same_answers"], 0.99, kind="identity"),
        at_most(
            "mlp_accuracy_change",
            abs(numbers["mlp_accuracy"] - numbers["mlp_shuffled_accuracy"]),
            0.005,
            kind="identity",
        ),
        at_most("parameter_counts_off_formula", wrong_counts, 0, kind="identity"),
        at_least("mlp_accuracy", numbers["mlp_accuracy"], min_accuracy),
        at_least("cnn_accuracy", numbers["cnn_accuracy"], min_accuracy),
        at_least("cnn_accuracy_lost", numbers["cnn_accuracy"] - numbers["cnn_shuffled_accuracy"], min_cnn_loss),
    ]


def outcome(claim: dict) -> str:
    """Which PREDICT option the measured claim shows: whose accuracy fell on the shuffled pixels.

    The CNN's fell if it lost at least its bar (0.02) on every seed; the MLP's if it lost more
    than the identity check allows (0.005) on average.
    """
    parts = recorded_parts(claim)
    cnn, mlp = parts["cnn_accuracy_lost"], parts["mlp_accuracy_change"]
    if held_on_some_seeds(cnn):
        return "E"
    numbers = claim["numbers"]
    mlp_fell = numbers["mlp_accuracy"] - numbers["mlp_shuffled_accuracy"] > mlp["bar"]
    cnn_fell = cnn["held"] == cnn["of"]
    if cnn_fell:
        return "A" if mlp_fell else "D"
    return "C" if mlp_fell else "B"


def demo(run: Run) -> None:
    """Shuffle the pixels of every image the same way: an MLP does not notice, a CNN does."""
    split = run.load_images(quick=(3000, 1000))
    rng = np.random.default_rng(run.seed)
    order = rng.permutation(len(split.x_train))  # one fixed order of examples for every fit
    x_train, y_train, x_test, y_test = split.x_train[order], split.y_train[order], split.x_test, split.y_test
    shape = split.input_shape
    scramble = _Scramble(rng.permutation(int(np.prod(shape))))
    run.images(
        "data/original_and_shuffled", np.concatenate([x_test[:4], scramble(x_test[:4])]), enlarge=max(1, 64 // shape[0])
    )

    run.say(
        "An MLP on the images, then the same MLP, started from its weights with the kernel rows "
        "shuffled like the pixels, on the shuffled images (same batches, same order)…"
    )
    mlp, mlp_answers = _train_pair(
        run,
        lambda: _mlp(shape, split.num_classes),
        x_train,
        y_train,
        x_test,
        y_test,
        scramble,
        "mlp",
        permute_rows=True,
    )
    run.say(
        "The same two runs for the small CNN of the cnn entry, whose 3×3 kernels assume that "
        "neighbouring pixels belong together…"
    )
    _, cnn_answers = _train_pair(
        run, lambda: build_cnn(shape, split.num_classes), x_train, y_train, x_test, y_test, scramble, "cnn"
    )
    numbers = measure(mlp_answers, cnn_answers, y_test)

    counts = [
        (layer.name, int(layer.input.shape[-1]), layer.units, layer.count_params())
        for layer in mlp.layers
        if isinstance(layer, DenseFromScratch)
    ]
    wrong_counts = sum(count != dense_parameter_count(n, m) for _, n, m, count in counts)
    run.say(
        run.table(
            "results",
            ["model", "pixels", "test accuracy"],
            [
                ["MLP", "in order", numbers["mlp_accuracy"]],
                ["MLP", "shuffled", numbers["mlp_shuffled_accuracy"]],
                ["CNN", "in order", numbers["cnn_accuracy"]],
                ["CNN", "shuffled", numbers["cnn_shuffled_accuracy"]],
            ],
        )
    )
    run.table(
        "parameters",
        ["dense layer", "inputs n", "units m", "n·m + m"],
        [[name, n, m, count] for name, n, m, count in counts],
    )
    run.metrics({f"test_{key}": value for key, value in numbers.items() if key.endswith("accuracy")})
    run.claim(
        "A dense layer does not know which pixels are neighbours: an MLP trained on images whose "
        "pixels are shuffled (one fixed shuffle), from its start weights shuffled to match, gives "
        ">= {mlp_same_answers:.0%} the same test answers as on the originals, while a small CNN loses "
        ">= {cnn_accuracy_lost:g} accuracy on the shuffled images; both nets reach {mlp_accuracy:.0%} "
        "on the originals. Each dense layer has n·m + m parameters.",
        claim_parts(numbers, wrong_counts),
        mlp_shuffled_accuracy=numbers["mlp_shuffled_accuracy"],
        cnn_shuffled_accuracy=numbers["cnn_shuffled_accuracy"],
        **{f"{name}_parameters": count for name, _, _, count in counts},
    )
