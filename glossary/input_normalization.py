"""Input normalization rescales every input feature to a common range before training, most often by
standardizing it to mean 0 and standard deviation 1, so that gradient descent sees a round bowl
instead of a long, narrow trough.

## Intuition
Suppose one input is a distance in metres (thousands) and another a count of rooms (a few). A
small change in the weight on the big input moves the prediction a lot; the weight on the small
input must move far to matter. The loss surface is then a steep, narrow ravine: a learning rate
small enough not to overshoot across the steep side crawls along the flat side. Putting every
feature on the same scale makes all directions equally steep, so one rate suits them all.

## The math
Standardization uses the mean μⱼ and standard deviation σⱼ of feature j over the training set:
x′ⱼ = (xⱼ − μⱼ) / σⱼ. The same μ and σ, never recomputed, are applied to validation and test
data. Whitening goes one step further: it also removes the correlations between features,
x′ = Σ^(−½)(x − μ) with Σ the covariance matrix.

For a linear model with mean squared error, the curvature (Hessian) is H = (2/N) X̃ᵀX̃, with X̃
the inputs plus a column of ones for the bias. For centred, uncorrelated features its eigenvalues
are 2σⱼ², so the condition number is κ = (σ_max / σ_min)², counting the bias as a feature with
σ = 1. Gradient descent needs a rate below 2/λ_max, and then needs about κ steps to fit the
flattest direction (see optimizer).

Worked example: two centred, uncorrelated features with σ₁ = 1 and σ₂ = 1000. The curvatures are
2 and 2 × 10⁶, the best fixed rate is about 10⁻⁶, and along feature 1 each step shrinks the error
only by a factor 1 − 2 × 10⁻⁶: about 3.5 million steps to cut it 1000-fold. Standardized, both
curvatures are 2, the rate can be 0.5, and a single step lands on the minimum.

LeCun et al. (1998) recommend shifting every input to mean zero, scaling them to similar
variances and, where possible, decorrelating them.

## Try it
`nutshell demo input-normalization` fits a line by full-batch gradient descent, each time at the
best fixed rate for its curvature, on raw features with standard deviations 1, 10 and 100 and on
the same features standardized, and counts the steps until the loss's excess over its minimum
falls 1000-fold. With `--quick` (seeds 0-4) the raw runs took 14,376-18,550 steps (condition
number 9,706-11,940), the standardized ones 1-2 steps (condition number 1.05-1.20). Left raw,
both runs are the same and the claim fails.

## See also
- **optimizer**: adaptive optimizers rescale gradients instead of inputs
- **gradient-descent**: whose stable rate the steepest direction sets
- **feature-engineering**: preparing inputs by hand
- **batch-normalization**: the same idea applied inside the network

## Sources
- [lecun1998backprop]
"""

TITLE = "Input Normalization"
ALIASES = (
    "input normalization",
    "input normalisation",
    "standardization",
    "standardisation",
    "feature scaling",
    "z-score",
    "z-score normalization",
    "normalization layer",
    "input standardization",
    "feature normalization",
    "whitening",
)

DEMO = {
    "epochs": 1,
    "batch_size": 512,
    "learning_rate": 0.1,
    "datasets": ("synthetic",),
    "quick": {},
    "ignores": {
        "epochs": "the demo runs gradient descent until the loss target is reached (at most 10⁶ steps), "
        "counting steps, so there are no epochs to set",
        "learning_rate": "each run steps at the best fixed rate 2/(λ_max + λ_min) for its own curvature, "
        "measured from the data, so a rate given here would mean nothing",
        "batch_size": "every step is a full-batch step over the 512 training points",
    },
}

PREREQUISITES = ("gradient-descent",)

PREDICT = {
    "question": "Full-batch gradient descent fits a line to three inputs whose standard deviations are "
    "1, 10 and 100, at the best fixed rate for that loss surface. A second run first standardizes "
    "each input to mean 0 and standard deviation 1, again at its own best rate. How many times more "
    "steps does the raw run need to get the loss close to its minimum?",
    "options": {
        "A": "about as many: the best rate already adapts to the scales",
        "B": "a few times more",
        "C": "thousands of times more",
        "D": "it depends on the seed",
    },
    "why": "For centred, uncorrelated features its eigenvalues are 2σⱼ², so the condition number is "
    "κ = (σ_max / σ_min)², counting the bias as a feature with σ = 1. Gradient descent needs a rate "
    "below 2/λ_max, and then needs about κ steps to fit the flattest direction (see optimizer).",
}

