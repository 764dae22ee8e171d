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
        ("word embeddings", "distributed-representation"),
    ],
)
def test_issue_11_gaps_lead_to_the_entry_that_explains_them(term, expected):
    assert glossary.lookup(term).name == expected
