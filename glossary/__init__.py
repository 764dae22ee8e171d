"""The registry of glossary entries: names, aliases, lookup and did-you-mean.

Every module in this package (except this one and names starting with "_") is one entry. The
registry learns everything about an entry by *parsing* its file with `ast`, never by importing it:
the core entries import Keras, and the read-only commands (`explain`, `list`, `search`, `code`)
must stay fast. Nothing here may import tensorflow, keras or jax.

What a module contributes, and where the registry reads it:

- the explanation: the module docstring (Markdown);
- the summary: the docstring's first paragraph;
- `TITLE` and `ALIASES`: string literals at module level;
- related entries: the `- **name**:` bullets of the docstring's "## See also" section;
- sources: the bullets of its "## Sources" section, each `- [key]` or `- [key] — note`, where the
  key names a work in `_sources.py` (read with `ast` too); the registry swaps each key for the
  full citation, in `Entry.sources` and in the explanation itself, so every work is written once;
- the implementation: the top-level definitions named in `__all__`;
- a demo: a top-level function called `demo`, with its default settings in a `DEMO` dict
  literal whose keys and types `DEMO_SCHEMA` fixes (checked here, so a misspelt key is an error
  naming the file, not a setting silently ignored), so bad options are refused before Keras is
  imported.
"""

from __future__ import annotations

import ast
import collections
import dataclasses
import difflib
import functools
import math
import re
import textwrap
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from nutshell.glossary import _cache

PACKAGE_DIR = Path(__file__).resolve().parent

_SEE_ALSO_ITEM = re.compile(r"^- \*\*([a-z0-9-]+)\*\*")


# The eight core entries: the main line of the course, and the demos CI trains on every push.
CORE = ("unit", "activation", "layer", "convolution", "pooling", "cnn", "inception", "lstm")

# What a DEMO dict may say, and the type of each value. The front door's settings read these.
DEMO_SCHEMA: dict[str, tuple[type, ...]] = {
    "epochs": (int,),  # default training epochs
    "batch_size": (int,),  # default global batch (the replicas split it)
    "learning_rate": (float, int),  # default rate of the run's optimizer
    "datasets": (tuple,),  # the datasets --dataset accepts, the default first
    "steps_per_execution": (int,),  # batches per compiled step (default 8; 1 where a demo needs it)
    "quick": (dict,),  # --quick overrides of epochs / batch_size / learning_rate
    "single_device": (str,),  # why the demo cannot run under --strategy (refused up front)
    "ignores": (dict,),  # {option: why}: options the demo does not use (refused)
}
DEMO_REQUIRED = ("epochs", "batch_size", "learning_rate")
QUICK_KEYS = ("epochs", "batch_size", "learning_rate", "steps_per_execution")
IGNORABLE = ("epochs", "batch_size", "learning_rate")


class BadDemoConfig(ValueError):
    """An entry's DEMO dict breaks the schema: an unknown key, a wrong type, a reason too short."""


def check_demo_config(config: dict, path: Path) -> dict:
    """`config` if it follows DEMO_SCHEMA; otherwise BadDemoConfig naming the file and the key."""

    def problem(message: str) -> BadDemoConfig:
        return BadDemoConfig(f"{path.name}: DEMO {message}")

    for key, value in config.items():
        if key not in DEMO_SCHEMA:
            raise problem(f"has an unknown key '{key}' (known: {', '.join(DEMO_SCHEMA)})")
        if not isinstance(value, DEMO_SCHEMA[key]) or isinstance(value, bool):
            raise problem(
                f"['{key}'] must be {' or '.join(t.__name__ for t in DEMO_SCHEMA[key])}, not {type(value).__name__}"
            )
    missing = [key for key in DEMO_REQUIRED if key not in config]
    if missing:
        raise problem(f"lacks {', '.join(missing)}")
    for key, value in config.get("quick", {}).items():
        if key not in QUICK_KEYS or not isinstance(value, DEMO_SCHEMA[key]):
            raise problem(f"['quick'] may set {', '.join(QUICK_KEYS)} only, with the types above: '{key}'")
    reasons = {"single_device": config.get("single_device", "x" * 21), **config.get("ignores", {})}
    for key, why in reasons.items():  # a reason the user reads, never a bare flag
        if key != "single_device" and key not in IGNORABLE:
            raise problem(f"['ignores'] names '{key}'; a demo may ignore {', '.join(IGNORABLE)}")
        if not isinstance(why, str) or len(why) <= 20:
            raise problem(f"['{key}'] must say why, in a sentence the user reads")
    return config


