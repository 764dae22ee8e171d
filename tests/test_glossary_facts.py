"""Facts the glossary states, checked against the text and, where a number is stated, recomputed.

Each test guards a misstatement found in review (issue 11) or a figure an entry quotes, so that a
later edit cannot quietly bring the error back. Nothing here imports Keras: the entries are read
from source, like `nutshell explain` does.
"""

from __future__ import annotations

import ast
import math
import re

import pytest

from nutshell import glossary

ENTRIES = glossary.all_entries()


def text(name: str) -> str:
    """The entry's explanation with line breaks and runs of spaces folded to single spaces."""
    return " ".join(ENTRIES[name].explanation.split())


def section(name: str, heading: str) -> str:
    body = ENTRIES[name].explanation.split(f"\n## {heading}\n", 1)[1].split("\n## ", 1)[0]
    return " ".join(body.split())


def module_literal(name: str, variable: str):
    tree = ast.parse(ENTRIES[name].path.read_text(encoding="utf-8"))
    for node in tree.body:
        if isinstance(node, ast.Assign) and any(getattr(t, "id", None) == variable for t in node.targets):
            return ast.literal_eval(node.value)
    raise LookupError(variable)


def class_docstring(name: str, cls: str) -> str:
    tree = ast.parse(ENTRIES[name].path.read_text(encoding="utf-8"))
    node = next(n for n in tree.body if isinstance(n, ast.ClassDef) and n.name == cls)
    return " ".join(ast.get_docstring(node).split())


# --- the misstatements ------------------------------------------------------------------------


def test_vanishing_gradient_bounds_the_shrinking_the_right_way_round():
    vanishing = text("vanishing-gradient")
    assert not re.search(r"up to 0\.25(\^10|¹⁰)", vanishing)
    assert re.search(r"at most 0\.25¹⁰ ≈ 9\.5 × 10⁻⁷", vanishing)
    assert math.isclose(0.25**10, 9.5e-7, rel_tol=0.01)
    assert "at least about a millionfold" in vanishing


def test_dropout_gives_the_expectation_of_each_form():
    original = next(b for b in section("dropout", "The math").split("- ") if b.startswith("Original"))
    inverted = next(b for b in section("dropout", "The math").split("- ") if b.startswith("Inverted"))
    assert "E[h̃ᵢ] = p · hᵢ" in original and "= hᵢ" not in original
    assert "E[h̃ᵢ] = p · hᵢ / p = hᵢ" in inverted
    assert "Either way" not in text("dropout")
    # the worked example: survivors of keep probability 0.8 are scaled by 1/0.8
    h, m, p = (2.0, 1.0, 3.0, 0.5, 4.0), (1, 0, 1, 1, 0), 0.8
    shown = "h̃ = (" + ", ".join(f"{x * k / p:g}" if k else "0" for x, k in zip(h, m)) + ")"
    assert shown == "h̃ = (2.5, 0, 3.75, 0.625, 0)" and shown in text("dropout")


def test_deep_learning_argues_from_efficiency_not_from_edges_and_blobs():
    deep = text("deep-learning")
    assert "edges and blobs" not in deep
    assert "exponentially many units" in deep
    assert "26.2%" in deep and "15.3%" in deep and "nearly halved" not in deep


def test_unit_does_not_invent_the_history_of_the_word_neuron():
    unit = text("unit")
    assert "discredited perceptron" not in unit and "favoured" not in unit
    assert "McCulloch and Pitts (1943)" in unit


def test_kernel_admits_grouped_and_depthwise_convolutions():
    kernel = text("kernel")
    assert "always spans all channels" not in kernel
    assert "grouped" in kernel and "depthwise" in kernel


def test_gpu_does_not_call_the_cnn_the_first_network_trained_on_gpus():
    gpu = ENTRIES["gpu"]
    see_also = section("gpu", "See also")
    assert "first" not in see_also
    assert {"chellapilla2006", "raina2009", "ciresan2010"} <= set(gpu.source_keys)
    assert "2006" in text("gpu") and "2009" in text("gpu") and "2010" in text("gpu")


