"""Gradient descent minimizes a loss by repeatedly moving every parameter a small step against the
gradient, the direction in which the loss rises fastest, so that each step lowers the loss a
little.

## Intuition
Imagine standing on a hillside in thick fog, trying to reach the valley floor. You cannot see the
valley, but you can feel which way the ground tilts under your feet, so you take a step downhill,
feel again, and repeat. The gradient is that tilt, measured for every parameter at once, and the
learning rate is the length of your stride. Too short a stride and you crawl; too long and you
leap across the valley and may end up higher than where you started.

## The math
For parameters θ = (θ_1, ..., θ_p) and a loss L(θ), the gradient ∇L(θ) = (∂L/∂θ_1, ..., ∂L/∂θ_p)
points uphill. One update with learning rate η > 0 is

θ ← θ − η ∇L(θ)

Worked example: L(w) = (w − 3)², so ∂L/∂w = 2(w − 3). Start at w = 0 with η = 0.1.
Step 1: gradient −6, w becomes 0.6. Step 2: gradient −4.8, w becomes 1.08. Each step multiplies
the distance to the minimum by 1 − 2η = 0.8, so w approaches 3. With η = 1.1 the factor is −1.2:
w overshoots further each time and diverges. The workable range of η depends on the curvature of L.

"Batch" or full gradient descent computes ∇L over the whole training set before every step. In
deep learning that is usually too slow, so the gradient is estimated from a small random sample
instead (stochastic gradient descent), with the gradients supplied by backpropagation.

## Common confusions
- The gradient is not the step: the step is −η times the gradient.
- Neural network losses are not convex, so there is no promise of reaching the global minimum.
  In large networks poor local minima turn out to be a smaller problem than once feared; flat
  regions and saddle points slow training more often.

## Try it
`nutshell demo gradient-descent` fits a linear model to 512 points by full-batch descent, with step
sizes set from the loss's largest curvature λ (7.85 at seed 0, so the limit 2/λ is 0.255). With
`--quick` (60 steps, seeds 0-4), at 0.9 of the limit the excess loss over the minimum shrinks to
at most 4 × 10⁻⁶ of its start; at 1.1 of it the excess grows 1.6 × 10⁸ to 2.3 × 10⁹-fold. The
claim asks for 1000-fold either way. Misjudge λ by 20% and "0.9 of the limit" is 1.125 of the
real one: that run diverges too, and the claim fails.

## See also
- **sgd**: the mini-batch version used in practice
- **backpropagation**: how the gradient of a network is computed
- **loss-function**: the surface being descended
- **parameter**: the numbers that each step changes
- **local-minimum**: where descent can stall on a non-convex loss
- **input-normalization**: rescaled inputs make the loss surface round

## Sources
- [lecun2015]
- [overview]
- [cauchy1847]
"""

TITLE = "Gradient Descent"
ALIASES = (
    "gradient",
    "learning rate",
    "step size",
    "steepest descent",
    "batch gradient descent",
    "full-batch gradient descent",
    "partial derivative",
    "optimization",
    "optimisation",
)

DEMO = {
    "steps_per_execution": 10,
    "epochs": 10,
    "batch_size": 512,
    "learning_rate": 0.1,
    "datasets": ("synthetic",),
    "quick": {"epochs": 6},
    "ignores": {
        "learning_rate": "the demo sets its step sizes from the curvature it measures (0.5, 0.9 and "
        "1.1 times the limit 2/λ), so a rate given here would mean nothing",
        "batch_size": "every step is a full-batch step: the batch is the whole training set of 512 points",
    },
}

PREREQUISITES = ("loss-function", "parameter")

PREDICT = {
    "question": "Full-batch gradient descent fits least squares, with λ the largest curvature of the "
    "loss, measured from the data. One run steps at η = 0.9 × 2/λ, another at η = 1.1 × 2/λ, "
    "for the same number of steps. What happens to the loss's excess over its minimum?",
    "options": {
        "A": "both runs shrink it",
        "B": "the 0.9 run shrinks it, the 1.1 run makes it grow",
        "C": "both runs make it grow",
        "D": "the 1.1 run shrinks it, the 0.9 run makes it grow",
        "E": "it depends on the seed",
    },
    "why": "Each step multiplies the distance to the minimum by 1 − 2η = 0.8, so w approaches 3. With "
    "η = 1.1 the factor is −1.2: w overshoots further each time and diverges. The workable "
    "range of η depends on the curvature of L.",
}

