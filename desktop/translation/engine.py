"""Sentence translation with CTranslate2, many sentences per call.

`argostranslate.translate` is not used: on first use it downloads sentence-boundary
models, and it sends CTranslate2 one paragraph's sentences at a time in 32-token
batches. Glose already has the sentences; it tokenizes them with the package's own
tokenizer (Argos's tokenizer classes, so tokens match), translates them together with
`translate_batch` (token-based batches, sorted by length inside CTranslate2), and
detokenizes exactly as `argostranslate.translate.apply_packaged_translation` does. With
the same decoding options, each sentence's output is what Argos gives for it.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Sequence
from dataclasses import dataclass, field

from desktop.translation.backend import Limits, SentenceResult, Waiter
from desktop.translation.ct2_scoring import continuations, score_pairs
from desktop.translation.ct2_model import PositionLimits, position_limits
from desktop.translation.packages import ModelError, ModelInfo

# Argos's decoding options (argostranslate.settings defaults and apply_packaged_translation).
ARGOS_BEAM_SIZE = 4
LENGTH_PENALTY = 0.2
# Chosen by measurement (tests/bench/bench_translation.py): beam 4 gives Argos's output
# (beam 2 measured 1.5-2x faster; GLOSE_BEAM_SIZE=2 trades some quality for speed);
# CTranslate2 reaches full speed from about 1,000 tokens per batch on 2 cores.
DEFAULT_BEAM_SIZE = ARGOS_BEAM_SIZE
DEFAULT_BATCH_TOKENS = 2048
# Longest input without position limits in the model: CTranslate2's own default cut-off.
UNLIMITED_INPUT_TOKENS = 1024
# Longest input worth sending as one piece (`fits`): MT models are trained on sentences
# of up to ~100-200 tokens and ramble or stop early past that. Longer sentences are cut
# at clause boundaries first (splitting.py). About 800-1,000 characters of French.
PREFERRED_INPUT_TOKENS = 200
# Argos's (CTranslate2's default) output limit, raised for long inputs (they would be cut).
DECODING_TOKENS = 256
MAX_ALTERNATIVES = 8


def default_beam_size() -> int:
    value = os.environ.get("GLOSE_BEAM_SIZE", "")
    return int(value) if value.isdigit() and int(value) > 0 else DEFAULT_BEAM_SIZE


def cpu_threads() -> int:
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


def interactive_threads() -> int:
    """Threads for the app's model: all cores but one, so the UI thread always has a core to
    itself (on 2 cores, all cores made hover and scroll stutter by 100-250 ms while a batch
    ran; measured by tests/ui/test_main_window.py::test_no_stall_over_100ms_...)."""
    return max(1, cpu_threads() - 1)


def default_replicas(threads: int) -> int:
    """One single-threaded replica per core: measured faster than one replica using all
    cores (tests/bench/bench_translation.py), as small int8 matrices parallelise poorly.
    CPU replicas share the model's weights, so memory barely grows."""
    value = os.environ.get("GLOSE_TRANSLATION_REPLICAS", "")
    return int(value) if value.isdigit() and int(value) > 0 else threads


def best_compute_type() -> str:
    """int8 where the CPU supports it (Argos models ship int8 weights), else the model's own."""
    import ctranslate2

    supported = ctranslate2.get_supported_compute_types("cpu")
    return "int8" if "int8" in supported else "default"


def argos_detokenize(tokenizer, tokens: list[str], target_prefix: str) -> str:
    """The text Argos makes of a hypothesis (see apply_packaged_translation)."""
    value = tokenizer.decode(tokens)
    if target_prefix != "" and value.startswith(target_prefix):
        value = value[len(target_prefix) :]
    if len(value) > 0 and value[0] == " ":
        value = value[1:]
    return value


