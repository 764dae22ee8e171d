"""The adding problem and the trainer that counts sequences until it is solved (not an entry).

The lstm, rnn and gru demos race recurrent nets on the same task, so what they share lives here
once: the two versions of the task (`VARIANTS`), fresh train / check / test sequences for a seed,
the stopping rules (`SequenceCounter`, `RecentErrors`), `train_until_solved`, which trains on
fresh sequences in order and says how many it took, and `mse_on`. The entries keep what they
teach (their cells) and their claims.

Two versions of the task; their counts do not compare:
- "adding-modern": values in [0, 1], one mark in each half, target X₁ + X₂; solved when the MSE
  on held-out check sequences stays below SOLVED_MSE (the mean guess scores 1/6).
- "adding-1997", as Hochreiter & Schmidhuber (1997) set it: values in [-1, 1], lengths T to 1.1T
  (pre-padded and masked), target 0.5 + (X₁ + X₂)/4; solved when the last RECENT training
  sequences all erred by under CORRECT_ERROR and their MSE is below SOLVED_MSE.
"""

from __future__ import annotations

from dataclasses import dataclass

import keras
import numpy as np
from keras import ops

from nutshell import data

__all__ = [
    "STEPS",
    "SOLVED_MSE",
    "CORRECT_ERROR",
    "RECENT",
    "CHECK_EVERY",
    "SEQUENCES_PER_EPOCH",
    "Variant",
    "VARIANTS",
    "MODERN",
    "Sequences",
    "sequences",
    "regressor",
    "errors",
    "mse_on",
    "RecentErrors",
    "SequenceCounter",
    "Training",
    "train_until_solved",
]

STEPS = 100  # T: the 100-step adding problem
SOLVED_MSE = 0.01  # modern: solved when the held-out MSE stays below this; 1997: the
CORRECT_ERROR = 0.04  #   MSE is below it, and a sequence is correct when |error| < 0.04;
RECENT = 2_000  #   training stops once the last 2,000 all were
CHECK_EVERY = 800  # training sequences between two looks at the check set
SEQUENCES_PER_EPOCH = 4_000  # every epoch brings fresh sequences; none is shown twice
CHECK_SEQUENCES = 512  # watched during training (modern rule)


@dataclass(frozen=True)
class Variant:
    """One version of the adding problem: how its sequences are made and when it counts as solved."""

    name: str
    masked: bool  # lengths vary: pre-padded to the longest, the padding masked out
    paper_rule: bool  # solved by the 1997 rule on the training stream, else by the check set

    def sequences(self, n: int, seed: int, steps: int = STEPS) -> tuple[np.ndarray, np.ndarray]:
        """(x, y) for n fresh sequences of `steps` time steps (1997: `steps` to 1.1 x `steps`)."""
        if self.name == "adding-1997":
            x, y, _ = data.adding_problem_1997(n, steps=steps, seed=seed)
            return x, y
        return data.adding_problem(n, steps=steps, seed=seed)


VARIANTS = {
    "adding-modern": Variant("adding-modern", masked=False, paper_rule=False),
    "adding-1997": Variant("adding-1997", masked=True, paper_rule=True),
}
MODERN = VARIANTS["adding-modern"]


@dataclass(frozen=True)
class Sequences:
    """A demo's data for one seed: training sequences (each seen once), a check set watched while
    training, a test set touched once at the end, and the MSE of always guessing the mean."""

    train: tuple[np.ndarray, np.ndarray]
    check: tuple[np.ndarray, np.ndarray]
    test: tuple[np.ndarray, np.ndarray]

    @property
    def mean_guess_mse(self) -> float:
        """The test MSE of always answering the training targets' mean: what "learned nothing" scores."""
        return float(np.mean((self.test[1] - self.train[1].mean()) ** 2))

    @property
    def length(self) -> int:
        """Time steps per (padded) sequence."""
        return int(self.train[0].shape[1])


def sequences(variant: Variant, n_train: int, seed: int, steps: int = STEPS, n_test: int = 4_000) -> Sequences:
    """Fresh train, check and test sequences; the three seeds never overlap for seeds below 1,000."""
    return Sequences(
        variant.sequences(n_train, seed, steps),
        variant.sequences(CHECK_SEQUENCES, seed + 1_000, steps),
        variant.sequences(n_test, seed + 2_000, steps),
    )


