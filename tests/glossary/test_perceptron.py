"""perceptron: one SGD step on perceptron_loss is Rosenblatt's update; a numpy perceptron stays
within Novikoff's bound; the demo's claim is measured, and fails when it stops too early."""

import keras
import numpy as np
import pytest
from keras import ops

from nutshell.glossary.perceptron import Mistakes, PerceptronLoss, mistake_bound, perceptron, wrong_side


def _one_step(w, b, x, y, rate=0.5):
    model = perceptron(len(x))
    model.set_weights([np.array(w, "float32")[:, None], np.array([b], "float32")])
    model.compile(optimizer=keras.optimizers.SGD(rate), loss=PerceptronLoss())
    model.train_on_batch(np.array([x], "float32"), np.array([[y]], "float32"))
    kernel, bias = (ops.convert_to_numpy(v) for v in model.weights)
    return kernel[:, 0], bias[0]


@pytest.mark.parametrize("w, b, x, y", [
    ([1.0, -1.0], 0.0, [1.0, 2.0], 1.0),   # z = −1, label 1: a mistake, moves towards x
    ([1.0, -1.0], 0.0, [2.0, 1.0], 0.0),   # z = 1, label 0: a mistake, moves away from x
    ([0.0, 0.0], 0.0, [3.0, 4.0], 1.0),    # z = 0 predicts 0: a mistake for label 1
    ([1.0, -1.0], 0.0, [2.0, 1.0], 1.0),   # right: nothing changes
])
def test_one_sgd_step_is_rosenblatts_rule(w, b, x, y):
    predicted = float(np.dot(w, x) + b > 0)
    rate = 0.5
    kernel, bias = _one_step(w, b, x, y, rate)
    np.testing.assert_allclose(kernel, np.array(w) + rate * (y - predicted) * np.array(x), rtol=1e-6)
    assert bias == pytest.approx(b + rate * (y - predicted))


def test_mistakes_count_wrong_sides():
    z = np.array([[2.0], [-1.0], [0.0], [0.5]], dtype="float32")
    y = np.array([[1.0], [1.0], [0.0], [0.0]], dtype="float32")
    np.testing.assert_array_equal(ops.convert_to_numpy(wrong_side(y, z))[:, 0], [0, 1, 0, 1])
    metric = Mistakes()
    metric.update_state(y, z)
    assert float(metric.result()) == 0.5
    assert Mistakes.from_config(metric.get_config()).name == "mistakes"


def test_numpy_perceptron_stays_within_the_bound():
    rng = np.random.default_rng(3)
    u = np.array([0.6, -0.8, 0.1])
    x = rng.uniform(-1, 1, (2000, 2))
    side = np.c_[x, np.ones(len(x))] @ u
    x, y = x[np.abs(side) > 0.05][:300], (side[np.abs(side) > 0.05][:300] > 0).astype(float)
    w, total = np.zeros(3), 0
    for _ in range(100):
        for xi, yi in zip(np.c_[x, np.ones(len(x))], y):
            error = yi - float(w @ xi > 0)
            w += error * xi
            total += error != 0
    assert np.all((np.c_[x, np.ones(len(x))] @ w > 0) == y)  # separated
    assert 0 < total <= mistake_bound(x, y, u)


def test_bound_is_infinite_for_a_direction_that_does_not_separate():
    x = np.array([[0.0, 0.0], [1.0, 1.0], [1.0, 0.0], [0.0, 1.0]])
    assert mistake_bound(x, np.array([0, 0, 1, 1]), np.array([1.0, 1.0, -1.0])) == float("inf")  # XOR


def test_quick_demo_measures_the_claim(quick_demo):
    summary = quick_demo("perceptron")
    numbers = summary["claim"]["numbers"]
    assert numbers["mistakes_last_epoch"] == 0
    assert 0 < numbers["mistakes_in_all"] <= numbers["mistake_bound"]
    assert numbers["xor_fewest_mistakes_in_an_epoch"] >= 1
    assert summary["claim"]["verdict"] is True


def test_claim_fails_after_a_single_epoch(quick_demo):
    # starting from w = 0, the first pass over separable data always makes mistakes
    numbers = (summary := quick_demo("perceptron", epochs=1))["claim"]["numbers"]
    assert numbers["mistakes_last_epoch"] > 0
    assert summary["claim"]["verdict"] is False
