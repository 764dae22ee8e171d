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
