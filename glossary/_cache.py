"""The registry's on-disk cache: what parsing every entry file produced, kept between commands.

`explain`, `list` and `search` start a fresh process each time. Parsing the heads of 85 entry
files and building the search index cost more than importing typer and rich together, and that
cost grows with every entry; reading one JSON file does not. A cached value is used only while
every file of the glossary package has the modification time and size it had when the value was
written, so editing an entry (or the registry itself) invalidates it.

The cache is an optimisation, never a requirement: an unreadable, damaged or stale file is
ignored and rebuilt, and a cache directory that cannot be written leaves commands working as
before. `NUTSHELL_CACHE_HOME` points it elsewhere (the tests use a scratch folder). Nothing here
may import tensorflow, keras or jax.
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
from pathlib import Path
from typing import Any

PACKAGE_DIR = Path(__file__).resolve().parent
FORMAT = 1  # bump when what is stored changes shape


def home() -> Path:
    override = os.environ.get("NUTSHELL_CACHE_HOME")
    if override:
        return Path(override)
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("nutshell", appauthor=False))


def signature() -> list:
    """What the cached values were computed from: every module of the package, with its
    modification time and size, plus the Python version and this cache's format."""
    files = sorted(PACKAGE_DIR.glob("*.py"))
    stamps = [[path.name, stat.st_mtime_ns, stat.st_size] for path in files for stat in [path.stat()]]
    return [FORMAT, list(sys.version_info[:2]), str(PACKAGE_DIR), stamps]


def _path(kind: str) -> Path:
    return home() / f"registry-{kind}.json"


def load(kind: str) -> Any | None:
    """The value stored under `kind`, or None when there is none or the files changed since."""
    try:
        stored = json.loads(_path(kind).read_text(encoding="utf-8"))
        if stored["signature"] == signature():
            return stored["value"]
    except (OSError, ValueError, KeyError, TypeError):
        pass
    return None


def store(kind: str, value: Any) -> None:
    """Write `value` under `kind` atomically (a reader never sees half a file); quietly give up
    when the cache directory cannot be written."""
    target = _path(kind)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    except OSError:
        return
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as file:
            json.dump({"signature": signature(), "value": value}, file, ensure_ascii=False)
        os.replace(temporary, target)
    except OSError:
        Path(temporary).unlink(missing_ok=True)
