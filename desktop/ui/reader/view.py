"""The bilingual reader: French and English side by side, paragraph by paragraph.

One read-only QTextEdit holds the document as a run of 2-column tables (one row per
paragraph), so each English paragraph starts level with its French one and a single
scroll bar moves both. Rows go in by chunks from a zero-delay timer, with a time budget
per tick: the first screen paints at once and a 3 MB document never blocks the UI.
Small tables (CHUNK_ROWS rows each) keep re-layout local when a translation arrives.

Every text block of a cell carries `userState = paragraph * 2 + side` (side 0 = French,
1 = English), which maps a document position back to (paragraph, side, offset) whatever
the column order. Sentence sync, highlights and flashes are ExtraSelections;
human translations and glossary flags are character formats of the English text.
"""

from __future__ import annotations

import time
from collections.abc import Iterable

from PySide6.QtCore import QEvent, QPoint, QRect, Qt, QTimer, Signal
from PySide6.QtGui import (
    QAction,
    QActionGroup,
    QColor,
    QContextMenuEvent,
    QFont,
    QKeySequence,
    QMouseEvent,
    QPainter,
    QPen,
    QTextBlock,
    QTextBlockFormat,
    QTextCharFormat,
    QTextCursor,
    QTextFormat,
    QTextLength,
    QTextTableCellFormat,
    QTextTableFormat,
    QUndoStack,
)
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QMenu,
    QStackedWidget,
    QTextEdit,
    QToolTip,
    QVBoxLayout,
    QWidget,
)

from desktop.library.language import needs_translation
from desktop.ui import theme
from desktop.ui.colour_names import colour_names
from desktop.ui.reader.commands import PostEditCommand, human_text, post_edit_job
from desktop.ui.reader.editor import SentenceEditor
from desktop.ui.reader.model import EN, FR, DocView, ParagraphView, load_view
from desktop.ui.settings import DEFAULT_FONT_SIZE, MAX_FONT_SIZE, MIN_FONT_SIZE

CHUNK_ROWS = 8  # rows per table: one table's layout (~1.5 ms a row) is the longest step of a tick
FILL_BUDGET_S = 0.025  # per timer tick: input still handled within a frame or two
FIRST_FILL_MAX_ROWS = 400  # opening: rows down to the restored position at once (~1 ms/row)
MAX_TEXT_WIDTH = 1400  # both columns together; wider windows get side margins
SERIF_FAMILIES = ["Noto Serif", "Source Serif 4", "Source Serif Pro", "DejaVu Serif", "Georgia", "Times New Roman", "serif"]
COLORS = ("yellow", "green", "blue", "pink", "purple")


def _color_labels(conn) -> dict[str, str]:
    try:
        from desktop.annotations.colours import color_labels

        return color_labels(conn)
    except Exception:
        return {c: c for c in COLORS}


