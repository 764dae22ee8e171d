"""Loading a run's `model.keras` in a fresh Python process.

A saved model names its custom layers (`"registered_name": "nutshell>InceptionModule"`) but Keras can
rebuild them only if the classes are registered, that is, if the entry modules defining them were
imported. This reads the names from the file's config, imports exactly the entries that define them
(found with `ast`, without importing the others), and loads the model in Keras's safe mode.
"""

from __future__ import annotations

import ast
import importlib
import json
import os
import zipfile
from pathlib import Path
from typing import TYPE_CHECKING, Any

from nutshell import glossary
from nutshell.errors import UserError
from nutshell.rundir import MODEL_FILE

if TYPE_CHECKING:
    import keras

PACKAGE = "nutshell"  # the package name our layers register under


def model_file(path: str | os.PathLike[str]) -> Path:
    """`path` itself if it is a .keras file, else the model file of the run directory it names."""
    path = Path(path)
    found = path / MODEL_FILE if path.is_dir() else path
    if not found.is_file():
        raise UserError(f"no saved model at '{found}' (a run directory holds one once it finished)")
    return found


def registered_names(config: Any) -> set[str]:
    """The names of every `nutshell>Name` class or function in a Keras config, at any depth."""
    found: set[str] = set()
    if isinstance(config, str):  # a registered function is saved as {"config": "nutshell>name"}
        if config.startswith(PACKAGE + ">"):
            found.add(config.split(">", 1)[1])
    elif isinstance(config, dict):
        name = config.get("registered_name")
        if isinstance(name, str) and name.startswith(PACKAGE + ">"):
            found.add(name.split(">", 1)[1])
        for value in config.values():
            found |= registered_names(value)
    elif isinstance(config, list):
        for value in config:
            found |= registered_names(value)
    return found


def defining_modules(names: set[str]) -> list[str]:
    """The glossary modules whose top level defines any of `names`."""
    modules = []
    for entry in glossary.all_entries().values():
        tree = ast.parse(entry.path.read_text(encoding="utf-8"))
        defined = {node.name for node in tree.body if isinstance(node, (ast.ClassDef, ast.FunctionDef))}
        if defined & names:
            modules.append(entry.module)
    return modules


def load_model(path: str | os.PathLike[str]) -> keras.Model:
    """The trained Keras model of a run directory or a `.keras` file, loaded in safe mode."""
    file = model_file(path)
    try:
        with zipfile.ZipFile(file) as archive:
            config = json.loads(archive.read("config.json"))
    except (OSError, KeyError, ValueError, zipfile.BadZipFile):
        raise UserError(f"'{file}' is not a readable Keras model file") from None
    for module in defining_modules(registered_names(config)):
        importlib.import_module(module)
    import keras

    return keras.saving.load_model(file, safe_mode=True)