def check_question(question: dict | None, path: Path, name: str, answered: bool) -> dict | None:
    """A PREDICT or RECALL question if it is well formed; BadDemoConfig naming the file if not.

    Both have a `question`, 3-5 distinct `options` keyed "A".."E" and a `why` (sentences of the
    entry that explain the answer). A RECALL question also names its `answer`; a PREDICT
    question's answer is computed from the run by the entry's `outcome(claim)` function.
    """
    if question is None:
        return None

    def problem(message: str) -> BadDemoConfig:
        return BadDemoConfig(f"{path.name}: {name} {message}")

    keys = {"question", "options", "why", *(("answer",) if answered else ())}
    if not isinstance(question, dict) or set(question) != keys:
        raise problem(f"must have exactly the keys {sorted(keys)}")
    options = question["options"]
    if (
        not isinstance(options, dict)
        or not 3 <= len(options) <= 5
        or list(options) != [chr(ord("A") + i) for i in range(len(options))]
    ):
        raise problem("needs 3 to 5 options keyed A, B, C, ...")
    if len({compact(text) for text in options.values()}) != len(options):
        raise problem("has two options that say the same")
    if answered and question["answer"] not in options:
        raise problem(f"answer {question['answer']!r} is not one of its options")
    if not all(isinstance(question[key], str) and question[key].strip() for key in ("question", "why")):
        raise problem("needs a question and a why")
    return question


class UnknownEntry(LookupError):
    """Raised for a term that names no entry; carries the closest names as suggestions."""

    def __init__(self, term: str, suggestions: list[str]):
        super().__init__(term)
        self.term = term
        self.suggestions = suggestions


@dataclass(frozen=True)
class Entry:
    """One glossary entry, as read from its module's source."""

    name: str
    title: str
    aliases: tuple[str, ...]
    docstring: str  # the module docstring as written, Sources cited by key
    related: tuple[str, ...]
    implementation: tuple[str, ...]
    has_demo: bool
    demo_config: dict
    path: Path
    prerequisites: tuple[str, ...] = ()  # entries to know first: the course's edges (nutshell path)
    predict: dict | None = None  # the question asked before the demo (nutshell demo --predict)
    recall: tuple[dict, ...] = ()  # questions whose answer the entry's text gives (nutshell quiz)

    @functools.cached_property
    def _cited(self) -> tuple[str, tuple[str, ...], tuple[str, ...]]:
        """(explanation, sources, source keys): the Sources bullets swapped for full citations.

        Computed on first use: `list` needs no citation, and `explain` needs one entry's.
        """
        explanation, sources, keys = _with_citations(self.docstring, source_table())
        return explanation, tuple(sources), tuple(keys)

    @property
    def explanation(self) -> str:
        """The explanation in Markdown, with every cited work written out in full."""
        return self._cited[0]

    @property
    def sources(self) -> tuple[str, ...]:
        return self._cited[1]

    @property
    def source_keys(self) -> tuple[str, ...]:
        return self._cited[2]

    @property
    def summary(self) -> str:
        """The first paragraph of the explanation, on one line."""
        return " ".join(self.docstring.split("\n\n", 1)[0].split())

    @property
    def takes_images(self) -> bool:
        """Whether the demo trains on an image dataset, and so can take the user's own (--data)."""
        return bool({"mnist", "digits"} & set(self.demo_config.get("datasets", ())))

    @property
    def module(self) -> str:
        """The importable module name, built from this package's own name (`nutshell.glossary`)."""
        return f"{__name__}.{self.path.stem}"


def _sections(markdown: str) -> dict[str, str]:
    """Split Markdown into {heading (lower case): body} on `## ` headings, outside code fences."""
    sections: dict[str, list[str]] = {}
    current = None
    in_fence = False
    for line in markdown.splitlines():
        if line.startswith("```"):
            in_fence = not in_fence
        if not in_fence and line.startswith("## "):
            current = line[3:].strip().lower()
            sections[current] = []
        elif current is not None:
            sections[current].append(line)
    return {heading: "\n".join(lines).strip() for heading, lines in sections.items()}


