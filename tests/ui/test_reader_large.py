"""A 3 MB document opens at once and the UI keeps reacting while the rest fills in.

The full picture (fill time, scrolling top to bottom, the one-shot alternative) is in
tests/bench/bench_reader_large.py; this test keeps to what must never regress.
"""

from __future__ import annotations

import hashlib

import pytest
from PySide6.QtCore import QTimer

from desktop.library import store
from desktop.library.models import PARAGRAPH, Block
from desktop.ui.app import freeze_startup_objects
from desktop.ui.reader.view import BilingualReader
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


def test_3mb_document_opens_at_once_and_fills_while_in_use(qtbot, ui_ctx, big_doc):
    """Behaviour only: how fast it fills, and how long the UI waits at worst, depend on the
    machine and are measured by tests/bench/bench_reader_large.py."""
    freeze_startup_objects()  # as the app does once its window is up
    reader = BilingualReader(ui_ctx)
    qtbot.addWidget(reader)
    reader.resize(1200, 800)
    reader.show()
    qtbot.waitExposed(reader)
    # The rows in place each time the event loop turns (a zero timer runs once per turn).
    turns: list[int] = []
    ticker = QTimer()
    ticker.setInterval(0)
    ticker.timeout.connect(lambda: turns.append(len(reader._blocks)))
    meter = StallMeter()  # printed for information: gaps are the benchmark's to judge
    meter.start()
    with qtbot.waitSignal(reader.documentChanged, timeout=30_000):
        reader.open_document(big_doc, paragraph_index=0)
    ticker.start()
    view = reader.document_view()
    total = len(view.paragraphs)
    assert total > 5000
    assert 0 < len(reader._blocks) < total  # the first screen is up; the rest fills in from the timer
    assert reader._blocks[0][0].text() == view.paragraphs[0].fr_text
    # Keep using it while it fills: page down and hover, each time once the fill has moved on.
    bar = reader.view.verticalScrollBar()
    for _ in range(5):
        before = len(reader._blocks)
        bar.setValue(min(bar.maximum(), bar.value() + bar.pageStep()))
        shown = reader.first_visible_paragraph()
        sentence = next(s.index for s in view.doc.sentences if s.paragraph_index == shown)
        reader.hover_sentence(sentence)
        assert reader.sync_ranges(sentence)
        qtbot.waitUntil(lambda: len(reader._blocks) > before, timeout=30_000)
    # A far jump waits for its row (not filled yet) and lands there; the row is far enough
    # from the end for it to reach the top of the window.
    target = max(total // 2, len(reader._blocks) + 200)
    assert target < total - 200
    reader.scroll_to_paragraph(target, flash=False)
    qtbot.waitUntil(lambda: reader.first_visible_paragraph() == target, timeout=120_000)
    qtbot.waitUntil(reader.is_loaded, timeout=120_000)
    ticker.stop()
    meter.stop()
    assert reader.first_visible_paragraph() == target  # rows added below did not move it
    # The fill gave the event loop back many times along the way, not once at the end.
    partial = sorted({n for n in turns if 0 < n < total})
    print(f"\n3 MB: {total} paragraphs, filled over {len(partial)} event-loop turns; {meter.summary()}")
    assert len(partial) >= 20, partial
