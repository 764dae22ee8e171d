"""loss-function: our losses equal Keras's and are minimised by the mean and the median; the
demo's claim is measured, and fails without the outliers."""

import keras
import numpy as np
from keras import ops

import nutshell.glossary.loss_function as loss_entry
from nutshell.glossary.loss_function import AbsoluteError, SquaredError, absolute_error, squared_error

RNG = np.random.default_rng(0)


def test_losses_match_keras_mse_and_mae():
    y, prediction = RNG.normal(size=(20, 3)).astype("float32"), RNG.normal(size=(20, 3)).astype("float32")
    np.testing.assert_allclose(ops.convert_to_numpy(squared_error(y, prediction)),
                               ops.convert_to_numpy(keras.losses.mean_squared_error(y, prediction)), rtol=1e-6)
    np.testing.assert_allclose(ops.convert_to_numpy(absolute_error(y, prediction)),
                               ops.convert_to_numpy(keras.losses.mean_absolute_error(y, prediction)), rtol=1e-6)


def test_loss_classes_match_keras_and_round_trip_their_config():
    y, prediction = RNG.normal(size=(20, 1)).astype("float32"), RNG.normal(size=(20, 1)).astype("float32")
    for ours, theirs in ((SquaredError(), keras.losses.MeanSquaredError()),
                         (AbsoluteError(), keras.losses.MeanAbsoluteError())):
        assert float(ours(y, prediction)) == float(theirs(y, prediction))
        again = keras.saving.deserialize_keras_object(keras.saving.serialize_keras_object(ours))
        assert type(again) is type(ours) and again.name == ours.name


def test_worked_example_of_the_entry():
    np.testing.assert_allclose(ops.convert_to_numpy(squared_error(np.array([3.0, 3.0]), np.array([[2.5], [5.0]]))),
                               [0.25, 4.0])


def test_best_constant_is_the_mean_for_squared_and_the_median_for_absolute_error():
    targets = np.array([1.0, 2.0, 3.0, 4.0, 40.0], dtype="float32")  # one outlier
    constants = np.linspace(0, 20, 2001, dtype="float32")
    def average(loss):
        return [float(np.mean(ops.convert_to_numpy(loss(targets[:, None], np.full((5, 1), c, "float32")))))
                for c in constants]
    assert abs(constants[np.argmin(average(squared_error))] - targets.mean()) < 0.011  # 10
    assert abs(constants[np.argmin(average(absolute_error))] - np.median(targets)) < 0.011  # 3


def test_quick_demo_measures_the_claim(quick_demo):
    summary = quick_demo("loss-function")
    numbers = summary["claim"]["numbers"]
    assert numbers["squared_error_miss"] >= 0.5
    assert numbers["absolute_error_miss"] <= 0.15
    assert numbers["squared_error_clean_miss"] <= 0.15
    assert numbers["squared_error_intercept"] > numbers["absolute_error_intercept"] + 0.5
    assert summary["claim"]["verdict"] is True


def test_claim_fails_without_outliers(quick_demo, monkeypatch):
    monkeypatch.setattr(loss_entry, "OUTLIER_SHARE", 0.0)
    numbers = (summary := quick_demo("loss-function"))["claim"]["numbers"]
    assert numbers["squared_error_miss"] < 0.5  # nothing left to drag the line
    assert summary["claim"]["verdict"] is False
