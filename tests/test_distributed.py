"""--strategy on CPU: mirrored over two logical CPU devices, and two workers on 127.0.0.1.

Both must train and land in the same accuracy band as a single device: --batch-size is the global
batch, which the replicas split, and the learning rate is the one given, so the replicas take the
steps one device takes. Every demo runs under both strategies in the
matrix below (marked `matrix`: `make test-matrix`; CI runs a representative part of it), and
must finish with the single-device verdict, or refuse up front with one line and exit code 2.
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from nutshell import glossary
from nutshell.distribution import Distribution
from nutshell.settings import demo_settings
from tests.helpers import ROOT, SCRIPT, nutshell

pytestmark = pytest.mark.slow  # every test here trains a model or starts a process

DEMO = ["demo", "unit", "--quick", "--epochs", "6"]
DEMOS = sorted(entry.name for entry in glossary.all_entries().values() if entry.has_demo)
# Run in CI: layer under mirrored (multi-worker is covered by the loopback test above); the rest of
# the matrix with `make test-matrix`.
REPRESENTATIVE = {("layer", "mirrored")}


def summary_of(logdir: Path) -> dict:
    (path,) = logdir.glob("unit/*/summary.json")
    return json.loads(path.read_text())


def single_device(tmp_path: Path) -> dict:
    result = nutshell(*DEMO, "--logdir", str(tmp_path / "single"))
    assert result.returncode == 0, result.stderr
    return summary_of(tmp_path / "single")


def in_band(distributed: dict, single: dict) -> None:
    for key in ("separable_accuracy", "xor_maxout_accuracy"):
        assert distributed["claim"]["numbers"][key] >= 0.95
        assert abs(distributed["claim"]["numbers"][key] - single["claim"]["numbers"][key]) <= 0.05


def test_mirrored_over_two_logical_cpus(tmp_path):
    result = nutshell(
        *DEMO, "--strategy", "mirrored", "--logdir", str(tmp_path / "mirrored"), env={"NUTSHELL_CPU_REPLICAS": "2"}
    )
    assert result.returncode == 0, result.stderr
    summary = summary_of(tmp_path / "mirrored")
    dist = summary["distribution"]
    assert dist["replicas"] == 2 and dist["global_batch_size"] == summary["hparams"]["batch_size"]
    assert dist["per_replica_batch_size"] * 2 == dist["global_batch_size"]
    assert dist["learning_rate"] == summary["hparams"]["learning_rate"]
    batch, rate = summary["hparams"]["batch_size"], summary["hparams"]["learning_rate"]
    assert (
        f"2 replicas split the batch of {batch} ({batch // 2} each); learning rate {rate:g} as given" in result.stdout
    )
    in_band(summary, single_device(tmp_path))


def test_the_replicas_split_the_batch_and_the_rate_is_as_given():
    settings = demo_settings(glossary.lookup("unit"), strategy="mirrored", batch_size=17, learning_rate=0.01)
    described = Distribution(replicas=4).describe(settings)
    assert (described["global_batch_size"], described["learning_rate"]) == (17, 0.01)
    assert described["per_replica_batch_size"] == 17 / 4  # tf.distribute splits an odd batch unevenly
    assert Distribution(replicas=2).describe(settings)["learning_rate"] == 0.01


UNEVEN_EVALUATION = """
import numpy as np, tensorflow as tf
from nutshell import keras_compat
cpu = tf.config.list_physical_devices("CPU")[0]
tf.config.set_logical_device_configuration(cpu, [tf.config.LogicalDeviceConfiguration()] * 2)
import keras
keras_compat.install_strategy_fixes()
with tf.distribute.MirroredStrategy([d.name for d in tf.config.list_logical_devices("CPU")]).scope():
    model = keras.Sequential([keras.Input((1,)), keras.layers.Dense(1)])
    model.compile("adam", loss="mse")
    x = np.linspace(0, 1, 17, dtype="float32")[:, None]   # 17 rows, one batch: 9 and 8 per replica
    loss = model.evaluate(x, x ** 2, batch_size=32, verbose=0)
    print(abs(loss - float(np.mean((model.predict(x) - x ** 2) ** 2))))