def regressor(recurrent: keras.layers.Layer, length: int, name: str, masked: bool = False) -> keras.Model:
    """(value, marker) pairs -> a recurrent layer -> one number: the net every racer shares."""
    masking = [keras.layers.Masking(0.0)] if masked else []  # padding leaves the state alone
    return keras.Sequential(
        [keras.Input((length, 2)), *masking, recurrent, keras.layers.Dense(1, name="sum")], name=name
    )


def errors(model: keras.Model, test: tuple[np.ndarray, np.ndarray]) -> np.ndarray:
    """Prediction minus target for every test sequence."""
    x, y = test
    return np.asarray(model.predict(x, batch_size=500, verbose=0)).reshape(-1) - y


def mse_on(model: keras.Model, test: tuple[np.ndarray, np.ndarray]) -> float:
    """The model's mean squared error on `test`."""
    return float(np.mean(errors(model, test) ** 2))


@keras.saving.register_keras_serializable(package="nutshell")
class RecentErrors(keras.metrics.Metric):
    """The 1997 stopping rule's numbers over the last `window` training sequences: how many
    had |error| >= `tolerance` (kind "wrong"), or their mean squared error (kind "mse").

    Each sequence is scored by the weights it met before its own update, as online training
    scores it. The window runs on across epochs (the sequences are one stream), so
    `reset_state` keeps it; it starts full of misses, so nothing passes before `window`
    sequences have been seen.
    """

    def __init__(self, kind="wrong", window=RECENT, tolerance=CORRECT_ERROR, name=None, **kwargs):
        if kind not in ("wrong", "mse"):
            raise ValueError(f"kind must be 'wrong' or 'mse', not {kind!r}")
        super().__init__(name=name or f"recent_{kind}", **kwargs)
        self.kind, self.window, self.tolerance = kind, window, tolerance
        self.errors = self.add_variable(shape=(window,), initializer="ones", name="errors")

    def update_state(self, y_true, y_pred, sample_weight=None):
        y_pred = ops.cast(ops.reshape(y_pred, (-1,)), "float32")
        error = ops.abs(y_pred - ops.cast(ops.reshape(y_true, (-1,)), "float32"))
        self.errors.assign(ops.concatenate([self.errors, error])[-self.window :])

    def result(self):
        if self.kind == "wrong":
            return ops.sum(ops.cast(self.errors >= self.tolerance, "float32"))
        return ops.mean(ops.square(self.errors))

    def reset_state(self):
        pass  # on purpose: Keras resets metrics every epoch; this window must outlive that

    def get_config(self):
        return {
            "kind": self.kind,
            "window": self.window,
            "tolerance": self.tolerance,
            "name": self.name,
            "dtype": self.dtype,
        }


