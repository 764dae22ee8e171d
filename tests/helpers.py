"""Shared test helpers: the real console script in a subprocess, and quick demos in-process."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SCRIPT = Path(sys.executable).with_name("nutshell")


def nutshell(
    *args: str,
    env: dict | None = None,
    cwd: Path | None = None,
    timeout: float = 600,
    python_flags: tuple[str, ...] = (),
) -> subprocess.CompletedProcess:
    """Run the installed `nutshell` console script, as a user would, and capture its output."""
    full_env = {**os.environ, "NO_COLOR": "1", "TF_CPP_MIN_LOG_LEVEL": "3", **(env or {})}
    return subprocess.run(
        [sys.executable, *python_flags, str(SCRIPT), *args],
        capture_output=True,
        text=True,
        env=full_env,
        cwd=cwd or ROOT,
        timeout=timeout,
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


LOADER = """
import json, sys
import numpy as np
from keras.src.saving import object_registration
import nutshell.saved_models

for line in sys.stdin:
    # As if in a fresh process: no entry module imported, no custom class registered. Only what
    # load_model imports itself can make the model loadable.
    for name in [m for m in sys.modules if m.startswith("nutshell.glossary.")]:
        del sys.modules[name]
    object_registration.GLOBAL_CUSTOM_OBJECTS.clear()
    object_registration.GLOBAL_CUSTOM_NAMES.clear()
    try:
        model = nutshell.saved_models.load_model(line.strip())
        shape = [2] + [dim if dim is not None else 5 for dim in model.inputs[0].shape[1:]]
        output = np.asarray(model.predict(np.zeros(shape, "float32"), verbose=0))
        assert np.all(np.isfinite(output)), "the loaded model predicts non-finite values"
        reply = {"ok": True, "model": type(model).__name__, "output_shape": list(output.shape)}
    except Exception as problem:
        reply = {"ok": False, "error": f"{type(problem).__name__}: {problem}"[:2000]}
    print(json.dumps(reply), flush=True)
"""


class ModelLoader:
    """One Python process that loads saved models with `nutshell.load_model` and predicts.

    Starting TensorFlow costs seconds, so the process is started once per test session; before
    each load it forgets every glossary module and every registered custom class, so it is as
    fresh as a new process where it matters: only what load_model imports registers our layers.
    """

    def __init__(self) -> None:
        self.process: subprocess.Popen | None = None

    def check(self, run_dir: Path) -> dict:
        if self.process is None or self.process.poll() is not None:
            self.process = subprocess.Popen(
                [sys.executable, "-c", LOADER],
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=subprocess.DEVNULL,
                text=True,
                cwd=ROOT,
                env={**os.environ, "TF_CPP_MIN_LOG_LEVEL": "3"},
            )
        self.process.stdin.write(f"{run_dir}\n")
        self.process.stdin.flush()
        reply = json.loads(self.process.stdout.readline() or '{"ok": false, "error": "loader died"}')
        assert reply["ok"], f"{run_dir}: {reply['error']}"
        return reply

    def close(self) -> None:
        if self.process is not None:
            self.process.stdin.close()
            self.process.wait(timeout=60)


def failed_parts(summary: dict) -> set[str]:
    """The measured parts of a demo's claim that failed on at least one seed."""
    return {
        part["name"] for part in summary["claim"]["parts"] if part["kind"] == "measured" and part["held"] < part["of"]
    }


def assert_fails_through(summary: dict, *parts: str) -> None:
    """The verdict is false, and it is false because (at least) one of `parts` failed: the test
    that removes a demo's concept must fail the claim where the concept matters, not by accident."""
    claim = summary["claim"]
    assert claim["verdict"] is False, f"the claim held without its concept: {claim['parts']}"
    assert failed_parts(summary) & set(parts), (
        f"expected one of {parts} to fail; failed: {sorted(failed_parts(summary))}"
    )


def recorded_part(
    name: str, mean: float, bar: float, held: int, comparison: str = ">=", kind: str = "measured", of: int = 5
) -> dict:
    """One part of a claim as summary.json records it over `of` seeds (every seed at `mean`): what
    an entry's `outcome(claim)` reads, built by hand so outcome tests need no training."""
    return {
        "name": name,
        "kind": kind,
        "comparison": comparison,
        "bar": bar,
        "held": held,
        "of": of,
        "mean": mean,
        "min": mean,
        "max": mean,
        "worst_margin": 0.0,
    }


def recorded_claim(parts: list[dict], held: int, of: int = 5) -> dict:
    """A claim as summary.json records it over `of` seeds, from recorded parts: held on `held`."""
    return {
        "parts": parts,
        "numbers": {part["name"]: part["mean"] for part in parts},
        "held": held,
        "of": of,
        "verdict": held == of,
    }