"""


def test_evaluating_fewer_rows_than_a_batch_on_two_replicas():
    """An odd data set smaller than one batch gives the replicas shares of different sizes; Keras's
    symbolic build averages them and fails, so keras_compat builds from one share. Switched off,
    the failure must still show: when it does not, upstream fixed it (raise BROKEN_BELOW)."""
    fixed = subprocess.run(
        [sys.executable, "-c", UNEVEN_EVALUATION], capture_output=True, text=True, cwd=ROOT, timeout=300
    )
    assert fixed.returncode == 0, fixed.stderr[-2000:]
    assert float(fixed.stdout.split()[-1]) < 1e-6
    broken = subprocess.run(
        [sys.executable, "-c", UNEVEN_EVALUATION],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=300,
        env={**os.environ, "NUTSHELL_KERAS_WORKAROUNDS": "off"},
    )
    assert broken.returncode != 0 and "must have the same size and shape" in broken.stderr


def free_ports(count: int) -> list[int]:
    sockets = [socket.socket() for _ in range(count)]
    for s in sockets:
        s.bind(("127.0.0.1", 0))
    ports = [s.getsockname()[1] for s in sockets]
    for s in sockets:
        s.close()
    return ports


def test_multi_worker_with_two_processes_on_loopback(tmp_path):
    for code, err in run_workers(DEMO, tmp_path / "multi"):
        assert code == 0, err[-2000:]
    summary = summary_of(tmp_path / "multi")  # exactly one run: the chief's
    assert summary["distribution"]["replicas"] == 2
    in_band(summary, single_device(tmp_path))


def test_multi_worker_without_tf_config_is_a_clean_error(tmp_path):
    result = nutshell(*DEMO, "--strategy", "multi-worker", "--logdir", str(tmp_path), env={"TF_CONFIG": ""})
    assert result.returncode == 2 and "TF_CONFIG" in result.stderr
    assert not any(tmp_path.glob("unit/*"))


def test_multi_worker_work_around_is_still_needed(tmp_path):
    """keras-team/keras#20585: without our work-arounds two workers cannot fit. When this test
    fails, Keras has fixed it: set keras_compat.BROKEN_BELOW to the fixed version."""
    results = run_workers(
        ["demo", "unit", "--quick", "--epochs", "1"], tmp_path, env={"NUTSHELL_KERAS_WORKAROUNDS": "off"}
    )
    assert any(code != 0 for code, _ in results), "multi-worker fit works without the work-arounds"


def run_workers(args: list[str], logdir: Path, env: dict | None = None) -> list[tuple[int, str]]:
    """Start two workers of a multi-worker run on 127.0.0.1; (exit code, stderr) of each."""
    workers = [f"127.0.0.1:{port}" for port in free_ports(2)]
    processes = []
    for index in range(2):
        config = {"cluster": {"worker": workers}, "task": {"type": "worker", "index": index}}
        processes.append(
            subprocess.Popen(
                [sys.executable, str(SCRIPT), *args, "--strategy", "multi-worker", "--logdir", str(logdir)],
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                text=True,
                cwd=ROOT,
                env={**os.environ, "NO_COLOR": "1", "TF_CONFIG": json.dumps(config), **(env or {})},
            )
        )
    results = []
    for process in processes:
        try:
            _, err = process.communicate(timeout=900)
        except subprocess.TimeoutExpired:
            process.kill()
            _, err = process.communicate()
        results.append((process.returncode, err))
    return results


def verdict_of(logdir: Path, entry: str) -> bool:
    (path,) = logdir.glob(f"{entry}/*/summary.json")
    return json.loads(path.read_text())["claim"]["verdict"]


@pytest.mark.parametrize(
    "entry, strategy",
    [
        pytest.param(name, strategy, marks=() if (name, strategy) in REPRESENTATIVE else pytest.mark.matrix)
        for name in DEMOS
        for strategy in ("mirrored", "multi-worker")
    ],
)
def test_every_demo_under_each_strategy(tmp_path, entry, strategy):
    """The same verdict as on one device, or a clean refusal; never a traceback on any worker."""
    args = ["demo", entry, "--quick"]
    if strategy == "mirrored":
        result = nutshell(
            *args, "--strategy", "mirrored", "--logdir", str(tmp_path / "dist"), env={"NUTSHELL_CPU_REPLICAS": "2"}
        )
        results = [(result.returncode, result.stderr)]
    else:
        results = run_workers(args, tmp_path / "dist")
    for _, err in results:
        assert "Traceback" not in err, err[-3000:]
    if all(code == 2 for code, _ in results):  # the demo refused: one line, saying why
        assert all(len(err.strip().splitlines()) == 1 and "cannot" in err for _, err in results)
        return
    assert [code for code, _ in results] == [0] * len(results), results[0][1][-2000:]
    single = nutshell(*args, "--logdir", str(tmp_path / "single"))
    assert single.returncode == 0, single.stderr[-2000:]
    assert verdict_of(tmp_path / "dist", entry) == verdict_of(tmp_path / "single", entry)
