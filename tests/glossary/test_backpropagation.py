"""backpropagation: the hand-written backward sweep equals the backend's autodiff and the Keras
model's own gradients; its gradients alone train the net; the claim is measured, and fails when
the error is stopped at the output layer."""

import keras
import numpy as np
import pytest
from keras import ops

from nutshell.glossary import _claims, backpropagation
from nutshell.glossary.backpropagation import (
    _gradients_both_ways,
    _largest_relative_difference,
    activation_and_slope,
    autodiff_gradients,
    backward,
    claim_parts,
    forward,
    mean_loss,
)
from nutshell.glossary.mlp import mlp
from tests.helpers import assert_fails_through

RNG = np.random.default_rng(0)
X = RNG.normal(size=(40, 6)).astype("float32")
Y = RNG.integers(0, 4, 40)


def _weights(model):
    return [(layer.kernel, layer.bias) for layer in model.layers if isinstance(layer, keras.layers.Dense)]


def test_autodiff_gradients_of_a_known_function():
    (gradient,) = autodiff_gradients(lambda v: ops.sum(v[0] ** 3), [np.array([1.0, -2.0])])
    np.testing.assert_allclose(ops.convert_to_numpy(gradient), [3.0, 12.0])


@pytest.mark.parametrize("name", ["tanh", "sigmoid", "relu"])
def test_each_slope_is_the_derivative_of_its_activation(name):
    f, slope = activation_and_slope(name)
    z = np.linspace(-3, 3, 13).astype("float32") + 0.05  # away from relu's kink at 0
    (automatic,) = autodiff_gradients(lambda v: ops.sum(f(v[0])), [z])
    np.testing.assert_allclose(ops.convert_to_numpy(slope(z)), ops.convert_to_numpy(automatic), atol=1e-6)
    np.testing.assert_allclose(
        ops.convert_to_numpy(f(z)), ops.convert_to_numpy(keras.activations.get(name)(z)), atol=1e-6
    )


def test_an_unknown_activation_is_refused():
    with pytest.raises(ValueError, match="activation must be one of"):
        activation_and_slope("swish")


@pytest.mark.parametrize("activation", ["tanh", "sigmoid", "relu"])
def test_forward_pass_is_the_keras_model(activation):
    model = mlp((6,), hidden=(8, 5), outputs=4, activation=activation, output_activation="softmax")
    np.testing.assert_allclose(
        ops.convert_to_numpy(forward(_weights(model), X, activation)[2]),
        model.predict(X, verbose=0),
        rtol=1e-5,
        atol=1e-6,
    )


@pytest.mark.parametrize("activation", ["tanh", "sigmoid", "relu"])
def test_backward_sweep_equals_the_models_own_autodiff(activation):
    model = mlp((6,), hidden=(8, 5), outputs=4, activation=activation, output_activation="softmax")
    weights = _weights(model)
    variables = [v for pair in weights for v in pair]
    # the Keras model differentiated through its own layers and Keras's own loss
    expected = autodiff_gradients(lambda values: _keras_loss(model, variables, values), variables)
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
    keras.utils.set_random_seed(3)  # a fixed start: float32 differences are checked at fixed points
    model = mlp((6,), hidden=(5,), outputs=4, activation="tanh", output_activation="softmax")
    weights = [
        (ops.convert_to_numpy(k).astype("float64"), ops.convert_to_numpy(b).astype("float64"))
        for k, b in _weights(model)
    ]
    ours = ops.convert_to_numpy(backward(weights, X, Y)[0][0])
    h = 1e-3
    for i, j in [(0, 0), (3, 2), (5, 4)]:
        plus, minus = [(k.copy(), b) for k, b in weights], [(k.copy(), b) for k, b in weights]
        plus[0][0][i, j] += h
        minus[0][0][i, j] -= h
        numeric = (float(mean_loss(plus, X, Y)) - float(mean_loss(minus, X, Y))) / (2 * h)
        assert ours[i, j] == pytest.approx(numeric, rel=2e-2, abs=1e-4)  # float32 loss


