"""Early stopping ends training once the loss on a validation set, data the network does not train
on, has stopped improving for a while, and keeps the weights from the epoch where that loss was
lowest.

## Intuition
A big network first learns the broad pattern in its training data and later starts memorising
the noise. The training loss cannot tell these phases apart: it keeps falling. A validation set
can, because its noise differs: its loss falls while the network learns the pattern and turns up
once it fits the training noise. So watch that curve, and when it has not set a new low for a
number of epochs (the patience), stop and roll back to the best epoch seen.

Patience matters because the validation curve is noisy: one bad epoch is no proof that the best
is behind you. Waiting costs only training time, since the best weights are kept aside anyway.
Prechelt (1998) compared many stopping rules on real tasks and found that the rules that waited
longer bought small gains in generalisation at a large cost in training time.

Stopping early also acts as a regulariser: with few steps from a small random start, the weights
cannot travel far. For a linear model with a quadratic loss, Goodfellow, Bengio and Courville show
that stopping after τ steps of gradient descent at rate ε works much like an L2 penalty with
λ ≈ 1/(τε).

## The math
With v_t the validation loss after epoch t, the rule keeps the best value b and a counter w:

- if v_t < b − δ (an improvement larger than min_delta δ): b = v_t, save the weights, w = 0;
- otherwise w = w + 1, and if w ≥ patience p: stop.

At the end the saved weights replace the current ones (restore best weights). The epoch kept is
argmin_t v_t over the epochs run, chosen on validation data only; the test set stays untouched.

Example, p = 3, δ = 0.01, losses 0.70, 0.52, 0.45, 0.47, 0.46, 0.50: epochs 2 and 3 improve
(0.52 < 0.69, 0.45 < 0.51); epochs 4, 5 and 6 do not (each is above 0.44), so w reaches 3 after
epoch 6, training stops and the weights of epoch 3 come back.

## Picture
```text
 loss
  │○
  │ ○             ○  ○ validation
  │  ○  ○      ○
  │      ○  ○
  │      ▲best     ▲stop (patience 3)
  │●  ●  ●  ●  ●  ●  ●  training
  └──────────────────────► epochs
```

## Try it
`nutshell demo early-stopping` carves 25 of the overfitting demo's 100 noisy XOR points off as a
validation set and trains the 66,817-parameter MLP on the other 75 twice: once for every epoch,
once with early stopping (patience 10, best weights restored). Both are then scored on 2,000 fresh
points. In quick mode (60 epochs, seeds 0-4) early stopping ended training after 11-12 epochs and
kept the weights of epoch 1 or 2; its test loss was 0.33-0.45 against 0.73-1.15 for the network
trained to the end, 0.33-0.51 times as much. With a patience longer than the training and the last
weights kept, the claim fails.

## See also
- **overfitting**: the problem early stopping cuts short
- **regularization**: early stopping is one of its cheapest forms
- **dropout**: another way to curb overfitting, often used together with it
- **hyperparameter**: patience and the epoch count are chosen on validation data too

## Sources
- [prechelt1998]
- [goodfellow2016]
"""

TITLE = "Early Stopping"
ALIASES = (
    "early stopping",
    "patience",
    "restore best weights",
    "EarlyStopping",
    "early-stopping callback",
    "stopping criterion",
    "min_delta",
)

# The overfitting rig's settings, shared with overfitting, dropout and regularization: why these
# numbers, in glossary/_overfit.py (SETTINGS).
DEMO = {
    "epochs": 150,
    "batch_size": 16,
    "learning_rate": 0.01,
    "datasets": ("synthetic",),
    "quick": {"epochs": 60},
}

PREREQUISITES = ("overfitting",)

