"""nutshell: a deep-learning glossary you can run.

This package is the front door (the `nutshell` command) and the runtime every demo runs on; the
knowledge lives in `nutshell.glossary` and the bundled datasets in `nutshell.data`. Importing it is
cheap: nothing here touches Keras until `load_model` or `demo` is called. `explain` and `demo` are
the Python API for notebooks and scripts (nutshell.api).
"""

from __future__ import annotations

import os
from importlib import metadata
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import keras

    from nutshell import api

try:
    __version__ = metadata.version("nutshell-dl")
except metadata.PackageNotFoundError:  # running from a source tree that was never installed
    __version__ = "0+unknown"


def load_model(path: str | os.PathLike[str]) -> keras.Model:
    """Load a trained model from a run directory or a `model.keras` file, in Keras's safe mode.

    The custom layers a model uses (our `Unit`, `InceptionModule`, ...) are defined in glossary
    entry modules; this imports exactly the entries whose layers the file names, so the model
    loads in a fresh Python process. Example:

        from nutshell import load_model
        model = load_model("runs/cnn/20261125-101500")
        model.predict(images)
    """
    from nutshell.saved_models import load_model as load

    return load(path)


def explain(term: str) -> api.Explained:
    """The glossary entry for `term`, which Jupyter shows as Markdown. See nutshell.api."""
    from nutshell import api

    return api.explain(term)


def demo(term: str, **options: Any) -> api.DemoResult:
    """Run `term`'s demo as `nutshell demo` would; Jupyter shows the verdict card. See nutshell.api.demo."""
    from nutshell import api

    return api.demo(term, **options)


__all__ = ["__version__", "demo", "explain", "load_model"]
