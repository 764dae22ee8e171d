"""activation: our functions equal Keras's, their derivatives equal finite differences and autodiff,
hand-written backprop equals TensorFlow's gradients, and the demo measures both of its claims
(and fails without the nonlinearity)."""

from pathlib import Path

import keras
import numpy as np
import pytest

from nutshell.glossary import _claims, activation
from nutshell.glossary.activation import (
    ACTIVATIONS,
    ActivationFromScratch,
    _best_straight_cut,
    _collapse,
    _stack,
    claim_parts,
    gradient_norms_by_layer,
    relu,
    sigmoid,
    tanh,
)
from tests.helpers import assert_fails_through
from tests.layer_contract import check_layer_contract

# Spans the saturated tails, where a naive e^(−x) overflows, and the region around 0.
WIDE = np.concatenate([np.linspace(-120.0, 120.0, 241), np.linspace(-3.0, 3.0, 61)]).astype("float32")


@pytest.mark.parametrize("name, ours", [("sigmoid", sigmoid), ("tanh", tanh), ("relu", relu)])
def test_functions_match_keras_activations(name, ours):
    expected = keras.ops.convert_to_numpy(keras.activations.get(name)(WIDE))
    got = keras.ops.convert_to_numpy(ours(WIDE))
    assert np.all(np.isfinite(got))
    np.testing.assert_allclose(got, expected, rtol=1e-6, atol=3e-7)


def test_values_a_reader_can_check_by_hand():
    assert float(sigmoid(0.0)) == 0.5
    np.testing.assert_allclose(float(sigmoid(-0.5)), 1 / (1 + np.exp(0.5)), rtol=1e-6)
    np.testing.assert_allclose(float(tanh(1.0)), np.tanh(1.0), rtol=1e-6)
    np.testing.assert_allclose(keras.ops.convert_to_numpy(relu(np.array([-2.0, 0.0, 3.0]))), [0, 0, 3])


@pytest.mark.parametrize("name", sorted(ACTIVATIONS))
def test_derivatives_match_central_differences(name):
    function, derivative = ACTIVATIONS[name]
    x = np.linspace(-6.0, 6.0, 121)
    x = x[np.abs(x) > 1e-3]  # ReLU has a kink at 0, where no difference quotient converges
    h = 1e-5
    # float64 throughout, so the quotient's round-off (~1e-11) is far below the tolerance
    numeric = (keras.ops.convert_to_numpy(function(x + h)) - keras.ops.convert_to_numpy(function(x - h))) / (2 * h)
    np.testing.assert_allclose(keras.ops.convert_to_numpy(derivative(x)), numeric, rtol=1e-6, atol=1e-8)


def test_slopes_bound_what_backprop_can_pass_down():
    x = np.linspace(-10.0, 10.0, 2001).astype("float32")
    sigmoid_slope = keras.ops.convert_to_numpy(ACTIVATIONS["sigmoid"][1](x))
    tanh_slope = keras.ops.convert_to_numpy(ACTIVATIONS["tanh"][1](x))
    assert sigmoid_slope.max() == pytest.approx(0.25) and tanh_slope.max() == pytest.approx(1.0)
    assert keras.ops.convert_to_numpy(ACTIVATIONS["relu"][1](np.array([0.0, 1e-3]))).tolist() == [0, 1]


@pytest.fixture
def tf():
    if keras.backend.backend() != "tensorflow":
        pytest.skip("the autodiff cross-checks use tf.GradientTape")
    return pytest.importorskip("tensorflow")


@pytest.mark.parametrize("name", sorted(ACTIVATIONS))
def test_derivatives_match_autodiff_and_stay_finite_in_the_tails(tf, name):
    function, derivative = ACTIVATIONS[name]
    x = tf.constant(np.append(WIDE, [0.0, 200.0, -200.0]))  # 0 catches a where/abs slope bug
    with tf.GradientTape() as tape:
        tape.watch(x)
        y = function(x)
    slope = tape.gradient(y, x).numpy()
    assert np.all(np.isfinite(slope))
    np.testing.assert_allclose(slope, keras.ops.convert_to_numpy(derivative(x)), rtol=1e-5, atol=1e-7)


