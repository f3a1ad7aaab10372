"""PDFs and scans made for the tests and the PDF benchmark (reportlab, BSD; Pillow for the
scans), so that every construct the importer must handle is known exactly.

The French text is written for these tests (not from the seeds): a briefing on a
regional water conference. `brochure()` holds the layout constructs (two columns,
bullets as glyphs, private-use symbols and drawn shapes, a ruled table, running headers
and footers, a letter-spaced heading, a drop cap, a footnote, page labels, hyphenation
across lines and pages); `scan()` renders a text as a noisy, slightly turned page image.
"""

from __future__ import annotations

import io
import random
from pathlib import Path

FONT_DIRS = (Path("/usr/share/fonts/truetype/dejavu"), Path("/usr/share/fonts/dejavu"))

INTRO = (
    "La conférence régionale sur la gestion de l'eau a réuni les délégués de douze communes "
    "riveraines, venus comparer leurs réseaux, leurs factures et leurs projets de stations "
    "d'épuration. Chacun a pu exposer ses difficultés sans détour."
)
LEFT = [
    "Les communes de montagne manquent de techniciens qualifiés pour entretenir des canalisations "
    "posées il y a plus de quarante ans. Plusieurs maires ont demandé une mutualisation des "
    "équipes d'astreinte entre villages voisins, afin que personne ne reste seul face à une fuite.",
    "Le syndicat intercommunal a présenté un calendrier de travaux étalé sur six années, financé "
    "pour moitié par l'agence de bassin et pour le reste par une hausse modérée du prix du mètre cube.",
]
RIGHT = [
    "Les associations de consommateurs se sont inquiétées de cette hausse, surtout pour les "
    "familles nombreuses. Un tarif social sera étudié avant la fin de l'année par un groupe de "
    "travail ouvert aux usagers.",
    "Enfin, les agriculteurs ont rappelé que l'irrigation des vergers dépend des mêmes nappes "
    "souterraines, dont le niveau baisse chaque été depuis une décennie.",
]
GLYPH_ITEMS = ["Réparer les fuites des réseaux anciens", "Former des techniciens dans chaque vallée"]
NESTED_ITEMS = ["en priorité dans les communes isolées", "avec l'appui de l'agence de bassin"]
SHAPE_ITEMS = ["Publier les analyses de l'eau chaque mois", "Ouvrir les comptes du syndicat aux usagers"]
PUA_ITEMS = ["Installer des compteurs dans les écoles"]
TABLE = [
    ["Commune", "Habitants", "Fuites réparées"],
    ["Vallon", "1 250", "14"],
    ["Roches", "860", "9"],
]
FOOTNOTE = "Chiffres communiqués par le syndicat intercommunal en mars."
DROP_CAP_TEXT = (
    "es échanges ont montré que la solidarité entre l'amont et l'aval reste fragile, mais que "
    "les élus sont prêts à partager les coûts si les décisions sont prises ensemble et expliquées "
    "aux habitants lors de réunions publiques dans chaque commune."
)
CONTINUED_START = (
    "La prochaine réunion se tiendra au printemps dans la commune de Vallon, où les délégués "
    "visiteront la nouvelle station de traitement et discuteront des investisse-"
)
CONTINUED_END = "ments nécessaires pour les dix années à venir, commune par commune."
HEADER = "Conférence régionale sur l'eau — compte rendu"
SCAN_TEXT = (
    "Madame la Présidente, nous avons bien reçu votre lettre du douze mars concernant "
    "la rénovation du lavoir communal. Le conseil municipal a examiné votre demande avec "
    "attention lors de sa séance du jeudi dernier. Après un long débat, les élus ont décidé "
    "de consacrer une partie du budget de cette année à la restauration de la toiture et "
    "des bassins. Les travaux commenceront au mois de septembre, lorsque les entreprises "
    "retenues auront rendu leurs devis définitifs. Nous vous prions d'agréer, Madame la "
    "Présidente, l'expression de nos salutations distinguées."
)


PUA_STAND_IN = "▪"  # drawn, then remapped to U+F0B7 in the font's ToUnicode map


