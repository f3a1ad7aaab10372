"""Benchmark: 10,000 annotations on one document.

Run: .venv/bin/python tests/bench/bench_annotations.py

The document is the five seeds' paragraphs shuffled into ~300,000 characters, with a fake
English side (every sentence "translated"); 9,000 French-side and 1,000 English-side
annotations of 10-80 characters at random places. Measured, each beside the obvious
alternative in the same run:
- saving one edit: synchronous=FULL (what Glose does) vs NORMAL;
- listing all 10,000 with their tags: one query vs one tag query per annotation;
- re-anchoring all of them after a sentence is inserted near the top (the import hook):
  with the old->new offset map vs searching each quote afresh (no map);
- exporting them: Markdown, CSV, JSON-LD, TMX, XLIFF.
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
from desktop.annotations import anchoring, store  # noqa: E402
from desktop.annotations.aligned import document_notes  # noqa: E402
from desktop.annotations.export_csv import export_csv  # noqa: E402
from desktop.annotations.export_md import export_markdown  # noqa: E402
from desktop.annotations.jsonld import dumps, export_jsonld  # noqa: E402
from desktop.annotations.tmx import export_tmx  # noqa: E402
from desktop.annotations.xliff import export_xliff  # noqa: E402
from desktop.library import store as lstore  # noqa: E402
from desktop.library.db import open_library  # noqa: E402
from desktop.library.models import PARAGRAPH, Block  # noqa: E402
from desktop.library.segmentation import split_sentences  # noqa: E402
from desktop.translation.store import english_side, put_mt  # noqa: E402

N = 10_000
TARGET_CHARS = 300_000
MODEL = "bench@1"


def paragraphs() -> list[str]:
    rng = random.Random(3)
    pool: list[str] = []
    for seed in sorted((REPO / "seeds").glob("*.txt")):
        pool += [" ".join(p.split()) for p in seed.read_text("utf-8").split("\n\n") if p.strip()]
    out, size = [], 0
    while size < TARGET_CHARS:
        out.append(rng.choice(pool))
        size += len(out[-1]) + 2
    return out


def save(conn, pars: list[str], doc_id: int | None = None, on_updated=None) -> int:
    lay = lstore.layout([Block(PARAGRAPH, p) for p in pars], split_sentences)
    return lstore.save_document(
        conn, title="Bench", fmt="txt", language="fr", content_hash=str(hash(tuple(pars))), lay=lay,
        doc_id=doc_id, on_updated=on_updated,
    )


def clock(fn, *args, **kw):
    """(wall seconds, CPU seconds of this process, result): CPU shows the cost on a busy machine."""
    w0, c0 = time.perf_counter(), time.process_time()
    result = fn(*args, **kw)
    return time.perf_counter() - w0, time.process_time() - c0, result


def main() -> None:
    rng = random.Random(11)
    with tempfile.TemporaryDirectory() as tmp:
        data = Path(tmp)
        conn = open_library(data)
        pars = paragraphs()
        doc_id = save(conn, pars)
        doc = lstore.get_document(conn, doc_id)
        put_mt(conn, MODEL, [(s.source_hash, "EN " + doc.sentence_text(s)) for s in doc.sentences])
        english = english_side(conn, doc, MODEL)
        print(f"document: {len(doc.text):,} chars, {len(doc.paragraphs):,} paragraphs, {len(doc.sentences):,} sentences")

        # --- one edit, as the user makes it: its own committed transaction
        def one_edit_each(count: int, sync: str) -> float:
            anns = []
            for _ in range(count):
                start = rng.randrange(len(doc.text) - 80)
                anns.append(store.new_annotation(doc, "fr", start, start + rng.randint(10, 80), color="yellow"))
            if sync == "FULL":
                t0 = time.perf_counter()
                for a in anns:
                    store.insert_annotation(conn, a)
            else:  # the alternative: the connection's default NORMAL, no durable()
                t0 = time.perf_counter()
                for a in anns:
                    with conn:
                        conn.execute("INSERT INTO annotations (id, doc_id, side, start, end, quote, color, created, modified)"
                                     " VALUES (?, ?, 'fr', ?, ?, ?, 'yellow', ?, ?)",
                                     (a.id, a.doc_id, a.start, a.end, a.quote, a.created, a.modified))
            elapsed = (time.perf_counter() - t0) / count
            with conn:
                conn.execute("DELETE FROM annotations")
            return elapsed

        full = one_edit_each(300, "FULL")
        normal = one_edit_each(300, "NORMAL")
        print(f"save one annotation (own transaction): synchronous=FULL {full * 1000:.2f} ms, NORMAL {normal * 1000:.2f} ms")

        # --- 10,000 annotations
        anns = []
        for n in range(N):
            length = rng.randint(10, 80)
            if n % 10 == 9:
                start = rng.randrange(len(english.text) - length)
                anns.append(store.new_annotation(doc, "en", start, start + length, color="blue", english=english,
                                                 note=f"note {n}", tags=[f"t{n % 50}"]))
            else:
                start = rng.randrange(len(doc.text) - length)
                anns.append(store.new_annotation(doc, "fr", start, start + length, color="yellow",
                                                 note=f"note {n}" if n % 3 == 0 else "", tags=[f"t{n % 50}", "bench"]))
        t0 = time.perf_counter()
        with store.durable(conn):
            for a in anns:
                store.insert_annotation(conn, a)
        print(f"insert {N:,} annotations in one transaction: {time.perf_counter() - t0:.2f} s")

        # --- listing
        t_list, c_list, listed = clock(store.list_annotations, conn, doc_id)
        assert len(listed) == N

        def list_n_plus_one():
            rows = conn.execute("SELECT * FROM annotations WHERE doc_id = ? ORDER BY side DESC, start", (doc_id,)).fetchall()
            return [(r["id"], [t for (t,) in conn.execute("SELECT tag FROM annotation_tags WHERE annotation_id = ?", (r["id"],))]) for r in rows]

        t_naive, c_naive, _ = clock(list_n_plus_one)
        print(f"list {N:,} with tags: {t_list * 1000:.0f} ms wall / {c_list * 1000:.0f} ms CPU (two queries); "
              f"one tag query per annotation: {t_naive * 1000:.0f} ms / {c_naive * 1000:.0f} ms")

        # --- re-anchoring after a sentence is inserted near the top
        edited = list(pars)
        edited[1] = "Une phrase ajoutée en tête, qui décale tout ce qui suit. " + edited[1]
        t_hook, c_hook, _ = clock(save, conn, edited, doc_id, operations._on_document_text_changed)
        new = lstore.get_document(conn, doc_id)
        new_en = english_side(conn, new, MODEL)
        after = store.list_annotations(conn, doc_id)
        orphaned = sum(a.status == store.ORPHANED for a in after)
        wrong = sum(
            1 for a in after if a.status == store.ANCHORED and (new.text if a.side == "fr" else new_en.text)[a.start : a.end] != a.quote
        )
        print(f"re-import with one sentence inserted near the top, {N:,} annotations re-anchored "
              f"(import transaction included): {t_hook:.2f} s wall / {c_hook:.2f} s CPU; orphaned {orphaned}, misplaced {wrong}")

        # Alternative in the same run: the same change re-anchored without the offset map
        # (each quote looked for afresh around its old position).
        snapshot = store.list_annotations(conn, doc_id, side="fr")
        save(conn, pars, doc_id)  # back to the original text; anchors still on the edited one
        original = lstore.get_document(conn, doc_id).text
        results, placements = {}, []
        for label, old_text in (("offset map", new.text), ("no map", None)):
            store.write_anchors(conn, snapshot)
            results[label] = clock(anchoring.reanchor_french, conn, doc_id, old_text, original)
            placed = store.list_annotations(conn, doc_id, side="fr")
            assert all(original[a.start : a.end] == a.quote for a in placed)
            placements.append([(a.id, a.start) for a in placed])
        parts = []
        for label, (wall, cpu, r) in results.items():
            parts.append(f"{label} {wall:.2f} s wall / {cpu:.2f} s CPU ({r.position:,} at the expected position, "
                         f"{r.exact:,} by exact quote, {r.fuzzy} fuzzy, {len(r.orphaned)} orphaned)")
        same = "same placements" if placements[0] == placements[1] else "DIFFERENT placements"
        print(f"re-anchor {len(snapshot):,} French-side annotations after a sentence near the top is removed: "
              + "; ".join(parts) + f"; {same}")
        store.write_anchors(conn, snapshot)
        save(conn, edited, doc_id)

        # --- the worst case: a passage that is nowhere (every search step fails)
        gone = [a for a in snapshot[:200]]
        scrambled = " ".join(reversed(original.split(" ")))
        wall, cpu, found = clock(lambda: [anchoring.locate(scrambled, a.quote, a.prefix, a.suffix, a.start) for a in gone])
        print(f"an annotation whose passage is gone (orphaned after exact and fuzzy search of the {len(original):,}-char text): "
              f"{wall / len(gone) * 1000:.1f} ms wall / {cpu / len(gone) * 1000:.1f} ms CPU each "
              f"({sum(f is None for f in found)} of {len(gone)} orphaned)")

        # --- English side after one sentence near the top is post-edited
        from desktop.translation.store import set_post_edit

        set_post_edit(conn, doc_id, 2, "A much longer human translation of the third sentence, which moves all that follows.")
        t_en, c_en, r_en = clock(anchoring.reanchor_english, conn, lstore.get_document(conn, doc_id), MODEL)
        print(f"re-anchor the 1,000 English-side annotations after a post-edit near the top "
              f"(that sentence recurs in the shuffled text): {t_en:.2f} s wall / {c_en:.2f} s CPU "
              f"({r_en.position} in place, {r_en.exact} by exact quote, {r_en.fuzzy} fuzzy, {len(r_en.orphaned)} orphaned)")
        # What `glose post-edit` and the app do: save, re-anchor, refresh the search index;
        # beside the save alone (what it did before English notes were re-anchored).
        operations.ensure_index(conn, data)
        t_save, c_save, _ = clock(set_post_edit, conn, doc_id, 3, "Another human translation, longer than the machine's.")
        t_op, c_op, change = clock(operations.post_edit, conn, data, doc_id, 4, "And one more, again longer than before.", model_id=MODEL)
        print(f"one post-edit near the top with 1,000 English-side notes (operations.post_edit: save + re-anchor + "
              f"search index): {t_op * 1000:.0f} ms wall / {c_op * 1000:.0f} ms CPU; the save alone {t_save * 1000:.0f} ms "
              f"({len(change.orphaned)} orphaned, {len(change.paragraphs)} paragraph(s) reindexed)")

        # --- exports
        t_notes, c_notes, notes = clock(document_notes, conn, doc_id, MODEL)
        results = []
        for name, fn in (("md", export_markdown), ("csv", export_csv), ("jsonld", lambda d: dumps(export_jsonld(d))),
                         ("tmx", export_tmx), ("xliff", export_xliff)):
            t, c, text = clock(fn, [notes])
            results.append(f"{name} {t * 1000:.0f}/{c * 1000:.0f} ms ({len(text.encode('utf-8')) / 1e6:.1f} MB)")
        print(f"export {N:,} annotations, wall/CPU (gathering notes and translations {t_notes * 1000:.0f}/{c_notes * 1000:.0f} ms): "
              + ", ".join(results))
        conn.close()


if __name__ == "__main__":
    main()
