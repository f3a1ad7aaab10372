"""Annotations in the library database: highlights with a colour, a note and tags.

Every write is one committed transaction with `PRAGMA synchronous = FULL`, so an edit
the user saw saved survives a crash or a power cut (WAL otherwise runs at NORMAL).
"""

from __future__ import annotations

import bisect
import sqlite3
import uuid
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from datetime import datetime, timezone

from desktop.annotations.colours import check_color
from desktop.annotations.selectors import quote_selector
from desktop.library.models import Document
from desktop.translation.store import EnglishSide

SIDES = ("fr", "en")
ANCHORED, ORPHANED = "anchored", "orphaned"


def now_iso() -> str:
    """UTC time with milliseconds, e.g. 2026-11-23T14:30:49.123Z (sorts as text, W3C style)."""
    stamp = datetime.now(timezone.utc)
    return stamp.strftime("%Y-%m-%dT%H:%M:%S.") + f"{stamp.microsecond // 1000:03d}Z"


def parse_time(value: str) -> datetime:
    """An ISO 8601 time from this or another tool; naive times are taken as UTC."""
    stamp = datetime.fromisoformat(value.strip())
    return stamp if stamp.tzinfo else stamp.replace(tzinfo=timezone.utc)


@dataclass
class Annotation:
    id: str
    doc_id: int
    side: str  # "fr" | "en"
    start: int
    end: int
    quote: str
    prefix: str
    suffix: str
    sentence_first: int | None
    sentence_last: int | None
    color: str
    note: str
    tags: list[str]
    status: str  # "anchored" | "orphaned"
    created: str
    modified: str
    # English side: start minus the start of sentence_first's translation, to place the
    # highlight again inside its sentence after other sentences were re-translated.
    sentence_offset: int | None = field(default=None)

    def as_json(self) -> dict[str, object]:
        return {
            "id": self.id,
            "doc_id": self.doc_id,
            "side": self.side,
            "start": self.start,
            "end": self.end,
            "quote": self.quote,
            "prefix": self.prefix,
            "suffix": self.suffix,
            "color": self.color,
            "note": self.note,
            "tags": list(self.tags),
            "status": self.status,
            "created": self.created,
            "modified": self.modified,
        }


@contextmanager
def durable(conn: sqlite3.Connection) -> Iterator[None]:
    """One committed transaction, fsynced (synchronous=FULL) before it counts as saved.

    Inside a caller's transaction (e.g. an import) it only joins it: the caller commits.
    """
    if conn.in_transaction:
        yield
        return
    previous = conn.execute("PRAGMA synchronous").fetchone()[0]
    conn.execute("PRAGMA synchronous = FULL")
    try:
        with conn:
            # Explicitly, so that nested durable() blocks join this transaction, and
            # IMMEDIATE so that the write lock is taken up front, not upgraded midway.
            conn.execute("BEGIN IMMEDIATE")
            yield
    finally:
        conn.execute(f"PRAGMA synchronous = {int(previous)}")


def normalize_tags(tags: Iterable[str]) -> list[str]:
    """Tags trimmed, inner spaces collapsed, empties and duplicates dropped, sorted."""
    out = {" ".join(t.split()) for t in tags}
    out.discard("")
    return sorted(out, key=lambda t: (t.casefold(), t))


def side_text(doc: Document, side: str, english: EnglishSide | None) -> str:
    if side == "fr":
        return doc.text
    if side == "en":
        if english is None:
            raise ValueError("an English-side annotation needs the document's English side")
        return english.text
    raise ValueError(f"unknown side {side!r}; use fr or en")


class SpanIndex:
    """Numbered, non-overlapping spans (sentences) found by binary search, not a scan."""

    def __init__(self, spans: dict[int, tuple[int, int]]) -> None:
        items = sorted((a, b, i) for i, (a, b) in spans.items() if a < b)
        self._items = items
        self._ends = [b for _, b, _ in items]

    def overlapping(self, start: int, end: int) -> list[int]:
        """Numbers of the spans that overlap [start, end), in order."""
        out = []
        k = bisect.bisect_right(self._ends, start)
        while k < len(self._items) and self._items[k][0] < end:
            out.append(self._items[k][2])
            k += 1
        return out


