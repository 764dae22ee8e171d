"""How training is spread over devices and machines, and the replica-scaling rule, written once.

`--batch-size` and `--learning-rate` are per replica. With k replicas the global batch is k times
larger, and the learning rate is scaled linearly (k times larger), so one step on k devices does the
work of k steps on one. Demos never apply the rule themselves: they read `run.batch_size` and
`run.learning_rate`, which come from here.
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


@dataclass
class Distribution:
    """A tf.distribute strategy (or none), its replica count, and whether this process is the chief."""

    strategy: Any = None
    replicas: int = 1
    chief: bool = True

    def scope(self):
        return self.strategy.scope() if self.strategy is not None else contextlib.nullcontext()

    def global_batch(self, per_replica: int) -> int:
        return per_replica * self.replicas

    def scaled_rate(self, per_replica_rate: float) -> float:
        return per_replica_rate * self.replicas

    def describe(self, settings: Settings) -> dict[str, Any]:
        return {"strategy": settings.strategy, "replicas": self.replicas,
                "per_replica_batch_size": settings.batch_size,
                "global_batch_size": self.global_batch(settings.batch_size),
                "learning_rate": self.scaled_rate(settings.learning_rate),
                "rule": "global batch = per-replica batch x replicas; learning rate scaled linearly"}


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

    keras_compat.install_local_predict()
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
    chief = resolver.task_type == "chief" or (resolver.task_type == "worker" and resolver.task_id == 0
                                              and "chief" not in resolver.cluster_spec().as_dict())
    return Distribution(strategy, strategy.num_replicas_in_sync, chief)
