"""W3C Web Annotation JSON-LD: export, and import into another Glose library.

An export is an AnnotationCollection whose items are Annotations with TextualBody bodies
(purpose "commenting" for the note, "tagging" for each tag) and a target naming the
document (`urn:glose:sha256:<content hash>`, its title) with a TextPositionSelector and a
TextQuoteSelector. Glose-only details use `glose:` keys that other tools ignore.

Import matches the document by content hash, else by title; new annotations are placed on
this library's text (orphaned if their passage is not there). An id is only trusted within
its document: an incoming annotation never changes one of another document, nor one made or
edited here since it was last imported; it is then added beside it as a copy (nothing is
silently overwritten). Files are read within budgets (jsonld_input).
"""

from __future__ import annotations

import json
import re
import sqlite3
import unicodedata
import uuid
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from desktop import __version__
from desktop.annotations import anchoring, store
from desktop.annotations import jsonld_input as field_input
from desktop.annotations.jsonld_input import EXPORT_HINT, read_file  # noqa: F401 (read_file: the API)
from desktop.annotations.aligned import DocumentNotes
from desktop.annotations.colours import COLORS, DEFAULT_COLOR
from desktop.annotations.selectors import TextQuote, position_selector_json, quote_selector_json
from desktop.library.models import Document
from desktop.library.store import get_document
from desktop.translation.store import english_side

CONTEXT = "http://www.w3.org/ns/anno.jsonld"
SOURCE_PREFIX = "urn:glose:sha256:"
_UUID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")


def annotation_jsonld(notes: DocumentNotes, ann: store.Annotation) -> dict[str, Any]:
    bodies: list[dict[str, Any]] = []
    if ann.note:
        bodies.append({"type": "TextualBody", "purpose": "commenting", "value": ann.note, "format": "text/markdown"})
    bodies += [{"type": "TextualBody", "purpose": "tagging", "value": t} for t in ann.tags]
    item: dict[str, Any] = {
        "@context": CONTEXT,
        "id": f"urn:uuid:{ann.id}",
        "type": "Annotation",
        "motivation": "commenting" if ann.note else "highlighting",
        "created": ann.created,
        "modified": ann.modified,
    }
    if bodies:
        item["body"] = bodies
    item["target"] = {
        "source": {
            "id": SOURCE_PREFIX + notes.doc.content_hash,
            "type": "Text",
            "language": ann.side,
            "glose:title": notes.doc.title,
            "glose:side": ann.side,
        },
        "selector": [
            position_selector_json(ann.start, ann.end),
            quote_selector_json(TextQuote(ann.quote, ann.prefix, ann.suffix)),
        ],
    }
    page = notes.page(ann)
    if page is not None:
        # The PDF's page (RFC 3778 fragment, physical page) and the page printed on it.
        item["target"]["selector"].append(
            {"type": "FragmentSelector", "conformsTo": "http://tools.ietf.org/rfc/rfc3778", "value": f"page={page.page}"}
        )
        item["target"]["glose:page"] = page.shown
    item["glose:color"] = ann.color
    item["glose:colorLabel"] = notes.label(ann)
    item["glose:status"] = ann.status
    return item


def export_jsonld(documents: list[DocumentNotes]) -> dict[str, Any]:
    items = [annotation_jsonld(n, a) for n in documents for a in n.annotations]
    return {
        "@context": CONTEXT,
        "type": "AnnotationCollection",
        "label": "Glose notes: " + ", ".join(n.doc.title for n in documents),
        "generator": {"type": "Software", "name": f"Glose {__version__}"},
        "generated": store.now_iso(),
        "total": len(items),
        "first": {"type": "AnnotationPage", "startIndex": 0, "items": items},
    }


def dumps(data: dict[str, Any]) -> str:
    """The collection as indented JSON with one annotation per line: readable, and written
    by json's C encoder (an indented dump of 10,000 annotations takes seconds)."""
    first = data.get("first")
    if not isinstance(first, dict) or not isinstance(first.get("items"), list):
        return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    sentinel = f"@items-{uuid.uuid4()}"
    skeleton = {**data, "first": {**first, "items": sentinel}}
    text = json.dumps(skeleton, ensure_ascii=False, indent=2)
    items = first["items"]
    body = "[\n" + ",\n".join("      " + json.dumps(i, ensure_ascii=False) for i in items) + "\n    ]" if items else "[]"
    return text.replace(json.dumps(sentinel), body, 1) + "\n"


