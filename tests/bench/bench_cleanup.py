"""Benchmark: reading and cleaning a 3 MB French text, stage by stage.

Run: .venv/bin/python tests/bench/bench_cleanup.py
The text is the five seeds repeated with their paragraphs shuffled (seeded), OCR debris
and hard wraps included. Alternatives measured in the same run: a naive reader (split on
blank lines, collapse whitespace), charset-normalizer on its own for the decoding, and
ftfy on the whole text for the mojibake check. CPU time (process_time), best of 3.
"""

from __future__ import annotations

import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO))

import ftfy  # noqa: E402
from charset_normalizer import from_bytes  # noqa: E402

from desktop.library.cleanup import clean_text, french_words  # noqa: E402
from desktop.library.encoding import decode_text  # noqa: E402
from desktop.library.importers import read_document  # noqa: E402
from desktop.library.language import detect_language  # noqa: E402
from tests.bench.bench_import import make_text  # noqa: E402  (the same 3 MB text)

def best_of(fn: Callable[[], object], runs: int = 3) -> float:
    times = []
    for _ in range(runs):
        start = time.process_time()
        fn()
        times.append(time.process_time() - start)
    return min(times)


def main() -> None:
    text = make_text()
    data = text.encode("utf-8")
    cp1252 = text.encode("cp1252", "replace")
    start = time.process_time()
    french_words()
    print(f"input: {len(data) / 1e6:.2f} MB; French word list loaded once in {time.process_time() - start:.2f} s")
    rows = [
        ("decode_text (UTF-8)", lambda: decode_text(data)),
        ("decode_text (cp1252)", lambda: decode_text(cp1252)),
        ("  vs charset-normalizer alone (cp1252)", lambda: from_bytes(cp1252).best()),
        ("  vs ftfy.fix_encoding on the whole text", lambda: ftfy.fix_encoding(text)),
        ("clean_text", lambda: clean_text(text)),
        ("  vs naive paragraphs (blank lines, collapse)", lambda: [" ".join(p.split()) for p in text.split("\n\n") if p.strip()]),
        ("detect_language", lambda: detect_language(text)),
    ]
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "long-french.txt"
        path.write_bytes(data)
        rows.append(("read_document (all of the above)", lambda: read_document(path)))
        for name, fn in rows:
            seconds = best_of(fn)
            print(f"{name:48s} {seconds:7.3f} s  ({len(data) / 1e6 / max(seconds, 1e-9):7.1f} MB/s)")


if __name__ == "__main__":
    main()
