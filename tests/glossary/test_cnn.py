"""cnn: build_cnn reproduces the article's figure, computes what a hand-written numpy CNN computes,
round-trips its config, and the demo measures its claim."""

import math

import keras
import numpy as np

from nutshell.glossary.cnn import build_cnn, dense_equivalent_weights
from tests.numpy_reference import conv2d_same


def max_pool_2x2(x):
    height, width, depth = x.shape
    return x[:height // 2 * 2, :width // 2 * 2].reshape(height // 2, 2, width // 2, 2, depth).max(axis=(1, 3))


def numpy_cnn(image, weights):
    k1, b1, k2, b2, w, b = weights
    relu = lambda z: np.maximum(z, 0.0)
    maps = max_pool_2x2(relu(conv2d_same(image, k1, b1)))
    maps = max_pool_2x2(relu(conv2d_same(maps, k2, b2)))
    logits = maps.reshape(-1) @ w + b
    e = np.exp(logits - logits.max())
    return e / e.sum()


def test_build_cnn_reproduces_the_articles_traffic_sign_network():
    classes = 43
    model = build_cnn((32, 32, 1), classes, filters=(4, 10), kernel_size=5, padding="valid")
    shapes = [tuple(layer.output.shape[1:]) for layer in model.layers]
    assert shapes == [(28, 28, 4), (14, 14, 4), (10, 10, 10), (5, 5, 10), (250,), (classes,)]
    params = [layer.count_params() for layer in model.layers]
    # a conv layer with D kernels of k×k×C has D·(k·k·C + 1) parameters; dense: inputs·K + K
    assert params == [4 * (5 * 5 * 1 + 1), 0, 10 * (5 * 5 * 4 + 1), 0, 0, 250 * classes + classes]


def test_forward_pass_matches_a_numpy_cnn_with_the_same_weights():
    rng = np.random.default_rng(0)
    model = build_cnn((8, 8, 1), 10, filters=(3, 5))
    model.set_weights([rng.normal(size=w.shape).astype("float32") * 0.5 for w in model.get_weights()])
    images = rng.uniform(size=(3, 8, 8, 1)).astype("float32")
    ours = model.predict(images, verbose=0)
    expected = np.stack([numpy_cnn(image, model.get_weights()) for image in images])
    np.testing.assert_allclose(ours, expected, rtol=1e-4, atol=1e-5)


def test_dense_equivalent_counts_every_input_output_pair():
    model = build_cnn((8, 8, 1), 10, filters=(16, 32))
    conv_1, conv_2 = model.get_layer("conv_1"), model.get_layer("conv_2")
    assert dense_equivalent_weights(conv_1) == (8 * 8 * 1 + 1) * (8 * 8 * 16)
    assert dense_equivalent_weights(conv_2) == (4 * 4 * 16 + 1) * (4 * 4 * 32)
    assert conv_1.count_params() == 16 * (3 * 3 * 1 + 1)


def test_model_round_trips_its_config_and_a_saved_file(tmp_path):
    model = build_cnn((8, 8, 1), 10)
    clone = keras.Sequential.from_config(model.get_config())
    assert clone.get_config() == model.get_config()
    clone.set_weights(model.get_weights())
    x = np.random.default_rng(1).uniform(size=(4, 8, 8, 1)).astype("float32")
    np.testing.assert_allclose(clone.predict(x, verbose=0), model.predict(x, verbose=0), atol=1e-6)
    model.save(tmp_path / "cnn.keras")
    loaded = keras.models.load_model(tmp_path / "cnn.keras")
    np.testing.assert_allclose(loaded.predict(x, verbose=0), model.predict(x, verbose=0), atol=1e-6)


def test_quick_demo_measures_the_claim(quick_demo):
    summary = quick_demo("cnn")
    numbers = summary["claim"]["numbers"]
    assert numbers["test_accuracy"] >= 0.97
    assert summary["claim"]["verdict"] is (numbers["test_accuracy"] >= 0.97)
    # the demo's network on 8x8 digits: conv 16@3x3, conv 32@3x3 on 2x2x32 -> 10 classes
    conv = 16 * (3 * 3 * 1 + 1) + 32 * (3 * 3 * 16 + 1)
    assert numbers["conv_parameters"] == conv
    assert numbers["parameters"] == conv + (2 * 2 * 32) * 10 + 10
    assert numbers["dense_equivalent_parameters"] == 65 * 1024 + 257 * 512
    assert 0.5 <= numbers["mlp_test_accuracy"] <= 1.0 and math.isfinite(numbers["mlp_parameters"])
    assert summary["metrics"]["test_accuracy"] == numbers["test_accuracy"]
