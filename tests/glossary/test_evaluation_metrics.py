"""evaluation-metrics: our confusion matrix, precision, recall, F1 and exact ROC-AUC equal Keras's
metrics on the same scores; the claim can fail on each part, and does without class weights."""

import keras
import numpy as np
import pytest
from keras import ops

from nutshell.glossary import _claims, evaluation_metrics
from nutshell.glossary.evaluation_metrics import (
    balanced_class_weights,
    claim_parts,
    confusion_matrix,
    imbalanced_points,
    precision_recall_f1,
    roc_auc,
)
from tests.helpers import assert_fails_through, recorded_claim, recorded_part


def _scores(seed=0, n=2000):
    """Imbalanced labels and scores that rank positives higher on the whole, with ties."""
    rng = np.random.default_rng(seed)
    y = (rng.random(n) < 0.1).astype("float32")
    return y, np.round(np.clip(rng.normal(0.3 + 0.3 * y, 0.2), 0, 1), 2).astype("float32")


def _keras(metric, y, s):
    metric.update_state(y, s)
    return float(np.asarray(ops.convert_to_numpy(metric.result())).reshape(-1)[0])


@pytest.mark.parametrize("threshold", [0.3, 0.5, 0.7])
def test_precision_recall_f1_equal_keras(threshold):
    y, s = _scores()
    ours = [float(v) for v in precision_recall_f1(y, s, threshold)]
    theirs = [
        _keras(keras.metrics.Precision(thresholds=threshold), y, s),
        _keras(keras.metrics.Recall(thresholds=threshold), y, s),
        _keras(keras.metrics.F1Score(threshold=threshold), y[:, None], s[:, None]),
    ]
    np.testing.assert_allclose(ours, theirs, rtol=1e-5)


def test_confusion_matrix_counts_each_outcome_like_keras():
    y, s = _scores(1)
    (tn, fp), (fn, tp) = ops.convert_to_numpy(confusion_matrix(y, s)).tolist()
    for count, metric in (
        (tp, keras.metrics.TruePositives),
        (fp, keras.metrics.FalsePositives),
        (fn, keras.metrics.FalseNegatives),
        (tn, keras.metrics.TrueNegatives),
    ):
        assert count == _keras(metric(thresholds=0.5), y, s)
    assert tn + fp + fn + tp == len(y)


def test_roc_auc_is_the_share_of_pairs_a_positive_wins():
    y, s = _scores(2)
    positives, negatives = s[y == 1], s[y == 0]
    pairs = (positives[:, None] > negatives[None, :]) + 0.5 * (positives[:, None] == negatives[None, :])
    assert float(roc_auc(y, s)) == pytest.approx(pairs.mean(), abs=1e-6)


def test_roc_auc_is_close_to_keras_trapezoids():
    # Keras sums trapezoids over a grid of thresholds: an approximation that tightens with the grid.
    y, s = _scores(3)
    s = s + np.random.default_rng(3).uniform(0, 1e-3, len(s)).astype("float32")  # no ties
    assert float(roc_auc(y, s)) == pytest.approx(_keras(keras.metrics.AUC(num_thresholds=20_001), y, s), abs=1e-3)


def test_roc_auc_ignores_the_threshold_and_any_increasing_rescaling():
    y, s = _scores(4)
    assert float(roc_auc(y, s)) == pytest.approx(float(roc_auc(y, s**3 / 10)), abs=1e-6)
    assert float(roc_auc(y, np.zeros_like(s))) == 0.5  # all tied: a coin flip
    assert float(roc_auc(y, y)) == 1.0


def test_worked_example_of_the_docstring():
    y = np.array([1] * 50 + [0] * 950, "float32")
    s = np.array([1] * 40 + [0] * 10 + [1] * 20 + [0] * 930, "float32")
    (tn, fp), (fn, tp) = ops.convert_to_numpy(confusion_matrix(y, s)).tolist()
    assert (tp, fp, fn, tn) == (40, 20, 10, 930)
    np.testing.assert_allclose([float(v) for v in precision_recall_f1(y, s)], [40 / 60, 0.8, 80 / 110], rtol=1e-6)


def test_nothing_flagged_gives_zero_precision_not_nan():
    precision, recall, f1 = (float(v) for v in precision_recall_f1([0, 1, 1], [0.1, 0.2, 0.3]))
    assert (precision, recall, f1) == (0.0, 0.0, 0.0)


