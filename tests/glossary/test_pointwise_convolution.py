"""pointwise-convolution: a 1×1 convolution is a dense layer at every pixel; the demo measures the
saving of a depthwise-separable stage and can fail."""

import keras
import numpy as np
import pytest
from keras import ops

from nutshell.glossary import _claims, pointwise_convolution
from nutshell.glossary.pointwise_convolution import (
    PointwiseConv2D,
    _small_cnn,
    _stage_2_parameters,
    claim_parts,
    pointwise_parameter_count,
    separable_parameter_count,
)
from tests.helpers import assert_fails_through, recorded_claim, recorded_part
from tests.layer_contract import check_layer_contract

RNG = np.random.default_rng(0)


def test_equals_dense_on_the_channel_axis_and_conv2d_1x1():
    maps = RNG.normal(size=(2, 5, 7, 6)).astype("float32")
    w, b = RNG.normal(size=(6, 4)).astype("float32"), RNG.normal(size=4).astype("float32")
    ours, dense, conv = (
        PointwiseConv2D(4, activation="tanh"),
        keras.layers.Dense(4, "tanh"),
        keras.layers.Conv2D(4, 1, activation="tanh"),
    )
    for layer in (ours, dense, conv):
        layer.build(maps.shape)
    ours.set_weights([w, b])
    dense.set_weights([w, b])
    conv.set_weights([w.reshape(1, 1, 6, 4), b])
    y = ops.convert_to_numpy(ours(maps))
    np.testing.assert_allclose(y, ops.convert_to_numpy(dense(maps)), rtol=1e-5, atol=1e-6)
    np.testing.assert_allclose(y, ops.convert_to_numpy(conv(maps)), rtol=1e-5, atol=1e-6)
    # and by hand, pixel by pixel: neighbouring pixels never meet
    by_hand = np.tanh(np.einsum("bhwc,cd->bhwd", maps.astype("float64"), w) + b)
    np.testing.assert_allclose(y, by_hand, rtol=1e-5, atol=1e-5)


def test_parameter_counts_match_keras():
    ours = PointwiseConv2D(64)
    ours.build((None, 28, 28, 192))
    assert ours.count_params() == pointwise_parameter_count(192, 64) == 12_352  # the entry's example
    depthwise = keras.layers.DepthwiseConv2D(3)
    depthwise.build((None, 8, 8, 256))
    pointwise = PointwiseConv2D(256)
    pointwise.build((None, 8, 8, 256))
    assert depthwise.count_params() + pointwise.count_params() == separable_parameter_count(3, 256, 256)


def test_keras_layer_contract():
    check_layer_contract(
        PointwiseConv2D,
        {"filters": 3, "activation": "relu"},
        input_shape=(2, 4, 5, 6),
        expected_output_shape=(2, 4, 5, 3),
        trainable_weights=2,
    )


@pytest.mark.parametrize(
    "kwargs, message",
    [
        ({"filters": 0}, "filters must be a positive integer, not 0"),
        ({"filters": 2, "activation": "no_such"}, "activation function identifier: no_such"),
    ],
)
def test_bad_arguments_are_refused(kwargs, message):
    with pytest.raises(ValueError, match=message):
        PointwiseConv2D(**kwargs)


SAME = {"pointwise_vs_dense": 0.0, "pointwise_vs_conv2d_1x1": 4e-7, "pointwise_vs_by_hand": 9e-7}
SEPARABLE = {"accuracy": 0.975, "parameters": 2_432}
ORDINARY = {"accuracy": 0.98, "parameters": 18_496}


def parts(same=SAME, colour_error=0.002, separable=SEPARABLE, ordinary=ORDINARY):
    return {part.name: part for part in claim_parts(same, colour_error, separable, ordinary, learned=0.93)}


def test_the_claim_holds_for_numbers_like_the_measured_ones():
    assert _claims.verdict(parts().values()) is True


