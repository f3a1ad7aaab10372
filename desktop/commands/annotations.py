"""`glose annotate`, `notes list|edit|delete|import`, `export`, `backup`, `restore`."""

from __future__ import annotations

import argparse
import json
from collections.abc import Iterable
from pathlib import Path

from desktop import operations
from desktop.annotations import backup, jsonld, store
from desktop.annotations.colours import COLORS, DEFAULT_COLOR
from desktop.annotations.exports import FORMATS, render_export, write_atomically
from desktop.annotations.selectors import QuoteNotFound, find_occurrence
from desktop.commands.context import CliContext
from desktop.library.models import Document
from desktop.library.store import get_document, resolve_document
from desktop.translation.store import EnglishSide, english_side



def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("annotate", help="highlight a passage of a document, with an optional note and tags")
    p.add_argument("doc", metavar="DOC", help="document id or unique title prefix")
    p.add_argument("--quote", required=True, metavar="TEXT", help="the exact text to highlight")
    p.add_argument("--side", choices=("fr", "en"), default="fr", help="French source (default) or English translation")
    p.add_argument("--occurrence", type=int, default=1, metavar="N", help="which occurrence of the quote (default 1)")
    p.add_argument("--color", choices=COLORS, default=DEFAULT_COLOR, help=f"highlight colour (default {DEFAULT_COLOR})")
    p.add_argument("--note", default="", metavar="TEXT", help="a note (plain text, light Markdown)")
    p.add_argument("--tag", action="append", default=[], metavar="T", help="a tag (repeat for several)")
    p.set_defaults(func=cmd_annotate)

    notes = sub.add_parser("notes", help="list, edit, delete or import annotations")
    nsub = notes.add_subparsers(dest="notes_command", metavar="ACTION", required=True)
    p = nsub.add_parser("list", help="list annotations")
    p.add_argument("--doc", metavar="DOC", help="only this document")
    p.add_argument("--orphaned", action="store_true", help="only those whose passage is no longer found")
    p.add_argument("--json", action="store_true", help="machine-readable output on stdout")
    p.set_defaults(func=cmd_notes_list)
    p = nsub.add_parser("edit", help="change an annotation's note, colour or tags")
    p.add_argument("id", metavar="ID", help="annotation id (a unique prefix is enough)")
    p.add_argument("--note", metavar="TEXT", help="the new note ('' clears it)")
    p.add_argument("--color", choices=COLORS)
    p.add_argument(
        "--tag", action="append", metavar="T",
        help="set the tags: replaces ALL existing tags (repeat --tag for several; --tag '' clears them)",
    )
    p.add_argument("--add-tag", action="append", default=[], metavar="T", help="add a tag, keeping the others (repeatable)")
    p.add_argument("--remove-tag", action="append", default=[], metavar="T", help="remove one tag, keeping the others (repeatable)")
    p.add_argument("--clear-tags", action="store_true", help="remove all tags")
    p.add_argument("--quote", metavar="TEXT", help="re-attach it to this passage (e.g. an orphaned note)")
    p.add_argument("--occurrence", type=int, default=1, metavar="N", help="with --quote: which occurrence (default 1)")
    p.set_defaults(func=cmd_notes_edit)
    p = nsub.add_parser("delete", help="delete an annotation")
    p.add_argument("id", metavar="ID")
    p.set_defaults(func=cmd_notes_delete)
    p = nsub.add_parser("import", help="import a W3C Web Annotation JSON-LD file (e.g. a colleague's export)")
    p.add_argument("file", metavar="FILE")
    p.set_defaults(func=cmd_notes_import)

    p = sub.add_parser(
        "export",
        help="export notes (md, csv, jsonld), aligned sentences (tmx, xliff) or a whole document with its "
        "structure (bilingual-md, english-md)",
    )
    p.add_argument("doc", nargs="?", metavar="DOC", help="document id or unique title prefix")
    p.add_argument("--all", action="store_true", help="every document")
    p.add_argument("--format", required=True, choices=FORMATS)
    p.add_argument("-o", "--output", metavar="FILE", help="write to FILE (default: standard output)")
    p.add_argument("--highlighted-only", action="store_true", help="tmx/xliff: only sentences under highlights")
    p.set_defaults(func=cmd_export)

    p = sub.add_parser("backup", help="back up the library database now (kept: the last 7)")
    p.add_argument("--list", action="store_true", help="list the backups instead")
    p.set_defaults(func=cmd_backup)
    p = sub.add_parser("restore", help="replace the library with a backup (the current one is kept aside)")
    p.add_argument("file", metavar="FILE")
    p.set_defaults(func=cmd_restore)


