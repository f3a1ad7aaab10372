from __future__ import annotations

import sqlite3
from pathlib import Path

from desktop.annotations import anchoring, store
from desktop.annotations.anchoring import OffsetMap, locate
from desktop.library.models import Document
from desktop.translation import store as tstore
from desktop.translation.store import EnglishSide

from .conftest import MODEL, PARAGRAPHS, save, translate


def annotate(conn: sqlite3.Connection, doc: Document, quote: str, occurrence: int = 1, **kw) -> store.Annotation:
    pos = -1
    for _ in range(occurrence):
        pos = doc.text.index(quote, pos + 1)
    return store.create_annotation(conn, doc, "fr", pos, pos + len(quote), color=kw.pop("color", "yellow"), **kw)


def reimport(conn: sqlite3.Connection, doc: Document, paragraphs: list[str], *, with_old_text: bool = True) -> Document:
    """Save new text for `doc` and re-anchor as the import hook does."""
    new = save(conn, paragraphs, doc_id=doc.id, content_hash="hash-2")
    anchoring.reanchor_french(conn, doc.id, doc.text if with_old_text else None, new.text)
    return new


def check_on_text(ann: store.Annotation, text: str) -> None:
    assert ann.status == "anchored"
    assert text[ann.start : ann.end] == ann.quote
    assert ann.prefix == text[max(0, ann.start - 32) : ann.start]


# --- locate on plain strings


def test_position_wins_when_the_quote_still_reads_there() -> None:
    text = "abc quote def quote ghi"
    assert locate(text, "quote", "def ", " ghi", 14) == anchoring.Match(14, 19, "position", 1.0)


def test_several_exact_quotes_are_decided_by_context_then_distance() -> None:
    text = "alpha quote beta. gamma quote delta. alpha quote beta."
    # Context says the middle one even though the hint is nearer the first.
    assert locate(text, "quote", "gamma ", " delta", 0).start == text.index("quote", 10)
    # Same context twice: the nearest to the expected position wins.
    last = text.rindex("quote")
    assert locate(text, "quote", "alpha ", " beta", last - 3).start == last
    assert locate(text, "quote", "alpha ", " beta", 2).start == text.index("quote")


def test_short_quote_is_accepted_fuzzily_only_with_context_support() -> None:
    text = "Les accords de Genève portent sur la migrations de travail."
    edited = text.replace("migrations", "migration")
    m = locate(edited, "migrations", "accords de Genève portent sur la ", " de travail.", 33)
    assert m is not None and m.kind == "fuzzy" and edited[m.start : m.end].startswith("migration")
    unrelated = "Un tout autre texte, où il est question de migration au passage et rien d'autre."
    assert locate(unrelated, "migrations", "accords de Genève portent sur la ", " de travail.", 33) is None


def test_offset_map_moves_positions_by_paragraph_and_within_an_edited_one() -> None:
    old = "Premier.\n\nDeuxième paragraphe ici.\n\nTroisième."
    new = "Nouveau tout en haut.\n\nPremier.\n\nDeuxième grand paragraphe ici.\n\nTroisième."
    m = OffsetMap(old, new)
    assert new[m(old.index("Premier")) :].startswith("Premier")
    assert new[m(old.index("Deuxième")) :].startswith("Deuxième")
    assert new[m(old.index("paragraphe")) :].startswith("paragraphe")
    assert new[m(old.index("Troisième")) :].startswith("Troisième")


# --- re-anchoring a document's annotations after its text changed


def test_text_inserted_before_the_passage(conn: sqlite3.Connection, doc: Document) -> None:
    ann = annotate(conn, doc, "forum de Lianyungang", note="à citer", tags=["chine"])
    new = reimport(conn, doc, ["Un paragraphe ajouté en tête du document."] + PARAGRAPHS)
    moved = store.get_annotation(conn, ann.id)
    check_on_text(moved, new.text)
    assert moved.start > ann.start and moved.quote == ann.quote
    assert (moved.note, moved.tags, moved.modified) == ("à citer", ["chine"], ann.modified)
    # Also without the old text (no offset map): the exact quote is found.
    newer = reimport(conn, new, ["Encore un ajout."] + PARAGRAPHS, with_old_text=False)
    check_on_text(store.get_annotation(conn, ann.id), newer.text)


