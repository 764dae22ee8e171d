"""fully-connected-layer: shuffling the inputs and the kernel rows alike leaves a dense layer's
output unchanged; the demo, and its failure when the nets barely train."""

import keras
import numpy as np
from keras import ops

from nutshell.glossary.fully_connected_layer import permute_rows_like_pixels
from nutshell.glossary.layer import DenseFromScratch

RNG = np.random.default_rng(0)


def test_shuffled_inputs_with_shuffled_rows_give_the_same_output():
    x = RNG.normal(size=(5, 20)).astype("float32")
    layer, shuffled = DenseFromScratch(7, activation="relu"), DenseFromScratch(7, activation="relu")
    layer.build(x.shape)
    shuffled.build(x.shape)
    layer.set_weights([RNG.normal(size=(20, 7)).astype("float32"), RNG.normal(size=7).astype("float32")])
    order = RNG.permutation(20)
    shuffled.set_weights(permute_rows_like_pixels(layer.get_weights(), order))
    np.testing.assert_allclose(ops.convert_to_numpy(shuffled(x[:, order])),
                               ops.convert_to_numpy(layer(x)), rtol=1e-5, atol=1e-5)
    # with the rows left in place, the shuffle changes the answer
    assert np.abs(ops.convert_to_numpy(layer(x[:, order])) - ops.convert_to_numpy(layer(x))).max() > 0.1


def test_quick_demo_measures_the_claim(quick_demo):
    summary = quick_demo("fully-connected-layer")
    numbers = summary["claim"]["numbers"]
    assert numbers["mlp_same_answers"] >= 0.99
    assert abs(numbers["mlp_accuracy"] - numbers["mlp_shuffled_accuracy"]) <= 0.005
    assert numbers["cnn_accuracy"] >= 0.9 and numbers["cnn_accuracy_lost"] >= 0.02
    assert numbers["hidden_parameters"] == 784 * 64 + 64 and numbers["output_parameters"] == 64 * 10 + 10
    assert summary["claim"]["verdict"] is True


def test_the_claim_fails_when_the_nets_barely_train(quick_demo):
    summary = quick_demo("fully-connected-layer", epochs=1, learning_rate=1e-6)
    assert summary["claim"]["numbers"]["cnn_accuracy"] < 0.9
    assert summary["claim"]["verdict"] is False
