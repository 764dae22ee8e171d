"""Your own data (`--data`): a folder of class folders, an .npz and a CSV, built here from the bundled
digits (no network), loaded into the same Split the demos use, and refused cleanly when wrong."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import numpy as np
import pytest

from nutshell import data
from nutshell.data import own
from nutshell.errors import UserError
from tests.helpers import nutshell

PER_CLASS = 40
CLASSES = (0, 1, 2)


def three_digits() -> tuple[np.ndarray, np.ndarray]:
    """PER_CLASS bundled 28x28 digits of each class in CLASSES, as uint8 images and labels 0..2."""
    split = data.load_mnist()
    picks = [np.flatnonzero(split.y_train == digit)[:PER_CLASS] for digit in CLASSES]
    x = np.concatenate([split.x_train[p, ..., 0] for p in picks])
    y = np.concatenate([np.full(PER_CLASS, k) for k in range(len(CLASSES))])
    return np.round(x * 255).astype(np.uint8), y


def write_png(path: Path, image: np.ndarray) -> None:
    import tensorflow as tf

    path.write_bytes(tf.io.encode_png(image[..., None]).numpy())


@pytest.fixture(scope="module")
def sources(tmp_path_factory) -> dict[str, Path]:
    root = tmp_path_factory.mktemp("own")
    x, y = three_digits()
    folder = root / "digits"
    for k, digit in enumerate(CLASSES):
        (folder / f"digit_{digit}").mkdir(parents=True)
        for i in np.flatnonzero(y == k):
            write_png(folder / f"digit_{digit}" / f"{i:04d}.png", x[i])
    test = np.arange(len(y)) % 5 == 0
    np.savez(root / "digits.npz", x_train=x[~test], y_train=y[~test], x_test=x[test], y_test=y[test])
    with open(root / "digits.csv", "w", newline="") as stream:
        writer = csv.writer(stream)
        writer.writerow(["label", *(f"pixel{i}" for i in range(28 * 28))])
        writer.writerows([[int(label), *image.reshape(-1).tolist()] for image, label in zip(x, y)])
    return {"folder": folder, "npz": root / "digits.npz", "csv": root / "digits.csv"}


@pytest.mark.parametrize("form", ["folder", "npz", "csv"])
def test_each_form_gives_the_split_a_demo_expects(sources, form):
    split = own.load_own(sources[form])
    assert split.input_shape == (28, 28, 1) and split.num_classes == 3
    assert len(split.y_train) + len(split.y_test) == 3 * PER_CLASS
    assert set(np.unique(split.y_test)) == {0, 1, 2}  # stratified: every class is tested
    assert split.x_train.dtype == np.float32 and 0.0 <= split.x_train.min() and split.x_train.max() <= 1.0
    x, _ = three_digits()
    assert np.isclose(split.x_train.sum() + split.x_test.sum(), x.sum() / 255.0, rtol=1e-5)
    if form == "folder":
        assert split.class_names == ("digit_0", "digit_1", "digit_2")


def test_the_split_is_the_same_on_every_load(sources):
    first, second = own.load_own(sources["csv"]), own.load_own(sources["csv"])
    assert np.array_equal(first.y_test, second.y_test) and np.array_equal(first.x_test, second.x_test)


def test_describe_records_the_source_checksum_classes_and_sizes(sources):
    split = own.load_own(sources["folder"])
    described = own.describe(sources["folder"], split)
    assert described["classes"] == ["digit_0", "digit_1", "digit_2"]
    assert (described["train"], described["test"]) == (len(split.y_train), len(split.y_test))
    assert len(described["sha256"]) == 64 and described["image_size"] == [28, 28, 1]
    (sources["folder"] / "digit_0" / "0000.png").touch()  # same bytes: same checksum
    assert own.describe(sources["folder"], split)["sha256"] == described["sha256"]


def refused(path: Path, message: str) -> None:
    with pytest.raises(UserError, match=message) as info:
        own.load_own(path)
    assert info.value.exit_code == 2 and "\n" not in str(info.value)


def test_bad_folders_are_refused_in_one_line(tmp_path):
    refused(tmp_path / "missing", "no such file or folder")
    (tmp_path / "empty").mkdir()
    refused(tmp_path / "empty", "no class folders")
    x, _ = three_digits()
    (tmp_path / "one" / "only").mkdir(parents=True)
    write_png(tmp_path / "one" / "only" / "a.png", x[0])
    refused(tmp_path / "one", "only one class folder")
    for name in ("a", "b"):
        (tmp_path / "broken" / name).mkdir(parents=True)
        write_png(tmp_path / "broken" / name / "good.png", x[0])
    (tmp_path / "broken" / "b" / "bad.png").write_bytes(b"this is not a png")
    refused(tmp_path / "broken", "could not be read")


def test_bad_arrays_are_refused_in_one_line(tmp_path):
    x, y = three_digits()
    np.savez(
        tmp_path / "range.npz", x_train=x[:60], y_train=np.where(y[:60] == 1, 5, y[:60]), x_test=x[60:], y_test=y[60:]
    )
    refused(tmp_path / "range.npz", "labels out of range")
    np.savez(tmp_path / "sizes.npz", x_train=x[:60], y_train=y[:60], x_test=x[60:, :20, :20], y_test=y[60:])
    refused(tmp_path / "sizes.npz", "mixed sizes")
    ragged = np.empty(2, dtype=object)
    ragged[0], ragged[1] = x[0], x[1, :20]
    np.savez(tmp_path / "ragged.npz", x_train=ragged, y_train=y[:2], x_test=ragged, y_test=y[:2])
    refused(tmp_path / "ragged.npz", "mixed sizes")
    (tmp_path / "words.csv").write_text("label,p1,p2,p3,p4\n0,1,2,3,4\n1,1,two,3,4\n")
    refused(tmp_path / "words.csv", "every cell must be a number \\(row 3, column 3")
    (tmp_path / "image.txt").write_text("?")
    refused(tmp_path / "image.txt", "expected a folder of class folders")


def test_a_demo_without_images_refuses_data_and_lists_those_that_take_it(run_cli, sources, tmp_path):
    result = run_cli("demo", "unit", "--data", str(sources["npz"]), "--logdir", str(tmp_path))
    assert result.returncode == 2 and len(result.stderr.strip().splitlines()) == 1
    assert "unit does not train on images" in result.stderr and "pooling" in result.stderr
    assert not any(tmp_path.iterdir())


def test_bad_data_leaves_no_run_behind(run_cli, tmp_path):
    (tmp_path / "one" / "only").mkdir(parents=True)
    result = run_cli("demo", "pooling", "--quick", "--data", str(tmp_path / "one"), "--logdir", str(tmp_path / "runs"))
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert result.stderr.strip().count("\n") == 0 and "only one class folder" in result.stderr
    assert not list((tmp_path / "runs").glob("pooling/*"))


def test_a_demo_trains_on_a_folder_and_records_it(sources, tmp_path):
    result = nutshell(
        "demo", "pooling", "--quick", "--epochs", "1", "--data", str(sources["folder"]), "--logdir", str(tmp_path)
    )
    assert result.returncode == 0, result.stderr[-2000:]
    (path,) = tmp_path.glob("pooling/*/summary.json")
    summary = json.loads(path.read_text())
    assert summary["hparams"]["data"] == str(sources["folder"].resolve())
    assert summary["data"]["classes"] == ["digit_0", "digit_1", "digit_2"]
    assert summary["claim"]["data"]["sha256"] == summary["data"]["sha256"]
    assert "your data:" in result.stdout and "measured on other data" in result.stdout