@dataclass
class Engine:
    """A loaded model: the local `TranslationBackend` (desktop.translation.backend).

    Thread-safe: CTranslate2 serialises work on its own thread pool."""

    model: ModelInfo
    translator: object
    tokenizer: object
    beam_size: int = DEFAULT_BEAM_SIZE
    batch_tokens: int = DEFAULT_BATCH_TOKENS
    compute_type: str = "default"
    threads: int = 1  # CPU threads in all
    replicas: int = 1  # batches decoded at once, each on threads // replicas threads
    positions: PositionLimits = PositionLimits(None, None)  # from model.bin
    sentences_translated: int = 0  # counts MT work done, for progress reports and tests
    _count_lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    @property
    def model_id(self) -> str:
        return self.model.model_id

    @property
    def description(self) -> str:
        return f"Argos {self.model.from_code}→{self.model.to_code} {self.model.version} (this computer)"

    @property
    def limits(self) -> Limits:
        return Limits(
            max_input_tokens=self.max_input_tokens, max_alternatives=MAX_ALTERNATIVES, prefix_alternatives=True, scores=True
        )

    length_penalty = LENGTH_PENALTY

    @property
    def max_input_tokens(self) -> int:
        """Source tokens one input may have: the encoder's positions."""
        return self.positions.encoder or UNLIMITED_INPUT_TOKENS

    def max_decoding_length(self, longest: int) -> int:
        """Room for an English output longer than its French input, within the decoder's
        positions (CTranslate2 fails the whole batch past them; its default of 256 tokens
        silently cut long translations)."""
        room = max(DECODING_TOKENS, 2 * longest + 16)
        if self.positions.decoder:
            room = min(room, self.positions.decoder - len(self.prefix_tokens()))
        return max(1, room)

    def tokenize(self, sentence: str) -> list[str]:
        return self.tokenizer.encode(sentence)

    def fits(self, sentence: str) -> bool:
        """Short enough to translate well as one piece (submit accepts up to max_input_tokens)."""
        return len(self.tokenize(sentence)) <= min(self.max_input_tokens, PREFERRED_INPUT_TOKENS)

    def prefix_tokens(self) -> list[str]:
        """The token the model's translations start with (some multilingual models), if any."""
        return [self.model.target_prefix] if self.model.target_prefix else []

    def _prefix(self, n: int) -> list[list[str]] | None:
        prefix = self.prefix_tokens()
        return [prefix] * n if prefix else None

    def _run(self, tokenized: list[list[str]], num_hypotheses: int, beam_size: int, asynchronous: bool = False):
        return self.translator.translate_batch(
            tokenized,
            target_prefix=self._prefix(len(tokenized)),
            replace_unknowns=True,
            max_batch_size=self.batch_tokens,
            batch_type="tokens",
            beam_size=beam_size,
            num_hypotheses=num_hypotheses,
            length_penalty=LENGTH_PENALTY,
            return_scores=True,
            max_input_length=0,  # never truncate silently: fits() keeps inputs in range
            max_decoding_length=self.max_decoding_length(max(map(len, tokenized), default=0)),
            asynchronous=asynchronous,
        )

    def _result(self, hypothesis: list[str], score: float) -> SentenceResult:
        text = argos_detokenize(self.tokenizer, hypothesis, self.model.target_prefix)
        return SentenceResult(text, mean_log_prob(score, len(hypothesis), LENGTH_PENALTY, len(self.prefix_tokens())))

    def submit(self, sentences: Sequence[str]) -> Waiter:
        """Start translating; returns a function that waits for the results, in order.

        Work queues in CTranslate2 in submission order, so a caller can submit the next
        batch before reading this one and the model never waits for Python in between.
        The sentences are split, by length, into one part per replica: a small batch
        (the first screen) still uses every core, and each part pads little. A sentence
        longer than the model accepts fails alone; if CTranslate2 still rejects a part,
        its sentences are retried one by one so only the culprit fails.
        """
        out = [SentenceResult() for _ in sentences]
        todo = []
        for i, s in enumerate(sentences):
            if not s.strip():
                continue
            tokens = self.tokenize(s)
            if len(tokens) > self.max_input_tokens:
                out[i] = SentenceResult.failure(too_long(len(tokens), self.max_input_tokens))
            else:
                todo.append((i, tokens))
        parts = _length_parts(todo, self.replicas)
        running = [(part, self._run([t for _, t in part], 1, self.beam_size, asynchronous=True)) for part in parts]

        def result() -> list[SentenceResult]:
            for part, futures in running:
                try:
                    hyps = [f.result() for f in futures]
                except (RuntimeError, ValueError):  # one sentence spoils its batch: find it
                    hyps = None
                if hyps is None:
                    for i, tokens in part:
                        out[i] = self._alone(tokens)
                else:
                    for (i, _), res in zip(part, hyps):
                        out[i] = self._result(res.hypotheses[0], res.scores[0])
            with self._count_lock:
                self.sentences_translated += len(todo)
            return out

        return result

    def _alone(self, tokens: list[str]) -> SentenceResult:
        try:
            res = self._run([tokens], 1, self.beam_size)[0]
        except (RuntimeError, ValueError) as exc:
            return SentenceResult.failure(f"the model rejected this sentence: {exc}")
        return self._result(res.hypotheses[0], res.scores[0])

    def translate(self, sentences: list[str]) -> list[str]:
        """One translation per sentence, in order ("" for a blank or failed sentence)."""
        return [r.text for r in self.submit(sentences)()]

    def alternatives(self, sentence: str, n: int = 4, *, prefix: str = "") -> list[str]:
        """The n best distinct translations of one sentence, best first; with `prefix` (the
        English words before the clicked one), its most likely continuations."""
        tokens = self.tokenize(sentence)
        if not sentence.strip() or len(tokens) > self.max_input_tokens:
            return []
        n = max(1, min(n, MAX_ALTERNATIVES))
        if prefix.strip():
            hypotheses = continuations(self, tokens, prefix.strip(), n)
        else:
            hypotheses = self._run([tokens], n, max(n, self.beam_size))[0].hypotheses
        seen: list[str] = []
        for hyp in hypotheses:
            text = argos_detokenize(self.tokenizer, hyp, self.model.target_prefix)
            if text not in seen:
                seen.append(text)
        return seen

    def score(self, pairs: Sequence[tuple[str, str]]) -> list[SentenceResult | None]:
        """Sentence and per-word scores of given translations (see ct2_scoring.score_pairs)."""
        return score_pairs(self, pairs)


