"""_adding, the rig the lstm, rnn and gru demos share: the two adding problems, the stopping rules
and the sequence count. Nothing here trains."""

import math
from types import SimpleNamespace

import keras
import numpy as np
import pytest

from nutshell import data
from nutshell.glossary._adding import (
    CHECK_EVERY,
    MODERN,
    VARIANTS,
    RecentErrors,
    SequenceCounter,
    errors,
    mse_on,
    regressor,
    sequences,
)


def test_adding_problem_mean_guess_scores_one_sixth():
    x, y = data.adding_problem(20_000, steps=100, seed=5)
    assert x.shape == (20_000, 100, 2)
    markers = x[..., 1]
    assert np.all(markers.sum(axis=1) == 2)
    assert np.all(markers[:, :50].sum(axis=1) == 1)  # one marked step in each half
    np.testing.assert_allclose(y, (x[..., 0] * markers).sum(axis=1), rtol=1e-6)
    baseline = np.mean((y - y.mean()) ** 2)  # the sum of two U(0, 1) has variance 2/12
    assert abs(baseline - 1 / 6) < 0.005


def test_adding_problem_1997_follows_the_paper():
    x, y, lengths = data.adding_problem_1997(5_000, steps=100, seed=3)
    assert x.shape == (5_000, 110, 2) and lengths.min() == 100 and lengths.max() == 110
    for row, length, target in zip(x[:500], lengths, y):
        pad, seq = row[: 110 - length], row[110 - length :]
        assert not pad.any() and seq.any(axis=1).all()  # pre-padded: every sequence ends last
        values, markers = seq[:, 0], seq[:, 1]
        marked = np.flatnonzero(markers == 1)
        assert len(marked) == 2 and marked[0] < 10 and marked[1] < 49 and min(marked) < 10
        assert set(np.flatnonzero(markers == -1)) == {0, length - 1} - set(marked)
        assert np.all(np.abs(values) <= 1)
        assert math.isclose(target, 0.5 + values[marked].sum() / 4, abs_tol=1e-6)
    first = x[np.arange(5_000), 110 - lengths]  # each sequence's first pair
    assert np.all(first[first[:, 1] == 1, 0] == 0)  # a marked first pair counts 0
    # (X1 + X2)/4 with X uniform on [-1, 1]: variance 2 * (1/3) / 16 = 1/24
    assert abs(np.var(y) - 1 / 24) < 0.003 and np.all((y >= 0) & (y <= 1))


@pytest.mark.parametrize("name", sorted(VARIANTS))
def test_train_check_and_test_sequences_are_fresh_and_the_mean_guess_is_scored_on_test(name):
    variant = VARIANTS[name]
    made = sequences(variant, 300, seed=7, steps=20, n_test=200)
    assert [len(part[1]) for part in (made.train, made.check, made.test)] == [300, 512, 200]
    assert made.length == (22 if variant.masked else 20)  # 1997: up to 1.1 T, padded
    firsts = [part[0][0] for part in (made.train, made.check, made.test)]
    assert not np.array_equal(firsts[0], firsts[1]) and not np.array_equal(firsts[0], firsts[2])
    guess = made.train[1].mean()
    assert math.isclose(made.mean_guess_mse, float(np.mean((made.test[1] - guess) ** 2)), rel_tol=1e-6)
    again = sequences(variant, 300, seed=7, steps=20, n_test=200)
    np.testing.assert_array_equal(again.test[0], made.test[0])  # a seed gives the same data


def test_the_regressor_masks_padding_only_when_asked():
    plain = regressor(keras.layers.SimpleRNN(3), 5, "plain")
    masked = regressor(keras.layers.SimpleRNN(3), 5, "masked", masked=True)
    assert [type(layer).__name__ for layer in plain.layers] == ["SimpleRNN", "Dense"]
    assert [type(layer).__name__ for layer in masked.layers] == ["Masking", "SimpleRNN", "Dense"]
    x = np.random.default_rng(0).normal(size=(2, 5, 2)).astype("float32")
    padded = np.concatenate([np.zeros((2, 3, 2), "float32"), x], axis=1)
    longer = regressor(keras.layers.SimpleRNN(3), 8, "longer", masked=True)
    longer.set_weights(masked.get_weights())
    # all-zero steps in front leave the state alone: the same answer as without them
    np.testing.assert_allclose(longer.predict(padded, verbose=0), masked.predict(x, verbose=0), atol=1e-6)


