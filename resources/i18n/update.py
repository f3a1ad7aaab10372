"""Refresh the French UI catalogue: extract strings, fold in pending translations, compile.

    .venv/bin/python resources/i18n/update.py

1. `pyside6-lupdate` extracts every tr() string of desktop/ui into glose_fr.ts (strings no
   longer in the code are dropped);
2. translations waiting in resources/i18n/pending/*.tsv (`context<TAB>source<TAB>French`, one
   per line, written by whoever added the strings) fill the matching messages, and the
   pending files are removed once folded in;
3. `pyside6-lrelease` compiles glose_fr.qm.
Messages still without a French translation are listed (tests/ui/test_i18n.py fails on them).
"""

from __future__ import annotations

import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
TS = HERE / "glose_fr.ts"
QM = HERE / "glose_fr.qm"
PENDING = HERE / "pending"


def _tool(name: str) -> str:
    return str(Path(sys.executable).with_name(name))


def read_pending(folder: Path = PENDING) -> dict[tuple[str, str], str]:
    found: dict[tuple[str, str], str] = {}
    for tsv in sorted(folder.glob("*.tsv")):
        for number, line in enumerate(tsv.read_text(encoding="utf-8").splitlines(), 1):
            if not line.strip() or line.startswith("#"):
                continue
            parts = line.split("\t")
            if len(parts) != 3:
                raise SystemExit(f"{tsv}:{number}: expected context<TAB>source<TAB>translation")
            context, source, french = (p.replace("\\n", "\n") for p in parts)
            found[(context, source)] = french
    return found


def _messages(ts: Path = TS) -> set[tuple[str, str]]:
    root = ET.parse(ts).getroot()
    return {(c.findtext("name", ""), m.findtext("source", "")) for c in root.iter("context") for m in c.iter("message")}


def unfinished(ts: Path = TS) -> list[tuple[str, str]]:
    """(context, source) of every message without a French translation."""
    missing = []
    for context in ET.parse(ts).getroot().iter("context"):
        name = context.findtext("name", "")
        for message in context.iter("message"):
            translation = message.find("translation")
            if translation is None or translation.get("type") in ("unfinished", "vanished", "obsolete"):
                if translation is None or translation.get("type") == "unfinished":
                    missing.append((name, message.findtext("source", "")))
    return missing


def fold(pending: dict[tuple[str, str], str], ts: Path = TS) -> int:
    if not pending:
        return 0
    tree = ET.parse(ts)
    filled = 0
    for context in tree.getroot().iter("context"):
        name = context.findtext("name", "")
        for message in context.iter("message"):
            french = pending.get((name, message.findtext("source", "")))
            translation = message.find("translation")
            if french is None or translation is None:
                continue
            if translation.get("type") == "unfinished" or not (translation.text or "").strip():
                translation.text = french
                translation.attrib.pop("type", None)
                filled += 1
    if not filled:
        return 0
    body = ET.tostring(tree.getroot(), encoding="unicode")
    ts.write_text('<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n' + body + "\n", encoding="utf-8")
    return filled


def lupdate() -> None:
    sources = sorted(str(p.relative_to(ROOT)) for p in (ROOT / "desktop" / "ui").rglob("*.py"))
    subprocess.run(
        [_tool("pyside6-lupdate"), *sources, "-no-obsolete", "-target-language", "fr_FR", "-ts", str(TS.relative_to(ROOT))],
        cwd=ROOT,
        check=True,
    )


def main() -> int:
    lupdate()
    pending = read_pending()
    filled = fold(pending)
    if filled:
        lupdate()  # back to lupdate's own layout, so the file's history stays readable
    known = _messages()
    stray = [key for key in pending if key not in known]
    for context, source in stray:
        print(f"pending translation matches no string in the code: {context}\t{source}")
    subprocess.run([_tool("pyside6-lrelease"), str(TS), "-qm", str(QM)], check=True)
    missing = unfinished()
    print(f"{filled} pending translation(s) folded in; {len(missing)} message(s) without French")
    for context, source in missing:
        print(f"  {context}\t{source}")
    if not missing and not stray:
        for tsv in PENDING.glob("*.tsv"):
            tsv.unlink()
    return 1 if missing else 0


if __name__ == "__main__":
    raise SystemExit(main())
