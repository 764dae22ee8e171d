"""gru: our cell computes what keras.layers.GRU computes, with the reset gate before or after U_h;
the demo is measured, and with the gates removed (the GRU becomes a plain tanh RNN) its claim
fails."""

import keras
import numpy as np
import pytest

from nutshell.glossary import _claims, gru
from nutshell.glossary.gru import GRUCellFromScratch, claim_parts
from nutshell.glossary.lstm import LSTMCellFromScratch
from nutshell.glossary.rnn import SimpleRNNCellFromScratch
from tests.helpers import assert_fails_through
from tests.layer_contract import check_layer_contract

D, N, T = 3, 5, 7


@pytest.mark.parametrize("reset_after", [True, False])
def test_cell_in_rnn_matches_keras_gru(reset_after):
    rng = np.random.default_rng(0)
    x = rng.normal(size=(4, T, D)).astype("float32")
    ours = keras.layers.RNN(GRUCellFromScratch(N, reset_after=reset_after), return_sequences=True, return_state=True)
    builtin = keras.layers.GRU(N, reset_after=reset_after, return_sequences=True, return_state=True)
    ours.build(x.shape)
    builtin.build(x.shape)
    assert [w.shape for w in ours.get_weights()] == [w.shape for w in builtin.get_weights()]
    weights = [rng.normal(0, 0.5, w.shape).astype("float32") for w in builtin.get_weights()]
    ours.set_weights(weights)
    builtin.set_weights(weights)
    for got, want in zip(ours(x), builtin(x)):
        np.testing.assert_allclose(got, want, rtol=1e-5, atol=1e-5)


def test_three_quarters_of_an_lstm():
    gru, lstm = GRUCellFromScratch(32, reset_after=False), LSTMCellFromScratch(32)
    gru.build((None, 10))
    lstm.build((None, 10))
    assert (gru.count_params(), lstm.count_params()) == (4_128, 5_504)  # the entry's numbers


def gru_layer(dtype=None, **cell_kwargs):
    return keras.layers.RNN(GRUCellFromScratch(dtype=dtype, **cell_kwargs), dtype=dtype)


@pytest.mark.parametrize("reset_after", [True, False])
def test_keras_layer_contract(reset_after):
    check_layer_contract(
        gru_layer,
        {"units": N, "reset_after": reset_after},
        input_shape=(2, T, D),
        expected_output_shape=(2, N),
        trainable_weights=3,
        atol=1e-5,
    )


def test_bad_units_are_refused():
    with pytest.raises(ValueError, match="units must be a positive integer, not -1"):
        GRUCellFromScratch(-1)


def test_with_its_gates_shut_open_the_gru_is_the_plain_rnn():
    """z ≡ 0 and r ≡ 1 (biases far out, no input or recurrent weight on the gates) leave
    h_t = tanh(W_h x_t + U_h h_(t−1) + b_h): the seam the concept-removed test uses."""
    rng = np.random.default_rng(3)
    gru_cell, plain = GRUCellFromScratch(N, reset_after=False), SimpleRNNCellFromScratch(N)
    gru_cell.build((None, D))
    plain.build((None, D))
    w, u, b = rng.normal(size=(D, N)), rng.normal(size=(N, N)), rng.normal(size=N)
    zeros = np.zeros((D, 2 * N)), np.zeros((N, 2 * N))
    gru_cell.set_weights(
        [
            np.concatenate([zeros[0], w], axis=1),
            np.concatenate([zeros[1], u], axis=1),
            np.concatenate([np.full(N, -40.0), np.full(N, 40.0), b]),
        ]
    )
    plain.set_weights([w, u, b])
    x, h = rng.normal(size=(2, D)).astype("float32"), rng.normal(size=(2, N)).astype("float32")
    np.testing.assert_allclose(gru_cell(x, [h])[0], plain(x, [h])[0], rtol=1e-5, atol=1e-6)


