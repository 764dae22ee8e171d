"""The logistic sigmoid σ(z) = 1 / (1 + e^(−z)) squashes any real number into the open interval
(0, 1), which makes it the standard way to turn a score into a probability.

## Intuition
The sigmoid is a smoothed on/off switch. Very negative inputs give almost 0, very positive ones
almost 1, and zero gives exactly one half. Unlike the hard step of the old perceptron, the curve
is smooth, so it has a gradient everywhere.

It appears in three roles: as the output of a binary classifier (that is logistic regression),
as the gates of LSTM and GRU units (a number near 0 closes a gate, near 1 opens it), and,
historically, as the activation of hidden layers. In that last role it has mostly given way to
ReLU, because it saturates: far from zero the curve is almost flat and passes back almost no
gradient.

## The math
σ(z) = 1 / (1 + e^(−z)), with σ(−z) = 1 − σ(z) and σ(0) = 0.5.
Slope: σ'(z) = σ(z)(1 − σ(z)), largest at z = 0 where it is 0.25.
Inverse: the logit, z = ln(p / (1 − p)), which turns a probability back into log-odds.
Relation to tanh: tanh(z) = 2σ(2z) − 1.

Numbers: σ(2) ≈ 0.881 and σ(−2) ≈ 0.119; σ(5) ≈ 0.9933 but σ'(5) ≈ 0.0066, so a unit sitting at
z = 5 passes back under 3% of the gradient it would pass at z = 0.

## Picture
```text
 σ(z)
 1.0 ┤                          ●●●●●●●●●
     │                    ●●●●●
 0.5 ┤- - - - - - - - ●
     │          ●●●●●
 0.0 ┤●●●●●●●●●
     └───────────────┼─────────────────── z
    −6               0                   6
```

## In practice
Pair a sigmoid output with binary cross-entropy: the gradient of the loss with respect to z then
simplifies to a − y, which stays large whenever the prediction is badly wrong. Its outputs are
always positive, never centred on zero, one reason tanh trained hidden layers better.

## Try it
`nutshell demo sigmoid` draws 0/1 labels with probability σ(3 sin x₁ − x₂) and trains a small
MLP with a sigmoid output and cross-entropy. In quick mode on seeds 0-4, on 20,000 test points its
output is within 0.015-0.024 of the true probability on average, and its calibration error is
0.005-0.014: among points it gives about 70%, about 70% are labelled 1. Put the perceptron's hard
step where the sigmoid was and the output can only say 0 or 1: the claim fails.

## See also
- **activation**: the family it belongs to
- **tanh**: its rescaled, zero-centred cousin
- **relu**: what replaced it in hidden layers
- **logistic-regression**: one linear unit plus a sigmoid
- **vanishing-gradient**: the cost of its flat tails
- **softmax**: its generalisation to many classes

## Sources
- [dettmers2015]
- [overview]
- [raschka] — log-sigmoid units in MLPs
- [verhulst1838]
"""

TITLE = "Sigmoid"
ALIASES = (
    "logistic function",
    "logistic sigmoid",
    "log-sigmoid",
    "sigmoid function",
    "logistic curve",
    "sigmoid activation",
    "sigmoid neuron",
    "sigmoid unit",
)

DEMO = {
    "epochs": 30,
    "batch_size": 64,
    "learning_rate": 0.01,
    "datasets": ("synthetic",),
    "quick": {"epochs": 12},
}

PREREQUISITES = ("activation",)

PREDICT = {
    "question": "Each point of a plane gets label 1 at random, with a chance that varies smoothly from "
    "place to place, so the same spot can carry either label. A small network ending in "
    "one sigmoid unit is trained on these 0/1 labels with cross-entropy. What does its "
    "output come to say on new points?",
    "options": {
        "A": "0 or 1 on most points, surer than the labels allow: it learns to pick a class",
        "B": "close to the true chance of label 1 at each point",
        "C": "about the same number everywhere: the noisy labels wash out what it could learn",
        "D": "it depends on the seed",
    },
    "why": "The logistic sigmoid σ(z) = 1 / (1 + e^(−z)) squashes any real number into the open "
    "interval (0, 1), which makes it the standard way to turn a score into a probability. Pair "
    "a sigmoid output with binary cross-entropy: the gradient of the loss with respect to z then "
    "simplifies to a − y, which stays large whenever the prediction is badly wrong.",
}

