"""French sentence segmentation with exact character offsets.

Rule-based, because nothing permissive did better on our gold standard (see
tests/bench/bench_segmentation.py: pysbd and sentencex both lose points on
French abbreviations, guillemets and ellipses; minisbd is AGPL and fetches its
model from the internet). One precompiled regex finds candidate ends (a run of
. ! ? … followed by optional closing quotes/brackets and a space); each candidate
is then judged on the word before it and the first letter after it.

Conventions (the gold set in tests/data/segmentation/ follows them):
- a lowercase letter after the punctuation never starts a sentence
  (``parti... et revenu``, ``« Vraiment ? » demanda-t-il``);
- closing quotes and brackets stay with the sentence they close
  (``« Partager la sécurité. »`` ends after the »);
- a quotation that the sentence goes on after (``« A. B. », dit-il``) is not
  split inside; one that ends the sentence may be;
- titles and abbreviations (``M.``, ``Pr.``, ``art.``, ``p. ex.``, ``av. J.-C``
  before a number or a name) do not end a sentence, but ``etc.`` and ``J.-C.``
  do when a capitalised word follows: in French they absorb the final period
  (20 of 20 real ``, etc. Les`` / ``, etc. Il`` in public French text were
  sentence ends); unit symbols (``23 h.``, ``km/h.``) take no period of their
  own, so one after them ends the sentence;
- ``1.``, ``IV.``, ``a.`` at the start of a paragraph or after ``:``/``;`` are
  list markers, and ``Tableau 1.`` at the start of a paragraph is a caption;
- a blank line, or a newline before a bullet, always ends a sentence; other
  newlines count as spaces.
"""

from __future__ import annotations

import re

from desktop.library.lexicon import french_words

# A run of final punctuation before closers, whitespace or the end; which closers
# belong to the sentence is decided after (see _closers_end).
# The look-behind starts matches only at the head of a run and the possessive
# quantifier never backtracks into it, so a line of 10,000 dots stays linear.
_CANDIDATE = re.compile(r"(?<![.!?…‽])[.!?…‽]++(?=[\s\"'’)\]»”]|\Z)")
# What follows a candidate: spaces, openers (quotes, brackets, dialogue dashes,
# bullets), then the first significant character and the word it starts.
_NEXT = re.compile(r"\s*([«“\"'‘(\[—–\-•·*¿¡]*)\s*(\w*)")
# The last delimiter before a word: greedy, so it backtracks only over the word.
_LAST_DELIMITER = re.compile(r"(?s:.*)[\s(«“\"\[]")
_INITIALS = re.compile(r"[A-ZÀ-ÝŒ](?:\.-?[A-ZÀ-ÝŒ])*")
_LIST_MARKER = re.compile(r"\d{1,3}(?:\.\d{1,3})*|[IVXLC]{1,7}|[A-Za-z]")
_HARD_BREAK = re.compile(r"\n[^\S\n]*\n\s*|\n(?=[^\S\n]*[•·▪►◦‣*\-–—])")

