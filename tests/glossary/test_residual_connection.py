"""residual-connection: the block equals x + F(x) built from Keras's own layers (a projection when
the widths differ); bias_gradients reads true gradients; the claim can fail on each part, and does
when the additions are taken away."""

import keras
import numpy as np
import pytest

from nutshell.glossary import _claims, residual_connection
from nutshell.glossary.residual_connection import ResidualBlock, bias_gradients, claim_parts, spread
from tests.helpers import assert_fails_through, recorded_claim, recorded_part
from tests.layer_contract import check_layer_contract


def _keras_twin(block: ResidualBlock, features: int) -> keras.Model:
    """The same block from Keras's built-in layers: Add()([shortcut, Dense(relu(Dense(relu(x))))])."""
    x = keras.Input((features,))
    first, second = keras.layers.Dense(block.units), keras.layers.Dense(block.units)
    branch = second(keras.layers.ReLU()(first(keras.layers.ReLU()(x))))
    projection = keras.layers.Dense(block.units, use_bias=False) if features != block.units else None
    shortcut = x if projection is None else projection(x)
    twin = keras.Model(x, keras.layers.Add()([shortcut, branch]))
    first.set_weights(block.first.get_weights())
    second.set_weights(block.second.get_weights())
    if projection is not None:
        projection.set_weights(block.projection.get_weights())
    return twin


@pytest.mark.parametrize("features", [6, 4], ids=["identity-shortcut", "projection"])
def test_the_block_equals_the_same_layers_added_by_keras(features):
    block = ResidualBlock(6)
    x = np.random.default_rng(0).normal(size=(5, features)).astype("float32")
    block.build(x.shape)
    rng = np.random.default_rng(1)
    block.set_weights([rng.normal(0, 0.5, w.shape).astype("float32") for w in block.get_weights()])
    assert (block.projection is None) == (features == 6)
    ours = keras.ops.convert_to_numpy(block(x))
    np.testing.assert_allclose(ours, keras.ops.convert_to_numpy(_keras_twin(block, features)(x)), atol=1e-5)
    if features == 6:  # the identity shortcut: y − F(x) is x itself
        np.testing.assert_allclose(ours - keras.ops.convert_to_numpy(block.residual_branch(x)), x, atol=1e-5)


def test_keras_layer_contract_with_the_identity_shortcut():
    check_layer_contract(ResidualBlock, {"units": 4}, (2, 3, 4), (2, 3, 4), trainable_weights=4, atol=1e-5)


def test_keras_layer_contract_with_a_projection():
    # W₁, b₁, W₂, b₂ and the projection's kernel W_s (no bias)
    check_layer_contract(
        ResidualBlock, {"units": 5, "activation": "tanh"}, (2, 3), (2, 5), trainable_weights=5, atol=1e-5
    )


@pytest.mark.parametrize("units", [0, -3, 2.5, "8", True])
def test_bad_units_are_refused(units):
    with pytest.raises(ValueError, match="units must be a positive integer"):
        ResidualBlock(units)


def test_bias_gradients_are_the_true_gradients():
    # One Dense layer, softmax output, one example: ∂loss/∂b = p − onehot(y).
    model = keras.Sequential([keras.Input((2,)), keras.layers.Dense(3, activation="softmax")])
    model.set_weights([np.array([[1.0, 0.0, -1.0], [0.5, 0.5, 0.5]], "float32"), np.zeros(3, "float32")])
    x, y = np.array([[1.0, 2.0]], "float32"), np.array([2])
    p = keras.ops.convert_to_numpy(model(x))[0]
    [gradient] = bias_gradients(model, x, y)
    np.testing.assert_allclose(gradient, np.linalg.norm(p - np.eye(3)[2]), rtol=1e-5)
    np.testing.assert_array_equal(model.get_weights()[1], np.zeros(3))  # the model itself is untouched


