"""Cross-entropy measures how badly predicted probabilities fit the true labels: for one-hot labels
it is the negative log of the probability the model gave the correct answer, so confident
mistakes cost a great deal.

## Intuition
Suppose a weather app says "90% rain" and it rains: little surprise, small penalty. If it said
"1% rain" and you got soaked, the surprise is huge. Cross-entropy scores a model by its surprise at
the true answer. A model that hedges at 50% pays a moderate price every time; one that is sure and
right pays almost nothing; one that is sure and wrong pays enormously.

## The math
For a true distribution p and a predicted one q over K classes (natural log):

H(p, q) = −∑ (k = 1..K) p_k log q_k

With a one-hot label for class y this reduces to ℓ = −log q_y. Worked numbers: q_y = 0.9 gives
0.105; q_y = 0.5 gives 0.693; q_y = 0.01 gives 4.61. The loss is 0 only when q_y = 1.

Binary case, one sigmoid output a = σ(z) and label y in {0, 1}:

ℓ = −[y log a + (1 − y) log(1 − a)]

Why it trains well: with softmax outputs q = softmax(z), the gradient with respect to the logits
is simply ∂ℓ/∂z = q − y (and a − y in the binary case). The slope of the sigmoid or softmax has
cancelled, so a saturated but wrong output still gets a large, useful gradient, unlike with
squared error.

Links to other ideas: H(p, q) = H(p) + KL(p ‖ q), where H(p) is the entropy of the labels, fixed by
the data, and KL is the Kullback-Leibler divergence. Minimizing cross-entropy therefore minimizes
KL, and over a data set it is the same as maximizing the log-likelihood of the labels. With log
base 2 the unit is bits; with the natural log it is nats.

## In practice
- Compute it from logits (log-softmax via the log-sum-exp trick) rather than from rounded
  probabilities; log(0) is minus infinity.
- Keras names: binary_crossentropy, categorical_crossentropy (one-hot labels) and
  sparse_categorical_crossentropy (integer labels).

## Try it
`nutshell demo cross-entropy` starts one sigmoid unit on two clouds of points with its line
pointing the wrong way (z ≈ −10 at each cloud's centre) and trains it by plain SGD, once
with cross-entropy and once with squared error. With `--quick` (8 epochs, seeds 0-4) the mean
|∂ℓ/∂z| at the start is 0.99 against 0.008-0.010, 99 to 121 times larger; afterwards
cross-entropy gets 98.4-100% of the test points right, squared error at most 1.6%. Train both
with squared error, or start only mildly wrong (then both recover), and the claim fails.

## See also
- **loss-function**: the general idea this is one case of
- **softmax**: produces the probabilities q
- **sigmoid**: the binary-case output
- **logistic-regression**: the classic model trained with this loss
- **logit**: why the loss is best computed from logits
- **generative-adversarial-network**: a discriminator trained with it, against a generator

## Sources
- [overview]
- [shannon1948]
"""

TITLE = "Cross-Entropy"
ALIASES = (
    "log loss",
    "binary cross-entropy",
    "categorical cross-entropy",
    "sparse categorical cross-entropy",
    "negative log-likelihood",
    "nll",
    "logistic loss",
)

DEMO = {
    "epochs": 20,
    "batch_size": 32,
    "learning_rate": 0.5,
    "datasets": ("synthetic",),
    "quick": {"epochs": 8},
}

PREREQUISITES = ("loss-function", "softmax")

PREDICT = {
    "question": "One sigmoid unit starts confidently wrong, its line pointing the wrong way (z ≈ −10 "
    "at each cloud's centre), and is trained by plain SGD twice: once with cross-entropy, "
    "once with squared error. Which run ends up classifying the test points correctly?",
    "options": {
        "A": "only the cross-entropy run",
        "B": "only the squared-error run",
        "C": "both runs",
        "D": "neither run",
        "E": "it depends on the seed",
    },
    "why": "Why it trains well: with softmax outputs q = softmax(z), the gradient with respect to the "
    "logits is simply ∂ℓ/∂z = q − y (and a − y in the binary case). The slope of the sigmoid or "
    "softmax has cancelled, so a saturated but wrong output still gets a large, useful "
    "gradient, unlike with squared error.",
}

