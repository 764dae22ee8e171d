"""convolution: our sliding window equals keras.ops.conv and Conv2D; flipping and the FFT agree."""

import keras
import numpy as np
import pytest
from keras import ops

from nutshell.glossary import _claims, convolution
from nutshell.glossary.convolution import (
    MAX_WEIGHT_ERROR,
    SOBEL,
    SOBEL_X,
    SOBEL_Y,
    Conv2DFromScratch,
    _signed_colours,
    claim_parts,
    conv2d_sliding_window,
    convolution_by_definition,
    fft_convolution,
    seen_kernels,
    true_convolution,
)
from nutshell.glossary.weight_sharing import LocallyConnected2D
from tests.helpers import assert_fails_through
from tests.layer_contract import check_layer_contract

RNG = np.random.default_rng(0)


def _random(*shape):
    return RNG.normal(size=shape).astype("float32")


@pytest.mark.parametrize("strides", [1, 2, (1, 3)])
@pytest.mark.parametrize("padding", ["valid", "same"])
def test_sliding_window_matches_keras_conv(strides, padding):
    images, kernel = _random(3, 9, 11, 2), _random(3, 2, 2, 4)  # a non-square kernel on purpose
    ours = conv2d_sliding_window(images, kernel, strides=strides, padding=padding)
    theirs = ops.conv(images, kernel, strides=strides, padding=padding)
    assert ours.shape == theirs.shape
    np.testing.assert_allclose(ours, theirs, rtol=1e-5, atol=1e-5)


def test_layer_matches_keras_conv2d_with_the_same_weights():
    images = _random(4, 10, 10, 3)
    ours = Conv2DFromScratch(5, 3, strides=2, padding="same", activation="relu")
    theirs = keras.layers.Conv2D(5, 3, strides=2, padding="same", activation="relu")
    ours.build(images.shape)
    theirs.build(images.shape)
    ours.set_weights([_random(3, 3, 3, 5), _random(5)])
    theirs.set_weights(ours.get_weights())
    np.testing.assert_allclose(ours(images), theirs(images), rtol=1e-5, atol=1e-5)


def _true_convolution_by_definition(image, kernel):
    """(I ∗ K)[i, j] = ∑ₘ ∑ₙ I[i − m, j − n] K[m, n], kept where the kernel lies inside the image."""
    k_h, k_w = kernel.shape
    out = np.zeros((image.shape[0] - k_h + 1, image.shape[1] - k_w + 1))
    for i in range(out.shape[0]):
        for j in range(out.shape[1]):
            top, left = i + k_h - 1, j + k_w - 1  # output (i, j) of the valid part
            out[i, j] = sum(image[top - m, left - n] * kernel[m, n] for m in range(k_h) for n in range(k_w))
    return out


def test_true_convolution_follows_the_definition():
    image, kernel = _random(7, 6), _random(3, 2)
    ours = true_convolution(image[None, :, :, None], kernel[:, :, None, None])
    np.testing.assert_allclose(ours[0, :, :, 0], _true_convolution_by_definition(image, kernel), rtol=1e-5, atol=1e-5)


def test_the_entrys_literal_definition_agrees_with_an_independent_one():
    images, kernel = _random(2, 7, 6, 3), _random(3, 2, 3, 2)  # channels summed, two filters
    ours = convolution_by_definition(images, kernel)
    assert ours.shape == (2, 5, 5, 2)
    for b in range(2):
        for f in range(2):
            expected = sum(_true_convolution_by_definition(images[b, :, :, c], kernel[:, :, c, f]) for c in range(3))
            np.testing.assert_allclose(ours[b, :, :, f], expected, rtol=1e-5, atol=1e-5)
    # and it is not the cross-correlation: the two differ for an asymmetric kernel
    assert np.abs(ours - ops.convert_to_numpy(ops.conv(images, kernel))).max() > 0.1


def test_flipping_turns_convolution_into_cross_correlation():
    images = _random(2, 8, 8, 1)
    asymmetric = np.array([[1, 2, 0], [0, 0, 0], [0, 0, -3]], "float32")[:, :, None, None]
    symmetric = np.array([[1, 2, 1], [2, 4, 2], [1, 2, 1]], "float32")[:, :, None, None]
    flipped = asymmetric[::-1, ::-1]
    np.testing.assert_allclose(true_convolution(images, asymmetric), ops.conv(images, flipped), rtol=1e-5, atol=1e-5)
    assert np.max(np.abs(true_convolution(images, asymmetric) - ops.conv(images, asymmetric))) > 0.1
    np.testing.assert_allclose(true_convolution(images, symmetric), ops.conv(images, symmetric), rtol=1e-5, atol=1e-5)


