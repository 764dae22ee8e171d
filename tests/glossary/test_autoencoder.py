"""autoencoder: the model is an encoder then a decoder, saves and loads, and its linear form spans
PCA's subspace at best; the sampling layer is the reparameterisation trick (right mean and spread,
gradients reach μ and σ) and keeps Keras's layer contract; the claim can fail on each part, and
fails when the nonlinear autoencoder is made linear."""

import functools
import tempfile
from pathlib import Path

import keras
import numpy as np
import pytest

from nutshell.glossary import _claims
from nutshell.glossary import autoencoder as entry
from nutshell.glossary.autoencoder import Sampling, claim_parts, make_autoencoder, measure, pca_rebuild
from tests.helpers import assert_fails_through, recorded_claim, recorded_part
from tests.layer_contract import check_layer_contract


def test_the_autoencoder_is_its_encoder_then_its_decoder():
    model = make_autoencoder((4, 4, 1), code_size=3, hidden=8)
    x = np.random.default_rng(0).random((5, 4, 4, 1)).astype("float32")
    codes = model.get_layer("encoder")(x)
    assert tuple(codes.shape) == (5, 3)
    rebuilt = keras.ops.convert_to_numpy(model.get_layer("decoder")(codes))
    np.testing.assert_allclose(keras.ops.convert_to_numpy(model(x)), rebuilt, rtol=1e-6)
    assert model.output_shape == (None, 4, 4, 1)


def test_a_linear_autoencoder_has_one_layer_on_each_side():
    linear = make_autoencoder((8, 8, 1), 4, hidden=0, activation=None, output_activation=None)
    parts = (linear.get_layer("encoder"), linear.get_layer("decoder"))
    dense = [layer for part in parts for layer in part.layers if isinstance(layer, keras.layers.Dense)]
    assert [layer.units for layer in dense] == [4, 64]
    assert all(layer.activation.__name__ == "linear" for layer in dense)


def test_saved_and_loaded_with_its_config():
    model = make_autoencoder((3, 3, 1), code_size=2, hidden=5)
    x = np.random.default_rng(1).random((4, 3, 3, 1)).astype("float32")
    model.set_weights([np.random.default_rng(2).normal(size=w.shape).astype("float32") for w in model.get_weights()])
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "autoencoder.keras"
        model.save(path)
        loaded = keras.saving.load_model(path)
    assert [layer.name for layer in loaded.layers[1:]] == ["encoder", "decoder"]
    np.testing.assert_allclose(loaded.predict(x, verbose=0), model.predict(x, verbose=0), rtol=1e-6)


@pytest.mark.parametrize(
    "kwargs, message",
    [
        ({"image_shape": (8, 8, 1), "code_size": 0}, "code_size must be an integer >= 1"),
        ({"image_shape": (8, 8, 1), "code_size": 2.5}, "code_size must be an integer >= 1"),
        ({"image_shape": (8, 8, 1), "code_size": 4, "hidden": -1}, "hidden must be an integer >= 0"),
        ({"image_shape": (8, 0), "code_size": 4}, "image_shape must be a tuple of positive integers"),
    ],
)
def test_bad_arguments_are_refused(kwargs, message):
    with pytest.raises(ValueError, match=message):
        make_autoencoder(**kwargs)


def test_pca_rebuild_is_exact_for_data_on_a_plane_and_matches_the_worked_example():
    rng = np.random.default_rng(2)
    plane = rng.normal(size=(200, 2)) @ rng.normal(size=(2, 6)) + 3.0  # 6-D points on a 2-D plane
    np.testing.assert_allclose(pca_rebuild(plane, plane, 2), plane, atol=1e-9)
    # The entry's example: direction u = (0.8, 0.6), x = (1.0, 0.2), centred data along u.
    train = np.array([[0.8, 0.6], [-0.8, -0.6], [1.6, 1.2], [-1.6, -1.2]])
    x = np.array([[1.0, 0.2]])
    rebuilt = pca_rebuild(train, x, 1)
    np.testing.assert_allclose(rebuilt, [[0.736, 0.552]], atol=1e-12)
    assert np.sum((x - rebuilt) ** 2) == pytest.approx(0.1936)


def test_a_trained_linear_autoencoder_cannot_beat_pca_on_its_training_data():
    # Baldi and Hornik: PCA is the best linear code of k numbers; gradient descent can only match it.
    rng = np.random.default_rng(3)
    x = (rng.normal(size=(300, 3)) * [3.0, 1.0, 0.3]) @ np.linalg.qr(rng.normal(size=(3, 3)))[0]
    x = x.reshape(300, 3, 1).astype("float32")
    keras.utils.set_random_seed(0)
    linear = make_autoencoder((3, 1), 1, hidden=0, activation=None, output_activation=None)
    linear.compile(optimizer=keras.optimizers.Adam(0.05), loss="mse")
    many = np.tile(x, (60, 1, 1))  # 60 full-batch steps in one epoch: less per-epoch overhead
    linear.fit(many, many, epochs=1, batch_size=300, shuffle=False, verbose=0)
    pca = float(np.mean((pca_rebuild(x, x, 1) - x) ** 2))
    ours = float(np.mean((linear.predict(x, verbose=0) - x) ** 2))
    assert pca * (1 - 1e-4) <= ours < 1.05 * pca


