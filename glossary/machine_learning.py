"""Machine learning gets a computer to improve at a task from examples: instead of hand-written
rules, we choose a model with adjustable parameters and tune them on data until it predicts well
on cases it has never seen.

## Intuition
Think of learning to pick ripe avocados: nobody hands you a rule book; you squeeze a few hundred,
see which turned out good, and calibrate your thumb. Machine learning works the same way in three
moves: gather examples, fit a model to them, then use the fitted model on new inputs.

Fitting is a loop. The model guesses, a score says how wrong the guess was, and the parameters are
nudged to make that score smaller. A nudge that repairs one example can spoil another, so the loop
runs for thousands of rounds and stops once the predictions stop improving. What finally counts
is the score on fresh data, not on the examples used for fitting.

## The math
Given N examples (x₁, y₁), …, (x_N, y_N), a model f(x; θ) with parameters θ and a loss ℓ(ŷ, y) that
measures one error, training minimises the empirical risk, the average loss on the data:

    R̂(θ) = (1/N) ∑ᵢ ℓ(f(xᵢ; θ), yᵢ)

It stands in for the quantity we really care about, the expected risk R(θ) = E[ℓ(f(x; θ), y)] over
all inputs the world might produce. Most models are fitted with gradient steps
θ ← θ − η ∇R̂(θ), where η is the step size.

Tiny example: f(x) = w·x with squared loss and data (1, 2), (2, 4), (3, 5). With w = 2 the
predictions are 2, 4, 6, the squared errors 0, 0, 1, so R̂ = 1/3 ≈ 0.33.

## Picture
```text
 examples (x, y) ──► model f(x; θ) ──► guess ŷ
                          ▲                │
                          │ adjust θ       ▼
                          └──── loss ℓ(ŷ, y)
```

## Try it
`nutshell demo machine-learning` draws examples from y = w·x + noise (10 features, noise variance
0.25, so no model can expect a squared error below 0.25) and fits a linear model by gradient steps
to N = 20, 100 and 1,000 of them. Seed 0: the error on its own examples is 0.075, 0.233 and 0.251;
on 20,000 fresh ones it is 0.444, 0.299 and 0.256. With few examples R̂ flatters the model; with
many it becomes an honest estimate of R.

## See also
- **supervised-learning**: the common case where every example carries its answer
- **unsupervised-learning**: learning when there are no answers at all
- **loss-function**: how "wrong" is turned into a number
- **gradient-descent**: the usual way to make R̂ smaller
- **overfitting**: why a low training score is not enough
- **deep-learning**: machine learning with many stacked layers

## Sources
- [dettmers2015]
- [lecun2015]
- [vapnik1995]
"""

TITLE = "Machine learning"
ALIASES = (
    "ml",
    "statistical learning",
    "empirical risk",
    "empirical risk minimization",
    "erm",
    "model",
    "training",
    "prediction",
)

DEMO = {
    "epochs": 8,
    "batch_size": 32,
    "learning_rate": 0.02,
    "datasets": ("synthetic",),
    "quick": {"epochs": 4},
}

PREREQUISITES = ()

PREDICT = {
    "question": "Examples come from y = w·x + noise with 10 features; the noise alone means no model "
    "can expect a squared error below 0.25. A linear model is fitted by gradient steps "
    "to just 20 examples. Where do its error on those 20 and its error on 20,000 fresh "
    "examples land, against that floor?",
    "options": {
        "A": "below the floor on its own examples, above it on fresh ones",
        "B": "above the floor on both",
        "C": "below the floor on both",
        "D": "it depends on the seed",
    },
    "why": "What finally counts is the score on fresh data, not on the examples used for fitting. "
    "With few examples R̂ flatters the model; with many it becomes an honest estimate of R.",
}

RECALL = (
    {
        "question": "The model f(x) = w·x with w = 2 and squared loss is scored on the examples "
        "(1, 3), (2, 4), (3, 6). What is its empirical risk?",
        "options": {"A": "0.00", "B": "0.33", "C": "1.00", "D": "0.58"},
        "answer": "B",
        "why": "Tiny example: f(x) = w·x with squared loss and data (1, 2), (2, 4), (3, 5). With w = 2 "
        "the predictions are 2, 4, 6, the squared errors 0, 0, 1, so R̂ = 1/3 ≈ 0.33.",
    },
)

__all__ = ["empirical_risk", "noisy_linear_world", "draws_per_epoch"]

# Everything above is read by the registry without importing this module; the code below needs Keras.
import keras
import numpy as np
from keras import ops

from nutshell.glossary._claims import Part, at_least, at_most, held_on_some_seeds, recorded_parts
from nutshell.glossary._run import Run


def empirical_risk(predictions, targets) -> float:
    """R̂ = (1/N) ∑ᵢ ℓ(f(xᵢ), yᵢ) with the squared error ℓ(ŷ, y) = (ŷ − y)²: the average loss on
    the examples at hand. Measured on fresh examples instead, it estimates the risk R."""
    predictions = ops.reshape(ops.convert_to_tensor(predictions, dtype="float32"), (-1,))
    targets = ops.reshape(ops.convert_to_tensor(targets, dtype="float32"), (-1,))
    return float(ops.mean(ops.square(predictions - targets)))


def noisy_linear_world(features: int = 10, noise: float = 0.5, seed: int = 0):
    """A source of examples whose best possible model is known: y = w*·x + ε with ε ~ N(0, noise²).

    Returns `draw(n, seed)`, which gives n fresh pairs (x, y), x ~ N(0, I). No model can expect a
    squared error below noise², the part of y that x does not determine.
    """
    best = np.random.default_rng(seed).normal(size=features)

    def draw(n: int, seed: int):
        rng = np.random.default_rng(seed)
        x = rng.normal(size=(n, features))
        y = x @ best + rng.normal(0.0, noise, n)
        return x.astype("float32"), y.astype("float32")

    return draw


