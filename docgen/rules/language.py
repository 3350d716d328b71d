"""DG6xx: wording and finality: binding words in a non-binding text (and soft words in a
binding one), placeholders, gaps."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from functools import cache

from docgen.diagnostics import dotted
from docgen.paths import PACKAGE
from docgen.rules.engine import Hit, rule
from docgen.rules.index import Index
from docgen.rules.wording import missing_in_final, texts

WordList = list[tuple[re.Pattern[str], str]]


@cache
def word_lists(language: str) -> tuple[WordList, WordList]:
    """A language's binding and soft words (docgen/data/binding-words.json), each with
    the wording the hint offers instead; none for a language the file does not list."""
    table = json.loads((PACKAGE / "data" / "binding-words.json").read_text(encoding="utf-8"))
    entry = table.get(language.split("-", maxsplit=1)[0], {})
    return tuple([(re.compile(pattern), instead) for pattern, instead in entry.get(kind, [])]
                 for kind in ("binding", "soft"))  # type: ignore[return-value]


BINDING_WORDS, SOFT_WORDS = word_lists("en")
OPERATIVE = (("framework", "objectives"), ("framework", "corridors"), ("coordination",),
             ("targets",))
"""Where a spec's prose is operative text of the agreement: its objectives, corridors,
bodies' mandates and notes on targets. Not the preamble (recitals bind no one), the
descriptions in the tables, or the minutes, which record what the meeting did."""


def operative(path: tuple[str | int, ...], prose: bool) -> bool:
    """True for prose that is operative text (see OPERATIVE)."""
    return prose and any(path[:len(place)] == place for place in OPERATIVE)


PLACEHOLDER = re.compile(r"\b(?:TODO|TBD|TBC|FIXME|XXX)\b|\?\?\?|\[\.\.\.\]")
BIDI_CONTROLS = re.compile("[\u202a-\u202e\u2066-\u2069]")


@rule("DG601", "warning")
def binding_word(index: Index) -> Iterator[Hit]:
    """A non-binding document's text uses words that create obligations."""
    if index.spec.document.binding:
        return
    binding_words, _ = word_lists(index.spec.document.languages[0])
    for path, text, prose in texts(index.spec):
        if not prose:
            continue
        for pattern, softer in binding_words:
            for word in dict.fromkeys(match.group() for match in pattern.finditer(text)):
                yield Hit(path, f"the binding word '{word}' in a non-binding document",
                          f"write {softer} instead, or mark the document 'binding: true'",
                          phrase=word)


@rule("DG602", final_only=True)
def placeholder_in_final(index: Index) -> Iterator[Hit]:
    """A final document still holds a TODO, TBD or similar placeholder."""
    for path, text, _ in texts(index.spec):
        match = PLACEHOLDER.search(text)
        if match:
            yield Hit(path, f"the placeholder '{match.group()}' in a final document",
                      "replace it with the agreed text")


@rule("DG603", final_only=True)
def missing_in_final_document(index: Index) -> Iterator[Hit]:
    """A field that a draft may leave out is missing from a final document."""
    for path in missing_in_final(index.spec):
        yield Hit(path, f"{dotted(path)} must be given in a final document",
                  f"add '{path[-1]}:' here")


@rule("DG604")
def prevailing_language_not_used(index: Index) -> Iterator[Hit]:
    """The prevailing language must be one of the document's languages."""
    document = index.spec.document
    if document.prevailing_language and document.prevailing_language not in document.languages:
        yield Hit(("document", "prevailing_language"), f"the prevailing language "
                  f"'{document.prevailing_language}' is not one of the document's languages",
                  f"use one of: {', '.join(document.languages)}")


@rule("DG626")
def side_by_side_languages(index: Index) -> Iterator[Hit]:
    """A bilingual edition pairs two different languages of the document, once."""
    document = index.spec.document
    seen: set[tuple[str, ...]] = set()
    for n, pair in enumerate(document.side_by_side):
        for m, language in enumerate(pair):
            if language not in document.languages:
                yield Hit(("document", "side_by_side", n, m), f"'{language}' in a side-by-side "
                          "pair is not one of the document's languages",
                          f"use one of: {', '.join(document.languages)}")
        if pair[0] == pair[1]:
            yield Hit(("document", "side_by_side", n), f"the side-by-side pair [{pair[0]}, "
                      f"{pair[1]}] names one language twice", "pair two different languages")
        elif tuple(pair) in seen:
            yield Hit(("document", "side_by_side", n), f"the side-by-side pair [{pair[0]}, "
                      f"{pair[1]}] is given twice", "remove this one")
        seen.add(tuple(pair))


@rule("DG605", "warning")
def bidi_control(index: Index) -> Iterator[Hit]:
    """Bidi override characters can make text display differently from how it reads."""
    for path, text, _ in texts(index.spec):
        match = BIDI_CONTROLS.search(text)
        if match:
            yield Hit(path, f"the invisible bidi control character U+{ord(match.group()):04X}",
                      "remove it; right-to-left text needs no override characters")


@rule("DG606", "warning")
def soft_word_in_binding(index: Index) -> Iterator[Hit]:
    """A binding document's operative text uses the words of a non-binding one."""
    if not index.spec.document.binding:
        return
    _, soft_words = word_lists(index.spec.document.languages[0])
    for path, text, prose in texts(index.spec):
        if not operative(path, prose):
            continue
        for pattern, stronger in soft_words:
            for word in dict.fromkeys(match.group() for match in pattern.finditer(text)):
                yield Hit(path, f"the non-binding word '{word}' in the operative text of a "
                          "binding document",
                          f"write {stronger} instead, or mark the document 'binding: false'",
                          phrase=word)