def test_sampling_draws_from_the_gaussian_and_returns_the_mean_at_test_time():
    mean, log_variance = np.array([0.5, -1.0]), np.array([-1.386, 0.0])  # σ = 0.5 and 1
    stats = np.tile(np.concatenate([mean, log_variance]), (20_000, 1)).astype("float32")
    layer = Sampling(seed=0)
    z = keras.ops.convert_to_numpy(layer(stats, training=True))
    assert z.shape == (20_000, 2)
    np.testing.assert_allclose(z.mean(axis=0), mean, atol=0.03)
    np.testing.assert_allclose(z.std(axis=0), [0.5, 1.0], atol=0.03)
    np.testing.assert_array_equal(
        keras.ops.convert_to_numpy(layer(stats)), np.tile(mean, (20_000, 1)).astype("float32")
    )


def test_the_worked_example_and_gradients_through_the_sample():
    # z = μ + σ·ε: dz/dμ = 1 and dz/d(log σ²) = ½σε, whatever ε was drawn.
    import tensorflow as tf

    assert 0.5 + np.exp(0.5 * -1.386) * 1.2 == pytest.approx(1.1, abs=1e-3)
    stats = tf.Variable([[0.5, -1.386]])
    layer = Sampling(seed=4)
    with tf.GradientTape() as tape:
        z = layer(stats, training=True)
    gradient = tape.gradient(z, stats).numpy()[0]
    epsilon = (z.numpy()[0, 0] - 0.5) / 0.5
    np.testing.assert_allclose(gradient, [1.0, 0.5 * 0.5 * epsilon], rtol=1e-3, atol=1e-6)


def test_sampling_keras_layer_contract():
    check_layer_contract(
        Sampling, {"seed": 1}, (2, 3, 6), (2, 3, 3), trainable_weights=0, seed_generators=1, training_check=False
    )


def test_sampling_refuses_an_odd_last_axis():
    with pytest.raises(ValueError, match="must hold 2k numbers"):
        Sampling()(np.zeros((2, 5), "float32"))


def test_measure_on_hand_made_models():
    x_train = np.random.default_rng(5).random((50, 2, 2, 1))
    x_test = np.full((3, 2, 2, 1), 0.5)

    class Fixed:
        def __init__(self, value):
            self.value = value

        def predict(self, x, verbose=0):
            return np.full(x.shape, self.value)

    m = measure(Fixed(0.6), Fixed(0.5), x_train, x_test, code_size=1)
    assert m["nonlinear"] == pytest.approx(0.01) and m["linear"] == 0.0
    assert m["pca"] == pytest.approx(np.mean((pca_rebuild(x_train, x_test, 1) - x_test) ** 2))


def test_the_claim_holds_for_numbers_like_the_measured_ones():
    assert _claims.verdict(claim_parts({"nonlinear": 0.025, "linear": 0.040, "pca": 0.038})) is True


@pytest.mark.parametrize(
    "numbers, failing",
    [
        ({"nonlinear": 0.037, "linear": 0.040, "pca": 0.038}, "ratio_to_pca"),
        ({"nonlinear": 0.025, "linear": 0.030, "pca": 0.038}, "linear_ratio_to_pca"),
        ({"nonlinear": 0.025, "linear": 0.060, "pca": 0.038}, "linear_excess_over_pca"),
    ],
    ids=["no-better-than-pca", "linear-beats-pca", "linear-far-from-pca"],
)
def test_the_claim_can_fail(numbers, failing):
    parts = {part.name: part for part in claim_parts(numbers)}
    assert not parts[failing].held and _claims.verdict(list(parts.values())) is False


def test_quick_demo_beats_pca_with_the_nonlinear_code_only(quick_demo):
    summary = quick_demo("autoencoder")
    n = summary["claim"]["numbers"]
    assert n["test_error_nonlinear"] < n["test_error_pca"] <= n["test_error_linear"] * 1.05
    assert summary["claim"]["verdict"] is True


def test_with_linear_activations_the_claim_fails(quick_demo, monkeypatch):
    """The concept removed: the hidden layers and the output of the "nonlinear" autoencoder are
    made linear, so it is a linear map through 4 numbers and can do no better than PCA."""
    linear_everywhere = functools.partial(make_autoencoder, activation=None, output_activation=None)
    monkeypatch.setattr(entry, "make_autoencoder", linear_everywhere)
    assert_fails_through(quick_demo("autoencoder"), "ratio_to_pca")


def _claim(nonlinear, linear=1.03, held=5):
    parts = [
        recorded_part("ratio_to_pca", nonlinear, 0.75, held, "<="),
        recorded_part("linear_ratio_to_pca", linear, 0.95, 5 if linear >= 0.95 else 0),
        recorded_part("linear_excess_over_pca", linear - 1, 0.15, 5, "<="),
    ]
    return recorded_claim(parts, held)


@pytest.mark.parametrize(
    "claim, option",
    [
        (_claim(0.65), "A"),
        (_claim(0.65, linear=0.9), "B"),
        (_claim(1.0, held=0), "C"),
        (_claim(0.74, held=3), "D"),
    ],
)
def test_outcome_names_the_option_the_numbers_show(claim, option):
    assert entry.outcome(claim) == option and option in entry.PREDICT["options"]
