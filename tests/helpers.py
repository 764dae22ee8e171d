"""Shared test helpers: the real console script in a subprocess, and quick demos in-process."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

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


def run_quick_demo(name: str, logdir: Path, **overrides) -> dict:
    """Run entry `name`'s demo in-process in --quick mode (same code path as the CLI).

    In-process saves the 3-4 s TensorFlow import a subprocess would pay for every demo; the CLI
    path itself is covered by tests that run the console script.
    """
    from nutshell import glossary
    from nutshell.run import run_demo
    from nutshell.settings import demo_settings

    entry = glossary.lookup(name)
    return run_demo(entry, demo_settings(entry, quick=True, **overrides), logdir)


LOAD_AND_PREDICT = """
import sys, numpy as np
from nutshell import load_model
model = load_model(sys.argv[1])
inputs = model.inputs[0]
shape = [2] + [dim if dim is not None else 5 for dim in inputs.shape[1:]]
output = np.asarray(model.predict(np.zeros(shape, 'float32'), verbose=0))
assert np.all(np.isfinite(output)), output
print(type(model).__name__, tuple(output.shape), len([l for l in model.layers]))
"""


def load_in_fresh_process(run_dir: Path) -> str:
    """Load a run's model.keras with `nutshell.load_model` in a new Python process and predict.

    A new process is the point: there, only what load_model imports registers our custom layers.
    Returns what the process printed (model class, output shape, layer count); raises on failure.
    """
    result = subprocess.run([sys.executable, "-c", LOAD_AND_PREDICT, str(run_dir)], capture_output=True,
                            text=True, timeout=300, cwd=run_dir,
                            env={**os.environ, "TF_CPP_MIN_LOG_LEVEL": "3"})
    assert result.returncode == 0, result.stderr[-3000:]
    return result.stdout
