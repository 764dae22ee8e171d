"""supervised-learning: the labeller's mistake is applied as written, the entry's loss example
holds, and the demo's claim (more labels help, label errors are learned) is measured."""

import keras
import numpy as np

from nutshell.glossary.supervised_learning import relabel


def test_relabel_changes_only_the_source_class_and_copies():
    labels = np.array([7, 1, 7, 3, 0])
    changed = relabel(labels, 7, 1)
    assert changed.tolist() == [1, 1, 1, 3, 0]
    assert labels.tolist() == [7, 1, 7, 3, 0]  # the original answers are untouched


def test_the_cross_entropy_example_in_the_entry():
    loss = keras.losses.SparseCategoricalCrossentropy()
    assert abs(float(loss(np.array([0]), np.array([[0.7, 0.2, 0.1]]))) - 0.357) < 1e-3
    assert abs(float(loss(np.array([0]), np.array([[0.1, 0.6, 0.3]]))) - 2.303) < 1e-3


def test_quick_demo_measures_the_claim(quick_demo):
    summary = quick_demo("supervised-learning")
    n = summary["claim"]["numbers"]
    assert n["test_accuracy_all_labels"] - n["test_accuracy_few_labels"] >= 0.03
    assert n["mistake_copied"] >= 0.9
    assert abs(n["other_classes_mislabelled"] - n["other_classes_correct_labels"]) <= 0.02
    assert n["test_accuracy_all_labels"] >= 0.85
    assert summary["claim"]["verdict"] is True


def test_claim_fails_when_the_models_barely_train(quick_demo):
    summary = quick_demo("supervised-learning", epochs=1, learning_rate=1e-6)
    assert summary["claim"]["numbers"]["mistake_copied"] < 0.9
    assert summary["claim"]["verdict"] is False
