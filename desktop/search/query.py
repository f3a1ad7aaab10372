"""What a user types into the search box, made into a Whoosh query.

A friendly wrapper around whoosh.qparser: words are ANDed, `"phrases"` and « phrases »,
`OR` (also `OU`), `NOT`/`-word` (also `SAUF`), `prefix*`, `fuzzy~` / `fuzzy~2`, field
restriction with `fr:`, `en:`, `notes:`, `title:`, `tags:` (and French aliases), and a
language option choosing the default fields. Whatever the input, the result is either
a query or a QueryError whose message can be shown as is: never an exception from the
parser, never a search that matches every term of the index.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from whoosh import query as wq
from whoosh.fields import Schema
from whoosh.qparser import QueryParser, plugins

from desktop.search.analysis import ENGLISH_STOP_WORDS, FRENCH_STOP_WORDS, WORD, TextAnalyzer, fold
from desktop.search.schema import ENGLISH, FRENCH, NOTES, TAGS, TITLE

LANGS = ("fr", "en", "all")
LANG_FIELDS: dict[str, tuple[str, ...]] = {
    "fr": (TITLE, FRENCH),
    "en": (ENGLISH,),
    "all": (TITLE, FRENCH, ENGLISH, NOTES),
}

# What users may type before a colon, folded to lower case -> schema field.
FIELD_ALIASES = {
    "fr": FRENCH, "french": FRENCH, "francais": FRENCH, "français": FRENCH,
    "en": ENGLISH, "english": ENGLISH, "anglais": ENGLISH,
    "notes": NOTES, "note": NOTES,
    "title": TITLE, "titre": TITLE,
    "tags": TAGS, "tag": TAGS,
}  # fmt: skip

_QUOTES = str.maketrans({"«": '"', "»": '"', "“": '"', "”": '"', "„": '"', "‟": '"', "’": "'", "‘": "'"})
_FIELD_PREFIX = re.compile(r"(?<![\w:])([^\W\d_]+)\s*:(?=\S)")
_FRENCH_OPERATORS = {"OU": "OR", "ET": "AND", "SAUF": "NOT"}
_OPERATOR_WORDS = re.compile(r"(?<!\S)(OU|ET|SAUF)(?!\S)")
_SPACES = re.compile(r"[\s\u00a0\u202f]+")


class QueryError(ValueError):
    """A query that cannot be run; the message says what to type instead."""


@dataclass(frozen=True)
class ParsedQuery:
    text: str  # the normalized query string
    query: wq.Query
    fields: tuple[str, ...]  # the default fields searched
    words: tuple[str, ...]  # plain words typed (for "did you mean")


def normalize(text: str) -> str:
    """Typographic quotes to ASCII, French operators and field names to the parser's."""
    text = _SPACES.sub(" ", text.translate(_QUOTES)).strip()
    # « sécurité » leaves spaces inside the quotes; harmless, but tidy them.
    text = re.sub(r'"\s+([^"]*?)\s+"', r'"\1"', text)
    text = _OPERATOR_WORDS.sub(lambda m: _FRENCH_OPERATORS[m.group(1)], text)

    def field(m: re.Match[str]) -> str:
        name = FIELD_ALIASES.get(m.group(1).casefold())
        # An unknown "word:" is just text (e.g. "Remarque: ..."), not a field.
        return f"{name}:" if name else m.group(1) + " "

    return _FIELD_PREFIX.sub(field, text)


def _balance(text: str) -> str:
    # An unclosed quote or bracket is most likely a typing slip: close it, or drop a stray `)`.
    if text.count('"') % 2:
        text += '"'
    depth = 0
    out = []
    for ch in text:
        if ch == "(":
            depth += 1
        elif ch == ")":
            if depth == 0:
                continue
            depth -= 1
        out.append(ch)
    return "".join(out) + ")" * depth


