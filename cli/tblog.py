"""What a run shows in TensorBoard beyond Keras's own callback: numbers, pictures, text, hparams.

One writer at the run directory's root. Every method is a no-op when TensorFlow is not installed
(a JAX or PyTorch machine still trains the demos; it just logs nothing).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np

from nutshell.runtime import tf


class Board:
    """A tf.summary writer, opened on first use, at `folder`."""

    def __init__(self, folder_of: Callable[[], Path]) -> None:
        self._folder_of = folder_of  # called on first write: the run directory is created lazily
        self._writer: Any = None

    @property
    def writer(self) -> Any:
        if self._writer is None and tf is not None:
            self._writer = tf.summary.create_file_writer(str(self._folder_of()))
        return self._writer

    def _write(self, log: Callable[[], object]) -> None:
        if self.writer is None:
            return
        with self.writer.as_default():
            log()
        self.writer.flush()

    def scalars(self, values: dict[str, float], step: int = 0, prefix: str = "") -> None:
        def log() -> None:
            for key, value in values.items():
                tf.summary.scalar(f"{prefix}/{key}" if prefix else key, float(value), step=step)

        self._write(log)

    def images(self, tag: str, images: np.ndarray, step: int = 0, max_outputs: int = 16) -> None:
        self._write(lambda: tf.summary.image(tag, images, step=step, max_outputs=max_outputs))

    def text(self, tag: str, markdown: str, step: int = 0) -> None:
        self._write(lambda: tf.summary.text(tag, markdown, step=step))

    def hparams(self, values: dict[str, Any], trial_id: str) -> None:
        """The settings as one HParams session. No experiment config is written on purpose: then
        the dashboard takes every scalar tag of the session (claim/*, epoch_accuracy, ...) as a
        metric column, so each demo's own claim numbers show up without a fixed list."""
        if self.writer is None:
            return
        from tensorboard.plugins.hparams import api as hp

        self._write(lambda: hp.hparams(values, trial_id=trial_id))

    def close(self) -> None:
        if self._writer is not None:
            self._writer.close()


def keras_callback(log_dir: Path, histograms: bool) -> Any:
    """Keras's TensorBoard callback: epoch metrics, and weight histograms for the main model."""
    import keras

    return keras.callbacks.TensorBoard(log_dir=str(log_dir), write_graph=False, histogram_freq=1 if histograms else 0)
