"""Your own images for a demo (`--data PATH`): a folder of class folders, an .npz, or a CSV.

Every form becomes the same `Split` the bundled datasets give, so a demo cannot tell the
difference: greyscale float32 images in [0, 1], integer labels 0..K-1, and a fixed stratified
train/test split drawn from a constant seed (the same split on every run, whatever `--seed`).

- a folder with one sub-folder of images per class (`cats/`, `dogs/`, ...), read with
  `keras.utils.image_dataset_from_directory` in batches, greyscale and resized to 28x28 (the
  size of the bundled MNIST the image demos are tuned on); each batch is kept as uint8, so a
  folder of 60,000 small images needs about 47 MB, never a float copy of the whole set at once;
- an `.npz` with `x_train, y_train, x_test, y_test` (images N x H x W or N x H x W x 1; values in
  [0, 1] or 0..255), kept at its own size;
- a CSV with a header, a label column (`label`, or the first column) and one column per pixel of a
  square image (the usual MNIST-as-CSV layout), split 80/20.

What a user can get wrong is refused with one DataError sentence before any training: a missing
path, an empty folder, a single class, an unreadable image, labels that are not 0..K-1, images of
mixed sizes, a CSV cell that is not a number. `describe` gives what summary.json records: the
source, its sha256, the classes and the split sizes.
"""

from __future__ import annotations

import csv
import hashlib
import zipfile
import zlib
from pathlib import Path

import numpy as np

from nutshell.data import TEST_FRACTION, DataError, Split, _stratified_test_mask

SIDE = 28  # images from a folder are resized to the bundled MNIST's size
SPLIT_SEED = 0
BATCH = 256


def load_own(path: str | Path) -> Split:
    """The images at `path` (a class-folder tree, an .npz or a CSV) as a Split."""
    source = Path(path).expanduser()
    if not source.exists():
        raise DataError(f"--data {source}: no such file or folder")
    if source.is_dir():
        split = _from_folder(source)
    elif source.suffix.lower() == ".npz":
        split = _from_npz(source)
    elif source.suffix.lower() == ".csv":
        split = _from_csv(source)
    else:
        raise DataError(f"--data {source}: expected a folder of class folders, an .npz or a .csv")
    return split


def describe(path: str | Path, split: Split) -> dict:
    """What a run records about the data it trained on (summary.json, the verdict card)."""
    source = Path(path).expanduser().resolve()
    return {
        "source": str(source),
        "sha256": _checksum(source),
        "classes": list(split.class_names),
        "train": int(len(split.y_train)),
        "test": int(len(split.y_test)),
        "image_size": list(split.input_shape),
    }


def _checksum(source: Path) -> str:
    """sha256 of a file, or of a folder's relative paths and bytes in sorted order."""
    digest = hashlib.sha256()
    files = sorted(p for p in source.rglob("*") if p.is_file()) if source.is_dir() else [source]
    for file in files:
        if source.is_dir():
            digest.update(file.relative_to(source).as_posix().encode())
        with open(file, "rb") as stream:
            for block in iter(lambda: stream.read(1 << 20), b""):
                digest.update(block)
    return digest.hexdigest()


def _split(x: np.ndarray, y: np.ndarray, name: str, classes: tuple[str, ...]) -> Split:
    """A fixed stratified train/test split of uint8-or-float images and checked labels."""
    y = _checked_labels(y, name)
    x = _as_unit_floats(x, name)
    if len(classes) != int(y.max()) + 1:
        classes = tuple(str(k) for k in range(int(y.max()) + 1))
    test = _stratified_test_mask(y, TEST_FRACTION, seed=SPLIT_SEED)
    if test.all() or not test.any():
        raise DataError(f"--data {name}: too few images to set aside a test split (have {len(y)})")
    return Split(x[~test], y[~test], x[test], y[test], name=f"own:{name}", class_names=classes)


def _checked_labels(y: np.ndarray, name: str) -> np.ndarray:
    y = np.asarray(y)
    if y.ndim != 1 or not len(y):
        raise DataError(f"--data {name}: labels must be a non-empty list of class numbers")
    if not np.issubdtype(y.dtype, np.number) or not np.all(np.equal(np.mod(y, 1), 0)):
        raise DataError(f"--data {name}: labels must be whole numbers 0..K-1")
    y = y.astype("int64")
    if y.min() < 0 or len(np.unique(y)) != y.max() + 1:
        raise DataError(
            f"--data {name}: labels out of range: they must be 0..K-1 with every class "
            f"present (found {sorted(set(y.tolist()))[:12]})"
        )
    if y.max() < 1:
        raise DataError(f"--data {name}: only one class; a classifier needs at least two")
    return y.astype("int32")


def _as_unit_floats(x: np.ndarray, name: str) -> np.ndarray:
    """N x H x W [x 1] images as float32 N x H x W x 1 in [0, 1] (0..255 values are rescaled)."""
    x = np.asarray(x)
    if x.ndim == 3:
        x = x[..., None]
    if x.ndim != 4 or x.shape[-1] != 1 or min(x.shape[1:3]) < 4:
        raise DataError(f"--data {name}: expected greyscale images N x H x W (or N x H x W x 1), got shape {x.shape}")
    if not np.issubdtype(x.dtype, np.number):
        raise DataError(f"--data {name}: image values must be numbers")
    x = x.astype("float32")
    if not np.all(np.isfinite(x)) or x.min() < 0:
        raise DataError(f"--data {name}: image values must be finite and not negative")
    return x / 255.0 if x.max() > 1.0 else x