RECALL = (
    {
        "question": "A classifier gives the true class a probability of 0.01. Using natural logs, what "
        "does cross-entropy charge for this example?",
        "options": {"A": "0.99", "B": "4.61", "C": "0.693", "D": "100"},
        "answer": "B",
        "why": "Worked numbers: q_y = 0.9 gives 0.105; q_y = 0.5 gives 0.693; q_y = 0.01 gives 4.61.",
    },
)

__all__ = ["cross_entropy", "binary_cross_entropy", "BinaryCrossEntropy", "logit_gradients"]

# Everything above is read by the registry without importing this module; the code below needs Keras.
import keras
import numpy as np
from keras import ops

from nutshell import data
from nutshell.glossary._claims import Part, at_least, at_most, held_on_some_seeds, recorded_parts
from nutshell.glossary._run import Run
from nutshell.glossary.loss_function import SquaredError
from nutshell.glossary.unit import Unit

EPSILON = 1e-7  # probabilities are kept in [ε, 1 − ε] so that log never sees 0, as in Keras


def cross_entropy(labels, probabilities):
    """ℓ = −log q_y for each example: integer labels y, predicted distributions q (batch, K).

    Example:
        >>> q = np.array([[0.9, 0.05, 0.05], [0.5, 0.49, 0.01]])  # right, then badly wrong
        >>> np.round(ops.convert_to_numpy(cross_entropy(np.array([0, 2]), q)), 3)
        array([0.105, 4.605], dtype=float32)
    """
    q = ops.clip(ops.cast(probabilities, "float32"), EPSILON, 1.0 - EPSILON)
    labels = ops.cast(ops.reshape(labels, (-1,)), "int32")
    q_true = ops.sum(q * ops.one_hot(labels, ops.shape(q)[-1]), axis=-1)  # q_y of each example
    return -ops.log(q_true)


def binary_cross_entropy(y, p):
    """ℓ = −[y log p + (1 − y) log(1 − p)] for one sigmoid output p and a 0/1 label y.

    Returns one loss per example (the mean over the last axis), the shape Keras expects of a loss
    function; `BinaryCrossEntropy` below averages it over a batch for training.
    """
    p = ops.clip(ops.cast(p, "float32"), EPSILON, 1.0 - EPSILON)
    y = ops.cast(ops.reshape(y, ops.shape(p)), "float32")
    return ops.mean(-(y * ops.log(p) + (1.0 - y) * ops.log(1.0 - p)), axis=-1)


@keras.saving.register_keras_serializable(package="nutshell")
class BinaryCrossEntropy(keras.losses.Loss):
    """`binary_cross_entropy` as a Keras loss (the mean over the batch), like keras.losses.BinaryCrossentropy:
    a model compiled with it saves and reloads by name."""

    def __init__(self, reduction="sum_over_batch_size", name="binary_cross_entropy", dtype=None):
        super().__init__(name=name, reduction=reduction, dtype=dtype)

    def call(self, y_true, y_pred):
        return binary_cross_entropy(y_true, y_pred)


def logit_gradients(y, p):
    """∂ℓ/∂z for a sigmoid output p = σ(z) under each loss, from the chain rule:

    - cross-entropy: ∂ℓ/∂p = (p − y) / (p(1 − p)) and ∂p/∂z = p(1 − p), so ∂ℓ/∂z = p − y;
    - squared error (p − y)²: ∂ℓ/∂z = 2(p − y) · p(1 − p), which the slope p(1 − p) crushes
      when the unit is saturated, however wrong it is.

    Example, a confident mistake (y = 1, p = σ(−6) ≈ 0.0025):
        >>> {name: round(float(g), 4) for name, g in logit_gradients(1.0, 0.0025).items()}
        {'cross-entropy': -0.9975, 'squared error': -0.005}
    """
    y, p = np.asarray(y, dtype="float64"), np.asarray(p, dtype="float64")
    return {"cross-entropy": p - y, "squared error": 2.0 * (p - y) * p * (1.0 - p)}


# --- the demo --------------------------------------------------------------------------------

CONFIDENCE = 10.0  # how far the starting line puts a cloud's centre on the wrong side, in z
# Bars chosen on seeds 100-102 (--quick, fresh clouds): cross-entropy ended at 0.996-1.0 test
# accuracy, squared error at 0.0-0.004, and the starting gradients differed 101-142x. A bar of
# 0.95 would sit within 5% of a perfect score, so "recovered" is >= 0.9.
_BARS = {"recovered": 0.9, "stuck": 0.5, "gradient_ratio": 20.0}


