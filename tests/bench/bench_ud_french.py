"""Benchmark: exact-sentence F1 of Glose's import on the UD French treebanks, beside pySBD.

    .venv/bin/python tests/bench/bench_ud_french.py [--treebank gsd|sequoia|pud] [--errors]

Reads the treebanks from /work/shared/gold/ud-french/ (or $GLOSE_UD_FRENCH); they are not in
the repository (licences: GSD CC BY-SA 4.0, PUD CC BY-SA 3.0, Sequoia LGPL-LR). When they
are absent the benchmark says so and stops.

How a treebank is fed (the protocol, fixed before any tuning and the same for every
segmenter): the `# text` of each sentence, in file order, becomes plain text the way the
sentences stood in their document.
- `# newdoc` and `# newpar` start a new paragraph (a blank line before it); treebanks
  without them (GSD, Sequoia) are one run of text.
- Within a paragraph sentences are joined by one space, as UD's own conllu_to_text does,
  except after a sentence that shows no end of its own (no `. ! ? …`, possibly followed by
  closing quotes or brackets): a heading, a list item ending in `;` or `:`, a table row.
  Such a sentence stood on its own line in its source, so it stands on its own line here.
- `--chunk N` also starts a paragraph every N sentences (pySBD loses recall on long
  paragraphs: this shows it at its best).
- No hard wrapping: one paragraph, one line (as a modern .txt file holds it). `--wrap 80`
  wraps every line at 80 columns instead, as UD's conllu_to_text does, to check that
  rejoining hard-wrapped lines loses no sentence (a robustness figure, not the headline).

Glose: the text is written to a .txt file, imported with `glose import` into a new library
and read back with `glose show --json` (cleanup, layout, segmentation: the user's path), in a
subprocess. pySBD 0.3 (`fr`, clean=False) segments each line of the same text. "glose
split" is Glose's segmenter alone on each line, to tell cleanup errors from segmentation
errors. Score: exact sentences. Predicted and gold sentences (whitespace removed) are
aligned as sequences (longest matching runs, difflib); a predicted sentence is right when
it is aligned to an equal gold sentence. F1 = 2PR/(P+R). A sentence altered by cleanup
counts as wrong. A list item's marker (`-`, `1.`), which Glose keeps apart from the item's
text, is put back before its first sentence. Also counted: the treebank sentences that an
OCR repair would change (real prose: there should be none).
"""

from __future__ import annotations

import argparse
import difflib
import json
import os
import re
import subprocess
import sys
import tempfile
import textwrap
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from desktop.library.lexicon import french_words  # noqa: E402
from desktop.library.ocr_repair import repair_ocr_slips  # noqa: E402
from desktop.library.segmentation import split_sentences  # noqa: E402

GOLD_DIR = Path(os.environ.get("GLOSE_UD_FRENCH", "/work/shared/gold/ud-french"))
TREEBANKS = {
    "gsd": "fr_gsd-ud-dev.conllu",
    "sequoia": "fr_sequoia-ud-dev.conllu",
    "pud": "fr_pud-ud-test.conllu",
}
# A sentence whose end the text shows: final punctuation, then closing quotes or brackets.
_SHOWN_END = re.compile(r"[.!?…‽][\s\"'»”’)\]]*$")


@dataclass
class Treebank:
    name: str
    sentences: list[str]
    text: str  # the fed text: paragraphs separated by a blank line


def read_treebank(name: str, path: Path, chunk: int = 0) -> Treebank:
    sentences: list[str] = []
    paragraphs: list[str] = []
    current = ""
    in_paragraph = 0
    for line in path.read_text(encoding="utf-8").splitlines():
        if (line.startswith(("# newdoc", "# newpar")) or (chunk and in_paragraph == chunk)) and current:
            paragraphs.append(current)
            current, in_paragraph = "", 0
        if line.startswith("# text = "):
            in_paragraph += 1
            sentence = line[len("# text = ") :].strip()
            sentences.append(sentence)
            own_line = not _SHOWN_END.search(sentence)
            if current and not current.endswith("\n"):
                current += "\n" if own_line else " "
            current += sentence
            if own_line:
                current += "\n"
    if current:
        paragraphs.append(current)
    text = "\n\n".join(p.rstrip("\n") for p in paragraphs) + "\n"
    return Treebank(name, sentences, text)


def squeeze(text: str) -> str:
    return "".join(text.split())


