"""Choosing the translation backend: the local model, or a LibreTranslate server with the
local model as its stand-in. One place for the app, the CLI and tests.

Nothing is sent anywhere unless a server is configured (`translation-server.json`, written
by Preferences or `glose server set`) or given for one run (`glose translate --server`).
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from desktop.translation import packages
from desktop.translation.fallback import FallbackBackend, LocalFallback, Notify
from desktop.translation.lt_backend import LibreTranslateBackend, server_model_id
from desktop.translation.lt_client import LibreTranslateClient
from desktop.translation.server_config import ServerConfig, api_key_for, load_config

FROM, TO = "fr", "en"
SERVER_PREFIX = "libretranslate:"

_servers: dict[tuple, LibreTranslateBackend] = {}
_fallbacks: dict[tuple, FallbackBackend] = {}
_servers_lock = threading.Lock()


def server_backend(config: ServerConfig, api_key: str | None) -> LibreTranslateBackend:
    """The backend for a server, kept per process so its connections are reused."""
    config = config.validated()
    key = (config.url, api_key, config.concurrency, config.timeout)
    with _servers_lock:
        backend = _servers.get(key)
        if backend is None:
            client = LibreTranslateClient(config.url, api_key, timeout=config.timeout, pool=config.concurrency)
            backend = LibreTranslateBackend(client, concurrency=config.concurrency, source=FROM, target=TO)
            _servers[key] = backend
        return backend


def forget_servers() -> None:
    """Drop kept server backends (settings changed)."""
    with _servers_lock:
        for backend in _servers.values():
            backend.close()
        _servers.clear()
        _fallbacks.clear()


def local_fallback(packages_dir: Path | None, load: Callable | None = None) -> LocalFallback | None:
    """The installed fr→en model as a stand-in, loaded on first use; None if none is installed."""
    model = packages.find_model(FROM, TO, packages_dir)
    if model is None:
        return None
    if load is None:
        from desktop.translation.engine import load_engine

        load = load_engine
    description = f"Argos {model.from_code}→{model.to_code} {model.version} (this computer)"
    return LocalFallback(model.model_id, description, lambda: load(model))


def make_backend(
    data_dir: Path | None,
    packages_dir: Path | None = None,
    *,
    config: ServerConfig | None = None,
    api_key: str | None = None,
    notify: Notify | None = None,
    load_local: Callable | None = None,
):
    """The backend to translate with: a FallbackBackend when a server is configured (or
    given in `config`), else the local engine; None when neither is available.

    `api_key` None reads the stored key for the configured server. Loading the local model
    is deferred for a server (it is only the stand-in)."""
    if config is None:
        config = load_config(data_dir) if data_dir is not None else ServerConfig()
    fallback = local_fallback(packages_dir, load_local)
    if not config.enabled:
        return fallback.backend if fallback is not None else None
    key = api_key if api_key is not None else api_key_for(data_dir, config)
    server = server_backend(config, key)
    # Kept per process like the server backend, so an outage is said once, not once per job.
    ident = (id(server), fallback.model_id if fallback is not None else None)
    with _servers_lock:
        backend = _fallbacks.get(ident)
        if backend is None:
            backend = _fallbacks[ident] = FallbackBackend(server, fallback, notify=notify)
    if notify is not None:
        backend.notify = notify  # the current job's messenger
    return backend


def preferred_model_id(data_dir: Path | None, packages_dir: Path | None = None) -> str | None:
    """Whose translations to show first (no network): the configured server's, else the
    local model's. Sentences it has not translated show the newest other translation."""
    if data_dir is not None:
        try:
            config = load_config(data_dir)
        except ValueError:  # damaged settings: said where they are edited, not while reading
            config = ServerConfig()
        if config.enabled:
            return server_model_id(config.url, FROM, TO)
    model = packages.find_model(FROM, TO, packages_dir)
    return model.model_id if model else None


def translation_makers(makers: dict[str, int]) -> list[tuple[str, str, int]]:
    """(kind, name, percent) per maker of a document's machine translations, most first:
    kind "server" (name: host[:port][/path]) or "local" (name: the model id)."""
    total = sum(makers.values())
    out = []
    for model_id, count in sorted(makers.items(), key=lambda kv: -kv[1]):
        if is_server_id(model_id):
            out.append(("server", model_id[len(SERVER_PREFIX) :].rsplit("/", 1)[0], round(100 * count / total)))
        else:
            out.append(("local", model_id, round(100 * count / total)))
    return out


def with_url(config: ServerConfig, url: str) -> ServerConfig:
    """`config` pointed at another server for one run (`glose translate --server URL`)."""
    return replace(config, url=url, key_store="").validated()


def is_server_id(model_id: str | None) -> bool:
    return bool(model_id) and model_id.startswith(SERVER_PREFIX)


def with_cancel(backend, cancel: threading.Event | None):
    """`backend` whose waiters stop on `cancel` mid-batch where the backend can."""
    if cancel is None or not getattr(backend, "accepts_cancel", False):
        return backend
    return _Cancellable(backend, cancel)


class _Cancellable:
    def __init__(self, backend, cancel: threading.Event) -> None:
        self._backend = backend
        self._cancel = cancel

    def submit(self, sentences):
        return self._backend.submit(sentences, cancel=self._cancel)

    def __getattr__(self, name):
        return getattr(self._backend, name)
