"""What the fuzz tests run, in the worker's forked children (tests/fuzz/worker.py).

Each target takes a payload (bytes and a little context), works in a fresh library in a
temporary folder, and returns a short word for what happened: a clean refusal is as good as
an import (it is the message a user gets); anything raised is what the fuzz test hunts.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path


def _workdir() -> tempfile.TemporaryDirectory:
    return tempfile.TemporaryDirectory(prefix="case-", dir=os.environ.get("GLOSE_FUZZ_TMP"))


def _library(tmp: str):
    from desktop.library.db import open_library

    folder = Path(tmp) / "library"
    folder.mkdir()
    return open_library(folder)


def import_target(payload: tuple[str, bytes]) -> str:
    """A file of any supported type, imported as `glose import` does."""
    from desktop import config
    from desktop.library.importer import import_file

    suffix, data = payload
    with _workdir() as tmp:
        path = Path(tmp) / f"document{suffix}"
        path.write_bytes(data)
        conn = _library(tmp)
        try:
            outcome = import_file(conn, path, max_bytes=config.max_import_bytes())
        finally:
            conn.close()
    return outcome.status


_DOC = [
    "Le partenariat mondial sur les migrations réunit les États membres.",
    "La coopération régionale progresse en Asie du Sud-Est.",
]


def jsonld_target(data: bytes) -> str:
    """A notes file read and imported as `glose notes import FILE` does."""
    from desktop.annotations import jsonld
    from desktop.library import store
    from desktop.library.models import PARAGRAPH, Block
    from desktop.library.segmentation import split_sentences

    with _workdir() as tmp:
        conn = _library(tmp)
        try:
            lay = store.layout([Block(PARAGRAPH, p) for p in _DOC], split_sentences)
            store.save_document(conn, title="Migrations", fmt="txt", language="fr", content_hash="hash-1", lay=lay)
            path = Path(tmp) / "notes.jsonld"
            path.write_bytes(data)
            try:
                report = jsonld.import_jsonld(conn, jsonld.read_file(path))
            except ValueError:
                return "refused"
        finally:
            conn.close()
    return f"added {report.added}" if report.added else "nothing added"


def model_target(data: bytes) -> str:
    """A .argosmodel installed as `glose models install FILE` does."""
    from desktop.translation.packages import ModelError, install_model

    with _workdir() as tmp:
        path = Path(tmp) / "model.argosmodel"
        path.write_bytes(data)
        try:
            return install_model(path, Path(tmp) / "packages").action
        except ModelError:
            return "refused"


TARGETS = {"import": import_target, "jsonld": jsonld_target, "model": model_target}


def warm_up() -> None:
    """Import what the targets use before forking (each case then starts at once)."""
    import ctranslate2  # noqa: F401
    import sentencepiece  # noqa: F401

    from desktop.annotations import jsonld  # noqa: F401
    from desktop.library import importer  # noqa: F401
    from desktop.library.importers import load_document_bytes  # noqa: F401
    from desktop.translation import packages  # noqa: F401
