"""What training is doing, as Keras callbacks: progress for people and logs, and throughput.

Callbacks see exactly what `model.fit` does: epochs, batches, loss and metrics. Progress is a rich
bar on a terminal and one line per epoch when output is piped.
"""

from __future__ import annotations

import time

import keras

from nutshell import render


def _fmt(logs: dict) -> str:
    return "  ".join(f"{key} {value:.4f}" for key, value in logs.items() if key != "learning_rate")


class PlainProgress(keras.callbacks.Callback):
    """One line per epoch: `[cnn] epoch 3/15  loss 0.1234  accuracy 0.9650 ... (1.2 s)`."""

    def __init__(self, label: str, epochs: int):
        super().__init__()
        self.label, self.epochs = label, epochs

    def on_epoch_begin(self, epoch, logs=None):
        self._start = time.perf_counter()

    def on_epoch_end(self, epoch, logs=None):
        seconds = time.perf_counter() - self._start
        print(f"[{self.label}] epoch {epoch + 1}/{self.epochs}  {_fmt(logs or {})}  ({seconds:.1f} s)",
              flush=True)


class RichProgress(keras.callbacks.Callback):
    """Two bars, epochs and batches of the current epoch, with loss, metrics and an ETA."""

    def __init__(self, label: str, epochs: int):
        super().__init__()
        self.label, self.epochs = label, epochs

    def on_train_begin(self, logs=None):
        from rich.progress import (BarColumn, MofNCompleteColumn, Progress, TextColumn,
                                   TimeElapsedColumn, TimeRemainingColumn)

        self.progress = Progress(
            TextColumn("[bold]{task.description}"), BarColumn(), MofNCompleteColumn(),
            TimeElapsedColumn(), TextColumn("eta"), TimeRemainingColumn(),
            TextColumn("{task.fields[metrics]}"), console=render.console(), transient=False,
        )
        self.progress.start()
        self.epoch_task = self.progress.add_task(f"{self.label} epochs", total=self.epochs, metrics="")
        self.batch_task = self.progress.add_task("  batches", total=self.params.get("steps"), metrics="")

    def on_epoch_begin(self, epoch, logs=None):
        self.progress.reset(self.batch_task, total=self.params.get("steps"), metrics="")

    def on_train_batch_end(self, batch, logs=None):
        self.progress.update(self.batch_task, completed=batch + 1, metrics=_fmt(logs or {}))

    def on_epoch_end(self, epoch, logs=None):
        self.progress.update(self.epoch_task, completed=epoch + 1, metrics=_fmt(logs or {}))

    def on_train_end(self, logs=None):
        self.progress.stop()


def progress_callback(label: str, epochs: int) -> keras.callbacks.Callback:
    return PlainProgress(label, epochs) if render.plain() else RichProgress(label, epochs)


class Throughput(keras.callbacks.Callback):
    """Training examples per second, timed over training batches only (not validation)."""

    def __init__(self, batch_size: int):
        super().__init__()
        self.batch_size = batch_size
        self.examples = 0
        self.seconds = 0.0

    def on_train_batch_begin(self, batch, logs=None):
        self._start = time.perf_counter()

    def on_train_batch_end(self, batch, logs=None):
        self.seconds += time.perf_counter() - self._start
        steps = self.model.steps_per_execution if self.model else 1
        self.examples += self.batch_size * (steps or 1)

    def examples_per_second(self) -> float:
        return round(self.examples / self.seconds, 1) if self.seconds else 0.0
