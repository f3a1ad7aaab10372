"""`Glose --self-test` against the real main window, from source (CI also runs it in the bundle)."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from desktop import config
from desktop.ui import selftest


@pytest.fixture
def main_window(qtbot, ui_ctx):
    from desktop.ui.main_window import MainWindow

    win = MainWindow(ui_ctx)
    qtbot.addWidget(win)
    yield win
    translation = getattr(win, "translation", None)
    if translation is not None:
        translation.cancel()
    ui_ctx.tasks.wait_idle(20_000)


def lines_by_check(output: str) -> dict[str, str]:
    out = {}
    for line in output.splitlines():
        parts = line.split(None, 2)
        if len(parts) == 3 and parts[0] in ("ok", "skip", "FAIL"):
            out[parts[1].rstrip(":")] = parts[0]
    return out


def test_self_test_imports_searches_and_translates(main_window, ui_ctx, installed_tiny_model) -> None:
    out = io.StringIO()

    code = selftest.run(main_window, ui_ctx, out)

    text = out.getvalue()
    checks = lines_by_check(text)
    assert checks == {
        "window": "ok", "resources": checks["resources"], "modules": "ok", "import": "ok", "open": "ok", "search": "ok",
        "translate": "ok", "highlight": "ok", "export": "ok", "undo": "ok",
    }, text
    # The highlight it made was undone: the library is left as it was.
    assert ui_ctx.conn.execute("SELECT COUNT(*) FROM annotations").fetchone()[0] == 0
    assert installed_tiny_model.model_id in text
    assert ("self-test passed" in text) == (code == 0) == (checks["resources"] == "ok")


def test_without_a_model_translation_is_skipped(main_window, ui_ctx, tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("ARGOS_PACKAGES_DIR", str(tmp_path / "no-packages"))
    monkeypatch.setenv("GLOSE_SELFTEST_SCREENSHOT", str(tmp_path / "shot.png"))
    out = io.StringIO()

    selftest.run(main_window, ui_ctx, out)

    checks = lines_by_check(out.getvalue())
    assert checks["translate"] == "skip"
    assert checks["import"] == checks["search"] == "ok"
    from PySide6.QtGui import QImage

    shot = QImage(str(tmp_path / "shot.png"))
    assert not shot.isNull() and selftest.distinct_colours(shot) > 10


def test_missing_resources_fail_the_self_test(main_window, ui_ctx, tmp_path: Path, monkeypatch) -> None:
    empty = tmp_path / "bundle"
    (empty / "resources").mkdir(parents=True)
    monkeypatch.setattr(config, "resource_path", lambda *parts: empty.joinpath("resources", *parts))
    out = io.StringIO()

    code = selftest.run(main_window, ui_ctx, out)

    assert code == 1
    assert lines_by_check(out.getvalue())["resources"] == "FAIL"
    assert "self-test FAILED: resources" in out.getvalue()


def test_search_word_is_a_frequent_long_word() -> None:
    assert selftest.search_word("La migration, les migrations et la migration régulière.") == "migration"
    with pytest.raises(selftest.CheckFailed):
        selftest.search_word("Le, la, les.")
