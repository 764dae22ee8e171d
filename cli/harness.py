"""The training harness every demo runs through: one run directory, TensorBoard, progress, summary.

A demo receives a `Run` and uses a handful of verbs on it (`compile`, `fit`, `scalars`, `images`,
`text`, `metrics`, `claim`, `say`), so each entry module reads like a short lesson while the
plumbing (callbacks, logging, devices, precision, the summary) lives here once.

Importing this module imports Keras (and TensorFlow on its default backend); the CLI imports it
only inside the commands that train.
"""

from __future__ import annotations

import datetime as dt
import importlib
import json
import os
import platform
import shutil
import signal
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import keras
import numpy as np

from cli import checkpoints, render
from cli.progress import progress_callback
from cli.quiet import native_stderr_silenced

try:  # logging needs TensorFlow; on a JAX/PyTorch machine without it the demos still train
    import tensorflow as tf
except ImportError:  # pragma: no cover - exercised on the GPU machine only
    tf = None


@dataclass
class Settings:
    """What the user chose for one demo run (the run's hparams)."""

    epochs: int
    batch_size: int
    learning_rate: float
    seed: int = 0
    dataset: str = ""
    quick: bool = False
    precision: str = "float32"
    jit: bool = False
    tag: str = ""
    steps_per_execution: int = 1
    deterministic: bool = True
    strategy: str = "none"


RUN_FILE = "run.json"  # the settings of a run, written when its directory is created


class SetupError(ValueError):
    """The requested set-up cannot run here (e.g. multi-worker without TF_CONFIG)."""


class Interrupted(Exception):
    """The user stopped a run (Ctrl-C or SIGTERM); its checkpoints and logs are kept."""

    def __init__(self, run_dir: Path | None):
        super().__init__("interrupted")
        self.run_dir = run_dir


@dataclass
class Claim:
    statement: str
    verdict: bool
    numbers: dict[str, float] = field(default_factory=dict)


def describe_device() -> str:
    """Where Keras trains: 'GPU: <name>' when the backend sees one, otherwise 'CPU'."""
    backend = keras.backend.backend()
    if backend == "tensorflow":
        gpus = tf.config.list_physical_devices("GPU")
        if gpus:
            details = tf.config.experimental.get_device_details(gpus[0])
            return f"GPU: {details.get('device_name', gpus[0].name)} (x{len(gpus)})"
        return "CPU"
    if backend == "jax":
        import jax

        device = jax.devices()[0]
        return "CPU" if device.platform == "cpu" else f"GPU: {device.device_kind}"
    if backend == "torch":
        import torch

        return f"GPU: {torch.cuda.get_device_name(0)}" if torch.cuda.is_available() else "CPU"
    return "CPU"


def determinism(settings: Settings) -> dict[str, Any]:
    """What summary.json says about reproducibility."""
    if not settings.deterministic:
        return {"enabled": False, "how": "--no-deterministic: seeded, but op order may vary",
                "cost": "none"}
    if keras.backend.backend() == "tensorflow":
        return {"enabled": True, "how": "keras.utils.set_random_seed + "
                "tf.config.experimental.enable_op_determinism",
                "cost": "measured in benchmarks/RESULTS.md (determinism on vs off)"}
    return {"enabled": False, "how": "keras.utils.set_random_seed only; op determinism is "
            "TensorFlow's switch", "cost": "none"}


def versions() -> dict[str, str]:
    found = {"python": platform.python_version(), "keras": keras.__version__,
             "backend": keras.backend.backend(), "numpy": np.__version__}
    for name in ("tensorflow", "tensorboard", "jax", "torch"):
        try:
            found[name] = importlib.import_module(name).__version__
        except ImportError:
            pass
    return found


def new_run_dir(logdir: Path, entry: str, tag: str = "") -> Path:
    """Create and return a fresh `logdir/entry/<timestamp>[-tag]` directory.

    `mkdir` without exist_ok is atomic, so two demos started in the same second get distinct
    directories (the second gets a `-2` suffix) and neither writes into the other's.
    """
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    base = f"{stamp}-{tag}" if tag else stamp
    parent = logdir / entry
    parent.mkdir(parents=True, exist_ok=True)
    for attempt in range(1, 1000):
        candidate = parent / (base if attempt == 1 else f"{base}-{attempt}")
        try:
            candidate.mkdir()
            return candidate
        except FileExistsError:
            continue
    raise RuntimeError(f"could not create a run directory under {parent}")


