"""API keys against real servers started with --api-keys: a good, a missing and a wrong key,
and the messages a person sees; a wrong key is never a reason to fall back silently."""

from __future__ import annotations

import pytest

from desktop.translation.backends import make_backend
from desktop.translation.lt_backend import LibreTranslateBackend
from desktop.translation.lt_client import LibreTranslateClient, ServerUnavailable, Unreachable
from desktop.translation.server_config import KeyStore, ServerConfig, set_server


@pytest.fixture(scope="module")
def keyed(lt_factory):
    """Keys required: --require-api-key-secret turns keyless requests away (no web UI hands
    out the secret), the setup the README gives teams."""
    server = lt_factory("--api-keys", "--require-api-key-secret")
    server.start()
    return server, server.add_key()


def backend_for(url: str, key: str | None) -> LibreTranslateBackend:
    return LibreTranslateBackend(LibreTranslateClient(url, key))


def test_a_good_key_translates(keyed) -> None:
    server, key = keyed
    [r] = backend_for(server.url, key).submit(["La séance est ouverte."])()
    assert not r.failed and r.text


def test_a_missing_key_is_named(keyed) -> None:
    server, _ = keyed
    with pytest.raises(ServerUnavailable, match=r"the server needs an API key \(Please contact the server operator to get an API key\); add yours in Preferences or with --api-key-file") as info:
        backend_for(server.url, None).submit(["La séance est ouverte."])()
    assert not isinstance(info.value, Unreachable)


def test_a_wrong_key_is_named(keyed) -> None:
    server, _ = keyed
    with pytest.raises(ServerUnavailable, match=r"the server refused the API key \(Invalid API key\); check the key"):
        backend_for(server.url, "not-a-key").submit(["La séance est ouverte."])()


def test_a_wrong_key_stops_the_job_instead_of_falling_back(keyed, data_dir, installed_tiny_model) -> None:
    server, _ = keyed
    set_server(data_dir, ServerConfig(url=server.url), "not-a-key")
    notices: list[str] = []
    backend = make_backend(data_dir, installed_tiny_model.path.parent, notify=notices.append)
    with pytest.raises(ServerUnavailable, match="refused the API key"):
        backend.submit(["La séance est ouverte."])()
    assert notices == [] and not backend.server_down


def test_the_stored_key_is_used(keyed, data_dir) -> None:
    server, key = keyed
    saved = set_server(data_dir, ServerConfig(url=server.url), key, KeyStore(data_dir))
    assert saved.key_store == "file"  # no secret store in the test environment
    backend = make_backend(data_dir)
    assert [r.failed for r in backend.submit(["Bonjour."])()] == [False]


def test_a_server_that_serves_only_keys_says_so_rather_than_waiting(lt_factory) -> None:
    """--req-limit 0: no quota without a key; LibreTranslate answers 429 "0 per 1 minute"."""
    server = lt_factory("--api-keys", "--req-limit", "0").start()
    backend = backend_for(server.url, None)
    with pytest.raises(ServerUnavailable, match=r"serves only clients with an API key"):
        backend.submit(["Bonjour."])()
    assert backend.client.retries == 0
    key = server.add_key()
    assert [r.failed for r in backend_for(server.url, key).submit(["Bonjour."])()] == [False]


def test_too_many_requests_backs_off_then_says_so(lt_factory) -> None:
    """--req-limit 1: one request a minute per client; the next ones get 429."""
    server = lt_factory("--req-limit", "1").start()
    client = LibreTranslateClient(server.url, busy_give_up=2.0)
    backend = LibreTranslateBackend(client)
    assert [r.failed for r in backend.submit(["Bonjour."])()] == [False]
    with pytest.raises(ServerUnavailable, match=r"too many requests \(429: Slowdown: 1 per 1 minute\); the server's rate limit is reached"):
        backend.submit(["Bonsoir."])()
    assert client.retries >= 1  # it waited and tried again before giving up
