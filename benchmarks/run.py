"""`make bench`: our way against the reference recipes, side by side, written to RESULTS.md.

These machines are noisy, so every comparison is made in the same invocation on the same machine,
reported as a ratio of medians over several runs, never as a single absolute time.

    python benchmarks/run.py                 # everything (about 30-40 minutes on 2 CPU cores)
    python benchmarks/run.py startup cnn     # only some sections
    python benchmarks/run.py --repeats 2     # fewer repeats per measurement

Sections: startup, cnn, lstm, lstm_levers, throughput. Each demo variant runs the real console script in a
fresh process, so process-wide switches (op determinism, the dtype policy) cannot leak between
variants.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
RESULTS_DIR = HERE / "results"
SCRIPT = Path(sys.executable).with_name("nutshell")
ENV = {**os.environ, "NO_COLOR": "1", "TF_CPP_MIN_LOG_LEVEL": "3"}
DEMOS = ["unit", "activation", "layer", "convolution", "pooling", "cnn", "inception", "lstm"]

# Each lever, as extra `nutshell demo` options, measured against the baseline.
ONE_STEP = ["--steps-per-execution", "1"]  # every lever is measured against the plain loop
LEVERS = {
    "baseline": ONE_STEP,
    "jit (XLA)": ["--jit", *ONE_STEP],
    "steps_per_execution=8": ["--steps-per-execution", "8"],
    "no op determinism": ["--no-deterministic", *ONE_STEP],
    "mixed precision (bf16)": ["--precision", "mixed", *ONE_STEP],
}


def timed(command: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(command, env=ENV, cwd=ROOT, check=True, capture_output=True)
    return time.perf_counter() - start


def median_of(repeats: int, measure) -> tuple[float, list[float]]:
    values = [measure() for _ in range(repeats)]
    return statistics.median(values), values


def demo_summary(entry: str, *options: str) -> dict:
    """Run `nutshell demo entry --quick options` in a fresh process; return its summary.json."""
    with tempfile.TemporaryDirectory() as logdir:
        subprocess.run(
            [sys.executable, str(SCRIPT), "demo", entry, "--logdir", logdir, *options],
            env=ENV,
            cwd=ROOT,
            check=True,
            capture_output=True,
        )
        (summary,) = Path(logdir).glob(f"{entry}/*/summary.json")
        return json.loads(summary.read_text())


# -- 1. start-up ---------------------------------------------------------------------------------


# The floor every read-only command pays: the interpreter, typer and rich's Markdown renderer.
FLOOR = [sys.executable, "-c", "import typer, rich.markdown"]
READ_ONLY = {
    "nutshell explain pooling": ["explain", "pooling"],
    "nutshell list": ["list"],
    "nutshell search how to avoid overfitting": ["search", "how", "to", "avoid", "overfitting"],
}
# Issue 21's target: the read-only commands stay within about 1.3x the floor as the glossary grows.
FLOOR_TARGET = 1.3


def bench_startup(repeats: int) -> str:
    """The read-only commands against the floor they cannot go below, and against TensorFlow's import."""
    from nutshell import glossary

    floor, floor_all = median_of(repeats, lambda: timed(FLOOR))
    rows = []
    for label, args in READ_ONLY.items():
        median, values = median_of(repeats, lambda args=args: timed([sys.executable, str(SCRIPT), *args]))
        rows.append((label, median, values))
    tf, tf_all = median_of(repeats, lambda: timed([sys.executable, "-c", "import tensorflow"]))
    explain = rows[0][1]

    def row(label: str, median: float, values: list[float]) -> str:
        runs = ", ".join(f"{v:.2f}" for v in values)
        return f"| {label} | {median:.3f} | {median / floor:.2f}x | {runs} |"

    worst = max(median for _, median, _ in rows) / floor
    return "\n".join(
        [
            "## 1. Start-up: the read-only commands vs their floor and vs `import tensorflow`",
            "",
            f"With {len(glossary.names())} entries. The floor is `python -c \"import typer, rich.markdown\"`: "
            "what any of these commands must pay before reading a single entry.",
            "",
            "| command | median wall (s) | x floor | runs |",
            "| --- | --- | --- | --- |",
            row('python -c "import typer, rich.markdown" (floor)', floor, floor_all),
            *(row(label, median, values) for label, median, values in rows),
            row('python -c "import tensorflow"', tf, tf_all),
            "",
            f"**Slowest read-only command: {worst:.2f}x the floor (target: within about {FLOOR_TARGET}x). "
            f"Importing TensorFlow alone takes {tf / explain:.1f}x as long as the whole `explain` command.**",
        ]
    )


