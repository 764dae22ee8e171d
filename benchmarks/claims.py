"""The claims ledger: every demo's claim measured over several seeds, and how close each part came.

    python benchmarks/claims.py                     # every demo, --quick, seeds 0-4
    python benchmarks/claims.py pooling cnn         # just these (the other rows are kept)
    python benchmarks/claims.py --mode full --seeds 3 pooling
    KERAS_BACKEND=jax python benchmarks/claims.py   # a second column, for another backend
    python benchmarks/claims.py --render            # rewrite CLAIMS.md and README's table only
    python benchmarks/claims.py --from-runs runs/   # rows from runs already made the ledger's way

Each demo runs as a user would run it (`nutshell demo ENTRY [--quick] --repeats N`, in a process of
its own) and its summary.json gives the verdict held on k of N seeds and, per part, how often it held
and its worst margin over the seeds. The rows go to benchmarks/claims.json (merged: a run over a few
entries keeps the others' rows), benchmarks/CLAIMS.md, data/outcomes.json (each demo's measured
answer to its prediction question, which `nutshell quiz` ships), and the demo table in README.md between its
`claims` markers, so no number in that table is typed by hand (tests/test_claims_ledger.py checks).
Timing parts are marked: they depend on how busy the machine is and are not part of the
bit-identical promise.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
LEDGER = ROOT / "benchmarks" / "claims.json"
CLAIMS_MD = ROOT / "benchmarks" / "CLAIMS.md"
OUTCOMES = ROOT / "data" / "outcomes.json"  # package data: the quiz's answers to prediction questions
README = ROOT / "README.md"
START, END = "<!-- claims:start -->", "<!-- claims:end -->"
TARGET_MARGIN = 0.05  # the margin every measured part should keep on its worst seed


def demo_entries() -> list[str]:
    sys.path.insert(0, str(ROOT))
    from nutshell import glossary

    return sorted(name for name, entry in glossary.all_entries().items() if entry.has_demo)


def column(mode: str, backend: str) -> str:
    return mode if backend == "tensorflow" else f"{mode}-{backend}"


def measure(entry: str, mode: str, seeds: int, first_seed: int, timeout: float) -> dict:
    """One demo over `seeds` seeds in a process of its own; the ledger row for it."""
    script = Path(sys.executable).with_name("nutshell")
    with tempfile.TemporaryDirectory(prefix="nutshell-claims-") as logdir:
        args = [
            sys.executable,
            str(script),
            "demo",
            entry,
            "--seed",
            str(first_seed),
            "--repeats",
            str(seeds),
            "--logdir",
            logdir,
            *(["--quick"] if mode == "quick" else []),
        ]
        started = time.perf_counter()
        try:
            done = subprocess.run(
                args,
                capture_output=True,
                text=True,
                timeout=timeout,
                env={**os.environ, "NO_COLOR": "1", "TF_CPP_MIN_LOG_LEVEL": "3"},
            )
        except subprocess.TimeoutExpired:
            return {"entry": entry, "error": f"did not finish within {timeout:.0f} s"}
        wall = time.perf_counter() - started
        summaries = list(Path(logdir).glob(f"{entry}/*/summary.json"))
        if done.returncode != 0 or not summaries:
            last = (done.stderr.strip().splitlines() or ["no output"])[-1]
            return {"entry": entry, "error": f"exit code {done.returncode}: {last[:300]}"}
        summary = json.loads(summaries[0].read_text())
    return row_from_summary(summary, wall)


def row_from_summary(summary: dict, wall: float | None = None) -> dict:
    """A ledger row from a finished run's summary.json."""
    claim = summary["claim"]
    return {
        "entry": summary["entry"],
        "statement": claim["statement"],
        "held": claim["held"],
        "of": claim["of"],
        "verdict": claim["verdict"],
        "numbers": claim["numbers"],
        "outcome": summary.get("outcome"),
        "seeds": f"{summary['hparams']['seed']}-{summary['hparams']['seed'] + claim['of'] - 1}",
        "parts": claim["parts"],
        "wall_seconds": round(wall or summary["wall_seconds"], 1),
        "device": summary["device"],
        "versions": summary["versions"],
        "date": summary.get("finished_at", dt.date.today().isoformat())[:10],
    }


