"""The server first, the laptop's own model while the server cannot be reached.

`FallbackBackend` sends each batch to the server. When the server is unreachable it says
so once (`notify`), translates with the local model, and looks for the server again every
`retry_after` seconds; when the server answers it says so once and goes back to it. Each
result carries the identity of the backend that made it (`SentenceResult.model_id`), so
the MT cache keeps the server's translations and the local ones apart.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace

from desktop.translation.backend import BackendCancelled, BackendUnavailable, Limits, SentenceResult, Waiter
from desktop.translation.lt_client import Unreachable
from desktop.translation.splitting import submit_split

RETRY_AFTER = 10.0  # seconds between looks for a server that was unreachable


@dataclass(frozen=True)
class Notice:
    """The server went away ("down") or came back ("up"); str() is the sentence for a log."""

    kind: str  # "down" | "up"
    server: str  # the server's description
    detail: str  # why it is down ("" when up)
    stand_in: str = ""  # what translates meanwhile

    def __str__(self) -> str:
        if self.kind == "up":
            return f"{self.server} is reachable again: translating there"
        return f"{self.detail} — translating on this computer with {self.stand_in} until the server is back"


Notify = Callable[[Notice], None]


class LocalFallback:
    """The local model, loaded only when first needed (loading takes a moment)."""

    def __init__(self, model_id: str, description: str, load: Callable[[], object]) -> None:
        self.model_id = model_id
        self.description = description
        self._load = load
        self._backend = None
        self._lock = threading.Lock()

    @property
    def backend(self):
        with self._lock:
            if self._backend is None:
                self._backend = self._load()
            return self._backend


class FallbackBackend:
    """A `TranslationBackend` over a server backend and an optional local fallback."""

    accepts_cancel = True

    def __init__(
        self,
        primary,
        fallback: LocalFallback | None = None,
        *,
        notify: Notify | None = None,
        retry_after: float = RETRY_AFTER,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.primary = primary
        self.fallback = fallback
        self.notify = notify or (lambda _message: None)
        self.retry_after = retry_after
        self.clock = clock
        self._lock = threading.Lock()
        self._down: BackendUnavailable | None = None  # why the server is not used now
        self._next_look = 0.0

    # -- which backend is in use -------------------------------------------------------

    @property
    def server_down(self) -> bool:
        return self._down is not None

    def _current(self):
        if self._down is not None and self.fallback is not None:
            return self.fallback.backend
        return self.primary

    @property
    def model_id(self) -> str:
        """The identity of what translates now: the server's, or the local model's while
        the server is unreachable (a job then skips what the local model already did)."""
        if self._down is not None and self.fallback is not None:
            return self.fallback.model_id
        return self.primary.model_id

    @property
    def description(self) -> str:
        if self._down is not None and self.fallback is not None:
            return f"{self.fallback.description}, while {self.primary.description} is unreachable"
        return self.primary.description

    @property
    def limits(self) -> Limits:
        return self._current().limits

    @property
    def replicas(self) -> int:
        return self.primary.replicas

    @property
    def sentences_translated(self) -> int:
        local = self.fallback._backend if self.fallback is not None else None
        return self.primary.sentences_translated + (local.sentences_translated if local is not None else 0)

    def fits(self, sentence: str) -> bool:
        """Always: each backend splits what it cannot take itself, so a sentence's parts are
        never made by two backends (one identity per stored translation)."""
        return True

    def check(self) -> bool:
        """Ask the server now (before a job: it decides which cache entries count, and the
        server may have restarted with other limits); True when it is usable. Unreachable
        with no local model raises; a server that refuses us raises too."""
        try:
            self._ask_primary()
        except Unreachable as exc:
            if self.fallback is None:
                raise
            self._went_down(exc)
            return False
        self._back_up()
        return True

    def _ask_primary(self) -> None:
        if hasattr(self.primary, "forget_server"):
            self.primary.forget_server()
        if hasattr(self.primary, "connect"):
            self.primary.connect()

    def _back_up(self) -> None:
        with self._lock:
            was, self._down = self._down, None
        if was is not None:
            self.notify(Notice("up", self.primary.description, ""))

    def _look(self) -> bool:
        """If the server was down and it is time, ask it again; True when it is up."""
        with self._lock:
            if self._down is None:
                return True
            if self.clock() < self._next_look:
                return False
            self._next_look = self.clock() + self.retry_after
        try:
            self._ask_primary()
        except Unreachable:
            return False
        except BackendUnavailable:  # reachable, but refusing: not a reason to fall back
            with self._lock:
                self._down = None
            raise
        self._back_up()
        return True

    def _went_down(self, problem: BackendUnavailable) -> None:
        with self._lock:
            first = self._down is None
            self._down = problem
            self._next_look = self.clock() + self.retry_after
        if first and self.fallback is not None:
            self.notify(Notice("down", self.primary.description, str(problem), self.fallback.description))

    # -- translation ---------------------------------------------------------------------

    def submit(self, sentences: Sequence[str], cancel: threading.Event | None = None) -> Waiter:
        started = None
        if self.fallback is None or self._look():
            if hasattr(self.primary, "submit_partial"):
                started = self.primary.submit_partial(sentences, cancel)
            else:
                started = _as_partial(self.primary.submit(sentences), len(sentences))

        def waiter() -> list[SentenceResult]:
            results: list[SentenceResult | None] = [None] * len(sentences)
            if started is not None:
                results, problem = started()
                if problem is None:
                    return [_tagged(r, self.primary.model_id) for r in results]
                if isinstance(problem, BackendCancelled) or not isinstance(problem, Unreachable) or self.fallback is None:
                    raise problem
                self._went_down(problem)
            missing = [i for i, r in enumerate(results) if r is None]
            local = self.fallback.backend
            done = submit_split(_cancellable(local, cancel), [sentences[i] for i in missing])()
            out = [_tagged(r, self.primary.model_id) if r is not None else None for r in results]
            for i, r in zip(missing, done):
                out[i] = _tagged(r, self.fallback.model_id)
            return out  # type: ignore[return-value]

        return waiter

    def alternatives(self, sentence: str, n: int = 4, *, prefix: str = "") -> list[str]:
        if self.fallback is None or self._look():
            try:
                return self.primary.alternatives(sentence, n, prefix=prefix)
            except Unreachable as exc:
                if self.fallback is None:
                    raise
                self._went_down(exc)
        return self.fallback.backend.alternatives(sentence, n, prefix=prefix)

    def score(self, pairs: Sequence[tuple[str, str]]) -> list[SentenceResult | None]:
        return self._current().score(pairs)


def _tagged(result: SentenceResult, model_id: str) -> SentenceResult:
    return result if result.model_id else replace(result, model_id=model_id)


def _cancellable(backend, cancel: threading.Event | None):
    if cancel is None or not getattr(backend, "accepts_cancel", False):
        return backend
    from desktop.translation.backends import with_cancel

    return with_cancel(backend, cancel)


def _as_partial(waiter: Waiter, count: int):
    def run():
        try:
            return waiter(), None
        except BackendUnavailable as exc:
            return [None] * count, exc

    return run
