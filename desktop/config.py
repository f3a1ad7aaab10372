"""Where Glose keeps its data and finds its resources.

The data directory is, in order of precedence: the `--data-dir` option, the
`GLOSE_DATA_DIR` environment variable, then the platform's user data folder.
Resources are looked up beside the package, or inside a PyInstaller bundle.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

APP_NAME = "Glose"
DB_FILENAME = "glose.db"
INDEX_DIRNAME = "index"
BACKUP_DIRNAME = "backups"
DEFAULT_MAX_IMPORT_BYTES = 50 * 1024 * 1024


def data_dir(override: str | os.PathLike[str] | None = None) -> Path:
    """The data directory, created if missing."""
    if override:
        path = Path(override)
    elif os.environ.get("GLOSE_DATA_DIR"):
        path = Path(os.environ["GLOSE_DATA_DIR"])
    else:
        import platformdirs  # imported late: only needed for the real home

        path = Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))
    path = path.expanduser().resolve()
    path.mkdir(parents=True, exist_ok=True)
    return path


def db_path(data: Path) -> Path:
    return data / DB_FILENAME


def index_path(data: Path) -> Path:
    return data / INDEX_DIRNAME


def backup_dir(data: Path) -> Path:
    return data / BACKUP_DIRNAME


def _root() -> Path:
    # In a PyInstaller bundle, data files live under sys._MEIPASS.
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle:
        return Path(bundle)
    return Path(__file__).resolve().parent.parent


def resource_path(*parts: str) -> Path:
    """A file under `resources/` (icons, translations, styles, glossary)."""
    return _root().joinpath("resources", *parts)


def seeds_dir() -> Path:
    """The French documents a new user's library starts with."""
    return _root() / "seeds"


def max_import_bytes() -> int:
    """Import size limit; `GLOSE_MAX_IMPORT_MB` raises or lowers it."""
    value = os.environ.get("GLOSE_MAX_IMPORT_MB")
    if value:
        try:
            return int(float(value) * 1024 * 1024)
        except ValueError:
            pass
    return DEFAULT_MAX_IMPORT_BYTES
