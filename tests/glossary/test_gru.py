"""gru: our cell computes what keras.layers.GRU computes, with the reset gate before or after U_h;
the demo, and its failure on too few sequences."""

import keras
import numpy as np
import pytest

from nutshell.glossary.gru import GRUCellFromScratch
from nutshell.glossary.lstm import LSTMCellFromScratch
from tests.layer_contract import check_layer_contract

D, N, T = 3, 5, 7


@pytest.mark.parametrize("reset_after", [True, False])
def test_cell_in_rnn_matches_keras_gru(reset_after):
    rng = np.random.default_rng(0)
    x = rng.normal(size=(4, T, D)).astype("float32")
    ours = keras.layers.RNN(GRUCellFromScratch(N, reset_after=reset_after), return_sequences=True,
                            return_state=True)
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
    assert (gru.count_params(), lstm.count_params()) == (4_128, 5_504)   # the entry's numbers


def gru_layer(dtype=None, **cell_kwargs):
    return keras.layers.RNN(GRUCellFromScratch(dtype=dtype, **cell_kwargs), dtype=dtype)


@pytest.mark.parametrize("reset_after", [True, False])
def test_keras_layer_contract(reset_after):
    check_layer_contract(gru_layer, {"units": N, "reset_after": reset_after}, input_shape=(2, T, D),
                         expected_output_shape=(2, N), trainable_weights=3, atol=1e-5)


def test_bad_units_are_refused():
    with pytest.raises(ValueError, match="units must be a positive integer, not -1"):
        GRUCellFromScratch(-1)


def test_quick_demo_measures_the_claim(quick_demo):
    summary = quick_demo("gru")
    numbers = summary["claim"]["numbers"]
    assert 0 < numbers["gru_sequences_to_solve"] <= numbers["sequences_trained"]
    assert numbers["gru_test_mse"] < 0.02
    assert numbers["simple_rnn_test_mse"] > 0.75 * numbers["baseline_mse"]
    assert 4 * numbers["gru_weights"] == 3 * numbers["lstm_weights"]
    assert summary["claim"]["verdict"] is True


def test_the_claim_fails_on_too_few_sequences(quick_demo):
    summary = quick_demo("gru", epochs=1)            # 4,000 sequences
    assert "gru_sequences_to_solve" not in summary["claim"]["numbers"]
    assert summary["claim"]["verdict"] is False