def _rescaled(images) -> np.ndarray:
    images = np.asarray(images, dtype="float32")
    low = images.min(axis=(1, 2, 3), keepdims=True)
    high = images.max(axis=(1, 2, 3), keepdims=True)
    return (images - low) / np.maximum(high - low, 1e-8)


def _enlarged(images: np.ndarray, factor: int) -> np.ndarray:
    """Nearest-neighbour enlargement, so every pixel stays a crisp square."""
    return np.repeat(np.repeat(images, factor, axis=1), factor, axis=2) if factor > 1 else images


def mosaic(tiles, columns: int = 8, enlarge: int = 8, rescale: bool = True,
           gap_value: float = 1.0) -> np.ndarray:
    """Tiles (N, h, w, C) laid out as one (1, H, W, C) image, `columns` to a row."""
    tiles = _enlarged(_rescaled(tiles) if rescale else np.asarray(tiles, "float32"), enlarge)
    count, height, width, channels = tiles.shape
    columns = min(columns, count)
    rows = -(-count // columns)
    gap = max(1, enlarge // 4)
    cell_h, cell_w = height + gap, width + gap
    grid = np.full((rows * cell_h - gap, columns * cell_w - gap, channels), gap_value, "float32")
    for i, tile in enumerate(tiles):
        r, c = divmod(i, columns)
        grid[r * cell_h:r * cell_h + height, c * cell_w:c * cell_w + width] = tile
    return grid[None]


class Throughput(keras.callbacks.Callback):
    """Training examples per second, timed over training batches only (not validation)."""

    def __init__(self, batch_size: int):
        super().__init__()
        self.batch_size = batch_size
        self.examples = 0
        self.seconds = 0.0

    def on_train_batch_begin(self, batch, logs=None):
        self._start = time.perf_counter()

    def on_train_batch_end(self, batch, logs=None):
        self.seconds += time.perf_counter() - self._start
        steps = self.model.steps_per_execution if self.model else 1
        self.examples += self.batch_size * (steps or 1)

    def examples_per_second(self) -> float:
        return round(self.examples / self.seconds, 1) if self.seconds else 0.0


class Run:
    """One demo run: the settings, the run directory, and the verbs a demo uses to train and log."""

    def __init__(self, entry, settings: Settings, logdir: Path, run_dir: Path | None = None,
                 distribution: Distribution | None = None):
        self.distribution = distribution or Distribution()
        self.entry = entry
        self.settings = settings
        self.logdir = logdir
        self._dir: Path | None = run_dir  # given when resuming an earlier run
        self._writer = None
        self.model = None
        self.final_metrics: dict[str, float] = {}
        self.throughput: dict[str, float] = {}
        self.result: Claim | None = None
        self.started = time.perf_counter()

    # -- settings a demo reads ------------------------------------------------------------------
    @property
    def quick(self) -> bool:
        return self.settings.quick

    @property
    def seed(self) -> int:
        return self.settings.seed

    @property
    def dir(self) -> Path:
        """The run directory, created on first use: a demo that fails while loading its data
        (before anything is logged) leaves no half-written run behind."""
        if self._dir is None:
            self._dir = new_run_dir(self.logdir, self.entry.name, self.settings.tag)
            checkpoints.atomic_write_text(self._dir / RUN_FILE, json.dumps(
                {"entry": self.entry.name, "settings": asdict(self.settings)}, indent=2))
        return self._dir

    # -- training -------------------------------------------------------------------------------
    def compile(self, model, *, loss, metrics=(), learning_rate: float | None = None,
                optimizer: str = "adam", **optimizer_kwargs):
        """Compile `model` with the run's learning rate, precision and jit settings."""
        rate = learning_rate if learning_rate is not None else self.settings.learning_rate
        rate *= self.distribution.replicas  # linear scaling: a k-times larger batch, k-times the step
        opt = keras.optimizers.get({"class_name": optimizer,
                                    "config": {"learning_rate": rate, **optimizer_kwargs}})
        # One step per execution where Keras 3 cannot do more: under tf.distribute its multi-step
        # loop leaves a placeholder unfed ("You must feed a value for placeholder tensor ...
        # while/cond"), and the PyTorch backend refuses anything but 1.
        single = self.distribution.strategy is not None or keras.backend.backend() == "torch"
        steps = 1 if single else self.settings.steps_per_execution
        model.compile(optimizer=opt, loss=loss, metrics=list(metrics),
                      jit_compile=self.settings.jit, steps_per_execution=steps)
        if self.settings.strategy == "multi-worker":
            # Keras 3 (keras-team/keras#20585) fails with MultiWorkerMirroredStrategy in fit's
            # eager "symbolic build", which reduces the first per-replica batch. Unpinning the
            # model's strategy skips that step; fit then takes the strategy from the scope the
            # demo runs in, and the model is built when the train step is traced.
            model._distribute_strategy = None
        return model

    def fit(self, model, x, y=None, *, validation_data=None, name: str | None = None,
            epochs: int | None = None, batch_size: int | None = None, callbacks=(), **kwargs):
        """Train `model`, logging to TensorBoard and showing progress; returns history as a dict.

        The unnamed fit is the run's main model: it logs to `train/` and `validation/` in the run
        directory and is saved as `model.keras`. Named fits (comparison models) log under
        `<name>/train` and `<name>/validation`, so TensorBoard shows them side by side.
        """
        epochs = epochs or self.settings.epochs
        batch_size = (batch_size or self.settings.batch_size) * self.distribution.replicas
        label = name or self.entry.name
        folder = self.dir / "checkpoints" / (name or "main")
        folder.mkdir(parents=True, exist_ok=True)
        history = checkpoints.finished(folder, model)
        if history is not None:
            self.say(f"{label}: finished in an earlier session; loaded its weights")
        else:
            done, history = checkpoints.restore(model, folder)
            if done:
                self.say(f"{label}: resuming after epoch {done}/{epochs}")
            meter = Throughput(batch_size)
            all_callbacks = [checkpoints.StopOnNonFiniteLoss(label), meter,
                             progress_callback(label, epochs), *callbacks]
            if tf is not None:
                log_dir = self.dir / name if name else self.dir
                all_callbacks.append(keras.callbacks.TensorBoard(log_dir=str(log_dir), write_graph=False))
            all_callbacks.append(checkpoints.Checkpointer(folder, history))
            all_callbacks.append(checkpoints.DeferredInterrupt())  # last: after the checkpoint
            if done < epochs:
                model.fit(x, y, validation_data=validation_data, epochs=epochs, initial_epoch=done,
                          batch_size=batch_size, callbacks=all_callbacks, verbose=0, **kwargs)
                self.throughput[label] = meter.examples_per_second()
            checkpoints.mark_finished(folder, model, history)
        if name is None:
            self.model = model
            self.final_metrics.update(
                {key: values[-1] for key, values in history.items() if key != "learning_rate"})
        return history

    def train_and_evaluate(self, model, train, test, *, loss, metrics=(), name: str | None = None,
                           learning_rate: float | None = None, callbacks=()) -> dict[str, float]:
        """Compile, fit on `train` (validating on `test`), and return the test metrics by name."""
        self.compile(model, loss=loss, metrics=metrics, learning_rate=learning_rate)
        self.fit(model, *train, validation_data=test, name=name, callbacks=callbacks)
        return {k: float(v) for k, v in model.evaluate(*test, verbose=0, return_dict=True).items()}

    # -- logging --------------------------------------------------------------------------------
    @property
    def writer(self):
        """A tf.summary writer at the run directory's root (None when TensorFlow is missing)."""
        if self._writer is None and tf is not None:
            self._writer = tf.summary.create_file_writer(str(self.dir))
        return self._writer

    def scalars(self, values: dict[str, float], step: int = 0, prefix: str = "claim") -> None:
        """Log numbers as TensorBoard scalars `prefix/name` (step can walk e.g. across layers)."""
        if self.writer is None:
            return
        with self.writer.as_default():
            for key, value in values.items():
                tf.summary.scalar(f"{prefix}/{key}" if prefix else key, float(value), step=step)
        self.writer.flush()

    def images(self, tag: str, images, step: int = 0, max_outputs: int = 16, enlarge: int = 1,
               rescale: bool = True) -> None:
        """Log a batch of images (N, H, W, C), each scaled to its own [0, 1] unless `rescale` is
        False, and enlarged `enlarge` times (8x8 digits and 3x3 kernels are specks otherwise)."""
        if self.writer is None:
            return
        images = _enlarged(_rescaled(images) if rescale else np.asarray(images, "float32"), enlarge)
        with self.writer.as_default():
            tf.summary.image(tag, images, step=step, max_outputs=max_outputs)
        self.writer.flush()

    def mosaic(self, tag: str, tiles, columns: int = 8, enlarge: int = 8, rescale: bool = True,
               gap_value: float = 1.0, step: int = 0) -> None:
        """Log many small images (N, h, w, C), e.g. kernels or the channels of a feature map, as
        one grid image; grid lines have the value `gap_value` (white by default)."""
        self.images(tag, mosaic(tiles, columns, enlarge, rescale, gap_value), step=step, rescale=False)

    def decision_surface(self, tag: str, model, extent: float = 2.0, size: int = 64) -> None:
        """Log a 2-D classifier's output over the square [-extent, extent]² as an image."""
        axis = np.linspace(-extent, extent, size, dtype="float32")
        grid = np.stack(np.meshgrid(axis, -axis), axis=-1).reshape(-1, 2)
        self.images(tag, model.predict(grid, verbose=0).reshape(1, size, size, 1), rescale=False)

    def text(self, tag: str, markdown: str) -> None:
        if self.writer is None:
            return
        with self.writer.as_default():
            tf.summary.text(tag, markdown, step=0)
        self.writer.flush()

    def metrics(self, values: dict[str, float]) -> None:
        """Record final metrics (e.g. test accuracy) for the summary table and summary.json."""
        self.final_metrics.update({key: float(value) for key, value in values.items()})
        self.scalars(values, prefix="final")

    def claim(self, statement: str, verdict: bool, **numbers: float) -> Claim:
        """The entry's central claim, measured: a sentence, whether it held, and its numbers."""
        self.result = Claim(statement, bool(verdict), {k: float(v) for k, v in numbers.items()})
        self.scalars(numbers, prefix="claim")
        self.scalars({"verdict": float(bool(verdict))}, prefix="claim")
        return self.result

    def say(self, message: str) -> None:
        """A line of commentary for the person watching."""
        if render.plain():
            print(message, flush=True)
        else:
            render.console().print(f"[dim]›[/dim] {message}")

    # -- the end of a run -----------------------------------------------------------------------
    def hparams(self) -> dict[str, Any]:
        return asdict(self.settings)

    def write_hparams(self) -> None:
        if self.writer is None:
            return
        from tensorboard.plugins.hparams import api as hp

        with self.writer.as_default():
            hp.hparams({k: v for k, v in self.hparams().items() if v != ""},
                       trial_id=f"{self.entry.name}/{self.dir.name}")
        self.writer.flush()

    def _saved(self) -> dict[str, Any]:
        return json.loads((self.dir / RUN_FILE).read_text())

    def record_session(self) -> None:
        """Add this session's time to run.json, so a resumed run's wall time covers all sessions."""
        if self._dir is None:
            return
        saved = self._saved()
        saved["earlier_seconds"] = saved.get("earlier_seconds", 0.0) + time.perf_counter() - self.started
        saved["sessions"] = saved.get("sessions", 1) + 1
        checkpoints.atomic_write_text(self.dir / RUN_FILE, json.dumps(saved, indent=2))

    def finish(self, device: str) -> dict[str, Any]:
        """Save the model, the hparams and summary.json; returns the summary."""
        if self.model is not None:
            self.model.save(self.dir / "model.keras")
        self.write_hparams()
        summary = {
            "entry": self.entry.name,
            "status": "finished",
            "run_dir": str(self.dir),
            "hparams": self.hparams(),
            "metrics": self.final_metrics,
            "claim": asdict(self.result) if self.result else None,
            "device": device,
            "determinism": determinism(self.settings),
            "throughput": self.throughput,
            "distribution": self.distribution.describe(self.settings),
            "versions": versions(),
            "wall_seconds": round(time.perf_counter() - self.started
                                  + self._saved().get("earlier_seconds", 0.0), 2),
            "sessions": self._saved().get("sessions", 1),
            "finished_at": dt.datetime.now().isoformat(timespec="seconds"),
        }
        tmp = self.dir / "summary.json.tmp"
        tmp.write_text(json.dumps(summary, indent=2) + "\n")
        os.replace(tmp, self.dir / "summary.json")  # never a half-written summary
        if self._writer is not None:
            self._writer.close()
        return summary


CPU_REPLICAS_ENV = "NUTSHELL_CPU_REPLICAS"


@dataclass
class Distribution:
    """How training is spread: a tf.distribute strategy (or none) and what it implies."""

    strategy: Any = None
    replicas: int = 1
    chief: bool = True

    def scope(self):
        import contextlib

        return self.strategy.scope() if self.strategy is not None else contextlib.nullcontext()

    def describe(self, settings: Settings) -> dict[str, Any]:
        return {"strategy": settings.strategy, "replicas": self.replicas,
                "per_replica_batch_size": settings.batch_size,
                "global_batch_size": settings.batch_size * self.replicas,
                "learning_rate": settings.learning_rate * self.replicas,
                "rule": "global batch = per-replica batch x replicas; learning rate scaled linearly"}


def distribute(settings: Settings) -> Distribution:
    """Build the tf.distribute strategy that --strategy names.

    mirrored: every GPU of this machine (or, with NUTSHELL_CPU_REPLICAS=n and no GPU, n logical
    CPU devices, to try it out). multi-worker: MultiWorkerMirroredStrategy across the machines
    that TF_CONFIG lists; only the chief writes the run, the other workers log to a scratch dir.
    """
    if settings.strategy == "none":
        return Distribution()
    if keras.backend.backend() != "tensorflow":
        raise SetupError("--strategy needs the TensorFlow backend (KERAS_BACKEND=tensorflow)")
    if settings.strategy == "mirrored":
        gpus = tf.config.list_logical_devices("GPU")
        devices = [d.name for d in gpus] or [d.name for d in tf.config.list_logical_devices("CPU")]
        strategy = tf.distribute.MirroredStrategy(devices=devices)
        return Distribution(strategy, strategy.num_replicas_in_sync)
    if not os.environ.get("TF_CONFIG"):
        raise SetupError("--strategy multi-worker needs TF_CONFIG describing the workers")
    _patch_keras_multi_worker_reduce()
    strategy = tf.distribute.MultiWorkerMirroredStrategy()
    resolver = strategy.cluster_resolver
    chief = resolver.task_type == "chief" or (resolver.task_type == "worker" and resolver.task_id == 0
                                              and "chief" not in resolver.cluster_spec().as_dict())
    return Distribution(strategy, strategy.num_replicas_in_sync, chief)


def _patch_keras_multi_worker_reduce() -> None:
    """Work around keras-team/keras#20585: Keras 3 cannot fit under MultiWorkerMirroredStrategy.

    Its TensorFlow trainer averages each per-replica metric across workers with
    `strategy.reduce("MEAN", value, axis=0)`, which fails for the scalar loss and metrics (rank 0
    has no axis 0). Scalars are averaged over the replicas with axis=None instead; everything
    else goes to Keras unchanged. Installed only for --strategy multi-worker.
    """
    from keras.src.backend.tensorflow import trainer as tf_trainer

    original = tf_trainer.reduce_per_replica
    if getattr(original, "nutshell_patch", False):
        return

    def reduce_per_replica(values, strategy, reduction):
        if reduction in ("auto", "mean") and tf_trainer._collective_all_reduce_multi_worker(strategy):
            def mean(value):
                local = strategy.experimental_local_results(value)[0]
                return strategy.reduce("MEAN", value, axis=0 if local.shape.rank else None)

            return tf.nest.map_structure(mean, values)
        return original(values, strategy, reduction)

    reduce_per_replica.nutshell_patch = True
    tf_trainer.reduce_per_replica = reduce_per_replica


def split_cpu(replicas: int) -> None:
    """Present the CPU as `replicas` logical devices (must run before TensorFlow starts up)."""
    cpu = tf.config.list_physical_devices("CPU")[0]
    tf.config.set_logical_device_configuration(
        cpu, [tf.config.LogicalDeviceConfiguration() for _ in range(replicas)])


def configure(settings: Settings) -> str:
    """Seed everything, set precision, and return a description of the training device."""
    replicas = int(os.environ.get(CPU_REPLICAS_ENV, "0") or 0)
    if replicas > 1 and tf is not None and not tf.config.list_physical_devices("GPU"):
        split_cpu(replicas)
    keras.utils.set_random_seed(settings.seed)
    if keras.backend.backend() == "tensorflow" and settings.deterministic:
        # Same seed, same machine, same numbers, bit for bit (see determinism() for the cost).
        tf.config.experimental.enable_op_determinism()
    device = describe_device()
    if settings.precision == "mixed":
        # float16 needs a GPU's tensor cores; on a CPU bfloat16 is the mixed type that helps.
        keras.config.set_dtype_policy("mixed_float16" if device.startswith("GPU") else "mixed_bfloat16")
    else:
        keras.config.set_dtype_policy("float32")
    return device


def _signal_as_interrupt(signum, frame):
    if not checkpoints.DeferredInterrupt.request():
        raise KeyboardInterrupt


def run_demo(entry, settings: Settings, logdir: Path, quiet: bool = True,
             resume_dir: Path | None = None) -> dict[str, Any]:
    """Run `entry`'s demo with `settings` and return its summary (also written to summary.json).

    Ctrl-C and SIGTERM stop training within a batch and raise Interrupted; the finished epochs'
    checkpoints stay, and `resume_dir` continues such a run in the same directory. A diverging
    loss raises checkpoints.NonFiniteLoss with the logs kept. A run that fails before it logged
    anything leaves no directory behind.
    """
    with native_stderr_silenced(enabled=quiet):  # device probing logs from C++
        device = configure(settings)
        distribution = distribute(settings)
    if not distribution.chief:  # only the chief's run is kept; other workers write scratch logs
        import tempfile

        logdir = Path(tempfile.mkdtemp(prefix="nutshell-worker-"))
    run = Run(entry, settings, logdir, run_dir=resume_dir, distribution=distribution)
    module = importlib.import_module(entry.module)
    render_header(run, device)
    # Installed for SIGINT too: a process started in the background inherits "ignore SIGINT".
    previous = {sig: signal.signal(sig, _signal_as_interrupt) for sig in (signal.SIGINT, signal.SIGTERM)}
    try:
        with distribution.scope():  # models built in the demo get mirrored variables
            module.demo(run)
    except KeyboardInterrupt:
        run.record_session()
        raise Interrupted(run._dir) from None
    except checkpoints.NonFiniteLoss:
        run.record_session()
        raise
    except BaseException:
        if resume_dir is None and run._dir is not None and _holds_nothing(run._dir):
            shutil.rmtree(run._dir, ignore_errors=True)
        raise
    finally:
        checkpoints.DeferredInterrupt.training = False
        for sig, handler in previous.items():
            signal.signal(sig, handler)
    run.text("explanation", entry.explanation)
    summary = run.finish(device)
    render_summary(summary)
    return summary


def _holds_nothing(run_dir: Path) -> bool:
    """True if a run directory has nothing worth keeping: at most its settings file."""
    return all(path.name == RUN_FILE for path in run_dir.iterdir())


def render_header(run: Run, device: str) -> None:
    s = run.settings
    mode = " (quick)" if s.quick else ""
    run.say(f"nutshell demo {run.entry.name}{mode}: training on {device}; epochs {s.epochs}, "
            f"batch {s.batch_size}, learning rate {s.learning_rate:g}, seed {s.seed}, "
            f"precision {s.precision}, jit {'on' if s.jit else 'off'}")


def _number(value: float) -> str:
    """Counts read as counts (128,049,152), measurements keep four significant digits."""
    if float(value).is_integer() and abs(value) >= 1000:
        return f"{value:,.0f}"
    return f"{value:.4g}"


def render_summary(summary: dict[str, Any]) -> None:
    claim = summary["claim"]
    verdict = "holds" if claim and claim["verdict"] else "does NOT hold"
    board = f"nutshell board --logdir {Path(summary['run_dir']).parent.parent}"
    if render.plain():
        print("\nResult")
        for key, value in summary["metrics"].items():
            print(f"  {key}: {value:.4f}")
        if claim:
            print(f"  claim: {claim['statement']}")
            print(f"  verdict: {verdict}")
            for key, value in claim["numbers"].items():
                print(f"    {key}: {_number(value)}")
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
        colour = "green" if claim["verdict"] else "red"
        table.add_row("claim", claim["statement"])
        table.add_row("verdict", f"[{colour}]{verdict}[/{colour}]")
        table.add_row("numbers", "\n".join(f"{k} = {_number(v)}" for k, v in claim["numbers"].items()))
    table.add_row("run", summary["run_dir"])
    table.add_row("time", f"{summary['wall_seconds']:.1f} s on {summary['device']}")
    table.add_row("browse", board)
    render.console().print(table)
