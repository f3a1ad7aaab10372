"""Server settings and the API key store: keyring when a real secret store works, else a
file only the user can read; never the key in the settings file."""

from __future__ import annotations

import json

import pytest
from keyrings.alt.file import PlaintextKeyring

from desktop.translation.server_config import (
    ConfigError,
    KeyStore,
    ServerConfig,
    api_key_for,
    config_path,
    load_config,
    normalise_url,
    platform_keyring,
    set_server,
)


def test_urls_are_normalised_or_refused() -> None:
    assert normalise_url(" https://lt.example.org/api/ ") == "https://lt.example.org/api"
    assert normalise_url("http://[::1]:5000") == "http://[::1]:5000"
    for bad in ("", "lt.example.org", "ftp://x", "http://", "http://x:99999", "http://x/?a=1"):
        with pytest.raises(ConfigError):
            normalise_url(bad)


def test_the_keyring_holds_the_key_when_it_works(data_dir, tmp_path, monkeypatch) -> None:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    ring = PlaintextKeyring()  # a real keyring backend (the platform's is unavailable here)
    store = KeyStore(data_dir, ring)
    saved = set_server(data_dir, ServerConfig(url="http://lt:5000"), "k-1", store)
    assert saved.key_store == "keyring" and ring.get_password("Glose LibreTranslate", "http://lt:5000") == "k-1"
    assert not (data_dir / "secrets").exists() or not any((data_dir / "secrets").iterdir())
    assert api_key_for(data_dir, load_config(data_dir), store) == "k-1"
    assert "k-1" not in config_path(data_dir).read_text()
    # Another server: the old key is forgotten everywhere.
    set_server(data_dir, ServerConfig(url="http://other:5000"), None, store)
    assert ring.get_password("Glose LibreTranslate", "http://lt:5000") is None
    assert api_key_for(data_dir, load_config(data_dir), store) is None


def test_a_refusing_keyring_falls_back_to_the_user_only_file(data_dir) -> None:
    class Locked(PlaintextKeyring):
        def set_password(self, service, username, password):
            raise RuntimeError("the keyring is locked")

    store = KeyStore(data_dir, Locked())
    saved = set_server(data_dir, ServerConfig(url="http://lt:5000"), "k-2", store)
    assert saved.key_store == "file" and api_key_for(data_dir, saved, store) == "k-2"


def test_clear_text_and_failing_backends_are_not_secret_stores(monkeypatch) -> None:
    import keyring

    for backend in ("keyrings.alt.file.PlaintextKeyring", "keyring.backends.null.Keyring", "keyring.backends.fail.Keyring"):
        monkeypatch.setattr(keyring.core, "_keyring_backend", None)
        monkeypatch.setenv("PYTHON_KEYRING_BACKEND", backend)
        assert platform_keyring() is None, backend


def test_unknown_keys_in_the_settings_survive_a_rewrite(data_dir) -> None:
    config_path(data_dir).write_text(json.dumps({"url": "http://lt:5000", "future_option": [1, 2]}))
    set_server(data_dir, load_config(data_dir), None)
    assert json.loads(config_path(data_dir).read_text())["future_option"] == [1, 2]
