"""DOCX, ODT and EPUB documents of the fidelity corpus, built from real French text.

The text is the Debian FAQ's French chapter "Participer au projet Debian" (debian-faq-fr,
tests/data/fidelity/LICENSES.md); the constructs are the ones Word, LibreOffice and
Project Gutenberg write: numbering definitions with nested levels, list styles with
suffixes and start values, tables with header rows, footnotes, a generated table of
contents, a Gutenberg EPUB with its boilerplate sections and a spine that lists a chapter twice.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

INTRO = "Les dons de temps (pour développer de nouveaux paquets, maintenir des paquets existants ou fournir une assistance aux utilisateurs), de ressources (pour miroiter les archives FTP et WWW) et d'argent sont les bienvenus."
STEPS = [
    "Inscrivez-vous à la liste de diffusion debian-devel.",
    "Lisez la charte Debian et le guide du nouveau responsable.",
    "Proposez votre aide sur les paquets orphelins.",
]
SUB = ["Consultez la liste des paquets en souffrance.", "Envoyez un courriel au responsable."]
TABLE = [("Ressource", "Adresse"), ("Dons", "Software in the Public Interest"), ("Liste", "debian-devel")]
NOTE = "SPI est une organisation à but non lucratif basée aux États-Unis."


_WORD_NUMBERING = """<w:abstractNum xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" w:abstractNumId="90">
<w:multiLevelType w:val="hybridMultilevel"/>
<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/></w:lvl>
<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="lowerLetter"/><w:lvlText w:val="%2)"/></w:lvl>
<w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="bullet"/><w:lvlText w:val="\uf0b7"/></w:lvl>
</w:abstractNum>"""


def _numbered(document) -> str:  # noqa: ANN001 - a docx Document
    """Add Word's usual multi-level list definition (1. / a) / •) and return its numId."""
    from docx.oxml import parse_xml

    numbering = document.part.numbering_part.element
    numbering.insert(0, parse_xml(_WORD_NUMBERING))
    numbering.append(parse_xml('<w:num xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
                               'w:numId="90"><w:abstractNumId w:val="90"/></w:num>'))
    return "90"


def build_docx(path: Path) -> None:
    import docx
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    document = docx.Document()
    num_id = _numbered(document)
    document.core_properties.title = "Document1"  # a placeholder: the Title style names it
    document.add_paragraph("Participer au projet Debian", style="Title")
    document.add_heading("Comment puis-je aider Debian ?", level=1)
    document.add_paragraph(INTRO)
    def item(text: str, level: int) -> None:
        num_pr = document.add_paragraph(text, style="List Paragraph")._p.get_or_add_pPr().get_or_add_numPr()
        num_pr.get_or_add_ilvl().val = level
        num_pr.get_or_add_numId().val = int(num_id)

    for n, step in enumerate(STEPS):
        item(step, 0)
        if n == 1:
            for sub in SUB:
                item(sub, 1)
    document.add_heading("Organisations", level=2)
    table = document.add_table(rows=len(TABLE), cols=2)
    header = table.rows[0]._tr.get_or_add_trPr()
    header.append(OxmlElement("w:tblHeader"))
    for r, row in enumerate(TABLE):
        for c, text in enumerate(row):
            table.cell(r, c).text = text
    document.add_paragraph("Voir aussi la liste des paquets demandés.", style="List Bullet")
    document.add_paragraph("Debian est faite par ses utilisateurs.", style="Quote")
    assert qn("w:p")
    document.save(str(path))


ODT_CONTENT = """<?xml version="1.0" encoding="UTF-8"?>
<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"
  xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0"
  xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" office:version="1.3">
 <office:automatic-styles>
  <style:style style:name="P1" style:family="paragraph" style:parent-style-name="Title"/>
  <text:list-style style:name="L1">
   <text:list-level-style-number text:level="1" style:num-suffix=")" style:num-format="1" text:start-value="1"/>
   <text:list-level-style-number text:level="2" style:num-suffix="." style:num-format="a"/>
  </text:list-style>
  <text:list-style style:name="L2"><text:list-level-style-bullet text:level="1" text:bullet-char="–"/></text:list-style>
 </office:automatic-styles>
 <office:body><office:text>
  <text:p text:style-name="P1">Participer au projet Debian</text:p>
  <text:table-of-content><text:index-body>
   <text:index-title><text:p>Table des matières</text:p></text:index-title>
   <text:p>Comment puis-je aider Debian ?<text:tab/>1</text:p>
   <text:p>Organisations<text:tab/>2</text:p>
  </text:index-body></text:table-of-content>
  <text:h text:outline-level="1">Comment puis-je aider Debian ?</text:h>
  <text:p>{intro}<text:note text:note-class="footnote"><text:note-citation>1</text:note-citation><text:note-body><text:p>{note}</text:p></text:note-body></text:note></text:p>
  <text:list text:style-name="L1">{steps}</text:list>
  <text:h text:outline-level="2">Organisations</text:h>
  <table:table><table:table-header-rows>{header}</table:table-header-rows>{rows}</table:table>
  <text:list text:style-name="L2"><text:list-item><text:p>Voir aussi la liste des paquets demandés.</text:p></text:list-item></text:list>
 </office:text></office:body>
</office:document-content>"""


