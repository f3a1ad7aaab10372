"""A LibreTranslate server as a `TranslationBackend`, within the limits the server sets.

A batch becomes `q` lists sent `concurrency` at a time over pooled connections. The
character limit per text comes from `GET /frontend/settings` (`charLimit`); the server's
batch limit (`--batch-limit`) is not published, so a 400 for a batch makes it split the
batch and remember the size that went through. A text over the character limit is sent
in parts cut at French clause boundaries (splitting.py) and the translations joined; a text
the server still rejects fails alone. Cancelling abandons requests in flight at once (their answers are dropped).
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from concurrent.futures import FIRST_COMPLETED, Future, wait
from urllib.parse import urlsplit

from desktop.translation.backend import BackendCancelled, Limits, SentenceResult, Waiter
from desktop.translation.lt_client import LibreTranslateClient, Rejected, ServerInfo, ServerUnavailable
from desktop.translation.splitting import join_results, split_to_fit

DEFAULT_REQUEST = 48  # sentences per request while the server's batch limit is unknown
MAX_ALTERNATIVES = 8
POLL = 0.2  # seconds between looks at the cancel event while waiting for answers


def server_model_id(url: str, source: str = "fr", target: str = "en") -> str:
    """A server's cache identity: its address (without scheme) and the language pair."""
    parts = urlsplit(url)
    return f"libretranslate:{parts.netloc}{parts.path.rstrip('/')}/{source}-{target}"


class _Failed(str):
    """A text the server would not translate; the str is the reason."""


def pieces(text: str, limit: int | None) -> list[str]:
    """`text`, or its parts at French clause boundaries when it is over `limit` characters."""
    if limit is None or len(text) <= limit:
        return [text]
    return [p.strip() for p in split_to_fit(text, lambda t: len(t.strip()) <= limit) if p.strip()]


