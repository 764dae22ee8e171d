"""The `nutshell` commands. Each one is thin: parse, call the glossary or the runtime, render.

Start-up cost matters here: `explain`, `list`, `search`, `code` and every `--help` must not import
tensorflow, keras or jax, so the runtime (`nutshell.run`) is imported inside the commands that train.
"""

from __future__ import annotations

import sys
from enum import Enum
from pathlib import Path
from typing import Annotated, NoReturn

import typer

from nutshell import glossary, render

app = typer.Typer(
    name="nutshell",
    help="A deep-learning glossary you can run: explanations, Keras code and demos.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def show_version(value: bool) -> None:
    if value:
        from nutshell import __version__

        print(f"nutshell {__version__}")
        raise typer.Exit()


@app.callback()
def options(
    version: Annotated[
        bool, typer.Option("--version", callback=show_version, is_eager=True, help="Show the version and exit.")
    ] = False,
) -> None:
    """A deep-learning glossary you can run: explanations, Keras code and demos."""


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
    from nutshell import api
    from nutshell.errors import UnknownTerm

    try:
        return api.entry(term)
    except UnknownTerm as unknown:
        fail(str(unknown))


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
    found = find(term)
    render.entry(found, brief=brief, fmt=fmt.value)
    from nutshell import learner

    learner.record("read", found.name)


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


@app.command()
def notebook(
    term: Annotated[
        str | None, typer.Argument(help="An entry name or alias; leave out with --all.", autocompletion=complete_term)
    ] = None,
    output: Annotated[
        Path | None,
        typer.Option(
            "--output", "-o", help="Notebook file, or a folder (default: ./<entry>.ipynb; with --all, a folder)."
        ),
    ] = None,
    all_entries: Annotated[bool, typer.Option("--all", help="One notebook per entry, into the -o folder.")] = False,
    full: Annotated[bool, typer.Option("--full", help="Demo cells run the full budget instead of --quick.")] = False,
) -> None:
    """Write an entry as a Jupyter notebook: its text, its code and an editable demo.

    Example: nutshell notebook pooling -o pooling.ipynb
    """
    from nutshell import notebook as notebooks
    from nutshell.errors import UserError

    if all_entries == (term is not None):
        fail("give one TERM, or --all with -o FOLDER")
    try:
        if all_entries:
            folder = output or Path("notebooks")
            folder.mkdir(parents=True, exist_ok=True) if not folder.exists() else None
            if not folder.is_dir():
                fail(f"--all writes one notebook per entry into a folder; '{render.one_line(str(folder))}' is a file")
            written = [notebooks.write(entry, folder, quick=not full) for entry in glossary.all_entries().values()]
            print(f"wrote {len(written)} notebooks to {folder}")
        else:
            entry = find(term or "")
            path = notebooks.write(entry, output or Path(f"{entry.name}.ipynb"), quick=not full)
            print(f"wrote {path}  (open it with: jupyter lab {path})")
    except UserError as problem:
        fail(problem.advice())
    except OSError as problem:
        fail(f"cannot write notebooks: {problem.strerror or problem}")


@app.command()
def quiz(
    terms: Annotated[
        list[str] | None, typer.Argument(help="Entries to be asked about (default: all).", autocompletion=complete_term)
    ] = None,
    count: Annotated[int, typer.Option("-n", "--count", min=1, help="How many questions.")] = 5,
    seed: Annotated[int | None, typer.Option(help="The same seed asks the same questions.")] = None,
    reset: Annotated[bool, typer.Option("--reset", help="Forget your progress first.")] = False,
    fmt: Annotated[Format, typer.Option("--format", "-f", help="text for people, json for scripts.")] = Format.text,
) -> None:
    """Answer questions without training: what the demos measured, and what the entries say.

    Questions you missed come back first next time. Answers are read from the terminal or from
    standard input, one letter a line; an empty line stops.

    Example: nutshell quiz pooling cnn -n 3
    """
    import random
    import sys

    from nutshell import learner
    from nutshell import quiz as quizzes

    if reset:
        render.say(f"progress cleared ({learner.reset()})")
    entries = [find(term) for term in terms] if terms else list(glossary.all_entries().values())
    pool = quizzes.questions(entries)
    if not pool:
        fail(f"no questions about {', '.join(e.name for e in entries)} yet. Try 'nutshell quiz' for all.")
    progress = learner.load()
    seed = random.SystemRandom().randrange(10**6) if seed is None else seed
    asked = quizzes.pick(pool, progress, count, seed)
    results = []
    for number, question in enumerate(asked, start=1):
        if fmt is Format.text:
            render.quiz_question(number, len(asked), question)
        given = sys.stdin.readline().strip().upper()
        while given and given not in question.options:
            if fmt is Format.text:
                render.say(f"  answer with one of {', '.join(question.options)}")
            given = sys.stdin.readline().strip().upper()
        if not given:
            break
        right = given == question.answer
        progress.answer(question.id, right)
        results.append({**question.as_dict(), "given": given, "right": right})
        if fmt is Format.text:
            render.quiz_feedback(question, given, right)
    progress.save()
    render.quiz_summary(seed, results, asked, fmt.value)


@app.command()
def path(
    term: Annotated[
        str | None,
        typer.Argument(help="Where you want to get (default: the whole course).", autocompletion=complete_term),
    ] = None,
) -> None:
    """The reading order that leads to an entry: what to know first, marked with what you have done.

    Example: nutshell path cnn
    """
    from nutshell import learner
    from nutshell import quiz as quizzes

    goal = find(term).name if term else None
    render.course(quizzes.course(goal), learner.load(), goal)


class Strategy(str, Enum):
    none = "none"
    mirrored = "mirrored"
    multi_worker = "multi-worker"


class Precision(str, Enum):
    float32 = "float32"
    mixed = "mixed"


@app.command()
def demo(
    ctx: typer.Context,
    term: Term,
    epochs: Annotated[int | None, typer.Option(min=1, help="Training epochs (default: the entry's).")] = None,
    batch_size: Annotated[
        int | None, typer.Option(min=1, help="Examples per training step; under --strategy the replicas split it.")
    ] = None,
    learning_rate: Annotated[
        float | None, typer.Option(help="Optimizer step size, > 0; used as given under every strategy.")
    ] = None,
    seed: Annotated[int, typer.Option(min=0, help="Seed for weights, data order and synthetic data.")] = 0,
    repeats: Annotated[
        int,
        typer.Option(min=1, help="Measure the claim on seeds SEED..SEED+N-1; the verdict says on how many it held."),
    ] = 1,
    logdir: Annotated[Path, typer.Option(help="Where runs are written.")] = Path("runs"),
    dataset: Annotated[str | None, typer.Option(help="Dataset (default: the entry's bundled one).")] = None,
    data: Annotated[
        Path | None,
        typer.Option(
            help="Your own images, for a demo that takes images (nutshell list marks them): a folder with one "
            "sub-folder per class, an .npz (x_train, y_train, x_test, y_test) or a CSV (a label column and "
            "one column per pixel)."
        ),
    ] = None,
    quick: Annotated[bool, typer.Option("--quick", help="Same code path, small budget (~20 s on CPU).")] = False,
    precision: Annotated[
        Precision, typer.Option(help="float32, or mixed (float16 on GPU, bfloat16 on CPU).")
    ] = Precision.float32,
    jit: Annotated[bool, typer.Option("--jit/--no-jit", help="Compile training steps with XLA.")] = False,
    tag: Annotated[str, typer.Option(help="Suffix for the run directory name.")] = "",
    steps_per_execution: Annotated[
        int | None,
        typer.Option(min=1, help="Batches per compiled step (fewer Python round trips; default: the entry's)."),
    ] = None,
    strategy: Annotated[
        Strategy,
        typer.Option(
            help="none; mirrored (all GPUs of this machine); multi-worker (machines listed in TF_CONFIG). "
            "The replicas split --batch-size."
        ),
    ] = Strategy.none,
    deterministic: Annotated[
        bool,
        typer.Option(
            "--deterministic/--no-deterministic", help="Bit-identical CPU runs for a seed (TensorFlow op determinism)."
        ),
    ] = True,
    held_out: Annotated[
        bool,
        typer.Option(
            "--held-out",
            help="Score on a validation split carved from the training images instead of the test set: "
            "how a demo's bars and choices are made (use seeds 100+).",
        ),
    ] = False,
    verbose: Annotated[bool, typer.Option("--verbose", "-v", help="Show TensorFlow's own logging.")] = False,
    resume: Annotated[
        str | None,
        typer.Option(
            help="Continue an interrupted run: --resume alone takes the latest unfinished run of "
            "this entry, or give its directory. The run keeps its own settings."
        ),
    ] = None,
    predict: Annotated[
        str | None,
        typer.Option(
            help="Predict the outcome first: --predict alone asks the entry's question before training "
            "(the answer is read from the terminal or standard input); --predict B answers it. "
            "The result says whether you were right."
        ),
    ] = None,
) -> None:
    """Train the entry's example, measure its claim and log the run to TensorBoard.

    Example: nutshell demo pooling --quick --predict
    """
    from nutshell import api
    from nutshell.errors import UserError
    from nutshell.settings import demo_settings, resumed_settings

    entry = find(term)
    try:
        if predict is not None:  # asked before anything trains or prints
            from nutshell import quiz

            predict = quiz.prediction(entry, predict)
        settings = demo_settings(
            entry,
            quick=quick,
            epochs=epochs,
            batch_size=batch_size,
            learning_rate=learning_rate,
            dataset=dataset,
            steps_per_execution=steps_per_execution,
            seed=seed,
            repeats=repeats,
            precision=precision.value,
            jit=jit,
            tag=tag,
            deterministic=deterministic,
            strategy=strategy.value,
            held_out=held_out,
            data=str(data) if data else "",
        )
        api.check_logdir(logdir)
        earlier = None
        if resume is not None:
            from nutshell.rundir import resumable

            earlier = resumable(logdir, entry.name, resume)
            # By name: typer 0.29 ships its own copy of click (typer._click), and no `click` is installed.
            given = {
                name: value
                for name, value in ctx.params.items()
                if getattr(ctx.get_parameter_source(name), "name", None) == "COMMANDLINE"
            }
            asked = {name: getattr(value, "value", value) for name, value in given.items()}
            settings = resumed_settings(earlier.saved()["settings"], asked)
        from nutshell.quiet import native_stderr_silenced, quiet_frameworks

        if not verbose:
            quiet_frameworks()
        with native_stderr_silenced(enabled=not verbose):
            from nutshell.run import run_demo
        run_demo(entry, settings, logdir, quiet=not verbose, resume=earlier, prediction=predict)
        from nutshell import learner

        learner.record("ran", entry.name)
    except UserError as problem:
        render.error(problem.advice())
        raise typer.Exit(problem.exit_code) from None


@app.command()
def runs(
    logdir: Annotated[Path, typer.Option(help="Where runs are written.")] = Path("runs"),
) -> None:
    """List past runs: entry, date, final metrics and the claim's verdict.

    Example: nutshell runs --logdir runs
    """
    from nutshell.rundir import find_runs

    found = find_runs(logdir)
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
    from nutshell.board import serve_tensorboard
    from nutshell.quiet import quiet_frameworks

    quiet_frameworks()
    serve_tensorboard(logdir, host, port)


# Options that may stand alone, and what they mean then: `--resume` the latest unfinished run,
# `--predict` ask the entry's question.
BARE_VALUES = {"--resume": "latest", "--predict": "ask"}


def _with_bare_values(args: list[str]) -> list[str]:
    """Let `--resume` and `--predict` stand alone (Typer has no options with an optional value, so
    the console script fills the value in)."""
    return [
        f"{arg}={BARE_VALUES[arg]}"
        if arg in BARE_VALUES and (i + 1 == len(args) or args[i + 1].startswith("-"))
        else arg
        for i, arg in enumerate(args)
    ]


def main() -> None:
    """Console-script entry point: runs the app and turns user errors into one line + exit 2."""
    from typer.main import get_command

    command = get_command(app)
    try:
        code = command.main(args=_with_bare_values(sys.argv[1:]), prog_name="nutshell", standalone_mode=False)
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
