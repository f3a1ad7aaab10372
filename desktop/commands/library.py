"""`glose import`, `list`, `show`, `remove`: the library from the command line."""

from __future__ import annotations

import argparse
import json
from typing import Any

from desktop import config, operations
from desktop.commands.context import CliContext
from desktop.library import store
from desktop.library.importer import REFUSED
from desktop.library.importers import SUPPORTED_EXTENSIONS
from desktop.library.language import language_name, needs_translation
from desktop.library.models import Structure
from desktop.library.reading import AUTO, OCR_MODES, ReadOptions


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("import", help="import files or folders (recursively) into the library")
    p.add_argument("paths", nargs="+", metavar="PATH")
    p.add_argument(
        "--ocr",
        choices=OCR_MODES,
        default=AUTO,
        help="read scanned pages with Tesseract: auto (pages without usable text, the default), "
        "always (every page of a PDF), never",
    )
    p.set_defaults(func=cmd_import)

    p = sub.add_parser("reimport", help="read documents again from their source files with the current importers")
    p.add_argument("docs", nargs="*", metavar="DOC", help="document ids or unique title prefixes")
    p.add_argument("--outdated", action="store_true", help="every document read by an older importer (the default)")
    p.set_defaults(func=cmd_reimport)

    p = sub.add_parser("list", help="list the documents in the library")
    p.add_argument("--json", action="store_true", help="machine-readable output on stdout")
    p.set_defaults(func=cmd_list)

    p = sub.add_parser("show", help="show a document's paragraphs and sentences")
    p.add_argument("doc", metavar="DOC", help="document id or unique title prefix")
    p.add_argument("--json", action="store_true", help="machine-readable output on stdout")
    p.set_defaults(func=cmd_show)

    p = sub.add_parser("language", help="show a document's language, or correct it (decides whether it is translated)")
    p.add_argument("doc", metavar="DOC", help="document id or unique title prefix")
    p.add_argument("code", metavar="CODE", nargs="?", help="the right language code (fr, en, es, ...)")
    p.set_defaults(func=cmd_language)

    p = sub.add_parser("remove", help="remove a document from the library")
    p.add_argument("doc", metavar="DOC", help="document id or unique title prefix")
    p.add_argument("--force", action="store_true", help="also when it carries notes or corrections")
    p.set_defaults(func=cmd_remove)


def cmd_import(args: argparse.Namespace, ctx: CliContext) -> int:
    outcomes = operations.import_files(
        ctx.conn,
        ctx.data_dir,
        args.paths,
        max_bytes=config.max_import_bytes(),
        progress=ctx.progress,
        options=ReadOptions(ocr=args.ocr),
    )
    _print_outcomes(ctx, outcomes)
    if not outcomes:
        supported = " ".join(sorted(SUPPORTED_EXTENSIONS))
        print(f"glose: no importable files found (supported: {supported})", file=ctx.err)
        return 1
    return 1 if any(o.status == REFUSED for o in outcomes) else 0


def _print_outcomes(ctx: CliContext, outcomes: list) -> None:
    for outcome in outcomes:
        print(outcome.line(), file=ctx.out)
        for warning in outcome.warnings:
            print(f"  warning: {warning}", file=ctx.out)


def cmd_reimport(args: argparse.Namespace, ctx: CliContext) -> int:
    """After an upgrade: documents imported by an older importer are read again (notes re-anchored)."""
    ids = [store.resolve_document(ctx.conn, ref) for ref in args.docs] or operations.outdated_documents(ctx.conn)
    if not ids:
        print("Every document was read by the current importers: nothing to re-import.", file=ctx.out)
        return 0
    outcomes = operations.reimport_documents(
        ctx.conn, ctx.data_dir, ids, max_bytes=config.max_import_bytes(), progress=ctx.progress
    )
    _print_outcomes(ctx, outcomes)
    return 0


def cmd_list(args: argparse.Namespace, ctx: CliContext) -> int:
    docs = store.list_documents(ctx.conn)
    if args.json:
        json.dump([d.as_json() for d in docs], ctx.out, ensure_ascii=False, indent=2)
        ctx.out.write("\n")
        return 0
    if not docs:
        print("The library is empty: `glose import PATH` adds documents.", file=ctx.out)
        return 0
    for d in docs:
        done = f"{d.translated:>4}/{d.sentences:<4} sentences translated" if needs_translation(d.language) else f"{'already ' + language_name(d.language):<29}"
        print(f"{d.id:>4}  {d.language}  {done}  {d.title}", file=ctx.out)
    return 0


