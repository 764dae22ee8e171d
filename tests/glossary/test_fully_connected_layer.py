"""fully-connected-layer: shuffling the inputs and the kernel rows alike leaves a dense layer's
output unchanged; the demo, and its failure when the nets barely train."""

import numpy as np
import pytest
from keras import ops

from nutshell.glossary import _claims, fully_connected_layer
from nutshell.glossary.fully_connected_layer import (
    MIN_CNN_LOSS,
    _mlp,
    _Scramble,
    claim_parts,
    measure,
    permute_rows_like_pixels,
)
from nutshell.glossary.layer import DenseFromScratch
from tests.helpers import assert_fails_through

RNG = np.random.default_rng(0)


def test_shuffled_inputs_with_shuffled_rows_give_the_same_output():
    x = RNG.normal(size=(5, 20)).astype("float32")
    layer, shuffled = DenseFromScratch(7, activation="relu"), DenseFromScratch(7, activation="relu")
    layer.build(x.shape)
    shuffled.build(x.shape)
    layer.set_weights([RNG.normal(size=(20, 7)).astype("float32"), RNG.normal(size=7).astype("float32")])
    order = RNG.permutation(20)
    shuffled.set_weights(permute_rows_like_pixels(layer.get_weights(), order))
    np.testing.assert_allclose(
        ops.convert_to_numpy(shuffled(x[:, order])), ops.convert_to_numpy(layer(x)), rtol=1e-5, atol=1e-5
    )
    # with the rows left in place, the shuffle changes the answer
    assert np.abs(ops.convert_to_numpy(layer(x[:, order])) - ops.convert_to_numpy(layer(x))).max() > 0.1


def test_scramble_moves_every_image_alike():
    x = np.arange(8, dtype="float32").reshape(2, 2, 2, 1)
    scramble = _Scramble(np.array([3, 2, 1, 0]))
    assert scramble(x).reshape(2, 4).tolist() == [[3, 2, 1, 0], [7, 6, 5, 4]]


def test_measure_counts_answers():
    y = np.array([0, 1, 2, 3])
    numbers = measure(
        (np.array([0, 1, 2, 0]), np.array([0, 1, 2, 1])), (np.array([0, 1, 2, 3]), np.array([0, 0, 0, 3])), y
    )
    assert numbers == {
        "mlp_same_answers": 0.75,
        "mlp_accuracy": 0.75,
        "mlp_shuffled_accuracy": 0.75,
        "cnn_accuracy": 1.0,
        "cnn_shuffled_accuracy": 0.5,
    }


NUMBERS = {
    "mlp_same_answers": 1.0,
    "mlp_accuracy": 0.9,
    "mlp_shuffled_accuracy": 0.9,
    "cnn_accuracy": 0.945,
    "cnn_shuffled_accuracy": 0.87,
}


def test_the_claim_holds_for_numbers_like_the_measured_ones():
    assert _claims.verdict(claim_parts(NUMBERS, wrong_counts=0)) is True


@pytest.mark.parametrize(
    "change, failing",
    [
        ({"cnn_shuffled_accuracy": 0.94}, "cnn_accuracy_lost"),
        ({"mlp_accuracy": 0.1, "mlp_shuffled_accuracy": 0.1}, "mlp_accuracy"),
        ({"cnn_accuracy": 0.3, "cnn_shuffled_accuracy": 0.1}, "cnn_accuracy"),
    ],
    ids=["cnn-does-not-care", "mlp-never-learned", "cnn-never-learned"],
)
def test_the_claim_can_fail(change, failing):
    parts = {part.name: part for part in claim_parts({**NUMBERS, **change}, wrong_counts=0)}
    assert not parts[failing].held and _claims.verdict(list(parts.values())) is False


def test_quick_demo_measures_the_claim(quick_demo):
    summary = quick_demo("fully-connected-layer")
    claim = summary["claim"]
    assert claim["verdict"] is True
    assert all(part["held"] == part["of"] for part in claim["parts"])  # the identities too
    assert claim["numbers"]["hidden_parameters"] == 784 * 64 + 64
    assert claim["numbers"]["output_parameters"] == 64 * 10 + 10
    assert summary["outcome"] == "D"  # only the CNN minds the shuffle


def test_when_the_cnn_is_fully_connected_too_the_claim_fails(quick_demo, monkeypatch):
    """The concept removed from the comparison: the CNN becomes an MLP, dense layers only. Nothing
    in it knows which pixels are neighbours any more, so shuffling them costs it nothing."""
    monkeypatch.setattr(fully_connected_layer, "build_cnn", _mlp)
    assert_fails_through(quick_demo("fully-connected-layer"), "cnn_accuracy_lost")


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


def _shuffle_claim(mlp, mlp_shuffled, cnn_lost, cnn_held=None):
    held = (5 if cnn_lost >= MIN_CNN_LOSS else 0) if cnn_held is None else cnn_held
    return {
        "parts": [
            _part("mlp_accuracy_change", abs(mlp - mlp_shuffled), 0.005, 5 if abs(mlp - mlp_shuffled) <= 0.005 else 0),
            _part("cnn_accuracy_lost", cnn_lost, MIN_CNN_LOSS, held),
        ],
        "numbers": {"mlp_accuracy": mlp, "mlp_shuffled_accuracy": mlp_shuffled, "cnn_accuracy_lost": cnn_lost},
    }


@pytest.mark.parametrize(
    "claim, option",
    [
        (_shuffle_claim(0.912, 0.60, 0.30), "A"),  # both lost: the shuffle broke the images
        (_shuffle_claim(0.912, 0.912, 0.001), "B"),  # e.g. a CNN made fully connected too
        (_shuffle_claim(0.912, 0.85, 0.0), "C"),  # the MLP lost, the CNN did not
        (_shuffle_claim(0.912, 0.912, 0.07), "D"),  # as measured
        (_shuffle_claim(0.912, 0.912, 0.025, cnn_held=3), "E"),  # the CNN lost enough on some seeds
    ],
    ids=["both", "neither", "mlp-only", "cnn-only", "some-seeds"],
)
def test_outcome_names_what_happened(claim, option):
    assert fully_connected_layer.outcome(claim) == option
