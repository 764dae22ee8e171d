"""supervised-learning: the labeller's mistake is applied as written, the entry's loss example
holds, and the claim (more labels help, label errors are learned) is measured, and fails when the
labels no longer belong to their images."""

import keras
import numpy as np
import pytest

from nutshell.glossary import _claims
from nutshell.glossary import supervised_learning as entry
from nutshell.glossary.machine_learning import draws_per_epoch
from nutshell.glossary.supervised_learning import claim_parts, measure, relabel
from tests.helpers import assert_fails_through


def test_relabel_changes_only_the_source_class_and_copies():
    labels = np.array([7, 1, 7, 3, 0])
    changed = relabel(labels, 7, 1)
    assert changed.tolist() == [1, 1, 1, 3, 0]
    assert labels.tolist() == [7, 1, 7, 3, 0]  # the original answers are untouched


def test_the_cross_entropy_example_in_the_entry():
    loss = keras.losses.SparseCategoricalCrossentropy()
    assert abs(float(loss(np.array([0]), np.array([[0.7, 0.2, 0.1]]))) - 0.357) < 1e-3
    assert abs(float(loss(np.array([0]), np.array([[0.1, 0.6, 0.3]]))) - 2.303) < 1e-3


def test_measure_counts_what_the_claim_reads():
    y_test = np.array([7, 7, 1, 2, 3, 4])
    correct = np.array([7, 1, 1, 2, 3, 0])
    few = np.array([1, 1, 1, 2, 0, 0])
    mistaught = np.array([1, 1, 1, 2, 3, 4])
    numbers = measure(correct, few, mistaught, y_test, 7, 1)
    assert numbers["test_accuracy_all_labels"] == pytest.approx(4 / 6)
    assert numbers["test_accuracy_few_labels"] == pytest.approx(2 / 6)
    assert numbers["mistake_copied"] == 1.0 and numbers["correct_model_copies"] == 0.5
    assert numbers["other_classes_correct_labels"] == 0.75 and numbers["other_classes_mislabelled"] == 1.0


MEASURED = {
    "test_accuracy_all_labels": 0.91,
    "test_accuracy_few_labels": 0.87,
    "mistake_copied": 0.91,
    "other_classes_correct_labels": 0.905,
    "other_classes_mislabelled": 0.90,
}


def test_the_claim_holds_for_numbers_like_the_measured_ones():
    assert _claims.verdict(claim_parts(MEASURED)) is True


@pytest.mark.parametrize(
    "change, failing",
    [
        ({"test_accuracy_few_labels": 0.91}, "gain_from_more_labels"),
        ({"mistake_copied": 0.3}, "mistake_copied"),
        ({"other_classes_mislabelled": 0.80}, "other_classes_gap"),
    ],
    ids=["few-as-good", "mistake-not-learned", "other-classes-hurt"],
)
def test_the_claim_can_fail(change, failing):
    parts = {part.name: part for part in claim_parts({**MEASURED, **change})}
    assert not parts[failing].held and _claims.verdict(list(parts.values())) is False


def test_quick_demo_measures_the_claim(quick_demo):
    summary = quick_demo("supervised-learning")
    numbers = summary["claim"]["numbers"]
    assert numbers["test_accuracy_all_labels"] > 0.5
    assert summary["claim"]["verdict"] is True


def test_without_supervision_the_claim_fails(quick_demo, monkeypatch):
    """The concept removed: the labels no longer answer their images (shuffled among them), so
    there is nothing to learn from them, however many there are."""

    def shuffled_labels(x, y, draws, seed=0):
        x, y = draws_per_epoch(x, y, draws, seed)
        return x, np.random.default_rng(seed + 1).permutation(y)

    monkeypatch.setattr(entry, "draws_per_epoch", shuffled_labels)
    assert_fails_through(quick_demo("supervised-learning"), "gain_from_more_labels", "mistake_copied")


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


def measured(copied, other_classes_mislabelled):
    return claim_parts(
        {
            "test_accuracy_all_labels": 0.92,
            "test_accuracy_few_labels": 0.88,
            "mistake_copied": copied,
            "other_classes_mislabelled": other_classes_mislabelled,
            "other_classes_correct_labels": 0.925,
        }
    ), {}


OUTCOMES = [  # (what each seed measured, the option it shows)
    ([measured(0.93, 0.92)] * 3, "A"),  # as measured
    ([measured(0.30, 0.92)] * 3, "B"),
    ([measured(0.93, 0.85)] * 3, "C"),
    ([measured(0.93, 0.92), measured(0.6, 0.92)], "D"),
]


@pytest.mark.parametrize("seeds, option", OUTCOMES, ids=[option for _, option in OUTCOMES])
def test_outcome_names_the_option_the_numbers_show(seeds, option):
    from nutshell.glossary import supervised_learning as predicted

    assert predicted.outcome(recorded(*seeds)) == option


def test_every_prediction_option_can_be_the_outcome():
    from nutshell.glossary import supervised_learning as predicted

    assert {option for _, option in OUTCOMES} == set(predicted.PREDICT["options"])
