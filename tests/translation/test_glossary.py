from __future__ import annotations

from pathlib import Path

import pytest

from desktop.translation import glossary


def test_starter_glossary_is_loaded_once(conn) -> None:
    terms = glossary.list_terms(conn)
    pairs = {(t.source_term, t.target_term) for t in terms}
    for pair in [("OIM", "IOM"), ("ANASE", "ASEAN"), ("HCR", "UNHCR"), ("ONUDC", "UNODC"), ("FMMD", "GFMD"), ("GCM", "GCM")]:
        assert pair in pairs
    # A term the user deletes stays deleted.
    oim = next(t for t in terms if t.source_term == "OIM")
    glossary.remove_term(conn, oim.id)
    assert glossary.ensure_starter_glossary(conn) == 0
    assert ("OIM", "IOM") not in {(t.source_term, t.target_term) for t in glossary.list_terms(conn)}
    with pytest.raises(LookupError):
        glossary.remove_term(conn, oim.id)


def test_flags(conn, make_doc) -> None:
    doc = make_doc(
        [
            "L'OIM soutient l'ANASE.",
            "Le HCR et l'ONUDC coopèrent.",
            "Le GCM est cité.",
            "Une phrase sans terme. Le FMMD se réunit.",
        ]
    )
    translations = {
        0: "The IOM supports ASEAN.",  # both terms there
        1: "The HCR and the UNODC cooperate.",  # UNHCR missing
        2: "The Global Compact is cited.",  # GCM: an alternative is present
        3: "A sentence with no term.",
        # sentence 4 (FMMD) is pending: not checked
    }
    flags = glossary.flag_sentences(conn, doc, translations)
    assert set(flags) == {1}
    assert [(f.source_term, f.expected) for f in flags[1]] == [("HCR", ("UNHCR",))]
    translations[4] = "The Forum meets."
    assert [f.expected for f in glossary.flag_sentences(conn, doc, translations)[4]] == [("GFMD",)]


def test_matching_rules(conn, make_doc) -> None:
    glossary.add_term(conn, "sécurité humaine", "human security", "a UN concept")
    doc = make_doc(["La securite  humaine compte.", "Les oim et hcr en minuscules ne comptent pas.", "Le HCRX non plus."])
    flags = glossary.flag_sentences(conn, doc, {0: "Security matters.", 1: "x", 2: "y"})
    assert set(flags) == {0}  # accents and spaces folded; acronyms exact and whole-word
    assert flags[0][0].note == "a UN concept"
    assert glossary.flag_sentences(conn, doc, {0: "HUMAN Security matters."}) == {}


def test_add_requires_both_terms(conn) -> None:
    with pytest.raises(ValueError):
        glossary.add_term(conn, "OIM", " ")
    first = glossary.add_term(conn, "OMS", "WHO")
    assert glossary.add_term(conn, "OMS", "WHO", "World Health Organization") == first


def test_bad_tsv_names_the_line(tmp_path: Path) -> None:
    bad = tmp_path / "g.tsv"
    bad.write_text("# comment\nOIM\tIOM\nonly-one-column\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"g\.tsv:3"):
        glossary.read_tsv(bad)


def test_starter_file_parses() -> None:
    rows = glossary.read_tsv(glossary.starter_file())
    assert len(rows) >= 20 and all(r[0] and r[1] for r in rows)