def _bullets(text: str) -> list[str]:
    """The `- ` items of a Markdown list; continuation lines are joined onto their item."""
    items: list[str] = []
    for line in text.splitlines():
        if line.startswith("- "):
            items.append(line[2:].strip())
        elif line.startswith("  ") and items:
            items[-1] += " " + line.strip()
    return items


def _literal(tree: ast.Module, name: str):
    for node in tree.body:
        if isinstance(node, ast.Assign) and any(
            isinstance(target, ast.Name) and target.id == name for target in node.targets
        ):
            return ast.literal_eval(node.value)
    return None


SOURCES_PATH = PACKAGE_DIR / "_sources.py"

# A Sources bullet that cites by key: `[key]`, optionally followed by a dash and a note.
_CITATION = re.compile(r"^\[([a-z0-9_-]+)\](?:\s*[—–-]\s*(.*))?$", re.DOTALL)


@functools.lru_cache(maxsize=1)
def source_table() -> dict[str, str]:
    """Key -> full citation, read from `_sources.py` with `ast` (never imported)."""
    tree = ast.parse(SOURCES_PATH.read_text(encoding="utf-8"), filename=str(SOURCES_PATH))
    return dict(_literal(tree, "SOURCES") or {})


def _cite(item: str, table: dict[str, str]) -> tuple[str, str | None]:
    """One Sources bullet as the reader sees it, and the key it cites (None if it cites none).

    An unknown key is left as typed, `[key]`, so the entry still renders; a test catches it.
    """
    match = _CITATION.match(item)
    if not match:
        return item, None
    key, note = match.group(1), match.group(2)
    citation = table.get(key, f"[{key}]")
    return (f"{citation} — {note.strip()}" if note else citation), key


def _with_citations(markdown: str, table: dict[str, str]) -> tuple[str, list[str], list[str]]:
    """`markdown` with each Sources bullet's key replaced by its citation.

    Returns the new text, the rendered bullets and the keys cited, in order. Only the "## Sources"
    section changes; its bullets are re-wrapped at 100 columns for plain-text output.
    """
    lines = markdown.splitlines()
    start = next((i for i, line in enumerate(lines) if line.strip().lower() == "## sources"), None)
    if start is None:
        return markdown, [], []
    end = next((i for i in range(start + 1, len(lines)) if lines[i].startswith("## ")), len(lines))
    cited, keys, body = [], [], []
    for item in _bullets("\n".join(lines[start + 1 : end])):
        text, key = _cite(item, table)
        cited.append(text)
        if key is not None:
            keys.append(key)
        body.append(
            textwrap.fill(
                text, 100, initial_indent="- ", subsequent_indent="  ", break_on_hyphens=False, break_long_words=False
            )
        )
    rendered = "\n".join(lines[: start + 1] + body + lines[end:])
    return rendered, cited, keys


# The first import of the code (not `from __future__`): everything the registry reads sits above it.
_CODE_STARTS = re.compile(r"^(?:import |from (?!__future__ )\S+ import )", re.MULTILINE)
_DEFINES_DEMO = re.compile(r"^def demo\(", re.MULTILINE)


def _head(source: str) -> str:
    """The part of an entry's source above its code: docstring, TITLE, ALIASES, DEMO, `__all__`.

    Parsing only this part, not the whole module, keeps `explain`, `list` and `search` instant as
    the glossary grows (an entry's code is often three times longer than its metadata).
    """
    start = _CODE_STARTS.search(source)
    return source[: start.start()] if start else source


def parse_entry(path: Path) -> Entry:
    """Read one entry module's metadata from its source, without importing it."""
    source = path.read_text(encoding="utf-8")
    tree = ast.parse(_head(source), filename=str(path))
    docstring = ast.get_docstring(tree, clean=True) or ""
    related = tuple(
        match.group(1)
        for line in _sections(docstring).get("see also", "").splitlines()
        if (match := _SEE_ALSO_ITEM.match(line))
    )
    has_demo = bool(_DEFINES_DEMO.search(source))
    name = path.stem.replace("_", "-")
    return Entry(
        name=name,
        title=_literal(tree, "TITLE") or name.capitalize(),
        aliases=tuple(_literal(tree, "ALIASES") or ()),
        docstring=docstring,
        related=related,
        implementation=tuple(_literal(tree, "__all__") or ()),
        has_demo=has_demo,
        demo_config=check_demo_config(_literal(tree, "DEMO") or {}, path) if has_demo else {},
        path=path,
        prerequisites=tuple(_literal(tree, "PREREQUISITES") or ()),
        predict=check_question(_literal(tree, "PREDICT"), path, "PREDICT", answered=False),
        recall=tuple(
            check_question(q, path, f"RECALL[{i}]", answered=True) for i, q in enumerate(_literal(tree, "RECALL") or ())
        ),
    )


