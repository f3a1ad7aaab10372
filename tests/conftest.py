"""Session-wide test setup: a temporary data directory, never the real home."""

from __future__ import annotations

import os
import sqlite3
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

# Before anything imports desktop.config or argostranslate: point every data
# location at a throwaway folder so no test can touch the user's real files.
_SESSION_HOME = Path(tempfile.mkdtemp(prefix="glose-tests-"))
os.environ["GLOSE_DATA_DIR"] = str(_SESSION_HOME / "data")
os.environ["ARGOS_PACKAGES_DIR"] = str(_SESSION_HOME / "argos-packages")
os.environ["XDG_DATA_HOME"] = str(_SESSION_HOME / "xdg-data")
os.environ["XDG_CONFIG_HOME"] = str(_SESSION_HOME / "xdg-config")
os.environ["XDG_CACHE_HOME"] = str(_SESSION_HOME / "xdg-cache")
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ["PYTHON_KEYRING_BACKEND"] = "keyring.backends.null.Keyring"  # never the user's keyring

REPO = Path(__file__).resolve().parent.parent
SEEDS = REPO / "seeds"


@pytest.fixture
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty data directory, also set as GLOSE_DATA_DIR for code that reads it."""
    path = tmp_path / "glose-data"
    path.mkdir()
    monkeypatch.setenv("GLOSE_DATA_DIR", str(path))
    return path


@pytest.fixture
def conn(data_dir: Path) -> Iterator[sqlite3.Connection]:
    """The library database of `data_dir`, schema up to date."""
    from desktop.library.db import open_library

    connection = open_library(data_dir)
    yield connection
    connection.close()


@pytest.fixture
def seeds_dir() -> Path:
    return SEEDS


@pytest.fixture
def seeded(conn: sqlite3.Connection, data_dir: Path) -> sqlite3.Connection:
    """A library holding the five seed documents."""
    from desktop import config, operations

    outcomes = operations.import_files(conn, data_dir, [SEEDS], max_bytes=config.max_import_bytes())
    assert [o.status for o in outcomes] == ["imported"] * 5, outcomes
    return conn


@pytest.fixture(scope="session")
def tiny_model_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A real fr→en .argosmodel with random weights (tests/tiny_model.py), built once per session."""
    from tests.tiny_model import build_package

    return build_package(tmp_path_factory.mktemp("tiny-model") / "translate-fr_en-1_0.argosmodel")


@pytest.fixture
def installed_tiny_model(tiny_model_file: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """The tiny model installed into a per-test ARGOS_PACKAGES_DIR; returns its ModelInfo.

    Glose reads ARGOS_PACKAGES_DIR at call time; code may also pass `model.path.parent`.
    """
    from desktop.translation.packages import install_model_file

    packages = tmp_path / "argos-packages"
    monkeypatch.setenv("ARGOS_PACKAGES_DIR", str(packages))
    return install_model_file(tiny_model_file, packages)


@pytest.fixture(scope="session")
def short_model_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The tiny model with a 64-token position limit (real Argos models have 512 or so):
    a 3,000-character sentence is ~1,000 of its tokens, so it must be split to translate."""
    from tests.tiny_model import ModelShape, build_package

    shape = ModelShape(max_positions=64)
    return build_package(tmp_path_factory.mktemp("short-model") / "translate-fr_en-1_0.argosmodel", shape=shape)


@pytest.fixture
def installed_short_model(short_model_file: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """`short_model_file` installed like `installed_tiny_model`."""
    from desktop.translation.packages import install_model_file

    packages = tmp_path / "argos-packages"
    monkeypatch.setenv("ARGOS_PACKAGES_DIR", str(packages))
    return install_model_file(short_model_file, packages)
