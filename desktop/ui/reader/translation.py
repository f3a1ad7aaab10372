"""Background translation of the open document, visible paragraphs first.

The job runs in a TaskRunner worker with its own connection; each committed batch is
announced through a queued signal so the reader redraws just those paragraphs.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, QTimer, Signal

NO_MODEL = "no-model"


def ui_engine(model):
    """The model loaded for the app (see engine.interactive_threads)."""
    from desktop.translation.engine import interactive_threads, load_engine

    return load_engine(model, threads=interactive_threads())


def alternatives_job(
    connect: Callable[[], sqlite3.Connection], doc_id: int, sentence: int, n: int, packages_dir: Path | None, prefix: str = ""
) -> list[str]:
    """The sentence's alternatives (from `prefix` on when given): from the library's cache,
    else from the model, then cached (translation/alternatives.py)."""
    from desktop.library.store import get_document
    from desktop.translation.alternatives import sentence_alternatives
    from desktop.translation.packages import require_model

    engine = ui_engine(require_model("fr", "en", packages_dir))
    conn = connect()
    try:
        return sentence_alternatives(conn, engine, get_document(conn, doc_id), sentence, prefix=prefix, n=n)
    finally:
        conn.close()


def translate_job(
    connect: Callable[[], sqlite3.Connection],
    doc_id: int,
    packages_dir: Path | None,
    start_paragraph: int,
    data_dir: Path | None = None,
    progress=None,
    cancel: threading.Event | None = None,
    post: Callable[[list[int]], None] | None = None,
    retry_failed: bool = False,
):
    from desktop.translation.backends import make_backend, with_cancel
    from desktop.translation.jobs import translate_document

    # The local model, or the configured LibreTranslate server with the local model as its
    # stand-in; a switch between them is posted (a Notice) for the status bar, once each way.
    if progress is not None:
        progress(0, 0, "loading model")
    backend = make_backend(data_dir, packages_dir, notify=post, load_local=ui_engine)
    if backend is None:
        return NO_MODEL
    if hasattr(backend, "check"):
        backend.check()  # which cache entries count as done: the server's, or the local ones
    engine = with_cancel(backend, cancel)  # a hung server never holds up a cancel
    conn = connect()
    try:
        result = translate_document(
            conn,
            doc_id,
            engine,
            start_paragraph=start_paragraph,
            progress=(lambda done, total: progress(done, total, "")) if progress else None,
            cancel=cancel,
            on_batch=(lambda paragraphs: post(list(paragraphs))) if post else None,
            retry_failed=retry_failed,
        )
        if not result.cancelled:
            # Word scores once the text is in (a forced pass: +25-30 % CPU, so not before the
            # text), for this run's translations and those from before scores were kept.
            from desktop.library.store import get_document
            from desktop.translation.confidence import score_pending, unscored_hashes

            before = unscored_hashes(conn, engine.model_id, [doc_id])
            try:
                scored = bool(before) and score_pending(conn, engine, doc_ids=[doc_id], cancel=cancel)
            except (RuntimeError, ValueError, sqlite3.Error):  # scores are extras: the translation stands
                scored = False
            if scored and post:
                post(sorted({s.paragraph_index for s in get_document(conn, doc_id).sentences if s.source_hash in before}))
        if result.changed_paragraphs and data_dir is not None:
            # Once per run, as `glose translate` does: English notes re-anchored on the new
            # text, the search index given the new English (derived data: never fatal).
            if progress is not None:
                progress(0, 0, "indexing")
            from desktop import operations

            try:
                operations.translations_changed(conn, data_dir, doc_id, result.changed_paragraphs, engine.model_id)
            except Exception:  # the translation itself is saved; the index rebuilds itself
                pass
        return result
    finally:
        conn.close()


def queue_all_job(connect: Callable[[], sqlite3.Connection], packages_dir: Path | None, data_dir: Path | None = None):
    """Queue every document for translation; the number queued, or NO_MODEL."""
    from desktop.library.store import list_documents
    from desktop.translation.backends import preferred_model_id
    from desktop.translation.jobs import queue_documents

    conn = connect()
    try:
        model_id = preferred_model_id(data_dir, packages_dir)  # no network here
        if model_id is None:
            return NO_MODEL
        ids = [d.id for d in list_documents(conn)]
        queue_documents(conn, ids, model_id)
        return len(ids)
    finally:
        conn.close()


class TranslationController(QObject):
    progressChanged = Signal(int, int)  # sentences done, total
    finished = Signal()
    statusMessage = Signal(str)
    paragraphsTranslated = Signal(list)
    modelMissing = Signal()

    def __init__(self, ctx, reader, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.reader = reader
        self.task = None
        self.doc_id: int | None = None
        self.last_result = None
        # Documents of the queue already run in this session: a document whose job
        # ends without leaving the queue is not started again and again.
        self._queue_tried: set[int] = set()
        self._forget_at_end = False

    def is_running(self) -> bool:
        return self.task is not None and not self.task.done

    def start(self, doc_id: int, *, force: bool = False, retry_failed: bool = False) -> None:
        """Translate what the document lacks; `retry_failed` also tries the sentences the
        model could not translate before (only when the user asks for the document)."""
        if self.is_running():
            if self.doc_id == doc_id and not force:
                return
            self.task.cancel()
        self.doc_id = doc_id
        start = self.reader.first_visible_paragraph() if self.reader.current_document() == doc_id else 0
        self.task = self.ctx.tasks.run(
            translate_job,
            self.ctx.connect,
            doc_id,
            self.ctx.packages_dir,
            start,
            self.ctx.data_dir,
            retry_failed=retry_failed,
            on_message=lambda value: self._message(doc_id, value),
            on_result=lambda result, t=None: self._done(doc_id, result),
            on_error=lambda exc: self._failed(doc_id, exc),
            on_progress=lambda done, total, label: self._progress(doc_id, done, total, label),
            name="translate",
            context=self,
        )

    def restart(self) -> None:
        doc = self.reader.current_document()
        if doc is not None:
            self.start(doc, force=True, retry_failed=True)

    def cancel(self) -> None:
        """The user stops translating: this job and the queued documents."""
        from desktop.translation.jobs import forget_queue

        forget_queue(self.ctx.conn)
        if self.is_running():
            self._forget_at_end = True  # the job may queue its document before it sees the cancel
            self.task.cancel()
            self.statusMessage.emit(self.tr("Translation stopped; it resumes when you open the document again."))

    def stop(self) -> None:
        """Stop for now (the app closes): queued documents are resumed at the next start."""
        if self.is_running():
            self.task.cancel()

    def translate_all(self) -> None:
        """Queue the whole library; the documents are translated one after another, in the
        background, after the open one (and after a restart if the app is closed first)."""
        self._queue_tried.clear()
        self._forget_at_end = False
        self.ctx.tasks.run(
            queue_all_job,
            self.ctx.connect,
            self.ctx.packages_dir,
            self.ctx.data_dir,
            on_result=self._queued,
            name="queue translations",
            context=self,
        )

    def _queued(self, count) -> None:
        if count == NO_MODEL:
            self._no_model()
            return
        self.statusMessage.emit(self.tr("{0} documents to translate in the background").format(count))
        self.resume_queue()

    def resume_queue(self) -> None:
        """Start the next queued document unless a translation is running (its end will)."""
        from desktop.translation.jobs import queued_documents

        if self.is_running():
            return
        try:
            queued = [d for d in queued_documents(self.ctx.conn) if d not in self._queue_tried]
        except sqlite3.Error:  # the library is closing (or busy): the next start resumes
            return
        if not queued:
            return
        doc_id = self.reader.current_document() if self.reader.current_document() in queued else queued[0]
        self._queue_tried.add(doc_id)
        if doc_id != self.reader.current_document():
            self.statusMessage.emit(
                self.tr("Translating “{0}” in the background ({1} documents left)").format(self._title(doc_id), len(queued))
            )
        self.start(doc_id)

    def _progress(self, doc_id: int, done: int, total: int, label: str) -> None:
        if doc_id != self.doc_id:
            return
        if label == "loading model":
            self.statusMessage.emit(self.tr("Loading the translation model…"))
            return
        if label == "indexing":
            return
        self.progressChanged.emit(done, total)

    def _message(self, doc_id: int, value) -> None:
        if isinstance(value, list):
            self._batch_done(doc_id, value)
        elif getattr(value, "kind", "") == "down":  # the server went away: once per outage
            self.statusMessage.emit(
                self.tr("The translation server cannot be reached; translating on this computer until it is back ({0}).").format(value.detail)
            )
        elif getattr(value, "kind", "") == "up":
            self.statusMessage.emit(self.tr("The translation server is back; translating there again."))

    def _batch_done(self, doc_id: int, paragraphs: list) -> None:
        if self.reader.current_document() == doc_id:
            self.reader.reload_translations(paragraphs)
        self.paragraphsTranslated.emit(paragraphs)

    def _ended(self) -> None:
        if self._forget_at_end:
            from desktop.translation.jobs import forget_queue

            self._forget_at_end = False
            forget_queue(self.ctx.conn)

    def _done(self, doc_id: int, result) -> None:
        self.last_result = result
        self._ended()
        if doc_id != self.doc_id:
            return
        if result == NO_MODEL:
            self._no_model()
        else:
            if result.changed_paragraphs and self.reader.current_document() == doc_id:
                self.reader.reload_annotations()  # English notes may have moved with the new text
            if result.stopped:
                self.statusMessage.emit(self.tr("Translation of “{0}” stopped: {1}").format(result.title, result.stopped))
            elif result.failed:
                self.statusMessage.emit(
                    self.tr("“{0}”: {1} sentences could not be translated (Translate Document tries them again)").format(
                        result.title, result.failed
                    )
                )
            elif result.translated:
                self.statusMessage.emit(
                    self.tr("Translated {0} sentences in {1:.1f} s").format(result.translated, result.seconds)
                )
        self.finished.emit()
        if result != NO_MODEL and not result.cancelled:
            QTimer.singleShot(0, self, self.resume_queue)  # once this task counts as done

    def _no_model(self) -> None:
        # The banner and the status bar say why; each paragraph only needs a quiet mark.
        self.reader.set_placeholder_text(self.tr("—"))
        self.statusMessage.emit(
            self.tr("No French→English model is installed: install one from a file or download it (Tools menu).")
        )
        self.modelMissing.emit()

    def _failed(self, doc_id: int, exc: BaseException) -> None:
        from desktop.ui.tasks import error_message

        self._ended()

        if doc_id == self.doc_id:
            self.statusMessage.emit(
                self.tr("Translation of “{0}” stopped: {1}").format(self._title(doc_id), error_message(exc))
            )
            self.finished.emit()

    def _title(self, doc_id: int) -> str:
        try:
            row = self.ctx.conn.execute("SELECT title FROM documents WHERE id = ?", (doc_id,)).fetchone()
        except sqlite3.Error:
            row = None
        return row[0] if row else str(doc_id)
