"""sigmoid: logit inverts it, the calibration error scores honest and overconfident forecasters
as it should; the demo's claim is measured, and fails with the hard step in place of the sigmoid."""

import numpy as np
import pytest
from keras import ops

from nutshell.glossary import _claims, activation
from nutshell.glossary.activation import sigmoid
from nutshell.glossary.sigmoid import _calibration_rows, claim_parts, expected_calibration_error, logit
from tests.helpers import assert_fails_through


def test_logit_inverts_the_sigmoid():
    z = np.linspace(-8, 8, 33)
    np.testing.assert_allclose(logit(ops.convert_to_numpy(sigmoid(z))), z, rtol=1e-4, atol=1e-4)


def test_numbers_of_the_entry():
    assert float(sigmoid(2.0)) == pytest.approx(0.881, abs=5e-4)
    slope = float(sigmoid(5.0) * (1 - sigmoid(5.0)))
    assert slope == pytest.approx(0.0066, abs=5e-5) and slope / 0.25 < 0.03


def test_calibration_error_of_honest_and_overconfident_forecasts():
    rng = np.random.default_rng(0)
    p = rng.uniform(0, 1, 200_000)
    y = rng.random(len(p)) < p
    assert expected_calibration_error(p, y) < 0.005  # says p, right with frequency p
    overconfident = np.where(p > 0.5, 0.99, 0.01)  # same guesses, stated as near-certain
    assert expected_calibration_error(overconfident, y) > 0.2
    assert expected_calibration_error([0.8, 0.8, 0.8, 0.8], [1, 1, 1, 0]) == pytest.approx(0.05)


def test_calibration_rows_count_every_point_once():
    p = np.array([0.05, 0.15, 0.17, 0.95, 1.0])
    rows = _calibration_rows(p, np.array([0, 0, 1, 1, 1]))
    assert [row[0] for row in rows] == [0, 1, 9] and sum(row[1] for row in rows) == 5
    assert rows[1][2:] == [pytest.approx(0.16), 0.5]


def test_the_claim_holds_for_numbers_like_the_measured_ones():
    assert _claims.verdict(claim_parts(0.015, 0.008)) is True


@pytest.mark.parametrize(
    "numbers, failing",
    [
        ((0.12, 0.008), "mean_probability_gap"),  # far from the true probability
        ((0.015, 0.08), "calibration_error"),  # "70%" does not come true 70% of the time
    ],
    ids=["far-from-truth", "miscalibrated"],
)
def test_the_claim_can_fail(numbers, failing):
    parts = {part.name: part for part in claim_parts(*numbers)}
    assert not parts[failing].held and _claims.verdict(list(parts.values())) is False


def test_quick_demo_measures_the_claim(quick_demo):
    summary = quick_demo("sigmoid")
    assert summary["claim"]["verdict"] is True
    assert all(part["held"] == part["of"] for part in summary["claim"]["parts"])


def test_without_the_sigmoid_the_claim_fails(quick_demo, monkeypatch):
    """The concept removed: the output's sigmoid becomes the hard step it smooths (1 for z > 0,
    else 0, slope 0), the perceptron's output. It can only say 0 or 1, never a probability, and
    with no slope to follow the weights get no gradient at all."""

    def step(z):
        z = ops.convert_to_tensor(z)
        return ops.cast(z > 0, z.dtype) + 0.0 * z  # 0·z: a gradient of zero rather than none

    monkeypatch.setitem(activation.ACTIVATIONS, "sigmoid", (step, lambda z: 0.0 * z))
    assert_fails_through(quick_demo("sigmoid"), "mean_probability_gap", "calibration_error")


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


def measured(gap, calibration_error):
    return claim_parts(gap, calibration_error), {"median_log_odds_gap": 0.2}


OUTCOMES = [  # (what each seed measured, the option it shows)
    ([measured(0.02, 0.01)] * 3, "B"),  # as measured: the true probability
    ([measured(0.15, 0.12)] * 3, "A"),  # a hard step: only 0 or 1
    ([measured(0.30, 0.01)] * 3, "C"),  # the base rate everywhere
    ([measured(0.02, 0.01), measured(0.02, 0.05)], "D"),
]


@pytest.mark.parametrize("seeds, option", OUTCOMES, ids=[option for _, option in OUTCOMES])
def test_outcome_names_the_option_the_numbers_show(seeds, option):
    from nutshell.glossary.sigmoid import outcome

    assert outcome(recorded(*seeds)) == option


def test_every_prediction_option_can_be_the_outcome():
    from nutshell.glossary.sigmoid import PREDICT

    assert {option for _, option in OUTCOMES} == set(PREDICT["options"])
