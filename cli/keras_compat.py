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

`tests/test_distributed.py` runs two workers with the work-arounds switched off
(NUTSHELL_KERAS_WORKAROUNDS=off) and expects the failure: when that test fails, upstream has fixed
the bug, and `BROKEN_BELOW` should become the first fixed version.
"""

from __future__ import annotations

import os

import keras

# The bug is open in every Keras 3 release so far (3.0 - 3.15); raise the bound when it is fixed.
BROKEN_SINCE = (3, 0)
BROKEN_BELOW = (99, 0)
SWITCH_ENV = "NUTSHELL_KERAS_WORKAROUNDS"


def _version() -> tuple[int, int]:
    major, minor = keras.__version__.split(".")[:2]
    return int(major), int(minor)


def needs_fixes() -> bool:
    if os.environ.get(SWITCH_ENV, "on") == "off":
        return False
    return BROKEN_SINCE <= _version() < BROKEN_BELOW


def unpin_strategy(model) -> None:
    """Work-around 1: let fit take the strategy from the enclosing scope (see the module docstring)."""
    if needs_fixes():
        model._distribute_strategy = None


def install_multi_worker_fixes() -> None:
    """Work-around 2: average scalar metrics across workers with axis=None (idempotent)."""
    if not needs_fixes():
        return
    import tensorflow as tf
    from keras.src.backend.tensorflow import trainer as tf_trainer

    original = tf_trainer.reduce_per_replica
    if getattr(original, "nutshell_patch", False):
        return

    def reduce_per_replica(values, strategy, reduction):
        if reduction in ("auto", "mean") and tf_trainer._collective_all_reduce_multi_worker(strategy):
            def mean(value):
                local = strategy.experimental_local_results(value)[0]
                return strategy.reduce("MEAN", value, axis=0 if local.shape.rank else None)

            return tf.nest.map_structure(mean, values)
        return original(values, strategy, reduction)

    reduce_per_replica.nutshell_patch = True
    tf_trainer.reduce_per_replica = reduce_per_replica


def install_strategy_fixes() -> None:
    """Predict on this process alone, and build from one replica's batch, under any tf.distribute
    strategy (see the module docstring)."""
    if needs_fixes():
        from keras.src.backend.tensorflow.trainer import TensorFlowTrainer

        keras.Model.predict = _local_predict
        keras.Model.predict_on_batch = _local_predict_on_batch
        TensorFlowTrainer._maybe_symbolic_build = _symbolic_build_from_one_replica


def _symbolic_build_from_one_replica(self, iterator=None, data_batch=None):
    """Keras's `_maybe_symbolic_build`, taking the first replica's share of the first batch
    instead of averaging the shares (which fails when they differ in size)."""
    import tensorflow as tf

    if self._distribute_strategy is None:  # no strategy pinned: built when the step is traced
        return
    if iterator is not None:
        for _, _, batches in iterator:
            first = next(batches)
            data_batch = keras.tree.map_structure(
                lambda value: self._distribute_strategy.experimental_local_results(value)[0]
                if isinstance(value, tf.distribute.DistributedValues) else value, first)
            break
    with self.distribute_strategy.scope():
        self._symbolic_build(data_batch=data_batch)


def _local_predict(self, x, batch_size=None, verbose="auto", steps=None, callbacks=None):
    """`Model.predict`, computed on this process alone, batch by batch (eagerly)."""
    import numpy as np

    batch_size = batch_size or 32
    parts = [self(x[start:start + batch_size], training=False) for start in range(0, len(x), batch_size)]
    return keras.tree.map_structure(
        lambda *pieces: np.concatenate([keras.ops.convert_to_numpy(piece) for piece in pieces]), *parts)


def _local_predict_on_batch(self, x):
    """`Model.predict_on_batch`, computed on this process alone."""
    return keras.tree.map_structure(keras.ops.convert_to_numpy, self(x, training=False))
