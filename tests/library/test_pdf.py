"""PDFs read with their layout (desktop.library.pdf): tests build their own PDFs with
reportlab (tests/pdf_samples.py) and assert the structure that comes out."""

from __future__ import annotations

import io
import subprocess
import sys
from pathlib import Path

import pytest

from desktop.library.importers import read_document
from desktop.library.models import FOOTNOTE, HEADING, LIST_ITEM, PARAGRAPH, TABLE_CELL, Block, ImportRefused
from desktop.library.pdf.document import parse_pdf_document
from desktop.library.pdf.model import Unreadable
from desktop.library.reading import NEVER, ReadOptions
from tests import pdf_samples
from tests.conftest import REPO


@pytest.fixture(scope="module")
def brochure(tmp_path_factory: pytest.TempPathFactory) -> list[Block]:
    path = pdf_samples.brochure(tmp_path_factory.mktemp("pdf") / "brochure.pdf")
    return read_document(path).blocks


def _find(blocks: list[Block], start: str) -> Block:
    found = [b for b in blocks if b.text.startswith(start)]
    assert len(found) == 1, (start, [b.text[:40] for b in blocks])
    return found[0]


def test_headings_by_size_and_weight_with_levels(brochure: list[Block]) -> None:
    title = _find(brochure, "Conférence régionale sur l'eau")
    assert (title.kind, title.structure.level) == (HEADING, 1)
    spaced = _find(brochure, "SYNTHÈSE DES DÉBATS")  # letter-spaced: one heading, words rejoined
    assert spaced.kind == HEADING and spaced.text == "SYNTHÈSE DES DÉBATS"
    levels = {b.text: b.structure.level for b in brochure if b.kind == HEADING}
    assert levels["Priorités retenues"] < levels["Travaux déjà réalisés"] == levels["Calendrier"]
    assert levels["Conférence régionale sur l'eau"] < levels["Priorités retenues"]


def test_running_headers_and_page_numbers_are_gone(brochure: list[Block]) -> None:
    texts = [b.text for b in brochure if b.kind != TABLE_CELL]
    assert not any(pdf_samples.HEADER in t for t in texts)
    assert not any(t.strip().isdigit() for t in texts)


def test_two_columns_read_one_after_the_other(brochure: list[Block]) -> None:
    paragraphs = [b.text for b in brochure if b.kind == PARAGRAPH]
    order = [paragraphs.index(p) for p in pdf_samples.LEFT + pdf_samples.RIGHT]
    assert order == sorted(order)
    assert all(p in paragraphs for p in pdf_samples.LEFT + pdf_samples.RIGHT)  # each whole, nothing interleaved


def test_drop_cap_rejoins_its_word(brochure: list[Block]) -> None:
    block = _find(brochure, "Les échanges")
    assert block.kind == PARAGRAPH and block.text == "L" + pdf_samples.DROP_CAP_TEXT


def test_footnote_apart_with_its_marker(brochure: list[Block]) -> None:
    note = _find(brochure, pdf_samples.FOOTNOTE)
    assert note.kind == FOOTNOTE and note.structure.marker == "1"
    body = [b for b in brochure if b.kind == PARAGRAPH]
    assert not any(pdf_samples.FOOTNOTE in b.text for b in body)


def test_bullets_glyphs_shapes_and_private_use_symbols_are_list_items(brochure: list[Block]) -> None:
    items = [b for b in brochure if b.kind == LIST_ITEM]
    expected = pdf_samples.GLYPH_ITEMS + pdf_samples.NESTED_ITEMS + pdf_samples.SHAPE_ITEMS + pdf_samples.PUA_ITEMS
    assert [b.text for b in items] == expected
    depths = {b.text: b.structure.depth for b in items}
    assert all(depths[t] == 0 for t in pdf_samples.GLYPH_ITEMS + pdf_samples.SHAPE_ITEMS + pdf_samples.PUA_ITEMS)
    assert all(depths[t] == 1 for t in pdf_samples.NESTED_ITEMS)
    markers = {b.text: b.structure.marker for b in items}
    assert markers[pdf_samples.NESTED_ITEMS[0]] == "–"
    assert markers[pdf_samples.SHAPE_ITEMS[0]] == markers[pdf_samples.PUA_ITEMS[0]] == "•"
    assert len({b.structure.group for b in items}) == 1 and items[0].structure.group > 0


