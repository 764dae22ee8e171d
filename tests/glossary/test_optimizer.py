"""optimizer: our momentum and Adam take the same steps as Keras's SGD and Adam; the heavy-ball
tuning and step counts follow the theory; the claim can fail on each part, and does without momentum."""

import keras
import numpy as np
import pytest

from nutshell.glossary import _claims, optimizer
from nutshell.glossary.optimizer import (
    AdamFromScratch,
    MomentumFromScratch,
    claim_parts,
    heavy_ball_settings,
    log_log_slope,
    measure,
    steps_to_shrink,
)
from tests.helpers import assert_fails_through, recorded_claim, recorded_part


def _weights_after(optimizer_, steps=6, seed=0):
    """Two variables stepped `steps` times on a bowl with curvatures from 0.1 to 30 (the gradient
    computed in numpy from the current weights); the weights afterwards."""
    rng = np.random.default_rng(seed)
    shapes = [(3, 4), (4,)]
    curvatures = [rng.uniform(0.1, 30, shape).astype("float32") for shape in shapes]
    weights = [keras.Variable(rng.normal(size=shape).astype("float32")) for shape in shapes]
    for _ in range(steps):
        optimizer_.apply([h * w.numpy() for h, w in zip(curvatures, weights)], weights)
    return [w.numpy() for w in weights]


@pytest.mark.parametrize("nesterov", [False, True])
def test_momentum_equals_keras_sgd_with_momentum(nesterov):
    ours = _weights_after(MomentumFromScratch(0.05, momentum=0.9, nesterov=nesterov))
    theirs = _weights_after(keras.optimizers.SGD(0.05, momentum=0.9, nesterov=nesterov))
    for a, b in zip(ours, theirs):
        np.testing.assert_allclose(a, b, rtol=1e-5, atol=1e-6)


def test_momentum_zero_is_plain_gradient_descent():
    for a, b in zip(
        _weights_after(MomentumFromScratch(0.05, momentum=0.0)), _weights_after(keras.optimizers.SGD(0.05))
    ):
        np.testing.assert_allclose(a, b, rtol=1e-5, atol=1e-6)


@pytest.mark.parametrize("beta_2", [0.999, 0.9])
def test_adam_equals_keras_adam(beta_2):
    # Keras folds the bias corrections into the step size, which moves ε by √(1 − β₂ᵗ); with
    # gradients far above ε the two forms agree to float32 rounding.
    ours = _weights_after(AdamFromScratch(0.01, beta_2=beta_2), steps=8)
    theirs = _weights_after(keras.optimizers.Adam(0.01, beta_2=beta_2), steps=8)
    for a, b in zip(ours, theirs):
        np.testing.assert_allclose(a, b, rtol=1e-4, atol=1e-5)


def test_adams_first_step_is_the_learning_rate_whatever_the_gradient():
    w = keras.Variable(np.zeros(3, "float32"))
    AdamFromScratch(0.1).apply([np.array([1000.0, 0.01, -3.0], "float32")], [w])
    np.testing.assert_allclose(w.numpy(), [-0.1, -0.1, 0.1], rtol=1e-4)


def test_a_schedule_is_accepted_as_the_learning_rate():
    schedule = keras.optimizers.schedules.ExponentialDecay(0.05, decay_steps=2, decay_rate=0.5)
    ours = _weights_after(MomentumFromScratch(schedule, momentum=0.5))
    theirs = _weights_after(keras.optimizers.SGD(schedule, momentum=0.5))
    for a, b in zip(ours, theirs):
        np.testing.assert_allclose(a, b, rtol=1e-5, atol=1e-6)


@pytest.mark.parametrize(
    "make",
    [
        lambda: MomentumFromScratch(0.1, momentum=0.8, nesterov=True),
        lambda: AdamFromScratch(0.003, beta_1=0.8, beta_2=0.99, epsilon=1e-6),
    ],
    ids=["momentum", "adam"],
)
def test_config_round_trip(make):
    opt = make()
    again = keras.optimizers.deserialize(keras.optimizers.serialize(opt))
    assert type(again) is type(opt) and again.get_config() == opt.get_config()


@pytest.mark.parametrize(
    "make, message",
    [
        (lambda: MomentumFromScratch(momentum=1.0), "momentum must be"),
        (lambda: MomentumFromScratch(momentum=-0.1), "momentum must be"),
        (lambda: AdamFromScratch(beta_1=1.0), "beta_1 must be"),
        (lambda: AdamFromScratch(beta_2="high"), "beta_2 must be"),
        (lambda: AdamFromScratch(epsilon=0.0), "epsilon must be"),
    ],
)
def test_bad_arguments_are_refused(make, message):
    with pytest.raises(ValueError, match=message):
        make()


