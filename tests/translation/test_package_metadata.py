"""Model install accepts only what the model manager can show, list and remove (issue 18
items 3, 9 and 12): metadata.json checked field by field, the top folder a plain name, and
nothing replaces an installed model unless it is a real newer version of the same pair."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest

from desktop.translation import packages
from desktop.translation.packages import ModelError


def variant(src: Path, dest: Path, *, top: str | None = None, metadata: dict | None = None, raw: bytes | None = None) -> Path:
    """The tiny model's archive with another top folder or metadata.json."""
    with zipfile.ZipFile(src) as zf:
        files = {i.filename: zf.read(i) for i in zf.infolist() if not i.is_dir()}
    old_top = next(iter(files)).split("/")[0]
    with zipfile.ZipFile(dest, "w", zipfile.ZIP_DEFLATED) as out:
        for name, data in files.items():
            rest = name.split("/", 1)[1]
            if rest == "metadata.json":
                if raw is not None:
                    data = raw
                elif metadata is not None:
                    data = json.dumps({**json.loads(data), **metadata}).encode()
            out.writestr(f"{top or old_top}/{rest}", data)
    return dest


def test_a_hidden_top_folder_never_replaces_the_working_model(tiny_model_file: Path, tmp_path: Path) -> None:
    """Regression: '.hidden-model' reported 'upgraded 1.0 → 4.0', removed 1.0, and listed none."""
    pk = tmp_path / "pk"
    good = packages.install_model_file(tiny_model_file, pk)
    bad = variant(tiny_model_file, tmp_path / "hidden.argosmodel", top=".hidden-model", metadata={"package_version": "4.0"})
    with pytest.raises(ModelError, match="top folder"):
        packages.install_model(bad, pk)
    assert packages.installed_models(pk) == [good]
    assert sorted(p.name for p in pk.iterdir()) == [good.path.name]


@pytest.mark.parametrize(
    ("metadata", "message"),
    [
        ({"package_version": {"a": 1}}, "package_version"),
        ({"package_version": "nan"}, "package_version"),
        ({"package_version": "../../../../tmp/x"}, "package_version"),
        ({"package_version": True}, "package_version"),
        ({"from_code": "../../x"}, "from_code"),
        ({"to_code": "fr\x1b[31mRED"}, "to_code"),
        ({"from_code": ["fr"]}, "from_code"),
        ({"type": {"t": 1}}, "type"),
        ({"from_name": "French\x1b[2J"}, "from_name"),
        ({"target_prefix": 3}, "target_prefix"),
    ],
)
def test_metadata_is_checked_field_by_field(tiny_model_file: Path, tmp_path: Path, metadata: dict, message: str) -> None:
    pk = tmp_path / "pk"
    bad = variant(tiny_model_file, tmp_path / "bad.argosmodel", metadata=metadata)
    with pytest.raises(ModelError, match=message) as err:
        packages.install_model(bad, pk)
    assert "\x1b" not in str(err.value)  # never printed raw to a terminal
    assert packages.installed_models(pk) == []


@pytest.mark.parametrize("raw", [b"[" * 100_000 + b"]" * 100_000, b'{"from_code": "fr", "x": ' + b"[" * 5000 + b"]" * 5000 + b"}"])
def test_deeply_nested_metadata_is_refused_cleanly(tiny_model_file: Path, tmp_path: Path, raw: bytes) -> None:
    bad = variant(tiny_model_file, tmp_path / "deep.argosmodel", raw=raw)
    with pytest.raises(ModelError, match="metadata.json"):
        packages.install_model(bad, tmp_path / "pk")


def test_versions_compare_as_versions(tiny_model_file: Path, tmp_path: Path) -> None:
    pk = tmp_path / "pk"
    packages.install_model_file(tiny_model_file, pk)  # 1.0
    v10 = variant(tiny_model_file, tmp_path / "v.argosmodel", top="translate-fr_en-1_10", metadata={"package_version": "1.10"})
    assert packages.install_model(v10, pk).action == "upgraded"
    v9 = variant(tiny_model_file, tmp_path / "w.argosmodel", top="translate-fr_en-1_9", metadata={"package_version": "1.9"})
    with pytest.raises(ModelError, match="older than the installed"):
        packages.install_model(v9, pk)
    assert [m.version for m in packages.installed_models(pk)] == ["1.10"]
