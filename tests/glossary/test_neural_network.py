"""neural-network: the forward-pass formula equals Keras, the parameter count equals the formula,
the claim can fail on its measured parts, and fails with linear hidden units."""

import keras
import numpy as np
import pytest

from nutshell.glossary import _claims, neural_network
from nutshell.glossary.mlp import mlp
from nutshell.glossary.neural_network import claim_parts, feedforward, parameter_count
from tests.helpers import assert_fails_through, recorded_claim, recorded_part


def test_forward_pass_formula_matches_keras_with_the_same_weights():
    model = mlp((5,), (7, 4), 3, activation="tanh", output_activation="softmax")
    x = np.random.default_rng(0).normal(size=(16, 5)).astype("float32")
    weights = [(layer.kernel, layer.bias) for layer in model.layers if isinstance(layer, keras.layers.Dense)]
    ours = keras.ops.convert_to_numpy(feedforward(x, weights, ["tanh", "tanh", "softmax"]))
    np.testing.assert_allclose(ours, model.predict(x, verbose=0), rtol=1e-5, atol=1e-6)


def test_a_hand_checked_forward_pass():
    # one ReLU layer, then identity: relu(1·2 − 3) = 0 and relu(1·4 + 0) = 4, then 0·1 + 4·0.5 + 1 = 3
    weights = [(np.array([[2.0, 4.0]]), np.array([-3.0, 0.0])), (np.array([[1.0], [0.5]]), np.array([1.0]))]
    out = keras.ops.convert_to_numpy(feedforward(np.array([[1.0]]), weights, ["relu", "linear"]))
    np.testing.assert_allclose(out, [[3.0]])


@pytest.mark.parametrize("sizes", [(2, 3, 1), (784, 256, 128, 10), (4, 1), (3, 8, 8, 8, 2)])
def test_parameter_count_formula_matches_keras(sizes):
    model = mlp((sizes[0],), sizes[1:-1], sizes[-1])
    assert parameter_count(sizes) == model.count_params()


def test_the_numbers_in_the_entry():
    assert parameter_count((2, 3, 1)) == 13
    assert parameter_count((784, 256, 128, 10)) == 235_146  # the deep-learning entry's example


def test_mismatched_activations_are_refused():
    with pytest.raises(ValueError, match="2 layers of weights but 1 activations"):
        feedforward(np.zeros((1, 2)), [(np.zeros((2, 2)), np.zeros(2))] * 2, ["relu"])


MEASURED = {
    "parameters": 13,
    "parameters_by_formula": 13,
    "formula_difference": 1e-9,
    "train_loss_start": 0.77,
    "train_loss_end": 0.01,
    "test_accuracy": 1.0,
}


def test_the_claim_holds_for_numbers_like_the_measured_ones():
    assert _claims.verdict(claim_parts(MEASURED)) is True


@pytest.mark.parametrize(
    "changes, failing",
    [
        ({"train_loss_end": 0.5}, "train_loss_cut"),  # the gradient steps barely helped
        ({"test_accuracy": 0.75}, "test_error"),  # stuck with one corner wrong
    ],
    ids=["loss", "accuracy"],
)
def test_the_claim_can_fail(changes, failing):
    parts = {part.name: part for part in claim_parts({**MEASURED, **changes})}
    assert not parts[failing].held
    assert _claims.verdict(list(parts.values())) is False


def test_the_checks_by_construction_do_not_vote():
    parts = claim_parts({**MEASURED, "parameters": 14, "formula_difference": 0.1})
    assert {part.name for part in parts if not part.held} == {"parameters_unlike_formula", "formula_difference"}
    assert all(part.kind == "identity" for part in parts if not part.held)


def test_quick_demo_measures_the_claim(quick_demo):
    summary = quick_demo("neural-network")
    numbers = summary["claim"]["numbers"]
    assert numbers["parameters"] == 13
    assert 0.5 < numbers["train_loss_start"] < 1.0  # near ln 2 for an untrained yes/no output
    assert summary["claim"]["verdict"] is True


def test_without_a_nonlinearity_the_claim_fails(quick_demo, monkeypatch):
    """The concept removed: linear hidden units. The network is then one linear map followed by
    a sigmoid, logistic regression, and no straight line separates XOR's classes."""
    monkeypatch.setattr(neural_network, "HIDDEN_ACTIVATION", "linear")
    summary = quick_demo("neural-network")
    assert summary["claim"]["numbers"]["formula_difference"] < 1e-5  # the formula still holds
    assert_fails_through(summary, "test_accuracy", "train_loss_cut")


def _claim(accuracy, held=5):
    def part(name, mean, bar, part_held, comparison=">=", kind="measured"):
        return recorded_part(name, mean, bar, part_held, comparison, kind)

    parts = [
        part("parameters_unlike_formula", 0, 0, 5, "<=", "identity"),
        part("formula_difference", 1e-9, 1e-5, 5, "<=", "identity"),
        part("train_loss_cut", 500.0, 5.0, 5),
        part("test_error", 1.0 - accuracy, 0.05, held, "<="),
    ]
    return recorded_claim(parts, held)


@pytest.mark.parametrize(
    "claim, option",
    [
        (_claim(1.0), "A"),  # seed 0's run
        (_claim(0.75, held=0), "B"),
        (_claim(0.5, held=0), "C"),
        (_claim(0.93, held=3), "D"),
    ],
)
def test_outcome_names_the_option_the_numbers_show(claim, option):
    from nutshell.glossary.neural_network import PREDICT, outcome

    assert outcome(claim) == option and option in PREDICT["options"]