# -- 2. CNN time-to-accuracy ---------------------------------------------------------------------


def bench_cnn(repeats: int) -> str:
    from benchmarks import cnn_time_to_accuracy

    return "\n".join(
        [
            "## 2. CNN time-to-accuracy on 28x28 MNIST: our `cnn` demo vs the keras.io `mnist_convnet` recipe",
            "",
            cnn_time_to_accuracy.DESCRIPTION,
            "",
            *cnn_time_to_accuracy.report(seeds=range(repeats)),
        ]
    )


# -- 3. LSTM on the adding problem: the 1997 set-up and the modern variant -----------------------


def _lstm_demo_rows(dataset: str, seeds, *options: str):
    """Full `nutshell demo lstm --dataset ...` runs, one per seed: (table rows, counts, walls)."""
    rows, counts, walls = [], [], []
    for seed in seeds:
        summary = demo_summary("lstm", "--dataset", dataset, "--seed", str(seed), *options)
        numbers = summary["claim"]["numbers"]
        solved = numbers.get("lstm_sequences_to_solve")
        counts.append(solved if solved is not None else float("inf"))
        walls.append(summary["wall_seconds"])
        correct = f" {numbers['lstm_test_correct']:.1%} |" if "lstm_test_correct" in numbers else ""
        rows.append(
            f"| {seed} | {f'{solved:,.0f}' if solved is not None else 'not solved'} |{correct} "
            f"{numbers['lstm_test_mse']:.4f} | {numbers['simple_rnn_test_mse']:.4f} | "
            f"{'holds' if summary['claim']['verdict'] else 'does NOT hold'} | "
            f"{summary['wall_seconds']:.1f} |"
        )
    return rows, counts, walls


def _count(value: float) -> str:
    return f"{value:,.0f}" if value != float("inf") else "not solved"


def bench_lstm(repeats: int) -> str:
    from nutshell.glossary import lstm

    paper, modern = lstm.SETUPS["adding-1997"], lstm.SETUPS["adding-modern"]
    rate, batch = lstm.DEMO["learning_rate"], lstm.DEMO["batch_size"]
    seeds_1997 = range(max(repeats, 5))
    rows, counts, walls = _lstm_demo_rows("adding-1997", seeds_1997)
    median_1997 = statistics.median(counts)
    lines = [
        "## 3. LSTM: the adding problem at T = 100, the 1997 set-up",
        "",
        "Hochreiter & Schmidhuber's experiment 4 as published: values in [-1, 1], lengths 100-110 "
        "(pre-padded to 110 and masked), first mark among the first 10 pairs, second among the "
        "first 49, target 0.5 + (X1 + X2)/4. Solved when the last 2,000 training sequences all had "
        "|error| < 0.04 and their MSE is below 0.01; the count is of training sequences up to that "
        "point. Full `nutshell demo lstm --dataset adding-1997` runs: an LSTM of "
        f"{paper.units} units (gate biases at the start: forget {paper.forget_bias:g}, input "
        f"{paper.input_bias:g}), Adam {rate:g}, clipnorm 1.0, batch {batch}; then a SimpleRNN of the "
        "same width on as many sequences. Test: 4,000 fresh sequences.",
        "",
        "| seed | sequences to solve | LSTM test correct (abs error < 0.04) | LSTM test MSE | "
        "SimpleRNN test MSE | claim | run wall (s) |",
        "| --- | --- | --- | --- | --- | --- | --- |",
        *rows,
        "",
        f"**1997 set-up: median {_count(median_1997)} sequences to solve over {len(counts)} seeds "
        f"(range {_count(min(counts))}-{_count(max(counts))}), against the 74,000 Hochreiter & "
        f"Schmidhuber report for T = 100 (online updates, 93 weights, no forget gate); "
        f"median run wall {statistics.median(walls):.1f} s.**",
        "",
        "## 3b. LSTM: the modern adding problem (no published count)",
        "",
        "Values in [0, 1], one mark in each half, target X1 + X2, 100 steps; solved when the MSE "
        "on 512 held-out sequences, looked at every 800 training sequences, is below 0.01 three "
        "looks in a row (the count is the first of them). No paper reports a count for this "
        "variant, so it is not compared with the 74,000. Full `nutshell demo lstm` runs: "
        f"{modern.units} units, gate biases forget {modern.forget_bias:g}, input "
        f"{modern.input_bias:g}, Adam {rate:g}, clipnorm 1.0, batch {batch}. Before this set-up the "
        "demo (forget bias 1, input bias 0, Adam 1e-2, batch 32) needed a median of 32,000 (benchmark of "
        "2026-11-22, which counted the first look below 0.01; see 3c for it under today's rule).",
        "",
    ]
    medians = {}
    for variant, options in (("float32, no jit", []), ("jit (XLA)", ["--jit"])):
        rows, counts, walls = _lstm_demo_rows("adding-modern", range(repeats), *options)
        medians[variant] = (statistics.median(counts), statistics.median(walls))
        lines += [
            f"{variant}:",
            "",
            "| seed | sequences to solve | LSTM test MSE | SimpleRNN test MSE | claim | run wall (s) |",
            "| --- | --- | --- | --- | --- | --- |",
            *rows,
            "",
        ]
    (base_count, base_wall), (_, jit_wall) = medians["float32, no jit"], medians["jit (XLA)"]
    lines += [
        f"**Modern variant: median {_count(base_count)} sequences to solve (target: at most "
        f"20,000). XLA: median run wall {base_wall:.1f} s -> {jit_wall:.1f} s "
        f"({base_wall / jit_wall:.2f}x).**"
    ]
    return "\n".join(lines)