def test_lstm_names_the_variant_of_every_adding_problem_number():
    lstm = ENTRIES["lstm"].explanation
    assert not re.search(r"\d(\.\d)?x fewer", lstm)
    paragraphs = re.split(r"\n(?=- )|\n\n", lstm)
    quoting = [p for p in paragraphs if "74,000" in p]
    assert quoting, "the 1997 figure should still be quoted"
    for paragraph in quoting:
        assert "1997" in paragraph and "[−1, 1]" in paragraph and "0.04" in paragraph, paragraph
    modern = next(p for p in paragraphs if p.startswith("- Modern"))
    assert "[0, 1]" in modern and "MSE < 0.01" in modern and "74,000" not in modern
    assert "modern-variant" in section("lstm", "Try it")


def test_lstm_says_where_the_forget_gate_factor_applies_and_why_the_demo_clips():
    lstm = text("lstm")
    assert "direct path" in lstm and "∂c_t/∂c_(t−1) = diag(f)" in lstm
    assert "f ≈ 1" in lstm and "clipnorm=1.0" in lstm
    assert math.isclose(0.99**100, 0.37, abs_tol=0.005) and 0.9**100 < 3e-5
    assert math.isclose(1 / (1 + math.exp(-1)), 0.73, abs_tol=0.005)
    assert math.isclose(1 / (1 + math.exp(-5)), 0.993, abs_tol=0.0005)
    d, n = 10, 32
    assert f"{4 * (n * d + n * n + n):,} for d = {d}, n = {n}" in lstm


def _activation_vanishing_threshold(source: str) -> float:
    """The ReLU-over-sigmoid gradient advantage the activation demo's claim requires: written inline
    (`advantage >= 1000)`) in older versions, as the constant VANISHES in newer ones."""
    inline = re.search(r"advantage >= (\d+)\)", source)
    if inline:
        return int(inline.group(1))
    for node in ast.parse(source).body:
        if isinstance(node, ast.Assign) and isinstance(node.targets[0], ast.Tuple):
            names = [getattr(t, "id", None) for t in node.targets[0].elts]
            if "VANISHES" in names:
                return ast.literal_eval(node.value)[names.index("VANISHES")]
        if isinstance(node, ast.Assign) and getattr(node.targets[0], "id", None) == "VANISHES":
            return ast.literal_eval(node.value)
    raise LookupError("the activation demo's gradient threshold")


def test_activation_explains_with_folding_and_quotes_the_demos_threshold():
    activation = text("activation")
    assert "drag its partner" not in activation and "fold" in activation
    source = ENTRIES["activation"].path.read_text(encoding="utf-8")
    threshold = _activation_vanishing_threshold(source)
    try_it = section("activation", "Try it")
    assert threshold == 1000 and "10³" in try_it and "10⁴" not in try_it


def test_minor_misstatements_stay_fixed():
    assert "cuDNN skip the flip" not in text("convolution")
    assert "cuDNN offers both" in text("convolution")
    assert "same input vector" not in ENTRIES["layer"].summary
    assert re.search(r"convolution|pooling", ENTRIES["layer"].summary)
    assert "just its sign" not in text("feature-engineering")
    # XOR on ±1 inputs is true exactly where the product feature is −1
    for x1 in (-1, 1):
        for x2 in (-1, 1):
            assert (x1 != x2) == (x1 * x2 == -1)
    assert "x₁ · x₂ = −1" in text("feature-engineering")
    assert "led image recognition since" not in text("cnn")
    assert "vision transformers" in text("cnn")
    maxout = class_docstring("unit", "MaxoutUnit")
    assert "more than two half-planes" not in maxout and "convex" in maxout


# --- wrong aliases ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "term, wrong",
    [
        ("one-hot encoding", "distributed-representation"),
        ("dimensionality reduction", "pointwise-convolution"),
    ],
)
def test_aliases_do_not_lead_to_the_opposite_idea(term, wrong):
    try:
        found = glossary.lookup(term).name
    except glossary.UnknownEntry:
        found = None
    assert found != wrong


def test_dimensionality_reduction_leads_to_unsupervised_learning_which_explains_pca():
    assert glossary.lookup("dimensionality reduction").name == "unsupervised-learning"
    assert glossary.lookup("PCA").name == "unsupervised-learning"
    assert "PCA" in text("unsupervised-learning") and "eigenvectors" in text("unsupervised-learning")


# --- numbers the deeper entries state, recomputed -----------------------------------------------


def _conv_cost(height, width, out_channels, k, in_channels):
    return height * width * out_channels * k * k * in_channels


