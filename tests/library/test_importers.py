"""read_document on every format, made here from scratch, and on every kind of bad file."""

from __future__ import annotations

import io
import os
import zipfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from desktop.library.importers import SUPPORTED_EXTENSIONS, read_document, readable_stem
from desktop.library.importers.archive import open_zip
from desktop.library.importers.errors import Refused
from desktop.library.importers.pages import strip_running_lines
from desktop.library.importers.pdf import NO_TEXT_LAYER
from desktop.library.models import (
    CAPTION,
    FOOTNOTE,
    HEADING,
    LIST_ITEM,
    PARAGRAPH,
    QUOTE,
    TABLE_CELL,
    TOC,
    Block,
    ImportRefused,
)

FRENCH = "Les élèves ont étudié l’œuvre « française » à Noël\u00a0; où ça\u00a0?"


def plain(blocks: list[Block]) -> list[Block]:
    """Blocks without their structure (levels, markers, groups): kind and text only."""
    return [Block(b.kind, b.text) for b in blocks]


def refusal(path: Path, **kwargs: int) -> str:
    with pytest.raises(ImportRefused) as info:
        read_document(path, **kwargs)
    assert info.value.path == str(path)
    return info.value.reason


# --- PDF, written by hand: Helvetica with WinAnsi encoding, one text line per Tj ------------


def _pdf_string(text: str) -> bytes:
    raw = text.encode("cp1252")
    return b"(" + raw.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)") + b")"


def make_pdf(
    pages: list[list[str]], *, image_only: bool = False, title: str | None = None, streams: list[bytes] | None = None
) -> bytes:
    objects: list[bytes] = []

    def add(body: bytes) -> int:
        objects.append(body)
        return len(objects)

    catalog = add(b"")  # filled in below
    pages_id = add(b"")
    font = add(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>")
    image = add(
        b"<< /Type /XObject /Subtype /Image /Width 2 /Height 2 /ColorSpace /DeviceGray "
        b"/BitsPerComponent 8 /Length 4 >>\nstream\n\x00\xff\xff\x00\nendstream"
    )
    kids = []
    for n, lines in enumerate(pages):
        if streams is not None:
            stream = streams[n]
        elif image_only:
            stream = b"q 300 0 0 300 100 300 cm /Im1 Do Q"
        else:
            ops = [b"BT /F1 11 Tf 14 TL 72 770 Td"]
            for line in lines:
                ops.append(_pdf_string(line) + b" Tj T*")
            ops.append(b"ET")
            stream = b"\n".join(ops)
        content = add(b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream")
        kids.append(
            add(
                b"<< /Type /Page /Parent %d 0 R /MediaBox [0 0 595 842] /Contents %d 0 R "
                b"/Resources << /Font << /F1 %d 0 R >> /XObject << /Im1 %d 0 R >> >> >>"
                % (pages_id, content, font, image)
            )
        )
    objects[pages_id - 1] = b"<< /Type /Pages /Kids [%s] /Count %d >>" % (
        b" ".join(b"%d 0 R" % k for k in kids),
        len(kids),
    )
    objects[catalog - 1] = b"<< /Type /Catalog /Pages %d 0 R >>" % pages_id
    info = add(b"<< /Title " + _pdf_string(title) + b" >>") if title else None
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for n, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % n + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % off for off in offsets)
    trailer = b"<< /Size %d /Root %d 0 R" % (len(objects) + 1, catalog)
    if info:
        trailer += b" /Info %d 0 R" % info
    out += b"trailer\n" + trailer + b" >>\nstartxref\n%d\n%%%%EOF\n" % xref
    return bytes(out)


REPORT_PAGES = [
    [
        "Rapport de la mission - Genève",
        "Introduction",
        "La délégation a rencontré les représentants des",
        "organisations internationales afin d'échanger des con-",
        "naissances sur la protec-",
        "tion des migrants en Asie du Sud-",
        "Est et ailleurs.",
        "Page 1",
    ],
    [
        "Rapport de la mission - Genève",
        "Les participants ont souligné l'importance du dia-",
        "logue régional entre les pays d'origine et",
        "de destination.",
        "Page 2",
    ],
    [
        "Rapport de la mission - Genève",
        "Conclusions",
        "La prochaine réunion aura lieu en 2026.",
        "Page 3",
    ],
]


def test_pdf_text_layer(tmp_path: Path) -> None:
    path = tmp_path / "mission.PDF"
    path.write_bytes(make_pdf(REPORT_PAGES, title="Mission à Genève"))
    doc = read_document(path)
    assert doc.format == "pdf"
    assert doc.metadata["pages"] == "3"
    assert doc.metadata["title"] == "Mission à Genève"
    text = [b.text for b in doc.blocks]
    assert not any("Rapport de la mission" in t or t.startswith("Page ") for t in text), text
    assert Block(HEADING, "Introduction") in plain(doc.blocks)
    assert doc.title == "Introduction"
    body = " ".join(text)
    assert "afin d'échanger des connaissances sur la protection des migrants en Asie du Sud-Est et ailleurs." in body
    # The page break in mid-sentence is mended, the hyphenation too.
    assert "l'importance du dialogue régional entre les pays d'origine et de destination." in body
    assert Block(PARAGRAPH, "La prochaine réunion aura lieu en 2026.") in plain(doc.blocks)


def test_pdf_image_only_is_refused(tmp_path: Path) -> None:
    # A picture and no text: OCR (when installed) finds nothing to read either.
    path = tmp_path / "scan.pdf"
    path.write_bytes(make_pdf([[], []], image_only=True))
    assert refusal(path).startswith(NO_TEXT_LAYER)


def test_pdf_encrypted_is_refused(tmp_path: Path) -> None:
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(make_pdf(REPORT_PAGES))))
    writer.encrypt(user_password="secret", owner_password="owner", algorithm="RC4-128")
    buffer = io.BytesIO()
    writer.write(buffer)
    path = tmp_path / "locked.pdf"
    path.write_bytes(buffer.getvalue())
    assert "encrypted" in refusal(path)


