"""early_stopping: our callback stops at the same epoch and restores the same weights as Keras's
EarlyStopping, on scripted logs and in real training; the claim can fail on each part, and does
when the network is never stopped and keeps its last weights."""

import keras
import numpy as np
import pytest

from nutshell.glossary import _claims, early_stopping
from nutshell.glossary.early_stopping import EarlyStoppingFromScratch, claim_parts, measure
from tests.helpers import assert_fails_through, recorded_claim, recorded_part


def _tiny_model():
    return keras.Sequential([keras.Input((1,)), keras.layers.Dense(1, use_bias=False)])


def _replay(callback, values, monitor="val_loss"):
    """Feed `values` to `callback` as one epoch's logs each, as fit would, with the model's only
    weight set to the epoch's number, so restored weights say which epoch they came from.
    Returns (epochs run, the weight left in the model)."""
    model = _tiny_model()
    callback.set_model(model)
    model.stop_training = False
    callback.on_train_begin()
    epochs = 0
    for epoch, value in enumerate(values):
        model.set_weights([np.full((1, 1), float(epoch))])
        callback.on_epoch_end(epoch, {monitor: value})
        epochs = epoch + 1
        if model.stop_training:
            break
    callback.on_train_end()
    return epochs, float(model.get_weights()[0][0, 0])


SEQUENCES = {
    "worked example": [0.70, 0.52, 0.45, 0.47, 0.46, 0.50, 0.30],
    "falls throughout": [1.0, 0.9, 0.8, 0.7, 0.6, 0.5],
    "flat": [0.5] * 8,
    "noisy u-shape": [0.9, 0.6, 0.62, 0.55, 0.58, 0.57, 0.56, 0.61, 0.7, 0.54, 0.8, 0.9, 1.0],
    "tiny improvements": [0.5, 0.499, 0.498, 0.497, 0.3, 0.299, 0.298, 0.297],
    "first is best": [0.1, 0.2, 0.3, 0.4, 0.5],
}


@pytest.mark.parametrize("values", SEQUENCES.values(), ids=SEQUENCES.keys())
@pytest.mark.parametrize("patience", [0, 1, 3])
@pytest.mark.parametrize("min_delta", [0.0, 0.01])
@pytest.mark.parametrize("restore", [False, True])
def test_stops_and_restores_like_keras_on_scripted_logs(values, patience, min_delta, restore):
    ours = EarlyStoppingFromScratch(patience=patience, min_delta=min_delta, restore_best_weights=restore)
    theirs = keras.callbacks.EarlyStopping(
        patience=patience, min_delta=min_delta, mode="min", restore_best_weights=restore
    )
    assert _replay(ours, values) == _replay(theirs, values)
    assert ours.stopped_epoch == theirs.stopped_epoch and ours.best_epoch == theirs.best_epoch


def test_max_mode_watches_an_accuracy_like_keras():
    values = [0.5, 0.7, 0.69, 0.72, 0.71, 0.70, 0.9]
    ours = EarlyStoppingFromScratch("val_accuracy", patience=2, min_delta=0.01, mode="max", restore_best_weights=True)
    theirs = keras.callbacks.EarlyStopping(
        "val_accuracy", patience=2, min_delta=0.01, mode="max", restore_best_weights=True
    )
    assert _replay(ours, values, "val_accuracy") == _replay(theirs, values, "val_accuracy") == (6, 3.0)


def test_the_worked_example_of_the_text():
    # patience 3, min_delta 0.01: stops after epoch 6, epoch 3's weights come back
    stopper = EarlyStoppingFromScratch(patience=3, min_delta=0.01, restore_best_weights=True)
    assert _replay(stopper, SEQUENCES["worked example"]) == (6, 2.0)


def test_stops_and_restores_like_keras_in_real_training():
    rng = np.random.default_rng(0)
    x = rng.normal(size=(40, 3)).astype("float32")
    y = (x @ np.array([1.0, -2.0, 0.5]) + rng.normal(scale=2.0, size=40)).astype("float32")
    xv, yv = x[:10], y[:10][:, None] * -1.0  # a validation set the training drifts away from
    results = []
    for callback in (
        EarlyStoppingFromScratch(patience=2, restore_best_weights=True),
        keras.callbacks.EarlyStopping(patience=2, mode="min", restore_best_weights=True),
    ):
        keras.utils.set_random_seed(1)
        model = keras.Sequential([keras.Input((3,)), keras.layers.Dense(8, activation="relu"), keras.layers.Dense(1)])
        model.compile(optimizer=keras.optimizers.SGD(0.05), loss="mse")
        history = model.fit(x, y, validation_data=(xv, yv), epochs=40, shuffle=False, verbose=0, callbacks=[callback])
        results.append((len(history.history["loss"]), model.get_weights()))
    (ours_epochs, ours_weights), (theirs_epochs, theirs_weights) = results
    assert ours_epochs == theirs_epochs < 40  # it did stop early
    for a, b in zip(ours_weights, theirs_weights):
        np.testing.assert_allclose(a, b, rtol=1e-6)


