"""feature-learning: freezing keeps a network's features and leaves only the classifier to train,
and the claim (learned features beat hand-made and random ones) is measured, and fails when the
network's features cannot learn."""

import keras
import numpy as np
import pytest

from nutshell.glossary import _claims
from nutshell.glossary import feature_learning as entry
from nutshell.glossary.cnn import build_cnn
from nutshell.glossary.feature_learning import claim_parts, feature_network, frozen_features
from tests.helpers import assert_fails_through


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


def test_the_claim_holds_for_numbers_like_the_measured_ones():
    assert _claims.verdict(claim_parts(hand_made=0.67, random=0.64, learned=0.83)) is True


@pytest.mark.parametrize(
    "numbers, failing",
    [
        ((0.80, 0.64, 0.83), "learned_over_hand_made"),
        ((0.67, 0.80, 0.83), "learned_over_random"),
    ],
    ids=["hand-made-as-good", "random-as-good"],
)
def test_the_claim_can_fail(numbers, failing):
    parts = {part.name: part for part in claim_parts(*numbers)}
    assert not parts[failing].held and _claims.verdict(list(parts.values())) is False


def test_quick_demo_measures_the_claim(quick_demo):
    summary = quick_demo("feature-learning")
    n = summary["claim"]["numbers"]
    assert 0.3 < n["test_accuracy_random_features"] < n["test_accuracy_learned"]
    assert summary["claim"]["verdict"] is True


def test_without_feature_learning_the_claim_fails(quick_demo, monkeypatch):
    """The concept removed: the network's features are frozen at their random start, so training
    "end to end" trains the softmax layer alone, like the random-features probe."""

    def frozen_network(*args, **kwargs):
        model = feature_network(*args, **kwargs)
        for layer in model.layers[:-1]:
            layer.trainable = False
        return model

    monkeypatch.setattr(entry, "feature_network", frozen_network)
    assert_fails_through(quick_demo("feature-learning"), "learned_over_random")


# -- the prediction question: outcome(claim) on recorded-style claims, no training -----------------


def recorded(*seeds):
    """The claim as summary.json stores it, aggregated by the harness from each seed's (parts,
    context numbers)."""
    from types import SimpleNamespace

    from nutshell.run import Claim, verdict_over_seeds

    return verdict_over_seeds(
        [
            SimpleNamespace(result=Claim("", tuple(parts), {**{part.name: part.value for part in parts}, **context}))
            for parts, context in seeds
        ]
    )


def measured(hand_made, random, learned):
    return claim_parts(hand_made, random, learned), {
        "test_accuracy_hand_made": hand_made,
        "test_accuracy_random_features": random,
        "test_accuracy_learned": learned,
    }


OUTCOMES = [  # (what each seed measured, the option it shows)
    ([measured(0.67, 0.59, 0.85)] * 3, "A"),  # as measured
    ([measured(0.80, 0.59, 0.70)] * 3, "B"),
    ([measured(0.60, 0.80, 0.70)] * 3, "C"),
    ([measured(0.80, 0.79, 0.81)] * 3, "D"),  # frozen CNN: the lead is gone
    ([measured(0.67, 0.59, 0.85), measured(0.67, 0.59, 0.72)], "E"),
]


@pytest.mark.parametrize("seeds, option", OUTCOMES, ids=[option for _, option in OUTCOMES])
def test_outcome_names_the_option_the_numbers_show(seeds, option):
    from nutshell.glossary import feature_learning as predicted

    assert predicted.outcome(recorded(*seeds)) == option


def test_every_prediction_option_can_be_the_outcome():
    from nutshell.glossary import feature_learning as predicted

    assert {option for _, option in OUTCOMES} == set(predicted.PREDICT["options"])
