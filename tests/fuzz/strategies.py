"""Hypothesis strategies for the fuzz tests: real files of every kind, then damaged, grown
and filled with hostile values the way a bad disk, a broken tool or an attacker would."""

from __future__ import annotations

import io
import json
import tempfile
import warnings
import zipfile
from functools import lru_cache
from pathlib import Path

from hypothesis import strategies as st

from tests.conftest import SEEDS

REPO = Path(__file__).resolve().parents[2]

# -- seeds: one small, valid file of each kind ------------------------------------------


@lru_cache(maxsize=1)
def seeds() -> dict[str, bytes]:
    from tests.library.fidelity_docs import build_docx, build_epub, build_odt
    from tests.library.test_importers import make_pdf

    found = {
        ".txt": next(iter(sorted(SEEDS.glob("*.txt")))).read_bytes()[:3000],
        ".md": (REPO / "tests/data/fidelity/dsfr-mise-en-avant.md").read_bytes()[:4000],
        ".html": (REPO / "tests/data/fidelity/dsfr-page-404.html").read_bytes()[:6000],
        ".pdf": make_pdf([["Le partenariat mondial sur les migrations.", "La coopération régionale progresse."]]),
    }
    with tempfile.TemporaryDirectory() as tmp:
        for suffix, build in ((".docx", build_docx), (".odt", build_odt), (".epub", build_epub)):
            path = Path(tmp) / f"seed{suffix}"
            build(path)
            found[suffix] = path.read_bytes()
    return found


# -- damage --------------------------------------------------------------------------------

_edit = st.one_of(
    st.tuples(st.just("flip"), st.integers(0, 1 << 20), st.integers(0, 255)),
    st.tuples(st.just("cut"), st.integers(0, 1 << 20)),
    st.tuples(st.just("insert"), st.integers(0, 1 << 20), st.binary(min_size=1, max_size=64)),
    st.tuples(st.just("repeat"), st.integers(0, 1 << 20), st.integers(1, 256), st.integers(2, 400)),
)


def _apply(data: bytes, edits: list) -> bytes:
    out = bytearray(data)
    for edit in edits:
        if not out:
            break
        at = edit[1] % len(out)
        if edit[0] == "flip":
            out[at] = edit[2]
        elif edit[0] == "cut":
            del out[at:]
        elif edit[0] == "insert":
            out[at:at] = edit[2]
        else:  # a chunk repeated: amplification
            chunk = bytes(out[at : at + edit[2]])
            out[at:at] = chunk * edit[3]
    return bytes(out)


def damaged(data: bytes) -> st.SearchStrategy[bytes]:
    return st.lists(_edit, min_size=1, max_size=6).map(lambda edits: _apply(data, edits))


def _rewrite_member(data: bytes, index: int, content: bytes) -> bytes:
    """The archive with one member's content replaced (the zip itself stays valid)."""
    src = zipfile.ZipFile(io.BytesIO(data))
    infos = src.infolist()
    target = infos[index % len(infos)].filename
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dest:
        for info in infos:
            dest.writestr(info, content if info.filename == target else src.read(info))
    return out.getvalue()


# -- hostile text ------------------------------------------------------------------------------

_UNITS = [
    "<div>", "<p>", "</p>", "<table><tr><td>", "[", "](", "**", "_", "- ", "1. ", "> ", "# ", "\n", "\n\n",
    "&amp;", "&#x1F600;", "-\n", "con-\n", "«\u00a0", "\u00ad", "\u200b", "\ufeff", "\x00", "\r", "\t", "l'",
    "<!--", "<![CDATA[", "<?xml version='1.0'?>", "<!DOCTYPE x [<!ENTITY a 'aaaa'>]>", "&a;", "é", "œ", "ﬁ",
    "https://", "...", "…", " ", "I'UE", "M.", "n°", "\U0001F600", "<br/>", "\\", "`", "|", "---",
]  # fmt: skip
_ALPHABET = st.characters(blacklist_categories=("Cs",)) | st.sampled_from(list("éèàçœ«»’ \n.,;:!?-"))

_text = st.one_of(
    st.text(_ALPHABET, max_size=2000),
    st.lists(st.sampled_from(_UNITS), max_size=300).map("".join),
    st.tuples(st.sampled_from(_UNITS), st.integers(1, 60_000)).map(lambda t: t[0] * t[1]),
    st.tuples(st.text(_ALPHABET, max_size=40), st.integers(1, 20_000)).map(lambda t: t[0] * t[1]),
)
_encoded = st.tuples(_text, st.sampled_from(["utf-8", "utf-16", "latin-1", "cp1252", "utf-8-sig"])).map(
    lambda t: t[0].encode(t[1], "replace")
)


def import_cases() -> st.SearchStrategy[tuple[str, bytes]]:
    """(suffix, bytes): a real file damaged, a member of a real archive replaced, or text."""
    all_seeds = seeds()
    zips = [s for s in (".docx", ".odt", ".epub")]

    def from_seed(suffix: str) -> st.SearchStrategy[tuple[str, bytes]]:
        return damaged(all_seeds[suffix]).map(lambda b, s=suffix: (s, b))

    rewritten = st.tuples(st.sampled_from(zips), st.integers(0, 20), _encoded | st.binary(max_size=3000)).map(
        lambda t: (t[0], _rewrite_member(all_seeds[t[0]], t[1], t[2]))
    )
    texts = st.tuples(st.sampled_from([".txt", ".md", ".html", ".htm"]), _encoded | st.binary(max_size=4000))
    return st.one_of(*[from_seed(s) for s in sorted(all_seeds)], rewritten, texts)