# Titles before a name: never the end of a sentence (case-sensitive).
_TITLES = frozenset(
    "M MM Mme Mmes Mde Mdes Mlle Mlles Me Mes Dr Drs Pr Prs Mgr St Ste Sts Stes Vve Mr Mrs Ms "
    "Gén Col Cdt Cne Lt Sgt Adj Rév Hon S.E S.M S.A.R S.S LL.EE LL.MM "
    "N.B N.-B P.S P.-S".split()
)
# Abbreviations that do not end a sentence before a capital or a number
# (compared lowercased).
_ABBREVIATIONS = frozenset(
    "p pp cf art arts chap ch vol vols n nº no nos ex éd éds fig tab coll dir réf "
    "tél fax env av apr ibid id op cit loc al suiv t tt v vv vs "
    "c.-à-d c.-à-dire p.-ê p.ex i.e e.g doc alin paragr approx resp trad comp "
    "bd boul fg pl rte sect dép cie ets ca exp ms mss var éq spp prov "
    "s.d s.l n.d ill fasc suppl rééd réimpr hab dépt nbre qqn qqch".split()
)
# ``s.``/``sq.`` (and following) close a reference, so they stay out of both.
_ONE_LETTER_ABBREVIATIONS = frozenset("p t v n f c".split())
# Abbreviations that do not end a sentence before a number only (dates).
_BEFORE_NUMBER = frozenset(
    "janv févr fév avr juil juill sept oct nov déc lun mar mer jeu ven sam dim".split()
)
# Nouns that take a one-letter label: ``salle B.`` can end a sentence.
_LABEL_NOUNS = frozenset(
    "salle annexe plan catégorie vitamine groupe bâtiment niveau option type "
    "classe zone série section lettre bloc étage colonne tableau figure hall "
    "porte terminal escalier lot phase variante modèle partie titre livre "
    "chapitre tome voie quai aile équipe société entreprise association".split()
)
# Caption labels: ``Tableau 1. Demandes d'asile`` at the start of a paragraph.
_CAPTION_WORDS = frozenset(
    "tableau figure fig graphique carte encadré annexe chapitre section partie "
    "titre livre schéma illustration photo planche".split()
)
# Capitalised words that start sentences and are not surnames: after an
# initial (``M. K. Par une requête``) they mean a new sentence.
_STARTERS = frozenset(
    "Le La Les L Il Ils Elle Elles On Nous Vous Je J Tu Ce Cet Cette Ces C Ceci "
    "Cela Ça Un Une Des Du Au Aux Par Pour Dans En Sur Sous Avec Sans Selon "
    "Après Avant Depuis Pendant Lors Dès Mais Et Or Donc Car Puis Ainsi Enfin "
    "Toutefois Cependant Néanmoins Pourtant Si Quand Lorsque Comme Alors "
    "Aucun Aucune Tout Tous Toutes Chaque Son Sa Ses Leur Leurs Notre Nos Votre "
    "Vos Mon Ma Qui Que Quel Quelle Quels Quelles Où Vu Considérant Attendu "
    "À Ici Là Voici Voilà".split()
)
_OPEN_CLOSE = (("«", "»"), ("“", "”"))
_ORPHANS = frozenset("?!:;,.…‽»”)]")
# Unit symbols that take no period: one after them ends the sentence, even before a
# lower-case word, but they are no words to judge either.
_UNITS = frozenset("h km kg cm mm m g l ml cl mg min s".split())
_CONTINUES_AFTER_QUOTE = frozenset(",;:)")
_WINDOW = 48  # longest word looked at before a period
_QUOTE_REACH = 600  # quotations longer than this may be split inside


