"""The registry agrees with the modules on disk, and every entry follows the house format."""

from __future__ import annotations

import ast
import re

import pytest

from nutshell import glossary

ENTRIES = glossary.all_entries()
CORE = glossary.CORE
REQUIRED_SECTIONS = ["intuition", "the math", "see also", "sources"]


def test_registry_matches_modules_on_disk():
    on_disk = {p.stem.replace("_", "-") for p in glossary.PACKAGE_DIR.glob("*.py") if not p.name.startswith("_")}
    assert set(ENTRIES) == on_disk
    assert set(CORE) <= set(ENTRIES)
    assert len(ENTRIES) >= 40


@pytest.mark.parametrize("name", sorted(ENTRIES))
def test_entry_format(name):
    entry = ENTRIES[name]
    # The prose a reader reads; the Sources section is rendered from glossary/_sources.py.
    words = len(entry.explanation.split("\n## Sources")[0].split())
    assert 150 <= words <= 600, f"{name}: {words} words"
    assert 5 <= len(entry.summary.split()) <= 60
    assert not entry.summary.startswith("#")
    headings = [h[3:].strip().lower() for h in entry.explanation.splitlines() if h.startswith("## ")]
    positions = [headings.index(s) for s in REQUIRED_SECTIONS if s in headings]
    assert len(positions) == len(REQUIRED_SECTIONS), f"{name} lacks a section: {headings}"
    assert positions == sorted(positions) and headings[-1] == "sources"
    assert 2 <= len(entry.related) <= 6 and name not in entry.related
    assert entry.sources, f"{name} cites no source"
    assert isinstance(entry.aliases, tuple) and entry.title


@pytest.mark.parametrize("name", sorted(ENTRIES))
def test_see_also_targets_resolve(name):
    for target in ENTRIES[name].related:
        assert target in ENTRIES, f"{name} links to unknown entry {target!r}"


def test_every_alias_resolves_to_its_own_entry_and_none_is_shared():
    owners: dict[str, str] = {}
    for entry in ENTRIES.values():
        for alias in (entry.name, entry.title, *entry.aliases):
            key = glossary.compact(alias)
            assert owners.setdefault(key, entry.name) == entry.name, (
                f"{alias!r} claimed by {owners[key]} and {entry.name}"
            )
            assert glossary.lookup(alias).name == entry.name


@pytest.mark.parametrize(
    "typed, expected",
    [
        ("Max-Pooling", "pooling"),
        ("max pooling", "pooling"),
        ("subsampling", "pooling"),
        ("POOLING", "pooling"),
        ("poolings", "pooling"),
        ("neuron", "unit"),
        ("artificial neuron", "unit"),
        ("Neurons", "unit"),
        ("convnet", "cnn"),
        ("convolutional network", "cnn"),
        ("ConvNets", "cnn"),
        ("googlenet", "inception"),
        ("inception module", "inception"),
        ("long short-term memory", "lstm"),
        ("Long Short Term Memory", "lstm"),
        ("LSTMs", "lstm"),
        ("1×1 convolution", "pointwise-convolution"),
        ("rectified linear units", "relu"),
        ("activation functions", "activation"),
        ("  hidden   layer ", "layer"),
        ("feature_maps", "feature-map"),
    ],
)
def test_forgiving_lookup(typed, expected):
    assert glossary.lookup(typed).name == expected


# Terms the reference texts define or lean on: a newcomer reading any of them must find each here.
REFERENCE_TERMS = """
machine learning; feature engineering; feature learning; deep learning; logistic regression;
artificial neural network; unit; artificial neuron; activation function; layer; convolution;
pooling; subsampling; convolutional neural network; inception; hidden layer; input layer;
output layer; weights; bias; sigmoid; tanh; ReLU; rectified linear unit; maxout; perceptron;
multilayer perceptron; backpropagation; stochastic gradient descent; gradient descent;
vanishing gradient; cross-entropy; cost function; kernel; filter bank; feature map;
receptive field; shared weights; cross-correlation; convolution theorem; Fourier transform;
fully connected layer; translation invariance; equivariance; 1x1 convolution; recurrent neural
network; LSTM; GRU; gated recurrent unit; representation learning; distributed representations;
supervised learning; unsupervised learning; overfitting; training data; test data; regularization;
dropout; data augmentation; GPU; cuDNN; softmax; multinomial logistic regression; feedforward
network; local connections; learning rate; mini-batch; epoch; generalization; exploding gradient;
hierarchical features; chain rule
"""


@pytest.mark.parametrize("term", [t.strip() for t in REFERENCE_TERMS.split(";")])
def test_reference_terms_are_known(term):
    glossary.lookup(term)


def test_unknown_term_suggests_close_names():
    with pytest.raises(glossary.UnknownEntry) as info:
        glossary.lookup("poolng")
    assert info.value.suggestions[0] == "pooling"
    with pytest.raises(glossary.UnknownEntry) as info:
        glossary.lookup("zzzzqqq")
    assert info.value.suggestions == []


