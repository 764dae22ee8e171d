"""A loss function turns a model's prediction and the correct answer into a single number that says
how wrong the prediction was; training adjusts the parameters to make the average of that number
over the data as small as possible.

## Intuition
A loss is a scorekeeper that only counts mistakes: it compares what the model said with what it
should have said and writes down a penalty, zero for a perfect answer and more the further off it
is. Training cannot aim at "be good" directly, but it can aim at "make the penalty smaller",
because the penalty has a slope with respect to each weight.

The choice of loss decides what "wrong" means. Squared error punishes a miss of 4 sixteen times as
much as a miss of 1, so it cares a lot about outliers. Cross-entropy punishes confident wrong
guesses very hard and is the standard choice for classification.

## The math
For a model f with parameters θ, training pairs (x_i, y_i) for i = 1..N and a per-example loss ℓ:

L(θ) = (1/N) ∑ (i = 1..N) ℓ(f(x_i; θ), y_i)

- mean squared error, for regression: ℓ(ŷ, y) = (ŷ − y)²
- cross-entropy, for classes: ℓ(q, y) = −log q_y, where q_y is the probability given to class y

Worked example: predicting 2.5 when the truth is 3 costs (2.5 − 3)² = 0.25 under squared error;
predicting 5 costs 4. Gradient descent then moves θ along −∇L(θ).

A usable loss must be differentiable (at least almost everywhere) and should give a useful slope.
Accuracy fails this test: it is flat almost everywhere, so its gradient is zero and gives no
direction. That is why one trains on cross-entropy and reports accuracy.

## Common confusions
- "Loss" often means one example's penalty and "cost" or "objective" the average over the data
  plus any regularization term, but many authors use the words interchangeably.
- A lower training loss is not the goal in itself; the loss on unseen data is what matters.
- Pairing a sigmoid output with squared error learns slowly when the unit saturates; with
  cross-entropy the slope of the sigmoid cancels out of the gradient.

## Try it
`nutshell demo loss-function` fits a line to points of y = 2x + 1 after moving a tenth of the
training targets up by 10. With `--quick` (seeds 0-4), squared error lifts the intercept to
1.9-2.3 and the line misses clean test points by 0.88-1.25 on average; absolute error keeps the
intercept at 0.98-1.01 and misses by 0.076-0.084, the size of the noise. On clean targets
squared error does as well (0.077-0.081). Fit both lines with squared error and the claim fails.

## See also
- **cross-entropy**: the standard loss for classification
- **gradient-descent**: how the loss is minimized
- **backpropagation**: how its gradient is computed
- **regularization**: extra terms added to the loss
- **overfitting**: when training loss and test loss part ways
- **evaluation-metrics**: what to report, which need not be what is minimized

## Sources
- [dettmers2015]
- [overview]
- [lecun2015]
"""

TITLE = "Loss Function"
ALIASES = (
    "loss",
    "cost function",
    "cost",
    "objective function",
    "error function",
    "objective",
    "mean squared error",
    "mse",
    "squared error",
)

DEMO = {
    "epochs": 40,
    "batch_size": 32,
    "learning_rate": 0.05,
    "datasets": ("synthetic",),
    "quick": {"epochs": 8},
}

PREREQUISITES = ("parameter",)

PREDICT = {
    "question": "A line is fitted to points of y = 2x + 1 after a tenth of the training targets were "
    "moved up by 10: once by minimizing squared error, once by minimizing absolute error. "
    "On clean test points, which line misses by more on average?",
    "options": {
        "A": "the squared-error line",
        "B": "the absolute-error line",
        "C": "neither: they miss by about the same (within a factor of two)",
        "D": "it depends on the seed",
    },
    "why": 'The choice of loss decides what "wrong" means. Squared error punishes a miss of 4 sixteen '
    "times as much as a miss of 1, so it cares a lot about outliers.",
}

