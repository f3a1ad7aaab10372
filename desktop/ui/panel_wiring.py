"""Wiring of the panels into the main window: notes and search docks, the model banner,
the Export menu, Find, Preferences, Translation Models and Keyboard Shortcuts.

MainWindow calls `install_docks` and `install_menus` in its two marked places; the slots
that connect panels to the reader live here so the window itself stays wiring only.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, Qt, QTimer
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QDockWidget

from desktop.annotations.colours import color_labels
from desktop.ui.colour_names import display_labels
from desktop.ui.export_actions import ExportActions
from desktop.ui.model_manager import ModelBanner, ModelManagerDialog
from desktop.ui.notes_panel import NotesPanel
from desktop.ui.search_panel import DOCUMENT, LIBRARY, SearchPanel


class Panels(QObject):
    def __init__(self, window: Any) -> None:
        super().__init__(window)
        self.window = window
        self.ctx = window.ctx
        self.reader = window.reader
        self._pending_flash: tuple[int, str, int, int] | None = None
        self.model_dialog: ModelManagerDialog | None = None

    # -- docks --------------------------------------------------------------------------

    def install_docks(self) -> None:
        w, reader = self.window, self.reader
        self.notes = NotesPanel(self.ctx, parent=w)
        self.notes_dock = w.add_dock(self.notes, Qt.DockWidgetArea.RightDockWidgetArea, self.tr("Notes"), "NotesDock")
        self.search = SearchPanel(self.ctx, w)
        self.search_dock = w.add_dock(self.search, Qt.DockWidgetArea.RightDockWidgetArea, self.tr("Search"), "SearchDock")
        w.tabifyDockWidget(self.notes_dock, self.search_dock)
        self.notes_dock.raise_()

        reader.documentChanged.connect(self._document_changed)
        reader.annotationClicked.connect(self.show_note)
        reader.selectionChanged.connect(self.notes.set_selection)
        self.notes.annotationActivated.connect(
            lambda doc_id, side, start, end, _id: self.show_passage(doc_id, None, side, start, end)
        )
        self.search.hitActivated.connect(self.show_passage)
        self.search.dismissed.connect(reader.setFocus)

        self.banner = ModelBanner(w)
        self.banner.installFileRequested.connect(lambda: self.show_model_manager(action="install"))
        self.banner.downloadRequested.connect(lambda: self.show_model_manager(action="download"))
        w.add_banner(self.banner)
        self.banner.update_for(self.ctx.packages_dir, self.ctx.data_dir)
        w.translation.modelMissing.connect(lambda: self.banner.update_for(self.ctx.packages_dir, self.ctx.data_dir))
        self._labels_changed(color_labels(self.ctx.conn))  # default meanings in the UI language

    # -- menus --------------------------------------------------------------------------

    def _action(self, text: str, slot, shortcut, name: str) -> QAction:
        return self.window._action(text, slot, shortcut, name=name)

    def install_menus(self) -> None:
        w = self.window
        menus = w._menus

        self.exports = ExportActions(self.ctx, self.reader.current_document, w)
        self.exports.populate(menus["export"])
        for act in self.exports.all_actions():
            w.addAction(act)  # shortcuts work with the menu closed
        self.exports.exported.connect(lambda path: w.status_message(self.tr("Exported to {0}").format(path)))
        self.exports.imported.connect(self._notes_imported)
        self.exports.failed.connect(w.show_error)
        file_menu = menus["file"]
        file_menu.insertAction(w.act_quit, self.exports.import_action)
        file_menu.insertSeparator(w.act_quit)

        self.act_find = self._action(self.tr("&Find in Document…"), lambda: self.start_search(DOCUMENT), "Ctrl+F", "find")
        self.act_find_library = self._action(
            self.tr("Find in &Library…"), lambda: self.start_search(LIBRARY), "Ctrl+Shift+F", "find_library"
        )
        for act in (self.search.next_action, self.search.previous_action):
            w.addAction(act)
        edit = menus["edit"]
        edit.addSeparator()
        for act in (self.act_find, self.act_find_library, self.search.next_action, self.search.previous_action):
            edit.addAction(act)

        self.act_notes = self._action(self.tr("Show &Notes"), self.focus_notes, "Ctrl+Shift+N", "focus_notes")
        menus["view"].addAction(self.act_notes)

        tools = menus["tools"]
        tools.addSeparator()
        self.act_models = self._action(self.tr("Translation &Models…"), self.show_model_manager, "Ctrl+Shift+M", "models")
        tools.addAction(self.act_models)
        self.act_preferences = self._action(
            self.tr("&Preferences…"), self.show_preferences, QKeySequence("Ctrl+,"), "preferences"
        )
        self.act_preferences.setMenuRole(QAction.MenuRole.PreferencesRole)
        tools.addAction(self.act_preferences)

        self.act_shortcuts = self._action(self.tr("&Keyboard Shortcuts"), self.show_shortcuts, "F1", "shortcuts")
        menus["help"].addAction(self.act_shortcuts)

    # -- reader <-> panels --------------------------------------------------------------

    def _document_changed(self, doc_id: int) -> None:
        self.notes.set_document(doc_id)
        self.search.set_document(doc_id)
        if self._pending_flash is not None and self._pending_flash[0] == doc_id:
            _doc, side, start, end = self._pending_flash
            self._pending_flash = None
            self.reader.flash_range(side, start, end)

    def show_passage(self, doc_id: int, paragraph_index: int | None, side: str, start: int, end: int) -> None:
        """Open a document at a passage and flash it (search hits, notes)."""
        view = self.reader.document_view()
        loaded = view is not None and view.doc.id == doc_id and self.reader.current_document() == doc_id
        self.window.open_document(doc_id, paragraph_index)
        if start < 0:
            return
        if loaded:
            self.reader.flash_range(side, start, end)
        else:
            self._pending_flash = (doc_id, side, start, end)

    def show_note(self, ann_id: str) -> None:
        self._raise(self.notes_dock)
        self.notes.select_annotation(ann_id)

    def _raise(self, dock: QDockWidget) -> None:
        dock.show()
        dock.raise_()

    def focus_notes(self) -> None:
        self._raise(self.notes_dock)
        self.notes.filter_edit.setFocus()

    def start_search(self, scope: str) -> None:
        self._raise(self.search_dock)
        self.search.start(scope)

    def _notes_imported(self, summary: str) -> None:
        self.window.status_message(summary, 12000)
        self.notes.reload()
        self.reader.reload_annotations()

    # -- dialogs ------------------------------------------------------------------------

    def show_model_manager(self, action: str = "") -> ModelManagerDialog:
        if self.model_dialog is None:
            self.model_dialog = ModelManagerDialog(self.ctx, self.window)
            self.model_dialog.modelsChanged.connect(self._models_changed)
        dialog = self.model_dialog
        dialog.refresh()
        dialog.show()
        dialog.raise_()
        if action == "install":
            dialog.choose_file()
        elif action == "download":
            dialog.download("fr", "en")
        return dialog

    def _models_changed(self) -> None:
        if not self.banner.update_for(self.ctx.packages_dir, self.ctx.data_dir):
            self.window.translation.restart()

    def show_preferences(self) -> None:
        from desktop.ui.preferences import PreferencesDialog

        dialog = PreferencesDialog(self.ctx, self.window)
        dialog.themeChanged.connect(self.window.set_theme)
        dialog.fontChanged.connect(self._font_changed)
        dialog.labelsChanged.connect(self._labels_changed)
        dialog.backendChanged.connect(self._models_changed)  # banner, then the open document by the new backend
        dialog.languageChanged.connect(self._language_changed)
        dialog.open()
        self.preferences_dialog = dialog

    def _language_changed(self, language: str) -> None:
        """The window is built again in the new language once the dialog has closed."""
        from desktop.ui.language_switch import switch_language

        QTimer.singleShot(0, self.window, lambda: switch_language(self.window, language))

    def _font_changed(self, _family: str, size: int) -> None:
        """The settings hold the new family and size; the reader re-reads them."""
        reader = self.reader
        if size != reader.font_size:
            reader.set_font_size(size)  # applies the fonts (family included) and redraws
            return
        apply_fonts = getattr(reader, "apply_fonts", None)
        if apply_fonts is not None:
            apply_fonts()
        else:
            reader._apply_fonts()
            reader.apply_theme()  # redraws the document with the new font

    def _labels_changed(self, labels: dict) -> None:
        self.notes.set_labels(labels)
        labels = display_labels(labels)
        refresh = getattr(self.reader, "refresh_color_labels", None)
        if refresh is not None:
            refresh()
            return
        # The reader's colour actions name each colour's meaning: rename them in place.
        for n, act in enumerate(self.reader.highlight_actions(), start=1):
            color = act.data()
            name, label = self.reader.color_name(color), labels.get(color, color)
            act.setText(QCoreApplication.translate("BilingualReader", "Highlight {0} ({1})").format(name, label))
            act.setToolTip(
                QCoreApplication.translate("BilingualReader", "Highlight the selection: {0} — {1} ({2})").format(
                    name, label, n
                )
            )

    def show_shortcuts(self) -> None:
        from desktop.ui.shortcuts_help import ShortcutsDialog

        dialog = ShortcutsDialog(self.window)
        dialog.open()
        self.shortcuts_dialog = dialog
