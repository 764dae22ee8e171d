"""embedding: our layer is a row lookup equal to Keras's Embedding (mask included), keeps Keras's
layer contract, and only the looked-up rows get a gradient; the corpus and skip-gram pairs are
what they say; the claim can fail on each part, and fails with the table frozen at its start."""

import functools

import keras
import numpy as np
import pytest

from nutshell.glossary import _claims
from nutshell.glossary import embedding as entry
from nutshell.glossary.embedding import (
    TOPIC_OF,
    WORDS,
    EmbeddingFromScratch,
    claim_parts,
    measure,
    neighbours,
    skip_gram_pairs,
    topic_sentences,
)
from tests.helpers import assert_fails_through, recorded_claim, recorded_part
from tests.layer_contract import check_layer_contract


def _pair(vocabulary=12, dimensions=5, mask_zero=False):
    ours = EmbeddingFromScratch(vocabulary, dimensions, mask_zero=mask_zero)
    ours.build((None,))
    ours.set_weights([np.random.default_rng(0).normal(size=(vocabulary, dimensions)).astype("float32")])
    theirs = keras.layers.Embedding(vocabulary, dimensions, mask_zero=mask_zero)
    theirs.build((None,))
    theirs.set_weights(ours.get_weights())
    return ours, theirs


def test_lookup_equals_keras_embedding_and_the_one_hot_product():
    ours, theirs = _pair()
    ids = np.array([[0, 3, 11], [5, 5, 2]])
    got = keras.ops.convert_to_numpy(ours(ids))
    np.testing.assert_array_equal(got, keras.ops.convert_to_numpy(theirs(ids)))
    np.testing.assert_allclose(got, np.eye(12)[ids] @ ours.get_weights()[0], rtol=1e-6)  # vᵢ = Eᵀeᵢ
    assert ours.compute_output_shape((2, 3)) == (2, 3, 5)


def test_mask_zero_marks_the_padding_like_keras():
    ours, theirs = _pair(mask_zero=True)
    ids = np.array([[4, 7, 0, 0], [1, 0, 2, 0]])
    mask = keras.ops.convert_to_numpy(ours.compute_mask(ids))
    np.testing.assert_array_equal(mask, keras.ops.convert_to_numpy(theirs.compute_mask(ids)))
    np.testing.assert_array_equal(mask, ids != 0)
    assert _pair()[0].compute_mask(ids) is None  # no padding id unless asked


def test_the_mask_reaches_the_next_layer():
    # A mask-aware average over a padded sentence ignores the padding: the mean of rows 4 and 7.
    table = EmbeddingFromScratch(9, 3, mask_zero=True)
    model = keras.Sequential([keras.Input((4,), dtype="int32"), table, keras.layers.GlobalAveragePooling1D()])
    rows = keras.ops.convert_to_numpy(table.embeddings)
    got = keras.ops.convert_to_numpy(model(np.array([[4, 7, 0, 0]])))
    np.testing.assert_allclose(got[0], (rows[4] + rows[7]) / 2, rtol=1e-5)


def test_only_the_rows_looked_up_get_a_gradient():
    import tensorflow as tf

    layer, _ = _pair()
    with tf.GradientTape() as tape:
        loss = keras.ops.sum(layer(np.array([2, 9, 2])))
    gradient = tf.convert_to_tensor(tape.gradient(loss, layer.embeddings.value)).numpy()
    np.testing.assert_array_equal(np.flatnonzero(np.abs(gradient).sum(axis=1)), [2, 9])
    np.testing.assert_array_equal(gradient[2], np.full(5, 2.0))  # looked up twice


def test_keras_layer_contract():
    # The contract feeds random floats; the layer reads them as ids (cast to int32, small values).
    check_layer_contract(
        EmbeddingFromScratch,
        {"vocabulary": 10, "dimensions": 4, "mask_zero": True},
        (2, 3),
        (2, 3, 4),
        trainable_weights=1,
    )


@pytest.mark.parametrize(
    "kwargs, message",
    [
        ({"vocabulary": 0, "dimensions": 3}, "vocabulary must be a positive integer"),
        ({"vocabulary": 5, "dimensions": 2.5}, "dimensions must be a positive integer"),
        ({"vocabulary": True, "dimensions": 3}, "vocabulary must be a positive integer"),
        ({"vocabulary": 5, "dimensions": 3, "mask_zero": "yes"}, "mask_zero must be True or False"),
    ],
)
def test_bad_arguments_are_refused(kwargs, message):
    with pytest.raises(ValueError, match=message):
        EmbeddingFromScratch(**kwargs)


