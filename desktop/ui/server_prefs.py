"""Preferences ▸ Translation: this computer only, or a shared LibreTranslate server.

Saved to translation-server.json (the CLI reads the same file); the API key goes to the
system keyring, else to a file only the user can read. "Test the server" asks it for its
languages and limits and translates one word, in a worker.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QSpinBox,
    QWidget,
)

from desktop.translation.server_config import ConfigError, ServerConfig, load_config, normalise_url, set_server


def check_server(config: ServerConfig, api_key: str | None, data_dir) -> tuple[str, int | None]:
    """Worker: the server's language pairs and character limit, after translating one word
    with the key (raises BackendUnavailable or ConfigError with what is wrong)."""
    from desktop.translation.backends import server_backend
    from desktop.translation.server_config import api_key_for

    key = api_key if api_key is not None else api_key_for(data_dir, config)
    backend = server_backend(config, key)
    backend.forget_server()
    info = backend.connect()
    [result] = backend.submit(["Bonjour."])()
    if result.failed:
        raise ConfigError(result.error)
    return ", ".join(f"{a}→{b}" for a, b in sorted(info.pairs) if a != b), info.char_limit


class ServerPreferences(QGroupBox):
    """The Translation group of the Preferences dialog."""

    changed = Signal()  # saved a different backend: jobs must use the new one

    def __init__(self, ctx: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("Translation"))
        self.ctx = ctx
        try:
            self.config = load_config(ctx.data_dir)
            problem = ""
        except ConfigError as exc:
            self.config, problem = ServerConfig(), str(exc)
        self.local = QRadioButton(self.tr("On this computer only (nothing is sent anywhere)"))
        self.server = QRadioButton(self.tr("Through a LibreTranslate server"))
        self.server.setToolTip(self.tr("When the server cannot be reached, this computer's model stands in until it is back."))
        self.server.setObjectName("useServer")
        group = QButtonGroup(self)
        group.addButton(self.local)
        group.addButton(self.server)
        (self.server if self.config.enabled else self.local).setChecked(True)
        self.url = QLineEdit(self.config.url)
        self.url.setObjectName("serverUrl")
        self.url.setPlaceholderText("http://translate.office.lan:5000")
        self.url.setAccessibleName(self.tr("Server address"))
        self.key = QLineEdit()
        self.key.setObjectName("serverKey")
        self.key.setEchoMode(QLineEdit.EchoMode.Password)
        self.key.setAccessibleName(self.tr("API key"))
        stored = {"keyring": self.tr("stored in the system keyring"), "file": self.tr("stored in a file only you can read")}
        self.key.setPlaceholderText(stored.get(self.config.key_store, self.tr("none (leave empty if the server needs none)")))
        self.forget_key = QCheckBox(self.tr("Forget the stored key"))
        self.forget_key.setVisible(bool(self.config.key_store))
        self.concurrency = QSpinBox()
        self.concurrency.setRange(1, 32)
        self.concurrency.setValue(self.config.concurrency)
        self.concurrency.setAccessibleName(self.tr("Requests at once"))
        self.suggest = QCheckBox(self.tr("Send my corrections to the server"))
        self.suggest.setToolTip(self.tr("Your corrected translations go to the server's /suggest, where its operator can use them."))
        self.suggest.setChecked(self.config.suggest)
        self.test = QPushButton(self.tr("Test the server"))
        self.test.setObjectName("testServer")
        self.test.clicked.connect(self.run_test)
        self.result = QLabel(problem)
        self.result.setObjectName("serverTestResult")
        self.result.setWordWrap(True)

        form = QFormLayout(self)
        form.addRow(self.local)
        form.addRow(self.server)
        form.addRow(self.tr("&Address:"), self.url)
        form.addRow(self.tr("API &key:"), self.key)
        form.addRow("", self.forget_key)
        form.addRow(self.tr("&Requests at once:"), self.concurrency)
        form.addRow("", self.suggest)
        test_row = QWidget()
        row = QHBoxLayout(test_row)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.test)
        row.addWidget(self.result, 1)
        form.addRow("", test_row)
        self._server_widgets = [self.url, self.key, self.forget_key, self.concurrency, self.suggest, self.test]
        self.server.toggled.connect(self._enable)
        self._enable(self.server.isChecked())

    def _enable(self, on: bool) -> None:
        for w in self._server_widgets:
            w.setEnabled(on)

    def wanted(self) -> ServerConfig:
        """The choice on screen; raises ConfigError for an unusable address."""
        if not self.server.isChecked():
            return ServerConfig()
        return ServerConfig(
            url=normalise_url(self.url.text()),
            concurrency=self.concurrency.value(),
            timeout=self.config.timeout,
            suggest=self.suggest.isChecked(),
            extra=self.config.extra,
        )

    def validate(self) -> bool:
        """Show why the choice cannot be saved; True when it can."""
        try:
            self.wanted()
        except ConfigError as exc:
            self.result.setText(str(exc))
            self.url.setFocus()
            return False
        return True

    def run_test(self) -> None:
        try:
            config = self.wanted()
        except ConfigError as exc:
            self.result.setText(str(exc))
            return
        if not config.enabled:
            return
        self.result.setText(self.tr("Asking the server…"))
        self.test.setEnabled(False)
        key = self.key.text().strip() or None
        self.ctx.tasks.run(
            check_server,
            config,
            key,
            self.ctx.data_dir,
            on_result=self._report,
            on_error=lambda exc: self._tested(str(exc)),
            name="test translation server",
            context=self,
        )

    def _report(self, found: tuple[str, int | None]) -> None:
        pairs, limit = found
        limit_text = self.tr("{0} characters per sentence").format(limit) if limit else self.tr("no character limit")
        self._tested(self.tr("Works: {0}; {1}").format(pairs, limit_text))

    def _tested(self, text: str) -> None:
        self.result.setText(text)
        self.test.setEnabled(self.server.isChecked())

    def apply(self) -> None:
        """Save the choice (call validate() first)."""
        config = self.wanted()
        key_text = self.key.text().strip()
        key = key_text if key_text else ("" if self.forget_key.isChecked() or not config.enabled else None)
        before = self.config
        saved = set_server(self.ctx.data_dir, config, key)
        if (saved.url, saved.concurrency, saved.key_store) != (before.url, before.concurrency, before.key_store) or key_text:
            from desktop.translation.backends import forget_servers

            forget_servers()
            self.changed.emit()
        self.config = saved
