"""`nutshell board`: the tensorboard package's own server over a folder of runs."""

from __future__ import annotations

import time
from pathlib import Path


def serve_tensorboard(logdir: Path, host: str, port: int) -> None:
    """Start TensorBoard on host:port and wait until Ctrl-C."""
    from tensorboard import program

    board = program.TensorBoard()
    board.configure(argv=[None, "--logdir", str(logdir), "--host", host, "--port", str(port)])
    url = board.launch()
    print(f"TensorBoard is serving {logdir} at {url}  (Ctrl-C to stop)", flush=True)
    try:
        while True:
            time.sleep(3600)
    except KeyboardInterrupt:
        print("TensorBoard stopped.")
