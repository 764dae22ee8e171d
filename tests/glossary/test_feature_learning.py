"""feature-learning: freezing keeps a network's features and leaves only the classifier to train,
and the demo's claim (learned features beat hand-made and random ones) is measured."""

import keras
import numpy as np

from nutshell.glossary.cnn import build_cnn
from nutshell.glossary.feature_learning import feature_network, frozen_features


def test_frozen_features_are_the_network_minus_its_classifier():
    cnn = build_cnn((8, 8, 1), 10)
    features = frozen_features(cnn)
    x = np.random.default_rng(0).uniform(size=(3, 8, 8, 1)).astype("float32")
    classifier = cnn.layers[-1]
    np.testing.assert_allclose(classifier(features(x)), cnn(x), rtol=1e-5, atol=1e-6)
    assert features.trainable_weights == []
    probe = keras.Sequential([*features.layers, classifier])
    assert [w.name for w in probe.trainable_weights] == [w.name for w in classifier.weights]


def test_feature_network_hands_32_numbers_to_a_softmax_layer():
    model = feature_network((28, 28, 1), 10, features=32)
    assert model.get_layer("features").output.shape == (None, 32)
    assert model.layers[-1].activation.__name__ == "softmax" and model.output_shape == (None, 10)


def test_quick_demo_measures_the_claim(quick_demo):
    summary = quick_demo("feature-learning")
    n = summary["claim"]["numbers"]
    assert n["learned_over_hand_made"] >= 0.10
    assert n["learned_over_random"] >= 0.10
    assert 0.3 < n["test_accuracy_random_features"] < n["test_accuracy_learned"]
    assert summary["claim"]["verdict"] is True


def test_claim_fails_when_the_network_cannot_learn_its_features(quick_demo):
    # A step size of 1e-6 leaves the CNN's features where they started; the two probes train
    # at their own fixed rate.
    summary = quick_demo("feature-learning", learning_rate=1e-6)
    assert summary["claim"]["numbers"]["learned_over_hand_made"] < 0.10
    assert summary["claim"]["verdict"] is False
