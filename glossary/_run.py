"""What a demo may ask of the run it is handed: the `Run` protocol (not an entry).

The front door's `nutshell.run.Run` implements it. Entries type `demo(run: Run)` against this
protocol, so they document and check the verbs they use without importing the front door (the
arrows point one way: front door -> glossary -> keras).
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any, Protocol

from nutshell.glossary._claims import Part


class Settings(Protocol):
    # Read-only (properties): the run's Settings is a frozen dataclass, and a demo only reads it.
    @property
    def epochs(self) -> int: ...
    @property
    def batch_size(self) -> int: ...
    @property
    def learning_rate(self) -> float: ...
    @property
    def seed(self) -> int: ...
    @property
    def dataset(self) -> str: ...
    @property
    def quick(self) -> bool: ...


class Run(Protocol):
    """The verbs a demo uses: read the settings, load data, train, log, claim, say."""

    @property
    def settings(self) -> Settings: ...

    @property
    def quick(self) -> bool: ...
    @property
    def seed(self) -> int: ...
    @property
    def epochs(self) -> int: ...
    @property
    def batch_size(self) -> int: ...
    @property
    def learning_rate(self) -> float: ...
    @property
    def dir(self) -> Path: ...

    def load_images(self, quick: tuple[int, int | None] | None = None) -> Any: ...
    def compile(
        self, model: Any, *, loss: Any, metrics: Sequence[Any] = (), optimizer: Any = "adam", **optimizer_kwargs: Any
    ) -> Any: ...
    def fit(
        self,
        model: Any,
        x: Any,
        y: Any = None,
        *,
        validation_data: Any = None,
        name: str | None = None,
        epochs: int | None = None,
        batch_size: int | None = None,
        callbacks: Sequence[Any] = (),
        **kwargs: Any,
    ) -> dict[str, list[float]]: ...
    def train_and_evaluate(
        self,
        model: Any,
        train: Any,
        test: Any,
        *,
        loss: Any,
        metrics: Sequence[Any] = (),
        name: str | None = None,
        optimizer: Any = "adam",
        callbacks: Sequence[Any] = (),
        epochs: int | None = None,
        batch_size: int | None = None,
    ) -> dict[str, float]: ...
    def scalars(self, values: dict[str, float], step: int = 0, prefix: str = "result") -> None: ...
    def images(
        self, tag: str, images: Any, step: int = 0, max_outputs: int = 16, enlarge: int = 1, rescale: bool = True
    ) -> None: ...
    def mosaic(
        self,
        tag: str,
        tiles: Any,
        columns: int = 8,
        enlarge: int = 8,
        rescale: bool = True,
        gap_value: float = 1.0,
        step: int = 0,
    ) -> None: ...
    def decision_surface(self, tag: str, model: Any, extent: float = 2.0, size: int = 64) -> None: ...
    def text(self, tag: str, markdown: str) -> None: ...
    def table(self, tag: str, header: list[str], rows: list[list[Any]], align: str = "") -> str: ...
    def metrics(self, values: dict[str, float]) -> None: ...
    def claim(
        self, statement: str, parts: list[Part], *, anchor: dict[str, Any] | None = None, **context: float
    ) -> Any: ...
    def say(self, message: str) -> None: ...
