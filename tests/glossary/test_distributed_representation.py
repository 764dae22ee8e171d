"""distributed-representation: our embedding is a row lookup equal to Keras's Embedding and to a
one-hot product, the entry's cosine figures hold, and the claim is measured, and fails when each
item's code is its own one-hot row."""

import tempfile
from pathlib import Path

import keras
import numpy as np
import pytest

from nutshell.glossary import _claims
from nutshell.glossary import distributed_representation as entry
from nutshell.glossary.distributed_representation import (
    EmbeddingFromScratch,
    claim_parts,
    cosine_similarity,
    items_in_contexts,
    measure,
)
from tests.helpers import assert_fails_through


def _built(vocabulary=12, dimensions=5):
    layer = EmbeddingFromScratch(vocabulary, dimensions)
    layer.build((None,))
    return layer


def test_lookup_equals_keras_embedding_and_the_one_hot_product():
    ours = _built()
    theirs = keras.layers.Embedding(12, 5)
    theirs.build((None,))
    theirs.set_weights(ours.get_weights())
    ids = np.array([[0, 3, 11], [5, 5, 2]])
    table = ours.get_weights()[0]
    got = keras.ops.convert_to_numpy(ours(ids))
    np.testing.assert_allclose(got, keras.ops.convert_to_numpy(theirs(ids)))
    np.testing.assert_allclose(got, np.eye(12)[ids] @ table, rtol=1e-6)  # vᵢ = Eᵀeᵢ
    assert ours.compute_output_shape((2, 3)) == (2, 3, 5)


def test_saved_and_loaded_with_its_config():
    model = keras.Sequential([keras.Input((), dtype="int32"), EmbeddingFromScratch(7, 3)])
    model.set_weights([np.random.default_rng(0).normal(size=(7, 3)).astype("float32")])
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "embedding.keras"
        model.save(path)
        loaded = keras.saving.load_model(path)
    ids = np.array([0, 6, 2])
    np.testing.assert_allclose(loaded.predict(ids, verbose=0), model.predict(ids, verbose=0))
    assert loaded.layers[-1].get_config()["vocabulary"] == 7


@pytest.mark.parametrize("make", [lambda: EmbeddingFromScratch(0, 3), lambda: EmbeddingFromScratch(5, 2.5)])
def test_bad_sizes_are_refused(make):
    with pytest.raises(ValueError, match="must be a positive integer"):
        make()


def test_the_cosines_in_the_entry_picture():
    cat, dog, car = [0.8, 0.1, -0.3, 0.5], [0.7, 0.2, -0.2, 0.6], [-0.5, 0.9, 0.4, -0.1]
    assert abs(cosine_similarity(cat, dog) - 0.98) < 0.005
    assert abs(cosine_similarity(cat, car) + 0.43) < 0.005
    assert abs(cosine_similarity([1, 0], [0, 3])) < 1e-12


def test_contexts_reveal_properties_and_nothing_else():
    items, contexts, properties = items_in_contexts(5000, attributes=3, per_kind=4, words=2, seed=1)
    assert properties.shape == (32, 3) and len(np.unique(properties, axis=0)) == 8
    group = contexts // 2  # which property value the context word belongs to
    attribute, value = group // 2, group % 2
    np.testing.assert_array_equal(properties[items, attribute], value)


def test_measure_groups_pairs_by_shared_properties():
    properties = np.array([[0, 0], [0, 0], [1, 1], [0, 1]])
    vectors = np.array([[1.0, 0.0], [2.0, 0.0], [-1.0, 0.0], [0.0, 1.0]])
    by_shared = measure(vectors, properties)
    assert by_shared[2] == pytest.approx(1.0)  # items 0 and 1, the same direction
    assert by_shared[0] == pytest.approx(-1.0)  # items 0/1 against 2, opposite
    assert by_shared[1] == pytest.approx(0.0)  # item 3 against the others


def test_the_claim_holds_for_numbers_like_the_measured_ones():
    assert _claims.verdict(claim_parts(same_kind=0.92, no_common=-0.92, distributed=1.0, local=0.5)) is True


@pytest.mark.parametrize(
    "numbers, failing",
    [
        ((0.1, -0.92, 1.0, 0.5), "cosine_same_kind"),
        ((0.92, 0.5, 1.0, 0.5), "cosine_no_shared_property"),
        ((0.92, -0.92, 0.55, 0.5), "unseen_accuracy_embedding"),
    ],
    ids=["kinds-apart", "strangers-close", "label-stays"],
)
def test_the_claim_can_fail(numbers, failing):
    parts = {part.name: part for part in claim_parts(*numbers)}
    assert not parts[failing].held and _claims.verdict(list(parts.values())) is False


def test_quick_demo_measures_the_claim(quick_demo):
    summary = quick_demo("distributed-representation")
    n = summary["claim"]["numbers"]
    assert n["unseen_accuracy_one_hot"] == 0.5  # zero weights on unseen rows: a stratified coin toss
    assert summary["claim"]["verdict"] is True


def test_without_a_distributed_code_the_claim_fails(quick_demo, monkeypatch):
    """The concept removed: each item's code is its own one-hot row (a local code, fixed), so no
    feature is shared between items and nothing learned about one reaches another."""
    monkeypatch.setattr(
        entry,
        "EmbeddingFromScratch",
        lambda vocabulary, dimensions, name: keras.layers.Embedding(
            vocabulary, vocabulary, embeddings_initializer="identity", trainable=False, name=name
        ),
    )
    assert_fails_through(quick_demo("distributed-representation"), "cosine_same_kind", "unseen_accuracy_embedding")


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


def measured(embedding, one_hot):
    return claim_parts(0.92, -0.92, embedding, one_hot), {}


OUTCOMES = [  # (what each seed measured, the option it shows)
    ([measured(1.0, 0.5)] * 3, "A"),  # as measured
    ([measured(1.0, 0.9)] * 3, "B"),
    ([measured(0.5, 0.5)] * 3, "C"),  # one-hot rows as codes: nothing carries
    ([measured(0.5, 0.9)] * 3, "D"),
    ([measured(1.0, 0.5), measured(0.7, 0.5)], "E"),
]


@pytest.mark.parametrize("seeds, option", OUTCOMES, ids=[option for _, option in OUTCOMES])
def test_outcome_names_the_option_the_numbers_show(seeds, option):
    from nutshell.glossary import distributed_representation as predicted

    assert predicted.outcome(recorded(*seeds)) == option


def test_every_prediction_option_can_be_the_outcome():
    from nutshell.glossary import distributed_representation as predicted

    assert {option for _, option in OUTCOMES} == set(predicted.PREDICT["options"])
