"""feature-map: one map from one kernel over all input maps; the count of numbers held in maps and
weights; the demo, which fails at a tiny batch."""

import keras
import numpy as np
import pytest
from keras import ops

from nutshell.glossary import _claims, feature_map
from nutshell.glossary.cnn import build_cnn
from nutshell.glossary.feature_map import (
    MIN_WEAKEST_LINK,
    claim_parts,
    measure,
    numbers_in_maps_and_weights,
    one_feature_map,
)
from tests.helpers import assert_fails_through

RNG = np.random.default_rng(0)


def test_one_map_from_one_kernel_equals_the_layers_channel():
    maps = RNG.normal(size=(2, 7, 7, 5)).astype("float32")
    conv = keras.layers.Conv2D(4, 3, padding="same")
    conv.build(maps.shape)
    conv.set_weights([RNG.normal(size=(3, 3, 5, 4)).astype("float32"), RNG.normal(size=4).astype("float32")])
    kernel, bias = (ops.convert_to_numpy(w) for w in conv.weights)
    full = ops.convert_to_numpy(conv(maps))
    for d in range(4):
        np.testing.assert_allclose(
            ops.convert_to_numpy(one_feature_map(maps, kernel, bias, d)), full[..., d], rtol=1e-5, atol=1e-5
        )


def test_counting_maps_and_weights():
    model = build_cnn((28, 28, 1), 10)
    maps, weights = numbers_in_maps_and_weights(model, batch_size=32)
    per_image = 28 * 28 * 16 + 14 * 14 * 16 + 14 * 14 * 32 + 7 * 7 * 32
    assert maps == 32 * per_image
    assert weights == 16 * (9 + 1) + 32 * (9 * 16 + 1) + 7 * 7 * 32 * 10 + 10 == model.count_params()


def _one_input_map_each(kernel):
    """Keeps only the weights from input map d // 2 to output map d: each map reads one map below."""
    c, d = kernel.shape[2], kernel.shape[3]
    return kernel * (np.arange(c)[:, None] == np.arange(d)[None, :] // max(1, d // c))


def _cnn_without_mixing(input_shape, num_classes):
    """build_cnn's net, but conv_2's output maps each read a single input map; conv_2 is held fixed
    (a plain Conv2D, not trainable) so that training cannot connect the others again."""
    model = build_cnn(input_shape, num_classes)
    conv_2 = model.get_layer("conv_2")
    kernel, bias = conv_2.get_weights()
    conv_2.set_weights([_one_input_map_each(kernel), bias])
    conv_2.trainable = False
    return model


def test_measure_finds_every_link_and_the_missing_ones():
    keras.utils.set_random_seed(0)
    images = RNG.uniform(size=(4, 8, 8, 1)).astype("float32")
    mixing, numbers = measure(build_cnn((8, 8, 1), 10), images)
    assert mixing.shape == (16 - numbers["input_maps_blank"], 32)
    assert numbers["one_kernel_gap"] < 1e-4 and numbers["weakest_link"] > 0.0
    assert measure(_cnn_without_mixing((8, 8, 1), 10), images)[1]["weakest_link"] == 0.0


NUMBERS = {"one_kernel_gap": 2e-6, "maps_to_weights": 36.7, "weakest_link": 0.014}


def test_the_claim_holds_for_numbers_like_the_measured_ones():
    assert _claims.verdict(claim_parts(NUMBERS, accuracy=0.95, tolerance=1e-4)) is True


@pytest.mark.parametrize(
    "change, accuracy, failing",
    [
        ({"weakest_link": 0.0}, 0.95, "weakest_link"),
        ({}, 0.1, "test_accuracy"),
    ],
    ids=["a-missing-link", "never-learned"],
)
def test_the_claim_can_fail(change, accuracy, failing):
    parts = {part.name: part for part in claim_parts({**NUMBERS, **change}, accuracy, 1e-4)}
    assert not parts[failing].held and _claims.verdict(list(parts.values())) is False


def test_the_count_is_a_check_not_a_vote():
    """Maps are held per example, weights once: at batch 2 the weights of this net are the bigger.
    That is arithmetic, shown as a failed check; it does not decide the verdict."""
    model = build_cnn((8, 8, 1), 10)
    maps, weights = numbers_in_maps_and_weights(model, batch_size=2)
    parts = {part.name: part for part in claim_parts({**NUMBERS, "maps_to_weights": maps / weights}, 0.95, 1e-4)}
    assert not parts["maps_to_weights"].held and parts["maps_to_weights"].kind == "identity"


def test_quick_demo_measures_the_claim(quick_demo):
    summary = quick_demo("feature-map")
    claim = summary["claim"]
    assert claim["verdict"] is True
    assert all(part["held"] == part["of"] for part in claim["parts"])  # the identities too
    assert claim["numbers"]["numbers_in_weights"] == build_cnn((28, 28, 1), 10).count_params()
    assert summary["outcome"] == "A"  # every output map reads every input map


def test_when_each_map_reads_one_map_the_claim_fails(quick_demo, monkeypatch):
    """The concept removed: each of conv_2's kernels reads one input map (its other weights are
    zero and the layer is held fixed), so an output map no longer mixes the maps below it."""
    monkeypatch.setattr(feature_map, "build_cnn", _cnn_without_mixing)
    assert_fails_through(quick_demo("feature-map"), "weakest_link")


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


def _link_claim(low, high, held=5):
    return {"parts": [_part("weakest_link", (low + high) / 2, MIN_WEAKEST_LINK, held, low, high)]}


@pytest.mark.parametrize(
    "claim, option",
    [
        (_link_claim(0.0095, 0.025), "A"),  # as measured
        (_link_claim(0.001, 0.003, held=0), "B"),  # linked, but faintly
        (_link_claim(0.0, 0.0, held=0), "C"),  # e.g. each kernel reads one map
        (_link_claim(0.0, 0.02, held=3), "D"),  # some seeds left a map unread
    ],
    ids=["clear", "trace", "unlinked", "some-seeds"],
)
def test_outcome_names_what_happened(claim, option):
    assert feature_map.outcome(claim) == option
