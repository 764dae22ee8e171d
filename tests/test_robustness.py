"""Runs survive interruption, faults and bad input, and are reproducible (real console script)."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import keras
import numpy as np
import pytest
from tensorboard.backend.event_processing.event_accumulator import EventAccumulator

from nutshell import checkpoints
from nutshell.errors import NonFiniteLoss
from tests.helpers import ROOT, SCRIPT, nutshell, run_quick_demo

pytestmark = pytest.mark.slow  # every test here trains a model or starts a process


def run_dirs(logdir: Path) -> list[Path]:
    return sorted(p for p in logdir.glob("*/*") if p.is_dir()) if logdir.exists() else []


@pytest.mark.parametrize(
    "args",
    [
        ["demo", "poolng"],
        ["demo", "unit", "--epochs", "0"],
        ["demo", "unit", "--epochs", "-3"],
        ["demo", "unit", "--batch-size", "0"],
        ["demo", "unit", "--learning-rate", "abc"],
        ["demo", "unit", "--learning-rate", "-1"],
        ["demo", "unit", "--learning-rate", "nan"],
        ["demo", "unit", "--learning-rate", "inf"],
        ["demo", "unit", "--dataset", "imagenet"],
        ["demo", "cnn", "--dataset", "spirals"],
        ["demo", "unit", "--resume"],
        ["demo", "unit", "--resume", "/no/such/run"],
        ["demo", "history"],
        ["demo", "unit", "--tag", "../escape"],
        ["demo", "unit", "--precision", "float8"],
    ],
    ids=lambda args: " ".join(args[1:]),
)
def test_bad_input_is_one_line_exit_2_and_no_run(tmp_path, args):
    logdir = tmp_path / "runs"
    result = nutshell(*args, "--logdir", str(logdir))
    assert result.returncode == 2, result.stderr
    assert len(result.stderr.strip().splitlines()) == 1 and "Traceback" not in result.stderr
    assert run_dirs(logdir) == []


def test_unwritable_logdir_is_reported_before_training(tmp_path):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a directory")
    result = nutshell("demo", "unit", "--quick", "--logdir", str(blocker / "runs"))
    assert result.returncode == 2 and "cannot write to log directory" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


@pytest.mark.parametrize("damage", ["missing", "corrupt"])
def test_missing_or_corrupt_data_file_is_exit_2_and_no_run(tmp_path, damage):
    data_dir = tmp_path / "data"
    data_dir.mkdir()
    if damage == "corrupt":
        original = (ROOT / "data" / "mnist.npz").read_bytes()
        (data_dir / "mnist.npz").write_bytes(original[: len(original) // 2])
    logdir = tmp_path / "runs"
    result = nutshell(
        "demo",
        "layer",
        "--quick",
        "--dataset",
        "mnist",
        "--logdir",
        str(logdir),
        env={"NUTSHELL_DATA_DIR": str(data_dir)},
    )
    assert result.returncode == 2, result.stderr
    (line,) = result.stderr.strip().splitlines()
    assert "mnist.npz" in line and f"is {damage}" in line
    assert run_dirs(logdir) == []


def start_demo(logdir: Path, *args: str) -> subprocess.Popen:
    env = {**os.environ, "NO_COLOR": "1", "PYTHONUNBUFFERED": "1"}
    return subprocess.Popen(
        [sys.executable, str(SCRIPT), "demo", "unit", "--logdir", str(logdir), *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
        cwd=ROOT,
    )


def wait_for_line(process: subprocess.Popen, needle: str, timeout: float = 300) -> None:
    deadline = time.monotonic() + timeout
    for line in process.stdout:
        if needle in line:
            return
        assert time.monotonic() < deadline, f"no {needle!r} in time"
    raise AssertionError(f"process ended before printing {needle!r}")


@pytest.mark.parametrize("signum", [signal.SIGINT, signal.SIGTERM], ids=["SIGINT", "SIGTERM"])
def test_interrupt_then_resume_continues_without_gaps(tmp_path, signum):
    logdir = tmp_path / "runs"
    process = start_demo(logdir, "--epochs", "30")
    wait_for_line(process, "[unit] epoch 4/30")
    sent = time.monotonic()
    process.send_signal(signum)
    process.wait(timeout=60)
    assert process.returncode == 130 and time.monotonic() - sent < 10
    stderr = process.stderr.read()
    assert "--resume" in stderr and "Traceback" not in stderr
    (run_dir,) = run_dirs(logdir)
    assert not (run_dir / "summary.json").exists()
    assert list((run_dir / "checkpoints" / "main").glob("epoch-*.weights.h5"))

    resumed = nutshell("demo", "unit", "--logdir", str(logdir), "--resume")
    assert resumed.returncode == 0, resumed.stderr
    assert "resuming after epoch" in resumed.stdout
    assert run_dirs(logdir) == [run_dir]
    summary = json.loads((run_dir / "summary.json").read_text())
    assert summary["sessions"] == 2 and summary["hparams"]["epochs"] == 30
    history = json.loads((run_dir / "checkpoints" / "main" / "done.json").read_text())
    assert len(history["loss"]) == 30
    events = EventAccumulator(str(run_dir / "train"), size_guidance={"tensors": 0})
    events.Reload()
    assert sorted(e.step for e in events.Tensors("epoch_loss")) == list(range(30))

    again = nutshell("demo", "unit", "--logdir", str(logdir), "--resume", str(run_dir))
    assert again.returncode == 2 and "already finished" in again.stderr


def test_resume_refuses_an_option_that_would_change_the_run(tmp_path):
    logdir = tmp_path / "runs"
    process = start_demo(logdir, "--epochs", "30")
    wait_for_line(process, "[unit] epoch 2/30")
    process.send_signal(signal.SIGINT)
    process.wait(timeout=60)
    (run_dir,) = run_dirs(logdir)
    changed = nutshell("demo", "unit", "--logdir", str(logdir), "--resume", "--learning-rate", "0.5")
    assert changed.returncode == 2 and changed.stderr.count("\n") == 1
    assert "--resume keeps the run's own settings, so --learning-rate 0.5" in changed.stderr
    assert "Traceback" not in changed.stderr and run_dirs(logdir) == [run_dir]
    same = nutshell("demo", "unit", "--logdir", str(logdir), "--resume", "--epochs", "30")
    assert same.returncode == 0, same.stderr


def test_two_demos_started_together_get_distinct_runs(tmp_path):
    logdir = tmp_path / "runs"
    both = [start_demo(logdir, "--quick", "--tag", "same") for _ in range(2)]
    for process in both:
        process.communicate(timeout=600)
        assert process.returncode == 0
    dirs = run_dirs(logdir)
    assert len(dirs) == 2
    for run_dir in dirs:
        assert json.loads((run_dir / "summary.json").read_text())["run_dir"] == str(run_dir)


def test_same_seed_gives_bit_identical_metrics(tmp_path):
    first = run_quick_demo("unit", tmp_path, seed=3)
    second = run_quick_demo("unit", tmp_path, seed=3)
    other = run_quick_demo("unit", tmp_path, seed=4)
    assert first["metrics"] == second["metrics"]
    assert first["metrics"]["loss"] != other["metrics"]["loss"]  # the seed does matter
    assert first["determinism"]["enabled"] is True


def tiny_model(loss="mse"):
    model = keras.Sequential([keras.Input((2,)), keras.layers.Dense(1)])
    model.compile(optimizer="adam", loss=loss)
    return model


def test_a_damaged_checkpoint_falls_back_to_the_previous_good_one(tmp_path):
    x, y = np.ones((8, 2), "float32"), np.ones((8, 1), "float32")
    model = tiny_model()
    model.fit(x, y, epochs=3, verbose=0, callbacks=[checkpoints.Checkpointer(tmp_path, {})])
    assert sorted(p.name for p in tmp_path.glob("epoch-*.weights.h5")) == [
        "epoch-0002.weights.h5",
        "epoch-0003.weights.h5",
    ]
    newest = tmp_path / "epoch-0003.weights.h5"
    newest.write_bytes(newest.read_bytes()[:100])
    done, history = checkpoints.restore(tiny_model(), tmp_path)
    assert done == 2 and len(history["loss"]) == 2
    (tmp_path / "epoch-0002.weights.h5").write_bytes(b"garbage")
    with pytest.raises(checkpoints.CorruptCheckpoint):
        checkpoints.restore(tiny_model(), tmp_path)


def test_nan_loss_stops_training_with_the_epoch_and_batch():
    def exploding(y_true, y_pred):
        return keras.ops.log(-keras.ops.abs(y_pred) - 1.0)  # log of a negative number: NaN

    model = tiny_model(loss=exploding)
    with pytest.raises(NonFiniteLoss, match="epoch 1, batch 1") as info:
        model.fit(
            np.ones((8, 2), "float32"),
            np.ones((8, 1), "float32"),
            epochs=2,
            verbose=0,
            callbacks=[checkpoints.StopOnNonFiniteLoss("tiny")],
        )
    # the rate the optimizer ran at, whatever the run's settings said
    rate = float(keras.ops.convert_to_numpy(model.optimizer.learning_rate))
    assert info.value.learning_rate == pytest.approx(rate)


def listening_addresses(port: int) -> set[str]:
    """The local addresses with a socket listening on `port`, read from the kernel's tables."""
    found = set()
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        for line in Path(table).read_text().splitlines()[1:]:
            local, state = line.split()[1], line.split()[3]
            address, hex_port = local.rsplit(":", 1)
            if state == "0A" and int(hex_port, 16) == port:  # 0A: LISTEN
                found.add(address)
    return found