def too_long(tokens: int, limit: int) -> str:
    return f"too long for the model ({tokens} tokens; it reads at most {limit})"


def mean_log_prob(score: float, hypothesis_length: int, length_penalty: float, prefix_length: int = 0) -> float:
    """CTranslate2's hypothesis score as the mean log-prob per generated token (comparable
    across lengths, and what score_batch gives): the score is the cumulative log-prob of the
    tokens after the target prefix and </s>, divided by (tokens + 1) ** length_penalty with
    the prefix counted in the tokens (checked against score_batch in the tests)."""
    steps = hypothesis_length + 1
    return score * steps**length_penalty / (steps - prefix_length)


def _length_parts(todo: list[tuple[int, list[str]]], count: int) -> list[list[tuple[int, list[str]]]]:
    """`todo` sorted by length and cut into at most `count` runs of about equal token counts."""
    if not todo:
        return []
    by_length = sorted(todo, key=lambda item: len(item[1]))
    total = sum(len(t) for _, t in by_length)
    parts: list[list[tuple[int, list[str]]]] = [[]]
    seen = 0
    for item in by_length:
        if parts[-1] and seen >= total * len(parts) / count:
            parts.append([])
        parts[-1].append(item)
        seen += len(item[1])
    return parts


def _tokenizer_for(model: ModelInfo):
    from argostranslate.package import Package

    pkg = Package(model.path)
    tok = getattr(pkg, "tokenizer", None)
    if tok is None:
        raise ModelError(f"{model.path}: the package has no sentencepiece.model or bpe.model; reinstall it")
    return tok


def create_engine(
    model: ModelInfo,
    *,
    beam_size: int | None = None,
    batch_tokens: int = DEFAULT_BATCH_TOKENS,
    compute_type: str | None = None,
    threads: int | None = None,
    replicas: int | None = None,
) -> Engine:
    """Load a model (slow: do it off the UI thread). Prefer `load_engine`, which caches."""
    import ctranslate2

    compute = compute_type or best_compute_type()
    n = threads or cpu_threads()
    r = max(1, min(n, replicas or default_replicas(n)))
    try:
        translator = ctranslate2.Translator(
            str(model.path / "model"), device="cpu", compute_type=compute, inter_threads=r, intra_threads=n // r
        )
    except (RuntimeError, ValueError, OSError) as exc:
        raise ModelError(f"{model.path}: the model cannot be loaded ({exc}); reinstall it") from exc
    tokenizer = _tokenizer_for(model)
    if hasattr(tokenizer, "lazy_processor"):
        tokenizer.lazy_processor()  # load SentencePiece now, not on the first sentence
    return Engine(
        model, translator, tokenizer, beam_size or default_beam_size(), batch_tokens, compute, n, r,
        position_limits(model.path / "model"),
    )


_engines: dict[tuple, Engine] = {}
_engines_lock = threading.Lock()


def load_engine(model: ModelInfo, **options) -> Engine:
    """The engine for `model`, loaded once per process and kept."""
    key = (str(model.path), model.model_id, tuple(sorted(options.items())))
    with _engines_lock:
        engine = _engines.get(key)
        if engine is None:
            engine = create_engine(model, **options)
            _engines[key] = engine
        return engine


def unload_engines() -> None:
    """Forget loaded engines (after a model is removed or replaced)."""
    with _engines_lock:
        _engines.clear()
