"""A French novel as Project Gutenberg prints it, built for the benchmarks (nothing committed).

No public-domain French novel ships in a package this project can install, so the benchmarks
build one with the shape of Gutenberg's plain-text editions (checked against e.g. Verne's *Le
Tour du monde en quatre-vingts jours*, PG #800): a title block, chapters headed `CHAPITRE XII`
and a title line, paragraphs of real French sentences hard-wrapped at 72 columns with a blank
line between them, a fifth of the paragraphs lines of dialogue opened by an em dash, quotations
in « », and now and then a word cut by a hyphen at a line end. The sentences are real French:
the UD French treebanks' when they are there (see bench_ud_french.py), else the seeds' and the
segmentation gold set's. Seeded: the same text on every run.
"""

from __future__ import annotations

import random
import re
import textwrap
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
UD_DIR = Path("/work/shared/gold/ud-french")
_ROMAN = [(1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"), (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")]


def roman(n: int) -> str:
    out = ""
    for value, letters in _ROMAN:
        while n >= value:
            out, n = out + letters, n - value
    return out


def french_sentences() -> list[str]:
    sentences: list[str] = []
    if UD_DIR.is_dir():
        for path in sorted(UD_DIR.glob("*.conllu")):
            sentences += [line[9:].strip() for line in path.read_text("utf-8").splitlines() if line.startswith("# text = ")]
    for path in sorted((REPO / "tests" / "data" / "segmentation").glob("*.txt")):
        sentences += [line.strip() for line in path.read_text("utf-8").splitlines() if line.strip()]
    for path in sorted((REPO / "seeds").glob("*.txt")):
        text = " ".join(path.read_text("utf-8").split())
        sentences += [s for s in re.split(r"(?<=[.!?])\s+(?=[A-ZÀ-Ý«])", text) if len(s) > 40]
    # Prose only: sentences that end as sentences do.
    return [s for s in sentences if re.search(r"[.!?…]$", s) and len(s) < 400]


def _wrap(paragraph: str, rng: random.Random) -> str:
    lines = textwrap.wrap(paragraph, 72, break_long_words=False, break_on_hyphens=False)
    out = []
    for i, line in enumerate(lines):
        words = line.split(" ")
        last = words[-1]
        if i + 1 < len(lines) and len(last) >= 8 and last.isalpha() and rng.random() < 0.08:
            cut = rng.randint(3, len(last) - 3)
            words[-1] = last[:cut] + "-"  # hyphenated at the line end, as some editions are
            lines[i + 1] = last[cut:] + " " + lines[i + 1]
        out.append(" ".join(words))
    return "\n".join(out)


def make_novel(target_bytes: int = 1_600_000, seed: int = 800) -> str:
    rng = random.Random(seed)
    pool = french_sentences()
    parts = ["LE VOYAGE D'HIVER", "", "ROMAN", "", ""]
    size, chapter = 0, 0
    while size < target_bytes:
        chapter += 1
        parts += [f"CHAPITRE {roman(chapter)}", "", rng.choice(pool).rstrip(".!?…").upper()[:60], "", ""]
        for _ in range(rng.randint(25, 45)):
            if rng.random() < 0.2:
                line = "— " + rng.choice(pool)
                if rng.random() < 0.5:
                    line = line[:-1] + ", dit-il."
                paragraph = line
            else:
                sentences = [rng.choice(pool) for _ in range(rng.randint(2, 7))]
                if rng.random() < 0.15:
                    sentences[0] = f"« {sentences[0]} »"
                paragraph = " ".join(sentences)
            wrapped = _wrap(paragraph, rng)
            parts += [wrapped, ""]
            size += len(wrapped.encode("utf-8")) + 2
    return "\n".join(parts) + "\n"
