"""Questions without training: the demos' prediction questions, answered from the outcomes the
project ships, and each entry's recall questions; and the course, the reading order that
prerequisites give.

A prediction question's right answer is never written down by hand: the entry's `outcome(claim)`
computes it from a run, and `make claims` records what it computed over seeds 0-4 in
nutshell/data/outcomes.json, which this reads. Keras-free.
"""

from __future__ import annotations

import heapq
import json
import random
from dataclasses import dataclass
from importlib import resources

from nutshell import glossary
from nutshell.errors import UserError
from nutshell.learner import Progress


@dataclass(frozen=True)
class Question:
    id: str  # "<entry>:predict" or "<entry>:recall-<n>"
    entry: str
    kind: str  # "predict" (what a demo measured) or "recall" (what the entry says)
    text: str
    options: dict[str, str]
    answer: str
    why: str
    measured: str = ""  # for a prediction: how the outcome was measured

    def as_dict(self) -> dict:
        return {
            "id": self.id,
            "entry": self.entry,
            "kind": self.kind,
            "question": self.text,
            "options": self.options,
            "answer": self.answer,
            "why": self.why,
            "measured": self.measured,
        }


ASK = "ask"  # `--predict` with no letter: ask on the terminal (or read standard input)


def prediction(entry: glossary.Entry, given: str) -> str:
    """The learner's answer to `entry`'s prediction question: `given` itself (a letter), or, for
    ASK, the question shown and one line read from standard input. UserError if it is no option."""
    import sys

    from nutshell import render

    if entry.predict is None:
        raise UserError(f"{entry.name} has no prediction question; try 'nutshell quiz {entry.name}'")
    options = entry.predict["options"]
    if given == ASK:
        render.prediction_question(entry.predict, entry.name)
        print(f"Your prediction ({', '.join(options)}): ", end="", flush=True)
        given = sys.stdin.readline().strip()
    answer = given.strip().upper()
    if answer not in options:
        raise UserError(f"answer with one of {', '.join(options)}, not '{render.one_line(given)}'")
    return answer


def shipped_outcomes() -> dict[str, dict]:
    """entry -> {"outcome", "held", "of", "seeds", "mode"}, as `make claims` recorded them."""
    try:
        text = resources.files("nutshell.data").joinpath("outcomes.json").read_text(encoding="utf-8")
        return json.loads(text)
    except (FileNotFoundError, ValueError):
        return {}


def questions(entries: list[glossary.Entry]) -> list[Question]:
    """Every question about `entries`: a prediction where an outcome was recorded, and recall."""
    outcomes = shipped_outcomes()
    found = []
    for entry in entries:
        recorded = outcomes.get(entry.name)
        if entry.predict and recorded and recorded.get("outcome") in entry.predict["options"]:
            found.append(
                Question(
                    f"{entry.name}:predict",
                    entry.name,
                    "predict",
                    entry.predict["question"],
                    entry.predict["options"],
                    recorded["outcome"],
                    entry.predict["why"],
                    f"measured by `nutshell demo {entry.name} --quick` on seeds {recorded['seeds']}",
                )
            )
        found += [
            Question(
                f"{entry.name}:recall-{i}", entry.name, "recall", q["question"], q["options"], q["answer"], q["why"]
            )
            for i, q in enumerate(entry.recall, start=1)
        ]
    return found


def pick(pool: list[Question], progress: Progress, count: int, seed: int) -> list[Question]:
    """`count` questions: a shuffle fixed by `seed`, then the lowest Leitner boxes first (what was
    missed or never asked comes before what was answered right)."""
    order = list(pool)
    random.Random(seed).shuffle(order)
    order.sort(key=lambda q: progress.box(q.id))  # stable: the shuffle decides within a box
    return order[:count]


def course(goal: str | None = None) -> list[glossary.Entry]:
    """The reading order: every entry after its prerequisites (all of them, or those leading to
    `goal`). Among entries ready at the same time the core entries come first, in their own order,
    so they form the main line."""
    entries = glossary.all_entries()
    wanted = set(entries)
    if goal is not None:
        wanted, stack = set(), [goal]
        while stack:
            name = stack.pop()
            if name not in wanted:
                wanted.add(name)
                stack += entries[name].prerequisites
    waiting = {name: {p for p in entries[name].prerequisites if p in wanted} for name in wanted}
    rank = {name: (glossary.CORE.index(name) if name in glossary.CORE else len(glossary.CORE), name) for name in wanted}
    ready = [rank[name] for name, before in waiting.items() if not before]
    heapq.heapify(ready)
    order: list[str] = []
    while ready:
        _, name = heapq.heappop(ready)
        order.append(name)
        for other, before in waiting.items():
            if name in before:
                before.discard(name)
                if not before:
                    heapq.heappush(ready, rank[other])
    if len(order) != len(wanted):
        stuck = sorted(set(wanted) - set(order))
        raise UserError(f"the prerequisites form a cycle among: {', '.join(stuck)}")
    return [entries[name] for name in order]
