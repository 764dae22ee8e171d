"""--strategy on CPU: mirrored over two logical CPU devices, and two workers on 127.0.0.1.

Both must train and land in the same accuracy band as a single device, with the global batch and
the learning rate scaled by the number of replicas.
"""

from __future__ import annotations

import pytest

import json
import os
import socket
import subprocess
import sys
from pathlib import Path

from tests.helpers import ROOT, SCRIPT, nutshell

pytestmark = pytest.mark.slow  # every test here trains a model or starts a process

DEMO = ["demo", "unit", "--quick", "--epochs", "6"]


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
    result = nutshell(*DEMO, "--strategy", "mirrored", "--logdir", str(tmp_path / "mirrored"),
                      env={"NUTSHELL_CPU_REPLICAS": "2"})
    assert result.returncode == 0, result.stderr
    summary = summary_of(tmp_path / "mirrored")
    dist = summary["distribution"]
    assert dist["replicas"] == 2 and dist["global_batch_size"] == 2 * dist["per_replica_batch_size"]
    assert dist["learning_rate"] == 2 * summary["hparams"]["learning_rate"]
    in_band(summary, single_device(tmp_path))


def free_ports(count: int) -> list[int]:
    sockets = [socket.socket() for _ in range(count)]
    for s in sockets:
        s.bind(("127.0.0.1", 0))
    ports = [s.getsockname()[1] for s in sockets]
    for s in sockets:
        s.close()
    return ports


def test_multi_worker_with_two_processes_on_loopback(tmp_path):
    workers = [f"127.0.0.1:{port}" for port in free_ports(2)]
    processes = []
    for index in range(2):
        config = {"cluster": {"worker": workers}, "task": {"type": "worker", "index": index}}
        env = {**os.environ, "NO_COLOR": "1", "TF_CONFIG": json.dumps(config)}
        processes.append(subprocess.Popen(
            [sys.executable, str(SCRIPT), *DEMO, "--strategy", "multi-worker",
             "--logdir", str(tmp_path / "multi")],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env, cwd=ROOT))
    for process in processes:
        out, err = process.communicate(timeout=900)
        assert process.returncode == 0, err[-2000:]
    summary = summary_of(tmp_path / "multi")  # exactly one run: the chief's
    assert summary["distribution"]["replicas"] == 2
    in_band(summary, single_device(tmp_path))


def test_multi_worker_without_tf_config_is_a_clean_error(tmp_path):
    result = nutshell(*DEMO, "--strategy", "multi-worker", "--logdir", str(tmp_path),
                      env={"TF_CONFIG": ""})
    assert result.returncode == 2 and "TF_CONFIG" in result.stderr
    assert not any(tmp_path.glob("unit/*"))
