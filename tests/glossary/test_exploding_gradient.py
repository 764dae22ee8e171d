"""exploding-gradient: our clipping equals what Keras's optimizers apply (clipnorm per variable,
global_clipnorm over all), the tape-free gradient norm is right; the claim can fail on each part,
and does when the "clipped" run is not clipped."""

import keras
import numpy as np
import pytest
from keras import ops

from nutshell.glossary import _claims, exploding_gradient
from nutshell.glossary.exploding_gradient import clip_by_global_norm, clip_by_norm, global_norm, gradient_norm
from tests.helpers import assert_fails_through, recorded_claim, recorded_part


def _variables_and_gradients(scale):
    rng = np.random.default_rng(0)
    shapes = [(3, 4), (4,), (4, 1)]
    variables = [keras.Variable(rng.normal(size=s).astype("float32")) for s in shapes]
    gradients = [(scale * rng.normal(size=s)).astype("float32") for s in shapes]
    return variables, gradients


def _after_one_step(gradients, variables, **clipping):
    start = [ops.convert_to_numpy(v).copy() for v in variables]
    keras.optimizers.SGD(learning_rate=0.5, **clipping).apply_gradients(zip(gradients, variables))
    return start, [ops.convert_to_numpy(v) for v in variables]


@pytest.mark.parametrize("scale", [0.01, 10.0], ids=["small-untouched", "large-clipped"])
def test_clip_by_global_norm_equals_keras_global_clipnorm(scale):
    variables, gradients = _variables_and_gradients(scale)
    start, theirs = _after_one_step(gradients, variables, global_clipnorm=1.0)
    ours = [w - 0.5 * ops.convert_to_numpy(g) for w, g in zip(start, clip_by_global_norm(gradients, 1.0))]
    for a, b in zip(ours, theirs):
        np.testing.assert_allclose(a, b, rtol=1e-5, atol=1e-6)


@pytest.mark.parametrize("scale", [0.01, 10.0], ids=["small-untouched", "large-clipped"])
def test_clip_by_norm_equals_keras_clipnorm_for_each_variable(scale):
    variables, gradients = _variables_and_gradients(scale)
    start, theirs = _after_one_step(gradients, variables, clipnorm=1.0)
    for w, g, b in zip(start, gradients, theirs):
        np.testing.assert_allclose(w - 0.5 * ops.convert_to_numpy(clip_by_norm(g, 1.0)), b, rtol=1e-5, atol=1e-6)


def test_global_clipping_keeps_the_direction_per_variable_clipping_does_not():
    gradients = [np.array([3.0, 4.0], "float32"), np.array([12.0], "float32")]
    together = clip_by_global_norm(gradients, 1.0)
    assert float(global_norm(together)) == pytest.approx(1.0)
    np.testing.assert_allclose(np.concatenate([ops.convert_to_numpy(g) for g in together]), np.array([3, 4, 12]) / 13)
    apart = [ops.convert_to_numpy(clip_by_norm(g, 1.0)) for g in gradients]
    np.testing.assert_allclose(np.concatenate(apart), [0.6, 0.8, 1.0], rtol=1e-6)


def test_gradient_norm_without_a_tape_matches_the_formula():
    # Linear model y = x·w + b with the mean squared error: ∂L/∂w = 2/n xᵀ(ŷ − y), ∂L/∂b = 2/n Σ(ŷ − y).
    rng = np.random.default_rng(1)
    x, y = rng.normal(size=(16, 3)).astype("float32"), rng.normal(size=(16, 1)).astype("float32")
    model = keras.Sequential([keras.Input((3,)), keras.layers.Dense(1)])
    w, b = (ops.convert_to_numpy(v) for v in model.weights)
    error = x @ w + b - y
    expected = np.sqrt(np.sum((2 / 16 * x.T @ error) ** 2) + (2 / 16 * error.sum()) ** 2)
    assert gradient_norm(model, x, y) == pytest.approx(expected, rel=1e-4)
    np.testing.assert_array_equal(ops.convert_to_numpy(model.weights[0]), w)  # the model is untouched


