"""A run on disk: the one owner of its directory's name and files.

    runs/<entry>/<YYYYmmdd-HHMMSS>[-tag][-n]/
        run.json        the settings, written when the directory is created; sessions and time so far
        summary.json    written once, at the end: its presence means the run finished
        model.keras     the trained main model
        checkpoints/    per-fit checkpoints (see nutshell.checkpoints)
        train/ validation/ events.out.tfevents.*   TensorBoard logs

Running, resuming and listing all go through `RunDir`, so they cannot disagree about a file name or
about what "finished" means. Every file is written through `atomic_write_text`: a signal or a full
disk can leave a stray temporary file, never a half-written one under its real name. Keras-free.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
from pathlib import Path
from typing import Any

from nutshell.errors import NothingToResume

RUN_FILE = "run.json"
SUMMARY_FILE = "summary.json"
MODEL_FILE = "model.keras"
CHECKPOINTS = "checkpoints"
STAMP_FORMAT = "%Y%m%d-%H%M%S"
STAMP_LENGTH = len("20260101-000000")


def atomic_write_text(path: Path, text: str) -> None:
    """Write `text` to a temporary name beside `path`, then rename it into place."""
    tmp = path.with_name(".tmp-" + path.name)
    tmp.write_text(text)
    os.replace(tmp, path)


def atomic_write_json(path: Path, value: Any) -> None:
    atomic_write_text(path, json.dumps(value, indent=2) + "\n")


class RunDir:
    """One run's directory and the files in it."""

    def __init__(self, path: Path):
        self.path = Path(path)

    @classmethod
    def create(cls, logdir: Path, entry: str, settings: dict[str, Any], tag: str = "") -> RunDir:
        """A fresh `logdir/entry/<timestamp>[-tag]` holding run.json.

        `mkdir` without exist_ok is atomic, so two demos started in the same second get distinct
        directories (the second gets a `-2` suffix) and neither writes into the other's.
        """
        stamp = dt.datetime.now().strftime(STAMP_FORMAT)
        base = f"{stamp}-{tag}" if tag else stamp
        parent = Path(logdir) / entry
        parent.mkdir(parents=True, exist_ok=True)
        for attempt in range(1, 1000):
            candidate = parent / (base if attempt == 1 else f"{base}-{attempt}")
            try:
                candidate.mkdir()
            except FileExistsError:
                continue
            run = cls(candidate)
            atomic_write_json(run.run_file, {"entry": entry, "settings": settings})
            return run
        raise RuntimeError(f"could not create a run directory under {parent}")

    # -- names ----------------------------------------------------------------------------------
    @property
    def run_file(self) -> Path:
        return self.path / RUN_FILE

    @property
    def summary_file(self) -> Path:
        return self.path / SUMMARY_FILE

    @property
    def model_file(self) -> Path:
        return self.path / MODEL_FILE

    def checkpoints(self, fit: str) -> Path:
        """The checkpoint folder of one fit (`main` for the run's main model), created on demand."""
        folder = self.path / CHECKPOINTS / fit
        folder.mkdir(parents=True, exist_ok=True)
        return folder

    @property
    def entry(self) -> str:
        return self.path.parent.name

    @property
    def started(self) -> str:
        """The timestamp the directory's name starts with (YYYYmmdd-HHMMSS)."""
        return self.path.name[:STAMP_LENGTH]

    # -- contents -------------------------------------------------------------------------------
    def saved(self) -> dict[str, Any]:
        """run.json: {"entry", "settings", and after a session "earlier_seconds", "sessions"}."""
        return json.loads(self.run_file.read_text())

    def record_session(self, seconds: float) -> None:
        """Add a session's time to run.json, so a resumed run's wall time covers all sessions."""
        saved = self.saved()
        saved["earlier_seconds"] = saved.get("earlier_seconds", 0.0) + seconds
        saved["sessions"] = saved.get("sessions", 1) + 1
        atomic_write_json(self.run_file, saved)

    @property
    def finished(self) -> bool:
        return self.summary_file.exists()

    def summary(self) -> dict[str, Any]:
        return json.loads(self.summary_file.read_text())

    def write_summary(self, summary: dict[str, Any]) -> None:
        atomic_write_json(self.summary_file, summary)

    def holds_nothing(self) -> bool:
        """True if nothing worth keeping was written: at most the settings file."""
        return all(path.name == RUN_FILE for path in self.path.iterdir())

    def remove(self) -> None:
        shutil.rmtree(self.path, ignore_errors=True)


def find_runs(logdir: Path) -> list[dict]:
    """Every run under `logdir`, oldest first, as its summary plus `run_dir` and `started`.

    A run without a readable summary.json is listed as unfinished (interrupted, or still going).
    """
    runs = []
    for path in sorted(Path(logdir).glob("*/*/")):
        if not path.is_dir():
            continue
        run = RunDir(path)
        try:
            summary = run.summary()
        except (OSError, ValueError):
            summary = {"entry": run.entry, "status": "unfinished", "metrics": {}, "claim": None}
        summary["run_dir"] = str(path)
        summary["started"] = run.started
        runs.append(summary)
    return sorted(runs, key=lambda found: (found["started"], found["run_dir"]))


def resumable(logdir: Path, entry: str, which: str) -> RunDir:
    """The run to resume: "latest" (the newest unfinished run of `entry`) or a run directory."""
    if which == "latest":
        unfinished = [
            RunDir(Path(found["run_dir"]))
            for found in find_runs(logdir)
            if found["entry"] == entry and found.get("status") != "finished"
        ]
        unfinished = [run for run in unfinished if run.run_file.exists()]
        if not unfinished:
            raise NothingToResume(f"no unfinished run of {entry} in '{logdir}' to resume")
        run = unfinished[-1]
    else:
        run = RunDir(Path(which))
    try:
        saved = run.saved()
    except (OSError, ValueError):
        raise NothingToResume(f"'{which}' is not a nutshell run directory (no readable run.json)") from None
    if saved.get("entry") != entry:
        raise NothingToResume(f"'{which}' is a run of {saved.get('entry')}, not of {entry}")
    if run.finished:
        raise NothingToResume(f"'{which}' already finished; nothing to resume")
    return run