def _mlp(activation, depth=4, width=8):
    layers = [keras.Input((3,))]
    for _ in range(depth):
        layers += [keras.layers.Dense(width), ActivationFromScratch(activation)]
    return keras.Sequential([*layers, keras.layers.Dense(1, activation="sigmoid")])


@pytest.mark.parametrize("activation", ["sigmoid", "tanh", "relu"])
def test_hand_written_backprop_matches_autodiff(tf, activation):
    rng = np.random.default_rng(1)
    x = rng.normal(size=(32, 3)).astype("float32")
    y = rng.integers(0, 2, 32).astype("float32")
    model = _mlp(activation)
    dense = [layer for layer in model.layers if isinstance(layer, keras.layers.Dense)]
    with tf.GradientTape() as tape:
        loss = keras.losses.binary_crossentropy(y[:, None], model(x))
        loss = tf.reduce_mean(loss)
    expected = [float(tf.norm(g)) for g in tape.gradient(loss, [layer.kernel for layer in dense])]
    ours = [
        float(g) for g in gradient_norms_by_layer([(layer.kernel, layer.bias) for layer in dense], activation, x, y)
    ]
    np.testing.assert_allclose(ours, expected, rtol=1e-4)


@pytest.mark.parametrize("name", sorted(ACTIVATIONS))
def test_layer_after_dense_equals_dense_with_that_activation(name):
    x = np.random.default_rng(0).normal(size=(16, 5)).astype("float32")
    plain, builtin = keras.layers.Dense(4), keras.layers.Dense(4, activation=name)
    plain.build(x.shape)
    builtin.build(x.shape)
    builtin.set_weights(plain.get_weights())
    np.testing.assert_allclose(ActivationFromScratch(name)(plain(x)), builtin(x), rtol=1e-6, atol=1e-6)


@pytest.mark.parametrize("name", sorted(ACTIVATIONS))
def test_keras_layer_contract(name):
    check_layer_contract(
        ActivationFromScratch,
        {"activation": name, "name": "bend"},
        input_shape=(2, 3, 4),
        expected_output_shape=(2, 3, 4),
        trainable_weights=0,
    )


def test_unknown_activation_names_are_refused():
    with pytest.raises(ValueError, match="activation must be one of .* not 'softplus'"):
        ActivationFromScratch("softplus")


def _scalar_steps(run_dir: Path, prefix: str) -> dict[str, list[int]]:
    """{tag: [steps]} of the scalars under `prefix` in a run directory's root event files."""
    import tensorflow as tf

    steps: dict[str, list[int]] = {}
    for events in run_dir.glob("events.out.tfevents.*"):
        for event in tf.compat.v1.train.summary_iterator(str(events)):
            for value in event.summary.value:
                if value.tag.startswith(prefix):
                    steps.setdefault(value.tag, []).append(event.step)
    return steps


def test_a_linear_stack_collapses_into_one_map():
    model = _stack(3, "linear", width=5)
    x = np.random.default_rng(4).normal(size=(20, 2))
    kernel, bias = _collapse(model)
    expected = 1.0 / (1.0 + np.exp(-(x @ kernel + bias)))
    np.testing.assert_allclose(model.predict(x.astype("float32"), verbose=0), expected, rtol=1e-5, atol=1e-6)
    assert kernel.shape == (2, 1) and bias.shape == (1,)


def test_the_best_straight_cut_is_perfect_on_separable_points_and_a_guess_on_xor():
    rng = np.random.default_rng(5)
    x = rng.normal(size=(400, 2))
    y = (x[:, 0] - 0.5 * x[:, 1] > 0.2).astype("float64")
    noisy = y.copy()
    noisy[::25] = 1 - noisy[::25]  # a few flipped labels keep the likelihood's optimum finite
    assert _best_straight_cut((x[:300], noisy[:300]), (x[300:], y[300:])) >= 0.97
    corners = rng.integers(0, 2, (400, 2))
    points = corners * 2.0 - 1.0 + rng.normal(0, 0.1, (400, 2))
    labels = (corners[:, 0] ^ corners[:, 1]).astype("float64")
    assert _best_straight_cut((points[:300], labels[:300]), (points[300:], labels[300:])) <= 0.8