@pytest.mark.parametrize("bad", [0, -1.0, "1", None, True])
def test_bad_thresholds_are_refused(bad):
    with pytest.raises(ValueError, match="max_norm must be a positive number"):
        clip_by_norm(np.ones(3), bad)
    with pytest.raises(ValueError, match="max_norm must be a positive number"):
        clip_by_global_norm([np.ones(3)], bad)


def test_batch_losses_recovers_each_batch_from_the_running_mean_and_stops_an_explosion():
    recorder = exploding_gradient.BatchLosses()
    recorder.set_model(keras.Sequential([keras.Input((1,)), keras.layers.Dense(1)]))
    recorder.model.stop_training = False
    recorder.on_epoch_begin(0)
    for batch in range(3):
        running = np.mean([2.0, 4.0, 3.0][: batch + 1])
        recorder.on_train_batch_end(batch, {"loss": running})
    np.testing.assert_allclose(recorder.losses, [2.0, 4.0, 3.0])
    assert not recorder.model.stop_training
    recorder.on_epoch_begin(1)
    recorder.on_train_batch_end(0, {"loss": 2.0 * exploding_gradient.STOP_AT * 1.01})
    assert recorder.model.stop_training


def test_spectral_radius_of_the_recurrent_matrix():
    model = exploding_gradient._irnn("probe")
    assert exploding_gradient.spectral_radius(model) == pytest.approx(1.0)  # it starts as the identity


def test_measure_compares_each_run_with_its_first_batch():
    m = exploding_gradient.measure(300.0, [2.0, 5.0, 1e6], [2.0, 3.0, 0.5])
    assert m == {"initial_gradient_norm": 300.0, "unclipped_loss_growth": 5e5, "clipped_loss_growth": 1.5}


MEASURED = {"initial_gradient_norm": 900.0, "unclipped_loss_growth": 1e15, "clipped_loss_growth": 1.0}


def test_the_claim_holds_for_numbers_like_the_measured_ones():
    assert _claims.verdict(exploding_gradient.claim_parts(MEASURED)) is True


@pytest.mark.parametrize(
    "change, failing",
    [
        ({"initial_gradient_norm": 3.0}, "initial_gradient_norm"),  # no explosion to start with
        ({"unclipped_loss_growth": 1.2}, "unclipped_loss_growth"),  # plain SGD coped
        ({"clipped_loss_growth": 1e9}, "clipped_loss_growth"),  # clipping did not hold it
    ],
    ids=["small-gradient", "no-spike", "clipped-spikes"],
)
def test_the_claim_can_fail(change, failing):
    parts = {part.name: part for part in exploding_gradient.claim_parts({**MEASURED, **change})}
    assert not parts[failing].held and _claims.verdict(list(parts.values())) is False


def test_quick_demo_explodes_without_clipping_only(quick_demo):
    summary = quick_demo("exploding-gradient")
    n = summary["claim"]["numbers"]
    assert n["spectral_radius_unclipped"] > n["spectral_radius_clipped"]
    assert summary["claim"]["verdict"] is True


def test_without_clipping_the_claim_fails(quick_demo, monkeypatch):
    """The concept removed: the "clipped" run is not clipped, so it blows up as the other does."""
    monkeypatch.setattr(exploding_gradient, "CLIP", None)
    assert_fails_through(quick_demo("exploding-gradient"), "clipped_loss_growth")


def _claim(spike_held=5, calm_held=5, spike=1e15, calm=1.0):
    parts = [
        recorded_part("initial_gradient_norm", 900.0, 30.0, 5),
        recorded_part("unclipped_loss_growth", spike, 1000.0, spike_held),
        recorded_part("clipped_loss_growth", calm, 5.0, calm_held, "<="),
    ]
    held = min(spike_held, calm_held)
    return recorded_claim(parts, held)


@pytest.mark.parametrize(
    "claim, option",
    [
        (_claim(), "A"),
        (_claim(calm_held=0, calm=1e12), "B"),
        (_claim(spike_held=0, spike=1.1), "C"),
        (_claim(spike_held=3), "D"),
    ],
)
def test_outcome_names_the_option_the_numbers_show(claim, option):
    assert exploding_gradient.outcome(claim) == option and option in exploding_gradient.PREDICT["options"]
