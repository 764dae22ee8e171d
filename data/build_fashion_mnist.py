"""Rebuild data/fashion_mnist.npz from Fashion-MNIST's official IDX files (numpy only).

    apt-get install dataset-fashion-mnist         # Debian/Ubuntu: the official files, unchanged
    python data/build_fashion_mnist.py /usr/share/datasets/fashion-mnist

The bundled set is the official test set, t10k-images-idx3-ubyte(.gz) and t10k-labels-idx1-ubyte(.gz),
all 10,000 images in their published order: exactly 1,000 per class, and anyone can compare it
byte for byte with the source. The script prints the sha256 that the loader checks
(FASHION_MNIST_SHA256 in __init__.py).

An IDX file is a big-endian header (two zero bytes, a type code, 0x08 for unsigned bytes, and the
number of dimensions), one 4-byte size per dimension, then the values in row-major order.
"""

from __future__ import annotations

import argparse
import gzip
from pathlib import Path

import numpy as np

from nutshell.data import write_bundle


def read_idx(path: Path) -> np.ndarray:
    """A uint8 IDX file (gzipped or not) as an array of the shape its header gives."""
    raw = (gzip.open if path.suffix == ".gz" else open)(path, "rb").read()
    if raw[:3] != b"\x00\x00\x08":
        raise SystemExit(f"{path} is not an IDX file of unsigned bytes")
    ndim = raw[3]
    shape = tuple(int(n) for n in np.frombuffer(raw, dtype=">u4", count=ndim, offset=4))
    return np.frombuffer(raw, dtype=np.uint8, offset=4 + 4 * ndim).reshape(shape)


def find(folder: Path, stem: str) -> Path:
    for candidate in (folder / f"{stem}.gz", folder / stem):
        if candidate.exists():
            return candidate
    raise SystemExit(f"{folder} has no {stem}(.gz)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path, nargs="?", default=Path("/usr/share/datasets/fashion-mnist"))
    parser.add_argument("--out", type=Path, default=Path(__file__).with_name("fashion_mnist.npz"))
    args = parser.parse_args()
    images = read_idx(find(args.folder, "t10k-images-idx3-ubyte"))
    labels = read_idx(find(args.folder, "t10k-labels-idx1-ubyte"))
    if images.shape != (10000, 28, 28) or labels.shape != (10000,):
        raise SystemExit(f"unexpected shapes {images.shape} and {labels.shape}")
    write_bundle(args.out, images, labels)


if __name__ == "__main__":
    main()
