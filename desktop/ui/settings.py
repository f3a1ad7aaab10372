"""Persistent UI settings (QSettings in an INI file inside the data directory).

Keeping the file in the data directory means `--data-dir` / GLOSE_DATA_DIR isolate
settings too (tests never touch the user's real configuration).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QByteArray, QSettings

SETTINGS_FILENAME = "settings.ini"

DEFAULT_FONT_SIZE = 13
MIN_FONT_SIZE = 8
MAX_FONT_SIZE = 32


class Settings:
    """Typed access to QSettings; keys are "group/name" strings."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self.qsettings = QSettings(str(self.path), QSettings.Format.IniFormat)

    @classmethod
    def for_data_dir(cls, data_dir: Path) -> Settings:
        return cls(Path(data_dir) / SETTINGS_FILENAME)

    def get(self, key: str, default: Any = None) -> Any:
        return self.qsettings.value(key, default)

    def get_str(self, key: str, default: str = "") -> str:
        value = self.qsettings.value(key, default)
        return default if value is None else str(value)

    def get_int(self, key: str, default: int = 0) -> int:
        try:
            return int(self.qsettings.value(key, default))
        except (TypeError, ValueError):
            return default

    def get_float(self, key: str, default: float = 0.0) -> float:
        try:
            return float(self.qsettings.value(key, default))
        except (TypeError, ValueError):
            return default

    def get_bool(self, key: str, default: bool = False) -> bool:
        value = self.qsettings.value(key, default)
        if isinstance(value, str):
            return value.lower() in ("1", "true", "yes", "on")
        return bool(value)

    def get_bytes(self, key: str) -> QByteArray | None:
        value = self.qsettings.value(key)
        return value if isinstance(value, QByteArray) else None

    def set(self, key: str, value: Any) -> None:
        self.qsettings.setValue(key, value)

    def remove(self, key: str) -> None:
        self.qsettings.remove(key)

    def sync(self) -> None:
        self.qsettings.sync()

    # Shared keys, named once so panels and shell agree.
    @property
    def theme(self) -> str:
        return self.get_str("ui/theme", "system")

    @property
    def font_size(self) -> int:
        return max(MIN_FONT_SIZE, min(MAX_FONT_SIZE, self.get_int("reader/font_size", DEFAULT_FONT_SIZE)))

    @property
    def reader_font(self) -> str:
        return self.get_str("reader/font_family", "")

    @property
    def french_left(self) -> bool:
        return self.get_bool("reader/french_left", True)

    @property
    def ui_language(self) -> str:
        return self.get_str("ui/language", "")  # "" = follow the system locale
