"""rnn: our cell computes what keras.layers.SimpleRNN computes; the demo is measured, and without
recurrence (no state carried from step to step) its claim fails."""

import keras
import numpy as np
import pytest

from nutshell.glossary import _claims, rnn
from nutshell.glossary.rnn import SimpleRNNCellFromScratch, claim_parts
from tests.helpers import assert_fails_through
from tests.layer_contract import check_layer_contract

D, N, T = 3, 5, 7


def test_cell_in_rnn_matches_keras_simple_rnn():
    rng = np.random.default_rng(0)
    x = rng.normal(size=(4, T, D)).astype("float32")
    ours = keras.layers.RNN(SimpleRNNCellFromScratch(N), return_sequences=True, return_state=True)
    builtin = keras.layers.SimpleRNN(N, return_sequences=True, return_state=True)
    ours.build(x.shape)
    builtin.build(x.shape)
    weights = [rng.normal(0, 0.5, w.shape).astype("float32") for w in builtin.get_weights()]
    ours.set_weights(weights)
    builtin.set_weights(weights)
    for got, want in zip(ours(x), builtin(x)):
        np.testing.assert_allclose(got, want, rtol=1e-5, atol=1e-5)


def test_one_step_is_the_equation_and_the_count_is_the_entrys():
    rng = np.random.default_rng(1)
    cell = SimpleRNNCellFromScratch(4)
    cell.build((None, 3))
    w, u, b = (rng.normal(size=s).astype("float32") for s in ((3, 4), (4, 4), (4,)))
    cell.set_weights([w, u, b])
    x, h = rng.normal(size=(2, 3)).astype("float32"), rng.normal(size=(2, 4)).astype("float32")
    out, _ = cell(x, [h])
    np.testing.assert_allclose(out, np.tanh(x @ w + h @ u + b), rtol=1e-5, atol=1e-6)
    assert cell.count_params() == 12 + 16 + 4  # d = 3, n = 4: the entry's 32


def rnn_layer(dtype=None, **cell_kwargs):
    return keras.layers.RNN(SimpleRNNCellFromScratch(dtype=dtype, **cell_kwargs), dtype=dtype)


def test_keras_layer_contract():
    check_layer_contract(
        rnn_layer, {"units": N}, input_shape=(2, T, D), expected_output_shape=(2, N), trainable_weights=3, atol=1e-5
    )


def test_bad_units_are_refused():
    with pytest.raises(ValueError, match="units must be a positive integer, not 0"):
        SimpleRNNCellFromScratch(0)


# Numbers like the measured ones (held-out seeds): 10 steps solved at test MSE 0.006-0.009; at
# 50 steps about the mean guess's MSE (0.167).
def test_the_claim_holds_for_numbers_like_the_measured_ones():
    assert _claims.verdict(claim_parts(0.007, 0.168, 0.167)) is True


@pytest.mark.parametrize(
    "short_mse, long_mse, failing",
    [
        (0.09, 0.168, "test_mse_10_steps"),  # the short problem not learned
        (0.007, 0.02, "test_mse_50_steps_over_mean_guess"),  # the long one learned after all
    ],
    ids=["short-not-solved", "long-solved"],
)
def test_the_claim_can_fail(short_mse, long_mse, failing):
    parts = {part.name: part for part in claim_parts(short_mse, long_mse, 0.167)}
    assert not parts[failing].held and _claims.verdict(list(parts.values())) is False


def test_quick_demo_measures_the_claim(quick_demo):
    summary = quick_demo("rnn")
    numbers = summary["claim"]["numbers"]
    # training stops two looks (of 800 sequences each) after the first good one
    assert numbers["sequences_trained"] == numbers["sequences_to_solve_10_steps"] + 1600
    assert summary["claim"]["verdict"] is True


def _without_recurrence(steps, rnn_net=rnn.rnn_net):
    """The demo's net with U fixed at 0: h_t = tanh(W x_t + b) forgets every earlier step."""
    model = rnn_net(steps)
    cell = model.get_layer("rnn").cell
    cell.recurrent_kernel.assign(np.zeros(cell.recurrent_kernel.shape, "float32"))
    cell.recurrent_kernel.trainable = False  # the optimizer leaves it at 0
    return model


def test_without_recurrence_only_the_last_step_counts():
    model = _without_recurrence(5)
    x = np.random.default_rng(4).uniform(size=(2, 5, 2)).astype("float32")
    changed = x.copy()
    changed[:, :4] = 1 - changed[:, :4]  # every step but the last
    np.testing.assert_allclose(model.predict(changed, verbose=0), model.predict(x, verbose=0), atol=1e-6)
    assert len(model.get_layer("rnn").trainable_weights) == 2  # W and b; U stays 0


def test_without_recurrence_the_claim_fails(quick_demo, monkeypatch):
    """The concept removed: no state carried from step to step (the recurrent weights U held at
    0), on the same sequences and budget; the last step alone cannot give the sum."""
    monkeypatch.setattr(rnn, "rnn_net", _without_recurrence)
    summary = quick_demo("rnn")
    assert "sequences_to_solve_10_steps" not in summary["claim"]["numbers"]
    assert_fails_through(summary, "test_mse_10_steps")


def _recorded(short_mse, long_mse, seeds=(3, 3), mean_guess=0.167):
    """A claim as summary.json stores it: parts with their bars and seed counts, numbers as means."""
    held_short, held_long = seeds
    ratio = long_mse / mean_guess

    def part(name, mean, bar, comparison, held):
        return {
            "name": name,
            "kind": "measured",
            "comparison": comparison,
            "bar": bar,
            "held": held,
            "of": 3,
            "mean": mean,
            "min": mean,
            "max": mean,
            "worst_margin": 0.0,
        }

    return {
        "parts": [
            part("test_mse_10_steps", short_mse, 0.02, "<=", held_short),
            part("test_mse_50_steps_over_mean_guess", ratio, 0.75, ">=", held_long),
        ],
        "numbers": {
            "test_mse_10_steps": short_mse,
            "test_mse_50_steps_over_mean_guess": ratio,
            "test_mse_50_steps": long_mse,
            "mean_guess_mse": mean_guess,
        },
        "held": min(seeds),
        "of": 3,
        "verdict": min(seeds) == 3,
    }


@pytest.mark.parametrize(
    "claim, option",
    [
        (_recorded(0.007, 0.012, seeds=(3, 0)), "A"),  # the 50-step net solved it as well
        (_recorded(0.007, 0.165), "B"),  # as measured: the 50-step net at the guess
        (_recorded(0.007, 0.06, seeds=(3, 0)), "C"),  # the 50-step net partway
        (_recorded(0.09, 0.165, seeds=(0, 3)), "D"),  # not even 10 steps solved
        (_recorded(0.015, 0.165, seeds=(2, 3)), "E"),  # 10 steps solved on 2 seeds of 3
        (_recorded(0.007, 0.12, seeds=(3, 1)), "E"),  # near the guess on 1 seed of 3
    ],
    ids=["both-solve", "only-short", "long-partway", "short-not-solved", "short-seeds", "long-seeds"],
)
def test_outcome_names_the_option_the_numbers_show(claim, option):
    assert rnn.outcome(claim) == option
    assert option in rnn.PREDICT["options"]
