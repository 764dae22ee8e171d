"""nutshell: a deep-learning glossary you can run.

This package is the front door (the `nutshell` command) and the runtime every demo runs on; the
knowledge lives in `nutshell.glossary` and the bundled datasets in `nutshell.data`. Importing it is
cheap: nothing here touches Keras until `load_model` is called.
"""

from __future__ import annotations

from importlib import metadata

try:
    __version__ = metadata.version("nutshell-dl")
except metadata.PackageNotFoundError:  # running from a source tree that was never installed
    __version__ = "0+unknown"


def load_model(path):
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


__all__ = ["__version__", "load_model"]