def test_sentences_keep_to_their_topic_but_for_the_strays():
    sentences = topic_sentences(4000, length=6, stray=0.2, seed=1)
    assert sentences.shape == (4000, 6) and sentences.min() >= 0 and sentences.max() < len(WORDS)
    topics = TOPIC_OF[sentences]
    majority = np.array([np.bincount(row, minlength=6).argmax() for row in topics])
    off_topic = np.mean(topics != majority[:, None])
    assert 0.12 < off_topic < 0.2  # a fifth drawn from anywhere, a sixth of those land in the topic anyway
    pure = TOPIC_OF[topic_sentences(50, stray=0.0, seed=2)]
    assert np.all(pure == pure[:, :1])  # no strays: one topic per sentence


def test_skip_gram_pairs_of_the_entry_example():
    cat, dog, horse = 0, 1, 2
    centres, contexts = skip_gram_pairs(np.array([[cat, dog, horse]]), window=1)
    assert sorted(zip(centres.tolist(), contexts.tolist())) == [(cat, dog), (dog, cat), (dog, horse), (horse, dog)]
    centres, _ = skip_gram_pairs(np.zeros((10, 6), "int32"), window=2)
    assert len(centres) == 10 * 2 * (5 + 4)  # both directions, offsets 1 and 2


def test_measure_on_a_hand_made_table():
    groups = np.array([0, 0, 1, 1])
    vectors = np.array([[1.0, 0.0], [2.0, 0.1], [0.0, 1.0], [-1.0, 0.0]])
    m = measure(vectors, groups)
    assert m["within"] == pytest.approx((0.99875 + 0.0) / 2, abs=1e-3)  # pairs (0, 1) and (2, 3)
    assert m["nearest_in_own_group"] == 0.75  # 0 and 1 find each other, 3 finds 2; 2's nearest is 1
    assert m["gap"] == pytest.approx(m["within"] - m["between"])
    assert neighbours(vectors, "abcd", k=1) == [["b"], ["a"], ["b"], ["c"]]


def test_the_cosine_in_the_entry_example():
    u, v = np.array([1.0, 2.0]), np.array([2.0, 1.0])
    assert entry.cosines(np.stack([u, v]))[0, 1] == pytest.approx(0.8)


def test_the_claim_holds_for_numbers_like_the_measured_ones():
    assert _claims.verdict(claim_parts({"gap": 1.1, "nearest_in_own_group": 1.0})) is True


@pytest.mark.parametrize(
    "numbers, failing",
    [
        ({"gap": 0.05, "nearest_in_own_group": 1.0}, "cosine_gap"),
        ({"gap": 1.1, "nearest_in_own_group": 0.15}, "nearest_in_own_topic"),
    ],
    ids=["no-gap", "neighbours-by-chance"],
)
def test_the_claim_can_fail(numbers, failing):
    parts = {part.name: part for part in claim_parts(numbers)}
    assert not parts[failing].held and _claims.verdict(list(parts.values())) is False


def test_quick_demo_groups_words_by_topic(quick_demo):
    summary = quick_demo("embedding")
    n = summary["claim"]["numbers"]
    assert n["gap_untrained"] < 0.3 < n["gap_trained"]
    assert summary["claim"]["verdict"] is True


def test_with_the_table_frozen_at_its_start_the_claim_fails(quick_demo, monkeypatch):
    """The concept removed: the table is not trained (trainable=False), so the words keep their
    random vectors; the network on top still learns what it can from them."""
    monkeypatch.setattr(entry, "EmbeddingFromScratch", functools.partial(EmbeddingFromScratch, trainable=False))
    assert_fails_through(quick_demo("embedding"), "cosine_gap", "nearest_in_own_topic")


def _claim(nearest, held=5):
    parts = [
        recorded_part("cosine_gap", 1.1, 1.0, 5),
        recorded_part("nearest_in_own_topic", nearest, 0.9, held),
    ]
    return recorded_claim(parts, held)


@pytest.mark.parametrize(
    "claim, option",
    [(_claim(1.0), "A"), (_claim(0.15, held=0), "B"), (_claim(0.5, held=0), "C"), (_claim(0.9, held=3), "D")],
)
def test_outcome_names_the_option_the_numbers_show(claim, option):
    assert entry.outcome(claim) == option and option in entry.PREDICT["options"]
