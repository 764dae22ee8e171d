"""The shape every entry keeps: entries borrow only each other's teaching code, rigs are private,
and `nutshell code` shows valid Python. Read with `ast`, never imported."""

from __future__ import annotations

import ast

import pytest

from nutshell import glossary

ENTRIES = glossary.all_entries()
PUBLIC = {entry.path.stem: set(entry.implementation) for entry in ENTRIES.values()}


def borrowed_names(entry: glossary.Entry) -> list[tuple[str, str]]:
    """(entry module, name) for every name this entry imports from another entry."""
    tree = ast.parse(entry.path.read_text(encoding="utf-8"))
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("nutshell.glossary."):
            module = node.module.removeprefix("nutshell.glossary.")
            if not module.startswith("_"):
                found += [(module, alias.name) for alias in node.names]
        elif isinstance(node, (ast.Import, ast.ImportFrom)):
            names = [alias.name for alias in node.names]
            if node.__class__ is ast.ImportFrom and node.module == "nutshell.glossary":
                found += [(name, "*") for name in names if not name.startswith("_")]
            elif node.__class__ is ast.Import:
                found += [
                    (name.rsplit(".", 1)[1], "*")
                    for name in names
                    if name.startswith("nutshell.glossary.") and not name.rsplit(".", 1)[1].startswith("_")
                ]
    return found


@pytest.mark.parametrize("name", sorted(ENTRIES))
def test_an_entry_borrows_only_another_entrys_teaching_code(name):
    """Experiment machinery shared by demos lives in private modules (glossary/_*.py); from another
    entry only the names in its `__all__` (what `nutshell code` shows) may be imported."""
    for module, imported in borrowed_names(ENTRIES[name]):
        assert imported != "*", f"{name} imports the whole entry module '{module}'; import names from its __all__"
        assert imported in PUBLIC.get(module, set()), (
            f"{name} imports '{imported}' from the entry '{module}', which is not in its __all__: "
            "move shared machinery to a private module (glossary/_*.py)"
        )


def test_the_rule_sees_a_borrowed_rig(tmp_path):
    fake = tmp_path / "made_up.py"
    fake.write_text(
        '"""Made up."""\nfrom nutshell.glossary.lstm import train_until_solved\n'
        "from nutshell.glossary._claims import at_least\nimport nutshell.glossary.cnn\n"
    )
    entry = glossary.parse_entry(fake)
    assert borrowed_names(entry) == [("lstm", "train_until_solved"), ("cnn", "*")]


@pytest.mark.parametrize("name", sorted(n for n, e in ENTRIES.items() if e.implementation))
def test_the_code_view_is_valid_python(name):
    source = glossary.implementation_source(ENTRIES[name])
    assert source is not None
    compile(source, f"<nutshell code {name}>", "exec")


def test_private_modules_are_not_entries():
    assert not any(name.startswith("-") or name.startswith("_") for name in ENTRIES)
    rigs = sorted(path.stem for path in glossary.PACKAGE_DIR.glob("_*.py") if path.stem != "__init__")
    assert {"_claims", "_run"} <= set(rigs)
    for rig in rigs:
        docstring = ast.get_docstring(ast.parse((glossary.PACKAGE_DIR / f"{rig}.py").read_text(encoding="utf-8")))
        assert docstring, f"glossary/{rig}.py needs a docstring saying what it owns"
