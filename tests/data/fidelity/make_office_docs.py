"""How the LibreOffice-made DOCX and ODT of the fidelity corpus were produced (not run by tests).

    apt-get download debian-edu-doc-fr maint-guide-fr && dpkg-deb -x … (see LICENSES.md)
    python3 tests/data/fidelity/make_office_docs.py EXTRACTED_DEBS_DIR OUT_DIR

Each source is a real French chapter from a Debian package, as a reader would paste it
into a word processor (the site's navigation tables and images left out); LibreOffice
(Debian's libreoffice-writer-nogui, 7.4) opens it as HTML, saves it as ODT, and saves
that ODT as DOCX, so both files carry what a real office suite writes: its list styles
and Word numbering definitions, heading styles, tables, real footnotes (the DocBook notes
are handed to LibreOffice in the form its own HTML export gives them), code paragraphs
in "Preformatted Text". Thumbnails are not generated, to keep the files small.
"""

from __future__ import annotations

import re
import subprocess
import sys
import zipfile
from pathlib import Path

_PROFILE = """<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema">
<item oor:path="/org.openoffice.Office.Common/Save/Document"><prop oor:name="GenerateThumbnail" oor:op="fuse"><value>false</value></prop></item>
</oor:items>
"""


def edu_architecture(debs: Path) -> str:
    epub = debs / "debian-edu-doc-fr/usr/share/doc/debian-edu-doc-fr/debian-edu-bookworm-manual.epub"
    html = zipfile.ZipFile(epub).read("epub/OEBPS/ar01s03.html").decode("utf-8")
    html = re.sub(r'<div class="mediaobject".*?</div>', "", html, flags=re.S)
    return re.sub(r"<img[^>]*>", "", html)


def maint_guide_modification(debs: Path) -> str:
    html = (debs / "maint-guide-fr/usr/share/doc/maint-guide-fr/html/modify.fr.html").read_text("utf-8")
    html = re.sub(r'<div class="navheader">.*?</div>', "", html, count=1, flags=re.S)
    html = re.sub(r'<div class="navfooter">.*?</div>\s*(?=</body>)', "", html, count=1, flags=re.S)
    html = re.sub(r'<div class="toc">.*?</dl>\s*</div>', "", html, count=1, flags=re.S)
    html = re.sub(
        r'<a href="#ftn\.\w+" class="footnote" id="\w+"><sup class="footnote">\[(\d+)\]</sup></a>',
        r'<a class="sdfootnoteanc" name="sdfootnote\1anc" href="#sdfootnote\1sym"><sup>\1</sup></a>',
        html,
    )
    return re.sub(
        r'<div id="ftn\.\w+" class="footnote">\s*<p><a href="#\w+" class="para"><sup class="para">\[(\d+)\] </sup></a>',
        r'<div id="sdfootnote\1"><p class="sdfootnote"><a class="sdfootnotesym" name="sdfootnote\1sym" href="#sdfootnote\1anc">\1</a>',
        html,
    )


def main(debs: Path, out: Path) -> None:
    profile = out / "lo-profile"
    (profile / "user").mkdir(parents=True, exist_ok=True)
    (profile / "user" / "registrymodifications.xcu").write_text(_PROFILE, "utf-8")
    soffice = ["soffice", f"-env:UserInstallation={profile.resolve().as_uri()}", "--headless", "--norestore"]
    for name, make in (("debian-edu-architecture", edu_architecture), ("maint-guide-modification", maint_guide_modification)):
        source = out / f"{name}.html"
        source.write_text(make(debs), "utf-8")
        subprocess.run([*soffice, "--convert-to", "odt:writer8", "--infilter=HTML (StarWriter)", "--outdir", str(out), str(source)], check=True)
        subprocess.run([*soffice, "--convert-to", "docx:MS Word 2007 XML", "--outdir", str(out), str(out / f"{name}.odt")], check=True)
        source.unlink()


if __name__ == "__main__":
    main(Path(sys.argv[1]), Path(sys.argv[2]))
