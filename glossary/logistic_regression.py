"""Logistic regression is a classifier that passes a weighted sum of the inputs through the sigmoid
to get the probability of the positive class; it is a neural network with no hidden layer.

## Intuition
Despite its name it classifies: "regression" refers to fitting the log-odds of the class as a
straight-line function of the inputs. Its decision boundary is therefore a line (or hyperplane),
and each weight has a plain meaning: how much one unit more of that input raises or lowers the
odds. That readability, plus reliable estimates from modest data when its statistical assumptions
hold, is why medicine and the social sciences lean on it; its speed makes it useful on huge data
sets too.

In deep learning it shows up at the end of the network. A classifier net can be read as several
feature-learning layers followed by a logistic regression (or its multi-class form) that turns
the learned features into class probabilities. A single sigmoid unit is exactly this model.

## The math
For input x, weights w and bias b:

    p = P(y = 1 | x) = σ(w·x + b),   σ(z) = 1 / (1 + e^(−z))

Equivalently ln(p / (1 − p)) = w·x + b, so raising xᵢ by 1 multiplies the odds by e^(wᵢ).

Training minimises the binary cross-entropy L = −[y ln p + (1 − y) ln(1 − p)], whose gradient is
∂L/∂w = (p − y)x and ∂L/∂b = p − y. The average loss is convex in w and b, so gradient descent
does not get stuck in a bad local minimum (on perfectly separable data the weights grow without
bound unless regularised).

Multinomial form for K classes: p = softmax(Wx + b), with W of shape K × n.

Example: w = (2, −1), b = 0.5, x = (1, 3) gives z = 2 − 3 + 0.5 = −0.5 and p = σ(−0.5) ≈ 0.378,
so with a 0.5 threshold the prediction is class 0.

## Try it
`nutshell demo logistic-regression` draws examples from p = σ(2x₁ − x₂ + 0.5), finds the loss's
minimum with Newton's method, and trains a sigmoid unit by full-batch gradient descent from
three starts (zeros, small, far). In quick mode (2,000 examples) on seeds 0-4 all three ended
within 0.0025 of Newton's answer, which lay within 0.076-0.097 of the true weights. Train with
squared error in place of cross-entropy and the starts no longer meet at the likelihood's
minimum: the claim fails.

## See also
- **sigmoid**: the squashing function it uses
- **softmax**: its multi-class version
- **cross-entropy**: the loss it is trained with
- **unit**: one sigmoid unit is this model
- **perceptron**: the hard-threshold predecessor
- **logit**: the log-odds it models as a linear function

## Sources
- [dettmers2015]
- [raschka] — a log-sigmoid unit read as logistic regression
- [cox1958]
"""

TITLE = "Logistic regression"
ALIASES = (
    "logit model",
    "multinomial logistic regression",
    "logistic classifier",
    "logit regression",
    "softmax regression",
    "binary logistic regression",
)

DEMO = {
    "epochs": 20,
    "batch_size": 5000,
    "learning_rate": 2.0,
    "datasets": ("synthetic",),
    "quick": {"epochs": 6},
}

PREREQUISITES = ("unit", "sigmoid")

PREDICT = {
    "question": "Labels are drawn at random from a known logistic model with weights (2, −1) and bias "
    "0.5. A sigmoid unit is then trained on them with cross-entropy by plain gradient "
    "descent, three times: from zero weights, from small random ones and from weights far "
    "from zero. Where do the three runs end?",
    "options": {
        "A": "at the same weights, close to the ones that generated the labels",
        "B": "at different weights: each start settles in a minimum of its own",
        "C": "at the same weights, but far from the ones that generated the labels",
        "D": "it depends on the seed",
    },
    "why": "Training minimises the binary cross-entropy L = −[y ln p + (1 − y) ln(1 − p)], whose "
    "gradient is ∂L/∂w = (p − y)x and ∂L/∂b = p − y. The average loss is convex in w and b, so "
    "gradient descent does not get stuck in a bad local minimum (on perfectly separable data "
    "the weights grow without bound unless regularised).",
}

