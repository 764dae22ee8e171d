"""neural-network: the forward-pass formula equals Keras, the parameter count equals the formula,
and the demo's claim is measured."""

import keras
import numpy as np
import pytest

from nutshell.glossary.mlp import mlp
from nutshell.glossary.neural_network import feedforward, parameter_count


def test_forward_pass_formula_matches_keras_with_the_same_weights():
    model = mlp((5,), (7, 4), 3, activation="tanh", output_activation="softmax")
    x = np.random.default_rng(0).normal(size=(16, 5)).astype("float32")
    weights = [(layer.kernel, layer.bias) for layer in model.layers
               if isinstance(layer, keras.layers.Dense)]
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


def test_quick_demo_measures_the_claim(quick_demo):
    summary = quick_demo("neural-network")
    numbers = summary["claim"]["numbers"]
    assert numbers["parameters"] == 13
    assert numbers["formula_difference"] < 1e-5
    assert 0.5 < numbers["train_loss_start"] < 1.0  # near ln 2 for an untrained yes/no output
    assert numbers["train_loss_end"] <= numbers["train_loss_start"] / 5
    assert numbers["test_accuracy"] >= 0.95
    assert summary["claim"]["verdict"] is True


def test_claim_fails_without_enough_gradient_steps(quick_demo):
    summary = quick_demo("neural-network", epochs=1, learning_rate=0.001)
    numbers = summary["claim"]["numbers"]
    assert numbers["train_loss_end"] > numbers["train_loss_start"] / 5
    assert summary["claim"]["verdict"] is False
