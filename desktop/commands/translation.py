"""CLI: `glose models ...`, `glose translate`, `glose post-edit`, `glose alternatives`, `glose glossary ...`."""

from __future__ import annotations

import argparse
import json
import re
from typing import Any

from desktop.commands import server as server_cli
from desktop.commands.context import CliContext
from desktop.library import store as library
from desktop.library.language import language_name, needs_translation
from desktop.translation import alternatives, confidence, glossary, jobs, packages, review
from desktop.translation.backend import BackendUnavailable
from desktop.translation import store as tstore

FROM, TO = "fr", "en"


def register(sub: argparse._SubParsersAction) -> None:
    models = sub.add_parser("models", help="list, install, download or remove translation models")
    msub = models.add_subparsers(dest="models_command", metavar="ACTION", required=True)
    p = msub.add_parser("list", help="installed models (pair, version, size)")
    p.add_argument("--json", action="store_true", help="machine-readable output on stdout")
    p.set_defaults(func=cmd_models_list)
    p = msub.add_parser("install", help="install a .argosmodel file (works offline)")
    p.add_argument("file", metavar="FILE")
    p.set_defaults(func=cmd_models_install)
    p = msub.add_parser("download", help="download a model from the Argos index (needs the network)")
    p.add_argument("from_code", metavar="FROM")
    p.add_argument("to_code", metavar="TO")
    p.add_argument("--index", metavar="URL", help="package index URL (default: $ARGOS_PACKAGE_INDEX or Argos's)")
    p.set_defaults(func=cmd_models_download)
    p = msub.add_parser("remove", help="remove an installed model")
    p.add_argument("name", metavar="NAME", help="e.g. translate-fr_en (see `glose models list`)")
    p.set_defaults(func=cmd_models_remove)

    p = sub.add_parser("translate", help="translate documents (only what is not translated yet)")
    p.add_argument("docs", nargs="*", metavar="DOC", help="document id or unique title prefix")
    p.add_argument("--all", action="store_true", help="every document in the library")
    p.add_argument("--retry-failed", action="store_true", help="try again the sentences the model could not translate")
    p.add_argument("--word-scores", action="store_true", help="also score each word's confidence (about 25-30%% more CPU)")
    server_cli.add_translate_options(p)
    p.set_defaults(func=cmd_translate)

    p = sub.add_parser("post-edit", help="set your own translation of a sentence (or --revert to MT)")
    p.add_argument("doc", metavar="DOC")
    p.add_argument("sentence", metavar="SENTENCE_INDEX", type=int)
    p.add_argument("text", metavar="TEXT", nargs="?")
    p.add_argument("--revert", action="store_true", help="drop your translation; the machine's shows again")
    p.set_defaults(func=cmd_post_edit)

    p = sub.add_parser("review", help="mark sentences as reviewed (you accept the machine translation), or show progress")
    p.add_argument("doc", metavar="DOC")
    p.add_argument("sentences", metavar="SENTENCE_INDEX", type=int, nargs="*", help="none: print the review progress")
    p.add_argument("--undo", action="store_true", help="back to machine translation status")
    p.add_argument("--json", action="store_true", help="progress as JSON on stdout")
    p.set_defaults(func=cmd_review)

    p = sub.add_parser("alternatives", help="the model's n best translations of one sentence, or from one word on")
    p.add_argument("doc", metavar="DOC")
    p.add_argument("sentence", metavar="SENTENCE_INDEX", type=int)
    p.add_argument("-n", type=_alternatives_count, default=4, help=f"how many, 1 to {MAX_ALTERNATIVES} (default 4)")
    p.add_argument("--word", type=int, metavar="N", help="from the English sentence's Nth word (counting from 1) on")
    p.add_argument("--json", action="store_true", help="machine-readable output on stdout")
    p.set_defaults(func=cmd_alternatives)

    g = sub.add_parser("glossary", help="your French→English terms, checked after translation")
    gsub = g.add_subparsers(dest="glossary_command", metavar="ACTION", required=True)
    p = gsub.add_parser("list", help="all entries")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_glossary_list)
    p = gsub.add_parser("add", help="add an entry")
    p.add_argument("source", metavar="FRENCH")
    p.add_argument("target", metavar="ENGLISH")
    p.add_argument("--note", default="")
    p.set_defaults(func=cmd_glossary_add)
    p = gsub.add_parser("remove", help="remove an entry by id")
    p.add_argument("id", type=int)
    p.set_defaults(func=cmd_glossary_remove)
    p = gsub.add_parser("check", help="sentences whose translation lacks a glossary term")
    p.add_argument("doc", metavar="DOC")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_glossary_check)