RECALL = (
    {
        "question": "In a fitted logistic regression the weight on input x₁ is 0.7. What happens to the "
        "odds of the positive class when x₁ grows by 1?",
        "options": {
            "A": "they are multiplied by e^0.7, about 2",
            "B": "they grow by 0.7",
            "C": "the probability of the positive class grows by 0.7",
            "D": "they are multiplied by 0.7",
        },
        "answer": "A",
        "why": "Equivalently ln(p / (1 − p)) = w·x + b, so raising xᵢ by 1 multiplies the odds by e^(wᵢ).",
    },
    {
        "question": "Logistic regression picks a class. What does the word \"regression\" in its name refer to?",
        "options": {
            "A": "fitting the log-odds of the class as a straight-line function of the inputs",
            "B": "its output, a real number that is rounded to a class afterwards",
            "C": "predictions drifting back towards the average class",
            "D": "an older use of the method for predicting prices",
        },
        "answer": "A",
        "why": "Despite its name it classifies: \"regression\" refers to fitting the log-odds of the class "
        "as a straight-line function of the inputs.",
    },
)

__all__ = ["sample_logistic", "newton_fit"]

# Everything above is read by the registry without importing this module; the code below needs Keras.
import keras
import numpy as np
from keras import ops

from nutshell.glossary._claims import Part, at_most, held_on_some_seeds, recorded_parts
from nutshell.glossary._run import Run
from nutshell.glossary.cross_entropy import BinaryCrossEntropy
from nutshell.glossary.unit import Unit

TRUE_WEIGHTS, TRUE_BIAS = np.array([2.0, -1.0]), 0.5  # the worked example above


def sample_logistic(
    n: int, weights=TRUE_WEIGHTS, bias: float = TRUE_BIAS, seed: int = 0
) -> tuple[np.ndarray, np.ndarray]:
    """Data drawn from the model itself: x ~ N(0, I), y = 1 with probability σ(w·x + b)."""
    rng = np.random.default_rng(seed)
    x = rng.normal(0, 1, (n, len(weights)))
    p = 1 / (1 + np.exp(-(x @ weights + bias)))
    return x.astype("float32"), (rng.random(n) < p).astype("float32")


def newton_fit(x, y, steps: int = 25) -> tuple[np.ndarray, float]:
    """The maximum-likelihood (w, b) by Newton's method, in float64: the loss's one minimum.

    The mean cross-entropy has gradient x̃ᵀ(p − y)/N and Hessian x̃ᵀ diag(p(1 − p)) x̃ / N, which
    is positive definite: the loss is convex, so Newton's steps θ ← θ − H⁻¹∇L head straight for
    the single minimum that gradient descent must also find, from any start.
    """
    design = np.concatenate([np.asarray(x, "float64"), np.ones((len(x), 1))], axis=1)
    theta = np.zeros(design.shape[1])
    for _ in range(steps):
        p = 1 / (1 + np.exp(-design @ theta))
        gradient = design.T @ (p - y) / len(y)
        hessian = (design * (p * (1 - p))[:, None]).T @ design / len(y)
        theta -= np.linalg.solve(hessian, gradient)
    return theta[:-1], float(theta[-1])


# --- the demo --------------------------------------------------------------------------------

STARTS = {"zeros": 0.0, "small": 0.1, "far": 3.0}  # how far from 0 each run's weights start
STEPS_PER_EPOCH = 10  # full-batch steps per epoch
LOSS = BinaryCrossEntropy  # the log-likelihood's negative: what makes the problem convex
# The bars, chosen in quick mode on seeds 100-104 (fresh samples, never reported): the three
# starts ended 0.0009-0.0027 from Newton's answer, which was 0.048-0.141 from the true weights.
SAME_MINIMUM, NEAR_TRUTH = 0.01, 0.25


def claim_parts(to_minimum: float, to_truth: float) -> list[Part]:
    """Every start ends at the loss's one minimum, and that minimum is near the true weights."""
    return [
        at_most("largest_distance_to_minimum", to_minimum, SAME_MINIMUM),
        at_most("largest_error_vs_truth", to_truth, NEAR_TRUTH),
    ]


