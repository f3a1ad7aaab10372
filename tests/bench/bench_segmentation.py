"""Benchmark: French sentence segmentation, quality and speed.

Boundary precision / recall / F1 on the gold standard of tests/data/segmentation/
(dev.txt: used to tune the rules; heldout.txt and heldout2.txt: only reported,
see the README there) for Glose's own
segmenter and the alternatives that can run offline here, then throughput on
about 3 MB of paragraphs (the size the import benchmark targets).

    .venv/bin/python tests/bench/bench_segmentation.py [--errors dev|heldout|heldout2|regression] [--mb 3]

pysbd and sentencex (both MIT) come with the `test` extra; a missing one is
reported as skipped. minisbd (AGPL, so not usable in Glose, and it downloads
its ONNX model on first use) is not run. Speed is given by CPU time (the
figure to compare) and by wall clock (inflated when the machine is busy).
"""

from __future__ import annotations

import argparse
import re
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from desktop.library.segmentation import split_sentences  # noqa: E402

GOLD_DIR = ROOT / "tests" / "data" / "segmentation"
SEEDS_DIR = ROOT / "seeds"
SPLITS = ("dev", "heldout", "heldout2", "regression")

Spans = list[tuple[int, int]]
Segmenter = Callable[[str], Spans]


def load_gold(path: Path) -> list[list[str]]:
    """Paragraphs of a gold file: one sentence a line, a blank line between paragraphs."""
    text = path.read_text(encoding="utf-8")
    paragraphs = []
    for block in re.split(r"\n\s*\n", text):
        sentences = [line.strip() for line in block.split("\n") if line.strip()]
        if sentences:
            paragraphs.append(sentences)
    return paragraphs


def gold_boundaries(sentences: list[str]) -> tuple[str, set[int]]:
    """The paragraph text (sentences joined by a space) and its inner boundaries."""
    text = " ".join(sentences)
    ends, pos = set(), 0
    for sentence in sentences[:-1]:
        pos += len(sentence)
        ends.add(pos)
        pos += 1
    return text, ends


def inner_boundaries(text: str, spans: Spans) -> set[int]:
    """End offsets of trimmed spans, except the paragraph's own end."""
    ends = set()
    for a, b in spans:
        while b > a and text[b - 1].isspace():
            b -= 1
        ends.add(b)
    ends.discard(len(text.rstrip()))
    return ends


def score(segment: Segmenter, paragraphs: list[list[str]]) -> tuple[float, float, float, list]:
    tp = fp = fn = 0
    errors = []
    for sentences in paragraphs:
        text, gold = gold_boundaries(sentences)
        found = inner_boundaries(text, segment(text))
        tp += len(found & gold)
        fp += len(found - gold)
        fn += len(gold - found)
        for pos in sorted(found ^ gold):
            kind = "spurious" if pos in found else "missed"
            errors.append((kind, text[max(0, pos - 50) : pos] + " ‖ " + text[pos : pos + 40]))
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1, errors


def spans_from_strings(text: str, pieces: list[str]) -> Spans:
    """Locate the sentences a library returned as strings in the paragraph."""
    spans, pos = [], 0
    for piece in pieces:
        piece = piece.strip()
        if not piece:
            continue
        at = text.find(piece, pos)
        if at < 0:  # the library altered the text; fall back to its length
            at = pos
        spans.append((at, at + len(piece)))
        pos = at + len(piece)
    return spans


_NAIVE = re.compile(r"[.!?…]+[»\"')\]]*\s+(?=[«\"(\[]?[A-ZÀ-Ý0-9])")


def naive_regex(text: str) -> Spans:
    """The obvious baseline: cut after . ! ? … before a capital or digit."""
    spans, pos = [], 0
    for m in _NAIVE.finditer(text):
        spans.append((pos, m.start() + len(m.group().rstrip())))
        pos = m.end()
    spans.append((pos, len(text)))
    return spans


