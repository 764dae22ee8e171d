"""learning-rate-schedule: our warm-up + cosine schedule gives Keras's CosineDecay's rates at every
step and survives serialisation; the cnn/inception rig still reads it per epoch; the claim can fail,
and does when the rate stays constant."""

import keras
import numpy as np
import pytest

from nutshell.glossary import _claims, learning_rate_schedule
from nutshell.glossary._schedules import cosine_decay
from nutshell.glossary.learning_rate_schedule import WarmupCosineDecay, claim_parts, measure
from tests.helpers import assert_fails_through, recorded_part

# Every boundary of the cases below (the end of warm-up, of the decay) and a few steps between.
STEPS = [0, 1, 3, 6, 7, 8, 19, 20, 21, 33, 40, 47, 50, 57, 60, 61, 75, 99, 100, 107, 120, 150]


@pytest.mark.parametrize(
    "kwargs",
    [
        {"initial_learning_rate": 0.0, "decay_steps": 100, "warmup_target": 0.1, "warmup_steps": 20},
        {"initial_learning_rate": 0.01, "decay_steps": 50, "warmup_target": 0.3, "warmup_steps": 7, "alpha": 0.1},
        {"initial_learning_rate": 0.1, "decay_steps": 100},
        {"initial_learning_rate": 0.1, "decay_steps": 60, "alpha": 0.2},
        {"initial_learning_rate": 0.0, "decay_steps": 40, "warmup_target": 0.2, "warmup_steps": 0},
    ],
    ids=["warmup", "warmup-floor", "cosine", "cosine-floor", "no-warmup-steps"],
)
def test_equals_keras_cosine_decay_at_every_step(kwargs):
    ours, theirs = WarmupCosineDecay(**kwargs), keras.optimizers.schedules.CosineDecay(**kwargs)
    np.testing.assert_allclose(
        keras.ops.convert_to_numpy(ours(np.array(STEPS))),  # ours takes a whole array of steps at once
        [float(theirs(step)) for step in STEPS],
        rtol=1e-6,
        atol=1e-8,
    )


def test_worked_example_of_the_explanation():
    schedule = WarmupCosineDecay(0.1, decay_steps=100)
    np.testing.assert_allclose(
        [float(schedule(t)) for t in (0, 25, 50, 75, 100, 150)], [0.1, 0.0854, 0.05, 0.0146, 0.0, 0.0], atol=1e-4
    )


def test_an_optimizer_follows_the_schedule_and_saves_it():
    schedule = WarmupCosineDecay(0.0, decay_steps=10, warmup_target=0.5, warmup_steps=4)
    opt = keras.optimizers.SGD(schedule)
    w = keras.Variable(np.zeros(1, "float32"))
    for _ in range(3):  # rates 0, 0.125, 0.25 on a gradient of 1
        opt.apply([np.ones(1, "float32")], [w])
    np.testing.assert_allclose(w.numpy(), [-0.375], rtol=1e-6)
    again = keras.optimizers.deserialize(keras.optimizers.serialize(opt))
    assert isinstance(again._learning_rate, WarmupCosineDecay)


def test_config_round_trip():
    schedule = WarmupCosineDecay(0.01, decay_steps=50, alpha=0.1, warmup_target=0.3, warmup_steps=7)
    again = WarmupCosineDecay.from_config(schedule.get_config())
    assert again.get_config() == schedule.get_config()
    assert float(again(20)) == pytest.approx(float(schedule(20)))


@pytest.mark.parametrize(
    "kwargs, message",
    [
        ({"decay_steps": 0}, "decay_steps must be"),
        ({"decay_steps": 10, "warmup_steps": -1}, "warmup_steps must be"),
        ({"decay_steps": 10, "alpha": 1.5}, "alpha must be"),
    ],
)
def test_bad_arguments_are_refused(kwargs, message):
    with pytest.raises(ValueError, match=message):
        WarmupCosineDecay(0.1, **kwargs)


def test_the_per_epoch_rig_of_cnn_and_inception_still_decays_to_zero():
    callback = cosine_decay(0.01, 4)
    np.testing.assert_allclose(
        [callback.schedule(epoch, None) for epoch in range(5)], [0.01, 0.0085355, 0.005, 0.0014645, 0.0], atol=1e-6
    )
    with pytest.raises(ValueError, match="epochs must be at least 1"):
        cosine_decay(0.01, 0)


class _Fixed:
    """A stand-in for a trained model: predicts the noise-free function plus a fixed offset."""

    def __init__(self, offset):
        self.offset = offset

    def predict(self, x, verbose=0):
        return learning_rate_schedule.target(x) + self.offset


def test_measure_compares_errors_against_the_noise_free_function():
    x = np.array([[0.0, 0.0], [1.0, 2.0]], "float32")
    m = measure(_Fixed(0.5), _Fixed(0.1), (x, learning_rate_schedule.target(x)))
    assert m["constant"] == pytest.approx(0.25) and m["decayed"] == pytest.approx(0.01)
    assert m["error_ratio"] == pytest.approx(0.04)


def test_the_claim_holds_for_numbers_like_the_measured_ones():
    assert _claims.verdict(claim_parts({"error_ratio": 0.24})) is True


def test_the_claim_can_fail():
    (part,) = claim_parts({"error_ratio": 0.95})  # no better than the constant rate
    assert not part.held and _claims.verdict([part]) is False


def test_quick_demo_decay_beats_the_constant_rate(quick_demo):
    summary = quick_demo("learning-rate-schedule")
    n = summary["claim"]["numbers"]
    assert n["error_decayed"] < n["error_constant"]
    assert summary["claim"]["verdict"] is True


def test_with_a_constant_rate_the_claim_fails(quick_demo, monkeypatch):
    """The concept removed: the "decayed" run's schedule stays at the peak rate throughout, so
    both runs are the same run (same seed, same weights, same batches)."""

    def constant(initial_learning_rate, decay_steps, warmup_target, warmup_steps):
        return keras.optimizers.schedules.ExponentialDecay(warmup_target, decay_steps=1, decay_rate=1.0)

    monkeypatch.setattr(learning_rate_schedule, "WarmupCosineDecay", constant)
    assert_fails_through(quick_demo("learning-rate-schedule"), "error_ratio")


def _claim(ratio, held=5):
    parts = [recorded_part("error_ratio", ratio, 0.5, held, "<=")]
    return {"parts": parts, "numbers": {"error_ratio": ratio}, "held": held, "of": 5}


@pytest.mark.parametrize(
    "claim, option",
    [
        (_claim(0.24), "A"),  # seeds 100-104: 0.08-0.40
        (_claim(1.0, held=0), "B"),  # a constant rate both times
        (_claim(1.5, held=0), "C"),
        (_claim(0.45, held=3), "D"),
    ],
)
def test_outcome_names_the_option_the_numbers_show(claim, option):
    from nutshell.glossary.learning_rate_schedule import PREDICT, outcome

    assert outcome(claim) == option and option in PREDICT["options"]