class ReaderView(QTextEdit):
    """The text surface; mouse and paint events are routed to the owning reader."""

    def __init__(self, owner: BilingualReader) -> None:
        super().__init__(owner)
        self.owner = owner
        self.setObjectName("ReaderView")
        self.setAccessibleName(self.tr("Document, French and English side by side"))
        self.setReadOnly(True)
        self.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse | Qt.TextInteractionFlag.TextSelectableByKeyboard
        )
        self.setMouseTracking(True)
        self.viewport().setMouseTracking(True)
        self.setFrameShape(QTextEdit.Shape.NoFrame)
        self.setUndoRedoEnabled(False)
        self.document().setUndoRedoEnabled(False)
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.DefaultContextMenu)
        self.setCursorWidth(0)  # a reading surface: no blinking caret in the text

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        super().mouseMoveEvent(event)
        if not event.buttons():
            self.owner._hover_at(event.position().toPoint())

    def leaveEvent(self, event: QEvent) -> None:
        super().leaveEvent(event)
        self.owner._hover_clear()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        super().mouseReleaseEvent(event)
        if event.button() == Qt.MouseButton.LeftButton and not self.textCursor().hasSelection():
            self.owner._click_at(event.position().toPoint())

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:
        if self.owner._double_click_at(event.position().toPoint()):
            event.accept()
            return
        super().mouseDoubleClickEvent(event)

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:
        self.owner._context_menu(event.pos(), event.globalPos())

    def viewportEvent(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip:
            self.owner._tooltip_at(event.pos(), event.globalPos())
            return True
        return super().viewportEvent(event)

    def paintEvent(self, event) -> None:
        super().paintEvent(event)
        self.owner._paint_gutter(self.viewport())

    def resizeEvent(self, event) -> None:
        # Text re-wraps on a width change: keep the paragraph at the top where it was.
        anchor = None
        if event.oldSize().width() > 0 and event.oldSize().width() != event.size().width():
            anchor = self.owner._resize_anchor()
        super().resizeEvent(event)
        self.owner._fit_width()
        if anchor is not None:
            self.owner._scroll_block_to_top(anchor)

    def scrollContentsBy(self, dx: int, dy: int) -> None:
        super().scrollContentsBy(dx, dy)
        self.owner._scrolled()


class BilingualReader(QWidget):
    sentenceActivated = Signal(int, int)  # doc_id, sentence index
    annotationClicked = Signal(str)  # annotation id
    selectionChanged = Signal(str, int, int)  # side ("fr"/"en", "" when none), canonical start, end
    documentChanged = Signal(int)  # a document is on screen (first rows painted)
    documentLoaded = Signal(int)  # every row of the document is in place
    documentClosed = Signal()  # nothing on screen any more (e.g. the document was removed)
    translationsReloaded = Signal(list)  # paragraph indexes redrawn
    annotationsReloaded = Signal()
    alternativesReady = Signal(int, list)  # sentence index, alternatives
    postEditSaved = Signal(int, list)  # doc_id, paragraphs whose English changed
    visibleParagraphChanged = Signal(int)

    def __init__(self, ctx, undo_stack: QUndoStack | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.undo_stack = undo_stack or QUndoStack(self)
        self.setObjectName("BilingualReader")
        self._view: DocView | None = None
        self._doc_id: int | None = None
        self._load_token = 0
        self._blocks: list[tuple[QTextBlock, QTextBlock]] = []  # per filled paragraph: (fr, en)
        self._fill_cursor: QTextCursor | None = None
        self._pending_scroll: tuple[int, bool] | None = None
        self._hover: int | None = None
        self._current: int | None = None
        self._current_side: str = FR
        self._highlight_sels: list[QTextEdit.ExtraSelection] = []
        self._flash_sels: list[QTextEdit.ExtraSelection] = []
        self._reloading = False
        self._reload_again = False
        self._reload_paragraphs: set[int] | None = set()
        self._selection: tuple[str, int, int] | None = None
        self._placeholder = self.tr("Translation pending…")
        self._alt_menu: QMenu | None = None
        self.french_left = ctx.settings.french_left
        self.font_size = ctx.settings.font_size

        self.header = QWidget(self)
        self.header.setObjectName("ReaderHeader")
        head = QHBoxLayout(self.header)
        head.setContentsMargins(0, 6, 0, 6)
        self.left_label = QLabel(self.header)
        self.right_label = QLabel(self.header)
        for label in (self.left_label, self.right_label):
            label.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
            head.addWidget(label, 1)
        self.view = ReaderView(self)
        self.editor = SentenceEditor(self.view.viewport())
        self.editor.committed.connect(self._commit_edit)
        self.editor.cancelled.connect(lambda _s: self.view.setFocus())

        self.empty = QLabel(self)
        self.empty.setObjectName("ReaderEmpty")
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setWordWrap(True)
        self.empty.setText(
            self.tr("Choose a document in the library to read it here.\n\nDrop files or folders on the window to import them.")
        )
        page = QWidget(self)
        col = QVBoxLayout(page)
        col.setContentsMargins(0, 0, 0, 0)
        col.setSpacing(0)
        col.addWidget(self.header)
        col.addWidget(self.view, 1)
        self.stack = QStackedWidget(self)
        self.stack.addWidget(self.empty)
        self.stack.addWidget(page)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(self.stack)
        self.setFocusProxy(self.view)

        self._fill_timer = QTimer(self)
        self._fill_timer.setInterval(0)
        self._fill_timer.timeout.connect(self._fill_step)
        self._dirty: set[int] = set()  # filled rows whose English must be redrawn
        self._redrawn: list[int] = []
        self._rewrite_timer = QTimer(self)
        self._rewrite_timer.setInterval(0)
        self._rewrite_timer.timeout.connect(self._rewrite_step)
        self._flash_timer = QTimer(self)
        self._flash_timer.setSingleShot(True)
        self._flash_timer.timeout.connect(self._end_flash)
        self._position_timer = QTimer(self)
        self._position_timer.setSingleShot(True)
        self._position_timer.setInterval(400)
        self._position_timer.timeout.connect(self._note_position)
        self._last_position = -1
        self.view.selectionChanged.connect(self._selection_changed)

        self.alternativesReady.connect(self._fill_alternatives)
        from desktop.ui.undo import history_for

        history_for(ctx).changed.connect(self._annotation_written)
        self._build_highlight_actions()
        self._build_navigation_actions()
        self._apply_fonts()
        self._update_header()

    # -- public API -------------------------------------------------------------------

    def current_document(self) -> int | None:
        return self._doc_id

    def document_view(self) -> DocView | None:
        return self._view

    def document_title(self) -> str:
        return self._view.doc.title if self._view else ""

    def is_loaded(self) -> bool:
        """Every row is in place (no fill pending)."""
        return self._view is not None and len(self._blocks) == len(self._view.paragraphs)

    def is_settled(self) -> bool:
        """Loaded, and every fetched translation is drawn (no refresh or redraw slice pending)."""
        return self.is_loaded() and not self._reloading and not self.is_redrawing()

    def open_document(self, doc_id: int, paragraph_index: int | None = None) -> None:
        """Load a document off the UI thread and show it; position restored if not given."""
        self.save_position()
        self.editor.cancel()
        self._load_token += 1
        token = self._load_token
        self._doc_id = doc_id
        if paragraph_index is None:
            paragraph_index = self.ctx.settings.get_int(f"reader/position/{doc_id}", 0)
        self.ctx.tasks.run(
            load_view,
            self.ctx.connect,
            doc_id,
            self.ctx.packages_dir,
            getattr(self.ctx, "data_dir", None),  # a configured server's translations show first
            on_result=lambda view: self._loaded(token, view, paragraph_index),
            on_error=lambda exc: self._load_failed(token, exc),
            name="open document",
            context=self,
        )

    def close_document(self) -> None:
        self.save_position()
        self._load_token += 1
        self._doc_id = None
        self._view = None
        self._blocks = []
        self._fill_timer.stop()
        self.view.document().clear()
        self.stack.setCurrentIndex(0)
        self.documentClosed.emit()

    def scroll_to_paragraph(self, paragraph_index: int, flash: bool = True) -> None:
        if self._view is None:
            return
        paragraph_index = max(0, min(paragraph_index, len(self._view.paragraphs) - 1))
        if paragraph_index >= len(self._blocks):
            self._pending_scroll = (paragraph_index, flash)
            self._fill_timer.start()
            return
        self._pending_scroll = None
        self._scroll_block_to_top(paragraph_index)
        if flash:
            par = self._view.paragraphs[paragraph_index]
            self._flash_ranges([(FR, paragraph_index, 0, len(par.fr_text)), (EN, paragraph_index, 0, len(par.en_text))])

    def _resize_anchor(self) -> int | None:
        if self._pending_scroll is not None:
            return self._pending_scroll[0]
        if not self._blocks or self.view.verticalScrollBar().value() == 0:
            return None
        return self.first_visible_paragraph()

    def _scroll_block_to_top(self, paragraph_index: int, attempts: int = 20) -> None:
        if paragraph_index >= len(self._blocks):
            return
        block = self._blocks[paragraph_index][0]
        rect = self.view.document().documentLayout().blockBoundingRect(block)
        top = max(0, int(rect.top()) - 12)
        bar = self.view.verticalScrollBar()
        bar.setValue(top)
        if bar.value() != top and attempts > 0:
            # The scroll range follows the layout a moment later (first show, fresh fill).
            QTimer.singleShot(15, self, lambda: self._scroll_block_to_top(paragraph_index, attempts - 1))

    def flash_range(self, side: str, start: int, end: int) -> None:
        """Scroll to a canonical span of one side and flash it (search hits, notes)."""
        if self._view is None:
            return
        segments = self._view.segments(side, start, end)
        if not segments:
            return
        first = segments[0][0]
        if first >= len(self._blocks):
            self._pending_scroll = (first, False)
            self._fill_timer.start()
            QTimer.singleShot(50, self, lambda: self.flash_range(side, start, end))
            return
        self._ensure_visible(first)
        self._flash_ranges([(side, p, a, b) for p, a, b in segments])

    def reload_annotations(self) -> None:
        if self._view is None:
            return
        from desktop.ui.reader.model import document_annotations

        self._view.annotations = document_annotations(self.ctx.conn, self._view.doc.id)
        self._rebuild_highlights()
        self.annotationsReloaded.emit()

    def _annotation_written(self, doc_id: int, _ann_id: str) -> None:
        if self._view is not None and doc_id == self._view.doc.id:
            self.reload_annotations()

    def reload_translations(self, paragraph_indexes: Iterable[int] | None = None) -> None:
        """Fetch the English side again (in a worker) and redraw the given paragraphs (all if None)."""
        if self._view is None:
            return
        if paragraph_indexes is None:
            self._reload_paragraphs = None
        elif self._reload_paragraphs is not None:
            self._reload_paragraphs.update(paragraph_indexes)
        if self._reloading:
            self._reload_again = True
            return
        self._reloading = True
        self._reload_again = False
        wanted = self._reload_paragraphs
        self._reload_paragraphs = set()
        token = self._load_token
        self.ctx.tasks.run(
            load_view,
            self.ctx.connect,
            self._view.doc.id,
            self.ctx.packages_dir,
            getattr(self.ctx, "data_dir", None),
            on_result=lambda view: self._reloaded(token, view, wanted),
            on_error=lambda exc: self._reload_done(),
            name="refresh translations",
            context=self,
        )

    def first_visible_paragraph(self) -> int:
        if not self._blocks:
            return 0
        cursor = self.view.cursorForPosition(QPoint(40, 20))
        loc = self._locate(cursor.position())
        return loc[0] if loc else 0

    def set_placeholder_text(self, text: str) -> None:
        if text == self._placeholder:
            return
        self._placeholder = text
        if self._view is not None:
            pending = [p.index for p in self._view.paragraphs if p.pending and p.index < len(self._blocks)]
            for pi in pending:
                self._rewrite_english(pi)

    def current_sentence(self) -> int | None:
        return self._current

    # -- columns, fonts, theme ------------------------------------------------------------

    def swap_columns(self) -> None:
        self.french_left = not self.french_left
        self.ctx.settings.set("reader/french_left", self.french_left)
        self._update_header()
        self._rerender()

    def zoom_in(self) -> None:
        self.set_font_size(self.font_size + 1)

    def zoom_out(self) -> None:
        self.set_font_size(self.font_size - 1)

    def zoom_reset(self) -> None:
        self.set_font_size(DEFAULT_FONT_SIZE)

    def set_font_size(self, size: int) -> None:
        size = max(MIN_FONT_SIZE, min(MAX_FONT_SIZE, size))
        if size == self.font_size:
            return
        self.font_size = size
        self.ctx.settings.set("reader/font_size", size)
        self._apply_fonts()
        self._rerender()

    def apply_theme(self) -> None:
        self._rerender()

    def reading_font(self) -> QFont:
        font = QFont()
        family = self.ctx.settings.reader_font
        font.setFamilies([family, *SERIF_FAMILIES] if family else SERIF_FAMILIES)
        font.setStyleHint(QFont.StyleHint.Serif)
        font.setPointSize(self.font_size)
        return font

    def _apply_fonts(self) -> None:
        font = self.reading_font()
        self.view.document().setDefaultFont(font)
        self.view.setFont(font)
        edit_font = QFont(font)
        self.editor.setFont(edit_font)

    def _update_header(self) -> None:
        fr, en = self.tr("FRANÇAIS"), self.tr("ENGLISH")
        # issue 17 item 4: the source column is named for the document's language; one
        # already in English is not translated, and the other column says so.
        language = self._view.doc.language if self._view is not None else "fr"
        if language != "fr":
            from desktop.ui.model_manager import language_name

            fr = language_name(language).upper()
        if self._view is not None and not needs_translation(language):
            en = self.tr("ALREADY ENGLISH — NOT TRANSLATED")
        self.left_label.setText(fr if self.french_left else en)
        self.right_label.setText(en if self.french_left else fr)

    def _fit_width(self) -> None:
        width = self.view.width()
        side = max(0, (width - MAX_TEXT_WIDTH) // 2)
        self.view.setViewportMargins(side, 0, side, 0)
        margin = int(self.view.document().documentMargin())
        self.header.layout().setContentsMargins(side + margin + 6, 6, side + margin + 6, 6)
        if self.editor.is_active():
            self._place_editor()

    # -- loading and rendering -----------------------------------------------------------

    def _load_failed(self, token: int, exc: BaseException) -> None:
        if token != self._load_token:
            return
        from desktop.ui.tasks import error_message

        self._doc_id = None
        self.ctx.tasks.failed.emit("open document", error_message(exc))

    def _loaded(self, token: int, view: DocView, paragraph_index: int | None) -> None:
        if token != self._load_token:
            return  # another document was asked for meanwhile
        self._view = view
        self._current = None
        self._hover = None
        self._update_header()
        self._render(paragraph_index or 0, flash=False)
        self.documentChanged.emit(view.doc.id)
        if self.is_loaded():  # small documents fill in one go
            self.documentLoaded.emit(view.doc.id)

    def _rerender(self) -> None:
        if self._view is None:
            return
        self._render(self.first_visible_paragraph(), flash=False)
        if self.is_loaded():
            self.documentLoaded.emit(self._view.doc.id)

    def _formats(self) -> None:
        c = theme.colors()
        self._fmt_table = QTextTableFormat()
        self._fmt_table.setBorder(0)
        self._fmt_table.setCellPadding(0)
        self._fmt_table.setCellSpacing(0)
        self._fmt_table.setMargin(0)
        self._fmt_table.setWidth(QTextLength(QTextLength.Type.PercentageLength, 100))
        self._fmt_table.setColumnWidthConstraints([QTextLength(QTextLength.Type.PercentageLength, 50)] * 2)
        gutter = max(14, int(self.font_size * 1.4))
        spacing = int(self.font_size * 0.9)
        self._fmt_cell = []
        for col in (0, 1):
            f = QTextTableCellFormat()
            f.setTopPadding(0)
            f.setBottomPadding(spacing)
            f.setLeftPadding(0 if col == 0 else gutter)
            f.setRightPadding(gutter if col == 0 else 0)
            self._fmt_cell.append(f)
        self._fmt_block = QTextBlockFormat()
        self._fmt_block.setLineHeight(150, QTextBlockFormat.LineHeightTypes.ProportionalHeight.value)
        self._fmt_heading = QTextBlockFormat(self._fmt_block)
        self._fmt_heading.setLineHeight(125, QTextBlockFormat.LineHeightTypes.ProportionalHeight.value)
        self._fmt_heading.setTopMargin(self.font_size * 0.6)
        self._fmt_list = QTextBlockFormat(self._fmt_block)
        self._fmt_list.setLeftMargin(self.font_size * 1.4)
        self._fmt_list.setTextIndent(0)
        self._fmt_text = QTextCharFormat()
        # The font goes into the format itself: the widget's style sheet may reset the
        # document's default font, and the reading font must not depend on it.
        self._fmt_text.setFont(self.reading_font())
        self._fmt_text.setForeground(QColor(c["text"]))
        self._fmt_heading_text = QTextCharFormat(self._fmt_text)
        self._fmt_heading_text.setFontWeight(QFont.Weight.DemiBold)
        self._fmt_heading_text.setFontPointSize(round(self.font_size * 1.12))
        self._fmt_placeholder = QTextCharFormat(self._fmt_text)
        self._fmt_placeholder.setForeground(QColor(c["placeholder"]))
        self._fmt_placeholder.setFontItalic(True)
        self._fmt_human = QTextCharFormat()
        self._fmt_human.setForeground(QColor(c["human"]))
        self._fmt_human.setUnderlineStyle(QTextCharFormat.UnderlineStyle.DotLine)
        self._fmt_human.setUnderlineColor(QColor(c["human"]))
        self._fmt_flag = QTextCharFormat()
        self._fmt_flag.setUnderlineStyle(QTextCharFormat.UnderlineStyle.WaveUnderline)
        self._fmt_flag.setUnderlineColor(QColor(c["flag"]))
        self._fmt_separator_block = QTextBlockFormat()
        self._fmt_separator_block.setLineHeight(1, QTextBlockFormat.LineHeightTypes.FixedHeight.value)
        self._fmt_separator_char = QTextCharFormat()
        self._fmt_separator_char.setFontPointSize(1)

    def _render(self, target_paragraph: int, flash: bool) -> None:
        self._fill_timer.stop()
        self._rewrite_timer.stop()
        self._dirty.clear()
        self.editor.cancel()
        self._formats()
        doc = self.view.document()
        self.view.setExtraSelections([])
        self._highlight_sels = []
        self._flash_sels = []
        doc.clear()
        doc.setDocumentMargin(max(16, self.font_size * 2))
        self._apply_fonts()
        self._blocks = []
        self._fill_cursor = QTextCursor(doc)
        self._fill_cursor.setBlockFormat(self._fmt_separator_block)
        self._fill_cursor.setBlockCharFormat(self._fmt_separator_char)
        self.stack.setCurrentIndex(1)
        self._fit_width()
        self._pending_scroll = (target_paragraph, flash) if target_paragraph > 0 or flash else None
        # The first screen now: the rows up to the restored position too, if they fit in a
        # short budget (a far position in a huge document fills in from the timer).
        want = min(len(self._view.paragraphs), max(CHUNK_ROWS, target_paragraph + 2 * CHUNK_ROWS))
        if want > FIRST_FILL_MAX_ROWS:
            want = CHUNK_ROWS  # far down a long document: the timer fills down to it
        self._fill_step(announce=False, want=want, budget=10.0)
        if not self.is_loaded():
            self._fill_timer.start()

    def _fill_step(self, announce: bool = True, want: int = 0, budget: float = FILL_BUDGET_S) -> None:
        view = self._view
        if view is None or self._fill_cursor is None:
            self._fill_timer.stop()
            return
        t0 = time.perf_counter()
        total = len(view.paragraphs)
        while len(self._blocks) < total:
            start = len(self._blocks)
            self._append_rows(start, min(total, start + CHUNK_ROWS))
            spent = time.perf_counter() - t0
            if spent > budget or (len(self._blocks) >= want and spent > FILL_BUDGET_S):
                break
        if self._pending_scroll is not None and self._pending_scroll[0] < len(self._blocks):
            target, flash = self._pending_scroll
            self.scroll_to_paragraph(target, flash)
        if len(self._blocks) >= total:
            self._fill_timer.stop()
            self._fill_cursor = None
            self._rebuild_highlights()
            if self._view is not None and announce:
                self.documentLoaded.emit(self._view.doc.id)
        elif len(self._blocks) <= CHUNK_ROWS * 4:
            self._rebuild_highlights()

    def _append_rows(self, start: int, end: int) -> None:
        view = self._view
        cursor = self._fill_cursor
        assert view is not None and cursor is not None
        cursor.beginEditBlock()
        table = cursor.insertTable(end - start, 2, self._fmt_table)
        sides = (FR, EN) if self.french_left else (EN, FR)
        for row, pi in enumerate(range(start, end)):
            par = view.paragraphs[pi]
            blocks: dict[str, QTextBlock] = {}
            for col, side in enumerate(sides):
                cell = table.cellAt(row, col)
                cell.setFormat(self._fmt_cell[col])
                c = cell.firstCursorPosition()
                c.setBlockFormat(self._block_format(par))
                if side == FR:
                    c.insertText(par.fr_text, self._text_format(par))
                else:
                    self._insert_english(c, par)
                block = c.block()
                block.setUserState(pi * 2 + (0 if side == FR else 1))
                blocks[side] = block
            self._blocks.append((blocks[FR], blocks[EN]))
        cursor.movePosition(QTextCursor.MoveOperation.End)
        cursor.setBlockFormat(self._fmt_separator_block)
        cursor.setBlockCharFormat(self._fmt_separator_char)
        cursor.endEditBlock()

    def _block_format(self, par: ParagraphView) -> QTextBlockFormat:
        if par.is_heading:
            return self._fmt_heading
        if par.is_list_item:
            return self._fmt_list
        return self._fmt_block

    def _text_format(self, par: ParagraphView) -> QTextCharFormat:
        return self._fmt_heading_text if par.is_heading else self._fmt_text

    def _insert_english(self, cursor: QTextCursor, par: ParagraphView) -> None:
        base = self._text_format(par)
        if not par.en_text and not par.failed:
            if par.pending:  # nothing pending: a document shown as it is (issue 17 item 4)
                cursor.insertText(self._placeholder, self._fmt_placeholder)
            return
        pos = 0
        text = par.en_text
        for s in sorted(par.en_sentences, key=lambda s: s.start):
            if s.end <= s.start:
                continue
            if s.start > pos:
                cursor.insertText(text[pos : s.start], base)
            fmt = QTextCharFormat(base)
            if s.index in par.human:
                fmt.merge(self._fmt_human)
            if s.index in par.flagged:
                fmt.merge(self._fmt_flag)
            cursor.insertText(text[s.start : s.end], fmt)
            pos = s.end
        if pos < len(text):
            cursor.insertText(text[pos:], base)
        if par.pending:
            cursor.insertText(" …", self._fmt_placeholder)
        if par.failed:
            cursor.insertText(" " + self.tr("[{0} not translated]").format(len(par.failed)), self._fmt_placeholder)

    def _rewrite_english(self, pi: int) -> None:
        if self._view is None or pi >= len(self._blocks):
            return
        block = self._blocks[pi][1]
        cursor = QTextCursor(block)
        cursor.beginEditBlock()
        cursor.movePosition(QTextCursor.MoveOperation.EndOfBlock, QTextCursor.MoveMode.KeepAnchor)
        cursor.removeSelectedText()
        self._insert_english(cursor, self._view.paragraphs[pi])
        cursor.endEditBlock()

    def _reloaded(self, token: int, view: DocView, wanted: set[int] | None) -> None:
        if token != self._load_token or self._view is None:
            self._reload_done()
            return
        old = self._view
        changed = [
            pi
            for pi, (a, b) in enumerate(zip(old.paragraphs, view.paragraphs))
            if (a.en_text, a.pending, a.human, a.flagged, a.failed) != (b.en_text, b.pending, b.human, b.flagged, b.failed)
        ]
        self._view = view
        # Rows not filled yet will be drawn from the new view; filled ones are redrawn in
        # slices, nearest to the screen first, so a big batch never blocks the UI.
        self._dirty.update(pi for pi in changed if pi < len(self._blocks))
        self._redrawn.extend(changed)
        self._reload_done()
        self._rewrite_step()
        if self._dirty:
            self._rewrite_timer.start()

    def _rewrite_step(self) -> None:
        if self._view is None:
            self._dirty.clear()
        t0 = time.perf_counter()
        editing = self.editor.sentence if self.editor.is_active() else None
        if self._dirty:
            centre = self.first_visible_paragraph() + 10
            order = sorted(self._dirty, key=lambda pi: abs(pi - centre))
            # One edit block per slice: the layout updates once, not per paragraph.
            batch = QTextCursor(self.view.document())
            batch.beginEditBlock()
            # At most a table's worth of rows per slice: the re-layout at the end of the
            # edit block costs about as much as the text changes themselves.
            for n, pi in enumerate(order, start=1):
                self._dirty.discard(pi)
                if editing is not None and self._view.sentence_paragraph.get(editing) == pi:
                    continue  # do not pull the text from under the user's editor
                self._rewrite_english(pi)
                if n >= CHUNK_ROWS or time.perf_counter() - t0 > FILL_BUDGET_S / 2:
                    break
            batch.endEditBlock()
        if not self._dirty:
            self._rewrite_timer.stop()
            self._rebuild_highlights()
            redrawn, self._redrawn = sorted(set(self._redrawn)), []
            self.translationsReloaded.emit(redrawn)

    def is_redrawing(self) -> bool:
        return bool(self._dirty)

    def _reload_done(self) -> None:
        self._reloading = False
        if self._reload_again:
            self.reload_translations(None if self._reload_paragraphs is None else list(self._reload_paragraphs))

    # -- positions ------------------------------------------------------------------------

    def _locate(self, position: int) -> tuple[int, str, int] | None:
        """(paragraph, side, offset in that paragraph's text) of a document position."""
        block = self.view.document().findBlock(position)
        state = block.userState()
        if state < 0 or self._view is None:
            return None
        pi, side_bit = divmod(state, 2)
        if pi >= len(self._view.paragraphs):
            return None
        side = FR if side_bit == 0 else EN
        offset = position - block.position()
        if side == EN:
            offset = min(offset, len(self._view.paragraphs[pi].en_text))
        return pi, side, offset

    def _doc_pos(self, side: str, pi: int, offset: int) -> int:
        block = self._blocks[pi][0 if side == FR else 1]
        return block.position() + offset

    def _hit(self, point: QPoint) -> tuple[int, str, int] | None:
        """What is under a viewport point, only if the point is on text."""
        cursor = self.view.cursorForPosition(point)
        loc = self._locate(cursor.position())
        if loc is None:
            return None
        rect = self.view.cursorRect(cursor)
        if abs(rect.center().y() - point.y()) > rect.height():
            return None  # past the end of a short paragraph
        return loc

    def _sentence_at_point(self, point: QPoint) -> tuple[str, int] | None:
        hit = self._hit(point)
        if hit is None or self._view is None:
            return None
        pi, side, offset = hit
        s = self._view.sentence_at(side, pi, offset)
        return (side, s) if s is not None else None

    def _sentence_range(self, side: str, sentence: int) -> tuple[int, int] | None:
        if self._view is None:
            return None
        span = self._view.sentence_span(side, sentence)
        if span is None or span[0] >= len(self._blocks):
            return None
        pi, a, b = span
        return self._doc_pos(side, pi, a), self._doc_pos(side, pi, b)

    def _selection_for(self, start: int, end: int, fmt: QTextCharFormat) -> QTextEdit.ExtraSelection:
        sel = QTextEdit.ExtraSelection()
        cursor = QTextCursor(self.view.document())
        cursor.setPosition(start)
        cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
        sel.cursor = cursor
        sel.format = fmt
        return sel

    # -- sentence sync --------------------------------------------------------------------

    def _hover_at(self, point: QPoint) -> None:
        found = self._sentence_at_point(point)
        sentence = found[1] if found else None
        if sentence != self._hover:
            self._hover = sentence
            self._apply_selections()
        over_highlight = self._annotation_at(point) is not None
        self.view.viewport().setCursor(Qt.CursorShape.PointingHandCursor if over_highlight else Qt.CursorShape.IBeamCursor)

    def _hover_clear(self) -> None:
        if self._hover is not None:
            self._hover = None
            self._apply_selections()

    def hover_sentence(self, sentence: int | None) -> None:
        """Show the sync highlight for a sentence (also used by tests and keyboard navigation)."""
        self._hover = sentence
        self._apply_selections()

    def _click_at(self, point: QPoint) -> None:
        ann = self._annotation_at(point)
        if ann is not None:
            self.annotationClicked.emit(ann.id)
        found = self._sentence_at_point(point)
        if found is None or self._view is None:
            return
        self.activate_sentence(found[1], found[0])

    def activate_sentence(self, sentence: int, side: str = EN) -> None:
        self._current = sentence
        self._current_side = side
        self._apply_selections()
        if self._view is not None:
            self.sentenceActivated.emit(self._view.doc.id, sentence)

    def _double_click_at(self, point: QPoint) -> bool:
        found = self._sentence_at_point(point)
        if found is None or found[0] != EN:
            return False
        self.edit_sentence(found[1])
        return True

    def point_for(self, side: str, sentence: int, offset: int = 2):
        """Viewport point over a sentence's text on one side (keyboard focus and tests)."""
        rng = self._sentence_range(side, sentence)
        if rng is None:
            return None
        cursor = QTextCursor(self.view.document())
        cursor.setPosition(min(rng[0] + offset, rng[1]))
        rect = self.view.cursorRect(cursor)
        return QPoint(rect.x() + 2, rect.center().y())

    def sync_ranges(self, sentence: int) -> list[tuple[str, int, int]]:
        """Document ranges drawn for a synced sentence: one per side where it has text."""
        out = []
        for side in (FR, EN):
            rng = self._sentence_range(side, sentence)
            if rng is not None:
                out.append((side, *rng))
        return out

    def _apply_selections(self) -> None:
        c = theme.colors()
        sels = list(self._highlight_sels)
        for sentence, strong in ((self._current, False), (self._hover, True)):
            if sentence is None:
                continue
            fmt = QTextCharFormat()
            color = QColor(c["sync"])
            color.setAlpha(200 if strong else 130)
            fmt.setBackground(color)
            for _side, a, b in self.sync_ranges(sentence):
                sels.append(self._selection_for(a, b, fmt))
        sels.extend(self._flash_sels)
        self.view.setExtraSelections(sels)

    # -- highlights -------------------------------------------------------------------------

    def _rebuild_highlights(self) -> None:
        view = self._view
        self._highlight_sels = []
        if view is None:
            self._apply_selections()
            return
        filled = len(self._blocks)
        tints: list[QTextEdit.ExtraSelection] = []
        fulls: list[QTextEdit.ExtraSelection] = []
        for ann in view.annotations:
            full = QTextCharFormat()
            full.setBackground(theme.highlight_color(ann.color))
            full.setProperty(QTextFormat.Property.UserProperty, ann.id)
            for pi, a, b in view.segments(ann.side, ann.start, ann.end):
                if pi < filled:
                    fulls.append(self._selection_for(self._doc_pos(ann.side, pi, a), self._doc_pos(ann.side, pi, b), full))
            other = EN if ann.side == FR else FR
            tint = QTextCharFormat()
            tint.setBackground(theme.highlight_color(ann.color, tint=True))
            for sentence in view.sentences_in(ann.side, ann.start, ann.end):
                rng = self._sentence_range(other, sentence)
                if rng is not None:
                    tints.append(self._selection_for(rng[0], rng[1], tint))
        self._highlight_sels = tints + fulls
        self._apply_selections()

    def highlight_ranges(self) -> list[tuple[str, int, int, str, bool]]:
        """(side, doc start, doc end, colour, is_tint) of each drawn highlight (for tests)."""
        out = []
        for sel in self._highlight_sels:
            loc = self._locate(sel.cursor.selectionStart())
            side = loc[1] if loc else ""
            color = sel.format.background().color()
            out.append((side, sel.cursor.selectionStart(), sel.cursor.selectionEnd(), color.name(), color.alpha() < 255))
        return out

    def _annotation_at(self, point: QPoint):
        hit = self._hit(point)
        if hit is None or self._view is None:
            return None
        pi, side, offset = hit
        canonical = self._view.paragraph_start(side, pi) + offset
        for ann in reversed(self._view.annotations):
            if ann.side == side and ann.start <= canonical < ann.end:
                return ann
        return None

    def annotation_at_canonical(self, side: str, offset: int):
        if self._view is None:
            return None
        for ann in reversed(self._view.annotations):
            if ann.side == side and ann.start <= offset < ann.end:
                return ann
        return None

    def _selection_changed(self) -> None:
        self._selection = self._canonical_selection()
        side, start, end = self._selection or ("", 0, 0)
        self.selectionChanged.emit(side, start, end)

    def _canonical_selection(self) -> tuple[str, int, int] | None:
        cursor = self.view.textCursor()
        if not cursor.hasSelection() or self._view is None:
            return None
        a = self._locate(cursor.selectionStart())
        b = self._locate(cursor.selectionEnd())
        if a is None or b is None:
            return None
        if a[1] != b[1]:
            # A drag across both columns: keep the side where it started.
            anchor = self._locate(cursor.anchor())
            side = anchor[1] if anchor else a[1]
            ends = [x for x in (a, b) if x[1] == side]
            if len(ends) < 2:
                return None
            a, b = ends
        side = a[1]
        start = self._view.paragraph_start(side, a[0]) + a[2]
        end = self._view.paragraph_start(side, b[0]) + b[2]
        return (side, start, end) if end > start else None

    def select_range(self, side: str, start: int, end: int) -> None:
        """Select a canonical span of one side (keyboard users and tests)."""
        if self._view is None:
            return
        segments = self._view.segments(side, start, end)
        if not segments or segments[-1][0] >= len(self._blocks):
            return
        cursor = QTextCursor(self.view.document())
        p0, a0, _ = segments[0]
        p1, _, b1 = segments[-1]
        cursor.setPosition(self._doc_pos(side, p0, a0))
        cursor.setPosition(self._doc_pos(side, p1, b1), QTextCursor.MoveMode.KeepAnchor)
        self.view.setTextCursor(cursor)

    def highlight_selection(self, color: str) -> str | None:
        """Highlight the selected text in a colour (undoable); returns the new annotation id."""
        sel = self._selection or self._canonical_selection()
        if sel is None or self._view is None:
            self._status(self.tr("Select some text on one side first, then choose a colour."))
            return None
        side, start, end = sel
        from desktop.ui.undo import history_for

        history = history_for(self.ctx)
        english = self._view.english
        ann = history.create(self._view.doc, side, start, end, color=color, english=english)
        # Drawn when the write is committed (history.changed -> reload_annotations, a few
        # ms later): what is on screen is what is saved, even if the write fails.
        cursor = self.view.textCursor()
        cursor.clearSelection()
        self.view.setTextCursor(cursor)
        return ann.id

    def color_name(self, color: str) -> str:
        """The colour's name in the UI language."""
        return colour_names().get(color, color)

    def _build_navigation_actions(self) -> None:
        """Sentence by sentence from the keyboard: sync, select (then 1-5), F2."""
        self._navigation_actions: list[QAction] = []
        for name, text, key, slot in (
            ("next_sentence", self.tr("Next Sentence"), "Alt+Down", lambda: self.step_sentence(1)),
            ("previous_sentence", self.tr("Previous Sentence"), "Alt+Up", lambda: self.step_sentence(-1)),
            ("select_left_sentence", self.tr("Select Sentence in Left Column"), "Alt+Left", lambda: self.select_sentence(left=True)),
            ("select_right_sentence", self.tr("Select Sentence in Right Column"), "Alt+Right", lambda: self.select_sentence(left=False)),
        ):
            act = QAction(text, self)
            act.setObjectName(name)
            act.setShortcut(QKeySequence(key))
            act.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            act.triggered.connect(slot)
            self.addAction(act)
            self._navigation_actions.append(act)

    def navigation_actions(self) -> list[QAction]:
        return list(self._navigation_actions)

    def step_sentence(self, delta: int) -> None:
        """Move the current (synced) sentence forward or back and keep it in view."""
        view = self._view
        if view is None or not view.doc.sentences:
            return
        if self._current is None:
            par = view.paragraphs[self.first_visible_paragraph()]
            sentence = par.fr_sentences[0].index if par.fr_sentences else 0
        else:
            sentence = max(0, min(len(view.doc.sentences) - 1, self._current + delta))
        pi = view.sentence_paragraph.get(sentence, 0)
        if pi >= len(self._blocks):
            return
        self.activate_sentence(sentence, self._current_side)
        self._ensure_visible(pi)

    def select_sentence(self, left: bool) -> None:
        """Select the current sentence in one column (then 1-5 highlights it)."""
        if self._view is None or self._current is None:
            self.step_sentence(0)
        if self._current is None or self._view is None:
            return
        side = FR if left == self.french_left else EN
        span = self._view.sentence_span(side, self._current)
        if span is None:
            return
        pi, a, b = span
        base = self._view.paragraph_start(side, pi)
        self._current_side = side
        self.select_range(side, base + a, base + b)

    def _build_highlight_actions(self) -> None:
        labels = _color_labels(self.ctx.conn)
        self._highlight_actions: list[QAction] = []
        group = QActionGroup(self)
        group.setExclusive(False)
        for n, color in enumerate(COLORS, start=1):
            label = labels.get(color, color)
            act = QAction(theme.swatch_icon(color), self.tr("Highlight {0} ({1})").format(self.color_name(color), label), self)
            act.setObjectName(f"highlight_{color}")
            act.setData(color)
            act.setShortcut(QKeySequence(str(n)))
            act.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            act.setToolTip(self.tr("Highlight the selection: {0} — {1} ({2})").format(self.color_name(color), label, n))
            act.triggered.connect(lambda _checked=False, c=color: self.highlight_selection(c))
            self.addAction(act)
            group.addAction(act)
            self._highlight_actions.append(act)

    def highlight_actions(self) -> list[QAction]:
        return list(self._highlight_actions)

    def highlight_menu(self) -> QMenu:
        menu = QMenu(self.tr("&Highlight Selection"), self)
        menu.setIcon(theme.icon("highlight"))
        for act in self._highlight_actions:
            menu.addAction(act)
        return menu

    # -- flashes --------------------------------------------------------------------------

    def _flash_ranges(self, ranges: list[tuple[str, int, int, int]]) -> None:
        fmt = QTextCharFormat()
        color = QColor(theme.colors()["flash"])
        color.setAlpha(170)
        fmt.setBackground(color)
        self._flash_sels = [
            self._selection_for(self._doc_pos(side, pi, a), self._doc_pos(side, pi, b), fmt)
            for side, pi, a, b in ranges
            if pi < len(self._blocks) and b > a
        ]
        self._apply_selections()
        self._flash_timer.start(1200)

    def _end_flash(self) -> None:
        self._flash_sels = []
        self._apply_selections()

    def flashing(self) -> bool:
        return bool(self._flash_sels)

    def _ensure_visible(self, pi: int) -> None:
        block = self._blocks[pi][0]
        rect = self.view.document().documentLayout().blockBoundingRect(block)
        bar = self.view.verticalScrollBar()
        top, bottom = bar.value(), bar.value() + self.view.viewport().height()
        if rect.top() < top or rect.bottom() > bottom:
            bar.setValue(max(0, int(rect.top()) - self.view.viewport().height() // 3))

    # -- post-editing -------------------------------------------------------------------------

    def edit_current_sentence(self) -> None:
        sentence = self._current if self._current is not None else self._hover
        if sentence is None and self._view is not None:
            # Keyboard users: the first sentence of the paragraph at the top of the view.
            par = self._view.paragraphs[self.first_visible_paragraph()] if self._view.paragraphs else None
            sentence = next((s.index for s in par.en_sentences if s.end > s.start), None) if par else None
        if sentence is None:
            self._status(self.tr("Click an English sentence first, then press F2 to edit it."))
            return
        self.edit_sentence(sentence)

    def edit_sentence(self, sentence: int) -> bool:
        if self._view is None:
            return False
        rng = self._sentence_range(EN, sentence)
        if rng is None:
            self._status(self.tr("This sentence has no translation yet."))
            return False
        self._current = sentence
        self._ensure_visible(self._view.sentence_paragraph[sentence])
        self.editor.start(sentence, self._view.english_sentence(sentence))
        self._place_editor()
        return True

    def _place_editor(self) -> None:
        """Lay the editor over the sentence: the English column's width, from the
        sentence's first line down to at least its last."""
        sentence = self.editor.sentence
        if sentence is None:
            return
        rng = self._sentence_range(EN, sentence)
        if rng is None:
            self.editor.cancel()
            return
        c = QTextCursor(self.view.document())
        c.setPosition(rng[0])
        top = self.view.cursorRect(c)
        c.setPosition(rng[1])
        bottom = self.view.cursorRect(c)
        viewport = self.view.viewport()
        margin = self.view.document().documentMargin()
        half = (viewport.width() - 2 * margin) / 2
        gutter = self._fmt_cell[1].leftPadding()
        if self.french_left:
            left, width = margin + half + gutter, half - gutter
        else:
            left, width = margin, half - gutter
        pad = 6
        self.editor.setMinimumHeight(max(0, bottom.bottom() - top.top() + 2 * pad))
        self.editor.setGeometry(QRect(int(left) - pad, top.top() - pad, int(width) + 2 * pad, self.editor.height()))
        self.editor.setFixedWidth(int(width) + 2 * pad)
        self.editor._fit()

    def _commit_edit(self, sentence: int, text: str) -> None:
        self.set_translation(sentence, text)
        self.view.setFocus()

    def set_translation(self, sentence: int, text: str | None) -> None:
        """Store a human translation (None: back to MT), undoable, and redraw."""
        if self._view is None:
            return
        if text is not None and not text.strip():
            self._status(self.tr("An empty translation cannot be saved; revert to the machine translation instead."))
            return
        doc_id = self._view.doc.id
        before = human_text(self.ctx.conn, doc_id, sentence)
        self.undo_stack.push(PostEditCommand(before, text, lambda t: self._write_translation(doc_id, sentence, t)))

    def _write_translation(self, doc_id: int, sentence: int, text: str | None) -> None:
        model_id = self._view.model_id if self._view is not None else None
        self.ctx.tasks.run(
            post_edit_job,
            self.ctx.connect,
            self.ctx.data_dir,
            doc_id,
            sentence,
            text,
            model_id,
            on_result=lambda change: self._post_edit_done(doc_id, change),
            name="post-edit",
            context=self,
        )

    def _post_edit_done(self, doc_id: int, change) -> None:
        if self._view is None or self._view.doc.id != doc_id:
            return
        if change.paragraphs:
            self.reload_translations(change.paragraphs)  # annotations come with the new view
        if change.orphaned:
            self._status(self.tr("{0} note(s) lost their English passage; they are listed as orphaned.").format(len(change.orphaned)))
        self.postEditSaved.emit(doc_id, list(change.paragraphs))

    def request_alternatives(self, sentence: int, n: int = 4) -> None:
        """Ask the model for n alternatives (worker); `alternativesReady` brings them."""
        if self._view is None:
            return
        from desktop.ui.reader.translation import alternatives_job

        self.ctx.tasks.run(
            alternatives_job,
            self.ctx.connect,
            self._view.doc.id,
            sentence,
            n,
            self.ctx.packages_dir,
            on_result=lambda alts: self.alternativesReady.emit(sentence, list(alts)),
            on_error=lambda exc: self._alternatives_failed(sentence, exc),
            name="alternatives",
            context=self,
        )

    def _alternatives_failed(self, sentence: int, exc: BaseException) -> None:
        from desktop.ui.tasks import error_message

        self._status(error_message(exc))
        self.alternativesReady.emit(sentence, [])

    # -- context menu and tooltips -------------------------------------------------------

    def context_menu_for(self, point: QPoint) -> QMenu:
        """The menu a right-click at `point` shows (built, not shown: tests drive it)."""
        menu = QMenu(self)
        menu.setObjectName("ReaderContextMenu")
        sel = self._canonical_selection()
        if sel is not None:
            for act in self._highlight_actions:
                menu.addAction(act)
            menu.addSeparator()
            copy = menu.addAction(self.tr("&Copy"), self.view.copy)
            copy.setShortcut(QKeySequence.StandardKey.Copy)
        ann = self._annotation_at(point)
        if ann is not None:
            menu.addSeparator()
            open_note = menu.addAction(theme.icon("notes"), self.tr("Open &Note"))
            open_note.triggered.connect(lambda: self.annotationClicked.emit(ann.id))
            recolor = menu.addMenu(self.tr("Change &Colour"))
            labels = _color_labels(self.ctx.conn)
            for color in COLORS:
                act = recolor.addAction(theme.swatch_icon(color), f"{self.color_name(color)} — {labels.get(color, color)}")
                act.triggered.connect(lambda _c=False, a=ann.id, col=color: self._recolor(a, col))
            delete = menu.addAction(self.tr("&Delete Highlight"))
            delete.setObjectName("delete_highlight")
            delete.triggered.connect(lambda: self._delete_highlight(ann.id))
        found = self._sentence_at_point(point)
        if found is not None and found[0] == EN and self._view is not None:
            sentence = found[1]
            self._current = sentence
            menu.addSeparator()
            edit = menu.addAction(theme.icon("edit"), self.tr("&Edit Translation"))
            edit.setShortcut(QKeySequence("F2"))
            edit.setObjectName("edit_translation")
            edit.triggered.connect(lambda: self.edit_sentence(sentence))
            alts = menu.addMenu(theme.icon("translate"), self.tr("&Alternatives"))
            alts.setObjectName("alternatives_menu")
            waiting = alts.addAction(self.tr("Asking the model…"))
            waiting.setEnabled(False)
            self._alt_menu = alts
            self._alt_sentence = sentence
            alts.aboutToShow.connect(lambda: None)
            self.request_alternatives(sentence)
            par = self._view.paragraphs[self._view.sentence_paragraph[sentence]]
            if sentence in par.human:
                revert = menu.addAction(theme.icon("revert"), self.tr("&Revert to Machine Translation"))
                revert.setObjectName("revert_translation")
                revert.triggered.connect(lambda: self.set_translation(sentence, None))
        return menu

    def _fill_alternatives(self, sentence: int, alternatives: list) -> None:
        menu = self._alt_menu
        if menu is None or sentence != getattr(self, "_alt_sentence", None):
            return
        try:
            menu.clear()
        except RuntimeError:  # the menu is gone
            self._alt_menu = None
            return
        current = self._view.english_sentence(sentence) if self._view else ""
        if not alternatives:
            act = menu.addAction(self.tr("No alternatives (is a model installed?)"))
            act.setEnabled(False)
            return
        for text in alternatives:
            act = menu.addAction(text if len(text) < 90 else text[:87] + "…")
            act.setToolTip(text)
            act.setCheckable(True)
            act.setChecked(text == current)
            act.triggered.connect(lambda _c=False, t=text: self.set_translation(sentence, t))

    def _context_menu(self, point: QPoint, global_pos: QPoint) -> None:
        menu = self.context_menu_for(point)
        if menu.isEmpty():
            menu.addAction(self.tr("&Copy"), self.view.copy)
        menu.exec(global_pos)
        menu.deleteLater()

    def _recolor(self, ann_id: str, color: str) -> None:
        from desktop.ui.undo import history_for

        history_for(self.ctx).edit(ann_id, color=color)

    def _delete_highlight(self, ann_id: str) -> None:
        from desktop.ui.undo import history_for

        history_for(self.ctx).delete(ann_id)

    def _tooltip_at(self, point: QPoint, global_pos: QPoint) -> None:
        found = self._sentence_at_point(point)
        lines: list[str] = []
        ann = self._annotation_at(point)
        if ann is not None and ann.note:
            note = ann.note if len(ann.note) < 240 else ann.note[:237] + "…"
            lines.append(note)
        if found is not None and self._view is not None and found[0] == EN:
            sentence = found[1]
            par = self._view.paragraphs[self._view.sentence_paragraph[sentence]]
            if sentence in par.flagged:
                lines.append(self.tr("Glossary: expected {0}").format(par.flagged[sentence]))
            if sentence in par.human:
                lines.append(self.tr("Your translation (right-click to revert to the machine translation)"))
        if found is not None and self._view is not None and found[0] == FR:
            par = self._view.paragraphs[self._view.sentence_paragraph[found[1]]]
            if found[1] in par.failed:
                lines.append(self.failure_text(par.failed[found[1]]))
        if lines:
            QToolTip.showText(global_pos, "\n".join(lines), self.view.viewport())
        else:
            QToolTip.hideText()

    def failure_text(self, reason: str) -> str:
        return self.tr("Not translated: {0}. Translate Document (Ctrl+T) tries again.").format(reason)

    def tooltip_text(self, sentence: int) -> str:
        """The tooltip of an English sentence (glossary flag, human mark), for tests."""
        if self._view is None:
            return ""
        par = self._view.paragraphs[self._view.sentence_paragraph[sentence]]
        parts = []
        if sentence in par.flagged:
            parts.append(self.tr("Glossary: expected {0}").format(par.flagged[sentence]))
        if sentence in par.human:
            parts.append(self.tr("Your translation (right-click to revert to the machine translation)"))
        return "\n".join(parts)

    # -- painting, scrolling, state ------------------------------------------------------------

    def _paint_gutter(self, viewport: QWidget) -> None:
        if self._view is None or not self._blocks:
            return
        margin = self.view.document().documentMargin()
        x = int(margin + (viewport.width() - 2 * margin) / 2)
        painter = QPainter(viewport)
        pen = QPen(QColor(theme.colors()["border"]))
        pen.setWidth(1)
        painter.setPen(pen)
        painter.drawLine(x, 0, x, viewport.height())
        painter.end()

    def _scrolled(self) -> None:
        if self.editor.is_active():
            self._place_editor()
        # Remember the position in memory only: writing settings costs ~40 ms of file I/O
        # on the UI thread; it is saved when the document changes or the window closes.
        self._position_timer.start()

    def _note_position(self) -> None:
        if self._view is not None and self._blocks:
            paragraph = self.first_visible_paragraph()
            if paragraph != self._last_position:
                self._last_position = paragraph
                self.visibleParagraphChanged.emit(paragraph)

    def save_position(self) -> None:
        if self._view is None or not self._blocks:
            return
        self.ctx.settings.set(f"reader/position/{self._view.doc.id}", self.first_visible_paragraph())

    def _status(self, text: str) -> None:
        window = self.window()
        if hasattr(window, "status_message"):
            window.status_message(text)

    def showEvent(self, event) -> None:
        super().showEvent(event)
        self._fit_width()

