"""The runtime a demo trains in: the device, the versions, seeding and precision.

Imports Keras (and TensorFlow where it is installed); only the commands that train import this.
"""

from __future__ import annotations

import importlib
import os
import platform
from typing import Any

import keras
import numpy as np

from nutshell.settings import Settings

try:  # logging and tf.distribute need TensorFlow; on a JAX/PyTorch machine the demos still train
    import tensorflow as tf
except ImportError:  # pragma: no cover - exercised on the GPU machine only
    tf = None

CPU_REPLICAS_ENV = "NUTSHELL_CPU_REPLICAS"


def describe_device() -> str:
    """Where Keras trains: 'GPU: <name>' when the backend sees one, otherwise 'CPU'."""
    backend = keras.backend.backend()
    if backend == "tensorflow":
        gpus = tf.config.list_physical_devices("GPU")
        if gpus:
            details = tf.config.experimental.get_device_details(gpus[0])
            return f"GPU: {details.get('device_name', gpus[0].name)} (x{len(gpus)})"
        return "CPU"
    if backend == "jax":
        import jax

        device = jax.devices()[0]
        return "CPU" if device.platform == "cpu" else f"GPU: {device.device_kind}"
    if backend == "torch":
        import torch

        return f"GPU: {torch.cuda.get_device_name(0)}" if torch.cuda.is_available() else "CPU"
    return "CPU"


def determinism(settings: Settings) -> dict[str, Any]:
    """What summary.json says about reproducibility."""
    if not settings.deterministic:
        return {"enabled": False, "how": "--no-deterministic: seeded, but op order may vary", "cost": "none"}
    if keras.backend.backend() == "tensorflow":
        return {
            "enabled": True,
            "how": "keras.utils.set_random_seed + tf.config.experimental.enable_op_determinism",
            "cost": "measured in benchmarks/RESULTS.md (determinism on vs off)",
        }
    return {
        "enabled": False,
        "how": "keras.utils.set_random_seed only; op determinism is TensorFlow's switch",
        "cost": "none",
    }


def versions() -> dict[str, str]:
    found = {
        "python": platform.python_version(),
        "keras": keras.__version__,
        "backend": keras.backend.backend(),
        "numpy": np.__version__,
    }
    for name in ("tensorflow", "tensorboard", "jax", "torch"):
        try:
            found[name] = importlib.import_module(name).__version__
        except ImportError:
            pass
    return found


def split_cpu(replicas: int) -> None:
    """Present the CPU as `replicas` logical devices (must run before TensorFlow starts up)."""
    cpu = tf.config.list_physical_devices("CPU")[0]
    tf.config.set_logical_device_configuration(cpu, [tf.config.LogicalDeviceConfiguration() for _ in range(replicas)])


def configure(settings: Settings) -> str:
    """Seed everything, set precision, and return a description of the training device."""
    replicas = int(os.environ.get(CPU_REPLICAS_ENV, "0") or 0)
    if replicas > 1 and tf is not None and not tf.config.list_physical_devices("GPU"):
        split_cpu(replicas)
    seed(settings.seed)
    if keras.backend.backend() == "tensorflow" and settings.deterministic:
        # Same seed, same machine, same numbers, bit for bit (see determinism() for the cost).
        tf.config.experimental.enable_op_determinism()
    device = describe_device()
    if settings.precision == "mixed":
        # float16 needs a GPU's tensor cores; on a CPU bfloat16 is the mixed type that helps.
        keras.config.set_dtype_policy("mixed_float16" if device.startswith("GPU") else "mixed_bfloat16")
    else:
        keras.config.set_dtype_policy("float32")
    return device


def seed(value: int) -> None:
    """Seed Python, numpy and the backend (weights, dropout, data order)."""
    keras.utils.set_random_seed(value)
