"""The one interface every translation backend implements (local CTranslate2, LibreTranslate).

Jobs, the CLI and the reader only talk to a `TranslationBackend`; they never ask which kind
it is. The contract, in short:

- `model_id` is the backend's identity and the MT cache key: two backends with the same id
  must give the same translations (same model, same version, same decoding). What a server
  translated is read offline later under its id.
- `submit(sentences)` starts work and returns a `Waiter`; calling it blocks until every
  sentence has a `SentenceResult`, in input order. A sentence the backend cannot translate
  comes back failed (`error` set) and the others are still translated. Only when the whole
  backend is unusable (server unreachable, model gone) does the waiter raise
  `BackendUnavailable`; the job then stops and keeps what it committed.
- `limits` says what one input may hold (`fits` checks one sentence); callers split longer
  sentences before submitting them (see `desktop.translation.splitting`).
- `alternatives` gives the n best translations of one sentence; with `prefix`, the best
  completions of the words before a clicked word (only when `limits.prefix_alternatives`).
- `score` rates translations a person wrote (post-edits), when `limits.scores` says it can.

Scores are natural-log probabilities (<= 0; nearer 0 = more confident): `score` is the
sentence's length-normalised log-probability, `words` the mean log-probability of the
subword tokens of each word of the translation.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Protocol, runtime_checkable


class BackendUnavailable(RuntimeError):
    """The backend cannot work at all right now (not: one sentence failed). The message is
    for the user: it names the model or server and what to do."""


class BackendCancelled(BackendUnavailable):
    """The job's cancel event was set while a waiter waited (a backend that can stop
    mid-batch raises it); the job ends as cancelled and keeps what it committed."""


@dataclass(frozen=True)
class WordScore:
    """One word of a translation: `text[start:end]` and its mean subword log-probability."""

    start: int
    end: int
    score: float


@dataclass(frozen=True)
class SentenceResult:
    """What a backend made of one sentence: a translation, or the reason there is none."""

    text: str = ""
    score: float | None = None  # length-normalised log-prob of the whole sentence
    words: tuple[WordScore, ...] | None = None  # per word of `text`, in order
    error: str | None = None  # set when the sentence could not be translated (text is "")
    model_id: str | None = None  # who translated it, when not the submitting backend (a fallback)

    @property
    def failed(self) -> bool:
        return self.error is not None

    @classmethod
    def failure(cls, reason: str) -> SentenceResult:
        return cls(error=reason)


Waiter = Callable[[], list[SentenceResult]]


@dataclass(frozen=True)
class Limits:
    """What a backend accepts and can do. None = no limit known."""

    max_input_tokens: int | None = None  # subword tokens of one input sentence
    max_input_chars: int | None = None  # characters of one input sentence
    max_alternatives: int = 8  # largest useful n for `alternatives`
    prefix_alternatives: bool = False  # `alternatives(..., prefix=...)` is honoured
    scores: bool = False  # results carry `score`/`words`, and `score()` works


@runtime_checkable
class TranslationBackend(Protocol):
    """A French→English translator. Implementations must be safe to call from any thread."""

    @property
    def model_id(self) -> str:
        """Stable identity, e.g. "translate-fr_en@1.9" or "libretranslate:host:5000/fr-en";
        the MT cache key. Changes whenever the translations could change."""
        ...

    @property
    def description(self) -> str:
        """One short human line for the status bar, e.g. "Argos fr→en 1.9 (this computer)"."""
        ...

    @property
    def limits(self) -> Limits: ...

    @property
    def replicas(self) -> int:
        """Batches the backend works on at once; jobs send about 48 sentences per replica."""
        ...

    @property
    def sentences_translated(self) -> int:
        """Sentences translated since the backend was created (progress and tests)."""
        ...

    def fits(self, sentence: str) -> bool:
        """Whether `sentence` is within `limits` as one input (cheap; no translation)."""
        ...

    def submit(self, sentences: Sequence[str]) -> Waiter:
        """Start translating; returns a waiter for one `SentenceResult` per sentence, in
        order. A blank sentence gives an empty result without work. Submitting the next
        batch before waiting on this one keeps the backend busy; results come back per call."""
        ...

    def alternatives(self, sentence: str, n: int = 4, *, prefix: str = "") -> list[str]:
        """Up to `n` distinct full translations of `sentence`, best first. With `prefix`
        (the English words before the one the user clicked), each starts with `prefix`
        and they differ from the next word on. Raises BackendUnavailable like `submit`."""
        ...

    def score(self, pairs: Sequence[tuple[str, str]]) -> list[SentenceResult | None]:
        """Rate given (source, translation) pairs, e.g. post-edits: one result per pair with
        `score` and `words` over the given translation, or None where it cannot."""
        ...


def translate(backend: TranslationBackend, sentences: Sequence[str]) -> list[SentenceResult]:
    """Translate and wait (for callers that have nothing else to do meanwhile)."""
    return backend.submit(sentences)()
