"""unit: our Unit equals a one-unit Dense layer; the demo's claim is measured, not asserted blindly."""

import keras
import numpy as np
import pytest

from nutshell.glossary.unit import MaxoutUnit, Unit
from tests.layer_contract import check_layer_contract


def test_unit_matches_dense_with_the_same_weights():
    x = np.random.default_rng(0).normal(size=(16, 5)).astype("float32")
    ours = Unit("sigmoid")
    dense = keras.layers.Dense(1, activation="sigmoid")
    ours.build(x.shape)
    dense.build(x.shape)
    dense.set_weights(ours.get_weights())
    np.testing.assert_allclose(ours(x), dense(x), rtol=1e-6, atol=1e-6)


def test_maxout_keeps_the_largest_piece():
    x = np.array([[1.0, -2.0]], dtype="float32")
    unit = MaxoutUnit(pieces=3)
    unit.build(x.shape)
    w = np.array([[1.0, 0.0, 2.0], [0.0, 1.0, 1.0]], dtype="float32")
    b = np.array([0.0, 5.0, 0.0], dtype="float32")
    unit.set_weights([w, b])
    # pieces: 1, 3, 0 -> max 3
    np.testing.assert_allclose(unit(x), [[3.0]])


@pytest.mark.parametrize("layer_cls, init_kwargs", [
    (Unit, {"activation": "tanh"}),
    (MaxoutUnit, {"pieces": 3}),
], ids=["Unit", "MaxoutUnit"])
def test_keras_layer_contract(layer_cls, init_kwargs):
    check_layer_contract(layer_cls, init_kwargs, input_shape=(4, 3), expected_output_shape=(4, 1),
                         trainable_weights=2)


@pytest.mark.parametrize("make, message", [
    (lambda: Unit("no_such_function"), "activation function identifier: no_such_function"),
    (lambda: MaxoutUnit(pieces=0), "pieces must be a positive integer, not 0"),
    (lambda: MaxoutUnit(pieces=2.5), "pieces must be a positive integer, not 2.5"),
])
def test_bad_arguments_are_refused_with_a_readable_message(make, message):
    with pytest.raises(ValueError, match=message):
        make()


def test_quick_demo_measures_the_claim(quick_demo):
    summary = quick_demo("unit")
    numbers = summary["claim"]["numbers"]
    assert numbers["separable_accuracy"] >= 0.95
    assert numbers["xor_unit_accuracy"] <= 0.85  # a line gets at most 3 of 4 corners
    assert numbers["xor_maxout_accuracy"] >= 0.95
    assert summary["claim"]["verdict"] is True