def current_model_id() -> str | None:
    """The installed French->English model's id, or None (then the newest translations show)."""
    try:
        from desktop.translation.packages import find_model
    except ImportError:
        return None
    try:
        info = find_model()
    except (OSError, ValueError, LookupError):
        return None
    return getattr(info, "model_id", None)


def reindex(ctx: CliContext, anns: Iterable[store.Annotation]) -> None:
    """Refresh the search index for the paragraphs these annotations touch (derived data)."""
    by_doc: dict[int, list[store.Annotation]] = {}
    for ann in anns:
        by_doc.setdefault(ann.doc_id, []).append(ann)
    for doc_id, group in by_doc.items():
        doc = get_document(ctx.conn, doc_id)
        english = english_side(ctx.conn, doc, current_model_id()) if any(a.side == "en" for a in group) else None
        paragraphs = sorted({p for a in group for p in store.annotation_paragraphs(doc, a, english)})
        if paragraphs:
            operations.reindex_paragraphs(ctx.conn, ctx.data_dir, doc_id, paragraphs)


def _side(ctx: CliContext, doc_id: int, side: str) -> tuple[Document, EnglishSide | None, str]:
    """A document, its English side when `side` is "en", and that side's text."""
    doc = get_document(ctx.conn, doc_id)
    if side != "en":
        return doc, None, doc.text
    english = english_side(ctx.conn, doc, current_model_id())
    if not english.text.strip():
        raise LookupError(f"document {doc.id} has no English translation yet; translate it first")
    return doc, english, english.text


def _find(text: str, quote: str, occurrence: int, doc_id: int, side: str) -> tuple[int, int]:
    try:
        return find_occurrence(text, quote, occurrence)
    except QuoteNotFound as exc:
        where = f"the {'English translation' if side == 'en' else 'French text'} of document {doc_id}"
        hint = f"copy it character for character from `glose show {doc_id}`"
        raise LookupError(exc.describe(where, hint)) from None


def cmd_annotate(args: argparse.Namespace, ctx: CliContext) -> int:
    doc, english, text = _side(ctx, resolve_document(ctx.conn, args.doc), args.side)
    start, end = _find(text, args.quote, args.occurrence, doc.id, args.side)
    ann = store.create_annotation(
        ctx.conn, doc, args.side, start, end, color=args.color, note=args.note, tags=args.tag, english=english
    )
    reindex(ctx, [ann])
    print(ann.id, file=ctx.out)
    return 0


def _line(ann: store.Annotation, waiting: bool = False) -> str:
    quote = " ".join(ann.quote.split())
    quote = quote if len(quote) <= 60 else quote[:57] + "..."
    mark = "  WAITING FOR TRANSLATION" if waiting else "  ORPHANED" if ann.status == store.ORPHANED else ""
    head = f"{ann.id[:8]}  doc {ann.doc_id:<3} {ann.side}  {ann.color:<6}  \u201c{quote}\u201d{mark}"
    extra = []
    if ann.note:
        first = ann.note.strip().splitlines()[0]
        extra.append("note: " + (first if len(first) <= 70 else first[:67] + "..."))
    if ann.tags:
        extra.append("tags: " + ", ".join(ann.tags))
    return head + "".join(f"\n          {e}" for e in extra)


