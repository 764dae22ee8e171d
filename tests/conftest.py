"""Fixtures; the helpers they use live in tests/helpers.py."""

from __future__ import annotations

import pytest

from pathlib import Path

from tests.helpers import load_in_fresh_process, nutshell, run_quick_demo


@pytest.fixture
def run_cli():
    return nutshell


@pytest.fixture
def quick_demo(tmp_path):
    """`quick_demo("pooling")` runs that demo quickly into a temporary log directory.

    Every demo's saved model must load in a fresh process with `nutshell.load_model` and predict,
    so that check runs here, after each quick demo that saved one.
    """
    def run(name, **overrides):
        summary = run_quick_demo(name, tmp_path / "runs", **overrides)
        if (Path(summary["run_dir"]) / "model.keras").exists():
            load_in_fresh_process(Path(summary["run_dir"]))
        return summary

    return run


# Fixtures that train a model or start a process: a test that uses one is `slow`, whoever writes it.
SLOW_FIXTURES = {"quick_demo", "run_cli"}


def pytest_collection_modifyitems(config, items):
    for item in items:
        if SLOW_FIXTURES & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.slow)
