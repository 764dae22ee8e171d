"""The Python API: `nutshell.explain` and `nutshell.demo`, for notebooks and scripts.

Both run the same code as the command line: `explain` reads the registry (no Keras), `demo`
builds the same settings, checks the same log directory and calls the same `run_demo`. They
return objects that show themselves well wherever they land: Markdown or an HTML verdict card in
Jupyter, rich text in a terminal REPL, a short repr anywhere else. Mistakes raise the project's own
exceptions (`nutshell.errors.UserError` and its kinds) with the one-line message the CLI prints;
nothing here calls `sys.exit`, so a notebook kernel survives a typo.

Example:

    import nutshell
    nutshell.explain("pooling")                     # the entry, as Markdown
    result = nutshell.demo("pooling", quick=True)   # trains; shows the verdict card
    result.verdict, result.parts[0]["worst_margin"], result.model.summary()
"""

from __future__ import annotations

import contextlib
import html
import io
import os
import shutil
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from nutshell import glossary, render
from nutshell.errors import UnknownTerm, UserError

if TYPE_CHECKING:
    import keras


@dataclass(frozen=True)
class Explained:
    """One glossary entry, ready to read: Markdown in Jupyter, rich text in a terminal."""

    name: str
    title: str
    aliases: tuple[str, ...]
    summary: str
    markdown: str
    related: tuple[str, ...]
    sources: tuple[str, ...]
    has_demo: bool

    def _repr_markdown_(self) -> str:
        """The whole entry; Jupyter renders it. (Reading it counts as read for `nutshell path`.)"""
        also = f"*Also called: {', '.join(self.aliases)}*\n\n" if self.aliases else ""
        return f"# {self.title}\n\n{also}{self.markdown}"

    def __rich__(self) -> Any:
        from rich.markdown import Markdown

        return Markdown(self._repr_markdown_())

    def __str__(self) -> str:
        return self._repr_markdown_()

    def __repr__(self) -> str:
        return f"<nutshell entry {self.name!r}: {self.summary[:70]}…>"


def entry(term: str) -> glossary.Entry:
    """The entry `term` names (any alias, any case), or UnknownTerm with the CLI's suggestion."""
    try:
        return glossary.lookup(term)
    except glossary.UnknownEntry as unknown:
        raise UnknownTerm(render.one_line(term), unknown.suggestions) from None


def explain(term: str) -> Explained:
    """The glossary entry for `term`: name, title, aliases, summary, Markdown text, related, sources."""
    found = entry(term)
    return Explained(
        found.name,
        found.title,
        found.aliases,
        found.summary,
        found.explanation,
        found.related,
        found.sources,
        found.has_demo,
    )


@dataclass
class DemoResult:
    """What a demo measured: its verdict over the seeds, the claim's parts, the run on disk."""

    summary: dict[str, Any]
    _model: Any = field(default=None, repr=False)

    @property
    def claim(self) -> dict[str, Any]:
        return self.summary["claim"] or {}

    @property
    def verdict(self) -> bool | None:
        return self.claim.get("verdict")

    @property
    def held(self) -> int:
        return self.claim.get("held", 0)

    @property
    def of(self) -> int:
        return self.claim.get("of", 0)

    @property
    def statement(self) -> str:
        return self.claim.get("statement", "")

    @property
    def parts(self) -> list[dict[str, Any]]:
        return self.claim.get("parts", [])

    @property
    def numbers(self) -> dict[str, float]:
        return self.claim.get("numbers", {})

    @property
    def anchor(self) -> dict[str, Any] | None:
        return self.claim.get("anchor")

    @property
    def prediction(self) -> dict[str, Any] | None:
        """Your prediction beside what was measured, if you made one (`predict=`)."""
        return self.summary.get("prediction")

    @property
    def run_dir(self) -> Path:
        return Path(self.summary["run_dir"])

    @property
    def model(self) -> keras.Model:
        """The run's main trained model, loaded from its model.keras on first use."""
        if self._model is None:
            from nutshell import load_model

            self._model = load_model(self.run_dir)
        return self._model

    def _repr_html_(self) -> str:
        return verdict_html(self.summary)

    def __rich__(self) -> Any:
        from rich.markdown import Markdown

        return Markdown(render.verdict_card(self.claim, self.summary["repeats"]))

    def __repr__(self) -> str:
        words = render.verdict_words(self.claim) if self.claim else "no claim"
        return f"<nutshell demo {self.summary['entry']}: {words}; run {self.run_dir}>"


