"""feature-map: one map from one kernel over all input maps; the count of numbers held in maps and
weights; the demo, which fails at a tiny batch."""

import keras
import numpy as np
from keras import ops

from nutshell.glossary.cnn import build_cnn
from nutshell.glossary.feature_map import numbers_in_maps_and_weights, one_feature_map

RNG = np.random.default_rng(0)


def test_one_map_from_one_kernel_equals_the_layers_channel():
    maps = RNG.normal(size=(2, 7, 7, 5)).astype("float32")
    conv = keras.layers.Conv2D(4, 3, padding="same")
    conv.build(maps.shape)
    conv.set_weights([RNG.normal(size=(3, 3, 5, 4)).astype("float32"), RNG.normal(size=4).astype("float32")])
    kernel, bias = (ops.convert_to_numpy(w) for w in conv.weights)
    full = ops.convert_to_numpy(conv(maps))
    for d in range(4):
        np.testing.assert_allclose(ops.convert_to_numpy(one_feature_map(maps, kernel, bias, d)),
                                   full[..., d], rtol=1e-5, atol=1e-5)


def test_counting_maps_and_weights():
    model = build_cnn((28, 28, 1), 10)
    maps, weights = numbers_in_maps_and_weights(model, batch_size=32)
    per_image = 28 * 28 * 16 + 14 * 14 * 16 + 14 * 14 * 32 + 7 * 7 * 32
    assert maps == 32 * per_image
    assert weights == 16 * (9 + 1) + 32 * (9 * 16 + 1) + 7 * 7 * 32 * 10 + 10 == model.count_params()


def test_quick_demo_measures_the_claim(quick_demo):
    summary = quick_demo("feature-map")
    numbers = summary["claim"]["numbers"]
    assert numbers["one_kernel_gap"] < 1e-4
    assert numbers["input_output_pairs_mixing"] == 1.0
    assert numbers["maps_to_weights"] >= 5
    assert summary["claim"]["verdict"] is True


def test_the_claim_fails_at_a_tiny_batch(quick_demo):
    """Maps are held per example, weights once: at batch 2 the weights of this net are the bigger."""
    summary = quick_demo("feature-map", dataset="digits", batch_size=2, epochs=1)
    numbers = summary["claim"]["numbers"]
    assert numbers["maps_to_weights"] < 5 and numbers["one_kernel_gap"] < 1e-4
    assert summary["claim"]["verdict"] is False
