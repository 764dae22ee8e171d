"""Output for people and for pipes: rich on a terminal, plain text when piped or NO_COLOR is set.

One module decides how things look, so every command prints the same way. Plain mode writes no
ANSI codes at all (not even bold), which is what `grep`, `less` and scripts want.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

if TYPE_CHECKING:
    from rich.console import Console

    from nutshell.glossary import Entry, Hit
    from nutshell.learner import Progress
    from nutshell.quiz import Question
    from nutshell.settings import Settings


def plain(stream: TextIO | None = None) -> bool:
    """True when output should carry no styling: piped, NO_COLOR set, or a dumb terminal."""
    stream = stream or sys.stdout
    if os.environ.get("NO_COLOR"):
        return True
    if os.environ.get("TERM") == "dumb":
        return True
    return not (hasattr(stream, "isatty") and stream.isatty())


def console(stderr: bool = False) -> Console:
    from rich.console import Console

    return Console(stderr=stderr, highlight=False)


def one_line(text: str, limit: int = 60) -> str:
    """`text` made safe for a one-line message: control characters dropped, length capped."""
    text = "".join(ch if ch.isprintable() else " " for ch in text).strip()
    return text if len(text) <= limit else text[: limit - 1] + "…"


def error(message: str) -> None:
    """One line on stderr, the only thing a user error prints."""
    print(f"nutshell: {message}", file=sys.stderr)


def entry(item: Entry, brief: bool = False, fmt: str = "text") -> None:
    if fmt == "json":
        print(json.dumps(entry_as_dict(item), ensure_ascii=False, indent=2))
        return
    if brief:
        text = item.summary
        print(text) if plain() else console().print(f"[bold]{item.title}[/bold]: {text}")
        return
    aliases = ", ".join(item.aliases)
    if plain():
        print(item.title)
        print("=" * len(item.title))
        if aliases:
            print(f"Also called: {aliases}")
        print()
        print(item.explanation)
        if item.has_demo:
            print(f"\nTry it: nutshell demo {item.name}   |   nutshell code {item.name}")
        return
    from rich.markdown import Markdown
    from rich.rule import Rule

    out = console()
    out.print(Rule(f"[bold]{item.title}[/bold]", align="left"))
    if aliases:
        out.print(f"[dim]Also called: {aliases}[/dim]\n")
    out.print(Markdown(item.explanation))
    if item.has_demo:
        out.print(f"\n[bold]Try it:[/bold] nutshell demo {item.name}   [dim]|[/dim]   nutshell code {item.name}")


def entry_as_dict(item: Entry) -> dict:
    return {
        "name": item.name,
        "title": item.title,
        "aliases": list(item.aliases),
        "summary": item.summary,
        "explanation": item.explanation,
        "related": list(item.related),
        "sources": list(item.sources),
        "has_demo": item.has_demo,
    }


def entry_table(items: list[Entry]) -> None:
    """Every entry: whether it has a demo, and whether that demo takes your own images (--data)."""
    if plain():
        width = max(len(item.name) for item in items)
        for item in items:
            demo = ("demo --data" if item.takes_images else "demo") if item.has_demo else "-"
            print(f"{item.name:<{width}}  {demo:<11}  {item.summary}")
        return
    from rich.table import Table

    table = Table(show_lines=False, header_style="bold")
    table.add_column("entry", style="cyan", no_wrap=True)
    table.add_column("demo", justify="center")
    table.add_column("--data", justify="center")
    table.add_column("summary")
    for item in items:
        table.add_row(item.name, "✓" if item.has_demo else "", "✓" if item.takes_images else "", item.summary)
    console().print(table)


def hits(results: list[Hit], query: str) -> None:
    if plain():
        for hit in results:
            print(f"{hit.entry.name}  ({hit.score:g})")
            print(f"    {hit.snippet}")
        return
    from rich.text import Text

    out = console()
    words = [w for w in query.split() if w]
    for hit in results:
        out.print(f"[bold cyan]{hit.entry.name}[/bold cyan] [dim]({hit.score:g})[/dim]")
        snippet = Text("    " + hit.snippet)
        snippet.highlight_words(words, style="bold yellow", case_sensitive=False)
        out.print(snippet)


def code(item: Entry, source: str) -> None:
    header = f"# {item.path.parent.name}/{item.path.name}: the Keras implementation of {item.name}"
    if plain():
        print(header)
        print(source, end="")
        return
    from rich.syntax import Syntax

    out = console()
    out.print(f"[dim]{header}[/dim]")
    out.print(Syntax(source, "python", theme="monokai", line_numbers=False, word_wrap=False))


def _headline_metrics(metrics: dict, limit: int = 3) -> str:
    preferred = [k for k in metrics if k.startswith("test_")] + [k for k in metrics if k.startswith("val_")]
    keys = (preferred or list(metrics))[:limit]
    return "  ".join(f"{k} {metrics[k]:.4f}" for k in keys)


def run_table(runs: list[dict]) -> None:
    rows = []
    for run in runs:
        claim = run.get("claim")
        if run.get("status") != "finished":
            verdict = "unfinished"
        else:
            verdict = "holds" if claim and claim["verdict"] else "does not hold"
        rows.append((run["entry"], run["started"], _headline_metrics(run.get("metrics", {})), verdict, run["run_dir"]))
    if plain():
        for row in rows:
            print("  ".join(row))
        return
    from rich.table import Table

    table = Table(header_style="bold")
    for column in ("entry", "started", "final metrics", "claim", "run"):
        table.add_column(column)
    for row in rows:
        style = {"holds": "green", "does not hold": "red"}.get(row[3], "yellow")
        table.add_row(row[0], row[1], row[2], f"[{style}]{row[3]}[/{style}]", row[4])
    console().print(table)


# -- demos ------------------------------------------------------------------------------------------


def say(message: str) -> None:
    """A line of commentary for the person watching a demo."""
    if plain():
        print(message, flush=True)
    else:
        console().print(f"[dim]›[/dim] {message}")


def demo_header(entry_name: str, settings: Settings, device: str, distribution: dict | None = None) -> None:
    """The settings a demo trains with; under --strategy also the replicas and the global batch
    and learning rate they lead to (`distribution`: Distribution.describe's dict)."""
    s = settings
    mode = " (quick)" if s.quick else ""
    say(
        f"nutshell demo {entry_name}{mode}: training on {device}; epochs {s.epochs}, "
        f"batch {s.batch_size}, learning rate {s.learning_rate:g}, seed {s.seed}, "
        f"precision {s.precision}, jit {'on' if s.jit else 'off'}"
    )
    if distribution and distribution["strategy"] != "none":
        d = distribution
        say(
            f"--strategy {d['strategy']}: {d['replicas']} replicas split the batch of "
            f"{d['global_batch_size']} ({d['per_replica_batch_size']:g} each); learning rate "
            f"{d['learning_rate']:g} as given."
        )


def number(value: float) -> str:
    """Counts read as counts (128,049,152), measurements keep four significant digits."""
    if float(value).is_integer() and 1000 <= abs(value) < 1e12:  # beyond, a count is a magnitude
        return f"{value:,.0f}"
    return f"{value:.4g}"


def verdict_words(claim: dict) -> str:
    """'holds', 'does NOT hold', or, over several seeds, 'held on k of N seeds' said plainly."""
    if claim["of"] == 1:
        return "holds" if claim["verdict"] else "does NOT hold"
    if claim["held"] == claim["of"]:
        return f"holds: held on all {claim['of']} seeds"
    if claim["held"] == 0:
        return f"does NOT hold: held on 0 of {claim['of']} seeds"
    return f"holds on some seeds only: held on {claim['held']} of {claim['of']} seeds"


def anchor_line(claim: dict) -> str:
    anchor = claim["anchor"]
    return (
        f"{anchor['source']}: {anchor['published']}; ours ({anchor['ours']}): "
        f"{number(anchor['ours_value'])}. {anchor['note']}"
    )


def markdown_table(header: list[str], rows: list[list[object]], align: str = "") -> str:
    """A Markdown table; numbers are formatted with `number`. `align` is one of l/r per column
    (default: the first column left, the rest right)."""
    align = align or "l" + "r" * (len(header) - 1)
    cell = lambda value: (
        number(value) if isinstance(value, (int, float)) and not isinstance(value, bool) else str(value)
    )
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join("---:" if a == "r" else "---" for a in align) + "|"]
    lines += ["| " + " | ".join(cell(value) for value in row) + " |" for row in rows]
    return "\n".join(lines)


