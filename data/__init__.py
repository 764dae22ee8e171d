"""The one data loader: bundled datasets, seeded synthetic sets, and optional downloads.

Installed as the package `nutshell_data` (pyproject maps it onto this folder), so the bundled files
are found from any working directory, editable install or not. Only numpy is needed here; the
downloading loaders import Keras lazily and only when a user asks for them.

Every loader returns float32 arrays ready for Keras. Problems a user can cause or fix (a missing or
corrupt file, no internet) raise DataError with one readable sentence.
"""

from __future__ import annotations

import hashlib
import os
import zipfile
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

import numpy as np

from nutshell.errors import UserError

# sha256 of images.tobytes() + labels.tobytes() of the bundled digits, to detect a damaged file.
DIGITS_SHA256 = "87ff0c9e40dc7e2c0e34e7257799c2e3f3aec1a016363bb11cad869ec428a826"
DIGITS_TEST_FRACTION = 0.2
IMAGE_DATASETS = ("digits", "mnist", "fashion_mnist", "cifar10")


class DataError(UserError):
    """A dataset cannot be loaded; the message says why and what to do."""


@dataclass(frozen=True)
class Split:
    """Train and test arrays of one dataset; images are (N, height, width, channels) in [0, 1]."""

    x_train: np.ndarray
    y_train: np.ndarray
    x_test: np.ndarray
    y_test: np.ndarray
    name: str

    @property
    def num_classes(self) -> int:
        return int(max(self.y_train.max(), self.y_test.max())) + 1

    @property
    def input_shape(self) -> tuple[int, ...]:
        return tuple(self.x_train.shape[1:])


def bundled_path(filename: str):
    """The path of a bundled data file; NUTSHELL_DATA_DIR points elsewhere (e.g. a shared copy)."""
    override = os.environ.get("NUTSHELL_DATA_DIR")
    if override:
        return Path(override) / filename
    return resources.files(__name__).joinpath(filename)


def load_digits() -> Split:
    """The UCI hand-written digits (1,797 8x8 images, 16 grey levels), split 80/20.

    The split is fixed (stratified, from a constant seed) so that runs with different `--seed`
    values are compared on the same test images.
    """
    path = bundled_path("digits.npz")
    try:
        with np.load(str(path)) as archive:
            images, labels = archive["images"], archive["labels"]
    except FileNotFoundError:
        raise DataError(f"bundled data file {path} is missing; reinstall nutshell") from None
    except (OSError, ValueError, KeyError, zipfile.BadZipFile, EOFError):
        raise DataError(f"bundled data file {path} is corrupt; reinstall nutshell") from None
    digest = hashlib.sha256(images.tobytes() + labels.tobytes()).hexdigest()
    if digest != DIGITS_SHA256:
        raise DataError(f"bundled data file {path} is corrupt (checksum mismatch); reinstall nutshell")
    x = (images.astype("float32") / 16.0)[..., None]
    y = labels.astype("int32")
    test = _stratified_test_mask(y, DIGITS_TEST_FRACTION, seed=0)
    return Split(x[~test], y[~test], x[test], y[test], name="digits")


def _stratified_test_mask(labels: np.ndarray, fraction: float, seed: int) -> np.ndarray:
    rng = np.random.default_rng(seed)
    mask = np.zeros(len(labels), dtype=bool)
    for label in np.unique(labels):
        where = np.flatnonzero(labels == label)
        mask[rng.choice(where, size=round(len(where) * fraction), replace=False)] = True
    return mask


def load_images(name: str = "digits") -> Split:
    """An image-classification dataset by name: bundled `digits`, or a Keras download."""
    if name == "digits":
        return load_digits()
    if name not in IMAGE_DATASETS:
        raise DataError(f"unknown dataset '{name}'; choose one of {', '.join(IMAGE_DATASETS)}")
    return _download_keras_dataset(name)


