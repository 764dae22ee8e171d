"""receptive-field: the formula on the entry's examples; the field found by moving pixels equals it,
except where the field would run off the image."""

import keras
import numpy as np

from nutshell.glossary.receptive_field import measured_receptive_fields, receptive_field_sizes


def _stack(input_size, layers, activation=None, padding="valid"):
    built = [keras.Input((input_size, input_size, 1))]
    for index, spec in enumerate(layers):
        if spec[0] == "conv":
            _, k, dilation = spec
            built.append(keras.layers.Conv2D(3, k, dilation_rate=dilation, padding=padding,
                                              activation=activation, name=f"conv_{index}"))
        else:
            built.append(keras.layers.MaxPooling2D(spec[1], name=f"pool_{index}"))
    return keras.Sequential(built)


def test_formula_on_the_worked_examples():
    widths = lambda model: [r for _, r, _ in receptive_field_sizes(model)]
    assert widths(_stack(20, [("conv", 3, 1)] * 2)) == [3, 5]
    assert widths(_stack(20, [("conv", 3, 1)] * 3)) == [3, 5, 7]
    assert widths(_stack(20, [("conv", 3, 1), ("pool", 2), ("conv", 3, 1)])) == [3, 4, 8]
    assert widths(_stack(20, [("conv", 3, 2)])) == [5]        # dilation 2: taps 2 apart
    strides = [j for _, _, j in receptive_field_sizes(_stack(20, [("conv", 3, 1), ("pool", 2),
                                                                  ("pool", 2)]))]
    assert strides == [1, 2, 4]


def test_measured_field_equals_the_formula_in_a_random_network():
    keras.utils.set_random_seed(0)
    model = _stack(24, [("conv", 3, 1), ("pool", 2), ("conv", 3, 2), ("pool", 2), ("conv", 3, 1)],
                   activation="relu")
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
    measured = measured_receptive_fields(model, np.random.default_rng(1).uniform(size=(2, 8, 8, 1)),
                                         [name for name, _, _ in formula])
    name, r, _ = formula[-1]
    assert r == 9 and measured[name][0] < r


def test_quick_demo_measures_the_claim(quick_demo):
    summary = quick_demo("receptive-field")
    numbers = summary["claim"]["numbers"]
    layers = [key[:-len("_formula")] for key in numbers if key.endswith("_formula")]
    assert [numbers[f"{name}_formula"] for name in layers] == [3, 5, 6, 10, 12, 20]
    assert all(numbers[f"{name}_measured"] == numbers[f"{name}_formula"] for name in layers)
    assert 0.40 <= numbers["central_quarter_share"] < 1.0
    assert summary["claim"]["verdict"] is True