def margin(value: float) -> str:
    return f"{value:+.0%}" if abs(value) < 100 else f"{value:+.3g}"


def part_line(part: dict) -> str:
    """One part of a claim on one line: name, value vs bar, held k of N, worst margin, kind."""
    kind = "" if part["kind"] == "measured" else f" [{part['kind']}: does not vote]"
    spread = f" (min {number(part['min'])}, max {number(part['max'])})" if part["of"] > 1 else ""
    held = f"held {part['held']}/{part['of']}" if part["of"] > 1 else ("held" if part["held"] else "FAILED")
    return (
        f"{part['name']} = {number(part['mean'])}{spread} {part['comparison']} {number(part['bar'])}: "
        f"{held}, worst margin {margin(part['worst_margin'])}{kind}"
    )


def verdict_card(claim: dict, repeats: list[dict]) -> str:
    """The claim as one Markdown card for TensorBoard's TEXT dashboard: verdict, each part (value,
    bar, held, margin), the other numbers per seed with mean / min / max, and the published figure
    it is compared with."""
    seeds = [r["seed"] for r in repeats]
    lines = [f"**Claim.** {claim['statement']}", "", f"**Verdict:** {verdict_words(claim)}.", ""]
    many = len(seeds) > 1
    header = ["part", "kind", "rule", *(f"seed {s}" for s in seeds)] + (["held"] if many else []) + ["worst margin"]
    rows = []
    for part in claim["parts"]:
        values = [next((p["value"] for p in r["parts"] if p["name"] == part["name"]), "") for r in repeats]
        rows.append(
            [part["name"], part["kind"], f"{part['comparison']} {number(part['bar'])}", *values]
            + ([f"{part['held']}/{part['of']}"] if many else [])
            + [margin(part["worst_margin"])]
        )
    lines += [markdown_table(header, rows, "lll" + "r" * (len(header) - 3)), ""]
    named = {part["name"] for part in claim["parts"]}
    context = {key: stats for key, stats in claim["stats"].items() if key not in named}
    if context:
        header = ["number", *(f"seed {s}" for s in seeds)] + (["mean", "min", "max"] if many else [])
        rows = [
            [key, *(r["numbers"].get(key, "") for r in repeats)]
            + ([stats["mean"], stats["min"], stats["max"]] if many else [])
            for key, stats in context.items()
        ]
        lines += [markdown_table(header, rows)]
    if claim.get("anchor"):
        lines += ["", f"**Published figure.** {anchor_line(claim)}"]
    if claim.get("data"):
        lines += ["", f"**Your data.** {data_line(claim['data'])}"]
    if claim.get("prediction"):
        lines += ["", f"**Your prediction.** {prediction_line(claim['prediction'])}"]
    return "\n".join(lines)


