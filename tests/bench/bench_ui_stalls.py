"""How long the UI thread's event loop waits at worst while the seeds are translated in the
background, the user hovering and scrolling (tests/ui/scenarios.py), with a random-weight
model of realistic output length (3 layers, d_model 256: slower than the tests' tiny model,
faster than a real one). The obvious alternative in the same run: translating on the UI thread.

Each run starts from an empty translation cache. Gaps are given as the app's own (time
the process held the UI thread, or its GIL) and wall clock (including time other processes
had the CPU: on a shared machine only the first is the app's doing).

    .venv/bin/python tests/bench/bench_ui_stalls.py [--runs 5]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        data = root / "data"
        data.mkdir()
        os.environ["GLOSE_DATA_DIR"] = str(data)
        os.environ["ARGOS_PACKAGES_DIR"] = str(root / "argos")
        from PySide6.QtWidgets import QApplication

        from desktop import config, operations
        from desktop.library.db import open_library
        from desktop.translation.engine import load_engine
        from desktop.translation.jobs import translate_document
        from desktop.translation.packages import install_model_file
        from desktop.ui import theme
        from desktop.ui.app import build_context, freeze_startup_objects
        from desktop.ui.main_window import MainWindow
        from tests.tiny_model import ModelShape, build_package
        from tests.ui.scenarios import translate_while_using
        from tests.ui.stall_meter import StallMeter

        shape = ModelShape(layers=3, d_model=256, ffn=1024, heads=4, vocab=1000, eos_step=25)
        model = install_model_file(build_package(root / "medium.argosmodel", shape=shape), root / "argos")
        conn = open_library(data)
        operations.import_files(conn, data, [config.seeds_dir()], max_bytes=config.max_import_bytes())
        conn.close()
        app = QApplication.instance() or QApplication([])
        theme.apply_theme(app, "light")
        ctx = build_context(data)
        window = MainWindow(ctx)
        freeze_startup_objects()
        window.resize(1300, 800)
        window.show()
        app.processEvents()
        ids = [r[0] for r in ctx.conn.execute("SELECT id FROM documents ORDER BY id")]

        def wait_for(condition) -> None:
            deadline = time.monotonic() + 120
            while not condition():
                if time.monotonic() > deadline:
                    raise SystemExit("timed out")
                app.processEvents()
                time.sleep(0.001)

        def spin(seconds: float) -> None:
            end = time.monotonic() + seconds
            while time.monotonic() < end:
                app.processEvents()
                time.sleep(0.001)

        def on_ui_thread(ids) -> None:  # the alternative: no worker
            engine = load_engine(model)
            window.translation.start = lambda *_a, **_k: None  # no background job
            for doc_id in ids:
                window.open_document(doc_id)
                wait_for(lambda: window.reader.current_document() == doc_id and window.reader.document_view() is not None)
                translate_document(ctx.conn, doc_id, engine)
                window.reader.reload_translations()
                wait_for(lambda: not window.reader.is_redrawing())
                spin(0.05)  # the meter's next tick sees the gap

        print(f"machine: {os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f}")
        for label, scenario in (
            ("Glose (worker thread, batch by batch)", lambda: translate_while_using(window, ids, wait_for)),
            ("alternative: translated on the UI thread", lambda: on_ui_thread(ids)),
        ):
            own, wall = [], []
            for _ in range(args.runs):
                with ctx.conn:
                    ctx.conn.execute("DELETE FROM mt_cache")
                window.reader.close_document()
                meter = StallMeter()
                meter.start()
                scenario()
                meter.stop()
                own.append(meter.worst_ms)
                wall.append(meter.worst_wall_ms)
            print(f"{label}: worst gap per run {', '.join(f'{v:.0f}' for v in own)} ms "
                  f"(median {statistics.median(own):.0f}); wall clock {', '.join(f'{v:.0f}' for v in wall)} ms")
        print(f"load average at end {os.getloadavg()[0]:.1f}; target: worst own gap < 100 ms")
        window.translation.cancel()
        ctx.tasks.wait_idle(20_000)
        ctx.close()


if __name__ == "__main__":
    main()