def test_a_wrong_slope_is_caught_by_the_check(monkeypatch):
    # backward() multiplies by the sigmoid's slope where the network uses tanh
    model = mlp((6,), hidden=(8, 5), outputs=4, activation="tanh", output_activation="softmax")
    weights = [(ops.convert_to_numpy(k), ops.convert_to_numpy(b)) for k, b in _weights(model)]
    assert _largest_relative_difference(*_gradients_both_ways(weights, X, Y)) < 1e-5
    monkeypatch.setattr(
        backpropagation, "activation_and_slope", lambda name: (ops.tanh, activation_and_slope("sigmoid")[1])
    )
    assert _largest_relative_difference(*_gradients_both_ways(weights, X, Y)) > 1e-2


# Numbers like those measured on a validation split (seeds 100-102, quick mode).
MEASURED = {
    "difference_at_start": 4e-7,
    "difference_after_training": 5e-7,
    "forward_error": 1e-6,
    "test_accuracy": 0.95,
    "loss_ratio": 0.27,
    "cost": 2.6,
}


def test_the_claim_holds_for_numbers_like_the_measured_ones():
    assert _claims.verdict(claim_parts(**MEASURED)) is True


@pytest.mark.parametrize(
    "change, failing",
    [
        ({"test_accuracy": 0.6}, "test_accuracy"),
        ({"loss_ratio": 0.9}, "test_loss_ratio_to_output_only"),
    ],
    ids=["not-learned", "no-better-than-the-output-layer-alone"],
)
def test_the_claim_can_fail(change, failing):
    parts = {part.name: part for part in claim_parts(**{**MEASURED, **change})}
    assert not parts[failing].held and _claims.verdict(list(parts.values())) is False


def test_checks_and_timing_are_shown_but_do_not_vote():
    parts = {part.name: part for part in claim_parts(**{**MEASURED, "difference_at_start": 0.3, "cost": 9.0})}
    check, timing = parts["relative_difference_at_start"], parts["gradient_cost_in_forward_passes"]
    assert check.kind == "identity" and not check.held
    assert timing.kind == "timing" and not timing.held
    assert _claims.verdict(list(parts.values())) is True


def test_quick_demo_measures_the_claim(quick_demo):
    summary = quick_demo("backpropagation")
    numbers = summary["claim"]["numbers"]
    assert numbers["relative_difference_at_start"] <= 1e-5
    assert numbers["relative_difference_after_training"] <= 1e-5
    assert numbers["forward_vs_model"] <= 1e-4
    assert numbers["test_loss"] < numbers["test_loss_output_only"]
    assert 1.0 < numbers["gradient_cost_in_forward_passes"]  # the sweep includes a forward pass
    assert summary["claim"]["verdict"] is True


def test_without_backpropagation_the_claim_fails(quick_demo, monkeypatch):
    """The concept removed: every hidden slope is 0, so the backward sweep stops at the output
    layer and the hidden layers never learn; the "backprop" net is then the output-only twin."""
    monkeypatch.setattr(backpropagation, "activation_and_slope", lambda name: (ops.tanh, lambda z: ops.zeros_like(z)))
    summary = quick_demo("backpropagation")
    assert_fails_through(summary, "test_loss_ratio_to_output_only")


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


def measured(accuracy, loss_ratio):
    from nutshell.glossary.backpropagation import claim_parts as parts_of

    return parts_of(2e-7, 3e-7, 1e-6, accuracy, loss_ratio, 3.0), {}


OUTCOMES = [  # (what each seed measured, the option it shows)
    ([measured(0.955, 0.24)] * 3, "A"),  # as measured: 0.16 against 0.66
    ([measured(0.93, 0.7)] * 3, "B"),
    ([measured(0.91, 1.0)] * 3, "C"),
    ([measured(0.88, 1.3)] * 3, "D"),
    ([measured(0.955, 0.24), measured(0.93, 0.7)], "E"),
]


@pytest.mark.parametrize("seeds, option", OUTCOMES, ids=[option for _, option in OUTCOMES])
def test_outcome_names_the_option_the_numbers_show(seeds, option):
    from nutshell.glossary import backpropagation as predicted

    assert predicted.outcome(recorded(*seeds)) == option


def test_every_prediction_option_can_be_the_outcome():
    from nutshell.glossary import backpropagation as predicted

    assert {option for _, option in OUTCOMES} == set(predicted.PREDICT["options"])
