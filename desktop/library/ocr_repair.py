"""OCR slips in text that was already OCR'd, repaired only where the lexicon makes it certain.

- an acute accent or a backquote standing for an apostrophe after an elided word:
  `l´histoire`, `qu´il`, `aujourd´hui` → `l'histoire`, `qu'il`, `aujourd'hui`;
- a lost apostrophe: `sest`, `dexpériences`, `quil`, `Cest` → `s'est`, `d'expériences`,
  `qu'il`, `C'est`, `dAsie` → `d'Asie`: `s'`, `n'`, `m'`, `t'`, `j'`, `c'` only before a verb
  (or y, en, il); after a capital only at a sentence's start and before a few frequent words
  (`Sun`, `Men`, `Linde` are names);
- a circumflex read as another accent, û read as d: `étre` → `être`, `aodt` → `août`.

A word is touched only when it is not a French word form itself (in any case: names
are words too) and exactly one repair makes it one; the apostrophe put back is the one
the text uses most. Anything else is left as it is: a guess would change correct words.
"""

from __future__ import annotations

import re
from functools import lru_cache

from desktop.library.lexicon import WordSet

_ELISIONS = ("jusqu", "lorsqu", "puisqu", "quoiqu", "qu", "l", "d", "j", "m", "n", "s", "t", "c")
_VOWEL_H = "aeiouyhàâäéèêëîïôöûùüœæ"
# An acute accent (U+00B4), a backquote or a modifier prime where an apostrophe belongs.
_FALSE_APOSTROPHE = re.compile(
    r"(?<![^\W\d_])(?P<head>(?:[jJ]usqu|[lL]orsqu|[pP]uisqu|[qQ]uoiqu|[qQ]u|[lLdDjJmMnNsStTcC]|aujourd))"
    r"[´`ʹ](?=[^\W\d_])"
)
# Elided pronouns stand before a verb (or y, en, il): `s'hop` or `m'en` in `Mad Men` is no repair.
_BEFORE_VERBS = frozenset("s n m t j c".split())
_PRONOUNS = frozenset("il ils y en".split())
# After a capital (`Cest`, `Quil`), only these: a name (`Linde`, `Dun`, `Den`) must stay.
_AFTER_CAPITAL = frozenset(
    "est était étaient il ils elle elles on avait avaient ont autre autres abord "
    "ailleurs après aucun aucune ici eux entre ensemble".split()
)
# An elision glued to a capitalised word: dAsie, lUnion, quEurope.
_GLUED_NAME = re.compile(r"(qu|[ldjmnstc])([A-ZÀ-ÖØ-Þ][a-zà-öø-ÿ]+)$")
_WORD = re.compile(r"(?<![\w'’´`-])[^\W\d_]{3,}(?![\w'’´`-])")
# What OCR misreads in French print: a circumflex as an acute or grave accent (étre, fenétre),
# û as d (aodt). Typing slips (suggèrait, annonçé) are the author's and stay.
_OCR_SWAPS = {"é": "ê", "è": "ê", "d": "û"}
_ACCENTED = set("éèêëàâùûîïôç")


def _lost_apostrophe(word: str, words: WordSet) -> str | None:
    lower = word.lower()
    found = []
    for head in _ELISIONS:
        rest = lower[len(head) :]
        if not lower.startswith(head) or len(rest) < 2 or rest[0] not in _VOWEL_H:
            continue
        if head in _BEFORE_VERBS:
            fits = rest in _PRONOUNS or _verb(rest, words)  # s'est, n'y, j'ai; not s'hop
        else:
            fits = _common(rest, words)
        if word[0].isupper():
            fits = fits and rest in _AFTER_CAPITAL
        if fits:
            found.append(head)
    if len(found) != 1:
        return None
    head = found[0]
    return f"{word[: len(head)]}\u0000{word[len(head) :]}"


def _swapped(word: str, words: WordSet) -> str | None:
    if not (_ACCENTED & set(word) or "d" in word):
        return None
    candidates = set()
    for i, ch in enumerate(word):
        for other in _OCR_SWAPS.get(ch, ""):
            if ch == "d" and (other != "û" or i == 0):
                continue
            candidate = word[:i] + other + word[i + 1 :]
            if candidate in words:
                candidates.add(candidate)
    if len(candidates) != 1:
        return None
    (candidate,) = candidates
    if not (_ACCENTED & set(word)) and "û" not in candidate:
        return None
    return candidate


def _verb(word: str, words: WordSet) -> bool:
    verb = getattr(words, "verb", None)
    return verb(word) if verb is not None else word in words


def _common(word: str, words: WordSet) -> bool:
    common = getattr(words, "common", None)
    return common(word) if common is not None else word in words


def _sentence_start(text: str, pos: int) -> bool:
    before = text[max(0, pos - 4) : pos].rstrip(" \u00a0\u202f«\"“—–-")
    return not before or before[-1] in ".!?…:»\"”"


_PRONOUN_ENDS = ("\u0000en", "\u0000y")
_PARTICLES = frozenset("van von der den ten ter vander".split())


def _in_a_name(text: str, start: int, end: int) -> bool:
    """Is this word between a name's particle (van, von) and a capital, where the pronoun
    "en" or "y" never stands (it comes before a verb: d'en parler)?"""
    before = text[max(0, start - 12) : start].split()
    after = text[end : end + 3].lstrip(" \u00a0")
    return bool(before and before[-1].lower() in _PARTICLES) or after[:1].isupper()


def _apostrophe_of(text: str) -> str:
    return "’" if text.count("’") > text.count("'") else "'"


def repair_ocr_slips(text: str, words: WordSet) -> str:
    """`text` with the certain OCR slips repaired (see the module's doc)."""
    if not words:
        return text
    apostrophe = _apostrophe_of(text)
    if "´" in text or "`" in text or "ʹ" in text:
        text = _FALSE_APOSTROPHE.sub(lambda m: m.group("head") + apostrophe, text)

    if all(_repair_word(word, words) is None for word in set(_WORD.findall(text))):
        return text  # the common case, found at C speed: nothing to repair

    def fix(m: re.Match[str]) -> str:
        word = m.group(0)
        if word[0].isupper() and not _sentence_start(text, m.start()):
            return word  # Sun, Men, Lorient: a capital inside a sentence is a name
        repaired = _repair_word(word, words)
        if repaired is not None and repaired.endswith(_PRONOUN_ENDS) and _in_a_name(text, m.start(), m.end()):
            return word  # van den Berg, von der Leyen: a name's particle, not d'en
        return word if repaired is None else repaired.replace("\u0000", apostrophe)

    return _WORD.sub(fix, text)


@lru_cache(maxsize=1 << 16)
def _repair_word(word: str, words: WordSet) -> str | None:
    """The repair of one word (\u0000 where an apostrophe goes), or None. A document repeats
    its words: each distinct one is looked up once."""
    if word in words:
        return None
    glued = _GLUED_NAME.match(word)
    if glued and glued.group(2) in words:
        return glued.group(1) + "\u0000" + glued.group(2)  # dAsie -> d'Asie
    if not (word.islower() or word[1:].islower()):
        return None
    repaired = _lost_apostrophe(word, words)
    if repaired is None and word.islower():
        repaired = _swapped(word, words)
    return repaired
