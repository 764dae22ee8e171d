"""translation-invariance: a convolution is shift-equivariant and a dense layer is not; a stride-1
CNN with a global max is exactly shift-invariant with a blank margin, and not without one."""

import keras
import numpy as np
import pytest
from keras import ops

from nutshell import data
from nutshell.glossary import _claims, translation_invariance
from nutshell.glossary.translation_invariance import (
    _on_canvas,
    claim_parts,
    equivariance_gap,
    measure_equivariance,
    shift,
    shift_invariant_cnn,
)
from tests.helpers import assert_fails_through

RNG = np.random.default_rng(0)


def test_shift_moves_and_fills_with_zeros():
    x = np.arange(9, dtype="float32").reshape(1, 3, 3, 1)
    assert shift(x, 0, 1)[0, :, :, 0].tolist() == [[0, 0, 1], [0, 3, 4], [0, 6, 7]]
    assert shift(x, -1, 0)[0, :, :, 0].tolist() == [[3, 4, 5], [6, 7, 8], [0, 0, 0]]


def test_convolution_is_equivariant_and_dense_is_not():
    keras.utils.set_random_seed(0)
    images = RNG.normal(size=(4, 12, 12, 1)).astype("float32")
    conv = keras.layers.Conv2D(3, 3, padding="same")
    assert equivariance_gap(conv, images, 2, -1, margin=3) < 1e-6
    dense = keras.layers.Dense(144)
    as_map = lambda x: ops.reshape(dense(ops.reshape(x, (-1, 144))), (-1, 12, 12, 1))
    assert equivariance_gap(as_map, images, 2, -1, margin=3) > 0.5


def _answers_under_shift(model, images, distance):
    base = model.predict(images, verbose=0)
    return [
        np.abs(model.predict(shift(images, dy, dx), verbose=0) - base).max()
        for dy, dx in ((0, distance), (distance, 0), (0, -distance), (-distance, 0))
    ]


def test_stride_1_cnn_with_global_max_is_exactly_invariant_given_a_blank_margin():
    keras.utils.set_random_seed(0)
    digits = data.load_digits().x_test[:50]
    model = shift_invariant_cnn((26, 26, 1), 10)  # random weights: invariance needs none
    on_canvas = _on_canvas(digits, 9)  # reach 7 + shifts up to 2
    assert max(_answers_under_shift(model, on_canvas, 2)) < 1e-6


def test_invariance_fails_without_the_margin_or_with_subsampling():
    keras.utils.set_random_seed(0)
    digits = data.load_digits().x_test[:50]
    bare = shift_invariant_cnn((8, 8, 1), 10)
    assert max(_answers_under_shift(bare, digits, 2)) > 1e-3  # the digit hits the edge
    subsampled = shift_invariant_cnn((26, 26, 1), 10, subsample=True)
    assert max(_answers_under_shift(subsampled, _on_canvas(digits, 9), 1)) > 1e-3


def test_measure_equivariance_on_blank_bordered_images():
    images = _on_canvas(RNG.uniform(size=(5, 8, 8, 1)).astype("float32"), 6)
    numbers = measure_equivariance(images, seed=0)
    assert numbers["conv_equivariance_gap"] < 1e-6 < 0.5 < numbers["dense_equivariance_gap"]


def _rows(same, accuracy, change=0.0):
    return [{"same_prediction": s, "accuracy": a, "probability_change": change} for s, a in zip(same, accuracy)]


EQUIVARIANCE = {"conv_equivariance_gap": 0.0, "dense_equivariance_gap": 1.4}
RESULTS = {
    "cnn_stride_1": (0.93, _rows([1.0] * 3, [0.93] * 3)),
    "cnn_subsampled": (0.91, _rows([0.6, 0.38, 0.6], [0.58, 0.37, 0.58])),
    "mlp": (0.96, _rows([0.47, 0.12, 0.11], [0.46, 0.11, 0.11])),
}


def test_the_claim_holds_for_numbers_like_the_measured_ones():
    assert _claims.verdict(claim_parts(EQUIVARIANCE, RESULTS)) is True


