"""The read-only commands never import tensorflow, keras or jax (importing TensorFlow takes >3 s).

Each command runs through the real console script with `python -X importtime`, which lists every
module the process imported; none of the heavy frameworks may be among them.
"""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.slow  # every test here trains a model or starts a process

# pydantic is no framework, but Typer 0.29 imports it to coerce every option, which costs every
# command about 0.19 s of CPU (2x the floor of importing typer and rich): pyproject holds typer < 0.29.
HEAVY = ("tensorflow", "keras", "jax", "torch", "pydantic")

COMMANDS = [
    ["explain", "pooling"],
    ["explain", "lstm", "--format", "json"],
    ["list"],
    ["search", "gradient"],
    ["code", "lstm"],
    ["--help"],
    ["explain", "--help"],
    ["demo", "--help"],
    ["runs", "--help"],
    ["board", "--help"],
    ["explain", "nosuchterm"],
    ["--version"],
    ["notebook", "--help"],
    ["quiz", "--help"],
    ["path", "--help"],
    ["path", "cnn"],
]


def imported_modules(stderr: str) -> set[str]:
    return {line.rsplit("|", 1)[-1].strip() for line in stderr.splitlines() if "import time:" in line}


@pytest.mark.parametrize("args", COMMANDS, ids=" ".join)
def test_fast_commands_import_no_framework(run_cli, args):
    result = run_cli(*args, python_flags=("-X", "importtime"))
    modules = imported_modules(result.stderr)
    assert "nutshell.glossary" in modules  # the probe works: our own package shows up
    heavy = sorted(m for m in modules if m.split(".")[0] in HEAVY)
    assert heavy == [], f"{' '.join(args)} imported {heavy[:5]}"


def test_probe_would_catch_a_heavy_import():
    """The same probe on a process that does import Keras sees it, so the test above can fail."""
    import subprocess
    import sys

    result = subprocess.run(
        [sys.executable, "-X", "importtime", "-c", "import nutshell.glossary, keras"],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert "keras" in imported_modules(result.stderr)


def test_the_python_api_explains_without_a_framework():
    import subprocess
    import sys

    result = subprocess.run(
        [sys.executable, "-X", "importtime", "-c", "import nutshell; nutshell.explain('pooling')._repr_markdown_()"],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    modules = imported_modules(result.stderr)
    assert "nutshell.api" in modules and not [m for m in modules if m.split(".")[0] in HEAVY]
