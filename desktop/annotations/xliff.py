"""XLIFF 2.0 export of a document's sentences: one <file> per document, one <unit> per sentence,
in <group>s that keep the document's structure (xliff_structure.py).

Translated sentences carry their English as <target>; the segment state says how far a
person checked it: "translated" for machine translation, "reviewed" for one a person
accepted, "final" for a post-edit; untranslated ones have a source only (state
"initial"), so a translator can finish them in a CAT tool. Highlight notes travel as unit
<notes>.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET

from desktop.annotations.aligned import DocumentNotes, sentence_pairs, xml_safe
from desktop.annotations.xliff_structure import StructureGroups

XLIFF_NS = "urn:oasis:names:tc:xliff:document:2.0"
XLIFF_STATE = {"machine": "translated", "reviewed": "reviewed", "post-edited": "final"}


def export_xliff(documents: list[DocumentNotes], *, only_highlighted: bool = False) -> str:
    ET.register_namespace("", XLIFF_NS)
    q = lambda tag: f"{{{XLIFF_NS}}}{tag}"  # noqa: E731
    root = ET.Element(q("xliff"), version="2.0", srcLang="fr", trgLang="en")
    for notes in documents:
        file = ET.SubElement(root, q("file"), id=f"doc{notes.doc.id}", original=xml_safe(notes.doc.title))
        groups = StructureGroups(file, notes.doc, q)  # headings, lists, tables... as <group>s
        for pair in sentence_pairs(notes, only_highlighted=only_highlighted):
            unit = ET.SubElement(groups.parent(pair.index), q("unit"), id=f"s{pair.index}")
            if pair.notes:
                holder = ET.SubElement(unit, q("notes"))
                for note in pair.notes:
                    ET.SubElement(holder, q("note"), category="highlight").text = xml_safe(note)
            state = "initial" if pair.target is None else XLIFF_STATE.get(pair.status, "translated")
            segment = ET.SubElement(unit, q("segment"), id=f"s{pair.index}", state=state)
            ET.SubElement(segment, q("source")).text = xml_safe(pair.source)
            if pair.target is not None:
                ET.SubElement(segment, q("target")).text = xml_safe(pair.target)
    ET.indent(root, space="  ")
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"
