"""Real PDFs made by real tools (pages cut out of Debian's French manuals, tests/data/pdf,
sources and licences in LICENSES.md), read as a user would: the text as printed, the
structure as laid out."""

from __future__ import annotations

from pathlib import Path

from desktop.library.importers import read_document
from desktop.library.models import HEADING, PARAGRAPH
from desktop.library.pdf.textlayer import Char, compose_accents

DATA = Path(__file__).resolve().parent.parent / "data" / "pdf"


def _blocks(name: str):  # noqa: ANN202
    return read_document(DATA / name).blocks


def test_tex_accents_drawn_apart_are_composed() -> None:
    blocks = _blocks("lilypond-essai-ot1.pdf")
    text = "\n".join(b.text for b in blocks)
    assert not any(mark in text for mark in "`´¨ˆ˜¸"), text
    for word in ("décidés", "esthétique", "première ligne", "épaisseur", "équilibrée", "ovoïde", "considère", "Néanmoins"):
        assert word in text
    # The capital's accent is drawn after the rest of its line: still on its À, and the word
    # it was drawn between ("li|gne") is not cut.
    assert any(b.text.startswith("À titre d’exemple") for b in blocks)


def test_a_heavy_stemv_on_every_font_is_not_bold_body_text() -> None:
    blocks = _blocks("lilypond-essai-ot1.pdf")
    body = [b for b in blocks if b.text.startswith(("Lorsque nous", "Les symboles", "Vous noterez", "Si l’on considère"))]
    assert len(body) == 4 and all(b.kind == PARAGRAPH for b in body)
    assert [b.text for b in blocks if b.kind == HEADING and b.text == "Espacement"]  # CMBX12 is bold


def _char(text: str, x0: float, x1: float, baseline: float = 100.0) -> Char:
    return Char(text, x0, x1, baseline - 8, baseline + 2, baseline, 10.0, False)


def test_a_backtick_or_caret_beside_a_letter_stays() -> None:
    code = [_char("a", 0, 5), _char("`", 5, 10), _char("b", 10, 15), _char("^", 15, 20), _char("c", 20, 25)]
    assert [c.text for c in compose_accents(code)] == ["a", "`", "b", "^", "c"]
    over = [_char("c", 0, 5), _char("¸", 0.5, 4.5), _char("a", 5, 10), _char("ˆ", 10.2, 14.8), _char("ı", 11, 14)]
    assert [c.text for c in compose_accents(over)] == ["ç", "a", "î"]


def _lines(name: str, number: int):  # noqa: ANN202
    import pypdfium2 as pdfium

    from desktop.library.pdf.pages import read_page

    doc = pdfium.PdfDocument(str(DATA / name))
    try:
        return read_page(doc, number - 1, mode="never", lexicon=frozenset(), engine=None)[0].lines
    finally:
        doc.close()


def test_justified_lines_of_a_narrow_column_stay_whole() -> None:
    # LibreOffice stretches the spaces of "Les Représentants du Peuple Français," past an em;
    # the gutter between the columns stays a gutter.
    lines = _lines("ddhc-dossier-deux-colonnes.pdf", 1)
    body = [ln for ln in lines if abs(ln.size - 10) < 0.5 and not ln.text[:1] in "•123"]
    starts = sorted({round(ln.x0) for ln in body})
    assert starts == [57, 309, 326], starts  # the two columns, and a numbered item's second line
    assert "Les Représentants du Peuple Français," in [ln.text for ln in lines]
    assert not any("Nationale, La Loi" in ln.text or "libres et actions" in ln.text for ln in lines)


def test_two_column_teaching_pack_as_laid_out() -> None:
    blocks = _blocks("ddhc-dossier-deux-colonnes.pdf")
    texts = [b.text for b in blocks]
    preamble = next(b for b in blocks if b.text.startswith("Les Représentants du Peuple Français, constitués"))
    assert preamble.kind == PARAGRAPH and preamble.text.endswith("leurs droits et leurs devoirs.¹")
    assert "La Déclaration retient en conséquence\u00a0:" in texts  # its own paragraph
    articles = [b.text for b in blocks if b.kind == HEADING and b.text.startswith("Article")]
    assert articles == ["Article premier"] + [f"Article {n}" for n in range(2, 7)]
    assert texts.index("Article 4") < texts.index("Article 5")  # left column, then right
    assert [b.structure.marker for b in blocks if b.kind == "list_item"] == ["•"] * 3 + ["1.", "2.", "3."]
    assert [b.text for b in blocks if b.kind == "footnote"][0].startswith("Adoptée par l’Assemblée")
    cells = [b for b in blocks if b.kind == "table_cell"]
    assert len(cells) == 12 and {b.structure.page for b in cells} == {2}
    assert not any("Dossier pédagogique —" in t or t.startswith("Page ") for t in texts)


