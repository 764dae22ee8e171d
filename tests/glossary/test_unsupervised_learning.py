"""unsupervised-learning: PCA's error equals the discarded variance, the autoencoder is wired as
described, and the claim is measured, and fails when the autoencoders are linear."""

import functools

import numpy as np
import pytest

from nutshell.glossary import _claims
from nutshell.glossary import unsupervised_learning as entry
from nutshell.glossary.unsupervised_learning import build_autoencoder, claim_parts, pca_reconstruction_error
from tests.helpers import assert_fails_through


def test_pca_error_is_the_discarded_variance():
    rng = np.random.default_rng(0)
    x = rng.normal(size=(300, 4)) @ rng.normal(size=(4, 12)) + 0.1 * rng.normal(size=(300, 12))
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


def test_without_an_activation_the_code_is_linear_in_the_image():
    _, encoder = build_autoencoder((4, 4, 1), code_size=2, hidden=8, activation=None)
    a, b = np.random.default_rng(1).uniform(size=(2, 1, 4, 4, 1)).astype("float32")
    code = lambda x: encoder.predict(x, verbose=0)  # noqa: E731
    np.testing.assert_allclose(code(a + b) - code(b), code(a) - code(np.zeros_like(a)), atol=1e-5)


ERRORS = {2: 0.051, 8: 0.027, 32: 0.0143}
PCA = {2: 0.0557, 8: 0.0376, 32: 0.0175}


def test_the_claim_holds_for_numbers_like_the_measured_ones():
    assert _claims.verdict(claim_parts(ERRORS, PCA)) is True


@pytest.mark.parametrize(
    "errors, failing",
    [
        ({**ERRORS, 8: 0.036}, "ratio_to_pca_8"),  # about as good as PCA
        ({**ERRORS, 32: 0.03}, "error_32_over_8"),  # a bigger code did not help
        ({**ERRORS, 2: 0.06, 8: 0.062}, "error_8_over_2"),
        ({**ERRORS, 2: 0.07}, "ratio_to_pca_2"),  # worse than PCA
    ],
    ids=["as-pca", "no-fall-8-32", "no-fall-2-8", "worse-than-pca"],
)
def test_the_claim_can_fail(errors, failing):
    parts = {part.name: part for part in claim_parts(errors, PCA)}
    assert not parts[failing].held and _claims.verdict(list(parts.values())) is False


def test_quick_demo_measures_the_claim(quick_demo):
    summary = quick_demo("unsupervised-learning")
    n = summary["claim"]["numbers"]
    assert n["pca_error_2"] > n["pca_error_8"] > n["pca_error_32"]
    assert summary["claim"]["verdict"] is True


def test_without_a_nonlinear_code_the_claim_fails(quick_demo, monkeypatch):
    """The concept removed: what an autoencoder adds to PCA, its nonlinear layers. With linear
    ones it can at best find PCA's subspace, and its lead over PCA at 8 numbers is gone."""
    monkeypatch.setattr(entry, "build_autoencoder", functools.partial(build_autoencoder, activation=None))
    assert_fails_through(quick_demo("unsupervised-learning"), "ratio_to_pca_8", "ratio_to_pca_2", "ratio_to_pca_32")


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


def measured(*over_pca):
    """The autoencoder's error as a multiple of PCA's (PCA above), at each code size."""
    sizes = entry.CODE_SIZES
    return claim_parts({k: PCA[k] * r for k, r in zip(sizes, over_pca)}, PCA), {}


OUTCOMES = [  # (what each seed measured, the option it shows)
    ([measured(0.93, 0.72, 0.79)] * 3, "A"),  # as measured
    ([measured(1.1, 1.1, 1.1)] * 3, "B"),
    ([measured(1.03, 0.96, 0.9)] * 3, "C"),  # linear layers: PCA wins at 2 numbers
    ([measured(1.01, 0.99, 1.01)] * 3, "D"),
    ([measured(0.93, 0.72, 0.79), measured(1.03, 0.72, 0.79)], "E"),
]


@pytest.mark.parametrize("seeds, option", OUTCOMES, ids=[option for _, option in OUTCOMES])
def test_outcome_names_the_option_the_numbers_show(seeds, option):
    from nutshell.glossary import unsupervised_learning as predicted

    assert predicted.outcome(recorded(*seeds)) == option


def test_every_prediction_option_can_be_the_outcome():
    from nutshell.glossary import unsupervised_learning as predicted

    assert {option for _, option in OUTCOMES} == set(predicted.PREDICT["options"])
