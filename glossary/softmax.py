"""Softmax turns a vector of K real-valued scores into K positive numbers that add up to 1, so the
last layer of a classifier can give one probability per class.

## Intuition
Think of it as a soft version of picking the winner. A hard argmax gives everything to the top
score; softmax gives the top score the biggest share but leaves something for the rest.
Exponentiating first makes every score positive and exaggerates gaps, so a lead of a few points
turns into a dominant share, while equal scores split the total evenly.

A dense layer followed by softmax is multinomial logistic regression, and that is how the final
layer of most classification networks, ConvNets included, is built: everything before it learns
features, and this last step converts them into class probabilities. Unlike sigmoid or ReLU,
softmax is not applied unit by unit; each output depends on all the scores.

## The math
For scores z = (z₁, …, z_K):

    pᵢ = e^(zᵢ) / ∑ⱼ e^(zⱼ),   so every pᵢ > 0 and ∑ᵢ pᵢ = 1.

Worked example, z = (2, 1, 0): e² ≈ 7.389, e¹ ≈ 2.718, e⁰ = 1, total ≈ 11.107, so
p ≈ (0.665, 0.245, 0.090).

Adding the same constant c to every score changes nothing, since e^c cancels. Implementations
use this to subtract max(z) first, so e^(zᵢ) never overflows.

Two classes: p₁ = e^(z₁) / (e^(z₁) + e^(z₂)) = σ(z₁ − z₂), the logistic sigmoid of the score gap.

Derivative: ∂pᵢ/∂zⱼ = pᵢ(δᵢⱼ − pⱼ), where δᵢⱼ is 1 if i = j and 0 otherwise. Combined with the
cross-entropy loss L = −∑ᵢ yᵢ ln pᵢ for a one-hot target y, the gradient collapses to
∂L/∂zᵢ = pᵢ − yᵢ. If the first class is the true one above, that is (−0.335, 0.245, 0.090).

## Common confusions
The scores z fed into softmax are often called logits. The outputs look like probabilities but
are only as trustworthy as the training; a network can be confidently wrong.

## Try it
`nutshell demo softmax` trains a dense layer with softmax on the digits beside ten separate sigmoid
units, each answering "is it this class?". In quick mode on seeds 0-4 both classify well
(0.958-0.969 and 0.944-0.953 test accuracy), but only softmax gives a distribution: its outputs
sum to 1 within 2 × 10⁻⁷ on every test image, and added up over the images they give each digit's
share to within 0.017, while the sigmoids' sums run from 0.13 to 1.80 and miss 1 by more than 0.1
on about 60% of images.

## See also
- **logistic-regression**: softmax on a linear layer is its multi-class form
- **cross-entropy**: the loss it is nearly always paired with
- **sigmoid**: the two-class special case
- **activation**: other output and hidden nonlinearities
- **layer**: where softmax usually sits, at the end
- **logit**: the scores softmax turns into probabilities

## Sources
- [dettmers2015]
- [bridle1990]
"""

TITLE = "Softmax"
ALIASES = ("softmax function", "normalized exponential", "softargmax", "softmax layer", "softmax activation")

DEMO = {
    "epochs": 30,
    "batch_size": 32,
    "learning_rate": 0.01,
    "datasets": ("digits", "mnist"),
    "quick": {"epochs": 10},
}

PREREQUISITES = ("sigmoid", "layer")

PREDICT = {
    "question": "On the same digit images, one dense layer followed by softmax is trained beside ten "
    "separate sigmoid units, each taught to answer \"is it this digit?\". How do the two "
    "compare on the test images?",
    "options": {
        "A": "about as accurate, but only the softmax outputs add up to 1 on each image",
        "B": "about as accurate, and both sets of outputs add up to about 1: each sigmoid learns its "
        "digit's probability",
        "C": "the sigmoids are far less accurate: ten separate yes/no answers cannot pick one digit",
        "D": "the softmax layer is far less accurate",
        "E": "it depends on the seed",
    },
    "why": "Softmax turns a vector of K real-valued scores into K positive numbers that add up to 1, so "
    "the last layer of a classifier can give one probability per class. Unlike sigmoid or ReLU, "
    "softmax is not applied unit by unit; each output depends on all the scores.",
}

RECALL = (
    {
        "question": "What does softmax turn the scores (2, 1, 0) into?",
        "options": {
            "A": "about (0.665, 0.245, 0.090)",
            "B": "about (0.667, 0.333, 0)",
            "C": "(1, 0, 0)",
            "D": "(0.5, 0.3, 0.2)",
        },
        "answer": "A",
        "why": "Worked example, z = (2, 1, 0): e² ≈ 7.389, e¹ ≈ 2.718, e⁰ = 1, total ≈ 11.107, so "
        "p ≈ (0.665, 0.245, 0.090).",
    },
    {
        "question": "Every score fed to a softmax is raised by the same amount c. What happens to its outputs?",
        "options": {
            "A": "they stay exactly the same",
            "B": "the largest one grows",
            "C": "they become more even",
            "D": "they no longer sum to 1",
        },
        "answer": "A",
        "why": "Adding the same constant c to every score changes nothing, since e^c cancels.",
    },
    {
        "question": "With only two scores, z₁ and z₂, what is softmax's first output?",
        "options": {"A": "σ(z₁ − z₂)", "B": "σ(z₁)", "C": "z₁ / (z₁ + z₂)", "D": "e^(z₁ − z₂)"},
        "answer": "A",
        "why": "Two classes: p₁ = e^(z₁) / (e^(z₁) + e^(z₂)) = σ(z₁ − z₂), the logistic sigmoid of the score gap.",
    },
)