def cmd_notes_list(args: argparse.Namespace, ctx: CliContext) -> int:
    doc_id = resolve_document(ctx.conn, args.doc) if args.doc else None
    anns = store.list_annotations(ctx.conn, doc_id, status=store.ORPHANED if args.orphaned else None)
    if args.json:
        json.dump([a.as_json() for a in anns], ctx.out, ensure_ascii=False, indent=2)
        ctx.out.write("\n")
        return 0
    if not anns:
        what = "orphaned annotations" if args.orphaned else "annotations"
        print(f"No {what}" + (f" on document {doc_id}." if doc_id else "."), file=ctx.out)
        return 0
    anchored = [a for a in anns if a.status == store.ANCHORED]
    orphaned = [a for a in anns if a.status == store.ORPHANED]
    waiting = _waiting_for_translation(ctx, orphaned)
    orphaned = [a for a in orphaned if a.id not in waiting]
    for ann in anchored:
        print(_line(ann), file=ctx.out)
    groups = (
        (sorted(waiting.values(), key=lambda a: (a.doc_id, a.start)),
         "Waiting for the English translation ({n}): placed once `glose translate DOC` has translated their sentences"),
        (orphaned, "Orphaned ({n}): their passage is no longer in the text; re-attach them in the app or delete them"),
    )
    shown = bool(anchored)
    for group, title in groups:
        if not group:
            continue
        if shown:
            print(file=ctx.out)
        shown = True
        print(title.format(n=len(group)), file=ctx.out)
        for ann in group:
            print(_line(ann, ann.id in waiting), file=ctx.out)
    return 0


def _waiting_for_translation(ctx: CliContext, orphaned: list[store.Annotation]) -> dict[str, store.Annotation]:
    """The orphaned English-side annotations that are only waiting for their document's translation."""
    from desktop.annotations.anchoring import waiting_for_translation

    out: dict[str, store.Annotation] = {}
    model_id = current_model_id()
    for doc_id in sorted({a.doc_id for a in orphaned if a.side == "en"}):
        english = english_side(ctx.conn, get_document(ctx.conn, doc_id), model_id)
        out.update((a.id, a) for a in orphaned if a.doc_id == doc_id and waiting_for_translation(a, english))
    return out


def cmd_notes_edit(args: argparse.Namespace, ctx: CliContext) -> int:
    ann = store.find_annotation(ctx.conn, args.id)
    tags = [] if args.clear_tags else args.tag
    if args.add_tag or args.remove_tag:
        removed = {t.casefold() for t in store.normalize_tags(args.remove_tag)}
        kept = [t for t in (ann.tags if tags is None else tags) if t.casefold() not in removed]
        tags = [*kept, *args.add_tag]
    if args.note is None and args.color is None and tags is None and args.quote is None:
        print("glose: nothing to change: give --note, --color, --tag, --add-tag, --remove-tag, --clear-tags or --quote", file=ctx.err)
        return 2
    touched = [ann]
    if args.quote is not None:
        doc, english, text = _side(ctx, ann.doc_id, ann.side)
        start, end = _find(text, args.quote, args.occurrence, doc.id, ann.side)
        ann = store.reattach_annotation(ctx.conn, ann.id, doc, start, end, english=english)
    new = store.update_annotation(ctx.conn, ann.id, note=args.note, color=args.color, tags=tags)
    reindex(ctx, [*touched, new])
    print(f"updated: {new.id}", file=ctx.out)
    return 0


def cmd_notes_delete(args: argparse.Namespace, ctx: CliContext) -> int:
    ann = store.delete_annotation(ctx.conn, store.find_annotation(ctx.conn, args.id).id)
    reindex(ctx, [ann])
    print(f"deleted: {ann.id}", file=ctx.out)
    return 0


def cmd_notes_import(args: argparse.Namespace, ctx: CliContext) -> int:
    path = Path(args.file).expanduser()
    data = jsonld.read_file(path)
    try:
        report = jsonld.import_jsonld(ctx.conn, data, model_id=current_model_id())
    except ValueError as exc:
        raise ValueError(f"{path}: {exc}") from None
    reindex(ctx, report.touched)
    print(f"{path}: {report.summary()}", file=ctx.out)
    for reason in report.skipped:
        print(f"skipped: {reason}", file=ctx.err)
    return 1 if report.skipped else 0


def _documents(ctx: CliContext, args: argparse.Namespace) -> list[int]:
    if args.all == bool(args.doc):
        raise ValueError("name one document (DOC) or pass --all")
    if args.doc:
        return [resolve_document(ctx.conn, args.doc)]
    rows = ctx.conn.execute("SELECT id FROM documents ORDER BY title COLLATE NOCASE, id").fetchall()
    if args.format in ("md", "csv", "jsonld"):
        noted = {r[0] for r in ctx.conn.execute("SELECT DISTINCT doc_id FROM annotations")}
        return [r[0] for r in rows if r[0] in noted]
    return [r[0] for r in rows]