def _cells(row: tuple[str, str]) -> str:
    return "<table:table-row>" + "".join(
        f"<table:table-cell><text:p>{t}</text:p></table:table-cell>" for t in row
    ) + "</table:table-row>"


def build_odt(path: Path) -> None:
    items = []
    for n, step in enumerate(STEPS):
        sub = ""
        if n == 1:
            sub = "<text:list>" + "".join(f"<text:list-item><text:p>{s}</text:p></text:list-item>" for s in SUB) + "</text:list>"
        items.append(f"<text:list-item><text:p>{step}</text:p>{sub}</text:list-item>")
    content = ODT_CONTENT.format(intro=INTRO, note=NOTE, steps="".join(items), header=_cells(TABLE[0]),
                                 rows="".join(_cells(r) for r in TABLE[1:]))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.text", compress_type=zipfile.ZIP_STORED)
        archive.writestr("content.xml", content, compress_type=zipfile.ZIP_DEFLATED)
    path.write_bytes(buffer.getvalue())


_CHAPTER = """<?xml version="1.0" encoding="utf-8"?>
<html xmlns="http://www.w3.org/1999/xhtml" lang="fr"><head><title>{title}</title></head><body>{body}</body></html>"""
_HEADER = ("<section class=\"pg-boilerplate pgheader\" id=\"pg-header\"><h2>The Project Gutenberg eBook of Participer au projet Debian</h2>"
           "<p>This ebook is for the use of anyone anywhere in the United States and most other parts of the world at no cost.</p>"
           "<p><strong>Title</strong>: Participer au projet Debian</p><p>*** START OF THE PROJECT GUTENBERG EBOOK ***</p></section>")
_FOOTER = ("<section class=\"pg-boilerplate pgheader\" id=\"pg-footer\"><p>*** END OF THE PROJECT GUTENBERG EBOOK ***</p>"
           "<h2>THE FULL PROJECT GUTENBERG LICENSE</h2><p>PLEASE READ THIS BEFORE YOU DISTRIBUTE OR USE THIS WORK</p></section>")


def build_epub(path: Path) -> None:
    chapters = {
        "c1.xhtml": _CHAPTER.format(title="I", body=_HEADER + f"<h1>Comment puis-je aider Debian ?</h1><p>{INTRO}</p>"
                                    + "<ol>" + "".join(f"<li>{s}</li>" for s in STEPS) + "</ol>"),
        "c2.xhtml": _CHAPTER.format(title="II", body="<h2>Organisations</h2><table>" + "".join(
            "<tr>" + "".join(f"<{'th' if r == 0 else 'td'}>{t}</{'th' if r == 0 else 'td'}>" for t in row) + "</tr>"
            for r, row in enumerate(TABLE)) + "</table>" + _FOOTER),
    }
    opf = """<?xml version="1.0" encoding="utf-8"?>
<package xmlns="http://www.idpf.org/2007/opf" version="3.0"><metadata xmlns:dc="http://purl.org/dc/elements/1.1/">
<dc:title>Participer au projet Debian</dc:title><dc:language>fr</dc:language><dc:creator>Projet Debian</dc:creator></metadata>
<manifest><item id="c1" href="c1.xhtml" media-type="application/xhtml+xml"/><item id="c2" href="c2.xhtml" media-type="application/xhtml+xml"/></manifest>
<spine><itemref idref="c1"/><itemref idref="c1"/><itemref idref="c2"/></spine></package>"""
    container = """<?xml version="1.0"?><container version="1.0" xmlns="urn:oasis:names:tc:opendocument:xmlns:container">
<rootfiles><rootfile full-path="OEBPS/content.opf" media-type="application/oebps-package+xml"/></rootfiles></container>"""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("mimetype", "application/epub+zip", compress_type=zipfile.ZIP_STORED)
        archive.writestr("META-INF/container.xml", container)
        archive.writestr("OEBPS/content.opf", opf)
        for name, body in chapters.items():
            archive.writestr(f"OEBPS/{name}", body)
    path.write_bytes(buffer.getvalue())


BUILDERS = {"participer-debian.docx": build_docx, "participer-debian.odt": build_odt, "participer-debian.epub": build_epub}


def corpus(folder: Path, built: Path) -> list[Path]:
    """Every corpus document: the files in `folder` and the ones built into `built`."""
    paths = sorted(
        p for p in folder.iterdir() if p.suffix in (".md", ".html", ".txt", ".docx", ".odt", ".epub") and p.name != "LICENSES.md"
    )  # real files (office suites' DOCX and ODT, Debian's EPUBs among them), then the built ones
    paths += sorted((folder.parent / "pdf").glob("*.pdf"))  # real PDFs (tests/data/pdf, LICENSES.md there)
    for name, build in BUILDERS.items():
        build(built / name)
        paths.append(built / name)
    return paths
