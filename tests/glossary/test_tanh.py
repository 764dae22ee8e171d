"""tanh: it is a stretched, centred sigmoid; the demo's claim is measured, and fails when the
"tanh" network is given sigmoid units."""

import numpy as np
import pytest
from keras import ops

from nutshell.glossary import _claims, tanh
from nutshell.glossary.activation import tanh_derivative
from nutshell.glossary.tanh import claim_parts, tanh_from_sigmoid
from tests.helpers import assert_fails_through


def test_tanh_is_two_sigmoid_of_two_z_minus_one():
    z = np.linspace(-10, 10, 201)
    np.testing.assert_allclose(ops.convert_to_numpy(tanh_from_sigmoid(z)), np.tanh(z), atol=2e-7)


def test_numbers_of_the_entry():
    assert float(tanh_from_sigmoid(1.0)) == pytest.approx(0.762, abs=5e-4)
    assert float(tanh_derivative(0.0)) == 1.0  # four times the sigmoid's 0.25
    assert float(tanh_derivative(2.0)) == pytest.approx(0.071, abs=5e-4)


NUMBERS = {"tanh_mean": -0.01, "sigmoid_mean": 0.48, "tanh_early": 0.88, "sigmoid_early": 0.50}


def test_the_claim_holds_for_numbers_like_the_measured_ones():
    assert _claims.verdict(claim_parts(**NUMBERS)) is True


@pytest.mark.parametrize(
    "changes, failing",
    [
        ({"tanh_mean": -0.3}, "tanh_mean_output_magnitude"),  # tanh units not centred
        ({"sigmoid_mean": 0.1}, "sigmoid_mean_output"),  # sigmoid units mostly off
        ({"tanh_early": 0.6}, "tanh_accuracy_early"),  # tanh no faster
        ({"sigmoid_early": 0.88}, "sigmoid_accuracy_early"),  # sigmoid as fast
    ],
    ids=["tanh-off-centre", "sigmoid-near-zero", "tanh-slow", "sigmoid-fast"],
)
def test_the_claim_can_fail(changes, failing):
    parts = {part.name: part for part in claim_parts(**{**NUMBERS, **changes})}
    assert not parts[failing].held and _claims.verdict(list(parts.values())) is False


def test_quick_demo_measures_the_claim(quick_demo):
    summary = quick_demo("tanh")
    assert summary["claim"]["verdict"] is True
    assert all(part["held"] == part["of"] for part in summary["claim"]["parts"])


def test_without_tanh_the_claim_fails(quick_demo, monkeypatch):
    """The concept removed: the "tanh" network gets sigmoid units too. Its outputs sit near 0.5
    and it learns no faster than the other. Two epochs suffice: the claim compares epoch 2."""
    monkeypatch.setattr(tanh, "CONTENDER", "sigmoid")
    assert_fails_through(quick_demo("tanh", epochs=2), "tanh_mean_output_magnitude", "tanh_accuracy_early")


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


def measured(tanh_early, sigmoid_early):
    return claim_parts(0.01, 0.48, tanh_early, sigmoid_early), {
        "tanh_mean_output": 0.01,
        "tanh_accuracy_final": 0.94,
        "sigmoid_accuracy_final": 0.75,
    }


OUTCOMES = [  # (what each seed measured, the option it shows)
    ([measured(0.90, 0.50)] * 3, "A"),  # as measured: tanh far ahead
    ([measured(0.60, 0.85)] * 3, "B"),
    ([measured(0.91, 0.90)] * 3, "C"),
    ([measured(0.90, 0.50), measured(0.75, 0.50)], "D"),
]


@pytest.mark.parametrize("seeds, option", OUTCOMES, ids=[option for _, option in OUTCOMES])
def test_outcome_names_the_option_the_numbers_show(seeds, option):
    assert tanh.outcome(recorded(*seeds)) == option


def test_every_prediction_option_can_be_the_outcome():
    assert {option for _, option in OUTCOMES} == set(tanh.PREDICT["options"])
