"""transformer: the position codes follow the paper's formula, our layer normalization equals
Keras's, the block computes softmax(QKᵀ/√d_k)V + residual + norm + feed-forward as written and is
permutation-equivariant; the claim can fail on each part, and does without position codes."""

import keras
import numpy as np
import pytest

from nutshell.glossary import _claims, transformer
from nutshell.glossary.transformer import (
    LayerNormalizationFromScratch,
    SinusoidalPositionalEncoding,
    TransformerBlock,
    claim_parts,
    order_classifier,
    order_task,
    outcome,
    permutation_error,
)
from tests.helpers import assert_fails_through, recorded_claim, recorded_part
from tests.layer_contract import check_layer_contract


def numpy_codes(length, width, wavelength=10000.0):
    codes = np.zeros((length, width))
    for pos in range(length):
        for i in range(0, width, 2):
            angle = pos / wavelength ** (i / width)
            codes[pos, i] = np.sin(angle)
            if i + 1 < width:
                codes[pos, i + 1] = np.cos(angle)
    return codes


@pytest.mark.parametrize("width", [4, 7, 32])
def test_position_codes_follow_the_papers_formula(width):
    x = np.random.default_rng(0).normal(size=(2, 9, width)).astype("float32")
    got = keras.ops.convert_to_numpy(SinusoidalPositionalEncoding()(x))
    np.testing.assert_allclose(got - x, np.broadcast_to(numpy_codes(9, width), x.shape), atol=1e-5)


def test_position_one_of_four_is_the_entrys_example():
    codes = keras.ops.convert_to_numpy(SinusoidalPositionalEncoding()(np.zeros((1, 2, 4), "float32")))
    np.testing.assert_allclose(codes[0, 1], [0.841, 0.540, 0.010, 1.000], atol=5e-4)


@pytest.mark.parametrize("epsilon", [1e-3, 1e-6])
def test_layer_normalization_equals_keras_with_the_same_weights(epsilon):
    rng = np.random.default_rng(1)
    x = rng.normal(2.0, 3.0, size=(4, 5, 6)).astype("float32")
    ours, theirs = LayerNormalizationFromScratch(epsilon=epsilon), keras.layers.LayerNormalization(epsilon=epsilon)
    ours.build(x.shape)
    theirs.build(x.shape)
    weights = [rng.normal(size=6).astype("float32") for _ in range(2)]  # γ, β
    ours.set_weights(weights)
    theirs.set_weights(weights)
    np.testing.assert_allclose(keras.ops.convert_to_numpy(ours(x)), keras.ops.convert_to_numpy(theirs(x)), atol=1e-5)


def test_layer_normalization_worked_example():
    out = LayerNormalizationFromScratch(epsilon=1e-9)(np.array([[1.0, 2.0, 3.0, 6.0]], "float32"))
    np.testing.assert_allclose(keras.ops.convert_to_numpy(out), [[-1.069, -0.535, 0.0, 1.604]], atol=1e-3)


def softmax(z):
    e = np.exp(z - z.max(axis=-1, keepdims=True))
    return e / e.sum(axis=-1, keepdims=True)


def layer_norm(x, gamma, beta, epsilon):
    mean, var = x.mean(-1, keepdims=True), x.var(-1, keepdims=True)
    return gamma * (x - mean) / np.sqrt(var + epsilon) + beta


def test_block_computes_the_entrys_equations():
    """Y = LN(X + Concat(softmax(QᵢKᵢᵀ/√d_k)Vᵢ) W_O), Z = LN(Y + W₂ relu(W₁ Y + b₁) + b₂), in numpy
    from the block's own weights (Keras's MultiHeadAttention stores them per head)."""
    rng = np.random.default_rng(2)
    heads, key_dim, width = 2, 3, 4
    x = rng.normal(size=(2, 5, width)).astype("float32")
    block = TransformerBlock(num_heads=heads, key_dim=key_dim, feed_forward_dim=6)
    block.build(x.shape)
    block.set_weights([rng.normal(0, 0.5, w.shape).astype("float32") for w in block.get_weights()])
    att = block.attention
    wq, bq = att.query_dense.get_weights()  # (d, h, k), (h, k)
    wk, bk = att.key_dense.get_weights()
    wv, bv = att.value_dense.get_weights()
    wo, bo = att.output_dense.get_weights()  # (h, k, d), (d,)
    q, k, v = (np.einsum("bnd,dhk->bhnk", x, w) + b[None, :, None] for w, b in ((wq, bq), (wk, bk), (wv, bv)))
    heads_out = softmax(q @ k.transpose(0, 1, 3, 2) / np.sqrt(key_dim)) @ v  # (b, h, n, k)
    attended = np.einsum("bhnk,hkd->bnd", heads_out, wo) + bo
    y = layer_norm(x + attended, *block.attention_norm.get_weights(), block.epsilon)
    w1, b1 = block.hidden.get_weights()
    w2, b2 = block.back.get_weights()
    z = layer_norm(y + np.maximum(0, y @ w1 + b1) @ w2 + b2, *block.feed_forward_norm.get_weights(), block.epsilon)
    np.testing.assert_allclose(keras.ops.convert_to_numpy(block(x)), z, atol=1e-4)


