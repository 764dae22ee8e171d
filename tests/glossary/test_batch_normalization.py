"""batch-normalization: our layer equals Keras's in training and inference mode, moving statistics
included; the claim can fail on each part, and does when the layer stops normalizing."""

import keras
import numpy as np
import pytest

from nutshell.glossary import _claims, batch_normalization
from nutshell.glossary.batch_normalization import BatchNormalizationFromScratch, claim_parts
from tests.helpers import assert_fails_through, recorded_claim, recorded_part
from tests.layer_contract import check_layer_contract


def _pair(shape, momentum=0.9, epsilon=1e-3):
    """Our layer and Keras's, built for `shape`, holding the same (non-default) weights."""
    rng = np.random.default_rng(0)
    features = shape[-1]
    weights = [
        rng.normal(1.0, 0.3, features),  # γ
        rng.normal(0.0, 0.5, features),  # β
        rng.normal(0.5, 1.0, features),  # μ̄
        rng.uniform(0.5, 2.0, features),  # σ̄²
    ]
    ours = BatchNormalizationFromScratch(momentum=momentum, epsilon=epsilon)
    theirs = keras.layers.BatchNormalization(momentum=momentum, epsilon=epsilon)
    for layer in (ours, theirs):
        layer.build(shape)
        layer.set_weights([w.astype("float32") for w in weights])
    return ours, theirs


def _numpy(x):
    return keras.ops.convert_to_numpy(x)


@pytest.mark.parametrize("shape", [(16, 5), (4, 3, 3, 6)], ids=["dense", "conv"])
def test_inference_mode_equals_keras_and_the_formula(shape):
    ours, theirs = _pair(shape)
    x = np.random.default_rng(1).normal(2.0, 3.0, shape).astype("float32")
    np.testing.assert_allclose(_numpy(ours(x, training=False)), _numpy(theirs(x, training=False)), atol=1e-5)
    gamma, beta, mean, variance = (_numpy(w) for w in ours.weights)
    formula = gamma * (x - mean) / np.sqrt(variance + 1e-3) + beta
    np.testing.assert_allclose(_numpy(ours(x)), formula, atol=1e-5)


@pytest.mark.parametrize("shape", [(16, 5), (4, 3, 3, 6)], ids=["dense", "conv"])
def test_training_mode_and_the_moving_statistics_equal_keras(shape):
    ours, theirs = _pair(shape)
    rng = np.random.default_rng(2)
    for _ in range(3):  # three steps: the moving averages compound
        x = rng.normal(2.0, 3.0, shape).astype("float32")
        np.testing.assert_allclose(_numpy(ours(x, training=True)), _numpy(theirs(x, training=True)), atol=1e-5)
    for mine, keras_weight in zip(ours.weights, theirs.weights):
        np.testing.assert_allclose(_numpy(mine), _numpy(keras_weight), rtol=1e-5)


def test_training_mode_standardizes_each_feature_over_the_batch():
    layer = BatchNormalizationFromScratch(epsilon=1e-6)
    x = np.random.default_rng(3).normal(5.0, 4.0, (64, 3)).astype("float32")
    y = _numpy(layer(x, training=True))
    np.testing.assert_allclose(y.mean(axis=0), 0.0, atol=1e-4)
    np.testing.assert_allclose(y.std(axis=0), 1.0, atol=1e-3)
    # One step of momentum 0.99 from (0, 1): μ̄ = 0.01 μ_B, σ̄² = 0.99 + 0.01 σ²_B (the 1/m variance)
    np.testing.assert_allclose(_numpy(layer.moving_mean), 0.01 * x.mean(axis=0), rtol=1e-4)
    np.testing.assert_allclose(_numpy(layer.moving_variance), 0.99 + 0.01 * x.var(axis=0), rtol=1e-4)


def test_a_frozen_layer_stays_in_inference_mode_and_keeps_its_statistics():
    ours, theirs = _pair((8, 4))
    ours.trainable = theirs.trainable = False
    x = np.random.default_rng(4).normal(size=(8, 4)).astype("float32")
    before = _numpy(ours.moving_mean).copy()
    np.testing.assert_allclose(_numpy(ours(x, training=True)), _numpy(theirs(x, training=True)), atol=1e-5)
    np.testing.assert_array_equal(_numpy(ours.moving_mean), before)


def test_keras_layer_contract():
    # γ and β train; the moving mean and variance do not.
    check_layer_contract(
        BatchNormalizationFromScratch,
        {"momentum": 0.9, "epsilon": 1e-2},
        (2, 3, 4),
        (2, 3, 4),
        trainable_weights=2,
        non_trainable_weights=2,
        atol=1e-5,
    )


@pytest.mark.parametrize(
    "kwargs, message",
    [
        ({"momentum": 1.0}, "momentum must be"),
        ({"momentum": -0.1}, "momentum must be"),
        ({"momentum": "high"}, "momentum must be"),
        ({"epsilon": 0.0}, "epsilon must be"),
        ({"epsilon": None}, "epsilon must be"),
    ],
)
def test_bad_arguments_are_refused(kwargs, message):
    with pytest.raises(ValueError, match=message):
        BatchNormalizationFromScratch(**kwargs)


