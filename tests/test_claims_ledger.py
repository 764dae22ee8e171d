"""The README's demo table is the claims ledger's, not typed by hand; the ledger renders soundly."""

from __future__ import annotations

import importlib.util

from nutshell import glossary
from tests.helpers import ROOT

spec = importlib.util.spec_from_file_location("claims_ledger", ROOT / "benchmarks" / "claims.py")
ledger_tool = importlib.util.module_from_spec(spec)
spec.loader.exec_module(ledger_tool)


def readme_section() -> str:
    text = (ROOT / "README.md").read_text()
    return text.split(ledger_tool.START, 1)[1].split(ledger_tool.END, 1)[0].strip()


def test_the_readme_table_is_generated_from_the_ledger():
    assert readme_section() == ledger_tool.readme_table(ledger_tool.load()), (
        "README's demo table differs from benchmarks/claims.json: run `python benchmarks/claims.py --render`"
    )


def test_the_table_has_a_row_for_every_demo():
    demos = {name for name, entry in glossary.all_entries().items() if entry.has_demo}
    rows = {line.split("|")[1].strip() for line in readme_section().splitlines()[2:]}
    assert rows == demos


def test_rows_say_held_k_of_n_and_the_worst_margin_of_each_measured_part():
    part = {
        "name": "gain",
        "kind": "measured",
        "comparison": ">=",
        "bar": 0.05,
        "min": 0.12,
        "max": 0.2,
        "held": 4,
        "of": 5,
        "worst_margin": -0.2,
        "mean": 0.15,
    }
    timing = {**part, "name": "seconds", "kind": "timing", "worst_margin": -5.0}
    fake = {
        "columns": {
            "quick": {
                "pooling": {
                    "entry": "pooling",
                    "held": 4,
                    "of": 5,
                    "parts": [part, timing],
                    "statement": "s",
                    "seeds": "0-4",
                    "wall_seconds": 1.0,
                    "device": "CPU",
                    "versions": {},
                    "date": "2026-12-02",
                }
            },
            "quick-jax": {"pooling": {"entry": "pooling", "error": "exit code 139: segfault"}},
        }
    }
    table = ledger_tool.readme_table(fake)
    row = next(line for line in table.splitlines() if line.startswith("| pooling |"))
    assert row == "| pooling | 4/5 | gain 0.12 to 0.2 (>= 0.05, -20%) | failed to run: exit code 139: segfault |"
    assert "| cnn | not measured yet | - | not measured yet |" in table
    markdown = ledger_tool.claims_markdown(fake)
    assert "worst measured margin below 5%: pooling" in markdown
    assert "| seconds | timing | >= 0.05 | 0.12 | 0.2 | 4/5 | -500% |" in markdown
