"""What the local engine does besides translating: score given translations (post-edits,
libraries translated before scores were kept) and continue a translation from a prefix.

Both are CTranslate2 calls on the engine's own translator: `score_batch` (one forward pass
with the target forced: the log-probability of every target token) and `translate_batch`
with `target_prefix` and `return_alternatives` (the n most likely next tokens after the
prefix, each decoded on to the end of the sentence).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import TYPE_CHECKING

from desktop.translation.backend import SentenceResult
from desktop.translation.word_scores import word_scores

if TYPE_CHECKING:
    from desktop.translation.engine import Engine

# Alternatives less likely than this at the clicked word are not worth a line in the menu.
MIN_ALTERNATIVE_PROB = 0.01


def score_pairs(engine: Engine, pairs: Sequence[tuple[str, str]]) -> list[SentenceResult | None]:
    """Sentence and word scores of given (source, translation) pairs; None for a blank pair
    or one longer than the model accepts."""
    prefix = engine.prefix_tokens()
    out: list[SentenceResult | None] = [None] * len(pairs)
    todo = []
    for i, (source, target) in enumerate(pairs):
        if not source.strip() or not target.strip():
            continue
        src, tgt = engine.tokenize(source), engine.tokenize(target)
        room = engine.positions.decoder
        if len(src) > engine.max_input_tokens or (room and len(prefix) + len(tgt) + 1 > room):
            continue
        todo.append((i, src, tgt, target))
    if not todo:
        return out
    try:
        results = _score(engine, [s for _, s, _, _ in todo], [prefix + t for _, _, t, _ in todo], len(prefix))
    except (RuntimeError, ValueError):  # one pair spoils the batch: score them alone, skip the culprit
        results = []
        for _, s, t, _ in todo:
            try:
                results += _score(engine, [s], [prefix + t], len(prefix))
            except (RuntimeError, ValueError):
                results.append(None)
    for (i, _, tgt, text), res in zip(todo, results):
        if res is None:
            continue
        lps = list(res.log_probs)  # one per target token after the prefix, then </s>
        out[i] = SentenceResult(text, sum(lps) / len(lps), word_scores(text, tgt, lps[: len(tgt)]))
    return out


def _score(engine: Engine, sources: list[list[str]], targets: list[list[str]], offset: int) -> list:
    return engine.translator.score_batch(
        sources, targets, max_batch_size=engine.batch_tokens, batch_type="tokens", max_input_length=0, offset=offset
    )


def continuations(engine: Engine, tokens: list[str], prefix: str, n: int) -> list[list[str]]:
    """Hypotheses (token lists, the model's prefix first) starting with the English `prefix`
    and differing from the next word on, most likely first; a next word less likely than
    MIN_ALTERNATIVE_PROB is dropped (the best one is always kept).

    The threshold is applied here, not by CTranslate2's `min_alternative_expansion_prob`:
    CTranslate2 4.x kills the process (SIGFPE) when no candidate reaches it, which a flat
    distribution at the clicked word does (seen with the test model)."""
    target = engine.prefix_tokens() + engine.tokenize(prefix)
    # Each alternative is completed greedily: a suggestion to pick from, at a fifth of the
    # cost of a beam of 8 (measured: 86 against 479 ms CPU for 8 alternatives, base-size model).
    hyps = engine.translator.translate_batch(
        [tokens],
        target_prefix=[target],
        return_alternatives=True,
        num_hypotheses=2 * n,  # some may continue the prefix's last word: left out
        beam_size=1,
        length_penalty=engine.length_penalty,
        replace_unknowns=True,
        max_input_length=0,
        max_decoding_length=engine.max_decoding_length(max(len(tokens), len(target))),
    )[0].hypotheses
    hyps = [h for h in hyps if len(h) > len(target)]
    # A new word after the prefix ("▁" opens a word), not more letters for its last word.
    hyps = [h for h in hyps if h[len(target)].startswith("▁")][:n] or hyps[:n]
    if len(hyps) <= 1 or MIN_ALTERNATIVE_PROB <= 0:
        return hyps
    # The log-prob of each hypothesis's first token after the prefix.
    firsts = _score(engine, [tokens] * len(hyps), [h[: len(target) + 1] for h in hyps], len(target))
    floor = math.log(MIN_ALTERNATIVE_PROB)
    return [h for i, (h, r) in enumerate(zip(hyps, firsts)) if i == 0 or r.log_probs[0] >= floor]
