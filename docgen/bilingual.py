"""A bilingual edition: two language versions of a document side by side, block by block.

In: the two editions' HTML as the templates rendered them. Both come from the same
templates and the same outline, so their trees have the same blocks with the same keys
in the same order (every language version has the prevailing one's keys, in order;
tests/test_translations.py): they are aligned by walking both at once, key by key. Out:
the first language's page (its `lang`, `dir`, running header and cover words), in
which every text block — a heading, a paragraph, a list item — holds the two texts in
two columns, each with its own `lang` and `dir`. A table is too wide for half a page:
the second language's table follows the first's, row for row (the same keys in the
same order), in its own `lang` and `dir`. Nothing is translated or
reworded here: every word is one of the two editions'.

The edition is HTML and PDF. Word is not written: a side-by-side Word file would be one
two-column table per document, which Word users then cannot edit as text; the two
one-language Word files are the ones to edit.
"""

from __future__ import annotations

import copy
import itertools
from typing import Any

import lxml.html

from docgen.errors import DocgenError

TEXT_BLOCKS = frozenset({"p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "caption", "dt",
                         "dd", "figcaption"})
"""Blocks whose content is text: each becomes a pair of columns."""
BLOCKS = TEXT_BLOCKS | {"td", "th", "div", "section", "header", "nav", "main", "footer", "ol",
                                "ul", "dl", "table", "thead", "tbody", "tfoot", "tr",
                                "figure", "aside", "article", "blockquote"}
KEEP_FIRST = frozenset({"running"})
"""Classes of blocks kept in the first language only (the running header's strings)."""


def side_by_side(first_html: str, second_html: str, *, second: str, second_dir: str) -> str:
    """Return one HTML document: `first_html`'s page with `second_html`'s texts beside its own."""
    first_root = lxml.html.document_fromstring(first_html)
    second_root = lxml.html.document_fromstring(second_html)
    _pair(first_root.find("body"), second_root.find("body"), second, second_dir)
    first_root.find("body").set("class", f"{first_root.find('body').get('class', '')} "
                                "side-by-side".strip())
    html: str = lxml.html.tostring(first_root, doctype="<!DOCTYPE html>", encoding="unicode")
    return html


def _pair(a: Any, b: Any, language: str, direction: str) -> None:
    """Put `b`'s texts beside `a`'s, in place, for `a` and every block below it."""
    if a.tag != b.tag or a.get("data-key") != b.get("data-key"):
        raise DocgenError(_mismatch(a, b))
    if KEEP_FIRST & set((a.get("class") or "").split()):
        return
    if a.tag == "table":
        _after(a, b, language, direction)
        return
    if a.tag in TEXT_BLOCKS and not _has_blocks(a):
        _columns(a, b, language, direction)
        return
    blocks_a = [c for c in a if isinstance(c.tag, str) and c.tag in BLOCKS]
    blocks_b = [c for c in b if isinstance(c.tag, str) and c.tag in BLOCKS]
    if [_shape(c) for c in blocks_a] != [_shape(c) for c in blocks_b]:
        if any(e.get("data-key") for e in (*a.iterdescendants(), *b.iterdescendants())):
            # The outlines differ (a bug, or a template's): name the first block that does.
            at = next((x, y) for x, y in itertools.zip_longest(blocks_a, blocks_b, fillvalue=a)
                      if _shape(x) != _shape(y))
            raise DocgenError(_mismatch(*at))
        # Unnumbered text that a language words in more or fewer lines (a cover that
        # names the parties in one language only): the two versions side by side whole.
        _columns(a, b, language, direction, tag="div")
        return
    for child_a, child_b in zip(blocks_a, blocks_b, strict=True):
        _pair(child_a, child_b, language, direction)


def _after(a: Any, b: Any, language: str, direction: str) -> None:
    """Put a copy of table `b` right after table `a`, in its own language."""
    other = copy.deepcopy(b)
    other.set("lang", language)
    other.set("dir", direction)
    _suffix_ids(other, language)
    a.addnext(other)


REFERENCES = ("headers", "aria-labelledby", "aria-describedby", "for")
"""Attributes that name ids (space-separated): in a copy, they follow its renamed ids."""


def _suffix_ids(root: Any, language: str) -> None:
    """Keep ids unique: the second language's copies get `-<lang>` (`roadmap/R-1.2-ru`),
    and references inside the copy to ids it renamed follow them."""
    renamed = set()
    for element in root.iter():
        if element.get("id"):
            renamed.add(element.get("id"))
            element.set("id", f"{element.get('id')}-{language}")
    for element in root.iter():
        for attribute in REFERENCES:
            if element.get(attribute):
                element.set(attribute, " ".join(
                    f"{name}-{language}" if name in renamed else name
                    for name in element.get(attribute).split()))


def _shape(element: Any) -> tuple[str, str | None, str | None]:
    return element.tag, element.get("data-key"), element.get("class")


def _has_blocks(element: Any) -> bool:
    return any(isinstance(e.tag, str) and e.tag in BLOCKS for e in element.iterdescendants())


def _columns(a: Any, b: Any, language: str, direction: str, *, tag: str = "span") -> None:
    """Replace `a`'s content by two `tag`s: its own, then `b`'s (a copy, ids suffixed)."""
    own = a.makeelement(tag, {"class": "side"})
    own.text, a.text = a.text, None
    for child in list(a):
        own.append(child)  # moves it, with its tail
    other = a.makeelement(tag, {"class": "side", "lang": language, "dir": direction})
    other.text = b.text
    for child in b:
        other.append(copy.deepcopy(child))
    _suffix_ids(other, language)
    pair = a.makeelement(tag, {"class": "pair"})
    pair.append(own)
    pair.append(other)
    a.append(pair)


def _mismatch(a: Any, b: Any) -> str:
    where = a.get("data-key") or a.tag
    return (f"the two texts do not have the same blocks at {where!r} ({a.tag} against "
            f"{b.tag}): a house style's template prints something in one language only")