def draws_per_epoch(x, y, draws: int, seed: int = 0):
    """The N examples repeated (in shuffled order) to `draws` rows, so that models fitted to
    different N take the same number of gradient steps per epoch. Every row is still one of
    the N examples: the loss being minimised is the same R̂."""
    order = np.random.default_rng(seed).permutation(np.resize(np.arange(len(x)), draws))
    return x[order], y[order]


# --- the demo --------------------------------------------------------------------------------

SIZES = (20, 100, 1000)
FEATURES, NOISE = 10, 0.5
DRAWS = 4000  # rows per epoch for every N: the same number of gradient steps whatever N is

# The bars, chosen on seeds 100-109 in quick mode (4 epochs): with N = 20, R̂ was 0.05-0.17 and R
# 0.32-2.0 (floor 0.25); by N = 1,000 the gap was at most 4.4% of that at N = 20, and R at most
# 8.3% above the floor.
MAX_GAP_SHARE, MAX_EXCESS = 0.1, 0.1


def linear_model(name: str) -> keras.Model:
    """f(x; θ) = w·x + b: the model fitted to the examples (the right family for this world)."""
    return keras.Sequential([keras.Input((FEATURES,)), keras.layers.Dense(1, name="linear")], name=name)


def claim_parts(train_risk: dict[int, float], risk: dict[int, float], floor: float) -> list[Part]:
    """With few examples R̂ sits below the floor that no model can beat while R sits above it;
    with many, the gap R − R̂ is a small share of what it was and R is close to the floor.

    Two parts are measured against the floor itself: R̂ and R on either side of it. The last is
    R's excess over the floor as a share of it, (R − noise²) / noise², so that its margin says
    how close to the floor the fit came rather than how close to the bar."""
    small, large = SIZES[0], SIZES[-1]
    gaps = {n: risk[n] - train_risk[n] for n in (small, large)}
    return [
        at_most(f"train_error_n{small}", train_risk[small], floor),
        at_least(f"fresh_error_n{small}", risk[small], floor),
        at_most("gap_share_largest_n", gaps[large] / max(gaps[small], 1e-12), MAX_GAP_SHARE),
        at_most("fresh_excess_largest_n", (risk[large] - floor) / floor, MAX_EXCESS),
    ]


def demo(run: Run) -> None:
    """A linear model fitted to N = 20, 100 and 1,000 examples: training error against the
    error on fresh examples, and both against the floor noise² that no model can beat."""
    draw = noisy_linear_world(FEATURES, NOISE, seed=run.seed)
    fresh = draw(20_000, seed=run.seed + 1)
    floor = NOISE**2
    run.say(
        f"y = w·x + noise with {FEATURES} features; no model can expect an error below "
        f"{floor}. Fitting a linear model to N examples by gradient steps on R̂…"
    )
    train_risk, risk = {}, {}
    for n in SIZES:
        examples = draw(n, seed=run.seed + 2 + n)
        model = run.compile(linear_model(f"linear_n{n}"), loss="mse")
        run.fit(
            model,
            *draws_per_epoch(*examples, draws=DRAWS, seed=run.seed),
            validation_data=fresh,
            name=None if n == SIZES[-1] else f"n-{n}",
            validation_batch_size=DRAWS,
        )
        train_risk[n] = empirical_risk(model.predict(examples[0], verbose=0), examples[1])
        risk[n] = empirical_risk(model.predict(fresh[0], batch_size=DRAWS, verbose=0), fresh[1])
        run.scalars(
            {"training_examples": train_risk[n], "fresh_examples": risk[n], "floor": floor},
            step=n,
            prefix="squared_error_by_N",
        )

    run.say(
        run.table(
            "risks",
            ["N", "R̂ (own examples)", "R (fresh examples)", "R − R̂"],
            [[n, train_risk[n], risk[n], risk[n] - train_risk[n]] for n in SIZES],
        )
    )
    run.metrics({f"fresh_error_n{n}": risk[n] for n in SIZES})
    small, large = SIZES[0], SIZES[-1]
    run.claim(
        f"The error on the training examples is an optimistic stand-in for the error on fresh "
        f"ones: with N = {small} it is below the floor noise² = {{train_error_n{small}}} while the "
        f"fresh error is above it; by N = {large} the gap has shrunk to <= "
        "{gap_share_largest_n:.0%} of that and the fresh error is within "
        "{fresh_excess_largest_n:.0%} of the floor.",
        claim_parts(train_risk, risk, floor),
        **{f"train_error_n{n}": train_risk[n] for n in SIZES[1:]},
        **{f"fresh_error_n{n}": risk[n] for n in SIZES[1:]},
        noise_floor=floor,
    )


def outcome(claim: dict) -> str:
    """Which PREDICT option the measured claim shows: the smallest N's error on its own examples and
    on fresh ones (train_error_n*, fresh_error_n*), each against the floor noise², its parts' bar."""
    parts = recorded_parts(claim)
    own, fresh = parts[f"train_error_n{SIZES[0]}"], parts[f"fresh_error_n{SIZES[0]}"]
    if held_on_some_seeds(own, fresh):
        return "D"
    floor = fresh["bar"]
    if fresh["mean"] < floor:
        return "C"
    return "A" if own["mean"] < floor else "B"
