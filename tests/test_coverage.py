"""Every term the reference texts use can be looked up: tests/reference_terms.txt lists them."""

from __future__ import annotations

from pathlib import Path

import pytest

from nutshell import glossary

TERMS_FILE = Path(__file__).with_name("reference_terms.txt")


def _terms() -> list[str]:
    lines = TERMS_FILE.read_text(encoding="utf-8").splitlines()
    return [line.strip() for line in lines if line.strip() and not line.startswith("#")]


TERMS = _terms()


def test_the_term_list_is_substantial_and_has_no_repeats():
    assert len(TERMS) >= 200
    keys = [glossary.compact(term) for term in TERMS]
    repeats = sorted({term for term, key in zip(TERMS, keys) if keys.count(key) > 1})
    assert not repeats, f"listed twice: {repeats}"


@pytest.mark.parametrize("term", TERMS)
def test_reference_term_resolves(term):
    try:
        glossary.lookup(term)
    except glossary.UnknownEntry as missing:
        pytest.fail(f"{term!r} names no entry or alias (closest: {missing.suggestions})")


def test_an_unknown_term_would_fail():
    # The check above can fail: a made-up term is not silently accepted.
    with pytest.raises(glossary.UnknownEntry):
        glossary.lookup("quantum hyperfoam layer")


@pytest.mark.parametrize(
    "term, expected",
    [
        ("universal approximation", "universal-approximation"),
        ("weight initialisation", "weight-initialization"),
        ("regression", "classification"),
        ("saddle points", "local-minimum"),
        ("hyperparameters", "hyperparameter"),
        ("padding", "stride-and-padding"),
        ("AlexNet", "alexnet"),
        ("support vector machines", "support-vector-machine"),
        ("shallow learning", "support-vector-machine"),
        ("language models", "language-model"),
        ("hidden state", "rnn"),
        ("cell state", "lstm"),
        ("logits", "logit"),
        ("AI winter", "history"),
        ("restricted Boltzmann machines", "restricted-boltzmann-machine"),
        ("deep belief nets", "deep-belief-network"),
        ("memory networks", "memory-network"),
        ("neural machine translation", "encoder-decoder"),
        ("captioning images", "image-captioning"),
        ("drug discovery", "applications"),
        ("one-hot encoding", "one-hot-encoding"),
        ("word embeddings", "embedding"),
    ],
)
def test_issue_11_gaps_lead_to_the_entry_that_explains_them(term, expected):
    assert glossary.lookup(term).name == expected


# Issue 21: what a learner opening Keras today types first, each to an entry about it.
ISSUE_21_TERMS = {
    "batch normalization": "batch-normalization",
    "resnet": "residual-connection",
    "residual connection": "residual-connection",
    "skip connection": "residual-connection",
    "optimizer": "optimizer",
    "adam": "optimizer",
    "momentum": "optimizer",
    "rmsprop": "optimizer",
    "learning rate schedule": "learning-rate-schedule",
    "transformer": "transformer",
    "self-attention": "transformer",
    "positional encoding": "transformer",
    "layer normalization": "transformer",
    "transfer learning": "transfer-learning",
    "fine-tuning": "transfer-learning",
    "pretraining": "transfer-learning",
    "early stopping": "early-stopping",
    "input normalization": "input-normalization",
    "precision": "evaluation-metrics",
    "recall": "evaluation-metrics",
    "f1": "evaluation-metrics",
    "confusion matrix": "evaluation-metrics",
    "exploding gradient": "exploding-gradient",
    "clipping": "exploding-gradient",
    "masking": "masking",
    "padding": "stride-and-padding",  # a convolution's padding; padded sequences go to masking
    "padded sequences": "masking",
    "autoencoder": "autoencoder",
    "vae": "autoencoder",
    "embedding": "embedding",
    "word embedding": "embedding",
    "gan": "generative-adversarial-network",
    "tokenization": "natural-language-processing",
}


@pytest.mark.parametrize("term, expected", ISSUE_21_TERMS.items())
def test_issue_21_terms_lead_to_the_entry_about_them(term, expected):
    assert glossary.lookup(term).name == expected
