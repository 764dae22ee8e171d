"""The `nutshell` commands. Each one is thin: parse, call the glossary or the harness, render.

Start-up cost matters here: `explain`, `list`, `search`, `code` and every `--help` must not import
tensorflow, keras or jax, so the training harness is imported inside the commands that train.
"""

from __future__ import annotations

import math
import sys
from enum import Enum
from pathlib import Path
from typing import Annotated, NoReturn, Optional

import typer

import glossary
from cli import render

app = typer.Typer(
    name="nutshell",
    help="A deep-learning glossary you can run: explanations, Keras code and demos.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def fail(message: str) -> NoReturn:
    """Stop on a mistake the user can fix: one line on stderr, exit code 2, no traceback."""
    render.error(message)
    raise typer.Exit(2)


def complete_term(incomplete: str) -> list[str]:
    """Shell completion for entry names (installed with `nutshell --install-completion`)."""
    key = glossary.compact(incomplete)
    return [name for name in glossary.names() if glossary.compact(name).startswith(key)]


def find(term: str) -> glossary.Entry:
    """The entry for `term`, or a clean exit saying what the user may have meant."""
    try:
        return glossary.lookup(term)
    except glossary.UnknownEntry as unknown:
        shown = render.one_line(term)
        if unknown.suggestions:
            fail(
                f"No entry '{shown}'. Did you mean: {', '.join(unknown.suggestions)}?"
            )
        hint = f"Try 'nutshell search {shown}' or 'nutshell list'." if shown else "Try 'nutshell list'."
        fail(f"No entry '{shown}'. {hint}")


Term = Annotated[
    str,
    typer.Argument(help="An entry name or alias, e.g. 'max pooling'.", autocompletion=complete_term),
]


class Format(str, Enum):
    text = "text"
    json = "json"


@app.command("list")
def list_entries() -> None:
    """List every entry with a one-line summary and whether it has a demo.

    Example: nutshell list
    """
    render.entry_table(list(glossary.all_entries().values()))


@app.command()
def explain(
    term: Term,
    brief: Annotated[bool, typer.Option("--brief", "-b", help="Only the one-paragraph summary.")] = False,
    fmt: Annotated[Format, typer.Option("--format", "-f", help="text for people, json for scripts.")] = Format.text,
) -> None:
    """Explain a term: intuition, math, a picture, related entries and sources.

    Example: nutshell explain "max pooling"
    """
    render.entry(find(term), brief=brief, fmt=fmt.value)


@app.command()
def search(
    words: Annotated[list[str], typer.Argument(help="Words to look for.")],
    limit: Annotated[int, typer.Option(min=1, help="Show at most this many entries.")] = 10,
) -> None:
    """Find entries by the words they use, best match first.

    Example: nutshell search translation invariance
    """
    query = " ".join(words)
    results = glossary.search(query, limit=limit)
    if not results:
        fail(f"Nothing matches '{render.one_line(query)}'. Try 'nutshell list'.")
    render.hits(results, query)


@app.command()
def code(term: Term) -> None:
    """Show an entry's Keras implementation, read from the module's own source.

    Example: nutshell code lstm
    """
    entry = find(term)
    source = glossary.implementation_source(entry)
    if source is None:
        with_code = [e.name for e in glossary.all_entries().values() if e.implementation]
        render.error(
            f"'{entry.name}' is explanation-only and has no Keras implementation. "
            f"Entries with code: {', '.join(with_code) or 'none yet'}."
        )
        raise typer.Exit(1)
    render.code(entry, source)


class Strategy(str, Enum):
    none = "none"
    mirrored = "mirrored"
    multi_worker = "multi-worker"


class Precision(str, Enum):
    float32 = "float32"
    mixed = "mixed"


def check_logdir(logdir: Path) -> None:
    """Fail before training, not after, if runs cannot be written to `logdir`."""
    import shutil
    import tempfile

    try:
        logdir.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=logdir, prefix=".nutshell-write-test-"):
            pass
        free = shutil.disk_usage(logdir).free
    except (OSError, ValueError) as problem:
        reason = getattr(problem, "strerror", None) or str(problem)
        fail(f"cannot write to log directory '{render.one_line(str(logdir))}': {reason}")
    if free < 50 * 2**20:
        fail(f"log directory '{logdir}' has only {free // 2**20} MiB free; need at least 50 MiB")


