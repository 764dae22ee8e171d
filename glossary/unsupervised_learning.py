"""Unsupervised learning finds structure in data that carries no labels, such as clusters, main
directions of variation or compact codes; its close relative, self-supervised learning, manufactures
labels from the data itself.

## Intuition
A toddler sorts the world into dogs, cats and cars long before learning any of the words. Most of
what people and animals know comes from watching, not from being told names, and LeCun, Bengio
and Hinton expect unlabelled learning to matter more and more. Unlabelled data is also cheap:
there are far more raw photos and texts than annotated ones.

Typical tasks: grouping similar items (k-means clustering), finding the few directions that explain
most variation (PCA), and squeezing each input through a small code and rebuilding it
(autoencoders). In deep learning it played a historic role. From 2006, deep networks were first
trained layer by layer without labels and only then fine-tuned on labelled data; once ReLU units
and large labelled sets arrived, that unsupervised pre-training was mostly dropped. Today's
self-supervised models, which predict a hidden word or image patch, continue the idea at scale.

## The math
There are only inputs x₁, …, x_N; no yᵢ. An autoencoder has an encoder g and a decoder h and
minimises the reconstruction error

    L = (1/N) ∑ᵢ ‖xᵢ − h(g(xᵢ))‖²

With 28×28 images (784 numbers) and a code z = g(x) of 32 numbers, the network must compress by a
factor of about 24, so z is forced to keep what matters most.

PCA, the classic dimensionality reduction, projects each xᵢ onto the d eigenvectors of the
covariance (1/N) ∑ᵢ (xᵢ − x̄)(xᵢ − x̄)ᵀ with the largest eigenvalues: the d directions of greatest
variance. At its optimum, a linear autoencoder with the loss above spans the same subspace.

k-means with K centres μ₁, …, μ_K minimises ∑ᵢ min_k ‖xᵢ − μ_k‖², the squared distance from each
point to its nearest centre.

## Picture
```text
 x (784) ──► encoder g ──► z (32) ──► decoder h ──► x̂ (784)
                           code      loss = ‖x − x̂‖²
```

## Try it
`nutshell demo unsupervised-learning` trains three autoencoders on 8,000 MNIST images, no labels,
with codes of 2, 8 and 32 numbers, and compares each with PCA keeping as many components. With
`--quick` (3,000 images, 10 epochs, seeds 0-4), test error per pixel: 0.050-0.052, 0.027-0.028
and 0.013-0.014 for the autoencoders, 0.055, 0.038 and 0.017 for PCA. The nonlinear code beats
the best linear one at every size, by 27-28% at 8 numbers. With linear hidden layers (only the
output's sigmoid left) seed 0 loses to PCA at 2 numbers (ratio 1.03), leads by just 4% at 8, and
the claim fails. The reconstructions are in TensorBoard.

## See also
- **supervised-learning**: the labelled counterpart
- **feature-learning**: unlabelled training as a source of features
- **distributed-representation**: the kind of code such models learn
- **deep-learning**: where pre-training without labels first helped
- **deep-belief-network**: layer-wise pre-training without labels
- **autoencoder**: a network trained to rebuild its own input

## Sources
- [lecun2015]
- [hinton2006autoencoders]
- [hinton2006]
"""

TITLE = "Unsupervised learning"
ALIASES = (
    "unsupervised pre-training",
    "self-supervised learning",
    "unsupervised",
    "self-supervised",
    "unlabelled data",
    "unlabeled data",
    "clustering",
    "dimensionality reduction",
    "principal component analysis",
    "pca",
)

DEMO = {
    "epochs": 15,
    "batch_size": 64,
    "learning_rate": 0.001,
    "datasets": ("mnist", "fashion_mnist"),
    "quick": {"epochs": 10, "learning_rate": 0.002},  # and 3,000 training images
}

PREREQUISITES = ("supervised-learning",)