def test_inception_module_totals_follow_from_its_widths():
    widths = module_literal("inception", "INCEPTION_3A")
    height, width, channels = module_literal("inception", "INCEPTION_3A_INPUT")
    cost = lambda d, k, c: _conv_cost(height, width, d, k, c)
    reduced = (
        cost(widths["filters_1x1"], 1, channels)
        + cost(widths["reduce_3x3"], 1, channels)
        + cost(widths["filters_3x3"], 3, widths["reduce_3x3"])
        + cost(widths["reduce_5x5"], 1, channels)
        + cost(widths["filters_5x5"], 5, widths["reduce_5x5"])
        + cost(widths["pool_projection"], 1, channels)
    )
    naive = (
        cost(widths["filters_1x1"], 1, channels)
        + cost(widths["filters_3x3"], 3, channels)
        + cost(widths["filters_5x5"], 5, channels)
        + cost(widths["pool_projection"], 1, channels)
    )
    inception = text("inception")
    assert f"{reduced:,} multiply-adds with the reductions and {naive:,}" in inception
    assert f"{naive / reduced:.2f} times less" in inception
    assert "0.3" in inception and "4a and 4d" in inception and "global average pooling" in inception
    # AlexNet's three fully connected layers against GoogLeNet's single 1024 -> 1000 layer
    alexnet_head = (6 * 6 * 256 + 1) * 4096 + (4096 + 1) * 4096 + (4096 + 1) * 1000
    assert f"{alexnet_head / 1e6:.1f} million" in inception
    assert round((1024 + 1) * 1000 / 1e6) == 1


def _receptive_fields(layers):
    """(kernel, stride) per layer -> the receptive field after each, in input pixels."""
    field, jump, fields = 1, 1, []
    for kernel, stride in layers:
        field += (kernel - 1) * jump
        jump *= stride
        fields.append(field)
    return fields


def test_cnn_receptive_fields_and_lenet_shapes():
    cnn = text("cnn")
    traffic_sign = _receptive_fields([(5, 1), (2, 2), (5, 1), (2, 2)])
    assert "a unit sees " + ", ".join(map(str, traffic_sign[:-1])) + f", then {traffic_sign[-1]}" in cnn
    lenet = [(5, 1), (2, 2), (5, 1), (2, 2), (5, 1)]
    assert _receptive_fields(lenet)[-1] == 32 and "a C5 unit sees all 32×32 pixels" in cnn
    size, shapes = 32, []
    for (kernel, stride), channels in zip(lenet, (6, 6, 16, 16, 120)):
        size = (size - kernel) // stride + 1
        shapes.append(f"{channels}@{size}×{size}" if size > 1 else f"{channels}")
    assert f"32×32 input, C1 {shapes[0]}" in cnn
    for label, shape in zip(("S2", "C3", "S4", "C5"), shapes[1:]):
        assert f"{label} {shape}" in cnn, (label, shape)
    assert "F6 84, 10 outputs" in cnn


def test_convolution_states_channels_parameters_padding_and_equivariance():
    convolution = text("convolution")
    assert "D(k²C + 1)" in convolution and f"16·(25·3 + 1) = {16 * (25 * 3 + 1):,}" in convolution
    assert "p = (k − 1)/2" in convolution
    for k in (1, 3, 5, 7):
        p = (k - 1) // 2
        assert (32 - k + 2 * p) // 1 + 1 == 32
    assert "equivariant" in convolution


def test_pooling_covers_backprop_ties_overlaps_and_strided_convolutions():
    pooling = text("pooling")
    assert "tie" in pooling and "overlap" in pooling and "sum" in pooling
    assert "stride-2 convolutions" in pooling


def test_unit_states_the_geometry_of_its_boundary():
    unit = text("unit")
    assert "−b/‖w‖" in unit and "normal" in unit
    w, b, x = (0.5, -1.0), 1.0, (1.0, 2.0)
    norm = math.hypot(*w)
    z = w[0] * x[0] + w[1] * x[1] + b
    assert f"‖w‖ = √1.25 ≈ {norm:.3f}" in unit
    assert f"line is {abs(b) / norm:.3f} from the origin" in unit
    assert f"x lies {abs(z) / norm:.3f} on its negative side" in unit and z < 0


# --- the explanation-only entries: review fixes, depth and links --------------------------------