RECALL = (
    {
        "question": "Compared with a sigmoid unit at pre-activation z = 0, how much of the gradient does one "
        "at z = 5 pass back?",
        "options": {
            "A": "under 3%",
            "B": "about half",
            "C": "about 99%, like its output",
            "D": "all of it: the curve is smooth everywhere",
        },
        "answer": "A",
        "why": "Numbers: σ(2) ≈ 0.881 and σ(−2) ≈ 0.119; σ(5) ≈ 0.9933 but σ'(5) ≈ 0.0066, so a unit "
        "sitting at z = 5 passes back under 3% of the gradient it would pass at z = 0.",
    },
    {
        "question": "For the logistic sigmoid σ, what does σ(−z) equal?",
        "options": {"A": "1 − σ(z)", "B": "−σ(z)", "C": "σ(z) / 2", "D": "σ(z) − 0.5"},
        "answer": "A",
        "why": "σ(z) = 1 / (1 + e^(−z)), with σ(−z) = 1 − σ(z) and σ(0) = 0.5.",
    },
)

__all__ = ["logit", "expected_calibration_error"]

# Everything above is read by the registry without importing this module; the code below needs Keras.
import keras
import numpy as np

from nutshell.glossary._claims import Part, at_most, held_on_some_seeds, recorded_parts
from nutshell.glossary._run import Run
from nutshell.glossary.activation import ActivationFromScratch
from nutshell.glossary.cross_entropy import BinaryCrossEntropy
from nutshell.glossary.mlp import mlp


def logit(p) -> np.ndarray:
    """The sigmoid's inverse, z = ln(p / (1 − p)): a probability back to log-odds.

    Example:
        >>> round(float(logit(0.5)), 6), round(float(logit(0.881)), 2)
        (0.0, 2.0)
    """
    p = np.asarray(p, dtype="float64")
    return np.log(p / (1.0 - p))


def expected_calibration_error(probabilities, labels, bins: int = 10) -> float:
    """How far stated probabilities are from observed frequencies, on average.

    Sort the predictions into `bins` equal-width bins by p; in each, compare the mean p with the
    share of positives; average the gaps, weighting each bin by its number of predictions. A
    forecaster whose "70%" comes true 70% of the time scores 0.
    """
    p, y = np.asarray(probabilities, "float64").ravel(), np.asarray(labels, "float64").ravel()
    which = np.minimum((p * bins).astype(int), bins - 1)
    return float(
        sum(
            np.sum(which == b) * abs(p[which == b].mean() - y[which == b].mean())
            for b in range(bins)
            if np.any(which == b)
        )
        / len(p)
    )


# --- the demo --------------------------------------------------------------------------------


def true_log_odds(x: np.ndarray) -> np.ndarray:
    """The log-odds the labels are drawn with: z = 3 sin(x₁) − x₂, curved in x₁."""
    return 3.0 * np.sin(x[:, 0]) - x[:, 1]


def _sample(n, rng):
    x = rng.uniform(-2, 2, (n, 2)).astype("float32")
    p = 1.0 / (1.0 + np.exp(-true_log_odds(x)))
    return x, (rng.random(n) < p).astype("float32"), p


# The bars, chosen in quick mode on seeds 100-104 (fresh data, never reported): the mean gap to
# the true probability was 0.018-0.027 there, the calibration error 0.005-0.014.
GAP_AT_MOST, CALIBRATION_AT_MOST = 0.05, 0.03


def claim_parts(gap: float, calibration_error: float) -> list[Part]:
    """The output is near the true probability on average, and what it states comes true about as
    often as it says."""
    return [
        at_most("mean_probability_gap", gap, GAP_AT_MOST),
        at_most("calibration_error", calibration_error, CALIBRATION_AT_MOST),
    ]


