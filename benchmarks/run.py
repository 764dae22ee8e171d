"""`make bench`: our way against the reference recipes, side by side, written to RESULTS.md.

These machines are noisy, so every comparison is made in the same invocation on the same machine,
reported as a ratio of medians over several runs, never as a single absolute time.

    python benchmarks/run.py                 # everything (about 30-40 minutes on 2 CPU cores)
    python benchmarks/run.py startup cnn     # only some sections
    python benchmarks/run.py --repeats 2     # fewer repeats per measurement

Sections: startup, cnn, lstm, throughput. Each demo variant runs the real console script in a
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
        subprocess.run([sys.executable, str(SCRIPT), "demo", entry, "--logdir", logdir, *options],
                       env=ENV, cwd=ROOT, check=True, capture_output=True)
        (summary,) = Path(logdir).glob(f"{entry}/*/summary.json")
        return json.loads(summary.read_text())


# -- 1. start-up ---------------------------------------------------------------------------------

def bench_startup(repeats: int) -> str:
    ours, ours_all = median_of(repeats, lambda: timed([sys.executable, str(SCRIPT), "explain", "pooling"]))
    tf, tf_all = median_of(repeats, lambda: timed([sys.executable, "-c", "import tensorflow"]))
    return "\n".join([
        "## 1. Start-up: `nutshell explain pooling` vs `python -c \"import tensorflow\"`",
        "",
        "| command | median wall (s) | runs |",
        "| --- | --- | --- |",
        f"| nutshell explain pooling | {ours:.3f} | {', '.join(f'{v:.2f}' for v in ours_all)} |",
        f"| python -c \"import tensorflow\" | {tf:.3f} | {', '.join(f'{v:.2f}' for v in tf_all)} |",
        "",
        f"**Ratio: importing TensorFlow alone takes {tf / ours:.1f}x as long as the whole "
        f"`explain` command.**",
    ])


# -- 2. CNN time-to-accuracy ---------------------------------------------------------------------

def bench_cnn(repeats: int) -> str:
    from benchmarks import cnn_time_to_accuracy

    rows, ratio = cnn_time_to_accuracy.compare(seeds=range(repeats))
    return "\n".join([
        "## 2. CNN time-to-accuracy: our `cnn` demo vs the keras.io `mnist_convnet` recipe",
        "",
        cnn_time_to_accuracy.DESCRIPTION,
        "",
        "| model | seed | epochs to 97% | train seconds to 97% | final test accuracy |",
        "| --- | --- | --- | --- | --- |",
        *rows,
        "",
        f"**Ratio (median seconds to 97%, recipe / ours): {ratio:.2f}x.**",
    ])


# -- 3. LSTM on the adding problem ---------------------------------------------------------------

def bench_lstm(repeats: int) -> str:
    lines = ["## 3. LSTM: the adding problem at 100 steps, to test MSE < 0.01", "",
             "Full `nutshell demo lstm` runs (64 units, Adam 1e-2, clipnorm 1.0, batch 32, "
             "forget-gate bias 1); sequences counted by the demo's own held-out check every 800 "
             "sequences. Reference: Hochreiter & Schmidhuber (1997) report 74,000 sequences.", "",
             "| variant | seed | sequences to solve | LSTM test MSE | SimpleRNN test MSE | run wall (s) |",
             "| --- | --- | --- | --- | --- | --- |"]
    medians = {}
    for variant, options in (("float32, no jit", []), ("jit (XLA)", ["--jit"])):
        sequences, walls = [], []
        for seed in range(repeats):
            summary = demo_summary("lstm", "--seed", str(seed), *options)
            numbers = summary["claim"]["numbers"]
            solved = numbers.get("lstm_sequences_to_solve")
            sequences.append(solved if solved is not None else float("inf"))
            walls.append(summary["wall_seconds"])
            lines.append(f"| {variant} | {seed} | {f'{solved:,.0f}' if solved is not None else 'not solved'} | "
                         f"{numbers.get('lstm_test_mse', float('nan')):.4f} | "
                         f"{numbers.get('simple_rnn_test_mse', float('nan')):.4f} | {summary['wall_seconds']:.1f} |")
        medians[variant] = (statistics.median(sequences), statistics.median(walls))
    base_seq, base_wall = medians["float32, no jit"]
    jit_seq, jit_wall = medians["jit (XLA)"]
    lines += ["", f"**Median sequences to solve: {base_seq:,.0f}, {74000 / base_seq:.1f}x fewer than "
              f"the 74,000 of 1997. XLA: median run wall {base_wall:.1f} s -> {jit_wall:.1f} s "
              f"({base_wall / jit_wall:.2f}x).**"]
    return "\n".join(lines)


# -- 3b. one initialisation lever: the LSTM's forget-gate bias -----------------------------------

def bench_lstm_init(repeats: int) -> str:
    """Sequences to solve the adding problem with the forget-gate bias at 1 (the default) vs 0.

    Trains through the real harness (a Run in a scratch directory) with the lstm demo's own
    training loop and data, so only the initialisation differs.
    """
    from nutshell import data, glossary
    from nutshell.glossary import lstm
    from nutshell.run import Run
    from nutshell.runtime import configure
    from nutshell.settings import demo_settings

    entry = glossary.lookup("lstm")
    lines = ["## 3b. LSTM initialisation: forget-gate bias 1 vs 0 (adding problem, 100 steps)", "",
             "Same data, seeds and training loop as the full `lstm` demo; only "
             "`unit_forget_bias` differs. Budget: the demo's 64,000 sequences.", "",
             "| forget-gate bias | seed | sequences to solve | train seconds |", "| --- | --- | --- | --- |"]
    medians = {}
    for bias in (True, False):
        solved_all = []
        for seed in range(repeats):
            settings = demo_settings(entry, seed=seed)
            configure(settings)
            budget = settings.epochs * lstm.SEQUENCES_PER_EPOCH
            train = data.adding_problem(budget, steps=lstm.STEPS, seed=seed)
            check = data.adding_problem(512, steps=lstm.STEPS, seed=seed + 1_000)
            with tempfile.TemporaryDirectory() as scratch:
                run = Run(entry, settings, Path(scratch))
                started = time.perf_counter()
                counter = lstm._train(run, lstm._lstm_net(unit_forget_bias=bias), train, check, budget)
                seconds = time.perf_counter() - started
            solved = counter.first_solved_at
            solved_all.append(solved if solved is not None else float("inf"))
            lines.append(f"| {1 if bias else 0} | {seed} | "
                         f"{f'{solved:,}' if solved is not None else f'not within {budget:,}'} | {seconds:.1f} |")
        medians[bias] = statistics.median(solved_all)
    shown = {bias: f"{m:,.0f}" if m != float("inf") else "not solved within the budget"
             for bias, m in medians.items()}
    lines += ["", f"**Median sequences to solve: {shown[True]} with bias 1, {shown[False]} "
              f"with bias 0.**"]
    return "\n".join(lines)


# -- 4. throughput of every demo, each lever on and off ------------------------------------------

def bench_throughput(repeats: int) -> str:
    header = "| demo | " + " | ".join(LEVERS) + " |"
    lines = ["## 4. Throughput of every demo on CPU (training examples/s of the main model, `--quick`)",
             "", "Median of the runs; in brackets, the ratio to the baseline of the same demo.", "",
             header, "| --- |" + " --- |" * len(LEVERS)]
    for entry in DEMOS:
        cells = []
        baseline = None
        for lever, options in LEVERS.items():
            values = [demo_summary(entry, "--quick", *options)["throughput"].get(entry, 0.0)
                      for _ in range(repeats)]
            value = statistics.median(values)
            baseline = baseline or value
            cells.append(f"{value:,.0f} ({value / baseline:.2f}x)" if baseline else f"{value:,.0f}")
        lines.append(f"| {entry} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


SECTIONS = {"startup": bench_startup, "cnn": bench_cnn, "lstm": bench_lstm,
            "lstm_init": bench_lstm_init, "throughput": bench_throughput}


def machine() -> str:
    from nutshell.quiet import native_stderr_silenced

    with native_stderr_silenced():
        import keras
        import tensorflow as tf

    return (f"on {os.cpu_count()} CPUs, {platform.platform()}; Python "
            f"{platform.python_version()}, TensorFlow {tf.__version__}, Keras {keras.__version__}, "
            f"{dt.datetime.now().isoformat(timespec='minutes')}")


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
    parts = [(RESULTS_DIR / f"{name}.md").read_text() for name in SECTIONS
             if (RESULTS_DIR / f"{name}.md").exists()]
    (HERE / "RESULTS.md").write_text(
        "# Benchmark results\n\nGenerated by `make bench` (benchmarks/run.py); what the numbers "
        "mean and which levers we kept is in benchmarks/README.md.\n\n" + "\n\n".join(parts))


if __name__ == "__main__":
    main()
