"""unsupervised-learning: PCA's error equals the discarded variance, the autoencoder is wired as
described, and the demo's claim is measured (and fails when the autoencoders barely train)."""

import numpy as np

from nutshell.glossary.unsupervised_learning import build_autoencoder, pca_reconstruction_error


def test_pca_error_is_the_discarded_variance():
    rng = np.random.default_rng(0)
    x = (rng.normal(size=(300, 4)) @ rng.normal(size=(4, 12)) + 0.1 * rng.normal(size=(300, 12)))
    singular = np.linalg.svd(x - x.mean(0), compute_uv=False)
    for k in (1, 3, 6):
        expected = float(np.sum(singular[k:] ** 2) / x.size)  # on the training set itself
        assert abs(pca_reconstruction_error(x, x, k) - expected) < 1e-10
    assert pca_reconstruction_error(x, x, 12) < 1e-20
    errors = [pca_reconstruction_error(x, x, k) for k in range(1, 12)]
    assert all(a >= b for a, b in zip(errors, errors[1:]))


def test_autoencoder_shapes_and_shared_encoder():
    autoencoder, encoder = build_autoencoder((6, 6, 1), code_size=3, hidden=16)
    assert autoencoder.output_shape == (None, 6, 6, 1) and encoder.output_shape == (None, 3)
    assert all(any(w is v for v in autoencoder.weights) for w in encoder.weights)
    x = np.random.default_rng(0).uniform(size=(2, 6, 6, 1)).astype("float32")
    out = autoencoder.predict(x, verbose=0)
    assert out.min() >= 0.0 and out.max() <= 1.0  # sigmoid pixels


def test_quick_demo_measures_the_claim(quick_demo):
    summary = quick_demo("unsupervised-learning")
    n = summary["claim"]["numbers"]
    assert n["error_code_2"] > n["error_code_8"] > n["error_code_32"]
    assert n["pca_error_2"] > n["pca_error_8"] > n["pca_error_32"]
    assert all(n[f"ratio_to_pca_{k}"] < 1.0 for k in (2, 8, 32))
    assert n["ratio_to_pca_8"] <= 0.8
    assert summary["claim"]["verdict"] is True


def test_claim_fails_when_the_autoencoders_barely_train(quick_demo):
    summary = quick_demo("unsupervised-learning", epochs=1, learning_rate=1e-4)
    assert summary["claim"]["numbers"]["ratio_to_pca_32"] >= 1.0
    assert summary["claim"]["verdict"] is False
