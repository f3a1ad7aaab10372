"""Check a built standalone app: `make selftest-app` (CI runs it after `make app`).

    .venv/bin/python tests/run_app_selftest.py dist/Glose

Runs the bundle's executable the way users and scripts do, in a throwaway home (data,
Argos packages, settings and caches all under a temporary folder, never the real ones):
`--version` (matches the package), `--help`, `list`, `import` of the seeds, of Markdown with
front matter, of a PDF and of a scan (bundled Tesseract), `models
install` of the tiny random-weight test model (tests/tiny_model.py: it exercises the
bundled CTranslate2 and SentencePiece), then `--self-test` offscreen, which opens the main
window, imports, searches and translates; where `xvfb-run` exists, the self-test again on a
real X server (Qt's xcb plugin). Prints one line per step; exit status 1 if any step
failed. Not collected by pytest (not a test_*.py file): it needs a built app.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))


def executable(bundle: Path) -> Path:
    for name in ("glose-cli.exe", "Glose"):  # Windows: the console twin of the GUI Glose.exe
        if (bundle / name).exists():
            return bundle / name
    mac = bundle.parent / "Glose.app" / "Contents" / "MacOS" / "Glose"
    if mac.exists():
        return mac
    raise SystemExit(f"{bundle}: no Glose executable; build it first with `make app`")


SIZE_BUDGET = 250 * 2**20  # bytes, as `du -sb dist/Glose` counts them, models aside


def bundle_bytes(bundle: Path) -> int:
    """What `du -sb` reports for the folder (every file, link and folder once, by its size)
    without the bundled translation models, which GLOSE_BUNDLE_MODELS adds on purpose."""
    models = bundle / "_internal" / "models"
    total = bundle.lstat().st_size
    for folder, dirs, files in os.walk(bundle):
        if Path(folder) == models.parent and "models" in dirs:
            dirs.remove("models")
        total += sum((Path(folder) / name).lstat().st_size for name in dirs + files)
    return total


def main(argv: list[str]) -> int:
    bundle = Path(argv[1] if len(argv) > 1 else REPO / "dist" / "Glose")
    exe = executable(bundle)
    version = re.search(r'__version__\s*=\s*"([^"]+)"', (REPO / "desktop" / "__init__.py").read_text()).group(1)
    failures: list[str] = []
    with tempfile.TemporaryDirectory(prefix="glose-app-selftest-") as tmp:
        home = Path(tmp)
        env = dict(
            os.environ,
            HOME=str(home / "home"),
            USERPROFILE=str(home / "home"),
            XDG_DATA_HOME=str(home / "xdg-data"),
            XDG_CONFIG_HOME=str(home / "xdg-config"),
            XDG_CACHE_HOME=str(home / "xdg-cache"),
            GLOSE_DATA_DIR=str(home / "cli-data"),
            ARGOS_PACKAGES_DIR=str(home / "argos-packages"),
            QT_QPA_PLATFORM="offscreen",
        )
        (home / "home").mkdir()

        def step(name: str, args: list[str], expect=None, timeout: float = 120.0, show: bool = False,
                 launcher: list[str] | None = None) -> str:
            t0 = time.perf_counter()
            try:
                command = [*(launcher or []), str(exe), *args]
                proc = subprocess.run(command, env=env, capture_output=True, text=True, timeout=timeout)
                output = proc.stdout + proc.stderr
                problem = None if proc.returncode == 0 else f"exit status {proc.returncode}"
                if problem is None and expect is not None:
                    try:
                        problem = expect(proc.stdout)
                    except ValueError as exc:  # e.g. --json output that is not JSON
                        problem = f"unexpected output ({exc})"
            except subprocess.TimeoutExpired as exc:
                output = (exc.stdout or b"").decode(errors="replace") if isinstance(exc.stdout, bytes) else (exc.stdout or "")
                problem = f"no answer after {timeout:.0f} s"
            took = time.perf_counter() - t0
            if problem is None:
                print(f"ok    {name} ({took:.1f} s)", flush=True)
            else:
                failures.append(name)
                print(f"FAIL  {name}: {problem} ({took:.1f} s)", flush=True)
            if show or problem is not None:
                print("\n".join("      " + ln for ln in output.rstrip().splitlines()[-40:]), flush=True)
            return proc.stdout if problem is None else ""

        size = bundle_bytes(bundle)
        if size < SIZE_BUDGET:
            print(f"ok    size: {size:,} bytes ({size / 2**20:.0f} MB, budget {SIZE_BUDGET / 2**20:.0f} MB)", flush=True)
        else:
            failures.append("size")
            print(f"FAIL  size: {size:,} bytes ({size / 2**20:.0f} MB) is over the {SIZE_BUDGET / 2**20:.0f} MB budget;"
                  " see the README's Install section on what the bundle holds and how it was trimmed", flush=True)
        step("--version", ["--version"], lambda out: None if version in out else f"expected {version}, got {out.strip()!r}")
        bundled = sorted((bundle / "_internal" / "models").glob("*.argosmodel"))
        if bundled:  # GLOSE_BUNDLE_MODELS build: the --version above was the first start
            step(
                f"bundled models installed at first start ({len(bundled)})", ["models", "list"],
                lambda out: None if "translate-" in out else f"not installed: {out.strip()!r}",
            )
        step("--help", ["--help"], lambda out: None if "import" in out and "models" in out else "no subcommands listed")
        step("list (empty library)", ["list", "--json"], lambda out: None if json.loads(out) == [] else out)
        step("import seeds", ["import", str(REPO / "seeds")])
        step(
            "list (5 seeds)", ["list", "--json"],
            lambda out: None if len(json.loads(out)) == 5 else f"{len(json.loads(out))} documents listed",
        )

        # Markdown with YAML front matter (markdown-it-py, PyYAML): the title comes from it.
        notes = home / "rapport.md"
        notes.write_text("---\ntitle: Rapport de la délégation\nauthor: M. Curie\n---\n\n# Introduction\n\n"
                         "Le rapport commence ici.\n", encoding="utf-8")
        step("import Markdown with front matter", ["import", str(notes)])
        step("its title from the front matter", ["list", "--json"],
             lambda out: None if "Rapport de la délégation" in [d["title"] for d in json.loads(out)]
             else f"titles: {[d['title'] for d in json.loads(out)]}")

        # PDFs with their layout (pypdfium2) and a scan read by the bundled Tesseract (Linux;
        # elsewhere the app uses an installed Tesseract). PATH holds no Tesseract of the system.
        from tests import pdf_samples

        brochure = pdf_samples.brochure(home / "brochure.pdf")
        step("import a PDF with its layout", ["import", "--ocr", "never", str(brochure)],
             lambda out: None if "1 table (9 cells)" in out else f"unexpected: {out.strip()!r}")
        if (bundle / "_internal" / "tesseract").is_dir():
            scan = home / "lettre.png"
            pdf_samples.scan().save(scan, dpi=(200, 200))
            saved_path = env["PATH"]
            env["PATH"] = os.pathsep.join(p for p in saved_path.split(os.pathsep) if not (Path(p) / "tesseract").exists())
            step("import a scan (bundled Tesseract)", ["import", str(scan)], timeout=300)
            step("the scan's text", ["show", "lettre", "--json"],
                 lambda out: None if "Madame la Présidente" in out else "the scanned letter was not read")
            env["PATH"] = saved_path

        from tests.tiny_model import build_package

        model = build_package(home / "translate-fr_en-1_0.argosmodel")
        step("models install (tiny test model)", ["models", "install", str(model)])
        step("translate (CLI)", ["translate", "--all"], timeout=300)
        step("--self-test", ["--data-dir", str(home / "app-data"), "--self-test"], timeout=600, show=True)
        if shutil.which("xvfb-run") and sys.platform.startswith("linux"):
            # The same on a real X server: Qt's xcb plugin and the X libraries in the bundle.
            env["QT_QPA_PLATFORM"] = "xcb"
            step(
                "--self-test on X11 (xvfb-run)", ["--data-dir", str(home / "app-data-x11"), "--self-test"],
                timeout=600, launcher=["xvfb-run", "-a", "-s", "-screen 0 1600x1000x24"],
            )
    if failures:
        print(f"standalone app check FAILED: {', '.join(failures)}")
        return 1
    print(f"standalone app check passed: {exe}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
