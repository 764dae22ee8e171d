"""inception: the module computes its four branches as a numpy reference does, round-trips its
config, and its weights and multiply-adds agree with the hand formulas for GoogLeNet's (3a)."""

import keras
import numpy as np
import pytest

from nutshell.glossary import _claims, inception
from nutshell.glossary.inception import (
    INCEPTION_3A,
    INCEPTION_3A_INPUT,
    InceptionModule,
    claim_parts,
    conv_multiply_adds,
    inception_without_reductions,
    module_cost,
    network_cost,
    small_inception_network,
)
from tests.helpers import assert_fails_through, recorded_claim, recorded_part
from tests.layer_contract import check_layer_contract
from tests.numpy_reference import conv2d_same


def max_pool_3x3_same(x):
    """3x3 windows, stride 1; the border is padded with -inf so padding never wins the max."""
    padded = np.pad(x, ((1, 1), (1, 1), (0, 0)), constant_values=-np.inf)
    height, width, _ = x.shape
    return np.stack([[padded[i : i + 3, j : j + 3].max(axis=(0, 1)) for j in range(width)] for i in range(height)])


def numpy_inception(x, module):
    outputs = []
    for branch in module.branches:
        y = x
        for layer in branch:
            if isinstance(layer, keras.layers.Conv2D):
                y = np.maximum(conv2d_same(y, *layer.get_weights()), 0.0)
            else:
                y = max_pool_3x3_same(y)
        outputs.append(y)
    return np.concatenate(outputs, axis=-1)


# Hand formulas for one conv layer with a k×k kernel, C inputs and D outputs on an H×W map
# (stride 1, same padding): weights k·k·C·D + D; multiply-adds H·W·D·k·k·C.
def weights(k, c, d):
    return k * k * c * d + d


def multiply_adds(h, w, k, c, d):
    return h * w * d * k * k * c


H, W, C = 28, 28, 192
WITH_REDUCTIONS = [(1, C, 64), (1, C, 96), (3, 96, 128), (1, C, 16), (5, 16, 32), (1, C, 32)]
WITHOUT_REDUCTIONS = [(1, C, 64), (3, C, 128), (5, C, 32), (1, C, 32)]


@pytest.mark.parametrize("reductions", [True, False])
def test_module_matches_a_numpy_reference(reductions):
    rng = np.random.default_rng(0)
    module = InceptionModule(2, 3, 4, 2, 3, 2) if reductions else inception_without_reductions(2, 4, 3, 2)
    x = rng.normal(size=(2, 6, 7, 3)).astype("float32")
    module.build(x.shape)
    module.set_weights([rng.normal(size=w.shape).astype("float32") for w in module.get_weights()])
    ours = keras.ops.convert_to_numpy(module(x))
    expected = np.stack([numpy_inception(image, module) for image in x])
    np.testing.assert_allclose(ours, expected, rtol=1e-4, atol=1e-4)


def test_output_depth_is_the_sum_of_the_branch_widths():
    x = np.zeros((1, 5, 5, 7), dtype="float32")
    assert InceptionModule(2, 3, 4, 2, 5, 6)(x).shape == (1, 5, 5, 2 + 4 + 5 + 6)
    # without a projection the pooled input passes through with all 7 of its channels
    assert InceptionModule(2, 3, 4, 2, 5, None)(x).shape == (1, 5, 5, 2 + 4 + 5 + 7)
    layer = InceptionModule(2, 3, 4, 2, 5, None)
    assert layer.compute_output_shape((None, 5, 5, 7)) == (None, 5, 5, 18)


WIDTHS = ("filters_1x1", "reduce_3x3", "filters_3x3", "reduce_5x5", "filters_5x5", "pool_projection")

# (init kwargs, output depth on 3 input channels, weight tensors: a kernel and a bias per Conv2D)
CONTRACT_CASES = [
    (dict(zip(WIDTHS, (2, 3, 4, 2, 3, 2))), 2 + 4 + 3 + 2, 2 * 6),
    ({**dict(zip(WIDTHS, (2, 3, 4, None, 5, 6))), "activation": "tanh"}, 2 + 4 + 5 + 6, 2 * 5),
    (dict(zip(WIDTHS, (2, None, 4, None, 3, None))), 2 + 4 + 3 + 3, 2 * 3),  # naive, no projection
]