def test_board_listens_on_loopback_only_by_default(tmp_path):
    from tests.test_harness import free_port

    (tmp_path / "runs").mkdir()
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, str(SCRIPT), "board", "--logdir", str(tmp_path / "runs"), "--port", str(port)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    try:
        deadline = time.monotonic() + 120
        while not listening_addresses(port) and time.monotonic() < deadline and server.poll() is None:
            time.sleep(0.5)
        # 127.0.0.1 as the kernel writes it (little-endian hex); not 0.0.0.0 or :: (every interface)
        assert listening_addresses(port) == {"0100007F"}
    finally:
        server.terminate()
        server.wait(timeout=30)


def test_cli_reports_a_diverged_loss_in_one_line_with_exit_1(tmp_path, monkeypatch):
    from typer.testing import CliRunner

    from nutshell import app as cli_app
    from nutshell import run

    def diverging(entry, settings, logdir, **kwargs):
        raise NonFiniteLoss("unit", epoch=2, batch=5, value=float("nan"), learning_rate=settings.learning_rate)

    monkeypatch.setattr(run, "run_demo", diverging)
    result = CliRunner().invoke(cli_app.app, ["demo", "unit", "--learning-rate", "1e6", "--logdir", str(tmp_path)])
    assert result.exit_code == 1
    assert result.output.strip().splitlines() == [
        "nutshell: training stopped: the loss of 'unit' became nan at epoch 2, batch 5. "
        "Try a smaller --learning-rate (this run used 1e+06). Logs are kept in the run directory."
    ]
