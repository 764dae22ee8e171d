"""A claim as data: named parts, each a measured value held against a bar (not an entry).

A demo's claim is a list of parts such as `at_most("gap_ratio", 0.61, 0.8)`. Each part knows
whether it held and by what margin, so the verdict, the statement's numbers, the verdict card and
the claims ledger all read the same objects and cannot drift apart:

- the verdict is the conjunction of the `measured` parts (what a trained model can fail);
- `identity` parts are true by construction (a softmax sums to one, a parameter count): they are
  shown as checks beside the verdict, never as evidence for it;
- `timing` parts depend on how busy the machine is: shown with their result, left out of the
  verdict and of the bit-identical promise.

The margin is how far the value sits from its bar, relative to the bar: +0.25 means a quarter of
the bar to spare, a negative margin means the part failed. Keras-free and pure, so the glossary's
claim functions and the front door's renderer both import it.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Literal

Kind = Literal["measured", "identity", "timing"]
KINDS: tuple[str, ...] = ("measured", "identity", "timing")

__all__ = ["Part", "at_least", "at_most", "verdict", "statement", "recorded_parts", "held_on_some_seeds"]


@dataclass(frozen=True)
class Part:
    """One measured number of a claim, the bar it must clear, and which way."""

    name: str
    value: float
    bar: float
    at_least: bool  # True: value >= bar holds; False: value <= bar holds
    kind: Kind = "measured"

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise ValueError(f"part '{self.name}': kind must be one of {KINDS}, not {self.kind!r}")
        if not math.isfinite(self.bar):
            raise ValueError(f"part '{self.name}': the bar must be a finite number, not {self.bar}")

    @property
    def held(self) -> bool:
        if not math.isfinite(self.value):
            return False
        return self.value >= self.bar if self.at_least else self.value <= self.bar

    @property
    def margin(self) -> float:
        """(value - bar) / |bar| in the direction that holds; the plain difference when the bar is 0."""
        if not math.isfinite(self.value):
            return -math.inf
        spare = self.value - self.bar if self.at_least else self.bar - self.value
        return spare / abs(self.bar) if self.bar else spare

    @property
    def comparison(self) -> str:
        return ">=" if self.at_least else "<="

    def __format__(self, spec: str) -> str:
        """In a statement, `{name}` is the part's bar: `{gap_ratio:.0%}` -> `80%`."""
        return format(self.bar, spec) if spec else f"{self.bar:g}"

    def as_dict(self) -> dict[str, object]:
        return {
            "name": self.name,
            "value": float(self.value),
            "bar": float(self.bar),
            "comparison": self.comparison,
            "kind": self.kind,
            "held": self.held,
            "margin": float(self.margin),
        }


def at_least(name: str, value: float, bar: float, kind: Kind = "measured") -> Part:
    """A part that holds when `value >= bar`."""
    return Part(name, float(value), float(bar), at_least=True, kind=kind)


def at_most(name: str, value: float, bar: float, kind: Kind = "measured") -> Part:
    """A part that holds when `value <= bar`."""
    return Part(name, float(value), float(bar), at_least=False, kind=kind)


def verdict(parts: list[Part] | tuple[Part, ...]) -> bool:
    """Whether the claim holds: every measured part held (identity and timing parts do not vote)."""
    measured = [part for part in parts if part.kind == "measured"]
    if not measured:
        raise ValueError("a claim needs at least one measured part that a trained model can fail")
    return all(part.held for part in measured)


def statement(template: str, parts: list[Part] | tuple[Part, ...]) -> str:
    """The claim's sentence with each `{part_name}` (or `{part_name:spec}`) replaced by its bar.

    Writing the bars into the sentence from the parts means the text and the rule cannot drift.
    """
    return template.format_map({part.name: part for part in parts})


# -- reading a recorded claim (summary.json, the ledger): what each entry's outcome() starts from --


def recorded_parts(claim: Mapping[str, Any]) -> dict[str, dict[str, Any]]:
    """A recorded claim's parts by name (summary.json and the ledger keep them as a list)."""
    return {part["name"]: part for part in claim["parts"]}


def held_on_some_seeds(*parts: Mapping[str, Any]) -> bool:
    """Whether any of these recorded parts (or whole claims) held on some seeds but not on all:
    the "it depends on the seed" answer of a PREDICT question."""
    return any(0 < part["held"] < part["of"] for part in parts)