def alternatives() -> dict[str, Segmenter | str]:
    found: dict[str, Segmenter | str] = {"glose (rules)": split_sentences, "naive regex": naive_regex}
    try:
        import pysbd

        seg = pysbd.Segmenter(language="fr", clean=False, char_span=True)
        found["pysbd 0.3 (fr)"] = lambda t: [(s.start, s.end) for s in seg.segment(t)]
    except ImportError:
        found["pysbd"] = "skipped: not installed"
    try:
        import sentencex

        found["sentencex (fr)"] = lambda t: spans_from_strings(t, list(sentencex.segment("fr", t)))
    except ImportError:
        found["sentencex"] = "skipped: not installed"
    return found


def speed_corpus(megabytes: float) -> list[str]:
    """Paragraphs from the gold set and the seeds, repeated up to the size asked."""
    paragraphs = [" ".join(p) for name in SPLITS for p in load_gold(GOLD_DIR / f"{name}.txt")]
    for seed in sorted(SEEDS_DIR.glob("*.txt")):
        text = seed.read_text(encoding="utf-8")
        paragraphs += [" ".join(b.split()) for b in re.split(r"\n\s*\n", text) if b.strip()]
    size = sum(len(p.encode("utf-8")) + 1 for p in paragraphs)
    return paragraphs * max(1, round(megabytes * 1_000_000 / size))


def throughput(segment: Segmenter, paragraphs: list[str], budget_s: float = 20.0) -> tuple[float, float]:
    """MB/s (UTF-8 bytes) over the corpus, by CPU time and by wall-clock time.

    CPU time is the figure to compare: other processes on a 2-core machine
    inflate the wall clock. Slow segmenters stop after budget_s of CPU time.
    """
    done_bytes, cpu0, wall0 = 0, time.process_time(), time.perf_counter()
    for para in paragraphs:
        segment(para)
        done_bytes += len(para.encode("utf-8")) + 1
        if time.process_time() - cpu0 > budget_s:
            break
    cpu, wall = time.process_time() - cpu0, time.perf_counter() - wall0
    return done_bytes / 1e6 / cpu, done_bytes / 1e6 / wall


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--errors", choices=SPLITS, help="list Glose's errors on a split")
    parser.add_argument("--mb", type=float, default=3.0, help="size of the speed corpus in MB")
    args = parser.parse_args()

    splits = {name: load_gold(GOLD_DIR / f"{name}.txt") for name in SPLITS}
    for name, paras in splits.items():
        n_sent = sum(len(p) for p in paras)
        n_bound = sum(len(p) - 1 for p in paras)
        print(f"{name:<8} {len(paras)} paragraphs, {n_sent} sentences, {n_bound} inner boundaries")
    corpus = speed_corpus(args.mb)
    corpus_mb = sum(len(p.encode("utf-8")) + 1 for p in corpus) / 1e6
    print(f"speed corpus: {len(corpus)} paragraphs, {corpus_mb:.2f} MB\n")

    header = (
        f"{'segmenter':<18} {'split':<8} {'P':>6} {'R':>6} {'F1':>6}"
        f"   {'MB/s cpu':>8} {'MB/s wall':>9} {'cpu s/corpus':>12}"
    )
    print(header)
    print("-" * len(header))
    for label, segment in alternatives().items():
        if isinstance(segment, str):
            print(f"{label:<18} {segment}")
            continue
        cpu_mbps, wall_mbps = throughput(segment, corpus)
        for i, (name, paras) in enumerate(splits.items()):
            p, r, f1, _ = score(segment, paras)
            tail = f"   {cpu_mbps:8.2f} {wall_mbps:9.2f} {corpus_mb / cpu_mbps:10.2f} s" if i == 0 else ""
            print(f"{label:<18} {name:<8} {p:6.3f} {r:6.3f} {f1:6.3f}{tail}")

    if args.errors:
        *_, errors = score(split_sentences, splits[args.errors])
        print(f"\nGlose errors on {args.errors} ({len(errors)}):")
        for kind, context in errors:
            print(f"  {kind:<8} {context!r}")


if __name__ == "__main__":
    main()
