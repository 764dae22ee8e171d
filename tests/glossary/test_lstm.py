"""lstm: our cell computes what keras.layers.LSTM computes; the adding-problem demo is measured."""

import math

import keras
import numpy as np

from nutshell import data
from nutshell.glossary.lstm import LSTMCellFromScratch

D, N, T = 3, 5, 7


def _random_weights(seed=0):
    """Weights far from the initial ones, with a bias that differs per gate, so a mix-up of
    the gate order (or of W and U) changes the output."""
    rng = np.random.default_rng(seed)
    return [rng.normal(0, 0.5, (D, 4 * N)).astype("float32"),
            rng.normal(0, 0.5, (N, 4 * N)).astype("float32"),
            rng.normal(0, 0.5, (4 * N,)).astype("float32")]


def test_cell_in_rnn_matches_keras_lstm_sequences_and_final_state():
    x = np.random.default_rng(1).normal(size=(4, T, D)).astype("float32")
    ours = keras.layers.RNN(LSTMCellFromScratch(N), return_sequences=True, return_state=True)
    builtin = keras.layers.LSTM(N, return_sequences=True, return_state=True)
    ours.build(x.shape)
    builtin.build(x.shape)
    assert [w.shape for w in ours.get_weights()] == [w.shape for w in builtin.get_weights()]
    weights = _random_weights()
    ours.set_weights(weights)
    builtin.set_weights(weights)
    for got, want in zip(ours(x), builtin(x)):  # the sequence of h, then the final h and c
        np.testing.assert_allclose(got, want, rtol=1e-5, atol=1e-5)


def test_one_step_matches_the_equations_in_numpy():
    rng = np.random.default_rng(2)
    x, h, c = (rng.normal(size=(2, k)).astype("float32") for k in (D, N, N))
    cell = LSTMCellFromScratch(N)
    cell.build((2, D))
    w, u, b = _random_weights(3)
    cell.set_weights([w, u, b])
    z = x @ w + h @ u + b
    sigmoid = lambda v: 1 / (1 + np.exp(-v))
    i, f, g, o = sigmoid(z[:, :N]), sigmoid(z[:, N:2 * N]), np.tanh(z[:, 2 * N:3 * N]), sigmoid(z[:, 3 * N:])
    c_next = f * c + i * g
    h_next = o * np.tanh(c_next)
    out, (h_state, c_state) = cell(x, [h, c])
    np.testing.assert_allclose(out, h_next, rtol=1e-5, atol=1e-6)
    np.testing.assert_allclose(h_state, h_next, rtol=1e-5, atol=1e-6)
    np.testing.assert_allclose(c_state, c_next, rtol=1e-5, atol=1e-6)


def test_forget_gate_bias_starts_at_one_like_keras():
    ours, builtin = LSTMCellFromScratch(N), keras.layers.LSTMCell(N)
    ours.build((None, D))
    builtin.build((None, D))
    np.testing.assert_array_equal(ours.bias.numpy(), builtin.bias.numpy())
    np.testing.assert_array_equal(ours.bias.numpy()[N:2 * N], np.ones(N))
    plain = LSTMCellFromScratch(N, unit_forget_bias=False)
    plain.build((None, D))
    np.testing.assert_array_equal(plain.bias.numpy(), np.zeros(4 * N))


def test_cell_round_trips_its_config_and_a_saved_model(tmp_path):
    cell = LSTMCellFromScratch(6, unit_forget_bias=False, kernel_initializer="he_normal")
    clone = LSTMCellFromScratch.from_config(cell.get_config())
    assert clone.get_config() == cell.get_config()

    model = keras.Sequential([keras.Input((T, D)), keras.layers.RNN(LSTMCellFromScratch(N))])
    x = np.random.default_rng(4).normal(size=(2, T, D)).astype("float32")
    model.save(tmp_path / "lstm.keras")
    loaded = keras.saving.load_model(tmp_path / "lstm.keras")
    assert isinstance(loaded.layers[0].cell, LSTMCellFromScratch)
    np.testing.assert_allclose(loaded(x), model(x), rtol=1e-6, atol=1e-6)


def test_adding_problem_mean_guess_scores_one_sixth():
    x, y = data.adding_problem(20_000, steps=100, seed=5)
    assert x.shape == (20_000, 100, 2)
    markers = x[..., 1]
    assert np.all(markers.sum(axis=1) == 2)
    assert np.all(markers[:, :50].sum(axis=1) == 1)  # one marked step in each half
    np.testing.assert_allclose(y, (x[..., 0] * markers).sum(axis=1), rtol=1e-6)
    baseline = np.mean((y - y.mean()) ** 2)  # the sum of two U(0, 1) has variance 2/12
    assert abs(baseline - 1 / 6) < 0.005


def test_quick_demo_trains_both_models_and_counts_sequences(quick_demo):
    summary = quick_demo("lstm")
    numbers = summary["claim"]["numbers"]
    assert abs(numbers["baseline_mse"] - 1 / 6) < 0.02
    for key in ("lstm_test_mse", "simple_rnn_test_mse"):
        assert math.isfinite(numbers[key]) and 0 < numbers[key] < 1.0, key
    # one quick epoch of fresh sequences, and the SimpleRNN gets exactly the LSTM's share
    assert numbers["sequences_trained"] == summary["hparams"]["epochs"] * 4000
    assert numbers["simple_rnn_sequences_trained"] == numbers["sequences_trained"]
    if "lstm_sequences_to_solve" in numbers:
        assert 0 < numbers["lstm_sequences_to_solve"] <= numbers["sequences_trained"]
    expected = (numbers["lstm_test_mse"] < 0.01
                and numbers["simple_rnn_test_mse"] > 0.75 * numbers["baseline_mse"])
    assert summary["claim"]["verdict"] is expected