class _Parser(QueryParser):
    # Words too common to search in any of the searched languages: with `all`, `du` must
    # not become a required English word, nor `the` a required French one.
    common_words: frozenset[str] = frozenset()

    def term_query(self, fieldname, text, termclass, boost=1.0, tokenize=True, removestops=True):  # type: ignore[override]
        field = self.schema[fieldname] if self.schema and fieldname in self.schema else None
        if field is not None and isinstance(getattr(field, "analyzer", None), TextAnalyzer):
            if termclass in (wq.Prefix, wq.Wildcard):
                # Folded but not stemmed: stems are prefixes of their words, so `migra*`
                # must stay `migra` to reach the stem `migrat`. (Fuzzy terms are stemmed
                # and compared with the stems: `migrasion~` -> migras ~ migrat.)
                texts = list(field.process_text(text, mode="query", tokenize=False, removestops=False, no_morph=True))
                if not texts or not texts[0]:
                    return None
                return termclass(fieldname, texts[0], boost=boost)
            if tokenize and removestops and fold(text) in self.common_words:
                return None
        return super().term_query(fieldname, text, termclass, boost, tokenize, removestops)


def make_parser(schema: Schema, fields: tuple[str, ...]) -> QueryParser:
    parser = _Parser(None, schema)  # AND between words by default
    languages = {getattr(schema[f], "analyzer", None).lang for f in fields if isinstance(getattr(schema[f], "analyzer", None), TextAnalyzer)}
    if len(languages) > 1:
        parser.common_words = FRENCH_STOP_WORDS | ENGLISH_STOP_WORDS
    parser.add_plugin(plugins.MultifieldPlugin(list(fields)))
    parser.remove_plugin_class(plugins.SingleQuotePlugin)  # l'OIM is not a quote
    parser.remove_plugin_class(plugins.RangePlugin)  # [brackets] are text
    parser.remove_plugin_class(plugins.EveryPlugin)  # *:* would list everything
    parser.remove_plugin_class(plugins.BoostPlugin)
    # `-word` only at the start of a word: Sud-Est is a compound, not Sud NOT Est.
    parser.add_plugin(plugins.PlusMinusPlugin(plusexpr=r"(?<![^\s(])\+", minusexpr=r"(?<![^\s(])-"))
    parser.add_plugin(plugins.FuzzyTermPlugin())
    return parser


def _has_content(q: wq.Query) -> bool:
    if isinstance(q, wq.NullQuery.__class__) or q is wq.NullQuery:
        return False
    if isinstance(q, wq.Not):
        return False
    if isinstance(q, wq.CompoundQuery):
        return any(_has_content(sub) for sub in q.subqueries)
    if isinstance(q, wq.AndNot):
        return _has_content(q.a)
    if isinstance(q, wq.WrappingQuery):
        return _has_content(q.child)
    return True


def _wildcard_too_wide(q: wq.Query) -> bool:
    for sub in q.leaves():
        if isinstance(sub, (wq.Wildcard, wq.Prefix)):
            stem = re.split(r"[*?]", sub.text, maxsplit=1)[0]
            if not stem:
                return True
    return False


def parse(text: str, schema: Schema, lang: str = "all") -> ParsedQuery:
    """Parse what the user typed; QueryError with a message to show when it cannot run."""
    if lang not in LANG_FIELDS:
        raise QueryError(f"unknown language {lang!r}: use fr, en or all")
    fields = LANG_FIELDS[lang]
    norm = _balance(normalize(text or ""))
    if not WORD.search(norm):
        raise QueryError("Type a word to search for (letters or digits), e.g. migration or \"Asie du Sud-Est\".")
    try:
        q = make_parser(schema, fields).parse(norm)
    except Exception as exc:  # the parser is not supposed to fail; if it does, say so plainly
        raise QueryError(f"This search could not be understood ({exc}); try plain words.") from exc
    if _wildcard_too_wide(q):
        raise QueryError("Put at least one letter before * (e.g. migra*).")
    q = q.normalize()
    if q is wq.NullQuery or not _has_content(q):
        if re.search(r"(?:^|\s)(?:-|NOT\s)", norm):
            raise QueryError("Add a word to look for: a search cannot consist only of words to exclude.")
        raise QueryError("These words are too common to search for on their own (le, la, de, the...); add a more specific word.")
    words = tuple(
        w for w in WORD.findall(re.sub(r"\b\w+:|\b(?:AND|OR|NOT|ANDNOT|ANDMAYBE)\b|\S*[*~]\S*", " ", norm))
    )
    return ParsedQuery(norm, q, fields, words)
