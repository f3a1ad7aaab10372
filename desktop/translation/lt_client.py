"""HTTP client for a LibreTranslate server: one pooled session, errors a person can act on.

Every server-wide problem becomes a `ServerUnavailable` (a `BackendUnavailable`) whose
message names the server and what to do; a request the server refuses for its content
becomes `Rejected` with the server's own words, so the caller can split the batch or fail
one sentence. 429 answers are retried after an exponential, jittered back-off.
"""

from __future__ import annotations

import random
import re
import threading
from collections.abc import Callable
from dataclasses import dataclass

from desktop import __version__
from desktop.translation.backend import BackendCancelled as Cancelled
from desktop.translation.backend import BackendUnavailable

CONNECT_TIMEOUT = 5.0  # seconds to open a connection (a LAN server answers in milliseconds)
BACKOFF_FIRST = 0.5  # seconds before the first retry of a 429, doubled each time (jittered)
BACKOFF_CAP = 20.0
BUSY_GIVE_UP = 120.0  # seconds of 429s before telling the user the server is too busy
GATEWAY_RETRIES = 2  # a reverse proxy's 502/503/504 (an instance restarting) is retried


class ServerUnavailable(BackendUnavailable):
    """The server cannot be used now (unreachable, refuses our key, too busy, ...)."""


class Unreachable(ServerUnavailable):
    """No answer at all: connection refused, timed out, no route. A fallback may take over."""


