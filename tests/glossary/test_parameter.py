"""parameter: counting trainable numbers; the demo weighs and copies them, and fails untrained."""

import keras

from nutshell.glossary.parameter import _mlp, count_parameters, parameter_table


def test_counts_agree_with_keras_and_the_worked_example():
    model = _mlp((28, 28, 1), 10)
    assert count_parameters(model) == model.count_params() == 101_770
    table = parameter_table(model)
    assert [(layer, shape) for layer, _, shape, _ in table] == [
        ("hidden", (784, 128)), ("hidden", (128,)), ("output", (128, 10)), ("output", (10,))]
    assert sum(n for *_, n in table) == 101_770


def test_non_trainable_numbers_are_not_parameters():
    model = keras.Sequential([keras.Input((4,)), keras.layers.Dense(3), keras.layers.BatchNormalization()])
    # Dense 4·3 + 3; batch norm learns γ and β (3 + 3) but only tracks its mean and variance
    assert count_parameters(model) == 15 + 6 == model.count_params() - 6


def test_quick_demo_measures_the_claim(quick_demo):
    summary = quick_demo("parameter")
    numbers = summary["claim"]["numbers"]
    assert numbers["parameters"] == numbers["formula"] == 101_770
    assert numbers["copy_prediction_gap"] == 0.0
    assert numbers["untrained_accuracy"] <= 0.2 and numbers["trained_accuracy"] >= 0.90
    assert 4 * 101_770 <= numbers["weights_file_bytes"] < 4 * 101_770 + 32_000
    assert 12 * 101_770 <= numbers["weights_file_bytes_with_adam"] < 12 * 101_770 + 32_000
    assert 0 < numbers["parameters_changed_by_training"] <= 101_770
    assert summary["claim"]["verdict"] is True


def test_the_claim_fails_when_training_barely_moves_the_parameters(quick_demo):
    summary = quick_demo("parameter", epochs=1, learning_rate=1e-6)
    assert summary["claim"]["numbers"]["trained_accuracy"] < 0.90
    assert summary["claim"]["verdict"] is False
