"""What each paragraph of a document says in French and in English, for whole-document exports.

The English of a paragraph is its sentences' translations (a post-edit first) joined by a
space. A sentence nobody translated yet keeps its French, so an export never silently
drops a sentence; `untranslated` counts them so the export can say so.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from desktop.library.models import Document, Paragraph, Sentence
from desktop.translation.store import SentenceTranslation


@dataclass
class DocumentTexts:
    doc: Document
    translations: dict[int, SentenceTranslation]
    _sentences: dict[int, list[Sentence]] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        self._sentences = {}
        for s in self.doc.sentences:
            self._sentences.setdefault(s.paragraph_index, []).append(s)

    def french(self, p: Paragraph) -> str:
        return self.doc.paragraph_text(p)

    def english(self, p: Paragraph) -> str | None:
        """The paragraph in English; None when none of its sentences is translated yet."""
        sentences = self._sentences.get(p.index, [])
        if not sentences:
            return self.french(p)  # a paragraph with no sentence (a number, a symbol) reads the same
        if not any(s.index in self.translations for s in sentences):
            return None
        return " ".join(
            self.translations[s.index].text if s.index in self.translations else self.doc.sentence_text(s)
            for s in sentences
        )

    def text(self, p: Paragraph, lang: str) -> str | None:
        return self.french(p) if lang == "fr" else self.english(p)

    @property
    def untranslated(self) -> int:
        """Sentences with no English yet (shown in French in the English text)."""
        return sum(1 for s in self.doc.sentences if s.index not in self.translations)

    def english_title(self) -> str:
        """The title in English when it is the text of a translated paragraph, else as it is."""
        title = self.doc.title.strip()
        for p in self.doc.paragraphs:
            if self.french(p).strip() == title:
                sentences = self._sentences.get(p.index, [])
                if sentences and all(s.index in self.translations for s in sentences):
                    return self.english(p) or title
                break
        return title
