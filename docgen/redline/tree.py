"""Two renderings of a document merged into one redline: blocks aligned by outline key.

In: the parsed HTML of the base version and of the new one (each block carries its
outline key as `data-key`). Out: the new tree rewritten as a redline — blocks only in
the base put back, deleted, where they stood; blocks only in the new version marked
inserted; a block whose key moved, deleted at its old place and inserted at its new
one; inside blocks in both, word-level `<ins>`/`<del>` (docgen.redline.words) — and the
list of `Change`s. Reading the result without its `<del>`s gives the new text, without
its `<ins>`s the base text: the Word, HTML and PDF redlines are all written from it.

Elements without a key align by the key of the first keyed block they hold (a section
by its heading), else (and a table's head and body always) by tag, class and
position: "blocks without ids by sequence".
A table row's cells align by column. The running header and the document's head are
the new version's.
"""

from __future__ import annotations

import copy
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from difflib import SequenceMatcher
from typing import Any

from docgen.redline import words

Element = Any
"""An lxml element."""
INLINE = frozenset({"strong", "em", "br", "a", "span", "ins", "del"})
UNTOUCHED = frozenset({"running", "chart"})
"""Classes of elements taken from the new version as they are: the running header, and
the charts (a drawing of the new version's data; the table after each is redlined)."""
BY_POSITION = frozenset({"thead", "tbody"})
"""A table's head and body align by position, never by their first row's key: a deleted
first row is one deleted row, not a body deleted and another inserted."""
NUMBERED = "para"
"""A `p.para` is numbered by the writers (Word's own list): its `span.num` is the new
version's, not diffed, and a deleted one loses it (deleted blocks are unnumbered)."""


@dataclass(frozen=True)
class Change:
    """One change the summary lists: a block inserted, deleted, moved or changed."""

    kind: str
    """"inserted", "deleted", "moved", "changed" or "renumbered" (only numbers differ)."""
    key: str
    """The outline key of the block (or of the nearest keyed block around it)."""
    section: str
    """The text of the heading of the section it is in (the new version's, if any)."""
    label: str = ""
    """What the block is called: its id (R-2.1), its printed number, or its key."""
    field: str = ""
    """For a changed table cell, its column's heading ("Deadline")."""
    before: str = ""
    after: str = ""


@dataclass
class Merge:
    """The state of one merge: the changes found so far."""

    changes: list[Change] = field(default_factory=list)
    new_ids: set[str] = field(default_factory=set)


def merge(base: Element, new: Element) -> list[Change]:
    """Rewrite the `new` document tree (an lxml root) into the redline; return the changes."""
    state = Merge(new_ids={el.get("id") for el in new.iter() if isinstance(el.tag, str)
                           and el.get("id")})
    base_body, new_body = base.find("body"), new.find("body")
    if base_body is not None and new_body is not None:
        _children(state, base_body, new_body)
    return renumbered(_moves(state.changes))


def _elements(el: Element) -> list[Element]:
    return [node for node in el if isinstance(node.tag, str)]


def _align_key(el: Element, counts: dict[str, int]) -> str:
    """The key two versions' children are aligned by (see the module's docstring)."""
    key: str | None = el.get("data-key")
    if key:
        return key
    if el.tag in BY_POSITION:
        inner = None
    else:
            inner = next((node.get("data-key") for node in el.iter() if isinstance(node.tag, str)
                      and node.get("data-key")), None)
    if inner:
        return f"~{inner}"
    name = f"{el.tag}.{el.get('class') or ''}"
    counts[name] = counts.get(name, 0) + 1
    return f"{name}#{counts[name]}"


def _keys(children: list[Element]) -> list[str]:
    """Align keys; a key by position (`preamble/4`) aligns by the block's words instead,
    so deleting one clause does not show every later clause as reworded."""
    counts: dict[str, int] = {}
    keys = [_align_key(el, counts) for el in children]
    return [f"{key.rsplit('/', 1)[0]}/={' '.join(el.text_content().split())}"
            if key.rsplit("/", 1)[-1].isdigit() and "/" in key else key
            for key, el in zip(keys, children, strict=True)]


def is_leaf(el: Element) -> bool:
    """True for an element holding inline content only (a paragraph, a cell of text)."""
    return all(node.tag in INLINE for node in el if isinstance(node.tag, str))