NUMBERS = {"best_line": 0.64, "stacked": 0.645, "with_relu": 0.998, "collapse_error": 1.2e-7, "relu_over_sigmoid": 2e6}


def test_the_claim_holds_for_numbers_like_the_measured_ones():
    assert _claims.verdict(claim_parts(**NUMBERS)) is True


@pytest.mark.parametrize(
    "changes, failing",
    [
        ({"stacked": 0.90, "best_line": 0.89}, "linear_5_layers_accuracy"),  # a "linear" stack that bends
        ({"stacked": 0.70}, "linear_5_layers_gain_over_best_line"),  # depth helped a linear map
        ({"with_relu": 0.70}, "relu_5_layers_accuracy"),  # the nonlinearity did not fit
        ({"relu_over_sigmoid": 3.0}, "relu_over_sigmoid"),  # sigmoid gradients survived
    ],
    ids=["linear-fits", "depth-helps", "relu-fails", "no-vanishing"],
)
def test_the_claim_can_fail(changes, failing):
    parts = {part.name: part for part in claim_parts(**{**NUMBERS, **changes})}
    assert not parts[failing].held and _claims.verdict(list(parts.values())) is False


def test_the_collapse_is_a_check_not_a_vote():
    parts = {part.name: part for part in claim_parts(**{**NUMBERS, "collapse_error": 0.5})}
    assert parts["linear_collapse_error"].kind == "identity" and not parts["linear_collapse_error"].held
    assert _claims.verdict(list(parts.values())) is True


def test_quick_demo_measures_both_claims(quick_demo):
    summary = quick_demo("activation")
    numbers = summary["claim"]["numbers"]
    assert summary["claim"]["verdict"] is True
    assert all(part["held"] == part["of"] for part in summary["claim"]["parts"])
    # 0.25 per sigmoid layer over nine layers alone is 0.25⁹ ≈ 3.8e-6
    assert numbers["sigmoid_first_to_last_gradient"] < 1e-3 < numbers["relu_first_to_last_gradient"]
    if keras.backend.backend() == "tensorflow":
        steps = _scalar_steps(Path(summary["run_dir"]), "gradient_norm/")
        assert set(steps) == {"gradient_norm/sigmoid", "gradient_norm/tanh", "gradient_norm/relu"}
        assert all(sorted(s) == list(range(1, 12)) for s in steps.values())  # one step per layer


def test_without_the_nonlinearity_the_claim_fails(quick_demo, monkeypatch):
    """The concept removed: the stack that must fit the spirals gets linear activations in place of
    ReLU, so it is one linear map too and stays near the best straight cut (about 0.6)."""
    monkeypatch.setattr(activation, "NONLINEARITY", "linear")
    assert_fails_through(quick_demo("activation"), "relu_5_layers_accuracy")


# -- the prediction question: outcome(claim) on recorded-style claims, no training -----------------


def recorded(*seeds):
    """The claim as summary.json stores it, aggregated by the harness from each seed's (parts,
    context numbers)."""
    from types import SimpleNamespace

    from nutshell.run import Claim, verdict_over_seeds

    return verdict_over_seeds(
        [
            SimpleNamespace(result=Claim("", tuple(parts), {**{part.name: part.value for part in parts}, **context}))
            for parts, context in seeds
        ]
    )


def measured(best_line, stacked):
    return claim_parts(best_line, stacked, 0.995, 1e-7, 5e4), {"best_line_accuracy": best_line}


OUTCOMES = [  # (what each seed measured, the option it shows)
    ([measured(0.64, 0.645)] * 3, "B"),  # as measured: no better than one cut
    ([measured(0.64, 0.80)] * 3, "A"),
    ([measured(0.64, 0.50)] * 3, "C"),
    ([measured(0.64, 0.645), measured(0.62, 0.72)], "D"),
]


@pytest.mark.parametrize("seeds, option", OUTCOMES, ids=[option for _, option in OUTCOMES])
def test_outcome_names_the_option_the_numbers_show(seeds, option):
    assert activation.outcome(recorded(*seeds)) == option


def test_every_prediction_option_can_be_the_outcome():
    assert {option for _, option in OUTCOMES} == set(activation.PREDICT["options"])