def test_text_inserted_inside_the_same_paragraph_before_the_passage(conn: sqlite3.Connection, doc: Document) -> None:
    ann = annotate(conn, doc, "des voies régulières")
    paragraphs = list(PARAGRAPHS)
    paragraphs[0] = "Ajout. " + paragraphs[0]
    new = reimport(conn, doc, paragraphs)
    moved = store.get_annotation(conn, ann.id)
    check_on_text(moved, new.text)
    assert moved.start == ann.start + len("Ajout. ")


def test_passage_itself_slightly_edited(conn: sqlite3.Connection, doc: Document) -> None:
    ann = annotate(conn, doc, "ont adopté une déclaration commune sur le retour volontaire")
    paragraphs = list(PARAGRAPHS)
    paragraphs[2] = paragraphs[2].replace("déclaration commune", "déclaration conjointe")
    new = reimport(conn, doc, paragraphs)
    moved = store.get_annotation(conn, ann.id)
    assert moved.status == "anchored"
    assert moved.quote == "ont adopté une déclaration conjointe sur le retour volontaire"
    assert new.text[moved.start : moved.end] == moved.quote


def test_short_passage_slightly_edited_with_its_context_intact(conn: sqlite3.Connection, doc: Document) -> None:
    ann = annotate(conn, doc, "États membres")
    paragraphs = list(PARAGRAPHS)
    paragraphs[0] = paragraphs[0].replace("États membres", "Etats membres")
    new = reimport(conn, doc, paragraphs)
    moved = store.get_annotation(conn, ann.id)
    assert moved.status == "anchored" and new.text[moved.start : moved.end] == "Etats membres"


def test_passage_deleted_becomes_orphaned_and_keeps_everything(conn: sqlite3.Connection, doc: Document) -> None:
    ann = annotate(conn, doc, "Les pays d'origine et de destination échangent leurs données.", note="clé", tags=["données"])
    keep = annotate(conn, doc, "gestion des frontières")
    paragraphs = list(PARAGRAPHS)
    paragraphs[1] = "La coopération régionale progresse en Asie du Sud-Est."
    new = reimport(conn, doc, paragraphs)
    lost = store.get_annotation(conn, ann.id)
    assert lost.status == "orphaned"
    assert (lost.quote, lost.note, lost.tags) == (ann.quote, "clé", ["données"])
    assert [a.id for a in store.list_annotations(conn, doc.id, status="orphaned")] == [ann.id]
    check_on_text(store.get_annotation(conn, keep.id), new.text)
    # The passage comes back in a later version: the orphan is placed again.
    back = reimport(conn, new, PARAGRAPHS)
    check_on_text(store.get_annotation(conn, ann.id), back.text)


def test_two_identical_quotes_each_stay_on_their_own(conn: sqlite3.Connection, doc: Document) -> None:
    quote = "La coopération régionale progresse en Asie du Sud-Est."
    first = annotate(conn, doc, quote, 1, color="green")
    second = annotate(conn, doc, quote, 2, color="pink")
    paragraphs = ["Introduction ajoutée.", *PARAGRAPHS]
    paragraphs[2] = "Texte nouveau. " + paragraphs[2]
    for with_old in (True, False):
        new = reimport(conn, doc, paragraphs, with_old_text=with_old)
        a, b = store.get_annotation(conn, first.id), store.get_annotation(conn, second.id)
        check_on_text(a, new.text)
        check_on_text(b, new.text)
        assert new.text.index(quote) == a.start and new.text.rindex(quote) == b.start
        doc = save(conn, PARAGRAPHS, doc_id=doc.id)
        anchoring.reanchor_french(conn, doc.id, new.text, doc.text)


# --- English side


def test_english_annotation_survives_retranslation_of_other_sentences(
    conn: sqlite3.Connection, doc: Document, english: EnglishSide
) -> None:
    last = max(english.sentence_spans)
    a, b = english.sentence_spans[last]
    start = english.text.index("une declaration", a)
    ann = store.create_annotation(conn, doc, "en", start, start + len("une declaration"), color="blue", english=english)
    # Earlier sentences get a new (longer) translation that contains the same words.
    tstore.put_mt(conn, "better-model@2", [(s.source_hash, "NEW une declaration, longer " * 2) for s in doc.sentences[:-1]])
    updated = tstore.english_side(conn, doc, "better-model@2")
    assert updated.text.index("une declaration") < updated.sentence_spans[last][0]
    report = anchoring.reanchor_english(conn, doc, "better-model@2")
    moved = store.get_annotation(conn, ann.id)
    assert moved.status == "anchored" and report.orphaned == []
    assert updated.text[moved.start : moved.end] == "une declaration"
    assert updated.sentence_spans[last][0] <= moved.start < updated.sentence_spans[last][1]
    assert (moved.sentence_first, moved.sentence_last) == (last, last)


