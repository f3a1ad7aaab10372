"""Where each sentence stands in its document, as TMX <prop>s (`x-kind`, `x-level`,
`x-marker`, `x-depth`, `x-row`, `x-col`, `x-page`): a translation memory then knows a
heading from a table cell, and a delegate's citation finds its page."""

from __future__ import annotations

from desktop.library.models import HEADING, LIST_ITEM, TABLE_CELL, Document

Props = tuple[tuple[str, str], ...]


def sentence_props(doc: Document) -> dict[int, Props]:
    """Sentence index -> its paragraph's structure as (prop type, value) pairs."""
    by_paragraph: dict[int, Props] = {}
    for p in doc.paragraphs:
        st = p.structure
        props: list[tuple[str, str]] = [("x-kind", p.kind)]
        if p.kind == HEADING:
            props.append(("x-level", str(st.level)))
        if st.marker:
            props.append(("x-marker", st.marker))
        if p.kind == LIST_ITEM:
            props.append(("x-depth", str(st.depth)))
        if p.kind == TABLE_CELL:
            props += [("x-row", str(st.row)), ("x-col", str(st.col))]
        if st.shown_page:
            props.append(("x-page", st.shown_page))
        by_paragraph[p.index] = tuple(props)
    return {s.index: by_paragraph.get(s.paragraph_index, ()) for s in doc.sentences}
