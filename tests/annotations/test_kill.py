"""A process writing annotations is SIGKILLed many times at random moments: every edit
it reported committed must be in the database, and the database must stay sound."""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from desktop.library.models import Document

REPO = Path(__file__).resolve().parents[2]
WRITER = Path(__file__).with_name("kill_writer.py")
ROUNDS = 10


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs POSIX signals")
def test_sigkill_never_loses_a_committed_edit(conn: sqlite3.Connection, doc: Document, data_dir: Path) -> None:
    conn.close()  # the writer owns the database during the test
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    rng = random.Random(20261123)
    committed: dict[str, int] = {}  # annotation id -> last reported note seq
    deleted: set[str] = set()  # reported deleted
    doomed: set[str] = set()  # a delete was attempted (may or may not have committed)
    attempted: dict[str, int] = {}  # id -> highest seq attempted (committed or not)
    started = time.monotonic()
    rounds = kills_mid_write = 0
    log: list[str] = []
    while rounds < ROUNDS:
        rounds += 1
        child = subprocess.Popen(
            [sys.executable, str(WRITER), str(data_dir), str(rounds)],
            cwd=REPO, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        )
        assert child.stdout is not None
        ready = child.stdout.readline()
        assert ready.strip() == "READY", ready + child.stderr.read()
        # Kill once it has committed a few edits (a count, not a time: the same on a slow
        # machine), then a moment later, so the kill lands anywhere in the next ones.
        lines = []
        want = rng.randint(2, 8)
        while sum(line.startswith("DONE") for line in lines) < want:
            line = child.stdout.readline()
            assert line, child.stderr.read()  # type: ignore[union-attr]
            lines.append(line.rstrip("\n"))
        time.sleep(rng.uniform(0.0, 0.02))
        child.send_signal(signal.SIGKILL)
        child.wait()
        # Read through the same buffered file as readline() above (communicate() would
        # bypass its buffer and lose the lines already read ahead).
        out, err = child.stdout.read(), child.stderr.read()  # type: ignore[union-attr]
        child.stdout.close()
        child.stderr.close()  # type: ignore[union-attr]
        assert child.returncode == -signal.SIGKILL, err
        lines += out.splitlines()
        log.extend(f"r{rounds} {l}" for l in lines)
        if lines and lines[-1].startswith("INTENT"):
            kills_mid_write += 1
        for line in lines:
            parts = line.split()
            if len(parts) != 4:
                continue  # a line cut short by the kill
            what, op, ann_id, seq = parts[0], parts[1], parts[2], int(parts[3])
            if what == "INTENT":
                attempted[ann_id] = max(attempted.get(ann_id, 0), seq)
                if op == "delete":
                    doomed.add(ann_id)
            elif op == "delete":
                deleted.add(ann_id)
            else:
                committed[ann_id] = seq

        db = sqlite3.connect(data_dir / "glose.db")
        try:
            assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
            assert db.execute("PRAGMA foreign_key_check").fetchall() == []
            rows = dict(db.execute("SELECT id, note FROM annotations").fetchall())
            for ann_id, seq in committed.items():
                if ann_id in deleted:
                    assert ann_id not in rows
                elif ann_id not in doomed:
                    assert ann_id in rows, f"round {rounds}: committed annotation {ann_id} lost"
                    # The note is the last one reported, or a later one whose report the kill cut.
                    assert seq <= int(rows[ann_id]) <= attempted.get(ann_id, -1), [l for l in log if ann_id in l]
                    tags = {t for (t,) in db.execute("SELECT tag FROM annotation_tags WHERE annotation_id = ?", (ann_id,))}
                    assert f"t{int(rows[ann_id]) % 7}" in tags
        finally:
            db.close()
    print(f"kill test: {rounds} SIGKILLs ({kills_mid_write} between an edit's start and its report), "
          f"{len(committed)} annotations, {len(deleted)} deletes, {time.monotonic() - started:.1f}s")
    assert len(committed) >= ROUNDS