def _download_keras_dataset(name: str) -> Split:
    """MNIST, Fashion-MNIST or CIFAR-10 through keras.datasets (cached in ~/.keras/datasets)."""
    import keras

    loader = getattr(keras.datasets, name)
    try:
        (x_train, y_train), (x_test, y_test) = loader.load_data()
    except Exception as problem:  # urllib/HTTP errors differ by backend and Python version
        raise DataError(
            f"could not download '{name}' ({type(problem).__name__}); it needs the internet once. "
            "Use the bundled '--dataset digits' offline"
        ) from None

    def prepare(x):
        x = x.astype("float32") / 255.0
        return x if x.ndim == 4 else x[..., None]

    return Split(prepare(x_train), y_train.reshape(-1).astype("int32"),
                 prepare(x_test), y_test.reshape(-1).astype("int32"), name=name)


# --- synthetic sets, generated from a seed -------------------------------------------------------

def two_spirals(n: int = 1000, noise: float = 0.15, turns: float = 1.75, seed: int = 0):
    """Two interleaved spirals in the plane: no straight line (or stack of them) separates them."""
    rng = np.random.default_rng(seed)
    angle = np.sqrt(rng.uniform(0.0, 1.0, n)) * turns * 2 * np.pi
    label = rng.integers(0, 2, n)
    radius = angle / (turns * 2 * np.pi)
    sign = np.where(label == 1, -1.0, 1.0)
    points = np.stack([sign * radius * np.cos(angle), sign * radius * np.sin(angle)], axis=1)
    points += rng.normal(0.0, noise * 0.1, points.shape)
    return points.astype("float32"), label.astype("float32")


def xor(n: int = 1000, noise: float = 0.1, seed: int = 0):
    """Points near the four corners of a square, labelled by XOR of their quadrant signs."""
    rng = np.random.default_rng(seed)
    corners = rng.integers(0, 2, (n, 2))
    points = corners * 2.0 - 1.0 + rng.normal(0.0, noise, (n, 2))
    return points.astype("float32"), (corners[:, 0] ^ corners[:, 1]).astype("float32")


def two_blobs(n: int = 1000, seed: int = 0):
    """Two Gaussian clouds that a straight line separates."""
    rng = np.random.default_rng(seed)
    label = rng.integers(0, 2, n)
    centers = np.where(label[:, None] == 1, 1.0, -1.0) * np.array([1.0, 0.6])
    points = centers + rng.normal(0.0, 0.45, (n, 2))
    return points.astype("float32"), label.astype("float32")


def adding_problem(n: int, steps: int = 100, seed: int = 0):
    """The adding problem of Hochreiter & Schmidhuber (1997), in its common modern form.

    Each sequence has `steps` time steps of two features: a random value in [0, 1] and a marker
    that is 1 at exactly two positions (one in each half) and 0 elsewhere. The target is the sum
    of the two marked values. Predicting the mean (1.0) gives an MSE of 1/6, about 0.167.
    """
    rng = np.random.default_rng(seed)
    values = rng.uniform(0.0, 1.0, (n, steps))
    markers = np.zeros((n, steps))
    half = steps // 2
    first = rng.integers(0, half, n)
    second = rng.integers(half, steps, n)
    markers[np.arange(n), first] = 1.0
    markers[np.arange(n), second] = 1.0
    x = np.stack([values, markers], axis=-1).astype("float32")
    y = (values[np.arange(n), first] + values[np.arange(n), second]).astype("float32")
    return x, y


def validation_split(x: np.ndarray, y: np.ndarray, fraction: float = 0.15):
    """((x_train, y_train), (x_val, y_val)): a validation set drawn at random (fixed seed 0).

    The test set is then touched once, at the end. Random rather than the tail, because the tail
    of the bundled digits' training split is written by different hands than most of it.
    """
    order = np.random.default_rng(0).permutation(len(x))
    return split_off(x[order], y[order], fraction)


def split_off(x: np.ndarray, y: np.ndarray, fraction: float = 0.25):
    """Split arrays into ((x_train, y_train), (x_test, y_test)), the last `fraction` held out.

    The synthetic generators already shuffle, so taking the tail is an unbiased hold-out.
    """
    cut = int(round(len(x) * (1.0 - fraction)))
    return (x[:cut], y[:cut]), (x[cut:], y[cut:])