class SequenceCounter(keras.callbacks.Callback):
    """Counts the training sequences seen, and stops training when the variant's rule says solved.

    Modern rule: the check set's MSE, looked at every CHECK_EVERY sequences, is below SOLVED_MSE
    on `confirm` looks in a row (one lucky look is no solution); the count is the first's.
    1997 rule: the paper's, on the training stream itself (see RecentErrors).
    The count follows from the epoch and batch numbers, so it survives a resume, and it goes
    into the fit's history (saved with each checkpoint) as `sequences_seen` and, once solved,
    `sequences_to_solve`.
    """

    def __init__(self, run, label, variant, check, batch_size, steps_per_epoch, max_sequences, confirm=3):
        super().__init__()
        self.run, self.label, self.variant, self.check = run, label, variant, check
        self.batch_size, self.steps_per_epoch = batch_size, steps_per_epoch
        self.max_sequences, self.confirm = max_sequences, confirm
        self.epoch, self.seen, self.next_look = 0, 0, 0
        self.streak_started, self.streak = 0, 0
        self.solved_at = 0
        self.curve = []  # (sequences seen, the rule's MSE)

    def on_epoch_begin(self, epoch, logs=None):
        self.epoch = epoch
        self.seen = epoch * self.steps_per_epoch * self.batch_size
        self.next_look = max(self.next_look, self.seen + CHECK_EVERY)

    def on_train_batch_end(self, batch, logs=None):
        self.seen = (self.epoch * self.steps_per_epoch + batch + 1) * self.batch_size
        if self.variant.paper_rule:
            self._paper_rule(logs)
        elif self.seen >= self.next_look:
            self._check_rule()
        if self.seen >= self.max_sequences:
            self.model.stop_training = True

    def _paper_rule(self, logs):
        wrong, mse = float(logs["recent_wrong"]), float(logs["recent_mse"])
        if wrong == 0 and mse < SOLVED_MSE:
            self.solved_at = self.seen
            self.model.stop_training = True
        if self.seen >= self.next_look or self.solved_at:
            self.next_look = self.seen + CHECK_EVERY
            self.curve.append((self.seen, mse))
            self.run.scalars(
                {f"{self.label}_mse_last_{RECENT}": mse, f"{self.label}_wrong_in_last_{RECENT}": wrong},
                step=self.seen,
                prefix="sequences_seen",
            )

    def _check_rule(self):
        self.next_look = self.seen + CHECK_EVERY
        x, y = self.check
        mse = float(np.mean((np.asarray(self.model.predict_on_batch(x)).reshape(-1) - y) ** 2))
        self.curve.append((self.seen, mse))
        self.run.scalars({f"{self.label}_check_mse": mse}, step=self.seen, prefix="sequences_seen")
        if mse >= SOLVED_MSE:
            self.streak = 0
            return
        self.streak += 1
        self.streak_started = self.streak_started if self.streak > 1 else self.seen
        if self.streak >= self.confirm:
            self.solved_at = self.streak_started
            self.model.stop_training = True

    def on_epoch_end(self, epoch, logs=None):
        if logs is not None:  # the checkpoint history keeps these, so a resumed run knows them
            logs["sequences_seen"] = float(self.seen)
            if self.solved_at:
                logs["sequences_to_solve"] = float(self.solved_at)


@dataclass(frozen=True)
class Training:
    """What `train_until_solved` reports: sequences seen, sequences to solve (0: not solved),
    the learning curve as (sequences seen, the rule's MSE) and the seconds spent training."""

    sequences_seen: int
    sequences_to_solve: int
    curve: list
    seconds: float


def train_until_solved(
    run,
    model: keras.Model,
    variant: Variant,
    data: Sequences,
    max_sequences: int,
    *,
    learning_rate,
    batch_size: int,
    name: str | None = None,
) -> Training:
    """Train on fresh sequences, in order, with Adam (clipnorm 1.0), until solved or
    `max_sequences` have been seen.

    `learning_rate`: a number, or a Keras schedule (the benchmarks try one); `batch_size`: the
    sequences per update. Both are given explicitly: the count of sequences depends on them.
    """
    metrics = [RecentErrors("wrong"), RecentErrors("mse")] if variant.paper_rule else []
    # clipnorm 1.0: the paths through h and the gates can still explode; clipping tames rare big steps
    run.compile(
        model, loss="mse", metrics=metrics, optimizer=keras.optimizers.Adam(learning_rate=learning_rate, clipnorm=1.0)
    )
    steps = SEQUENCES_PER_EPOCH // batch_size
    counter = SequenceCounter(run, name or model.name, variant, data.check, batch_size, steps, max_sequences)
    # shuffle=False and steps_per_epoch: each epoch continues where the last stopped, so the
    # model walks through the pool once, and every racer sees the same sequences in the same order
    # (a resumed fit starts the pool again from its first sequence; the count stays right).
    # No validation pass for the 1997 rule: Keras would feed its errors to the same metrics.
    validation = None if metrics else data.check
    history = run.fit(
        model,
        *data.train,
        validation_data=validation,
        name=name,
        callbacks=[counter],
        epochs=-(-max_sequences // (steps * batch_size)),
        steps_per_epoch=steps,
        batch_size=batch_size,
        shuffle=False,
    )
    seen = history.get("sequences_seen", [counter.seen])[-1]  # from the history: resume-proof
    solved = history.get("sequences_to_solve", [counter.solved_at])[-1]  # 0: not solved
    return Training(int(seen), int(solved), counter.curve, float(sum(history.get("training_seconds", []))))
