"""A learning-rate schedule changes the step size during training: often a short warm-up from a
small rate, then a decay towards zero, so training moves fast early and settles at the end.

## Intuition
Early in training the weights are far from any good solution, so big steps pay off. Later, with
mini-batches, every gradient carries noise: at a fixed rate the weights keep jumping around the
bottom of the valley in a cloud whose size grows with the step, and the loss stops improving at
a floor set by that cloud. Shrinking the step shrinks the cloud. At the very start the opposite
risk appears: random weights can give huge, misleading gradients, and a full-size step then
throws training off course. A warm-up ramps the rate up over the first steps instead.

## The math
With peak rate η_max, floor η_min, warm-up length W and decay length T, step t gets:

- warm-up (t < W): η(t) = η₀ + (η_max − η₀) · t / W, a straight line from η₀ (often 0);
- cosine decay (SGDR, Loshchilov and Hutter 2017): with s = t − W,
  η(t) = η_min + ½ (η_max − η_min)(1 + cos(π s / T)), held at η_min once s ≥ T;
- step decay: η(t) = η_max · γ^⌊t / S⌋, for example γ = 0.1 every S steps.

Worked example, cosine with η_max = 0.1, η_min = 0, T = 100 and no warm-up: η(0) = 0.1,
η(25) = 0.1 × ½(1 + cos(π/4)) ≈ 0.0854, η(50) = 0.05, η(75) ≈ 0.0146 and η(100) = 0. The
curve is flat at both ends, so the rate stays high for long and the last steps are tiny.

Robbins and Monro (1951) showed that noisy updates converge if the rates satisfy Σ ηₜ = ∞ (they
can travel any distance) and Σ ηₜ² < ∞ (the noise they add stays finite), which ηₜ = η₀ / t
does; a constant rate fails the second condition. Goyal et al. (2017) trained ResNet-50 with
batches of 8192 by scaling the rate with the batch size and warming up over the first five
epochs.

## Picture
```text
 η_max ┤    ╭──────╮
       │   ╱        ╲__
       │  ╱            ╲__
       │ ╱                ╲___
 0     ┼╱─────────────────────╲── step
        warm-up   cosine decay
```

## Try it
`nutshell demo learning-rate-schedule` trains a 2 → 32 → 32 → 1 tanh network on 1024 points of
sin(2x₁) + x₂/2 plus noise (standard deviation 0.5), in batches of 8, twice from the same start:
at a constant rate 0.1, and with a 5% warm-up then cosine decay from 0.1 to 0. With `--quick`
(1280 steps, seeds 0-4) the error against the noise-free function on fresh points was 0.032-0.115
at the constant rate and 0.014-0.023 with the schedule: a ratio of 0.17-0.73, within the claimed
0.5 on 4 of the 5 seeds. The constant run's error depends on where the noise left its last step.

## See also
- **optimizer**: the update rule whose step size the schedule sets
- **sgd**: whose gradient noise makes a decay pay off
- **gradient-descent**: where the step size first appears
- **hyperparameter**: the schedule is one more setting chosen by hand

## Sources
- [robbins1951]
- [loshchilov2017]
- [goyal2017]
"""

TITLE = "Learning-Rate Schedule"
ALIASES = (
    "learning rate schedule",
    "lr schedule",
    "learning rate decay",
    "cosine decay",
    "cosine annealing",
    "step decay",
    "warm-up",
    "warmup",
    "learning rate warmup",
    "annealing",
)

DEMO = {
    "steps_per_execution": 32,
    "epochs": 20,
    "batch_size": 8,
    "learning_rate": 0.1,
    "datasets": ("synthetic",),
    "quick": {"epochs": 10},
}

PREREQUISITES = ("sgd",)

PREDICT = {
    "question": "A small network fits noisy data with SGD on mini-batches of 8. One copy keeps its "
    "learning rate at 0.1 throughout; the other warms up to 0.1, then lets it fall to zero along a "
    "cosine. After the same number of steps, how does the second copy's error against the "
    "noise-free function compare with the first's?",
    "options": {
        "A": "clearly lower",
        "B": "about the same: both saw the same data for as many steps",
        "C": "higher: its steps were smaller, so it learned less",
        "D": "it depends on the seed",
    },
    "why": "Later, with mini-batches, every gradient carries noise: at a fixed rate the weights keep "
    "jumping around the bottom of the valley in a cloud whose size grows with the step, and the "
    "loss stops improving at a floor set by that cloud. Shrinking the step shrinks the cloud.",
}

