"""Benchmark: importing French text files (read, clean, segment, store).

Run: .venv/bin/python tests/bench/bench_import.py [--runs 3] [--skip-3mb] [--skip-linear]

1. A 1.6 MB novel in Project Gutenberg's plain-text shape (tests/bench/novel.py: chapters,
   72-column hard wraps, dialogue, « », line-end hyphens), imported by the library as
   `glose import` does, modules already loaded (process start excluded); best and worst of
   --runs, wall and CPU. Target: <= 1.0 s.
2. The seeds concatenated to 3 MB with their paragraphs shuffled (seeded), so cleanup and
   segmentation meet real-world French, OCR debris included. Reference in the same run:
   the floor of a naive import (split on blank lines, one sentence per paragraph, no
   cleanup) through the same store.
3. Linear time: each cleanup pass and the segmenter on generated worst cases of 1 MB and
   8 MB (one paragraph of hyphenated lines, one 8 MB line, thousands of list items and
   page numbers, quotations left open): CPU seconds per MB must stay flat.
"""

from __future__ import annotations

import random
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO))

from desktop import operations  # noqa: E402
from desktop.library import store  # noqa: E402
from desktop.library.importer import import_paths  # noqa: E402
from desktop.library.db import open_library  # noqa: E402
from desktop.library.models import PARAGRAPH, Block  # noqa: E402
from tests.bench.novel import make_novel  # noqa: E402

TARGET_BYTES = 3 * 1024 * 1024


def make_text() -> str:
    rng = random.Random(7)
    paragraphs: list[str] = []
    for seed in sorted((REPO / "seeds").glob("*.txt")):
        paragraphs += [p for p in seed.read_text("utf-8").split("\n\n") if p.strip()]
    out: list[str] = []
    size = 0
    while size < TARGET_BYTES:
        p = rng.choice(paragraphs)
        out.append(p)
        size += len(p.encode("utf-8")) + 2
    return "\n\n".join(out)


def bench_novel(runs: int) -> None:
    from desktop.library.importers import _readers

    _readers(100 * 1024 * 1024)  # the importers' modules, loaded by process start in the CLI
    text = make_novel()
    walls, cpus = [], []
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "roman.txt"
        src.write_text(text, encoding="utf-8")
        for run in range(runs):
            data = Path(tmp) / f"lib{run}"
            data.mkdir()
            conn = open_library(data)
            t0, c0 = time.perf_counter(), time.process_time()
            [outcome] = import_paths(conn, [src], max_bytes=100 * 1024 * 1024)
            walls.append(time.perf_counter() - t0)
            cpus.append(time.process_time() - c0)
            assert outcome.status == "imported", outcome
        summary = store.document_summary(conn, outcome.doc_id)
    mb = len(text.encode("utf-8")) / 1e6
    print(f"novel: {mb:.2f} MB, {summary.paragraphs} paragraphs, {summary.sentences} sentences")
    print(
        f"library import of the novel ({runs} runs): wall {min(walls):.2f}-{max(walls):.2f} s, "
        f"CPU {min(cpus):.2f}-{max(cpus):.2f} s  target <= 1.0 s"
    )


def linear_inputs(mb: float) -> dict[str, str]:
    n = int(mb * 1_000_000)
    hyphenated = "une phrase assez longue qui parle de la con-\nnaissance des lan-\ngues et des au-\n"
    items = "Les objectifs :\n• renforcer la coopération ;\n1. Partir ;\na) rester\n\n12\n\n"
    quotes = "« Il vient. Il part. M. Dupont, J.-C. et l'U.E. (art. 3) etc. Oui ! "
    return {
        "one paragraph of hyphenated lines": (hyphenated * (n // len(hyphenated) + 1))[:n],
        "one line": ("Le texte continue sans fin, mot après mot. " * (n // 44 + 1))[:n],
        "list items and page numbers": (items * (n // len(items) + 1))[:n],
        "open quotations, abbreviations": (quotes * (n // len(quotes) + 1))[:n],
    }


def bench_linear() -> None:
    from desktop.library.cleanup import clean_text
    from desktop.library.segmentation import split_sentences

    print("linear time: CPU seconds per MB at 1 MB and 8 MB (flat = linear)")
    for name in linear_inputs(0.01):
        row = []
        for mb in (1, 8):
            text = linear_inputs(mb)[name]
            c0 = time.process_time()
            blocks = clean_text(text)
            clean_s = time.process_time() - c0
            c0 = time.process_time()
            for b in blocks:
                split_sentences(b.text)
            split_s = time.process_time() - c0
            row.append(f"{mb} MB clean {clean_s / mb:.2f} s/MB, segment {split_s / mb:.2f} s/MB")
        print(f"  {name:34s} " + "; ".join(row))


def main() -> None:
    import argparse

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--skip-3mb", action="store_true")
    parser.add_argument("--skip-linear", action="store_true")
    args = parser.parse_args()
    bench_novel(args.runs)
    if not args.skip_3mb:
        bench_seeds()
    if not args.skip_linear:
        bench_linear()


def bench_seeds() -> None:
    text = make_text()
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "long-french.txt"
        src.write_text(text, encoding="utf-8")
        mb = src.stat().st_size / 1e6

        data = Path(tmp) / "data"
        data.mkdir()
        conn = open_library(data)
        t0 = time.perf_counter()
        c0 = time.process_time()
        [outcome] = import_paths(conn, [src], max_bytes=100 * 1024 * 1024)
        glose = time.perf_counter() - t0
        glose_cpu = time.process_time() - c0
        assert outcome.status == "imported", outcome
        summary = store.document_summary(conn, outcome.doc_id)

        # What `glose import` adds on a new library: indexing the document for search
        # (one process, as the app does; `glose reindex` uses two).
        t0 = time.perf_counter()
        operations.reindex_paragraphs(conn, data, outcome.doc_id, None)
        index_s = time.perf_counter() - t0

        data2 = Path(tmp) / "data2"
        data2.mkdir()
        conn3 = open_library(data2)
        t0 = time.perf_counter()
        operations.import_files(conn3, data2, [src], max_bytes=100 * 1024 * 1024)
        cli_s = time.perf_counter() - t0

        naive_dir = Path(tmp) / "naive"
        naive_dir.mkdir()
        conn2 = open_library(naive_dir)
        t0 = time.perf_counter()
        blocks = [Block(PARAGRAPH, " ".join(p.split())) for p in src.read_text("utf-8").split("\n\n") if p.strip()]
        lay = store.layout(blocks, lambda t, a, b: [(a, b)])
        store.save_document(conn2, title="naive", fmt="txt", language="fr", content_hash="x", lay=lay)
        naive = time.perf_counter() - t0

    print(f"input: {mb:.2f} MB, {summary.paragraphs} paragraphs, {summary.sentences} sentences")
    print(f"library import (read+clean+segment+store): {glose:.2f} s wall, {glose_cpu:.2f} s CPU ({mb / glose:.2f} MB/s)  target <= 5 s")
    print(f"search indexing of that document (1 process): {index_s:.2f} s")
    print(f"`glose import` end to end on a new library (import + index): {cli_s:.2f} s")
    print(f"naive floor (split on blank lines, no cleanup/segmentation): {naive:.2f} s")


if __name__ == "__main__":
    main()
