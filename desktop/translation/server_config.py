"""Which translation backend to use, stored for the app and the CLI alike.

`translation-server.json` in the data directory holds the LibreTranslate server's address
and client settings; without it (the default) Glose uses the local model and sends nothing
anywhere. The API key is never in that file: it goes to the platform's secret store
(`keyring`: Secret Service, KWallet, macOS Keychain, Windows Credential Locker) when one
works, else to a file under the data directory readable by the user only.
"""

from __future__ import annotations

import hashlib
import json
import os
import stat
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path
from urllib.parse import urlsplit

CONFIG_FILENAME = "translation-server.json"
SECRETS_DIRNAME = "secrets"
KEYRING_SERVICE = "Glose LibreTranslate"

DEFAULT_CONCURRENCY = 2
DEFAULT_TIMEOUT = 60.0  # seconds for one request's reply (a batch on a busy CPU server)


class ConfigError(ValueError):
    """A setting the user gave is unusable; the message says which and what to do."""


def normalise_url(url: str) -> str:
    """`http(s)://host[:port][/prefix]` without a trailing slash; rejects anything else."""
    text = (url or "").strip()
    parts = urlsplit(text)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ConfigError(f"{text or '(empty)'}: a server address starts with http:// or https:// and names a host, e.g. http://translate.office.lan:5000")
    if parts.query or parts.fragment:
        raise ConfigError(f"{text}: give the server's address only, without ?query or #fragment")
    try:
        parts.port  # noqa: B018 - validates the port number
    except ValueError as exc:
        raise ConfigError(f"{text}: {exc}") from None
    return f"{parts.scheme}://{parts.netloc}{parts.path.rstrip('/')}"


@dataclass(frozen=True)
class ServerConfig:
    """The LibreTranslate server to use (`url` empty = the local model only)."""

    url: str = ""
    concurrency: int = DEFAULT_CONCURRENCY  # requests in flight at once
    timeout: float = DEFAULT_TIMEOUT
    suggest: bool = False  # send post-edits to the server's /suggest (off unless asked)
    key_store: str = ""  # where the API key is: "keyring", "file" or "" (no key)
    extra: dict = field(default_factory=dict)  # keys written by newer versions, kept as they are

    @property
    def enabled(self) -> bool:
        return bool(self.url)

    def validated(self) -> ServerConfig:
        url = normalise_url(self.url) if self.url else ""
        if not 1 <= int(self.concurrency) <= 32:
            raise ConfigError(f"concurrency {self.concurrency}: choose 1 to 32 requests at once")
        if not 1 <= float(self.timeout) <= 3600:
            raise ConfigError(f"timeout {self.timeout}: choose 1 to 3600 seconds")
        return replace(self, url=url, concurrency=int(self.concurrency), timeout=float(self.timeout))


def config_path(data_dir: Path) -> Path:
    return Path(data_dir) / CONFIG_FILENAME


def load_config(data_dir: Path, *, damaged_ok: bool = False) -> ServerConfig:
    """The stored choice; a missing file is the local model. A damaged file raises ConfigError
    (or, with `damaged_ok`, counts as missing: it is about to be rewritten)."""
    path = config_path(data_dir)
    try:
        return _read_config(path)
    except FileNotFoundError:
        return ServerConfig()
    except ConfigError:
        if damaged_ok:
            return ServerConfig()
        raise


def _read_config(path: Path) -> ServerConfig:
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ConfigError(f"{path}: unreadable translation server settings ({exc}); fix or delete the file (`glose server off` rewrites it)") from None
    if not isinstance(raw, dict):
        raise ConfigError(f"{path}: expected a JSON object; fix or delete the file")
    known = {k: raw[k] for k in ("url", "concurrency", "timeout", "suggest", "key_store") if k in raw}
    extra = {k: v for k, v in raw.items() if k not in known}
    try:
        return ServerConfig(**known, extra=extra).validated()
    except (TypeError, ValueError) as exc:
        raise ConfigError(f"{path}: {exc}") from None


def save_config(data_dir: Path, config: ServerConfig) -> None:
    """Write atomically (a crash leaves the old file or the new one, never half of one)."""
    config = config.validated()
    data = {k: v for k, v in asdict(config).items() if k != "extra"}
    data.update(config.extra)
    path = config_path(data_dir)
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(json.dumps(data, indent=2) + "\n", encoding="utf-8")
    os.replace(tmp, path)


# -- the API key ----------------------------------------------------------------------


