"""Every example in the glossary's docstrings runs and prints what it claims (doctest).

The modules are imported by their installed names (`nutshell.glossary.unit`), as a reader imports
them. `pytest --doctest-modules glossary` also passes, but it imports each file a second time as
`glossary.unit`; inside one pytest session that second copy of every layer class takes over
Keras's registry of serialisable classes, and a model saved with `nutshell.glossary.lstm`'s cell
then loads with the other copy's (tests/glossary/test_lstm.py fails when collected first). So the
suite runs the doctests here instead of putting `glossary` in pytest's testpaths.
"""

import doctest
import importlib
from pathlib import Path

import pytest

from nutshell import glossary

FOLDER = Path(glossary.__file__).parent
WITH_EXAMPLES = sorted(path.stem for path in FOLDER.glob("*.py") if ">>>" in path.read_text(encoding="utf-8"))


def test_the_glossary_has_examples_to_run():
    # The layers and build_cnn carry examples; if this list empties, the test below checks nothing.
    assert {"activation", "cnn", "convolution", "inception", "layer", "lstm", "pooling", "unit"} <= set(WITH_EXAMPLES)


@pytest.mark.parametrize("name", WITH_EXAMPLES)
def test_docstring_examples_print_what_they_claim(name):
    module = importlib.import_module(f"nutshell.glossary.{name}")
    result = doctest.testmod(module, optionflags=doctest.NORMALIZE_WHITESPACE)
    assert result.attempted > 0, f"{name}.py has '>>>' but doctest found no example"
    assert result.failed == 0, f"{result.failed} example(s) in {name}.py failed (printed above)"
