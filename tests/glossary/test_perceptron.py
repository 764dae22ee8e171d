"""perceptron: one SGD step on perceptron_loss is Rosenblatt's update; a numpy perceptron stays
within Novikoff's bound; the demo's claim is measured, and fails when the rule learns from every example."""

import keras
import numpy as np
import pytest
from keras import ops

from nutshell.glossary import _claims
from nutshell.glossary import perceptron as entry
from nutshell.glossary.perceptron import (
    Mistakes,
    PerceptronLoss,
    claim_parts,
    clean_epochs_at_the_end,
    mistake_bound,
    perceptron,
    wrong_side,
)
from tests.helpers import assert_fails_through


def _one_step(w, b, x, y, rate=0.5):
    model = perceptron(len(x))
    model.set_weights([np.array(w, "float32")[:, None], np.array([b], "float32")])
    model.compile(optimizer=keras.optimizers.SGD(rate), loss=PerceptronLoss())
    model.train_on_batch(np.array([x], "float32"), np.array([[y]], "float32"))
    kernel, bias = (ops.convert_to_numpy(v) for v in model.weights)
    return kernel[:, 0], bias[0]


@pytest.mark.parametrize(
    "w, b, x, y",
    [
        ([1.0, -1.0], 0.0, [1.0, 2.0], 1.0),  # z = −1, label 1: a mistake, moves towards x
        ([1.0, -1.0], 0.0, [2.0, 1.0], 0.0),  # z = 1, label 0: a mistake, moves away from x
        ([0.0, 0.0], 0.0, [3.0, 4.0], 1.0),  # z = 0 predicts 0: a mistake for label 1
        ([1.0, -1.0], 0.0, [2.0, 1.0], 1.0),  # right: nothing changes
    ],
)
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


def test_clean_epochs_are_counted_from_the_end():
    assert clean_epochs_at_the_end([14, 6, 0, 2, 0, 0]) == 2
    assert clean_epochs_at_the_end([3, 0, 1]) == 0 and clean_epochs_at_the_end([0, 0]) == 2


SEPARABLE, XOR = [13, 4, 2, 0, 0, 0, 0, 0, 0, 0], [90, 82, 79, 85, 88, 80, 91, 84, 86, 83]


def test_the_claim_holds_for_numbers_like_the_measured_ones():
    assert _claims.verdict(claim_parts(SEPARABLE, 279.0, XOR, 200)) is True


@pytest.mark.parametrize(
    "separable, xor, failing",
    [
        ([13, 4, 2, 1, 1, 1, 1, 1, 1, 1], XOR, "clean_epochs_at_the_end"),  # never settles
        (SEPARABLE, [90, 40, 20] + [0] * 7, "xor_fewest_mistakes_share"),  # a line "solves" XOR
    ],
    ids=["never-settles", "xor-settles"],
)
def test_the_claim_can_fail(separable, xor, failing):
    parts = {part.name: part for part in claim_parts(separable, 279.0, xor, 200)}
    assert not parts[failing].held and _claims.verdict(list(parts.values())) is False


def test_the_bound_is_a_check_not_a_vote():
    parts = {part.name: part for part in claim_parts(SEPARABLE, 10.0, XOR, 200)}
    assert parts["mistakes_over_bound"].kind == "identity" and not parts["mistakes_over_bound"].held


def test_quick_demo_measures_the_claim(quick_demo):
    summary = quick_demo("perceptron")
    numbers = summary["claim"]["numbers"]
    assert summary["claim"]["verdict"] is True
    assert all(part["held"] == part["of"] for part in summary["claim"]["parts"])
    assert 0 < numbers["mistakes_in_all"] <= numbers["mistake_bound"]


def test_without_learning_from_mistakes_the_claim_fails(quick_demo, monkeypatch):
    """The concept removed: the rule updates on every example, right or wrong (w ← w + η·s·x
    always), so w drifts towards the mean of s·x̃, which need not separate the points: the run
    never settles (in a numpy replay on seeds 100-105, 5 of 6 such runs never did)."""

    def every_example(y, z):
        z = keras.ops.cast(z, "float32")
        s = 2.0 * keras.ops.reshape(keras.ops.cast(y, "float32"), keras.ops.shape(z)) - 1.0
        return keras.ops.mean(-s * z, axis=-1)

    monkeypatch.setattr(entry, "perceptron_loss", every_example)
    assert_fails_through(quick_demo("perceptron"), "clean_epochs_at_the_end")


# -- the prediction question: outcome(claim) on recorded-style claims, no training -----------------


def recorded(*seeds):
    """The claim as summary.json stores it, aggregated by the harness from each seed's (parts,
    context numbers)."""
    from types import SimpleNamespace

    from nutshell.run import Claim, verdict_over_seeds

    return verdict_over_seeds(
        [
            SimpleNamespace(result=Claim("", tuple(parts), {**{part.name: part.value for part in parts}, **context}))
            for parts, context in seeds
        ]
    )


SETTLES, NEVER = [12, 5, 2, 0, 0, 0, 0, 0, 0, 0], [5] * 10


def measured(per_epoch, xor_per_epoch):
    return claim_parts(per_epoch, 270.0, xor_per_epoch, 200), {"mistakes_in_all": sum(per_epoch)}


OUTCOMES = [  # (what each seed measured, the option it shows)
    ([measured(SETTLES, [95, 88, 80] + [90] * 7)] * 3, "B"),  # as measured
    ([measured(SETTLES, [40, 10] + [0] * 8)] * 3, "A"),
    ([measured(NEVER, [90] * 10)] * 3, "C"),
    ([measured(NEVER, [10] * 10)] * 3, "D"),
    ([measured(SETTLES, [90] * 10), measured(NEVER, [90] * 10)], "E"),
]


@pytest.mark.parametrize("seeds, option", OUTCOMES, ids=[option for _, option in OUTCOMES])
def test_outcome_names_the_option_the_numbers_show(seeds, option):
    assert entry.outcome(recorded(*seeds)) == option


def test_every_prediction_option_can_be_the_outcome():
    assert {option for _, option in OUTCOMES} == set(entry.PREDICT["options"])
