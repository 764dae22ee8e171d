"""Predict, then check: prediction questions scored against what a run measured, a quiz that
brings back what you missed, and a path through the concepts."""

from __future__ import annotations

import ast
import json
import re
from pathlib import Path

import pytest

from nutshell import glossary, learner
from nutshell import quiz as quizzes

ENTRIES = glossary.all_entries()
DEMOS = sorted(name for name, entry in ENTRIES.items() if entry.has_demo)


def flat(text: str) -> str:
    return " ".join(text.split())


def sentences(text: str) -> list[str]:
    return [s for s in re.split(r"(?<=[.!?])\s+(?=[A-Z])", flat(text)) if s]


# -- the questions ---------------------------------------------------------------------------------


@pytest.mark.parametrize("name", sorted(ENTRIES))
def test_every_question_explains_itself_from_the_entrys_own_text(name):
    entry = ENTRIES[name]
    docstring = flat(entry.docstring)
    for question in filter(None, (entry.predict, *entry.recall)):
        for sentence in sentences(question["why"]):
            assert sentence in docstring, f"{name}: 'why' is not the entry's text: {sentence!r}"
        answer = flat(question["options"].get(question.get("answer", ""), "")).casefold()
        if re.search(r"[a-z]{3}", answer):  # a worded answer (a number may recur by right, as 28 for 28)
            assert answer not in flat(question["question"]).casefold(), f"{name}: the question gives its answer"


@pytest.mark.parametrize("name", sorted(ENTRIES))
def test_every_entry_has_recall_questions(name):
    least = 2 if name in glossary.CORE else 1
    assert len(ENTRIES[name].recall) >= least, f"{name} needs {least} recall question(s)"


@pytest.mark.parametrize("name", DEMOS)
def test_every_demo_asks_a_prediction_and_computes_its_answer(name):
    entry = ENTRIES[name]
    assert entry.predict is not None, f"{name} has no PREDICT question"
    tree = ast.parse(entry.path.read_text(encoding="utf-8"))
    assert any(isinstance(node, ast.FunctionDef) and node.name == "outcome" for node in tree.body), (
        f"{name} has no outcome(claim) function computing the answer from the run"
    )


def test_a_malformed_question_is_refused_naming_the_file(tmp_path):
    bad = {"question": "Which?", "options": {"A": "x", "B": "x ", "C": "y"}, "why": "w"}
    with pytest.raises(glossary.BadDemoConfig, match="made_up.py: PREDICT has two options that say the same"):
        glossary.check_question(bad, tmp_path / "made_up.py", "PREDICT", answered=False)
    wrong = {"question": "Which?", "options": {"A": "x", "B": "y", "C": "z"}, "answer": "D", "why": "w"}
    with pytest.raises(glossary.BadDemoConfig, match="answer 'D' is not one of its options"):
        glossary.check_question(wrong, tmp_path / "made_up.py", "RECALL[0]", answered=True)


# -- the path ----------------------------------------------------------------------------------------


def test_prerequisites_name_entries_and_the_course_holds_every_entry_once():
    for entry in ENTRIES.values():
        assert set(entry.prerequisites) <= set(ENTRIES), f"{entry.name}: {entry.prerequisites}"
        assert entry.name not in entry.prerequisites
    order = [entry.name for entry in quizzes.course()]  # raises on a cycle
    assert sorted(order) == sorted(ENTRIES)
    core = [name for name in order if name in glossary.CORE]
    assert core == [name for name in glossary.CORE if name in order] or len(core) == len(glossary.CORE)


@pytest.mark.parametrize("goal", ["cnn", "lstm", "inception", "pooling"])
def test_a_path_lists_every_prerequisite_before_what_needs_it(goal):
    order = [entry.name for entry in quizzes.course(goal)]
    assert order[-1] == goal
    for position, name in enumerate(order):
        assert set(ENTRIES[name].prerequisites) <= set(order[:position]), f"{name} comes too early"


def test_a_cycle_is_reported(monkeypatch):
    from dataclasses import replace

    from nutshell.errors import UserError

    looped = dict(ENTRIES)
    looped["unit"] = replace(ENTRIES["unit"], prerequisites=("pooling",))
    looped["pooling"] = replace(ENTRIES["pooling"], prerequisites=("unit",))
    monkeypatch.setattr(glossary, "all_entries", lambda: looped)
    with pytest.raises(UserError, match="cycle among: .*pooling.*unit"):
        quizzes.course("pooling")


# -- the quiz ----------------------------------------------------------------------------------------


def test_questions_are_picked_missed_first_and_the_same_for_a_seed():
    pool = quizzes.questions([ENTRIES[name] for name in ("pooling", "convolution", "unit")])
    fresh = learner.Progress()
    assert quizzes.pick(pool, fresh, 3, seed=1) == quizzes.pick(pool, fresh, 3, seed=1)
    first = quizzes.pick(pool, fresh, 1, seed=1)[0]
    for question in pool:  # every other question answered right twice: box 3
        if question != first:
            fresh.answer(question.id, True)
            fresh.answer(question.id, True)
    fresh.answer(first.id, False)
    assert quizzes.pick(pool, fresh, 1, seed=7)[0] == first  # the missed one comes back first


