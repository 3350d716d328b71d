"""Word-level changes inside one block: two blocks' inline HTML in, one with <ins>/<del> out.

In: two lxml elements holding inline content only (a paragraph, a heading, a list item,
a table cell) with the same tag. Out: the new element's content rewritten so that its
text, read with every `<del>` removed, is the new block's and, read with every `<ins>`
removed, the base block's — formatting (`strong`, `em`, `a`, `span`, `br`) kept around
each word. Tokens are words, runs of white space and single punctuation marks, so a
changed date reads "~~30 September~~ __31 December__ 2026", never as changed letters.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from difflib import SequenceMatcher
from typing import Any

from lxml import etree

Element = Any
"""An lxml element."""
Path = tuple[tuple[str, tuple[tuple[str, str], ...]], ...]
"""The inline elements around a token, outermost first: (tag, sorted attributes)."""
Token = tuple[Path, str]
"""A token: its inline elements and its text ("" for a `br`)."""

TOKENS = re.compile(r"\w+|\s+|[^\w\s]", re.UNICODE)
BREAK = "\x00br"
"""The text of a `br` token: nothing a spec's text can hold."""


def tokens(el: Element) -> list[Token]:
    """The tokens of `el`'s inline content (not its own tag nor its tail), in order."""
    out: list[Token] = []
    _collect(el, (), out)
    return out


def _collect(el: Element, path: Path, out: list[Token]) -> None:
    if el.text:
        out.extend((path, word) for word in TOKENS.findall(el.text))
    for node in el:
        if isinstance(node.tag, str):
            inner = (*path, (node.tag, tuple(sorted(node.attrib.items()))))
            if node.tag == "br":
                out.append((inner, BREAK))
            else:
                _collect(node, inner, out)
        if node.tail:
            out.extend((path, word) for word in TOKENS.findall(node.tail))


Op = tuple[str, Token]
"""A token and what happened to it: "=" kept, "-" deleted, "+" inserted."""


def diff(base: list[Token], new: list[Token]) -> list[Op]:
    """The edit script from `base` to `new`: deletions before insertions in each change,
    and a lone space between two changes taken into them (so a reworded phrase reads as
    one struck phrase and one inserted, not word by word)."""
    ops: list[Op] = []
    matcher = SequenceMatcher(None, base, new, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            ops.extend(("=", token) for token in base[i1:i2])
        else:
            ops.extend(("-", token) for token in base[i1:i2])
            ops.extend(("+", token) for token in new[j1:j2])
    return _absorb_spaces(ops)


def _absorb_spaces(ops: list[Op]) -> list[Op]:
    """Turn a kept white-space token between two changes into a deletion and an insertion."""
    out: list[Op] = []
    index = 0
    while index < len(ops):
        op, token = ops[index]
        between = 0 < index < len(ops) - 1 and ops[index - 1][0] != "=" and \
            ops[index + 1][0] != "=" and op == "=" and not token[1].strip() and token[1] != BREAK
        if between:
            # Keep deletions before insertions: move this token's deletion before the
            # insertions that precede it in the current change.
            start = len(out)
            while start > 0 and out[start - 1][0] == "+":
                start -= 1
            out.insert(start, ("-", token))
            out.append(("+", token))
        else:
            out.append((op, token))
        index += 1
    return _regroup(out)


def _regroup(ops: list[Op]) -> list[Op]:
    """Within each run of changes, deletions first, then insertions (order kept in each)."""
    out: list[Op] = []
    run: list[Op] = []
    for item in [*ops, ("=", ((), ""))]:
        if item[0] == "=":
            out.extend(op for op in run if op[0] == "-")
            out.extend(op for op in run if op[0] == "+")
            run = []
            if item[1] != ((), ""):
                out.append(item)
        else:
            run.append(item)
    return out


def changed(ops: list[Op]) -> bool:
    """True if the script changes anything."""
    return any(op != "=" for op, _ in ops)


def fill(el: Element, ops: list[Op]) -> None:
    """Replace `el`'s content (its text and children, not its tail) by the script's tokens,
    each change in a `del` or `ins` inside its formatting."""
    for child in list(el):
        el.remove(child)
    el.text = None
    for path, kind, text in _runs(ops):
        is_break = text == BREAK
        parent = el
        for tag, attrs in path[:-1] if is_break else path:
            last = parent[-1] if len(parent) else None
            if last is not None and last.tag == tag and not last.tail and \
                    tuple(sorted(last.attrib.items())) == attrs:
                parent = last
            else:
                parent = etree.SubElement(parent, tag, dict(attrs))
        if kind != "=":
            parent = etree.SubElement(parent, "del" if kind == "-" else "ins")
        if is_break:
            etree.SubElement(parent, "br")
        elif kind != "=":
            parent.text = text
        else:
            _append_text(parent, text)


def _append_text(parent: Element, text: str) -> None:
    if len(parent):
        parent[-1].tail = (parent[-1].tail or "") + text
    else:
        parent.text = (parent.text or "") + text


def _runs(ops: list[Op]) -> Iterator[tuple[Path, str, str]]:
    """Merge neighbouring tokens with the same path and kind into one run of text."""
    run: tuple[Path, str, str] | None = None
    for kind, (path, text) in ops:
        if run is not None and run[0] == path and run[1] == kind and text != BREAK \
                and run[2] != BREAK:
            run = (path, kind, run[2] + text)
            continue
        if run is not None:
            yield run
        run = (path, kind, text)
    if run is not None:
        yield run