def test_ruled_table_becomes_cells(brochure: list[Block]) -> None:
    cells = [b for b in brochure if b.kind == TABLE_CELL]
    grid = {(b.structure.row, b.structure.col): b.text for b in cells}
    assert grid == {(r, c): text for r, row in enumerate(pdf_samples.TABLE) for c, text in enumerate(row)}
    assert len({b.structure.group for b in cells}) == 1
    assert all(b.structure.attr("header") for b in cells if b.structure.row == 0)
    assert not any(b.structure.attr("header") for b in cells if b.structure.row > 0)


def test_pages_and_labels_and_a_sentence_running_over_a_page_break(brochure: list[Block]) -> None:
    title = _find(brochure, "Conférence régionale sur l'eau")
    assert (title.structure.page, title.structure.page_label) == (1, "i")
    lists = _find(brochure, "Priorités retenues")
    assert (lists.structure.page, lists.structure.page_label) == (2, "1")
    running = _find(brochure, "La prochaine réunion")
    # The word cut at the foot of page 2 ("investisse-" / "ments") is one word again.
    assert "investissements nécessaires pour les dix années à venir" in running.text
    assert running.structure.page == 2
    offset = running.text.index("ments nécessaires")  # where page 3 (printed 2) starts
    assert running.structure.attr("pages") == ((offset, 3, "2"),)
    last = _find(brochure, "Le compte rendu complet")
    assert (last.structure.page, last.structure.page_label) == (3, "2")


def test_ligatures_unfold_and_french_spaces_survive(tmp_path: Path) -> None:
    from reportlab.pdfgen import canvas

    path = tmp_path / "ligatures.pdf"
    c = canvas.Canvas(str(path))
    c.setFont(pdf_samples.font(), 11)
    c.drawString(72, 700, "Les eﬀorts ﬁnanciers sont-ils suﬃsants\u00a0? Oui\u00a0!")
    c.save()
    (block,) = read_document(path).blocks
    assert block.text == "Les efforts financiers sont-ils suffisants\u00a0? Oui\u00a0!"


def test_compounds_keep_their_hyphen_at_a_line_end(tmp_path: Path) -> None:
    from reportlab.pdfgen import canvas

    path = tmp_path / "compound.pdf"
    c = canvas.Canvas(str(path))
    c.setFont(pdf_samples.font(), 11)
    for n, line in enumerate(["La coopération avec l'Asie du Sud-", "Est et les parties-", "prenantes progresse."]):
        c.drawString(72, 700 - 14 * n, line)
    c.save()
    (block,) = read_document(path).blocks
    assert block.text == "La coopération avec l'Asie du Sud-Est et les parties-prenantes progresse."


def test_damaged_cross_reference_table_still_reads(tmp_path: Path) -> None:
    good = pdf_samples.brochure(tmp_path / "good.pdf").read_bytes()
    # Every offset of the xref table wrong, and startxref pointing nowhere.
    start = good.rindex(b"startxref")
    broken = good[:start] + b"startxref\n999999\n%%EOF\n"
    xref = broken.rindex(b"\nxref")
    broken = broken[:xref] + broken[xref:].replace(b" 00000 n", b" 00001 n")
    path = tmp_path / "broken-xref.pdf"
    path.write_bytes(broken)
    texts = [b.text for b in read_document(path).blocks]
    assert "Conférence régionale sur l'eau" in texts


def test_truncated_and_encrypted_pdfs_say_what_is_wrong(tmp_path: Path) -> None:
    from pypdf import PdfReader, PdfWriter

    good = pdf_samples.brochure(tmp_path / "good.pdf")
    cut = tmp_path / "cut.pdf"
    cut.write_bytes(good.read_bytes()[:600])
    with pytest.raises(ImportRefused) as info:
        read_document(cut)
    assert "damaged" in info.value.reason or "no text" in info.value.reason
    writer = PdfWriter(clone_from=PdfReader(str(good)))
    writer.encrypt(user_password="motdepasse", owner_password="owner", algorithm="AES-256")
    locked = tmp_path / "locked.pdf"
    with open(locked, "wb") as fh:
        writer.write(fh)
    with pytest.raises(ImportRefused) as info:
        read_document(locked)
    assert "password" in info.value.reason and "unprotected copy" in info.value.reason