def font(bold: bool = False) -> str:
    """Register DejaVu Sans with reportlab (for accents and ligatures)."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    name = "DejaVuSans-Bold" if bold else "DejaVuSans"
    if name not in pdfmetrics.getRegisteredFontNames():
        for folder in FONT_DIRS:
            if (folder / f"{name}.ttf").exists():
                pdfmetrics.registerFont(TTFont(name, str(folder / f"{name}.ttf")))
                break
        else:
            raise RuntimeError("DejaVu fonts missing: `make test` installs fonts-dejavu-core")
    return name


def _wrap(text: str, face: str, size: float, width: float) -> list[str]:
    from reportlab.pdfbase.pdfmetrics import stringWidth

    lines, current = [], ""
    for word in text.split():
        trial = f"{current} {word}".strip()
        if current and stringWidth(trial, face, size) > width:
            lines.append(current)
            current = word
        else:
            current = trial
    return lines + ([current] if current else [])


class _Page:
    """A tiny typesetter over a reportlab canvas: text flows down from `y`."""

    def __init__(self, canvas, left: float = 56, width: float = 483) -> None:  # noqa: ANN001
        self.c = canvas
        self.left = left
        self.width = width
        self.y = 760.0

    def text(self, text: str, size: float = 10, bold: bool = False, left: float | None = None,
             width: float | None = None, leading: float | None = None, after: float = 6) -> None:
        face = font(bold)
        x = self.left if left is None else left
        for line in _wrap(text, face, size, width or self.width):
            self.c.setFont(face, size)
            self.c.drawString(x, self.y, line)
            self.y -= leading or size * 1.25
        self.y -= after


def _furniture(c, number: int) -> None:  # noqa: ANN001
    c.setFont(font(), 8)
    c.drawString(56, 805, HEADER)
    c.drawCentredString(297, 30, str(number))


def brochure(path: Path) -> Path:
    """Three A4 pages: see the module docstring. Page labels: "i" for the cover, then 1, 2."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    c = canvas.Canvas(str(path), pagesize=A4)
    c.addPageLabel(0, style="ROMAN_LOWER")
    c.addPageLabel(1, style="ARABIC", start=1)
    c.setTitle("Conférence régionale sur l'eau")
    # Page i: title, letter-spaced heading, drop cap, two columns, footnote.
    _furniture(c, 1)
    p = _Page(c)
    p.text("Conférence régionale sur l'eau", size=22, bold=True, after=10)
    t = c.beginText(56, p.y)
    t.setFont(font(True), 12)
    t.setCharSpace(4)
    t.textLine("SYNTHÈSE DES DÉBATS")
    t.setCharSpace(0)  # the text state outlives BT/ET: without this the page stays letter-spaced
    c.drawText(t)
    p.y -= 24
    p.text(INTRO, size=10, after=12)
    top = p.y
    # Drop cap over three lines, then the text beside it and below.
    c.setFont(font(), 34)
    c.drawString(56, top - 24, "L")
    beside = _wrap(DROP_CAP_TEXT, font(), 10, 483 - 30)
    y = top
    for n, line in enumerate(beside):
        x = 56 + 28 if n < 3 else 56
        c.setFont(font(), 10)
        c.drawString(x, y, line)
        y -= 12.5
    p.y = y - 14
    col_top = p.y
    left = _Page(c, left=56, width=230)
    left.y = col_top
    for para in LEFT:
        left.text(para, after=6)
    right = _Page(c, left=309, width=230)
    right.y = col_top
    for para in RIGHT:
        right.text(para, after=6)
    right.c.setFont(font(), 10)
    # The footnote, under a short rule.
    c.line(56, 95, 200, 95)
    c.setFont(font(), 8)
    c.drawString(56, 82, "1")
    c.drawString(64, 82, FOOTNOTE)
    c.showPage()
    # Page 1: lists (glyphs, nested, drawn shapes, private-use symbol), a table.
    _furniture(c, 2)
    p = _Page(c)
    p.text("Priorités retenues", size=16, bold=True, after=8)
    for item in GLYPH_ITEMS:
        c.setFont(font(), 10)
        c.drawString(62, p.y, "•")
        p.text(item, left=76, width=400, after=3)
    for item in NESTED_ITEMS:
        c.setFont(font(), 10)
        c.drawString(80, p.y, "–")
        p.text(item, left=94, width=380, after=3)
    for item in SHAPE_ITEMS:
        c.circle(65, p.y + 3.5, 2.2, stroke=0, fill=1)
        p.text(item, left=76, width=400, after=3)
    for item in PUA_ITEMS:
        c.setFont(font(), 10)
        c.drawString(62, p.y, PUA_STAND_IN)  # mapped to U+F0B7 below, as Word's Symbol-font bullets are
        p.text(item, left=76, width=400, after=3)
    p.y -= 10
    p.text("Travaux déjà réalisés", size=13, bold=True, after=8)
    row_h, widths = 18, [150, 110, 130]
    top = p.y + 12
    for r, row in enumerate(TABLE):
        x = 56
        for w, cell in zip(widths, row):
            c.setFont(font(r == 0), 10)
            c.drawString(x + 4, top - row_h * r - 13, cell)
            x += w
    xs = [56 + sum(widths[:i]) for i in range(len(widths) + 1)]
    for r in range(len(TABLE) + 1):
        c.line(xs[0], top - row_h * r, xs[-1], top - row_h * r)
    for x in xs:
        c.line(x, top, x, top - row_h * len(TABLE))
    p.y = top - row_h * len(TABLE) - 24
    p.text("Calendrier", size=13, bold=True, after=8)
    lines = _wrap(CONTINUED_START, font(), 10, 483)
    y = 120
    for line in lines:
        c.setFont(font(), 10)
        c.drawString(56, y, line)
        y -= 12.5
    c.showPage()
    # Page 2: the sentence (and the word "investissements") runs on from page 1.
    _furniture(c, 3)
    p = _Page(c)
    p.text(CONTINUED_END, after=8)
    p.text("Le compte rendu complet sera envoyé à chaque mairie avec les annexes financières.")
    c.showPage()
    c.save()
    _private_use_bullet(path)
    return path