def _children(state: Merge, base: Element, new: Element) -> None:
    """Merge the children of two matching container elements."""
    old, fresh = _elements(base), _elements(new)
    old_keys, new_keys = _keys(old), _keys(fresh)
    matcher = SequenceMatcher(None, old_keys, new_keys, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            for b, n in zip(old[i1:i2], fresh[j1:j2], strict=True):
                _pair(state, b, n)
            continue
        if tag == "replace" and i2 - i1 == j2 - j1 and all(
                "/=" in key for key in old_keys[i1:i2] + new_keys[j1:j2]):
            for b, n in zip(old[i1:i2], fresh[j1:j2], strict=True):
                _pair(state, b, n)  # blocks by position, reworded
            continue
        anchor = fresh[j1] if j1 < len(fresh) else None
        for b in old[i1:i2]:
            _put_deleted(state, new, anchor, b)
        for n in fresh[j1:j2]:
            mark(n, "inserted")
            state.changes.append(_block_change(state, "inserted", n))


def _put_deleted(state: Merge, parent: Element, anchor: Element | None, b: Element) -> None:
    """Put a deleted copy of base element `b` into `parent`, before `anchor` (or last)."""
    gone = copy.deepcopy(b)
    gone.tail = "\n"
    for node in gone.iter():
        if isinstance(node.tag, str) and node.get("id") in state.new_ids:
            del node.attrib["id"]  # a moved block's id stays with its new place
    mark(gone, "deleted")
    if anchor is not None:
        anchor.addprevious(gone)
    else:
        parent.append(gone)
    around = anchor if anchor is not None else parent
    state.changes.append(_block_change(state, "deleted", gone, section_of=around))


def _pair(state: Merge, b: Element, n: Element) -> None:
    """Merge two elements aligned with each other."""
    if UNTOUCHED & set((n.get("class") or "").split()):
        return
    if b.tag != n.tag or is_leaf(b) != is_leaf(n) or \
            (n.tag == "tr" and len(_elements(b)) != len(_elements(n))) or \
            (not is_leaf(n) and _loose_text(b) != _loose_text(n)):
        _replace(state, b, n)
    elif n.tag == "tr":
        _row(state, b, n)
    elif is_leaf(n):
        _leaf(state, b, n)
    else:
        _children(state, b, n)


def _loose_text(el: Element) -> str:
    """The text a container holds outside its child elements, white space collapsed."""
    parts = [el.text or ""] + [node.tail or "" for node in el]
    return " ".join("".join(parts).split())


def _replace(state: Merge, b: Element, n: Element) -> None:
    """Show `b` deleted and `n` inserted in its place (they cannot be merged)."""
    parent = n.getparent()
    _put_deleted(state, parent, n, b)
    mark(n, "inserted")
    state.changes.append(_block_change(state, "inserted", n))


def _row(state: Merge, b: Element, n: Element) -> None:
    """A table row in both versions: its cells by column; each changed cell a change."""
    headings = _column_headings(n)
    for column, (bc, nc) in enumerate(zip(_elements(b), _elements(n), strict=True)):
        before, after = _text(bc), _text(nc)
        if is_leaf(bc) and is_leaf(nc):
            if _leaf(state, bc, nc, record=False):
                state.changes.append(Change(
                    "changed", n.get("data-key") or "", _section(n), _label(n),
                    headings[column] if column < len(headings) else "", before, after))
        else:
            count = len(state.changes)
            _children(state, bc, nc)
            if len(state.changes) > count:
                del state.changes[count:]
                state.changes.append(Change(
                    "changed", n.get("data-key") or "", _section(n), _label(n),
                    headings[column] if column < len(headings) else "", before, after))


def _leaf(state: Merge, b: Element, n: Element, *, record: bool = True) -> bool:
    """Word-level changes inside one block; True if there were any."""
    number = _own_number(n)
    base_number = _own_number(b)
    if number is not None and base_number is not None:
        # The writers number a p.para themselves: diff only what follows the number.
        before, after = _detach_number(b), _detach_number(n)
        ops = words.diff(words.tokens(b), words.tokens(n))
        if words.changed(ops):
            words.fill(n, ops)
        for el, number in ((n, after), (b, before)):
            el.insert(0, number)
            number.tail = " " + (el.text or "")
            el.text = None
    else:
        ops = words.diff(words.tokens(b), words.tokens(n))
        if words.changed(ops):
            words.fill(n, ops)
    if not words.changed(ops):
        return False
    n.set("data-change", "changed")
    if record:
        state.changes.append(Change("changed", _nearest_key(n), _section(n), _label(n),
                                    before=_text(b), after=_text(n, without="del")))
    return True


def _own_number(el: Element) -> Element | None:
    """The leading `span.num` of a numbered paragraph (`p.para`), if it has one."""
    if NUMBERED not in (el.get("class") or "").split() or (el.text or "").strip():
        return None
    first = next(iter(_elements(el)), None)
    return first if first is not None and first.tag == "span" and \
        "num" in (first.get("class") or "").split() else None


def _detach_number(el: Element) -> Element:
    """Take a paragraph's leading number out (with the space after it) and return it."""
    number = _own_number(el)
    assert number is not None
    rest = (number.tail or "").lstrip()
    el.remove(number)
    el.text = rest
    number.tail = None
    return number


def mark(el: Element, kind: str) -> None:
    """Mark `el` and everything in it "inserted" or "deleted": blocks get `data-change`,
    their text goes inside `ins`/`del`. A deleted numbered paragraph loses its number."""
    el.set("data-change", kind)
    if UNTOUCHED & set((el.get("class") or "").split()):
        return
    if not is_leaf(el):
        for node in _elements(el):
            mark(node, kind)
        return
    if kind == "deleted" and _own_number(el) is not None:
        _detach_number(el)
    number = _own_number(el)
    start = 1 if number is not None else 0
    if number is not None:
        number.tail, text = " ", (number.tail or "").lstrip()
    else:
        text, el.text = el.text, None
    wrapper = el.makeelement("ins" if kind == "inserted" else "del", {})
    wrapper.text = text
    for node in list(el)[start:]:
        wrapper.append(node)  # moves it (and its tail) into the wrapper
    if wrapper.text or len(wrapper):
        el.append(wrapper)


def _text(el: Element, *, without: str = "") -> str:
    """An element's text, white space collapsed, optionally without its `ins` or `del`."""
    el = copy.deepcopy(el)
    if without:
        for node in list(el.iter(without)):
            _drop(node)
    for node in el.iter("br", "td", "th", "p", "li"):
        if node is not el:
            node.tail = " " + (node.tail or "")  # a line or a cell ends: words stay apart
    return " ".join(el.text_content().split())


def _drop(node: Element) -> None:
    """Remove `node` from its tree, keeping its tail."""
    parent = node.getparent()
    if node.tail:
        previous = node.getprevious()
        if previous is not None:
            previous.tail = (previous.tail or "") + node.tail
        else:
            parent.text = (parent.text or "") + node.tail
    parent.remove(node)


def _ancestors(el: Element) -> Iterator[Element]:
    node = el
    while node is not None:
        yield node
        node = node.getparent()


def _nearest_key(el: Element) -> str:
    return next((node.get("data-key") for node in _ancestors(el) if node.get("data-key")), "")


def _section(el: Element) -> str:
    """The heading of the section `el` is in (its first h2/h3, without changes struck)."""
    for node in _ancestors(el):
        if node.tag in ("section", "header", "nav"):
            heading = next((h for h in node.iter("h1", "h2", "h3")), None)
            if heading is not None:
                return _text(heading, without="del")
            if node.tag != "section":
                return ""
    return ""


def _label(el: Element) -> str:
    """What a block is called: the id in its key, else its printed number, else its key."""
    key = _nearest_key(el)
    tail = key.rsplit("/", 1)[-1] if "/" in key else ""
    if tail and not tail.isdigit():
        return tail
    number = next((node for node in el.iter("span") if "num" in (node.get("class") or "")
                   .split()), None)
    if number is not None:
        return _text(number, without="del").rstrip(".")
    return key


def _column_headings(row: Element) -> list[str]:
    """The headings of a row's table's columns (its first header row), in order."""
    table = next((node for node in _ancestors(row) if node.tag == "table"), None)
    head = table.find("thead") if table is not None else None
    first = head.find("tr") if head is not None else None
    return [_text(cell, without="del") for cell in _elements(first)] if first is not None \
        else []


def _block_change(state: Merge, kind: str, el: Element, section_of: Element | None = None
                  ) -> Change:
    """The change of a whole block inserted or deleted."""
    key = _nearest_key(el) or _first_key(el)
    text = _text(el)
    return Change(kind, key, _section(section_of if section_of is not None else el),
                  _label(el) if key else "", before=text if kind == "deleted" else "",
                  after=text if kind == "inserted" else "")


def _first_key(el: Element) -> str:
    return next((node.get("data-key") for node in el.iter() if isinstance(node.tag, str)
                 and node.get("data-key")), "")


NUMBER = re.compile(r"\d+")


def renumbered(changes: list[Change]) -> list[Change]:
    """Call "renumbered" a change whose only difference is in numbers: a row's No., a
    cross-reference ("After: No. 10"), a count. Such changes follow from others (an
    activity inserted renumbers the rest); the summary counts them apart."""
    return [replace(c, kind="renumbered") if c.kind == "changed" and _numbers_only(c) else c
            for c in changes]


def _numbers_only(change: Change) -> bool:
    """True if only small whole numbers differ, and no amount (a currency sign or a %
    in the text: US$150 million -> US$200 million is a change, not a renumbering)."""
    before, after = change.before, change.after
    if before == after or NUMBER.sub("#", before) != NUMBER.sub("#", after):
        return False
    amounts = any(unicodedata.category(ch) == "Sc" or ch == "%" for ch in before + after)
    return not amounts and all(int(n) < 1000 for n in NUMBER.findall(before + " " + after))


def _moves(changes: list[Change]) -> list[Change]:
    """A key deleted in one place and inserted in another is one change: moved."""
    deleted = {c.key for c in changes if c.kind == "deleted" and c.key}
    inserted = {c.key for c in changes if c.kind == "inserted" and c.key}
    moved = deleted & inserted
    out: list[Change] = []
    for change in changes:
        if change.key in moved and change.kind == "deleted":
            continue
        out.append(Change("moved", change.key, change.section, change.label,
                          after=change.after) if change.key in moved else change)
    return out
