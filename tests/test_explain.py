"""The read-only commands: explain, list, search, code, and the errors they give."""

from __future__ import annotations

import json
import re

import pytest
from typer.testing import CliRunner

from nutshell import app as cli_app
from nutshell import glossary, render

ANSI = re.compile(r"\x1b\[")
runner = CliRunner()
NAMES = sorted(glossary.all_entries())


def invoke(*args: str):
    return runner.invoke(cli_app.app, list(args))


@pytest.mark.parametrize("name", NAMES)
def test_every_entry_renders_in_every_format(name, monkeypatch):
    entry = glossary.all_entries()[name]
    text = invoke("explain", name)
    assert text.exit_code == 0 and entry.title in text.stdout and "## See also" in text.stdout
    brief = invoke("explain", name, "--brief")
    assert brief.exit_code == 0 and brief.stdout.strip() == entry.summary
    data = json.loads(invoke("explain", name, "--format", "json").stdout)
    assert set(data) >= {"name", "aliases", "summary", "explanation", "related", "sources"}
    assert data["name"] == name and data["related"] == list(entry.related)
    # And the rich (terminal) rendering, which CliRunner's pipe would otherwise never reach.
    monkeypatch.setattr(render, "plain", lambda stream=None: False)
    rich = invoke("explain", name)
    assert rich.exit_code == 0 and entry.title in rich.stdout


def test_piped_output_has_no_ansi_codes(run_cli):
    for args in (["explain", "pooling"], ["list"], ["search", "pooling"], ["explain", "lstm", "-b"]):
        result = run_cli(*args, env={"NO_COLOR": ""})  # piped, and NO_COLOR unset
        assert result.returncode == 0, result.stderr
        assert not ANSI.search(result.stdout), args


def test_list_shows_every_entry_and_its_demo_flag():
    result = invoke("list")
    assert result.exit_code == 0
    for entry in glossary.all_entries().values():
        line = next(row for row in result.stdout.splitlines() if row.split()[0] == entry.name)
        assert ("demo" in line.split()[1]) == entry.has_demo


@pytest.mark.parametrize(
    "query, best",
    [
        ("max pooling", "pooling"),
        ("forget gate", "lstm"),
        ("googlenet", "inception"),
        ("constant error carousel", "lstm"),
        ("1x1", "pointwise-convolution"),
        ("half-wave rectifier", "relu"),
    ],
)
def test_search_ranks_the_obvious_entry_first(query, best):
    hits = glossary.search(query)
    assert hits[0].entry.name == best, [h.entry.name for h in hits[:5]]
    result = invoke("search", *query.split())
    assert result.exit_code == 0 and result.stdout.split()[0] == best


def test_search_snippet_shows_the_match():
    hit = glossary.search("translation")[0]
    assert "translation" in hit.snippet.lower() and len(hit.snippet) < 140


def test_search_with_no_match_is_a_clean_error():
    result = invoke("search", "qqqzzzxxx")
    assert result.exit_code == 2


def test_code_for_an_explanation_only_entry_says_so(run_cli):
    result = run_cli("code", "history")
    assert result.returncode == 1 and "explanation-only" in result.stderr
    assert "Traceback" not in result.stderr


def test_completion_offers_entry_names():
    assert cli_app.complete_term("pool") == ["pooling"]
    assert "lstm" in cli_app.complete_term("")


@pytest.mark.parametrize(
    "term",
    [
        "poolng",
        "",
        "x" * 5000,
        "ñandú 🤖",
        "../../etc/passwd",
        "--",
        "a\nb",
        "NUL\x01char",
    ],
)
def test_unknown_terms_give_one_line_and_exit_2(run_cli, term):
    result = run_cli("explain", "--", term)
    assert result.returncode == 2
    assert result.stdout == ""
    assert len(result.stderr.strip().splitlines()) == 1, result.stderr
    assert "Traceback" not in result.stderr and result.stderr.startswith("nutshell: No entry")


def test_typo_gets_a_suggestion(run_cli):
    result = run_cli("explain", "poolng")
    assert result.stderr.strip() == "nutshell: No entry 'poolng'. Did you mean: pooling?"


def test_bad_option_is_one_line_exit_2(run_cli):
    result = run_cli("explain", "pooling", "--format", "xml")
    assert result.returncode == 2 and len(result.stderr.strip().splitlines()) == 1
