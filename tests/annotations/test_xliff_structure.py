"""XLIFF 2.0 exports keep the document's structure in <group>s, valid against the OASIS
schemas (core, Format Style and Metadata modules, tests/data/xliff-2.0)."""

from __future__ import annotations

from pathlib import Path

import pytest
from lxml import etree

from desktop.annotations.xliff import XLIFF_NS
from desktop.annotations.xliff_structure import FS_NS, MDA_NS
from desktop.cli import main
from tests.annotations.structured_doc import structured_library

SCHEMAS = Path(__file__).resolve().parent.parent / "data" / "xliff-2.0"
NS = {"x": XLIFF_NS, "fs": FS_NS, "mda": MDA_NS}
FS = f"{{{FS_NS}}}fs"


@pytest.fixture(scope="module")
def schema() -> etree.XMLSchema:
    """The core schema with the two modules used, so `lax` content is validated too."""
    wrapper = f"""<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" targetNamespace="urn:glose:tests">
      <xs:import namespace="{XLIFF_NS}" schemaLocation="{(SCHEMAS / 'xliff_core_2.0.xsd').as_uri()}"/>
      <xs:import namespace="{FS_NS}" schemaLocation="{(SCHEMAS / 'modules' / 'fs.xsd').as_uri()}"/>
      <xs:import namespace="{MDA_NS}" schemaLocation="{(SCHEMAS / 'modules' / 'metadata.xsd').as_uri()}"/>
    </xs:schema>"""
    return etree.XMLSchema(etree.fromstring(wrapper.encode(), base_url=SCHEMAS.as_uri() + "/"))


def exported(data_dir: Path, tmp_path: Path, *extra: str) -> etree._Element:
    out = tmp_path / "doc.xlf"
    assert main(["--data-dir", str(data_dir), "export", "1", "--format", "xliff", "-o", str(out), *extra]) == 0
    return etree.parse(str(out)).getroot()


def test_the_export_is_valid_xliff_2_with_its_modules(data_dir: Path, tmp_path: Path, schema: etree.XMLSchema) -> None:
    structured_library(data_dir)
    root = exported(data_dir, tmp_path)
    schema.assertValid(root)
    ids = [el.get("id") for el in root.iter(f"{{{XLIFF_NS}}}group", f"{{{XLIFF_NS}}}unit")]
    assert len(ids) == len(set(ids))  # group and unit ids unique in the file


def test_groups_follow_headings_lists_and_tables(data_dir: Path, tmp_path: Path) -> None:
    structured_library(data_dir)
    root = exported(data_dir, tmp_path)
    file = root.find("x:file", NS)
    top = [(g.get(FS), g.get("type")) for g in file.findall("x:group", NS)]
    assert top[:4] == [("h1", "glose:heading"), ("p", "glose:paragraph"), ("h2", "glose:heading"), ("ol", "glose:list")]
    assert ("table", "glose:table") in top and ("div", "glose:callout") in top and ("blockquote", "glose:quote") in top
    assert ("dl", "glose:definitions") in top

    ordered = file.find("x:group[@type='glose:list']", NS)
    items = ordered.findall("x:group", NS)
    assert [i.findtext("mda:metadata/mda:metaGroup/mda:meta[@type='marker']", namespaces=NS) for i in items] == ["1.", "2.", "3."]
    nested = items[1].find("x:group[@type='glose:list']", NS)  # the bulleted list inside item 2
    assert nested.get(FS) == "ul"
    assert [u.findtext("x:segment/x:source", namespaces=NS) for u in nested.iter(f"{{{XLIFF_NS}}}unit")] == [
        "le passeport ;", "un justificatif de domicile."
    ]

    table = file.find("x:group[@type='glose:table']", NS)
    rows = table.findall("x:group", NS)
    assert [r.get(FS) for r in rows] == ["tr", "tr", "tr"]
    assert [c.get(FS) for c in rows[0].findall("x:group", NS)] == ["th", "th", "th"]
    cell = rows[2].findall("x:group", NS)[0]
    assert cell.get(FS) == "td" and cell.findtext("x:unit/x:segment/x:source", namespaces=NS) == "Photo d'identité"
    assert cell.findtext("x:unit/x:segment/x:target", namespaces=NS) == "EN Photo d'identité"
    meta = {m.get("type"): m.text for m in cell.iter(f"{{{MDA_NS}}}meta")}
    assert meta == {"row": "2", "column": "0"}
    box = file.find("x:group[@type='glose:callout']", NS)
    assert {m.get("type"): m.text for m in box.iter(f"{{{MDA_NS}}}meta")} == {"label": "Attention", "type": "warning"}

    sources = [u.findtext("x:segment/x:source", namespaces=NS) for u in root.iter(f"{{{XLIFF_NS}}}unit")]
    assert sources[:3] == ["Demande de titre de séjour", "Le dossier se dépose en préfecture.", "Il est instruit en deux mois."]


def test_only_highlighted_sentences_keep_only_their_groups(
    data_dir: Path, tmp_path: Path, schema: etree.XMLSchema
) -> None:
    structured_library(data_dir)
    assert main(["--data-dir", str(data_dir), "annotate", "1", "--quote", "Photo d'identité", "--note", "format ?"]) == 0
    root = exported(data_dir, tmp_path, "--highlighted-only")
    schema.assertValid(root)
    [unit] = root.iter(f"{{{XLIFF_NS}}}unit")
    path = [g.get("type") for g in unit.iterancestors(f"{{{XLIFF_NS}}}group")]
    assert path == ["glose:cell", "glose:row", "glose:table"]
    assert len(list(root.iter(f"{{{XLIFF_NS}}}group"))) == 3