def test_heavy_ball_tuning_shrinks_the_error_by_the_predicted_factor():
    rate, beta = heavy_ball_settings(1.0, 100.0)
    assert rate == pytest.approx(4 / 121) and beta == pytest.approx((9 / 11) ** 2)
    # On a single curvature the tuned iteration's error falls like ((√κ − 1)/(√κ + 1))ᵗ, here (9/11)ᵗ
    # up to a factor linear in t (a double root).
    _, distances = steps_to_shrink(np.array([1.0, 100.0]), np.array([1.0, 0.0]), rate, beta)
    assert (9 / 11) ** 30 / 10 < distances[29] < 31 * (9 / 11) ** 30


def test_gradient_descent_steps_follow_the_contraction_factor():
    # One curvature, rate 1/h: a single step lands on the minimum.
    steps, _ = steps_to_shrink(np.array([4.0]), np.array([3.0]), 0.25, 0.0)
    assert steps == 1
    # Rate giving factor 0.5 per step: 10⁻⁴ needs 14 halvings (2⁻¹⁴ ≈ 6.1 × 10⁻⁵).
    steps, _ = steps_to_shrink(np.array([1.0]), np.array([1.0]), 0.5, 0.0)
    assert steps == 14


def test_log_log_slope_reads_a_power_law():
    assert log_log_slope([10, 100, 1000], [5, 50, 500]) == pytest.approx(1.0)
    assert log_log_slope([10, 100, 1000], [3, 3 * 10**0.5, 30]) == pytest.approx(0.5)


def test_measure_turns_step_counts_into_slopes():
    m = measure({"descent": [40, 400, 4000], "momentum": [20, 63, 200]}, {"sgd": 0.8, "adam": 0.002})
    assert m["descent_slope"] == pytest.approx(1.0)
    assert m["momentum_slope"] == pytest.approx(0.5, abs=0.01)
    assert m["speed_up_at_1000"] == pytest.approx(20.0)


def _numbers(**changes):
    return {"descent_slope": 0.99, "momentum_slope": 0.53, "sgd": 0.83, "adam": 0.0024, **changes}


def test_the_claim_holds_for_numbers_like_the_measured_ones():
    assert _claims.verdict(claim_parts(_numbers())) is True


@pytest.mark.parametrize(
    "changes, failing",
    [
        ({"descent_slope": 0.6}, "descent_slope"),  # descent no slower on harder bowls
        ({"momentum_slope": 0.98}, "momentum_slope"),  # momentum no better than descent
        ({"sgd": 0.1}, "sgd_loss_fraction"),  # SGD copes with the scales after all
        ({"adam": 0.3}, "adam_loss_fraction"),  # Adam does not
    ],
)
def test_the_claim_can_fail(changes, failing):
    parts = {part.name: part for part in claim_parts(_numbers(**changes))}
    assert not parts[failing].held
    assert _claims.verdict(list(parts.values())) is False


def test_quick_demo_shows_momentum_and_adam_helping(quick_demo):
    summary = quick_demo("optimizer")
    n = summary["claim"]["numbers"]
    assert n["momentum_steps_kappa_1000"] < n["descent_steps_kappa_1000"] / 5
    assert summary["claim"]["verdict"] is True


def test_without_momentum_the_claim_fails(quick_demo, monkeypatch):
    """The concept removed: the "momentum" runs get β = 0 and gradient descent's best rate, so
    they are gradient descent again and their steps grow like κ."""
    monkeypatch.setattr(optimizer, "heavy_ball_settings", lambda mu, big_l: (2.0 / (mu + big_l), 0.0))
    assert_fails_through(quick_demo("optimizer"), "momentum_slope")


def _claim(descent, momentum, held=5):
    parts = [
        recorded_part("descent_slope", descent, 0.85, 5 if descent >= 0.85 else 0),
        recorded_part("momentum_slope", momentum, 0.65, held, "<="),
        recorded_part("sgd_loss_fraction", 0.83, 0.7, 5),
        recorded_part("adam_loss_fraction", 0.002, 0.01, 5, "<="),
    ]
    return recorded_claim(parts, held)


@pytest.mark.parametrize(
    "claim, option",
    [
        (_claim(0.99, 0.53), "A"),  # seeds 100-104: 0.99 and 0.53
        (_claim(0.99, 0.98, held=0), "B"),  # momentum taken away
        (_claim(0.5, 0.5), "C"),
        (_claim(0.99, 0.64, held=3), "D"),
    ],
)
def test_outcome_names_the_option_the_numbers_show(claim, option):
    from nutshell.glossary.optimizer import PREDICT, outcome

    assert outcome(claim) == option and option in PREDICT["options"]
