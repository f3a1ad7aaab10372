"""The database schema, as an ordered list of migrations applied by `PRAGMA user_version`.

Each entry takes the database from version N-1 to N. Never edit a released entry:
append a new one. Slots: 1 library, 2 translation, 3 annotations.

Migrations run with foreign keys off (db.apply_migrations checks them before committing),
so a table can be rebuilt the way SQLite's ALTER TABLE documentation describes without
cascading deletes.
"""

from __future__ import annotations

MIGRATIONS: list[str] = [
    # 1: documents, their paragraphs and sentences (spans into the canonical text).
    """
    CREATE TABLE documents (
        id INTEGER PRIMARY KEY,
        title TEXT NOT NULL,
        path TEXT,                      -- absolute source path; an import of the same path updates
        format TEXT NOT NULL,
        language TEXT NOT NULL,
        content_hash TEXT NOT NULL,     -- sha256 of the source file's bytes
        text TEXT NOT NULL,             -- cleaned canonical text
        imported_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
    );
    CREATE UNIQUE INDEX documents_path ON documents(path) WHERE path IS NOT NULL;
    CREATE INDEX documents_hash ON documents(content_hash);
    CREATE TABLE paragraphs (
        id INTEGER PRIMARY KEY,
        doc_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
        idx INTEGER NOT NULL,
        kind TEXT NOT NULL CHECK (kind IN ('heading', 'paragraph', 'list_item')),
        start INTEGER NOT NULL,
        end INTEGER NOT NULL,
        UNIQUE (doc_id, idx)
    );
    CREATE TABLE sentences (
        id INTEGER PRIMARY KEY,
        doc_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
        paragraph_id INTEGER NOT NULL REFERENCES paragraphs(id) ON DELETE CASCADE,
        idx INTEGER NOT NULL,           -- across the whole document
        start INTEGER NOT NULL,
        end INTEGER NOT NULL,
        source_hash TEXT NOT NULL,      -- key of the translation cache and post-edits
        UNIQUE (doc_id, idx)
    );
    CREATE INDEX sentences_paragraph ON sentences(paragraph_id);
    CREATE INDEX sentences_hash ON sentences(source_hash);
    CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT NOT NULL);
    """,
    # 2: machine translation cache, post-edits, glossary.
    """
    CREATE TABLE mt_cache (
        model TEXT NOT NULL,            -- model identity, e.g. 'translate-fr_en@1.9'
        source_hash TEXT NOT NULL,
        translation TEXT NOT NULL,
        created_at TEXT NOT NULL,
        PRIMARY KEY (model, source_hash)
    ) WITHOUT ROWID;
    CREATE INDEX mt_cache_hash ON mt_cache(source_hash, created_at);
    CREATE TABLE post_edits (
        doc_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
        source_hash TEXT NOT NULL,
        translation TEXT NOT NULL,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        PRIMARY KEY (doc_id, source_hash)
    );
    CREATE TABLE glossary (
        id INTEGER PRIMARY KEY,
        source_term TEXT NOT NULL,
        target_term TEXT NOT NULL,
        note TEXT NOT NULL DEFAULT '',
        UNIQUE (source_term, target_term)
    );
    CREATE TABLE translation_jobs (
        doc_id INTEGER PRIMARY KEY REFERENCES documents(id) ON DELETE CASCADE,
        model TEXT NOT NULL,
        queued_at TEXT NOT NULL
    );
    """,
    # 3: annotations (W3C Web Annotation selectors), their tags, colour labels.
    """
    CREATE TABLE annotations (
        id TEXT PRIMARY KEY,            -- uuid, stable across libraries (JSON-LD sharing)
        doc_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
        side TEXT NOT NULL CHECK (side IN ('fr', 'en')),
        start INTEGER NOT NULL,
        end INTEGER NOT NULL,
        quote TEXT NOT NULL,
        prefix TEXT NOT NULL DEFAULT '',
        suffix TEXT NOT NULL DEFAULT '',
        sentence_first INTEGER,         -- English side: the sentences the passage sits in
        sentence_last INTEGER,
        sentence_offset INTEGER,        -- start minus sentence_first's start in the English text
        color TEXT NOT NULL,
        note TEXT NOT NULL DEFAULT '',
        status TEXT NOT NULL DEFAULT 'anchored' CHECK (status IN ('anchored', 'orphaned')),
        created TEXT NOT NULL,
        modified TEXT NOT NULL
    );
    CREATE INDEX annotations_doc ON annotations(doc_id, side, start);
    CREATE TABLE annotation_tags (
        annotation_id TEXT NOT NULL REFERENCES annotations(id) ON DELETE CASCADE,
        tag TEXT NOT NULL,
        PRIMARY KEY (annotation_id, tag)
    );
    CREATE INDEX annotation_tags_tag ON annotation_tags(tag);
    CREATE TABLE color_labels (color TEXT PRIMARY KEY, label TEXT NOT NULL);
    """,
    # 4: document structure. Paragraphs gain their place in the document's structure
    # (models.Structure: heading level, list marker and depth, table cell, page) and the
    # wider set of kinds; documents keep their information (front matter, licence...) and
    # the importer version that read them (older ones are re-imported). The table is
    # rebuilt because SQLite cannot change a CHECK constraint in place.
    """
    CREATE TABLE paragraphs_v4 (
        id INTEGER PRIMARY KEY,
        doc_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
        idx INTEGER NOT NULL,
        kind TEXT NOT NULL CHECK (kind IN ('heading', 'paragraph', 'list_item', 'table_cell',
            'quote', 'callout', 'caption', 'footnote', 'toc')),
        start INTEGER NOT NULL,
        end INTEGER NOT NULL,
        level INTEGER NOT NULL DEFAULT 0,
        marker TEXT NOT NULL DEFAULT '',
        depth INTEGER NOT NULL DEFAULT 0,
        grp INTEGER NOT NULL DEFAULT 0,
        row INTEGER NOT NULL DEFAULT -1,
        col INTEGER NOT NULL DEFAULT -1,
        page INTEGER NOT NULL DEFAULT 0,
        page_label TEXT NOT NULL DEFAULT '',
        attrs TEXT NOT NULL DEFAULT '{}',  -- JSON object
        UNIQUE (doc_id, idx)
    );
    INSERT INTO paragraphs_v4 (id, doc_id, idx, kind, start, end, level)
        SELECT id, doc_id, idx, kind, start, end, CASE kind WHEN 'heading' THEN 1 ELSE 0 END
        FROM paragraphs;
    DROP TABLE paragraphs;
    ALTER TABLE paragraphs_v4 RENAME TO paragraphs;
    CREATE INDEX paragraphs_page ON paragraphs(doc_id, page) WHERE page > 0;
    ALTER TABLE documents ADD COLUMN info TEXT NOT NULL DEFAULT '{}';  -- JSON object
    ALTER TABLE documents ADD COLUMN importer_version INTEGER NOT NULL DEFAULT 0;
    """,
    # Words that OCR read with a low confidence: spans of the canonical text, so the reader
    # can mark where a scan may be wrong. Written with the document (store.save_document).
    """
    CREATE TABLE low_confidence (
        doc_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
        start INTEGER NOT NULL,
        end INTEGER NOT NULL,
        confidence REAL NOT NULL,        -- Tesseract's 0-100
        PRIMARY KEY (doc_id, start)
    ) WITHOUT ROWID;
    """,
    # translate: sentences a translation backend could not translate, per backend identity
    # (the MT cache key): skipped by later runs until retried on demand.
    """
    CREATE TABLE mt_failures (
        model TEXT NOT NULL,
        source_hash TEXT NOT NULL,
        reason TEXT NOT NULL,
        failed_at TEXT NOT NULL,
        PRIMARY KEY (model, source_hash)
    ) WITHOUT ROWID;
    """,
    # translate: confidence, review status, word alternatives (issue 14). Scores are mean
    # log-probabilities per token (NULL: not scored yet; the app scores old rows lazily).
    """
    ALTER TABLE mt_cache ADD COLUMN score REAL;
    ALTER TABLE mt_cache ADD COLUMN word_scores TEXT;  -- JSON [[start, end, log-prob], ...]
    CREATE INDEX mt_cache_unscored ON mt_cache(model) WHERE word_scores IS NULL;
    ALTER TABLE post_edits ADD COLUMN score REAL;
    ALTER TABLE post_edits ADD COLUMN word_scores TEXT;
    ALTER TABLE post_edits ADD COLUMN scored_by TEXT;  -- the model id that scored it
    CREATE TABLE reviews (  -- a person accepted this machine translation as it stands
        doc_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
        source_hash TEXT NOT NULL,
        translation TEXT NOT NULL,  -- the text accepted: kept when the MT changes
        model TEXT,
        reviewed_at TEXT NOT NULL,
        PRIMARY KEY (doc_id, source_hash)
    );
    CREATE TABLE mt_alternatives (
        model TEXT NOT NULL,
        source_hash TEXT NOT NULL,
        prefix TEXT NOT NULL,  -- the English words before the one asked about ('' = whole sentence)
        n INTEGER NOT NULL,
        alternatives TEXT NOT NULL,  -- JSON list of full sentences, best first
        created_at TEXT NOT NULL,
        PRIMARY KEY (model, source_hash, prefix)
    ) WITHOUT ROWID;
    """,
    # Notes import: the `modified` of the version a notes file brought (NULL: made here). An
    # import updates an annotation only while its `modified` still equals it (not edited here
    # since); otherwise the incoming version is added beside it as a copy.
    """
    ALTER TABLE annotations ADD COLUMN imported_modified TEXT;
    """,
]

SCHEMA_VERSION = len(MIGRATIONS)
