"""maxout: our layer against numpy, MaxoutUnit and ReLU; the difference of two units; the demo."""

import numpy as np
import pytest
from keras import ops

from nutshell.glossary import _claims
from nutshell.glossary.maxout import MaxoutDense, MaxoutDifference, _relu_gap, claim_parts
from nutshell.glossary.unit import MaxoutUnit
from tests.helpers import assert_fails_through
from tests.layer_contract import check_layer_contract

RNG = np.random.default_rng(0)


def test_each_unit_keeps_the_largest_of_its_pieces():
    x = RNG.normal(size=(6, 5)).astype("float32")
    layer = MaxoutDense(3, pieces=4)
    layer.build(x.shape)
    w, b = RNG.normal(size=(5, 12)).astype("float32"), RNG.normal(size=12).astype("float32")
    layer.set_weights([w, b])
    expected = (x @ w + b).reshape(6, 3, 4).max(axis=-1)
    np.testing.assert_allclose(ops.convert_to_numpy(layer(x)), expected, rtol=1e-5, atol=1e-5)


def test_one_unit_is_maxout_unit_and_two_pieces_can_be_relu():
    x = RNG.normal(size=(8, 2)).astype("float32")
    ours, unit = MaxoutDense(1, pieces=3), MaxoutUnit(pieces=3)
    ours.build(x.shape)
    unit.build(x.shape)
    unit.set_weights(ours.get_weights())
    np.testing.assert_allclose(ops.convert_to_numpy(ours(x)), ops.convert_to_numpy(unit(x)), atol=1e-6)
    relu = MaxoutDense(1, pieces=2)
    relu.build((None, 1))
    relu.set_weights([np.array([[1.0, 0.0]], "float32"), np.zeros(2, "float32")])
    z = np.linspace(-2, 2, 9, dtype="float32")[:, None]
    assert np.array_equal(ops.convert_to_numpy(relu(z)), np.maximum(z, 0))


def test_difference_of_two_units():
    x = RNG.normal(size=(4, 3)).astype("float32")
    layer = MaxoutDifference(pieces=2)
    layer.build(x.shape)
    h = ops.convert_to_numpy(layer.pair(x))
    np.testing.assert_allclose(ops.convert_to_numpy(layer(x))[:, 0], h[:, 0] - h[:, 1], atol=1e-6)


def test_parameter_count_is_k_times_dense():
    layer = MaxoutDense(32, pieces=4)
    layer.build((None, 64))
    assert layer.count_params() == 4 * (64 * 32 + 32) == 8_320


@pytest.mark.parametrize(
    "layer_cls, kwargs, output",
    [
        (MaxoutDense, {"units": 3, "pieces": 2}, (4, 3)),
        (MaxoutDifference, {"pieces": 3}, (4, 1)),
    ],
    ids=["MaxoutDense", "MaxoutDifference"],
)
def test_keras_layer_contract(layer_cls, kwargs, output):
    check_layer_contract(layer_cls, kwargs, input_shape=(4, 5), expected_output_shape=output, trainable_weights=2)


@pytest.mark.parametrize(
    "kwargs, message",
    [
        ({"units": 0}, "units must be a positive integer, not 0"),
        ({"units": 2, "pieces": 1.5}, "pieces must be a positive integer, not 1.5"),
    ],
)
def test_bad_arguments_are_refused(kwargs, message):
    with pytest.raises(ValueError, match=message):
        MaxoutDense(**kwargs)


def test_relu_is_maxout_with_pieces_x_and_0():
    assert _relu_gap() == 0.0


ERRORS = {2: 0.076, 4: 0.019, 8: 0.019}


def test_the_claim_holds_for_numbers_like_the_measured_ones():
    assert _claims.verdict(claim_parts(0.0, ERRORS, 0.35, 0.07)) is True


@pytest.mark.parametrize(
    "errors, one_unit, difference, failing",
    [
        ({2: 0.076, 4: 0.06, 8: 0.05}, 0.35, 0.07, "x_squared_error_ratio"),  # more pieces barely help
        (ERRORS, 0.12, 0.07, "sine_error_one_unit"),  # one convex unit fits a wiggle
        (ERRORS, 0.35, 0.30, "sine_error_difference_of_two"),  # the difference does not
    ],
    ids=["pieces-do-not-help", "one-unit-fits-sine", "difference-fails"],
)
def test_the_claim_can_fail(errors, one_unit, difference, failing):
    parts = {part.name: part for part in claim_parts(0.0, errors, one_unit, difference)}
    assert not parts[failing].held and _claims.verdict(list(parts.values())) is False


def test_the_relu_check_does_not_vote():
    parts = {part.name: part for part in claim_parts(0.5, ERRORS, 0.35, 0.07)}
    assert parts["relu_gap"].kind == "identity" and not parts["relu_gap"].held
    assert _claims.verdict(list(parts.values())) is True


def test_quick_demo_measures_the_claim(quick_demo):
    summary = quick_demo("maxout")
    assert summary["claim"]["verdict"] is True
    assert all(part["held"] == part["of"] for part in summary["claim"]["parts"])
    assert 1 <= summary["claim"]["numbers"]["x_squared_8_pieces_winning"] <= 8


def test_without_the_max_the_claim_fails(quick_demo, monkeypatch):
    """The concept removed: each unit averages its pieces instead of keeping the largest, so it is
    one straight line whatever the number of pieces, and so is the difference of two."""

    def mean_of_pieces(self, x):
        z = ops.matmul(x, self.kernel) + self.bias
        return ops.mean(ops.reshape(z, (-1, self.units, self.pieces)), axis=-1)

    monkeypatch.setattr(MaxoutDense, "call", mean_of_pieces)
    assert_fails_through(quick_demo("maxout"), "x_squared_error_ratio", "sine_error_difference_of_two")


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


def measured(one_unit, difference):
    errors = {2: 0.077, 4: 0.04, 8: 0.03}
    return claim_parts(0.0, errors, one_unit, difference), {
        f"x_squared_error_{k}_pieces": error for k, error in errors.items()
    }


OUTCOMES = [  # (what each seed measured, the option it shows)
    ([measured(0.345, 0.072)] * 3, "B"),  # as measured: only the difference
    ([measured(0.05, 0.072)] * 3, "A"),
    ([measured(0.05, 0.30)] * 3, "C"),
    ([measured(0.345, 0.30)] * 3, "D"),
    ([measured(0.345, 0.072), measured(0.345, 0.20)], "E"),
]


@pytest.mark.parametrize("seeds, option", OUTCOMES, ids=[option for _, option in OUTCOMES])
def test_outcome_names_the_option_the_numbers_show(seeds, option):
    from nutshell.glossary.maxout import outcome

    assert outcome(recorded(*seeds)) == option


def test_every_prediction_option_can_be_the_outcome():
    from nutshell.glossary.maxout import PREDICT

    assert {option for _, option in OUTCOMES} == set(PREDICT["options"])
