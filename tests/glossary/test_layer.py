"""layer: DenseFromScratch equals keras.layers.Dense with the same weights, its parameter count is
inputs·units + units, and the demo's MLP measures its claim (and fails with one unit in place of the layer)."""

import keras
import numpy as np
import pytest

from nutshell.glossary import _claims
from nutshell.glossary import layer as entry
from nutshell.glossary.layer import DenseFromScratch, claim_parts, dense_parameter_count
from tests.helpers import assert_fails_through
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
    model = keras.Sequential([keras.Input((784,)), DenseFromScratch(128, "relu"), DenseFromScratch(10, "softmax")])
    assert model.count_params() == 101_770


@pytest.mark.parametrize(
    "init_kwargs",
    [
        {"units": 5, "activation": "relu"},
        {"units": 6, "activation": "tanh", "kernel_initializer": "he_normal", "name": "hidden"},
    ],
    ids=["relu", "tanh-he_normal"],
)
def test_keras_layer_contract(init_kwargs):
    check_layer_contract(
        DenseFromScratch,
        init_kwargs,
        input_shape=(4, 3),
        expected_output_shape=(4, init_kwargs["units"]),
        trainable_weights=2,
    )


@pytest.mark.parametrize(
    "kwargs, message",
    [
        ({"units": 0}, "units must be a positive integer, not 0"),
        ({"units": -3}, "units must be a positive integer, not -3"),
        ({"units": "32"}, "units must be a positive integer, not '32'"),
        ({"units": 4, "activation": "no_such_function"}, "activation function identifier: no_such"),
        ({"units": 4, "kernel_initializer": "no_such_start"}, "no_such_start"),
    ],
)
def test_bad_arguments_are_refused_with_a_readable_message(kwargs, message):
    with pytest.raises(ValueError, match=message):
        DenseFromScratch(**kwargs)


def test_every_dataset_the_demo_offers_has_an_accuracy_bar():
    assert set(entry.DEMO["datasets"]) == set(entry._ACCURACY_BAR)
    assert entry.DEMO["datasets"][0] == "mnist"


TABLE = [
    ("input_pixels", "28x28x1", 784, 0, 0),
    ("hidden_1", "784", 128, 100_480, 100_480),
    ("output", "128", 10, 1_290, 1_290),
]


def test_the_claim_holds_for_numbers_like_the_measured_ones():
    assert _claims.verdict(claim_parts(0.957, 0.93, TABLE, 0.0)) is True


def test_the_claim_fails_below_the_bar():
    (accuracy, *_) = claim_parts(0.91, 0.93, TABLE, 0.0)
    assert accuracy.name == "test_accuracy" and not accuracy.held
    assert _claims.verdict(claim_parts(0.91, 0.93, TABLE, 0.0)) is False


@pytest.mark.parametrize(
    "table, difference, failing",
    [
        (TABLE[:2] + [("output", "128", 10, 1_280, 1_290)], 0.0, "layers_miscounted"),
        (TABLE, 1e-3, "max_difference_vs_keras_dense"),
    ],
    ids=["miscount", "not-like-keras"],
)
def test_counts_and_keras_are_checks_not_votes(table, difference, failing):
    parts = {part.name: part for part in claim_parts(0.957, 0.93, table, difference)}
    assert parts[failing].kind == "identity" and not parts[failing].held


def test_quick_demo_measures_the_claim(quick_demo):
    summary = quick_demo("layer")
    numbers = summary["claim"]["numbers"]
    assert summary["claim"]["verdict"] is True
    assert all(part["held"] == part["of"] for part in summary["claim"]["parts"])
    # 784 -> 128 -> 10, the worked example in the explanation: counted from the trained layers'
    # weights, while the formula is evaluated independently here
    assert numbers["hidden_1_parameters"] == dense_parameter_count(784, 128) == 100_480
    assert numbers["output_parameters"] == dense_parameter_count(128, 10) == 1_290
    assert numbers["total_parameters"] == numbers["keras_dense_parameters"] == 101_770


def test_with_a_single_unit_in_place_of_the_layer_the_claim_fails(quick_demo, monkeypatch):
    """The concept removed: the hidden layer of 128 units becomes a single unit, so every image
    is squeezed through one number before the output layer. Two epochs keep it short: with 128
    units the MLP is past the quick bar after one epoch (0.89 on the validation split, seed 100)."""
    monkeypatch.setattr(entry, "_HIDDEN", (1,))
    assert_fails_through(quick_demo("layer", epochs=2), "test_accuracy")


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


def measured(hidden, output, total=None):
    """One seed's claim from the parameter counts of the hidden and output layers."""
    table = [("hidden_1", "n", 0, hidden, hidden), ("output", "128", 0, output, output)]
    total = hidden + output if total is None else total
    return claim_parts(0.925, 0.85, table, 0.0), {
        "total_parameters": total,
        "keras_dense_parameters": total,
        "hidden_1_parameters": hidden,
        "output_parameters": output,
    }


OUTCOMES = [  # (what each seed measured, the option it shows)
    ([measured(100_480, 1_290)] * 3, "B"),  # MNIST: 784 -> 128 -> 10
    ([measured(8_320, 1_290)] * 3, "B"),  # the 8x8 digits: 64 -> 128 -> 10
    ([measured(1_000, 1_000, total=300_000)], "A"),  # an input stage with weights of its own
    ([measured(640, 12_900)], "C"),  # a CSV of 4 features and 100 classes
    ([measured(640, 387)], "D"),  # a CSV of 4 features and 3 classes
]


@pytest.mark.parametrize("seeds, option", OUTCOMES, ids=[f"{option}{i}" for i, (_, option) in enumerate(OUTCOMES)])
def test_outcome_names_the_option_the_numbers_show(seeds, option):
    assert entry.outcome(recorded(*seeds)) == option


def test_every_prediction_option_can_be_the_outcome():
    assert {option for _, option in OUTCOMES} == set(entry.PREDICT["options"])
