"""rnn: our cell computes what keras.layers.SimpleRNN computes; the demo, and its failure on a
budget too small for the short problem."""

import keras
import numpy as np
import pytest

from nutshell.glossary.rnn import SimpleRNNCellFromScratch
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
    assert cell.count_params() == 12 + 16 + 4   # d = 3, n = 4: the entry's 32


def rnn_layer(dtype=None, **cell_kwargs):
    return keras.layers.RNN(SimpleRNNCellFromScratch(dtype=dtype, **cell_kwargs), dtype=dtype)


def test_keras_layer_contract():
    check_layer_contract(rnn_layer, {"units": N}, input_shape=(2, T, D), expected_output_shape=(2, N),
                         trainable_weights=3, atol=1e-5)


def test_bad_units_are_refused():
    with pytest.raises(ValueError, match="units must be a positive integer, not 0"):
        SimpleRNNCellFromScratch(0)


def test_quick_demo_measures_the_claim(quick_demo):
    summary = quick_demo("rnn")
    numbers = summary["claim"]["numbers"]
    assert 0 < numbers["sequences_to_solve_10_steps"] <= numbers["sequences_trained_short"]
    assert numbers["test_mse_10_steps"] < 0.02
    assert numbers["sequences_trained_long"] == numbers["sequences_trained_short"]
    assert numbers["test_mse_50_steps"] > 0.75 * numbers["baseline_mse"]
    assert summary["claim"]["verdict"] is True


def test_the_claim_fails_on_too_few_sequences(quick_demo):
    summary = quick_demo("rnn", epochs=2)             # 8,000 sequences: the short problem needs more
    numbers = summary["claim"]["numbers"]
    assert "sequences_to_solve_10_steps" not in numbers
    assert summary["claim"]["verdict"] is False
