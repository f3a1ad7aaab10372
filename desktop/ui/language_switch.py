"""Changing the interface language while Glose runs.

Every widget takes its texts from tr() when it is built, so the window is built again in
the new language: the session (window layout, open document and position, search and
notes panels) is saved, a new main window opens where the old one was, and the old one
closes. Background work (imports, the translation queue) lives in the shared AppContext and
carries on; only the undo history of the old window's highlights is not carried over.
"""

from __future__ import annotations

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from desktop.ui.i18n import install_translators


def switch_language(window, setting: str):  # noqa: ANN001, ANN201 - MainWindow in, MainWindow out
    """Install the translators for `setting` and rebuild `window` with them; returns the new
    window (also kept in ctx.extras["main_window"], so that something holds it)."""
    from desktop.ui.main_window import MainWindow

    ctx = window.ctx
    install_translators(QApplication.instance(), setting)
    window.save_state()
    doc_id = window.reader.current_document()
    new = MainWindow(ctx, defer_panels=True)
    new.restore_state()
    new.setGeometry(window.geometry())
    new.show()
    if doc_id is not None:
        new.open_last_document()
    QTimer.singleShot(0, new, new.install_panels)
    new.panelsInstalled.connect(new.translation.resume_queue)
    ctx.extras["main_window"] = new
    window.translation.stop()  # the new window's reader starts its own
    window.close()
    window.deleteLater()
    return new
