"""Work-arounds for Keras bugs, each gated on the Keras versions known to need it.

keras-team/keras#20585: Keras 3 cannot `fit` under tf.distribute's MultiWorkerMirroredStrategy.
Two places fail:
1. fit's eager "symbolic build" reduces the first per-replica batch across workers and dies;
   unpinning the model's strategy (`unpin_strategy`) skips that step, fit then takes the strategy
   from the scope the demo runs in, and the model is built when the train step is traced;
2. the TensorFlow trainer averages each per-replica metric with `strategy.reduce("MEAN", value,
   axis=0)`, which fails for the scalar loss and metrics (rank 0 has no axis 0);
   `install_multi_worker_fixes` averages scalars with axis=None instead.
Both are used for `--strategy multi-worker` only.

Under any tf.distribute strategy (mirrored too) `model.predict` splits its input over the replicas
and fails when some replica gets nothing, e.g. for one image on two replicas ("input depth must be
evenly divisible by filter depth: 1 vs 16", or a concat of [1, ...] with [0, ...]); and
`predict_on_batch` returns twice as many rows as it was given on two replicas.
`install_strategy_fixes` makes predict run on this process alone, batch by batch: every replica
holds the same trained weights, so the answer is the same and no collective is needed.

Also under any strategy, `fit` and `evaluate` first "build symbolically" from one batch, which
Keras gets by averaging the first per-replica batch across replicas (`strategy.reduce("MEAN")`).
When the replicas hold batches of different sizes, as when a whole data set smaller than a batch
has an odd number of rows (401 test points on two replicas: 201 and 200), that average fails
("Inputs to operation AddN ... must have the same size and shape"). Only the shapes matter there,
so `install_strategy_fixes` builds from the first replica's batch instead.

Each bug is a `KerasBug` record below, gated on real version numbers: `last_seen` is the newest
Keras release a canary showed the bug in, `fixed_in` (once known) the first release without it.
The work-around is on below `fixed_in`; on a Keras newer than `last_seen` the bug's state is
unknown, so the work-around stays on and the canaries tell. The canaries, in
tests/compat/test_keras_canaries.py, run each bug's probe with its work-around switched off
(NUTSHELL_KERAS_WORKAROUNDS=off:<name>; `off` alone switches off all of them) and expect the
failure: when one fails, upstream has fixed that bug, and its message says which `fixed_in` to set.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from typing import Any, Literal

import keras

SWITCH_ENV = "NUTSHELL_KERAS_WORKAROUNDS"

Version = tuple[int, int]


def keras_version() -> Version:
    """The installed Keras as (major, minor)."""
    major, minor = keras.__version__.split(".")[:2]
    return int(major), int(minor)


@dataclass(frozen=True)
class KerasBug:
    """A Keras bug we work around, and the Keras versions known to have it."""

    name: str  # for the switch: NUTSHELL_KERAS_WORKAROUNDS=off:<name>
    what: str  # the upstream issue, or what fails
    last_seen: Version  # the newest Keras release a canary showed the bug in
    fixed_in: Version | None = None  # the first release without it, once a canary has shown that

    def status(self, version: Version | None = None) -> Literal["broken", "fixed", "unknown"]:
        """broken: seen in this version (or an older one, with no fix known); fixed: released
        without it; unknown: newer than any release we have tested."""
        version = version or keras_version()
        if self.fixed_in is not None and version >= self.fixed_in:
            return "fixed"
        return "broken" if version <= self.last_seen else "unknown"

    def work_around(self) -> bool:
        """Whether to apply the work-around: wherever the bug is, or may be, present."""
        if switched_off(self.name):
            return False
        return self.status() != "fixed"

    def fixed_hint(self) -> str:
        """What a canary says when this bug no longer shows."""
        return (
            f"{self.what}: no longer fails on Keras {keras.__version__}; set {self.name!r}'s fixed_in "
            f"in cli/keras_compat.py to {keras_version()} (or the first release that fixed it)"
        )


def switched_off(name: str) -> bool:
    """NUTSHELL_KERAS_WORKAROUNDS=off switches every work-around off; off:<name>[,<name>] the named."""
    value = os.environ.get(SWITCH_ENV, "on")
    if value == "off":
        return True
    return value.startswith("off:") and name in value.removeprefix("off:").split(",")


# The canaries showed all three in Keras 3.12.4 and 3.15.1, the oldest and newest releases we test.
MULTI_WORKER_FIT = KerasBug(
    "multi-worker-fit", "keras-team/keras#20585 (fit under MultiWorkerMirroredStrategy)", last_seen=(3, 15)
)
REPLICA_PREDICT = KerasBug(
    "replica-predict", "predict under tf.distribute with fewer rows than replicas", last_seen=(3, 15)
)
UNEVEN_SYMBOLIC_BUILD = KerasBug(
    "uneven-symbolic-build", "fit/evaluate's symbolic build from replica batches of different sizes", last_seen=(3, 15)
)
BUGS = (MULTI_WORKER_FIT, REPLICA_PREDICT, UNEVEN_SYMBOLIC_BUILD)


def unpin_strategy(model: keras.Model) -> None:
    """Work-around 1: let fit take the strategy from the enclosing scope (see the module docstring)."""
    if MULTI_WORKER_FIT.work_around():
        model._distribute_strategy = None


def install_multi_worker_fixes() -> None:
    """Work-around 2: average scalar metrics across workers with axis=None (idempotent)."""
    if not MULTI_WORKER_FIT.work_around():
        return
    import tensorflow as tf
    from keras.src.backend.tensorflow import trainer as tf_trainer

    original = tf_trainer.reduce_per_replica
    if getattr(original, "nutshell_patch", False):
        return

    def reduce_per_replica(values: Any, strategy: Any, reduction: str) -> Any:
        if reduction in ("auto", "mean") and tf_trainer._collective_all_reduce_multi_worker(strategy):

            def mean(value: Any) -> Any:
                local = strategy.experimental_local_results(value)[0]
                return strategy.reduce("MEAN", value, axis=0 if local.shape.rank else None)

            return tf.nest.map_structure(mean, values)
        return original(values, strategy, reduction)

    reduce_per_replica.nutshell_patch = True  # type: ignore[attr-defined]
    tf_trainer.reduce_per_replica = reduce_per_replica


def install_strategy_fixes() -> None:
    """Predict on this process alone, and build from one replica's batch, under any tf.distribute
    strategy (see the module docstring)."""
    if REPLICA_PREDICT.work_around():
        keras.Model.predict = _local_predict
        keras.Model.predict_on_batch = _local_predict_on_batch
    if UNEVEN_SYMBOLIC_BUILD.work_around():
        from keras.src.backend.tensorflow.trainer import TensorFlowTrainer

        TensorFlowTrainer._maybe_symbolic_build = _symbolic_build_from_one_replica


def _symbolic_build_from_one_replica(self: Any, iterator: Any = None, data_batch: Any = None) -> None:
    """Keras's `_maybe_symbolic_build`, taking the first replica's share of the first batch
    instead of averaging the shares (which fails when they differ in size)."""
    import tensorflow as tf

    if self._distribute_strategy is None:  # no strategy pinned: built when the step is traced
        return
    if iterator is not None:
        for _, _, batches in iterator:
            first = next(batches)
            data_batch = keras.tree.map_structure(
                lambda value: (
                    self._distribute_strategy.experimental_local_results(value)[0]
                    if isinstance(value, tf.distribute.DistributedValues)
                    else value
                ),
                first,
            )
            break
    with self.distribute_strategy.scope():
        self._symbolic_build(data_batch=data_batch)


def _local_predict(
    self: Any, x: Any, batch_size: int | None = None, verbose: Any = "auto", steps: Any = None, callbacks: Any = None
) -> Any:
    """`Model.predict`, computed on this process alone, batch by batch (eagerly)."""
    import numpy as np

    batch_size = batch_size or 32
    parts = [self(x[start : start + batch_size], training=False) for start in range(0, len(x), batch_size)]
    return keras.tree.map_structure(
        lambda *pieces: np.concatenate([keras.ops.convert_to_numpy(piece) for piece in pieces]), *parts
    )


def _local_predict_on_batch(self: Any, x: Any) -> Any:
    """`Model.predict_on_batch`, computed on this process alone."""
    return keras.tree.map_structure(keras.ops.convert_to_numpy, self(x, training=False))
