"""Search answers the questions learners type: stop words dropped, stems and prefixes matched, rare
words weighed more, names above mentions (BM25 over summary and body, plus a name score)."""

from __future__ import annotations

import pytest

from nutshell import glossary

# A question, and the entries that must all be among the first three results.
QUESTIONS = [
    ("what does a kernel learn", {"kernel"}),
    ("how to avoid overfitting", {"overfitting", "dropout"}),
    ("how does max pooling work", {"pooling"}),
    ("remember long sequences", {"lstm"}),
    ("why use relu instead of sigmoid", {"relu"}),
    ("how many parameters does a dense layer have", {"fully-connected-layer"}),
    ("what is a 1x1 convolution", {"pointwise-convolution"}),
    ("turning scores into probabilities", {"softmax"}),
    ("noise in mini-batch gradients", {"sgd"}),
    ("shift a picture and the network still recognises it", {"translation-invariance"}),
    ("what is backprop", {"backpropagation"}),
    ("how do gates help a recurrent network", {"lstm"}),
    ("why does training diverge with a large learning rate", {"gradient-descent"}),
    # issue 21's entries: what a learner meets in Keras today
    ("why does my loss explode", {"exploding-gradient"}),
    ("reuse a pretrained network for a new task", {"transfer-learning"}),
    ("accuracy is misleading on imbalanced data", {"evaluation-metrics"}),
    ("when should I stop training", {"early-stopping"}),
    ("how does adam work", {"optimizer"}),
    ("sequences of different lengths", {"masking"}),
    ("features on very different scales", {"input-normalization"}),
    ("compress images into a small code", {"autoencoder"}),
    ("order of words in self-attention", {"transformer"}),
]


@pytest.mark.parametrize("question, expected", QUESTIONS, ids=[q for q, _ in QUESTIONS])
def test_a_question_finds_the_entry_it_is_about(question, expected):
    top = [hit.entry.name for hit in glossary.search(question, limit=3)]
    assert expected <= set(top), f"{question!r}: {top}"


def test_the_next_answers_follow():
    top = [hit.entry.name for hit in glossary.search("how to avoid overfitting", limit=5)]
    assert "regularization" in top


def test_stop_words_alone_find_nothing_and_do_not_dilute_a_question():
    assert glossary.search("what is the") == []
    assert [h.entry.name for h in glossary.search("what is the pooling")][:1] == ["pooling"]


def test_a_short_word_matches_only_itself_not_every_word_it_starts():
    counts = glossary._search_index()[0]
    found = {hit.entry.name for hit in glossary.search("c", limit=100)}
    assert found == {name for name, fields in counts.items() if any("c" in words for words in fields.values())}
    assert len(glossary.search("conv", limit=100)) > len(glossary.search("convolutions", limit=100)) / 2


def test_stems_meet():
    assert glossary._stem("overfitting") == glossary._stem("overfit") == "overfit"
    assert glossary._stem("networks") == glossary._stem("network")
    assert [h.entry.name for h in glossary.search("overfits", limit=1)] == ["overfitting"]