PREDICT = {
    "question": "Autoencoders with codes of 2, 8 and 32 numbers are trained on MNIST without labels, "
    "and each is compared with PCA keeping as many components. Which rebuilds the test "
    "images with the lower error?",
    "options": {
        "A": "the autoencoder, at every code size",
        "B": "PCA, at every code size: it is the best linear code",
        "C": "the autoencoder at some sizes, PCA at others",
        "D": "neither: within 2% of each other at every size",
        "E": "it depends on the seed",
    },
    "why": "The nonlinear code beats the best linear one at every size, by 27-28% at 8 numbers. With "
    "linear hidden layers (only the output's sigmoid left) seed 0 loses to PCA at 2 numbers "
    "(ratio 1.03), leads by just 4% at 8, and the claim fails.",
}

RECALL = (
    {
        "question": "An autoencoder must rebuild 28×28 images from a code of 32 numbers. By about what "
        "factor does it compress them?",
        "options": {"A": "about 24", "B": "about 3", "C": "about 750", "D": "about 25,000"},
        "answer": "A",
        "why": "With 28×28 images (784 numbers) and a code z = g(x) of 32 numbers, the network must "
        "compress by a factor of about 24, so z is forced to keep what matters most.",
    },
    {
        "question": "What does a linear autoencoder trained to its optimum on the squared reconstruction error find?",
        "options": {
            "A": "the same subspace that PCA finds",
            "B": "the k-means cluster centres",
            "C": "a code that beats PCA's at every size",
            "D": "a random projection",
        },
        "answer": "A",
        "why": "At its optimum, a linear autoencoder with the loss above spans the same subspace.",
    },
)

__all__ = ["build_autoencoder", "pca_reconstruction_error"]

# Everything above is read by the registry without importing this module; the code below needs Keras.
import keras
import numpy as np
from keras import ops

from nutshell.glossary._claims import Part, at_most, held_on_some_seeds
from nutshell.glossary._run import Run


def build_autoencoder(
    input_shape, code_size: int, hidden: int = 256, activation: str | None = "relu"
) -> tuple[keras.Model, keras.Model]:
    """An encoder g that squeezes an image into `code_size` numbers and a decoder h that rebuilds
    the image from them; trained on ‖x − h(g(x))‖², the input is its own target, so no labels.

    `activation` bends the hidden layer on each side; with None both maps are linear up to the
    output's sigmoid, and the code can do little better than PCA's.

    Returns (autoencoder, encoder): the encoder shares its layers with the autoencoder, so after
    training it gives the codes z = g(x).

    Example:
        >>> autoencoder, encoder = build_autoencoder((28, 28, 1), code_size=8)
        >>> autoencoder.output_shape, encoder.output_shape
        ((None, 28, 28, 1), (None, 8))
    """
    pixels = int(np.prod(input_shape))
    image = keras.Input(input_shape)
    flat = keras.layers.Flatten()(image)
    code = keras.layers.Dense(code_size, name="code")(
        keras.layers.Dense(hidden, activation=activation, name="encode")(flat)
    )
    rebuilt = keras.layers.Dense(pixels, activation="sigmoid", name="rebuild")(  # pixels in [0, 1]
        keras.layers.Dense(hidden, activation=activation, name="decode")(code)
    )
    output = keras.layers.Reshape(input_shape)(rebuilt)
    return (
        keras.Model(image, output, name=f"autoencoder_{code_size}"),
        keras.Model(image, code, name=f"encoder_{code_size}"),
    )


def pca_reconstruction_error(x_train, x_test, k: int) -> float:
    """Mean squared error of rebuilding `x_test` from its first k principal components.

    PCA keeps the k directions along which the training images vary most (the top right
    singular vectors of the centred data); a code is the k coordinates along them. Among all
    codes that are linear maps to k numbers and back, it rebuilds the training set best.
    """
    train = x_train.reshape(len(x_train), -1).astype("float64")
    test = x_test.reshape(len(x_test), -1).astype("float64")
    mean = train.mean(axis=0)
    directions = np.linalg.svd(train - mean, full_matrices=False)[2][:k]  # (k, pixels)
    rebuilt = (test - mean) @ directions.T @ directions + mean
    return float(np.mean((rebuilt - test) ** 2))


# --- the demo --------------------------------------------------------------------------------