def outcome(claim: dict) -> str:
    """Which PREDICT option the measured claim shows: what the sigmoid's output came to mean.

    Near the truth and calibrated: "B". Calibrated but far from the truth: the output says about
    the same (the base rate) everywhere, "C". Not calibrated: what it states does not come true as
    often as it says, the mark of an output pushed to 0 or 1, "A". "D" when either part held on
    some seeds and not on others.
    """
    parts = recorded_parts(claim)
    gap, calibration = parts["mean_probability_gap"], parts["calibration_error"]
    if held_on_some_seeds(gap, calibration):
        return "D"
    if calibration["mean"] > calibration["bar"]:
        return "A"
    return "B" if gap["mean"] <= gap["bar"] else "C"


def _calibration_rows(p: np.ndarray, y: np.ndarray, bins: int = 10) -> list[list[float]]:
    """[bin, points, mean stated probability, share of 1s] for each non-empty bin of p."""
    which = np.minimum((p * bins).astype(int), bins - 1)
    return [
        [b, int(np.sum(which == b)), float(p[which == b].mean()), float(y[which == b].mean())]
        for b in range(bins)
        if np.any(which == b)
    ]


def demo(run: Run) -> None:
    """A sigmoid output trained with cross-entropy gives probabilities that match the truth."""
    rng = np.random.default_rng(run.seed)
    n = 3000 if run.quick else 6000
    x, y, _ = _sample(n, rng)
    x_test, y_test, p_test = _sample(20000, rng)  # many, so each bin's share of 1s is exact-ish
    run.say(
        f"{n} points whose label is 1 with probability σ(3 sin(x₁) − x₂): the same x can carry "
        "either label, so the best a model can give is that probability."
    )
    model = mlp((2,), hidden=(32, 32), outputs=1, activation="relu")  # its output: a score z
    model.add(ActivationFromScratch("sigmoid", name="probability"))  # σ(z), in (0, 1)
    # The step size falls from the run's rate to 0 along a cosine, so the last weights have settled
    # instead of jittering around the best ones (Adam's jitter shows up as miscalibration).
    steps = run.epochs * -(-n // run.batch_size)
    run.compile(
        model,
        loss=BinaryCrossEntropy(),
        metrics=["accuracy"],
        optimizer=keras.optimizers.Adam(keras.optimizers.schedules.CosineDecay(run.learning_rate, steps)),
    )
    run.fit(model, x, y, validation_data=(x_test, y_test))
    p = model.predict(x_test, verbose=0)[:, 0].astype("float64")
    ece = expected_calibration_error(p, y_test)
    gap = float(np.mean(np.abs(p - p_test)))
    log_odds_gap = float(np.median(np.abs(logit(np.clip(p, 1e-6, 1 - 1e-6)) - true_log_odds(x_test))))

    rows = _calibration_rows(p, y_test)
    for b, _, stated, observed in rows:  # TensorBoard: calibration/*, x = bin (0 = p < 0.1)
        run.scalars({"stated": stated, "observed": observed}, step=b, prefix="calibration")
    run.say(
        run.table(
            "calibration",
            ["p̂ in", "points", "mean p̂", "share of 1s"],
            [[f"{b / 10:.1f}–{(b + 1) / 10:.1f}", c, s, o] for b, c, s, o in rows],
        )
    )
    run.metrics({"calibration_error": ece, "mean_probability_gap": gap})
    run.claim(
        "A sigmoid output trained with cross-entropy on noisy 0/1 labels reads as a probability: "
        "on test points it is within {mean_probability_gap:.2f} of the true probability on average, "
        "and what it states comes true about as often as it says (calibration error <= "
        "{calibration_error:.2f}).",
        claim_parts(gap, ece),
        median_log_odds_gap=log_odds_gap,
    )
    run.decision_surface("probability/learned", model, extent=2.0)
