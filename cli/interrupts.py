"""Ctrl-C and SIGTERM during training, deferred to a safe point.

A signal that landed between TensorBoard writing an epoch and the checkpoint saving it would make a
resumed run log that epoch twice. So inside `deferred_interrupts()` a signal during `fit` only asks
for a stop; the gate's callback, placed last in the callback list, raises KeyboardInterrupt at the
end of the current batch, or after the epoch's checkpoint. Outside `fit`, or on a second signal,
the handler interrupts at once. The state lives in one `InterruptGate` per run, not in globals.
"""

from __future__ import annotations

import contextlib
import signal
from collections.abc import Iterator
from types import FrameType
from typing import Any


class InterruptGate:
    """Whether training is under way and whether a stop was asked for."""

    def __init__(self) -> None:
        self.training = False
        self.requested = False

    def handle(self, signum: int, frame: FrameType | None) -> None:
        """The signal handler: defer during training, interrupt at once otherwise."""
        if self.training and not self.requested:
            self.requested = True
            return
        raise KeyboardInterrupt

    def callback(self) -> Any:
        """A Keras callback that stops at the next safe point once a stop was requested."""
        import keras

        gate = self

        class StopAtSafePoint(keras.callbacks.Callback):
            def on_train_begin(self, logs: dict[str, Any] | None = None) -> None:
                gate.training, gate.requested = True, False

            def on_train_end(self, logs: dict[str, Any] | None = None) -> None:
                gate.training = False

            def on_train_batch_end(self, batch: int, logs: dict[str, Any] | None = None) -> None:
                gate.stop_if_requested()

            def on_epoch_end(self, epoch: int, logs: dict[str, Any] | None = None) -> None:
                gate.stop_if_requested()

        return StopAtSafePoint()

    def stop_if_requested(self) -> None:
        if self.requested:
            self.training = self.requested = False
            raise KeyboardInterrupt


@contextlib.contextmanager
def deferred_interrupts() -> Iterator[InterruptGate]:
    """Route SIGINT and SIGTERM through a fresh gate inside the block; restore the old handlers.

    Installed for SIGINT too because a process started in the background inherits "ignore SIGINT".
    """
    gate = InterruptGate()
    previous = {sig: signal.signal(sig, gate.handle) for sig in (signal.SIGINT, signal.SIGTERM)}
    try:
        yield gate
    finally:
        gate.training = False
        for sig, handler in previous.items():
            signal.signal(sig, handler)
