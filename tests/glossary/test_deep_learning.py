"""deep-learning: the equal-budget width is right, and the demo's depth-against-width claim is
measured and can fail."""

import pytest

from nutshell.glossary.deep_learning import one_layer_width_for_budget
from nutshell.glossary.neural_network import parameter_count


@pytest.mark.parametrize("deep, inputs, outputs", [((32, 32, 32, 32), 2, 1), ((64, 64), 784, 10),
                                                   ((16,) * 6, 3, 2)])
def test_one_wide_layer_matches_the_deep_budget(deep, inputs, outputs):
    budget = parameter_count((inputs, *deep, outputs))
    width = one_layer_width_for_budget(budget, inputs, outputs)
    shallow = parameter_count((inputs, width, outputs))
    assert abs(shallow - budget) <= (inputs + 1 + outputs) / 2  # the nearest whole unit


def test_the_demo_budget():
    assert parameter_count((2, 32, 32, 32, 32, 1)) == 3297
    assert one_layer_width_for_budget(3297, 2, 1) == 824  # 4 · 824 + 1 = 3297


def test_quick_demo_measures_the_claim(quick_demo):
    summary = quick_demo("deep-learning")
    n = summary["claim"]["numbers"]
    assert n["parameters_deep"] == n["parameters_shallow"] == 3297
    assert n["test_accuracy_deep"] >= 0.85
    assert n["depth_advantage"] >= 0.05
    assert summary["claim"]["verdict"] is True


def test_claim_fails_with_far_too_little_training(quick_demo):
    summary = quick_demo("deep-learning", epochs=1)
    assert summary["claim"]["numbers"]["test_accuracy_deep"] < 0.85
    assert summary["claim"]["verdict"] is False