def prediction_line(p: dict) -> str:
    """What the learner predicted, what was measured over the seeds, and whether they were right."""
    verdict = "You were right." if p["right"] else "You were wrong."
    return (
        f"You predicted {p['predicted']} ({p['predicted_text']}); measured: {p['measured']} "
        f"({p['measured_text']}), over {p['of']} seed{'s' if p['of'] > 1 else ''}. {verdict} "
        f"Why: {p['why']}"
    )


def prediction_question(question: dict, entry_name: str) -> None:
    """The question asked before a demo trains: no number of the claim is shown."""
    lines = [f"Before nutshell demo {entry_name} trains, predict: {question['question']}"]
    lines += [f"  {key}) {text}" for key, text in question["options"].items()]
    if plain():
        print("\n".join(lines), flush=True)
    else:
        console().print("\n".join(escape_markup(line) for line in lines))


def escape_markup(text: str) -> str:
    from rich.markup import escape

    return escape(text)


def data_line(data: dict) -> str:
    """What the user's own data was, and what that means for any published figure."""
    return (
        f"{data['source']} (sha256 {data['sha256'][:12]}…): {len(data['classes'])} classes, "
        f"{data['train']:,} training and {data['test']:,} test images of "
        f"{'x'.join(str(n) for n in data['image_size'][:2])}. The demo's bars were chosen on the "
        "bundled data, and any published figure was measured on other data."
    )


def _context(claim: dict) -> dict[str, float]:
    """The claim's numbers that are not parts: shown for context, deciding nothing."""
    named = {part["name"] for part in claim["parts"]}
    return {key: value for key, value in claim["numbers"].items() if key not in named}