@app.command()
def demo(
    term: Term,
    epochs: Annotated[Optional[int], typer.Option(min=1, help="Training epochs (default: the entry's).")] = None,
    batch_size: Annotated[Optional[int], typer.Option(min=1, help="Examples per batch.")] = None,
    learning_rate: Annotated[Optional[float], typer.Option(help="Optimizer step size, > 0.")] = None,
    seed: Annotated[int, typer.Option(min=0, help="Seed for weights, data order and synthetic data.")] = 0,
    logdir: Annotated[Path, typer.Option(help="Where runs are written.")] = Path("runs"),
    dataset: Annotated[Optional[str], typer.Option(help="Dataset (default: the entry's bundled one).")] = None,
    quick: Annotated[bool, typer.Option("--quick", help="Same code path, small budget (~20 s on CPU).")] = False,
    precision: Annotated[Precision, typer.Option(help="float32, or mixed (float16 on GPU, bfloat16 on CPU).")] = Precision.float32,
    jit: Annotated[bool, typer.Option("--jit/--no-jit", help="Compile training steps with XLA.")] = False,
    tag: Annotated[str, typer.Option(help="Suffix for the run directory name.")] = "",
    steps_per_execution: Annotated[Optional[int], typer.Option(min=1, help="Batches per compiled step (fewer Python round trips; default: the entry's).")] = None,
    strategy: Annotated[Strategy, typer.Option(help="none; mirrored (all GPUs of this machine); multi-worker (machines listed in TF_CONFIG). --batch-size is per replica.")] = Strategy.none,
    deterministic: Annotated[bool, typer.Option("--deterministic/--no-deterministic", help="Bit-identical CPU runs for a seed (TensorFlow op determinism).")] = True,
    verbose: Annotated[bool, typer.Option("--verbose", "-v", help="Show TensorFlow's own logging.")] = False,
    resume: Annotated[Optional[str], typer.Option(
        help="Continue an interrupted run: --resume alone takes the latest unfinished run of "
             "this entry, or give its directory. The run keeps its own settings.")] = None,
) -> None:
    """Train the entry's example, measure its claim and log the run to TensorBoard.

    Example: nutshell demo pooling --quick
    """
    entry = find(term)
    if not entry.has_demo:
        with_demo = [e.name for e in glossary.all_entries().values() if e.has_demo]
        fail(f"'{entry.name}' has no demo. Entries with demos: {', '.join(with_demo)}.")
    config = {**entry.demo_config, **(entry.demo_config.get("quick", {}) if quick else {})}
    if learning_rate is not None and not (math.isfinite(learning_rate) and learning_rate > 0):
        fail(f"--learning-rate must be a positive number, not {learning_rate}")
    datasets = config.get("datasets", ("synthetic",))
    dataset = dataset or datasets[0]
    if dataset not in datasets:
        fail(f"unknown dataset '{render.one_line(dataset)}' for {entry.name}; "
                        f"choose one of: {', '.join(datasets)}")
    if tag and not all(ch.isalnum() or ch in "-_." for ch in tag):
        fail("--tag may only contain letters, digits, '-', '_' and '.'")
    check_logdir(logdir)
    resume_dir, saved = None, None
    if resume is not None:
        from cli.runlog import NothingToResume, resumable_run

        try:
            resume_dir, saved = resumable_run(logdir, entry.name, resume)
        except NothingToResume as problem:
            fail(str(problem))
    from cli.quiet import native_stderr_silenced, quiet_frameworks

    if not verbose:
        quiet_frameworks()
    with native_stderr_silenced(enabled=not verbose):
        from cli import harness
    from cli.checkpoints import CorruptCheckpoint, NonFiniteLoss
    from nutshell_data import DataError

    if saved is not None:
        settings = harness.Settings(**saved)
    else:
        settings = harness.Settings(
            epochs=epochs or config["epochs"], batch_size=batch_size or config["batch_size"],
            learning_rate=learning_rate or config["learning_rate"], seed=seed, dataset=dataset,
            quick=quick, precision=precision.value, jit=jit, tag=tag,
            steps_per_execution=steps_per_execution or config.get("steps_per_execution", 1),
            deterministic=deterministic,
            strategy=strategy.value,
        )
    try:
        harness.run_demo(entry, settings, logdir, quiet=not verbose, resume_dir=resume_dir)
    except (DataError, harness.SetupError, CorruptCheckpoint) as problem:
        fail(str(problem))
    except NonFiniteLoss as problem:
        render.error(f"training stopped: {problem}. Try a smaller --learning-rate "
                     f"(this run used {settings.learning_rate:g}). Logs are kept in the run directory.")
        raise typer.Exit(1)
    except harness.Interrupted as stop:
        if stop.run_dir is None:
            render.error("interrupted before anything was saved.")
        else:
            render.error(f"interrupted; finished epochs are saved. Resume with: "
                         f"nutshell demo {entry.name} --resume {stop.run_dir}")
        raise typer.Exit(130)


