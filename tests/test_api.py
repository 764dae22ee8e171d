"""The Python API (nutshell.explain, nutshell.demo): the CLI's code path, objects that render in
Jupyter, and errors raised (never sys.exit) with the CLI's one-line messages."""

from __future__ import annotations

import pytest

import nutshell
from nutshell.api import DemoResult, verdict_html
from nutshell.errors import UnknownTerm, UserError


def test_explain_returns_the_entry_as_markdown():
    entry = nutshell.explain("Max-Pooling")
    assert entry.name == "pooling" and "max pooling" in entry.aliases
    markdown = entry._repr_markdown_()
    assert markdown.startswith("# Pooling") and "## Intuition" in markdown
    assert "convolution" in entry.related and entry.has_demo


def test_an_unknown_term_raises_with_the_clis_message(run_cli):
    with pytest.raises(UnknownTerm) as info:
        nutshell.explain("poolng")
    assert str(info.value) == "No entry 'poolng'. Did you mean: pooling?"
    assert run_cli("explain", "poolng").stderr.strip() == f"nutshell: {info.value}"


@pytest.mark.parametrize(
    "options, message",
    [
        ({"epochs": 0}, "--epochs must be at least 1"),
        ({"bogus": 1}, "unknown option bogus"),
        ({"data": "/no/such/folder"}, "no such file or folder"),
    ],
)
def test_bad_demo_options_raise_user_errors(options, message, tmp_path):
    with pytest.raises(UserError, match=message):
        nutshell.demo("pooling", logdir=tmp_path, **options)
    assert not list(tmp_path.glob("pooling/*"))


def test_a_demo_returns_its_result_and_renders_the_card(tmp_path, capsys):
    result = nutshell.demo("unit", quick=True, repeats=2, logdir=tmp_path, verbose=False)
    assert capsys.readouterr().out == ""  # verbose=False: nothing printed while it trains
    assert isinstance(result, DemoResult) and result.of == 2 and result.held <= 2
    assert result.verdict == (result.held == 2) and result.parts
    assert result.run_dir.parent.parent == tmp_path and (result.run_dir / "summary.json").exists()
    html = result._repr_html_()
    assert "Verdict:" in html and all(part["name"] in html for part in result.parts)
    assert result.model.count_params() == 3  # the unit's two weights and bias, from model.keras


def test_the_html_card_escapes_what_it_shows():
    summary = {
        "entry": "x",
        "run_dir": "runs/x/1",
        "wall_seconds": 1.0,
        "device": "CPU",
        "claim": {
            "statement": "a <b> claim",
            "verdict": False,
            "held": 0,
            "of": 1,
            "parts": [
                {
                    "name": "p<1>",
                    "kind": "measured",
                    "comparison": ">=",
                    "bar": 1.0,
                    "mean": 0.5,
                    "min": 0.5,
                    "max": 0.5,
                    "held": 0,
                    "of": 1,
                    "worst_margin": -0.5,
                }
            ],
        },
    }
    html = verdict_html(summary)
    assert "a &lt;b&gt; claim" in html and "p&lt;1&gt;" in html and "does NOT hold" in html