def demo_summary(summary: dict) -> None:
    claim = summary["claim"]
    board = f"nutshell board --logdir {Path(summary['run_dir']).parent.parent}"
    spread = lambda key: (
        f"  (min {number(claim['stats'][key]['min'])}, max {number(claim['stats'][key]['max'])})"
        if claim["of"] > 1
        else ""
    )
    if plain():
        print("\nResult")
        for key, value in summary["metrics"].items():
            print(f"  {key}: {value:.4f}")
        if claim:
            print(f"  claim: {claim['statement']}")
            print(f"  verdict: {verdict_words(claim)}")
            for part in claim["parts"]:
                print(f"    {part_line(part)}")
            for key, value in _context(claim).items():
                print(f"    {key}: {number(value)}{spread(key)}")
            if claim.get("anchor"):
                print(f"  published: {anchor_line(claim)}")
            if claim.get("data"):
                print(f"  your data: {data_line(claim['data'])}")
            if claim.get("prediction"):
                print(f"  your prediction: {prediction_line(claim['prediction'])}")
        print(f"  run: {summary['run_dir']}  ({summary['wall_seconds']:.1f} s on {summary['device']})")
        print(f"  browse: {board}")
        return
    from rich.table import Table

    table = Table(title=f"nutshell demo {summary['entry']}", show_header=False, title_justify="left")
    table.add_column(style="bold")
    table.add_column()
    for key, value in summary["metrics"].items():
        table.add_row(key, f"{value:.4f}")
    if claim:
        colour = "green" if claim["verdict"] else ("yellow" if claim["held"] else "red")
        table.add_row("claim", claim["statement"])
        table.add_row("verdict", f"[{colour}]{verdict_words(claim)}[/{colour}]")
        from rich.markup import escape

        table.add_row("parts", "\n".join(escape(part_line(part)) for part in claim["parts"]))
        if _context(claim):
            table.add_row("numbers", "\n".join(f"{k} = {number(v)}{spread(k)}" for k, v in _context(claim).items()))
        if claim.get("anchor"):
            table.add_row("published", anchor_line(claim))
        if claim.get("data"):
            table.add_row("your data", escape(data_line(claim["data"])))
        if claim.get("prediction"):
            right = claim["prediction"]["right"]
            table.add_row(
                "your prediction", f"[{'green' if right else 'red'}]{escape(prediction_line(claim['prediction']))}[/]"
            )
    table.add_row("run", summary["run_dir"])
    table.add_row("time", f"{summary['wall_seconds']:.1f} s on {summary['device']}")
    table.add_row("browse", board)
    console().print(table)


def quiz_question(number: int, total: int, question: Question) -> None:
    kind = "What did the demo measure?" if question.kind == "predict" else "From the entry"
    lines = [f"\n[{number}/{total}] {question.entry}: {kind}", question.text]
    lines += [f"  {key}) {text}" for key, text in question.options.items()]
    print("\n".join(lines))
    print(f"Your answer ({', '.join(question.options)}; empty to stop): ", end="", flush=True)


def quiz_feedback(question: Question, given: str, right: bool) -> None:
    said = "right" if right else f"wrong: the answer is {question.answer}) {question.options[question.answer]}"
    if question.measured:
        said += f" ({question.measured})"
    print(f"\n  {said}.\n  Why: {question.why}")


def quiz_summary(seed: int, results: list[dict], asked: list[Question], fmt: str) -> None:
    score = sum(result["right"] for result in results)
    if fmt == "json":
        print(
            json.dumps(
                {
                    "seed": seed,
                    "asked": [q.as_dict() for q in asked],
                    "results": results,
                    "right": score,
                    "answered": len(results),
                },
                ensure_ascii=False,
                indent=2,
            )
        )
        return
    missed = [r["id"] for r in results if not r["right"]]
    print(
        f"\n{score} of {len(results)} right (seed {seed}: 'nutshell quiz --seed {seed}' asks the same)."
        + (f" Missed questions come back first next time: {', '.join(missed)}." if missed else "")
    )


def course(entries: list[Entry], progress: Progress, goal: str | None) -> None:
    """The reading order, one entry a line: core entries on the main line, side entries indented;
    each marked with what the learner has done (read, ran, answered right)."""
    from nutshell import glossary

    title = f"The path to {goal}" if goal else "The whole course"
    print(f"{title} ({len(entries)} entries; core entries on the main line):")
    for number, item in enumerate(entries, start=1):
        done = [
            mark
            for mark, did in (
                ("read", item.name in progress.read),
                ("ran", item.name in progress.ran),
                ("answered", progress.knows(item.name)),
            )
            if did
        ]
        core = item.name in glossary.CORE
        lead = f"{number:>3}. " + ("" if core else "   ")
        marks = f"  [{', '.join(done)}]" if done else ""
        after = f"  (after {', '.join(item.prerequisites)})" if item.prerequisites else ""
        print(f"{lead}{item.name}{marks}{after}")
