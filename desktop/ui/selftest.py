"""`Glose --self-test`: start the real app (offscreen is fine), use it, report, exit.

Meant for the standalone bundle, where it proves that what PyInstaller collected is
enough: the Qt platform and image plugins, SVG icons, the UI translations, the importers,
Whoosh, CTranslate2 and SentencePiece, the exporters and QPdfWriter. It drives the main
window the way a user would: shows it, imports a seed, opens it, searches it, waits for the
app's own background translation when a French→English model is installed, highlights a
sentence, exports the notes in every format and as a bilingual PDF, then undoes the
highlight so that the library is left as it was. Each check prints one line, `ok`, `skip`
or `FAIL`, with what it saw; the exit status is 0 only if none failed.
"""

from __future__ import annotations

import os
import re
import sys
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import TextIO

from PySide6.QtCore import QCoreApplication, QEventLoop, QTimer
from PySide6.QtGui import QGuiApplication, QIcon, QImage, QImageReader
from PySide6.QtWidgets import QAbstractItemView, QPlainTextEdit, QTextEdit, QWidget

from desktop import __version__, config

IMPORT_TIMEOUT_S = 120.0
TRANSLATE_TIMEOUT_S = 180.0


# What Glose may import after start-up: importers for each file type, the tokenizers of
# both model kinds (SentencePiece, BPE via sacremoses), the search's numpy, TLS for model
# downloads and translation servers, the keyring for their API keys. Loading them proves the bundle has them and that their libraries are intact.
RUNTIME_MODULES = (
    "ctranslate2", "sentencepiece", "argostranslate.package", "argostranslate.tokenizer",
    "sacremoses", "regex", "numpy", "whoosh.index", "rapidfuzz.process", "rapidfuzz.fuzz",
    "rapidfuzz.distance.Levenshtein", "rapidfuzz.distance.Indel", "rapidfuzz.distance.DamerauLevenshtein",
    "lxml.etree", "docx", "pypdfium2", "charset_normalizer", "ftfy", "platformdirs",
    "ssl", "sqlite3", "decimal", "lzma", "bz2", "zlib", "xml.dom.minidom", "csv",
    "PySide6.QtSvg", "markdown_it", "mdit_py_plugins.front_matter", "yaml", "marisa_trie", "requests",
    # a translation server's API key in the Secret Service (Linux), through keyring
    *(("keyring.backends.SecretService", "secretstorage.dhcrypto") if sys.platform.startswith("linux") else ()),
)


class CheckFailed(Exception):
    """A check saw something wrong; the message says what."""


class Skip(Exception):
    """A check that does not apply here (e.g. no model installed)."""


def wait_until(predicate: Callable[[], object], timeout_s: float, step_ms: int = 25) -> bool:
    """Run the event loop until `predicate()` is true or the time is up."""
    deadline = time.monotonic() + timeout_s
    loop = QEventLoop()
    while True:
        if predicate():
            return True
        if time.monotonic() >= deadline:
            return False
        QTimer.singleShot(step_ms, loop.quit)
        loop.exec()


