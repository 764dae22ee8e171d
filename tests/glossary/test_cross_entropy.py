"""cross-entropy: our losses equal Keras's, the logit gradients equal autodiff; the claim is
measured, and fails when both units are trained with squared error, or the start is not saturated."""

import keras
import numpy as np
import pytest
from keras import ops

import nutshell.glossary.cross_entropy as cross_entropy_entry
from nutshell.glossary import _claims
from nutshell.glossary.backpropagation import autodiff_gradients
from nutshell.glossary.cross_entropy import (
    BinaryCrossEntropy,
    binary_cross_entropy,
    claim_parts,
    cross_entropy,
    logit_gradients,
)
from nutshell.glossary.loss_function import SquaredError, squared_error
from tests.helpers import assert_fails_through

RNG = np.random.default_rng(0)


def test_cross_entropy_matches_keras_sparse_categorical():
    q = keras.activations.softmax(RNG.normal(0, 2, (32, 5)).astype("float32"))
    labels = RNG.integers(0, 5, 32)
    np.testing.assert_allclose(
        ops.convert_to_numpy(cross_entropy(labels, q)),
        ops.convert_to_numpy(keras.losses.sparse_categorical_crossentropy(labels, q)),
        rtol=1e-5,
        atol=1e-6,
    )


def test_binary_cross_entropy_matches_keras():
    p = RNG.uniform(0, 1, (32, 1)).astype("float32")
    y = RNG.integers(0, 2, (32, 1)).astype("float32")
    np.testing.assert_allclose(
        ops.convert_to_numpy(binary_cross_entropy(y, p)),
        ops.convert_to_numpy(keras.losses.binary_crossentropy(y, p)),
        rtol=1e-5,
        atol=1e-6,
    )


def test_loss_class_matches_keras_and_round_trips_its_config():
    p = RNG.uniform(0.01, 0.99, (32, 1)).astype("float32")
    y = RNG.integers(0, 2, (32, 1)).astype("float32")
    assert float(BinaryCrossEntropy()(y, p)) == pytest.approx(float(keras.losses.BinaryCrossentropy()(y, p)), rel=1e-6)
    again = keras.saving.deserialize_keras_object(keras.saving.serialize_keras_object(BinaryCrossEntropy()))
    assert isinstance(again, BinaryCrossEntropy)


def test_worked_numbers_of_the_entry():
    q = np.array([[0.9, 0.1], [0.5, 0.5], [0.01, 0.99]], dtype="float32")
    np.testing.assert_allclose(ops.convert_to_numpy(cross_entropy(np.zeros(3), q)), [0.105, 0.693, 4.61], atol=5e-3)


@pytest.mark.parametrize("y", [0.0, 1.0])
def test_logit_gradients_equal_autodiff_of_the_losses(y):
    z = np.linspace(-12, 12, 49).astype("float32")
    labels = np.full((49, 1), y, dtype="float32")
    for name, loss in (("cross-entropy", binary_cross_entropy), ("squared error", squared_error)):
        # the mean over the batch scales each example's slope by 1/49
        (automatic,) = autodiff_gradients(lambda v, loss=loss: ops.mean(loss(labels, ops.sigmoid(v[0])[:, None])), [z])
        expected = logit_gradients(y, 1 / (1 + np.exp(-z.astype("float64"))))[name] / 49
        np.testing.assert_allclose(ops.convert_to_numpy(automatic), expected, rtol=2e-3, atol=1e-9)


def test_a_confident_mistake_gets_a_large_gradient_only_from_cross_entropy():
    p = 1 / (1 + np.exp(10.0))  # z = −10 for a positive example
    gradients = logit_gradients(1.0, p)
    assert abs(gradients["cross-entropy"]) > 0.99
    assert abs(gradients["squared error"]) < 1e-3


def test_the_claim_holds_for_numbers_like_the_measured_ones():
    assert (
        _claims.verdict(claim_parts(gradient_ratio=100.0, cross_entropy_accuracy=0.996, squared_error_accuracy=0.004))
        is True
    )


@pytest.mark.parametrize(
    "numbers, failing",
    [
        ((100.0, 0.5, 0.004), "cross_entropy_accuracy"),  # did not recover
        ((100.0, 0.996, 0.99), "squared_error_accuracy"),  # squared error recovered too
    ],
    ids=["no-recovery", "both-recover"],
)
def test_the_claim_can_fail(numbers, failing):
    parts = {part.name: part for part in claim_parts(*numbers)}
    assert not parts[failing].held and _claims.verdict(list(parts.values())) is False


def test_quick_demo_measures_the_claim(quick_demo):
    summary = quick_demo("cross-entropy")
    numbers = summary["claim"]["numbers"]
    assert numbers["cross_entropy_mean_logit_gradient"] > 0.9  # |p − y| of a confident mistake
    assert summary["claim"]["verdict"] is True


def test_without_cross_entropy_the_claim_fails(quick_demo, monkeypatch):
    """The concept removed: the first unit is trained with squared error as well, and stays
    stuck on the wrong side."""
    monkeypatch.setattr(cross_entropy_entry, "BinaryCrossEntropy", SquaredError)
    assert_fails_through(quick_demo("cross-entropy"), "cross_entropy_accuracy")


def test_claim_fails_when_the_start_is_not_saturated(quick_demo, monkeypatch):
    # wrong, but only mildly: z ≈ −0.5 at the centres, where σ' is near its peak of 0.25
    monkeypatch.setattr(cross_entropy_entry, "CONFIDENCE", 0.5)
    assert_fails_through(quick_demo("cross-entropy"), "squared_error_accuracy")


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


def measured(cross_entropy_accuracy, squared_error_accuracy):
    return claim_parts(110.0, cross_entropy_accuracy, squared_error_accuracy), {}


OUTCOMES = [  # (what each seed measured, the option it shows)
    ([measured(0.99, 0.01)] * 3, "A"),  # as measured
    ([measured(0.02, 0.98)] * 3, "B"),
    ([measured(0.99, 0.97)] * 3, "C"),
    ([measured(0.02, 0.01)] * 3, "D"),
    ([measured(0.99, 0.01), measured(0.6, 0.01)], "E"),
]


@pytest.mark.parametrize("seeds, option", OUTCOMES, ids=[option for _, option in OUTCOMES])
def test_outcome_names_the_option_the_numbers_show(seeds, option):
    from nutshell.glossary import cross_entropy as predicted

    assert predicted.outcome(recorded(*seeds)) == option


def test_every_prediction_option_can_be_the_outcome():
    from nutshell.glossary import cross_entropy as predicted

    assert {option for _, option in OUTCOMES} == set(predicted.PREDICT["options"])
