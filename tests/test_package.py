"""One import package, `nutshell`: no generic top-level names, usable from any folder, loadable models."""

from __future__ import annotations

import ast
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from tests.helpers import ROOT, nutshell

SOURCE_FOLDERS = ("cli", "glossary", "data", "tests", "benchmarks")
BARE = ("cli", "glossary", "nutshell_data", "data")


def imported_names(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names += [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names.append(node.module)
    return names


def test_no_bare_imports_of_the_source_folders():
    offenders = [
        f"{path.relative_to(ROOT)}: import {name}"
        for folder in SOURCE_FOLDERS
        for path in (ROOT / folder).rglob("*.py")
        for name in imported_names(path)
        if name.split(".")[0] in BARE
    ]
    assert offenders == []


def test_the_probe_above_would_catch_a_bare_import(tmp_path):
    sample = tmp_path / "sample.py"
    sample.write_text("import glossary\nfrom cli.app import main\nimport nutshell_data as data\n")
    assert [name.split(".")[0] for name in imported_names(sample)] == ["glossary", "cli", "nutshell_data"]


@pytest.mark.slow
def test_version_and_python_dash_m(tmp_path):
    from nutshell import __version__

    result = subprocess.run(
        [sys.executable, "-m", "nutshell", "--version"], capture_output=True, text=True, cwd=tmp_path, timeout=120
    )
    assert result.returncode == 0 and result.stdout.strip() == f"nutshell {__version__}"
    assert __version__[0].isdigit() and nutshell("--version").stdout == result.stdout


@pytest.mark.slow
def test_works_from_a_folder_with_its_own_cli_and_glossary_modules(tmp_path):
    for name in ("cli.py", "glossary.py", "data.py"):
        (tmp_path / name).write_text("raise SystemExit('the wrong module was imported')\n")
    result = subprocess.run(
        [sys.executable, "-m", "nutshell", "explain", "pooling", "--brief"],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        timeout=120,
        env={"NO_COLOR": "1", "PATH": "/usr/bin:/bin"},
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("Pooling")


@pytest.mark.slow
def test_the_wheel_holds_one_top_level_package(tmp_path):
    result = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(tmp_path), str(ROOT)],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    (wheel,) = tmp_path.glob("nutshell_dl-*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    top = {name.split("/")[0] for name in names if not name.split("/")[0].endswith(".dist-info")}
    assert top == {"nutshell"}
    assert {
        "nutshell/glossary/pooling.py",
        "nutshell/data/digits.npz",
        "nutshell/data/README.md",
        "nutshell/__main__.py",
    } <= set(names)
    entry_points = next(n for n in names if n.endswith("entry_points.txt"))
    assert "nutshell = nutshell.app:main" in zipfile.ZipFile(wheel).read(entry_points).decode()


def test_load_model_finds_registered_classes_and_functions_at_any_depth():
    from nutshell.saved_models import defining_modules, registered_names

    config = {
        "class_name": "Functional",
        "config": {
            "layers": [
                {"class_name": "Unit", "registered_name": "nutshell>Unit"},
                {"class_name": "Dense", "registered_name": None},
            ]
        },
        "compile_config": {"loss": {"class_name": "function", "config": "nutshell>made_up_loss"}},
    }
    assert registered_names(config) == {"Unit", "made_up_loss"}
    assert defining_modules({"Unit"}) == ["nutshell.glossary.unit"]