__all__ = ["softmax", "textbook_softmax", "SoftmaxFromScratch"]

# Everything above is read by the registry without importing this module; the code below needs Keras.
import keras
import numpy as np
from keras import ops

from nutshell.glossary._claims import Part, at_least, at_most, held_on_some_seeds, recorded_parts
from nutshell.glossary._run import Run
from nutshell.glossary.mlp import mlp


def softmax(z, axis: int = -1):
    """pᵢ = e^(zᵢ − m) / ∑ⱼ e^(zⱼ − m), with m = max(z): one probability per score.

    Subtracting the largest score changes nothing (e^(−m) cancels above and below the line) but
    keeps every exponent at or below 0, so nothing overflows however large the scores grow.

    Example:
        >>> np.round(ops.convert_to_numpy(softmax(np.array([2.0, 1.0, 0.0]))), 3)
        array([0.665, 0.245, 0.09 ], dtype=float32)
    """
    z = ops.convert_to_tensor(z, dtype="float32")
    e = ops.exp(z - ops.max(z, axis=axis, keepdims=True))
    return e / ops.sum(e, axis=axis, keepdims=True)


def textbook_softmax(z, axis: int = -1):
    """The formula exactly as written, e^(zᵢ) / ∑ⱼ e^(zⱼ): right on paper, but in float32 e^z
    overflows to infinity once z passes about 88.7, and infinity / infinity is NaN."""
    e = ops.exp(ops.convert_to_tensor(z, dtype="float32"))
    return e / ops.sum(e, axis=axis, keepdims=True)


@keras.saving.register_keras_serializable(package="nutshell")
class SoftmaxFromScratch(keras.layers.Layer):
    """Turns a vector of scores (logits) into probabilities with `softmax`; no weights.

    After `Dense(K)` it makes multinomial logistic regression, the usual last layer of a
    classifier, and equals `keras.layers.Softmax()`.

    Args:
        axis: the axis that holds the K scores (the last, by default).

    Input shape: any. Output shape: the same as the input.

    Example:
        >>> probabilities = SoftmaxFromScratch()(np.array([[1.0, 1.0], [0.0, 50.0]]))
        >>> ops.convert_to_numpy(ops.sum(probabilities, axis=-1))
        array([1., 1.], dtype=float32)
    """

    def __init__(self, axis=-1, **kwargs):
        super().__init__(**kwargs)
        if not isinstance(axis, int):
            raise ValueError(f"axis must be an integer, not {axis!r}")
        self.axis = axis

    def call(self, z):
        return ops.cast(softmax(z, axis=self.axis), self.compute_dtype)

    def compute_output_shape(self, input_shape):
        return input_shape

    def get_config(self):
        return {**super().get_config(), "axis": self.axis}


# --- the demo --------------------------------------------------------------------------------


def _softmax_regression(input_shape, classes):
    """Multinomial logistic regression: one dense layer of class scores, then softmax."""
    model = mlp(input_shape, hidden=(), outputs=classes, name="softmax_regression")
    # float32 even under mixed precision, as Keras advises for a last softmax: in float16 the
    # probabilities would only sum to 1 within about 1e-3.
    model.add(SoftmaxFromScratch(name="softmax", dtype="float32"))
    return model


# The bars, chosen with `--held-out` (a validation split of the digits' training images) on
# seeds 100-102, quick mode: softmax accuracy 0.953-0.964, the sigmoids within 0.017-0.025 of
# it; class shares counted to within 0.009-0.011 (0.077-0.100 with the division by the total
# taken out); the sigmoids' sums off 1 by more than 0.1 on 0.63-0.66 of the images.
ACCURATE, SHARES_WITHIN, AS_ACCURATE, STRAY_SHARE = 0.85, 0.02, 0.05, 0.10


def class_share_error(probabilities: np.ndarray, labels: np.ndarray) -> float:
    """Read the outputs as distributions and count: the sum of class k's probability over all
    examples is the expected number of class k. The largest gap between that expected share and
    the true share of each class, as a fraction of the examples."""
    expected = probabilities.mean(axis=0)
    observed = np.bincount(labels.astype(int), minlength=probabilities.shape[1]) / len(labels)
    return float(np.abs(expected - observed).max())


