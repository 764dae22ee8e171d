"""unit: our Unit equals a one-unit Dense layer; the demo's claim is measured, not asserted blindly."""

import keras
import numpy as np

from nutshell.glossary.unit import MaxoutUnit, Unit


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


def test_layers_round_trip_their_config():
    for layer in (Unit("tanh"), MaxoutUnit(pieces=4)):
        clone = type(layer).from_config(layer.get_config())
        assert clone.get_config() == layer.get_config()


def test_quick_demo_measures_the_claim(quick_demo):
    summary = quick_demo("unit")
    numbers = summary["claim"]["numbers"]
    assert numbers["separable_accuracy"] >= 0.95
    assert numbers["xor_unit_accuracy"] <= 0.85  # a line gets at most 3 of 4 corners
    assert numbers["xor_maxout_accuracy"] >= 0.95
    assert summary["claim"]["verdict"] is True