@pytest.mark.parametrize("name", sorted(ENTRIES))
def test_registry_reads_demo_and_implementation_from_source(name):
    entry = ENTRIES[name]
    tree = ast.parse(entry.path.read_text())
    defined = {n.name for n in tree.body if isinstance(n, (ast.FunctionDef, ast.ClassDef))}
    assert entry.has_demo == ("demo" in defined)
    assert set(entry.implementation) <= defined


@pytest.mark.parametrize(
    "config, message",
    [
        (
            {"epochs": 1, "batch_size": 8, "learning_rate": 0.1, "global_batch": "a reason long enough"},
            "unknown key 'global_batch'",
        ),
        ({"epochs": 1.5, "batch_size": 8, "learning_rate": 0.1}, "['epochs'] must be int, not float"),
        ({"epochs": 1, "batch_size": 8}, "lacks learning_rate"),
        ({"epochs": 1, "batch_size": 8, "learning_rate": 0.1, "quick": {"dataset": "x"}}, "['quick'] may set"),
        ({"epochs": 1, "batch_size": 8, "learning_rate": 0.1, "single_device": "yes"}, "must say why"),
        (
            {"epochs": 1, "batch_size": 8, "learning_rate": 0.1, "ignores": {"seed": "seeds are fixed by design"}},
            "names 'seed'",
        ),
        ({"epochs": True, "batch_size": 8, "learning_rate": 0.1}, "must be int"),
    ],
)
def test_a_demo_dict_that_breaks_the_schema_is_an_error_naming_the_file(config, message, tmp_path):
    with pytest.raises(glossary.BadDemoConfig, match=re.escape(message)) as info:
        glossary.check_demo_config(config, tmp_path / "made_up.py")
    assert str(info.value).startswith("made_up.py: DEMO")


def test_a_bad_demo_dict_stops_the_registry_reading_that_file(tmp_path):
    bad = tmp_path / "made_up.py"
    bad.write_text(
        '"""Made up."""\nDEMO = {"epochs": 1, "batch_size": 8, "learning_rate": 0.1, "epoch": 2}\n'
        "def demo(run):\n    pass\n"
    )
    with pytest.raises(glossary.BadDemoConfig, match="made_up.py: DEMO has an unknown key 'epoch'"):
        glossary.parse_entry(bad)


def test_core_entries_have_diagrams():
    for name in CORE:
        assert re.search(r"```text\n", ENTRIES[name].explanation), f"{name} has no diagram"


# Sources: every work is written once, in glossary/_sources.py, and entries cite it by key.
SOURCES = glossary.source_table()


@pytest.mark.parametrize("name", sorted(ENTRIES))
def test_sources_cite_known_keys_only(name):
    entry = ENTRIES[name]
    raw = ast.get_docstring(ast.parse(entry.path.read_text(encoding="utf-8")))
    bullets = [line for line in raw.split("## Sources", 1)[1].splitlines() if line.startswith("- ")]
    assert bullets and len(entry.source_keys) == len(bullets), (
        f"{name}: every Sources bullet must be `- [key]` or `- [key] — note`: {bullets}"
    )
    unknown = [key for key in entry.source_keys if key not in SOURCES]
    assert not unknown, f"{name} cites keys missing from glossary/_sources.py: {unknown}"
    assert len(set(entry.source_keys)) == len(entry.source_keys), f"{name} cites a work twice"
    for key, shown in zip(entry.source_keys, entry.sources):
        assert shown.startswith(SOURCES[key]) and "[" + key + "]" not in entry.explanation


def test_every_source_in_the_table_is_cited():
    cited = {key for entry in ENTRIES.values() for key in entry.source_keys}
    assert not set(SOURCES) - cited, f"never cited: {sorted(set(SOURCES) - cited)}"


def test_no_citation_is_written_twice():
    tree = ast.parse(glossary.SOURCES_PATH.read_text(encoding="utf-8"))
    table = next(node.value for node in tree.body if isinstance(node, ast.Assign) and node.targets[0].id == "SOURCES")
    keys = [key.value for key in table.keys]
    assert len(keys) == len(set(keys)), "a key appears twice in glossary/_sources.py"

    def norm(text):
        return re.sub(r"\W+", " ", text).casefold().strip()

    seen: dict[str, str] = {}
    for key, citation in SOURCES.items():
        assert re.fullmatch(r"[a-z]+[0-9]{0,4}[a-z]*", key), key
        assert seen.setdefault(norm(citation), key) == key, f"{key} repeats {seen[norm(citation)]}"
    titles = [re.search(r'"([^"]+)"', c) for c in SOURCES.values()]
    titles = [norm(t.group(1)) for t in titles if t]
    assert len(titles) == len(set(titles)), "two keys for the same title"


def test_explain_shows_full_citations():
    lstm = ENTRIES["lstm"]
    assert "hochreiter1997" in lstm.source_keys
    assert SOURCES["hochreiter1997"] in " ".join(lstm.explanation.split())
    assert any(s.startswith(SOURCES["hochreiter1997"]) for s in lstm.sources)


@pytest.mark.parametrize("name", sorted(ENTRIES))
def test_every_entry_is_linked_from_at_least_two_others(name):
    linking = sorted(entry.name for entry in ENTRIES.values() if name in entry.related)
    assert len(linking) >= 2, f"{name} is linked only from {linking}"
