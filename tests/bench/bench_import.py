"""Benchmark: importing a 3 MB French text file (read, clean, segment, store).

Run: .venv/bin/python tests/bench/bench_import.py
The text is the five seeds concatenated many times with their paragraphs shuffled
(seeded), so cleanup and segmentation meet real-world French, OCR debris included.
Reference in the same run: the floor of a naive import (split on blank lines, one
sentence per paragraph, no cleanup) through the same store.
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


def main() -> None:
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
