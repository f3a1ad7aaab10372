"""Build fr-words.marisa, the French word forms Glose's cleanup uses, from Dicollecte's
Hunspell dictionary as Debian ships it (package hunspell-fr-comprehensive, MPL 2.0).

    apt-get install hunspell-fr-comprehensive
    .venv/bin/python resources/lexicon/build_lexicon.py [/usr/share/hunspell/fr]

Expands every root of fr.dic with the suffix and prefix rules of fr.aff (FLAG long,
conditions, cross products, NEEDAFFIX, FORBIDDENWORD, CIRCUMFIX), except the elision
prefixes (l', d', qu', n', s'...): cleanup looks words up without them. Writes the forms,
spelled as the dictionary does (proper nouns capitalised), as a MARISA trie (marisa-trie, a Glose dependency) beside this script: 1.1 MB,
loaded in under a millisecond, about a microsecond a lookup (`trie.keys()` lists them);
and the verb forms apart (`fr-verbs.marisa`), since an elided `s'`, `n'`, `j'` comes before a verb. Hunspell's own
`unmunch` cannot do it: it does not follow this dictionary's continuation classes.
"""

from __future__ import annotations

import re
import sys
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent


@dataclass(frozen=True)
class Rule:
    strip: str
    add: str
    cont: tuple[str, ...]
    condition: re.Pattern[str]


def flags(text: str) -> tuple[str, ...]:
    return tuple(text[i : i + 2] for i in range(0, len(text), 2))  # FLAG long


def read_aff(path: Path) -> tuple[dict[str, tuple[str, bool, list[Rule]]], dict[str, str]]:
    affixes: dict[str, tuple[str, bool, list[Rule]]] = {}
    special: dict[str, str] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        parts = line.split()
        if not parts:
            continue
        if parts[0] in ("NEEDAFFIX", "FORBIDDENWORD", "CIRCUMFIX", "ONLYINCOMPOUND") and len(parts) == 2:
            special[parts[0]] = parts[1]
        if parts[0] not in ("PFX", "SFX") or len(parts) < 4:
            continue
        kind, flag = parts[0], parts[1]
        if flag not in affixes:
            affixes[flag] = (kind, parts[2] == "Y", [])
            continue
        strip = "" if parts[2] == "0" else parts[2]
        add, _, cont = parts[3].partition("/")
        add = "" if add == "0" else add
        cond = parts[4] if len(parts) > 4 else "."
        pattern = re.compile(f"{cond}$" if kind == "SFX" else f"^{cond}")
        affixes[flag][2].append(Rule(strip, add, flags(cont), pattern))
    return affixes, special


def is_elision(rule: Rule) -> bool:
    return "'" in rule.add or "’" in rule.add


def expand(root: str, root_flags: tuple[str, ...], affixes, special) -> set[str]:
    need, forbidden, circum = special.get("NEEDAFFIX"), special.get("FORBIDDENWORD"), special.get("CIRCUMFIX")
    if forbidden in root_flags:
        return set()
    forms: set[str] = set()
    if need not in root_flags:
        forms.add(root)
    suffixed: list[tuple[str, tuple[str, ...], bool]] = []  # (form, its flags, cross product)
    for flag in root_flags:
        kind, cross, rules = affixes.get(flag, ("", False, []))
        if kind != "SFX":
            continue
        for rule in rules:
            if not rule.condition.search(root) or (rule.strip and not root.endswith(rule.strip)):
                continue
            form = root[: len(root) - len(rule.strip)] + rule.add
            if need not in rule.cont and circum not in rule.cont:
                forms.add(form)
            suffixed.append((form, rule.cont, cross))
    for flag in root_flags:
        kind, cross, rules = affixes.get(flag, ("", False, []))
        if kind != "PFX":
            continue
        for rule in rules:
            if is_elision(rule) or not rule.condition.search(root):
                continue
            if rule.strip and not root.startswith(rule.strip):
                continue
            head = rule.add
            base = root[len(rule.strip) :]
            if need not in rule.cont and circum not in rule.cont:
                forms.add(head + base)
            # Suffixes the prefix itself allows (its continuation classes).
            for cflag in rule.cont:
                ckind, _, crules = affixes.get(cflag, ("", False, []))
                if ckind == "SFX":
                    for srule in crules:
                        if srule.condition.search(base) and base.endswith(srule.strip):
                            forms.add(head + base[: len(base) - len(srule.strip)] + srule.add)
            if cross:
                for form, _cont, scross in suffixed:
                    if scross and form.startswith(rule.strip):
                        forms.add(head + form[len(rule.strip) :])
    return {f for f in forms if f and "'" not in f[-1:]}


def main() -> None:
    stem = Path(sys.argv[1] if len(sys.argv) > 1 else "/usr/share/hunspell/fr")
    affixes, special = read_aff(stem.with_suffix(".aff"))
    words: set[str] = set()
    verbs: set[str] = set()
    lines = stem.with_suffix(".dic").read_text(encoding="utf-8").splitlines()
    for line in lines[1:]:
        entry, *morph = line.replace("\t", " ").split(" ")
        if not entry:
            continue
        root, _, flagtext = entry.partition("/")
        forms = expand(root, flags(flagtext), affixes, special)
        words |= forms
        if any(m.startswith("po:v") for m in morph):
            verbs |= forms
    import marisa_trie

    for name, group in (("fr-words.marisa", words), ("fr-verbs.marisa", verbs)):
        forms = sorted(w.replace("’", "'") for w in group)
        out = HERE / name
        marisa_trie.Trie(forms).save(str(out))
        print(f"{len(forms)} forms, {out.stat().st_size} bytes -> {out}")


if __name__ == "__main__":
    main()
