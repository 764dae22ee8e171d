"""feature-engineering: the orientation histograms equal a plain-loop reference and put simple
edges in the right bins; the claim is measured, and fails without the hand-made features or when
they lose their layout."""

import math

import keras
import numpy as np
import pytest

from nutshell.glossary import _claims, feature_engineering
from nutshell.glossary.feature_engineering import OrientationHistograms, claim_parts, logistic_regression
from tests.helpers import assert_fails_through
from tests.layer_contract import check_layer_contract


def _reference(image, cell, bins):
    """The same recipe, one pixel at a time."""
    h, w = image.shape
    padded = np.pad(image.astype("float64"), 1)
    out = np.zeros((h // cell, w // cell, bins))
    for i in range(h):
        for j in range(w):
            gx = padded[i + 1, j + 2] - padded[i + 1, j]
            gy = padded[i + 2, j + 1] - padded[i, j + 1]
            angle = math.atan2(gy, gx) % math.pi
            out[i // cell, j // cell, min(int(angle // (math.pi / bins)), bins - 1)] += math.hypot(gx, gy)
    out = out.reshape(-1)
    return out / (np.linalg.norm(out) + 1e-6)


def test_matches_a_plain_loop_reference():
    images = np.random.default_rng(0).uniform(size=(3, 12, 12, 1)).astype("float32")
    got = np.asarray(OrientationHistograms(cell=4, bins=6)(images))
    for image, features in zip(images, got):
        np.testing.assert_allclose(features, _reference(image[..., 0], 4, 6), atol=2e-5)


@pytest.mark.parametrize("edge, expected_bin", [("vertical", 0), ("horizontal", 4)])
def test_a_straight_edge_votes_for_one_direction(edge, expected_bin):
    image = np.zeros((8, 8), "float32")
    if edge == "vertical":
        image[:, 4:] = 1.0  # brightness changes along x: gradient angle 0
    else:
        image[4:, :] = 1.0  # brightness changes along y: gradient angle π/2, bin 4 of 8
    features = np.asarray(OrientationHistograms(cell=8, bins=8)(image[None, ..., None]))[0]
    assert np.argmax(features) == expected_bin
    assert features[expected_bin] > 0.95  # the rest: the image's border meeting the zero padding


def test_keras_layer_contract():
    check_layer_contract(
        OrientationHistograms,
        {"cell": 4, "bins": 8},
        input_shape=(2, 8, 8, 1),
        expected_output_shape=(2, 32),
        trainable_weights=0,
        atol=1e-5,
    )


def test_logistic_regression_is_one_softmax_layer():
    model = logistic_regression((28, 28, 1), 10)
    assert model.count_params() == 784 * 10 + 10
    assert model.layers[-1].activation.__name__ == "softmax"


def test_bad_arguments_are_refused():
    with pytest.raises(ValueError, match="cell must be a positive integer, not 0"):
        OrientationHistograms(cell=0)


def test_the_claim_holds_only_for_a_clear_lead():
    assert _claims.verdict(claim_parts(raw=0.90, engineered=0.945)) is True
    assert _claims.verdict(claim_parts(raw=0.90, engineered=0.91)) is False
    assert _claims.verdict(claim_parts(raw=0.90, engineered=0.85)) is False


def test_quick_demo_measures_the_claim(quick_demo):
    summary = quick_demo("feature-engineering")
    n = summary["claim"]["numbers"]
    assert n["features"] == 392 and n["pixels"] == 784
    assert summary["claim"]["verdict"] is True


def test_without_feature_engineering_the_claim_fails(quick_demo, monkeypatch):
    """The concept removed: no person's recipe. The "features" are the pixels themselves
    (flattened), so both classifiers read the same numbers."""
    monkeypatch.setattr(feature_engineering, "OrientationHistograms", lambda cell, bins: keras.layers.Flatten())
    summary = quick_demo("feature-engineering")
    assert summary["claim"]["numbers"]["features"] == 784
    assert_fails_through(summary, "improvement")


def test_claim_fails_when_the_features_lose_their_layout(quick_demo, monkeypatch):
    # One cell for the whole image: 8 numbers saying how much edge runs in each direction, but
    # not where. A person's design choice, and a bad one here.
    monkeypatch.setattr(feature_engineering, "CELL", 28)
    summary = quick_demo("feature-engineering")
    n = summary["claim"]["numbers"]
    assert n["features"] == 8
    assert n["test_accuracy_engineered"] < n["test_accuracy_raw_pixels"]
    assert_fails_through(summary, "improvement")


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


def measured(raw, engineered):
    return claim_parts(raw, engineered), {}


OUTCOMES = [  # (what each seed measured, the option it shows)
    ([measured(0.904, 0.957)] * 3, "A"),  # as measured
    ([measured(0.904, 0.85)] * 3, "B"),  # one cell for the whole image
    ([measured(0.904, 0.908)] * 3, "C"),
    ([measured(0.904, 0.957), measured(0.904, 0.92)], "D"),
]


@pytest.mark.parametrize("seeds, option", OUTCOMES, ids=[option for _, option in OUTCOMES])
def test_outcome_names_the_option_the_numbers_show(seeds, option):
    from nutshell.glossary import feature_engineering as predicted

    assert predicted.outcome(recorded(*seeds)) == option


def test_every_prediction_option_can_be_the_outcome():
    from nutshell.glossary import feature_engineering as predicted

    assert {option for _, option in OUTCOMES} == set(predicted.PREDICT["options"])
