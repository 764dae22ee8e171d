"""Learning-rate schedules shared by several demos (not an entry).

The cnn and inception demos both let Adam's step size fall to zero over the run; the schedule
lives here once so that neither entry imports the other's demo machinery. The cosine itself is
the learning-rate-schedule entry's `WarmupCosineDecay` (its teaching implementation), read once
per epoch instead of once per step.
"""

from __future__ import annotations

import keras
import numpy as np

from nutshell.glossary.learning_rate_schedule import WarmupCosineDecay

__all__ = ["cosine_decay"]


def cosine_decay(rate: float, epochs: int) -> keras.callbacks.LearningRateScheduler:
    """Shrink the step size from `rate` towards 0 over `epochs`: rate · ½(1 + cos(π · epoch / epochs)).

    The last epochs then settle the weights instead of bouncing between nearby solutions, so the
    final accuracy varies less from seed to seed. The schedule reads the epoch number, so a run
    resumed after epoch e continues where it stopped.

    Example:
        >>> schedule = cosine_decay(0.01, 4)
        >>> [round(float(schedule.schedule(epoch, None)), 6) for epoch in range(4)]
        [0.01, 0.008536, 0.005, 0.001464]
    """
    if epochs < 1:
        raise ValueError(f"epochs must be at least 1, not {epochs!r}")
    # No warm-up, down to 0 at `epochs`; computed in float64, so each epoch's rate rounds to the
    # same float32 as before the schedule moved to the learning-rate-schedule entry.
    schedule = WarmupCosineDecay(np.float64(rate), decay_steps=epochs)
    return keras.callbacks.LearningRateScheduler(lambda epoch, _: float(schedule(epoch)))