def _from_npz(path: Path) -> Split:
    try:
        with np.load(path, allow_pickle=False) as archive:
            missing = {"x_train", "y_train", "x_test", "y_test"} - set(archive.files)
            if missing:
                raise DataError(f"--data {path.name}: the .npz lacks {', '.join(sorted(missing))}")
            arrays = {key: archive[key] for key in ("x_train", "y_train", "x_test", "y_test")}
    except DataError:
        raise
    except ValueError:  # object arrays: images of different sizes saved as a ragged list
        raise DataError(f"--data {path.name}: images of mixed sizes (every image must be H x W alike)") from None
    except (OSError, KeyError, zipfile.BadZipFile, zlib.error, EOFError):
        raise DataError(f"--data {path.name}: not a readable .npz file") from None
    x_train, x_test = (_as_unit_floats(arrays[k], path.name) for k in ("x_train", "x_test"))
    if x_train.shape[1:] != x_test.shape[1:]:
        raise DataError(
            f"--data {path.name}: images of mixed sizes: x_train {x_train.shape[1:3]}, x_test {x_test.shape[1:3]}"
        )
    for x, y, part in ((x_train, arrays["y_train"], "train"), (x_test, arrays["y_test"], "test")):
        if len(x) != len(np.asarray(y).reshape(-1)):
            raise DataError(f"--data {path.name}: x_{part} and y_{part} differ in length")
    y_all = _checked_labels(
        np.concatenate([np.asarray(arrays["y_train"]).reshape(-1), np.asarray(arrays["y_test"]).reshape(-1)]), path.name
    )
    y_train, y_test = y_all[: len(x_train)], y_all[len(x_train) :]
    classes = tuple(str(k) for k in range(int(y_all.max()) + 1))
    return Split(x_train, y_train, x_test, y_test, name=f"own:{path.name}", class_names=classes)


def _from_csv(path: Path) -> Split:
    try:
        with open(path, newline="", encoding="utf-8") as stream:
            rows = list(csv.reader(stream))
    except (OSError, UnicodeDecodeError):
        raise DataError(f"--data {path.name}: not a readable text CSV") from None
    if len(rows) < 3:
        raise DataError(f"--data {path.name}: needs a header and at least two rows of images")
    header, body = rows[0], [row for row in rows[1:] if row]
    label_column = header.index("label") if "label" in header else 0
    try:
        values = np.array(body, dtype="float64")
    except ValueError:
        bad = (
            next(
                (r, c, cell)
                for r, row in enumerate(body, start=2)
                for c, cell in enumerate(row)
                if not _is_number(cell)
            )
            if all(len(row) == len(header) for row in body)
            else None
        )
        where = f" (row {bad[0]}, column {bad[1] + 1}: {bad[2][:20]!r})" if bad else " (rows differ in length)"
        raise DataError(f"--data {path.name}: every cell must be a number{where}") from None
    pixels = np.delete(values, label_column, axis=1)
    side = int(round(np.sqrt(pixels.shape[1])))
    if side * side != pixels.shape[1]:
        raise DataError(f"--data {path.name}: {pixels.shape[1]} pixel columns do not make a square image")
    return _split(pixels.reshape(-1, side, side), values[:, label_column], path.name, ())


def _is_number(cell: str) -> bool:
    try:
        float(cell)
        return True
    except ValueError:
        return False


def _from_folder(folder: Path) -> Split:
    classes = sorted(p.name for p in folder.iterdir() if p.is_dir() and not p.name.startswith("."))
    if not classes:
        raise DataError(f"--data {folder}: no class folders inside (expected one sub-folder of images per class)")
    if len(classes) < 2:
        raise DataError(f"--data {folder}: only one class folder ('{classes[0]}'); a classifier needs at least two")
    import keras  # only now: reading images needs Keras's utilities

    try:
        dataset = keras.utils.image_dataset_from_directory(
            folder,
            labels="inferred",
            label_mode="int",
            class_names=classes,
            color_mode="grayscale",
            image_size=(SIDE, SIDE),
            batch_size=BATCH,
            shuffle=False,
            verbose=False,
        )
    except ValueError as problem:  # e.g. no images at all
        raise DataError(f"--data {folder}: {str(problem).splitlines()[0]}") from None
    count = len(dataset.file_paths)
    if count == 0:
        raise DataError(f"--data {folder}: the class folders hold no images (.png, .jpg, .bmp, .gif)")
    images = np.empty((count, SIDE, SIDE), dtype=np.uint8)  # filled batch by batch
    labels = np.empty(count, dtype=np.int64)
    done = 0
    try:
        for batch, batch_labels in dataset:
            n = len(batch_labels)
            images[done : done + n] = np.clip(np.asarray(batch)[..., 0], 0, 255).round().astype(np.uint8)
            labels[done : done + n] = np.asarray(batch_labels)
            done += n
    except Exception as problem:  # TensorFlow's decode errors differ by format and version
        name = type(problem).__name__
        raise DataError(
            f"--data {folder}: an image could not be read ({name}); remove files that are not images"
        ) from None
    present = np.unique(labels)
    if len(present) < len(classes):
        empty = [classes[k] for k in range(len(classes)) if k not in present]
        raise DataError(f"--data {folder}: class folder(s) without images: {', '.join(empty)}")
    return _split(images, labels, folder.name, tuple(classes))