def _size(n: int) -> str:
    return f"{n / 1024**2:.1f} MB" if n >= 1024**2 else f"{n / 1024:.0f} KB"


def _model_json(m: packages.ModelInfo) -> dict[str, Any]:
    return {
        "name": m.name,
        "from": m.from_code,
        "to": m.to_code,
        "version": m.version,
        "size_bytes": m.size_bytes,
        "path": str(m.path),
        "model_id": m.model_id,
    }


def cmd_models_list(args: argparse.Namespace, ctx: CliContext) -> int:
    models = packages.installed_models()
    if args.json:
        json.dump([_model_json(m) for m in models] + server_cli.server_models(ctx), ctx.out, ensure_ascii=False, indent=2)
        ctx.out.write("\n")
        return 0
    if not models:
        print(f"no models installed in {packages.default_packages_dir()}", file=ctx.out)
        print(packages.missing_model_message(FROM, TO), file=ctx.out)
    for m in models:
        print(f"{m.name:<18} {m.from_code}→{m.to_code}  {m.version:<8} {_size(m.size_bytes):>9}  {m.path}", file=ctx.out)
    for s in server_cli.server_models(ctx):  # the configured LibreTranslate server's languages
        print(f"{s['name']:<18} {s['from']}→{s['to']}  {'server':<8} {'':>9}  {s['server']}", file=ctx.out)
    return 0


def _fail(ctx: CliContext, exc: Exception) -> int:
    print(f"glose: {exc}", file=ctx.err)
    return 1


def cmd_models_install(args: argparse.Namespace, ctx: CliContext) -> int:
    try:
        outcome = packages.install_model(args.file)
    except packages.ModelError as exc:
        return _fail(ctx, exc)
    return _report_install(ctx, outcome)


def _report_install(ctx: CliContext, outcome: packages.InstallOutcome) -> int:
    """One line for an install, from a file or a download."""
    m = outcome.model
    if outcome.action == "unchanged":
        print(f"{m.name} {m.version} is already installed ({m.path})", file=ctx.out)
    elif outcome.action == "upgraded":
        print(f"upgraded {m.name} {', '.join(outcome.replaced)} → {m.version} ({m.path})", file=ctx.out)
    else:
        print(f"installed {m.name} {m.version} ({m.path})", file=ctx.out)
    return 0


def cmd_models_download(args: argparse.Namespace, ctx: CliContext) -> int:
    try:
        outcome = packages.download_model(
            args.from_code, args.to_code, progress=ctx.progress, index_url=args.index
        )
    except packages.ModelError as exc:
        return _fail(ctx, exc)
    return _report_install(ctx, outcome)


def cmd_models_remove(args: argparse.Namespace, ctx: CliContext) -> int:
    try:
        removed = packages.remove_model(args.name)
    except packages.ModelError as exc:
        return _fail(ctx, exc)
    for m in removed:
        print(f"removed {m.name} {m.version} ({m.path})", file=ctx.out)
    return 0


def _engine(ctx: CliContext):
    from desktop.translation.engine import load_engine

    return load_engine(packages.require_model(FROM, TO))


def _report_orphans(ctx: CliContext, change: Any) -> None:
    """Say when re-anchoring after a change of the English lost some notes' passages."""
    if change.orphaned:
        print(f"glose: {len(change.orphaned)} English-side note(s) no longer find their passage; see `glose notes list --orphaned`", file=ctx.err)
    if change.placed:
        print(f"{len(change.placed)} English-side note(s) placed on the new translation", file=ctx.err)