def test_a_scan_of_the_two_column_pack_reads_column_after_column(tmp_path: Path) -> None:
    """The pack printed and scanned: rendered at 200 dpi, turned 1.2°, grain added, JPEG."""
    import io

    import pypdfium2 as pdfium
    import pytest
    from PIL import Image

    from desktop.library.pdf import ocr
    from tests import pdf_samples

    if ocr.find_tesseract() is None:
        pytest.skip("Tesseract is not installed (`make test` installs it)")
    doc = pdfium.PdfDocument(str(DATA / "ddhc-dossier-deux-colonnes.pdf"))
    page = doc[0].render(scale=200 / 72, grayscale=True).to_pil().convert("L")
    doc.close()
    grain = Image.effect_noise(page.size, 24).point(lambda v: v - 128)
    page = Image.blend(page, Image.merge("L", [grain]), 0.08).rotate(1.2, fillcolor=255, expand=False)
    jpeg = io.BytesIO()
    page.save(jpeg, "JPEG", quality=60)
    path = pdf_samples.image_pdf([Image.open(io.BytesIO(jpeg.getvalue()))], tmp_path / "scan.pdf")
    parsed = read_document(path)
    texts = [b.text for b in parsed.blocks]
    # The title set over two lines, whose sizes Tesseract measures apart, is one heading.
    assert "Déclaration des droits de l'homme et du citoyen" in [b.text for b in parsed.blocks if b.kind == HEADING]
    # Justified lines whose spaces Tesseract measured wide stay whole, so no column is cut into
    # pieces that the reading order would interleave with the other one.
    assert any(t.startswith("Les Représentants du Peuple Français, constitués en Assemblée Nationale, considérant") for t in texts), texts
    order = [next(i for i, t in enumerate(texts) if t.startswith(s)) for s in ("Le but de toute", "Le principe de toute", "Article 5", "La Loi n'a le droit")]
    assert order == sorted(order), texts
    assert not any("Le but de toute" in t and "La Loi" in t for t in texts)


def test_latex_section_numbers_set_a_quad_before_their_titles() -> None:
    blocks = _blocks("impnattypo-page1.pdf")
    headings = [(b.structure.level, b.text) for b in blocks if b.kind == HEADING]
    texts = [t for _level, t in headings]
    assert (2, "1 Introduction") in headings and (2, "2 Utilisation") in headings and (3, "2.1 Césures") in headings
    assert "1" not in texts and "Introduction" not in texts
    # The date under the title stays under it: the section number did not open a column.
    assert texts.index("1.5 en date du 2019/03/04") < texts.index("1 Introduction")


def test_the_first_pages_largest_heading_names_a_pdf() -> None:
    # Not the option name in the margin that comes before it in the page's order.
    assert read_document(DATA / "impnattypo-page1.pdf").title == "Le paquet impnattypo"


def test_a_raised_letter_kerned_under_the_one_before_stays_in_its_word() -> None:
    body = " ".join(b.text for b in _blocks("impnattypo-page1.pdf"))
    assert "implémentées en LATEX." in body and "L AT" not in body  # the LaTeX logo


def test_dot_leaders_do_not_make_a_line_letter_spaced() -> None:
    # ". . . . ." is a run of spaced single characters, but not letters: the entry's own
    # word spaces stay ("Besoins matériels", not "Besoinsmatériels" or "C o n f i g").
    text = " ".join(b.text for b in _blocks("debian-edu-sommaire.pdf"))
    for entry in ("Besoins matériels", "Configuration par défaut", "Vérification des fichiers image téléchargés"):
        assert entry in text
    assert "Besoinsmatériels" not in text and "C o n" not in text


def test_a_table_of_contents_gives_entries_with_their_pages() -> None:
    blocks = _blocks("debian-edu-sommaire.pdf")
    toc = {b.text: dict(b.structure.attrs).get("target") for b in blocks if b.kind == "toc"}
    assert toc["4.1 Besoins matériels"] == "6" and toc["5.2 Routeur Internet"] == "7"
    assert toc["4 Besoins"] == "6"  # a chapter's entry, bold and without leaders
    assert len(toc) >= 30
    # No page number or run of leader dots left standing as a paragraph or heading.
    assert not [b.text for b in blocks if b.kind != "toc" and b.text.strip(" .0123456789") == ""]
    assert not [b.text for b in blocks if b.kind == HEADING and b.text[-1:].isdigit()]


def test_running_heads_that_change_with_each_chapter_and_section(tmp_path: Path) -> None:
    """expEYES' manual (LaTeX book class): its heads sit 13 % down the page, name the chapter
    on even pages and the section on odd ones; a section's head may come back only once."""
    from tests import pdf_samples

    blocks = read_document(pdf_samples.book_heads(tmp_path / "livre.pdf")).blocks
    texts = [b.text for b in blocks]
    assert not [t for t in texts if "CHAPITRE 1." in t or "ARTICLE" in t], texts
    assert not [t for t in texts if t.strip().isdigit()]
    assert [t for t in texts if t.startswith("1.") and t[3:].startswith(" Article")] == [f"1.{k} Article {k}" for k in range(1, 5)]
    assert sum(t.startswith("Paragraphe ") for t in texts) == 24


def test_a_list_of_figures_with_wrapped_and_tight_entries(tmp_path: Path) -> None:
    from tests import pdf_samples

    blocks = read_document(pdf_samples.list_of_figures(tmp_path / "figures.pdf")).blocks
    toc = [(b.text, dict(b.structure.attrs).get("target")) for b in blocks if b.kind == "toc"]
    expected = [(f"{n} {' '.join(lines)}", page) for n, lines, page in pdf_samples.LIST_OF_FIGURES]
    assert toc == expected, toc


def test_a_note_call_set_apart_sits_against_its_word() -> None:
    body = " ".join(b.text for b in _blocks("impnattypo-page1.pdf"))
    assert "sur le site tex.stackexchange.com¹, et qui implémente" in body  # not "com ¹ , et"