@pytest.mark.parametrize(
    "init_kwargs, depth, weights", CONTRACT_CASES, ids=["all-1x1", "tanh-no-5x5-reduction", "naive-no-projection"]
)
def test_keras_layer_contract(init_kwargs, depth, weights):
    check_layer_contract(
        InceptionModule,
        init_kwargs,
        input_shape=(2, 6, 7, 3),
        expected_output_shape=(2, 6, 7, depth),
        trainable_weights=weights,
        atol=1e-5,
    )


def test_sublayers_compute_in_the_modules_dtype_policy():
    module = InceptionModule(2, 3, 4, 2, 3, 2, dtype="mixed_float16")
    y = module(np.zeros((1, 5, 5, 3), "float32"))
    assert keras.backend.standardize_dtype(y.dtype) == "float16"
    layers = [layer for branch in module.branches for layer in branch]
    assert {layer.dtype_policy.name for layer in layers} == {"mixed_float16"}
    assert {w.dtype for w in module.weights} == {"float32"}  # weights stay float32


@pytest.mark.parametrize(
    "widths, message",
    [
        ((0, 3, 4, 2, 3, 2), "filters_1x1 must be a positive integer, not 0"),
        ((2, 3, None, 2, 3, 2), "filters_3x3 must be a positive integer, not None"),
        ((2, 3, 4, 2, -1, 2), "filters_5x5 must be a positive integer, not -1"),
        ((2, 0, 4, 2, 3, 2), "reduce_3x3 must be a positive integer or None, not 0"),
        ((2, 3, 4, 2.5, 3, 2), "reduce_5x5 must be a positive integer or None, not 2.5"),
        ((2, 3, 4, 2, 3, "2"), "pool_projection must be a positive integer or None, not '2'"),
    ],
)
def test_bad_widths_are_refused_with_a_readable_message(widths, message):
    with pytest.raises(ValueError, match=message):
        InceptionModule(*widths)


def test_an_unknown_activation_is_refused():
    with pytest.raises(ValueError, match="activation function identifier: no_such_function"):
        InceptionModule(2, 3, 4, 2, 3, 2, activation="no_such_function")


def test_costs_of_inception_3a_agree_with_the_hand_formulas():
    reduced = module_cost(InceptionModule(**INCEPTION_3A), INCEPTION_3A_INPUT)
    naive = module_cost(inception_without_reductions(64, 128, 32, 32), INCEPTION_3A_INPUT)
    assert reduced["weights"] == sum(weights(*layer) for layer in WITH_REDUCTIONS)
    assert naive["weights"] == sum(weights(*layer) for layer in WITHOUT_REDUCTIONS)
    assert reduced["multiply_adds"] == sum(multiply_adds(H, W, *layer) for layer in WITH_REDUCTIONS)
    assert naive["multiply_adds"] == sum(multiply_adds(H, W, *layer) for layer in WITHOUT_REDUCTIONS)
    assert reduced["output_channels"] == naive["output_channels"] == 64 + 128 + 32 + 32
    # the 5×5 branch, worked out by hand in the explanation
    assert naive["branch_multiply_adds"][2] == 120_422_400
    assert reduced["branch_multiply_adds"][2] == 2_408_448 + 10_035_200 == 12_443_648
    assert reduced["multiply_adds"] < naive["multiply_adds"]


def test_conv_multiply_adds_counts_one_dot_product_per_output_number():
    conv = keras.layers.Conv2D(5, 3, strides=2)  # valid padding: 9x9 -> 4x4
    conv.build((None, 9, 9, 2))
    assert conv_multiply_adds(conv, (1, 9, 9, 2)) == 4 * 4 * 5 * (3 * 3 * 2)