def cmd_language(args: argparse.Namespace, ctx: CliContext) -> int:
    doc_id = store.resolve_document(ctx.conn, args.doc)
    if args.code is not None:
        store.set_language(ctx.conn, doc_id, args.code)
    code = store.get_document(ctx.conn, doc_id).language
    what = "translated into English" if needs_translation(code) else "shown as it is, not translated"
    print(f"{code} ({language_name(code)}): {what}", file=ctx.out)
    if args.code is None:
        print(f"correct it with `glose language {doc_id} CODE` (fr, en, es, ...)", file=ctx.out)
    return 0


def document_json(ctx: CliContext, doc_id: int) -> dict[str, Any]:
    conn = ctx.conn
    doc = store.get_document(conn, doc_id)
    sentence_extra = _sentence_extras(conn, doc)
    paragraphs = []
    for p in doc.paragraphs:
        sentences = []
        for s in doc.sentences_of(p.index):
            item: dict[str, Any] = {"index": s.index, "start": s.start, "end": s.end, "text": doc.sentence_text(s)}
            item.update(sentence_extra.get(s.index, {}))
            sentences.append(item)
        paragraphs.append(
            {
                "index": p.index,
                "kind": p.kind,
                **structure_json(p.structure),
                "start": p.start,
                "end": p.end,
                "text": doc.paragraph_text(p),
                "sentences": sentences,
            }
        )
    return {
        "id": doc.id,
        "title": doc.title,
        "language": doc.language,
        "format": doc.format,
        "info": doc.info,
        "importer_version": doc.importer_version,
        "paragraphs": paragraphs,
    }


def structure_json(st: Structure) -> dict[str, Any]:
    """A paragraph's structure fields for `show --json` (page: the label to cite, or null)."""
    return {
        "level": st.level,
        "marker": st.marker,
        "depth": st.depth,
        "group": st.group,
        "row": st.row,
        "col": st.col,
        "page": st.shown_page or None,
        "page_index": st.page or None,
        "attrs": dict(st.attrs),
    }


def _paragraph_heading(p: dict[str, Any]) -> str:
    """`[3] list_item 1. (p. 12)`: what `glose show` prints above a paragraph's sentences."""
    words = [f"[{p['index']}]", p["kind"]]
    if p["kind"] == "heading":
        words.append(f"h{p['level']}")
    if p["marker"]:
        words.append(p["marker"])
    if p["kind"] == "table_cell":
        words.append(f"table {p['group']} row {p['row'] + 1} col {p['col'] + 1}")
    if p["page"]:
        words.append(f"(p. {p['page']})")
    return " ".join(words)


def _sentence_extras(conn: Any, doc: Any) -> dict[int, dict[str, Any]]:
    """Per-sentence fields contributed by other areas (translations)."""
    from desktop.translation.sentence_info import sentence_json_fields

    return sentence_json_fields(conn, doc)


def cmd_show(args: argparse.Namespace, ctx: CliContext) -> int:
    doc_id = store.resolve_document(ctx.conn, args.doc)
    data = document_json(ctx, doc_id)
    if args.json:
        json.dump(data, ctx.out, ensure_ascii=False, indent=2)
        ctx.out.write("\n")
        return 0
    print(f"# {data['title']}  (id {data['id']}, {data['language']})", file=ctx.out)
    for p in data["paragraphs"]:
        print(f"\n{_paragraph_heading(p)}", file=ctx.out)
        for s in p["sentences"]:
            print(f"  {s['index']:>4}  {s['text']}", file=ctx.out)
            if s.get("translation"):
                mark = "*" if s.get("translation_source") == "human" else " "
                print(f"     {mark} {s['translation']}", file=ctx.out)
            elif s.get("translation_error"):
                print(f"     ! not translated: {s['translation_error']}", file=ctx.out)
    return 0


def cmd_remove(args: argparse.Namespace, ctx: CliContext) -> int:
    doc_id = store.resolve_document(ctx.conn, args.doc)
    notes, edits = store.user_work(ctx.conn, doc_id)
    if (notes or edits) and not args.force:
        print(
            f"glose: document {doc_id} carries {notes} note(s) and {edits} corrected sentence(s); "
            "export them first (`glose export`) or pass --force to remove them too",
            file=ctx.err,
        )
        return 1
    operations.remove_document(ctx.conn, ctx.data_dir, doc_id)
    print(f"removed: {doc_id}", file=ctx.out)
    return 0
