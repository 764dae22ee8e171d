"""A demo's settings: built once, from the entry's `DEMO` dict plus what the user asked for.

The CLI, the tests and the benchmarks all call `demo_settings`, so there is one place that knows
how `--quick` overrides combine with the entry's defaults and which values are allowed. Keras-free:
bad options are refused before TensorFlow is imported.
"""

from __future__ import annotations

import math
from dataclasses import asdict, dataclass, fields
from pathlib import Path
from typing import TYPE_CHECKING, Any

from nutshell.errors import SetupError, UserError
from nutshell.render import one_line

if TYPE_CHECKING:
    from nutshell.glossary import Entry

STRATEGIES = ("none", "mirrored", "multi-worker")
PRECISIONS = ("float32", "mixed")


@dataclass(frozen=True)
class Settings:
    """What one demo run was asked to do (its hparams), resolved once into plain values.

    `batch_size` is the global batch under every strategy (the replicas split it, as in Keras's
    `fit`) and `learning_rate` is the rate the user gave: a demo reads both as they are.
    """

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
    held_out: bool = False  # score on a validation split carved from the training images
    data: str = ""  # the user's own images (--data): a class-folder tree, an .npz or a CSV

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, saved: dict[str, Any]) -> Settings:
        """Settings saved by an earlier version may lack newer fields; those take their defaults."""
        known = {f.name for f in fields(cls)}
        return cls(**{key: value for key, value in saved.items() if key in known})


# What a caller may set besides quick, seed, repeats and data (the Python API checks names against it).
OPTIONS = (
    "epochs",
    "batch_size",
    "learning_rate",
    "dataset",
    "steps_per_execution",
    "precision",
    "jit",
    "tag",
    "deterministic",
    "strategy",
    "held_out",
)
DEFAULT_STEPS_PER_EXECUTION = 8  # 1.2-1.6x examples/s on CPU for small models (benchmarks/RESULTS.md)


def demo_config(entry: Entry, quick: bool = False) -> dict[str, Any]:
    """The entry's `DEMO` defaults, with its `quick` overrides applied when `quick` is set."""
    config = dict(entry.demo_config)
    overrides = config.pop("quick", {})
    return {**config, **overrides} if quick else config


def demo_settings(
    entry: Entry,
    *,
    quick: bool = False,
    epochs: int | None = None,
    batch_size: int | None = None,
    learning_rate: float | None = None,
    dataset: str | None = None,
    steps_per_execution: int | None = None,
    **choices: Any,
) -> Settings:
    """Settings for `entry`'s demo: its defaults, then `--quick`, then the user's explicit values.

    Raises UserError (one sentence) for a value the demo cannot use, or for an option the demo
    does not use (its DEMO's "ignores" says why).
    """
    if not entry.has_demo:
        raise UserError(f"'{entry.name}' has no demo. Try 'nutshell list' to see the entries with demos.")
    config = demo_config(entry, quick)
    given = {"epochs": epochs, "batch_size": batch_size, "learning_rate": learning_rate}
    for option, why in config.get("ignores", {}).items():
        if given.get(option) is not None:
            raise UserError(f"{entry.name} does not use --{option.replace('_', '-')}: {why}")
    datasets = tuple(config.get("datasets", ("synthetic",)))
    if choices.get("data"):
        from nutshell import glossary

        if not entry.takes_images:
            able = [e.name for e in glossary.all_entries().values() if e.takes_images]
            raise UserError(
                f"{entry.name} does not train on images, so --data cannot apply; "
                f"demos that take images: {', '.join(able)}"
            )
        if dataset:
            raise UserError("give --data (your images) or --dataset (a bundled set), not both")
        if not Path(choices["data"]).expanduser().exists():
            raise UserError(f"--data {one_line(str(choices['data']))}: no such file or folder")
        choices["data"] = str(Path(choices["data"]).expanduser().resolve())
    dataset = dataset or datasets[0]
    if dataset not in datasets:
        raise UserError(f"unknown dataset '{one_line(dataset)}' for {entry.name}; choose one of: {', '.join(datasets)}")
    for name, value in (
        ("epochs", epochs),
        ("batch-size", batch_size),
        ("steps-per-execution", steps_per_execution),
        ("repeats", choices.get("repeats")),
    ):
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
        epochs=epochs or config["epochs"],
        batch_size=batch_size or config["batch_size"],
        learning_rate=learning_rate or config["learning_rate"],
        dataset=dataset,
        quick=quick,
        steps_per_execution=steps_per_execution or config.get("steps_per_execution", DEFAULT_STEPS_PER_EXECUTION),
        **choices,
    )


def resumed_settings(saved: dict[str, Any], asked: dict[str, Any]) -> Settings:
    """The settings of a run being resumed; UserError if the user asked for different ones.

    `asked` holds only the options given on the command line. A resumed run keeps its own settings
    (a changed batch or rate would make its verdict mean something else), so an option that
    disagrees is refused rather than silently ignored.
    """
    earlier = Settings.from_dict(saved)
    differ = {
        name: value for name, value in asked.items() if name in earlier.as_dict() and value != getattr(earlier, name)
    }
    if differ:
        shown = ", ".join(
            f"--{name.replace('_', '-')} {value} (the run has {getattr(earlier, name)})"
            for name, value in differ.items()
        )
        raise UserError(
            f"--resume keeps the run's own settings, so {shown} cannot apply; drop the option or start a new run"
        )
    return earlier
