"""`nutshell notebook`: every entry's notebook is valid and built from the entry's own source; the
core notebooks run top to bottom in a real kernel (nbclient) and end on the verdict card."""

from __future__ import annotations

import ast

import nbformat
import pytest

from nutshell import glossary
from nutshell import notebook as notebooks

ENTRIES = glossary.all_entries()


def tags(cell) -> set[str]:
    return set(cell.metadata.get("tags", []))


@pytest.mark.parametrize("name", sorted(ENTRIES))
def test_every_entry_makes_a_valid_notebook_from_its_source(name):
    entry = ENTRIES[name]
    book = notebooks.build(entry)
    nbformat.validate(book)
    markdown = "\n".join(cell.source for cell in book.cells if cell.cell_type == "markdown")
    assert entry.summary.split()[0] in markdown and "## Sources" in markdown
    install = [cell for cell in book.cells if "install" in tags(cell)]
    assert len(install) == 1 and book.cells.index(install[0]) == 1
    for cell in book.cells:
        if cell.cell_type == "code" and not cell.source.startswith("%"):
            ast.parse(cell.source)  # every code cell is Python a learner can run
    if entry.has_demo:
        (board,) = [cell for cell in book.cells if "skip-execution" in tags(cell)]
        assert "%tensorboard --logdir runs" in board.source
        code = [cell.source for cell in book.cells if cell.cell_type == "code"]
        assert any(source.startswith("def demo(run") for source in code)
        assert any(f'nutshell.demo("{name}", quick=QUICK, demo_function=demo' in source for source in code)
    if entry.implementation:
        code = "\n".join(cell.source for cell in book.cells if cell.cell_type == "code")
        assert all(f"def {n}(" in code or f"class {n}(" in code for n in entry.implementation)


def test_the_command_writes_one_or_all(run_cli, tmp_path):
    one = run_cli("notebook", "max pooling", "-o", str(tmp_path / "p.ipynb"))
    assert one.returncode == 0, one.stderr
    nbformat.validate(nbformat.read(tmp_path / "p.ipynb", as_version=4))
    every = run_cli("notebook", "--all", "-o", str(tmp_path / "all"))
    assert every.returncode == 0 and len(list((tmp_path / "all").glob("*.ipynb"))) == len(ENTRIES)
    wrong = run_cli("notebook", "poolng")
    assert wrong.returncode == 2 and "Did you mean: pooling?" in wrong.stderr


@pytest.mark.slow
@pytest.mark.parametrize("name", glossary.CORE)
def test_core_notebooks_run_and_end_on_the_verdict(name, tmp_path):
    """Executed as a runner would: the install cell and the `skip-execution` TensorBoard cell are
    skipped, the rest runs in order in a fresh kernel. The demo runs in quick mode with one epoch
    (the claim itself is tested by each entry's quick-demo test; here, that the notebook runs)."""
    from nbclient import NotebookClient

    book = notebooks.build(ENTRIES[name])
    book.cells = [cell for cell in book.cells if not tags(cell) & {"install", "skip-execution"}]
    (parameters,) = [cell for cell in book.cells if "parameters" in tags(cell)]
    parameters.source += f"\nOPTIONS = {{'logdir': {str(tmp_path / 'runs')!r}, 'verbose': False, 'epochs': 1}}"
    NotebookClient(book, timeout=600, kernel_name="python3", resources={"metadata": {"path": str(tmp_path)}}).execute()
    last = [cell for cell in book.cells if cell.cell_type == "code"][-1]
    html = "".join(output.get("data", {}).get("text/html", "") for output in last.outputs)
    assert "Verdict:" in html and f"nutshell demo {name}" in html
    assert not any(
        output.get("output_type") == "error"
        for cell in book.cells
        if cell.cell_type == "code"
        for output in cell.outputs
    )