CODE_SIZES = (2, 8, 32)
# Bars chosen on a validation split of MNIST (--quick --held-out, seeds 100-102), where the error
# ratios to PCA were 0.918-0.926 (2 numbers), 0.725-0.738 (8) and 0.818-0.840 (32), and each
# larger code cut the error to 0.51-0.54 of the smaller one's.
_BARS = {"beats_pca": 1.0, "beats_pca_at_8": 0.8, "falls": 1.0}


def claim_parts(errors: dict[int, float], pca: dict[int, float]) -> list[Part]:
    """The error falls as the code grows, and at every size the autoencoder beats PCA."""
    (small, middle, large) = CODE_SIZES
    return [
        at_most(f"error_{middle}_over_{small}", errors[middle] / errors[small], _BARS["falls"]),
        at_most(f"error_{large}_over_{middle}", errors[large] / errors[middle], _BARS["falls"]),
        at_most(f"ratio_to_pca_{small}", errors[small] / pca[small], _BARS["beats_pca"]),
        at_most(f"ratio_to_pca_{middle}", errors[middle] / pca[middle], _BARS["beats_pca_at_8"]),
        at_most(f"ratio_to_pca_{large}", errors[large] / pca[large], _BARS["beats_pca"]),
    ]


def outcome(claim: dict) -> str:
    """Which PREDICT option the measured claim shows, from the autoencoder's test error over
    PCA's at each code size (below 1: the autoencoder wins); E if one of those bars held on some
    seeds only."""
    ratios = [part for part in claim["parts"] if part["name"].startswith("ratio_to_pca_")]
    if held_on_some_seeds(*ratios):
        return "E"
    means = [part["mean"] for part in ratios]
    if all(abs(mean - 1) < 0.02 for mean in means):
        return "D"
    if all(mean < 1 for mean in means):
        return "A"
    return "B" if all(mean > 1 for mean in means) else "C"


def demo(run: Run) -> None:
    """Autoencoders with codes of 2, 8 and 32 numbers, trained without labels, against PCA."""
    split = run.load_images(quick=(3000, 1000))
    x, x_test = split.x_train, split.x_test
    run.say(
        f"{len(x)} images, no labels: each autoencoder must rebuild its input from a code of "
        f"{', '.join(map(str, CODE_SIZES))} numbers…"
    )
    errors, pca, rebuilt = {}, {}, []
    for size in CODE_SIZES:
        autoencoder, _ = build_autoencoder(split.input_shape, size)
        main = size == CODE_SIZES[-1]  # the largest is the run's main model
        run.compile(autoencoder, loss="mse")
        run.fit(autoencoder, x, x, name=None if main else f"code-{size}")
        errors[size] = float(autoencoder.evaluate(x_test, x_test, verbose=0))
        pca[size] = pca_reconstruction_error(x, x_test, size)
        rebuilt.append(ops.convert_to_numpy(autoencoder.predict(x_test[:10], verbose=0)))
        run.scalars(
            {"autoencoder": errors[size], "pca": pca[size]}, step=size, prefix="test_reconstruction_error_by_code_size"
        )
        run.say(f"code of {size}: test error {errors[size]:.4f}, PCA with {size} components {pca[size]:.4f}")
    run.say(
        run.table(
            "comparison",
            ["code size", "autoencoder", "PCA", "ratio"],
            [[k, errors[k], pca[k], errors[k] / pca[k]] for k in CODE_SIZES],
        )
    )
    run.metrics({f"test_error_code_{k}": errors[k] for k in CODE_SIZES})
    run.claim(
        "Trained without labels, an autoencoder's test reconstruction error falls as its code "
        "grows from 2 to 8 to 32 numbers, and at every size it beats PCA, the best linear code "
        "of that size (error ratio <= {ratio_to_pca_2:g}), by >= 20% with 8 numbers (ratio <= "
        "{ratio_to_pca_8:g}).",
        claim_parts(errors, pca),
        **{f"error_code_{k}": errors[k] for k in CODE_SIZES},
        **{f"pca_error_{k}": pca[k] for k in CODE_SIZES},
    )
    # rows: the originals, then the rebuilds from 2, 8 and 32 numbers
    run.mosaic("originals_and_rebuilds", np.concatenate([x_test[:10], *rebuilt]), columns=10, enlarge=3)