@dataclass
class ImportReport:
    added: int = 0
    updated: int = 0
    unchanged: int = 0
    copies: int = 0  # of those added, how many beside an annotation with the same id (kept as it was)
    orphaned: int = 0  # of those added, how many found no passage here
    waiting: int = 0  # of those added, English-side ones waiting for this library's translation
    skipped: list[str] = field(default_factory=list)  # one reason per annotation left out
    touched: list[store.Annotation] = field(default_factory=list)  # added or updated, as stored

    def summary(self) -> str:
        text = f"{self.added} added, {self.updated} updated, {self.unchanged} already up to date"
        if self.copies:
            text += (
                f" ({self.copies} added as copies beside a note with the same id that was changed here"
                " or belongs to another document: yours is kept as it was)"
            )
        if self.orphaned:
            text += f" ({self.orphaned} added as orphaned: their passage is not in this library's text)"
        if self.waiting:
            text += (
                f" ({self.waiting} on the English side wait for the translation: they are placed"
                " once `glose translate DOC` has translated their sentences)"
            )
        if self.skipped:
            text += f", {len(self.skipped)} skipped"
        return text


def _items(data: Any) -> list[Any]:
    if isinstance(data, list):
        return data
    if isinstance(data, dict):
        if "first" in data:
            first = data["first"]
            items = first.get("items", []) if isinstance(first, dict) else []
        elif "items" in data:
            items = data["items"]
        elif _types(data) & {"AnnotationCollection", "AnnotationPage"}:
            return []  # an empty collection
        else:
            return [data]
        return items if isinstance(items, list) else [items]
    raise ValueError(f"not a JSON object or list of Web Annotations; {EXPORT_HINT}")


def _as_list(value: Any) -> list[Any]:
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def _types(obj: dict[str, Any]) -> set[str]:
    return {str(t) for t in _as_list(obj.get("type") or obj.get("@type"))}


@dataclass
class _Incoming:
    ann: store.Annotation
    content_hash: str | None
    title: str | None
    position_given: bool


def _parse(item: Any) -> _Incoming:
    if not isinstance(item, dict) or "Annotation" not in _types(item):
        raise ValueError("not a Web Annotation (no type Annotation)")
    raw_id = field_input.text(item.get("id") or item.get("@id"), "its id").strip()
    ann_id = raw_id[len("urn:uuid:") :] if raw_id.lower().startswith("urn:uuid:") else raw_id
    ann_id = ann_id.lower() if _UUID.match(ann_id.lower()) else ann_id
    if not ann_id:
        raise ValueError("the annotation has no id")
    targets = [t for t in _as_list(item.get("target")) if isinstance(t, dict) and t.get("selector")]
    if not targets:
        raise ValueError(f"annotation {ann_id} has no target with selectors")
    target = targets[0]
    source = target.get("source")
    source = source if isinstance(source, dict) else {"id": source}
    source_id = field_input.text(source.get("id"), "its source") if not isinstance(source.get("id"), (dict, list)) else ""
    content_hash = source_id[len(SOURCE_PREFIX) :] if source_id.startswith(SOURCE_PREFIX) else None
    title = field_input.text(source.get("glose:title") or source.get("title"), "its title") or None
    language = field_input.text(source.get("language"), "its language", "fr")
    side = field_input.text(source.get("glose:side"), "its side") or ("en" if language.lower().startswith("en") else "fr")
    start = end = -1
    quote = TextQuote("", "", "")
    position_given = False
    for sel in _as_list(target.get("selector")):
        if not isinstance(sel, dict):
            continue
        kinds = _types(sel)
        if "TextPositionSelector" in kinds:
            start = field_input.position(sel.get("start"), f"annotation {ann_id}'s start")
            end = field_input.position(sel.get("end"), f"annotation {ann_id}'s end")
            position_given = start <= end
        elif "TextQuoteSelector" in kinds:
            quote = TextQuote(*(field_input.text(sel.get(k), f"annotation {ann_id}'s {k}") for k in ("exact", "prefix", "suffix")))
    if not quote.exact and not position_given:
        raise ValueError(f"annotation {ann_id} has neither a TextQuoteSelector nor a TextPositionSelector")
    notes, tags = [], []
    for body in _as_list(item.get("body")):
        if isinstance(body, str):
            notes.append(field_input.text(body, "its note"))
        elif isinstance(body, dict) and body.get("value") is not None:
            value = field_input.text(body["value"], "its note")
            (tags if body.get("purpose") == "tagging" else notes).append(value)
    color = field_input.text(item.get("glose:color"), "its colour", DEFAULT_COLOR).lower()
    stamp = store.now_iso()
    created = field_input.timestamp(item.get("created"), stamp)
    ann = store.Annotation(
        id=ann_id,
        doc_id=0,
        side=side if side in store.SIDES else "fr",
        start=max(start, 0),
        end=max(end, 0),
        quote=quote.exact,
        prefix=quote.prefix,
        suffix=quote.suffix,
        sentence_first=None,
        sentence_last=None,
        color=color if color in COLORS else DEFAULT_COLOR,
        note="\n\n".join(n.strip() for n in notes if n.strip()),
        tags=store.normalize_tags(tags),
        status=store.ANCHORED,
        created=created,
        modified=max(created, field_input.timestamp(item.get("modified") or created, stamp)),
    )
    return _Incoming(ann, content_hash, title, position_given)


