"""A claim as data: parts, their margins, the verdict and the statement built from the bars."""

from __future__ import annotations

import math

import pytest

from nutshell.glossary._claims import Part, at_least, at_most, statement, verdict


def test_a_part_holds_on_its_side_of_the_bar_and_says_by_how_much():
    assert at_least("accuracy", 0.99, 0.9).held and at_least("accuracy", 0.9, 0.9).held
    assert not at_least("accuracy", 0.8, 0.9).held
    assert at_most("ratio", 0.6, 0.8).margin == pytest.approx(0.25)
    assert at_least("accuracy", 0.72, 0.8).margin == pytest.approx(-0.1)
    assert at_least("fall", 0.3, 0.0).margin == pytest.approx(0.3)  # bar 0: the plain difference


def test_a_non_finite_value_never_holds():
    assert not at_most("loss", math.nan, 1.0).held and at_most("loss", math.nan, 1.0).margin == -math.inf


def test_only_measured_parts_vote():
    measured = at_least("accuracy", 0.95, 0.9)
    assert (
        verdict([measured, at_least("sum", 0.0, 1.0, kind="identity"), at_most("seconds", 9.0, 1.0, kind="timing")])
        is True
    )
    assert verdict([at_least("accuracy", 0.5, 0.9), measured]) is False
    with pytest.raises(ValueError, match="at least one measured part"):
        verdict([at_least("sum", 1.0, 1.0, kind="identity")])


def test_bad_parts_are_refused():
    with pytest.raises(ValueError, match="kind"):
        Part("x", 1.0, 1.0, True, kind="guess")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="finite"):
        at_least("x", 1.0, math.inf)


def test_the_statement_takes_its_numbers_from_the_bars():
    parts = [at_most("gap_ratio", 0.61, 0.8), at_least("gain", 0.2, 0.05)]
    assert (
        statement("gap shrinks to {gap_ratio:.0%} or less; gain {gain}", parts)
        == "gap shrinks to 80% or less; gain 0.05"
    )
    with pytest.raises(KeyError):
        statement("{no_such_part}", parts)