def test_errors_and_mse_are_prediction_minus_target():
    model = keras.Sequential(
        [
            keras.Input((4, 2)),
            keras.layers.Flatten(),
            keras.layers.Dense(1, kernel_initializer="zeros", bias_initializer="ones"),
        ]
    )
    test = (np.zeros((3, 4, 2), "float32"), np.array([0.0, 1.0, 3.0], "float32"))
    np.testing.assert_allclose(errors(model, test), [1.0, 0.0, -2.0])
    assert math.isclose(mse_on(model, test), 5 / 3, rel_tol=1e-6)


def test_recent_errors_is_the_papers_rule_over_a_window_that_outlives_epochs():
    wrong, mse = RecentErrors("wrong", window=4), RecentErrors("mse", window=4)
    for metric in (wrong, mse):
        metric.update_state(np.zeros(3), np.full(3, 0.01))
    assert float(wrong.result()) == 1  # one slot still holds its start: a miss
    for metric in (wrong, mse):
        metric.reset_state()  # Keras's epoch reset keeps the window
        metric.update_state(np.zeros(2), np.array([0.05, -0.039]))
    assert float(wrong.result()) == 1  # 0.05 misses, 0.039 is correct
    np.testing.assert_allclose(float(mse.result()), (2 * 0.01**2 + 0.05**2 + 0.039**2) / 4, rtol=1e-5)
    clone = RecentErrors.from_config(wrong.get_config())
    assert (clone.kind, clone.window, clone.tolerance, clone.name) == ("wrong", 4, 0.04, "recent_wrong")
    with pytest.raises(ValueError, match="kind must be"):
        RecentErrors("max")


def _counter(variant, check=None, **kwargs):
    model = keras.Sequential([keras.Input((1,)), keras.layers.Dense(1)])
    counter = SequenceCounter(
        run=SimpleNamespace(scalars=lambda *args, **kw: None),
        label="net",
        variant=variant,
        check=check,
        batch_size=kwargs.get("batch_size", 32),
        steps_per_epoch=kwargs.get("steps_per_epoch", 250),
        max_sequences=10**6,
    )
    counter.set_model(model)
    return counter, model


def test_the_1997_count_follows_epoch_and_batch_so_a_resume_keeps_it():
    counter, model = _counter(VARIANTS["adding-1997"])
    counter.on_epoch_begin(3)  # a run resumed after three epochs
    counter.on_train_batch_end(9, {"recent_wrong": 5.0, "recent_mse": 0.001})
    assert counter.seen == (3 * 250 + 10) * 32 and not counter.solved_at
    counter.on_train_batch_end(10, {"recent_wrong": 0.0, "recent_mse": 0.011})  # MSE too high
    assert not counter.solved_at
    counter.on_train_batch_end(11, {"recent_wrong": 0.0, "recent_mse": 0.002})
    assert counter.solved_at == (3 * 250 + 12) * 32 and model.stop_training
    logs = {}
    counter.on_epoch_end(3, logs)
    assert logs == {"sequences_seen": counter.seen, "sequences_to_solve": counter.solved_at}


class _Scripted:
    """Stands in for a model: each look at the check set gets the next prediction error."""

    def __init__(self, errors):
        self.errors, self.stop_training = list(errors), False

    def predict_on_batch(self, x):
        return np.full(len(x), self.errors.pop(0))


def test_the_modern_rule_wants_three_good_looks_in_a_row_and_counts_from_the_first():
    check = (np.zeros((8, 1)), np.zeros(8))
    counter, _ = _counter(MODERN, check, batch_size=100, steps_per_epoch=40)
    # check MSE at each look (every 800 sequences): good, bad, then three good ones
    counter.set_model(_Scripted([0.05, 0.2, 0.05, 0.05, 0.05]))
    counter.on_epoch_begin(0)
    for batch in range(40):
        counter.on_train_batch_end(batch)
        if counter.model.stop_training:
            break
    assert [seen for seen, _ in counter.curve] == [CHECK_EVERY * k for k in range(1, 6)]
    assert counter.solved_at == 3 * CHECK_EVERY and counter.seen == 5 * CHECK_EVERY
