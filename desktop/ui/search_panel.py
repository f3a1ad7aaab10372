"""The search panel: results as you type over this document (Ctrl+F) or the library
(Ctrl+Shift+F), snippets with the matches in bold, a language choice, "did you mean",
and F3 / Shift+F3 to walk the hits.

Queries run on a worker after a short pause in typing; an answer to an older query is
dropped. Activating a hit asks the reader (through `hitActivated`) to open the document
at the paragraph and flash the matched words.
"""

from __future__ import annotations

import html
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import QModelIndex, QRectF, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QAbstractTextDocumentLayout, QColor, QFont, QKeySequence, QPainter, QPalette, QTextDocument
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QVBoxLayout,
    QWidget,
)

from desktop.search.schema import ENGLISH, FRENCH
from desktop.ui.panel_style import apply_panel_style, search_mark_color

SEARCH_DELAY_MS = 180
PAGE_SIZE = 30
HIT_ROLE = Qt.ItemDataRole.UserRole + 1
DOCUMENT, LIBRARY = "document", "library"
READING_FONTS = ["Noto Serif", "DejaVu Serif", "Georgia", "serif"]


@dataclass(frozen=True)
class SearchRequest:
    text: str
    lang: str  # "fr" | "en" | "all"
    doc_id: int | None
    page: int


def run_search(data_dir: Path, index: Any, request: SearchRequest) -> tuple[Any, dict[int, str]]:
    """Worker side: the core search (it raises QueryError / IndexUnavailable with a message),
    and the page each hit's paragraph starts on ("p. 12"), looked up in the library."""
    from desktop.search.index import SearchIndex
    from desktop.search.searcher import search

    ix = index or SearchIndex.for_data_dir(data_dir)
    try:
        results = search(
            ix,
            request.text,
            lang=request.lang,
            doc_id=request.doc_id,
            page=request.page,
            pagelen=PAGE_SIZE,
            # Also for one document: the grouped count is exact where the plain total is not.
            doc_counts=True,
        )
    finally:
        if index is None:
            ix.close()
    return results, hit_pages(data_dir, [h.paragraph_id for h in results.hits])


def hit_pages(data_dir: Path, paragraph_ids: list[int]) -> dict[int, str]:
    from desktop.library.db import open_library
    from desktop.library.page_refs import cite_paragraphs

    conn = open_library(data_dir)
    try:
        return cite_paragraphs(conn, paragraph_ids)
    finally:
        conn.close()


def build_index(connect: Any, data_dir: Path, index: Any, progress: Any = None) -> bool:
    """Worker side: (re)build a missing or stale index so that searching can start."""
    from desktop import operations

    conn = connect()
    try:
        return operations.ensure_index(conn, data_dir, progress, index=index)
    finally:
        conn.close()


def _fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def matched_words(snippet: str) -> list[str]:
    """The words a snippet marks in bold, unescaped."""
    return [html.unescape(m) for m in re.findall(r"<b>(.*?)</b>", snippet) if m.strip()]


def locate_match(connect: Any, hit: Any, model_id: str | None) -> tuple[str, int, int]:
    """Worker side: where the first matched word of a hit sits in its side's canonical text.

    Returns (side, start, end), or the whole paragraph when the match was in the notes.
    """
    from desktop.library import store as library_store
    from desktop.translation import store as translation_store

    conn = connect()
    try:
        doc = library_store.get_document(conn, hit.doc_id)
        para = next((p for p in doc.paragraphs if p.index == hit.paragraph_index), None)
        if para is None:
            return FRENCH, -1, -1
        if hit.lang == ENGLISH:
            english = translation_store.english_side(conn, doc, model_id)
            if hit.paragraph_index < len(english.paragraph_spans):
                start, end = english.paragraph_spans[hit.paragraph_index]
                side, text = ENGLISH, english.text
            else:
                return FRENCH, para.start, para.end
        else:
            side, text, start, end = FRENCH, doc.text, para.start, para.end
        body = text[start:end]
        for word in matched_words(hit.snippet):
            pos = body.find(word)
            if pos < 0:
                pos = _fold(body).find(_fold(word))  # folding keeps lengths for Latin text
            if pos >= 0:
                return side, start + pos, start + pos + len(word)
        return side, start, end
    finally:
        conn.close()