def _fold(title: str) -> str:
    """A title compared without case or accents."""
    decomposed = unicodedata.normalize("NFKD", " ".join(title.casefold().split()))
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def _find_document(conn: sqlite3.Connection, incoming: _Incoming) -> int | None:
    if incoming.content_hash:
        row = conn.execute("SELECT id FROM documents WHERE content_hash = ? ORDER BY id", (incoming.content_hash,)).fetchone()
        if row:
            return int(row[0])
    if incoming.title:
        key = _fold(incoming.title)
        for row in conn.execute("SELECT id, title FROM documents ORDER BY id"):
            if _fold(row[1]) == key:
                return int(row[0])
    return None


def _newer(incoming: str, local: str) -> bool:
    try:
        return store.parse_time(incoming) > store.parse_time(local)
    except ValueError:
        return False


def _same_content(a: store.Annotation, b: store.Annotation) -> bool:
    return (a.note, a.color, a.tags, a.quote, a.side) == (b.note, b.color, b.tags, b.quote, b.side)


def _copy_id(ann: store.Annotation, doc_id: int) -> str:
    """The id of the copy an incoming annotation becomes: the same for the same content, so
    importing a file again finds its copies instead of adding more."""
    key = "\x1f".join([ann.id, str(doc_id), ann.side, ann.quote, ann.note, ann.color, *ann.tags])
    return str(uuid.uuid5(uuid.NAMESPACE_URL, "urn:glose:copy:" + key))


def _mark_imported(conn: sqlite3.Connection, ann: store.Annotation) -> None:
    """Remember which version came from a file: a later import may update it only while it is
    unchanged here (a local edit moves `modified` away from it)."""
    conn.execute("UPDATE annotations SET imported_modified = ? WHERE id = ?", (ann.modified, ann.id))


def _place(ann: store.Annotation, doc: Document, text: str, english: Any, position_given: bool) -> store.Annotation:
    if not ann.quote and position_given and 0 <= ann.start < ann.end <= len(text):
        ann = replace(ann, quote=text[ann.start : ann.end])
    placed = anchoring.anchor_imported(text, ann)
    if placed.side == "en" and placed.status == store.ANCHORED:
        first, last, offset = store.english_anchor_fields(english, placed.start, placed.end)
        placed = replace(placed, sentence_first=first, sentence_last=last, sentence_offset=offset)
    return placed


def import_jsonld(conn: sqlite3.Connection, data: Any, *, model_id: str | None = None) -> ImportReport:
    """Import Web Annotations (a collection, a page, a list or one) into the library, in one transaction."""
    report = ImportReport()
    items = _items(data)
    if items and not any(isinstance(i, dict) and "Annotation" in _types(i) for i in items):
        raise ValueError(f"no Web Annotations in it (no item of type Annotation); {EXPORT_HINT}")
    docs: dict[int, tuple[Document, Any]] = {}
    with store.durable(conn):
        for n, item in enumerate(items, 1):
            try:
                incoming = _parse(item)
            except (ValueError, KeyError, TypeError) as exc:
                report.skipped.append(f"item {n}: {exc}")
                continue
            doc_id = _find_document(conn, incoming)
            if doc_id is None:
                report.skipped.append(
                    f"item {n}: its document {incoming.title or incoming.content_hash!r} is not in this library; import it first"
                )
                continue
            ann = replace(incoming.ann, doc_id=doc_id)
            local = conn.execute(
                "SELECT doc_id, modified, imported_modified FROM annotations WHERE id = ?", (ann.id,)
            ).fetchone()
            if local is not None and local[0] == doc_id:
                current = store.get_annotation(conn, ann.id)
                if _same_content(current, ann) or not _newer(ann.modified, local[1]):
                    report.unchanged += 1  # the same, or an older version than this one
                    continue
                if local[2] == local[1]:  # unchanged here since it was imported: follow the file
                    newer = replace(current, note=ann.note, color=ann.color, tags=ann.tags, modified=ann.modified)
                    store.save_annotation(conn, newer)
                    _mark_imported(conn, newer)
                    report.updated += 1
                    report.touched.append(newer)
                    continue
            if local is not None:  # another document's, or changed here: never overwritten
                ann = replace(ann, id=_copy_id(ann, doc_id))
                if conn.execute("SELECT 1 FROM annotations WHERE id = ?", (ann.id,)).fetchone():
                    report.unchanged += 1  # this version's copy is already here
                    continue
                report.copies += 1
            if doc_id not in docs:
                doc = get_document(conn, doc_id)
                docs[doc_id] = (doc, english_side(conn, doc, model_id))
            doc, english = docs[doc_id]
            text = doc.text if ann.side == "fr" else english.text
            placed = _place(ann, doc, text, english, incoming.position_given)
            store.insert_annotation(conn, placed)
            _mark_imported(conn, placed)
            report.added += 1
            report.touched.append(placed)
            if anchoring.waiting_for_translation(placed, english):
                report.waiting += 1
            else:
                report.orphaned += placed.status == store.ORPHANED
    return report