EXPLANATION_ONLY = (
    "alexnet",
    "applications",
    "attention",
    "classification",
    "deep-belief-network",
    "deep-learning-framework",
    "encoder-decoder",
    "history",
    "hyperparameter",
    "image-captioning",
    "imagenet",
    "language-model",
    "local-minimum",
    "logit",
    "memory-network",
    "natural-language-processing",
    "object-recognition",
    "one-hot-encoding",
    "reinforcement-learning",
    "restricted-boltzmann-machine",
    "speech-recognition",
    "stride-and-padding",
    "support-vector-machine",
    "universal-approximation",
    "weight-initialization",
)


def test_the_2006_recipe_was_first_for_deep_fully_connected_networks_not_for_all_deep_ones():
    # ConvNets such as LeNet trained well in the 1990s
    for name in ("deep-belief-network", "restricted-boltzmann-machine"):
        assert "the first recipe that trained deep fully connected networks well" in text(name), name
    assert "first to train networks of many layers well" not in text("deep-belief-network")
    assert "were the first deep networks that trained well" not in text("restricted-boltzmann-machine")


def test_speech_recognition_was_the_first_large_scale_industrial_success_not_the_first_win():
    speech = text("speech-recognition")
    assert "the first field where deep networks clearly beat" not in speech
    assert "first large-scale industrial success of the post-2006 wave" in speech


def test_alexnet_and_imagenet_say_the_winning_15_3_percent_came_from_seven_networks():
    alexnet = text("alexnet")
    assert "averaging several such networks" not in alexnet
    assert "the average of seven networks' predictions" in alexnet
    assert "extra sixth convolution layer" in alexnet and "Fall 2011 release" in alexnet
    assert "A single network scored 18.2% top-5 error" in alexnet and "table 2" in alexnet
    imagenet = text("imagenet")
    assert "won with 15.3% against the runner-up's 26.2%" in imagenet
    assert "averaged seven networks" in imagenet and "18.2%" in imagenet
    assert "nearly halving" not in imagenet


def test_history_credits_reverse_mode_differentiation_and_the_neocognitron():
    history = text("history")
    assert "Linnainmaa (1970)" in history
    assert "Werbos" in history and "thesis 1974, paper 1982" in history
    assert "Fukushima's Neocognitron (1980)" in history
    assert "baydin2018" in ENTRIES["history"].source_keys


def test_object_recognition_counts_a_detection_when_iou_exceeds_one_half():
    objects = text("object-recognition")
    assert "IoU ≥ 0.5" not in objects and "IoU > 0.5" in objects

    def iou(offset, side=10):  # two side × side boxes shifted sideways by `offset`
        overlap = (side - offset) * side
        return overlap / (2 * side * side - overlap)

    assert math.isclose(iou(5), 1 / 3) and "IoU = 1/3: not a hit" in objects
    assert math.isclose(iou(2), 2 / 3) and "overlap in 80 of 120, IoU = 2/3: a hit" in objects


def test_local_minimum_covers_the_degenerate_hessian_of_rescalable_networks():
    local = text("local-minimum")
    assert "degenerate Hessian" in local and "some λᵢ = 0" in local and "x⁴" in local
    # L(w1, w2) = (w1 w2 - 1)^2: its Hessian at (1, 1) by central differences
    loss = lambda a, b: (a * b - 1) ** 2
    h = 1e-4
    d11 = (loss(1 + h, 1) - 2 * loss(1, 1) + loss(1 - h, 1)) / h**2
    d22 = (loss(1, 1 + h) - 2 * loss(1, 1) + loss(1, 1 - h)) / h**2
    d12 = (loss(1 + h, 1 + h) - loss(1 + h, 1 - h) - loss(1 - h, 1 + h) + loss(1 - h, 1 - h)) / (4 * h * h)
    assert all(math.isclose(d, 2, rel_tol=1e-5) for d in (d11, d22, d12))
    mean, spread = (d11 + d22) / 2, math.hypot((d11 - d22) / 2, d12)
    assert math.isclose(mean + spread, 4, rel_tol=1e-5) and abs(mean - spread) < 1e-4
    assert math.isclose(d11 * 1 + d12 * -1, 0, abs_tol=1e-4)  # the 0 lies along (1, −1)
    assert all(loss(c, 1 / c) == 0 for c in (0.5, 2.0, 4.0))  # the flat curve w1 w2 = 1
    assert "[[2, 2], [2, 2]] has eigenvalues 4 and 0, the 0 along (1, −1)" in local


