"""A non-modal report of an import: per file what was found (headings, lists, tables) and
warnings where extraction is doubtful, each refused file and why."""

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
        self.tree.setAccessibleName(self.tr("What each file gave"))
        self.tree.setColumnCount(2)
        self.tree.setHeaderLabels([self.tr("File"), self.tr("Result")])
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

    def _result(self, o) -> str:  # noqa: ANN001 - an ImportOutcome
        if o.status == "refused":
            return self.tr("Not imported: {0}").format(o.reason)
        if o.status == "cancelled":
            return self.tr("Not imported: the import was cancelled")
        if o.status == "unchanged":
            return self.tr("Already in the library")
        return self.tr("Imported: {0}").format(o.found) if o.found else self.tr("Imported")

    def show_outcomes(self, outcomes: list) -> None:
        refused = [o for o in outcomes if o.status in ("refused", "cancelled")]
        done = len(outcomes) - len(refused)
        self.summary.setText(
            self.tr("{0} file(s) imported or already in the library; {1} file(s) not imported:").format(done, len(refused))
        )
        self.tree.clear()
        # Files not imported first, then those with warnings, then the rest.
        for o in sorted(outcomes, key=lambda o: (o.status not in ("refused", "cancelled"), not o.warnings)):
            item = QTreeWidgetItem([Path(o.path).name, self._result(o)])
            item.setData(0, Qt.ItemDataRole.UserRole, o.status)
            item.setToolTip(0, o.path)
            item.setToolTip(1, o.reason or o.found)
            for warning in o.warnings:
                child = QTreeWidgetItem(["", self.tr("Warning: {0}").format(warning)])
                child.setToolTip(1, warning)
                item.addChild(child)
            self.tree.addTopLevelItem(item)
            item.setExpanded(True)
        self.tree.setRootIsDecorated(any(o.warnings for o in outcomes))
        self.show()
        self.raise_()

    def refused_files(self) -> list[tuple[str, str]]:
        items = [self.tree.topLevelItem(i) for i in range(self.tree.topLevelItemCount())]
        return [
            (item.toolTip(0), item.toolTip(1)) for item in items
            if item.data(0, Qt.ItemDataRole.UserRole) in ("refused", "cancelled")
        ]
