"""_overfit: the rig that overfitting, dropout and regularization share. Its data is what it says,
its network is the size the entries quote, and the three DEMO dicts agree with its SETTINGS."""

import numpy as np
import pytest

from nutshell import data, glossary
from nutshell.glossary._overfit import (
    SETTINGS,
    bayes_accuracy,
    noisy_xor_sample,
    overparameterized_mlp,
    ratio,
)


def _quadrant(x):
    return (x[:, 0] > 0) != (x[:, 1] > 0)


def test_bayes_accuracy_matches_the_quadrant_rule_on_many_points():
    for noise in (0.3, 0.7, 1.0):
        x, y = data.xor(200_000, noise=noise, seed=5)
        simulated = np.mean(_quadrant(x) == y)
        assert abs(bayes_accuracy(noise) - simulated) < 0.005, noise
    assert abs(bayes_accuracy(0.7) - 0.8586) < 1e-3  # the figure the entries quote


def test_the_sample_is_small_reproducible_and_fresh_for_a_new_seed():
    (x, y), (xt, yt) = noisy_xor_sample(seed=4)
    assert x.shape == (100, 2) and xt.shape == (2000, 2) and y.shape == (100,)
    np.testing.assert_array_equal(noisy_xor_sample(seed=4)[0][0], x)
    assert not np.array_equal(noisy_xor_sample(seed=104)[0][0], x)  # seeds 100+ are new data
    # about one point in seven sits in the other class's quadrant: the noise
    assert 0.05 < np.mean(_quadrant(xt) != yt) < 0.25


def test_the_network_has_the_size_the_entries_quote():
    model = overparameterized_mlp()
    assert model.count_params() == 66_817  # (2·256 + 256) + (256·256 + 256) + (256 + 1)
    assert model.output_shape == (None, 1)


@pytest.mark.parametrize("name", ["overfitting", "dropout", "regularization", "early-stopping"])
def test_every_demo_of_the_rig_uses_its_settings(name):
    demo = glossary.lookup(name).demo_config
    assert {key: demo[key] for key in ("epochs", "batch_size", "learning_rate")} == {
        key: SETTINGS[key] for key in ("epochs", "batch_size", "learning_rate")
    }
    assert demo["quick"] == {"epochs": SETTINGS["quick_epochs"]}


def test_ratio_stays_finite_when_the_reference_is_zero():
    assert ratio(1.0, 4.0) == 0.25
    assert np.isfinite(ratio(0.1, 0.0)) and ratio(0.1, 0.0) > 1e6
