"""nutshell.keras_compat: each work-around's version gate, and a canary per Keras bug.

A canary runs its bug's probe in a fresh process with that one work-around switched off
(NUTSHELL_KERAS_WORKAROUNDS=off:<name>) and expects the bug to show. When a canary fails, upstream
has fixed the bug in the installed Keras: its message says which `fixed_in` to set in
cli/keras_compat.py, after which the work-around is off on that version and the canary skips there.
"""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from nutshell import keras_compat
from nutshell.keras_compat import BUGS, KerasBug
from tests.helpers import ROOT


def test_a_bug_is_worked_around_up_to_its_fix_and_where_its_state_is_unknown():
    bug = KerasBug("example", "an example", last_seen=(3, 15))
    assert [bug.status(v) for v in [(3, 12), (3, 15), (3, 16), (4, 0)]] == ["broken", "broken", "unknown", "unknown"]
    fixed = KerasBug("example", "an example", last_seen=(3, 15), fixed_in=(3, 17))
    assert [fixed.status(v) for v in [(3, 15), (3, 16), (3, 17), (4, 0)]] == ["broken", "unknown", "fixed", "fixed"]


def test_every_work_around_is_on_for_the_installed_keras_unless_switched_off(monkeypatch):
    monkeypatch.delenv(keras_compat.SWITCH_ENV, raising=False)
    assert all(bug.work_around() == (bug.status() != "fixed") for bug in BUGS)
    monkeypatch.setenv(keras_compat.SWITCH_ENV, "off")
    assert not any(bug.work_around() for bug in BUGS)
    first, *others = BUGS
    monkeypatch.setenv(keras_compat.SWITCH_ENV, f"off:{first.name}")
    assert not keras_compat.switched_off(others[0].name) and keras_compat.switched_off(first.name)


SETUP = """
import numpy as np, tensorflow as tf
cpu = tf.config.list_physical_devices("CPU")[0]
tf.config.set_logical_device_configuration(cpu, [tf.config.LogicalDeviceConfiguration()] * 2)
import keras
from nutshell import keras_compat
keras_compat.install_strategy_fixes()
strategy = tf.distribute.MirroredStrategy([d.name for d in tf.config.list_logical_devices("CPU")])
"""

# Probes: each prints "broken" when the bug shows, "fine" when it does not.
PROBES = {
    # 3 rows on two replicas: predict_on_batch returns 6 (each replica's share, then the whole
    # batch again); predict of 1 row leaves a replica with nothing.
    keras_compat.REPLICA_PREDICT.name: SETUP
    + """
with strategy.scope():
    model = keras.Sequential([keras.Input((4, 4, 1)), keras.layers.Conv2D(2, 3), keras.layers.Flatten(),
                              keras.layers.Dense(2)])
x = np.ones((3, 4, 4, 1), "float32")
try:
    rows = [len(model.predict_on_batch(x)), len(model.predict(x[:1], verbose=0))]
except Exception as error:
    print("broken:", type(error).__name__)
else:
    print("fine" if rows == [3, 1] else f"broken: {rows} rows for [3, 1]")
""",
    # 17 rows in one batch: replica shares of 9 and 8, which Keras's symbolic build averages.
    keras_compat.UNEVEN_SYMBOLIC_BUILD.name: SETUP
    + """
with strategy.scope():
    model = keras.Sequential([keras.Input((1,)), keras.layers.Dense(1)])
    model.compile("adam", loss="mse")
x = np.linspace(0, 1, 17, dtype="float32")[:, None]
try:
    model.evaluate(x, x ** 2, batch_size=32, verbose=0)
except Exception as error:
    if "must have the same size and shape" not in str(error):
        raise  # some other failure: the probe no longer tests this bug
    print("broken: the replicas' shares cannot be averaged")
else:
    print("fine")
""",
}


def probe_says(bug: KerasBug, probe: str) -> str:
    env = {**os.environ, keras_compat.SWITCH_ENV: f"off:{bug.name}", "TF_CPP_MIN_LOG_LEVEL": "3"}
    result = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, cwd=ROOT, timeout=300, env=env
    )
    assert result.returncode == 0, result.stderr[-2000:]
    return result.stdout.strip().splitlines()[-1]


def skip_if_known_fixed(bug: KerasBug) -> None:
    if bug.status() == "fixed":
        pytest.skip(f"{bug.name} is fixed in this Keras; its work-around is off")


@pytest.mark.slow
@pytest.mark.parametrize("name", sorted(PROBES))
def test_the_bug_still_shows_without_its_work_around(name):
    (bug,) = [bug for bug in BUGS if bug.name == name]
    skip_if_known_fixed(bug)
    said = probe_says(bug, PROBES[name])
    assert said.startswith("broken"), bug.fixed_hint()


@pytest.mark.slow
def test_multi_worker_fit_still_fails_without_its_work_around(tmp_path):
    from tests.test_distributed import run_workers

    bug = keras_compat.MULTI_WORKER_FIT
    skip_if_known_fixed(bug)
    results = run_workers(
        ["demo", "unit", "--quick", "--epochs", "1"], tmp_path, env={keras_compat.SWITCH_ENV: f"off:{bug.name}"}
    )
    failures = [err for code, err in results if code != 0]
    assert failures, bug.fixed_hint()
    # the scalar metrics averaged over axis 0 (Keras 3.12 to 3.15); another error needs a look
    assert any("Invalid reduction dimension 0 for input with 0 dimensions" in err for err in failures), failures[0][
        -2000:
    ]
