"""The library panel: documents with language, translation progress and notes; sortable, filterable.

Titles wrap onto two lines (the full title is in the tooltip). The list follows the library
file: a change made by another process (`glose import` while the app runs) shows within
WATCH_MS, noticed through SQLite's `PRAGMA data_version` (no disk read). From the filter,
Down moves into the list and Enter opens the selected match (or the first).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable

from PySide6.QtCore import (
    QAbstractTableModel,
    QEvent,
    QObject,
    QModelIndex,
    QRectF,
    QSortFilterProxyModel,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QAction, QColor, QFont, QFontMetrics, QKeySequence, QPainter
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QMenu,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from desktop.library.language import needs_translation
from desktop.ui import theme
from desktop.ui.model_manager import language_name

TITLE, LANGUAGE, PROGRESS, NOTES = range(4)
WATCH_MS = 1500  # how often the library file is asked whether another process changed it
TITLE_LINES = 2
SORT_ROLE = Qt.ItemDataRole.UserRole + 1
DOC_ID_ROLE = Qt.ItemDataRole.UserRole + 2


def list_job(connect: Callable[[], sqlite3.Connection]):
    from desktop.library.store import list_documents

    conn = connect()
    try:
        return list_documents(conn)
    finally:
        conn.close()


class LibraryModel(QAbstractTableModel):
    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.rows: list = []

    def set_rows(self, rows: list) -> None:
        self.beginResetModel()
        self.rows = list(rows)
        self.endResetModel()

    def rowCount(self, parent: QModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: QModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else 4

    def headerData(self, section: int, orientation, role=Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            # Short labels: the title gets the panel's width (full names in the tooltips).
            return (self.tr("Title"), self.tr("Lang."), "%", self.tr("Notes"))[section]
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.ToolTipRole:
            return (self.tr("Title"), self.tr("Language"), self.tr("Translated"), self.tr("Notes"))[section]
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        return None

    @staticmethod
    def fraction(row) -> float:
        return row.translated / row.sentences if row.sentences else 1.0

    def data(self, index: QModelIndex, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        row = self.rows[index.row()]
        col = index.column()
        if role == DOC_ID_ROLE:
            return row.id
        if role == Qt.ItemDataRole.DisplayRole:
            if col == TITLE:
                return row.title
            if col == LANGUAGE:
                return row.language
            if col == PROGRESS:
                if not needs_translation(row.language):
                    return "—"  # already in English: nothing to translate
                return f"{int(round(100 * self.fraction(row)))} %"
            if col == NOTES:
                return str(row.notes) if row.notes else "–"
        if role == SORT_ROLE:
            return (row.title.casefold(), row.language, self.fraction(row), row.notes)[col]
        if role == Qt.ItemDataRole.ToolTipRole:
            if col == PROGRESS:
                if not needs_translation(row.language):
                    return self.tr("Already in English: shown as it is, not translated")
                return self.tr("{0} of {1} sentences translated").format(row.translated, row.sentences)
            if col == LANGUAGE:
                return self.tr("Detected language: {0}. Right-click the document to correct it.").format(row.language)
            if col == TITLE:
                return f"{row.title}\n{row.path or ''}".strip()
        if role == Qt.ItemDataRole.TextAlignmentRole and col in (LANGUAGE, NOTES):
            return int(Qt.AlignmentFlag.AlignCenter)
        return None


class ProgressDelegate(QStyledItemDelegate):
    """A thin bar under the percentage."""

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex) -> None:
        super().paint(painter, option, index)
        text = index.data() or "0 %"
        try:
            fraction = int(text.split()[0]) / 100
        except ValueError:
            return  # not translated at all (a document already in English): no bar
        c = theme.colors()
        r = option.rect.adjusted(8, option.rect.height() - 7, -8, -4)
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor(c["border"]))
        painter.drawRoundedRect(QRectF(r), 1.5, 1.5)
        painter.setBrush(QColor(c["accent"] if fraction < 1 else c["human"]))
        painter.drawRoundedRect(QRectF(r.x(), r.y(), r.width() * fraction, r.height()), 1.5, 1.5)
        painter.restore()


def _set_language_job(connect: Callable[[], sqlite3.Connection], doc_id: int, code: str) -> str:
    from desktop.library.store import set_language

    conn = connect()
    try:
        return set_language(conn, doc_id, code)
    finally:
        conn.close()


LANGUAGE_CHOICES = ("fr", "en", "es", "de", "it", "pt", "nl")


class LibraryPanel(QWidget):
    documentActivated = Signal(int)
    languageChanged = Signal(int)  # a document's language was corrected
    importRequested = Signal()
    removeRequested = Signal(int)
    refreshed = Signal()

    def __init__(self, ctx, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("LibraryPanel")
        self.filter = QLineEdit(self)
        self.filter.setObjectName("LibraryFilter")
        self.filter.setPlaceholderText(self.tr("Filter documents…"))
        self.filter.setAccessibleName(self.tr("Filter the library"))
        self.filter.setClearButtonEnabled(True)
        self.import_button = QToolButton(self)
        self.import_button.setObjectName("LibraryImport")
        self.import_button.setIcon(theme.icon("import"))
        self.import_button.setToolTip(self.tr("Import documents…"))
        self.import_button.setAccessibleName(self.tr("Import documents"))
        self.import_button.clicked.connect(self.importRequested)

        self.model = LibraryModel(self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.proxy.setFilterKeyColumn(TITLE)
        self.proxy.setSortRole(SORT_ROLE)
        self.filter.textChanged.connect(self.proxy.setFilterFixedString)

        self.table = QTableView(self)
        self.table.setObjectName("LibraryTable")
        self.table.setAccessibleName(self.tr("Documents in the library"))
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(TITLE, Qt.SortOrder.AscendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(False)
        self.table.setShowGrid(False)
        self.table.setWordWrap(True)  # a long title takes two lines, then is elided
        self.table.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.table.verticalHeader().hide()
        line = self.table.fontMetrics().lineSpacing()
        self.table.verticalHeader().setDefaultSectionSize(TITLE_LINES * line + 14)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(TITLE, QHeaderView.ResizeMode.Stretch)
        bold = header.font()
        bold.setWeight(QFont.Weight.DemiBold)  # as the style sheet draws the header
        metrics = QFontMetrics(bold)
        for col, width in ((LANGUAGE, 40), (PROGRESS, 58), (NOTES, 44)):
            label = self.model.headerData(col, Qt.Orientation.Horizontal)
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.Fixed)
            header.resizeSection(col, max(width, metrics.horizontalAdvance(label) + 22))  # never clipped
        header.setHighlightSections(False)
        self.table.setItemDelegateForColumn(PROGRESS, ProgressDelegate(self.table))
        self.table.activated.connect(self._activated)
        self.table.clicked.connect(self._activated)
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.table.customContextMenuRequested.connect(self._context_menu)
        remove = QAction(self.tr("&Remove from Library…"), self.table)
        remove.setObjectName("remove_document")
        remove.setShortcut(QKeySequence(QKeySequence.StandardKey.Delete))
        remove.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        remove.triggered.connect(self._remove_current)
        self.table.addAction(remove)
        self.remove_action = remove

        top = QHBoxLayout()
        top.setContentsMargins(8, 8, 8, 6)
        top.setSpacing(6)
        top.addWidget(self.filter, 1)
        top.addWidget(self.import_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        self.setMinimumWidth(260)

        self._selected: int | None = None
        self._refreshing = False
        self._again = False
        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(400)
        self._debounce.timeout.connect(self.refresh)
        self.filter.installEventFilter(self)
        self._data_version = self._library_version()
        self._watch = QTimer(self)
        self._watch.setInterval(WATCH_MS)
        self._watch.timeout.connect(self._check_library)
        self._watch.start()
        self.refresh()

    def set_import_actions(self, actions: list[QAction]) -> None:
        """The import button's menu (Import…, Import Folder…); a click imports files."""
        menu = QMenu(self.import_button)
        for action in actions:
            menu.addAction(action)
        self.import_button.setMenu(menu)
        self.import_button.setPopupMode(QToolButton.ToolButtonPopupMode.MenuButtonPopup)
        self.import_button.setMinimumWidth(self.import_button.sizeHint().width() + 8)

    def _library_version(self) -> int | None:
        try:
            return int(self.ctx.conn.execute("PRAGMA data_version").fetchone()[0])
        except sqlite3.Error:
            return None

    def _check_library(self) -> None:
        version = self._library_version()
        if version != self._data_version:
            self._data_version = version
            self.refresh_later()

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if obj is self.filter and event.type() == QEvent.Type.KeyPress:
            key = event.key()
            if key in (Qt.Key.Key_Down, Qt.Key.Key_PageDown) and self.proxy.rowCount():
                self.table.selectRow(0)  # the first match; arrows go on from there in the list
                self.table.setCurrentIndex(self.proxy.index(0, TITLE))
                self.table.setFocus()
                return True
            if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.proxy.rowCount():
                index = self.table.currentIndex()
                self._activated(index if index.isValid() else self.proxy.index(0, TITLE))
                return True
        return super().eventFilter(obj, event)

    def focus_filter(self) -> None:
        self.filter.setFocus()
        self.filter.selectAll()

    def refresh_later(self) -> None:
        self._debounce.start()

    def refresh(self) -> None:
        if self._refreshing:
            self._again = True
            return
        self._refreshing = True
        self.ctx.tasks.run(list_job, self.ctx.connect, on_result=self._set_rows, on_error=self._failed, name="library", context=self)

    def _failed(self, exc: BaseException) -> None:
        self._refreshing = False

    def _set_rows(self, rows: list) -> None:
        self._refreshing = False
        self.model.set_rows(rows)
        if self._selected is not None:
            self.select_document(self._selected)
        self.refreshed.emit()
        if self._again:
            self._again = False
            self.refresh()

    def document_ids(self) -> list[int]:
        """Ids in display order (after sort and filter)."""
        return [self.proxy.index(r, 0).data(DOC_ID_ROLE) for r in range(self.proxy.rowCount())]

    def row_for(self, doc_id: int):
        return next((r for r in self.model.rows if r.id == doc_id), None)

    def select_document(self, doc_id: int) -> None:
        self._selected = doc_id
        for r in range(self.proxy.rowCount()):
            index = self.proxy.index(r, 0)
            if index.data(DOC_ID_ROLE) == doc_id:
                self.table.selectRow(r)
                self.table.scrollTo(index)
                return

    def current_document(self) -> int | None:
        rows = self.table.selectionModel().selectedRows()
        return rows[0].data(DOC_ID_ROLE) if rows else None

    def _remove_current(self) -> None:
        doc_id = self.current_document()
        if doc_id is not None:
            self.removeRequested.emit(int(doc_id))

    def _context_menu(self, pos) -> None:
        index = self.table.indexAt(pos)
        if not index.isValid():
            return
        self.table.selectRow(index.row())
        doc_id = self.proxy.index(index.row(), 0).data(DOC_ID_ROLE)
        menu = QMenu(self)
        menu.addAction(self.tr("&Open"), lambda: self.documentActivated.emit(int(doc_id)))
        menu.addMenu(self.language_menu(int(doc_id), menu))
        menu.addSeparator()
        menu.addAction(self.remove_action)
        menu.exec(self.table.viewport().mapToGlobal(pos))

    def language_menu(self, doc_id: int, parent: QWidget) -> QMenu:
        """Language ▸ the common ones, the current one checked: a wrong detection is corrected here."""
        row = self.row_for(doc_id)
        menu = QMenu(self.tr("&Language"), parent)
        menu.setObjectName("language_menu")
        for code in LANGUAGE_CHOICES:
            action = menu.addAction(f"{code} — {language_name(code)}")
            action.setData(code)
            action.setCheckable(True)
            action.setChecked(row is not None and row.language == code)
            action.triggered.connect(lambda _checked=False, c=code: self.set_language(doc_id, c))
        return menu

    def set_language(self, doc_id: int, code: str) -> None:
        self.ctx.tasks.run(
            _set_language_job, self.ctx.connect, doc_id, code,
            on_result=lambda _code: (self.refresh(), self.languageChanged.emit(doc_id)),
            name="language", context=self,
        )

    def _activated(self, index: QModelIndex) -> None:
        doc_id = index.data(DOC_ID_ROLE) if index.column() == 0 else self.proxy.index(index.row(), 0).data(DOC_ID_ROLE)
        if doc_id is not None:
            self._selected = int(doc_id)
            self.documentActivated.emit(int(doc_id))