RECALL = (
    {
        "question": "Standardized inputs for the test set: which mean and standard deviation are used?",
        "options": {
            "A": "those of the test set itself",
            "B": "those of the training set, stored and reused",
            "C": "0 and 1, whatever the data",
            "D": "those of the training and test sets pooled",
        },
        "answer": "B",
        "why": "The same μ and σ, never recomputed, are applied to validation and test data.",
    },
)

__all__ = ["StandardizationFromScratch"]

# Everything above is read by the registry without importing this module; the code below needs Keras.
import math

import keras
import numpy as np
from keras import ops

from nutshell.glossary._claims import Part, at_least, at_most, held_on_some_seeds, recorded_parts
from nutshell.glossary._run import Run


@keras.saving.register_keras_serializable(package="nutshell")
class StandardizationFromScratch(keras.layers.Layer):
    """Standardize each feature (the last axis): (x − μ) / σ, with μ and σ learnt by `adapt`.

    `adapt(data)` measures each feature's mean and variance over the training data and stores
    them as non-trainable weights, so they are saved with the model and the very same numbers
    are applied to every later input. Before `adapt` the layer is the identity (μ = 0, σ² = 1).
    A feature with zero variance is divided by `epsilon` instead of by 0. Equals
    `keras.layers.Normalization()` after the same `adapt`.

    Args:
        epsilon: the smallest σ divided by, > 0.

    Input shape: (..., features). Output shape: the same.

    Example:
        >>> import numpy as np
        >>> layer = StandardizationFromScratch()
        >>> layer.adapt(np.array([[1.0, 100.0], [3.0, 300.0]]))
        >>> ops.convert_to_numpy(layer(np.array([[2.0, 500.0]]))).tolist()
        [[0.0, 3.0]]
    """

    def __init__(self, epsilon: float = 1e-7, **kwargs):
        super().__init__(**kwargs)
        if not isinstance(epsilon, (int, float)) or not epsilon > 0:
            raise ValueError(f"epsilon must be a positive number, not {epsilon!r}")
        self.epsilon = float(epsilon)

    def build(self, input_shape):
        features = (input_shape[-1],)
        self.mean = self.add_weight(shape=features, initializer="zeros", trainable=False, name="mean")
        self.variance = self.add_weight(shape=features, initializer="ones", trainable=False, name="variance")

    def adapt(self, data) -> None:
        """Measure and store each feature's mean and (population) variance over `data`."""
        data = np.asarray(data, dtype="float64")
        if not self.built:
            self.build(data.shape)
        if data.ndim < 1 or data.shape[-1] != self.mean.shape[0]:
            raise ValueError(f"adapt needs data with {self.mean.shape[0]} features on its last axis, not {data.shape}")
        rows = data.reshape(-1, data.shape[-1])
        self.mean.assign(rows.mean(axis=0))
        self.variance.assign(rows.var(axis=0))

    def call(self, inputs):
        sigma = ops.maximum(ops.sqrt(self.variance), self.epsilon)
        return (inputs - self.mean) / sigma

    def compute_output_shape(self, input_shape):
        return input_shape

    def get_config(self):
        return {**super().get_config(), "epsilon": self.epsilon}


# --- the demo --------------------------------------------------------------------------------

SCALES = (1.0, 10.0, 100.0)  # the raw inputs' standard deviations
POINTS = 512
TOLERANCE = 1e-3  # the target: the loss's excess over its minimum down to 1/1000 of its start
MAX_STEPS = 1_000_000

# The bar, chosen on seeds 100-104 (never reported): the raw run needed 14,172-17,325 steps, the
# standardized one 2 every time, a ratio of 7,086-8,662 (the raw condition number was 9,669-11,209,
# the standardized one 1.08-1.30). 5000 is a round bar the worst of those seeds clears by >= 10%.
MIN_STEP_RATIO = 5000
MIN_RAW_CONDITION_NUMBER = 5000  # (100/1)² = 10⁴ by construction, give or take the sample
MAX_STANDARDIZED_CONDITION_NUMBER = 2  # 1 if the sample's features were exactly uncorrelated


def _line(rng):
    """y = x₁ − x₂/10 + x₃/200 + 0.3 + noise: each input matters as much, measured in its own sd."""
    z = rng.normal(size=(POINTS, len(SCALES)))
    y = z @ np.array([1.0, -1.0, 0.5]) + 0.3 + rng.normal(0, 0.1, POINTS)
    return (z * np.array(SCALES)).astype("float32"), y.astype("float32")