RECALL = (
    {
        "question": "Cosine decay from η_max = 0.1 to 0 over T = 100 steps, no warm-up: what is the rate at step 50?",
        "options": {"A": "0.1", "B": "0.0854", "C": "0.05", "D": "0.0146"},
        "answer": "C",
        "why": "Worked example, cosine with η_max = 0.1, η_min = 0, T = 100 and no warm-up: η(0) = 0.1, "
        "η(25) = 0.1 × ½(1 + cos(π/4)) ≈ 0.0854, η(50) = 0.05, η(75) ≈ 0.0146 and η(100) = 0.",
    },
    {
        "question": "Why does a constant learning rate fail Robbins and Monro's conditions for noisy "
        "updates to converge?",
        "options": {
            "A": "its rates sum to a finite number, so it cannot travel far enough",
            "B": "the sum of its squared rates is infinite, so its noise never dies down",
            "C": "it is too small at the start",
            "D": "it does not: any constant rate converges",
        },
        "answer": "B",
        "why": "Robbins and Monro (1951) showed that noisy updates converge if the rates satisfy Σ ηₜ = ∞ "
        "(they can travel any distance) and Σ ηₜ² < ∞ (the noise they add stays finite), which "
        "ηₜ = η₀ / t does; a constant rate fails the second condition.",
    },
)

__all__ = ["WarmupCosineDecay"]

# Everything above is read by the registry without importing this module; the code below needs Keras.
import math

import keras
import numpy as np
from keras import ops

from nutshell.glossary._claims import Part, at_most, held_on_some_seeds, recorded_parts
from nutshell.glossary._run import Run


@keras.saving.register_keras_serializable(package="nutshell")
class WarmupCosineDecay(keras.optimizers.schedules.LearningRateSchedule):
    """A linear warm-up to a peak rate, then a cosine decay from the peak to a floor.

    Steps 0 … W − 1 climb in a straight line from `initial_learning_rate` towards
    `warmup_target` (reached at step W); the next `decay_steps` follow half a cosine from the peak
    down to `alpha` × peak, which is then kept. Without `warmup_target` there is no warm-up and
    the cosine starts from `initial_learning_rate`. The same arguments and values as
    `keras.optimizers.schedules.CosineDecay`.

    Args:
        initial_learning_rate: the rate at step 0.
        decay_steps: T > 0, the length of the cosine.
        alpha: the floor, as a fraction of the peak, in [0, 1].
        warmup_target: the peak the warm-up climbs to, or None for no warm-up.
        warmup_steps: W ≥ 0, the length of the warm-up.

    Example:
        >>> schedule = WarmupCosineDecay(0.0, decay_steps=4, warmup_target=0.1, warmup_steps=2)
        >>> [round(float(schedule(step)), 4) for step in range(8)]
        [0.0, 0.05, 0.1, 0.0854, 0.05, 0.0146, 0.0, 0.0]
    """

    def __init__(
        self,
        initial_learning_rate: float,
        decay_steps: int,
        alpha: float = 0.0,
        warmup_target: float | None = None,
        warmup_steps: int = 0,
        name: str = "WarmupCosineDecay",
    ):
        super().__init__()
        if not isinstance(decay_steps, (int, float)) or decay_steps <= 0:
            raise ValueError(f"decay_steps must be a positive number, not {decay_steps!r}")
        if not isinstance(warmup_steps, (int, float)) or warmup_steps < 0:
            raise ValueError(f"warmup_steps must be a number >= 0, not {warmup_steps!r}")
        if not isinstance(alpha, (int, float)) or not 0 <= alpha <= 1:
            raise ValueError(f"alpha must be a number in [0, 1], not {alpha!r}")
        self.initial_learning_rate = initial_learning_rate
        self.decay_steps = decay_steps
        self.alpha = alpha
        self.warmup_target = warmup_target
        self.warmup_steps = warmup_steps
        self.name = name

    def __call__(self, step):
        start = ops.convert_to_tensor(self.initial_learning_rate)
        dtype = start.dtype
        step = ops.cast(step, dtype)
        if self.warmup_target is None:  # no warm-up: the cosine starts from the initial rate
            peak, warmup_steps = start, ops.cast(0, dtype)
        else:
            peak, warmup_steps = ops.cast(self.warmup_target, dtype), ops.cast(self.warmup_steps, dtype)
        # warm-up: a straight line from the initial rate to the peak
        warming = start + (peak - start) * step / ops.maximum(warmup_steps, 1)
        # then half a cosine, from the peak to alpha × peak over decay_steps, flat afterwards
        done = ops.minimum(step - warmup_steps, ops.cast(self.decay_steps, dtype)) / ops.cast(self.decay_steps, dtype)
        cosine = 0.5 * (1 + ops.cos(math.pi * done))
        decaying = peak * ((1 - self.alpha) * cosine + self.alpha)
        return ops.where(step < warmup_steps, warming, decaying)

    def get_config(self):
        return {
            "initial_learning_rate": self.initial_learning_rate,
            "decay_steps": self.decay_steps,
            "alpha": self.alpha,
            "warmup_target": self.warmup_target,
            "warmup_steps": self.warmup_steps,
            "name": self.name,
        }


