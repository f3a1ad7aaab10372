"""Help → About Glose: what it is, its version, where its data lives, and whose work it uses."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QIcon
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from desktop import __version__, config

# The libraries Glose ships and runs, with their licences (also in the standalone app).
CREDITS = (
    ("Qt 6 / PySide6", "LGPL 3"),
    ("Argos Translate", "MIT"),
    ("CTranslate2", "MIT"),
    ("SentencePiece", "Apache 2.0"),
    ("Whoosh", "BSD"),
    ("pypdf", "BSD"),
    ("python-docx", "MIT"),
    ("markdown-it-py", "MIT"),
    ("lxml", "BSD"),
    ("ftfy", "Apache 2.0"),
    ("NumPy", "BSD"),
)


def details(ctx) -> str:  # noqa: ANN001 - AppContext
    """Plain-text facts for a bug report: version, Qt, data and model folders."""
    from PySide6 import __version__ as pyside_version

    from desktop.translation.packages import packages_dir_or_default

    models = packages_dir_or_default(getattr(ctx, "packages_dir", None))
    return (
        f"Glose {__version__}\nQt for Python {pyside_version}\n"
        f"Library: {config.db_path(ctx.data_dir)}\nTranslation models: {models}"
    )


class AboutDialog(QDialog):
    def __init__(self, ctx, parent: QWidget | None = None) -> None:  # noqa: ANN001 - AppContext
        super().__init__(parent)
        self.setObjectName("AboutDialog")
        self.setWindowTitle(self.tr("About Glose"))
        icon = QLabel(self)
        icon.setPixmap(QIcon(str(config.resource_path("icons", "glose.png"))).pixmap(64, 64))
        title = QLabel(f"<b style='font-size:16pt'>Glose</b>&nbsp;&nbsp;{__version__}", self)
        title.setObjectName("AboutTitle")
        text = QLabel(
            self.tr(
                "French documents side by side with an English machine translation made on this "
                "computer. Nothing you read or write leaves it: translation, search, highlights and "
                "notes all work offline."
            ),
            self,
        )
        text.setWordWrap(True)
        credits = ", ".join(f"{name} ({licence})" for name, licence in CREDITS)
        uses = QLabel(self.tr("Glose is free software (MIT licence). It is built on: {0}.").format(credits), self)
        uses.setWordWrap(True)
        uses.setObjectName("hintLabel")
        self._details = details(ctx)
        facts = QLabel(self._details.replace("\n", "<br>"), self)
        facts.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        facts.setObjectName("AboutDetails")
        copy = QPushButton(self.tr("&Copy Details"), self)
        copy.setToolTip(self.tr("Copy the version and folders, to paste into a bug report"))
        copy.clicked.connect(self.copy_details)
        copy.setAutoDefault(False)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.button(QDialogButtonBox.StandardButton.Close).setDefault(True)
        buttons.addButton(copy, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        head = QHBoxLayout()
        head.addWidget(icon, 0, Qt.AlignmentFlag.AlignTop)
        column = QVBoxLayout()
        column.addWidget(title)
        column.addWidget(text)
        head.addLayout(column, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(head)
        layout.addSpacing(6)
        layout.addWidget(facts)
        layout.addWidget(uses)
        layout.addWidget(buttons)
        self.setMinimumWidth(520)

    def details_text(self) -> str:
        return self._details

    def copy_details(self) -> None:
        QGuiApplication.clipboard().setText(self._details)