def sentences_under(
    english: EnglishSide, start: int, end: int, index: SpanIndex | None = None
) -> tuple[int | None, int | None]:
    """First and last sentence whose translation overlaps [start, end) of the English text."""
    hit = (index or SpanIndex(english.sentence_spans)).overlapping(start, end)
    if not hit:
        return None, None
    return min(hit), max(hit)


def english_anchor_fields(
    english: EnglishSide, start: int, end: int, index: SpanIndex | None = None
) -> tuple[int | None, int | None, int | None]:
    """(sentence_first, sentence_last, sentence_offset) of an English span."""
    first, last = sentences_under(english, start, end, index)
    offset = None if first is None else start - english.sentence_spans[first][0]
    return first, last, offset


def create_annotation(
    conn: sqlite3.Connection,
    doc: Document,
    side: str,
    start: int,
    end: int,
    *,
    color: str,
    note: str = "",
    tags: Iterable[str] = (),
    english: EnglishSide | None = None,
) -> Annotation:
    """Highlight text[start:end] of one side of `doc` and save it."""
    ann = new_annotation(doc, side, start, end, color=color, note=note, tags=tags, english=english)
    insert_annotation(conn, ann)
    return ann


def new_annotation(
    doc: Document,
    side: str,
    start: int,
    end: int,
    *,
    color: str,
    note: str = "",
    tags: Iterable[str] = (),
    english: EnglishSide | None = None,
) -> Annotation:
    """The annotation `create_annotation` would save, not saved yet (undoable commands use it)."""
    text = side_text(doc, side, english)
    quote = quote_selector(text, start, end)
    first = last = offset = None
    if side == "en":
        assert english is not None
        first, last, offset = english_anchor_fields(english, start, end)
    stamp = now_iso()
    return Annotation(
        id=str(uuid.uuid4()),
        doc_id=doc.id,
        side=side,
        start=start,
        end=end,
        quote=quote.exact,
        prefix=quote.prefix,
        suffix=quote.suffix,
        sentence_first=first,
        sentence_last=last,
        color=check_color(color),
        note=note.strip(),
        tags=normalize_tags(tags),
        status=ANCHORED,
        created=stamp,
        modified=stamp,
        sentence_offset=offset,
    )


_COLUMNS = (
    "id, doc_id, side, start, end, quote, prefix, suffix, sentence_first, sentence_last, "
    "sentence_offset, color, note, status, created, modified"
)


def _row_values(ann: Annotation) -> tuple[object, ...]:
    return (
        ann.id, ann.doc_id, ann.side, ann.start, ann.end, ann.quote, ann.prefix, ann.suffix,
        ann.sentence_first, ann.sentence_last, ann.sentence_offset, ann.color, ann.note,
        ann.status, ann.created, ann.modified,
    )  # fmt: skip


def _write_tags(conn: sqlite3.Connection, ann_id: str, tags: Iterable[str]) -> None:
    conn.execute("DELETE FROM annotation_tags WHERE annotation_id = ?", (ann_id,))
    conn.executemany(
        "INSERT INTO annotation_tags (annotation_id, tag) VALUES (?, ?)", [(ann_id, t) for t in tags]
    )


def insert_annotation(conn: sqlite3.Connection, ann: Annotation) -> None:
    """Save a complete annotation as is (new, undone delete, or imported)."""
    if ann.side not in SIDES:
        raise ValueError(f"unknown side {ann.side!r}; use fr or en")
    with durable(conn):
        conn.execute(f"INSERT INTO annotations ({_COLUMNS}) VALUES ({', '.join('?' * 16)})", _row_values(ann))
        _write_tags(conn, ann.id, ann.tags)


def save_annotation(conn: sqlite3.Connection, ann: Annotation) -> None:
    """Write every field of an existing annotation back (undo of an edit restores it whole)."""
    with durable(conn):
        cur = conn.execute(
            "UPDATE annotations SET doc_id = ?, side = ?, start = ?, end = ?, quote = ?, prefix = ?, "
            "suffix = ?, sentence_first = ?, sentence_last = ?, sentence_offset = ?, color = ?, note = ?, "
            "status = ?, created = ?, modified = ? WHERE id = ?",
            (*_row_values(ann)[1:], ann.id),
        )
        if cur.rowcount == 0:
            raise LookupError(f"no annotation {ann.id}; `glose notes list` shows them")
        _write_tags(conn, ann.id, ann.tags)


def _sorted_tags(tags: list[str]) -> list[str]:
    return sorted(tags, key=lambda t: (t.casefold(), t)) if len(tags) > 1 else tags