def cmd_translate(args: argparse.Namespace, ctx: CliContext) -> int:
    from desktop import operations

    conn = ctx.conn
    if args.all:
        doc_ids = [d.id for d in library.list_documents(conn)]
    elif args.docs:
        doc_ids = [library.resolve_document(conn, ref) for ref in args.docs]
    else:
        print("glose: name the documents to translate, or pass --all", file=ctx.err)
        return 2
    try:
        engine = server_cli.translate_backend(args, ctx)  # --server / the stored server / local
        if engine is None:
            engine = _engine(ctx)
    except (packages.ModelError, BackendUnavailable) as exc:
        return _fail(ctx, exc)
    if not doc_ids:
        print("the library is empty: nothing to translate", file=ctx.out)
        return 0
    docs = {doc_id: library.get_document(conn, doc_id) for doc_id in doc_ids}
    label = docs[doc_ids[0]].title[:40] if len(doc_ids) == 1 else f"{len(doc_ids)} documents"
    # One job for all: sentences of several documents share CTranslate2 batches.
    results = jobs.translate_documents(
        conn, list(docs), engine, progress=lambda done, total: ctx.progress(done, total, label),
        bulk=True, retry_failed=args.retry_failed,
    )
    # Confidence per word for what has none yet (new translations, and libraries translated
    # before scores were kept): one pass after the text, every replica busy. The sentence's
    # confidence comes free with its translation.
    if args.word_scores and not (results and results[0].stopped):
        confidence.score_pending(
            conn, engine, doc_ids=list(docs), progress=lambda done, total: ctx.progress(done, total, "confidence scores")
        )
    for result in results:
        doc = docs[result.doc_id]
        if not needs_translation(doc.language):  # issue 17 item 4
            print(f"{doc.id}: {doc.title}: already in {language_name(doc.language)}: not translated "
                  f"(`glose language {doc.id} fr` if it is French)", file=ctx.out)
            continue
        # Re-anchors English-side notes on the new English, then refreshes the search index.
        _report_orphans(ctx, operations.translations_changed(conn, ctx.data_dir, doc.id, result.changed_paragraphs, engine.model_id))
        flags = glossary.flag_sentences(conn, doc, tstore.sentence_translations(conn, doc, engine.model_id))
        note = f", {len(flags)} sentence(s) flagged by the glossary" if flags else ""
        if result.failed:
            note += f", {result.failed} could not be translated"
        print(f"{doc.id}: {doc.title}: {result.translated} translated, {result.already} already done{note}", file=ctx.out)
    failed = [r for r in results if r.failed]
    if failed:
        docs_list = " ".join(str(r.doc_id) for r in failed)
        print(
            f"glose: {sum(r.failed for r in failed)} sentence(s) could not be translated; "
            f"`glose show DOC` says why, `glose translate --retry-failed {docs_list}` tries them again",
            file=ctx.err,
        )
    if results and results[0].stopped:
        # What was translated is committed; the same command goes on from there.
        print(f"glose: translation stopped: {results[0].stopped}; run the command again to go on", file=ctx.err)
        return 1
    return 0


def cmd_post_edit(args: argparse.Namespace, ctx: CliContext) -> int:
    conn = ctx.conn
    doc_id = library.resolve_document(conn, args.doc)
    if not args.revert and args.text is None:
        print("glose: give the TEXT of your translation, or --revert", file=ctx.err)
        return 2
    from desktop import operations

    model = packages.find_model(FROM, TO)
    # Saves (or reverts), re-anchors English-side notes, refreshes the search index.
    change = operations.post_edit(
        conn, ctx.data_dir, doc_id, args.sentence, None if args.revert else args.text,
        model_id=model.model_id if model else None,
    )
    if args.revert:
        done = change.reanchor is not None
        print(f"sentence {args.sentence}: " + ("back to machine translation" if done else "had no post-edit"), file=ctx.out)
    else:
        print(f"sentence {args.sentence}: saved your translation", file=ctx.out)
        server_cli.report_suggestion(ctx, doc_id, args.sentence, args.text)
    _report_orphans(ctx, change)
    return 0


