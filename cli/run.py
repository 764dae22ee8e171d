"""A demo run: the `Run` object handed to a demo, and `run_demo`, which drives one from start to end.

A demo receives a `Run` and uses a handful of verbs on it (`compile`, `fit`, `train_and_evaluate`,
`scalars`, `images`, `mosaic`, `text`, `metrics`, `claim`, `say`), so each entry module reads like a
short lesson while the plumbing lives in the runtime's other rooms: the directory in `rundir`,
checkpoints in `checkpoints`, devices and seeds in `runtime`, replicas in `distribution`, pictures in
`pictures`, TensorBoard in `tblog`, signals in `interrupts`, and everything printed in `render`.

Imports Keras; the CLI imports this only inside the commands that train.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import importlib
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import keras
import numpy as np
from numpy.typing import ArrayLike

from nutshell import checkpoints, keras_compat, pictures, render
from nutshell.distribution import Distribution, distribute
from nutshell.errors import Interrupted, NonFiniteLoss
from nutshell.glossary import _claims as claims
from nutshell.glossary._claims import Part
from nutshell.interrupts import InterruptGate, deferred_interrupts
from nutshell.progress import TrainingClock, progress_callback
from nutshell.quiet import native_stderr_silenced
from nutshell.rundir import RunDir
from nutshell.runtime import configure, determinism, tf, versions
from nutshell.runtime import seed as reseed
from nutshell.settings import Settings
from nutshell.tblog import Board, keras_callback

if TYPE_CHECKING:
    from nutshell.data import Split
    from nutshell.glossary import Entry


@dataclass
class Claim:
    """The entry's central statement, measured: the sentence, its parts, and other numbers shown.

    The verdict is the parts' (nutshell.glossary._claims.verdict). `numbers` holds every part's
    value and the context numbers the demo adds. `anchor`, where the literature has a figure for
    the claim: {"source", "published", "ours" (the name of the number compared), "note" (how our
    set-up differs)}.
    """

    statement: str
    parts: tuple[Part, ...]
    numbers: dict[str, float] = field(default_factory=dict)
    anchor: dict[str, Any] | None = None

    @property
    def verdict(self) -> bool:
        return claims.verdict(self.parts)


class RunHome:
    """The directory shared by the repeats of one run, created on first use: a demo that fails
    while loading its data (before anything is logged) leaves no half-written run behind."""

    def __init__(self, logdir: Path, entry: str, settings: Settings, existing: RunDir | None = None) -> None:
        self.logdir, self.entry, self.settings = Path(logdir), entry, settings
        self.created = existing
        self.data: dict[str, Any] | None = None  # the user's own data, as own.describe gives it

    def get(self) -> RunDir:
        if self.created is None:
            self.created = RunDir.create(self.logdir, self.entry, self.settings.as_dict(), self.settings.tag)
        return self.created


class Run:
    """One demo run: its settings, its directory, and the verbs a demo uses to train and log."""

    def __init__(
        self,
        entry: Entry,
        settings: Settings,
        home: RunHome,
        distribution: Distribution | None = None,
        gate: InterruptGate | None = None,
        prefix: str = "",
    ) -> None:
        self.entry = entry
        self.settings = settings
        self.home = home
        self.distribution = distribution or Distribution()
        self.gate = gate or InterruptGate()
        self.prefix = prefix  # "seed-<s>" for each of several repeats: their logs sit side by side
        self.board = Board(lambda: self.logs)
        self.model = None
        self.final_metrics: dict[str, float] = {}
        self.throughput: dict[str, float] = {}
        self.result: Claim | None = None

    # -- what a demo reads ----------------------------------------------------------------------
    @property
    def quick(self) -> bool:
        return self.settings.quick

    @property
    def seed(self) -> int:
        return self.settings.seed

    @property
    def epochs(self) -> int:
        return self.settings.epochs

    @property
    def batch_size(self) -> int:
        """The global batch, as in Keras's `fit`: under a strategy the replicas split it."""
        return self.settings.batch_size

    @property
    def learning_rate(self) -> float:
        """The learning rate the user gave (or the entry's default); never scaled behind their back."""
        return self.settings.learning_rate

    @property
    def run_dir(self) -> RunDir:
        return self.home.get()

    @property
    def dir(self) -> Path:
        return self.run_dir.path

    @property
    def logs(self) -> Path:
        """Where this repeat's TensorBoard logs go: the run directory, or its `seed-<s>/`."""
        return self.dir / self.prefix if self.prefix else self.dir

    # -- training -------------------------------------------------------------------------------
    def compile(
        self,
        model: keras.Model,
        *,
        loss: Any,
        metrics: Sequence[Any] = (),
        optimizer: str | keras.optimizers.Optimizer = "adam",
        **optimizer_kwargs: Any,
    ) -> keras.Model:
        """Compile `model` with the run's precision and jit settings.

        A named optimizer trains at the run's learning rate. A demo whose experiment fixes its own
        rates (its DEMO says so under "ignores", and the CLI refuses --learning-rate) passes an
        optimizer instance instead.
        """
        if isinstance(optimizer, str):
            optimizer = keras.optimizers.get(
                {"class_name": optimizer, "config": {"learning_rate": self.learning_rate, **optimizer_kwargs}}
            )
        # One step per execution where Keras 3 cannot do more: under tf.distribute its multi-step
        # loop leaves a placeholder unfed ("You must feed a value for placeholder tensor ...
        # while/cond"), and the PyTorch backend refuses anything but 1.
        single = self.distribution.strategy is not None or keras.backend.backend() == "torch"
        model.compile(
            optimizer=optimizer,
            loss=loss,
            metrics=list(metrics),
            jit_compile=self.settings.jit,
            steps_per_execution=1 if single else self.settings.steps_per_execution,
        )
        if self.settings.strategy == "multi-worker":
            keras_compat.unpin_strategy(model)
        return model

    def fit(
        self,
        model: keras.Model,
        x: Any,
        y: Any = None,
        *,
        validation_data: Any = None,
        name: str | None = None,
        epochs: int | None = None,
        batch_size: int | None = None,
        callbacks: Sequence[keras.callbacks.Callback] = (),
        **kwargs: Any,
    ) -> dict[str, list[float]]:
        """Train `model` (batch sizes are global), logging to TensorBoard; returns the history.

        The unnamed fit is the run's main model: it logs to `train/` and `validation/` (with weight
        histograms) and is saved as `model.keras`. Named fits (comparison models) log under
        `<name>/train` and `<name>/validation`, so TensorBoard shows them side by side.
        """
        epochs = epochs or self.settings.epochs
        batch_size = batch_size or self.batch_size
        label = name or self.entry.name
        folder = self.run_dir.checkpoints("/".join(filter(None, (self.prefix, name or "main"))))
        history = checkpoints.finished(folder, model)
        if history is not None:
            self.say(f"{label}: finished in an earlier session; loaded its weights")
        else:
            done, history = checkpoints.restore(model, folder)
            if done:
                self.say(f"{label}: resuming after epoch {done}/{epochs}")
            meter = TrainingClock(batch_size)  # before the loggers: they see `training_seconds`
            every = [checkpoints.StopOnNonFiniteLoss(label), meter, progress_callback(label, epochs), *callbacks]
            if tf is not None:
                every.append(keras_callback(self.logs / name if name else self.logs, histograms=name is None))
            every.append(checkpoints.Checkpointer(folder, history))
            every.append(self.gate.callback())  # last: a stop lands after the epoch's checkpoint
            if done < epochs:
                model.fit(
                    x,
                    y,
                    validation_data=validation_data,
                    epochs=epochs,
                    initial_epoch=done,
                    batch_size=batch_size,
                    callbacks=every,
                    verbose=0,
                    **kwargs,
                )
                self.throughput[label] = meter.examples_per_second()
            checkpoints.mark_finished(folder, model, history)
        if name is None:
            self.model = model
            self.final_metrics.update(
                {key: values[-1] for key, values in history.items() if key not in ("learning_rate", "training_seconds")}
            )
        return history

    def train_and_evaluate(
        self,
        model: keras.Model,
        train: Sequence[Any],
        test: Sequence[Any],
        *,
        loss: Any,
        metrics: Sequence[Any] = (),
        name: str | None = None,
        optimizer: str | keras.optimizers.Optimizer = "adam",
        callbacks: Sequence[keras.callbacks.Callback] = (),
        epochs: int | None = None,
        batch_size: int | None = None,
    ) -> dict[str, float]:
        """Compile, fit on `train` (validating on `test`), and return the test metrics by name."""
        self.compile(model, loss=loss, metrics=metrics, optimizer=optimizer)
        self.fit(
            model, *train, validation_data=test, name=name, callbacks=callbacks, epochs=epochs, batch_size=batch_size
        )
        return {k: float(v) for k, v in model.evaluate(*test, verbose=0, return_dict=True).items()}

    # -- data -----------------------------------------------------------------------------------
    def load_images(self, quick: tuple[int, int | None] | None = None) -> Split:
        """The run's image dataset (`--dataset`, or the user's own `--data`), as a
        nutshell.data.Split; with `--quick`, the stratified subset of `quick` = (training images,
        test images or None for all of them).

        With `--held-out` the test arrays are training images set aside (a validation split):
        what a demo's bars and architecture are chosen on, so the test set is scored only for
        the reported numbers.
        """
        from nutshell import data

        if self.settings.data:  # the user's own images (--data): a folder, an .npz or a CSV
            from nutshell.data import own

            split = own.load_own(self.settings.data)
            self.home.data = own.describe(self.settings.data, split)
        else:
            split = data.load_images(self.settings.dataset)
        if self.settings.held_out:  # choosing a setting: score on training images set aside
            split = split.held_out(min(len(split.y_test), len(split.y_train) // 4))
        if self.quick and quick is not None and len(split.y_train) > quick[0]:
            n_test = None if quick[1] is None else min(quick[1], len(split.y_test))
            split = split.subset(quick[0], n_test)
        return split

    # -- logging --------------------------------------------------------------------------------
    def table(self, tag: str, header: list[str], rows: list[list[Any]], align: str = "") -> str:
        """Log rows as one Markdown table in TensorBoard's TEXT dashboard; returns the Markdown."""
        markdown = render.markdown_table(header, rows, align)
        self.text(tag, markdown)
        return markdown

    def scalars(self, values: dict[str, float], step: int = 0, prefix: str = "result") -> None:
        """Log numbers as TensorBoard scalars `prefix/name` (step can walk e.g. across layers)."""
        self.board.scalars(values, step=step, prefix=prefix)

    def images(
        self, tag: str, images: ArrayLike, step: int = 0, max_outputs: int = 16, enlarge: int = 1, rescale: bool = True
    ) -> None:
        """Log a batch of images (N, H, W, C), each scaled to its own [0, 1] unless `rescale` is
        False, and enlarged `enlarge` times (small digits and 3x3 kernels are specks otherwise)."""
        self.board.images(tag, pictures.prepared(images, enlarge, rescale), step, max_outputs)

    def mosaic(
        self,
        tag: str,
        tiles: ArrayLike,
        columns: int = 8,
        enlarge: int = 8,
        rescale: bool = True,
        gap_value: float = 1.0,
        step: int = 0,
    ) -> None:
        """Log many small images (N, h, w, C), e.g. kernels or the channels of a feature map, as
        one grid image; grid lines have the value `gap_value` (white by default)."""
        self.board.images(tag, pictures.mosaic(tiles, columns, enlarge, rescale, gap_value), step)

    def decision_surface(self, tag: str, model: keras.Model, extent: float = 2.0, size: int = 64) -> None:
        """Log a 2-D classifier's output over the square [-extent, extent]² as an image."""
        surface = model.predict(pictures.plane_grid(extent, size), verbose=0)
        self.images(tag, np.asarray(surface).reshape(1, size, size, 1), rescale=False, enlarge=4)

    def text(self, tag: str, markdown: str) -> None:
        self.board.text(tag, markdown)

    def metrics(self, values: dict[str, float]) -> None:
        """Record final metrics (e.g. test accuracy) for the summary table and summary.json."""
        self.final_metrics.update({key: float(value) for key, value in values.items()})
        self.scalars(values, prefix="final")

    def claim(
        self, statement: str, parts: Sequence[Part], *, anchor: dict[str, Any] | None = None, **context: float
    ) -> Claim:
        """The entry's central claim, measured: a sentence and the parts that decide it.

        `statement` may name parts as `{part}` or `{part:.0%}`: each becomes that part's bar, so
        the sentence cannot disagree with the rule. `context` numbers are shown beside the parts
        but decide nothing. `anchor` names a published figure to compare with: {"source",
        "published", "ours": the name of a part or context number, "note": how our set-up differs}.
        """
        parts = tuple(parts)
        numbers = {**{part.name: part.value for part in parts}, **{key: float(value) for key, value in context.items()}}
        if len(numbers) != len(parts) + len(context):
            raise ValueError("a context number has the name of a part")
        if anchor is not None and anchor.get("ours") not in numbers:
            raise ValueError(f"anchor['ours'] must name one of the claim's numbers: {sorted(numbers)}")
        self.result = Claim(claims.statement(statement, parts), parts, numbers, anchor)
        # "result/" sorts after the training curves (epoch_*) in TensorBoard's TIME SERIES.
        self.scalars({**numbers, "verdict": float(self.result.verdict)}, prefix="result")
        return self.result

    def say(self, message: str) -> None:
        """A line of commentary for the person watching."""
        render.say(message)

    # -- the end of a repeat -------------------------------------------------------------------
    def log_hparams(self) -> None:
        """This repeat's settings as an HParams session; its result/* scalars become the metrics."""
        hparams = {k: v for k, v in self.settings.as_dict().items() if v != ""}
        self.board.hparams(hparams, trial_id=f"{self.entry.name}/{self.dir.name}/{self.prefix or 'run'}")
        self.board.close()


def run_demo(
    entry: Entry,
    settings: Settings,
    logdir: Path,
    quiet: bool = True,
    resume: RunDir | None = None,
    demo_function: Callable[[Run], None] | None = None,
    prediction: str | None = None,
) -> dict[str, Any]:
    """Run `entry`'s demo with `settings` and return its summary (also written to summary.json).

    With `settings.repeats` = N > 1 the demo runs on seeds S..S+N-1 in the same run directory (each
    repeat's logs under `seed-<s>/`), and the verdict says on how many seeds the claim held.
    Ctrl-C and SIGTERM stop training within a batch and raise Interrupted; the finished epochs'
    checkpoints stay, and `resume` continues such a run in the same directory. A diverging loss
    raises NonFiniteLoss with the logs kept. A run that fails before it logged anything leaves no
    directory behind. `prediction` is the learner's answer to the entry's PREDICT question, scored
    against the option its `outcome(claim)` computes from this run. `demo_function` replaces the
    entry's own `demo` (a notebook's edited copy) under the same harness.
    """
    started = time.perf_counter()
    with native_stderr_silenced(enabled=quiet):  # device probing logs from C++
        device = configure(settings)
        distribution = distribute(settings)
    if not distribution.chief:  # only the chief's run is kept; other workers write scratch logs
        logdir, resume = Path(tempfile.mkdtemp(prefix="nutshell-worker-")), None
    module = importlib.import_module(entry.module)
    render.demo_header(entry.name, settings, device, distribution.describe(settings))
    home = RunHome(logdir, entry.name, settings, resume)
    runs: list[Run] = []
    with deferred_interrupts() as gate:
        try:
            for seed in range(settings.seed, settings.seed + settings.repeats):
                if settings.repeats > 1:
                    reseed(seed)
                    render.say(f"repeat {seed - settings.seed + 1}/{settings.repeats}: seed {seed}")
                run = Run(
                    entry,
                    dataclasses.replace(settings, seed=seed),
                    home,
                    distribution,
                    gate,
                    prefix=f"seed-{seed}" if settings.repeats > 1 else "",
                )
                runs.append(run)
                with distribution.scope():  # models built in the demo get mirrored variables
                    (demo_function or module.demo)(run)
                run.log_hparams()
        except KeyboardInterrupt:
            _record_session(home, started)
            raise Interrupted(home.created.path if home.created else None, entry.name) from None
        except NonFiniteLoss:
            _record_session(home, started)
            raise
        except BaseException:
            if resume is None and home.created is not None and home.created.holds_nothing():
                home.created.remove()
            raise
    outcome_of = getattr(module, "outcome", None)
    summary = _finish(
        entry, settings, home.get(), runs, distribution, device, started, home.data, outcome_of, prediction
    )
    render.demo_summary(summary)
    return summary


def _record_session(home: RunHome, started: float) -> None:
    if home.created is not None:
        home.created.record_session(time.perf_counter() - started)


def _finish(
    entry: Entry,
    settings: Settings,
    run_dir: RunDir,
    runs: list[Run],
    distribution: Distribution,
    device: str,
    started: float,
    data: dict[str, Any] | None = None,
    outcome_of: Callable[[dict[str, Any]], str] | None = None,
    prediction: str | None = None,
) -> dict[str, Any]:
    """Save the first repeat's model, the verdict card and summary.json; returns the summary."""
    first = runs[0]
    if first.model is not None:
        first.model.save(run_dir.model_file)
    claim = verdict_over_seeds(runs)
    if claim is not None and data is not None:
        claim["data"] = data  # the card says the published figure was measured on other data
    outcome = outcome_of(claim) if claim is not None and outcome_of is not None else None
    predicted = scored_prediction(entry, prediction, outcome, claim)
    if predicted is not None and claim is not None:
        claim["prediction"] = predicted
    board = Board(lambda: run_dir.path)
    # TEXT sorts tags by name: the verdict card first, then the explanation, then the demo's own.
    if claim is not None:
        board.text("1_verdict", render.verdict_card(claim, [_repeat(run) for run in runs]))
    board.text("2_explanation", entry.explanation)
    board.close()
    saved = run_dir.saved()
    summary = {
        "entry": entry.name,
        "status": "finished",
        "run_dir": str(run_dir.path),
        "hparams": settings.as_dict(),
        "metrics": first.final_metrics,
        "claim": claim,
        "repeats": [_repeat(run) for run in runs],
        "device": device,
        "determinism": determinism(settings),
        "throughput": first.throughput,
        "distribution": distribution.describe(settings),
        "versions": versions(),
        "wall_seconds": round(time.perf_counter() - started + saved.get("earlier_seconds", 0.0), 2),
        "sessions": saved.get("sessions", 1),
        "finished_at": dt.datetime.now().isoformat(timespec="seconds"),
        "data": data,
        "outcome": outcome,
        "prediction": predicted,
    }
    run_dir.write_summary(summary)
    return summary


def scored_prediction(
    entry: Entry, predicted: str | None, outcome: str | None, claim: dict[str, Any] | None
) -> dict[str, Any] | None:
    """The learner's prediction beside what the run measured (None if they made none)."""
    if predicted is None or entry.predict is None or claim is None:
        return None
    options = entry.predict["options"]
    return {
        "question": entry.predict["question"],
        "predicted": predicted,
        "predicted_text": options.get(predicted, ""),
        "measured": outcome,
        "measured_text": options.get(outcome or "", ""),
        "right": predicted == outcome,
        "held": claim["held"],
        "of": claim["of"],
        "why": entry.predict["why"],
    }


def _repeat(run: Run) -> dict[str, Any]:
    result = run.result
    return {
        "seed": run.seed,
        "verdict": result.verdict if result else None,
        "numbers": result.numbers if result else {},
        "parts": [part.as_dict() for part in result.parts] if result else [],
    }


def verdict_over_seeds(runs: list[Run]) -> dict[str, Any] | None:
    """The claim over all repeats: held on k of N seeds (it holds only if k == N).

    Each part says on how many seeds it held and its worst margin; every number has its mean, min
    and max (`numbers` are the means). None if the demo made no claim.
    """
    results = [run.result for run in runs if run.result is not None]
    if not results:
        return None
    held = sum(result.verdict for result in results)
    stats = {
        key: {"mean": float(np.mean(values)), "min": float(np.min(values)), "max": float(np.max(values))}
        for key in results[0].numbers
        for values in [[result.numbers[key] for result in results if key in result.numbers]]
    }
    parts = []
    for first in results[0].parts:
        same = [part for result in results for part in result.parts if part.name == first.name]
        parts.append(
            {
                "name": first.name,
                "kind": first.kind,
                "comparison": first.comparison,
                "bar": first.bar,
                "held": sum(part.held for part in same),
                "of": len(same),
                "worst_margin": float(min(part.margin for part in same)),
                **stats[first.name],
            }
        )
    claim = {
        "statement": results[0].statement,
        "verdict": held == len(results),
        "held": held,
        "of": len(results),
        "parts": parts,
        "numbers": {key: s["mean"] for key, s in stats.items()},
        "stats": stats,
    }
    if results[0].anchor:
        anchor = dict(results[0].anchor)
        anchor["ours_value"] = stats[anchor["ours"]]["mean"]
        claim["anchor"] = anchor
    return claim


if TYPE_CHECKING:
    from nutshell.glossary import _run

    def _a_run_is_what_a_demo_is_typed_against(run: Run) -> _run.Run:
        return run  # mypy checks here that Run implements the glossary's `Run` protocol