def test_fft_convolution_equals_the_direct_one():
    images, kernel = _random(2, 9, 7, 3), _random(4, 3, 3, 2)  # channels summed, two filters
    via_fft = fft_convolution(images, kernel)
    direct = true_convolution(images, kernel)
    assert via_fft.shape == direct.shape == (2, 6, 5, 2)
    np.testing.assert_allclose(via_fft, direct, rtol=1e-4, atol=1e-4)


# On a 7x9 input: "valid" gives ⌊(n − k) / s⌋ + 1, "same" gives ⌈n / s⌉ per axis.
CONTRACT_CASES = [
    ({"filters": 4, "kernel_size": 3}, (2, 5, 7, 4), 2),
    ({"filters": 4, "kernel_size": 3, "strides": 2, "activation": "relu"}, (2, 3, 4, 4), 2),
    (
        {
            "filters": 3,
            "kernel_size": (3, 2),
            "strides": (2, 1),
            "padding": "same",
            "activation": "tanh",
            "use_bias": False,
        },
        (2, 4, 9, 3),
        1,
    ),
]


@pytest.mark.parametrize(
    "init_kwargs, output_shape, weights", CONTRACT_CASES, ids=["valid", "valid-stride-2", "same-no-bias"]
)
def test_keras_layer_contract(init_kwargs, output_shape, weights):
    check_layer_contract(
        Conv2DFromScratch,
        init_kwargs,
        input_shape=(2, 7, 9, 2),
        expected_output_shape=output_shape,
        trainable_weights=weights,
    )


@pytest.mark.parametrize(
    "kwargs, message",
    [
        ({"filters": 0}, "filters must be a positive integer, not 0"),
        ({"filters": 4, "kernel_size": 0}, "kernel_size must be a positive integer or a pair"),
        ({"filters": 4, "kernel_size": (3, 3, 3)}, r"kernel_size .* not \(3, 3, 3\)"),
        ({"filters": 4, "strides": (1, -1)}, r"strides must be a positive .* not \(1, -1\)"),
        ({"filters": 4, "strides": 1.5}, "strides must be a positive integer or a pair"),
        ({"filters": 4, "padding": "full"}, "padding must be 'valid' or 'same', not 'full'"),
        ({"filters": 4, "activation": "no_such_function"}, "activation function identifier"),
    ],
)
def test_bad_arguments_are_refused_with_a_readable_message(kwargs, message):
    with pytest.raises(ValueError, match=message):
        Conv2DFromScratch(**{"kernel_size": 3, **kwargs})


def test_sobel_kernels_respond_to_the_direction_brightness_rises_in():
    rising_right = np.tile(np.arange(5, dtype="float32"), (5, 1))[None, :, :, None]  # x-ramp
    rising_down = rising_right.transpose(0, 2, 1, 3)  # y-ramp
    kernels = np.stack([SOBEL_X, SOBEL_Y], axis=-1)[:, :, None, :]
    # a ramp of slope 1 gives 1·(1 + 2 + 1) · 2 = 8 on the kernel that looks its way, 0 on the other
    np.testing.assert_allclose(ops.conv(rising_right, kernels)[0, 1, 1], [8.0, 0.0])
    np.testing.assert_allclose(ops.conv(rising_down, kernels)[0, 1, 1], [0.0, 8.0])


def test_signed_colours_red_positive_blue_negative_white_zero():
    colours = _signed_colours(np.array([[[2.0, 0.0, -2.0]]]))[0, 0]
    np.testing.assert_allclose(colours, [[1, 0, 0], [1, 1, 1], [0, 0, 1]])


def _filter_bank(layer):
    return keras.Sequential([keras.Input((8, 8, 1)), layer])


def test_seen_kernels_reads_a_convolutions_kernel_at_every_position():
    layer = Conv2DFromScratch(2, 3, name="learned_kernels")
    model = _filter_bank(layer)
    layer.set_weights([SOBEL, np.array([0.5, -0.5], "float32")])  # a bias is subtracted away
    for row, col in ((0, 0), (2, 3), (5, 5)):
        np.testing.assert_allclose(seen_kernels(model, (8, 8, 1), row, col), SOBEL[:, :, 0, :], atol=1e-6)