# The demo's small network: its two modules on 14x14x32 and 7x7x80 maps (28x28 MNIST after the
# stem's pooling), as (k, C, D) per convolution, with and without the 3x3 and 5x5 reductions.
SMALL_NET = [
    (
        14,
        [(1, 32, 16), (1, 32, 16), (3, 16, 32), (1, 32, 8), (5, 8, 16), (1, 32, 16)],
        [(1, 32, 16), (3, 32, 32), (5, 32, 16), (1, 32, 16)],
    ),
    (
        7,
        [(1, 80, 32), (1, 80, 32), (3, 32, 48), (1, 80, 8), (5, 8, 16), (1, 80, 16)],
        [(1, 80, 32), (3, 80, 48), (5, 80, 16), (1, 80, 16)],
    ),
]
STEM = (28, 28, 3, 1, inception.STEM_FILTERS)  # h, w, k, C, D of the stem convolution


@pytest.mark.parametrize("reductions", [True, False])
def test_network_cost_counts_the_built_layers(reductions):
    model = small_inception_network((28, 28, 1), 10, reductions=reductions)
    cost = network_cost(model)
    layers = [(size, layer) for size, with_, without in SMALL_NET for layer in (with_ if reductions else without)]
    assert cost["module_multiply_adds"] == sum(multiply_adds(size, size, *layer) for size, layer in layers)
    assert cost["module_weights"] == sum(weights(*layer) for _, layer in layers)
    head = model.get_layer("classify").kernel.shape
    assert cost["multiply_adds"] == (cost["module_multiply_adds"] + multiply_adds(*STEM) + head[0] * head[1])
    assert cost["weights"] == model.count_params()
    # Only the 3x3 and 5x5 branches change: every module keeps its output width.
    assert model.get_layer("inception_2").output.shape[-1] == 32 + 48 + 16 + 16


def test_the_two_networks_differ_only_in_the_reductions():
    reduced = small_inception_network((28, 28, 1), 10, reductions=True)
    naive = small_inception_network((28, 28, 1), 10, reductions=False)
    assert [layer.name for layer in reduced.layers[1:]] == [layer.name for layer in naive.layers[1:]]
    assert [layer.output.shape for layer in reduced.layers] == [layer.output.shape for layer in naive.layers]
    names = lambda model: {
        sub.name
        for branch in model.get_layer("inception_1").branches  # noqa: E731
        for sub in branch
    }
    assert names(reduced) - names(naive) == {"reduce_3x3", "reduce_5x5"}


# Numbers like a --quick run's: accuracy and seconds of each net, and the counted costs.
REDUCED = {"accuracy": 0.962, "seconds": 6.0, "module_multiply_adds": 3_060_736, "module_weights": 33_920}
NAIVE = {"accuracy": 0.965, "seconds": 11.0, "module_multiply_adds": 7_965_440, "module_weights": 93_632}


def parts_for(reduced=REDUCED, naive=NAIVE, learned=0.95):
    return claim_parts(reduced, naive, learned, inception_3a_saving=2.41)


def test_the_claim_holds_for_numbers_like_the_measured_ones():
    assert _claims.verdict(parts_for()) is True


@pytest.mark.parametrize(
    "reduced, naive, failing",
    [
        ({**REDUCED, "accuracy": 0.90}, NAIVE, "accuracy_with_reductions"),
        ({**REDUCED, "accuracy": 0.95}, NAIVE, "accuracy_cost_of_reductions"),  # 1.5 points worse
        ({**REDUCED, "module_multiply_adds": 5_000_000}, NAIVE, "module_multiply_adds_saving"),
        ({**REDUCED, "module_weights": 60_000}, NAIVE, "module_weights_saving"),
        (NAIVE, REDUCED, "module_multiply_adds_saving"),  # the nets swapped
    ],
    ids=["not-learned", "costs-accuracy", "no-compute-saved", "no-weights-saved", "swapped"],
)
def test_the_claim_can_fail(reduced, naive, failing):
    parts = {part.name: part for part in parts_for(reduced, naive)}
    assert not parts[failing].held and _claims.verdict(parts.values()) is False


