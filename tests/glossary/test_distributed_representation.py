"""distributed-representation: our embedding is a row lookup equal to Keras's Embedding and to a
one-hot product, the entry's cosine figures hold, and the demo's claim is measured."""

import tempfile
from pathlib import Path

import keras
import numpy as np
import pytest

from nutshell.glossary.distributed_representation import (
    EmbeddingFromScratch,
    cosine_similarity,
    items_in_contexts,
)


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
    group = contexts // 2                       # which property value the context word belongs to
    attribute, value = group // 2, group % 2
    np.testing.assert_array_equal(properties[items, attribute], value)


def test_quick_demo_measures_the_claim(quick_demo):
    summary = quick_demo("distributed-representation")
    n = summary["claim"]["numbers"]
    assert n["cosine_same_kind"] >= 0.8 and n["cosine_no_shared_property"] <= 0.2
    assert n["unseen_accuracy_embedding"] >= 0.9
    assert n["unseen_accuracy_one_hot"] == 0.5  # zero weights on unseen rows: a stratified coin toss
    assert summary["claim"]["verdict"] is True


def test_claim_fails_when_the_embedding_is_not_trained(quick_demo):
    summary = quick_demo("distributed-representation", epochs=1, learning_rate=1e-6)
    assert summary["claim"]["numbers"]["cosine_same_kind"] < 0.8
    assert summary["claim"]["verdict"] is False
