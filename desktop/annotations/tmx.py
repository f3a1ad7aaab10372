"""TMX 1.4b export of aligned sentence pairs, for OmegaT and other CAT tools.

French source, English target (a post-edit when there is one, else MT); sentences not
translated yet are left out, and identical pairs are written once. Each unit carries its
review status (`x-review-status`: machine / reviewed / post-edited) and, for MT, the
model's confidence (`x-mt-confidence`, mean token probability) as <prop>s.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from datetime import datetime

from desktop import __version__
from desktop.annotations.aligned import DocumentNotes, sentence_pairs, xml_safe
from desktop.annotations.unit_context import sentence_props

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def _tmx_date(iso: str | None) -> str | None:
    """TMX dates are YYYYMMDDThhmmssZ in UTC."""
    if not iso:
        return None
    try:
        stamp = datetime.fromisoformat(iso.replace("Z", "+00:00"))
    except ValueError:
        return None
    return stamp.strftime("%Y%m%dT%H%M%SZ")


def export_tmx(documents: list[DocumentNotes], *, only_highlighted: bool = False) -> str:
    root = ET.Element("tmx", version="1.4")
    ET.SubElement(
        root,
        "header",
        creationtool="Glose",
        creationtoolversion=__version__,
        datatype="plaintext",
        segtype="sentence",
        adminlang="en",
        srclang="fr",
        **{"o-tmf": "Glose"},
    )
    body = ET.SubElement(root, "body")
    seen: set[tuple[str, str]] = set()
    for notes in documents:
        structure = sentence_props(notes.doc)  # kind, level, marker, cell, page of each sentence
        for pair in sentence_pairs(notes, only_highlighted=only_highlighted):
            if pair.target is None or (pair.source, pair.target) in seen:
                continue
            seen.add((pair.source, pair.target))
            tu = ET.SubElement(body, "tu", tuid=f"{pair.doc_id}-{pair.index}")
            date = _tmx_date(pair.updated)
            if date:
                tu.set("changedate", date)
            for kind, value in structure.get(pair.index, ()):
                ET.SubElement(tu, "prop", type=kind).text = xml_safe(value)
            ET.SubElement(tu, "prop", type="x-document").text = xml_safe(notes.doc.title)
            ET.SubElement(tu, "prop", type="x-origin").text = "post-edit" if pair.origin == "human" else "machine-translation"
            ET.SubElement(tu, "prop", type="x-review-status").text = pair.status
            if pair.confidence is not None and pair.origin == "mt":
                ET.SubElement(tu, "prop", type="x-mt-confidence").text = f"{pair.confidence:.3f}"
            for note in pair.notes:
                ET.SubElement(tu, "note").text = xml_safe(note)
            for lang, text in (("fr", pair.source), ("en", pair.target)):
                tuv = ET.SubElement(tu, "tuv", {XML_LANG: lang})
                ET.SubElement(tuv, "seg").text = xml_safe(text)
    ET.indent(root, space="  ")
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"