PREDICT = {
    "question": "The overfitting set-up's MLP trains on 75 noisy XOR points, with 25 more kept aside "
    "to watch. One copy trains for every epoch; another stops once its loss on the 25 has not "
    "improved for 10 epochs and takes back the weights of its best epoch. How does the second "
    "network's loss on 2,000 fresh points compare with the first's?",
    "options": {
        "A": "clearly lower",
        "B": "about the same: 25 points are too few to pick a good epoch",
        "C": "higher: it trained for fewer epochs, so it learned less",
        "D": "it depends on the seed",
    },
    "why": "A validation set can, because its noise differs: its loss falls while the network learns "
    "the pattern and turns up once it fits the training noise.",
}

RECALL = (
    {
        "question": "Early stopping with patience 3 and min_delta 0.01 watches the validation losses "
        "0.70, 0.52, 0.45, 0.47, 0.46, 0.50. After which epoch does it stop, and whose weights does "
        "it keep when it restores the best ones?",
        "options": {
            "A": "after epoch 4, keeping epoch 4's",
            "B": "after epoch 6, keeping epoch 3's",
            "C": "after epoch 6, keeping epoch 6's",
            "D": "it does not stop: epoch 5 improved on epoch 4",
        },
        "answer": "B",
        "why": "Example, p = 3, δ = 0.01, losses 0.70, 0.52, 0.45, 0.47, 0.46, 0.50: epochs 2 and 3 "
        "improve (0.52 < 0.69, 0.45 < 0.51); epochs 4, 5 and 6 do not (each is above 0.44), so w "
        "reaches 3 after epoch 6, training stops and the weights of epoch 3 come back.",
    },
)

__all__ = ["EarlyStoppingFromScratch"]

# Everything above is read by the registry without importing this module; the code below needs Keras.
import keras

from nutshell import data
from nutshell.glossary._claims import Part, at_most, held_on_some_seeds, recorded_parts
from nutshell.glossary._overfit import EVAL_BATCH, noisy_xor_sample, overparameterized_mlp, ratio
from nutshell.glossary._run import Run


