"""Fidelity benchmark: per corpus document, the paragraphs carrying markup debris; the
HTML main-content extractors compared; the time to import a 1.6 MB novel.

    .venv/bin/python tests/bench/bench_fidelity.py

1. Every document of tests/data/fidelity (and the DOCX/ODT/EPUB built from it) read by
   Glose: paragraphs, debris paragraphs (tests/fidelity.py), headings, list items, cells.
2. On the corpus's HTML pages: Glose's own rules (lxml), trafilatura and readability-lxml,
   scored on the expected text that must be there ("present") and the boilerplate that
   must not ("absent"), and on the headings kept.
3. Import of a 1.6 MB French novel (Gutenberg text made from the seeds' prose, with header
   and licence) through read + layout + store into a fresh library, median of 3 runs.
"""

from __future__ import annotations

import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from desktop.library.importers import read_document  # noqa: E402
from tests.fidelity import debris  # noqa: E402
from tests.library.fidelity_docs import corpus  # noqa: E402

DATA = ROOT / "tests" / "data" / "fidelity"
EXPECTED = json.loads((DATA / "expected.json").read_text("utf-8"))


def fidelity(paths: list[Path]) -> None:
    print(f"{'document':34} {'paras':>5} {'debris':>6} {'heads':>5} {'items':>5} {'cells':>5}")
    total = bad = 0
    for path in paths:
        doc = read_document(path)
        kinds = [b.kind for b in doc.blocks]
        n_bad = sum(1 for b in doc.blocks if debris(b.text, b.kind))
        total, bad = total + len(kinds), bad + n_bad
        print(f"{path.name:34} {len(kinds):5} {n_bad:6} {kinds.count('heading'):5} {kinds.count('list_item'):5} "
              f"{kinds.count('table_cell'):5}")
    print(f"{'all':34} {total:5} {bad:6}  ({100 * bad / max(total, 1):.1f} % debris paragraphs)\n")


def _score(text: str, headings: int, name: str) -> tuple[float, float, int]:
    expected = EXPECTED[name]
    present = [" ".join(p.split()) for p in expected.get("present", [])]
    absent = [" ".join(a.split()) for a in expected.get("absent", [])]
    kept = sum(1 for p in present if p in text) / max(len(present), 1)
    clean = sum(1 for a in absent if a not in text) / max(len(absent), 1)
    return kept, clean, headings


def extractors(pages: list[Path]) -> None:
    import trafilatura
    from readability import Document

    from desktop.library.importers.html import decode_markup

    print(f"{'page':32} {'extractor':12} {'kept':>5} {'clean':>5} {'heads':>5} {'ms':>6}")
    for page in pages:
        markup = decode_markup(page.read_bytes())
        expected_heads = len(EXPECTED[page.name]["headings"])
        runs = []
        t = time.perf_counter()
        doc = read_document(page)
        runs.append(("glose", "\n".join(b.text for b in doc.blocks), sum(b.kind == "heading" for b in doc.blocks), t))
        t = time.perf_counter()
        out = trafilatura.extract(markup, output_format="markdown", include_tables=True, favor_recall=True) or ""
        runs.append(("trafilatura", out, sum(1 for ln in out.splitlines() if ln.startswith("#")), t))
        t = time.perf_counter()
        summary = Document(markup).summary()
        import lxml.html

        tree = lxml.html.fromstring(summary)
        runs.append(("readability", " ".join(tree.itertext()), len(tree.xpath("//h1|//h2|//h3|//h4")), t))
        for name, text, heads, started in runs:
            ms = (time.perf_counter() - started) * 1000
            kept, clean, _ = _score(" ".join(text.split()), heads, page.name)
            print(f"{page.name:32} {name:12} {kept:5.2f} {clean:5.2f} {heads:2}/{expected_heads:<2} {ms:6.0f}")
    print()


def novel(tmp: Path) -> None:
    from desktop.library import db
    from desktop.library.importer import import_file

    prose = "\n\n".join(p.read_text("utf-8", errors="replace") for p in sorted((ROOT / "seeds").glob("*.txt")))
    if not prose:
        prose = (DATA / "julie-gutenberg.txt").read_text("latin-1")
    header = (DATA / "julie-gutenberg.txt").read_text("latin-1")
    head, _, rest = header.partition("LETTRE I\n")
    body = ""
    n = 0
    while len(body.encode("utf-8")) < 1_600_000:
        n += 1
        body += f"\n\nLETTRE {n}\n\n" + prose
    _, _, tail = rest.partition("*** END OF")
    path = tmp / "roman.txt"
    path.write_text(head + body + "\n\n*** END OF" + tail, "utf-8")
    size = path.stat().st_size
    times = []
    for run in range(3):
        (tmp / f"lib{run}").mkdir()
        conn = db.connect(tmp / f"lib{run}" / "glose.db")
        t = time.perf_counter()
        outcome = import_file(conn, path, max_bytes=50 * 2**20)
        times.append(time.perf_counter() - t)
        conn.close()
        assert outcome.status == "imported", outcome
    doc = read_document(path)
    print(f"novel: {size / 1e6:.2f} MB, {len(doc.blocks)} blocks; import (read, clean, segment, store) "
          f"median {statistics.median(times):.2f} s, runs {', '.join(f'{t:.2f}' for t in times)} (target ≤ 1.0 s)")
    print("  Gutenberg header and licence as information:", "gutenberg_header" in doc.metadata and "licence" in doc.metadata)


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        built = Path(tmp) / "built"
        built.mkdir()
        paths = corpus(DATA, built)
        fidelity(paths)
        extractors([p for p in paths if p.suffix == ".html"])
        novel(Path(tmp))


if __name__ == "__main__":
    main()