def _warn_untranslated(ctx: CliContext, doc_ids: list[int], model_id: str | None) -> None:
    """TMX holds translated pairs only: say on stderr which documents lack a translation."""
    from desktop.translation.store import translation_progress

    for doc_id in doc_ids:
        doc = get_document(ctx.conn, doc_id)
        done, total = translation_progress(ctx.conn, doc, model_id)
        if total and not done:
            print(f"glose: document {doc.id} ({doc.title}): no translated sentences yet, so no pairs to export: "
                  f"run `glose translate {doc.id}`", file=ctx.err)
        elif done < total:
            print(f"glose: document {doc.id} ({doc.title}): {total - done} of {total} sentences are not translated "
                  f"yet and are left out: run `glose translate {doc.id}`", file=ctx.err)


def _warn_left_in_french(ctx: CliContext, fmt: str, doc_ids: list[int], model_id: str | None) -> None:
    """A document export keeps an untranslated sentence in French: say how many on stderr."""
    from desktop.annotations.exports import DOCUMENT_FORMATS
    from desktop.translation.store import translation_progress

    if fmt not in DOCUMENT_FORMATS or len(doc_ids) != 1:
        return
    doc = get_document(ctx.conn, doc_ids[0])
    done, total = translation_progress(ctx.conn, doc, model_id)
    if done < total:
        print(f"glose: document {doc.id} ({doc.title}): {total - done} of {total} sentences are not translated "
              f"yet and stay in French: run `glose translate {doc.id}`", file=ctx.err)


def cmd_export(args: argparse.Namespace, ctx: CliContext) -> int:
    doc_ids = _documents(ctx, args)
    if not doc_ids:
        print("glose: no document has annotations to export", file=ctx.err)
        return 1
    model_id = current_model_id()
    if args.format == "tmx":
        _warn_untranslated(ctx, doc_ids, model_id)
    _warn_left_in_french(ctx, args.format, doc_ids, model_id)
    text = render_export(ctx.conn, doc_ids, args.format, model_id=model_id, highlighted_only=args.highlighted_only)
    if args.output:
        write_atomically(Path(args.output), text)
        print(f"exported: {args.output}", file=ctx.err)
    else:
        ctx.out.write(text)
    return 0


def cmd_backup(args: argparse.Namespace, ctx: CliContext) -> int:
    if args.list:
        found = backup.list_backups(ctx.data_dir)
        if not found:
            print("No backups yet: `glose backup` makes one.", file=ctx.out)
        for path in found:
            print(path, file=ctx.out)
        kept = backup.list_kept(ctx.data_dir)
        if kept:
            print("Libraries kept before a restore (`glose restore FILE` brings one back):", file=ctx.out)
        for path in kept:
            print(path, file=ctx.out)
        return 0
    try:
        path = backup.backup_now(ctx.data_dir)
    except backup.BackupError as exc:
        print(f"glose: {exc}", file=ctx.err)
        return 1
    print(path, file=ctx.out)
    return 0


def cmd_restore(args: argparse.Namespace, ctx: CliContext) -> int:
    ctx.close()  # the restore writes the database itself
    try:
        aside = operations.restore_backup(ctx.data_dir, Path(args.file))
    except backup.BackupError as exc:
        print(f"glose: {exc}", file=ctx.err)
        return 1
    print(f"restored: {args.file}", file=ctx.out)
    if aside is not None:
        print(f"the previous library was kept as {aside}", file=ctx.out)
    # The search index described the replaced library: rebuild it now, so the restored
    # documents are found at once (if this fails, it stays marked stale and `glose search` rebuilds it).
    try:
        operations.ensure_index(ctx.conn, ctx.data_dir, ctx.progress)
    except Exception as exc:  # derived data: the restore itself is done
        print(f"glose: the search index could not be rebuilt now ({exc}); `glose reindex` or the next search rebuilds it", file=ctx.err)
    else:
        print("search index rebuilt", file=ctx.out)
    return 0
