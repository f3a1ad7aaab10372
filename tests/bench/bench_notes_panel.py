"""How long the notes panel keeps the UI thread busy when it shows N notes, offscreen.

Compares the panel (QListView + model + uniform card height, filter text folded in the
worker) with the obvious alternative: a QTreeWidget with one item per note. Run with
`QT_QPA_PLATFORM=offscreen .venv/bin/python tests/bench/bench_notes_panel.py`.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))


def main() -> None:
    data = Path(tempfile.mkdtemp(prefix="glose-bench-notes-"))
    os.environ["GLOSE_DATA_DIR"] = str(data)
    from PySide6.QtWidgets import QApplication, QTreeWidget, QTreeWidgetItem

    from desktop import config, operations
    from desktop.annotations import store as ann_store
    from desktop.library import store as library_store
    from desktop.library.db import open_library
    from desktop.ui.app import build_context
    from desktop.ui.notes_panel import NotesPanel, load_notes

    app = QApplication([])
    conn = open_library(data)
    operations.import_files(conn, data, [ROOT / "seeds"], max_bytes=config.max_import_bytes())
    doc = library_store.get_document(conn, library_store.list_documents(conn)[0].id)
    ctx = build_context(data)
    print(f"{'notes':>7} {'worker read':>12} {'panel fill':>11} {'filter key':>11} {'QTreeWidget fill':>17}")
    done = 0
    for n in (1_000, 5_000, 10_000):
        with conn:
            for i in range(done, n):
                s = doc.sentences[i % len(doc.sentences)]
                ann = ann_store.new_annotation(doc, "fr", s.start, s.end, color="yellow", note=f"note {i}", tags=[f"t{i % 7}"])
                ann_store.insert_annotation(conn, ann)
        done = n
        t0 = time.perf_counter()
        snap = load_notes(ctx.connect, doc.id, "document")
        t1 = time.perf_counter()
        panel = NotesPanel(ctx)
        panel.resize(380, 800)
        panel.show()
        t2 = time.perf_counter()
        panel._generation = 1
        panel._loaded(1, snap)
        app.processEvents()
        t3 = time.perf_counter()
        panel.filter_edit.setText("note 99")
        app.processEvents()
        t4 = time.perf_counter()
        tree = QTreeWidget()
        tree.resize(380, 800)
        tree.show()
        t5 = time.perf_counter()
        for ann in snap.annotations:
            item = QTreeWidgetItem(tree, [ann.quote])
            item.setToolTip(0, ann.note)
        app.processEvents()
        t6 = time.perf_counter()
        print(
            f"{n:>7} {1000 * (t1 - t0):>10.0f}ms {1000 * (t3 - t2):>9.0f}ms {1000 * (t4 - t3):>9.0f}ms"
            f" {1000 * (t6 - t5):>15.0f}ms"
        )
        panel.close()
        tree.close()
        panel.deleteLater()
        tree.deleteLater()
    ctx.tasks.wait_idle()
    ctx.close()


if __name__ == "__main__":
    main()
