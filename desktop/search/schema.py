"""The Whoosh schema: one index document per paragraph.

Bump SCHEMA_VERSION whenever the fields or the analysis change: an index built with
another version is stale and is rebuilt from the library.
"""

from __future__ import annotations

from whoosh.fields import ID, KEYWORD, STORED, TEXT, Schema

from desktop.search.analysis import FastPositions, english_analyzer, french_analyzer

SCHEMA_VERSION = 6

# Field names, also the names users type before a colon (fr:, en:, notes:).
FRENCH, ENGLISH, NOTES, TITLE, TAGS = "fr", "en", "notes", "title", "tags"
TEXT_FIELDS = (TITLE, FRENCH, ENGLISH, NOTES)
# Where a match "is", for snippets and the `lang` of a hit.
SNIPPET_FIELDS = (FRENCH, ENGLISH, NOTES)


def paragraph_key(doc_id: int, paragraph_index: int) -> str:
    return f"{doc_id}:{paragraph_index}"


def _fast(field: TEXT) -> TEXT:
    field.format = FastPositions(field_boost=field.format.field_boost)
    return field


def build_schema() -> Schema:
    fr, en = french_analyzer(), english_analyzer()
    return Schema(
        key=ID(unique=True, stored=True),
        doc=ID(stored=True),
        paragraph_id=STORED(),
        paragraph_index=STORED(),  # shown, never searched: indexing it cost ~8 terms a paragraph
        # The title rides on every paragraph so that `vietnam migration` finds a paragraph
        # about migration in the Vietnam report; a low boost keeps it from dominating.
        title=_fast(TEXT(analyzer=fr, stored=True, field_boost=0.3, multitoken_query="phrase")),
        # Stored: snippets are cut from these (re-analysed at query time, so no char offsets
        # in the postings: a smaller index and a faster build). No Whoosh spelling fields:
        # they double the analysis; fuzzy terms and "did you mean" work on the stems.
        fr=_fast(TEXT(analyzer=fr, stored=True, multitoken_query="phrase")),
        en=_fast(TEXT(analyzer=en, stored=True, multitoken_query="phrase")),
        notes=_fast(TEXT(analyzer=en, stored=True, multitoken_query="phrase")),
        tags=KEYWORD(stored=True, lowercase=True, commas=True, scorable=True),
    )