# Numbers like the measured ones (held-out seeds, quick): GRU test MSE 0.0013-0.0025, the
# SimpleRNN at the mean guess (0.16); recurrent weights of the 64-unit cells on (value, marker).
MSE = {"gru": 0.002, "lstm": 0.16, "simple_rnn": 0.17}
WEIGHTS = {"gru": 12_864, "lstm": 17_152, "simple_rnn": 4_288}


def test_the_claim_holds_for_numbers_like_the_measured_ones():
    parts = claim_parts(MSE, WEIGHTS, 0.163)
    assert _claims.verdict(parts) is True
    assert {part.name: part.kind for part in parts}["gru_over_lstm_weights"] == "identity"


@pytest.mark.parametrize(
    "changed, failing",
    [
        ({"gru": 0.08}, "gru_test_mse"),  # the GRU did not learn it
        ({"simple_rnn": 0.02}, "simple_rnn_mse_over_mean_guess"),  # the plain RNN did
    ],
    ids=["gru-not-solved", "simple-rnn-solved"],
)
def test_the_claim_can_fail(changed, failing):
    parts = {part.name: part for part in claim_parts({**MSE, **changed}, WEIGHTS, 0.163)}
    assert not parts[failing].held and _claims.verdict(list(parts.values())) is False


def test_quick_demo_measures_the_claim(quick_demo):
    summary = quick_demo("gru")
    numbers = summary["claim"]["numbers"]
    assert numbers["sequences_trained"] == numbers["gru_sequences_to_solve"] + 1600
    assert 4 * numbers["gru_weights"] == 3 * numbers["lstm_weights"]
    assert summary["claim"]["verdict"] is True


def test_without_gates_the_claim_fails(quick_demo, monkeypatch):
    """The concept removed: the GRU with z ≡ 0 and r ≡ 1 is the plain tanh RNN (test above), so
    that cell races in its place, on the same sequences and budget."""
    monkeypatch.setattr(gru, "gru_cell", SimpleRNNCellFromScratch)
    summary = quick_demo("gru")
    assert "gru_sequences_to_solve" not in summary["claim"]["numbers"]
    assert_fails_through(summary, "gru_test_mse")


def _recorded(gru_mse, lstm_mse, rnn_mse, held_gru=3, mean_guess=0.163):
    """A claim as summary.json stores it: parts with their bars and seed counts, numbers as means."""
    ratio = rnn_mse / mean_guess

    def part(name, mean, bar, comparison, held, kind="measured"):
        return {
            "name": name,
            "kind": kind,
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
            part("gru_test_mse", gru_mse, 0.02, "<=", held_gru),
            part("simple_rnn_mse_over_mean_guess", ratio, 0.75, ">=", 3 if ratio >= 0.75 else 0),
            part("gru_over_lstm_weights", 0.75, 0.75, "<=", 3, kind="identity"),
        ],
        "numbers": {
            "gru_test_mse": gru_mse,
            "simple_rnn_mse_over_mean_guess": ratio,
            "gru_over_lstm_weights": 0.75,
            "mean_guess_mse": mean_guess,
            "lstm_test_mse": lstm_mse,
            "simple_rnn_test_mse": rnn_mse,
        },
        "held": held_gru,
        "of": 3,
        "verdict": held_gru == 3 and ratio >= 0.75,
    }


@pytest.mark.parametrize(
    "claim, option",
    [
        (_recorded(0.002, 0.004, 0.17), "A"),  # the Keras-start LSTM solved it as well
        (_recorded(0.002, 0.16, 0.17), "B"),  # as measured: only the GRU
        (_recorded(0.002, 0.16, 0.01), "C"),  # the plain RNN solved it too
        (_recorded(0.08, 0.16, 0.17, held_gru=0), "D"),  # the GRU did not
        (_recorded(0.015, 0.16, 0.17, held_gru=2), "E"),  # the GRU solved it on 2 seeds of 3
    ],
    ids=["gru-and-lstm", "only-gru", "rnn-too", "gru-not-solved", "gru-seeds"],
)
def test_outcome_names_the_option_the_numbers_show(claim, option):
    assert gru.outcome(claim) == option
    assert option in gru.PREDICT["options"]