def claim_parts(
    softmax_accuracy: float,
    softmax_share_error: float,
    sigmoid_accuracy: float,
    sigmoid_share_off: float,
    softmax_sum_error: float,
) -> list[Part]:
    """The softmax classifier is accurate and its outputs, read as distributions, count the classes
    right; ten sigmoids are about as accurate but their outputs do not add up to 1. That the
    softmax's outputs add up to 1 is true by construction: a check, not a vote."""
    return [
        at_least("softmax_accuracy", softmax_accuracy, ACCURATE),
        at_most("softmax_class_share_error", softmax_share_error, SHARES_WITHIN),
        at_most("sigmoid_accuracy_gap", abs(sigmoid_accuracy - softmax_accuracy), AS_ACCURATE),
        at_least("sigmoid_share_off_by_0_1", sigmoid_share_off, STRAY_SHARE),
        at_most("softmax_max_sum_error", softmax_sum_error, 1e-5, kind="identity"),
    ]


def outcome(claim: dict) -> str:
    """Which PREDICT option the measured claim shows: accuracy, and whose outputs add up to 1.

    "About as accurate" is the claim's band (within AS_ACCURATE, 0.05); the sigmoids' outputs fail
    to add up when the sum misses 1 by more than 0.1 on at least STRAY_SHARE of the test images.
    "E" when either part held on some seeds and not on others.
    """
    parts = recorded_parts(claim)
    gap, off = parts["sigmoid_accuracy_gap"], parts["sigmoid_share_off_by_0_1"]
    if held_on_some_seeds(gap, off):
        return "E"
    if gap["mean"] <= gap["bar"]:
        return "A" if off["mean"] >= off["bar"] else "B"
    numbers = claim["numbers"]
    return "C" if numbers["sigmoid_accuracy"] < numbers["softmax_accuracy"] else "D"


def demo(run: Run) -> None:
    """Softmax turns scores into a distribution; ten independent sigmoid units do not."""
    split = run.load_images(quick=(2000, 1000))
    classes = split.num_classes
    run.say(f"A dense layer and softmax on {split.name} (multinomial logistic regression)…")
    model = _softmax_regression(split.input_shape, classes)
    run.compile(model, loss="sparse_categorical_crossentropy", metrics=["accuracy"])
    run.fit(model, split.x_train, split.y_train, validation_data=(split.x_test, split.y_test))
    p = model.predict(split.x_test, verbose=0).astype("float64")
    softmax_accuracy = float(np.mean(p.argmax(axis=1) == split.y_test))
    share_error = class_share_error(p, split.y_test)

    run.say(f"…and {classes} separate sigmoid units, each trained to answer 'is it this class?'.")
    one_hot = np.eye(classes, dtype="float32")
    sigmoids = mlp(split.input_shape, hidden=(), outputs=classes, output_activation="sigmoid")
    run.compile(sigmoids, loss="binary_crossentropy")
    run.fit(
        sigmoids,
        split.x_train,
        one_hot[split.y_train.astype(int)],
        validation_data=(split.x_test, one_hot[split.y_test.astype(int)]),
        name="ten-sigmoids",
    )
    q = sigmoids.predict(split.x_test, verbose=0).astype("float64")
    sigmoid_accuracy = float(np.mean(q.argmax(axis=1) == split.y_test))

    softmax_sums, sigmoid_sums = p.sum(axis=1), q.sum(axis=1)
    off = float(np.mean(np.abs(sigmoid_sums - 1) > 0.1))
    run.say(
        run.table(
            "sums",
            ["outputs", "smallest sum", "largest sum", "share off 1 by > 0.1"],
            [
                ["softmax", softmax_sums.min(), softmax_sums.max(), np.mean(np.abs(softmax_sums - 1) > 0.1)],
                [f"{classes} sigmoids", sigmoid_sums.min(), sigmoid_sums.max(), off],
            ],
        )
    )
    run.metrics({"test_accuracy_softmax": softmax_accuracy, "test_accuracy_sigmoids": sigmoid_accuracy})
    run.claim(
        f"A dense layer + softmax classifies {split.name} (>= {{softmax_accuracy:.0%}}), its {classes} "
        "outputs sum to 1 on every test image, and summed over the test images they give each "
        "class's share of the images to within {softmax_class_share_error:.2f}; separate sigmoid "
        "units trained one-vs-rest are about as accurate (within {sigmoid_accuracy_gap:.2f}) but their "
        "outputs are no distribution: the sum is off 1 by more than 0.1 on >= "
        "{sigmoid_share_off_by_0_1:.0%} of test images.",
        claim_parts(softmax_accuracy, share_error, sigmoid_accuracy, off, float(np.abs(softmax_sums - 1).max())),
        sigmoid_accuracy=sigmoid_accuracy,
        sigmoid_sum_min=float(sigmoid_sums.min()),
        sigmoid_sum_max=float(sigmoid_sums.max()),
    )
    # TensorBoard: one row per test image, one column per class; a softmax row always holds
    # the same total amount of white, a sigmoid row anything from none to several columns' worth.
    run.images("outputs/softmax", p[None, :64, :, None], enlarge=8, rescale=False)
    run.images("outputs/ten_sigmoids", q[None, :64, :, None], enlarge=8, rescale=False)