RECALL = (
    {
        "question": "Gradient descent on L(w) = (w − 3)² starts at w = 0 with learning rate 0.1. Where is "
        "w after two steps?",
        "options": {"A": "0.6", "B": "1.08", "C": "1.2", "D": "3.0"},
        "answer": "B",
        "why": "Step 1: gradient −6, w becomes 0.6. Step 2: gradient −4.8, w becomes 1.08.",
    },
)

__all__ = ["gradient_descent", "largest_curvature"]

# Everything above is read by the registry without importing this module; the code below needs Keras.
import keras
import numpy as np

from nutshell.glossary._claims import Part, at_least, at_most, held_on_some_seeds, recorded_parts
from nutshell.glossary._run import Run
from nutshell.glossary.loss_function import SquaredError
from nutshell.glossary.mlp import mlp


def gradient_descent(gradient, theta, learning_rate: float, steps: int) -> list:
    """θ ← θ − η ∇L(θ), `steps` times; returns every θ visited, the start included.

    Example, L(w) = (w − 3)² from w = 0 with η = 0.1 (each step keeps 0.8 of the distance to 3):
        >>> [round(w, 3) for w in gradient_descent(lambda w: 2 * (w - 3), 0.0, 0.1, 3)]
        [0.0, 0.6, 1.08, 1.464]
    """
    path = [theta]
    for _ in range(steps):
        theta = theta - learning_rate * gradient(theta)
        path.append(theta)
    return path


def largest_curvature(x) -> float:
    """λ_max of the Hessian of the mean squared error of a linear model ŷ = xw + b.

    L(w, b) = mean((xw + b − y)²) is a quadratic bowl with the same Hessian everywhere,
    H = (2/N) x̃ᵀx̃ where x̃ is x with a column of ones for b. Along the eigenvector of its largest
    eigenvalue λ, one gradient step multiplies the distance to the minimum by (1 − ηλ): it
    shrinks only while |1 − ηλ| < 1, that is while η < 2/λ.
    """
    x = np.concatenate([np.asarray(x, dtype="float64"), np.ones((len(x), 1))], axis=1)
    return float(np.linalg.eigvalsh(2.0 / len(x) * x.T @ x)[-1])


# --- the demo --------------------------------------------------------------------------------

FRACTIONS = (0.5, 0.9, 1.1)  # step sizes as fractions of the stability limit 2/λ_max
STEPS_PER_EPOCH = 10  # full-batch steps per epoch (each batch is the whole training set)
# 1000-fold either way: at 0.9 × 2/λ the slowest direction (λ_min ≈ 0.5, fixed by the input
# scales) keeps (1 − 0.9 · 2 · 0.5 / 7.85)² ≈ 0.78 of its excess a step, about 10⁻⁶ after 60
# steps (--quick); at 1.1 the steepest one grows 1.2² ≈ 1.44 a step, 10⁹ in 60 steps if the start
# has any excess along it. Checked on seeds 100-102 (--quick): the excess shrank to 4 × 10⁻⁸ -
# 4 × 10⁻⁷ of its start at 0.9 and grew 8 × 10⁴ - 2 × 10⁹-fold at 1.1.
BAR = 1e3


def _regression_data(rng, n=512):
    """A linear target with three inputs on different scales, so the bowl is steeper one way."""
    x = rng.normal(0, 1, (n, 3)) * np.array([2.0, 1.0, 0.5])
    y = x @ np.array([1.0, -2.0, 3.0]) + 0.5 + rng.normal(0, 0.1, n)
    return x.astype("float32"), y[:, None].astype("float32")


def _lowest_loss(x, y):
    """The least-squares minimum, solved directly: what gradient descent should approach."""
    design = np.concatenate([x, np.ones((len(x), 1))], axis=1).astype("float64")
    solution, *_ = np.linalg.lstsq(design, y.astype("float64"), rcond=None)
    return float(np.mean((design @ solution - y) ** 2))


