"""translation-invariance: a convolution is shift-equivariant and a dense layer is not; a stride-1
CNN with a global max is exactly shift-invariant with a blank margin, and not without one."""

import keras
import numpy as np
from keras import ops

from nutshell import data
from nutshell.glossary.translation_invariance import (
    _on_canvas, equivariance_gap, shift, shift_invariant_cnn,
)

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
    return [np.abs(model.predict(shift(images, dy, dx), verbose=0) - base).max()
            for dy, dx in ((0, distance), (distance, 0), (0, -distance), (-distance, 0))]


def test_stride_1_cnn_with_global_max_is_exactly_invariant_given_a_blank_margin():
    keras.utils.set_random_seed(0)
    digits = data.load_digits().x_test[:50]
    model = shift_invariant_cnn((26, 26, 1), 10)         # random weights: invariance needs none
    on_canvas = _on_canvas(digits, 9)                    # reach 7 + shifts up to 2
    assert max(_answers_under_shift(model, on_canvas, 2)) < 1e-6


def test_invariance_fails_without_the_margin_or_with_subsampling():
    keras.utils.set_random_seed(0)
    digits = data.load_digits().x_test[:50]
    bare = shift_invariant_cnn((8, 8, 1), 10)
    assert max(_answers_under_shift(bare, digits, 2)) > 1e-3              # the digit hits the edge
    subsampled = shift_invariant_cnn((26, 26, 1), 10, subsample=True)
    assert max(_answers_under_shift(subsampled, _on_canvas(digits, 9), 1)) > 1e-3


def test_quick_demo_measures_the_claim(quick_demo):
    summary = quick_demo("translation-invariance")
    numbers = summary["claim"]["numbers"]
    assert numbers["conv_equivariance_gap"] < 1e-5 and numbers["dense_equivariance_gap"] > 0.5
    assert numbers["cnn_stride_1_same_answer_worst"] == 1.0
    assert numbers["cnn_stride_1_probability_change_max"] < 1e-5
    assert numbers["cnn_subsampled_same_answer_worst"] < 0.99
    assert numbers["mlp_accuracy_drop"] >= 0.15
    assert summary["claim"]["verdict"] is True
