"""transfer_learning: `transfer` borrows a trained network's layers with their weights, freezes
them (fit moves the head only, and a frozen BatchNormalization keeps its statistics), `unfreeze`
lets them train again; the claim can fail on each part, and does when nothing was pre-trained."""

import keras
import numpy as np
import pytest

from nutshell.glossary import _claims, transfer_learning
from nutshell.glossary.cnn import build_cnn
from nutshell.glossary.transfer_learning import claim_parts, few_labels, measure, transfer, unfreeze
from tests.helpers import assert_fails_through, recorded_claim, recorded_part


def _base():
    """A tiny trained-looking base with a BatchNormalization layer among the borrowed ones."""
    return keras.Sequential(
        [
            keras.Input((6,)),
            keras.layers.Dense(8, activation="relu", name="hidden"),
            keras.layers.BatchNormalization(name="norm"),
            keras.layers.Dense(3, activation="softmax", name="old_head"),
        ]
    )


def _data(n=64, classes=2, seed=0):
    rng = np.random.default_rng(seed)
    return rng.normal(loc=3.0, size=(n, 6)).astype("float32"), rng.integers(0, classes, n)


def _fit(model, rate=0.05, epochs=3):
    model.compile(optimizer=keras.optimizers.SGD(rate), loss="sparse_categorical_crossentropy")
    model.fit(*_data(), epochs=epochs, batch_size=16, verbose=0)


def _copy(weights):
    return [np.array(w) for w in weights]


def test_the_new_model_borrows_the_layers_with_their_weights_and_a_new_head():
    base = _base()
    model = transfer(base, 2)
    pretrained = model.get_layer("pretrained")
    assert [layer.name for layer in pretrained.layers] == ["hidden", "norm"]
    assert pretrained.layers[0] is base.get_layer("hidden")  # the same layer, not a copy
    assert model.output_shape == (None, 2) and model.get_layer("new_head").units == 2
    x = _data()[0][:4]
    np.testing.assert_allclose(pretrained(x), keras.Sequential(base.layers[:-1])(x), rtol=1e-6)


def test_frozen_layers_do_not_move_during_fit_and_the_head_does():
    model = transfer(_base(), 2)
    frozen = model.get_layer("pretrained")
    before, head_before = _copy(frozen.get_weights()), _copy(model.get_layer("new_head").get_weights())
    assert len(model.trainable_weights) == 2  # the head's kernel and bias
    _fit(model)
    for a, b in zip(before, frozen.get_weights()):
        np.testing.assert_array_equal(a, b)  # kernels, biases and BatchNormalization's statistics
    assert not np.allclose(head_before[0], model.get_layer("new_head").get_weights()[0])


def test_unfreezing_lets_the_borrowed_layers_train_but_batchnorm_stays_frozen():
    model = unfreeze(transfer(_base(), 2))
    hidden, norm = model.get_layer("pretrained").get_layer("hidden"), model.get_layer("pretrained").get_layer("norm")
    kernel, moving_mean = keras.ops.convert_to_numpy(hidden.kernel), keras.ops.convert_to_numpy(norm.moving_mean)
    _fit(model)  # the data's mean (about 3) is far from the stored statistics (0)
    assert not np.allclose(kernel, keras.ops.convert_to_numpy(hidden.kernel))  # fine-tuned
    assert not norm.trainable
    np.testing.assert_array_equal(moving_mean, keras.ops.convert_to_numpy(norm.moving_mean))  # frozen: inference mode


def test_without_transfer_batchnorm_would_have_updated_its_statistics():
    # The control for the test above: the same base trained as it is moves its moving mean.
    base = _base()
    moving_mean = keras.ops.convert_to_numpy(base.get_layer("norm").moving_mean)
    base.compile(optimizer=keras.optimizers.SGD(0.05), loss="sparse_categorical_crossentropy")
    base.fit(*_data(classes=3), epochs=2, batch_size=16, verbose=0)
    assert not np.allclose(moving_mean, keras.ops.convert_to_numpy(base.get_layer("norm").moving_mean))


def test_unfrozen_from_the_start_everything_trains():
    model = transfer(_base(), 2, freeze=False)
    assert len(model.trainable_weights) == 2 + 2 + 2  # hidden, norm's gamma and beta, head


def test_the_cnn_of_the_demo_keeps_its_convolutions_and_trains_only_the_head():
    model = transfer(build_cnn((28, 28, 1), 5), 5)
    assert model.count_params() - sum(int(np.prod(w.shape)) for w in model.trainable_weights) == 4_800
    assert sum(int(np.prod(w.shape)) for w in model.trainable_weights) == 7_845  # 1,568 x 5 + 5