def _full_batch_descent(run: Run, x, y, learning_rate: float, name: str, epochs: int):
    """Plain gradient descent (SGD with the whole set as the batch); returns (first, last) loss."""
    model = mlp((x.shape[1],), hidden=(), outputs=1, name=name.replace("-", "_").replace(".", "_"))
    run.compile(model, loss=SquaredError(), optimizer=keras.optimizers.SGD(learning_rate))
    start = float(model.evaluate(x, y, batch_size=len(x), verbose=0))
    tiled = (np.tile(x, (STEPS_PER_EPOCH, 1)), np.tile(y, (STEPS_PER_EPOCH, 1)))  # copies in a row
    run.fit(model, *tiled, batch_size=len(x), shuffle=False, epochs=epochs, name=None if name == "rate-0.9" else name)
    return start, float(model.evaluate(x, y, batch_size=len(x), verbose=0))


def measure(start: float, end: float, floor: float) -> float:
    """The excess loss over the minimum after descent, as a fraction of the excess before it
    (float32 rounding can leave the end a hair below the minimum: that counts as 0)."""
    return max(end - floor, 0.0) / (start - floor)


def claim_parts(ratio_below: float, ratio_above: float) -> list[Part]:
    """Converges 1000-fold just below the limit 2/λ, diverges 1000-fold just above it."""
    return [at_most("loss_ratio_at_0_9", ratio_below, 1 / BAR), at_least("loss_ratio_at_1_1", ratio_above, BAR)]


def outcome(claim: dict) -> str:
    """Which PREDICT option the measured claim shows: whether the excess loss shrank (ratio <= 1)
    or grew at 0.9 and at 1.1 of the limit; E if a bar held on some seeds only."""
    parts = recorded_parts(claim)
    below, above = parts["loss_ratio_at_0_9"], parts["loss_ratio_at_1_1"]
    if held_on_some_seeds(below, above):
        return "E"
    shrinks_below, shrinks_above = below["mean"] <= 1, above["mean"] <= 1
    if shrinks_below:
        return "A" if shrinks_above else "B"
    return "D" if shrinks_above else "C"


def demo(run: Run) -> None:
    """Gradient descent converges below the step size 2/λ_max set by the curvature, diverges above."""
    x, y = _regression_data(np.random.default_rng(run.seed))
    curvature = largest_curvature(x)
    limit = 2.0 / curvature
    steps = run.epochs * STEPS_PER_EPOCH
    floor = _lowest_loss(x, y)
    run.say(
        f"Least squares on {len(x)} points: the bowl's largest curvature λ = {curvature:.2f}, "
        f"so steps must stay below 2/λ = {limit:.3f}. {steps} full-batch steps at each of "
        f"{', '.join(f'{f:g}' for f in FRACTIONS)} times that:"
    )
    ratios = {}
    for fraction in FRACTIONS:
        # A diverging run grows ~1.2² per step; 100 steps show it without overflowing float32.
        epochs = run.epochs if fraction < 1 else min(run.epochs, 100 // STEPS_PER_EPOCH)
        start, end = _full_batch_descent(run, x, y, fraction * limit, f"rate-{fraction:g}", epochs)
        ratios[fraction] = measure(start, end, floor)
        run.say(
            f"  η = {fraction:g} × 2/λ = {fraction * limit:.3f}: loss {start:.3g} -> {end:.3g} "
            f"(the minimum is {floor:.3g})"
        )
    run.say(
        run.table(
            "step_sizes",
            ["η as a fraction of 2/λ", "η", "excess loss after / before"],
            [[f"{f:g}", f * limit, r] for f, r in ratios.items()],
        )
    )
    run.metrics({f"loss_ratio_{f:g}": r for f, r in ratios.items()})
    run.claim(
        "Full-batch gradient descent on least squares, with λ the largest curvature measured from "
        "the data: at η = 0.9 × 2/λ the loss's excess over its minimum shrinks to <= "
        f"{{loss_ratio_at_0_9:g}} of its start in {steps} steps, at η = 1.1 × 2/λ it grows >= "
        "{loss_ratio_at_1_1:g}-fold.",
        claim_parts(ratios[0.9], ratios[1.1]),
        largest_curvature=curvature,
        step_limit=limit,
        lowest_loss=floor,
        loss_ratio_at_0_5=ratios[0.5],
    )
