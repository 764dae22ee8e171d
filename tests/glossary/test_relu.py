"""relu: what counts as a dead unit; the claim's parts; the demo measures the claim, and with a
leaky ReLU in place of ReLU (no flat side, so no unit is cut off) the claim fails."""

import numpy as np
import pytest

from nutshell.glossary import _claims, relu
from nutshell.glossary.relu import claim_parts, dead_units
from tests.helpers import assert_fails_through


def test_a_unit_is_dead_only_if_it_is_zero_on_every_input():
    outputs = np.array([[0.0, 0.0, 3.0, 0.0], [0.0, 1e-6, 0.0, 0.0], [0.0, 0.0, 0.0, 0.0]])
    assert dead_units(outputs).tolist() == [True, False, False, True]


def test_a_unit_that_answers_with_negative_values_is_not_silent():
    # a leaky unit below zero still passes a signal (and a gradient): not dead
    assert dead_units(np.array([[-0.2, 0.0], [-0.5, 0.0]])).tolist() == [False, True]


def test_the_claim_holds_for_numbers_like_the_measured_ones():
    assert _claims.verdict(claim_parts(0.05, 0.9, 0)) is True


@pytest.mark.parametrize(
    "numbers, failing",
    [
        ((0.05, 0.2, 0), "dead_share_rate_too_large"),  # the large rate did little harm
        ((0.4, 0.9, 0), "dead_share_usual_rate"),  # even the usual rate kills many
    ],
    ids=["large-rate-harmless", "usual-rate-harmful"],
)
def test_the_claim_can_fail(numbers, failing):
    parts = {part.name: part for part in claim_parts(*numbers)}
    assert not parts[failing].held and _claims.verdict(list(parts.values())) is False


def test_none_revive_is_a_check_not_a_vote():
    (part,) = [p for p in claim_parts(0.05, 0.9, 3) if p.name == "revived_units"]
    assert part.kind == "identity" and not part.held


def test_quick_demo_measures_the_claim(quick_demo):
    summary = quick_demo("relu")
    assert summary["claim"]["verdict"] is True
    assert all(part["held"] == part["of"] for part in summary["claim"]["parts"])
    assert summary["claim"]["numbers"]["revived_units"] == 0


def test_without_the_flat_side_the_claim_fails(quick_demo, monkeypatch):
    """The concept removed: leaky ReLU (slope 0.2 below zero) in place of ReLU. A unit pushed below
    zero still answers and still learns, so the large rate leaves no silent unit."""
    monkeypatch.setattr(relu, "ACTIVATION", "leaky_relu")
    assert_fails_through(quick_demo("relu"), "dead_share_rate_too_large")


# -- the prediction question: outcome(claim) on recorded-style claims, no training -----------------


def recorded(*seeds):
    """The claim as summary.json stores it, aggregated by the harness from each seed's (parts,
    context numbers)."""
    from types import SimpleNamespace

    from nutshell.run import Claim, verdict_over_seeds

    return verdict_over_seeds(
        [
            SimpleNamespace(result=Claim("", tuple(parts), {**{part.name: part.value for part in parts}, **context}))
            for parts, context in seeds
        ]
    )


def measured(dead_usual, dead_too_large):
    return claim_parts(dead_usual, dead_too_large, 0), {"dead_share_at_start": 0.02}


OUTCOMES = [  # (what each seed measured, the option it shows)
    ([measured(0.05, 0.92)] * 3, "B"),  # as measured
    ([measured(0.05, 0.10)] * 3, "A"),  # leaky ReLU: nothing falls silent
    ([measured(0.60, 0.10)] * 3, "C"),
    ([measured(0.60, 0.92)] * 3, "D"),
    ([measured(0.05, 0.92), measured(0.05, 0.30)], "E"),
]


@pytest.mark.parametrize("seeds, option", OUTCOMES, ids=[option for _, option in OUTCOMES])
def test_outcome_names_the_option_the_numbers_show(seeds, option):
    assert relu.outcome(recorded(*seeds)) == option


def test_every_prediction_option_can_be_the_outcome():
    assert {option for _, option in OUTCOMES} == set(relu.PREDICT["options"])
