"""Help → Keyboard Shortcuts: a table generated from the window's own actions, so it
can never disagree with what the keys do."""

from __future__ import annotations

import re
from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLineEdit,
    QMenu,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)


@dataclass(frozen=True)
class ShortcutRow:
    group: str  # the menu the action lives in ("" when only a key)
    action: str
    keys: str


def clean_text(text: str) -> str:
    """Action text as shown: mnemonics and trailing ellipses removed."""
    text = re.sub(r"&(?!&)", "", text).replace("&&", "&")
    return text.rstrip(".…").strip()


def _menu_path(action: QAction) -> list[str]:
    """Titles of the menus holding the action, top first ([] when in no menu)."""
    for widget in action.associatedObjects():
        if isinstance(widget, QMenu):
            path = [clean_text(widget.title())]
            parent = widget.parent()
            while isinstance(parent, QMenu):
                path.insert(0, clean_text(parent.title()))
                parent = parent.parent()
            return path
    return []


def collect_shortcuts(window: QWidget) -> list[ShortcutRow]:
    """Every action under `window` that has a shortcut, grouped by menu."""
    rows: dict[tuple[str, str], ShortcutRow] = {}
    for action in window.findChildren(QAction):
        sequences = [s for s in action.shortcuts() if not s.isEmpty()]
        text = clean_text(action.text())
        if not sequences or not text:
            continue
        keys = ", ".join(s.toString(QKeySequence.SequenceFormat.NativeText) for s in sequences)
        path = _menu_path(action)
        group = path[0] if path else QCoreApplication.translate("ShortcutsDialog", "Other")
        name = " › ".join([*path[1:], text])  # a submenu's title tells same-named actions apart
        rows.setdefault((name, keys), ShortcutRow(group, name, keys))
    return sorted(rows.values(), key=lambda r: (r.group.casefold(), r.action.casefold()))


class ShortcutsDialog(QDialog):
    def __init__(self, window: QWidget, parent: QWidget | None = None) -> None:
        super().__init__(parent or window)
        self.setObjectName("shortcutsHelp")
        self.setWindowTitle(self.tr("Keyboard shortcuts"))
        self.resize(520, 600)
        self.rows = collect_shortcuts(window)

        self.filter_edit = QLineEdit()
        self.filter_edit.setPlaceholderText(self.tr("Filter…"))
        self.filter_edit.setAccessibleName(self.tr("Filter shortcuts"))
        self.filter_edit.setClearButtonEnabled(True)
        self.filter_edit.textChanged.connect(self._filter)

        self.table = QTreeWidget()
        self.table.setAccessibleName(self.tr("Keyboard shortcuts"))
        self.table.setHeaderLabels([self.tr("Action"), self.tr("Keys")])
        self.table.setRootIsDecorated(False)
        self.table.setAlternatingRowColors(True)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.table.header().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.table.header().setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        self.table.header().setStretchLastSection(False)
        groups: dict[str, QTreeWidgetItem] = {}
        for row in self.rows:
            head = groups.get(row.group)
            if head is None:
                head = QTreeWidgetItem([row.group])
                font = head.font(0)
                font.setBold(True)
                head.setFont(0, font)
                head.setFirstColumnSpanned(True)
                head.setFlags(Qt.ItemFlag.ItemIsEnabled)
                self.table.addTopLevelItem(head)
                head.setFirstColumnSpanned(True)
                groups[row.group] = head
            item = QTreeWidgetItem(head, [row.action, row.keys])
            item.setTextAlignment(1, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.table.setRootIsDecorated(False)
        self.table.setItemsExpandable(False)
        self.table.expandAll()

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText(self.tr("Close"))
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 14, 16, 12)
        layout.addWidget(self.filter_edit)
        layout.addWidget(self.table, 1)
        layout.addWidget(buttons)

    def _filter(self, text: str) -> None:
        needle = text.casefold().strip()
        for i in range(self.table.topLevelItemCount()):
            head = self.table.topLevelItem(i)
            shown = 0
            for j in range(head.childCount()):
                item = head.child(j)
                hit = not needle or needle in item.text(0).casefold() or needle in item.text(1).casefold()
                item.setHidden(not hit)
                shown += hit
            head.setHidden(shown == 0)

    def visible_rows(self) -> list[tuple[str, str]]:
        out = []
        for i in range(self.table.topLevelItemCount()):
            head = self.table.topLevelItem(i)
            for j in range(head.childCount()):
                item = head.child(j)
                if not item.isHidden():
                    out.append((item.text(0), item.text(1)))
        return out