def test_english_annotation_follows_a_post_edit_of_its_sentence(conn: sqlite3.Connection, doc: Document, english: EnglishSide) -> None:
    s = doc.sentences[1]
    a, b = english.sentence_spans[s.index]
    ann = store.create_annotation(conn, doc, "en", a, b, color="blue", english=english)
    edited = english.text[a:b].replace("partagee", "commune, partagee")
    tstore.set_post_edit(conn, doc.id, s.index, edited)
    anchoring.reanchor_english(conn, doc, MODEL)
    now = tstore.english_side(conn, doc, MODEL)
    moved = store.get_annotation(conn, ann.id)
    assert moved.status == "anchored" and moved.quote == edited
    assert now.text[moved.start : moved.end] == edited
    # Rewritten beyond recognition: orphaned, not dropped.
    tstore.set_post_edit(conn, doc.id, s.index, "Something else entirely, with no words in common at all.")
    report = anchoring.reanchor_english(conn, doc, MODEL)
    assert report.orphaned == [ann.id] and store.get_annotation(conn, ann.id).note == ann.note


def test_english_annotation_waits_while_its_sentence_is_untranslated(conn: sqlite3.Connection, doc: Document) -> None:
    english = translate(conn, doc, only={0, 1, 2})
    a, b = english.sentence_spans[1]
    ann = store.create_annotation(conn, doc, "en", a, b, color="blue", english=english)
    # Another model's translations do not exist yet for sentence 1 under a fresh library view.
    conn.execute("DELETE FROM mt_cache WHERE source_hash = ?", (doc.sentences[1].source_hash,))
    conn.commit()
    report = anchoring.reanchor_english(conn, doc, MODEL)
    assert report.skipped == 1 and store.get_annotation(conn, ann.id) == ann


# --- through operations.post_edit / translations_changed (what the CLI and the app call)


def test_post_edit_reanchors_english_notes_and_updates_search(conn: sqlite3.Connection, data_dir: Path, doc: Document) -> None:
    from desktop import operations
    from desktop.search import SearchIndex, search

    translate(conn, doc)
    operations.post_edit(conn, data_dir, doc.id, 1, "He said the timetable will not change.", model_id=MODEL)
    english = tstore.english_side(conn, doc, MODEL)
    start = english.text.index("timetable")
    timetable = store.create_annotation(conn, doc, "en", start, start + 9, color="blue", note="horaire", english=english)
    start = english.text.index("EN Le forum")
    later = store.create_annotation(conn, doc, "en", start, start + 11, color="green", english=english)

    # A longer post-edit of an EARLIER sentence moves the later note with its passage.
    change = operations.post_edit(conn, data_dir, doc.id, 0, "A much longer version of the very first sentence, " * 3, model_id=MODEL)
    english = tstore.english_side(conn, doc, MODEL)
    moved = store.get_annotation(conn, later.id)
    assert change.paragraphs == [0] and change.orphaned == []
    assert moved.start > later.start and english.text[moved.start : moved.end] == "EN Le forum"
    assert english.text[store.get_annotation(conn, timetable.id).start :].startswith("timetable")

    # Its own sentence rewritten without the quote: orphaned (kept), reported, not left in place.
    change = operations.post_edit(conn, data_dir, doc.id, 1, "He said the schedule stays.", model_id=MODEL)
    lost = store.get_annotation(conn, timetable.id)
    assert change.orphaned == [timetable.id] and lost.status == "orphaned" and lost.note == "horaire"
    # The search index follows the post-edit at once.
    index = SearchIndex.for_data_dir(data_dir)
    try:
        assert search(index, "schedule", lang="en").hits and not search(index, "timetable", lang="en").hits
    finally:
        index.close()

    # Back to the post-edit that has the quote: placed again; a revert orphans it again.
    change = operations.post_edit(conn, data_dir, doc.id, 1, "He said the timetable will not change.", model_id=MODEL)
    assert change.placed == [timetable.id] and store.get_annotation(conn, timetable.id).status == "anchored"
    change = operations.post_edit(conn, data_dir, doc.id, 1, None, model_id=MODEL)
    assert change.paragraphs == [0] and change.orphaned == [timetable.id]
    # Reverting a sentence that has no post-edit changes nothing.
    assert operations.post_edit(conn, data_dir, doc.id, 2, None, model_id=MODEL) == operations.EnglishChange([], None)


