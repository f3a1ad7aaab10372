"""A 3 MB document in the reader: time to the first screen, fill time, event-loop stalls
while it fills and while scrolling from top to bottom.

Glose fills the reader in chunks from a timer (CHUNK_ROWS rows per table, ~12 ms per
tick). The obvious alternative, measured in the same run: every row in one go, then
show (set FILL_BUDGET_S to infinity).

    .venv/bin/python tests/bench/bench_reader_large.py [--mb 3]
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def make_text(target_bytes: int) -> str:
    """French paragraphs from the seeds, numbered so no two are identical."""
    paragraphs: list[str] = []
    for path in sorted((REPO / "seeds").glob("*.txt")):
        paragraphs += [p.strip() for p in path.read_text(encoding="utf-8").split("\n\n") if len(p.strip()) > 80]
    out: list[str] = []
    size = 0
    n = 0
    while size < target_bytes:
        p = paragraphs[n % len(paragraphs)]
        block = f"{p} (§ {n + 1})"
        out.append(block)
        size += len(block.encode("utf-8")) + 2
        n += 1
    return "\n\n".join(out)


def build_library(data: Path, mb: float) -> int:
    from desktop import config, operations
    from desktop.library.db import open_library

    source = data.parent / "rapport-long.txt"
    source.write_text(make_text(int(mb * 1024 * 1024)), encoding="utf-8")
    conn = open_library(data)
    t = time.perf_counter()
    outcomes = operations.import_files(conn, data, [source], max_bytes=config.max_import_bytes())
    print(f"imported {source.stat().st_size / 1e6:.1f} MB in {time.perf_counter() - t:.1f} s: {outcomes[0].status}")
    doc_id = outcomes[0].doc_id
    paragraphs = conn.execute("SELECT COUNT(*) FROM paragraphs WHERE doc_id = ?", (doc_id,)).fetchone()[0]
    sentences = conn.execute("SELECT COUNT(*) FROM sentences WHERE doc_id = ?", (doc_id,)).fetchone()[0]
    print(f"document {doc_id}: {paragraphs} paragraphs, {sentences} sentences")
    conn.close()
    return doc_id


def measure(ctx, doc_id: int, app, label: str) -> dict:
    from desktop.ui.reader.view import BilingualReader
    from tests.ui.stall_meter import StallMeter

    reader = BilingualReader(ctx)
    reader.resize(1200, 800)
    reader.show()
    app.processEvents()
    meter = StallMeter()
    result: dict = {}
    t0 = time.perf_counter()
    reader.documentChanged.connect(lambda _d: result.setdefault("first screen", time.perf_counter() - t0))
    meter.start()
    reader.open_document(doc_id, paragraph_index=0)
    while not reader.is_loaded():
        app.processEvents()
        if "first screen" in result and "first paint" not in result:
            reader.view.viewport().repaint()
            result["first paint"] = time.perf_counter() - t0
    result["all rows"] = time.perf_counter() - t0
    app.processEvents()
    meter.stop()
    result["worst gap while opening"] = meter.worst_ms
    result["worst wall gap while opening"] = meter.worst_wall_ms
    # Scroll top to bottom a page at a time, painting each page.
    bar = reader.view.verticalScrollBar()
    pages = 0
    worst_page = 0.0
    meter2 = StallMeter()
    meter2.start()
    bar.setValue(0)
    while bar.value() < bar.maximum() and pages < 400:
        t = time.perf_counter()
        bar.setValue(bar.value() + bar.pageStep() * max(1, (bar.maximum() // bar.pageStep()) // 200))
        reader.view.viewport().repaint()
        app.processEvents()
        worst_page = max(worst_page, time.perf_counter() - t)
        pages += 1
    meter2.stop()
    result["pages scrolled"] = pages
    result["worst page (scroll + paint)"] = worst_page * 1000
    result["worst gap while scrolling"] = meter2.worst_ms
    # Hover sync far down the document.
    view = reader.document_view()
    s = view.doc.sentences[len(view.doc.sentences) - 5].index
    t = time.perf_counter()
    reader.hover_sentence(s)
    reader.view.viewport().repaint()
    result["hover sync at the end"] = (time.perf_counter() - t) * 1000
    reader.close()
    reader.deleteLater()
    print(f"\n{label}")
    for key, value in result.items():
        unit = "s" if key in ("first screen", "first paint", "all rows") else ("" if key == "pages scrolled" else "ms")
        print(f"  {key:<32} {value:8.3f} {unit}" if unit == "s" else f"  {key:<32} {value:8.0f} {unit}")
    return result


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--mb", type=float, default=3.0)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        data = Path(tmp) / "data"
        data.mkdir()
        os.environ["GLOSE_DATA_DIR"] = str(data)
        os.environ["ARGOS_PACKAGES_DIR"] = str(Path(tmp) / "argos")
        doc_id = build_library(data, args.mb)
        from PySide6.QtWidgets import QApplication

        from desktop.ui import theme
        from desktop.ui.app import build_context
        from desktop.ui.reader import view as reader_view

        app = QApplication.instance() or QApplication([])
        theme.apply_theme(app, "light")
        ctx = build_context(data)
        print(f"machine: {os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f}")
        measure(ctx, doc_id, app, "Glose: chunked fill from a timer")
        budget = reader_view.FILL_BUDGET_S
        reader_view.FILL_BUDGET_S = float("inf")
        reader_view.FIRST_FILL_MAX_ROWS = 10**9
        try:
            measure(ctx, doc_id, app, "alternative: every row at once")
        finally:
            reader_view.FILL_BUDGET_S = budget
        ctx.tasks.wait_idle(10_000)
        ctx.close()


if __name__ == "__main__":
    main()
