"""parameter: counting trainable numbers; the claim weighs and copies them, and fails when the
trained numbers are not copied into the twin."""

import keras
import numpy as np
import pytest

from nutshell.data import Split
from nutshell.glossary import _claims
from nutshell.glossary import parameter as entry
from nutshell.glossary.parameter import _network, claim_parts, count_parameters, parameter_table
from tests.helpers import assert_fails_through


def _mnist_like():
    """What _network reads of a split: 28x28x1 images, 10 classes."""
    return Split(np.zeros((1, 28, 28, 1)), np.array([9]), np.zeros((1, 28, 28, 1)), np.array([0]), name="mnist-like")


def test_counts_agree_with_keras_and_the_worked_example():
    model = _network(_mnist_like())
    assert count_parameters(model) == model.count_params() == 101_770
    table = parameter_table(model)
    assert [(layer, shape) for layer, _, shape, _ in table] == [
        ("hidden_1", (784, 128)),
        ("hidden_1", (128,)),
        ("output", (128, 10)),
        ("output", (10,)),
    ]
    assert sum(n for *_, n in table) == 101_770


def test_non_trainable_numbers_are_not_parameters():
    model = keras.Sequential([keras.Input((4,)), keras.layers.Dense(3), keras.layers.BatchNormalization()])
    # Dense 4·3 + 3; batch norm learns γ and β (3 + 3) but only tracks its mean and variance
    assert count_parameters(model) == 15 + 6 == model.count_params() - 6


MEASURED = {
    "counted": 101_770,
    "formula": 101_770,
    "copy_gap": 0.0,
    "untrained_accuracy": 0.11,
    "copy_accuracy": 0.9,
    "file_bytes": 4 * 101_770 + 16_584,
    "file_bytes_with_adam": 12 * 101_770 + 20_360,
}


def test_the_claim_holds_for_numbers_like_the_measured_ones():
    assert _claims.verdict(claim_parts(**MEASURED)) is True


@pytest.mark.parametrize(
    "change, failing",
    [
        ({"copy_accuracy": 0.11}, "copy_accuracy"),  # the twin did not get what was learned
        ({"untrained_accuracy": 0.5}, "untrained_accuracy"),  # the architecture alone already knew
    ],
    ids=["nothing-copied", "not-at-chance"],
)
def test_the_claim_can_fail(change, failing):
    parts = {part.name: part for part in claim_parts(**{**MEASURED, **change})}
    assert not parts[failing].held and _claims.verdict(list(parts.values())) is False


def test_count_and_file_sizes_are_checks():
    parts = {p.name: p for p in claim_parts(**{**MEASURED, "formula": 5, "file_bytes": 10**7})}
    assert not parts["parameters_off_formula"].held and not parts["weights_file_overhead_bytes"].held
    assert {
        parts[n].kind for n in ("parameters_off_formula", "copy_prediction_gap", "weights_file_overhead_bytes")
    } == {"identity"}


def test_quick_demo_measures_the_claim(quick_demo):
    summary = quick_demo("parameter")
    numbers = summary["claim"]["numbers"]
    assert numbers["parameters"] == 101_770 and numbers["copy_prediction_gap"] == 0.0
    assert 0 < numbers["parameters_changed_by_training"] <= 101_770
    assert summary["claim"]["verdict"] is True


def test_without_the_parameters_the_claim_fails(quick_demo, monkeypatch):
    """The concept removed: the twin gets the architecture but not the trained numbers (the copy
    does nothing), and the architecture alone is at chance."""
    monkeypatch.setattr(entry, "_copy_parameters", lambda source, target: None)
    assert_fails_through(quick_demo("parameter"), "copy_accuracy")


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


def measured(copy_gap, copy_accuracy):
    return claim_parts(101_770, 101_770, copy_gap, 0.1, copy_accuracy, 424_000, 1_240_000), {}


OUTCOMES = [  # (what each seed measured, the option it shows)
    ([measured(0.0, 0.92)] * 3, "A"),  # as measured
    ([measured(0.5, 0.10)] * 3, "B"),
    ([measured(0.3, 0.5)] * 3, "C"),
    ([measured(0.0, 0.92), measured(0.3, 0.5)], "D"),
]


@pytest.mark.parametrize("seeds, option", OUTCOMES, ids=[option for _, option in OUTCOMES])
def test_outcome_names_the_option_the_numbers_show(seeds, option):
    from nutshell.glossary import parameter as predicted

    assert predicted.outcome(recorded(*seeds)) == option


def test_every_prediction_option_can_be_the_outcome():
    from nutshell.glossary import parameter as predicted

    assert {option for _, option in OUTCOMES} == set(predicted.PREDICT["options"])