def _from_row(row: sqlite3.Row | tuple, tags: list[str]) -> Annotation:
    (ann_id, doc_id, side, start, end, quote, prefix, suffix, first, last, offset, color, note, status, created, modified) = row
    return Annotation(
        id=ann_id,
        doc_id=doc_id,
        side=side,
        start=start,
        end=end,
        quote=quote,
        prefix=prefix,
        suffix=suffix,
        sentence_first=first,
        sentence_last=last,
        color=color,
        note=note,
        tags=_sorted_tags(tags),
        status=status,
        created=created,
        modified=modified,
        sentence_offset=offset,
    )


def _tags_of(conn: sqlite3.Connection, where: str, params: list[object]) -> dict[str, list[str]]:
    tags: dict[str, list[str]] = {}
    sql = f"SELECT t.annotation_id, t.tag FROM annotation_tags t JOIN annotations a ON a.id = t.annotation_id{where}"
    for ann_id, tag in conn.execute(sql, params):
        tags.setdefault(ann_id, []).append(tag)
    return tags


_SELECT = "SELECT " + ", ".join("a." + c.strip() for c in _COLUMNS.split(",")) + " FROM annotations a"


def get_annotation(conn: sqlite3.Connection, ann_id: str) -> Annotation:
    row = conn.execute(_SELECT + " WHERE a.id = ?", (ann_id,)).fetchone()
    if row is None:
        raise LookupError(f"no annotation {ann_id}; `glose notes list` shows them")
    tags = [r[0] for r in conn.execute("SELECT tag FROM annotation_tags WHERE annotation_id = ?", (ann_id,))]
    return _from_row(tuple(row), tags)


def find_annotation(conn: sqlite3.Connection, ref: str) -> Annotation:
    """An annotation by its id or a unique prefix of it (as the CLI prints short ids)."""
    ref = ref.strip().lower()
    if ref.startswith("urn:uuid:"):
        ref = ref[len("urn:uuid:") :]
    rows = conn.execute("SELECT id FROM annotations WHERE id >= ? AND id < ? LIMIT 2", (ref, ref + "\uffff")).fetchall()
    if not ref or not rows:
        raise LookupError(f"no annotation {ref!r}; `glose notes list` shows them")
    if len(rows) > 1 and rows[0][0] != ref:
        raise LookupError(f"{ref!r} matches several annotations; give more of the id")
    return get_annotation(conn, rows[0][0])


def list_annotations(
    conn: sqlite3.Connection,
    doc_id: int | None = None,
    *,
    status: str | None = None,
    side: str | None = None,
) -> list[Annotation]:
    """Annotations in reading order (document, side, position)."""
    where, params = [], []
    if doc_id is not None:
        where.append("a.doc_id = ?")
        params.append(doc_id)
    if status is not None:
        where.append("a.status = ?")
        params.append(status)
    if side is not None:
        where.append("a.side = ?")
        params.append(side)
    clause = " WHERE " + " AND ".join(where) if where else ""
    tags = _tags_of(conn, clause, params)
    sql = _SELECT + clause + " ORDER BY a.doc_id, a.side DESC, a.start, a.end, a.created"
    cur = conn.cursor()
    cur.row_factory = None  # plain tuples: this is the hot path of a 10,000-note document
    cur.execute(sql, params)
    return [_from_row(r, tags.get(r[0], [])) for r in cur]


def update_annotation(
    conn: sqlite3.Connection,
    ann_id: str,
    *,
    note: str | None = None,
    color: str | None = None,
    tags: Iterable[str] | None = None,
) -> Annotation:
    """Change the note, colour and/or tags; `modified` moves only if something changed."""
    ann = get_annotation(conn, ann_id)
    new = replace(
        ann,
        note=ann.note if note is None else note.strip(),
        color=ann.color if color is None else check_color(color),
        tags=ann.tags if tags is None else normalize_tags(tags),
    )
    if (new.note, new.color, new.tags) == (ann.note, ann.color, ann.tags):
        return ann
    new.modified = later_than(ann.modified)
    save_annotation(conn, new)
    return new


