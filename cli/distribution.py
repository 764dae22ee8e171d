"""How training is spread over devices and machines, and the replica-scaling rule, written once.

`--batch-size` and `--learning-rate` are per replica. With k replicas the global batch is k times
larger, and the learning rate is scaled linearly (k times larger), so one step on k devices does the
work of k steps on one. Demos never apply the rule themselves: they read `run.batch_size` and
`run.learning_rate`, which come from here.

A demo whose claim rests on the exact steps it takes over a tiny data set (100 noisy points that a
network must overfit, say) says so in its `DEMO` dict with `"global_batch": "why"`. Its batch is
then global: the replicas split it, the learning rate stays, and k replicas take the same steps as
one device. Linear scaling is a rule of thumb for SGD; with Adam on 100 points it changes the
experiment (dropout's claim held on 4 of 4 seeds on one device, 3 of 4 with the batch doubled).
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
    keeps_global_batch: str = ""  # why the demo's batch is global (empty: the batch is per replica)

    def scope(self):
        return self.strategy.scope() if self.strategy is not None else contextlib.nullcontext()

    @property
    def factor(self) -> int:
        """How many times larger the global batch and the learning rate are than --batch-size
        and --learning-rate: the replica count, or 1 for a demo whose batch is global."""
        return 1 if self.keeps_global_batch else self.replicas

    def global_batch(self, batch_size: int) -> int:
        return batch_size * self.factor

    def scaled_rate(self, learning_rate: float) -> float:
        return learning_rate * self.factor

    def describe(self, settings: Settings) -> dict[str, Any]:
        global_batch = self.global_batch(settings.batch_size)
        rule = ("global batch = per-replica batch x replicas; learning rate scaled linearly"
                if not self.keeps_global_batch else
                f"global batch = --batch-size, split over the replicas; learning rate unchanged, "
                f"because {self.keeps_global_batch}")
        return {"strategy": settings.strategy, "replicas": self.replicas,
                "per_replica_batch_size": global_batch / self.replicas if global_batch % self.replicas
                else global_batch // self.replicas,  # tf.distribute splits an odd batch unevenly
                "global_batch_size": global_batch,
                "learning_rate": self.scaled_rate(settings.learning_rate), "rule": rule}


def distribute(settings: Settings, keeps_global_batch: str = "") -> Distribution:
    """Build the tf.distribute strategy that --strategy names.

    mirrored: every GPU of this machine (or, with NUTSHELL_CPU_REPLICAS=n and no GPU, n logical
    CPU devices, to try it out). multi-worker: MultiWorkerMirroredStrategy across the machines
    that TF_CONFIG lists; only the chief writes the run, the other workers log to a scratch dir.
    `keeps_global_batch`: the demo's reason to keep its batch global (its DEMO["global_batch"]).
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
        return Distribution(strategy, strategy.num_replicas_in_sync, keeps_global_batch=keeps_global_batch)
    if not os.environ.get("TF_CONFIG"):
        raise SetupError("--strategy multi-worker needs TF_CONFIG describing the workers")
    keras_compat.install_multi_worker_fixes()
    strategy = tf.distribute.MultiWorkerMirroredStrategy()
    resolver = strategy.cluster_resolver
    chief = resolver.task_type == "chief" or (resolver.task_type == "worker" and resolver.task_id == 0
                                              and "chief" not in resolver.cluster_spec().as_dict())
    return Distribution(strategy, strategy.num_replicas_in_sync, chief, keeps_global_batch=keeps_global_batch)
