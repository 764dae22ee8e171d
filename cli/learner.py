"""What one learner has done: entries read and run, quiz answers, and each question's Leitner box.

One small JSON file in the user's data directory (platformdirs; `NUTSHELL_DATA_HOME` points
elsewhere, e.g. in tests). A question starts in box 1; a right answer moves it up a box (at most
BOXES), a wrong one sends it back to box 1, and the quiz asks the lowest boxes first, so what you
missed comes back first. A damaged file is set aside with one line on stderr and the record starts
afresh: progress is worth keeping, never worth a crash. Keras-free and quick, because `explain`
records what was read.
"""

from __future__ import annotations

import json
import os
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from nutshell import render
from nutshell.rundir import atomic_write_text

BOXES = 5
VERSION = 1


def home() -> Path:
    override = os.environ.get("NUTSHELL_DATA_HOME")
    if override:
        return Path(override)
    from platformdirs import user_data_dir

    return Path(user_data_dir("nutshell", appauthor=False))


@dataclass
class Progress:
    """The learner's record, as saved in progress.json."""

    boxes: dict[str, int] = field(default_factory=dict)  # question id -> Leitner box 1..BOXES
    read: list[str] = field(default_factory=list)  # entries explained
    ran: list[str] = field(default_factory=list)  # entries whose demo ran to the end
    answered: dict[str, bool] = field(default_factory=dict)  # question id -> last answer right?

    @property
    def path(self) -> Path:
        return home() / "progress.json"

    def box(self, question_id: str) -> int:
        return self.boxes.get(question_id, 1)

    def answer(self, question_id: str, right: bool) -> None:
        self.boxes[question_id] = min(self.box(question_id) + 1, BOXES) if right else 1
        self.answered[question_id] = right

    def mark(self, kind: str, entry: str) -> None:
        done = self.read if kind == "read" else self.ran
        if entry not in done:
            done.append(entry)

    def knows(self, entry: str) -> bool:
        """Whether some question about `entry` was last answered right."""
        return any(right for qid, right in self.answered.items() if qid.split(":", 1)[0] == entry)

    def save(self) -> None:
        record = {
            "version": VERSION,
            "boxes": self.boxes,
            "read": self.read,
            "ran": self.ran,
            "answered": self.answered,
        }
        self.path.parent.mkdir(parents=True, exist_ok=True)
        atomic_write_text(self.path, json.dumps(record, indent=1, sort_keys=True))


def load() -> Progress:
    """The saved record, or a fresh one; a damaged file is moved aside with one line of notice."""
    progress = Progress()
    path = progress.path
    if not path.exists():
        return progress
    try:
        record: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
        if record.get("version") != VERSION:
            raise ValueError("unknown version")
        loaded = Progress(
            {str(k): int(v) for k, v in record["boxes"].items()},
            list(record["read"]),
            list(record["ran"]),
            {str(k): bool(v) for k, v in record["answered"].items()},
        )
        if not all(1 <= box <= BOXES for box in loaded.boxes.values()):
            raise ValueError("a box out of range")
        return loaded
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        aside = path.with_name(f"progress.damaged-{time.strftime('%Y%m%d-%H%M%S')}.json")
        try:
            path.replace(aside)
            render.error(f"your progress file was damaged; set aside as {aside}, starting afresh")
        except OSError:
            render.error(f"your progress file {path} is damaged and could not be moved; starting afresh")
        return progress


def record(kind: str, entry: str) -> None:
    """Note that `entry` was read or run; never fails the command that called it."""
    try:
        progress = load()
        progress.mark(kind, entry)
        progress.save()
    except OSError:
        pass  # a read-only home must not break `explain`


def reset() -> Path:
    path = Progress().path
    path.unlink(missing_ok=True)
    return path
