"""Fixtures; the helpers they use live in tests/helpers.py."""

from __future__ import annotations

from pathlib import Path

import pytest

from nutshell import glossary
from tests.helpers import ModelLoader, nutshell, run_quick_demo


@pytest.fixture(autouse=True, scope="session")
def learner_home(tmp_path_factory):
    """Progress (read, ran, quiz boxes) and the registry's cache go to scratch folders, never the
    tester's own."""
    import os

    os.environ["NUTSHELL_DATA_HOME"] = str(tmp_path_factory.mktemp("learner"))
    os.environ["NUTSHELL_CACHE_HOME"] = str(tmp_path_factory.mktemp("cache"))  # the registry's cache
    yield


@pytest.fixture
def run_cli():
    return nutshell


@pytest.fixture(scope="session")
def model_loader():
    loader = ModelLoader()
    yield loader
    loader.close()


@pytest.fixture
def quick_demo(tmp_path, model_loader):
    """`quick_demo("pooling")` runs that demo quickly into a temporary log directory.

    Every demo's saved model must load with `nutshell.load_model` in a process that has not
    imported its entry, and predict, so that check runs here after each quick demo that saved one.
    """

    def run(name, **overrides):
        summary = run_quick_demo(name, tmp_path / "runs", **overrides)
        if (Path(summary["run_dir"]) / "model.keras").exists():
            model_loader.check(Path(summary["run_dir"]))
        return summary

    return run


# Fixtures that train a model or start a process: a test that uses one is `slow`, whoever writes it.
SLOW_FIXTURES = {"quick_demo", "run_cli"}

# The demos CI trains on every push: the eight core entries. The other entries' demo tests are
# `extended` (`make test-all`): each passes in --quick mode, but all of them together would
# take CI past its time budget on a 2-core machine. Their implementation tests always run.
# Shared rigs live in private modules (glossary/_*.py) with tests of their own, so no other demo
# has to be trained in CI to catch a change in a rig.
CORE_DEMOS = set(glossary.CORE)


# Second trainings CI leaves to `make test-all` to stay inside its 20 minutes on two cores (the
# suite grew with issue 21's entries). Every core demo still trains in CI, its concept-removed
# test runs in test-all; two of the eight core notebooks run in CI, the rest in test-all.
CI_SPARED = {
    "tests/glossary/test_pooling.py::test_without_pooling_the_claim_fails",
    "tests/glossary/test_inception.py::test_without_real_reductions_the_claim_fails",
    "tests/glossary/test_cnn.py::test_without_local_kernels_the_claim_fails",
    "tests/glossary/test_cnn.py::test_a_resumed_run_keeps_the_training_time_of_fits_finished_before",
    "tests/glossary/test_lstm.py::test_without_gates_and_cell_the_claim_fails",
    "tests/glossary/test_lstm.py::test_quick_demo_of_the_1997_set_up_uses_the_papers_rule_and_anchor",
    "tests/glossary/test_activation.py::test_without_the_nonlinearity_the_claim_fails",
    "tests/glossary/test_unit.py::test_without_a_second_piece_the_claim_fails",
    *(
        f"tests/test_notebooks.py::test_core_notebooks_run_and_end_on_the_verdict[{name}]"
        for name in ("activation", "layer", "pooling", "cnn", "inception", "lstm")
    ),
    "tests/test_robustness.py::test_interrupt_then_resume_continues_without_gaps[SIGINT]",
    "tests/test_distributed.py::test_multi_worker_with_two_processes_on_loopback",
}


def pytest_collection_modifyitems(config, items):
    for item in items:
        if item.nodeid in CI_SPARED:
            item.add_marker(pytest.mark.extended)
        fixtures = set(getattr(item, "fixturenames", ()))
        if SLOW_FIXTURES & fixtures:
            item.add_marker(pytest.mark.slow)
        entry = item.path.stem.removeprefix("test_").replace("_", "-")
        if "quick_demo" in fixtures and item.path.parent.name == "glossary" and entry not in CORE_DEMOS:
            item.add_marker(pytest.mark.extended)
