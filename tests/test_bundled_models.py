"""Models bundled into the standalone app are installed on first start, offline, once."""

from __future__ import annotations

import shutil
import sys
import zipfile
from pathlib import Path

import pytest

from desktop import bundled_models, config
from desktop.translation import packages


@pytest.fixture
def bundle(tmp_path: Path, tiny_model_file: Path) -> Path:
    folder = tmp_path / "bundle" / "models"
    folder.mkdir(parents=True)
    shutil.copy(tiny_model_file, folder / tiny_model_file.name)
    return folder


def test_installs_bundled_model_then_skips_it(bundle: Path, tmp_path: Path) -> None:
    pkgs = tmp_path / "argos-packages"
    lines: list[str] = []

    first = bundled_models.install_bundled_models(pkgs, bundle, log=lines.append)

    assert [o.action for o in first] == ["installed"]
    model = packages.find_model("fr", "en", pkgs)
    assert model is not None and model.version == "1.0"
    assert "translate-fr_en" in lines[0] and "installed" in lines[0]

    installed_at = model.path.stat().st_mtime_ns
    second = bundled_models.install_bundled_models(pkgs, bundle, log=lines.append)
    assert [o.action for o in second] == ["skipped"]
    assert len(lines) == 1  # a skip is not worth a log line on every start
    assert packages.find_model("fr", "en", pkgs).path.stat().st_mtime_ns == installed_at


def test_newer_installed_model_is_not_downgraded(bundle: Path, tmp_path: Path, tiny_model_file: Path) -> None:
    from tests.tiny_model import build_package

    with zipfile.ZipFile(tiny_model_file) as zf:
        sp = next(zf.read(n) for n in zf.namelist() if n.endswith("sentencepiece.model"))
    newer = build_package(tmp_path / "newer" / "translate-fr_en-2_0.argosmodel", version="2.0", sp_model=sp)
    pkgs = tmp_path / "argos-packages"
    packages.install_model(newer, pkgs)

    outcomes = bundled_models.install_bundled_models(pkgs, bundle)

    assert [o.action for o in outcomes] == ["skipped"]
    assert "2.0" in outcomes[0].detail
    assert [m.version for m in packages.installed_models(pkgs)] == ["2.0"]


def test_bad_bundled_file_is_reported_and_the_others_install(bundle: Path, tmp_path: Path) -> None:
    (bundle / "aaa-broken.argosmodel").write_bytes(b"not a zip at all")
    pkgs = tmp_path / "argos-packages"
    lines: list[str] = []

    outcomes = bundled_models.install_bundled_models(pkgs, bundle, log=lines.append)

    assert [(o.file.name, o.action) for o in outcomes][0] == ("aaa-broken.argosmodel", "failed")
    assert "aaa-broken.argosmodel" in outcomes[0].detail and "zip" in outcomes[0].detail
    assert outcomes[1].action == "installed"
    assert packages.find_model("fr", "en", pkgs) is not None
    assert any("failed" in line for line in lines)


def test_nothing_bundled_does_nothing(tmp_path: Path) -> None:
    pkgs = tmp_path / "argos-packages"
    assert bundled_models.install_bundled_models(pkgs, tmp_path / "no-such-folder") == []
    assert bundled_models.install_bundled_models(pkgs, None) == []  # running from source
    assert not pkgs.exists()


def test_bundle_dir_only_inside_the_frozen_app(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    assert bundled_models.bundled_models_dir() is None
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "_MEIPASS", str(tmp_path), raising=False)
    assert bundled_models.bundled_models_dir() == tmp_path / "models"
    assert config.resource_path("icons") == tmp_path / "resources" / "icons"


def test_install_at_start_in_the_frozen_app(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, bundle: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    pkgs = tmp_path / "argos-packages"
    monkeypatch.setenv("ARGOS_PACKAGES_DIR", str(pkgs))
    assert bundled_models.install_at_start() == []  # from source: nothing bundled
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "_MEIPASS", str(bundle.parent), raising=False)

    outcomes = bundled_models.install_at_start()

    assert [o.action for o in outcomes] == ["installed"]
    assert packages.find_model("fr", "en") is not None
    assert "Glose: bundled model translate-fr_en-1_0.argosmodel: installed" in capsys.readouterr().err
    assert [o.action for o in bundled_models.install_at_start()] == ["skipped"]
    assert capsys.readouterr().err == ""