def test_without_shortcuts_the_first_layer_gets_a_much_smaller_gradient():
    keras.utils.set_random_seed(0)
    x = np.random.default_rng(2).uniform(size=(64, 8, 8, 1)).astype("float32")
    y = np.arange(64) % 10
    residual = bias_gradients(residual_connection.deep_stack((8, 8, 1), 10, shortcuts=True), x, y)
    plain = bias_gradients(residual_connection.deep_stack((8, 8, 1), 10, shortcuts=False), x, y)
    assert len(residual) == len(plain) == 2 * residual_connection.BLOCKS + 2
    assert spread(residual) < 10 < spread(plain)


def _numbers(**changes):
    numbers = {
        "residual_accuracy": 0.92,
        "plain_accuracy": 0.4,
        "accuracy_gap": 0.52,
        "residual_spread": 3.5,
        "plain_spread": 400.0,
    }
    return {**numbers, **changes}


def test_the_claim_holds_for_numbers_like_the_measured_ones():
    assert _claims.verdict(claim_parts(_numbers())) is True


def test_measure_takes_the_gap_and_the_spreads():
    m = residual_connection.measure(
        {"residual": 0.9, "plain": 0.3}, {"residual": [2.0, 1.0, 1.0, 5.0], "plain": [0.01, 0.5, 1.0, 5.0]}
    )
    assert m["accuracy_gap"] == pytest.approx(0.6)
    assert m["residual_spread"] == 2.0 and m["plain_spread"] == 100.0


@pytest.mark.parametrize(
    "changes, failing",
    [
        ({"residual_accuracy": 0.5, "accuracy_gap": 0.1}, "residual_accuracy"),  # the residual stack failed
        ({"plain_accuracy": 0.85, "accuracy_gap": 0.07}, "accuracy_gap"),  # the plain stack learned as well
        ({"residual_spread": 50.0}, "residual_gradient_spread"),  # the shortcuts did not carry the gradient
        ({"plain_spread": 40.0}, "plain_gradient_spread"),  # the plain stack's gradient did not fade
    ],
)
def test_the_claim_can_fail(changes, failing):
    parts = {part.name: part for part in claim_parts(_numbers(**changes))}
    assert not parts[failing].held
    assert _claims.verdict(list(parts.values())) is False


def test_quick_demo_learns_better_with_shortcuts(quick_demo):
    summary = quick_demo("residual-connection")
    n = summary["claim"]["numbers"]
    assert n["residual_accuracy"] > n["plain_accuracy"]
    assert summary["claim"]["verdict"] is True


def test_without_the_additions_the_claim_fails(quick_demo, monkeypatch):
    """The concept removed: each block returns F(x) alone, so the "residual" stack is the plain
    one again (another draw of its starting weights)."""
    monkeypatch.setattr(ResidualBlock, "call", lambda self, inputs: self.residual_branch(inputs))
    assert_fails_through(
        quick_demo("residual-connection"), "residual_accuracy", "accuracy_gap", "residual_gradient_spread"
    )


def _claim(gap, held=5):
    parts = [
        recorded_part("residual_accuracy", 0.9, 0.8, 5, ">="),
        recorded_part("accuracy_gap", gap, 0.4, held, ">="),
        recorded_part("residual_gradient_spread", 3.0, 10.0, 5, "<="),
        recorded_part("plain_gradient_spread", 400.0, 100.0, 5, ">="),
    ]
    return recorded_claim(parts, held)


@pytest.mark.parametrize(
    "claim, option",
    [
        (_claim(0.5), "A"),
        (_claim(0.01, held=0), "B"),
        (_claim(-0.2, held=0), "C"),
        (_claim(0.38, held=2), "D"),
    ],
)
def test_outcome_names_the_option_the_numbers_show(claim, option):
    from nutshell.glossary.residual_connection import PREDICT, outcome

    assert outcome(claim) == option and option in PREDICT["options"]