def entry_paths() -> list[Path]:
    """The entry modules on disk, in name order."""
    return sorted(path for path in PACKAGE_DIR.glob("*.py") if not path.name.startswith("_"))


@functools.lru_cache(maxsize=1)
def all_entries() -> dict[str, Entry]:
    """Every entry, keyed by name, in name order (from the on-disk cache while no file changed)."""
    cached = _cache.load("entries")
    if cached is not None:
        return {fields["name"]: _entry_from_json(fields) for fields in cached}
    entries = {entry.name: entry for entry in map(parse_entry, entry_paths())}
    _cache.store("entries", [_entry_to_json(entry) for entry in entries.values()])
    return entries


def _entry_to_json(entry: Entry) -> dict:
    fields = {field.name: getattr(entry, field.name) for field in dataclasses.fields(entry)}
    return {**fields, "path": str(entry.path)}


def _entry_from_json(fields: dict) -> Entry:
    """An Entry as parse_entry builds it: JSON has lists where the Entry keeps tuples."""
    demo = dict(fields["demo_config"])
    if "datasets" in demo:
        demo["datasets"] = tuple(demo["datasets"])
    return Entry(
        **{
            **fields,
            **{key: tuple(fields[key]) for key in ("aliases", "related", "implementation", "prerequisites", "recall")},
            "demo_config": demo,
            "path": Path(fields["path"]),
        }
    )


def compact(text: str) -> str:
    """The form lookup compares: case, accents, spaces, hyphens and punctuation removed.

    `Max-Pooling`, `max pooling` and `maxpooling` all become `maxpooling`. The multiplication
    sign is read as an `x` so that `1×1 convolution` finds `1x1 convolution`.
    """
    text = unicodedata.normalize("NFKD", text).casefold().replace("×", "x")
    return _NOT_ALNUM.sub("", text.encode("ascii", "ignore").decode("ascii"))


_NOT_ALNUM = re.compile(r"[^a-z0-9]+")


def _singular_forms(key: str) -> list[str]:
    """`key` and the forms it would have without a plural ending on its last word."""
    forms = [key]
    if key.endswith("ies") and len(key) > 4:
        forms.append(key[:-3] + "y")
    if key.endswith("es") and len(key) > 3:
        forms.append(key[:-2])
    if key.endswith("s") and not key.endswith("ss") and len(key) > 2:
        forms.append(key[:-1])
    return forms


@functools.lru_cache(maxsize=1)
def _index() -> dict[str, str]:
    """compact(name or alias) -> entry name."""
    index: dict[str, str] = {}
    for entry in all_entries().values():
        for key in (entry.name, entry.title, *entry.aliases):
            index.setdefault(compact(key), entry.name)
    return index


def lookup(term: str) -> Entry:
    """The entry a user means by `term`, forgiving case, spacing, hyphens and plurals.

    Raises UnknownEntry, with up to three suggestions, when nothing matches.
    """
    index = _index()
    key = compact(term)
    for form in _singular_forms(key):
        if form in index:
            return all_entries()[index[form]]
    raise UnknownEntry(term, suggest(term))


def suggest(term: str, limit: int = 3) -> list[str]:
    """Entry names whose name or aliases are spelled most like `term`."""
    key = compact(term)[:64]
    if not key:
        return []
    index = _index()
    close = difflib.get_close_matches(key, list(index), n=limit * 4, cutoff=0.75)
    names: list[str] = []
    for match in close:
        if index[match] not in names:
            names.append(index[match])
    return names[:limit]


def names() -> list[str]:
    return list(all_entries())


@dataclass(frozen=True)
class Hit:
    """One search result: the entry, its relevance score and a snippet around the first match."""

    entry: Entry
    score: float
    snippet: str


