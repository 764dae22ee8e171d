"""Keep TensorFlow's start-up noise (CUDA probes, oneDNN notices) off the user's terminal.

TensorFlow 2.21 logs from C++ through absl before Python can configure anything, so environment
variables alone do not silence it; the one reliable way is to point file descriptor 2 at
/dev/null while the library loads and probes devices. `--verbose` skips all of this.
"""

from __future__ import annotations

import contextlib
import logging
import os
import sys
import warnings
from collections.abc import Iterator


def quiet_frameworks() -> None:
    # TensorFlow's Python-side warnings (e.g. retracing notices) go through this logger.
    logging.getLogger("tensorflow").setLevel(logging.ERROR)
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
    os.environ.setdefault("ABSL_MIN_LOG_LEVEL", "3")
    warnings.filterwarnings("ignore", category=UserWarning)
    warnings.filterwarnings("ignore", category=DeprecationWarning)
    warnings.filterwarnings("ignore", category=FutureWarning)


NATIVE_STDERR = 2  # C++ libraries write to file descriptor 2, whatever sys.stderr is in Python


@contextlib.contextmanager
def native_stderr_silenced(enabled: bool = True) -> Iterator[None]:
    """Send everything written to fd 2 (by C++ or Python) to /dev/null inside the block.

    Works on the descriptor, not on `sys.stderr`, which may be no real file at all (Jupyter,
    an IDE, a test runner) while fd 2 still reaches the terminal.
    """
    if not enabled:
        yield
        return
    sys.stderr.flush()
    saved = os.dup(NATIVE_STDERR)
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, NATIVE_STDERR)
    try:
        yield
    finally:
        sys.stderr.flush()
        os.dup2(saved, NATIVE_STDERR)
        os.close(saved)
        os.close(devnull)
