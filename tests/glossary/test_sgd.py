"""sgd: the mini-batch noise estimate follows variance / B on a case with a known answer; the
claim is measured, and fails when the "mini-batch" is the whole training set."""

import math

import numpy as np
import pytest

from nutshell.glossary import _claims
from nutshell.glossary.sgd import _epochs_to, claim_parts, measure, minibatch_gradient_noise
from tests.helpers import assert_fails_through


def test_noise_of_a_mean_falls_as_one_over_batch_size():
    values = np.random.default_rng(0).normal(3.0, 2.0, (5000, 4))  # 4 "parameters", variance 4 each
    noise = minibatch_gradient_noise(
        lambda indices: values[indices].mean(axis=0), len(values), (1, 10, 100), draws=2000, seed=1
    )
    expected = 4 * values.var(axis=0).mean()  # summed over the 4 parameters
    for size, measured in noise.items():
        assert abs(measured * size / expected - 1) < 0.1, (size, measured)


def test_measure_reads_the_race():
    numbers = measure({1: 10.0, 10: 1.0, 100: 0.1}, [0.9, 0.4, 0.2], [2.0, 1.9, 1.8])
    assert numbers["noise_slope"] == pytest.approx(-1.0)
    assert numbers["mini_batch_epochs_to_target"] == 2
    assert numbers["full_batch_loss_over_mini_batch"] == pytest.approx(9.0)
    assert math.isnan(measure({1: 1.0, 2: 0.5}, [0.9, 0.8], [1.0, 1.0])["mini_batch_epochs_to_target"])
    assert _epochs_to([0.7, 0.5], 0.5) == 2 and _epochs_to([0.7], 0.5) is None


def test_the_claim_holds_for_numbers_like_the_measured_ones():
    assert _claims.verdict(claim_parts(noise_slope=-1.0, epochs_to_target=3, full_over_mini=9.0)) is True


@pytest.mark.parametrize(
    "numbers, failing",
    [
        ({"epochs_to_target": float("nan")}, "mini_batch_epochs_to_target"),  # never reached
        ({"epochs_to_target": 6}, "mini_batch_epochs_to_target"),
        ({"full_over_mini": 1.1}, "full_batch_loss_over_mini_batch"),
    ],
    ids=["never", "late", "no-faster"],
)
def test_the_claim_can_fail(numbers, failing):
    parts = {
        part.name: part
        for part in claim_parts(**{"noise_slope": -1.0, "epochs_to_target": 2, "full_over_mini": 9.0, **numbers})
    }
    assert not parts[failing].held and _claims.verdict(list(parts.values())) is False


def test_a_wrong_noise_slope_is_a_failed_check_not_a_vote():
    parts = claim_parts(noise_slope=-0.5, epochs_to_target=2, full_over_mini=9.0)
    assert [p.name for p in parts if not p.held] == ["noise_slope_at_most"]
    assert all(p.kind == "identity" for p in parts if p.name.startswith("noise_slope"))


def test_quick_demo_measures_the_claim(quick_demo):
    summary = quick_demo("sgd")
    numbers = summary["claim"]["numbers"]
    assert numbers["noise_batch_1"] > numbers["noise_batch_4"] > numbers["noise_batch_256"]
    assert numbers["full_batch_final_loss"] > numbers["mini_batch_final_loss"]
    assert summary["claim"]["verdict"] is True


def test_without_mini_batches_the_claim_fails(quick_demo):
    """The concept removed: a "mini-batch" of 4,096 holds the whole training set, so both racers
    take one full-batch step an epoch."""
    summary = quick_demo("sgd", batch_size=4096)
    assert_fails_through(summary, "full_batch_loss_over_mini_batch", "mini_batch_epochs_to_target")


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


def measured(epochs_to_target, full_over_mini):
    return claim_parts(-1.0, epochs_to_target, full_over_mini), {}


OUTCOMES = [  # (what each seed measured, the option it shows)
    ([measured(2, 10.5)] * 3, "A"),  # as measured: 2.0 against 0.19
    ([measured(6, 0.5)] * 3, "B"),
    ([measured(6, 1.05)] * 3, "C"),
    ([measured(2, 10.5), measured(3, 2.0)], "D"),
]


@pytest.mark.parametrize("seeds, option", OUTCOMES, ids=[option for _, option in OUTCOMES])
def test_outcome_names_the_option_the_numbers_show(seeds, option):
    from nutshell.glossary import sgd as predicted

    assert predicted.outcome(recorded(*seeds)) == option


def test_every_prediction_option_can_be_the_outcome():
    from nutshell.glossary import sgd as predicted

    assert {option for _, option in OUTCOMES} == set(predicted.PREDICT["options"])
