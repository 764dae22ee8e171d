"""loss-function: our losses equal Keras's and are minimised by the mean and the median; the
claim is measured, and fails when both lines are fitted with squared error, or without outliers."""

import keras
import numpy as np
import pytest
from keras import ops

import nutshell.glossary.loss_function as loss_entry
from nutshell.glossary import _claims
from nutshell.glossary.loss_function import (
    AbsoluteError,
    SquaredError,
    absolute_error,
    claim_parts,
    squared_error,
)
from tests.helpers import assert_fails_through

RNG = np.random.default_rng(0)


def test_losses_match_keras_mse_and_mae():
    y, prediction = RNG.normal(size=(20, 3)).astype("float32"), RNG.normal(size=(20, 3)).astype("float32")
    np.testing.assert_allclose(
        ops.convert_to_numpy(squared_error(y, prediction)),
        ops.convert_to_numpy(keras.losses.mean_squared_error(y, prediction)),
        rtol=1e-6,
    )
    np.testing.assert_allclose(
        ops.convert_to_numpy(absolute_error(y, prediction)),
        ops.convert_to_numpy(keras.losses.mean_absolute_error(y, prediction)),
        rtol=1e-6,
    )


def test_loss_classes_match_keras_and_round_trip_their_config():
    y, prediction = RNG.normal(size=(20, 1)).astype("float32"), RNG.normal(size=(20, 1)).astype("float32")
    for ours, theirs in (
        (SquaredError(), keras.losses.MeanSquaredError()),
        (AbsoluteError(), keras.losses.MeanAbsoluteError()),
    ):
        assert float(ours(y, prediction)) == float(theirs(y, prediction))
        again = keras.saving.deserialize_keras_object(keras.saving.serialize_keras_object(ours))
        assert type(again) is type(ours) and again.name == ours.name


def test_worked_example_of_the_entry():
    np.testing.assert_allclose(
        ops.convert_to_numpy(squared_error(np.array([3.0, 3.0]), np.array([[2.5], [5.0]]))), [0.25, 4.0]
    )


def test_best_constant_is_the_mean_for_squared_and_the_median_for_absolute_error():
    targets = np.array([1.0, 2.0, 3.0, 4.0, 40.0], dtype="float32")  # one outlier
    constants = np.linspace(0, 20, 2001, dtype="float32")

    def average(loss):
        return [
            float(np.mean(ops.convert_to_numpy(loss(targets[:, None], np.full((5, 1), c, "float32")))))
            for c in constants
        ]

    assert abs(constants[np.argmin(average(squared_error))] - targets.mean()) < 0.011  # 10
    assert abs(constants[np.argmin(average(absolute_error))] - np.median(targets)) < 0.011  # 3


def test_the_claim_holds_for_numbers_like_the_measured_ones():
    assert _claims.verdict(claim_parts(squared_miss=1.0, absolute_miss=0.08, clean_miss=0.08)) is True


@pytest.mark.parametrize(
    "numbers, failing",
    [
        ((0.2, 0.08, 0.08), "squared_error_miss"),  # not dragged
        ((1.0, 0.9, 0.08), "absolute_error_miss"),  # dragged as well
        ((1.0, 0.08, 0.6), "squared_error_clean_miss"),  # cannot even fit clean targets
    ],
    ids=["not-dragged", "absolute-dragged", "no-fit"],
)
def test_the_claim_can_fail(numbers, failing):
    parts = {part.name: part for part in claim_parts(*numbers)}
    assert not parts[failing].held and _claims.verdict(list(parts.values())) is False


def test_quick_demo_measures_the_claim(quick_demo):
    summary = quick_demo("loss-function")
    numbers = summary["claim"]["numbers"]
    assert numbers["squared_error_intercept"] > numbers["absolute_error_intercept"] + 0.5
    assert summary["claim"]["verdict"] is True


def test_without_a_choice_of_loss_the_claim_fails(quick_demo, monkeypatch):
    """The concept removed: the choice of loss. Both lines on corrupted targets are fitted with
    squared error, so the "absolute error" line is dragged as well."""
    monkeypatch.setattr(loss_entry, "AbsoluteError", SquaredError)
    assert_fails_through(quick_demo("loss-function"), "absolute_error_miss")


def test_without_outliers_the_claim_fails(quick_demo, monkeypatch):
    monkeypatch.setattr(loss_entry, "OUTLIER_SHARE", 0.0)
    assert_fails_through(quick_demo("loss-function"), "squared_error_miss")  # nothing to drag the line


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


def measured(squared, absolute):
    return claim_parts(squared, absolute, 0.08), {}


OUTCOMES = [  # (what each seed measured, the option it shows)
    ([measured(1.0, 0.08)] * 3, "A"),  # as measured
    ([measured(0.08, 1.0)] * 3, "B"),
    ([measured(0.10, 0.08)] * 3, "C"),
    ([measured(1.0, 0.08), measured(0.3, 0.08)], "D"),
]


@pytest.mark.parametrize("seeds, option", OUTCOMES, ids=[option for _, option in OUTCOMES])
def test_outcome_names_the_option_the_numbers_show(seeds, option):
    from nutshell.glossary import loss_function as predicted

    assert predicted.outcome(recorded(*seeds)) == option


def test_every_prediction_option_can_be_the_outcome():
    from nutshell.glossary import loss_function as predicted

    assert {option for _, option in OUTCOMES} == set(predicted.PREDICT["options"])
