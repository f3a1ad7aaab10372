"""Choosing the backend: without a configured server Glose sends nothing anywhere."""

from __future__ import annotations

from desktop.translation import jobs
from desktop.translation.backends import make_backend, preferred_model_id, translation_makers
from desktop.translation.engine import Engine
from desktop.translation.server_config import ServerConfig, set_server


def test_no_server_set_means_the_local_model_and_no_socket(conn, data_dir, make_doc, installed_tiny_model, no_network) -> None:
    backend = make_backend(data_dir, installed_tiny_model.path.parent)
    assert isinstance(backend, Engine)
    doc = make_doc(["Première phrase. Deuxième phrase."])
    assert jobs.translate_document(conn, doc.id, backend).translated == 2
    assert preferred_model_id(data_dir, installed_tiny_model.path.parent) == installed_tiny_model.model_id


def test_without_model_or_server_there_is_no_backend(data_dir, tmp_path) -> None:
    assert make_backend(data_dir, tmp_path / "empty") is None


def test_a_set_server_is_preferred_without_asking_it(data_dir, installed_tiny_model, no_network) -> None:
    set_server(data_dir, ServerConfig(url="http://translate.office.lan:5000"), None)
    assert preferred_model_id(data_dir, installed_tiny_model.path.parent) == "libretranslate:translate.office.lan:5000/fr-en"
    backend = make_backend(data_dir, installed_tiny_model.path.parent)  # builds, sends nothing yet
    assert backend.model_id == "libretranslate:translate.office.lan:5000/fr-en"
    assert backend.fallback.model_id == installed_tiny_model.model_id


def test_makers_are_named_with_their_share() -> None:
    parts = translation_makers({"libretranslate:lt:5000/fr-en": 3, "translate-fr_en@1.9": 1})
    assert parts == [("server", "lt:5000", 75), ("local", "translate-fr_en@1.9", 25)]
