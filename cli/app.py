"""The `nutshell` commands. Each one is thin: parse, call the glossary or the harness, render.

Start-up cost matters here: `explain`, `list`, `search`, `code` and every `--help` must not import
tensorflow, keras or jax, so the training harness is imported inside the commands that train.
"""

from __future__ import annotations

import sys
from enum import Enum
from typing import Annotated, Optional

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


class UserError(Exception):
    """A mistake the user can fix; reported as one line on stderr with exit code 2."""


def complete_term(incomplete: str) -> list[str]:
    """Shell completion for entry names (installed with `nutshell --install-completion`)."""
    key = glossary.compact(incomplete)
    return [name for name in glossary.names() if glossary.compact(name).startswith(key)]


def find(term: str) -> glossary.Entry:
    """The entry for `term`, or a UserError saying what the user may have meant."""
    try:
        return glossary.lookup(term)
    except glossary.UnknownEntry as unknown:
        shown = render.one_line(term)
        if unknown.suggestions:
            raise UserError(
                f"No entry '{shown}'. Did you mean: {', '.join(unknown.suggestions)}?"
            ) from None
        hint = f"Try 'nutshell search {shown}' or 'nutshell list'." if shown else "Try 'nutshell list'."
        raise UserError(f"No entry '{shown}'. {hint}") from None


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
        raise UserError(f"Nothing matches '{render.one_line(query)}'. Try 'nutshell list'.")
    render.hits(results, query)


@app.command()
def code(term: Term) -> None:
    """Show an entry's Keras implementation, read from the module's own source.

    Example: nutshell code lstm
    """
    entry = find(term)
    found = glossary.implementation_source(entry)
    if found is None:
        with_code = [e.name for e in glossary.all_entries().values() if e.implementation]
        render.error(
            f"'{entry.name}' is explanation-only and has no Keras implementation. "
            f"Entries with code: {', '.join(with_code) or 'none yet'}."
        )
        raise typer.Exit(1)
    first_line, source = found
    render.code(entry, first_line, source)


def main() -> None:
    """Console-script entry point: runs the app and turns user errors into one line + exit 2."""
    from typer.main import get_command

    command = get_command(app)
    try:
        code = command.main(prog_name="nutshell", standalone_mode=False)
    except UserError as problem:
        render.error(str(problem))
        sys.exit(2)
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