class EarlyStoppingFromScratch(keras.callbacks.Callback):
    """Stop training when a monitored number has not improved for `patience` epochs, and
    optionally put back the weights of the best epoch.

    After each epoch the callback reads `logs[monitor]`. A value better than the best so far by
    more than `min_delta` is an improvement: it becomes the best, the counter of epochs without
    one goes back to 0 and (with `restore_best_weights`) the weights are copied aside. Any other
    epoch adds one to the counter, and when it reaches `patience` the callback sets
    `model.stop_training`. When training ends the copied weights are loaded back. Stops at the
    same epoch and keeps the same weights as `keras.callbacks.EarlyStopping` with the same
    arguments.

    Args:
        monitor: the name in the epoch's logs to watch, e.g. "val_loss".
        patience: how many epochs in a row without improvement end training (0: the first).
        min_delta: how much better than the best a value must be to count as an improvement.
        mode: "min" when lower is better (a loss), "max" when higher is (an accuracy).
        restore_best_weights: put the best epoch's weights back when training ends; without it
            the model keeps its last weights.

    Attributes after training: `best` (the best value), `best_epoch` and `stopped_epoch`
    (counted from 0, as Keras counts; `stopped_epoch` stays 0 if training ran to the end).

    Example:
        >>> stopper = EarlyStoppingFromScratch(patience=3, min_delta=0.01)
        >>> stopper.set_model(keras.Sequential([keras.Input((1,)), keras.layers.Dense(1)]))
        >>> stopper.model.stop_training = False  # as fit does before the first epoch
        >>> stopper.on_train_begin()
        >>> for epoch, loss in enumerate([0.70, 0.52, 0.45, 0.47, 0.46, 0.50, 0.30]):
        ...     stopper.on_epoch_end(epoch, {"val_loss": loss})
        ...     if stopper.model.stop_training:
        ...         break
        >>> epoch + 1, stopper.best_epoch + 1, stopper.best  # stopped after epoch 6; epoch 3 was best
        (6, 3, 0.45)
    """

    def __init__(
        self,
        monitor: str = "val_loss",
        patience: int = 0,
        min_delta: float = 0.0,
        mode: str = "min",
        restore_best_weights: bool = False,
    ):
        super().__init__()
        if not isinstance(monitor, str) or not monitor:
            raise ValueError(f"monitor must name a number in the epoch's logs, not {monitor!r}")
        if isinstance(patience, bool) or not isinstance(patience, int) or patience < 0:
            raise ValueError(f"patience must be a whole number of epochs >= 0, not {patience!r}")
        if isinstance(min_delta, bool) or not isinstance(min_delta, (int, float)) or min_delta < 0:
            raise ValueError(f"min_delta must be a number >= 0, not {min_delta!r}")
        if mode not in ("min", "max"):
            raise ValueError(f"mode must be 'min' or 'max', not {mode!r}")
        self.monitor = monitor
        self.patience = patience
        self.min_delta = float(min_delta)
        self.mode = mode
        self.restore_best_weights = bool(restore_best_weights)

    def on_train_begin(self, logs=None):
        # Reset, so one callback can serve several fits.
        self.best, self.best_epoch, self.best_weights = None, 0, None
        self.wait, self.stopped_epoch = 0, 0

    def improved(self, value: float) -> bool:
        """Whether `value` beats the best so far by more than min_delta (the first value always does)."""
        if self.best is None:
            return True
        if self.mode == "min":
            return value < self.best - self.min_delta
        return value > self.best + self.min_delta

    def on_epoch_end(self, epoch, logs=None):
        value = (logs or {}).get(self.monitor)
        if value is None:
            raise ValueError(f"'{self.monitor}' is not in the epoch's logs: {sorted(logs or {})}")
        value = float(value)
        if self.improved(value):
            self.best, self.best_epoch, self.wait = value, epoch, 0
            if self.restore_best_weights:
                self.best_weights = self.model.get_weights()  # copies, taken aside
            return
        self.wait += 1
        if self.wait >= self.patience:
            self.stopped_epoch = epoch
            self.model.stop_training = True

    def on_train_end(self, logs=None):
        if self.restore_best_weights and self.best_weights is not None:
            self.model.set_weights(self.best_weights)

    def get_config(self):
        return {
            "monitor": self.monitor,
            "patience": self.patience,
            "min_delta": self.min_delta,
            "mode": self.mode,
            "restore_best_weights": self.restore_best_weights,
        }


# --- the demo --------------------------------------------------------------------------------

VALIDATION_SHARE = 0.25  # 25 of the 100 training points are set aside to watch; 75 train
# Keras's examples' usual patience, not tuned; on seeds 100-104 (--quick, never reported) it
# stopped 10 epochs after the best validation epoch (4-5), at epoch 14-15 of 60.
PATIENCE = 10
RESTORE_BEST_WEIGHTS = True
# The bars, chosen on seeds 100-104 (fresh data, never reported), --quick: the early-stopped
# network's test loss was 0.27-0.57x the fully trained one's, after 23-25% of the epochs. Round
# numbers the worst seed clears by >= 10%. One bar serves both modes: once training stops before
# epoch 60 the early-stopped network is the same in both, while the fully trained one only
# overfits more in 150 epochs (on seeds 100-107 its test loss was 0.63-1.39 after 60 epochs and
# 1.26-3.35 after 150), and the same epochs are a smaller share of 150.
MAX_LOSS_RATIO = 0.7
MAX_EPOCHS_SHARE = 0.4


def measure(stopped: keras.Model, full: keras.Model, stopper: EarlyStoppingFromScratch, epochs_run: int, test_set):
    """Trained models in, numbers out: both networks' loss on the fresh test points, the epoch
    early stopping kept (chosen on the validation points) and how much of the budget it used."""
    test_loss = {
        name: float(model.evaluate(*test_set, batch_size=EVAL_BATCH, verbose=0, return_dict=True)["loss"])
        for name, model in (("stopped", stopped), ("full", full))
    }
    return {
        "test_loss_early_stopping": test_loss["stopped"],
        "test_loss_every_epoch": test_loss["full"],
        "test_loss_ratio": ratio(test_loss["stopped"], test_loss["full"]),
        "best_epoch": stopper.best_epoch + 1,
        "epochs_trained": epochs_run,
    }