def test_block_is_permutation_equivariant_until_positions_are_added():
    rng = np.random.default_rng(3)
    x = rng.normal(size=(3, 6, 8)).astype("float32")
    order = rng.permutation(6)
    block = TransformerBlock(num_heads=2, key_dim=4, feed_forward_dim=16)
    out = keras.ops.convert_to_numpy(block(x))
    np.testing.assert_allclose(keras.ops.convert_to_numpy(block(x[:, order])), out[:, order], atol=1e-5)
    coded = SinusoidalPositionalEncoding()
    with_codes = keras.ops.convert_to_numpy(block(coded(x)))
    assert np.max(np.abs(keras.ops.convert_to_numpy(block(coded(x[:, order]))) - with_codes[:, order])) > 1e-2


def test_permutation_error_of_a_classifier_without_positions_is_rounding():
    model = order_classifier(positions=False, name="untrained")
    x, _ = order_task(20, seed=0)
    assert permutation_error(model, x) < 1e-5


def test_the_order_task_labels_whether_a_comes_first():
    x, y = order_task(500, seed=0)
    assert x.shape == (500, 10) and set(np.unique(x)) <= set(range(1, 10))
    for row, label in zip(x, y):
        assert (list(row).count(1), list(row).count(2)) == (1, 1)
        assert label == (list(row).index(1) < list(row).index(2))
    assert 0.4 < y.mean() < 0.6


def test_keras_layer_contract_positional_encoding():
    check_layer_contract(
        SinusoidalPositionalEncoding,
        {"max_wavelength": 100.0},
        (2, 5, 6),
        (2, 5, 6),
        trainable_weights=0,
        training_check=False,
    )


def test_keras_layer_contract_layer_normalization():
    check_layer_contract(LayerNormalizationFromScratch, {"epsilon": 1e-3}, (2, 5, 6), (2, 5, 6), trainable_weights=2)


def test_keras_layer_contract_block():
    # attention: 4 kernels and 4 biases; two norms: 2 each; feed-forward: 2 kernels, 2 biases
    check_layer_contract(
        TransformerBlock,
        {"num_heads": 2, "key_dim": 3, "feed_forward_dim": 8},
        (2, 5, 6),
        (2, 5, 6),
        trainable_weights=16,
        atol=1e-5,
    )


@pytest.mark.parametrize(
    "make, message",
    [
        (lambda: SinusoidalPositionalEncoding(max_wavelength=1), "max_wavelength must be a number above 1"),
        (lambda: LayerNormalizationFromScratch(epsilon=0), "epsilon must be a positive number"),
        (lambda: TransformerBlock(0, 4, 8), "num_heads must be a positive integer"),
        (lambda: TransformerBlock(2, 4.5, 8), "key_dim must be a positive integer"),
        (lambda: TransformerBlock(2, 4, -8), "feed_forward_dim must be a positive integer"),
    ],
)
def test_bad_arguments_are_refused(make, message):
    with pytest.raises(ValueError, match=message):
        make()


def _numbers(with_positions=0.99, without=0.5, error=1e-6):
    return {"with_positions": with_positions, "without_positions": without, "permutation_error": error}


def test_the_claim_holds_for_numbers_like_the_measured_ones():
    assert _claims.verdict(claim_parts(_numbers())) is True


@pytest.mark.parametrize(
    "numbers, failing",
    [
        (_numbers(with_positions=0.55), "accuracy_with_positions"),  # positions did not help
        (_numbers(without=0.95), "accuracy_without_positions"),  # order seen without positions
    ],
    ids=["with", "without"],
)
def test_the_claim_can_fail(numbers, failing):
    parts = {part.name: part for part in claim_parts(numbers)}
    assert not parts[failing].held
    assert _claims.verdict(list(parts.values())) is False


def test_the_permutation_check_shows_but_does_not_vote():
    parts = {part.name: part for part in claim_parts(_numbers(error=0.3))}
    assert not parts["permutation_error"].held and parts["permutation_error"].kind == "identity"
    assert _claims.verdict(list(parts.values())) is True


def test_quick_demo_needs_positions_to_see_order(quick_demo):
    summary = quick_demo("transformer")
    n = summary["claim"]["numbers"]
    assert n["accuracy_with_positions"] > n["accuracy_without_positions"]
    assert summary["claim"]["verdict"] is True


def test_without_position_codes_the_claim_fails(quick_demo, monkeypatch):
    """The concept removed: the "with positions" model gets no position codes, so it is as blind
    to order as the other one."""
    monkeypatch.setattr(transformer, "SinusoidalPositionalEncoding", lambda **kwargs: keras.layers.Identity(**kwargs))
    assert_fails_through(quick_demo("transformer"), "accuracy_with_positions")


def _claim(without, with_positions=0.99, held=5):
    parts = [
        recorded_part("permutation_error", 1e-6, 1e-5, 5, "<=", kind="identity"),
        recorded_part("accuracy_without_positions", without, 0.6, held, "<="),
        recorded_part("accuracy_with_positions", with_positions, 0.9, 5),
    ]
    return recorded_claim(parts, held)


@pytest.mark.parametrize(
    "claim, option",
    [
        (_claim(0.50), "A"),
        (_claim(0.80, held=0), "B"),
        (_claim(0.97, held=0), "C"),
        (_claim(0.58, held=3), "D"),
    ],
)
def test_outcome_names_the_option_the_numbers_show(claim, option):
    assert outcome(claim) == option and option in transformer.PREDICT["options"]
