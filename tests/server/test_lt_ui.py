"""The app with a LibreTranslate server: Preferences ▸ Translation, the reader translating
through the server, and the status bar naming who translated the open document."""

from __future__ import annotations

import os
import stat

from desktop.translation.server_config import config_path, load_config
from tests.ui.conftest import open_and_wait, seed_ids, seeded_ctx, ui_ctx, wait_translated, window  # noqa: F401 - fixtures
from tests.ui.panel_support import app_context


def test_preferences_set_test_and_forget_a_server(qtbot, data_dir, lt_server) -> None:
    from desktop.ui.preferences import PreferencesDialog

    with app_context(data_dir) as ctx:
        dialog = PreferencesDialog(ctx)
        qtbot.addWidget(dialog)
        box = dialog.server_box
        assert box.local.isChecked() and not box.url.isEnabled()
        box.server.setChecked(True)
        box.url.setText("translate.office.lan")  # no scheme: refused, the dialog stays open
        dialog.accept()
        assert dialog.result() == 0 and "starts with http://" in box.result.text()
        box.url.setText(lt_server.url + "/")
        box.key.setText("team-key-1")
        box.test.click()
        qtbot.waitUntil(lambda: box.result.text().startswith("Works:"), timeout=30_000)
        assert box.result.text() == "Works: en→fr, fr→en; no character limit"
        if os.environ.get("GLOSE_SCREENSHOTS"):
            dialog.show()
            qtbot.waitExposed(dialog)
            dialog.grab().save(os.environ["GLOSE_SCREENSHOTS"] + "/preferences-server.png")
        with qtbot.waitSignal(dialog.backendChanged, timeout=2_000):
            dialog.accept()
        saved = load_config(data_dir)
        assert saved.url == lt_server.url and saved.key_store == "file"
        assert "team-key-1" not in config_path(data_dir).read_text()
        [secret] = (data_dir / "secrets").iterdir()
        assert stat.S_IMODE(os.stat(secret).st_mode) == 0o600

        again = PreferencesDialog(ctx)
        qtbot.addWidget(again)
        assert again.server_box.server.isChecked() and again.server_box.url.text() == lt_server.url
        assert "file only you can read" in again.server_box.key.placeholderText()
        again.server_box.local.setChecked(True)
        again.accept()
        assert not load_config(data_dir).enabled and not secret.exists()


def test_the_reader_translates_through_the_server_and_says_so(qtbot, data_dir, lt_server, window, tmp_path) -> None:
    from desktop.translation.server_config import ServerConfig, set_server

    set_server(data_dir, ServerConfig(url=lt_server.url), None)
    window.panels._models_changed()  # as saving Preferences does
    assert not window.panels.banner.isVisible()  # no local model, but a server: no "install a model"
    doc_id = seed_ids(window.ctx)["sous-forum-gestion-migration-lianyungang-2025"]
    open_and_wait(qtbot, window.reader, doc_id)
    wait_translated(qtbot, window)
    view = window.reader.document_view()
    assert set(view.makers) == {f"libretranslate:127.0.0.1:{lt_server.port}/fr-en"}
    qtbot.waitUntil(lambda: window.makers_label.isVisible(), timeout=5_000)
    assert window.makers_label.text() == f"English by server 127.0.0.1:{lt_server.port}"
    window.grab().save(str(tmp_path / "reader-server.png"))
    if os.environ.get("GLOSE_SCREENSHOTS"):
        window.grab().save(os.environ["GLOSE_SCREENSHOTS"] + "/reader-server.png")