def steps_to_fit(x, y) -> tuple[int, float, list[float]]:
    """Full-batch gradient descent on the mean squared error of ŷ = xw + b, from zero weights, at
    the best fixed rate 2/(λ_max + λ_min) of its Hessian H = (2/N) x̃ᵀx̃, until the loss's excess
    over its minimum is down to TOLERANCE of its start.

    Returns the steps taken, H's condition number, and the excess (as a fraction of its start)
    after each step. The loss is a quadratic: its gradient is Hw − c with c = (2/N) x̃ᵀy, and its
    excess over the minimum w* is ½ (w − w*)ᵀ H (w − w*)."""
    design = np.concatenate([np.asarray(x, "float64"), np.ones((len(x), 1))], axis=1)
    hessian = 2.0 / len(design) * design.T @ design
    c = 2.0 / len(design) * design.T @ np.asarray(y, "float64")
    curvatures = np.linalg.eigvalsh(hessian)
    rate = 2.0 / (curvatures[0] + curvatures[-1])
    best = np.linalg.solve(hessian, c)
    w = np.zeros(len(c))
    start, fractions = 0.5 * best @ hessian @ best, []
    while len(fractions) < MAX_STEPS and (not fractions or fractions[-1] > TOLERANCE):
        w = w - rate * (hessian @ w - c)
        fractions.append(0.5 * (w - best) @ hessian @ (w - best) / start)
    return len(fractions), float(curvatures[-1] / curvatures[0]), fractions


def measure(raw: tuple, standardized: tuple) -> dict:
    """Two steps_to_fit results in, the numbers of the claim out."""
    return {
        "steps_raw": raw[0],
        "steps_standardized": standardized[0],
        "step_ratio": raw[0] / standardized[0],
        "condition_number_raw": raw[1],
        "condition_number_standardized": standardized[1],
    }


def claim_parts(m: dict) -> list[Part]:
    """Standardizing cuts the steps to the loss target by a factor of thousands, because it makes
    the bowl round: condition number about 1 instead of about (100/1)² = 10⁴."""
    return [
        at_least("step_ratio", m["step_ratio"], MIN_STEP_RATIO),
        at_least("condition_number_raw", m["condition_number_raw"], MIN_RAW_CONDITION_NUMBER, kind="identity"),
        at_most(
            "condition_number_standardized",
            m["condition_number_standardized"],
            MAX_STANDARDIZED_CONDITION_NUMBER,
            kind="identity",
        ),
    ]


def demo(run: Run) -> None:
    """Gradient descent on raw inputs of very different scales, and on the same inputs standardized."""
    x, y = _line(np.random.default_rng(run.seed))
    standardize = StandardizationFromScratch()
    standardize.adapt(x)  # the training set's μ and σ, stored in the layer
    run.say(f"{POINTS} points, inputs with standard deviations {', '.join(f'{s:g}' for s in SCALES)}.")
    runs = {"raw": steps_to_fit(x, y), "standardized": steps_to_fit(ops.convert_to_numpy(standardize(x)), y)}
    for name, (steps, _, fractions) in runs.items():  # TIME SERIES: log10 of the excess, at most ~200 points
        every = max(1, steps // 200)
        for step in range(every, steps + 1, every):
            run.scalars({name: math.log10(max(fractions[step - 1], 1e-30))}, step=step, prefix="excess_loss_log10")

    m = measure(runs["raw"], runs["standardized"])
    run.say(
        run.table(
            "gradient_descent_to_the_loss_target",
            ["inputs", "condition number of H", "steps to cut the excess loss 1000-fold"],
            [
                ["raw", m["condition_number_raw"], m["steps_raw"]],
                ["standardized", m["condition_number_standardized"], m["steps_standardized"]],
            ],
        )
    )
    run.metrics({"steps_raw": m["steps_raw"], "steps_standardized": m["steps_standardized"]})
    run.claim(
        "Full-batch gradient descent fitting a line, each run at the best fixed rate for its own loss "
        f"surface: on raw inputs with standard deviations {', '.join(f'{s:g}' for s in SCALES)} it needs "
        ">= {step_ratio:g}x as many steps to cut the loss's excess over its minimum 1000-fold as on the "
        "same inputs standardized. The curvature's condition number: >= {condition_number_raw:g} raw, "
        "<= {condition_number_standardized:g} standardized.",
        claim_parts(m),
        steps_raw=m["steps_raw"],
        steps_standardized=m["steps_standardized"],
    )


def outcome(claim: dict) -> str:
    """Which PREDICT option the step ratio shows: about 1 (A), a few (B), thousands (C), or the
    bar met on some seeds only (D)."""
    ratio = recorded_parts(claim)["step_ratio"]
    if held_on_some_seeds(ratio):
        return "D"
    if ratio["mean"] >= 500:
        return "C"
    return "B" if ratio["mean"] >= 2 else "A"
