"""deep-learning: the equal-budget width is right, and the demo's depth-against-width claim is
a rule that can fail on each measured part, and fails when the deep net loses its depth."""

import pytest

from nutshell.glossary import _claims, deep_learning
from nutshell.glossary.deep_learning import claim_parts, one_layer_width_for_budget
from nutshell.glossary.neural_network import parameter_count
from tests.helpers import assert_fails_through, recorded_claim, recorded_part


@pytest.mark.parametrize("deep, inputs, outputs", [((32, 32, 32, 32), 2, 1), ((64, 64), 784, 10), ((16,) * 6, 3, 2)])
def test_one_wide_layer_matches_the_deep_budget(deep, inputs, outputs):
    budget = parameter_count((inputs, *deep, outputs))
    width = one_layer_width_for_budget(budget, inputs, outputs)
    shallow = parameter_count((inputs, width, outputs))
    assert abs(shallow - budget) <= (inputs + 1 + outputs) / 2  # the nearest whole unit


def test_the_demo_budget():
    assert parameter_count((2, 32, 32, 32, 32, 1)) == 3297
    assert one_layer_width_for_budget(3297, 2, 1) == 824  # 4 · 824 + 1 = 3297


def test_the_claim_holds_for_numbers_like_the_measured_ones():
    assert _claims.verdict(claim_parts(3297, 3297, {"deep": 0.97, "shallow": 0.84})) is True


@pytest.mark.parametrize(
    "accuracy, failing",
    [
        ({"deep": 0.75, "shallow": 0.60}, "test_accuracy_deep"),  # depth wins but never learns it
        ({"deep": 0.93, "shallow": 0.91}, "depth_advantage"),  # width does as well
        ({"deep": 0.84, "shallow": 0.88}, "depth_advantage"),  # width does better
    ],
    ids=["not-learned", "no-advantage", "width-wins"],
)
def test_the_claim_can_fail(accuracy, failing):
    parts = {part.name: part for part in claim_parts(3297, 3297, accuracy)}
    assert not parts[failing].held
    assert _claims.verdict(list(parts.values())) is False


def test_quick_demo_measures_the_claim(quick_demo):
    summary = quick_demo("deep-learning")
    n = summary["claim"]["numbers"]
    assert n["parameters_deep"] == n["parameters_shallow"] == 3297
    assert summary["claim"]["verdict"] is True


def test_without_depth_the_claim_fails(quick_demo, monkeypatch):
    """The concept removed: the "deep" net gets one hidden layer of 824 units, the same budget
    spent without depth. Both nets are then the same architecture and neither wins."""
    monkeypatch.setattr(deep_learning, "DEEP", (824,))
    summary = quick_demo("deep-learning")
    assert summary["claim"]["numbers"]["parameters_deep"] == 3297
    assert_fails_through(summary, "depth_advantage", "test_accuracy_deep")


def _claim(advantage, held=5):
    def part(name, mean, bar, part_held, comparison=">=", kind="measured"):
        return recorded_part(name, mean, bar, part_held, comparison, kind)

    parts = [
        part("budget_difference", 0, 4, 5, "<=", "identity"),
        part("test_accuracy_deep", 0.97, 0.85, 5),
        part("depth_advantage", advantage, 0.05, held),
    ]
    return recorded_claim(parts, held)


@pytest.mark.parametrize(
    "claim, option",
    [
        (_claim(0.142), "A"),  # seed 0's run: 0.978 against 0.836
        (_claim(-0.06, held=0), "B"),
        (_claim(0.005, held=0), "C"),
        (_claim(0.05, held=2), "D"),
    ],
)
def test_outcome_names_the_option_the_numbers_show(claim, option):
    from nutshell.glossary.deep_learning import PREDICT, outcome

    assert outcome(claim) == option and option in PREDICT["options"]