def test_bad_arguments_are_refused():
    with pytest.raises(ValueError, match="at least one positive and one negative"):
        roc_auc([1, 1], [0.2, 0.3])
    with pytest.raises(ValueError, match="both classes"):
        balanced_class_weights([0, 0, 0])


def test_balanced_weights_give_each_class_half_the_total():
    y = imbalanced_points(np.random.default_rng(0), 4000)[1]
    weights = balanced_class_weights(y)
    assert np.mean(y) == 0.05
    assert weights[1] / weights[0] == pytest.approx(19.0)
    assert weights[0] * np.sum(y == 0) == pytest.approx(weights[1] * np.sum(y == 1))


def _numbers(recall_gain=0.45, precision_drop=0.5, auc_change=0.001):
    plain = {"accuracy": 0.97, "precision": 0.85, "recall": 0.45, "roc_auc": 0.965}
    weighted = {
        "accuracy": 0.9,
        "precision": 0.85 - precision_drop,
        "recall": 0.45 + recall_gain,
        "roc_auc": 0.965 + auc_change,
    }
    return {"majority": {"accuracy": 0.95, "recall": 0.0}, "plain": plain, "weighted": weighted}


def test_the_claim_holds_for_numbers_like_the_measured_ones():
    assert _claims.verdict(claim_parts(_numbers())) is True


@pytest.mark.parametrize(
    "numbers, failing",
    [
        (_numbers(recall_gain=0.02), "recall_gain"),  # the weights did not move the threshold
        (_numbers(precision_drop=0.0), "precision_drop"),  # more found at no cost
        (_numbers(auc_change=0.03), "roc_auc_change"),  # the ranking itself changed
    ],
    ids=["recall", "precision", "auc"],
)
def test_the_claim_can_fail(numbers, failing):
    parts = {part.name: part for part in claim_parts(numbers)}
    assert not parts[failing].held
    assert _claims.verdict(list(parts.values())) is False


def test_the_majority_guess_parts_are_checks_not_evidence():
    kinds = {part.name: part.kind for part in claim_parts(_numbers())}
    assert kinds["majority_accuracy"] == kinds["majority_recall"] == "identity"


def test_measure_scores_the_majority_guess_and_both_models():
    x = np.zeros((4, 2), "float32")
    y = np.array([0, 0, 1, 1], "float32")
    always = keras.Sequential([keras.Input((2,)), keras.layers.Dense(1, activation="sigmoid", bias_initializer="ones")])
    m = evaluation_metrics.measure(always, always, (x, y))
    assert m["majority"]["accuracy"] == 0.5 and m["majority"]["recall"] == 0.0
    assert m["plain"]["recall"] == 1.0 and m["plain"]["precision"] == 0.5 and m["plain"]["roc_auc"] == 0.5


def test_quick_demo_trades_precision_for_recall(quick_demo):
    summary = quick_demo("evaluation-metrics")
    n = summary["claim"]["numbers"]
    assert n["recall_weighted"] > n["recall_plain"] and n["precision_weighted"] < n["precision_plain"]
    assert summary["claim"]["verdict"] is True


def test_without_class_weights_the_claim_fails(quick_demo, monkeypatch):
    """The concept removed: every class weight 1, so the "weighted" model is the plain one again
    (another draw of its starting weights) and finds no more positives."""
    monkeypatch.setattr(evaluation_metrics, "balanced_class_weights", lambda y: {0: 1.0, 1: 1.0})
    assert_fails_through(quick_demo("evaluation-metrics"), "recall_gain", "precision_drop")


def _claim(gain, auc_change, held=5):
    parts = [
        recorded_part("majority_accuracy", 0.95, 0.94, 5, kind="identity"),
        recorded_part("majority_recall", 0.0, 0.0, 5, "<=", kind="identity"),
        recorded_part("recall_gain", gain, 0.25, held),
        recorded_part("precision_drop", 0.5, 0.3, 5),
        recorded_part("roc_auc_change", auc_change, 0.01, 5 if auc_change <= 0.01 else 0, "<="),
    ]
    return recorded_claim(parts, held)


@pytest.mark.parametrize(
    "claim, option",
    [
        (_claim(0.45, 0.001), "A"),
        (_claim(0.45, 0.06), "B"),
        (_claim(0.01, 0.001, held=0), "C"),
        (_claim(0.32, 0.001, held=3), "D"),
    ],
)
def test_outcome_names_the_option_the_numbers_show(claim, option):
    from nutshell.glossary.evaluation_metrics import PREDICT, outcome

    assert outcome(claim) == option and option in PREDICT["options"]