def platform_keyring():
    """The platform's secret store through `keyring`, or None where there is none.

    Backends below priority 1 are not secret stores: keyring's fail/null backends, and
    keyrings.alt's file backends (clear text, or a password prompt on stdin)."""
    try:
        import keyring
        from keyring.backends import chainer

        backend = keyring.get_keyring()
    except Exception:  # noqa: BLE001 - a broken keyring install means "no secret store"
        return None
    if isinstance(backend, chainer.ChainerBackend):
        usable = [b for b in backend.backends if getattr(b, "priority", 0) >= 1]
        return backend if usable else None
    return backend if getattr(backend, "priority", 0) >= 1 else None


class KeyStore:
    """Stores one API key per server URL: in `backend` (a keyring backend) when given and
    working, else in `<data>/secrets/<hash of url>.key`, mode 0600 in a 0700 folder."""

    def __init__(self, data_dir: Path, backend=None) -> None:
        self.folder = Path(data_dir) / SECRETS_DIRNAME
        self.backend = backend

    @classmethod
    def for_platform(cls, data_dir: Path) -> KeyStore:
        return cls(data_dir, platform_keyring())

    def _file(self, url: str) -> Path:
        return self.folder / (hashlib.sha256(url.encode("utf-8")).hexdigest()[:24] + ".key")

    def save(self, url: str, key: str) -> str:
        """Store `key` for `url`; returns where it went ("keyring" or "file")."""
        key = key.strip()
        if not key:
            raise ConfigError("the API key is empty")
        if self.backend is not None:
            try:
                self.backend.set_password(KEYRING_SERVICE, url, key)
                if self.backend.get_password(KEYRING_SERVICE, url) == key:
                    self._remove_file(url)
                    return "keyring"
            except Exception:  # noqa: BLE001 - locked or refusing store: use the file instead
                pass
        self._write_file(url, key)
        return "file"

    def load(self, url: str, where: str) -> str | None:
        if where == "keyring" and self.backend is not None:
            try:
                return self.backend.get_password(KEYRING_SERVICE, url)
            except Exception:  # noqa: BLE001
                return None
        if where == "file":
            try:
                return self._file(url).read_text(encoding="utf-8").strip() or None
            except OSError:
                return None
        return None

    def forget(self, url: str) -> None:
        if self.backend is not None:
            try:
                self.backend.delete_password(KEYRING_SERVICE, url)
            except Exception:  # noqa: BLE001 - nothing stored there
                pass
        self._remove_file(url)

    def _write_file(self, url: str, key: str) -> None:
        self.folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        os.chmod(self.folder, 0o700)
        path = self._file(url)
        tmp = path.with_name(path.name + ".tmp")
        # Created 0600 from the start: the key is never readable by others, even briefly.
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, stat.S_IRUSR | stat.S_IWUSR)
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(key + "\n")
        os.replace(tmp, path)

    def _remove_file(self, url: str) -> None:
        try:
            self._file(url).unlink()
        except FileNotFoundError:
            pass


def read_key_file(path: str | os.PathLike[str]) -> str:
    """An API key given as a file (`--api-key-file`): its first non-blank line."""
    p = Path(path)
    try:
        text = p.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise ConfigError(f"{p}: not a text file; put the API key alone on the first line") from None
    except OSError as exc:
        raise ConfigError(f"{p}: cannot read the API key file ({exc.strerror or exc})") from None
    for line in text.splitlines():
        if line.strip():
            return line.strip()
    raise ConfigError(f"{p}: the API key file is empty")


def set_server(data_dir: Path, config: ServerConfig, api_key: str | None, store: KeyStore | None = None) -> ServerConfig:
    """Save `config` and its key (None keeps the stored key, "" removes it); returns what was saved."""
    store = store or KeyStore.for_platform(data_dir)
    config = config.validated()
    old = load_config(data_dir, damaged_ok=True)
    if old.url and old.url != config.url:
        store.forget(old.url)
        old = replace(old, key_store="")
    key_store = old.key_store if old.url == config.url else ""
    if api_key == "":
        if config.url:
            store.forget(config.url)
        key_store = ""
    elif api_key is not None:
        key_store = store.save(config.url, api_key)
    saved = replace(config, key_store=key_store if config.url else "")
    save_config(data_dir, saved)
    return saved


def api_key_for(data_dir: Path, config: ServerConfig, store: KeyStore | None = None) -> str | None:
    if not config.url or not config.key_store:
        return None
    return (store or KeyStore.for_platform(data_dir)).load(config.url, config.key_store)
