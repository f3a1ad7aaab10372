"""A 3 MB document opens at once and the UI keeps reacting while the rest fills in.

The full picture (fill time, scrolling top to bottom, the one-shot alternative) is in
tests/bench/bench_reader_large.py; this test keeps to what must never regress.
"""

from __future__ import annotations

import hashlib
import time

import pytest

from desktop.library import store
from desktop.library.models import PARAGRAPH, Block
from desktop.ui.app import freeze_startup_objects
from desktop.ui.reader.view import CHUNK_ROWS, BilingualReader
from tests.bench.bench_reader_large import make_text
from tests.ui.stall_meter import StallMeter


def _segment(text: str, start: int, end: int) -> list[tuple[int, int]]:
    spans, pos = [], start
    while pos < end:
        cut = text.find(". ", pos, end)
        stop = end if cut < 0 else cut + 1
        spans.append((pos, stop))
        pos = stop + 1 if cut >= 0 else end
    return spans


@pytest.fixture
def big_doc(ui_ctx) -> int:
    # Straight into the store (the importer's own speed is measured elsewhere).
    text = make_text(3 * 1024 * 1024)
    blocks = [Block(PARAGRAPH, p) for p in text.split("\n\n")]
    lay = store.layout(blocks, _segment)
    return store.save_document(
        ui_ctx.conn,
        title="Rapport long",
        fmt="txt",
        language="fr",
        content_hash=hashlib.sha256(text.encode()).hexdigest(),
        lay=lay,
    )


def test_3mb_document_opens_fast_and_never_stalls(qtbot, ui_ctx, big_doc):
    freeze_startup_objects()  # as the app does once its window is up
    reader = BilingualReader(ui_ctx)
    qtbot.addWidget(reader)
    reader.resize(1200, 800)
    reader.show()
    qtbot.waitExposed(reader)
    meter = StallMeter()
    meter.start()
    t0 = time.perf_counter()
    with qtbot.waitSignal(reader.documentChanged, timeout=30_000):
        reader.open_document(big_doc, paragraph_index=0)
    first_screen = time.perf_counter() - t0
    view = reader.document_view()
    assert len(view.paragraphs) > 5000
    assert 0 < len(reader._blocks) < len(view.paragraphs)  # the rest fills in from the timer
    assert reader._blocks[0][0].text() == view.paragraphs[0].fr_text
    # Keep using it while it fills: scroll down page by page, hover sentences.
    bar = reader.view.verticalScrollBar()
    deadline = time.perf_counter() + 3.0
    while time.perf_counter() < deadline:
        bar.setValue(min(bar.maximum(), bar.value() + bar.pageStep()))
        reader.hover_sentence(view.doc.sentences[min(len(reader._blocks) * 2, len(view.doc.sentences) - 1)].index)
        qtbot.wait(40)
    meter.stop()
    filled = len(reader._blocks)
    print(
        f"\n3 MB: {len(view.paragraphs)} paragraphs; first screen {first_screen:.2f} s; "
        f"{filled} rows after 3 s more; {meter.summary()}"
    )
    assert filled > 20 * CHUNK_ROWS
    assert meter.worst_ms < 100, f"the UI stalled for {meter.worst_ms:.0f} ms"
    # A far jump waits for its row and lands there.
    target = min(filled + 200, len(view.paragraphs) - 1)
    reader.scroll_to_paragraph(target, flash=False)
    qtbot.waitUntil(lambda: reader.first_visible_paragraph() == target, timeout=60_000)