def verdict_html(summary: dict[str, Any]) -> str:
    """The verdict card as an HTML table for Jupyter: the same content as TensorBoard's card."""
    claim = summary["claim"]
    e = html.escape
    colour = "#1a7f37" if claim["verdict"] else ("#9a6700" if claim["held"] else "#cf222e")

    def value(part: dict[str, Any]) -> str:
        mean = render.number(part["mean"])
        return mean if part["of"] == 1 else f"{mean} ({render.number(part['min'])} to {render.number(part['max'])})"

    rows = "".join(
        f"<tr><td><code>{e(p['name'])}</code></td><td>{e(p['kind'])}</td>"
        f"<td>{e(p['comparison'])} {render.number(p['bar'])}</td><td>{value(p)}</td>"
        f"<td>{p['held']}/{p['of']}</td><td>{render.margin(p['worst_margin'])}</td></tr>"
        for p in claim["parts"]
    )
    anchor = f"<p><b>Published figure.</b> {e(render.anchor_line(claim))}</p>" if claim.get("anchor") else ""
    data = f"<p><b>Your data.</b> {e(render.data_line(claim['data']))}</p>" if claim.get("data") else ""
    if claim.get("prediction"):
        data += f"<p><b>Your prediction.</b> {e(render.prediction_line(claim['prediction']))}</p>"
    return (
        f"<div><p><b>nutshell demo {e(summary['entry'])}</b>: {e(claim['statement'])}</p>"
        f"<p><b style='color:{colour}'>Verdict: {e(render.verdict_words(claim))}</b></p>"
        "<table><tr><th>part</th><th>kind</th><th>rule</th><th>value</th><th>held</th>"
        f"<th>worst margin</th></tr>{rows}</table>{anchor}{data}"
        f"<p>Run: <code>{e(summary['run_dir'])}</code> ({summary['wall_seconds']:.1f} s on "
        f"{e(summary['device'])})</p></div>"
    )


def check_logdir(logdir: Path) -> None:
    """UserError before training, not after, if runs cannot be written to `logdir`."""
    try:
        logdir.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=logdir, prefix=".nutshell-write-test-"):
            pass
        free = shutil.disk_usage(logdir).free
    except (OSError, ValueError) as problem:
        reason = getattr(problem, "strerror", None) or str(problem)
        raise UserError(f"cannot write to log directory '{render.one_line(str(logdir))}': {reason}") from None
    if free < 50 * 2**20:
        raise UserError(f"log directory '{logdir}' has only {free // 2**20} MiB free; need at least 50 MiB")


def demo(
    term: str,
    *,
    quick: bool = False,
    repeats: int = 1,
    seed: int = 0,
    data: str | os.PathLike[str] | None = None,
    logdir: str | os.PathLike[str] = "runs",
    verbose: bool = True,
    demo_function: Callable[[Any], None] | None = None,
    predict: str | None = None,
    **options: Any,
) -> DemoResult:
    """Run `term`'s demo as `nutshell demo` would and return what it measured.

    `options` are the command's other options by their Python names (epochs, batch_size,
    learning_rate, dataset, precision, jit, tag, steps_per_execution, strategy, deterministic,
    held_out). `data` is your own images (a class-folder tree, an .npz or a CSV). With
    `verbose=False` nothing is printed while it trains. `demo_function` runs your own edited copy
    of the entry's `demo(run)` (as a notebook does) under the same harness. `predict` answers the
    entry's prediction question (see `nutshell.explain(term)`'s entry, `predict`) before it trains;
    the result's `prediction` says whether you were right. Raises UserError (or a subclass) for a
    bad option, with the CLI's message.
    """
    from nutshell.settings import OPTIONS, demo_settings

    unknown = sorted(set(options) - set(OPTIONS))
    if unknown:
        raise UserError(
            f"unknown option{'s' if len(unknown) > 1 else ''} {', '.join(unknown)}; "
            f"nutshell.demo takes {', '.join(OPTIONS)}"
        )
    found = entry(term)
    if predict is not None:
        from nutshell import quiz

        predict = quiz.prediction(found, predict)
    settings = demo_settings(found, quick=quick, seed=seed, repeats=repeats, data=str(data) if data else "", **options)
    folder = Path(logdir)
    check_logdir(folder)
    from nutshell.quiet import native_stderr_silenced, quiet_frameworks

    quiet_frameworks()
    with native_stderr_silenced():
        from nutshell.run import run_demo
    quiet = contextlib.redirect_stdout(io.StringIO()) if not verbose else contextlib.nullcontext()
    with quiet:
        summary = run_demo(found, settings, folder, demo_function=demo_function, prediction=predict)
    from nutshell import learner

    learner.record("ran", found.name)
    return DemoResult(summary)