# -- 3c. the levers: what each did to the sequences an LSTM needs --------------------------------

# (variant, what changed, changes to the variant's set-up, other changes). The demo's set-up today:
# gate biases forget 5, input -3; Adam 2e-2, batch 8. Other changes: settings overrides, or
# "halve_every": the learning rate halves every that many sequences (an exponential schedule).
DEMO_BIASES = {"forget_bias": 5.0, "input_bias": -3.0}
KERAS_BIASES = {"forget_bias": 1.0, "input_bias": 0.0}
LSTM_LEVERS = [
    (
        "adding-modern",
        "the demo before: forget 1, input 0, rate 1e-2, batch 32",
        KERAS_BIASES,
        {"learning_rate": 1e-2, "batch_size": 32},
    ),
    ("adding-modern", "the demo: forget 5, input -3, rate 2e-2, batch 8", DEMO_BIASES, {}),
    ("adding-modern", "forget 1, input 0 (Keras's start)", KERAS_BIASES, {}),
    ("adding-modern", "forget 5, input 0", {"forget_bias": 5.0, "input_bias": 0.0}, {}),
    ("adding-modern", "forget 1, input -3", {"forget_bias": 1.0, "input_bias": -3.0}, {}),
    ("adding-modern", "rate 1e-2", DEMO_BIASES, {"learning_rate": 1e-2}),
    ("adding-modern", "rate 3e-2", DEMO_BIASES, {"learning_rate": 3e-2}),
    ("adding-modern", "rate halving every 2,000 sequences", DEMO_BIASES, {"halve_every": 2_000}),
    ("adding-modern", "batch 16", DEMO_BIASES, {"batch_size": 16}),
    ("adding-modern", "batch 32", DEMO_BIASES, {"batch_size": 32}),
    ("adding-1997", "the demo: forget 5, input -3, rate 2e-2, batch 8", DEMO_BIASES, {}),
    ("adding-1997", "forget 5, input 0", {"forget_bias": 5.0, "input_bias": 0.0}, {}),
    ("adding-1997", "rate 1e-2", DEMO_BIASES, {"learning_rate": 1e-2}),
    ("adding-1997", "batch 32", DEMO_BIASES, {"batch_size": 32}),
]
LEVER_BUDGET = {"adding-modern": 64_000, "adding-1997": 64_000}