def quiz_json(run_cli, *args: str, answers: str) -> dict:
    import os
    import subprocess
    import sys

    from tests.helpers import ROOT, SCRIPT

    done = subprocess.run(
        [sys.executable, str(SCRIPT), "quiz", *args, "--format", "json"],
        input=answers,
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=120,
        env={**os.environ, "NO_COLOR": "1"},
    )
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def test_the_same_seed_and_answers_ask_the_same_questions(run_cli):
    learner.reset()
    first = quiz_json(run_cli, "pooling", "-n", "2", "--seed", "1", answers="Z\nA\nA\n")
    second = quiz_json(run_cli, "pooling", "-n", "2", "--seed", "1", answers="A\nA\n")
    assert [q["id"] for q in first["asked"]] == [q["id"] for q in second["asked"]]
    assert [r["given"] for r in first["results"]] == ["A", "A"]  # "Z" was no option: asked again
    assert first["right"] == sum(r["given"] == r["answer"] for r in first["results"])


def test_a_damaged_progress_file_is_set_aside_in_one_line(run_cli):
    path = learner.Progress().path
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("{not json")
    result = run_cli("quiz", "pooling", "-n", "1", "--seed", "3")
    assert result.returncode == 0
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and "set aside" in lines[0]
    assert list(path.parent.glob("progress.damaged-*.json"))
    assert run_cli("quiz", "pooling", "--reset", "-n", "1").returncode == 0


def test_explain_and_demo_mark_the_path(run_cli):
    learner.reset()
    run_cli("explain", "convolution")
    shown = run_cli("path", "pooling").stdout
    assert re.search(r"convolution\s+\[read\]", shown) and "pooling  (after" in shown


def test_pooling_outcome_names_what_happened():
    from nutshell.glossary.pooling import outcome

    def claim(gain, fall, held=5):
        return {
            "parts": [
                {"name": "mean_consistency_gain", "mean": gain, "held": held, "of": 5},
                {"name": "consistency_fall_with_pooling", "mean": fall, "held": 5, "of": 5},
            ]
        }

    assert outcome(claim(0.15, 0.40)) == "B"
    assert outcome(claim(0.15, 0.0)) == "A"
    assert outcome(claim(-0.10, 0.40, held=0)) == "C"
    assert outcome(claim(0.01, 0.40, held=0)) == "D"
    assert outcome(claim(0.06, 0.40, held=3)) == "E"


def test_predict_then_check_on_a_real_run(tmp_path):
    import os
    import subprocess
    import sys

    from tests.helpers import ROOT, SCRIPT

    done = subprocess.run(
        [
            sys.executable,
            str(SCRIPT),
            "demo",
            "pooling",
            "--quick",
            "--epochs",
            "2",
            "--logdir",
            str(tmp_path),
            "--predict",
        ],
        input="b\n",
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=900,
        env={**os.environ, "NO_COLOR": "1"},
    )
    assert done.returncode == 0, done.stderr[-2000:]
    question_at = done.stdout.index("Before nutshell demo pooling trains, predict:")
    assert question_at < done.stdout.index("[pooling] epoch 1/2")  # asked before any training output
    (path,) = Path(tmp_path).glob("pooling/*/summary.json")
    summary = json.loads(path.read_text())
    prediction = summary["prediction"]
    assert prediction["predicted"] == "B" and prediction["measured"] == summary["outcome"]
    assert prediction["right"] == (summary["outcome"] == "B")
    assert "your prediction: You predicted B" in done.stdout
    bad = subprocess.run(
        [
            sys.executable,
            str(SCRIPT),
            "demo",
            "pooling",
            "--quick",
            "--predict",
            "Q",
            "--logdir",
            str(tmp_path / "bad"),
        ],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=120,
    )
    assert bad.returncode == 2 and "answer with one of A, B, C, D, E" in bad.stderr
    assert not (tmp_path / "bad").exists() or not any((tmp_path / "bad").iterdir())


def test_the_quiz_ships_what_each_entry_computes_from_its_recorded_runs():
    """data/outcomes.json (the quiz's answers) agrees with each entry's outcome(claim) applied to the
    ledger's recorded claim, and names one of the question's options."""
    import importlib

    from tests.helpers import ROOT

    ledger = json.loads((ROOT / "benchmarks" / "claims.json").read_text())["columns"]["quick"]
    shipped = quizzes.shipped_outcomes()
    assert shipped, "no outcomes shipped: run `make claims`"
    for name, answer in shipped.items():
        entry = ENTRIES[name]
        assert answer["outcome"] in entry.predict["options"]
        row = ledger[name]
        if "numbers" in row:  # rows recorded since the ledger kept every number
            module = importlib.import_module(entry.module)
            claim = {key: row[key] for key in ("parts", "numbers", "held", "of")}
            assert module.outcome(claim) == answer["outcome"], name