def test_a_missing_monitor_is_an_error_naming_it():
    stopper = EarlyStoppingFromScratch("val_loss")
    stopper.set_model(_tiny_model())
    stopper.on_train_begin()
    with pytest.raises(ValueError, match="'val_loss' is not in the epoch's logs"):
        stopper.on_epoch_end(0, {"loss": 1.0})


@pytest.mark.parametrize(
    "kwargs, message",
    [
        ({"patience": -1}, "patience must be"),
        ({"patience": 2.5}, "patience must be"),
        ({"min_delta": -0.1}, "min_delta must be"),
        ({"mode": "auto"}, "mode must be"),
        ({"monitor": ""}, "monitor must name"),
    ],
)
def test_bad_arguments_are_refused(kwargs, message):
    with pytest.raises(ValueError, match=message):
        EarlyStoppingFromScratch(**kwargs)


def _numbers(ratio=0.4, trained=20, best=10):
    return {"test_loss_ratio": ratio, "epochs_trained": trained, "best_epoch": best}


@pytest.mark.parametrize("epochs", [60, 150], ids=["quick", "full"])
def test_the_claim_holds_for_numbers_like_the_measured_ones(epochs):
    assert _claims.verdict(claim_parts(_numbers(), epochs)) is True


@pytest.mark.parametrize("epochs", [60, 150], ids=["quick", "full"])
@pytest.mark.parametrize(
    "numbers, failing",
    [
        (lambda epochs: _numbers(ratio=1.0), "test_loss_ratio"),  # no better on fresh points
        (lambda epochs: _numbers(trained=epochs, best=epochs - 3), "epochs_trained_share"),  # never stopped
    ],
    ids=["loss", "never-stopped"],
)
def test_the_claim_can_fail(numbers, failing, epochs):
    parts = {part.name: part for part in claim_parts(numbers(epochs), epochs)}
    assert not parts[failing].held
    assert _claims.verdict(list(parts.values())) is False


def test_measure_reads_both_test_losses_and_the_kept_epoch():
    def constant(p):  # predicts p everywhere: binary cross-entropy -log p on positive labels
        model = keras.Sequential([keras.Input((2,)), keras.layers.Dense(1, activation="sigmoid")])
        model.set_weights([np.zeros((2, 1)), np.array([np.log(p / (1 - p))])])
        model.compile(loss="binary_crossentropy")
        return model

    stopper = EarlyStoppingFromScratch(patience=3)
    stopper.best_epoch = 6  # counted from 0
    test = (np.zeros((4, 2), "float32"), np.ones(4, "float32"))
    m = measure(constant(0.8), constant(0.2), stopper, 10, test)
    assert m["best_epoch"] == 7 and m["epochs_trained"] == 10
    np.testing.assert_allclose(m["test_loss_ratio"], np.log(0.8) / np.log(0.2), rtol=1e-4)


def test_quick_demo_stops_early_and_generalises_better(quick_demo):
    summary = quick_demo("early-stopping")
    n = summary["claim"]["numbers"]
    assert n["test_loss_early_stopping"] < n["test_loss_every_epoch"]
    assert n["epochs_trained"] < 60
    assert summary["claim"]["verdict"] is True


def test_without_early_stopping_the_claim_fails(quick_demo, monkeypatch):
    """The concept removed: a patience longer than the training, and the last weights kept, make
    the "early-stopped" network the fully trained one again (another draw of its start)."""
    monkeypatch.setattr(early_stopping, "PATIENCE", 10_000)
    monkeypatch.setattr(early_stopping, "RESTORE_BEST_WEIGHTS", False)
    assert_fails_through(quick_demo("early-stopping"), "test_loss_ratio", "epochs_trained_share")


def _claim(loss_ratio, held=5):
    parts = [
        recorded_part("test_loss_ratio", loss_ratio, 0.7, held, "<="),
        recorded_part("epochs_trained_share", 0.24, 0.4, 5, "<="),
    ]
    return recorded_claim(parts, held)


@pytest.mark.parametrize(
    "claim, option",
    [
        (_claim(0.44), "A"),  # seeds 100-104: 0.27-0.57
        (_claim(0.98, held=0), "B"),
        (_claim(1.3, held=0), "C"),
        (_claim(0.8, held=3), "D"),
    ],
)
def test_outcome_names_the_option_the_numbers_show(claim, option):
    from nutshell.glossary.early_stopping import PREDICT, outcome

    assert outcome(claim) == option and option in PREDICT["options"]
