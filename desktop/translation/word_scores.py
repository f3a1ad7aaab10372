"""Per-word confidence from subword log-probabilities (Bergamot's unsupervised estimate).

A SentencePiece piece that starts with "▁" starts a new word, so a word's score is the mean
log-probability of its pieces. Words are placed on the text as the user sees it (its
whitespace-separated runs), which survives SentencePiece's normalisation (no-break spaces,
doubled spaces) that decoding the pieces would not give back exactly.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Sequence

from desktop.translation.backend import WordScore

_WORD = re.compile(r"\S+")


def _groups(pieces: Sequence[str], log_probs: Sequence[float]) -> list[tuple[str, list[float]]]:
    """(surface, log-probs) per word: a piece starting with "▁" opens a word, the others
    continue it (so a lone "▁" before "«" makes the word "«")."""
    groups: list[tuple[str, list[float]]] = []
    for piece, lp in zip(pieces, log_probs):
        if piece.startswith("▁") or not groups:
            groups.append((piece.lstrip("▁"), [lp]))
        else:
            groups[-1][1].append(lp)
            groups[-1] = (groups[-1][0] + piece, groups[-1][1])
    return groups


def word_scores(text: str, pieces: Sequence[str], log_probs: Sequence[float]) -> tuple[WordScore, ...]:
    """One WordScore per word of `text`, from the pieces of `text` and their log-probs.

    `pieces` are the target tokens without the model's target prefix and without `</s>`."""
    groups = [g for g in _groups(pieces, log_probs) if g[0]]
    words = list(_WORD.finditer(text))
    out: list[WordScore] = []
    if len(groups) == len(words):
        for m, (_, lps) in zip(words, groups):
            out.append(WordScore(m.start(), m.end(), sum(lps) / len(lps)))
        return tuple(out)
    # Rare (a normalisation that changed the word count): place each group where it is found.
    pos = 0
    for surface, lps in groups:
        at = text.find(surface, pos)
        if at < 0:
            continue
        out.append(WordScore(at, at + len(surface), sum(lps) / len(lps)))
        pos = at + len(surface)
    return tuple(out)


def dump(words: Sequence[WordScore] | None) -> str | None:
    """JSON for the database: [[start, end, log-prob], ...] (log-probs to 4 decimals)."""
    if words is None:
        return None
    return json.dumps([[w.start, w.end, round(w.score, 4)] for w in words], separators=(",", ":"))


def load(data: str | None) -> tuple[WordScore, ...] | None:
    if data is None:
        return None
    return tuple(WordScore(int(a), int(b), float(s)) for a, b, s in json.loads(data))


def probability(log_prob: float | None) -> float | None:
    """A mean log-probability as a probability in (0, 1] (what the UI shows)."""
    return None if log_prob is None else math.exp(log_prob)
