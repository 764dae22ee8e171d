"""Checkpoints that survive Ctrl-C, SIGTERM and crashes, so an interrupted run can be resumed.

Each fit of a run keeps its own folder `checkpoints/<fit>/`:

    epoch-0007.weights.h5   weights and optimizer state after epoch 7 (the last two are kept)
    epoch-0007.json         the Keras history up to epoch 7, written before the weights
    done.json               the fit finished: its full history (its final weights sit beside it)

Every file is written to a temporary name and renamed into place, so a signal can at worst leave a
stray `.tmp` file, never a half-written checkpoint under a real name. A checkpoint that still fails
to load (a damaged disk, a file truncated by hand) is skipped for the previous good one.
"""

from __future__ import annotations

import json
import math
import os
from pathlib import Path
from typing import Any

import keras

from nutshell.errors import CorruptCheckpoint, NonFiniteLoss
from nutshell.rundir import atomic_write_text

KEEP = 2


def atomic_save_weights(model: keras.Model, path: Path) -> None:
    tmp = path.with_name(".tmp-" + path.name)  # outside the `epoch-*` pattern restore() reads
    model.save_weights(tmp)
    os.replace(tmp, path)


class Checkpointer(keras.callbacks.Callback):
    """Saves weights, optimizer state and history at the end of every epoch."""

    def __init__(self, folder: Path, history: dict[str, list[float]]) -> None:
        super().__init__()
        self.folder = folder
        self.history = history  # epochs restored from an earlier session, extended here

    def on_epoch_end(self, epoch: int, logs: dict[str, Any] | None = None) -> None:
        for key, value in (logs or {}).items():
            self.history.setdefault(key, []).append(float(value))
        stem = f"epoch-{epoch + 1:04d}"
        atomic_write_text(self.folder / f"{stem}.json", json.dumps(self.history))
        atomic_save_weights(self.model, self.folder / f"{stem}.weights.h5")
        for old in sorted(self.folder.glob("epoch-*.weights.h5"))[:-KEEP]:
            old.unlink(missing_ok=True)
            old.with_name(old.name.replace(".weights.h5", ".json")).unlink(missing_ok=True)


class StopOnNonFiniteLoss(keras.callbacks.Callback):
    """Stops at the first NaN or infinite batch loss, before a bad epoch can be checkpointed."""

    def __init__(self, fit: str) -> None:
        super().__init__()
        self.fit = fit
        self.epoch = 0

    def on_epoch_begin(self, epoch: int, logs: dict[str, Any] | None = None) -> None:
        self.epoch = epoch

    def on_train_batch_end(self, batch: int, logs: dict[str, Any] | None = None) -> None:
        loss = (logs or {}).get("loss")
        if loss is not None and not math.isfinite(float(loss)):
            # The rate the optimizer actually ran at, which a demo's own optimizer may have set.
            rate = float(keras.ops.convert_to_numpy(self.model.optimizer.learning_rate))
            raise NonFiniteLoss(self.fit, self.epoch + 1, batch + 1, float(loss), rate)


def prepare_optimizer(model: keras.Model) -> None:
    """Create the optimizer's variables so that saved optimizer state has somewhere to go."""
    if model.optimizer is not None and not model.optimizer.built:
        model.optimizer.build(model.trainable_variables)


def restore(model: keras.Model, folder: Path) -> tuple[int, dict[str, list[float]]]:
    """Load the newest good checkpoint in `folder` into `model`.

    Returns (epochs already done, history so far); (0, {}) when there is nothing to resume.
    """
    candidates = sorted(folder.glob("epoch-*.weights.h5"), reverse=True)
    if not candidates:
        return 0, {}
    prepare_optimizer(model)
    for weights in candidates:
        history_file = weights.with_name(weights.name.replace(".weights.h5", ".json"))
        try:
            history = json.loads(history_file.read_text())
            model.load_weights(weights)
        except Exception:  # h5py and Keras raise many kinds for a damaged file
            continue
        return int(weights.name[6:10]), history
    raise CorruptCheckpoint(f"every checkpoint in {folder} is damaged; start a new run")


def finished(folder: Path, model: keras.Model) -> dict[str, list[float]] | None:
    """If this fit already completed in an earlier session, load it and return its history."""
    done = folder / "done.json"
    if not done.exists():
        return None
    prepare_optimizer(model)
    model.load_weights(folder / "final.weights.h5")
    return json.loads(done.read_text())


def mark_finished(folder: Path, model: keras.Model, history: dict[str, list[float]]) -> None:
    atomic_save_weights(model, folder / "final.weights.h5")
    atomic_write_text(folder / "done.json", json.dumps(history))
    for old in folder.glob("epoch-*"):
        old.unlink(missing_ok=True)
