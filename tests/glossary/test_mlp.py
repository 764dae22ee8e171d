"""mlp: the builder lays out the layers and parameters the formula predicts; the demo's claim is
a rule that can fail on each part, and fails with linear hidden units; the builder's options (a
penalty, a layer after each hidden one, layers before it) insert what they say."""

import keras
import numpy as np
import pytest

from nutshell.glossary import _claims
from nutshell.glossary import mlp as mlp_entry
from nutshell.glossary.mlp import bumpy_function, claim_parts, hidden_outputs, measure, mlp
from tests.helpers import assert_fails_through


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
    model = mlp(
        (4, 4, 1),
        (8, 8),
        2,
        before=[keras.layers.Rescaling(2.0)],
        after_hidden=lambda: keras.layers.Dropout(0.5),
        kernel_regularizer=keras.regularizers.L2(0.1),
    )
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


def test_measure_is_the_error_as_a_share_of_the_variance():
    x = np.linspace(-1, 1, 101, dtype="float32")[:, None]
    y = bumpy_function(x)
    constant = mlp((1,), hidden=(), outputs=1, kernel_initializer="zeros")  # output layer: Keras's
    constant.get_layer("output").set_weights([np.zeros((1, 1)), np.array([y.mean()])])
    assert measure({1: constant}, (x, y))[1] == pytest.approx(1.0, rel=1e-5)  # the best constant


SHARES = {1: 0.33, 2: 0.007, 8: 0.0001}  # like the measured ones


def test_the_claim_holds_for_numbers_like_the_measured_ones():
    assert _claims.verdict(claim_parts(SHARES)) is True


@pytest.mark.parametrize(
    "shares, failing",
    [
        ({**SHARES, 1: 0.05}, "relative_error_1_unit"),  # one unit already fits well: no story
        ({**SHARES, 8: 0.005}, "relative_error_8_units"),  # eight units never get close
    ],
    ids=["one-unit-fits", "never-close"],
)
def test_the_claim_can_fail(shares, failing):
    parts = {part.name: part for part in claim_parts(shares)}
    assert not parts[failing].held
    assert _claims.verdict(list(parts.values())) is False


def test_quick_demo_error_falls_as_units_are_added(quick_demo):
    summary = quick_demo("mlp")
    n = summary["claim"]["numbers"]
    assert n["relative_error_1_unit"] > n["relative_error_8_units"]
    assert summary["claim"]["verdict"] is True


def test_without_a_nonlinearity_the_claim_fails(quick_demo, monkeypatch):
    """The concept removed: linear hidden units. Any number of them adds up to one straight line,
    so the error stays where the best line leaves it, however wide the layer."""
    monkeypatch.setattr(mlp_entry, "ACTIVATION", "linear")
    assert_fails_through(quick_demo("mlp"), "relative_error_8_units", "improvement_2_to_8_units")


def _claim(first, second, held=5):
    """A claim over 5 seeds whose mean errors fall by `first` from 1 to 2 units, `second` from 2 to 8."""
    errors = {1: 0.33, 2: 0.33 / first, 8: 0.33 / first / second}

    def part(name, mean, bar, comparison):
        return {
            "name": name,
            "kind": "measured",
            "comparison": comparison,
            "bar": bar,
            "held": held,
            "of": 5,
            "mean": mean,
            "min": mean,
            "max": mean,
            "worst_margin": 0.0,
        }

    parts = [
        part("relative_error_1_unit", errors[1], 0.2, ">="),
        part("relative_error_8_units", errors[8], 0.001, "<="),
    ]
    return {
        "parts": parts,
        "numbers": {
            "relative_error_1_unit": errors[1],
            "relative_error_2_units": errors[2],
            "relative_error_8_units": errors[8],
        },
        "held": held,
        "of": 5,
        "verdict": held == 5,
    }


@pytest.mark.parametrize(
    "claim, option",
    [
        (_claim(47.0, 87.0), "A"),  # seed 0's run: 33% -> 0.7% -> 0.008%
        (_claim(40.0, 1.1, held=0), "B"),
        (_claim(1.2, 1.1, held=0), "C"),
        (_claim(30.0, 2.5, held=4), "D"),
    ],
)
def test_outcome_names_the_option_the_numbers_show(claim, option):
    from nutshell.glossary.mlp import PREDICT, outcome

    assert outcome(claim) == option and option in PREDICT["options"]