# --- the demo --------------------------------------------------------------------------------

NOISE = 0.5  # the standard deviation of the noise on the training targets
POINTS, FRESH_POINTS = 1024, 4096
WARMUP_FRACTION = 0.05  # the first 5% of the steps warm up from 0

# The peak rate and the bar, chosen on seeds 100-104 (never reported). DEMO's rate 0.1 with
# batches of 8 was the first tried and kept: it leaves the constant run's error well above the
# decayed run's. In quick mode (10 epochs) the decayed run's error was 0.08-0.40 of the constant
# run's (errors 0.012-0.024 against 0.039-0.21); 0.5 is the round bar the worst seed clears by >= 10%.
# After 20 epochs (full mode, seeds 100-101) the ratio was smaller still: 0.07 and 0.25.
MAX_ERROR_RATIO = 0.5


def target(x):
    """The noise-free function the network should find."""
    return np.sin(2 * x[:, :1]) + 0.5 * x[:, 1:2]


def _noisy_sample(rng):
    x = rng.uniform(-2, 2, (POINTS, 2))
    fresh = rng.uniform(-2, 2, (FRESH_POINTS, 2))
    y = target(x) + rng.normal(0, NOISE, (POINTS, 1))
    return (x.astype("float32"), y.astype("float32")), (fresh.astype("float32"), target(fresh).astype("float32"))


def _small_net(name):
    return keras.Sequential(
        [
            keras.Input((2,)),
            keras.layers.Dense(32, activation="tanh"),
            keras.layers.Dense(32, activation="tanh"),
            keras.layers.Dense(1),
        ],
        name=name,
    )


def measure(constant: keras.Model, decayed: keras.Model, fresh) -> dict:
    """Trained models in, numbers out: each one's mean squared error against the noise-free
    function on fresh inputs (its test loss minus the noise it cannot predict)."""
    errors = {
        name: float(np.mean((np.asarray(model.predict(fresh[0], verbose=0)) - fresh[1]) ** 2))
        for name, model in (("constant", constant), ("decayed", decayed))
    }
    return {**errors, "error_ratio": errors["decayed"] / errors["constant"]}


def claim_parts(m: dict) -> list[Part]:
    """The decayed rate ends clearly closer to the noise-free function than the constant one."""
    return [at_most("error_ratio", m["error_ratio"], MAX_ERROR_RATIO)]


def demo(run: Run) -> None:
    """The same network and data, SGD at a constant rate and with warm-up then cosine decay."""
    train, fresh = _noisy_sample(np.random.default_rng(run.seed))
    steps = run.epochs * (POINTS // run.batch_size)
    warmup = int(WARMUP_FRACTION * steps)
    schedules = {
        "constant": run.learning_rate,
        "decayed": WarmupCosineDecay(0.0, steps - warmup, warmup_target=run.learning_rate, warmup_steps=warmup),
    }
    run.say(f"{steps} SGD steps on {POINTS} noisy points, at a constant {run.learning_rate:g} and with warm-up + decay")
    for step in range(0, steps + 1, max(steps // 100, 1)):  # the two rates, as TensorBoard curves
        run.scalars({"constant": run.learning_rate, "decayed": float(schedules["decayed"](step))}, step, "rate")
    models = {}
    for name, rate in schedules.items():
        keras.utils.set_random_seed(run.seed)  # the same starting weights and batches for both
        models[name] = run.compile(_small_net(name), loss="mse", optimizer=keras.optimizers.SGD(rate))
        run.fit(models[name], *train, name=None if name == "decayed" else name)

    m = measure(models["constant"], models["decayed"], fresh)
    run.say(
        run.table(
            "error_against_the_noise_free_function",
            ["learning rate", "mean squared error on fresh points"],
            [["constant", m["constant"]], ["warm-up + cosine decay", m["decayed"]]],
        )
    )
    run.metrics({"error_constant": m["constant"], "error_decayed": m["decayed"]})
    run.claim(
        f"A small network fitting noisy data with SGD (batches of {run.batch_size}, {steps} steps): with "
        f"a warm-up then cosine decay from the rate {run.learning_rate:g} to 0, its squared error "
        "against the noise-free function on fresh points is <= {error_ratio:g}x that at the constant "
        f"rate {run.learning_rate:g}.",
        claim_parts(m),
        error_constant=m["constant"],
        error_decayed=m["decayed"],
        noise_variance=NOISE**2,
    )


def outcome(claim: dict) -> str:
    """Which PREDICT option the measured claim shows: the decayed run's error over the constant
    run's, clearly below 1 (A), near 1 (B), above (C), or a bar met on some seeds only (D)."""
    ratio = recorded_parts(claim)["error_ratio"]
    if held_on_some_seeds(ratio):
        return "D"
    if ratio["mean"] <= 0.9:
        return "A"
    return "C" if ratio["mean"] >= 1.1 else "B"
