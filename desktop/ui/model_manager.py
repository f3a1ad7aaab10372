"""The translation model manager (Tools → Translation models…) and the first-start banner.

Installing, downloading and removing run off the UI thread through the app's TaskRunner;
the dialog only lists what `desktop.translation.packages` reports and shows one clear
message when something fails.
"""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QLocale, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QSizePolicy,
    QToolButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.translation import packages
from desktop.ui.panel_style import apply_panel_style


class DownloadCancelled(Exception):
    """The user pressed Cancel during a download; the partial file is kept for resuming."""


def human_size(size: int) -> str:
    value = float(size)
    for unit in ("B", "KB", "MB", "GB"):
        if value < 1024 or unit == "GB":
            return f"{value:.0f} {unit}" if unit in ("B", "KB") else f"{value:.1f} {unit}"
        value /= 1024
    return f"{size} B"


def language_name(code: str) -> str:
    """The language's name in the UI language (English or French)."""
    names = {
        "fr": QCoreApplication.translate("ModelManagerDialog", "French"),
        "en": QCoreApplication.translate("ModelManagerDialog", "English"),
    }
    if code in names:
        return names[code]
    locale = QLocale(code)
    if locale.language() == QLocale.Language.C:
        return code
    return QLocale.languageToString(locale.language())


def error_text(error: Any) -> str:
    """One readable message from whatever the task runner reports."""
    text = (str(error) or type(error).__name__) if isinstance(error, BaseException) else str(error)
    return text[:1].upper() + text[1:]


def has_fr_en_model(packages_dir: Path | None) -> bool:
    return packages.find_model("fr", "en", packages_dir) is not None


def _install_job(path: str, packages_dir: Path | None) -> packages.InstallOutcome:
    return packages.install_model(Path(path), packages_dir)


def _download_job(
    from_code: str,
    to_code: str,
    packages_dir: Path | None,
    index_url: str | None,
    progress: Any = None,
    cancel: threading.Event | None = None,
) -> packages.InstallOutcome:
    def report(done: int, total: int, label: str) -> None:
        # Raising here stops the transfer; the .part file stays so a retry resumes.
        if cancel is not None and cancel.is_set():
            raise DownloadCancelled()
        if progress is not None:
            progress(done, total, label)

    try:
        return packages.download_model(
            from_code, to_code, progress=report, packages_dir=packages_dir, index_url=index_url
        )
    except DownloadCancelled:
        raise DownloadCancelled("download cancelled; start it again to resume") from None


def _remove_job(name: str, packages_dir: Path | None) -> list[packages.ModelInfo]:
    return packages.remove_model(name, packages_dir)


