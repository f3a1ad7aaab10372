"""Child process of the kill test: writes annotations forever, reporting each commit.

Usage: python kill_writer.py DATA_DIR SEED. Prints "READY", then for each edit
"INTENT op id seq" before it and "DONE op id seq" after it has committed (flushed at once).
"""

from __future__ import annotations

import random
import sys
from pathlib import Path


def main() -> None:
    from desktop.annotations import store
    from desktop.library.db import open_library
    from desktop.library.store import get_document

    data_dir, seed = Path(sys.argv[1]), int(sys.argv[2])
    rng = random.Random(seed)
    conn = open_library(data_dir)
    doc = get_document(conn, 1)
    ids = [a.id for a in store.list_annotations(conn)]
    seq = seed * 1_000_000

    def say(*parts: object) -> None:
        sys.stdout.write(" ".join(map(str, parts)) + "\n")
        sys.stdout.flush()

    say("READY")
    while True:
        seq += 1
        roll = rng.random()
        if roll < 0.5 or not ids:
            start = rng.randrange(0, len(doc.text) - 20)
            ann = store.new_annotation(doc, "fr", start, start + rng.randint(1, 20), color="yellow", note=str(seq), tags=[f"t{seq % 7}"])
            say("INTENT create", ann.id, seq)
            store.insert_annotation(conn, ann)
            ids.append(ann.id)
            say("DONE create", ann.id, seq)
        elif roll < 0.9:
            ann_id = rng.choice(ids)
            say("INTENT update", ann_id, seq)
            store.update_annotation(conn, ann_id, note=str(seq), tags=[f"t{seq % 7}", "edited"])
            say("DONE update", ann_id, seq)
        else:
            ann_id = ids.pop(rng.randrange(len(ids)))
            say("INTENT delete", ann_id, seq)
            store.delete_annotation(conn, ann_id)
            say("DONE delete", ann_id, seq)


if __name__ == "__main__":
    main()
