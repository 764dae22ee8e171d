"""vanishing-gradient: the weight-change measure; the claim is measured, and fails when the
"deep" network is as shallow as the other."""

import numpy as np
import pytest

import nutshell.glossary.vanishing_gradient as vanishing
from nutshell import glossary
from nutshell.errors import UserError
from nutshell.glossary import _claims
from nutshell.glossary.vanishing_gradient import claim_parts, relative_change_by_layer
from nutshell.settings import demo_settings
from tests.helpers import assert_fails_through


def test_relative_change_by_layer():
    before = [np.ones((2, 2)), np.full((3,), 2.0)]
    after = [np.ones((2, 2)), np.full((3,), 3.0)]
    assert relative_change_by_layer(before, after) == pytest.approx([0.0, 0.5])


MEASURED = {
    "deep_accuracy": 0.10,
    "deep_ratio": 70_000.0,
    "shallow_accuracy": 0.78,
    "relu_accuracy": 0.81,
    "relu_ratio": 0.45,
}


def test_the_claim_holds_for_numbers_like_the_measured_ones():
    assert _claims.verdict(claim_parts(**MEASURED)) is True


@pytest.mark.parametrize(
    "change, failing",
    [
        ({"deep_accuracy": 0.8}, "sigmoid_deep_accuracy"),  # the deep sigmoid net learned
        ({"deep_ratio": 3.0}, "sigmoid_deep_last_over_first"),  # its first layer moved as well
        ({"shallow_accuracy": 0.1}, "sigmoid_shallow_accuracy"),  # sigmoid units cannot learn at all
        ({"relu_accuracy": 0.1}, "relu_deep_accuracy"),  # ReLU does not rescue depth
        ({"relu_ratio": 5000.0}, "relu_deep_last_over_first"),
    ],
    ids=["deep-learns", "first-layer-moves", "shallow-stuck", "relu-stuck", "relu-vanishes"],
)
def test_the_claim_can_fail(change, failing):
    parts = {part.name: part for part in claim_parts(**{**MEASURED, **change})}
    assert not parts[failing].held and _claims.verdict(list(parts.values())) is False


def test_the_cli_refuses_a_single_learning_rate():
    with pytest.raises(UserError, match="does not use --learning-rate"):
        demo_settings(glossary.lookup("vanishing-gradient"), learning_rate=0.1)


def test_quick_demo_measures_the_claim(quick_demo):
    summary = quick_demo("vanishing-gradient")
    assert summary["claim"]["numbers"]["sigmoid_deep_first_layer_change"] < 1e-3
    assert summary["claim"]["verdict"] is True


def test_without_depth_the_claim_fails(quick_demo, monkeypatch):
    """The concept removed: depth. The "deep" sigmoid net has the shallow net's 2 hidden layers,
    so no long chain of small slopes stands between its first layer and the loss."""
    monkeypatch.setattr(vanishing, "DEEP", 2)
    assert_fails_through(quick_demo("vanishing-gradient"), "sigmoid_deep_accuracy", "sigmoid_deep_last_over_first")


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


def measured(deep, shallow):
    return claim_parts(deep, 50_000.0 if deep <= 0.3 else 2.0, shallow, 0.8, 0.5), {}


OUTCOMES = [  # (what each seed measured, the option it shows)
    ([measured(0.10, 0.86)] * 3, "A"),  # as measured
    ([measured(0.90, 0.86)] * 3, "B"),
    ([measured(0.60, 0.86)] * 3, "C"),
    ([measured(0.10, 0.12)] * 3, "D"),
    ([measured(0.10, 0.86), measured(0.40, 0.86)], "E"),
]


@pytest.mark.parametrize("seeds, option", OUTCOMES, ids=[option for _, option in OUTCOMES])
def test_outcome_names_the_option_the_numbers_show(seeds, option):
    from nutshell.glossary import vanishing_gradient as predicted

    assert predicted.outcome(recorded(*seeds)) == option


def test_every_prediction_option_can_be_the_outcome():
    from nutshell.glossary import vanishing_gradient as predicted

    assert {option for _, option in OUTCOMES} == set(predicted.PREDICT["options"])