def bench_lstm_levers(repeats: int) -> str:
    """Sequences to solve with one lever changed at a time, through the demo's own training loop
    and data (the LSTM alone, no SimpleRNN), in this process."""
    import dataclasses

    import keras

    from nutshell import glossary
    from nutshell.glossary import _adding, lstm
    from nutshell.run import Run, RunHome
    from nutshell.runtime import configure
    from nutshell.settings import demo_settings

    entry = glossary.lookup("lstm")
    lines = [
        "## 3c. LSTM levers: sequences to solve, one change at a time",
        "",
        "Each row changes one thing in the demo's set-up and trains the LSTM alone through the "
        "demo's own loop, data and stopping rule (see 3 and 3b); seeds "
        f"0-{repeats - 1}; budgets: {LEVER_BUDGET['adding-modern']:,} sequences (modern), "
        f"{LEVER_BUDGET['adding-1997']:,} (1997), the demo's own, so its rows repeat 3 and 3b "
        "without the SimpleRNN. Unless the row says otherwise: the demo's set-up (gate biases "
        "forget 5, input -3; Adam 2e-2, clipnorm 1.0, batch 8) and the variant's own width "
        "(64 units modern, 32 for 1997).",
        "",
        "| variant | lever | sequences to solve, per seed | median | train seconds, median |",
        "| --- | --- | --- | --- | --- |",
    ]
    for dataset, label, changes, overrides in LSTM_LEVERS:
        counts, seconds = [], []
        setup = dataclasses.replace(lstm.SETUPS[dataset], **changes)
        variant = _adding.VARIANTS[dataset]
        budget = LEVER_BUDGET[dataset]
        halve_every = overrides.get("halve_every")
        for seed in range(repeats):
            settings = demo_settings(
                entry, seed=seed, dataset=dataset, **{k: v for k, v in overrides.items() if k != "halve_every"}
            )
            configure(settings)
            rate = (
                settings.learning_rate
                if halve_every is None
                else keras.optimizers.schedules.ExponentialDecay(
                    settings.learning_rate, halve_every // settings.batch_size, 0.5
                )
            )
            data = _adding.sequences(variant, budget, seed)
            with tempfile.TemporaryDirectory() as scratch:
                run = Run(entry, settings, RunHome(Path(scratch), "lstm", settings))
                started = time.perf_counter()
                solved = _adding.train_until_solved(
                    run,
                    lstm.lstm_net(setup, variant, data.length),
                    variant,
                    data,
                    budget,
                    learning_rate=rate,
                    batch_size=settings.batch_size,
                ).sequences_to_solve
                seconds.append(time.perf_counter() - started)
                run.board.close()
            counts.append(solved or float("inf"))
        per_seed = " / ".join(_count(c) if c != float("inf") else f"> {budget:,}" for c in counts)
        lines.append(
            f"| {dataset} | {label} | {per_seed} | {_count(statistics.median(counts))} | "
            f"{statistics.median(seconds):.0f} |"
        )
    return "\n".join(lines)


# -- 4. throughput of every demo, each lever on and off ------------------------------------------


def bench_throughput(repeats: int) -> str:
    header = "| demo | " + " | ".join(LEVERS) + " |"
    lines = [
        "## 4. Throughput of every demo on CPU (training examples/s of the main model, `--quick`)",
        "",
        "Median of the runs; in brackets, the ratio to the baseline of the same demo.",
        "",
        header,
        "| --- |" + " --- |" * len(LEVERS),
    ]
    for entry in DEMOS:
        cells = []
        baseline = None
        for options in LEVERS.values():
            values = [demo_summary(entry, "--quick", *options)["throughput"].get(entry, 0.0) for _ in range(repeats)]
            value = statistics.median(values)
            baseline = baseline or value
            cells.append(f"{value:,.0f} ({value / baseline:.2f}x)" if baseline else f"{value:,.0f}")
        lines.append(f"| {entry} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


SECTIONS = {
    "startup": bench_startup,
    "cnn": bench_cnn,
    "lstm": bench_lstm,
    "lstm_levers": bench_lstm_levers,
    "throughput": bench_throughput,
}


def machine() -> str:
    from nutshell.quiet import native_stderr_silenced

    with native_stderr_silenced():
        import keras
        import tensorflow as tf

    return (
        f"on {os.cpu_count()} CPUs, {platform.platform()}; Python "
        f"{platform.python_version()}, TensorFlow {tf.__version__}, Keras {keras.__version__}, "
        f"{dt.datetime.now().isoformat(timespec='minutes')}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("sections", nargs="*", default=list(SECTIONS), choices=list(SECTIONS))
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT))
    RESULTS_DIR.mkdir(exist_ok=True)
    for name in args.sections:
        print(f"benchmark: {name} ...", flush=True)
        started = time.perf_counter()
        section = SECTIONS[name](args.repeats)
        minutes = (time.perf_counter() - started) / 60
        stamp = f"_Measured {machine()}; {args.repeats} repeats; {minutes:.1f} min._"
        (RESULTS_DIR / f"{name}.md").write_text(f"{section}\n\n{stamp}\n")
        print(section, flush=True)
    assemble()


def assemble() -> None:
    """RESULTS.md = every section measured so far, in order (sections can be re-run alone)."""
    parts = [(RESULTS_DIR / f"{name}.md").read_text() for name in SECTIONS if (RESULTS_DIR / f"{name}.md").exists()]
    (HERE / "RESULTS.md").write_text(
        "# Benchmark results\n\nGenerated by `make bench` (benchmarks/run.py); what the numbers "
        "mean and which levers we kept is in benchmarks/README.md.\n\n"
        "Every figure here is from a 2-core CPU. GPU figures are still to be measured: no GPU has "
        "been lent to a session that ran these (see benchmarks/README.md for how to add a GPU "
        "column).\n\n" + "\n\n".join(parts)
    )


if __name__ == "__main__":
    main()