def outcome(claim: dict) -> str:
    """Which PREDICT option the measured claim shows: did the three starts meet, and where.

    Met: the farthest start ended within the bar (0.01) of Newton's minimum. Near the truth: that
    minimum lies within its bar (0.25) of the generating weights. "D" when either part held on
    some seeds and not on others.
    """
    parts = recorded_parts(claim)
    met, truth = parts["largest_distance_to_minimum"], parts["largest_error_vs_truth"]
    if held_on_some_seeds(met, truth):
        return "D"
    if met["mean"] > met["bar"]:
        return "B"
    return "A" if truth["mean"] <= truth["bar"] else "C"


def _descend(run: Run, x, y, start: str, scale: float, rng) -> np.ndarray:
    """Plain full-batch gradient descent on one sigmoid unit from a random start; returns (w₁, w₂, b).

    The mean cross-entropy curves at most a quarter as much as the inputs' own second moments
    (σ' <= 1/4): about 0.26 here, so any step below 2/0.26 ≈ 7.7 goes downhill.
    """
    model = keras.Sequential([keras.Input((2,)), Unit("sigmoid")], name=f"logistic_regression_{start}")
    model.set_weights([rng.uniform(-scale, scale, (2, 1)), rng.uniform(-scale, scale, (1,))])
    run.compile(model, loss=LOSS(), metrics=["accuracy"], optimizer="sgd")
    tiled = np.tile(x, (STEPS_PER_EPOCH, 1)), np.tile(y, STEPS_PER_EPOCH)  # copies in a row
    run.fit(
        model,
        *tiled,
        batch_size=min(run.batch_size, len(x)),
        shuffle=run.batch_size < len(x),
        name=None if start == "small" else f"start-{start}",
    )
    kernel, bias = (ops.convert_to_numpy(v) for v in model.weights)
    return np.append(kernel[:, 0], bias)


def demo(run: Run) -> None:
    """Logistic regression recovers the weights that generated the data, from any start."""
    n = 2000 if run.quick else 5000
    x, y = sample_logistic(n, seed=run.seed)
    best_w, best_b = newton_fit(x, y)
    rng = np.random.default_rng(run.seed + 1)
    run.say(
        f"{n} examples drawn from p = σ({TRUE_WEIGHTS[0]:g}x₁ {TRUE_WEIGHTS[1]:+g}x₂ {TRUE_BIAS:+g}); "
        f"the loss's minimum (Newton's method): w = ({best_w[0]:.3f}, {best_w[1]:.3f}), b = {best_b:.3f}"
    )
    found = {start: _descend(run, x, y, start, scale, rng) for start, scale in STARTS.items()}
    best = np.append(best_w, best_b)
    truth = np.append(TRUE_WEIGHTS, TRUE_BIAS)
    to_minimum = max(float(np.abs(theta - best).max()) for theta in found.values())
    to_truth = float(np.abs(best - truth).max())
    run.say(
        run.table(
            "weights",
            ["run", "w₁", "w₂", "b", "odds ×e^(w₁) per unit of x₁"],
            [
                [name, *t, np.exp(t[0])]
                for name, t in {
                    "truth": truth,
                    "Newton (minimum)": best,
                    **{f"from {start} weights": t for start, t in found.items()},
                }.items()
            ],
        )
    )
    run.metrics({"largest_distance_to_minimum": to_minimum, "largest_error_vs_truth": to_truth})
    run.claim(
        "Trained by gradient descent from three different starts, logistic regression lands on "
        "the same weights, the loss's one minimum (each within {largest_distance_to_minimum:g} of "
        "Newton's answer), and that minimum recovers the weights that generated the data (each "
        f"within {{largest_error_vs_truth:g}} of ({TRUE_WEIGHTS[0]:g}, {TRUE_WEIGHTS[1]:g}, "
        f"{TRUE_BIAS:g})).",
        claim_parts(to_minimum, to_truth),
        w1=float(best[0]),
        w2=float(best[1]),
        b=float(best[2]),
    )