def cmd_alternatives(args: argparse.Namespace, ctx: CliContext) -> int:
    conn = ctx.conn
    doc = library.get_document(conn, library.resolve_document(conn, args.doc))
    matches = [s for s in doc.sentences if s.index == args.sentence]
    if not matches:
        raise LookupError(f"document {doc.id} has no sentence {args.sentence} (it has {len(doc.sentences)})")
    try:
        # A sentence's n best from the configured server (LibreTranslate has no word-level ones).
        engine = (server_cli.translate_backend(args, ctx) if args.word is None else None) or _engine(ctx)
    except (packages.ModelError, BackendUnavailable) as exc:
        return _fail(ctx, exc)
    n = max(1, min(args.n, engine.limits.max_alternatives))
    if args.word is None:
        alts = alternatives.sentence_alternatives(conn, engine, doc, args.sentence, n=n)
    else:
        shown = tstore.sentence_translations(conn, doc, engine.model_id).get(args.sentence)
        words = list(re.finditer(r"\S+", shown.text)) if shown else []
        if not 1 <= args.word <= len(words):
            print(f"glose: sentence {args.sentence} has {len(words)} English word(s); --word counts from 1", file=ctx.err)
            return 2
        found = alternatives.word_alternatives(conn, engine, doc, args.sentence, words[args.word - 1].start(), n)
        alts = [a.text for a in found]
    if args.json:
        json.dump(alts, ctx.out, ensure_ascii=False, indent=2)
        ctx.out.write("\n")
    else:
        for i, a in enumerate(alts, 1):
            print(f"{i}. {a}", file=ctx.out)
    return 0


MAX_ALTERNATIVES = 8  # as the engines' own limit (engine.limits.max_alternatives)


def _alternatives_count(text: str) -> int:
    try:
        n = int(text)
    except ValueError:
        n = 0
    if not 1 <= n <= MAX_ALTERNATIVES:
        raise argparse.ArgumentTypeError(f"{text!r}: give a number from 1 to {MAX_ALTERNATIVES}")
    return n


def cmd_review(args: argparse.Namespace, ctx: CliContext) -> int:
    conn = ctx.conn
    doc = library.get_document(conn, library.resolve_document(conn, args.doc))
    model = packages.find_model(FROM, TO)
    model_id = model.model_id if model else None
    for index in args.sentences:
        if args.undo:
            changed = review.unmark_reviewed(conn, doc.id, index)
            print(f"sentence {index}: " + ("back to machine translation" if changed else "was not reviewed"), file=ctx.out)
        else:
            changed = review.mark_reviewed(conn, doc, index, model_id)
            status = review.sentence_statuses(conn, doc, model_id)[index]
            print(f"sentence {index}: " + ("reviewed" if changed else f"already {status}"), file=ctx.out)
    progress = review.review_progress(conn, doc, model_id)
    if args.json:
        json.dump({**progress.__dict__, "done": progress.done}, ctx.out, indent=2)
        ctx.out.write("\n")
    elif not args.sentences:
        print(f"{doc.id}: {doc.title}: {progress.label()} ({progress.reviewed} reviewed, {progress.post_edited} post-edited, "
              f"{progress.machine} machine, {progress.pending} pending, {progress.failed} failed)", file=ctx.out)
    return 0


def cmd_glossary_list(args: argparse.Namespace, ctx: CliContext) -> int:
    terms = glossary.list_terms(ctx.conn)
    if args.json:
        json.dump([t.__dict__ for t in terms], ctx.out, ensure_ascii=False, indent=2)
        ctx.out.write("\n")
        return 0
    for t in terms:
        print(f"{t.id:>4}  {t.source_term} → {t.target_term}" + (f"  ({t.note})" if t.note else ""), file=ctx.out)
    return 0


def cmd_glossary_add(args: argparse.Namespace, ctx: CliContext) -> int:
    term_id = glossary.add_term(ctx.conn, args.source, args.target, args.note)
    print(f"added: {args.source} → {args.target} (id {term_id}; `glose glossary remove {term_id}` takes it out)", file=ctx.out)
    return 0


def cmd_glossary_remove(args: argparse.Namespace, ctx: CliContext) -> int:
    glossary.remove_term(ctx.conn, args.id)
    return 0


def cmd_glossary_check(args: argparse.Namespace, ctx: CliContext) -> int:
    conn = ctx.conn
    doc = library.get_document(conn, library.resolve_document(conn, args.doc))
    model = packages.find_model(FROM, TO)
    flags = glossary.flag_sentences(conn, doc, tstore.sentence_translations(conn, doc, model.model_id if model else None))
    if args.json:
        data = {str(i): [{"source_term": f.source_term, "expected": list(f.expected)} for f in fl] for i, fl in sorted(flags.items())}
        json.dump(data, ctx.out, ensure_ascii=False, indent=2)
        ctx.out.write("\n")
        return 0
    for i, fl in sorted(flags.items()):
        for f in fl:
            print(f"{i:>4}  {f.source_term}: expected {' or '.join(f.expected)}", file=ctx.out)
    return 0
