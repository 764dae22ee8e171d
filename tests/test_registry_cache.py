"""The registry's on-disk cache (glossary/_cache.py): the same entries and search as parsing the
files afresh, rebuilt when a file changes, ignored when damaged or unwritable."""

from __future__ import annotations

import os

import pytest

from nutshell import glossary
from nutshell.glossary import _cache


@pytest.fixture
def fresh_registry(tmp_path, monkeypatch):
    """A registry with no in-memory cache and its own, initially empty, cache folder."""
    monkeypatch.setenv("NUTSHELL_CACHE_HOME", str(tmp_path / "cache"))

    def clear():
        glossary.all_entries.cache_clear()
        glossary._index.cache_clear()
        glossary._search_index.cache_clear()

    clear()
    yield clear
    clear()


def test_cached_entries_equal_the_parsed_ones(fresh_registry):
    parsed = {entry.name: entry for entry in map(glossary.parse_entry, glossary.entry_paths())}
    assert _cache.load("entries") is None
    assert glossary.all_entries() == parsed  # parsed, and written to the cache
    assert _cache.load("entries") is not None
    fresh_registry()
    from_disk = glossary.all_entries()
    assert from_disk == parsed
    assert all(isinstance(entry.aliases, tuple) and isinstance(entry.recall, tuple) for entry in from_disk.values())
    assert from_disk["pooling"].explanation == parsed["pooling"].explanation


def test_search_ranks_the_same_from_the_cache(fresh_registry):
    query = "how to avoid overfitting"
    first = glossary.search(query)
    fresh_registry()
    assert _cache.load("search") is not None
    assert glossary.search(query) == first


def test_a_changed_file_invalidates_the_cache(tmp_path, monkeypatch):
    package = tmp_path / "package"
    package.mkdir()
    (package / "entry.py").write_text('"""One."""\n')
    monkeypatch.setattr(_cache, "PACKAGE_DIR", package)
    monkeypatch.setenv("NUTSHELL_CACHE_HOME", str(tmp_path / "cache"))
    _cache.store("entries", ["one"])
    assert _cache.load("entries") == ["one"]
    (package / "entry.py").write_text('"""Two, longer."""\n')
    assert _cache.load("entries") is None
    _cache.store("entries", ["two"])
    stat = (package / "entry.py").stat()
    os.utime(package / "entry.py", ns=(stat.st_atime_ns, stat.st_mtime_ns + 10**9))  # same size, touched
    assert _cache.load("entries") is None
    (package / "new_entry.py").write_text("")
    assert _cache.load("entries") is None


def test_a_damaged_cache_file_is_ignored_and_rebuilt(fresh_registry, tmp_path):
    glossary.all_entries()
    (tmp_path / "cache" / "registry-entries.json").write_text('{"signature": [1, 2')
    fresh_registry()
    assert "pooling" in glossary.all_entries()
    assert _cache.load("entries") is not None


def test_commands_work_when_the_cache_cannot_be_written(run_cli, tmp_path):
    blocker = tmp_path / "a-file"
    blocker.write_text("")
    result = run_cli("explain", "pooling", env={"NUTSHELL_CACHE_HOME": str(blocker / "cache")})
    assert result.returncode == 0 and "Pooling" in result.stdout and result.stderr == ""
