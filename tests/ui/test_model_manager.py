"""The model manager dialog and the first-start banner, on the real package code."""

from __future__ import annotations

from pathlib import Path

import pytest

from desktop.translation import packages
from desktop.ui.model_manager import ModelBanner, ModelManagerDialog, human_size
from tests.ui.panel_support import app_context, model_index_server


@pytest.fixture
def ctx(data_dir: Path, tmp_path: Path):
    with app_context(data_dir, packages_dir=tmp_path / "argos-packages") as context:
        yield context


def test_install_from_path_lists_the_model(qtbot, ctx, tiny_model_file: Path) -> None:
    dialog = ModelManagerDialog(ctx)
    qtbot.addWidget(dialog)
    assert dialog.installed_ids() == []
    assert dialog.empty_label.isVisibleTo(dialog)
    with qtbot.waitSignal(dialog.modelsChanged, timeout=20_000):
        dialog.install_from_path(tiny_model_file)
    assert dialog.installed_ids() == ["translate-fr_en@1.0"]
    item = dialog.table.topLevelItem(0)
    assert item.text(0) == "French → English"
    assert item.text(2) == "1.0"
    assert item.text(3) == human_size(packages.find_model("fr", "en", ctx.packages_dir).size_bytes)
    assert "installed" in dialog.message.text()


def test_bad_file_gives_one_clear_message(qtbot, ctx, tmp_path: Path) -> None:
    bad = tmp_path / "broken.argosmodel"
    bad.write_bytes(b"not a zip")
    dialog = ModelManagerDialog(ctx)
    qtbot.addWidget(dialog)
    dialog.install_from_path(bad)
    assert ctx.tasks.wait_idle(10_000)
    assert dialog.message.isVisibleTo(dialog)
    assert dialog.message.property("error") is True
    assert "broken.argosmodel" in dialog.message.text()
    assert "Traceback" not in dialog.message.text()
    assert dialog.installed_ids() == []
    assert dialog.install_button.isEnabled()


def test_remove_selected_model(qtbot, ctx, tiny_model_file: Path) -> None:
    packages.install_model_file(tiny_model_file, ctx.packages_dir)
    dialog = ModelManagerDialog(ctx)
    qtbot.addWidget(dialog)
    assert dialog.selected_model_id() == "translate-fr_en@1.0"
    with qtbot.waitSignal(dialog.modelsChanged, timeout=10_000):
        dialog.remove_selected(confirm=False)
    assert dialog.installed_ids() == []
    assert packages.installed_models(ctx.packages_dir) == []


def test_download_from_loopback_index(qtbot, ctx, tiny_model_file: Path, tmp_path: Path) -> None:
    with model_index_server(tiny_model_file, tmp_path / "www") as index_url:
        dialog = ModelManagerDialog(ctx, index_url=index_url)
        qtbot.addWidget(dialog)
        seen: list[tuple[int, int]] = []
        original = dialog._progress
        dialog._progress = lambda d, t, label: (seen.append((d, t)), original(d, t, label))  # type: ignore[method-assign]
        with qtbot.waitSignal(dialog.modelsChanged, timeout=30_000):
            dialog.download("fr", "en")
    assert dialog.installed_ids() == ["translate-fr_en@1.0"]
    assert seen and seen[-1][0] == seen[-1][1] == tiny_model_file.stat().st_size
    assert not dialog.progress_box.isVisibleTo(dialog)


def test_download_can_be_cancelled(qtbot, ctx, tiny_model_file: Path, tmp_path: Path) -> None:
    with model_index_server(tiny_model_file, tmp_path / "www", delay=0.01) as index_url:
        dialog = ModelManagerDialog(ctx, index_url=index_url)
        qtbot.addWidget(dialog)
        dialog.download("fr", "en")
        assert dialog.cancel_button.isVisibleTo(dialog)
        dialog.cancel()
        assert ctx.tasks.wait_idle(20_000)
    assert dialog.message.property("error") is True
    assert "cancelled" in dialog.message.text()
    assert dialog.installed_ids() == []


def test_banner_shows_only_without_a_model(qtbot, ctx, tiny_model_file: Path) -> None:
    banner = ModelBanner()
    qtbot.addWidget(banner)
    assert banner.update_for(ctx.packages_dir) is True
    with qtbot.waitSignal(banner.installFileRequested):
        banner.install_button.click()
    with qtbot.waitSignal(banner.downloadRequested):
        banner.download_button.click()
    packages.install_model_file(tiny_model_file, ctx.packages_dir)
    assert banner.update_for(ctx.packages_dir) is False
    assert banner.isHidden()


@pytest.fixture
def no_models(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    packages = tmp_path / "empty-argos"
    monkeypatch.setenv("ARGOS_PACKAGES_DIR", str(packages))
    return packages


def test_first_start_banner_installs_through_the_dialog(qtbot, no_models, window, tiny_model_file, monkeypatch) -> None:
    from PySide6.QtWidgets import QFileDialog

    panels = window.panels
    assert panels.banner.isVisible()
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(tiny_model_file), ""))
    panels.banner.install_button.click()
    dialog = panels.model_dialog
    assert dialog is not None and dialog.isVisible()
    qtbot.waitUntil(lambda: dialog.installed_ids() == ["translate-fr_en@1.0"], timeout=20_000)
    qtbot.waitUntil(lambda: not panels.banner.isVisible(), timeout=60_000)
    assert (no_models / "translate-fr_en-1_0").is_dir()
    dialog.close()


def _refused_url() -> str:
    """A loopback address nothing listens on: what a laptop without a network gets."""
    import socket

    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return f"http://127.0.0.1:{port}/index.json"


def test_offline_download_says_what_to_do_and_remove_stays_off(qtbot, ctx) -> None:
    """Regression (issue 17 item 8): the raw '(<urlopen error ...>); are you online?' and an
    enabled Remove… with no model installed."""
    dialog = ModelManagerDialog(ctx)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.installed_ids() == [] and not dialog.remove_button.isEnabled()
    dialog.index_url = _refused_url()
    dialog.download()
    assert ctx.tasks.wait_idle(60_000)
    text = dialog.message.text()
    assert dialog.message.property("error") is True
    assert "urlopen" not in text and "<" not in text and "Errno" not in text
    assert "connection was refused" in text and "install a model from a file" in text
    assert text[0].isupper()
    assert not dialog.remove_button.isEnabled()
    dialog.table.setFocus()
    assert not dialog.remove_button.isEnabled()