class ModelManagerDialog(QDialog):
    """Installed models with pair, version and size; install, download, remove."""

    modelsChanged = Signal()

    def __init__(self, ctx: Any, parent: QWidget | None = None, index_url: str | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.index_url = index_url
        self._task: Any = None
        self.setObjectName("modelManager")
        self.setWindowTitle(self.tr("Translation models"))
        self.setMinimumSize(620, 380)

        intro = QLabel(
            self.tr(
                "Glose translates on this computer with Argos Translate models. Install a "
                "French → English model from a file (no internet needed), or download it."
            )
        )
        intro.setWordWrap(True)
        intro.setObjectName("dialogIntro")

        self.table = QTreeWidget()
        self.table.setAccessibleName(self.tr("Installed models"))
        self.table.setRootIsDecorated(False)
        self.table.setAlternatingRowColors(True)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setHeaderLabels([self.tr("Languages"), self.tr("Package"), self.tr("Version"), self.tr("Size")])
        header = self.table.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for col in (1, 2, 3):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)
        self.table.itemSelectionChanged.connect(self._update_buttons)

        self.empty_label = QLabel(self.tr("No translation model is installed yet."))
        self.empty_label.setObjectName("placeholder")
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)

        self.install_button = QPushButton(self.tr("Install from file…"))
        self.install_button.setAccessibleName(self.tr("Install a model from a file"))
        self.install_button.clicked.connect(self.choose_file)
        self.download_button = QPushButton(self.tr("Download French → English"))
        self.download_button.setAccessibleName(self.tr("Download the French to English model"))
        self.download_button.setToolTip(self.tr("Needs an internet connection"))
        self.download_button.clicked.connect(lambda: self.download("fr", "en"))
        self.remove_button = QPushButton(self.tr("Remove…"))
        self.remove_button.setAccessibleName(self.tr("Remove the selected model"))
        self.remove_button.clicked.connect(lambda: self.remove_selected(confirm=True))

        actions = QHBoxLayout()
        actions.addWidget(self.install_button)
        actions.addWidget(self.download_button)
        actions.addStretch(1)
        actions.addWidget(self.remove_button)

        self.progress = QProgressBar()
        self.progress.setAccessibleName(self.tr("Progress"))
        self.progress.setTextVisible(False)
        self.progress.setMaximumHeight(8)
        self.progress_label = QLabel()
        self.cancel_button = QPushButton(self.tr("Cancel"))
        self.cancel_button.setAccessibleName(self.tr("Cancel the download"))
        self.cancel_button.clicked.connect(self.cancel)
        progress_row = QHBoxLayout()
        progress_col = QVBoxLayout()
        progress_col.addWidget(self.progress_label)
        progress_col.addWidget(self.progress)
        progress_row.addLayout(progress_col, 1)
        progress_row.addWidget(self.cancel_button)
        self.progress_box = QWidget()
        self.progress_box.setLayout(progress_row)
        self.progress_box.hide()

        self.message = QLabel()
        self.message.setObjectName("messageLabel")
        self.message.setWordWrap(True)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.message.hide()

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText(self.tr("Close"))

        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 18, 20, 16)
        layout.setSpacing(12)
        layout.addWidget(intro)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.empty_label)
        layout.addLayout(actions)
        layout.addWidget(self.progress_box)
        layout.addWidget(self.message)
        layout.addWidget(buttons)
        apply_panel_style(self)
        self.refresh()

    # -- state ------------------------------------------------------------------------

    @property
    def packages_dir(self) -> Path | None:
        return getattr(self.ctx, "packages_dir", None)

    def busy(self) -> bool:
        return self._task is not None

    def refresh(self) -> None:
        """Re-read the package directory (a directory listing: fast enough for the UI thread)."""
        self.table.clear()
        try:
            models = packages.installed_models(self.packages_dir)
        except OSError as exc:
            models = []
            self.show_message(self.tr("Cannot read the model folder: %1").replace("%1", str(exc)), error=True)
        for m in models:
            item = QTreeWidgetItem(
                [
                    f"{language_name(m.from_code)} → {language_name(m.to_code)}",
                    m.name,
                    m.version,
                    human_size(m.size_bytes),
                ]
            )
            item.setData(0, Qt.ItemDataRole.UserRole, m.model_id)
            item.setToolTip(1, str(m.path))
            item.setTextAlignment(3, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            self.table.addTopLevelItem(item)
        self.table.setVisible(bool(models))
        self.empty_label.setVisible(not models)
        if models:
            self.table.setCurrentItem(self.table.topLevelItem(0))
        self._update_buttons()

    def installed_ids(self) -> list[str]:
        return [
            self.table.topLevelItem(i).data(0, Qt.ItemDataRole.UserRole) for i in range(self.table.topLevelItemCount())
        ]

    def _update_buttons(self) -> None:
        idle = not self.busy()
        self.install_button.setEnabled(idle)
        self.download_button.setEnabled(idle)
        self.remove_button.setEnabled(idle and self.table.currentItem() is not None)

    def show_message(self, text: str, *, error: bool = False) -> None:
        self.message.setProperty("error", error)
        self.message.style().unpolish(self.message)
        self.message.style().polish(self.message)
        self.message.setText(text)
        self.message.setVisible(bool(text))

    def _start(self, label: str, *, cancellable: bool) -> None:
        self.show_message("")
        self.progress_label.setText(label)
        self.progress.setRange(0, 0)  # busy until the first progress report
        self.cancel_button.setVisible(cancellable)
        self.cancel_button.setEnabled(True)
        self.progress_box.show()

    def _finish(self) -> None:
        self._task = None
        self.progress_box.hide()
        self._update_buttons()

    def _failed(self, error: Any) -> None:
        self._finish()
        self.show_message(error_text(error), error=True)

    # -- install ----------------------------------------------------------------------

    def choose_file(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self,
            self.tr("Install a translation model"),
            str(Path.home()),
            self.tr("Argos Translate models (*.argosmodel);;All files (*)"),
        )
        if path:
            self.install_from_path(path)

    def install_from_path(self, path: str | Path) -> None:
        """Validate and install a .argosmodel in the background."""
        if self.busy():
            return
        name = Path(path).name
        self._start(self.tr("Installing %1…").replace("%1", name), cancellable=False)
        self._task = self.ctx.tasks.run(
            _install_job, str(path), self.packages_dir, on_result=self._installed, on_error=self._failed
        )
        self._update_buttons()

    def _installed(self, outcome: packages.InstallOutcome) -> None:
        self._finish()
        self.refresh()
        m = outcome.model
        pair = f"{language_name(m.from_code)} → {language_name(m.to_code)}"
        if outcome.action == "unchanged":
            text = self.tr("%1 %2 was already installed.").replace("%1", pair).replace("%2", m.version)
        elif outcome.action == "upgraded":
            text = self.tr("%1 upgraded to version %2.").replace("%1", pair).replace("%2", m.version)
        else:
            text = self.tr("%1 %2 installed. Documents will now be translated.").replace("%1", pair).replace(
                "%2", m.version
            )
        self.show_message(text)
        self.modelsChanged.emit()

    # -- download ---------------------------------------------------------------------

    def download(self, from_code: str = "fr", to_code: str = "en") -> None:
        """Fetch the index and the newest model for the pair, with progress and cancel."""
        if self.busy():
            return
        pair = f"{language_name(from_code)} → {language_name(to_code)}"
        self._start(self.tr("Downloading %1…").replace("%1", pair), cancellable=True)
        self._task = self.ctx.tasks.run(
            _download_job,
            from_code,
            to_code,
            self.packages_dir,
            self.index_url,
            on_result=self._installed,
            on_error=self._failed,
            on_progress=self._progress,
        )
        self._update_buttons()

    def _progress(self, done: int, total: int, label: str) -> None:
        if total > 0:
            self.progress.setRange(0, 1000)
            self.progress.setValue(int(1000 * done / total))
            self.progress_label.setText(f"{label} — {human_size(done)} / {human_size(total)}")

    def cancel(self) -> None:
        if self._task is not None:
            self.cancel_button.setEnabled(False)
            self.progress_label.setText(self.tr("Cancelling…"))
            self._task.cancel()

    # -- remove -----------------------------------------------------------------------

    def selected_model_id(self) -> str | None:
        item = self.table.currentItem()
        return item.data(0, Qt.ItemDataRole.UserRole) if item is not None else None

    def remove_selected(self, confirm: bool = True) -> None:
        model_id = self.selected_model_id()
        if model_id is None or self.busy():
            return
        if confirm:
            answer = QMessageBox.question(
                self,
                self.tr("Remove model"),
                self.tr(
                    "Remove %1? Translations already shown stay in the library; new text will not "
                    "be translated until a model is installed again."
                ).replace("%1", model_id),
                QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
                QMessageBox.StandardButton.Cancel,
            )
            if answer != QMessageBox.StandardButton.Yes:
                return
        self.remove_model(model_id)

    def remove_model(self, model_id: str) -> None:
        self._start(self.tr("Removing %1…").replace("%1", model_id), cancellable=False)
        self._task = self.ctx.tasks.run(
            _remove_job, model_id, self.packages_dir, on_result=self._removed, on_error=self._failed
        )
        self._update_buttons()

    def _removed(self, removed: list[packages.ModelInfo]) -> None:
        self._finish()
        self.refresh()
        self.show_message(self.tr("Removed %1.").replace("%1", ", ".join(m.model_id for m in removed)))
        self.modelsChanged.emit()


class ModelBanner(QFrame):
    """A quiet, dismissable strip above the reader when no French → English model is installed."""

    installFileRequested = Signal()
    downloadRequested = Signal()
    dismissed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("modelBanner")
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setAccessibleName(self.tr("No translation model"))
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)

        title = QLabel(self.tr("No French → English model yet"))
        title.setObjectName("bannerTitle")
        body = QLabel(
            self.tr(
                "You can read the French now. To see the English side, install a model from a "
                "file (works offline) or download one (about 100 MB)."
            )
        )
        body.setWordWrap(True)
        body.setObjectName("bannerBody")
        text = QVBoxLayout()
        text.setSpacing(2)
        text.addWidget(title)
        text.addWidget(body)

        self.install_button = QPushButton(self.tr("Install from file…"))
        self.install_button.setAccessibleName(self.tr("Install a model from a file"))
        self.install_button.clicked.connect(self.installFileRequested)
        self.download_button = QPushButton(self.tr("Download"))
        self.download_button.setObjectName("bannerPrimary")
        self.download_button.setAccessibleName(self.tr("Download the French to English model"))
        self.download_button.clicked.connect(self.downloadRequested)
        self.close_button = QToolButton()
        self.close_button.setText("✕")
        self.close_button.setAutoRaise(True)
        self.close_button.setToolTip(self.tr("Hide until next start"))
        self.close_button.setAccessibleName(self.tr("Hide the banner"))
        self.close_button.clicked.connect(self._dismiss)

        layout = QHBoxLayout(self)
        layout.setContentsMargins(16, 10, 10, 10)
        layout.setSpacing(12)
        layout.addLayout(text, 1)
        layout.addWidget(self.install_button, 0, Qt.AlignmentFlag.AlignVCenter)
        layout.addWidget(self.download_button, 0, Qt.AlignmentFlag.AlignVCenter)
        layout.addWidget(self.close_button, 0, Qt.AlignmentFlag.AlignTop)
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        apply_panel_style(self)

    def _dismiss(self) -> None:
        self.hide()
        self.dismissed.emit()

    def update_for(self, packages_dir: Path | None, data_dir: Path | None = None) -> bool:
        """Show the banner if no fr→en model is installed (and no translation server is set);
        returns whether it is shown."""
        missing = not has_fr_en_model(packages_dir) and not _server_set(data_dir)
        self.setVisible(missing)
        return missing


def _server_set(data_dir: Path | None) -> bool:
    """A LibreTranslate server translates (Preferences ▸ Translation)."""
    if data_dir is None:
        return False
    from desktop.translation.server_config import ConfigError, load_config

    try:
        return load_config(data_dir).enabled
    except ConfigError:
        return False