@pytest.mark.parametrize("classes", [1, 2.0, True])
def test_bad_class_counts_are_refused(classes):
    with pytest.raises(ValueError, match="num_classes must be"):
        transfer(_base(), classes)


def test_a_base_with_nothing_below_its_classifier_is_refused():
    with pytest.raises(ValueError, match="at least one layer below"):
        transfer(keras.Sequential([keras.Input((3,)), keras.layers.Dense(2)]), 2)


def test_few_labels_draws_as_many_of_each_class_and_depends_on_the_seed():
    y = np.repeat(np.arange(5), 30)
    x = np.arange(len(y), dtype="float32")
    xs, ys = few_labels(x, y, 4, seed=1)
    assert np.bincount(ys).tolist() == [4] * 5 and np.all(y[xs.astype(int)] == ys)
    assert not np.array_equal(few_labels(x, y, 4, seed=2)[0], xs)


def test_measure_computes_the_gaps_and_how_far_the_frozen_weights_moved():
    accuracies = {"transferred": 0.9, "random_base": 0.7, "scratch": 0.92, "fine_tuned": 0.91}
    before = [np.zeros((2, 2)), np.ones(3)]
    m = measure(accuracies, before, [np.zeros((2, 2)), np.array([1.0, 1.5, 1.0])])
    assert m["over_random_base"] == pytest.approx(0.2) and m["behind_scratch"] == pytest.approx(-0.02)
    assert m["frozen_weight_change"] == 0.5


def _numbers(transferred=0.88, random_base=0.75, scratch=0.89, moved=0.0):
    return measure(
        {"transferred": transferred, "random_base": random_base, "scratch": scratch, "fine_tuned": 0.9},
        [np.zeros(2)],
        [np.full(2, moved)],
    )


def test_the_claim_holds_for_numbers_like_the_measured_ones():
    assert _claims.verdict(claim_parts(_numbers())) is True


@pytest.mark.parametrize(
    "numbers, failing",
    [
        (_numbers(random_base=0.87), "over_random_base"),  # pre-training taught nothing useful
        (_numbers(scratch=0.97), "behind_scratch"),  # far behind learning from the labels alone
    ],
    ids=["random", "scratch"],
)
def test_the_claim_can_fail(numbers, failing):
    parts = {part.name: part for part in claim_parts(numbers)}
    assert not parts[failing].held
    assert _claims.verdict(list(parts.values())) is False


def test_moving_frozen_weights_shows_as_a_failed_check_not_a_verdict():
    parts = {part.name: part for part in claim_parts(_numbers(moved=0.1))}
    assert not parts["frozen_weight_change"].held and parts["frozen_weight_change"].kind == "identity"


def test_quick_demo_transfers(quick_demo):
    summary = quick_demo("transfer-learning")
    n = summary["claim"]["numbers"]
    assert n["test_accuracy_transferred"] > n["test_accuracy_random_base"]
    assert n["frozen_weight_change"] == 0.0
    assert summary["claim"]["verdict"] is True


def test_without_pre_training_the_claim_fails(quick_demo, monkeypatch):
    """The concept removed: the base's weights re-initialised after pre-training, so the
    "transferred" layers are random ones like the comparison's."""
    real = transfer_learning.transfer

    def forgetful(base, num_classes, freeze=True, name="transferred"):
        if name == "transferred":
            base = keras.models.clone_model(base)  # fresh random weights, same architecture
        return real(base, num_classes, freeze=freeze, name=name)

    monkeypatch.setattr(transfer_learning, "transfer", forgetful)
    assert_fails_through(quick_demo("transfer-learning"), "over_random_base")


def _claim(lead, held=5):
    parts = [
        recorded_part("over_random_base", lead, 0.05, held),
        recorded_part("behind_scratch", -0.01, -0.05, 5),
    ]
    return recorded_claim(parts, held)


@pytest.mark.parametrize(
    "claim, option",
    [
        (_claim(0.12), "A"),
        (_claim(0.0, held=0), "B"),
        (_claim(-0.08, held=0), "C"),
        (_claim(0.06, held=3), "D"),
    ],
)
def test_outcome_names_the_option_the_numbers_show(claim, option):
    from nutshell.glossary.transfer_learning import PREDICT, outcome

    assert outcome(claim) == option and option in PREDICT["options"]
