"""A server that dies, comes back, or hangs: nothing lost, nothing translated twice, the
local model meanwhile (said once), cancel and timeouts that work while the server hangs."""

from __future__ import annotations

import threading
import time

import pytest

from desktop.library import store as library
from desktop.translation import jobs
from desktop.translation.backend import BackendCancelled
from desktop.translation.backends import make_backend, with_cancel
from desktop.translation.engine import load_engine
from desktop.translation.lt_backend import LibreTranslateBackend
from desktop.translation.lt_client import LibreTranslateClient, Unreachable
from desktop.translation.server_config import ServerConfig
from tests.server.test_lt_backend import biggest_seed, server_says


def wait_for(condition, what: str, timeout: float = 60.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        time.sleep(0.02)


def test_server_killed_mid_document_then_restarted(seeded, data_dir, lt_own, installed_tiny_model, monkeypatch) -> None:
    conn = seeded
    server = lt_own.start()
    notices: list[str] = []
    backend = make_backend(data_dir, installed_tiny_model.path.parent, config=ServerConfig(url=server.url), notify=notices.append)
    backend.retry_after = 0  # look for the server before every batch (the app waits 10 s)
    server_id, local_id = backend.primary.model_id, backend.fallback.model_id
    monkeypatch.setattr(jobs, "BATCH", 3)  # many small batches: 6 sentences with 2 lanes
    doc = biggest_seed(conn)
    text_of = {s.source_hash: doc.sentence_text(s) for s in doc.sentences}
    makers: list[set[str]] = []  # who translated each batch, in order
    seen: set[tuple[str, str]] = set()

    def after_batch(_paragraphs) -> None:
        rows = set(conn.execute("SELECT model, source_hash FROM mt_cache").fetchall())
        makers.append({m for m, _ in rows - seen})
        seen.update(rows)
        if len(makers) == 3:
            server.kill()  # as a crash would; the next batch finds nobody
        elif len(makers) == 6:
            server.start()  # same address, same models

    result = jobs.translate_document(conn, doc.id, backend, on_batch=after_batch)

    assert not result.cancelled and result.translated == len(doc.sentences) - result.already
    # Nothing lost, nothing translated twice: each sentence has exactly one translation.
    rows = conn.execute("SELECT model, source_hash, translation FROM mt_cache").fetchall()
    assert sorted(h for _, h, _ in rows) == sorted(text_of)
    by_maker = {m: [(h, t) for mm, h, t in rows if mm == m] for m in {m for m, _, _ in rows}}
    assert set(by_maker) == {server_id, local_id}
    assert [m for [m] in map(list, makers[:3])] == [server_id] * 3
    assert [m for [m] in map(list, makers[3:6])] == [local_id] * 3  # the local model meanwhile
    assert all(m == {server_id} for m in makers[6:]) and len(makers) > 7  # the server again
    assert backend.primary.sentences_translated + backend.fallback.backend.sentences_translated == len(text_of)
    # Said once each way, not per sentence or batch.
    assert [n.kind for n in notices] == ["down", "up"]
    assert "cannot connect" in str(notices[0]) and "translating on this computer with Argos fr→en 1.0" in str(notices[0])
    assert "reachable again" in str(notices[1])
    # What each one stored is what it says for that sentence.
    local = load_engine(installed_tiny_model)
    for h, t in by_maker[local_id]:
        assert t == local.translate([text_of[h]])[0]
    for h, t in by_maker[server_id][:5]:
        assert t == server_says(server.url, text_of[h])


def test_the_document_reads_offline_the_next_day(seeded, data_dir, lt_own) -> None:
    """Translated through the server, then read with no server and no local model."""
    from desktop.translation import store

    conn = seeded
    server = lt_own.start()
    backend = make_backend(data_dir, config=ServerConfig(url=server.url))
    doc = biggest_seed(conn)
    jobs.translate_document(conn, doc.id, backend)
    server.stop()
    shown = store.sentence_translations(conn, doc, None)
    assert set(shown) == {s.index for s in doc.sentences}
    assert {t.model for t in shown.values()} == {backend.model_id}


def test_cancel_returns_at_once_while_the_server_hangs(lt_own) -> None:
    server = lt_own.start()
    backend = LibreTranslateBackend(LibreTranslateClient(server.url, timeout=3600), concurrency=2)
    backend.connect()
    asked = backend.client.requests_sent  # the settings and languages
    server.pause()  # accepts connections, never answers
    cancel = threading.Event()
    outcome: list[object] = []
    waiter = backend.submit([f"Phrase numéro {i} du document." for i in range(20)], cancel=cancel)
    thread = threading.Thread(target=lambda: outcome.append(_run(waiter)), daemon=True)
    thread.start()
    wait_for(lambda: backend.client.requests_sent >= asked + 2, "two requests on the wire")
    cancel.set()
    thread.join(timeout=60)  # without cancel this would wait for the one-hour timeout
    assert not thread.is_alive() and isinstance(outcome[0], BackendCancelled)
    # Bounded: the other requests waited for a free connection, and after the cancel none went.
    assert backend.client.requests_sent == asked + 2
    server.resume()
    assert [r.failed for r in backend.submit(["Une phrase."])()] == [False]  # usable again


def test_a_cancelled_job_keeps_what_it_committed(seeded, data_dir, lt_own, monkeypatch) -> None:
    conn = seeded
    server = lt_own.start()
    backend = make_backend(data_dir, config=ServerConfig(url=server.url, timeout=3600))
    monkeypatch.setattr(jobs, "BATCH", 4)
    doc = biggest_seed(conn)
    cancel = threading.Event()
    batches: list[int] = []  # requests sent when each batch was committed

    def after_batch(_paragraphs) -> None:
        batches.append(backend.primary.client.requests_sent)
        if len(batches) == 2:
            server.pause()  # the next batch hangs on the server...

    result: list[object] = []
    job = threading.Thread(
        target=lambda: result.append(jobs.translate_document(conn_for(data_dir), doc.id, with_cancel(backend, cancel), on_batch=after_batch)),
        daemon=True,
    )
    job.start()
    wait_for(lambda: len(batches) == 2, "two batches")
    wait_for(lambda: backend.primary.client.requests_sent > batches[1], "the third batch on the wire")
    cancel.set()  # ...and the user cancels
    job.join(timeout=60)
    assert not job.is_alive()
    [r] = result
    assert r.cancelled and r.translated > 0
    stored = conn.execute("SELECT COUNT(*) FROM mt_cache").fetchone()[0]
    assert stored == r.translated < len({s.source_hash for s in doc.sentences})  # the hung batch: not stored
    server.resume()


def conn_for(data_dir):
    from desktop.library.db import open_library

    return open_library(data_dir)


def test_a_hung_server_times_out_with_a_clear_message_and_the_local_model_takes_over(data_dir, lt_own, installed_tiny_model) -> None:
    server = lt_own.start()
    plain = LibreTranslateBackend(LibreTranslateClient(server.url, timeout=1.5))
    plain.connect()
    notices: list[str] = []
    backend = make_backend(data_dir, installed_tiny_model.path.parent, config=ServerConfig(url=server.url, timeout=1.5), notify=notices.append)
    backend.check()
    server.pause()
    with pytest.raises(Unreachable, match=r"no reply within 1.5 s; the server is overloaded or stuck"):
        plain.submit(["Une phrase qui attend."])()
    results = backend.submit(["Une phrase qui attend.", "Et une autre."])()
    assert [r.model_id for r in results] == [backend.fallback.model_id] * 2 and not any(r.failed for r in results)
    backend.submit(["Encore une."])()  # still down: said once only
    again = make_backend(data_dir, installed_tiny_model.path.parent, config=ServerConfig(url=server.url, timeout=1.5), notify=notices.append)
    assert again is backend and not again.check()  # the next document's job: still said once
    assert len(notices) == 1 and "no reply within 1.5 s" in notices[0].detail
    server.resume()


def _run(waiter):
    try:
        return waiter()
    except Exception as exc:  # noqa: BLE001 - the test inspects it
        return exc