def _numbers(**changes):
    numbers = {
        "batch_norm_accuracy": 0.9,
        "plain_accuracy": 0.1,
        "mode_difference": 0.25,
        "inference_formula_error": 1e-7,
    }
    return {**numbers, **changes}


def test_the_claim_holds_for_numbers_like_the_measured_ones():
    assert _claims.verdict(claim_parts(_numbers())) is True


@pytest.mark.parametrize(
    "changes, failing",
    [
        ({"batch_norm_accuracy": 0.1}, "batch_norm_accuracy"),  # batch norm did not help
        ({"plain_accuracy": 0.85}, "plain_accuracy"),  # the plain net learned too
        ({"mode_difference": 0.0}, "mode_difference"),  # the two modes agree: no batch statistics
    ],
)
def test_the_claim_can_fail(changes, failing):
    parts = {part.name: part for part in claim_parts(_numbers(**changes))}
    assert not parts[failing].held
    assert _claims.verdict(list(parts.values())) is False


def test_the_formula_check_is_shown_but_does_not_vote():
    parts = {part.name: part for part in claim_parts(_numbers(inference_formula_error=0.5))}
    assert parts["inference_formula_error"].kind == "identity" and not parts["inference_formula_error"].held
    assert _claims.verdict(list(parts.values())) is True


def test_measure_compares_the_modes_without_touching_the_model():
    model = batch_normalization.deep_mlp((3,), 2, normalize=True)
    x = np.random.default_rng(5).normal(size=(32, 3)).astype("float32")
    before = [w.copy() for w in model.get_weights()]
    # Untrained, μ̄ = 0 and σ̄² = 1: far from the batch's statistics, so the modes disagree.
    assert batch_normalization.mode_difference(model, x) > 0.0
    for a, b in zip(before, model.get_weights()):
        np.testing.assert_array_equal(a, b)
    assert batch_normalization.inference_formula_error(model, x) < 1e-5
    plain = batch_normalization.deep_mlp((3,), 2, normalize=False)
    assert batch_normalization.mode_difference(plain, x) == 0.0  # no batch norm: one mode


def test_mode_difference_averages_over_batches_each_with_its_own_statistics():
    model = batch_normalization.deep_mlp((3,), 2, normalize=True)
    x = np.random.default_rng(6).normal(size=(20, 3)).astype("float32")
    x[10:] += 3.0  # the second batch has other statistics than the first
    each = [batch_normalization.mode_difference(model, x[i : i + 10], batch_size=10) for i in (0, 10)]
    # Two batches of 10 (the last 3 rows are a partial batch and are left out).
    extended = np.concatenate([x, x[:3]])
    assert batch_normalization.mode_difference(model, extended, batch_size=10) == pytest.approx(np.mean(each))
    # One batch of all 20 rows normalizes with other statistics, so it gives another number.
    assert batch_normalization.mode_difference(model, x, batch_size=20) != pytest.approx(np.mean(each))
    with pytest.raises(ValueError, match="at least one batch"):
        batch_normalization.mode_difference(model, x[:5], batch_size=10)


def test_quick_demo_learns_only_with_batch_norm(quick_demo):
    summary = quick_demo("batch-normalization")
    n = summary["claim"]["numbers"]
    assert n["batch_norm_accuracy"] > n["plain_accuracy"]
    assert summary["claim"]["verdict"] is True


def test_without_normalizing_the_claim_fails(quick_demo, monkeypatch):
    """The concept removed: the layer keeps only its γ and β (a per-feature scale and shift) and
    stops normalizing, so the deep net is the plain one again, and the two modes agree."""

    def scale_and_shift_only(self, inputs, training=False):
        return inputs * keras.ops.cast(self.gamma, inputs.dtype) + keras.ops.cast(self.beta, inputs.dtype)

    monkeypatch.setattr(BatchNormalizationFromScratch, "call", scale_and_shift_only)
    assert_fails_through(quick_demo("batch-normalization"), "batch_norm_accuracy", "mode_difference")


def _claim(normalized, plain, held_normalized=5, held_plain=5):
    parts = [
        recorded_part("batch_norm_accuracy", normalized, 0.5, held_normalized, ">="),
        recorded_part("plain_accuracy", plain, 0.2, held_plain, "<="),
        recorded_part("mode_difference", 0.25, 0.1, 5, ">="),
        recorded_part("inference_formula_error", 1e-7, 1e-4, 5, "<=", kind="identity"),
    ]
    held = min(held_normalized, held_plain)
    return recorded_claim(parts, held)


@pytest.mark.parametrize(
    "claim, option",
    [
        (_claim(0.9, 0.1), "A"),
        (_claim(0.9, 0.85, held_plain=0), "B"),
        (_claim(0.1, 0.1, held_normalized=0), "C"),
        (_claim(0.1, 0.85, held_normalized=0, held_plain=0), "D"),
        (_claim(0.55, 0.1, held_normalized=3), "E"),
    ],
)
def test_outcome_names_the_option_the_numbers_show(claim, option):
    from nutshell.glossary.batch_normalization import PREDICT, outcome

    assert outcome(claim) == option and option in PREDICT["options"]
