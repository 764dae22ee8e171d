"""Past runs on disk, and TensorBoard to browse them.

Listing reads only `summary.json` files, so `nutshell runs` stays fast; TensorBoard is imported
only when `nutshell board` starts it.
"""

from __future__ import annotations

import json
import time
from pathlib import Path


def find_runs(logdir: Path) -> list[dict]:
    """Every run under `logdir` (`<entry>/<timestamp>[-tag]/`), oldest first.

    A run without a readable `summary.json` is listed as unfinished (interrupted, or still going).
    """
    runs = []
    for run_dir in sorted(logdir.glob("*/*/")):
        if not run_dir.is_dir():
            continue
        try:
            summary = json.loads((run_dir / "summary.json").read_text())
        except (OSError, ValueError):
            summary = {"entry": run_dir.parent.name, "status": "unfinished", "metrics": {}, "claim": None}
        summary["run_dir"] = str(run_dir)
        summary["started"] = run_dir.name[:15]
        runs.append(summary)
    return sorted(runs, key=lambda run: (run["started"], run["run_dir"]))


def serve_tensorboard(logdir: Path, host: str, port: int) -> None:
    """Start the tensorboard package's own server on host:port and wait until Ctrl-C."""
    from tensorboard import program

    board = program.TensorBoard()
    board.configure(argv=[None, "--logdir", str(logdir), "--host", host, "--port", str(port)])
    url = board.launch()
    print(f"TensorBoard is serving {logdir} at {url}  (Ctrl-C to stop)", flush=True)
    try:
        while True:
            time.sleep(3600)
    except KeyboardInterrupt:
        print("TensorBoard stopped.")


class NothingToResume(ValueError):
    """`--resume` found no unfinished run to continue; the message says why."""


def resumable_run(logdir: Path, entry: str, which: str) -> tuple[Path, dict]:
    """The run directory to resume and its saved settings.

    `which` is "latest" (the newest unfinished run of `entry` under `logdir`) or a run directory.
    """
    if which == "latest":
        unfinished = [run for run in find_runs(logdir)
                      if run["entry"] == entry and run.get("status") != "finished"
                      and (Path(run["run_dir"]) / "run.json").exists()]
        if not unfinished:
            raise NothingToResume(f"no unfinished run of {entry} in '{logdir}' to resume")
        run_dir = Path(unfinished[-1]["run_dir"])
    else:
        run_dir = Path(which)
    try:
        saved = json.loads((run_dir / "run.json").read_text())
    except (OSError, ValueError):
        raise NothingToResume(f"'{which}' is not a nutshell run directory (no readable run.json)") from None
    if saved.get("entry") != entry:
        raise NothingToResume(f"'{which}' is a run of {saved.get('entry')}, not of {entry}")
    if (run_dir / "summary.json").exists():
        raise NothingToResume(f"'{which}' already finished; nothing to resume")
    return run_dir, saved["settings"]