@pytest.mark.parametrize(
    "changed, failing",
    [
        ({"colour_error": 0.15}, "colour_conversion_error"),
        ({"separable": {**SEPARABLE, "accuracy": 0.90}}, "separable_accuracy"),
        ({"separable": {**SEPARABLE, "accuracy": 0.955}}, "accuracy_cost_of_separable"),
    ],
    ids=["no-colour-mixing", "not-learned", "far-behind-ordinary"],
)
def test_the_claim_can_fail(changed, failing):
    found = parts(**changed)
    assert not found[failing].held and _claims.verdict(found.values()) is False


def test_the_equalities_and_the_count_are_identities():
    found = parts(same={**SAME, "pointwise_vs_dense": 0.5}, separable={**SEPARABLE, "parameters": 18_496})
    assert {name for name, part in found.items() if part.kind == "identity"} == {*SAME, "parameter_saving"}
    assert not found["pointwise_vs_dense"].held and not found["parameter_saving"].held


def test_the_separable_stage_has_the_counted_parameters():
    separable = _small_cnn((8, 8, 1), 10, separable=True)
    ordinary = _small_cnn((8, 8, 1), 10, separable=False)
    assert _stage_2_parameters(separable) == separable_parameter_count(3, 32, 64) == 2_432
    assert _stage_2_parameters(ordinary) == 9 * 32 * 64 + 64 == 18_496


def test_quick_demo_measures_the_claim(quick_demo):
    summary = quick_demo("pointwise-convolution")
    numbers = summary["claim"]["numbers"]
    assert (
        max(numbers["pointwise_vs_dense"], numbers["pointwise_vs_conv2d_1x1"], numbers["pointwise_vs_by_hand"]) < 1e-5
    )
    assert numbers["ordinary_stage_parameters"] == 9 * 32 * 64 + 64
    assert numbers["separable_stage_parameters"] == separable_parameter_count(3, 32, 64)
    assert summary["claim"]["verdict"] is True
    assert all(part["held"] for part in summary["claim"]["parts"])


def channel_by_channel(filters, activation=None, name=None):
    """A "1x1 convolution" without channel mixing: DepthwiseConv2D(1) scales each input channel
    into `depth_multiplier` outputs, and no channel meets another. The demo's two uses go 3 -> 3
    (the colour converter) and 32 -> 64 (the separable stage)."""
    return keras.layers.DepthwiseConv2D(1, depth_multiplier={3: 1, 64: 2}[filters], activation=activation, name=name)


def test_without_channel_mixing_the_claim_fails(quick_demo, monkeypatch):
    """The concept removed: the 1x1 layers of the demo (the colour converter and the separable
    net's second stage) may scale each channel but never mix channels at a pixel."""
    monkeypatch.setattr(pointwise_convolution, "_pixel_mixer", channel_by_channel)
    assert_fails_through(quick_demo("pointwise-convolution"), "colour_conversion_error")


def _outcome_claim(cost, held=5):
    def part(name, mean, bar, part_held, comparison="<=", kind="measured"):
        return recorded_part(name, mean, bar, part_held, comparison, kind)

    parts = [
        part("same_as_dense", 1e-7, 1e-5, 5, kind="identity"),
        part("colour_conversion_error", 0.005, 0.02, 5),
        part("parameter_saving", 7.6, 5.0, 5, ">=", "identity"),
        part("separable_accuracy", 0.99, 0.9, 5, ">="),
        part("accuracy_cost_of_separable", cost, 0.02, held),
    ]
    return recorded_claim(parts, held)


@pytest.mark.parametrize(
    "claim, option",
    [
        (_outcome_claim(0.0), "A"),  # seed 0's run: both 0.994
        (_outcome_claim(0.05, held=0), "B"),
        (_outcome_claim(-0.03), "C"),
        (_outcome_claim(0.015, held=4), "D"),
    ],
)
def test_outcome_names_the_option_the_numbers_show(claim, option):
    from nutshell.glossary.pointwise_convolution import PREDICT, outcome

    assert outcome(claim) == option and option in PREDICT["options"]