class HitDelegate(QStyledItemDelegate):
    """Paints a hit: document title and position, then the snippet with bold matches."""

    PAD = 8

    def __init__(self, panel: SearchPanel) -> None:
        super().__init__(panel)
        self.panel = panel

    def _document(self, option: QStyleOptionViewItem, hit: Any, width: int, show_title: bool) -> QTextDocument:
        doc = QTextDocument()
        doc.setDocumentMargin(0)
        font = QFont(option.font)
        doc.setDefaultFont(font)
        palette = option.palette
        dim = palette.color(QPalette.ColorRole.PlaceholderText).name()
        text = palette.color(QPalette.ColorRole.Text).name()
        mark = search_mark_color()
        where = {FRENCH: "FR", ENGLISH: "EN"}.get(hit.lang, self.tr("note"))
        head = self.tr("¶ %1 · %2").replace("%1", str(hit.paragraph_index + 1)).replace("%2", where)
        page = self.panel.pages.get(hit.paragraph_id)
        if page:
            head = f"{head} · {html.escape(page)}"
        title = f'<b>{html.escape(hit.title)}</b><br>' if show_title else ""
        serif = ", ".join(f"'{f}'" for f in READING_FONTS[:-1]) + ", serif"
        snippet = hit.snippet.replace("<b>", f'<b style="background-color:{mark};">')
        doc.setHtml(
            f'<div style="color:{dim}; font-size:{max(7.5, font.pointSizeF() * 0.85):.1f}pt;">{title}{head}</div>'
            f'<div style="color:{text}; font-family:{serif}; margin-top:3px;">{snippet}</div>'
        )
        doc.setTextWidth(max(60, width))
        return doc

    def _show_title(self, index: QModelIndex) -> bool:
        """Library results name their document when it differs from the hit above."""
        if self.panel.scope != LIBRARY:
            return False
        row = index.row()
        hits = self.panel.hits
        return row == 0 or row >= len(hits) or hits[row - 1].doc_id != hits[row].doc_id

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex) -> QSize:
        hit = index.data(HIT_ROLE)
        width = (self.panel.results.viewport().width() or 300) - 2 * self.PAD - 4
        doc = self._document(option, hit, width, self._show_title(index))
        return QSize(width, int(doc.size().height()) + 2 * self.PAD + 2)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex) -> None:
        hit = index.data(HIT_ROLE)
        painter.save()
        rect = option.rect.adjusted(2, 1, -2, -1)
        if option.state & QStyle.StateFlag.State_Selected:
            fill = QColor(option.palette.color(QPalette.ColorRole.Highlight))
            fill.setAlpha(45)
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            painter.setPen(option.palette.color(QPalette.ColorRole.Highlight))
            painter.setBrush(fill)
            painter.drawRoundedRect(rect, 5, 5)
        else:
            painter.setPen(option.palette.color(QPalette.ColorRole.Midlight))
            painter.drawLine(rect.bottomLeft(), rect.bottomRight())
        doc = self._document(option, hit, rect.width() - 2 * self.PAD, self._show_title(index))
        painter.translate(rect.left() + self.PAD, rect.top() + self.PAD)
        ctx = QAbstractTextDocumentLayout.PaintContext()
        ctx.clip = QRectF(0, 0, rect.width(), rect.height())
        doc.documentLayout().draw(painter, ctx)
        painter.restore()


