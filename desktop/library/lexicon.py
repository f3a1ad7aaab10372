"""The French lexicon cleanup consults: 473,000 word forms from Dicollecte (MPL 2.0).

`resources/lexicon/` holds the forms as a MARISA trie (1.1 MB, and the verb forms apart,
0.7 MB; built by the script beside it from Debian's hunspell-fr-comprehensive). It is read on first use, in under a
millisecond, so app start never pays for it; a lookup takes about a microsecond.
"""

from __future__ import annotations

from collections.abc import Container
from functools import lru_cache

from desktop import config

WordSet = Container[str]  # what cleanup needs of a lexicon: `word in lexicon`


class Lexicon:
    """Word forms spelled as the dictionary does (`Paris`, `paris` not): `in` accepts a
    form in any case (`PARIS`, `paris`), `common()` only words written in lower case."""

    def __init__(self, trie: object | None, verbs: object | None = None) -> None:
        self._trie = trie
        self._verbs = verbs

    def __contains__(self, word: object) -> bool:
        if self._trie is None or not isinstance(word, str):
            return False
        if "’" in word:
            word = word.replace("’", "'")
        trie = self._trie
        return word in trie or word.lower() in trie or word.capitalize() in trie  # type: ignore[operator]

    def common(self, word: str) -> bool:
        """A lower-case word of the language (`inde` is not: only the name `Inde` is)."""
        return self._trie is not None and word.lower().replace("’", "'") in self._trie  # type: ignore[operator]

    def verb(self, word: str) -> bool:
        """A form of a verb (`est`, `agit`, `inscrivent`)."""
        return self._verbs is not None and word.lower().replace("’", "'") in self._verbs  # type: ignore[operator]

    def __len__(self) -> int:
        return 0 if self._trie is None else len(self._trie)  # type: ignore[arg-type]

    def __bool__(self) -> bool:
        return self._trie is not None


@lru_cache(maxsize=1)
def french_words() -> Lexicon:
    """The shipped lexicon, read once per process; empty if the file or package is missing
    (cleanup then relies on each document's own evidence alone)."""
    try:
        import marisa_trie

        trie, verbs = marisa_trie.Trie(), marisa_trie.Trie()
        trie.mmap(str(config.resource_path("lexicon", "fr-words.marisa")))
        verbs.mmap(str(config.resource_path("lexicon", "fr-verbs.marisa")))
    except (ImportError, OSError, RuntimeError):
        return Lexicon(None)
    return Lexicon(trie, verbs)
