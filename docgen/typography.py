"""Typographic apostrophes and quotes in the spec's own text, as the documents print it.

A drafter types `Pakistan's` and `"one-window"`; a signed document prints `Pakistan’s`
and `“one-window”`, as docgen's own wording does. Applied to every value a template
prints (Jinja's `finalize`), never to HTML a macro made (`Markup`), nor to what looks
like an address (`@`, `://`): ids, codes and dates hold no quotes by their patterns.
An apostrophe inside a word is ’ in every language; straight double quotes become the
language's own where docgen knows them: “ ” in English, « » in Russian, Kazakh, Kyrgyz,
Ukrainian and Belarusian (single quotes too in English). Elsewhere they are left as the
translator typed them.
"""

from __future__ import annotations

import re

INSIDE = re.compile(r"(?<=\w)'(?=\w)")
OPENING_DOUBLE = re.compile(r'(^|[\s(\[{\u2014\u2013-])"')
GUILLEMETS = frozenset({"ru", "kk", "ky", "uk", "be"})
"""Languages whose quotation marks are « »."""
OPENING_SINGLE = re.compile(r"(^|[\s(\[{\u2014\u2013-])'")


def typographic(text: str, language: str) -> str:
    """`text` with straight apostrophes (and, in English, quotes) made typographic."""
    if ("'" not in text and '"' not in text) or "@" in text or "://" in text:
        return text
    text = INSIDE.sub("\u2019", text)
    base = language.split("-", maxsplit=1)[0]
    if base in GUILLEMETS:
        return OPENING_DOUBLE.sub("\\1\u00ab", text).replace('"', "\u00bb")
    if base != "en":
        return text
    text = OPENING_DOUBLE.sub("\\1\u201c", text).replace('"', "\u201d")
    return OPENING_SINGLE.sub("\\1\u2018", text).replace("'", "\u2019")
