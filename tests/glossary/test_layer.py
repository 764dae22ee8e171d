"""layer: DenseFromScratch equals keras.layers.Dense with the same weights, its parameter count is
inputs·units + units, and the demo's MLP measures its claim."""

import keras
import numpy as np
import pytest

from nutshell.glossary import layer as entry
from nutshell.glossary.layer import DenseFromScratch, dense_parameter_count
from tests.layer_contract import check_layer_contract


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


@pytest.mark.parametrize("init_kwargs", [
    {"units": 5, "activation": "relu"},
    {"units": 6, "activation": "tanh", "kernel_initializer": "he_normal", "name": "hidden"},
], ids=["relu", "tanh-he_normal"])
def test_keras_layer_contract(init_kwargs):
    check_layer_contract(DenseFromScratch, init_kwargs, input_shape=(4, 3),
                         expected_output_shape=(4, init_kwargs["units"]), trainable_weights=2)


@pytest.mark.parametrize("kwargs, message", [
    ({"units": 0}, "units must be a positive integer, not 0"),
    ({"units": -3}, "units must be a positive integer, not -3"),
    ({"units": "32"}, "units must be a positive integer, not '32'"),
    ({"units": 4, "activation": "no_such_function"}, "activation function identifier: no_such"),
    ({"units": 4, "kernel_initializer": "no_such_start"}, "no_such_start"),
])
def test_bad_arguments_are_refused_with_a_readable_message(kwargs, message):
    with pytest.raises(ValueError, match=message):
        DenseFromScratch(**kwargs)


def test_every_dataset_the_demo_offers_has_an_accuracy_bar():
    assert set(entry.DEMO["datasets"]) == set(entry._ACCURACY_BAR)
    assert entry.DEMO["datasets"][0] == "mnist"


TABLE = [("input_pixels", "28x28x1", 784, 0, 0), ("hidden_1", "784", 128, 100_480, 100_480),
         ("output", "128", 10, 1_290, 1_290)]


def test_the_claim_holds_for_numbers_like_the_measured_ones():
    assert entry._claim_holds(0.957, 0.93, TABLE, 0.0) is True


@pytest.mark.parametrize("accuracy, table, difference", [
    (0.91, TABLE, 0.0),                                                   # below the bar
    (0.957, TABLE[:2] + [("output", "128", 10, 1_280, 1_290)], 0.0),       # a miscount
    (0.957, TABLE, 1e-3),                                                 # differs from Keras's Dense
], ids=["below-bar", "miscount", "not-like-keras"])
def test_the_claim_can_fail(accuracy, table, difference):
    assert entry._claim_holds(accuracy, 0.93, table, difference) is False


def test_quick_demo_measures_the_claim(quick_demo):
    summary = quick_demo("layer")
    numbers = summary["claim"]["numbers"]
    # Measured in quick mode on MNIST (10 epochs, seeds 0-2): 0.944-0.949; the bar is 0.93.
    assert numbers["test_accuracy"] >= 0.935
    # 784 -> 128 -> 10, the worked example in the explanation: counted from the trained layers'
    # weights, while the formula is evaluated independently here
    assert numbers["hidden_1_parameters"] == dense_parameter_count(784, 128) == 100_480
    assert numbers["output_parameters"] == dense_parameter_count(128, 10) == 1_290
    assert numbers["total_parameters"] == numbers["keras_dense_parameters"] == 101_770
    assert numbers["max_difference_vs_keras_dense"] < 1e-5
    assert summary["claim"]["verdict"] is True
