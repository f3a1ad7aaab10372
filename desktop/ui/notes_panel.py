"""The notes panel: every highlight of the document (or the library), filtered by colour,
tag and text; orphaned ones apart with re-attach and delete; the selected one's note
edited in place and saved as you type.

Reads run on workers (stale answers are dropped); writes go through the shared
AnnotationHistory so that each one can be undone.
"""

from __future__ import annotations

import sqlite3
import unicodedata
from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import QAbstractListModel, QModelIndex, QRect, QSize, QStringListModel, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QColor, QFont, QFontMetrics, QIcon, QKeySequence, QPainter, QPalette, QPixmap
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QComboBox,
    QCompleter,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QPlainTextEdit,
    QPushButton,
    QSizePolicy,
    QSplitter,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from desktop.annotations.colours import COLORS, HEX, color_labels
from desktop.annotations.store import ORPHANED, Annotation, all_tags, list_annotations, normalize_tags
from desktop.library import store as library_store
from desktop.translation import store as translation_store
from desktop.ui.colour_names import display_labels
from desktop.ui.panel_style import apply_panel_style
from desktop.ui.undo import AnnotationHistory, history_for

SAVE_DELAY_MS = 400
ANN_ROLE = Qt.ItemDataRole.UserRole + 1
DOCUMENT, LIBRARY = "document", "library"


def fold(text: str) -> str:
    """Lower case without accents, for filtering (`securite` finds `sécurité`)."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def color_icon(color: str, size: int = 14) -> QIcon:
    pix = QPixmap(size * 2, size * 2)
    pix.setDevicePixelRatio(2.0)
    pix.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pix)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(QColor(HEX[color]).darker(135))
    painter.setBrush(QColor(HEX[color]))
    painter.drawEllipse(1, 1, size - 2, size - 2)
    painter.end()
    return QIcon(pix)


@dataclass
class NotesSnapshot:
    """What one worker read returns."""

    annotations: list[Annotation]
    labels: dict[str, str]
    tags: list[str]
    titles: dict[int, str] = field(default_factory=dict)
    folded: dict[str, str] = field(default_factory=dict)  # annotation id -> text the filter searches


def load_notes(connect: Any, doc_id: int | None, scope: str) -> NotesSnapshot:
    conn: sqlite3.Connection = connect()
    try:
        if scope == DOCUMENT and doc_id is None:
            anns: list[Annotation] = []
        else:
            anns = list_annotations(conn, doc_id if scope == DOCUMENT else None)
        titles = {d.id: d.title for d in library_store.list_documents(conn)} if scope == LIBRARY else {}
        folded = {a.id: fold(" ".join([a.quote, a.note, " ".join(a.tags), titles.get(a.doc_id, "")])) for a in anns}
        return NotesSnapshot(anns, color_labels(conn), all_tags(conn), titles, folded)
    finally:
        conn.close()


def load_for_reattach(connect: Any, doc_id: int, side: str, model_id: str | None) -> tuple[Any, Any]:
    conn = connect()
    try:
        doc = library_store.get_document(conn, doc_id)
        english = translation_store.english_side(conn, doc, model_id) if side == "en" else None
        return doc, english
    finally:
        conn.close()


class TagCompleter(QCompleter):
    """Completes the last of comma-separated tags."""

    def splitPath(self, path: str) -> list[str]:
        return [path.split(",")[-1].strip()]

    def pathFromIndex(self, index: QModelIndex) -> str:
        done = [t.strip() for t in self.widget().text().split(",")[:-1] if t.strip()]
        return ", ".join([*done, str(index.data())]) + ", "


class NotesModel(QAbstractListModel):
    """A flat list of annotations (a view with uniform rows stays fast with 10,000)."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.rows: list[Annotation] = []
        self._count = 0

    def set_rows(self, rows: list[Annotation]) -> None:
        self.beginResetModel()
        self.rows = rows
        self._count = len(rows)
        self.endResetModel()

    def rowCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: B008 (Qt signature)
        # Called once per row by the view's layout: keep it minimal. A list has no
        # children; QAbstractListModel answers hasChildren() itself without asking here.
        return self._count


    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self.rows):
            return None
        ann = self.rows[index.row()]
        if role == ANN_ROLE:
            return ann
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return f"{ann.quote} — {ann.note}" if ann.note else ann.quote
        if role == Qt.ItemDataRole.ToolTipRole:
            return ann.note or ann.quote
        return None

    def row_of(self, ann_id: str) -> int:
        for i, ann in enumerate(self.rows):
            if ann.id == ann_id:
                return i
        return -1


