"""How training is spread over devices and machines.

`--batch-size` is the global batch under every strategy, as in Keras's own `fit`: the replicas
split it, and the learning rate is the one the user gave. Nothing is scaled behind the user's
back, so a demo takes the same steps, and its verdict means the same, on one device or eight. To
use more devices for a bigger batch, pass a bigger `--batch-size` (and, if you wish, a bigger
`--learning-rate`) yourself; the README shows how.
"""

from __future__ import annotations

import contextlib
import os
from dataclasses import dataclass
from typing import Any

import keras

from nutshell.errors import SetupError
from nutshell.runtime import tf
from nutshell.settings import Settings


@dataclass(frozen=True)
class Distribution:
    """A tf.distribute strategy (or none), its replica count, and whether this process is the chief."""

    strategy: Any = None
    replicas: int = 1
    chief: bool = True

    def scope(self) -> contextlib.AbstractContextManager[Any]:
        return self.strategy.scope() if self.strategy is not None else contextlib.nullcontext()

    def describe(self, settings: Settings) -> dict[str, Any]:
        batch = settings.batch_size
        return {
            "strategy": settings.strategy,
            "replicas": self.replicas,
            "per_replica_batch_size": batch / self.replicas
            if batch % self.replicas
            else batch // self.replicas,  # tf.distribute splits an odd batch unevenly
            "global_batch_size": batch,
            "learning_rate": settings.learning_rate,
            "rule": "the replicas split --batch-size; the learning rate is --learning-rate",
        }


def distribute(settings: Settings) -> Distribution:
    """Build the tf.distribute strategy that --strategy names.

    mirrored: every GPU of this machine (or, with NUTSHELL_CPU_REPLICAS=n and no GPU, n logical
    CPU devices, to try it out). multi-worker: MultiWorkerMirroredStrategy across the machines
    that TF_CONFIG lists; only the chief writes the run, the other workers log to a scratch dir.
    """
    if settings.strategy == "none":
        return Distribution()
    if keras.backend.backend() != "tensorflow" or tf is None:
        raise SetupError("--strategy needs the TensorFlow backend (KERAS_BACKEND=tensorflow)")
    from nutshell import keras_compat

    keras_compat.install_strategy_fixes()
    if settings.strategy == "mirrored":
        gpus = tf.config.list_logical_devices("GPU")
        devices = [d.name for d in gpus] or [d.name for d in tf.config.list_logical_devices("CPU")]
        strategy = tf.distribute.MirroredStrategy(devices=devices)
        return Distribution(strategy, strategy.num_replicas_in_sync)
    if not os.environ.get("TF_CONFIG"):
        raise SetupError("--strategy multi-worker needs TF_CONFIG describing the workers")
    keras_compat.install_multi_worker_fixes()
    strategy = tf.distribute.MultiWorkerMirroredStrategy()
    resolver = strategy.cluster_resolver
    chief = resolver.task_type == "chief" or (
        resolver.task_type == "worker" and resolver.task_id == 0 and "chief" not in resolver.cluster_spec().as_dict()
    )
    return Distribution(strategy, strategy.num_replicas_in_sync, chief)