class SearchPanel(QWidget):
    """Search field, scope and language, live results."""

    # doc_id, paragraph_index, side, start, end (start < 0: flash the paragraph only)
    hitActivated = Signal(int, int, str, int, int)
    resultsShown = Signal()
    dismissed = Signal()  # Esc in the field: back to reading

    def __init__(self, ctx: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("searchPanel")
        self.doc_id: int | None = None
        self.scope = LIBRARY
        self.hits: list[Any] = []
        self.pages: dict[int, str] = {}  # paragraph id -> "p. 12" for hits in paged documents
        self.total = 0
        self.page = 0
        self.error: str | None = None
        self.suggestion: str | None = None
        self._generation = 0
        self._index_build_started = False
        self._pending_activate = False

        self.field = QLineEdit()
        self.field.setObjectName("searchField")
        self.field.setClearButtonEnabled(True)
        self.field.setAccessibleName(self.tr("Search"))
        self.field.textChanged.connect(self._typed)
        self.field.returnPressed.connect(self._return_pressed)
        self.field.installEventFilter(self)

        self.scope_box = QComboBox()
        self.scope_box.setAccessibleName(self.tr("Search in"))
        self.scope_box.addItem(self.tr("This document"), DOCUMENT)
        self.scope_box.addItem(self.tr("Whole library"), LIBRARY)
        self.scope_box.setCurrentIndex(1)
        self.scope_box.currentIndexChanged.connect(lambda _i: self.set_scope(self.scope_box.currentData()))
        self.lang_box = QComboBox()
        self.lang_box.setAccessibleName(self.tr("Search language"))
        self.lang_box.addItem(self.tr("French and English"), "all")
        self.lang_box.addItem(self.tr("French"), "fr")
        self.lang_box.addItem(self.tr("English"), "en")
        self.lang_box.currentIndexChanged.connect(lambda _i: self.search_now())

        self.status = QLabel()
        self.status.setObjectName("searchStatus")
        self.status.setWordWrap(True)
        self.status.setTextFormat(Qt.TextFormat.RichText)
        self.status.linkActivated.connect(self._suggestion_clicked)

        self.results = QListWidget()
        self.results.setObjectName("searchResults")
        self.results.setAccessibleName(self.tr("Search results"))
        self.results.setFrameShape(QFrame.Shape.NoFrame)
        self.results.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.results.setWordWrap(True)
        self.results.setItemDelegate(HitDelegate(self))
        self.results.itemActivated.connect(lambda item: self.activate_row(self.results.row(item)))
        self.results.itemClicked.connect(lambda item: self.activate_row(self.results.row(item)))

        self.more_button = QPushButton(self.tr("More results"))
        self.more_button.setAccessibleName(self.tr("Load more results"))
        self.more_button.clicked.connect(self.load_more)
        self.more_button.hide()

        options = QHBoxLayout()
        options.setSpacing(6)
        options.addWidget(self.scope_box, 1)
        options.addWidget(self.lang_box, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.setSpacing(6)
        layout.addWidget(self.field)
        layout.addLayout(options)
        layout.addWidget(self.status)
        layout.addWidget(self.results, 1)
        layout.addWidget(self.more_button)

        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(SEARCH_DELAY_MS)
        self.timer.timeout.connect(self.search_now)

        self.next_action = QAction(self.tr("Next Search Result"), self)
        self.next_action.setObjectName("search_next")
        self.next_action.setShortcut(QKeySequence("F3"))
        self.next_action.triggered.connect(self.next_hit)
        self.previous_action = QAction(self.tr("Previous Search Result"), self)
        self.previous_action.setObjectName("search_previous")
        self.previous_action.setShortcut(QKeySequence("Shift+F3"))
        self.previous_action.triggered.connect(self.previous_hit)
        self._update_placeholder()
        self._show_status()
        apply_panel_style(self)

    # -- inputs -----------------------------------------------------------------------

    def set_document(self, doc_id: int | None) -> None:
        if doc_id == self.doc_id:
            return
        self.doc_id = doc_id
        if self.scope == DOCUMENT:
            self.search_now()

    def set_scope(self, scope: str) -> None:
        if scope not in (DOCUMENT, LIBRARY):
            return
        changed = scope != self.scope
        self.scope = scope
        self.scope_box.blockSignals(True)
        self.scope_box.setCurrentIndex(self.scope_box.findData(scope))
        self.scope_box.blockSignals(False)
        self._update_placeholder()
        if changed:
            self.search_now()

    def set_language(self, lang: str) -> None:
        self.lang_box.setCurrentIndex(max(0, self.lang_box.findData(lang)))

    def start(self, scope: str) -> None:
        """Ctrl+F / Ctrl+Shift+F: choose the scope and put the cursor in the field."""
        self.set_scope(scope)
        self.field.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.field.selectAll()

    def _update_placeholder(self) -> None:
        self.field.setPlaceholderText(
            self.tr("Search this document…") if self.scope == DOCUMENT else self.tr("Search the library…")
        )

    # -- searching --------------------------------------------------------------------

    def _typed(self, _text: str) -> None:
        self.timer.start()

    def request(self, page: int = 1) -> SearchRequest | None:
        text = self.field.text().strip()
        if not text:
            return None
        doc_id = self.doc_id if self.scope == DOCUMENT else None
        return SearchRequest(text, self.lang_box.currentData(), doc_id, page)

    def search_now(self, page: int = 1) -> None:
        self.timer.stop()
        self._generation += 1
        generation = self._generation
        request = self.request(page)
        if request is None or (self.scope == DOCUMENT and self.doc_id is None):
            self.hits, self.total, self.error, self.suggestion = [], 0, None, None
            self._fill(append=False)
            return
        self.ctx.tasks.run(
            run_search,
            self.ctx.data_dir,
            self.ctx.extras.get("search_index"),
            request,
            on_result=lambda res: self._answered(generation, request, res),
            on_error=lambda exc: self._failed(generation, request, exc),
            name="search",
        )

    def load_more(self) -> None:
        self.search_now(self.page + 1)

    def busy(self) -> bool:
        return self.timer.isActive() or any(t.name == "search" for t in self.ctx.tasks.active())

    def _answered(self, generation: int, request: SearchRequest, answer: tuple[Any, dict[int, str]]) -> None:
        if generation != self._generation:
            return  # the user typed on: this answer is stale
        results, pages = answer
        append = request.page > 1
        self.pages = {**self.pages, **pages} if append else pages
        self.hits = (self.hits if append else []) + list(results.hits)
        self.total = results.total
        self.page = request.page
        self.error = None
        self.suggestion = results.suggestion
        self._doc_count = len(results.doc_counts) if results.doc_counts else len({h.doc_id for h in self.hits})
        self._fill(append=append)
        if self._pending_activate:
            self._pending_activate = False
            self.activate_row(0)

    def _failed(self, generation: int, request: SearchRequest, exc: BaseException) -> None:
        if generation != self._generation:
            return
        from desktop.search.index import IndexUnavailable
        from desktop.ui.tasks import error_message

        self._pending_activate = False
        self.hits, self.total, self.suggestion = [], 0, None
        if isinstance(exc, IndexUnavailable):
            self.error = self.tr("The search index is being built; results will appear in a moment.")
            self._build_index_then_retry()
        else:
            self.error = error_message(exc)
        self._fill(append=False)

    def _build_index_then_retry(self) -> None:
        if self._index_build_started:
            return
        self._index_build_started = True

        def done(_rebuilt: Any) -> None:
            self._index_build_started = False
            self.search_now()

        self.ctx.tasks.run(
            build_index,
            self.ctx.connect,
            self.ctx.data_dir,
            self.ctx.extras.get("search_index"),
            on_result=done,
            on_error=lambda exc: self._failed(self._generation, None, exc),  # type: ignore[arg-type]
            name="build search index",
        )

    # -- showing ----------------------------------------------------------------------

    def _fill(self, append: bool) -> None:
        start = self.results.count() if append else 0
        if not append:
            self.results.clear()
        for hit in self.hits[start:]:
            item = QListWidgetItem()
            item.setData(HIT_ROLE, hit)
            item.setData(Qt.ItemDataRole.AccessibleTextRole, f"{hit.title}: {re.sub(r'<[^>]+>', '', hit.snippet)}")
            self.results.addItem(item)
        self.more_button.setVisible(len(self.hits) < self.total)
        if not append and self.hits:
            self.results.setCurrentRow(0)
        self._show_status()
        self.resultsShown.emit()

    def _show_status(self) -> None:
        text = self.field.text().strip()
        if self.error:
            message = html.escape(self.error)
        elif not text:
            message = self.tr("Type to search. Words are found in any form: <i>migrations</i> finds <i>migration</i>.")
        elif not self.hits:
            message = self.tr("No results for “%1”.").replace("%1", html.escape(text))
            if self.suggestion:
                link = f'<a href="suggest">{html.escape(self.suggestion)}</a>'
                message += " " + self.tr("Did you mean %1?").replace("%1", link)
        else:
            count = self.tr("1 result") if self.total == 1 else self.tr("%1 results").replace("%1", str(self.total))
            documents = getattr(self, "_doc_count", 1)
            if self.scope == DOCUMENT:
                where = self.tr("in this document")
            elif documents == 1:
                where = self.tr("in 1 document")
            else:
                where = self.tr("in %1 documents").replace("%1", str(documents))
            message = f"{count} {where}"
        self.status.setText(message)

    def _suggestion_clicked(self, _href: str) -> None:
        if self.suggestion:
            self.field.setText(self.suggestion)
            self.search_now()

    # -- walking and opening hits -------------------------------------------------------

    def _return_pressed(self) -> None:
        if self.timer.isActive() or self.busy():
            self._pending_activate = True  # open the first hit as soon as it arrives
            self.search_now()
            return
        self.activate_row(max(0, self.results.currentRow()))

    def eventFilter(self, obj: Any, event: Any) -> bool:
        # Down arrow from the field goes to the results.
        from PySide6.QtCore import QEvent

        if obj is self.field and event.type() == QEvent.Type.KeyPress and event.key() == Qt.Key.Key_Escape:
            self.dismissed.emit()
            return True
        if obj is self.field and event.type() == QEvent.Type.KeyPress and event.key() == Qt.Key.Key_Down:
            if self.results.count():
                self.results.setFocus()
                self.results.setCurrentRow(max(0, self.results.currentRow()))
                return True
        return super().eventFilter(obj, event)

    def activate_row(self, row: int) -> None:
        if not 0 <= row < len(self.hits):
            return
        self.results.setCurrentRow(row)
        hit = self.hits[row]
        from desktop.translation.packages import find_model

        model = find_model("fr", "en", getattr(self.ctx, "packages_dir", None)) if hit.lang == ENGLISH else None

        def found(where: tuple[str, int, int]) -> None:
            self.hitActivated.emit(hit.doc_id, hit.paragraph_index, *where)

        self.ctx.tasks.run(
            locate_match,
            self.ctx.connect,
            hit,
            model.model_id if model else None,
            on_result=found,
            on_error=lambda _exc: self.hitActivated.emit(hit.doc_id, hit.paragraph_index, FRENCH, -1, -1),
            name="locate search hit",
        )

    def next_hit(self) -> None:
        if self.hits:
            row = self.results.currentRow()
            self.activate_row((row + 1) % len(self.hits))

    def previous_hit(self) -> None:
        if self.hits:
            row = self.results.currentRow()
            self.activate_row((row - 1) % len(self.hits))