class NoteCardDelegate(QStyledItemDelegate):
    """Paints an annotation as a small card: colour bar, quote, note, tags."""

    PAD = 10

    def __init__(self, panel: NotesPanel) -> None:
        super().__init__(panel)
        self.panel = panel

    def _fonts(self, base: QFont) -> tuple[QFont, QFont, QFont]:
        meta = QFont(base)
        meta.setPointSizeF(max(7.5, base.pointSizeF() * 0.85))
        quote = QFont(base)
        quote.setFamilies(["Noto Serif", "DejaVu Serif", "Georgia", "serif"])
        quote.setItalic(True)
        return meta, quote, QFont(base)

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex) -> QSize:
        # Every card has the same height (the note line is kept even when empty), so the
        # view can use uniform row sizes.
        meta, quote, body = self._fonts(option.font)
        h = self.PAD * 2 + QFontMetrics(meta).height() + 4 + QFontMetrics(quote).height() + 4 + QFontMetrics(body).height()
        return QSize(option.rect.width(), h + 8)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex) -> None:
        ann: Annotation | None = index.data(ANN_ROLE)
        if ann is None:
            return
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        palette = option.palette
        rect = option.rect.adjusted(6, 3, -6, -3)
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        base = palette.color(QPalette.ColorRole.Base)
        card = QColor(palette.color(QPalette.ColorRole.Highlight)) if selected else base
        if selected:
            card.setAlpha(40)
        painter.setPen(QColor(palette.color(QPalette.ColorRole.Mid)) if not selected else palette.color(QPalette.ColorRole.Highlight))
        painter.setBrush(card)
        painter.drawRoundedRect(rect, 6, 6)
        bar = QRect(rect.left(), rect.top(), 5, rect.height())
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor(HEX.get(ann.color, "#cccccc")))
        painter.drawRoundedRect(bar, 2, 2)

        meta, quote, body = self._fonts(option.font)
        x = rect.left() + 5 + self.PAD
        width = rect.right() - x - self.PAD
        y = rect.top() + self.PAD
        text_color = palette.color(QPalette.ColorRole.Text)
        dim = QColor(palette.color(QPalette.ColorRole.PlaceholderText))

        parts = ["FR" if ann.side == "fr" else "EN", self.panel.labels.get(ann.color, ann.color)]
        if ann.tags:
            parts.append("  ".join("#" + t for t in ann.tags))
        if self.panel.scope == LIBRARY:  # last: the part that gets elided
            parts.append(self.panel.titles.get(ann.doc_id, "") or f"#{ann.doc_id}")
        painter.setFont(meta)
        painter.setPen(dim)
        fm = QFontMetrics(meta)
        painter.drawText(x, y + fm.ascent(), fm.elidedText("  ·  ".join(parts), Qt.TextElideMode.ElideRight, width))
        y += fm.height() + 4

        painter.setFont(quote)
        painter.setPen(text_color)
        fm = QFontMetrics(quote)
        painter.drawText(x, y + fm.ascent(), fm.elidedText(f"“{ann.quote}”", Qt.TextElideMode.ElideRight, width))
        y += fm.height()

        if ann.note:
            y += 4
            painter.setFont(body)
            fm = QFontMetrics(body)
            first = " ".join(ann.note.split())
            painter.drawText(x, y + fm.ascent(), fm.elidedText(first, Qt.TextElideMode.ElideRight, width))
        painter.restore()