# Words that say nothing about which entry a question is about ("how do I avoid overfitting").
STOP_WORDS = frozenset(
    """
a about above after again all also am an and any are as at be because been before being below
between both but by can could did do does doing done down during each else few for from further
get gets got had has have having he her here hers him his how i if in into is it its itself just
kind make makes many me more most much my no nor not of off on once only or other our out over own
same she should so some such than that the their them then there these they this those through
to too under until up use used uses using very via was we were what when where which while who
whom why will with would you your yours
avoid prevent help helps work works mean means happen happens need needs want know good better
best way ways thing things instead really actually exactly example difference between explain
""".split()
)

# BM25 over the text (summary and body; the summary counts more, long bodies are damped), plus a
# name score: a word in an entry's name or aliases almost defines it, weighted by how rare the word
# is among names (many bodies mention "kernel", one entry is called that).
_TEXT_FIELDS = {"summary": (2.5, 0.5), "body": (1.0, 0.75)}  # field: (weight, length normalisation b)
_NAME_WEIGHT = 1.5
_K1 = 1.2


def _words(text: str) -> list[str]:
    return re.findall(r"[a-z0-9]+", unicodedata.normalize("NFKD", text).casefold())


def _stem(word: str) -> str:
    """A light English stemmer: enough that `overfitting`, `overfits` and `overfit` meet."""
    for suffix in ("ational", "ations", "ation", "ings", "ing", "edly", "ed", "ies", "es", "ly", "s"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            word = word[: -len(suffix)] + ("y" if suffix == "ies" else "")
            break
    else:
        if word.endswith("e") and len(word) > 4:  # "explode" meets "exploding", "score" meets "scores"
            word = word[:-1]
    if len(word) > 4 and word[-1] == word[-2] and word[-1] not in "ls":  # "fitt" -> "fit"
        word = word[:-1]
    return word


@functools.lru_cache(maxsize=1)
def _search_index() -> tuple[
    dict[str, dict[str, dict[str, int]]], dict[str, dict[str, int]], dict[str, float], dict[str, list[list[str]]]
]:
    """Per entry and field, stem counts and lengths; the average length of each field; and each
    entry's names as lists of stems (from the on-disk cache while no file changed)."""
    cached = _cache.load("search")
    if cached is not None:
        return cached[0], cached[1], cached[2], cached[3]
    counts: dict[str, dict[str, dict[str, int]]] = {}
    lengths: dict[str, dict[str, int]] = {}
    phrases: dict[str, list[list[str]]] = {}  # each name and alias, as stems
    for entry in all_entries().values():
        texts = {
            "names": " ".join((entry.name, entry.title, *entry.aliases)),
            "summary": entry.summary,
            "body": entry.docstring.split("\n## Sources", 1)[0],
        }
        counts[entry.name], lengths[entry.name] = {}, {}
        phrases[entry.name] = [
            stems for alias in (entry.name, entry.title, *entry.aliases) if (stems := _stems(alias.replace("-", " ")))
        ]
        for field, text in texts.items():
            stems = _stems(text)
            counts[entry.name][field] = dict(collections.Counter(stems))
            lengths[entry.name][field] = len(stems)
    average = {
        field: sum(lengths[name][field] for name in lengths) / max(len(lengths), 1) or 1.0
        for field in ("names", *_TEXT_FIELDS)
    }
    _cache.store("search", [counts, lengths, average, phrases])
    return counts, lengths, average, phrases


def _stems(text: str) -> list[str]:
    return [_stem(word) for word in _words(text) if word not in STOP_WORDS]


def _coverage(term: str, terms: list[str], phrases: list[list[str]]) -> float:
    """A name match's weight, from 0.5 to 1 with how much of the best name or alias holding `term`
    the query covers: a query word that is one word of a longer alias ("probabilities" in "keep
    probability") counts for less than one that is the whole name ("dropout")."""

    def matches(query_term: str, stem: str) -> bool:
        return stem == query_term or (len(query_term) >= 4 and stem.startswith(query_term))

    covers = [
        sum(any(matches(t, stem) for t in terms) for stem in phrase) / len(phrase)
        for phrase in phrases
        if any(matches(term, stem) for stem in phrase)
    ]
    return 0.5 + 0.5 * max(covers, default=0.0)


def _idf(documents: int, total: int) -> float:
    return math.log(1.0 + (total - documents + 0.5) / (documents + 0.5))


def _matching(term: str, vocabulary: dict[str, int]) -> int:
    """How often `term` occurs in a field: the stem itself, or as the start of a longer word when
    the term has 4+ letters (`conv` finds `convolution`; a one-letter word matches only itself)."""
    if len(term) < 4:
        return vocabulary.get(term, 0)
    return sum(count for stem, count in vocabulary.items() if stem.startswith(term))


def search(query: str, limit: int = 10) -> list[Hit]:
    """Entries ranked by relevance to `query`: BM25 over summary and body, plus a name score.

    Stop words are dropped (a question's "how do I" says nothing about its subject; a query of
    stop words alone finds nothing), words are
    stemmed, rare words weigh more than common ones (inverse document frequency), and a field's
    repeated mentions saturate, so an entry that names a word twenty times does not drown one that
    is about it. An exact name or alias match always ranks first.
    """
    words = _words(query)
    terms = [_stem(word) for word in words if word not in STOP_WORDS]
    if not terms:
        return []
    try:
        exact = lookup(query).name
    except UnknownEntry:
        exact = None
    counts, lengths, average, phrases = _search_index()
    entries = all_entries()
    in_text = {
        term: sum(any(_matching(term, counts[n][f]) for f in _TEXT_FIELDS) for n in counts) for term in set(terms)
    }
    in_names = {term: sum(bool(_matching(term, counts[n]["names"])) for n in counts) for term in set(terms)}
    hits = []
    for name, entry in entries.items():
        score = 0.0
        for term in terms:
            weighted = sum(
                weight * _matching(term, counts[name][field]) / (1.0 - b + b * lengths[name][field] / average[field])
                for field, (weight, b) in _TEXT_FIELDS.items()
            )
            if weighted:
                score += _idf(in_text[term], len(entries)) * weighted * (_K1 + 1.0) / (weighted + _K1)
            named = _matching(term, counts[name]["names"])
            if named:
                cover = _coverage(term, terms, phrases[name])
                score += cover * _NAME_WEIGHT * _idf(in_names[term], len(entries)) * named * (_K1 + 1.0) / (named + _K1)
        if name == exact:
            score += 100.0
        if score > 0:
            hits.append(Hit(entry, round(score, 2), _snippet(entry.explanation, words)))
    hits.sort(key=lambda hit: (-hit.score, hit.entry.name))
    return hits[:limit]


def _snippet(text: str, words: list[str], width: int = 110) -> str:
    """About `width` characters of `text` around the first query word, on one line."""
    flat = " ".join(re.sub(r"^#+ ", "", text, flags=re.MULTILINE).split())  # headings read as words
    first = min(
        (m.start() for w in words if (m := re.search(rf"\b{re.escape(w)}", flat, re.I))),
        default=0,
    )
    start = max(0, first - width // 3)
    end = min(len(flat), start + width)
    return ("…" if start else "") + flat[start:end].strip() + ("…" if end < len(flat) else "")


def implementation_source(entry: Entry) -> str | None:
    """The entry's Keras implementation as source text, read from its file.

    That is the module's imports followed by the contiguous span from the first to the last
    definition named in `__all__`; None for explanation-only entries. Reading the file (rather
    than keeping a copy) means `nutshell code` can never drift from the code that runs.
    """
    if not entry.implementation:
        return None
    source = entry.path.read_text(encoding="utf-8")
    lines = source.splitlines()
    tree = ast.parse(source)
    wanted = set(entry.implementation)
    defs = [node for node in tree.body if isinstance(node, (ast.ClassDef, ast.FunctionDef)) and node.name in wanted]
    if not defs:
        return None
    imports = [  # whole statements: a parenthesised import spans several lines
        ast.get_source_segment(source, node)
        for node in tree.body
        if isinstance(node, (ast.Import, ast.ImportFrom))
        and not (isinstance(node, ast.ImportFrom) and node.module == "__future__")
    ]
    first = min(min([d.lineno] + [x.lineno for x in d.decorator_list]) for d in defs)
    last = max(d.end_lineno for d in defs)
    body = "\n".join(lines[first - 1 : last])
    return "\n".join(imports) + "\n\n\n" + body + "\n"
