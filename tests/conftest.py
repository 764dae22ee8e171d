"""Shared test helpers: run the real console script in a subprocess."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SCRIPT = Path(sys.executable).with_name("nutshell")


def nutshell(*args: str, env: dict | None = None, cwd: Path | None = None, timeout: float = 600,
             python_flags: tuple[str, ...] = ()) -> subprocess.CompletedProcess:
    """Run the installed `nutshell` console script, as a user would, and capture its output."""
    full_env = {**os.environ, "NO_COLOR": "1", "TF_CPP_MIN_LOG_LEVEL": "3", **(env or {})}
    return subprocess.run(
        [sys.executable, *python_flags, str(SCRIPT), *args],
        capture_output=True, text=True, env=full_env, cwd=cwd or ROOT, timeout=timeout,
    )


@pytest.fixture
def run_cli():
    return nutshell


def run_quick_demo(name: str, logdir: Path, **overrides) -> dict:
    """Run entry `name`'s demo in-process in --quick mode (same code path as the CLI).

    In-process saves the 3-4 s TensorFlow import a subprocess would pay for every demo; the CLI
    path itself is covered by tests that run the console script.
    """
    from cli import harness
    import glossary

    entry = glossary.lookup(name)
    config = {**entry.demo_config, **entry.demo_config.get("quick", {})}
    settings = harness.Settings(
        epochs=overrides.pop("epochs", config["epochs"]),
        batch_size=overrides.pop("batch_size", config["batch_size"]),
        learning_rate=overrides.pop("learning_rate", config["learning_rate"]),
        dataset=overrides.pop("dataset", config["datasets"][0]),
        steps_per_execution=overrides.pop("steps_per_execution", config.get("steps_per_execution", 1)),
        quick=True, **overrides,
    )
    return harness.run_demo(entry, settings, logdir)


@pytest.fixture
def quick_demo(tmp_path):
    """`quick_demo("pooling")` runs that demo quickly into a temporary log directory."""
    return lambda name, **overrides: run_quick_demo(name, tmp_path / "runs", **overrides)