def test_pages_are_reported_and_a_cancel_stops_between_pages(tmp_path: Path) -> None:
    import threading

    from desktop.library.reading import ImportCancelled

    path = pdf_samples.text_pages(tmp_path / "rapport.pdf", 6)
    seen: list[tuple[int, int]] = []
    parse_pdf_document(path.read_bytes(), ReadOptions(progress=lambda d, t, _w: seen.append((d, t))))
    assert seen == [(n, 6) for n in range(7)]
    cancel = threading.Event()

    def progress(done: int, total: int, _what: str) -> None:
        if done == 2:
            cancel.set()

    with pytest.raises(ImportCancelled):
        parse_pdf_document(path.read_bytes(), ReadOptions(progress=progress, cancel=cancel))


def test_a_scan_without_ocr_is_refused_with_the_way_out(tmp_path: Path) -> None:
    path = pdf_samples.image_pdf([pdf_samples.scan()], tmp_path / "scan.pdf")
    with pytest.raises(Unreadable) as info:
        parse_pdf_document(path.read_bytes(), ReadOptions(ocr=NEVER))
    assert "--ocr auto" in str(info.value)


_MEMORY_PROBE = """
import resource, sys
sys.path.insert(0, {repo!r})
from desktop.library.pdf.document import parse_pdf_document
data = open(sys.argv[1], "rb").read()
parsed = parse_pdf_document(data)
print(len(parsed.blocks), resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
"""


@pytest.mark.slow
def test_a_thousand_pages_stream_with_bounded_memory(tmp_path: Path) -> None:
    """Pages are released as they are read: the peak memory of 1,000 pages is within a few
    tens of MB of that of 100 pages (what grows is the text itself)."""
    peaks = {}
    for pages in (100, 1000):
        path = pdf_samples.text_pages(tmp_path / f"long-{pages}.pdf", pages, paragraphs=1)
        out = subprocess.run(
            [sys.executable, "-c", _MEMORY_PROBE.format(repo=str(REPO)), str(path)],
            capture_output=True, text=True, check=True,
        ).stdout.split()
        assert int(out[0]) >= 2 * pages - 5  # a heading and a paragraph per page
        peaks[pages] = int(out[1]) / 1024  # MB
    assert peaks[1000] - peaks[100] < 60, peaks


def test_reading_order_keeps_a_column_running_below_the_other() -> None:
    from desktop.library.pdf.model import Line
    from desktop.library.pdf.order import reading_order

    def line(x0: float, top: float, x1: float, text: str) -> Line:
        return Line(text, x0, top, x1, top + 10, 10, False)

    left = [line(50, 100 + 12 * n, 280 - 20 * (n % 3), f"L{n}") for n in range(8)]
    right = [line(310, 100 + 12 * n, 540, f"R{n}") for n in range(4)]
    title = line(50, 60, 540, "Titre")
    regions = reading_order([title, *right, *left])
    assert [[b.text for b in r] for r in regions] == [["Titre"], [b.text for b in left], [b.text for b in right]]


def test_letter_spacing_with_spaces_between_letters_rejoins_words() -> None:
    from desktop.library.pdf.textlayer import Char, words_of

    chars, x = [], 50.0
    for n, ch in enumerate("P o s i t i f   N é g a t i f".split(" ")):
        if not ch:
            x += 4
            continue
        chars.append(Char(ch, x, x + 6, 90, 100, 98, 10, False, spaced=n > 0))
        x += 9
    assert [w.text for w in words_of(chars)] == ["Positif", "Négatif"]


def test_tesseract_data_is_not_needed_for_text_pdfs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GLOSE_TESSERACT", str(tmp_path / "absent" / "tesseract"))
    path = pdf_samples.text_pages(tmp_path / "texte.pdf", 2)
    blocks = read_document(path).blocks
    assert blocks[0].text == "Section 1"


def test_pdf_from_bytes_io_is_not_confused_by_junk_before_the_header(tmp_path: Path) -> None:
    data = pdf_samples.text_pages(tmp_path / "t.pdf", 3).read_bytes()
    parsed = parse_pdf_document(b"\r\n" + data)
    assert parsed.blocks[0].text == "Section 1"
    assert io.BytesIO(data).read(5) == b"%PDF-"


def test_no_debris_in_any_test_pdf(tmp_path: Path, brochure: list[Block]) -> None:
    """The fidelity corpus's debris checker (tests/fidelity.py) finds nothing: no text
    left letter by letter, no stray markup, in the brochure or a long report."""
    from tests.fidelity import debris_paragraphs

    report = read_document(pdf_samples.text_pages(tmp_path / "rapport.pdf", 12)).blocks
    for blocks in (brochure, report):
        assert debris_paragraphs((b.kind, b.text) for b in blocks) == []