RECALL = (
    {
        "question": "Why is a classifier trained on cross-entropy while its accuracy is what gets reported?",
        "options": {
            "A": "accuracy is flat almost everywhere, so its gradient gives no direction",
            "B": "accuracy is too slow to compute on every batch",
            "C": "accuracy cannot be averaged over the examples of a batch",
            "D": "cross-entropy is always higher, so it is easier to lower",
        },
        "answer": "A",
        "why": "Accuracy fails this test: it is flat almost everywhere, so its gradient is zero and gives "
        "no direction. That is why one trains on cross-entropy and reports accuracy.",
    },
)

__all__ = ["squared_error", "absolute_error", "SquaredError", "AbsoluteError"]

# Everything above is read by the registry without importing this module; the code below needs Keras.
import keras
import numpy as np
from keras import ops

from nutshell.glossary._claims import Part, at_least, at_most, held_on_some_seeds, recorded_parts
from nutshell.glossary._run import Run
from nutshell.glossary.mlp import mlp


def squared_error(y, prediction):
    """ℓ = (ŷ − y)², averaged over the outputs of each example: Keras's "mse".

    Its slope 2(ŷ − y) grows with the miss, so one point that is far off pulls as hard as many
    that are slightly off. The constant that minimises the average is the mean of the targets.

    Example:
        >>> ops.convert_to_numpy(squared_error(np.array([[3.0], [3.0]]), np.array([[2.5], [5.0]])))
        array([0.25, 4.  ], dtype=float32)
    """
    y, prediction = _aligned(y, prediction)
    return ops.mean(ops.square(prediction - y), axis=-1)


def absolute_error(y, prediction):
    """ℓ = |ŷ − y|, averaged over the outputs of each example: Keras's "mae".

    Its slope is ±1 however large the miss, so a far-off point pulls no harder than a near one.
    The constant that minimises the average is the median of the targets.
    """
    y, prediction = _aligned(y, prediction)
    return ops.mean(ops.abs(prediction - y), axis=-1)


def _aligned(y, prediction):
    """Both as float32 of the prediction's shape ((batch,) labels become (batch, 1))."""
    prediction = ops.cast(prediction, "float32")
    return ops.reshape(ops.cast(y, "float32"), ops.shape(prediction)), prediction


@keras.saving.register_keras_serializable(package="nutshell")
class SquaredError(keras.losses.Loss):
    """`squared_error` as a Keras loss (the mean over the batch), like keras.losses.MeanSquaredError:
    a model compiled with it saves and reloads by name."""

    def __init__(self, reduction="sum_over_batch_size", name="squared_error", dtype=None):
        super().__init__(name=name, reduction=reduction, dtype=dtype)

    def call(self, y_true, y_pred):
        return squared_error(y_true, y_pred)


@keras.saving.register_keras_serializable(package="nutshell")
class AbsoluteError(keras.losses.Loss):
    """`absolute_error` as a Keras loss (the mean over the batch), like keras.losses.MeanAbsoluteError:
    a model compiled with it saves and reloads by name."""

    def __init__(self, reduction="sum_over_batch_size", name="absolute_error", dtype=None):
        super().__init__(name=name, reduction=reduction, dtype=dtype)

    def call(self, y_true, y_pred):
        return absolute_error(y_true, y_pred)


# --- the demo --------------------------------------------------------------------------------

OUTLIER_SHARE, OUTLIER_SIZE = 0.1, 10.0  # a tenth of the training targets off by +10
# Bars chosen on seeds 100-102 (--quick, fresh data), where the misses on clean test points were
# 0.96-1.09 for squared error, 0.079-0.081 for absolute error and 0.079 for squared error on
# clean targets (the noise alone, σ = 0.1, gives a mean miss of 0.08).
_BARS = {"dragged": 0.5, "robust": 0.15}


def _noisy_line(n, rng):
    """Points on y = 2x + 1 with a little noise (σ = 0.1)."""
    x = rng.uniform(-1, 1, (n, 1)).astype("float32")
    return x, (2 * x + 1 + rng.normal(0, 0.1, (n, 1))).astype("float32")


