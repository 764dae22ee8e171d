"""--precision mixed end to end on a CPU: an image demo trains in mixed bfloat16 and its claim holds."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.helpers import nutshell

pytestmark = pytest.mark.slow


# convolution trains in 15 s under bfloat16 on two cores, cnn in about 2 minutes: CI runs the
# first, `make test-all` both (cnn's verdict under mixed precision is the stronger check).
@pytest.mark.parametrize("entry", ["convolution", pytest.param("cnn", marks=pytest.mark.extended)])
def test_mixed_precision_image_demo_on_cpu(tmp_path, entry):
    result = nutshell("demo", entry, "--quick", "--precision", "mixed", "--logdir", str(tmp_path))
    assert result.returncode == 0, result.stderr[-2000:]
    (summary_file,) = tmp_path.glob(f"{entry}/*/summary.json")
    summary = json.loads(summary_file.read_text())
    assert summary["hparams"]["precision"] == "mixed"
    assert summary["claim"]["verdict"] is True
    config = json.dumps(json.loads(_model_config(summary_file.parent / "model.keras")))
    assert "mixed_bfloat16" in config  # the layers really computed in bfloat16 (a CPU's mixed type)


def _model_config(path: Path) -> str:
    import zipfile

    with zipfile.ZipFile(path) as archive:
        return archive.read("config.json").decode()
