"""weight-sharing: a locally connected layer with equal kernels is a convolution; the demo shows
sharing carry a pattern to places it was never seen."""

import keras
import numpy as np
import pytest
from keras import ops

from nutshell.glossary import _claims, weight_sharing
from nutshell.glossary.weight_sharing import (
    CROSS,
    MAX_CHANCE,
    MIN_LEARNED,
    PLUS,
    LocallyConnected2D,
    _detector,
    claim_parts,
    patterns_on_one_side,
)
from tests.helpers import assert_fails_through
from tests.layer_contract import check_layer_contract

RNG = np.random.default_rng(0)


def test_equal_kernels_everywhere_make_a_convolution():
    images = RNG.normal(size=(2, 9, 8, 3)).astype("float32")
    conv = keras.layers.Conv2D(4, 3, activation="relu")
    local = LocallyConnected2D(4, 3, activation="relu")
    conv.build(images.shape)
    local.build(images.shape)
    kernel, bias = RNG.normal(size=(3, 3, 3, 4)).astype("float32"), RNG.normal(size=4).astype("float32")
    conv.set_weights([kernel, bias])
    local.set_weights([np.broadcast_to(kernel, (7, 6, 3, 3, 3, 4)).copy(), np.broadcast_to(bias, (7, 6, 4)).copy()])
    np.testing.assert_allclose(
        ops.convert_to_numpy(local(images)), ops.convert_to_numpy(conv(images)), rtol=1e-5, atol=1e-5
    )


def test_unshared_kernels_act_separately_at_each_position():
    images = np.zeros((1, 5, 5, 1), "float32")
    images[0, 0, 0, 0] = 1.0  # one lit pixel, seen only by the window at (0, 0)
    local = LocallyConnected2D(1, 3)
    local.build(images.shape)
    kernel = np.zeros((3, 3, 3, 3, 1, 1), "float32")
    kernel[0, 0, 0, 0] = 2.0  # position (0, 0)'s weight on its top-left pixel
    kernel[1, 1, 0, 0] = 5.0  # position (1, 1) has weights of its own
    local.set_weights([kernel, np.zeros((3, 3, 1), "float32")])
    out = ops.convert_to_numpy(local(images))[0, :, :, 0]
    assert out[0, 0] == 2.0 and np.count_nonzero(out) == 1


def test_parameter_count():
    local = LocallyConnected2D(8, 5)
    local.build((None, 16, 16, 1))
    conv = keras.layers.Conv2D(8, 5)
    conv.build((None, 16, 16, 1))
    assert local.count_params() == 12 * 12 * (25 * 8 + 8) == 29_952
    assert conv.count_params() == 25 * 8 + 8


def test_keras_layer_contract():
    check_layer_contract(
        LocallyConnected2D,
        {"filters": 2, "kernel_size": (2, 3), "activation": "relu"},
        input_shape=(2, 5, 6, 3),
        expected_output_shape=(2, 4, 4, 2),
        trainable_weights=2,
        atol=1e-5,
    )


def test_bad_arguments_are_refused():
    with pytest.raises(ValueError, match="filters must be a positive integer, not 0"):
        LocallyConnected2D(0, 3)
    with pytest.raises(ValueError, match="needs the input's height and width"):
        LocallyConnected2D(2, 3).build((None, None, None, 1))


def test_patterns_stay_on_their_side():
    for side in ("left", "right"):
        images, labels = patterns_on_one_side(200, side, noise=0.0, seed=1)
        columns = np.nonzero(images.sum(axis=(0, 1, 3)))[0]
        assert (columns < 8).all() if side == "left" else (columns >= 8).all()
        assert set(labels) == {0.0, 1.0}
    assert PLUS.sum() == CROSS.sum() == 9


SHARED = {"left": 1.0, "right": 1.0, "weights": 208}
LOCAL = {"left": 1.0, "right": 0.5, "weights": 29_952}


def test_the_claim_holds_for_numbers_like_the_measured_ones():
    assert _claims.verdict(claim_parts(SHARED, LOCAL)) is True


@pytest.mark.parametrize(
    "shared, local, failing",
    [
        ({**SHARED, "right": 0.5}, LOCAL, "shared_right_accuracy"),
        (SHARED, {**LOCAL, "left": 0.6}, "local_left_accuracy"),
        (SHARED, {**LOCAL, "right": 0.97}, "local_right_accuracy"),
    ],
    ids=["sharing-does-not-carry", "local-never-learned", "local-carries-too"],
)
def test_the_claim_can_fail(shared, local, failing):
    parts = {part.name: part for part in claim_parts(shared, local)}
    assert not parts[failing].held and _claims.verdict(list(parts.values())) is False


def test_quick_demo_measures_the_claim(quick_demo):
    summary = quick_demo("weight-sharing")
    claim = summary["claim"]
    assert claim["verdict"] is True
    assert claim["numbers"]["shared_weights"] == 208 and claim["numbers"]["local_weights"] == 29_952
    assert summary["outcome"] == "B"  # only the shared detector works on the right


def test_without_weight_sharing_the_claim_fails(quick_demo, monkeypatch):
    """The concept removed: the "shared" detector is locally connected too, its own kernels at every
    position. Trained on the left half only, it has nothing to use on the right."""
    monkeypatch.setattr(weight_sharing, "_detector", lambda local: _detector(local=True))
    assert_fails_through(quick_demo("weight-sharing"), "shared_right_accuracy")


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


def _halves_claim(shared, local, shared_spread=(None, None), local_spread=(None, None)):
    return {
        "parts": [
            _part("shared_right_accuracy", shared, MIN_LEARNED, 5 if shared >= MIN_LEARNED else 0, *shared_spread),
            _part("local_right_accuracy", local, MAX_CHANCE, 5 if local <= MAX_CHANCE else 0, *local_spread),
        ]
    }


@pytest.mark.parametrize(
    "claim, option",
    [
        (_halves_claim(1.0, 0.97), "A"),  # both carry over
        (_halves_claim(1.0, 0.50), "B"),  # as measured
        (_halves_claim(0.50, 0.95), "C"),  # only the unshared one
        (_halves_claim(0.50, 0.50), "D"),  # e.g. both locally connected
        (_halves_claim(0.85, 0.50, shared_spread=(0.7, 1.0)), "E"),  # the convolution on some seeds
    ],
    ids=["both", "shared-only", "local-only", "neither", "some-seeds"],
)
def test_outcome_names_what_happened(claim, option):
    assert weight_sharing.outcome(claim) == option