def _rewrite_unicode_maps(source: Path, target: Path, change) -> Path:  # noqa: ANN001
    """`change(font)` on every font of the PDF that has a ToUnicode map, written to `target`."""
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(str(source)))
    for page in writer.pages:
        fonts = page["/Resources"].get("/Font", {})
        for key in fonts:
            font_dict = fonts[key].get_object()
            if "/ToUnicode" in font_dict:
                change(font_dict)
    writer.write(str(target))
    return target


def _private_use_bullet(path: Path) -> None:
    """Map the stand-in bullet to U+F0B7 in the fonts' ToUnicode maps: what a PDF made
    from a Word document with Symbol-font bullets holds."""

    def remap(font_dict) -> None:  # noqa: ANN001
        stream = font_dict["/ToUnicode"].get_object()
        stream.set_data(stream.get_data().replace(b"<%04X>" % ord(PUA_STAND_IN), b"<F0B7>"))

    _rewrite_unicode_maps(path, path, remap)


def without_unicode_maps(source: Path, path: Path) -> Path:
    """The same PDF with its fonts' ToUnicode maps removed: accented letters come out as
    control codes (a PDF whose fonts have no Unicode map)."""
    from pypdf.generic import NameObject

    return _rewrite_unicode_maps(source, path, lambda font_dict: font_dict.pop(NameObject("/ToUnicode")))


def text_pages(path: Path, pages: int, paragraphs: int = 2) -> Path:
    """A plain report of `pages` pages (running header, page numbers), for long documents."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    c = canvas.Canvas(str(path), pagesize=A4)
    texts = LEFT + RIGHT + [INTRO]
    for n in range(pages):
        _furniture(c, n + 1)
        p = _Page(c)
        p.text(f"Section {n + 1}", size=13, bold=True)
        for k in range(paragraphs):
            p.text(texts[(n + k) % len(texts)])
        c.showPage()
    c.save()
    return path


def mixed(path: Path, image) -> Path:  # noqa: ANN001 - a Pillow image
    """Page 1 with a text layer, page 2 a scanned image only (a signed letter appended)."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen import canvas

    c = canvas.Canvas(str(path), pagesize=A4)
    p = _Page(c)
    p.text("Dossier de candidature", size=16, bold=True)
    p.text(INTRO)
    c.showPage()
    c.drawImage(ImageReader(image), 0, 0, A4[0], A4[1])
    c.showPage()
    c.save()
    return path


def scan(text: str = SCAN_TEXT, *, dpi: int = 200, angle: float = 1.2, noise: float = 0.0, seed: int = 7,
         size: float = 12):
    """A page image (Pillow, grey) of `text` typeset on A4 and turned by `angle` degrees,
    with salt-and-pepper `noise` (share of pixels flipped)."""
    import pypdfium2 as pdfium
    from PIL import Image
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    buffer = io.BytesIO()
    c = canvas.Canvas(buffer, pagesize=A4)
    p = _Page(c, left=72, width=451)
    p.y = 740
    p.text(text, size=size, leading=size * 1.45)
    c.showPage()
    c.save()
    page = pdfium.PdfDocument(buffer.getvalue())[0]
    image = page.render(scale=dpi / 72, grayscale=True).to_pil().convert("L")
    image = image.rotate(angle, resample=Image.BICUBIC, expand=False, fillcolor=255)
    if noise:
        rng = random.Random(seed)
        pixels = image.load()
        w, h = image.size
        for _ in range(int(noise * w * h)):
            x, y = rng.randrange(w), rng.randrange(h)
            pixels[x, y] = 0 if pixels[x, y] > 128 else 255
    image.info["dpi"] = (dpi, dpi)
    return image