def score(gold: list[str], predicted: list[str]) -> tuple[float, float, float, list[tuple[str, str]]]:
    """Precision, recall, F1 of exact sentences, and the differing stretches (gold, predicted)."""
    g = [squeeze(s) for s in gold]
    p = [squeeze(s) for s in predicted if squeeze(s)]
    matcher = difflib.SequenceMatcher(None, g, p, autojunk=False)
    tp = sum(block.size for block in matcher.get_matching_blocks())
    diffs = []
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op != "equal":
            diffs.append((" ‖ ".join(gold[i1:i2]), " ‖ ".join(s for s in predicted[j1:j2] if s.strip())))
    precision = tp / len(p) if p else 0.0
    recall = tp / len(g) if g else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1, diffs


def glose_import(text: str) -> tuple[list[str], float]:
    """Sentences of `text` imported as a .txt file by the `glose` CLI, and the import's seconds."""
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "treebank.txt"
        src.write_text(text, encoding="utf-8")
        data = Path(tmp) / "library"
        cli = [sys.executable, "-m", "desktop", "--data-dir", str(data)]
        env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
        t0 = time.perf_counter()
        out = subprocess.run([*cli, "import", str(src)], capture_output=True, text=True, env=env, check=True)
        seconds = time.perf_counter() - t0
        doc_id = re.search(r"\(id (\d+)\)", out.stdout).group(1)  # type: ignore[union-attr]
        shown = subprocess.run([*cli, "show", doc_id, "--json"], capture_output=True, text=True, env=env, check=True)
    doc = json.loads(shown.stdout)
    sentences = []
    for p in doc["paragraphs"]:
        texts = [s["text"] for s in p["sentences"]]
        if texts and p["marker"]:
            texts[0] = f"{p['marker']} {texts[0]}"  # a list item's marker, kept apart from its text
        sentences += texts
    return sentences, seconds


def per_line(segment: Callable[[str], list[tuple[int, int]]], text: str) -> list[str]:
    out = []
    for line in text.split("\n"):
        if line.strip():
            out += [line[a:b] for a, b in segment(line)]
    return out


def pysbd_segmenter() -> Callable[[str], list[tuple[int, int]]] | None:
    try:
        import pysbd
    except ImportError:
        return None
    seg = pysbd.Segmenter(language="fr", clean=False, char_span=True)
    return lambda t: [(s.start, s.end) for s in seg.segment(t)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--treebank", choices=sorted(TREEBANKS), action="append", help="only these (repeatable)")
    parser.add_argument("--errors", action="store_true", help="list Glose's differing stretches")
    parser.add_argument("--no-pysbd", action="store_true", help="skip pySBD (slow: ~1 min)")
    parser.add_argument("--dump", metavar="DIR", help="also write each fed text to DIR")
    parser.add_argument("--wrap", type=int, metavar="N", help="hard-wrap lines at N columns (a robustness check)")
    parser.add_argument("--chunk", type=int, default=0, metavar="N", help="a paragraph every N sentences at most")
    args = parser.parse_args()
    if not GOLD_DIR.is_dir():
        print(f"UD French treebanks not found in {GOLD_DIR} (set GLOSE_UD_FRENCH): nothing measured")
        return
    names = args.treebank or list(TREEBANKS)
    pysbd = None if args.no_pysbd else pysbd_segmenter()
    print(f"{'treebank':<9} {'sentences':>9}  {'segmenter':<22} {'P':>6} {'R':>6} {'F1':>6}")
    for name in names:
        bank = read_treebank(name, GOLD_DIR / TREEBANKS[name], args.chunk)
        if args.wrap:
            bank.text = "\n".join(textwrap.fill(line, args.wrap, break_on_hyphens=False) for line in bank.text.split("\n"))
        if args.dump:
            Path(args.dump, f"{name}.txt").write_text(bank.text, encoding="utf-8")
        rows: list[tuple[str, list[str]]] = []
        predicted, seconds = glose_import(bank.text)
        rows.append((f"glose import+show", predicted))
        if not args.wrap:  # segmenters alone read one paragraph a line
            rows.append(("glose split (alone)", per_line(split_sentences, bank.text)))
        if pysbd is not None and not args.wrap:
            rows.append(("pysbd 0.3 (fr)", per_line(pysbd, bank.text)))
        for label, sentences in rows:
            p, r, f1, _ = score(bank.sentences, sentences)
            print(f"{name:<9} {len(bank.sentences):>9}  {label:<22} {p:6.3f} {r:6.3f} {f1:6.3f}")
        changed = [t for t in bank.sentences if repair_ocr_slips(t, french_words()) != t]
        print(f"{name:<9} {len(bank.sentences):>9}  sentences an OCR repair would change: {len(changed)}")
        for t in changed[:5]:
            print(f"    {t[:120]}")
        if args.errors:
            *_, diffs = score(bank.sentences, predicted)
            print(f"\n{name}: {len(diffs)} differing stretches (gold | glose)")
            for gold, pred in diffs:
                print(f"  G: {gold[:400]}\n  P: {pred[:400]}\n")


if __name__ == "__main__":
    main()