def ingest(folders: list[Path], mode: str, seeds: int) -> dict[str, dict]:
    """Rows from runs already made exactly as the ledger makes them (`nutshell demo ENTRY
    [--quick] --seed 0 --repeats N` with the entry's defaults), the newest per entry: the demos'
    own authors run that as their last check, and the same run need not be paid for twice."""
    defaults = {
        "seed": 0,
        "repeats": seeds,
        "quick": mode == "quick",
        "held_out": False,
        "data": "",
        "strategy": "none",
        "precision": "float32",
    }
    found: dict[str, tuple[str, dict]] = {}
    for folder in folders:
        for path in folder.glob("*/*/summary.json"):
            summary = json.loads(path.read_text())
            hparams = summary.get("hparams", {})
            if summary.get("claim") is None or any(hparams.get(k, v) != v for k, v in defaults.items()):
                continue
            from nutshell import glossary

            config = glossary.lookup(summary["entry"]).demo_config
            overrides = config.get("quick", {}) if mode == "quick" else {}
            expected = {key: overrides.get(key, config[key]) for key in ("epochs", "batch_size", "learning_rate")}
            expected["dataset"] = config.get("datasets", ("synthetic",))[0]
            if any(hparams.get(key) != value for key, value in expected.items()):
                continue  # not the entry's default settings
            stamp = summary.get("finished_at", "")
            if summary["entry"] not in found or stamp > found[summary["entry"]][0]:
                found[summary["entry"]] = (stamp, summary)
    return {entry: row_from_summary(summary) for entry, (_, summary) in found.items()}


def load() -> dict:
    return json.loads(LEDGER.read_text()) if LEDGER.exists() else {"columns": {}}


def worst_measured(row: dict) -> dict | None:
    measured = [part for part in row.get("parts", []) if part["kind"] == "measured"]
    return min(measured, key=lambda part: part["worst_margin"]) if measured else None


def number(value: float) -> str:
    if float(value).is_integer() and 1000 <= abs(value) < 1e12:  # beyond, a count is a magnitude
        return f"{value:,.0f}"
    return f"{value:.3g}"


def spread(part: dict) -> str:
    low, high = number(part["min"]), number(part["max"])
    return low if low == high else f"{low} to {high}"


def margin(value: float) -> str:
    return f"{value:+.0%}" if abs(value) < 100 else f"{value:+.3g}"


def held_cell(row: dict | None) -> str:
    if row is None:
        return "not measured yet"
    if "error" in row:
        return f"failed to run: {row['error']}"
    return f"{row['held']}/{row['of']}"


def readme_table(ledger: dict) -> str:
    """The README's demo table: every demo, held k of N in quick mode, and each measured part's range
    over the seeds against its bar, with the worst margin. Generated, never typed."""
    rows = ledger["columns"].get("quick", {})
    extra = sorted(name for name in ledger["columns"] if name != "quick")
    lines = [
        "| entry | held (quick, seeds 0-4) | measured parts: range over seeds, rule, worst margin |"
        + "".join(f" held ({name}) |" for name in extra),
        "| --- | --- | --- |" + " --- |" * len(extra),
    ]
    for entry in demo_entries():
        row = rows.get(entry)
        parts = (
            "; ".join(
                f"{part['name']} {spread(part)} ({part['comparison']} {number(part['bar'])}, "
                f"{margin(part['worst_margin'])})"
                for part in (row or {}).get("parts", [])
                if part["kind"] == "measured"
            )
            or "-"
        )
        others = "".join(f" {held_cell(ledger['columns'][name].get(entry))} |" for name in extra)
        lines.append(f"| {entry} | {held_cell(row)} | {parts} |{others}")
    return "\n".join(lines)


def claims_markdown(ledger: dict) -> str:
    """benchmarks/CLAIMS.md: per column, each demo's claim and every part, kind included."""
    out = [
        "# Claims ledger",
        "",
        "Generated by `make claims` (benchmarks/claims.py) from benchmarks/claims.json; do not edit.",
        "Each demo ran as `nutshell demo ENTRY [--quick] --repeats N` on the machine named in its row.",
        f"A part's margin is (value - bar) / |bar| on the side that holds; the target is a worst "
        f"measured margin of at least {TARGET_MARGIN:.0%}. `identity` parts are true by construction "
        "and `timing` parts depend on machine load: neither votes in the verdict.",
        "",
    ]
    for name, rows in sorted(ledger["columns"].items()):
        measured = [row for row in rows.values() if "error" not in row]
        below = [
            row["entry"] for row in measured if (worst := worst_measured(row)) and worst["worst_margin"] < TARGET_MARGIN
        ]
        out += [
            f"## {name}",
            "",
            f"{sum(row['held'] == row['of'] for row in measured)} of {len(rows)} demos held on every "
            f"seed; worst measured margin below {TARGET_MARGIN:.0%}: {', '.join(below) or 'none'}.",
            "",
        ]
        for entry, row in sorted(rows.items()):
            if "error" in row:
                out += [f"### {entry}: {row['error']}", ""]
                continue
            out += [
                f"### {entry}: held {row['held']}/{row['of']} (seeds {row['seeds']}, "
                f"{row['wall_seconds']} s on {row['device']}, {row['date']}, Keras "
                f"{row['versions'].get('keras', '?')} on {row['versions'].get('backend', '?')})",
                "",
                row["statement"],
                "",
                "| part | kind | rule | min | max | held | worst margin |",
                "| --- | --- | --- | ---: | ---: | ---: | ---: |",
            ]
            out += [
                f"| {p['name']} | {p['kind']} | {p['comparison']} {number(p['bar'])} | {number(p['min'])} "
                f"| {number(p['max'])} | {p['held']}/{p['of']} | {margin(p['worst_margin'])} |"
                for p in row["parts"]
            ]
            out.append("")
    return "\n".join(out)


