from __future__ import annotations

import csv
import io

from desktop.annotations.aligned import DocumentNotes
from desktop.annotations.export_csv import COLUMNS, export_csv


def test_csv_has_a_bom_and_one_row_per_annotation(notes: DocumentNotes, tmp_path) -> None:
    text = export_csv([notes])
    path = tmp_path / "notes.csv"
    path.write_text(text, "utf-8", newline="")
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf") and raw.count(b"\xef\xbb\xbf") == 1
    rows = list(csv.DictReader(io.StringIO(path.read_text("utf-8-sig"), newline="")))
    assert tuple(rows[0]) == COLUMNS and len(rows) == 3
    by_quote = {r["quote"]: r for r in rows}
    fr = by_quote["gouvernance partagée"]
    assert fr["note"] == "Terme **clé** : « gouvernance »" and fr["tags"] == "GCM; gouvernance"
    assert fr["meaning"] == "terminology" and fr["aligned"].startswith("It aims at shared")
    assert by_quote["Le partenariat"]["status"] == "orphaned"
    # The review status of the sentences under each note: "gouvernance partagée" sits in the
    # post-edited sentence 1; the English highlight on machine translation; the orphan on none.
    assert (fr["review_status"], by_quote["Le partenariat"]["review_status"]) == ("post-edited", "")
    assert [r["review_status"] for r in rows if r["side"] == "en"] == ["machine"]
