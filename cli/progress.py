"""What training is doing, as Keras callbacks: progress for people and logs, and the one timer.

Callbacks see exactly what `model.fit` does: epochs, batches, loss and metrics. Progress is a rich
bar on a terminal and one line per epoch when output is piped.
"""

from __future__ import annotations

import time
from typing import Any, cast

import keras

from nutshell import render


def _fmt(logs: dict[str, Any]) -> str:
    return "  ".join(
        f"{key} {value:.4f}" for key, value in logs.items() if key not in ("learning_rate", "training_seconds")
    )


class PlainProgress(keras.callbacks.Callback):
    """One line per epoch: `[cnn] epoch 3/15  loss 0.1234  accuracy 0.9650 ... (1.2 s)`."""

    def __init__(self, label: str, epochs: int) -> None:
        super().__init__()
        self.label, self.epochs = label, epochs

    def on_epoch_begin(self, epoch: int, logs: dict[str, Any] | None = None) -> None:
        self._start = time.perf_counter()

    def on_epoch_end(self, epoch: int, logs: dict[str, Any] | None = None) -> None:
        seconds = time.perf_counter() - self._start
        print(f"[{self.label}] epoch {epoch + 1}/{self.epochs}  {_fmt(logs or {})}  ({seconds:.1f} s)", flush=True)


class RichProgress(keras.callbacks.Callback):
    """Two bars, epochs and batches of the current epoch, with loss, metrics and an ETA."""

    def __init__(self, label: str, epochs: int) -> None:
        super().__init__()
        self.label, self.epochs = label, epochs

    def on_train_begin(self, logs: dict[str, Any] | None = None) -> None:
        from rich.progress import (
            BarColumn,
            MofNCompleteColumn,
            Progress,
            TextColumn,
            TimeElapsedColumn,
            TimeRemainingColumn,
        )

        self.progress = Progress(
            TextColumn("[bold]{task.description}"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeElapsedColumn(),
            TextColumn("eta"),
            TimeRemainingColumn(),
            TextColumn("{task.fields[metrics]}"),
            console=render.console(),
            transient=False,
        )
        self.progress.start()
        self.epoch_task = self.progress.add_task(f"{self.label} epochs", total=self.epochs, metrics="")
        self.batch_task = self.progress.add_task("  batches", total=self.params.get("steps"), metrics="")

    def on_epoch_begin(self, epoch: int, logs: dict[str, Any] | None = None) -> None:
        self.progress.reset(self.batch_task, total=self.params.get("steps"), metrics="")

    def on_train_batch_end(self, batch: int, logs: dict[str, Any] | None = None) -> None:
        self.progress.update(self.batch_task, completed=batch + 1, metrics=_fmt(logs or {}))

    def on_epoch_end(self, epoch: int, logs: dict[str, Any] | None = None) -> None:
        self.progress.update(self.epoch_task, completed=epoch + 1, metrics=_fmt(logs or {}))

    def on_train_end(self, logs: dict[str, Any] | None = None) -> None:
        self.progress.stop()


def progress_callback(label: str, epochs: int) -> keras.callbacks.Callback:
    return PlainProgress(label, epochs) if render.plain() else RichProgress(label, epochs)


class TrainingClock(keras.callbacks.Callback):
    """The one training timer: each epoch's training seconds, written into the logs as
    `training_seconds` (so the checkpointed history carries them, TensorBoard plots them, and a
    resumed run adds new epochs to the old instead of timing a reloaded model at 0 s), and the
    examples per second of the whole fit.

    Left out of the seconds: validation and logging at each epoch's end, and the first step of
    each session, in which the backend traces the training graph (a fixed cost, whatever the
    length of the run). Models that validate and log alike are then timed on their training alone.
    """

    def __init__(self, batch_size: int) -> None:
        super().__init__()
        self.batch_size = batch_size
        self.seconds, self.total_seconds, self.examples = 0.0, 0.0, 0
        self._started: float | None = None
        self._first_step: float | bool | None = None

    def on_epoch_begin(self, epoch: int, logs: dict[str, Any] | None = None) -> None:
        self.seconds, self._started = 0.0, time.perf_counter()

    def on_train_batch_begin(self, batch: int, logs: dict[str, Any] | None = None) -> None:
        if self._first_step is None:
            self._first_step = time.perf_counter()

    def on_train_batch_end(self, batch: int, logs: dict[str, Any] | None = None) -> None:
        if self._first_step is not False:
            self.seconds -= time.perf_counter() - cast(float, self._first_step)  # set by the batch's begin
            self._first_step = False
        else:
            steps = self.model.steps_per_execution if self.model else 1
            self.examples += self.batch_size * (steps or 1)

    def _stop(self) -> None:
        if self._started is not None:
            self.seconds += time.perf_counter() - self._started
            self._started = None

    def on_test_begin(self, logs: dict[str, Any] | None = None) -> None:
        self._stop()  # validation starts: the epoch's training is over

    def on_epoch_end(self, epoch: int, logs: dict[str, Any] | None = None) -> None:
        self._stop()
        self.total_seconds += self.seconds
        if logs is not None:
            logs["training_seconds"] = self.seconds

    def examples_per_second(self) -> float:
        return round(self.examples / self.total_seconds, 1) if self.total_seconds > 0 else 0.0
