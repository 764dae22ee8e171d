"""receptive-field: the formula on the entry's examples; the field found by moving pixels equals it,
except where the field would run off the image."""

import keras
import numpy as np
import pytest

from nutshell.glossary import _claims, receptive_field
from nutshell.glossary.receptive_field import (
    MIN_CENTRAL_SHARE,
    _valid_cnn,
    central_share,
    claim_parts,
    measured_receptive_fields,
    receptive_field_sizes,
)
from tests.helpers import assert_fails_through


def _stack(input_size, layers, activation=None, padding="valid"):
    built = [keras.Input((input_size, input_size, 1))]
    for index, spec in enumerate(layers):
        if spec[0] == "conv":
            _, k, dilation = spec
            built.append(
                keras.layers.Conv2D(
                    3, k, dilation_rate=dilation, padding=padding, activation=activation, name=f"conv_{index}"
                )
            )
        else:
            built.append(keras.layers.MaxPooling2D(spec[1], name=f"pool_{index}"))
    return keras.Sequential(built)


def test_formula_on_the_worked_examples():
    widths = lambda model: [r for _, r, _ in receptive_field_sizes(model)]
    assert widths(_stack(20, [("conv", 3, 1)] * 2)) == [3, 5]
    assert widths(_stack(20, [("conv", 3, 1)] * 3)) == [3, 5, 7]
    assert widths(_stack(20, [("conv", 3, 1), ("pool", 2), ("conv", 3, 1)])) == [3, 4, 8]
    assert widths(_stack(20, [("conv", 3, 2)])) == [5]  # dilation 2: taps 2 apart
    strides = [j for _, _, j in receptive_field_sizes(_stack(20, [("conv", 3, 1), ("pool", 2), ("pool", 2)]))]
    assert strides == [1, 2, 4]


def test_measured_field_equals_the_formula_in_a_random_network():
    keras.utils.set_random_seed(0)
    model = _stack(24, [("conv", 3, 1), ("pool", 2), ("conv", 3, 2), ("pool", 2), ("conv", 3, 1)], activation="relu")
    formula = receptive_field_sizes(model)
    images = np.random.default_rng(0).uniform(size=(3, 24, 24, 1))
    measured = measured_receptive_fields(model, images, [name for name, _, _ in formula])
    assert [measured[name][:2] for name, _, _ in formula] == [(r, r) for _, r, _ in formula]


def test_measured_field_is_cut_short_where_the_formula_runs_off_the_image():
    """The claim fails when its assumption does: four padded 3×3 layers on an 8×8 image would
    need a 9×9 field, and no unit can see pixels the image does not have."""
    keras.utils.set_random_seed(0)
    model = _stack(8, [("conv", 3, 1)] * 4, padding="same")
    formula = receptive_field_sizes(model)
    measured = measured_receptive_fields(
        model, np.random.default_rng(1).uniform(size=(2, 8, 8, 1)), [name for name, _, _ in formula]
    )
    name, r, _ = formula[-1]
    assert r == 9 and measured[name][0] < r


def test_central_share_of_a_flat_and_of_a_peaked_field():
    flat = np.zeros((10, 10))
    flat[1:9, 1:9] = 1.0  # an 8×8 field, every pixel the same
    assert central_share(flat, 8) == pytest.approx(0.25)
    peaked = flat.copy()
    peaked[3:7, 3:7] = 5.0
    assert central_share(peaked, 8) == pytest.approx(80 / 128)


def test_the_demos_net_grows_its_field_and_without_growth_does_not():
    assert [r for _, r, _ in receptive_field_sizes(_valid_cnn((28, 28, 1), 10))] == [3, 5, 6, 10, 12, 20]
    assert {r for _, r, _ in receptive_field_sizes(_valid_cnn((28, 28, 1), 10, kernel=1, pool=1))} == {1}


NUMBERS = {"mismatched_layers": 0, "top_field_width": 20, "central_quarter_share": 0.51}


def test_the_claim_holds_for_numbers_like_the_measured_ones():
    assert _claims.verdict(claim_parts(NUMBERS, 28, accuracy=0.91)) is True


@pytest.mark.parametrize(
    "change, accuracy, failing",
    [
        ({"central_quarter_share": 0.26}, 0.91, "central_quarter_share"),  # a flat field
        ({"top_field_width": 5}, 0.91, "top_field_width"),  # no depth to speak of
        ({}, 0.11, "test_accuracy"),  # never learned
    ],
    ids=["flat-field", "narrow-field", "untrained"],
)
def test_the_claim_can_fail(change, accuracy, failing):
    parts = {part.name: part for part in claim_parts({**NUMBERS, **change}, 28, accuracy)}
    assert not parts[failing].held and _claims.verdict(list(parts.values())) is False


def test_quick_demo_measures_the_claim(quick_demo):
    summary = quick_demo("receptive-field")
    claim = summary["claim"]
    numbers = claim["numbers"]
    layers = [key[: -len("_formula")] for key in numbers if key.endswith("_formula")]
    assert [numbers[f"{name}_formula"] for name in layers] == [3, 5, 6, 10, 12, 20]
    assert all(numbers[f"{name}_measured"] == numbers[f"{name}_formula"] for name in layers)
    assert 0.25 < numbers["central_quarter_share"] < 1.0
    assert claim["verdict"] is True
    assert summary["outcome"] == "C"  # the middle of the field counts most


def test_without_growth_the_claim_fails(quick_demo, monkeypatch):
    """The concept removed: 1×1 convolutions and 1×1 pools, so no layer widens the field. The formula
    still holds (r = 1 everywhere), but the top units see one pixel, not half the image."""
    monkeypatch.setattr(
        receptive_field, "_valid_cnn", lambda shape, classes: _valid_cnn(shape, classes, kernel=1, pool=1)
    )
    assert_fails_through(quick_demo("receptive-field"), "top_field_width")


def _part(name, mean, bar, held=5, low=None, high=None):
    """One part of a claim as summary.json stores it, over 5 seeds."""
    return {
        "name": name,
        "mean": mean,
        "min": mean if low is None else low,
        "max": mean if high is None else high,
        "bar": bar,
        "held": held,
        "of": 5,
    }


def _share_claim(low, high, held=5):
    share = _part("central_quarter_share", (low + high) / 2, MIN_CENTRAL_SHARE, held, low, high)
    return {"parts": [share], "numbers": {"central_quarter_share": share["mean"]}}


@pytest.mark.parametrize(
    "claim, option",
    [
        (_share_claim(0.24, 0.27, held=0), "A"),  # a flat field: every pixel counts the same
        (_share_claim(0.52, 0.54), "C"),  # as measured
        (_share_claim(0.10, 0.15, held=0), "B"),  # the edge counts most
        (_share_claim(0.22, 0.45, held=1), "D"),  # flat on some seeds, peaked on others
    ],
    ids=["flat", "centre", "edge", "some-seeds"],
)
def test_outcome_names_what_happened(claim, option):
    assert receptive_field.outcome(claim) == option