def _confidently_wrong_unit(x, y):
    """One sigmoid unit whose line points the wrong way: z ≈ −CONFIDENCE at each class's centre."""
    centres = x[y == 1].mean(axis=0) - x[y == 0].mean(axis=0)
    direction = centres / np.linalg.norm(centres)
    unit = Unit("sigmoid")
    model = keras.Sequential([keras.Input((2,)), unit])
    scale = 2 * CONFIDENCE / float(np.linalg.norm(centres))  # centres sit ±‖centres‖/2 from 0
    midpoint = (x[y == 1].mean(axis=0) + x[y == 0].mean(axis=0)) / 2
    unit.set_weights([(-scale * direction)[:, None], np.array([scale * direction @ midpoint])])
    return model


def claim_parts(gradient_ratio: float, cross_entropy_accuracy: float, squared_error_accuracy: float) -> list[Part]:
    """The start's gradients differ as the chain rule says (a check: both come from the formula
    at the same weights); after training, cross-entropy has recovered and squared error has not."""
    return [
        at_least("gradient_ratio", gradient_ratio, _BARS["gradient_ratio"], kind="identity"),
        at_least("cross_entropy_accuracy", cross_entropy_accuracy, _BARS["recovered"]),
        at_most("squared_error_accuracy", squared_error_accuracy, _BARS["stuck"]),
    ]


def outcome(claim: dict) -> str:
    """Which PREDICT option the measured claim shows: which runs reached 90% test accuracy (the
    "recovered" bar); E if either accuracy's bar held on some seeds only."""
    parts = recorded_parts(claim)
    cross, squared = parts["cross_entropy_accuracy"], parts["squared_error_accuracy"]
    if held_on_some_seeds(cross, squared):
        return "E"
    cross_recovered, squared_recovered = cross["mean"] >= _BARS["recovered"], squared["mean"] >= _BARS["recovered"]
    if cross_recovered:
        return "C" if squared_recovered else "A"
    return "B" if squared_recovered else "D"


def demo(run: Run) -> None:
    """Started confidently wrong, a sigmoid unit recovers with cross-entropy, not squared error."""
    train, test = data.split_off(*data.two_blobs(1000, seed=run.seed), fraction=0.25)
    results = {}
    for loss, name in ((BinaryCrossEntropy(), None), (SquaredError(), "squared-error")):
        label = "cross-entropy" if name is None else "squared error"
        model = _confidently_wrong_unit(*train)
        start = model.predict(train[0], verbose=0)[:, 0]
        gradient = float(np.mean(np.abs(logit_gradients(train[1], start)[label])))
        run.say(
            f"One sigmoid unit, started on the wrong side of every cloud (train accuracy "
            f"{np.mean((start > 0.5) == train[1]):.0%}), trained by plain SGD (no momentum) with "
            f"{label}: mean |∂ℓ/∂z| at the start {gradient:.2g}…"
        )
        run.compile(model, loss=loss, metrics=["accuracy"], optimizer="sgd")
        run.fit(model, *train, name=name)
        accuracy = float(model.evaluate(*test, verbose=0, return_dict=True)["accuracy"])
        run.decision_surface(f"decision_surface/{label.replace(' ', '_')}", model)
        results[label] = (gradient, accuracy)
    (ce_gradient, ce_accuracy), (se_gradient, se_accuracy) = results.values()
    run.metrics({"test_accuracy_cross_entropy": ce_accuracy, "test_accuracy_squared_error": se_accuracy})
    run.claim(
        f"A sigmoid unit started confidently wrong (z ≈ −{CONFIDENCE:g} at the cloud centres) gets a "
        "gradient >= {gradient_ratio:g}x larger from cross-entropy than from squared error; after the "
        "same plain SGD, cross-entropy has it right (>= {cross_entropy_accuracy:.0%} test accuracy), "
        "squared error has not (<= {squared_error_accuracy:.0%}).",
        claim_parts(ce_gradient / se_gradient, ce_accuracy, se_accuracy),
        cross_entropy_mean_logit_gradient=ce_gradient,
        squared_error_mean_logit_gradient=se_gradient,
    )