class Rejected(Exception):
    """HTTP 400 (or 500) for this request's content; `message` is the server's text."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.message = message

    def limit(self) -> tuple[int, int] | None:
        """(size, limit) from "request (size) exceeds text limit (limit)", in any UI language."""
        numbers = [int(n) for n in re.findall(r"\((\d+)\)", self.message)]
        return (numbers[0], numbers[1]) if len(numbers) == 2 else None

    def alternatives_limit(self) -> int | None:
        """N from "alternatives parameter must be <= N"."""
        m = re.search(r"<=\s*(\d+)", self.message)
        return int(m.group(1)) if m else None


@dataclass(frozen=True)
class ServerInfo:
    """What `GET /frontend/settings` and `GET /languages` say about a server."""

    char_limit: int | None  # characters per text (None: no limit)
    suggestions: bool  # /suggest accepts post-edits
    api_keys: bool  # the server knows API keys
    pairs: frozenset[tuple[str, str]]  # (source, target) language codes

    def has_pair(self, source: str, target: str) -> bool:
        return (source, target) in self.pairs


def _message(response) -> str:
    try:
        data = response.json()
        if isinstance(data, dict) and data.get("error"):
            return str(data["error"])
    except ValueError:
        pass
    text = (response.text or "").strip()
    return text[:200] or response.reason or f"HTTP {response.status_code}"


class LibreTranslateClient:
    """Talks to one server. Thread-safe: requests share one keep-alive connection pool of
    `pool` connections (requests.Session is safe for concurrent requests of this kind)."""

    def __init__(
        self,
        url: str,
        api_key: str | None = None,
        *,
        timeout: float = 60.0,
        connect_timeout: float = CONNECT_TIMEOUT,
        pool: int = 2,
        busy_give_up: float = BUSY_GIVE_UP,
    ) -> None:
        import requests
        from requests.adapters import HTTPAdapter

        self.url = url.rstrip("/")
        self.api_key = api_key or None
        self.timeout = timeout
        self.connect_timeout = connect_timeout
        self.busy_give_up = busy_give_up
        self.session = requests.Session()
        adapter = HTTPAdapter(pool_connections=1, pool_maxsize=max(1, pool), max_retries=0)
        self.session.mount("http://", adapter)
        self.session.mount("https://", adapter)
        self.session.headers["User-Agent"] = f"Glose/{__version__}"
        self.requests_sent = 0  # HTTP requests that reached the wire (tests, benchmarks)
        self.retries = 0  # of them, retries after a 429 or a gateway error
        self.rejections = 0  # of them, refused for their content (400/500)
        self._count = threading.Lock()
        self.sleep: Callable[[float, threading.Event | None], bool] = _sleep

    # -- endpoints ------------------------------------------------------------------

    def info(self) -> ServerInfo:
        settings = self._call("GET", "/frontend/settings")
        languages = self._call("GET", "/languages")
        limit = settings.get("charLimit", -1) if isinstance(settings, dict) else -1
        pairs = set()
        for lang in languages if isinstance(languages, list) else []:
            for target in lang.get("targets", []) if isinstance(lang, dict) else []:
                pairs.add((str(lang.get("code")), str(target)))
        return ServerInfo(
            char_limit=limit if isinstance(limit, int) and limit > 0 else None,
            suggestions=bool(settings.get("suggestions")) if isinstance(settings, dict) else False,
            api_keys=bool(settings.get("apiKeys")) if isinstance(settings, dict) else False,
            pairs=frozenset(pairs),
        )

    def health(self, timeout: float | None = None) -> bool:
        """True when the server answers `GET /health` (a quick probe, no retries)."""
        import requests

        t = timeout or self.connect_timeout
        try:
            return self.session.get(self.url + "/health", timeout=(t, t)).status_code == 200
        except requests.RequestException:
            return False

    def translate(
        self, texts: list[str], source: str, target: str, *, alternatives: int = 0, cancel: threading.Event | None = None
    ) -> tuple[list[str], list[list[str]]]:
        """Translations of `texts` (one request), and each one's alternatives."""
        body = {"q": texts, "source": source, "target": target, "format": "text"}
        if alternatives:
            body["alternatives"] = alternatives
        data = self._call("POST", "/translate", body, cancel=cancel)
        out = data.get("translatedText") if isinstance(data, dict) else None
        if not isinstance(out, list) or len(out) != len(texts) or not all(isinstance(t, str) for t in out):
            raise ServerUnavailable(f"{self.url}: the answer to /translate is not a LibreTranslate answer; check the address")
        alts = data.get("alternatives") or [[] for _ in texts]
        return out, [list(a) if isinstance(a, list) else [] for a in alts]

    def suggest(self, source_text: str, translation: str, source: str, target: str) -> None:
        self._call("POST", "/suggest", {"q": source_text, "s": translation, "source": source, "target": target})

    # -- one HTTP exchange, with the error policy ------------------------------------

    def _call(self, method: str, path: str, body: dict | None = None, *, cancel: threading.Event | None = None):
        import requests

        if body is not None and self.api_key:
            body = {**body, "api_key": self.api_key}
        busy_waited = 0.0
        attempt = 0
        gateway_failures = 0
        while True:
            if cancel is not None and cancel.is_set():
                raise Cancelled()
            with self._count:
                self.requests_sent += 1
                if attempt:
                    self.retries += 1
            attempt += 1
            try:
                response = self.session.request(
                    method, self.url + path, json=body, timeout=(self.connect_timeout, self.timeout)
                )
            except requests.exceptions.SSLError as exc:
                raise ServerUnavailable(
                    f"{self.url}: secure connection failed ({_reason(exc)}). Check http:// or https:// in the address; "
                    "a server with its own certificate authority needs REQUESTS_CA_BUNDLE pointing at that CA's file"
                ) from None
            except requests.exceptions.ConnectTimeout:
                raise Unreachable(f"{self.url}: no connection within {self.connect_timeout:g} s; is the server running and reachable from here?") from None
            except requests.exceptions.ReadTimeout:
                hint = " or does not speak https (then give its address with http://)" if self.url.startswith("https:") else ""
                raise Unreachable(f"{self.url}: no reply within {self.timeout:g} s; the server is overloaded or stuck{hint} (raise the timeout for a slow server)") from None
            except requests.exceptions.ConnectionError as exc:
                raise Unreachable(f"{self.url}: cannot connect ({_reason(exc)}); is the server running and reachable from here?") from None
            except requests.RequestException as exc:
                raise Unreachable(f"{self.url}: {_reason(exc)}") from None
            status = response.status_code
            if status == 200:
                try:
                    return response.json()
                except ValueError:
                    raise ServerUnavailable(f"{self.url}{path}: the answer is not JSON; is this a LibreTranslate server?") from None
            message = _message(response)
            if status == 429:
                if re.search(r"\b0 per\b", message):
                    raise ServerUnavailable(f"{self.url}: the server serves only clients with an API key ({message}); add yours in Preferences or with --api-key-file")
                delay = _retry_after(response) or random.uniform(0, min(BACKOFF_CAP, BACKOFF_FIRST * 2 ** min(attempt - 1, 10)))
                if busy_waited + delay > self.busy_give_up:
                    raise ServerUnavailable(f"{self.url}: too many requests (429: {message}); the server's rate limit is reached, try again later or ask its operator for an API key with a higher limit")
                busy_waited += delay
                if not self.sleep(delay, cancel):
                    raise Cancelled()
                continue
            if status in (502, 503, 504) and gateway_failures < GATEWAY_RETRIES:
                gateway_failures += 1
                if not self.sleep(random.uniform(0.2, 1.0) * gateway_failures, cancel):
                    raise Cancelled()
                continue
            if status == 403:
                if self.api_key:
                    raise ServerUnavailable(f"{self.url}: the server refused the API key ({message}); check the key in Preferences or --api-key-file")
                raise ServerUnavailable(f"{self.url}: the server refused the request ({message})")
            if status == 400 and "api key" in message.lower():
                raise ServerUnavailable(f"{self.url}: the server needs an API key ({message}); add yours in Preferences or with --api-key-file")
            if status in (400, 500):
                with self._count:
                    self.rejections += 1
                raise Rejected(status, message)
            if status == 404:
                raise ServerUnavailable(f"{self.url}{path}: not found (404); is this the address of a LibreTranslate server, with its URL prefix?")
            if status in (502, 503, 504):
                raise Unreachable(f"{self.url}: the server's gateway answers {status} ({message}); the translation server behind it is down")
            raise ServerUnavailable(f"{self.url}{path}: unexpected answer {status} ({message})")


def _sleep(seconds: float, cancel: threading.Event | None) -> bool:
    """Wait; False if cancelled meanwhile."""
    if cancel is None:
        threading.Event().wait(seconds)
        return True
    return not cancel.wait(seconds)


def _retry_after(response) -> float | None:
    value = response.headers.get("Retry-After", "")
    try:
        return min(BACKOFF_CAP, max(0.0, float(value))) if value else None
    except ValueError:
        return None


def _reason(exc: Exception) -> str:
    """The innermost cause of a requests/urllib3 error, in a few words."""
    text = str(exc)
    for marker in ("Connection refused", "Name or service not known", "No route to host", "Temporary failure in name resolution",
                   "certificate verify failed", "wrong version number", "Connection reset", "Remote end closed connection"):
        if marker.lower() in text.lower():
            return marker.lower()
    inner = exc
    while inner.__context__ is not None and inner.__context__ is not inner:
        inner = inner.__context__
    return (str(inner) or type(inner).__name__)[:160]