@pytest.mark.parametrize(
    "change, failing",
    [
        ({"cnn_stride_1": (0.1, _rows([1.0] * 3, [0.1] * 3))}, "cnn_stride_1_shifted_accuracy_worst"),
        ({"cnn_stride_1": (0.93, _rows([0.5, 0.4, 0.3], [0.5, 0.4, 0.3]))}, "cnn_stride_1_shifted_accuracy_worst"),
        ({"cnn_subsampled": (0.91, _rows([1.0] * 3, [0.91] * 3))}, "cnn_subsampled_same_answer_worst"),
        ({"mlp": (0.96, _rows([0.99] * 3, [0.95] * 3))}, "mlp_accuracy_drop"),
    ],
    ids=["useless-but-invariant", "not-invariant", "pooling-invariant-too", "mlp-tolerant"],
)
def test_the_claim_can_fail(change, failing):
    parts = {part.name: part for part in claim_parts(EQUIVARIANCE, {**RESULTS, **change})}
    assert not parts[failing].held and _claims.verdict(list(parts.values())) is False


def test_quick_demo_measures_the_claim(quick_demo):
    summary = quick_demo("translation-invariance")
    claim = summary["claim"]
    assert claim["verdict"] is True
    assert all(part["held"] == part["of"] for part in claim["parts"])  # the identities too
    assert claim["numbers"]["cnn_stride_1_same_answer_worst"] == 1.0
    assert summary["outcome"] == "D"  # the stride-1 net keeps every answer, the subsampled one does not


def _flatten_head(input_shape, num_classes, subsample=False):
    """shift_invariant_cnn with its global max replaced by Flatten: the same equivariant
    convolutions, but the classifier reads every position separately."""
    model = shift_invariant_cnn(input_shape, num_classes, subsample=subsample)
    if subsample:
        return model
    convs = [layer for layer in model.layers if isinstance(layer, keras.layers.Conv2D)]
    return keras.Sequential(
        [
            keras.Input(input_shape),
            *convs,
            keras.layers.Flatten(name="flatten"),
            keras.layers.Dense(num_classes, activation="softmax", name="classify"),
        ],
        name="cnn_stride_1_flatten",
    )


def test_without_the_invariant_head_the_claim_fails(quick_demo, monkeypatch):
    """The concept removed: the stride-1 net's global max becomes Flatten, so the classifier knows
    where each feature was found. Trained on centred digits, it then misreads shifted ones."""
    monkeypatch.setattr(translation_invariance, "shift_invariant_cnn", _flatten_head)
    assert_fails_through(quick_demo("translation-invariance"), "cnn_stride_1_shifted_accuracy_worst")


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


def _shift_claim(
    stride_1=1.0, subsampled=0.38, mlp_drop=0.87, stride_1_held=5, subsampled_held=5, mlp_low=None, mlp_high=None
):
    return {
        "parts": [
            _part("cnn_stride_1_same_answer_worst", stride_1, 1.0, stride_1_held),
            _part("cnn_subsampled_same_answer_worst", subsampled, 0.99, subsampled_held),
            _part("mlp_accuracy_drop", mlp_drop, 0.15, 5 if mlp_drop >= 0.15 else 0, mlp_low, mlp_high),
        ]
    }


@pytest.mark.parametrize(
    "claim, option",
    [
        (_shift_claim(subsampled=1.0, subsampled_held=0, mlp_drop=0.01), "A"),  # nobody changes an answer
        (_shift_claim(subsampled=0.995, subsampled_held=0), "B"),  # pooling made it invariant
        (_shift_claim(stride_1=0.97, stride_1_held=0), "C"),  # e.g. a Flatten head
        (_shift_claim(), "D"),  # as measured
        (_shift_claim(subsampled=0.98, subsampled_held=2), "E"),  # the pooled net: some seeds
        (_shift_claim(mlp_drop=0.05, mlp_low=0.0, mlp_high=0.1), "E"),  # the MLP: some seeds
    ],
    ids=["all", "both-cnns", "none", "stride-1-only", "seeds-pooled", "seeds-mlp"],
)
def test_outcome_names_what_happened(claim, option):
    assert translation_invariance.outcome(claim) == option
