"""Input a model cannot take as it is: over-long French made of the seed documents' own
sentences (seeds/, real French), and a backend that refuses given sentences.

Long sentences in the wild chain clauses with `;`, `:` and `, et` (legal considerations,
18th-century prose, enumerations); page debris runs on with no punctuation at all. Both
are rebuilt here from real sentences rather than invented text.
"""

from __future__ import annotations

import re

from desktop.library.segmentation import split_sentences
from desktop.translation.backend import SentenceResult
from tests.tiny_model import SEEDS, seed_lines

JOINERS = ("; ", ", et ", " : ", ", mais ", "; ", ", qui ")


def _clauses() -> list[str]:
    out = []
    for path in sorted(SEEDS.glob("*.txt")):
        for para in path.read_text(encoding="utf-8").split("\n\n"):
            para = " ".join(para.split())
            for a, b in split_sentences(para):
                part = re.sub(r"^\W+", "", para[a:b]).rstrip(".!?;: ")  # no bullet, no end mark
                # Clauses with no inner sentence end, so the whole stays one sentence.
                if 60 <= len(part) <= 400 and not re.search(r"[.!?]", part):
                    out.append(part)
    return out


def long_sentence(min_chars: int = 3000) -> str:
    """One sentence of at least `min_chars` characters, clauses of the seeds joined."""
    clauses = _clauses()
    text = clauses[0]
    i = 1
    while len(text) < min_chars:
        text += JOINERS[i % len(JOINERS)] + clauses[i][0].lower() + clauses[i][1:]
        i += 1
    return text + "."


def debris(min_chars: int = 1300) -> str:
    """A run of words with no punctuation, like text pulled from a page's furniture."""
    words = re.findall(r"[^\W\d_]+", " ".join(seed_lines()))
    out = ""
    for w in words:
        if len(out) >= min_chars:
            break
        out += w + " "
    return out.strip()


class Refusing:
    """The real engine behind a backend that refuses some sentences (as a server may answer
    one request with an error): everything else is the engine's own work."""

    def __init__(self, engine, refuse: set[str]) -> None:
        self.engine, self.refuse = engine, refuse

    def __getattr__(self, name: str):  # model_id, limits, fits, score...: the engine's own
        return getattr(self.engine, name)

    def submit(self, sentences):
        wait = self.engine.submit([s for s in sentences if s not in self.refuse])

        def result():
            done = iter(wait())
            return [SentenceResult.failure("refused by the test backend") if s in self.refuse else next(done) for s in sentences]

        return result