class NotesPanel(QWidget):
    """Dockable list of highlights and notes with an in-place note editor."""

    # doc_id, side, start, end, annotation id: show this passage in the reader.
    annotationActivated = Signal(int, str, int, int, str)
    loaded = Signal()

    def __init__(self, ctx: Any, history: AnnotationHistory | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.history = history or history_for(ctx)
        self.setObjectName("notesPanel")
        self.doc_id: int | None = None
        self.scope = DOCUMENT
        self.annotations: list[Annotation] = []
        self.labels: dict[str, str] = display_labels(color_labels(ctx.conn))
        self.titles: dict[int, str] = {}
        self.selection: tuple[int, str, int, int] | None = None  # doc, side, start, end
        self._generation = 0
        self._selected_id: str | None = None
        self._pending_select: str | None = None

        self._build_filters()
        self._build_list()
        self._build_editor()

        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.setChildrenCollapsible(False)
        splitter.addWidget(self.tree_box)
        splitter.addWidget(self.editor)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([600, 260])  # the list gets most of the height; the editor enough for a paragraph
        self.splitter = splitter
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.setSpacing(6)
        layout.addLayout(self.filter_row)
        layout.addLayout(self.chip_row)
        layout.addWidget(splitter, 1)

        self.save_timer = QTimer(self)
        self.save_timer.setSingleShot(True)
        self.save_timer.setInterval(SAVE_DELAY_MS)
        self.save_timer.timeout.connect(self.save_note)

        self._dirty = False
        self.history.changed.connect(self._on_history_changed)
        self.history.idle.connect(self._on_history_idle)
        self.history.failed.connect(self._on_failed)
        self._show_editor(None)
        apply_panel_style(self)

    # -- construction ---------------------------------------------------------------

    def _build_filters(self) -> None:
        self.scope_box = QComboBox()
        self.scope_box.setAccessibleName(self.tr("Show notes of"))
        self.scope_box.addItem(self.tr("This document"), DOCUMENT)
        self.scope_box.addItem(self.tr("Whole library"), LIBRARY)
        self.scope_box.currentIndexChanged.connect(lambda _i: self.set_scope(self.scope_box.currentData()))
        self.filter_edit = QLineEdit()
        self.filter_edit.setPlaceholderText(self.tr("Filter notes…"))
        self.filter_edit.setAccessibleName(self.tr("Filter notes by text"))
        self.filter_edit.setClearButtonEnabled(True)
        self.filter_edit.textChanged.connect(lambda _t: self.apply_filters())
        self.filter_row = QHBoxLayout()
        self.filter_row.setSpacing(6)
        self.filter_row.addWidget(self.filter_edit, 1)
        self.filter_row.addWidget(self.scope_box)

        self.chip_row = QHBoxLayout()
        self.chip_row.setSpacing(2)
        self.color_chips: dict[str, QToolButton] = {}
        for color in COLORS:
            chip = QToolButton()
            chip.setCheckable(True)
            chip.setAutoRaise(True)
            chip.setIcon(color_icon(color))
            chip.setObjectName("colorChip")
            chip.setAccessibleName(self.tr("Show %1 highlights").replace("%1", self.labels.get(color, color)))
            chip.setToolTip(self.labels.get(color, color))
            chip.toggled.connect(lambda _c: self.apply_filters())
            self.color_chips[color] = chip
            self.chip_row.addWidget(chip)
        self.chip_row.addStretch(1)
        self.tag_box = QComboBox()
        self.tag_box.setAccessibleName(self.tr("Filter by tag"))
        self.tag_box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.tag_box.addItem(self.tr("All tags"), "")
        self.tag_box.currentIndexChanged.connect(lambda _i: self.apply_filters())
        self.chip_row.addWidget(self.tag_box)

    def _make_list(self, name: str, accessible: str) -> QListView:
        view = QListView()
        view.setObjectName(name)
        view.setAccessibleName(accessible)
        view.setModel(NotesModel(view))
        view.setItemDelegate(NoteCardDelegate(self))
        view.setUniformItemSizes(True)
        # Lay out long lists in batches between events: 10,000 notes never block the UI.
        view.setLayoutMode(QListView.LayoutMode.Batched)
        view.setBatchSize(300)
        view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        view.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        view.setFrameShape(QFrame.Shape.NoFrame)
        view.selectionModel().currentChanged.connect(lambda current, _prev, v=view: self._current_changed(v, current))
        view.activated.connect(self.activate)
        view.clicked.connect(self.activate)
        return view

    def _build_list(self) -> None:
        self.list = self._make_list("notesList", self.tr("Highlights and notes"))
        self.orphan_list = self._make_list("orphanList", self.tr("Orphaned notes"))
        self.anchored_label = QLabel()
        self.anchored_label.setObjectName("sectionLabel")
        self.orphan_label_head = QLabel()
        self.orphan_label_head.setObjectName("sectionLabel")
        self.empty_label = QLabel()
        self.empty_label.setObjectName("placeholder")
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_label.setWordWrap(True)
        self.tree_box = QWidget()
        box = QVBoxLayout(self.tree_box)
        box.setContentsMargins(0, 0, 0, 0)
        box.setSpacing(2)
        box.addWidget(self.anchored_label)
        box.addWidget(self.list, 3)
        box.addWidget(self.orphan_label_head)
        box.addWidget(self.orphan_list, 1)
        box.addWidget(self.empty_label, 1)

        self.delete_action = QAction(self.tr("Delete highlight"), self)
        self.delete_action.setObjectName("actionDeleteHighlight")
        self.delete_action.setShortcut(QKeySequence(QKeySequence.StandardKey.Delete))
        self.delete_action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        self.delete_action.triggered.connect(self.delete_selected)
        self.list.addAction(self.delete_action)
        self.orphan_list.addAction(self.delete_action)

    def _build_editor(self) -> None:
        self.editor = QFrame()
        self.editor.setObjectName("noteEditor")
        self.quote_label = QLabel()
        self.quote_label.setObjectName("noteQuote")
        self.quote_label.setWordWrap(True)
        self.quote_label.setTextFormat(Qt.TextFormat.PlainText)
        self.quote_label.setMaximumHeight(80)
        self.orphan_label = QLabel(
            self.tr("This passage is no longer in the text. Select where it belongs in the reader, then re-attach it.")
        )
        self.orphan_label.setObjectName("orphanInfo")
        self.orphan_label.setWordWrap(True)

        self.recolor_group = QButtonGroup(self)
        self.recolor_group.setExclusive(True)
        self.recolor_buttons: dict[str, QToolButton] = {}
        color_row = QHBoxLayout()
        color_row.setSpacing(2)
        for color in COLORS:
            button = QToolButton()
            button.setCheckable(True)
            button.setAutoRaise(True)
            button.setIcon(color_icon(color))
            button.setToolTip(self.labels.get(color, color))
            button.setAccessibleName(self.tr("Colour: %1").replace("%1", self.labels.get(color, color)))
            button.clicked.connect(lambda _c=False, col=color: self.recolor(col))
            self.recolor_group.addButton(button)
            self.recolor_buttons[color] = button
            color_row.addWidget(button)
        color_row.addStretch(1)
        self.saved_label = QLabel()
        self.saved_label.setObjectName("savedLabel")
        color_row.addWidget(self.saved_label)
        self.delete_button = QPushButton(self.tr("Delete"))
        self.delete_button.setAccessibleName(self.tr("Delete the highlight"))
        self.delete_button.clicked.connect(self.delete_selected)
        color_row.addWidget(self.delete_button)

        self.note_edit = QPlainTextEdit()
        self.note_edit.setObjectName("noteEdit")
        self.note_edit.setPlaceholderText(self.tr("Write a note…"))
        self.note_edit.setAccessibleName(self.tr("Note"))
        self.note_edit.setTabChangesFocus(True)
        self.note_edit.setMinimumHeight(70)
        self.note_edit.textChanged.connect(self._note_typed)

        self.tags_edit = QLineEdit()
        self.tags_edit.setPlaceholderText(self.tr("Tags, separated by commas"))
        self.tags_edit.setAccessibleName(self.tr("Tags"))
        self.tag_model = QStringListModel(self)
        self.completer = TagCompleter(self.tag_model, self)
        self.completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.completer.setFilterMode(Qt.MatchFlag.MatchStartsWith)
        self.tags_edit.setCompleter(self.completer)
        self.tags_edit.editingFinished.connect(self.save_tags)

        self.reattach_button = QPushButton(self.tr("Re-attach to selection"))
        self.reattach_button.setAccessibleName(self.tr("Re-attach the note to the text selected in the reader"))
        self.reattach_button.clicked.connect(self.reattach_selected)

        layout = QVBoxLayout(self.editor)
        layout.setContentsMargins(4, 8, 4, 0)
        layout.setSpacing(6)
        layout.addWidget(self.quote_label)
        layout.addWidget(self.orphan_label)
        layout.addWidget(self.reattach_button, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addLayout(color_row)
        layout.addWidget(self.note_edit, 1)
        layout.addWidget(self.tags_edit)
        self.editor.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Expanding)

    # -- inputs from the window -----------------------------------------------------

    def set_document(self, doc_id: int | None) -> None:
        """The reader opened another document."""
        if doc_id == self.doc_id:
            return
        self.flush()
        self.doc_id = doc_id
        self.selection = None
        self.reload()

    def set_scope(self, scope: str) -> None:
        if scope not in (DOCUMENT, LIBRARY) or scope == self.scope:
            return
        self.flush()
        self.scope = scope
        self.scope_box.setCurrentIndex(self.scope_box.findData(scope))
        self.reload()

    def set_selection(self, side: str, start: int, end: int) -> None:
        """The reader's current text selection (for re-attaching an orphan)."""
        self.selection = (self.doc_id, side, start, end) if self.doc_id is not None and end > start else None
        self._update_editor_state()

    def select_annotation(self, ann_id: str) -> None:
        """Select an annotation (e.g. clicked in the reader); it may not be loaded yet."""
        index = self.index_for(ann_id)
        if index is None:
            self._pending_select = ann_id
            return
        self._set_current(index)
        self.note_edit.setFocus()

    def set_labels(self, labels: dict[str, str]) -> None:
        self.labels = display_labels(labels)
        labels = self.labels
        for color, chip in self.color_chips.items():
            chip.setToolTip(labels.get(color, color))
            self.recolor_buttons[color].setToolTip(labels.get(color, color))
        self.list.viewport().update()
        self.orphan_list.viewport().update()

    # -- loading --------------------------------------------------------------------

    def reload(self) -> None:
        self._generation += 1
        generation = self._generation
        self.ctx.tasks.run(
            load_notes,
            self.ctx.connect,
            self.doc_id,
            self.scope,
            on_result=lambda snap: self._loaded(generation, snap),
            name="load notes",
        )

    def _loaded(self, generation: int, snap: NotesSnapshot) -> None:
        if generation != self._generation:
            return  # a newer read is on its way
        self.annotations = snap.annotations
        self.titles = snap.titles
        self.folded = snap.folded
        self.set_labels(snap.labels)
        self.tag_model.setStringList(snap.tags)
        current_tag = self.tag_box.currentData()
        self.tag_box.blockSignals(True)
        self.tag_box.clear()
        self.tag_box.addItem(self.tr("All tags"), "")
        for tag in snap.tags:
            self.tag_box.addItem("#" + tag, tag)
        index = self.tag_box.findData(current_tag) if current_tag else 0
        self.tag_box.setCurrentIndex(max(0, index))
        self.tag_box.blockSignals(False)
        self.apply_filters()
        self.loaded.emit()

    # -- filtering ------------------------------------------------------------------

    def color_filter(self) -> set[str]:
        return {c for c, chip in self.color_chips.items() if chip.isChecked()}

    def set_color_filter(self, colors: set[str]) -> None:
        for color, chip in self.color_chips.items():
            chip.blockSignals(True)
            chip.setChecked(color in colors)
            chip.blockSignals(False)
        self.apply_filters()

    def set_tag_filter(self, tag: str) -> None:
        self.tag_box.setCurrentIndex(max(0, self.tag_box.findData(tag)))

    def _matches(self, ann: Annotation, colors: set[str], tag: str, words: list[str]) -> bool:
        if colors and ann.color not in colors:
            return False
        if tag and tag not in ann.tags:
            return False
        if words:
            hay = self.folded.get(ann.id)
            if hay is None:
                hay = fold(" ".join([ann.quote, ann.note, " ".join(ann.tags), self.titles.get(ann.doc_id, "")]))
            return all(w in hay for w in words)
        return True

    def filtered(self) -> tuple[list[Annotation], list[Annotation]]:
        """(anchored, orphaned) annotations passing the filters."""
        colors = self.color_filter()
        tag = self.tag_box.currentData() or ""
        words = fold(self.filter_edit.text()).split()
        if colors or tag or words:
            shown = [a for a in self.annotations if self._matches(a, colors, tag, words)]
        else:
            shown = self.annotations
        return [a for a in shown if a.status != ORPHANED], [a for a in shown if a.status == ORPHANED]

    def apply_filters(self) -> None:
        keep = self._selected_id
        anchored, orphaned = self.filtered()
        for view, rows in ((self.list, anchored), (self.orphan_list, orphaned)):
            view.selectionModel().blockSignals(True)
            view.model().set_rows(rows)
            view.selectionModel().blockSignals(False)
        self.anchored_label.setText(self.tr("Highlights · %1").replace("%1", str(len(anchored))).upper())
        self.orphan_label_head.setText(self.tr("Orphaned · %1").replace("%1", str(len(orphaned))).upper())
        has_any = bool(anchored or orphaned)
        self.anchored_label.setVisible(bool(anchored))
        self.list.setVisible(bool(anchored))
        self.orphan_label_head.setVisible(bool(orphaned))
        self.orphan_list.setVisible(bool(orphaned))
        if orphaned:  # a short list under the highlights: at most three cards high
            row = self.orphan_list.sizeHintForRow(0)
            self.orphan_list.setMaximumHeight(row * min(3, len(orphaned)) + 4)
        self.empty_label.setVisible(not has_any)
        if not has_any:
            if self.annotations:
                self.empty_label.setText(self.tr("No note matches the filters."))
            elif self.scope == DOCUMENT and self.doc_id is None:
                self.empty_label.setText(self.tr("Open a document to see its notes."))
            else:
                self.empty_label.setText(
                    self.tr("No highlights yet.\nSelect text in the reader and press 1–5 to highlight it.")
                )
        target = self._pending_select or keep
        self._pending_select = None
        index = self.index_for(target) if target else None
        if index is not None:
            self._set_current(index)
        else:
            self.flush()  # a note being typed is saved before its card goes
            self._selected_id = None
            self._show_editor(None)

    def index_for(self, ann_id: str | None) -> QModelIndex | None:
        """Where an annotation is shown (in the highlights or the orphans list), if it is."""
        if not ann_id:
            return None
        for view in (self.list, self.orphan_list):
            row = view.model().row_of(ann_id)
            if row >= 0:
                return view.model().index(row, 0)
        return None

    def _view_of(self, index: QModelIndex) -> QListView:
        return self.list if index.model() is self.list.model() else self.orphan_list

    def _set_current(self, index: QModelIndex) -> None:
        view = self._view_of(index)
        other = self.orphan_list if view is self.list else self.list
        other.selectionModel().clearSelection()
        view.setCurrentIndex(index)
        view.scrollTo(index)
        self._current_changed(view, index)

    def visible_ids(self) -> list[str]:
        anchored, orphaned = self.filtered()
        return [a.id for a in anchored + orphaned]

    # -- the selected annotation ----------------------------------------------------

    def selected(self) -> Annotation | None:
        if self._selected_id is None:
            return None
        return next((a for a in self.annotations if a.id == self._selected_id), None)

    def _current_changed(self, view: QListView, index: QModelIndex) -> None:
        ann = index.data(ANN_ROLE) if index.isValid() else None
        if ann is None:
            return
        other = self.orphan_list if view is self.list else self.list
        other.selectionModel().blockSignals(True)
        other.selectionModel().clearSelection()
        other.selectionModel().setCurrentIndex(QModelIndex(), other.selectionModel().SelectionFlag.Clear)
        other.selectionModel().blockSignals(False)
        other.viewport().update()
        if ann.id == self._selected_id:
            self._show_editor(ann, keep_text=True)
            return
        self.flush()
        self._selected_id = ann.id
        self._show_editor(ann)

    def clear_selection(self) -> None:
        self.flush()
        for view in (self.list, self.orphan_list):
            view.selectionModel().clearSelection()
            view.selectionModel().setCurrentIndex(QModelIndex(), view.selectionModel().SelectionFlag.Clear)
        self._selected_id = None
        self._show_editor(None)

    def _show_editor(self, ann: Annotation | None, keep_text: bool = False) -> None:
        self.editor.setEnabled(ann is not None)
        self.editor.setVisible(ann is not None)
        if ann is None:
            return
        self.quote_label.setText(f"“{ann.quote}”")
        for color, button in self.recolor_buttons.items():
            button.setChecked(color == ann.color)
        typing = self.save_timer.isActive() or self.history.busy()
        if not (keep_text and typing) and self.note_edit.toPlainText().strip() != ann.note:
            self.note_edit.blockSignals(True)
            self.note_edit.setPlainText(ann.note)
            self.note_edit.blockSignals(False)
        if not self.tags_edit.hasFocus():
            self.tags_edit.setText(", ".join(ann.tags))
        self._update_editor_state()

    def _update_editor_state(self) -> None:
        ann = self.selected()
        orphan = ann is not None and ann.status == ORPHANED
        self.orphan_label.setVisible(orphan)
        self.reattach_button.setVisible(orphan)
        self.reattach_button.setEnabled(self.can_reattach())

    def activate(self, index: QModelIndex | None) -> None:
        """Show the annotation's passage in the reader (click or Enter on a card)."""
        ann = index.data(ANN_ROLE) if index is not None and index.isValid() else None
        if ann is None or ann.status == ORPHANED:
            return
        self.annotationActivated.emit(ann.doc_id, ann.side, ann.start, ann.end, ann.id)

    # -- edits ------------------------------------------------------------------------

    def _note_typed(self) -> None:
        if self._selected_id is not None:
            self.saved_label.setText(self.tr("Editing…"))
            self.save_timer.start()

    def save_note(self) -> None:
        """Save the note being typed (called by the debounce timer, or on leaving it)."""
        self.save_timer.stop()
        ann = self.selected()
        if ann is None:
            return
        text = self.note_edit.toPlainText().strip()
        if text == ann.note:
            self.saved_label.setText("")
            return
        ann.note = text  # the local copy follows at once: no double save
        self.saved_label.setText(self.tr("Saving…"))
        self.history.edit(ann.id, note=text)

    def flush(self) -> None:
        """Write a pending note edit now (selection change, panel hidden, app closing)."""
        if self.save_timer.isActive():
            self.save_note()

    def save_tags(self) -> None:
        ann = self.selected()
        if ann is None:
            return
        tags = normalize_tags(self.tags_edit.text().split(","))
        if tags == ann.tags:
            return
        ann.tags = tags
        self.tags_edit.setText(", ".join(tags))
        self.history.edit(ann.id, tags=tags)

    def recolor(self, color: str) -> None:
        ann = self.selected()
        if ann is None or ann.color == color:
            return
        ann.color = color
        self.list.viewport().update()
        self.history.edit(ann.id, color=color)

    def delete_selected(self) -> None:
        ann = self.selected()
        if ann is None:
            return
        self.save_timer.stop()
        self.history.delete(ann.id)

    def can_reattach(self) -> bool:
        ann = self.selected()
        return (
            ann is not None
            and ann.status == ORPHANED
            and self.selection is not None
            and self.selection[0] == ann.doc_id
            and self.selection[1] == ann.side
        )

    def reattach_selected(self) -> None:
        """Anchor the selected orphan on the reader's current selection."""
        if not self.can_reattach():
            return
        ann = self.selected()
        assert ann is not None and self.selection is not None
        doc_id, side, start, end = self.selection
        from desktop.translation.packages import find_model

        model = find_model("fr", "en", getattr(self.ctx, "packages_dir", None)) if side == "en" else None
        self.ctx.tasks.run(
            load_for_reattach,
            self.ctx.connect,
            doc_id,
            side,
            model.model_id if model else None,
            on_result=lambda pair: self.history.reattach(ann.id, pair[0], start, end, pair[1]),
            on_error=lambda exc: self._on_failed(str(exc)),
            name="re-attach note",
        )

    # -- feedback from the writer ----------------------------------------------------

    def _on_history_changed(self, doc_id: int, ann_id: str) -> None:
        if self.scope == LIBRARY or doc_id == self.doc_id:
            self._dirty = True

    def _on_history_idle(self) -> None:
        # Reload once the queue is drained, so a read never shows a state older than a queued write.
        if self._selected_id is not None and self.saved_label.text() == self.tr("Saving…"):
            self.saved_label.setText(self.tr("Saved"))
        if self._dirty:
            self._dirty = False
            self.reload()

    def _on_failed(self, message: str) -> None:
        self.saved_label.setText(self.tr("Not saved"))
        self.saved_label.setToolTip(message)
        self.reload()