def test_timing_and_the_papers_module_do_not_vote():
    parts = {part.name: part for part in parts_for({**REDUCED, "seconds": 20.0})}
    assert parts["training_time_ratio"].kind == "timing" and not parts["training_time_ratio"].held
    assert parts["inception_3a_multiply_adds_saving"].kind == "identity"
    assert _claims.verdict(parts.values()) is True


def test_quick_demo_measures_the_claim(quick_demo):
    summary = quick_demo("inception")
    numbers = summary["claim"]["numbers"]
    assert summary["hparams"]["dataset"] == "mnist"
    with_reductions = sum(multiply_adds(H, W, *layer) for layer in WITH_REDUCTIONS)
    without = sum(multiply_adds(H, W, *layer) for layer in WITHOUT_REDUCTIONS)
    assert numbers["inception_3a_multiply_adds"] == with_reductions
    assert numbers["inception_3a_multiply_adds_without_reductions"] == without
    assert numbers["inception_3a_multiply_adds_saving"] == pytest.approx(without / with_reductions)
    assert numbers["inception_3a_weights"] == sum(weights(*layer) for layer in WITH_REDUCTIONS)
    # GoogLeNet's table 1 for inception (3a): 128M operations, 159K parameters (kernel weights in
    # units of 1,024 on our reading: 163,328 / 1,024 = 159.5)
    kernels = sum(k * k * c * d for k, c, d in WITH_REDUCTIONS)
    assert numbers["inception_3a_kernel_weights"] == kernels == 163_328
    assert round(with_reductions / 1e6) == 128 and int(kernels / 1024) == 159
    assert summary["claim"]["anchor"]["ours"] == "inception_3a_multiply_adds"
    assert numbers["module_multiply_adds_saving"] == pytest.approx(
        sum(multiply_adds(size, size, *layer) for size, _, layers in SMALL_NET for layer in layers)
        / sum(multiply_adds(size, size, *layer) for size, layers, _ in SMALL_NET for layer in layers)
    )
    assert summary["claim"]["verdict"] is True
    assert all(part["held"] for part in summary["claim"]["parts"] if part["kind"] == "measured")


def test_without_real_reductions_the_claim_fails(quick_demo, monkeypatch):
    """The concept removed: the 1x1 "reductions" keep their input's channel count (32 in the first
    module, 80 in the second), so they add work instead of saving it. The savings are counted from
    the networks the run builds, so one epoch is enough to show the claim fail."""
    monkeypatch.setattr(
        inception, "SMALL_MODULES", {"inception_1": (16, 32, 32, 32, 16, 16), "inception_2": (32, 80, 48, 80, 16, 16)}
    )
    assert_fails_through(quick_demo("inception", epochs=1), "module_multiply_adds_saving", "module_weights_saving")


def _outcome_claim(cost, held=5):
    def part(name, mean, bar, part_held, comparison="<=", kind="measured"):
        return recorded_part(name, mean, bar, part_held, comparison, kind)

    parts = [
        part("accuracy_with_reductions", 0.98, 0.93, 5, ">="),
        part("accuracy_cost_of_reductions", cost, 0.01, held),
        part("module_multiply_adds_saving", 2.5, 2.0, 5, ">="),
        part("module_weights_saving", 2.4, 2.0, 5, ">="),
        part("training_time_ratio", 0.8, 1.0, 5, kind="timing"),
        part("inception_3a_multiply_adds_saving", 2.41, 2.0, 5, ">=", "identity"),
    ]
    return recorded_claim(parts, held)


@pytest.mark.parametrize(
    "claim, option",
    [
        (_outcome_claim(0.002), "A"),
        (_outcome_claim(0.03, held=0), "B"),
        (_outcome_claim(-0.02), "C"),
        (_outcome_claim(0.008, held=3), "D"),
    ],
)
def test_outcome_names_the_option_the_numbers_show(claim, option):
    from nutshell.glossary.inception import PREDICT, outcome

    assert outcome(claim) == option and option in PREDICT["options"]
