"""A non-modal report of an import: each refused file and why, the rest summed up."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)


class ImportReport(QDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("ImportReport")
        self.setWindowTitle(self.tr("Import report"))
        self.setModal(False)
        self.setWindowModality(Qt.WindowModality.NonModal)
        self.summary = QLabel(self)
        self.summary.setObjectName("ImportSummary")
        self.summary.setWordWrap(True)
        self.tree = QTreeWidget(self)
        self.tree.setObjectName("ImportRefused")
        self.tree.setAccessibleName(self.tr("Files that were not imported"))
        self.tree.setColumnCount(2)
        self.tree.setHeaderLabels([self.tr("File"), self.tr("Why it was not imported")])
        self.tree.setRootIsDecorated(False)
        self.tree.setWordWrap(True)
        self.tree.setAlternatingRowColors(True)
        self.tree.header().resizeSection(0, 220)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.close)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 14, 16, 12)
        layout.setSpacing(10)
        layout.addWidget(self.summary)
        layout.addWidget(self.tree, 1)
        layout.addWidget(buttons)
        self.resize(780, 320)

    def show_outcomes(self, outcomes: list) -> None:
        refused = [o for o in outcomes if o.status == "refused"]
        done = len(outcomes) - len(refused)
        self.summary.setText(
            self.tr("{0} file(s) imported or already in the library; {1} file(s) not imported:").format(done, len(refused))
        )
        self.tree.clear()
        for o in refused:
            item = QTreeWidgetItem([Path(o.path).name, o.reason])
            item.setToolTip(0, o.path)
            item.setToolTip(1, o.reason)
            self.tree.addTopLevelItem(item)
        self.show()
        self.raise_()

    def refused_files(self) -> list[tuple[str, str]]:
        return [
            (self.tree.topLevelItem(i).toolTip(0), self.tree.topLevelItem(i).text(1))
            for i in range(self.tree.topLevelItemCount())
        ]
