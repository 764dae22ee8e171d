"""The harness: what a run leaves on disk, what TensorBoard sees, and the run listing."""

from __future__ import annotations

import json
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import keras
import pytest
from tensorboard.backend.event_processing.event_accumulator import EventAccumulator
from tensorboard.util.tensor_util import make_ndarray

from nutshell.rundir import RunDir, find_runs
from tests.helpers import SCRIPT, run_quick_demo

pytestmark = pytest.mark.slow  # every test here trains a model or starts a process


@pytest.fixture(scope="module")
def unit_run(tmp_path_factory):
    logdir = tmp_path_factory.mktemp("runs")
    summary = run_quick_demo("unit", logdir)
    return logdir, Path(summary["run_dir"]), summary


def tags(path: Path) -> dict:
    accumulator = EventAccumulator(str(path), size_guidance={"tensors": 0, "images": 0})
    accumulator.Reload()
    return accumulator


def test_summary_json_is_complete(unit_run):
    _, run_dir, returned = unit_run
    summary = json.loads((run_dir / "summary.json").read_text())
    assert summary == json.loads(json.dumps(returned))
    assert set(summary) >= {"entry", "hparams", "metrics", "claim", "device", "versions", "wall_seconds", "determinism"}
    assert set(summary["claim"]) == {"statement", "verdict", "numbers", "held", "of", "stats", "parts"}
    (repeat,) = summary["repeats"]
    assert (repeat["seed"], repeat["verdict"], repeat["numbers"]) == (
        0,
        summary["claim"]["verdict"],
        summary["claim"]["numbers"],
    )
    assert [p["name"] for p in repeat["parts"]] == [p["name"] for p in summary["claim"]["parts"]]
    assert all({"value", "bar", "held", "margin", "kind"} <= set(p) for p in repeat["parts"])
    assert set(summary["hparams"]) >= {
        "epochs",
        "batch_size",
        "learning_rate",
        "seed",
        "dataset",
        "quick",
        "precision",
        "jit",
    }
    assert summary["device"] == "CPU" and summary["versions"]["keras"] == keras.__version__
    assert summary["metrics"]["test_accuracy_separable"] == summary["claim"]["numbers"]["separable_accuracy"]
    assert summary["wall_seconds"] > 0


def test_event_files_hold_the_expected_tags(unit_run):
    _, run_dir, summary = unit_run
    epochs = summary["hparams"]["epochs"]
    for sub in ("train", "validation", "xor-unit/train", "xor-maxout/validation"):
        found = tags(run_dir / sub)
        assert {"epoch_loss", "epoch_accuracy"} <= set(found.Tags()["tensors"]), sub
        assert [e.step for e in found.Tensors("epoch_loss")] == list(range(epochs))
    root = tags(run_dir)
    root_tags = set(root.Tags()["tensors"])
    assert {"result/separable_accuracy", "result/verdict", "1_verdict", "2_explanation"} <= root_tags
    # the claim's numbers sort after the training curves (epoch_*) in TIME SERIES
    assert not any(tag.startswith("claim/") for tag in root_tags)
    assert {"decision_surface/sigmoid_unit_on_xor", "decision_surface/maxout_unit_on_xor"} <= root_tags
    assert "_hparams_/session_start_info" in root_tags
    claim_value = float(make_ndarray(root.Tensors("result/xor_maxout_accuracy")[0].tensor_proto))
    assert claim_value == pytest.approx(summary["claim"]["numbers"]["xor_maxout_accuracy"])


def test_model_is_saved_and_loads_in_safe_mode(unit_run):
    _, run_dir, _ = unit_run
    model = keras.saving.load_model(run_dir / "model.keras", safe_mode=True)
    assert model.count_params() == 3  # two weights and a bias: one unit


def test_runs_lists_finished_and_unfinished_runs(unit_run):
    logdir, run_dir, _ = unit_run
    listed = find_runs(logdir)
    assert [r["run_dir"] for r in listed] == [str(run_dir)] and listed[0]["status"] == "finished"
    unfinished = logdir / "unit" / "20990101-000000"
    unfinished.mkdir()
    (unfinished / "run.json").write_text("{}")
    try:
        statuses = {r["run_dir"]: r["status"] for r in find_runs(logdir)}
        assert statuses[str(unfinished)] == "unfinished"
    finally:
        unfinished.joinpath("run.json").unlink()
        unfinished.rmdir()


def test_run_dirs_started_in_the_same_second_are_distinct(tmp_path):
    first = RunDir.create(tmp_path, "unit", {}, "x").path
    second = RunDir.create(tmp_path, "unit", {}, "x").path
    assert first != second and first.is_dir() and second.is_dir()


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def get_json(url: str):
    with urllib.request.urlopen(url, timeout=5) as response:
        return json.loads(response.read())


def test_tensorboard_serves_the_run_and_its_scalars(unit_run):
    logdir, run_dir, _ = unit_run
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, str(SCRIPT), "board", "--logdir", str(logdir), "--port", str(port)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    relative = run_dir.relative_to(logdir).as_posix()
    try:
        deadline = time.monotonic() + 120
        runs: list = []
        while time.monotonic() < deadline:
            try:
                runs = get_json(f"http://127.0.0.1:{port}/data/runs")
                if f"{relative}/train" in runs:
                    break
            except OSError:
                pass
            time.sleep(1)
        assert f"{relative}/train" in runs, runs
        scalars = get_json(f"http://127.0.0.1:{port}/data/plugin/scalars/tags")
        assert "epoch_loss" in scalars[f"{relative}/train"]
        assert "result/verdict" in scalars[relative]
    finally:
        server.terminate()
        server.wait(timeout=30)
    assert f"http://127.0.0.1:{port}" in server.stdout.read()
