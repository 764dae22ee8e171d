"""A demo's settings: built once, from the entry's `DEMO` dict plus what the user asked for.

The CLI, the tests and the benchmarks all call `demo_settings`, so there is one place that knows
how `--quick` overrides combine with the entry's defaults and which values are allowed. Keras-free:
bad options are refused before TensorFlow is imported.
"""

from __future__ import annotations

import math
from dataclasses import asdict, dataclass, fields
from typing import Any

from nutshell.errors import SetupError, UserError
from nutshell.render import one_line

STRATEGIES = ("none", "mirrored", "multi-worker")
PRECISIONS = ("float32", "mixed")


@dataclass
class Settings:
    """What one demo run was asked to do (its hparams). Batch size and learning rate are per
    replica; `Run.batch_size` and `Run.learning_rate` give the global values a demo trains with."""

    epochs: int
    batch_size: int
    learning_rate: float
    seed: int = 0
    dataset: str = ""
    quick: bool = False
    precision: str = "float32"
    jit: bool = False
    tag: str = ""
    steps_per_execution: int = 1
    deterministic: bool = True
    strategy: str = "none"
    repeats: int = 1

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, saved: dict[str, Any]) -> "Settings":
        """Settings saved by an earlier version may lack newer fields; those take their defaults."""
        known = {f.name for f in fields(cls)}
        return cls(**{key: value for key, value in saved.items() if key in known})


def demo_config(entry, quick: bool = False) -> dict[str, Any]:
    """The entry's `DEMO` defaults, with its `quick` overrides applied when `quick` is set."""
    config = dict(entry.demo_config)
    overrides = config.pop("quick", {})
    return {**config, **overrides} if quick else config


def demo_settings(entry, *, quick: bool = False, epochs: int | None = None,
                  batch_size: int | None = None, learning_rate: float | None = None,
                  dataset: str | None = None, steps_per_execution: int | None = None,
                  **choices: Any) -> Settings:
    """Settings for `entry`'s demo: its defaults, then `--quick`, then the user's explicit values.

    Raises UserError (one sentence) for a value the demo cannot use.
    """
    if not entry.has_demo:
        raise UserError(f"'{entry.name}' has no demo. Try 'nutshell list' to see the entries with demos.")
    config = demo_config(entry, quick)
    datasets = tuple(config.get("datasets", ("synthetic",)))
    dataset = dataset or datasets[0]
    if dataset not in datasets:
        raise UserError(f"unknown dataset '{one_line(dataset)}' for {entry.name}; "
                        f"choose one of: {', '.join(datasets)}")
    for name, value in (("epochs", epochs), ("batch-size", batch_size),
                        ("steps-per-execution", steps_per_execution), ("repeats", choices.get("repeats"))):
        if value is not None and value < 1:
            raise UserError(f"--{name} must be at least 1, not {value}")
    if learning_rate is not None and not (math.isfinite(learning_rate) and learning_rate > 0):
        raise UserError(f"--learning-rate must be a positive number, not {learning_rate}")
    tag = choices.get("tag", "")
    if tag and not all(ch.isalnum() or ch in "-_." for ch in tag):
        raise UserError("--tag may only contain letters, digits, '-', '_' and '.'")
    if choices.get("strategy", "none") not in STRATEGIES:
        raise UserError(f"--strategy must be one of {', '.join(STRATEGIES)}")
    if choices.get("strategy", "none") != "none" and config.get("single_device"):
        # An entry's DEMO may say why it cannot be spread over replicas; refuse before training.
        raise SetupError(f"{entry.name} cannot run under --strategy: {config['single_device']}")
    if choices.get("precision", "float32") not in PRECISIONS:
        raise UserError(f"--precision must be one of {', '.join(PRECISIONS)}")
    return Settings(
        epochs=epochs or config["epochs"], batch_size=batch_size or config["batch_size"],
        learning_rate=learning_rate or config["learning_rate"], dataset=dataset, quick=quick,
        steps_per_execution=steps_per_execution or config.get("steps_per_execution", 1), **choices)

