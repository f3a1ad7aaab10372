"""PDF import and OCR: `.venv/bin/python tests/bench/bench_pdf.py [--runs N] [--quick]`.

1. Text PDFs: a 40-page report (heading, seven paragraphs, running header and page number
   on each page; ~2,700 characters a page) read by Glose's layout reader, against pypdf's
   plain `extract_text` (the importer before this one, no layout) in the same run.
2. 1,000 pages: time and peak memory (a subprocess each) against 100 pages.
3. OCR: seconds per page of a scanned PDF (four 200-dpi pages) with Tesseract, one process
   at a time or one per core; word accuracy on generated scans (a French letter typeset, turned by
   1.2 degrees, rendered at 200 dpi) clean, with 0.3 % and with 1 % of pixels flipped.

Prints a Markdown table per part. Nothing here is a test: numbers depend on the machine.
"""

from __future__ import annotations

import argparse
import io
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO))

from desktop.library.cleanup import french_words  # noqa: E402
from desktop.library.pdf import ocr  # noqa: E402
from desktop.library.pdf.document import parse_pdf_document  # noqa: E402
from tests import pdf_samples  # noqa: E402
from tests.library.test_ocr import word_accuracy  # noqa: E402


def timed(fn, runs: int) -> list[float]:  # noqa: ANN001
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return times


def pypdf_text(data: bytes) -> int:
    from pypdf import PdfReader

    return sum(len(page.extract_text() or "") for page in PdfReader(io.BytesIO(data)).pages)


def text_pdfs(folder: Path, runs: int) -> None:
    path = pdf_samples.text_pages(folder / "rapport-40.pdf", 40, paragraphs=7)
    data = path.read_bytes()
    french_words()  # loaded once per process in the app too
    chars = sum(len(b.text) for b in parse_pdf_document(data).blocks)
    print(f"\n## Text PDF: 40 pages, {len(data) // 1024} KB, {chars:,} characters read\n")
    print("| reader | best | median | pages/s (best) |")
    print("| --- | --- | --- | --- |")
    for name, fn in (("Glose (pypdfium2, layout)", lambda: parse_pdf_document(data)), ("pypdf extract_text", lambda: pypdf_text(data))):
        t = timed(fn, runs)
        print(f"| {name} | {min(t):.2f} s | {statistics.median(t):.2f} s | {40 / min(t):.0f} |")


_PROBE = """
import resource, sys, time
sys.path.insert(0, {repo!r})
from desktop.library.pdf.document import parse_pdf_document
data = open(sys.argv[1], "rb").read()
t0 = time.perf_counter()
parsed = parse_pdf_document(data)
print(time.perf_counter() - t0, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, len(parsed.blocks))
"""


def long_pdfs(folder: Path) -> None:
    print("\n## Long PDFs (one process each)\n")
    print("| pages | time | pages/s | peak memory of the process |")
    print("| --- | --- | --- | --- |")
    for pages in (100, 1000):
        path = pdf_samples.text_pages(folder / f"long-{pages}.pdf", pages, paragraphs=2)
        out = subprocess.run(
            [sys.executable, "-c", _PROBE.format(repo=str(REPO)), str(path)], capture_output=True, text=True, check=True
        ).stdout.split()
        seconds, peak = float(out[0]), float(out[1])
        print(f"| {pages} | {seconds:.1f} s | {pages / seconds:.0f} | {peak:.0f} MB |")


def ocr_speed(folder: Path, runs: int) -> None:
    from desktop.library.pdf import ocr_queue

    scan = pdf_samples.scan(dpi=200, angle=1.2)
    path = pdf_samples.image_pdf([scan] * 4, folder / "scan-4.pdf")
    data = path.read_bytes()
    print(f"\n## OCR speed: 4 scanned pages at 200 dpi, {os.cpu_count()} cores\n")
    print("| Tesseract processes at once | best s/page | median s/page |")
    print("| --- | --- | --- |")
    default = ocr_queue.workers
    settings = (
        ("1, with Tesseract's own OpenMP threads", 1, None),
        ("1, one thread (OMP_THREAD_LIMIT=1)", 1, "1"),
        (f"{default()}, one thread each (what Glose does)", default(), None),
    )
    try:
        for name, n, limit in settings:
            ocr_queue.workers = lambda n=n: n
            if limit:
                os.environ["OMP_THREAD_LIMIT"] = limit
            t = timed(lambda: parse_pdf_document(data), runs)
            os.environ.pop("OMP_THREAD_LIMIT", None)
            print(f"| {name} | {min(t) / 4:.2f} | {statistics.median(t) / 4:.2f} |")
    finally:
        ocr_queue.workers = default


def ocr_accuracy(folder: Path) -> None:
    print("\n## OCR word accuracy (words of the source found exactly, in order)\n")
    print("| scan (200 dpi, turned 1.2°) | words exact | low-confidence words marked |")
    print("| --- | --- | --- |")
    for name, noise in (("clean", 0.0), ("0.3 % of pixels flipped", 0.003), ("1 % of pixels flipped", 0.01)):
        path = pdf_samples.image_pdf([pdf_samples.scan(dpi=200, angle=1.2, noise=noise)], folder / f"scan-{noise}.pdf")
        blocks = parse_pdf_document(path.read_bytes()).blocks
        text = " ".join(b.text for b in blocks)
        marked = sum(len(dict(b.structure.attrs).get("low_confidence", ())) for b in blocks)
        print(f"| {name} | {word_accuracy(text):.1%} | {marked} of {len(text.split())} |")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--quick", action="store_true", help="skip the 1,000-page run")
    args = parser.parse_args()
    print(f"load average before: {os.getloadavg()[0]:.1f}")
    with tempfile.TemporaryDirectory(prefix="glose-bench-pdf-") as tmp:
        folder = Path(tmp)
        text_pdfs(folder, args.runs)
        if not args.quick:
            long_pdfs(folder)
        if ocr.find_tesseract() is None:
            print("\nTesseract is not installed: OCR figures skipped (`make test` installs it)")
        else:
            ocr_speed(folder, max(1, args.runs // 2))
            ocr_accuracy(folder)
    print(f"\nload average after: {os.getloadavg()[0]:.1f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