@app.command()
def runs(
    logdir: Annotated[Path, typer.Option(help="Where runs are written.")] = Path("runs"),
) -> None:
    """List past runs: entry, date, final metrics and the claim's verdict.

    Example: nutshell runs --logdir runs
    """
    from cli import runlog

    found = runlog.find_runs(logdir)
    if not found:
        fail(f"no runs in '{render.one_line(str(logdir))}'. Start one: nutshell demo cnn --quick")
    render.run_table(found)


@app.command()
def board(
    logdir: Annotated[Path, typer.Option(help="Where runs are written.")] = Path("runs"),
    port: Annotated[int, typer.Option(min=0, max=65535, help="Port to listen on (0: any free one).")] = 6006,
    host: Annotated[str, typer.Option(help="Interface to listen on; 127.0.0.1 keeps it private.")] = "127.0.0.1",
) -> None:
    """Open the runs in TensorBoard (its own server), on 127.0.0.1 unless --host says otherwise.

    Example: nutshell board --logdir runs --port 6006
    """
    if not logdir.is_dir():
        fail(f"no log directory '{render.one_line(str(logdir))}'. Start a run: nutshell demo cnn --quick")
    from cli import runlog
    from cli.quiet import quiet_frameworks

    quiet_frameworks()
    runlog.serve_tensorboard(logdir, host, port)


def _with_resume_value(args: list[str]) -> list[str]:
    """Let `--resume` stand alone: a bare `--resume` means `--resume latest`.

    (Typer has no options with an optional value, so the console script fills it in.)
    """
    return [
        "--resume=latest" if arg == "--resume" and (i + 1 == len(args) or args[i + 1].startswith("-"))
        else arg
        for i, arg in enumerate(args)
    ]


def main() -> None:
    """Console-script entry point: runs the app and turns user errors into one line + exit 2."""
    from typer.main import get_command

    command = get_command(app)
    try:
        code = command.main(args=_with_resume_value(sys.argv[1:]), prog_name="nutshell",
                            standalone_mode=False)
    except typer.TyperException as problem:  # bad options and arguments, from the parser
        if type(problem).__name__ == "NoArgsIsHelpError":
            sys.exit(0)  # the parser has already printed the help
        render.error(render.one_line(problem.format_message(), limit=300))
        sys.exit(getattr(problem, "exit_code", 2))
    except (typer.Abort, KeyboardInterrupt):
        render.error("interrupted.")
        sys.exit(130)
    sys.exit(code if isinstance(code, int) else 0)


if __name__ == "__main__":
    main()
