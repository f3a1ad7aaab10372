"""Constructs met in real French documents nobody had tried with Glose (Debian's French
manuals in DocBook, Sphinx, texinfo, tex4ht, Asciidoctor and LibreOffice help HTML, their
EPUBs, READMEs on npm), each reproduced in a few lines as its generator writes it. The
whole documents, or faithful extracts, are in the fidelity corpus (tests/data/fidelity)."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from desktop.library.importers import PLACEHOLDER_TITLE, read_document
from desktop.library.importers.headings import join_split_headings
from desktop.library.models import FOOTNOTE, HEADING, PARAGRAPH, Block, Structure


def read(tmp_path: Path, name: str, text: str) -> list[Block]:
    path = tmp_path / name
    path.write_text(text, "utf-8")
    return read_document(path).blocks


def page(body: str) -> str:
    return f'<!DOCTYPE html><html lang="fr"><head><meta charset="utf-8"><title>T</title></head><body>{body}</body></html>'


@pytest.mark.parametrize(
    "notes",
    [
        # DocBook XSL
        '<p>Texte<a href="#ftn.a" class="footnote" id="a"><sup class="footnote">[27]</sup></a>.</p>'
        '<div class="footnotes"><hr/><div id="ftn.a" class="footnote"><p><a href="#a" class="para">'
        '<sup class="para">[27] </sup></a>Consultez la Charte Debian.</p></div></div>',
        # pandoc
        '<p>Texte<a href="#fn1" class="footnote-ref" id="fnref1" role="doc-noteref"><sup>27</sup></a>.</p>'
        '<section id="footnotes" class="footnotes footnotes-end-of-document" role="doc-endnotes"><hr />'
        '<ol start="27"><li id="fn1"><p>Consultez la Charte Debian.<a href="#fnref1" class="footnote-back" '
        'role="doc-backlink">↩︎</a></p></li></ol></section>',
        # Sphinx (docutils 0.18+)
        '<p>Texte<a class="footnote-reference brackets" href="#id2" id="id1" role="doc-noteref">'
        '<span class="fn-bracket">[</span>27<span class="fn-bracket">]</span></a>.</p>'
        '<aside class="footnote-list brackets"><aside class="footnote brackets" id="id2" role="doc-footnote">'
        '<span class="label"><span class="fn-bracket">[</span><a role="doc-backlink" href="#id1">27</a>'
        '<span class="fn-bracket">]</span></span><p>Consultez la Charte Debian.</p></aside></aside>',
        # EPUB 3 (LibreOffice's EPUB export)
        '<p>Texte<sup id="calledF1"><a epub:type="noteref" href="#dataF1">27</a></sup>.</p>'
        '<aside epub:type="footnote" id="dataF1"><p><span><sup><a href="#calledF1">27</a></sup>'
        'Consultez la Charte Debian.</span></p></aside>',
    ],
    ids=["docbook", "pandoc", "sphinx", "epub3"],
)
def test_html_footnotes_are_footnotes_with_their_mark(tmp_path: Path, notes: str) -> None:
    blocks = read(tmp_path, "notes.html", page(notes))
    assert [(b.kind, b.structure.marker, b.text) for b in blocks] == [
        (PARAGRAPH, "", "Texte."),  # the call leaves the text, as a Word or ODF note's does
        (FOOTNOTE, "27", "Consultez la Charte Debian."),
    ]


@pytest.mark.parametrize(
    "box",
    [
        # DocBook XSL with admonition graphics
        '<div class="tip"><table border="0" summary="Tip"><tr><td rowspan="2" align="center" valign="top" width="25">'
        '<img alt="[Astuce]" src="images/tip.png"/></td><th align="left">Astuce</th></tr><tr><td align="left" '
        'valign="top"><p>Utilisez UTF-8 partout.</p></td></tr></table></div>',
        # Asciidoctor
        '<div class="admonitionblock tip"><table><tr><td class="icon"><div class="title">Astuce</div></td>'
        '<td class="content">Utilisez UTF-8 partout.</td></tr></table></div>',
    ],
    ids=["docbook", "asciidoctor"],
)
def test_boxes_laid_out_as_tables_are_callouts_with_their_label(tmp_path: Path, box: str) -> None:
    blocks = read(tmp_path, "box.html", page(box))
    assert [(b.kind, b.text, b.structure.attr("label"), b.structure.attr("type")) for b in blocks] == [
        ("callout", "Utilisez UTF-8 partout.", "Astuce", "tip")
    ]


def test_a_docbook_table_title_is_its_caption(tmp_path: Path) -> None:
    blocks = read(tmp_path, "t.html", page(
        '<div class="table"><p class="title"><strong>Tableau 8.1. Paquets</strong></p><div class="table-contents">'
        "<table><thead><tr><th>paquet</th><th>taille</th></tr></thead><tbody><tr><td>ibus</td><td>1637</td></tr>"
        "</tbody></table></div></div>"
    ))
    assert blocks[0].kind == "caption" and blocks[0].text == "Tableau 8.1. Paquets"
    assert blocks[0].structure.group == blocks[1].structure.group  # the table's own caption
    assert [b.text for b in blocks[1:]] == ["paquet", "taille", "ibus", "1637"]


def test_a_title_row_and_bold_header_row(tmp_path: Path) -> None:
    blocks = read(tmp_path, "t.html", page(
        '<table border="1"><tr><td colspan="3"><strong>Liste des services</strong></td></tr>'
        "<tr><td><strong>Service</strong></td><td><strong>Nom</strong></td><td><strong>DNS</strong></td></tr>"
        "<tr><td>Courrier</td><td><strong>IMAP</strong></td><td>postoffice</td></tr>"
        "<tr><td>Impression</td><td>CUPS</td><td>ipp</td></tr></table>"
    ))
    assert (blocks[0].kind, blocks[0].text) == ("caption", "Liste des services")
    cells = [(b.structure.row, b.text, bool(b.structure.attr("header"))) for b in blocks[1:]]
    assert cells[:4] == [(0, "Service", True), (0, "Nom", True), (0, "DNS", True), (1, "Courrier", False)]
    assert (1, "IMAP", False) in cells  # one bold cell in a row does not make it a header


def test_a_chapter_number_before_its_heading_joins_it() -> None:
    blocks = [Block(PARAGRAPH, "3"), Block(HEADING, "Prise en main", Structure(level=1)), Block(PARAGRAPH, "Texte.")]
    assert [(b.kind, b.text) for b in join_split_headings(blocks)] == [(HEADING, "3 Prise en main"), (PARAGRAPH, "Texte.")]
    kept = [Block(PARAGRAPH, "TITRE II"), Block(HEADING, "Dispositions finales", Structure(level=2))]
    assert join_split_headings(kept) == kept  # a word and a number: a line of its own


def test_the_variant_a_script_shows_by_default_is_kept(tmp_path: Path) -> None:
    blocks = read(tmp_path, "aide.html", page(
        '<p>Choisissez <span class="switchinline"><span hidden="true" class="MAC">LibreOffice - Préférences</span>'
        '<span hidden="true" id="default1">Outils - Options</span></span> - Général.</p>'
        '<p hidden="hidden">Texte caché.</p>'
    ))
    assert [b.text for b in blocks] == ["Choisissez Outils - Options - Général."]


def test_the_page_content_area_without_a_main_element(tmp_path: Path) -> None:
    text = " ".join(["La gravure musicale demande un soin particulier."] * 8)
    blocks = read(tmp_path, "site.html", page(
        f'<div id="main"><h1>Introduction</h1><p>{text}</p><div id="footer"><p>Autres langues : English</p></div></div>'
        '<div id="verifier"><h3>Validation</h3><p>Valid HTML 4.01</p></div>'
        '<div id="tocframe"><ul class="toc"><li><a href="a.html">Téléchargement</a></li></ul></div>'
    ))
    assert [b.text for b in blocks] == ["Introduction", text]


def test_a_content_area_without_the_page_title_is_not_the_whole_text(tmp_path: Path) -> None:
    text = " ".join(["KiCad permet de dessiner des schémas électroniques."] * 8)
    blocks = read(tmp_path, "asciidoctor.html", page(
        '<div id="header"><h1>Démarrer avec KiCad</h1><div id="toc" class="toc2"><div id="toctitle">Table des matières'
        '</div><ul class="sectlevel1"><li><a href="#intro">1. Introduction</a></li></ul></div></div>'
        f'<div id="content"><div class="sect1"><h2 id="intro">1. Introduction</h2><p>{text}</p></div></div>'
    ))
    assert [b.kind for b in blocks][:1] == ["heading"] and blocks[0].text == "Démarrer avec KiCad"
    assert "toc" in [b.kind for b in blocks] and blocks[-1].text == text


def test_a_sphinx_epub_link_target_is_not_text(tmp_path: Path) -> None:
    blocks = read(tmp_path, "p.html", page(
        '<p>Lisez <a class="reference external" href="https://www.debian.org/doc/">le guide</a>'
        '<span class="link-target"> [https://www.debian.org/doc/]</span> avant.</p>'
    ))
    assert [b.text for b in blocks] == ["Lisez le guide avant."]


def test_a_page_signature_is_not_text(tmp_path: Path) -> None:
    blocks = read(tmp_path, "p.html", page("<h3>Informations</h3><p>Le nom de la société.</p><hr><address>Jan Wenzel 2008-03-13</address>"))
    assert [b.text for b in blocks] == ["Informations", "Le nom de la société."]


def test_an_epub_zipped_inside_a_folder_is_read(tmp_path: Path) -> None:
    path = tmp_path / "manuel.epub"
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("epub/mimetype", "application/epub+zip")
        z.writestr("epub/META-INF/container.xml", '<?xml version="1.0"?><container xmlns="urn:oasis:names:tc:opendocument:'
                   'xmlns:container" version="1.0"><rootfiles><rootfile full-path="OEBPS/content.opf"/></rootfiles></container>')
        z.writestr("epub/OEBPS/content.opf", '<?xml version="1.0"?><package xmlns="http://www.idpf.org/2007/opf" version="2.0">'
                   '<metadata xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:title>Manuel</dc:title></metadata><manifest>'
                   '<item id="c" href="c.html" media-type="application/xhtml+xml"/></manifest><spine><itemref idref="c"/>'
                   "</spine></package>")
        z.writestr("epub/OEBPS/c.html", page("<h1>Architecture</h1><p>Le réseau de l'école.</p>"))
    parsed = read_document(path)
    assert parsed.title == "Manuel" and [b.text for b in parsed.blocks] == ["Architecture", "Le réseau de l'école."]


@pytest.mark.parametrize(("title", "placeholder"), [
    ("developers-reference", True), ("guide_2024", True), ("Sud-Est", False), ("Covid-19", False), ("Document1", True),
])  # fmt: skip
def test_a_file_name_is_no_title(title: str, placeholder: bool) -> None:
    assert bool(PLACEHOLDER_TITLE.match(title)) is placeholder


def test_a_markdown_list_of_links_to_its_sections_is_a_table_of_contents(tmp_path: Path) -> None:
    blocks = read(tmp_path, "readme.md", (
        "# Projet\n\n## Table des matières\n\n- 🪧 [À propos](#à-propos)\n- 📦 [Prérequis](#prérequis)\n"
        "  - [Node](#node)\n\n## À propos\n\nVoir [le site](https://exemple.fr) et [la suite](#suite).\n\n"
        "- [Documentation](#documentation) complète du projet\n- [Licence](#licence)\n"
    ))
    toc = [(b.text, b.structure.depth, b.structure.attr("target")) for b in blocks if b.kind == "toc"]
    assert toc == [("🪧 À propos", 0, "#à-propos"), ("📦 Prérequis", 0, "#prérequis"), ("Node", 1, "#node")]
    assert [b.kind for b in blocks[-2:]] == ["list_item", "list_item"]  # words around the link: a list


def test_an_obsidian_alert_title_is_the_box_label(tmp_path: Path) -> None:
    blocks = read(tmp_path, "note.md", "> [!TIP] Bon à savoir\n> La démarche est gratuite.\n\n> [!NOTE] Une ligne.\n")
    assert [(b.text, b.structure.attr("label")) for b in blocks] == [
        ("La démarche est gratuite.", "Bon à savoir"), ("Une ligne.", "Note"),
    ]