# -- notes files ---------------------------------------------------------------------------------

_json = st.recursive(
    st.none() | st.booleans() | st.integers(-(2**70), 2**70) | st.floats() | st.text(max_size=30),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=8), children, max_size=4),
    max_leaves=25,
)
_FIELDS = ["id", "type", "created", "modified", "glose:color", "body", "target"]
_TARGET_FIELDS = ["source", "selector"]


def _annotation(n: int) -> dict:
    return {
        "@context": "http://www.w3.org/ns/anno.jsonld",
        "id": f"urn:uuid:00000000-0000-4000-8000-{n:012d}",
        "type": "Annotation",
        "created": "2026-01-01T10:00:00.000Z",
        "modified": "2026-01-02T10:00:00.000Z",
        "body": [{"type": "TextualBody", "purpose": "commenting", "value": "Une note."},
                 {"type": "TextualBody", "purpose": "tagging", "value": "migrations"}],
        "target": {
            "source": {"id": "urn:glose:sha256:hash-1", "type": "Text", "glose:title": "Migrations", "glose:side": "fr"},
            "selector": [{"type": "TextPositionSelector", "start": 3, "end": 14},
                         {"type": "TextQuoteSelector", "exact": "partenariat", "prefix": "Le ", "suffix": " mondial"}],
        },
        "glose:color": "yellow",
    }


@st.composite
def _collection(draw) -> dict:
    items = []
    for n in range(draw(st.integers(0, 6))):
        item = _annotation(n)
        for key in draw(st.lists(st.sampled_from(_FIELDS), max_size=3)):
            item[key] = draw(_json)
        for key in draw(st.lists(st.sampled_from(_TARGET_FIELDS), max_size=1)):
            if isinstance(item.get("target"), dict):
                item["target"][key] = draw(_json)
        if draw(st.booleans()):
            target = item.get("target")
            selectors = target.get("selector") if isinstance(target, dict) else None
            selector = selectors[0] if isinstance(selectors, list) and selectors else None
            if isinstance(selector, dict):
                selector[draw(st.sampled_from(["start", "end"]))] = draw(
                    st.sampled_from([1e999, -1e999, 10**30, -5, 2**63, 0.5, "3", None, True, []]))
        items.append(item)
    return {"@context": "http://www.w3.org/ns/anno.jsonld", "type": "AnnotationCollection",
            "first": {"type": "AnnotationPage", "items": items}}


def jsonld_cases() -> st.SearchStrategy[bytes]:
    valid = json.dumps({"type": "AnnotationCollection", "first": {"items": [_annotation(1), _annotation(2)]}}).encode()
    generated = _collection().map(lambda c: json.dumps(c, ensure_ascii=False).encode("utf-8", "surrogatepass"))
    nested = st.tuples(st.sampled_from(["[", '{"a":'] ), st.integers(1, 200_000)).map(
        lambda t: (t[0] * t[1] + ("1" if t[0] != "[" else "") + ("]" if t[0] == "[" else "}") * t[1]).encode()
    )
    surrogates = st.sampled_from([b'"\\ud800"', b'{"id": "\\udfff"}', b'[{"type": "Annotation", "id": "\\ud83d"}]'])
    return st.one_of(generated, damaged(valid), nested, surrogates, st.binary(max_size=2000))


# -- model archives --------------------------------------------------------------------------------------


def model_cases(archive: bytes) -> st.SearchStrategy[bytes]:
    """The tiny model's archive with fuzzed metadata, top folder or extra entries, or damaged."""
    src = zipfile.ZipFile(io.BytesIO(archive))
    files = {i.filename: src.read(i) for i in src.infolist() if not i.is_dir()}
    top = next(iter(files)).split("/")[0]
    metadata = json.loads(files[f"{top}/metadata.json"])

    def build(new_top: str, meta: bytes, extra: list[tuple[str, bytes]]) -> bytes:
        out = io.BytesIO()
        with warnings.catch_warnings(), zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dest:
            warnings.simplefilter("ignore")  # duplicate names are part of the test
            for name, data in files.items():
                rest = name.split("/", 1)[1]
                dest.writestr(f"{new_top}/{rest}", meta if rest == "metadata.json" else data)
            for name, data in extra:
                dest.writestr(name, data)
        return out.getvalue()

    meta_value = st.one_of(
        st.dictionaries(st.sampled_from(["from_code", "to_code", "package_version", "type", "from_name",
                                         "target_prefix", "links"]), _json, max_size=4).map(
            lambda d: json.dumps({**metadata, **d}).encode()),
        _json.map(lambda v: json.dumps(v).encode()),
        st.integers(1, 150_000).map(lambda n: ("[" * n + "]" * n).encode()),
        st.binary(max_size=200),
    )
    names = st.one_of(st.just(top), st.text(max_size=40), st.sampled_from([".hidden", "..", "a/../../b", "\x1b[31m", "x" * 300, " "]))
    entry_name = st.text(min_size=1, max_size=60).map(lambda n: n.replace("\x00", "_"))  # zip names end at NUL
    extra = st.lists(st.tuples(entry_name, st.binary(max_size=100)), max_size=2)
    rebuilt = st.tuples(names, meta_value, extra).map(lambda t: build(*t))
    return st.one_of(rebuilt, damaged(archive))
