"""backpropagation: the hand-written backward sweep equals the backend's autodiff and the Keras
model's own gradients; the demo's claim is measured, and fails with a wrong slope."""

import keras
import numpy as np
import pytest
from keras import ops

from nutshell.glossary.activation import ACTIVATIONS, sigmoid_derivative
from nutshell.glossary.backpropagation import autodiff_gradients, backward, forward, mean_loss
from nutshell.glossary.mlp import mlp

RNG = np.random.default_rng(0)
X = RNG.normal(size=(40, 6)).astype("float32")
Y = RNG.integers(0, 4, 40)


def _weights(model):
    return [(layer.kernel, layer.bias) for layer in model.layers if isinstance(layer, keras.layers.Dense)]


def test_autodiff_gradients_of_a_known_function():
    (gradient,) = autodiff_gradients(lambda v: ops.sum(v[0] ** 3), [np.array([1.0, -2.0])])
    np.testing.assert_allclose(ops.convert_to_numpy(gradient), [3.0, 12.0])


@pytest.mark.parametrize("activation", ["tanh", "sigmoid", "relu"])
def test_forward_pass_is_the_keras_model(activation):
    model = mlp((6,), hidden=(8, 5), outputs=4, activation=activation, output_activation="softmax")
    np.testing.assert_allclose(ops.convert_to_numpy(forward(_weights(model), X, activation)[2]),
                               model.predict(X, verbose=0), rtol=1e-5, atol=1e-6)


@pytest.mark.parametrize("activation", ["tanh", "sigmoid", "relu"])
def test_backward_sweep_equals_the_models_own_autodiff(activation):
    model = mlp((6,), hidden=(8, 5), outputs=4, activation=activation, output_activation="softmax")
    weights = _weights(model)
    variables = [v for pair in weights for v in pair]
    # the Keras model differentiated through its own layers and Keras's own loss
    expected = autodiff_gradients(
        lambda values: _keras_loss(model, variables, values), variables)
    ours = [g for pair in backward(weights, X, Y, activation) for g in pair]
    for got, want in zip(ours, expected):
        np.testing.assert_allclose(ops.convert_to_numpy(got), ops.convert_to_numpy(want), rtol=1e-4, atol=1e-6)


def _keras_loss(model, variables, values):
    """Keras's loss of the model, with `values` standing in for its variables."""
    outputs, _ = model.stateless_call([v for v in values], [], X)
    return ops.mean(keras.losses.sparse_categorical_crossentropy(Y, outputs))


def test_mean_loss_is_the_cross_entropy_the_model_is_trained_on():
    model = mlp((6,), hidden=(8,), outputs=4, activation="tanh", output_activation="softmax")
    expected = float(ops.mean(keras.losses.sparse_categorical_crossentropy(Y, model.predict(X, verbose=0))))
    assert float(mean_loss(_weights(model), X, Y)) == pytest.approx(expected, rel=1e-5)


def test_central_differences_agree_on_a_few_weights():
    model = mlp((6,), hidden=(5,), outputs=4, activation="tanh", output_activation="softmax")
    weights = [(ops.convert_to_numpy(k).astype("float64"), ops.convert_to_numpy(b).astype("float64"))
               for k, b in _weights(model)]
    ours = ops.convert_to_numpy(backward(weights, X, Y)[0][0])
    h = 1e-3
    for i, j in [(0, 0), (3, 2), (5, 4)]:
        plus, minus = [(k.copy(), b) for k, b in weights], [(k.copy(), b) for k, b in weights]
        plus[0][0][i, j] += h
        minus[0][0][i, j] -= h
        numeric = (float(mean_loss(plus, X, Y)) - float(mean_loss(minus, X, Y))) / (2 * h)
        assert ours[i, j] == pytest.approx(numeric, rel=2e-2, abs=1e-4)  # float32 loss


def test_quick_demo_measures_the_claim(quick_demo):
    summary = quick_demo("backpropagation")
    numbers = summary["claim"]["numbers"]
    assert numbers["relative_difference_at_start"] <= 1e-5
    assert numbers["relative_difference_after_training"] <= 1e-5
    assert numbers["forward_vs_model"] <= 1e-4
    assert 1.0 < numbers["gradient_cost_in_forward_passes"] <= 4.0  # the sweep includes a forward pass
    assert summary["claim"]["verdict"] is True


def test_claim_fails_with_the_wrong_slope(quick_demo, monkeypatch):
    # backward() multiplies by the sigmoid's slope where the network uses tanh
    monkeypatch.setitem(ACTIVATIONS, "tanh", (ACTIVATIONS["tanh"][0], sigmoid_derivative))
    numbers = (summary := quick_demo("backpropagation", epochs=1))["claim"]["numbers"]
    assert numbers["relative_difference_at_start"] > 1e-2
    assert summary["claim"]["verdict"] is False