def test_applications_credits_the_multitask_result_to_dahl_and_the_comparison_to_ma():
    applications = text("applications")
    assert not re.search(r"multitask networks predicted[^;]*Ma et al", applications)
    assert "multitask, often helps (Dahl et al., 2014)" in applications
    assert "from 0.42 for random forests, Merck's standard method, to 0.49" in applications
    assert "better than random forests on most of its data sets (Ma et al., 2015)" in applications


def test_caffe_is_dated_from_its_december_2013_release():
    framework = text("deep-learning-framework")
    assert "Caffe (Berkeley, 2014)" not in framework
    assert "Caffe (Berkeley, first released in December 2013)" in framework


def test_attention_explains_the_transformer_beyond_its_formula():
    attention = text("attention")
    for term in (
        "self-attention",
        "query",
        "key",
        "value",
        "Multi-head attention",
        "positional encoding",
        "ignores order",
        "√d_k",
        "Bahdanau, Cho and Bengio (2015)",
    ):
        assert term in attention, term
    weights = [math.exp(2) / (math.exp(2) + 2), 1 / (math.exp(2) + 2), 1 / (math.exp(2) + 2)]
    assert "scores (2, 0, 0) give weights ({:.2f}, {:.2f}, {:.2f})".format(*weights) in attention
    context = (weights[0] + weights[2], weights[1] + weights[2])
    assert "c ≈ ({:.2f}, {:.2f})".format(*context) in attention
    assert 512 // 8 == 64 and "width d = 512 and 8 heads of d_k = 64" in attention
    assert 1000 * 1000 == 10**6 and "1,000 tokens give a million scores" in attention


def test_nlp_explains_tokenization_and_pretrained_transformers():
    nlp = text("natural-language-processing")
    for term in ("tokenizer", "byte-pair encoding", "WordPiece", "BERT", "GPT", "fine-tuned"):
        assert term in nlp, term
    assert f"{50_000 * 300 / 1e6:.0f} million parameters" in nlp
    embedding = 30_522 * 768
    assert f"{embedding / 1e6:.1f} million parameters, a fifth of its 110 million" in nlp
    assert 0.18 < embedding / 110e6 < 0.22


def test_framework_connects_the_glossary_to_keras():
    framework = text("deep-learning-framework")
    for term in (
        "tensor",
        "keras.ops",
        "keras.Sequential",
        "functional API",
        "keras.Input",
        "`compile`",
        "`fit`",
        "`evaluate`",
        "KERAS_BACKEND",
        "GradientTape",
        "jax.grad",
    ):
        assert term in framework, term
    conv = 16 * (5 * 5 * 1 + 1)
    maps = (28 - 5 + 1) ** 2 * 16
    dense = maps * 10 + 10
    assert f"= {conv} in the convolution, whose maps hold 24 · 24 · 16 = {maps:,} numbers" in framework
    assert f"= {dense:,} in the dense layer: {conv + dense:,} in all" in framework
    # the entries it points to build their models and gradients the way it says
    assert "keras.Sequential(" in ENTRIES["cnn"].path.read_text(encoding="utf-8")
    assert "keras.Model(inputs, outputs" in ENTRIES["inception"].path.read_text(encoding="utf-8")
    assert "GradientTape" in ENTRIES["backpropagation"].path.read_text(encoding="utf-8")


@pytest.mark.parametrize("name", EXPLANATION_ONLY)
def test_explanation_only_entry_is_linked_from_two_others(name):
    linking = sorted(e.name for e in ENTRIES.values() if name in e.related)
    assert len(linking) >= 2, f"{name} is linked only from {linking}"


@pytest.mark.parametrize("name", EXPLANATION_ONLY)
def test_explanation_only_entry_asks_recall_questions_its_text_answers(name):
    entry = ENTRIES[name]
    assert entry.recall, f"{name} has no RECALL question"
    docstring = " ".join(entry.docstring.split())
    for question in entry.recall:
        assert " ".join(question["why"].split()) in docstring, question["why"]
    assert len(entry.prerequisites) <= 3
    assert all(p in ENTRIES and p != name for p in entry.prerequisites), entry.prerequisites


def test_lee2011_keeps_its_title():
    """The table of works is left out of the overlap check (.ci/run), so titles stay whole."""
    citation = glossary.source_table()["lee2011"]
    assert '"Unsupervised learning of hierarchical representations' in citation
    assert 'with convolutional deep belief networks"' in citation


def test_mlp_says_universality_needs_a_non_polynomial_activation():
    mlp = text("mlp")
    assert "not be is a polynomial" in mlp and "Leshno" in mlp