def outcome_of(row: dict) -> str | None:
    """The entry's own `outcome(claim)` applied to a ledger row (for rows measured before the entry
    had one): the same pure function a run calls, on the same parts and numbers."""
    if row.get("outcome") or "parts" not in row or "numbers" not in row:
        return row.get("outcome")
    import importlib

    from nutshell import glossary

    module = importlib.import_module(glossary.lookup(row["entry"]).module)
    function = getattr(module, "outcome", None)
    claim = {key: row[key] for key in ("parts", "numbers", "held", "of", "verdict")}
    return function(claim) if function else None


def shipped_outcomes(ledger: dict) -> dict:
    """What `nutshell quiz` ships: each demo's measured answer to its prediction question."""
    rows = sorted(ledger["columns"].get("quick", {}).items())
    answers = {entry: (outcome_of(row), row) for entry, row in rows if "error" not in row}
    return {
        entry: {"outcome": answer, "held": row["held"], "of": row["of"], "seeds": row["seeds"], "mode": "quick"}
        for entry, (answer, row) in answers.items()
        if answer
    }


def render(ledger: dict) -> None:
    CLAIMS_MD.write_text(claims_markdown(ledger) + "\n")
    OUTCOMES.write_text(json.dumps(shipped_outcomes(ledger), indent=1, sort_keys=True) + "\n")
    text = README.read_text()
    head, rest = text.split(START, 1)
    _, tail = rest.split(END, 1)
    README.write_text(f"{head}{START}\n{readme_table(ledger)}\n{END}{tail}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("entries", nargs="*", help="demos to measure (default: all)")
    parser.add_argument("--mode", choices=("quick", "full"), default="quick")
    parser.add_argument("--seeds", type=int, default=5, help="how many seeds (default 5: seeds 0-4)")
    parser.add_argument("--first-seed", type=int, default=0)
    parser.add_argument("--timeout", type=float, default=1800, help="seconds per demo")
    parser.add_argument("--render", action="store_true", help="only rewrite CLAIMS.md and README's table")
    parser.add_argument(
        "--from-runs",
        nargs="+",
        type=Path,
        metavar="LOGDIR",
        help="take rows from runs already made the ledger's way instead of training",
    )
    args = parser.parse_args()
    if args.from_runs:
        rows = ingest(args.from_runs, args.mode, args.seeds)
        ledger = load()
        backend = os.environ.get("KERAS_BACKEND", "tensorflow")
        ledger["columns"].setdefault(column(args.mode, backend), {}).update(
            {entry: row for entry, row in rows.items() if not args.entries or entry in args.entries}
        )
        LEDGER.write_text(json.dumps(ledger, indent=1, sort_keys=True) + "\n")
        print(f"took {len(rows)} rows from earlier runs: {', '.join(sorted(rows))}")
    elif not args.render:
        backend = os.environ.get("KERAS_BACKEND", "tensorflow")
        for entry in args.entries or demo_entries():
            print(f"{entry}: {args.mode}, {args.seeds} seeds…", flush=True)
            row = measure(entry, args.mode, args.seeds, args.first_seed, args.timeout)
            print(f"  {held_cell(row)}", flush=True)
            ledger = load()  # re-read: another run of this script may have added rows meanwhile
            ledger["columns"].setdefault(column(args.mode, backend), {})[entry] = row
            ledger["machine"] = f"{platform.machine()}, {os.cpu_count()} cores, {platform.python_version()}"
            LEDGER.write_text(json.dumps(ledger, indent=1, sort_keys=True) + "\n")  # after every demo
    render(load())


if __name__ == "__main__":
    main()
