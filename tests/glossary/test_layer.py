"""layer: DenseFromScratch equals keras.layers.Dense with the same weights, its parameter count is
inputs·units + units, and the demo's MLP measures its claim."""

import keras
import numpy as np
import pytest

from nutshell.glossary.layer import DenseFromScratch, dense_parameter_count


@pytest.mark.parametrize("activation", [None, "relu", "sigmoid", "softmax"])
def test_matches_keras_dense_with_the_same_weights(activation):
    x = np.random.default_rng(0).normal(size=(16, 7)).astype("float32")
    ours = DenseFromScratch(5, activation=activation)
    dense = keras.layers.Dense(5, activation=activation)
    ours.build(x.shape)
    dense.build(x.shape)
    weights = [w + 0.1 for w in ours.get_weights()]  # a non-zero bias, so adding it is tested too
    ours.set_weights(weights)
    dense.set_weights(weights)
    np.testing.assert_allclose(ours(x), dense(x), rtol=1e-6, atol=1e-6)


def test_matches_a_hand_computed_numpy_reference():
    x = np.array([[1.0, 2.0, -1.0]], dtype="float32")
    layer = DenseFromScratch(2, activation="relu")
    layer.build(x.shape)
    kernel = np.array([[0.5, -1.0], [0.25, 1.0], [1.0, 2.0]], dtype="float32")  # (inputs, units)
    bias = np.array([0.5, -0.5], dtype="float32")
    layer.set_weights([kernel, bias])
    # unit 1: 0.5 + 0.5 - 1 + 0.5 = 0.5; unit 2: -1 + 2 - 2 - 0.5 = -1.5 -> relu 0
    np.testing.assert_allclose(layer(x), [[0.5, 0.0]])


@pytest.mark.parametrize("inputs, units", [(64, 32), (32, 10), (784, 128), (3, 4)])
def test_parameter_count_is_inputs_times_units_plus_units(inputs, units):
    layer = DenseFromScratch(units)
    layer.build((None, inputs))
    counted = layer.count_params()
    assert counted == dense_parameter_count(inputs, units)
    assert [tuple(w.shape) for w in layer.weights] == [(inputs, units), (units,)]
    builtin = keras.layers.Dense(units)
    builtin.build((None, inputs))
    assert builtin.count_params() == counted


def test_a_784_128_10_network_has_101770_parameters():  # the worked example in the explanation
    model = keras.Sequential([keras.Input((784,)), DenseFromScratch(128, "relu"),
                              DenseFromScratch(10, "softmax")])
    assert model.count_params() == 101_770


def test_config_round_trips_and_the_model_saves(tmp_path):
    layer = DenseFromScratch(6, activation="tanh", kernel_initializer="he_normal", name="hidden")
    clone = DenseFromScratch.from_config(layer.get_config())
    assert clone.get_config() == layer.get_config()
    assert clone.units == 6 and clone.activation is keras.activations.tanh
    model = keras.Sequential([keras.Input((4,)), layer, DenseFromScratch(3, "softmax")])
    model.save(tmp_path / "mlp.keras")
    x = np.random.default_rng(1).normal(size=(5, 4)).astype("float32")
    np.testing.assert_allclose(keras.saving.load_model(tmp_path / "mlp.keras")(x), model(x), rtol=1e-6)


def test_quick_demo_measures_the_claim(quick_demo):
    summary = quick_demo("layer")
    numbers = summary["claim"]["numbers"]
    assert numbers["test_accuracy"] >= 0.95
    # counted from the trained layers' weights; the formula is evaluated independently here
    assert numbers["hidden_1_parameters"] == dense_parameter_count(64, 32) == 2080
    assert numbers["output_parameters"] == dense_parameter_count(32, 10) == 330
    assert numbers["total_parameters"] == 2410
    assert numbers["max_difference_vs_keras_dense"] < 1e-5
    assert summary["claim"]["verdict"] is True
