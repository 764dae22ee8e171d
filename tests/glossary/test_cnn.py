"""cnn: build_cnn reproduces the article's figure, computes what a hand-written numpy CNN computes,
round-trips its config, and the demo measures its claim."""

import shutil
from pathlib import Path

import keras
import numpy as np
import pytest

from nutshell import glossary
from nutshell.glossary.cnn import build_cnn, dense_equivalent_weights, keras_io_convnet
from nutshell.run import run_demo
from nutshell.rundir import RunDir
from nutshell.settings import Settings
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


def test_keras_io_convnet_has_the_published_layers_and_parameter_counts():
    model = keras_io_convnet((28, 28, 1), 10)
    shapes = [tuple(layer.output.shape[1:]) for layer in model.layers]
    assert shapes == [(26, 26, 32), (13, 13, 32), (11, 11, 64), (5, 5, 64), (1600,), (1600,), (10,)]
    # keras.io's own model summary: 320, 18,496 and 16,010 parameters, 34,826 in all
    assert [layer.count_params() for layer in model.layers] == [320, 0, 18_496, 0, 0, 0, 16_010]


# The demo's CNN on 28x28 MNIST: conv 16@5x5, pool, conv 32@5x5, pool to 7x7x32, softmax over 10.
OUR_CONV = 16 * (5 * 5 * 1 + 1) + 32 * (5 * 5 * 16 + 1)
OUR_PARAMETERS = OUR_CONV + 7 * 7 * 32 * 10 + 10
MLP_PARAMETERS = 28 * 28 * 128 + 128 + 128 * 10 + 10


def claim_holds(numbers):
    """The --quick verdict, written out: within half a point of the keras.io convnet, less training
    time, and at most two-thirds of the MLP's test errors (a full run asks for half)."""
    return (numbers["test_accuracy"] >= numbers["keras_io_test_accuracy"] - 0.005
            and numbers["train_seconds"] < numbers["keras_io_train_seconds"]
            and (1 - numbers["test_accuracy"]) <= 2 / 3 * (1 - numbers["mlp_test_accuracy"]))


def test_quick_demo_measures_the_claim(quick_demo):
    summary = quick_demo("cnn")
    numbers = summary["claim"]["numbers"]
    assert summary["hparams"]["dataset"] == "mnist"
    assert numbers["conv_parameters"] == OUR_CONV
    assert numbers["parameters"] == OUR_PARAMETERS < numbers["keras_io_parameters"] == 34_826
    assert numbers["mlp_parameters"] == MLP_PARAMETERS
    dense_1, dense_2 = (28 * 28 + 1) * (28 * 28 * 16), (14 * 14 * 16 + 1) * (14 * 14 * 32)
    assert numbers["dense_equivalent_parameters"] == dense_1 + dense_2
    # quick: 2,550 training images, 5 epochs each; measured 0.97 (CNN), 0.91 (keras.io), 0.92 (MLP)
    assert numbers["test_accuracy"] >= 0.95
    assert 0.5 <= numbers["mlp_test_accuracy"] <= numbers["test_accuracy"]
    assert 0.5 <= numbers["keras_io_test_accuracy"] <= 1.0
    assert numbers["error_ratio_cnn_to_mlp"] == pytest.approx(
        (1 - numbers["test_accuracy"]) / (1 - numbers["mlp_test_accuracy"]))
    assert 0 < numbers["train_seconds"] and 0 < numbers["keras_io_train_seconds"]
    assert summary["claim"]["verdict"] is claim_holds(numbers)
    assert summary["claim"]["anchor"]["ours"] == "keras_io_test_accuracy"
    assert summary["metrics"]["test_accuracy"] == numbers["test_accuracy"]


def test_the_claim_fails_when_our_cnn_is_starved(quick_demo):
    # One epoch at a tiny learning rate for our CNN (and the MLP); the keras.io convnet keeps its
    # own published settings, so ours falls far behind it and the verdict must say so.
    summary = quick_demo("cnn", epochs=1, learning_rate=1e-5)
    numbers = summary["claim"]["numbers"]
    assert numbers["test_accuracy"] < numbers["keras_io_test_accuracy"] - 0.005
    assert summary["claim"]["verdict"] is False


def test_a_resumed_run_keeps_the_training_time_of_fits_finished_before(quick_demo):
    # The CNN and the keras.io convnet finished in the first session; only the MLP is trained
    # again. Their training seconds must come from the checkpointed history, not be timed at 0 s
    # on the reloaded models (that would make "trains faster" hold for free).
    first = quick_demo("cnn")
    run_dir = RunDir(Path(first["run_dir"]))
    run_dir.summary_file.unlink()
    shutil.rmtree(run_dir.checkpoints("mlp"))
    settings = Settings.from_dict(run_dir.saved()["settings"])
    again = run_demo(glossary.lookup("cnn"), settings, run_dir.path.parent.parent, resume=run_dir)
    numbers, before = again["claim"]["numbers"], first["claim"]["numbers"]
    assert again["run_dir"] == first["run_dir"]
    assert numbers["train_seconds"] == before["train_seconds"] > 0
    assert numbers["keras_io_train_seconds"] == before["keras_io_train_seconds"] > 0
    assert numbers["mlp_train_seconds"] > 0