def test_note_calls_become_superscripts_and_notes_keep_their_number(tmp_path: Path) -> None:
    from reportlab.pdfgen import canvas

    path = tmp_path / "appel.pdf"
    c = canvas.Canvas(str(path))
    face = pdf_samples.font()
    c.setFont(face, 11)
    c.drawString(72, 700, "La consommation a baissé de douze pour cent")
    width = c.stringWidth("La consommation a baissé de douze pour cent", face, 11)
    c.setFont(face, 7)
    c.drawString(72 + width + 0.5, 704, "2")
    c.setFont(face, 11)
    c.drawString(72 + width + 5, 700, " en un an.")
    c.line(72, 110, 200, 110)
    c.setFont(face, 8)
    c.drawString(72, 96, "2 Relevés des compteurs de 2023 et 2024.")
    c.save()
    blocks = read_document(path).blocks
    assert [(b.kind, b.text, b.structure.marker) for b in blocks] == [
        (PARAGRAPH, "La consommation a baissé de douze pour cent² en un an.", ""),
        (FOOTNOTE, "Relevés des compteurs de 2023 et 2024.", "2"),
    ]


def test_a_table_ruled_across_only_becomes_cells(tmp_path: Path) -> None:
    """Rules above, under the header and at the foot, columns only aligned (no vertical
    rules): still a table; the same rules around prose are not."""
    from reportlab.pdfgen import canvas

    path = tmp_path / "budget.pdf"
    c = canvas.Canvas(str(path))
    face = pdf_samples.font()
    c.setFont(face, 11)
    c.drawString(72, 760, "Le budget de l'année se répartit comme suit entre les postes.")
    rows = [("Poste", "Montant", "Part"), ("Réseaux", "120 000 €", "60 %"), ("Stations", "80 000 €", "40 %")]
    for n, (a, b, d) in enumerate(rows):
        y = 720 - 18 * n
        c.setFont(pdf_samples.font(bold=n == 0), 10)
        c.drawString(80, y, a)
        c.drawString(240, y, b)
        c.drawString(400, y, d)
    for y in (734, 714, 660):
        c.line(72, y, 480, y)
    c.setFont(face, 11)
    c.drawString(72, 630, "Les communes votent ce budget en assemblée au mois de juin.")
    for y in (600, 560, 500):  # rules around prose
        c.line(72, y, 480, y)
    c.drawString(72, 585, "Un texte ordinaire, entre deux filets, avec ses mots qui se suivent")
    c.drawString(72, 571, "de ligne en ligne sans colonne blanche commune aux deux lignes.")
    c.drawString(72, 530, "Une dernière phrase pour clore le compte rendu de la séance.")
    c.save()
    blocks = read_document(path).blocks
    cells = {(b.structure.row, b.structure.col): b.text for b in blocks if b.kind == TABLE_CELL}
    assert cells == {(r, k): text for r, row in enumerate(rows) for k, text in enumerate(row)}
    assert all(b.structure.attr("header") for b in blocks if b.kind == TABLE_CELL and b.structure.row == 0)
    assert blocks[0].kind == PARAGRAPH and blocks[-1].text.startswith("Une dernière phrase")
    assert any(b.kind == PARAGRAPH and b.text.startswith("Un texte ordinaire") for b in blocks)


def test_stacked_headings_stay_apart_and_a_wrapped_title_is_one(tmp_path: Path) -> None:
    from reportlab.pdfgen import canvas

    path = tmp_path / "titres.pdf"
    c = canvas.Canvas(str(path))
    bold, face = pdf_samples.font(bold=True), pdf_samples.font()
    c.setFont(bold, 16)
    c.drawString(72, 760, "Rapport annuel sur la qualité de l'eau potable des")
    c.drawString(72, 740, "communes du syndicat intercommunal")
    c.drawString(72, 690, "Chapitre 2")
    c.drawString(72, 670, "Les enjeux")
    c.setFont(face, 10)
    for n, line in enumerate(["Les analyses montrent une eau conforme aux normes dans toutes", "les communes, sauf deux hameaux."]):
        c.drawString(72, 640 - 13 * n, line)
    c.save()
    blocks = read_document(path).blocks
    assert [(b.kind, b.text) for b in blocks] == [
        (HEADING, "Rapport annuel sur la qualité de l'eau potable des communes du syndicat intercommunal"),
        (HEADING, "Chapitre 2"),
        (HEADING, "Les enjeux"),
        (PARAGRAPH, "Les analyses montrent une eau conforme aux normes dans toutes les communes, sauf deux hameaux."),
    ]