def test_new_machine_translation_reanchors_english_notes(conn: sqlite3.Connection, data_dir: Path, doc: Document, english: EnglishSide) -> None:
    from desktop import operations

    last = max(english.sentence_spans)
    start = english.text.index("une declaration")
    ann = store.create_annotation(conn, doc, "en", start, start + 15, color="blue", english=english)
    tstore.put_mt(conn, MODEL, [(s.source_hash, "Much longer NEW translation " * 4) for s in doc.sentences[:-1]])
    change = operations.translations_changed(conn, data_dir, doc.id, [0, 1, 2], MODEL)
    now = tstore.english_side(conn, doc, MODEL)
    moved = store.get_annotation(conn, ann.id)
    assert change.orphaned == [] and moved.start > ann.start
    assert now.text[moved.start : moved.end] == "une declaration" and moved.sentence_first == last


# --- through a real re-import of an edited file


def test_reimport_of_an_edited_file_moves_annotations(conn: sqlite3.Connection, data_dir: Path, tmp_path: Path) -> None:
    from desktop import config, operations
    from desktop.library import store as lstore

    path = tmp_path / "note.txt"
    path.write_text("\n\n".join(PARAGRAPHS), "utf-8")
    [outcome] = operations.import_files(conn, data_dir, [path], max_bytes=config.max_import_bytes())
    doc = lstore.get_document(conn, outcome.doc_id)
    english = translate(conn, doc)
    fr = annotate(conn, doc, "retour volontaire")
    gone = annotate(conn, doc, "échangent leurs données")
    start = english.text.index("EN Le forum")
    en = store.create_annotation(conn, doc, "en", start, start + 11, color="blue", english=english)
    path.write_text("\n\n".join(["Préambule ajouté au document."] + [p.replace(" échangent leurs données", "") for p in PARAGRAPHS]), "utf-8")
    [outcome] = operations.import_files(conn, data_dir, [path], max_bytes=config.max_import_bytes())
    assert outcome.status == "updated"
    new = lstore.get_document(conn, doc.id)
    check_on_text(store.get_annotation(conn, fr.id), new.text)
    assert store.get_annotation(conn, gone.id).status == "orphaned"
    # English side: its sentence kept its translation (same source sentence, cached).
    now = tstore.english_side(conn, new, MODEL)
    moved = store.get_annotation(conn, en.id)
    assert moved.status == "anchored" and now.text[moved.start : moved.end] == "EN Le forum"


# --- property: an edit elsewhere never moves an annotation off its passage

from hypothesis import assume, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

WORDS = st.sampled_from("le la des migration forum pacte région accord, partenariat. États membres retour".split())


@st.composite
def edited_texts(draw):
    paragraphs = draw(st.lists(st.lists(WORDS, min_size=3, max_size=25).map(" ".join), min_size=2, max_size=6))
    old = "\n\n".join(f"§{n} {p}" for n, p in enumerate(paragraphs))
    start = draw(st.integers(0, len(old) - 2))
    end = draw(st.integers(start + 1, min(len(old), start + 40)))
    # An insertion or deletion entirely before or after the annotated passage.
    before = draw(st.booleans())
    lo, hi = (0, start) if before else (end, len(old))
    at = draw(st.integers(lo, hi))
    assume(not (0 < at < len(old) and old[at - 1] == old[at] == "\n"))  # not inside a paragraph break
    cut = draw(st.integers(0, min(20, hi - at)))
    cut = min(cut, (old[at : at + cut] + "\n").index("\n"))  # paragraph breaks stay (as in a re-import)
    added = draw(st.lists(WORDS, max_size=6).map(" ".join))
    new = old[:at] + added + old[at + cut :]
    shift = (len(added) - cut) if before else 0
    return old, new, start, end, shift, len(added) + cut


@settings(max_examples=120, deadline=None, derandomize=True)
@given(edited_texts())
def test_an_edit_elsewhere_keeps_the_passage(case) -> None:
    old, new, start, end, shift, changed = case
    quote, prefix, suffix = old[start:end], old[max(0, start - 32) : start], old[end : end + 32]
    mapped = locate(new, quote, prefix, suffix, OffsetMap(old, new)(start))
    assert mapped is not None and new[mapped.start : mapped.end] == quote
    # Found where the map expects it; an edit touching the passage can be read two ways
    # ("ab" -> "abb": which b is new?), so the place may differ by at most the edit's size.
    assert mapped.kind == "position" and abs(mapped.start - (start + shift)) <= changed
    bare = locate(new, quote, prefix, suffix, start)
    assert bare is not None and new[bare.start : bare.end] == quote
