"""`glose search` and `glose reindex`: the search index from the command line."""

from __future__ import annotations

import argparse
import html
import json
import re

from desktop import operations
from desktop.commands.context import CliContext
from desktop.library import store
from desktop.library.page_refs import cite_paragraphs
from desktop.search.index import IndexUnavailable, SearchIndex
from desktop.search.query import QueryError
from desktop.search.searcher import search

_TAG = re.compile(r"</?b>")


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "search",
        help="search the library (French, English and notes)",
        description=(
            'Words are ANDed; "phrase" or « phrase », OR, NOT or -word, prefix*, fuzzy~, '
            "and fr:, en:, notes: to search one side only."
        ),
    )
    p.add_argument("query", nargs="+", metavar="QUERY", help="what to look for")
    p.add_argument("--lang", choices=("fr", "en", "all"), default="all", help="search French, English or both (default)")
    p.add_argument("--doc", metavar="DOC", help="only this document (id or unique title prefix)")
    p.add_argument("--limit", type=int, default=20, metavar="N", help="number of results (default 20)")
    p.add_argument("--page", type=int, default=1, metavar="P", help="page of results (default 1)")
    p.add_argument("--json", action="store_true", help="machine-readable output on stdout")
    p.set_defaults(func=cmd_search)

    p = sub.add_parser("reindex", help="rebuild the search index from the library")
    p.set_defaults(func=cmd_reindex)


_WITH_VALUE = ("--lang", "--doc", "--limit", "--page")
_FLAGS = ("--json", "-h", "--help")


def fix_argv(args: list[str]) -> list[str]:
    """A search's own arguments (after `search`) with its words after `--`, so that `-word`
    (the README's NOT) is a word of the query, not an unknown option."""
    if "--" in args:
        return args
    options: list[str] = []
    words: list[str] = []
    tokens = iter(args)
    for token in tokens:
        if token.split("=", 1)[0] in _WITH_VALUE:
            options.append(token)
            if "=" not in token:
                value = next(tokens, None)
                if value is not None:
                    options.append(value)
        elif token in _FLAGS:
            options.append(token)
        else:
            words.append(token)
    return options + (["--", *words] if words else [])


def _plain(snippet: str) -> str:
    """A snippet for the terminal: matches in [brackets], entities decoded."""
    return html.unescape(_TAG.sub(lambda m: "]" if m.group(0) == "</b>" else "[", snippet))


def cmd_search(args: argparse.Namespace, ctx: CliContext) -> int:
    if args.limit < 1:
        print("glose: --limit must be at least 1", file=ctx.err)
        return 2
    conn = ctx.conn
    doc_id = store.resolve_document(conn, args.doc) if args.doc else None
    index = SearchIndex.for_data_dir(ctx.data_dir)
    try:
        if operations.ensure_index(conn, ctx.data_dir, ctx.progress, index=index):
            print("glose: the search index was missing or out of date; rebuilt it", file=ctx.err)
        query = " ".join(args.query)
        try:
            try:
                results = search(index, query, lang=args.lang, doc_id=doc_id, page=args.page, pagelen=args.limit)
            except IndexUnavailable:  # damaged since the check: rebuild once and retry
                print("glose: the search index was damaged; rebuilding it", file=ctx.err)
                operations.rebuild_index(conn, ctx.data_dir, ctx.progress, index=index)
                results = search(index, query, lang=args.lang, doc_id=doc_id, page=args.page, pagelen=args.limit)
        except QueryError as exc:
            print(f"glose: {exc}", file=ctx.err)
            return 2
    finally:
        index.close()
    pages = cite_paragraphs(conn, [h.paragraph_id for h in results.hits])
    if args.json:
        json.dump(
            [{**h.as_json(), "page": pages.get(h.paragraph_id, "").removeprefix("p. ")} for h in results.hits],
            ctx.out,
            ensure_ascii=False,
            indent=2,
        )
        ctx.out.write("\n")
        if not results.hits and results.suggestion:
            print(f"no results; did you mean: {results.suggestion}", file=ctx.err)
        return 0
    if not results.hits:
        hint = f" Did you mean: {results.suggestion}" if results.suggestion else ""
        print(f"No results.{hint}", file=ctx.out)
        return 0
    first = (results.page - 1) * results.pagelen + 1
    found = f"{results.total}+" if not results.exact else str(results.total)
    print(f"{found} paragraph(s) found; {first}-{first + len(results.hits) - 1} shown", file=ctx.out)
    for h in results.hits:
        page = f", {pages[h.paragraph_id]}" if h.paragraph_id in pages else ""
        print(f"\n{h.title} (doc {h.doc_id}, paragraph {h.paragraph_index}{page}, {h.lang}, score {h.score:.2f})", file=ctx.out)
        print(f"  {_plain(h.snippet)}", file=ctx.out)
    if results.page < results.pages:
        print(f"\nMore: --page {results.page + 1}", file=ctx.out)
    return 0


def cmd_reindex(args: argparse.Namespace, ctx: CliContext) -> int:
    count = operations.rebuild_index(ctx.conn, ctx.data_dir, ctx.progress)
    print(f"indexed {count} paragraph(s)", file=ctx.out)
    return 0
