"""The inline editor for one English sentence: Enter saves, Esc cancels, focus-out saves."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFocusEvent, QKeyEvent, QTextOption
from PySide6.QtWidgets import QPlainTextEdit, QWidget


class SentenceEditor(QPlainTextEdit):
    committed = Signal(int, str)  # sentence index, new text
    cancelled = Signal(int)

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("SentenceEditor")
        self.setAccessibleName(self.tr("Edit translation of the sentence"))
        self.setToolTip(self.tr("Enter saves, Esc cancels"))
        self.setWordWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.sentence: int | None = None
        self._original = ""
        self._closing = False
        self.document().contentsChanged.connect(self._fit)
        self.hide()

    def start(self, sentence: int, text: str) -> None:
        self.sentence = sentence
        self._original = text
        self._closing = False
        self.setPlainText(text)
        self.selectAll()
        self.show()
        self.raise_()
        self.setFocus(Qt.FocusReason.OtherFocusReason)
        self._fit()

    def _fit(self) -> None:
        """Grow with the text (never scroll inside), at least as tall as the sentence."""
        doc_height = self.document().size().height() * self.fontMetrics().lineSpacing()
        margins = self.contentsMargins()
        wanted = int(doc_height + margins.top() + margins.bottom() + 2 * self.document().documentMargin())
        self.setFixedHeight(max(wanted, self.minimumHeight(), self.fontMetrics().lineSpacing() + 12))

    def is_active(self) -> bool:
        return self.isVisible() and self.sentence is not None

    def commit(self) -> None:
        if not self.is_active() or self._closing:
            return
        self._closing = True
        sentence, text = self.sentence, " ".join(self.toPlainText().split())
        self.sentence = None
        self.hide()
        if text and text != self._original:
            self.committed.emit(sentence, text)
        else:
            self.cancelled.emit(sentence)

    def cancel(self) -> None:
        if not self.is_active() or self._closing:
            return
        self._closing = True
        sentence = self.sentence
        self.sentence = None
        self.hide()
        self.cancelled.emit(sentence)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and not (
            event.modifiers() & Qt.KeyboardModifier.ShiftModifier
        ):
            self.commit()
            return
        if event.key() == Qt.Key.Key_Escape:
            self.cancel()
            return
        super().keyPressEvent(event)

    def focusOutEvent(self, event: QFocusEvent) -> None:
        super().focusOutEvent(event)
        if event.reason() not in (Qt.FocusReason.PopupFocusReason, Qt.FocusReason.ActiveWindowFocusReason):
            self.commit()