def later_than(previous: str) -> str:
    """Now, but never at or before `previous` (two quick edits must still order)."""
    stamp = now_iso()
    try:
        if parse_time(stamp) <= parse_time(previous):
            bumped = parse_time(previous).timestamp() + 0.001
            dt = datetime.fromtimestamp(bumped, timezone.utc)
            return dt.strftime("%Y-%m-%dT%H:%M:%S.") + f"{dt.microsecond // 1000:03d}Z"
    except ValueError:
        pass
    return stamp


def delete_annotation(conn: sqlite3.Connection, ann_id: str) -> Annotation:
    """Delete an annotation; returns it as it was, so that the delete can be undone."""
    ann = get_annotation(conn, ann_id)
    with durable(conn):
        conn.execute("DELETE FROM annotations WHERE id = ?", (ann_id,))
    return ann


def reattach_annotation(
    conn: sqlite3.Connection,
    ann_id: str,
    doc: Document,
    start: int,
    end: int,
    *,
    english: EnglishSide | None = None,
) -> Annotation:
    """Place an (orphaned) annotation on a new passage of its side; it becomes anchored."""
    ann = get_annotation(conn, ann_id)
    if ann.doc_id != doc.id:
        raise ValueError(f"annotation {ann_id} belongs to document {ann.doc_id}, not {doc.id}")
    new = reattached(ann, new_annotation(doc, ann.side, start, end, color=ann.color, english=english))
    save_annotation(conn, new)
    return new


def reattached(ann: Annotation, placed: Annotation) -> Annotation:
    """`ann` (note, tags, colour kept) anchored where `placed` (a new_annotation) sits."""
    return replace(
        ann,
        start=placed.start,
        end=placed.end,
        quote=placed.quote,
        prefix=placed.prefix,
        suffix=placed.suffix,
        sentence_first=placed.sentence_first,
        sentence_last=placed.sentence_last,
        sentence_offset=placed.sentence_offset,
        status=ANCHORED,
        modified=later_than(ann.modified),
    )


def write_anchors(conn: sqlite3.Connection, anns: Iterable[Annotation]) -> None:
    """Store re-anchoring results (position, quote, status); `modified` is the user's, untouched."""
    rows = [
        (a.start, a.end, a.quote, a.prefix, a.suffix, a.sentence_first, a.sentence_last,
         a.sentence_offset, a.status, a.id)
        for a in anns
    ]  # fmt: skip
    if not rows:
        return
    with durable(conn):
        conn.executemany(
            "UPDATE annotations SET start = ?, end = ?, quote = ?, prefix = ?, suffix = ?, "
            "sentence_first = ?, sentence_last = ?, sentence_offset = ?, status = ? WHERE id = ?",
            rows,
        )


def all_tags(conn: sqlite3.Connection) -> list[str]:
    return normalize_tags(r[0] for r in conn.execute("SELECT DISTINCT tag FROM annotation_tags"))


def annotation_paragraphs(doc: Document, ann: Annotation, english: EnglishSide | None = None) -> list[int]:
    """Indexes of the paragraphs an annotation touches (what the search index must refresh).

    Binary searches over the (ordered, non-overlapping) spans: the search indexer calls
    this for every annotation of a document, 10,000 on a large one.
    """
    if ann.side == "fr":
        pars = doc.paragraphs
        k = bisect.bisect_right(pars, ann.start, key=lambda p: p.end)
        hit = []
        while k < len(pars) and pars[k].start < ann.end:
            hit.append(pars[k].index)
            k += 1
        return hit or _nearest(doc, ann.start)
    if english is not None:
        spans = english.paragraph_spans
        k = bisect.bisect_right(spans, ann.start, key=lambda span: span[1])
        hit = []
        while k < len(spans) and spans[k][0] < ann.end:
            if spans[k][0] < spans[k][1]:
                hit.append(k)
            k += 1
        if hit:
            return hit
    if ann.sentence_first is not None and ann.sentence_last is not None:
        first, last = ann.sentence_first, ann.sentence_last
        sentences = doc.sentences
        if 0 <= first <= last < len(sentences) and sentences[first].index == first and sentences[last].index == last:
            under = sentences[first : last + 1]  # numbered from 0 in order: index == position
        else:
            under = [s for s in sentences if first <= s.index <= last]
        return sorted({s.paragraph_index for s in under})
    return []


def _nearest(doc: Document, pos: int) -> list[int]:
    pars = doc.paragraphs
    k = bisect.bisect_left(pars, pos, key=lambda p: p.end)
    if k < len(pars):
        return [pars[k].index]
    return [pars[-1].index] if pars else []