def test_pdf_with_only_an_owner_password_is_read(tmp_path: Path) -> None:
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(make_pdf(REPORT_PAGES))))
    writer.encrypt(user_password="", owner_password="owner", algorithm="RC4-128")
    buffer = io.BytesIO()
    writer.write(buffer)
    path = tmp_path / "restricted.pdf"
    path.write_bytes(buffer.getvalue())
    assert Block(HEADING, "Conclusions") in plain(read_document(path).blocks)


def test_pdf_damaged(tmp_path: Path) -> None:
    path = tmp_path / "broken.pdf"
    path.write_bytes(b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\n")
    assert "damaged" in refusal(path) or "no pages" in refusal(path)


def test_strip_running_lines_keeps_a_title_page_without_header() -> None:
    words = ["deux", "trois", "quatre", "cinq", "six"]
    pages = [["Titre du rapport", "Texte."]] + [
        ["En-tête du rapport", f"Page {word}, première ligne.", f"Suite {word}.", f"- {n} -"]
        for n, word in enumerate(words, 2)
    ]
    cleaned = strip_running_lines(pages)
    assert cleaned[0] == ["Titre du rapport", "Texte."]
    assert cleaned[1:] == [[f"Page {word}, première ligne.", f"Suite {word}."] for word in words]


# --- DOCX via python-docx ----------------------------------------------------------------


def make_docx(path: Path) -> None:
    import docx

    document = docx.Document()
    document.core_properties.title = "Titre des métadonnées"
    document.add_heading("Coopération régionale", level=1)
    document.add_paragraph("Le dialogue entre l’UE et l’ANASE\u00a0: un bilan.")
    document.add_paragraph("Premier point", style="List Bullet")
    document.add_paragraph("Second point", style="List Number")
    document.add_heading("Annexe", level=2)
    table = document.add_table(rows=1, cols=2)
    table.cell(0, 0).text = "Cellule un"
    table.cell(0, 1).text = "Cellule deux"
    document.add_paragraph("")
    document.add_paragraph("Dernier paragraphe avec une ﬁn.")
    document.save(str(path))


def test_docx(tmp_path: Path) -> None:
    path = tmp_path / "rapport.docx"
    make_docx(path)
    doc = read_document(path)
    assert doc.format == "docx"
    assert doc.title == "Coopération régionale"
    assert doc.metadata["title"] == "Titre des métadonnées"
    assert plain(doc.blocks) == [
        Block(HEADING, "Coopération régionale"),
        Block(PARAGRAPH, "Le dialogue entre l’UE et l’ANASE\u00a0: un bilan."),
        Block(LIST_ITEM, "Premier point"),
        Block(LIST_ITEM, "Second point"),
        Block(HEADING, "Annexe"),
        Block(TABLE_CELL, "Cellule un"),
        Block(TABLE_CELL, "Cellule deux"),
        Block(PARAGRAPH, "Dernier paragraphe avec une fin."),
    ]
    heading, _, bullet, number, annex, cell_a, cell_b, _ = doc.blocks
    assert (heading.structure.level, annex.structure.level) == (1, 2)
    assert (bullet.structure.marker, number.structure.marker) == ("•", "1.")
    assert (cell_a.structure.row, cell_a.structure.col, cell_b.structure.col) == (0, 0, 1)
    assert cell_a.structure.group == cell_b.structure.group != 0


def test_docx_truncated(tmp_path: Path) -> None:
    whole = tmp_path / "whole.docx"
    make_docx(whole)
    path = tmp_path / "cut.docx"
    path.write_bytes(whole.read_bytes()[: whole.stat().st_size // 2])
    assert "damaged or truncated" in refusal(path)


def test_png_renamed_docx(tmp_path: Path) -> None:
    path = tmp_path / "photo.docx"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(200))
    reason = refusal(path)
    assert "PNG image" in reason and "not a Word (.docx) document" in reason


def test_odt_renamed_docx(tmp_path: Path) -> None:
    path = tmp_path / "autre.docx"
    path.write_bytes(make_odt())
    assert "not a valid Word (.docx) document" in refusal(path)


# --- zip bombs ---------------------------------------------------------------------------


def _zip(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def test_zip_bomb_by_ratio(tmp_path: Path) -> None:
    path = tmp_path / "bomb.docx"
    path.write_bytes(_zip({"[Content_Types].xml": b"<x/>", "word/document.xml": bytes(20 * 1024 * 1024)}))
    assert path.stat().st_size < 100_000
    assert "zip bomb" in refusal(path)


def test_zip_bomb_by_total_size() -> None:
    # Many members, each plausible on its own, together too big.
    members = {f"part{n}.xml": (b"<p>%d</p>" % n) * 20_000 for n in range(8)}
    with pytest.raises(Refused, match="zip bomb"):
        open_zip(_zip(members), "EPUB", max_uncompressed=1024 * 1024)


def test_zip_bomb_epub_and_odt(tmp_path: Path) -> None:
    bomb = _zip({"mimetype": b"application/epub+zip", "OEBPS/c.xhtml": bytes(30 * 1024 * 1024)})
    for name in ("bomb.epub", "bomb.odt"):
        path = tmp_path / name
        path.write_bytes(bomb)
        assert "zip bomb" in refusal(path)


# --- ODT and EPUB, built with zipfile -------------------------------------------------------

ODT_CONTENT = """<?xml version="1.0" encoding="UTF-8"?>
<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"
  xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"
  xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" office:version="1.2">
 <office:body><office:text>
  <text:sequence-decls><text:sequence-decl text:display="none" text:name="Table"/></text:sequence-decls>
  <text:table-of-content><text:index-body><text:p>Sommaire à ignorer</text:p></text:index-body></text:table-of-content>
  <text:h text:outline-level="1">Le <text:span>dialogue</text:span> régional</text:h>
  <text:p>Un   texte<text:s text:c="3"/>avec<text:tab/>des espaces<text:line-break/>et une note<text:note text:note-class="footnote"><text:note-citation>1</text:note-citation><text:note-body><text:p>La note de bas de page.</text:p></text:note-body></text:note>.</text:p>
  <text:list><text:list-item><text:p>Premier élément</text:p></text:list-item>
   <text:list-item><text:p>Second élément</text:p>
    <text:list><text:list-item><text:p>Sous-élément</text:p></text:list-item></text:list></text:list-item></text:list>
  <table:table><table:table-row><table:table-cell><text:p>Case A</text:p></table:table-cell></table:table-row></table:table>
  <text:p/>
 </office:text></office:body>
</office:document-content>"""

ODT_META = """<?xml version="1.0" encoding="UTF-8"?>
<office:document-meta xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"
  xmlns:dc="http://purl.org/dc/elements/1.1/"><office:meta><dc:title>Titre ODT</dc:title>
  <dc:language>fr-FR</dc:language></office:meta></office:document-meta>"""


def make_odt(content: str = ODT_CONTENT, mimetype: bytes = b"application/vnd.oasis.opendocument.text") -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("mimetype", mimetype, compress_type=zipfile.ZIP_STORED)
        archive.writestr("content.xml", content, compress_type=zipfile.ZIP_DEFLATED)
        archive.writestr("meta.xml", ODT_META, compress_type=zipfile.ZIP_DEFLATED)
    return buffer.getvalue()


def test_odt(tmp_path: Path) -> None:
    path = tmp_path / "note.odt"
    path.write_bytes(make_odt())
    doc = read_document(path)
    assert doc.format == "odt"
    assert doc.metadata == {"title": "Titre ODT", "language": "fr-FR"}
    assert doc.title == "Le dialogue régional"
    assert plain(doc.blocks) == [
        Block(TOC, "Sommaire à ignorer"),  # a generated table of contents: TOC entries, not prose
        Block(HEADING, "Le dialogue régional"),
        Block(PARAGRAPH, "Un texte avec des espaces et une note."),
        Block(LIST_ITEM, "Premier élément"),
        Block(LIST_ITEM, "Second élément"),
        Block(LIST_ITEM, "Sous-élément"),
        Block(PARAGRAPH, "Case A"),  # a one-cell table lays out text: a paragraph
        Block(FOOTNOTE, "La note de bas de page."),
    ]
    assert [b.structure.depth for b in doc.blocks if b.kind == LIST_ITEM] == [0, 0, 1]
    assert doc.blocks[-1].structure.marker == "1"


def test_odt_spreadsheet_and_broken_xml(tmp_path: Path) -> None:
    path = tmp_path / "calc.odt"
    path.write_bytes(make_odt(mimetype=b"application/vnd.oasis.opendocument.spreadsheet"))
    assert "not an OpenDocument text document" in refusal(path)
    path.write_bytes(make_odt(content="<office:document-content"))
    assert "damaged" in refusal(path)


def _chapter(title: str, body: str) -> str:
    return (
        '<?xml version="1.0" encoding="utf-8"?>\n<html xmlns="http://www.w3.org/1999/xhtml" xml:lang="fr">'
        f"<head><title>{title}</title></head><body>{body}</body></html>"
    )


def make_epub(chapters_in_spine: list[str] | None = None) -> bytes:
    opf = """<?xml version="1.0" encoding="utf-8"?>
<package xmlns="http://www.idpf.org/2007/opf" version="3.0" unique-identifier="id">
 <metadata xmlns:dc="http://purl.org/dc/elements/1.1/">
  <dc:title>Le livre des migrations</dc:title><dc:language>fr</dc:language><dc:creator>Anonyme</dc:creator>
 </metadata>
 <manifest>
  <item id="nav" href="nav.xhtml" media-type="application/xhtml+xml" properties="nav"/>
  <item id="a" href="text/chapitre%20a.xhtml" media-type="application/xhtml+xml"/>
  <item id="b" href="text/b.xhtml" media-type="application/xhtml+xml"/>
  <item id="css" href="style.css" media-type="text/css"/>
 </manifest>
 <spine><itemref idref="nav"/><itemref idref="b"/><itemref idref="a"/></spine>
</package>"""
    container = """<?xml version="1.0"?>
<container version="1.0" xmlns="urn:oasis:names:tc:opendocument:xmlns:container">
 <rootfiles><rootfile full-path="OEBPS/content.opf" media-type="application/oebps-package+xml"/></rootfiles>
</container>"""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("mimetype", "application/epub+zip", compress_type=zipfile.ZIP_STORED)
        archive.writestr("META-INF/container.xml", container)
        archive.writestr("OEBPS/content.opf", opf)
        archive.writestr("OEBPS/nav.xhtml", _chapter("Sommaire", "<nav><ol><li>Chapitre 1</li></ol></nav><p>Table</p>"))
        archive.writestr(
            "OEBPS/text/b.xhtml",
            _chapter("Un", "<h1>Chapitre premier</h1><p>Il était une fois un dia\u00adlogue.</p>"),
        )
        archive.writestr(
            "OEBPS/text/chapitre a.xhtml",
            _chapter("Deux", "<h2>Chapitre second</h2><ul><li>Un élément</li></ul><p>La ﬁn.</p>"),
        )
        archive.writestr("OEBPS/style.css", "p { margin: 0 }")
    return buffer.getvalue()


def test_epub_reads_chapters_in_spine_order(tmp_path: Path) -> None:
    path = tmp_path / "livre.epub"
    path.write_bytes(make_epub())
    doc = read_document(path)
    assert doc.format == "epub"
    assert doc.metadata == {"title": "Le livre des migrations", "language": "fr", "author": "Anonyme"}
    assert doc.title == "Le livre des migrations"  # dc:title, not the first chapter's heading
    assert plain(doc.blocks) == [
        Block(HEADING, "Chapitre premier"),
        Block(PARAGRAPH, "Il était une fois un dialogue."),
        Block(HEADING, "Chapitre second"),
        Block(LIST_ITEM, "Un élément"),
        Block(PARAGRAPH, "La fin."),
    ]


def test_epub_without_container(tmp_path: Path) -> None:
    path = tmp_path / "faux.epub"
    path.write_bytes(_zip({"mimetype": b"application/epub+zip", "a.xhtml": b"<p>x</p>"}))
    assert "META-INF/container.xml is missing" in refusal(path)


# --- HTML --------------------------------------------------------------------------------

PAGE = """<!DOCTYPE html>
<html lang="fr"><head><meta charset="windows-1252"><title>Page d'accueil</title>
<style>body { color: red }</style><script>var x = "<p>non</p>";</script></head>
<body>
<header><p>Menu du site</p></header>
<nav><ul><li>Accueil</li><li>Contact</li></ul></nav>
<main>
 <h1>Les migrations en Asie</h1>
 <p>Un premier paragraphe
    sur plusieurs lignes, avec un <a href="/x">lien</a> et <b>du gras</b>.</p>
 <div>Une division de texte&nbsp;: «&nbsp;citée&nbsp;».</div>
 <ol><li>Premier</li><li>Second<ul><li>Imbriqué</li></ul></li></ol>
 <h2>Suite</h2><p>Fin.<br>Vraiment.
</main>
<aside>Publicité</aside>
<footer>Mentions légales</footer>
<noscript>Activez JavaScript</noscript>
</body></html>"""


def test_html(tmp_path: Path) -> None:
    path = tmp_path / "page.HTM"
    path.write_bytes(PAGE.encode("cp1252"))
    doc = read_document(path)
    assert doc.format == "html"
    assert doc.metadata == {"title": "Page d'accueil", "language": "fr"}
    assert doc.title == "Les migrations en Asie"
    assert plain(doc.blocks) == [
        Block(HEADING, "Les migrations en Asie"),
        Block(PARAGRAPH, "Un premier paragraphe sur plusieurs lignes, avec un lien et du gras."),
        Block(PARAGRAPH, "Une division de texte\u00a0: «\u00a0citée\u00a0»."),
        Block(LIST_ITEM, "Premier"),
        Block(LIST_ITEM, "Second"),
        Block(LIST_ITEM, "Imbriqué"),
        Block(HEADING, "Suite"),
        Block(PARAGRAPH, "Fin. Vraiment."),
    ]


def test_html_wrong_charset_declaration_falls_back(tmp_path: Path) -> None:
    path = tmp_path / "mal.html"
    path.write_bytes('<meta charset="utf-8"><p>Déjà l’été</p>'.encode("cp1252"))
    assert plain(read_document(path).blocks) == [Block(PARAGRAPH, "Déjà l’été")]


def test_html_without_text(tmp_path: Path) -> None:
    path = tmp_path / "vide.html"
    path.write_text("<html><head><script>x()</script></head><body><nav>Menu</nav></body></html>")
    assert refusal(path) == "no text found in the file"


# --- text and Markdown -----------------------------------------------------------------------


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16", "utf-16-le", "cp1252"])
def test_text_encodings(tmp_path: Path, encoding: str) -> None:
    path = tmp_path / f"texte-{encoding}.txt"
    path.write_bytes(f"Titre\n\n{FRENCH}\n".encode(encoding))
    doc = read_document(path)
    assert plain(doc.blocks) == [Block(HEADING, "Titre"), Block(PARAGRAPH, FRENCH)]
    assert doc.format == "txt"


def test_text_latin1(tmp_path: Path) -> None:
    path = tmp_path / "ancien.TXT"
    path.write_bytes("Les élèves étudient à l'école, où ça ?".encode("latin-1"))
    assert plain(read_document(path).blocks) == [Block(PARAGRAPH, "Les élèves étudient à l'école, où ça ?")]


def test_text_title_falls_back_to_the_file_name(tmp_path: Path) -> None:
    path = tmp_path / "compte_rendu-de-la-reunion.txt"
    path.write_text("Une seule phrase, sans titre.", "utf-8")
    assert read_document(path).title == "Compte rendu de la reunion"
    assert readable_stem(Path("a.b_c-d.txt")) == "A b c d"


MARKDOWN = """---
title: Notes de réunion
lang: fr
---

# Compte **rendu**

Un paragraphe avec *emphase*, __gras__, `code` et un [lien](https://example.org)
qui continue sur la ligne suivante ; l'adresse <https://example.org/x>.

- premier point
* second point
  suite du second point
1. élément numéroté

Sous-titre
----------

> Une citation\u00a0!

```
code_ignored = True
```

![image](pic.png)
| A | B |
|---|---|
| un | deux |

[ref]: https://example.org
Snake_case_name reste.
"""


def test_markdown(tmp_path: Path) -> None:
    path = tmp_path / "notes.md"
    path.write_text(MARKDOWN, "utf-8")
    doc = read_document(path)
    assert doc.format == "md"
    assert doc.metadata["title"] == "Notes de réunion"
    assert doc.metadata["language"] == "fr"
    assert doc.title == "Notes de réunion"  # the front matter's title names the document
    assert plain(doc.blocks) == [
        Block(HEADING, "Compte rendu"),
        Block(
            PARAGRAPH,
            "Un paragraphe avec emphase, gras, code et un lien qui continue sur la ligne suivante ; "
            "l'adresse https://example.org/x.",
        ),
        Block(LIST_ITEM, "premier point"),
        Block(LIST_ITEM, "second point suite du second point"),
        Block(LIST_ITEM, "élément numéroté"),
        Block(HEADING, "Sous-titre"),
        Block(QUOTE, "Une citation\u00a0!"),
        Block(CAPTION, "image"),  # an image keeps only its alt text, as a caption
        Block(TABLE_CELL, "A"),
        Block(TABLE_CELL, "B"),
        Block(TABLE_CELL, "un"),
        Block(TABLE_CELL, "deux"),
        Block(PARAGRAPH, "Snake_case_name reste."),
    ]
    assert [b.structure.marker for b in doc.blocks if b.kind == LIST_ITEM] == ["•", "•", "1."]
    assert [(b.structure.row, b.structure.col, b.structure.attr("header")) for b in doc.blocks if b.kind == TABLE_CELL] == [
        (0, 0, True), (0, 1, True), (1, 0, None), (1, 1, None)
    ]


# --- refusals common to every format -------------------------------------------------------


def test_unsupported_type(tmp_path: Path) -> None:
    path = tmp_path / "tableur.xlsx"
    path.write_bytes(b"PK\x03\x04")
    reason = refusal(path)
    assert reason.startswith("unsupported file type") and ".docx" in reason


def test_missing_file(tmp_path: Path) -> None:
    assert refusal(tmp_path / "absent.txt") == "file not found"


def test_empty_file(tmp_path: Path) -> None:
    for name in ("vide.txt", "vide.pdf", "vide.docx", "blanc.md"):
        path = tmp_path / name
        path.write_bytes(b"" if name != "blanc.md" else b" \n\n\t\n")
        assert refusal(path) == "the file is empty"


def test_too_large(tmp_path: Path) -> None:
    path = tmp_path / "gros.txt"
    path.write_text("Du texte. " * 20_000, "utf-8")
    reason = refusal(path, max_bytes=100_000)
    assert "too large" in reason and "limit is 98 KB" in reason


def test_unreadable(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "secret.txt"
    path.write_text("x", "utf-8")
    path.chmod(0)
    if os.access(path, os.R_OK):  # root reads anything: make the read fail as it would
        def denied(self: Path, *args: object, **kwargs: object) -> None:
            raise PermissionError(13, "Permission denied", str(self))

        monkeypatch.setattr(Path, "open", denied)
    assert refusal(path) == "the file cannot be read (permission denied)"


def test_read_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "disque.txt"
    path.write_text("x", "utf-8")

    def failing(self: Path, *args: object, **kwargs: object) -> None:
        raise OSError(5, "Input/output error")

    monkeypatch.setattr(Path, "open", failing)
    assert refusal(path) == "the file cannot be read (Input/output error)"


def test_folder_named_like_a_document(tmp_path: Path) -> None:
    path = tmp_path / "dossier.txt"
    path.mkdir()
    assert refusal(path) == "this is a folder, not a file"


@pytest.mark.parametrize(
    "name, data, expected",
    [
        ("binaire.txt", bytes(range(256)) * 8, "not a text file"),
        ("programme.txt", b"\x7fELF\x02\x01\x01" + bytes(100), "a program"),
        ("image.md", b"\x89PNG\r\n\x1a\n" + bytes(50), "a PNG image, not a Markdown file"),
        ("archive.html", _zip({"a.txt": b"x"}), "a ZIP archive, not a HTML page"),
        ("texte.pdf", "Ceci est du texte, pas un PDF.".encode(), "not a PDF document (it does not start like one)"),
        ("texte.epub", b"Ceci est du texte", "not a EPUB book (it does not start like one)"),
        ("ancien.docx", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(100), "old Microsoft Office file"),
    ],
)
def test_not_what_the_extension_says(tmp_path: Path, name: str, data: bytes, expected: str) -> None:
    path = tmp_path / name
    path.write_bytes(data)
    assert expected in refusal(path)


def test_every_supported_extension_is_dispatched(tmp_path: Path) -> None:
    assert {".txt", ".md", ".html", ".htm", ".docx", ".odt", ".pdf", ".epub"} <= SUPPORTED_EXTENSIONS


def test_seeds_import(seeds_dir: Path) -> None:
    for path in sorted(seeds_dir.glob("*.txt")):
        doc = read_document(path)
        assert doc.blocks and doc.title
        assert doc.metadata["encoding"] == "utf-8"


def test_pdf_written_by_qt(tmp_path: Path, qapp) -> None:  # noqa: ANN001 - pytest-qt's QApplication
    # A real-world PDF: embedded subset TrueType fonts with ToUnicode maps (Qt's writer).
    from PySide6.QtCore import QMarginsF
    from PySide6.QtGui import QFont, QFontDatabase, QPageLayout, QPageSize, QPainter, QPdfWriter

    if not QFontDatabase.families():
        pytest.skip("no fonts installed for Qt to embed")
    path = tmp_path / "qt.pdf"
    writer = QPdfWriter(str(path))
    writer.setPageLayout(QPageLayout(QPageSize(QPageSize.A4), QPageLayout.Portrait, QMarginsF(20, 20, 20, 20)))
    writer.setResolution(72)
    painter = QPainter(writer)
    painter.setFont(QFont("DejaVu Sans", 11))
    pages = [
        ["Bulletin de liaison", "Compte rendu", "Les délégués ont partagé leurs con-", "naissances sur l’œuvre commune."],
        ["Bulletin de liaison", "Le dia-", "logue continuera en 2026\u00a0!"],
    ]
    for n, lines in enumerate(pages):
        if n:
            writer.newPage()
        for i, line in enumerate(lines):
            painter.drawText(40, 60 + 18 * i, line)
    painter.end()
    doc = read_document(path)
    assert plain(doc.blocks) == [
        Block(HEADING, "Compte rendu"),
        Block(PARAGRAPH, "Les délégués ont partagé leurs connaissances sur l’œuvre commune."),
        Block(PARAGRAPH, "Le dialogue continuera en 2026\u00a0!"),
    ]


def test_epub_with_drm_is_refused(tmp_path: Path) -> None:
    book = io.BytesIO(make_epub())
    with zipfile.ZipFile(book, "a") as archive:
        archive.writestr(
            "META-INF/encryption.xml",
            '<encryption xmlns="urn:oasis:names:tc:opendocument:xmlns:container" '
            'xmlns:enc="http://www.w3.org/2001/04/xmlenc#"><enc:EncryptedData>'
            '<enc:CipherData><enc:CipherReference URI="OEBPS/text/b.xhtml"/></enc:CipherData>'
            "</enc:EncryptedData></encryption>",
        )
    path = tmp_path / "drm.epub"
    path.write_bytes(book.getvalue())
    assert "DRM" in refusal(path)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    ext=st.sampled_from(sorted(SUPPORTED_EXTENSIONS)),
    data=st.one_of(
        st.binary(min_size=1, max_size=400),
        st.binary(max_size=300).map(lambda b: b"PK\x03\x04" + b),
        st.binary(max_size=300).map(lambda b: b"%PDF-1.4\n" + b),
        st.integers(min_value=1, max_value=2000).map(lambda n: make_odt()[:n]),
    ),
)
def test_any_bytes_give_a_document_or_a_refusal(tmp_path: Path, ext: str, data: bytes) -> None:
    path = tmp_path / f"fuzz{ext}"
    path.write_bytes(data)
    try:
        doc = read_document(path)
    except ImportRefused as exc:
        assert exc.reason and str(path) in str(exc)
    else:
        assert doc.blocks and all(b.text and "\n" not in b.text for b in doc.blocks)


def test_text_with_form_feeds_drops_running_headers(tmp_path: Path) -> None:
    # What pdftotext writes: pages separated by form feeds, headers and numbers on each.
    pages = [
        "Bulletin trimestriel\n\nÉditorial\n\nLes délégations se sont réunies pour renforcer la\ncoopération et la protec-\n\n1\n",
        "Bulletin trimestriel\n\ntion des travailleurs migrants.\n\nUn nouveau paragraphe commence ici.\n\n2\n",
        "Bulletin trimestriel\n\nDernière page.\n\n3\n",
    ]
    path = tmp_path / "bulletin.txt"
    path.write_text("\f".join(pages), "utf-8")
    assert plain(read_document(path).blocks) == [
        Block(HEADING, "Éditorial"),
        Block(
            PARAGRAPH,
            "Les délégations se sont réunies pour renforcer la coopération et la protection des travailleurs migrants.",
        ),
        Block(PARAGRAPH, "Un nouveau paragraphe commence ici."),
        Block(PARAGRAPH, "Dernière page."),
    ]


def test_html_article_header_kept_hidden_parts_dropped(tmp_path: Path) -> None:
    path = tmp_path / "article.html"
    path.write_text(
        "<body><header><h1>Nom du site</h1></header>"
        "<article><header><h1>Titre de l'article</h1><p>Par la rédaction</p></header>"
        "<p hidden>Texte caché</p><div aria-hidden=\"true\">Icône</div>"
        "<div role=\"navigation\">Menu</div><p>Le corps de l'article.</p></article></body>",
        "utf-8",
    )
    assert plain(read_document(path).blocks) == [
        Block(HEADING, "Titre de l'article"),
        Block(PARAGRAPH, "Par la rédaction"),
        Block(PARAGRAPH, "Le corps de l'article."),
    ]


def test_docx_converted_from_pdf_one_paragraph_per_line(tmp_path: Path) -> None:
    import docx

    document = docx.Document()
    for line in ["La délégation a souligné la protec-", "tion des migrants et", "le dialogue avec l’Asie du Sud-", "Est.", "Fin."]:
        document.add_paragraph(line)
    path = tmp_path / "converti.docx"
    document.save(str(path))
    assert plain(read_document(path).blocks) == [
        Block(PARAGRAPH, "La délégation a souligné la protection des migrants et le dialogue avec l’Asie du Sud-Est."),
        Block(PARAGRAPH, "Fin."),
    ]


def test_title_of_a_letter_is_its_subject_or_the_file_name(tmp_path: Path) -> None:
    letter = "Madame,\n\nJe vous remercie de votre accueil chaleureux.\n\nCordialement,\n\nLucien Barbier\n"
    path = tmp_path / "lettre_remerciements.txt"
    path.write_text(letter, encoding="utf-8")
    doc = read_document(path)
    assert doc.title == "Lettre remerciements"  # not the signature
    assert doc.blocks[-1] == Block(PARAGRAPH, "Lucien Barbier")
    path.write_text("Objet\u00a0: demande de congé\n\n" + letter, encoding="utf-8")  # French typography
    assert read_document(path).title == "Demande de congé"
    path.write_text("Compte rendu du bureau\n\nLa séance est ouverte à dix heures.\n", encoding="utf-8")
    assert read_document(path).title == "Compte rendu du bureau"


def test_table_rows_are_one_paragraph_each_in_every_format(tmp_path: Path) -> None:
    import docx

    cells = [("Commune", 0, 0), ("Habitants", 0, 1), ("Albi", 1, 0), ("49 000", 1, 1), ("Rodez", 3, 0), ("24 000", 3, 1)]
    expected = [(TABLE_CELL, text, row, col) for text, row, col in cells]

    def cells_of(blocks: list[Block]) -> list[tuple[str, str, int, int]]:
        found = [(b.kind, b.text.replace("\u00a0", " "), b.structure.row, b.structure.col) for b in blocks if b.kind == TABLE_CELL]
        assert len({b.structure.group for b in blocks if b.kind == TABLE_CELL}) == 1
        return found

    word = docx.Document()
    word.add_paragraph("Population des villes voisines.")
    table = word.add_table(rows=4, cols=2)
    for r, row in enumerate([("Commune", "Habitants"), ("Albi", "49 000"), ("", ""), ("Rodez", "24 000")]):
        for c, text in enumerate(row):
            table.cell(r, c).text = text
    word.save(str(tmp_path / "villes.docx"))
    assert cells_of(read_document(tmp_path / "villes.docx").blocks) == expected  # the empty row has no cells

    page = (
        "<html><body><p>Population des villes voisines.</p><table>"
        "<tr><th>Commune</th><th>Habitants</th></tr><tr><td><p>Albi</p></td><td>49&nbsp;000</td></tr>"
        "<tr><td> </td><td></td></tr><tr><td>Rodez<td>24&nbsp;000</table>"
        # A layout table (one cell holding the text) keeps its paragraphs and headings.
        "<table><tr><td><h2>Annexe</h2><p>Un premier paragraphe.</p><p>Un second paragraphe.</p></td></tr></table>"
        "</body></html>"
    )
    (tmp_path / "villes.html").write_text(page, encoding="utf-8")
    blocks = read_document(tmp_path / "villes.html").blocks
    assert cells_of(blocks[:7]) == expected
    assert blocks[1].structure.attr("header") is True
    assert blocks[7:] == [
        Block(HEADING, "Annexe"), Block(PARAGRAPH, "Un premier paragraphe."), Block(PARAGRAPH, "Un second paragraphe.")
    ]

    odt = ODT_CONTENT.replace(
        "<table:table><table:table-row><table:table-cell><text:p>Case A</text:p></table:table-cell></table:table-row></table:table>",
        "<table:table>"
        + "".join(
            f"<table:table-row><table:table-cell><text:p>{a}</text:p></table:table-cell>"
            f"<table:table-cell><text:p>{b}</text:p></table:table-cell></table:table-row>"
            for a, b in [("Commune", "Habitants"), ("Albi", "49 000"), ("", ""), ("Rodez", "24 000")]
        )
        + "</table:table>",
    )
    (tmp_path / "villes.odt").write_bytes(make_odt(odt))
    assert cells_of(read_document(tmp_path / "villes.odt").blocks) == expected

    (tmp_path / "villes.md").write_text(
        "| Commune | Habitants |\n|---|---|\n| Albi | 49 000 |\n|  |  |\n| Rodez | 24 000 |\n", encoding="utf-8"
    )
    md = read_document(tmp_path / "villes.md").blocks
    assert cells_of(md) == expected


def test_html_cookie_banner_dropped_and_utf8_wins_over_a_wrong_declaration(tmp_path: Path) -> None:
    page = (
        '<html><head><meta charset="windows-1252"></head><body class="cookies-not-set">'
        '<div id="cookie-notice">Ce site utilise des cookies. <button>Accepter</button> Refuser</div>'
        '<div class="rgpd-consent"><p>Vos données, vos choix : Paramétrer</p></div>'
        '<div id="tarteaucitronRoot"><p>Autoriser les traceurs</p></div>'
        "<h1>Fermeture estivale</h1><p>La piscine ferme du 1er au 15 août – réouverture le 16.</p>"
        "<p>Prix réduit : 2 €, c’est-à-dire moitié prix.</p></body></html>"
    )
    path = tmp_path / "avis.html"
    path.write_bytes(page.encode("utf-8"))
    assert plain(read_document(path).blocks) == [
        Block(HEADING, "Fermeture estivale"),
        Block(PARAGRAPH, "La piscine ferme du 1er au 15 août – réouverture le 16."),
        Block(PARAGRAPH, "Prix réduit : 2 €, c’est-à-dire moitié prix."),
    ]
    # Mojibake already in the page (UTF-8 once read as cp1252 and saved again) is repaired.
    path.write_bytes(page.encode("utf-8").decode("cp1252").encode("utf-8"))
    assert read_document(path).blocks[1] == Block(PARAGRAPH, "La piscine ferme du 1er au 15 août – réouverture le 16.")


def _placed_lines(lines: list[tuple[str, int, int]]) -> bytes:
    """A content stream with each (text, font size, height on the page) line placed absolutely."""
    ops = [b"BT"]
    for text, size, y in lines:
        ops.append(b"/F1 %d Tf 1 0 0 1 72 %d Tm " % (size, y) + _pdf_string(text) + b" Tj")
    ops.append(b"ET")
    return b"\n".join(ops)


# As long as the body lines: the cleanup alone cannot tell it is a title.
PDF_TITLE = "Bilan annuel des subventions culturelles du canton"
BODY = [
    ("La commission a examiné les demandes de subvention", 11, 700),
    ("déposées par les associations culturelles du canton.", 11, 686),
    ("Elle a retenu douze projets sur les trente présentés.", 11, 672),
]


@pytest.mark.parametrize(
    "title_line",
    [(PDF_TITLE, 18, 740), (PDF_TITLE, 11, 730)],
    ids=["larger-font", "same-font-with-a-gap"],
)
def test_pdf_title_stays_apart_from_the_first_paragraph(tmp_path: Path, title_line: tuple[str, int, int]) -> None:
    path = tmp_path / "bilan.pdf"
    path.write_bytes(make_pdf([[]], streams=[_placed_lines([title_line, *BODY])]))
    doc = read_document(path)
    assert plain(doc.blocks) == [
        Block(HEADING, PDF_TITLE),
        Block(
            PARAGRAPH,
            "La commission a examiné les demandes de subvention déposées par les associations culturelles "
            "du canton. Elle a retenu douze projets sur les trente présentés.",
        ),
    ]
    assert doc.title == PDF_TITLE


def test_a_lone_leading_bullet_line_is_the_title(tmp_path: Path) -> None:
    path = tmp_path / "communique.txt"
    path.write_text(
        "• Communiqué de presse de la réunion régionale sur l'eau\n\n"
        "Le 3 mars, les délégués se sont réunis à Lyon. Ils ont adopté une déclaration.\n",
        encoding="utf-8",
    )
    parsed = read_document(path)
    assert parsed.title == "Communiqué de presse de la réunion régionale sur l'eau"
    assert parsed.blocks[0].kind == HEADING


def test_a_real_list_at_the_start_stays_a_list(tmp_path: Path) -> None:
    path = tmp_path / "liste.txt"
    path.write_text("• Premier point à retenir\n• Second point à retenir\n\nUne phrase de conclusion.\n", encoding="utf-8")
    parsed = read_document(path)
    assert [b.kind for b in parsed.blocks[:2]] == [LIST_ITEM, LIST_ITEM]
