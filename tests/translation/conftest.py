"""Fixtures for the translation tests: small documents, a network guard."""

from __future__ import annotations

import socket
import sqlite3
from collections.abc import Callable

import pytest

from desktop.library import store as library
from desktop.library.models import Block, Document
from desktop.library.segmentation import split_sentences


@pytest.fixture
def make_doc(conn: sqlite3.Connection) -> Callable[..., Document]:
    """Save a document made of the given paragraphs; returns it as loaded from the store."""
    counter = iter(range(1_000_000))

    def make(paragraphs: list[str], title: str = "doc") -> Document:
        lay = library.layout([Block("paragraph", p) for p in paragraphs], split_sentences)
        n = next(counter)
        doc_id = library.save_document(
            conn, title=f"{title}-{n}", fmt="txt", language="fr", content_hash=f"hash-{title}-{n}", lay=lay
        )
        return library.get_document(conn, doc_id)

    return make


@pytest.fixture
def no_network(monkeypatch: pytest.MonkeyPatch) -> None:
    """Any attempt to open a socket fails the test."""

    def refuse(*args, **kwargs):
        raise AssertionError("a socket was opened: translation must be offline")

    monkeypatch.setattr(socket, "socket", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)