def split_sentences(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """Return the (start, end) spans of the sentences of ``text[start:end]``.

    Offsets index ``text``; each span is trimmed of whitespace, and together
    the spans cover every non-space character of the range once, in order.
    """
    end = len(text) if end is None else min(end, len(text))
    start = max(0, start)
    spans: list[tuple[int, int]] = []
    if start >= end:
        return spans
    block_start = start
    if text.find("\n", start, end) >= 0:
        for m in _HARD_BREAK.finditer(text, start, end):
            _split_block(text, block_start, m.start(), spans)
            block_start = m.end()
    _split_block(text, block_start, end, spans)
    return spans


def _split_block(text: str, start: int, end: int, spans: list[tuple[int, int]]) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if start >= end:
        return
    sent_start = start
    # Running counts, kept incrementally so a long block stays linear: guillemets
    # opened and not yet closed, and straight double quotes in the current sentence.
    seen, open_guillemets, straight = start, 0, 0
    for m in _CANDIDATE.finditer(text, start, end):
        if m.start() < sent_start:
            continue  # inside closers already given to the sentence before
        chunk = text[seen : m.start()]
        open_guillemets = max(0, open_guillemets + chunk.count("«") + chunk.count("“") - chunk.count("»") - chunk.count("”"))
        straight += chunk.count('"')
        seen = m.start()
        cut, open_after = _closers_end(text, m.end(), end, open_guillemets, straight)
        if cut >= end:
            break  # only closers left: the block's end closes the sentence
        if not text[cut].isspace():
            continue  # a period inside a token: 3.11, www.iom.int, ?!x
        nxt = _NEXT.match(text, cut, end)
        if nxt.end() >= end and not nxt.group(2):
            break
        if not _is_boundary(text, start, end, m, cut, nxt):
            continue
        spans.append((sent_start, cut))
        sent_start = seen = nxt.start(1)
        open_guillemets, straight = open_after, 0
    spans.append((sent_start, end))


def _closers_end(text: str, pos: int, end: int, open_guillemets: int, straight: int) -> tuple[int, int]:
    """Where the closers after final punctuation end: closing brackets and quotes right
    after it, » or ” also after a space (French style), a straight " after a space only
    when it closes one opened in the sentence. Returns the end and the guillemets still open."""
    while pos < end:
        ch = text[pos]
        if ch in ")]'’":
            pos += 1
            continue
        if ch == '"':
            straight += 1
            pos += 1
            continue
        if ch in "»”":
            open_guillemets = max(0, open_guillemets - 1)
            pos += 1
            continue  # a closer whose opener is out of sight still closes (a long quotation)
        if not ch.isspace():
            break
        after = pos
        while after < end and text[after].isspace() and text[after] != "\n":
            after += 1
        if after >= end:
            break
        nxt = text[after]
        if nxt in "»”" or (nxt == '"' and straight % 2 == 1 and _closes(text, after, end)):
            pos = after
            continue
        break
    return pos, open_guillemets


def _closes(text: str, quote: int, end: int) -> bool:
    """A straight quote followed by a space or the end closes; one before a word opens."""
    return quote + 1 >= end or text[quote + 1].isspace() or text[quote + 1] in ",;:.)"


def _is_boundary(text: str, start: int, end: int, m: re.Match[str], cut: int, nxt: re.Match[str]) -> bool:
    word = nxt.group(2)
    openers = nxt.group(1)
    first = word[:1] if word else text[nxt.start(2)] if nxt.start(2) < end else ""
    if not openers and first in _ORPHANS:
        return False  # ". ?" or "… !": punctuation never starts a sentence
    p_start = m.start()
    if p_start > start and text[p_start - 1] in "([":
        return False  # (…) or [...] marks an omission, not an end
    punct = m.group(0)
    single_period = punct == "."
    dash_line = any(d in openers for d in "—–-") and _spaced_dash(text, nxt)
    if first.islower() and not dash_line:
        if not single_period or openers or cut != m.end():
            return False  # parti... et revenu, « Vraiment ? » demanda-t-il
        return _period_before_lowercase(text, start, p_start) and not _inside_continuing_quote(text, start, end, p_start)
    if single_period and cut == m.end():
        if not _period_ends_sentence(text, start, p_start, first, word, openers):
            return False
    return not _inside_continuing_quote(text, start, end, p_start)


def _spaced_dash(text: str, nxt: re.Match[str]) -> bool:
    """A dash standing alone before the next words: a line of dialogue or a list item."""
    dash = nxt.start(1) + max(nxt.group(1).rfind(d) for d in "—–-")
    return dash + 1 < len(text) and text[dash + 1].isspace()


def _period_before_lowercase(text: str, start: int, dot: int) -> bool:
    """A period before a lower-case word ends a sentence after a real word (`prochain.
    on s'y retrouve`), never after an abbreviation, an initial or a small number."""
    _tok_start, tok = _word_before(text, start, dot)
    tok = tok.rstrip(")]»”\"'’")
    cut = max(tok.rfind("'"), tok.rfind("’"))
    if cut >= 0:
        tok = tok[cut + 1 :]
    if len(tok) < 2 or "." in tok or tok in _TITLES or _is_abbreviation(tok):
        return False
    low = tok.lower()
    if low in ("etc", "cf", "al") or low in _BEFORE_NUMBER or low in _UNITS:
        return False
    if tok.isdigit():
        return len(tok) == 4  # a year; `1. le` or `point 2. les` numbers an item
    if not tok.isalpha():
        return False
    # Unknown short lower-case words may be abbreviations (`hab.`, `suiv.`): no split.
    return tok[0].isupper() or (len(tok) >= 4 and (len(tok) >= 6 or tok in french_words()))


def _period_ends_sentence(text: str, start: int, dot: int, first: str, next_word: str, openers: str = "") -> bool:
    """Judge a single period followed by a capital, digit or symbol."""
    tok_start, tok = _word_before(text, start, dot)
    cut = max(tok.rfind("'"), tok.rfind("’"))
    if cut >= 0:
        tok = tok[cut + 1 :]  # l'art. -> art
    if not tok:
        return True
    low = tok.lower()
    if tok in _TITLES or _is_abbreviation(tok):
        return False
    if _LIST_MARKER.fullmatch(tok):
        if tok_start == start:
            return False  # list marker at the start of a paragraph
        before = _previous_word(text, start, tok_start)
        if before[-1:] in (":", ";"):
            return False  # list marker after ``:`` / ``;``
        if before.lower() in _CAPTION_WORDS and text[start : start + len(before)] == before:
            return False  # caption label
    if _INITIALS.fullmatch(tok):
        prev = _previous_word(text, start, tok_start)
        if len(tok) == 1 and (prev[-1:].isdigit() or prev.endswith("°")):
            return True  # a unit after a number: 2° C., 5 V.
        if len(tok) == 1 and first.isdigit():
            return prev.lower() in _LABEL_NOUNS  # Dupont, J. (2019)
        if next_word in _STARTERS or (prev in _TITLES and next_word in _TITLES):
            return True
        if len(tok) == 1:
            return prev.lower() in _LABEL_NOUNS
        # J.-P. Sartre, J.A. Howe, T.A. (Tecnologie...) are names; U.E. or J.-C. before a
        # sentence's usual first word ends a sentence.
        return tok == "J.-C" and not openers.startswith("(")
    if first.isdigit():
        return low not in _BEFORE_NUMBER
    # p. (page), t. (tome), v. (voir), n. (note), f. (folio),
    # c. (cuillère); but h, m, g, l are unit symbols (no period of their own)
    # and a, y are words: ``Il est 23 h.`` and ``Il y en a.`` end sentences.
    return low not in _ONE_LETTER_ABBREVIATIONS


def _is_abbreviation(tok: str) -> bool:
    """``art``, ``Vol``, ``éd``; but ``RTE`` or ``ONU`` in capitals is an acronym, not ``rte``."""
    return tok.lower() in _ABBREVIATIONS and not (len(tok) > 1 and tok.isupper())


def _word_before(text: str, start: int, pos: int) -> tuple[int, str]:
    """Start and text of the word that ends at pos (at most _WINDOW characters)."""
    lo = max(start, pos - _WINDOW)
    m = _LAST_DELIMITER.match(text, lo, pos)
    word_start = m.end() if m else lo
    return word_start, text[word_start:pos]


def _previous_word(text: str, start: int, pos: int) -> str:
    while pos > start and text[pos - 1].isspace():
        pos -= 1
    word = _word_before(text, start, pos)[1].rstrip(".,")
    cut = max(word.rfind("'"), word.rfind("’"))
    return word[cut + 1 :] if cut >= 0 else word


def _inside_continuing_quote(text: str, start: int, end: int, pos: int) -> bool:
    """True when pos is inside a quotation after which the sentence goes on."""
    for open_q, close_q in _OPEN_CLOSE:
        opened = text.rfind(open_q, max(start, pos - _QUOTE_REACH), pos)
        if opened < 0 or text.rfind(close_q, opened, pos) >= 0:
            continue
        closed = text.find(close_q, pos, min(end, pos + _QUOTE_REACH))
        if closed < 0:
            continue
        after = closed + 1
        while after < end and text[after].isspace():
            after += 1
        if after < end and (text[after].islower() or text[after] in _CONTINUES_AFTER_QUOTE):
            return True
    return False