def distinct_colours(image: QImage, samples: int = 48) -> int:
    """How many different colours a grid of samples finds: a blank widget has one or two."""
    w, h = image.width(), image.height()
    if w == 0 or h == 0:
        return 0
    seen = {image.pixel(x * w // samples, y * h // samples) for x in range(samples) for y in range(samples)}
    return len(seen)


def search_word(text: str) -> str:
    """A word the document surely contains and that is worth searching: its most frequent long one."""
    words = Counter(w.lower() for w in re.findall(r"[^\W\d_]{7,}", text))
    if not words:
        raise CheckFailed("the imported document has no word of 7+ letters to search for")
    return words.most_common(1)[0][0]


def shows_text(root: QWidget, text: str) -> bool:
    """Whether a text view under `root` displays `text` (spaces compared loosely)."""
    want = " ".join(text.split())
    views = root.findChildren(QTextEdit) + root.findChildren(QPlainTextEdit)
    return any(want in " ".join(v.toPlainText().split()) for v in views)


class SelfTest:
    def __init__(self, window, ctx, out: TextIO) -> None:
        self.window = window
        self.ctx = ctx
        self.out = out
        self.failures: list[str] = []
        self.passed = 0
        self.doc_id: int | None = None
        self.annotation: str | None = None  # the highlight check's annotation, undone at the end
        self.quote: str | None = None

    # -- reporting ------------------------------------------------------------------

    def line(self, status: str, name: str, detail: str) -> None:
        print(f"  {status:<5} {name}: {detail}", file=self.out, flush=True)

    def check(self, name: str, fn: Callable[[], str]) -> None:
        t0 = time.perf_counter()
        try:
            detail = fn()
        except Skip as exc:
            self.line("skip", name, str(exc))
            return
        except Exception as exc:  # a self-test reports everything, never crashes
            message = str(exc) or type(exc).__name__
            if not isinstance(exc, CheckFailed):
                message = f"{type(exc).__name__}: {message}"
            self.failures.append(name)
            self.line("FAIL", name, message)
            return
        self.passed += 1
        self.line("ok", name, f"{detail} ({time.perf_counter() - t0:.1f} s)")

    # -- checks ---------------------------------------------------------------------

    def check_window(self) -> str:
        self.window.show()
        handle = self.window.windowHandle()
        if not wait_until(lambda: self.window.isVisible() and handle is not None and handle.isExposed(), 10):
            raise CheckFailed("the main window did not become visible within 10 s")
        wait_until(lambda: False, 0.3)  # let the first paint and queued layouts happen
        image = self.window.grab().toImage()
        colours = distinct_colours(image)
        if colours < 4:
            raise CheckFailed(f"the window renders blank ({colours} colours in {image.width()}×{image.height()})")
        return f"{QGuiApplication.platformName()} platform, {image.width()}×{image.height()}, {colours} colours"

    def check_resources(self) -> str:
        seeds = sorted(config.seeds_dir().glob("*.*"))
        if len(seeds) < 5:
            raise CheckFailed(f"{config.seeds_dir()}: {len(seeds)} seed documents, expected 5")
        svg = config.resource_path("icons", "glose.svg")
        if b"svg" not in [bytes(f.data()) for f in QImageReader.supportedImageFormats()]:
            raise CheckFailed("no SVG image format plugin (Qt imageformats/qsvg)")
        pixmap = QIcon(str(svg)).pixmap(64, 64)
        if pixmap.isNull() or distinct_colours(pixmap.toImage(), 16) < 4:
            raise CheckFailed(f"{svg}: the app icon does not render (Qt iconengines/qsvgicon missing?)")
        found = [f"{len(seeds)} seeds", "SVG icons"]
        missing = []
        for label, parts in (("UI translation", ("i18n", "glose_fr.qm")), ("Qt dialogs in French", ("i18n", "qt_extra_fr.qm")),
                             ("style sheet", ("styles", "glose.qss")),
                             ("glossary", ("glossary", "fr-en.tsv"))):
            (found if config.resource_path(*parts).is_file() else missing).append(label)
        if missing:
            raise CheckFailed(f"missing from {config.resource_path()}: {', '.join(missing)}")
        from PySide6.QtCore import QTranslator

        translator = QTranslator()
        if not translator.load(str(config.resource_path("i18n", "glose_fr.qm"))):
            raise CheckFailed(f"{config.resource_path('i18n', 'glose_fr.qm')} cannot be loaded")
        from PySide6.QtCore import QLibraryInfo, QLocale

        qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
        if not QTranslator().load(QLocale("fr"), "qtbase", "_", qt_dir):
            raise CheckFailed(f"Qt's own French translation (qtbase_fr.qm) is not in {qt_dir}")
        found.append("Qt French")
        from desktop.library import cleanup

        if hasattr(cleanup, "french_words"):  # resources/lexicon, a marisa-trie
            words = len(cleanup.french_words())
            if words < 50_000:
                raise CheckFailed(f"the French word list for dehyphenation is missing ({words} words)")
            found.append(f"French word list ({words} words)")
        return ", ".join(found)

    def check_modules(self) -> str:
        """Every library Glose may load later (some only for one file type or model kind)."""
        import importlib

        failed = []
        for name in RUNTIME_MODULES:
            try:
                importlib.import_module(name)
            except Exception as exc:  # ImportError, or a stripped/broken shared library
                failed.append(f"{name} ({type(exc).__name__}: {exc})")
        if failed:
            raise CheckFailed("cannot load " + "; ".join(failed))
        from sacremoses import MosesDetokenizer, MosesTokenizer

        from desktop.bundling import numpy_check

        try:  # the bundle's numpy runs on a BLAS stand-in (desktop/bundling/blas.py)
            numbers = numpy_check.run()
        except numpy_check.NumericsWrong as exc:
            raise CheckFailed(str(exc)) from exc
        tokens = MosesTokenizer(lang="fr").tokenize("Selon l'OIM, 2,5 millions.", escape=False)
        if tokens != ["Selon", "l'", "OIM", ",", "2,5", "millions", "."]:  # needs its prefix data files
            raise CheckFailed(f"the Moses tokenizer (BPE models) gives {tokens!r}")
        if MosesDetokenizer(lang="en").detokenize(["2.5", "million", "."]) != "2.5 million.":
            raise CheckFailed("the Moses detokenizer (BPE models) does not work")
        text = self._text_libraries()
        return f"{len(RUNTIME_MODULES)} modules load, the Moses tokenizer, {text} work; {numbers}"

    def _text_libraries(self) -> str:
        """rapidfuzz's compiled matchers (annotation anchoring, fuzzy search) and the ICU data
        Qt sorts and decodes with (the bundle keeps one rapidfuzz build and trimmed ICU data)."""
        from PySide6.QtCore import QCollator, QLocale, QStringDecoder
        from rapidfuzz import fuzz
        from rapidfuzz.distance import Levenshtein

        if fuzz.partial_ratio_alignment.__module__.endswith("_py") or Levenshtein.distance.__module__.endswith("_py"):
            raise CheckFailed("rapidfuzz runs its pure-Python fallback, its compiled modules are missing")
        found = fuzz.partial_ratio_alignment("la lune", "Il regarde la lune ce soir.")
        if (found.score, found.dest_start, found.dest_end) != (100.0, 11, 18):
            raise CheckFailed(f"rapidfuzz aligns a quote wrongly: {found}")
        words = ["zèbre", "été", "Eté", "bœuf", "ete", "fée"]
        for locale in ("fr_FR", "en_GB", "de_DE"):  # de: a locale whose other ICU data is trimmed
            ordered = sorted(words, key=QCollator(QLocale(locale)).sortKey)
            if ordered != ["bœuf", "ete", "Eté", "été", "fée", "zèbre"]:  # ICU collation, not code points
                raise CheckFailed(f"QCollator ({locale}, ICU collation data) sorts {ordered}")
        codecs = [name for name in ("ISO-8859-15", "windows-1252", "Shift_JIS") if not QStringDecoder(name).isValid()]
        if codecs:
            raise CheckFailed(f"Qt cannot decode {', '.join(codecs)} (ICU converter data)")
        return f"rapidfuzz ({fuzz.partial_ratio_alignment.__module__}), ICU collation and codecs"

    def _seed(self) -> Path:
        seeds = sorted(config.seeds_dir().glob("*.txt"), key=lambda p: p.stat().st_size)
        if not seeds:
            raise CheckFailed(f"no .txt seed in {config.seeds_dir()}")
        return seeds[0]  # the smallest: quick to import and translate

    def check_import(self) -> str:
        self.ctx.tasks.wait_idle(int(IMPORT_TIMEOUT_S * 1000))  # e.g. the seeds a first start imports
        seed = self._seed()
        outcomes: list = []
        self.window.importFinished.connect(outcomes.append)
        try:
            self.window.import_paths([str(seed)])
            if not wait_until(lambda: outcomes, IMPORT_TIMEOUT_S):
                raise CheckFailed(f"{seed.name}: no import result within {IMPORT_TIMEOUT_S:.0f} s")
        finally:
            self.window.importFinished.disconnect(outcomes.append)
        results = outcomes[0]
        ok = [o for o in results if o.doc_id is not None and o.status in ("imported", "updated", "unchanged")]
        if not ok:
            raise CheckFailed(f"{seed.name}: {'; '.join(f'{o.status}: {o.reason}' for o in results) or 'nothing imported'}")
        self.doc_id = ok[0].doc_id
        from desktop.library.store import get_document

        doc = get_document(self.ctx.conn, self.doc_id)
        if len(doc.sentences) < 5:
            raise CheckFailed(f"{seed.name}: only {len(doc.sentences)} sentences after import")
        rows = self._library_rows()
        return f"{seed.name} {ok[0].status} as document {self.doc_id}: {len(doc.paragraphs)} paragraphs, {len(doc.sentences)} sentences; library shows {rows}"

    def _library_rows(self) -> str:
        panel = getattr(self.window, "library", None) or self.window

        def rows() -> int:
            views = [v for v in panel.findChildren(QAbstractItemView) if v.model() is not None]
            return max((v.model().rowCount() for v in views), default=-1)

        if not wait_until(lambda: rows() != 0, 10):  # the panel refreshes after the import
            raise CheckFailed("the library panel shows no document after the import")
        return f"{rows()} row(s)" if rows() > 0 else "no list"

    def _need_doc(self) -> int:
        if self.doc_id is None:
            raise Skip("no document (the import failed)")
        return self.doc_id

    def check_open(self) -> str:
        doc_id = self._need_doc()
        self.window.open_document(doc_id)
        if not wait_until(lambda: self.window.reader.current_document() == doc_id, 10):
            raise CheckFailed(f"the reader did not open document {doc_id} within 10 s")
        from desktop.library.store import get_document

        doc = get_document(self.ctx.conn, doc_id)
        first = doc.text[doc.sentences[0].start : doc.sentences[0].end]
        if not wait_until(lambda: shows_text(self.window.reader, first), 10):
            raise CheckFailed(f"the reader does not show the document's first sentence: {first[:60]!r}")
        colours = distinct_colours(self.window.reader.grab().toImage())
        if colours < 4:
            raise CheckFailed(f"the reader renders blank ({colours} colours)")
        return f"document {doc_id} in the reader, French text shown ({colours} colours)"

    def check_search(self) -> str:
        doc_id = self._need_doc()
        from desktop.library.store import get_document
        from desktop.search import query as search_query
        from desktop.search.index import SearchIndex
        from whoosh.query import Term

        word = search_word(get_document(self.ctx.conn, doc_id).text)
        panel = self._search_panel()
        if panel is not None:
            return self._search_in_panel(panel, word, doc_id)
        index = SearchIndex.for_data_dir(self.ctx.data_dir)
        # The index is refreshed by the import task; give it a moment if it is still writing.
        hits: list = []

        def found() -> bool:
            if not index.usable():
                return False
            with index.searcher() as searcher:
                parsed = search_query.parse(word, searcher.schema, "fr")
                hits[:] = [dict(h) for h in searcher.search(parsed.query, filter=Term("doc", str(doc_id)), limit=None)]
            return bool(hits)

        try:
            if not wait_until(found, 15):
                raise CheckFailed(f"searching {word!r} finds nothing in document {doc_id} (index: {index.state()})")
        finally:
            index.close()
        return f"{word!r} found in {len(hits)} paragraph(s) of document {doc_id}"

    def _search_panel(self):
        try:
            from desktop.ui.search_panel import SearchPanel
        except ImportError:
            return None
        panels = self.window.findChildren(SearchPanel)
        return panels[0] if panels else None

    def _search_in_panel(self, panel, word: str, doc_id: int) -> str:
        """Search the way a user does: the search panel, this document, then open the first hit."""
        panel.set_document(doc_id)
        panel.set_scope("document")
        panel.field.setText(word)
        panel.search_now()
        if not wait_until(lambda: not panel.busy() and panel.results.count() > 0, 30):
            status = panel.status.text() or "no results"
            raise CheckFailed(f"the search panel finds nothing for {word!r} in document {doc_id} ({status})")
        count = panel.results.count()
        self.window.open_document(doc_id)  # leave a known state, then jump from the hit
        panel.activate_row(0)
        if not wait_until(lambda: self.window.reader.current_document() == doc_id, 10):
            raise CheckFailed("activating the first search result did not show its document")
        return f"search panel: {word!r} gives {count} result(s) in document {doc_id}; the first one opens"

    def check_translate(self) -> str:
        doc_id = self._need_doc()
        from desktop.library.store import get_document
        from desktop.translation import packages, store

        model = packages.find_model("fr", "en", self.ctx.packages_dir)
        if model is None:
            raise Skip("no fr→en model installed (glose models install FILE), nothing to translate")
        doc = get_document(self.ctx.conn, doc_id)
        # Opening the document started the app's background translation: wait for all of it.
        done = lambda: store.translation_progress(self.ctx.conn, doc, model.model_id)  # noqa: E731
        if not wait_until(lambda: done()[0] >= done()[1], TRANSLATE_TIMEOUT_S, step_ms=100):
            have, total = done()
            raise CheckFailed(f"{have}/{total} sentences translated after {TRANSLATE_TIMEOUT_S:.0f} s with {model.model_id}")
        shown = store.sentence_translations(self.ctx.conn, doc, model.model_id)
        sample = next((t.text for _, t in sorted(shown.items()) if t.text.strip()), "")
        if not sample:
            raise CheckFailed(f"{model.model_id} gave empty translations")
        if not wait_until(lambda: shows_text(self.window.reader, sample), 10):
            raise CheckFailed(f"translated, but the reader does not show the English: {sample[:60]!r}")
        return f"{done()[1]} sentences with {model.model_id}, shown in the reader: “{sample[:50]}…”"

    def check_highlight(self) -> str:
        doc_id = self._need_doc()
        reader = self.window.reader
        if not all(hasattr(reader, n) for n in ("select_range", "highlight_selection", "highlight_ranges")):
            raise Skip("this reader has no scripted highlighting")
        from desktop.library.store import get_document

        doc = get_document(self.ctx.conn, doc_id)
        sentence = doc.sentences[0]
        self.window.open_document(doc_id)
        first = doc.text[sentence.start : sentence.end]
        if not wait_until(lambda: reader.current_document() == doc_id and shows_text(reader, first), 10):
            raise CheckFailed(f"document {doc_id} is not shown in the reader")
        reader.select_range("fr", sentence.start, sentence.end)
        self.annotation = reader.highlight_selection("yellow")
        if not self.annotation:
            raise CheckFailed("selecting the first French sentence and highlighting it created no annotation")
        self.quote = doc.text[sentence.start : sentence.end]
        if not wait_until(lambda: reader.highlight_ranges(), 10):
            raise CheckFailed(f"highlight {self.annotation} is saved but not drawn in the reader")
        return f"first sentence highlighted ({len(reader.highlight_ranges())} range(s) drawn, both sides)"

    def check_export(self) -> str:
        doc_id = self._need_doc()
        import tempfile

        from desktop.translation import packages
        from desktop.annotations.exports import render_export
        from desktop.ui.pdf_export import export_document_pdf

        model = packages.find_model("fr", "en", self.ctx.packages_dir)
        model_id = model.model_id if model is not None else None
        sizes = []
        for fmt in ("md", "csv", "jsonld", "tmx", "xliff"):
            text = render_export(self.ctx.conn, [doc_id], fmt, model_id=model_id)
            if not text.strip():
                raise CheckFailed(f"the {fmt} export is empty")
            sizes.append(f"{fmt} {len(text) // 1024 + 1} KB")
        quote = self.quote
        if quote and " ".join(quote.split())[:40] not in " ".join(render_export(self.ctx.conn, [doc_id], "md", model_id=model_id).split()):
            raise CheckFailed("the Markdown briefing does not quote the highlighted sentence")
        with tempfile.TemporaryDirectory(prefix="glose-selftest-") as tmp:
            pdf = export_document_pdf(self.ctx.conn, doc_id, Path(tmp) / "briefing.pdf", model_id)
            data = Path(pdf).read_bytes()
        if not data.startswith(b"%PDF") or len(data) < 5_000:
            raise CheckFailed(f"the bilingual PDF is not a PDF or nearly empty ({len(data)} bytes)")
        return ", ".join(sizes + [f"bilingual PDF {len(data) // 1024} KB"])

    def check_undo(self) -> str:
        if not self.annotation:
            raise Skip("nothing to undo (no highlight was made)")
        stack = getattr(self.window, "undo_stack", None)
        if stack is None or not stack.canUndo():
            raise CheckFailed("the highlight cannot be undone (Edit → Undo is disabled)")
        stack.undo()
        if not wait_until(lambda: not self.window.reader.highlight_ranges(), 10):
            raise CheckFailed("after Undo the highlight is still drawn")
        return "the highlight is gone after Edit → Undo (the library is as before)"

    def run(self) -> int:
        frozen = "standalone app" if getattr(sys, "frozen", False) else "from source"
        print(f"Glose {__version__} self-test ({frozen}, data in {self.ctx.data_dir})", file=self.out, flush=True)
        for name, fn in (
            ("window", self.check_window),
            ("resources", self.check_resources),
            ("modules", self.check_modules),
            ("import", self.check_import),
            ("open", self.check_open),
            ("search", self.check_search),
            ("translate", self.check_translate),
            ("highlight", self.check_highlight),
            ("export", self.check_export),
            ("undo", self.check_undo),
        ):
            self.check(name, fn)
        # Let debounced refreshes fire and their tasks finish before the app closes.
        wait_until(lambda: False, 0.6)
        self.ctx.tasks.wait_idle(20_000)
        shot = os.environ.get("GLOSE_SELFTEST_SCREENSHOT")
        if shot:  # to look at what the bundle renders (fonts, icons, styles), e.g. in CI artifacts
            saved = self.window.grab().save(shot)
            print(f"  screenshot {'saved to' if saved else 'could not be written to'} {shot}", file=self.out, flush=True)
        if self.failures:
            print(f"self-test FAILED: {', '.join(self.failures)} ({self.passed} passed)", file=self.out, flush=True)
            return 1
        print(f"self-test passed ({self.passed} checks)", file=self.out, flush=True)
        return 0


def run(window: QWidget, ctx, out: TextIO | None = None) -> int:
    """Run every check against the app's main window; 0 when all pass."""
    stream = out if out is not None else (sys.stdout or sys.stderr)
    code = SelfTest(window, ctx, stream).run()
    QCoreApplication.processEvents()
    return code