def test_seen_kernels_tells_positions_apart_without_weight_sharing():
    layer = LocallyConnected2D(2, 3, name="learned_kernels")
    model = _filter_bank(layer)
    kernel = np.zeros((6, 6, 3, 3, 1, 2), "float32")
    kernel[3, 3] = SOBEL  # Sobel at one position only
    layer.set_weights([kernel, np.zeros((6, 6, 2), "float32")])
    np.testing.assert_allclose(seen_kernels(model, (8, 8, 1), 3, 3), SOBEL[:, :, 0, :], atol=1e-6)
    assert np.abs(seen_kernels(model, (8, 8, 1), 0, 0)).max() == 0.0


AGREEMENT = {
    "scratch_vs_keras_conv": 5e-7,
    "true_convolution_vs_definition": 5e-7,
    "fft_vs_definition": 1.3e-6,
    "unflipped_vs_definition": 8.0,
}
LEARNED = {"kernel_error_centre": 2e-4, "kernel_error_corner": 2e-4}


def test_the_claim_holds_for_numbers_like_the_measured_ones():
    parts = claim_parts(AGREEMENT, LEARNED)
    assert _claims.verdict(parts) is True
    assert {part.name for part in parts if part.kind == "measured"} == set(LEARNED)


@pytest.mark.parametrize(
    "learned, failing",
    [
        ({"kernel_error_centre": 0.3, "kernel_error_corner": 2e-4}, "kernel_error_centre"),
        ({"kernel_error_centre": 2e-4, "kernel_error_corner": 1.9}, "kernel_error_corner"),
    ],
    ids=["not-sobel", "not-shared"],
)
def test_the_claim_can_fail(learned, failing):
    parts = {part.name: part for part in claim_parts(AGREEMENT, learned)}
    assert not parts[failing].held and _claims.verdict(list(parts.values())) is False


@pytest.mark.parametrize(
    "change, failing",
    [
        ({"scratch_vs_keras_conv": 1e-2}, "scratch_vs_keras_conv"),
        ({"fft_vs_definition": 1e-3}, "fft_vs_definition"),
        ({"unflipped_vs_definition": 0.0}, "unflipped_vs_definition"),
    ],
)
def test_a_broken_identity_shows_as_a_failed_check(change, failing):
    parts = {part.name: part for part in claim_parts({**AGREEMENT, **change}, LEARNED)}
    assert parts[failing].kind == "identity" and not parts[failing].held


def test_quick_demo_measures_the_claim(quick_demo):
    summary = quick_demo("convolution")
    claim = summary["claim"]
    assert claim["verdict"] is True
    assert all(part["held"] == part["of"] for part in claim["parts"])  # the identities too
    numbers = claim["numbers"]
    assert numbers["unflipped_vs_definition"] > 0.1  # Sobel is asymmetric: the flip matters
    assert 0.0 < numbers["kernel_error_centre"] < 0.1  # learned, not copied
    assert summary["outcome"] == "C"  # Sobel's kernel at the centre and the corner


def test_without_a_shared_kernel_the_claim_fails(quick_demo, monkeypatch):
    """The concept removed: the two 3x3 kernels become a locally connected layer, 3x3 windows with
    their own weights at every position. Where the training images are blank (MNIST's corner) its
    weights get no gradient and stay random, so the corner unit does not see Sobel."""
    monkeypatch.setattr(
        convolution,
        "_kernel_learner",
        lambda shape: keras.Sequential([keras.Input(shape), LocallyConnected2D(2, 3, name="learned_kernels")]),
    )
    assert_fails_through(quick_demo("convolution"), "kernel_error_corner")


def _part(name, mean, bar, held=5, low=None, high=None):
    """One part of a claim as summary.json stores it, over 5 seeds."""
    return {
        "name": name,
        "mean": mean,
        "min": mean if low is None else low,
        "max": mean if high is None else high,
        "bar": bar,
        "held": held,
        "of": 5,
    }


def _kernel_claim(centre, corner, centre_held=5, corner_held=5):
    return {
        "parts": [
            _part("kernel_error_centre", centre, MAX_WEIGHT_ERROR, centre_held),
            _part("kernel_error_corner", corner, MAX_WEIGHT_ERROR, corner_held),
        ]
    }


@pytest.mark.parametrize(
    "claim, option",
    [
        (_kernel_claim(0.014, 0.014), "C"),  # as measured: one kernel everywhere
        (_kernel_claim(0.014, 0.9, corner_held=0), "B"),  # a corner that kept its random start
        (_kernel_claim(1.5, 1.5, centre_held=0, corner_held=0), "A"),  # nothing like Sobel anywhere
        (_kernel_claim(0.09, 0.09, centre_held=3, corner_held=3), "D"),  # held on some seeds only
    ],
    ids=["both", "centre-only", "neither", "some-seeds"],
)
def test_outcome_names_what_happened(claim, option):
    assert convolution.outcome(claim) == option