def claim_parts(m: dict, epochs: int) -> list[Part]:
    """The restored network's test loss is at most a fraction of the fully trained one's, and
    training stopped well before the budget ran out."""
    return [
        at_most("test_loss_ratio", m["test_loss_ratio"], MAX_LOSS_RATIO),
        at_most("epochs_trained_share", m["epochs_trained"] / epochs, MAX_EPOCHS_SHARE),
        at_most("epochs_after_best", m["epochs_trained"] - m["best_epoch"], PATIENCE, kind="identity"),
    ]


def demo(run: Run) -> None:
    """The overfitting set-up trained to the end, and again with early stopping."""
    train_set, test_set = noisy_xor_sample(run.seed)
    fit_set, validation_set = data.split_off(*train_set, fraction=VALIDATION_SHARE)
    run.say(
        f"The overfitting MLP on {len(fit_set[1])} noisy XOR points, {len(validation_set[1])} more set aside "
        f"to watch: first trained for all {run.epochs} epochs…"
    )
    full = run.compile(overparameterized_mlp(name="every_epoch"), loss="binary_crossentropy", metrics=["accuracy"])
    run.fit(full, *fit_set, validation_data=validation_set, name="every-epoch", validation_batch_size=EVAL_BATCH)
    run.say(f"…then stopped once the validation loss has not improved for {PATIENCE} epochs, best weights restored.")
    stopper = EarlyStoppingFromScratch("val_loss", patience=PATIENCE, restore_best_weights=RESTORE_BEST_WEIGHTS)
    stopped = run.compile(
        overparameterized_mlp(name="early_stopping"), loss="binary_crossentropy", metrics=["accuracy"]
    )
    history = run.fit(
        stopped, *fit_set, validation_data=validation_set, callbacks=[stopper], validation_batch_size=EVAL_BATCH
    )

    m = measure(stopped, full, stopper, len(history["val_loss"]), test_set)
    run.say(
        run.table(
            "comparison",
            ["", "every epoch", "early stopping"],
            [
                ["epochs trained", run.epochs, m["epochs_trained"]],
                ["weights of epoch", run.epochs, m["best_epoch"]],
                ["test loss (2,000 fresh points)", m["test_loss_every_epoch"], m["test_loss_early_stopping"]],
            ],
        )
    )
    run.metrics({"test_loss": m["test_loss_early_stopping"], "test_loss_every_epoch": m["test_loss_every_epoch"]})
    run.claim(
        f"Early stopping (patience {PATIENCE}, best weights restored, the epoch chosen on "
        f"{len(validation_set[1])} validation points) leaves a test loss <= {{test_loss_ratio}}x that of the "
        f"same network trained for all {run.epochs} epochs, having trained <= {{epochs_trained_share:.0%}} "
        "of them.",
        claim_parts(m, run.epochs),
        test_loss_early_stopping=m["test_loss_early_stopping"],
        test_loss_every_epoch=m["test_loss_every_epoch"],
        best_epoch=m["best_epoch"],
        epochs_trained=m["epochs_trained"],
    )
    run.decision_surface("decision_surface/every_epoch", full, extent=2.5)
    run.decision_surface("decision_surface/early_stopping", stopped, extent=2.5)


def outcome(claim: dict) -> str:
    """Which PREDICT option the measured claim shows: the early-stopped network's test loss over
    the fully trained one's (test_loss_ratio), clearly below 1, near 1 or above; D if its bar held
    on some seeds only."""
    loss = recorded_parts(claim)["test_loss_ratio"]
    if held_on_some_seeds(loss):
        return "D"
    if loss["mean"] <= 0.9:
        return "A"
    return "C" if loss["mean"] >= 1.1 else "B"
