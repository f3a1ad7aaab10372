from __future__ import annotations

from desktop.annotations.aligned import DocumentNotes
from desktop.annotations.export_md import export_markdown


def test_markdown_reads_as_a_briefing_note(notes: DocumentNotes) -> None:
    md = export_markdown([notes])
    assert md.startswith("# Migrations\n")
    assert "*2 highlight(s), 1 no longer found in the text*" in md
    assert "### 1. Terminology (green, French text)\n\n> gouvernance partagée\n\n*English:* It aims at shared governance" in md
    assert "Terme **clé** : « gouvernance »" in md and "Tags: `GCM`, `gouvernance`" in md
    assert "(blue, English text)\n\n> EN Le forum\n\n*French:* Le forum de Lianyungang" in md
    orphans = md.index("## No longer found in the text")
    assert md.index("perdu") > orphans > md.index("EN Le forum")
