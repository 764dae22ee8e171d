"""unit: our Unit equals a one-unit Dense layer; the demo's claim is measured, not asserted blindly."""

import keras
import numpy as np
import pytest

from nutshell.glossary import _claims, unit
from nutshell.glossary.unit import MaxoutUnit, Unit, _maxout_unit, claim_parts
from tests.helpers import assert_fails_through
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


@pytest.mark.parametrize(
    "layer_cls, init_kwargs",
    [
        (Unit, {"activation": "tanh"}),
        (MaxoutUnit, {"pieces": 3}),
    ],
    ids=["Unit", "MaxoutUnit"],
)
def test_keras_layer_contract(layer_cls, init_kwargs):
    check_layer_contract(layer_cls, init_kwargs, input_shape=(4, 3), expected_output_shape=(4, 1), trainable_weights=2)


@pytest.mark.parametrize(
    "make, message",
    [
        (lambda: Unit("no_such_function"), "activation function identifier: no_such_function"),
        (lambda: MaxoutUnit(pieces=0), "pieces must be a positive integer, not 0"),
        (lambda: MaxoutUnit(pieces=2.5), "pieces must be a positive integer, not 2.5"),
    ],
)
def test_bad_arguments_are_refused_with_a_readable_message(make, message):
    with pytest.raises(ValueError, match=message):
        make()


def test_the_maxout_pieces_start_as_mirror_images():
    kernel, bias = _maxout_unit().layers[0].get_weights()
    np.testing.assert_array_equal(kernel[:, 1], -kernel[:, 0])
    assert np.any(kernel != 0) and np.all(bias == 0)


def test_the_claim_holds_for_numbers_like_the_measured_ones():
    assert _claims.verdict(claim_parts(0.995, 0.52, 1.0)) is True


@pytest.mark.parametrize(
    "numbers, failing",
    [
        ((0.80, 0.52, 1.0), "separable_accuracy"),  # the unit did not learn a line it could draw
        ((0.995, 0.97, 1.0), "xor_unit_accuracy"),  # a straight line cannot do this: not one unit
        ((0.995, 0.52, 0.75), "xor_maxout_accuracy"),  # the maxout unit stuck at three corners
    ],
    ids=["separable-not-learned", "xor-learned-by-a-line", "maxout-stuck"],
)
def test_the_claim_can_fail(numbers, failing):
    parts = {part.name: part for part in claim_parts(*numbers)}
    assert not parts[failing].held and _claims.verdict(list(parts.values())) is False


def test_quick_demo_measures_the_claim(quick_demo):
    summary = quick_demo("unit")
    assert summary["claim"]["verdict"] is True
    assert all(part["held"] == part["of"] for part in summary["claim"]["parts"])
    numbers = summary["claim"]["numbers"]
    # the share of the test points that three of XOR's four corners hold: near 3/4, never 0.85
    assert numbers["xor_unit_accuracy"] <= 0.85 < numbers["xor_maxout_accuracy"]


def test_without_a_second_piece_the_claim_fails(quick_demo, monkeypatch):
    """The richer unit taken away: a maxout unit of one piece is a plain linear unit, whose
    boundary is a line, so it does no better on XOR than the sigmoid unit. Three epochs suffice
    (with two pieces the unit reaches 1.00 on XOR by its second or third epoch; with one, no
    number of epochs helps), which keeps this CI test short."""
    monkeypatch.setattr(unit, "MAXOUT_PIECES", 1)
    assert_fails_through(quick_demo("unit", epochs=3), "xor_maxout_accuracy")


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


def measured(separable, xor_unit, xor_maxout):
    return claim_parts(separable, xor_unit, xor_maxout), {}


OUTCOMES = [  # (what each seed measured, the option it shows)
    ([measured(0.995, 0.52, 1.0)] * 3, "B"),  # as measured: only maxout
    ([measured(0.995, 0.97, 1.0)] * 3, "A"),  # a line that beats 3 corners
    ([measured(0.995, 0.97, 0.75)] * 3, "C"),
    ([measured(0.995, 0.52, 0.75)] * 3, "D"),  # maxout stuck at 3 corners too
    ([measured(0.995, 0.52, 1.0), measured(0.995, 0.52, 0.75)], "E"),
]


@pytest.mark.parametrize("seeds, option", OUTCOMES, ids=[option for _, option in OUTCOMES])
def test_outcome_names_the_option_the_numbers_show(seeds, option):
    assert unit.outcome(recorded(*seeds)) == option


def test_every_prediction_option_can_be_the_outcome():
    assert {option for _, option in OUTCOMES} == set(unit.PREDICT["options"])