def image_pdf(images: list, path: Path, dpi: int = 200) -> Path:
    """An image-only PDF (no text layer), one page per image, as a scanner makes."""
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen import canvas

    c = canvas.Canvas(str(path))
    for image in images:
        w, h = image.size[0] * 72 / dpi, image.size[1] * 72 / dpi
        c.setPageSize((w, h))
        c.drawImage(ImageReader(image), 0, 0, w, h)
        c.showPage()
    c.save()
    return path


BOOK_TEXT = (
    "Les Représentants du Peuple Français, constitués en Assemblée Nationale, considérant que l'ignorance, "
    "l'oubli ou le mépris des droits de l'Homme sont les seules causes des malheurs publics et de la corruption "
    "des Gouvernements, ont résolu d'exposer, dans une Déclaration solennelle, les droits naturels, inaliénables "
    "et sacrés de l'Homme."
)


def book_heads(path: Path, pages: int = 8) -> Path:
    """A book laid out as LaTeX's book class does (expEYES' French manual): a running head on
    every page below the usual top band (13 % down), the page number at the outer edge, the
    chapter's name in capitals on even pages and the section's on odd ones, each section
    lasting a page or two; the body in sections with bold numbered headings."""
    from reportlab.pdfgen import canvas

    c = canvas.Canvas(str(path), pagesize=(612, 792))
    for n in range(1, pages + 1):
        head = "CHAPITRE 1. LA DÉCLARATION" if n % 2 == 0 else f"{(n + 1) // 2}. ARTICLE {(n + 1) // 2}"
        c.setFont(font(), 10)
        if n % 2 == 0:
            c.drawString(160, 792 - 107, str(n))
            c.drawRightString(505, 792 - 107, head)
        else:
            c.drawString(160, 792 - 107, head)
            c.drawRightString(505, 792 - 107, str(n))
        p = _Page(c, left=160, width=345)
        p.y = 792 - 140
        if n % 2:
            p.text(f"1.{(n + 1) // 2} Article {(n + 1) // 2}", size=12, bold=True)
        for k in range(3):
            p.text(f"Paragraphe {n}.{k}. " + BOOK_TEXT)
        c.showPage()
    c.save()
    return path


LIST_OF_FIGURES = [  # (number, title lines, page) as expEYES' French manual lists them (LaTeX)
    ("5.5", ["Caractéristiques courant-tension (I-V) pour une diode 1N4148"], "76"),
    ("5.8", ["Caractéristiques du transistor en émetteur commun"], "78"),
    ("5.9", ["Amplificateur à transistor. Le montage, et point de fonctionnement", "avec une polarisation de 2 V"], "80"),
    ("5.10", ["Même montage, point de fonctionnement avec une polarisation", "de 4 V"], "80"),
    ("5.12", ["Le signal au collecteur du photo-transistor"], "82"),
]


def list_of_figures(path: Path) -> Path:
    """A LaTeX list of figures: the number, the title (a long one wrapped under itself), dot
    leaders on a fixed grid up to the page number set flush right; a title that nearly fills
    the line leaves room for one leader dot."""
    from reportlab.pdfgen import canvas

    c = canvas.Canvas(str(path), pagesize=(612, 792))
    face = font()
    c.setFont(font(True), 20)
    c.drawString(122, 680, "Liste des figures")
    y = 640.0
    for number, lines, page in LIST_OF_FIGURES:
        c.setFont(face, 10)
        c.drawString(122, y, number)
        for k, line in enumerate(lines):
            c.drawString(150, y, line)
            end = 150 + c.stringWidth(line, face, 10)
            if k == len(lines) - 1:
                dots = [x for x in range(int(end) + 8, 465, 8)] or [int(end) + 5]  # at least one
                for x in dots:
                    c.drawString(x, y, ".")
                c.drawRightString(490, y, page)
            y -= 13.5
        y -= 1
    c.showPage()
    c.save()
    return path
