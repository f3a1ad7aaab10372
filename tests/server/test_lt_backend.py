"""LibreTranslateBackend against a real LibreTranslate server: what it stores is what the
server says, within the server's limits, and the server never reaches for the internet."""

from __future__ import annotations

import math
import time

import pytest
import requests

from desktop.library import store as library
from desktop.translation import jobs
from desktop.translation.backends import make_backend
from desktop.translation.lt_backend import LibreTranslateBackend, pieces
from desktop.translation.lt_client import LibreTranslateClient, ServerUnavailable
from desktop.translation.server_config import ServerConfig
from tests.server.conftest import BATCH_LIMIT, CHAR_LIMIT


def server_says(url: str, text: str) -> str:
    """One sentence sent alone, as a plain string (not a list): the server's own answer."""
    r = requests.post(url + "/translate", json={"q": text, "source": "fr", "target": "en", "format": "text"}, timeout=60)
    r.raise_for_status()
    return r.json()["translatedText"]


def mt_rows(conn) -> list[tuple[str, str, str]]:
    return conn.execute("SELECT model, source_hash, translation FROM mt_cache ORDER BY source_hash").fetchall()


def biggest_seed(conn):
    docs = [library.get_document(conn, d.id) for d in library.list_documents(conn)]
    return max(docs, key=lambda d: len(d.sentences))


def test_a_document_through_the_server_is_what_the_server_says_sentence_by_sentence(seeded, data_dir, lt_server, proxy_trap) -> None:
    conn = seeded
    backend = make_backend(data_dir, config=ServerConfig(url=lt_server.url))
    assert backend.fallback is None  # no local model here: the server alone
    doc = biggest_seed(conn)
    result = jobs.translate_document(conn, doc.id, backend)
    distinct = {s.source_hash: doc.sentence_text(s) for s in doc.sentences}
    assert not result.cancelled and result.translated + result.already == len(doc.sentences)
    rows = mt_rows(conn)
    assert {m for m, _, _ in rows} == {f"libretranslate:127.0.0.1:{lt_server.port}/fr-en"}
    assert {h for _, h, _ in rows} == set(distinct)
    for _, h, translation in rows:
        assert translation == server_says(lt_server.url, distinct[h]), distinct[h]
    # Many requests, over no more connections than requests in flight at once (kept alive).
    client = backend.primary.client
    manager = client.session.get_adapter(lt_server.url).poolmanager
    [pool] = [manager.pools[k] for k in manager.pools.keys()]
    assert client.requests_sent >= 4 and pool.num_requests == client.requests_sent
    assert pool.num_connections <= backend.primary.concurrency
    assert proxy_trap.downloads == [], "LibreTranslate tried to download something"
    assert "Downloading" not in lt_server.log_tail(200)


def test_the_server_limits_are_respected_and_the_batch_limit_learned(seeded, data_dir, lt_limited) -> None:
    conn = seeded
    backend = make_backend(data_dir, config=ServerConfig(url=lt_limited.url, concurrency=2))
    server = backend.primary
    doc = biggest_seed(conn)
    distinct = {s.source_hash: doc.sentence_text(s) for s in doc.sentences}
    long_ones = [t for t in distinct.values() if len(t) > CHAR_LIMIT]
    assert len(long_ones) >= 3 and len(distinct) > 10 * BATCH_LIMIT  # the document crosses both limits

    result = jobs.translate_document(conn, doc.id, backend)

    assert result.translated == len(doc.sentences) - result.already
    assert server.char_limit == CHAR_LIMIT  # published in /frontend/settings
    assert server.batch_limit == BATCH_LIMIT  # not published: learned from the 400s
    # Only the first batch's requests (one per lane) went over the limit.
    assert 1 <= server.client.rejections <= server.concurrency
    parts = sum(len(pieces(t, CHAR_LIMIT)) for t in distinct.values())
    assert server.client.requests_sent <= math.ceil(parts / BATCH_LIMIT) + 2 * server.concurrency + len(jobs._batches(list(distinct), jobs.FIRST_MAX, jobs.BATCH * server.concurrency))
    stored = {h: t for _, h, t in mt_rows(conn)}
    assert set(stored) == set(distinct)
    sample = [h for h, t in distinct.items() if len(t) > CHAR_LIMIT][:4] + list(distinct)[:4]
    for h in sample:
        text = distinct[h]
        expected = " ".join(server_says(lt_limited.url, p) for p in pieces(text, CHAR_LIMIT))
        assert stored[h] == expected, text
    # The limits stay learned: the next document's requests all go through at once.
    before = (server.client.requests_sent, server.client.rejections)
    other = [d for d in library.list_documents(conn) if d.id != doc.id][0]
    assert jobs.translate_document(conn, other.id, backend).translated > 0
    assert server.client.requests_sent > before[0] and server.client.rejections == before[1]


def test_a_sentence_over_the_character_limit_is_sent_in_parts(lt_limited) -> None:
    backend = LibreTranslateBackend(LibreTranslateClient(lt_limited.url), concurrency=1)
    sentence = "Le comité " + "examine attentivement chaque proposition déposée par les délégations " * 3 + "avant le vote."
    assert len(sentence) > CHAR_LIMIT
    [result] = backend.submit([sentence])()
    assert not result.failed
    assert result.text == " ".join(server_says(lt_limited.url, p) for p in pieces(sentence, CHAR_LIMIT))
    assert all(len(p) <= CHAR_LIMIT for p in pieces(sentence, CHAR_LIMIT))
    assert not backend.fits(sentence) and backend.fits(sentence[:CHAR_LIMIT])


def test_alternatives_are_the_servers_n_best(lt_server) -> None:
    backend = LibreTranslateBackend(LibreTranslateClient(lt_server.url))
    sentence = "La délégation demande un vote sur le projet de résolution."
    r = requests.post(
        lt_server.url + "/translate", json={"q": sentence, "source": "fr", "target": "en", "alternatives": 3}, timeout=60
    ).json()
    expected = list(dict.fromkeys([r["translatedText"], *r["alternatives"]]))
    assert backend.alternatives(sentence, 4) == expected[:4]
    assert backend.alternatives(sentence, 1) == expected[:1]
    assert backend.alternatives("   ", 3) == []


def test_a_server_without_the_language_pair_says_what_it_offers(lt_server) -> None:
    backend = LibreTranslateBackend(LibreTranslateClient(lt_server.url), source="fr", target="de")
    with pytest.raises(ServerUnavailable, match=r"no fr→de model \(it offers: en→fr, fr→en\)"):
        backend.connect()


def test_blank_sentences_need_no_request(lt_server) -> None:
    backend = LibreTranslateBackend(LibreTranslateClient(lt_server.url))
    assert [r.text for r in backend.submit(["", "   "])()] == ["", ""]
    assert backend.client.requests_sent == 0


def test_the_proxy_trap_sees_a_download_attempt(lt_python, lt_packages, tmp_path) -> None:
    """The guard above can fail: with one package installed, LibreTranslate fetches the
    package index at start, and that request lands in the trap instead of the internet."""
    from tests.lt_server import LibreTranslate, ProxyTrap

    trap = ProxyTrap()
    server = LibreTranslate(lt_python, tmp_path / "home", [lt_packages[0]], trap=trap)
    server.launch()
    try:
        deadline = time.monotonic() + 120
        while not trap.downloads and time.monotonic() < deadline and server.process.poll() is None:
            time.sleep(0.05)
    finally:
        server.kill()
        trap.close()
    assert trap.downloads and trap.downloads[0].startswith("CONNECT ")
