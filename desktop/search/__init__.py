"""Full-text search over French text, English translations and notes (Whoosh).

    index = SearchIndex.for_data_dir(data_dir)      # keep one per process (the app)
    operations.ensure_index(conn, data_dir, progress, index=index)   # in a worker
    results = search(index, "migration -irrégulière", lang="all", doc_id=None, page=1)
    for hit in results.hits: hit.title, hit.paragraph_index, hit.lang, hit.snippet, hit.score

`search` raises QueryError (show its message) and IndexUnavailable (no index yet:
run `ensure_index`). Index updates go through desktop.operations
(`reindex_paragraphs`, `rebuild_index`, `ensure_index`), which never raise for index trouble.
"""

from desktop.search.index import IndexBusy, IndexUnavailable, SearchIndex
from desktop.search.query import QueryError
from desktop.search.searcher import SearchHit, SearchResults, search

__all__ = [
    "IndexBusy",
    "IndexUnavailable",
    "QueryError",
    "SearchHit",
    "SearchIndex",
    "SearchResults",
    "search",
]