def _fit_line(run: Run, loss, train, name=None):
    """Fit ŷ = wx + b with `loss` (Adam at the run's rate) and return the trained model."""
    model = mlp((1,), hidden=(), outputs=1, name=f"line_{loss.name}")
    run.compile(model, loss=loss)
    run.fit(model, *train, name=name)
    return model


def measure(model, test) -> tuple[float, float, float]:
    """(mean distance from the clean test targets, w, b) of a fitted line."""
    miss = float(ops.mean(absolute_error(test[1], model.predict(test[0], verbose=0))))
    kernel, bias = (ops.convert_to_numpy(v) for v in model.get_layer("output").weights)
    return miss, float(kernel[0, 0]), float(bias[0])


def claim_parts(squared_miss: float, absolute_miss: float, clean_miss: float) -> list[Part]:
    """Squared error is dragged by the outliers, absolute error is not, and squared error fits
    clean targets (so the drag is the outliers' doing, not the loss failing to fit a line)."""
    return [
        at_least("squared_error_miss", squared_miss, _BARS["dragged"]),
        at_most("absolute_error_miss", absolute_miss, _BARS["robust"]),
        at_most("squared_error_clean_miss", clean_miss, _BARS["robust"]),
    ]


def outcome(claim: dict) -> str:
    """Which PREDICT option the measured claim shows: the squared-error line's mean miss against
    the absolute-error line's, more than twice it (A), less than half (B), else C; D if either
    bar held on some seeds only."""
    parts = recorded_parts(claim)
    squared, absolute = parts["squared_error_miss"], parts["absolute_error_miss"]
    if held_on_some_seeds(squared, absolute):
        return "D"
    if squared["mean"] > 2 * absolute["mean"]:
        return "A"
    return "B" if absolute["mean"] > 2 * squared["mean"] else "C"


def demo(run: Run) -> None:
    """Squared error lets a few gross errors drag the fit; absolute error shrugs them off."""
    rng = np.random.default_rng(run.seed)
    x, y = _noisy_line(1000, rng)
    corrupted = rng.random(len(y)) < OUTLIER_SHARE
    y_bad = y + OUTLIER_SIZE * corrupted[:, None].astype("float32")
    test = _noisy_line(500, rng)
    run.say(
        f"A line fitted to 1,000 points of y = 2x + 1, {corrupted.mean():.0%} of them moved up "
        f"by {OUTLIER_SIZE:g}; scored on clean test points."
    )
    fits = {
        "squared error": measure(_fit_line(run, SquaredError(), (x, y_bad), name="squared-error"), test),
        "absolute error": measure(_fit_line(run, AbsoluteError(), (x, y_bad)), test),
        "squared error, no outliers": measure(_fit_line(run, SquaredError(), (x, y), name="squared-error-clean"), test),
    }
    run.say(
        run.table(
            "fits",
            ["loss", "training targets", "fitted line", "mean miss on clean test points"],
            [
                [
                    label.split(",")[0],
                    "clean" if "no outliers" in label else "with outliers",
                    f"{w:.2f}x + {b:.2f}",
                    miss,
                ]
                for label, (miss, w, b) in fits.items()
            ],
        )
    )
    squared, absolute, clean = (fits[k][0] for k in fits)
    run.metrics(
        {
            "test_miss_squared_error": squared,
            "test_miss_absolute_error": absolute,
            "test_miss_squared_error_clean": clean,
        }
    )
    run.claim(
        f"With {OUTLIER_SHARE:.0%} of the targets off by +{OUTLIER_SIZE:g}, the line fitted with "
        "squared error misses clean test points by >= {squared_error_miss:g} on average (dragged "
        "towards the outliers), the one fitted with absolute error by <= {absolute_error_miss:g}; "
        "on clean targets squared error fits too (<= {squared_error_clean_miss:g}).",
        claim_parts(squared, absolute, clean),
        squared_error_intercept=fits["squared error"][2],
        absolute_error_intercept=fits["absolute error"][2],
    )