class LibreTranslateBackend:
    """French→English through a LibreTranslate server. Thread-safe."""

    accepts_cancel = True  # submit(..., cancel=event) stops mid-batch

    def __init__(self, client: LibreTranslateClient, *, concurrency: int = 2, source: str = "fr", target: str = "en") -> None:
        self.client = client
        self.source, self.target = source, target
        self.concurrency = max(1, concurrency)
        # At most `concurrency` requests on the wire, counting abandoned (cancelled) ones
        # still running on the server; daemon threads, so a stuck request never holds up exit.
        self._slots = threading.BoundedSemaphore(self.concurrency)
        self._lock = threading.Lock()
        self._info: ServerInfo | None = None
        self.char_limit: int | None = None  # per text: published, or learned from a 400
        self.batch_limit: int | None = None  # texts per request: learned from 400s
        self.alternatives_limit: int | None = None  # learned from a 400
        self.sentences_translated = 0

    # -- identity and limits ------------------------------------------------------

    @property
    def server(self) -> str:
        parts = urlsplit(self.client.url)
        return parts.netloc + parts.path

    @property
    def model_id(self) -> str:
        return server_model_id(self.client.url, self.source, self.target)

    @property
    def description(self) -> str:
        return f"LibreTranslate at {self.server} ({self.source}→{self.target})"

    @property
    def replicas(self) -> int:
        return self.concurrency

    @property
    def limits(self) -> Limits:
        return Limits(max_input_chars=self.char_limit, max_alternatives=self.alternatives_limit or MAX_ALTERNATIVES)

    def fits(self, sentence: str) -> bool:
        return self.char_limit is None or len(sentence) <= self.char_limit

    def connect(self) -> ServerInfo:
        """Ask the server its limits and languages (once); raises ServerUnavailable."""
        with self._lock:
            if self._info is not None:
                return self._info
        info = self.client.info()
        if not info.has_pair(self.source, self.target):
            offered = ", ".join(f"{a}→{b}" for a, b in sorted(info.pairs) if a != b) or "none"
            raise ServerUnavailable(f"{self.client.url}: the server has no {self.source}→{self.target} model (it offers: {offered}); start it with --load-only {self.source},{self.target}")
        with self._lock:
            self._info = info
            if info.char_limit is not None and (self.char_limit is None or info.char_limit < self.char_limit):
                self.char_limit = info.char_limit
        return info

    def forget_server(self) -> None:
        """Ask again on next use (the server may have restarted with other settings)."""
        with self._lock:
            self._info = None

    # -- translation -------------------------------------------------------------

    def submit(self, sentences: Sequence[str], cancel: threading.Event | None = None) -> Waiter:
        running = self._start(sentences, cancel)

        def waiter() -> list[SentenceResult]:
            results, problem = self._collect(running, cancel)
            if problem is not None:
                raise problem
            return results  # type: ignore[return-value]

        return waiter

    def submit_partial(self, sentences: Sequence[str], cancel: threading.Event | None = None):
        """Like submit, but the waiter returns (results, problem): on a ServerUnavailable
        the sentences the server did translate are kept and the others are None."""
        running = self._start(sentences, cancel)
        return lambda: self._collect(running, cancel)

    def _start(self, sentences: Sequence[str], cancel: threading.Event | None):
        try:
            if any(s.strip() for s in sentences):
                self.connect()  # the first time: learn the character limit before cutting
        except ServerUnavailable as exc:
            return sentences, [], exc
        items: list[tuple[int, str]] = []  # (sentence index, text or piece of it)
        for i, s in enumerate(sentences):
            if s.strip():
                items.extend((i, piece) for piece in pieces(s, self.char_limit))
        size = max(1, -(-len(items) // self.concurrency))
        size = min(size, self.batch_limit or DEFAULT_REQUEST)
        chunks = [items[k : k + size] for k in range(0, len(items), size)]
        futures = [(chunk, self._spawn([t for _, t in chunk], cancel)) for chunk in chunks]
        return sentences, futures, None

    def _spawn(self, texts: list[str], cancel: threading.Event | None) -> Future:
        future: Future = Future()

        def run() -> None:
            while not self._slots.acquire(timeout=POLL):
                if cancel is not None and cancel.is_set() or future.cancelled():
                    future.cancel() or future.set_exception(BackendCancelled("translation cancelled"))
                    return
            try:
                if future.set_running_or_notify_cancel():
                    try:
                        future.set_result(self._send(texts, cancel))
                    except BaseException as exc:  # noqa: BLE001 - handed to the waiter
                        future.set_exception(exc)
            finally:
                self._slots.release()

        threading.Thread(target=run, name="libretranslate", daemon=True).start()
        return future

    def _collect(self, running, cancel: threading.Event | None):
        sentences, futures, problem = running
        pieces: dict[int, list] = {}
        pending = {f for _, f in futures}
        while pending:
            if cancel is not None and cancel.is_set():
                for f in pending:
                    f.cancel()  # not started yet: never sent; in flight: its answer is dropped
                raise BackendCancelled("translation cancelled")
            _done, pending = wait(pending, timeout=POLL, return_when=FIRST_COMPLETED)
        for chunk, future in futures:
            try:
                texts = future.result()
            except BackendCancelled:
                raise
            except ServerUnavailable as exc:
                problem = problem or exc
                texts = [None] * len(chunk)
            for (i, _), text in zip(chunk, texts):
                pieces.setdefault(i, []).append(text)
        results: list[SentenceResult | None] = []
        done = 0
        for i, s in enumerate(sentences):
            if not s.strip():
                results.append(SentenceResult())
                continue
            parts = pieces.get(i)
            if parts is None or any(p is None for p in parts):
                results.append(None)
                continue
            if len(parts) == 1:
                one = parts[0]
                results.append(SentenceResult.failure(str(one)) if isinstance(one, _Failed) else SentenceResult(one))
            else:  # a sentence over the character limit, sent in parts
                results.append(join_results([SentenceResult.failure(str(p)) if isinstance(p, _Failed) else SentenceResult(p) for p in parts]))
            done += not results[-1].failed
        with self._lock:
            self.sentences_translated += done
        if problem is None and any(r is None for r in results):
            problem = ServerUnavailable(f"{self.client.url}: no answer for some sentences")
        return results, problem

    def _send(self, texts: list[str], cancel: threading.Event | None) -> list:
        """Translations of `texts` (or _Failed), splitting the request when the server refuses it."""
        limit = self.batch_limit  # learned while this request waited for its turn?
        if limit is not None and len(texts) > limit:
            return [t for k in range(0, len(texts), limit) for t in self._send(texts[k : k + limit], cancel)]
        try:
            return self.client.translate(texts, self.source, self.target, cancel=cancel)[0]
        except Rejected as exc:
            return self._after_rejection(texts, exc, cancel)

    def _after_rejection(self, texts: list[str], exc: Rejected, cancel: threading.Event | None) -> list:
        size, limit = exc.limit() or (None, None)
        if len(texts) == 1:
            text = texts[0]
            if size == len(text) and limit is not None and limit < len(text):
                self._learn("char_limit", limit)
                parts = [self._send([p], cancel)[0] for p in pieces(text, limit)]
                failed = next((p for p in parts if isinstance(p, _Failed)), None)
                return [failed if failed is not None else " ".join(parts)]
            return [_Failed(f"the server could not translate this sentence ({exc.message})")]
        if size == len(texts) and limit is not None and 0 < limit < len(texts):
            self._learn("batch_limit", limit)
            step, learn = limit, False
        else:
            step, learn = -(-len(texts) // 2), True  # unknown cause: halve, and see
        out: list = []
        for k in range(0, len(texts), step):
            out.extend(self._send(texts[k : k + step], cancel))
        if learn and not any(isinstance(t, _Failed) for t in out):
            self._learn("batch_limit", step)  # every half went through: the size was the problem
        return out

    def _learn(self, name: str, value: int) -> None:
        with self._lock:
            old = getattr(self, name)
            if old is None or value < old:
                setattr(self, name, value)

    def alternatives(self, sentence: str, n: int = 4, *, prefix: str = "") -> list[str]:
        """Up to n distinct translations, best first (`alternatives` of /translate)."""
        if prefix:
            raise NotImplementedError("LibreTranslate gives no word-level alternatives")
        if not sentence.strip() or n < 1:
            return []
        self.connect()
        want = min(n, self.alternatives_limit + 1 if self.alternatives_limit is not None else n)
        texts = pieces(sentence, self.char_limit)
        if len(texts) > 1:  # alternatives of a cut sentence mean little: the best one only
            return [" ".join(self.client.translate([t], self.source, self.target)[0][0] for t in texts)]
        try:
            best, alts = self.client.translate(texts, self.source, self.target, alternatives=want - 1)
        except Rejected as exc:
            cap = exc.alternatives_limit()
            if cap is None or cap + 1 >= want:
                raise ServerUnavailable(f"{self.client.url}: {exc.message}") from None
            self._learn("alternatives_limit", cap)
            return self.alternatives(sentence, n)
        seen: list[str] = []
        for text in [best[0], *alts[0]]:
            if text and text not in seen:
                seen.append(text)
        return seen[:n]

    def score(self, pairs: Sequence[tuple[str, str]]) -> list[SentenceResult | None]:
        return [None] * len(pairs)  # LibreTranslate returns no scores

    def close(self) -> None:
        self.client.session.close()
