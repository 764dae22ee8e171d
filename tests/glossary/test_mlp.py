"""mlp: the builder lays out the layers and parameters the formula predicts; the demo's claim is
measured, and fails when the widest network gets too few steps to use its units; the builder's
options (a penalty, a layer after each hidden one, layers before it) insert what they say."""

import keras
import numpy as np
import pytest

from nutshell.glossary.mlp import bumpy_function, hidden_outputs, mlp


def test_layers_and_parameter_count_follow_the_formula():
    model = mlp((28, 28, 1), hidden=(256,), outputs=10, output_activation="softmax")
    assert [layer.name for layer in model.layers] == ["flatten", "hidden_1", "output"]
    assert model.count_params() == (784 * 256 + 256) + (256 * 10 + 10)  # 203,530 as in the entry


def test_no_hidden_layer_is_a_single_dense_layer():
    model = mlp((3,), hidden=(), outputs=1, output_activation="sigmoid")
    assert [layer.name for layer in model.layers] == ["output"]
    assert model.count_params() == 4


def test_initializers_reach_the_hidden_layers_only():
    model = mlp((2,), hidden=(5,), outputs=3, kernel_initializer="ones", bias_initializer="ones")
    kernel, bias = model.get_layer("hidden_1").get_weights()
    assert np.all(kernel == 1) and np.all(bias == 1)
    assert np.all(model.get_layer("output").get_weights()[1] == 0)  # Keras's default, zeros


def test_builder_options_insert_what_they_say():
    model = mlp((4, 4, 1), (8, 8), 2, before=[keras.layers.Rescaling(2.0)],
                after_hidden=lambda: keras.layers.Dropout(0.5),
                kernel_regularizer=keras.regularizers.L2(0.1))
    kinds = [type(layer).__name__ for layer in model.layers]
    assert kinds == ["Rescaling", "Flatten", "Dense", "Dropout", "Dense", "Dropout", "Dense"]
    assert len(model.losses) == 3  # one penalty per kernel, none on the biases


def test_forward_pass_equals_the_equations_in_numpy():
    x = np.random.default_rng(0).normal(size=(6, 3)).astype("float32")
    model = mlp((3,), hidden=(4,), outputs=2, activation="tanh")
    (w1, b1), (w2, b2) = (model.get_layer(n).get_weights() for n in ("hidden_1", "output"))
    h = np.tanh(x @ w1 + b1)
    np.testing.assert_allclose(hidden_outputs(model, x)[0], h, rtol=1e-5, atol=1e-6)
    np.testing.assert_allclose(model.predict(x, verbose=0), h @ w2 + b2, rtol=1e-5, atol=1e-6)


def test_bad_widths_are_refused():
    with pytest.raises(ValueError, match="hidden widths must be positive integers"):
        mlp((2,), hidden=(4, 0), outputs=1)


def test_the_target_is_the_documented_function():
    x = np.array([-0.5, 0.0, 0.25])
    np.testing.assert_allclose(bumpy_function(x), np.sin(np.pi * x) + 0.5 * np.sin(2 * np.pi * x))


def test_quick_demo_error_falls_as_units_are_added(quick_demo):
    numbers = (summary := quick_demo("mlp"))["claim"]["numbers"]
    one, two, eight = (numbers[f"relative_error_{w}_units"] for w in (1, 2, 8))
    assert one >= 0.20  # one tanh unit is a single S-curve: no way to follow the hump and dip
    assert one > two > eight
    assert eight <= 0.001
    assert summary["claim"]["verdict"] is True


def test_claim_fails_when_training_is_cut_short(quick_demo):
    # 1 epoch = 60 full-batch steps: far too few for eight units to settle on the curve
    numbers = (summary := quick_demo("mlp", epochs=1))["claim"]["numbers"]
    assert numbers["relative_error_8_units"] > 0.001
    assert summary["claim"]["verdict"] is False
