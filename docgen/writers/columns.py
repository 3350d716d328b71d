"""Column widths fitted to what a data table holds, the same for the PDF and the Word file.

In: a `table.grid` element (from lxml for the Word writer, from WeasyPrint's tree for the
PDF), the column rules of document.css, the width the table may take and its type size
and cell padding. Out: its column widths in twips. They are document.css's
(`docx_css.widths`: declared widths taken, the rest shared out) unless that leaves a
column too narrow for its longest word (an id, "Pharmaceuticals", a one-word
institution name, a heading's "Responsible:"). Then each starved column is widened to
hold it, with width taken first from columns wider than their widest line, then from
columns of running text (never below half their width), then from short columns down
to their own longest word; a column document.css sizes in em or pt (the number column)
gives none. A column that still cannot hold its longest word keeps what
could be found and leaves the rest to hyphenation (document.css `hyphens: auto`).

Words are measured with the bundled Liberation Serif, the font document.css sets, whose
widths Word's Times New Roman shares; breaks fall at spaces and after a dash before a
letter, never inside a `span.code` (an id, kept whole). A house style with another
font is measured as if it were Liberation Serif: an estimate, which hyphenation backs.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from functools import cache
from typing import Any

from docgen.paths import TEMPLATES
from docgen.writers import docx_css as css
from docgen.writers.docx_geometry import Geometry

Element = Any
"""An element of lxml or of xml.etree: `.tag`, `.text`, `.tail`, `.get()`, children."""

FONTS = TEMPLATES / "assets" / "fonts"
FACES = {(False, False): "Regular", (True, False): "Bold", (False, True): "Italic",
         (True, True): "BoldItalic"}
SPACE = re.compile(r"[ \t\n\r\f]+")
DASH_BREAK = re.compile(r"(?<=[-\u2010\u2013\u2014/])(?=[^\W\d_])")
"""A line may break after a dash or slash that a letter follows (UAX #14: not before a
digit, so "R-2.1" is one word even outside a `span.code`)."""
CODE = "code"
"""The class of the span that keeps an id or code whole on one line."""
SAFETY = 1.0
"""Points added to a measured word: rounding, and the half borders of its cell."""
KEEP = 0.5
"""A column of running text keeps at least this share of its document.css width."""


@cache
def _metrics(face: str) -> tuple[dict[int, int], float]:
    """Advance widths by code point, and the width of an unknown character (em units/1000)."""
    from fontTools.ttLib import TTFont  # only when a table is measured

    with TTFont(FONTS / f"LiberationSerif-{face}.ttf", lazy=True) as font:
        scale = 1000 / font["head"].unitsPerEm
        advances = font["hmtx"].metrics
        widths = {code: round(advances[glyph][0] * scale) for code, glyph in
                  font.getBestCmap().items()}
    return widths, float(widths.get(ord("n"), 500))


@cache
def _width(text: str, bold: bool, italic: bool) -> float:
    """The width of `text` in ems (unkerned: at least what a shaper makes of it)."""
    widths, unknown = _metrics(FACES[bold, italic])
    return sum(widths.get(ord(ch), unknown) for ch in text) / 1000


def _runs(el: Element, bold: bool, italic: bool, whole: bool) -> Iterator[
        tuple[str, bool, bool, bool]]:
    """(text, bold, italic, whole) of an element's content in reading order; "\n" at a
    line break."""
    if el.text:
        yield el.text, bold, italic, whole
    for node in el:
        if isinstance(node.tag, str):
            tag = node.tag.rpartition("}")[2]
            if tag == "br":
                yield "\n", bold, italic, whole
            else:
                yield from _runs(node, bold or tag in ("strong", "b", "th"),
                                 italic or tag in ("em", "i"),
                                 whole or CODE in (node.get("class") or "").split())
        if node.tail:
            yield node.tail, bold, italic, whole


def extent(cell: Element) -> tuple[float, float]:
    """The cell's longest unbreakable word and its widest line, in ems."""
    longest = widest = word = line = 0.0
    bold = cell.tag.rpartition("}")[2] == "th"
    for text, strong, italic, whole in _runs(cell, bold, False, False):
        if text == "\n":
            widest, word, line = max(widest, line), 0.0, 0.0
            continue
        for index, part in enumerate([text] if whole else SPACE.split(text)):
            if index:
                word = 0.0
                line += _width(" ", strong, italic)
            for number, piece in enumerate([part] if whole else DASH_BREAK.split(part)):
                if number:
                    word = 0.0
                size = _width(piece, strong, italic)
                word, line = word + size, line + size
                longest = max(longest, word)
    return longest, max(widest, line)


def _elements(el: Element) -> list[Element]:
    return [node for node in el if isinstance(node.tag, str)]


def rows(table: Element) -> list[list[Element]]:
    """The cells of every row of `table` (`thead`, `tbody` or bare rows)."""
    return [_elements(row) for row in _rows(table)]


def _rows(table: Element) -> list[Element]:
    found: list[Element] = []
    for part in _elements(table):
        tag = part.tag.rpartition("}")[2]
        if tag == "tr":
            found.append(part)
        elif tag in ("thead", "tbody", "tfoot"):
            found.extend(row for row in _elements(part) if row.tag.rpartition("}")[2] == "tr")
    return found


def _depth(row: Element) -> int:
    """A row's `depth-N` class (a part of a target, indented in its second cell)."""
    return max((int(name[6:]) for name in (row.get("class") or "").split()
                if name.startswith("depth-") and name[6:].isdigit()), default=0)


def _span(cell: Element) -> int:
    try:
        return max(int(cell.get("colspan") or "1"), 1)
    except ValueError:
        return 1


def fit(table: Element, rules: list[css.ColumnRule], total: int, font_pt: float, *,
        padding: int, indent: Callable[[int], int] | None = None) -> tuple[
            list[int], list[int]]:
    """The table's column widths in twips, adding up to `total`, fitted to their words,
    and document.css's widths they started from. `padding`: twips of a cell's left and
    right padding together; `indent`: the extra indent (twips) of the second cell of a
    row at a depth (`Geometry.depth_indent`)."""
    lines = _rows(table)
    cells = [_elements(row) for row in lines]
    count = max((sum(_span(cell) for cell in row) for row in cells), default=1)
    first = [set((cell.get("class") or "").split()) for cell in cells[0]] if cells else []
    first += [set()] * (count - len(first))
    names = set((table.get("class") or "").split())
    base = css.widths(rules, names, first[:count], total, font_pt)
    fixed = [rule is not None and rule.unit != "%"
             for rule in css.declared(rules, names, first[:count])]
    need, most = [0] * count, [0] * count
    for line, row in zip(lines, cells, strict=True):
        column = 0
        for cell in row:
            if _span(cell) == 1 and column < count:
                longest, widest = extent(cell)
                extra = padding + (indent(_depth(line)) if indent and column == 1 else 0)
                need[column] = max(need[column], _twips(longest, font_pt) + extra)
                most[column] = max(most[column], _twips(widest, font_pt) + extra)
            column += _span(cell)
    return share(base, need, most, fixed), base


def _twips(ems: float, font_pt: float) -> int:
    return round((ems * font_pt + SAFETY) * 20)


def share(base: list[int], need: list[int], most: list[int],
          fixed: list[bool] | None = None) -> list[int]:
    """Widen each column narrower than its longest word (`need`) with width the others
    can spare: beyond their widest line (`most`), then running text (a widest line of
    more than three longest words) down to KEEP of its width, then, if that makes every
    longest word fit, short columns down to their own (`_level` shares out what was
    found). A `fixed` column (document.css sizes it in em or pt, as the number column's
    2.6em) gives nothing. Keeps the sum of `base`."""
    deficit = [max(n - b, 0) for b, n in zip(base, need, strict=True)]
    wanted = sum(deficit)
    if not wanted:
        return list(base)
    widths = list(base)
    prose = [m > 3 * n for n, m in zip(need, most, strict=True)]
    kept = [max(n, round(b * KEEP)) for b, n in zip(base, need, strict=True)]
    floors = (
        [max(n, m) for n, m in zip(need, most, strict=True)],
        [k if p else b for b, k, p in zip(base, kept, prose, strict=True)],
        [k if p else n for n, k, p in zip(need, kept, prose, strict=True)])
    found = 0
    for last, floor in enumerate(floors, start=1 - len(floors)):
        spare = [max(w - f, 0) if d == 0 and not kept_as_is else 0
                 for w, f, d, kept_as_is in zip(widths, floor, deficit,
                                                fixed or [False] * len(base), strict=True)]
        available = sum(spare)
        if not available or (last == 0 and available < wanted - found):
            continue  # short columns give only if that makes every longest word fit
        take = min(wanted - found, available)
        given = [s * take // available for s in spare]
        given[max(range(len(spare)), key=spare.__getitem__)] += take - sum(given)
        widths = [w - g for w, g in zip(widths, given, strict=True)]
        found += take
        if found >= wanted:
            break
    return [w + g for w, g in zip(widths, _level(deficit, found), strict=True)]


def _level(deficit: list[int], found: int) -> list[int]:
    """Share `found` among the columns short of `deficit`, as water fills: each gets
    what it lacks up to one level, so the columns that lack least are made whole and
    only those that lack most are left to hyphenation."""
    given = [0] * len(deficit)
    short = sorted((d, index) for index, d in enumerate(deficit) if d)
    for place, (lacking, index) in enumerate(short):
        share = found // (len(short) - place)
        given[index] = min(lacking, share)
        found -= given[index]
    return given


def type_size(geometry: Geometry, names: set[str]) -> float:
    """The type size of a data table's cells: the roadmap matrix's, or any table's."""
    return geometry.blocks["matrix" if "matrix" in names else "table"].size


def fit_tree(root: Element, geometry: Geometry) -> int:
    """Give each column that fitting changes in the data tables of an HTML tree its
    fitted width, as `width` on its cell in the table's first row (what CSS's fixed
    table layout reads; the other columns keep document.css's, and the columns it
    leaves free share what is left, as before); return how many tables changed. For
    WeasyPrint's tree of the PDF, before it lays the document out: the HTML itself keeps
    document.css's widths."""
    padding = geometry.cell_padding[1] + geometry.cell_padding[3]
    border = geometry.table_border.size / 8
    changed = 0
    for table, wide in _tables(root, False):
        names = set((table.get("class") or "").split())
        page = geometry.wide if wide else geometry.portrait
        widths, base = fit(table, geometry.columns, page.text_width,
                           type_size(geometry, names), padding=padding,
                           indent=geometry.depth_indent)
        if widths == base:
            continue
        changed += 1
        column = 0
        for cell in rows(table)[0]:
            span = _span(cell)
            inner = (sum(widths[column:column + span]) - padding) / 20 - border
            if widths[column:column + span] != base[column:column + span]:
                cell.set("style", f"width: {max(inner, 0):.2f}pt")
            column += span
    return changed


def _tables(el: Element, wide: bool) -> Iterator[tuple[Element, bool]]:
    """Every `table.grid` under `el`, with whether it is in a landscape `section.wide`."""
    for node in _elements(el):
        names = (node.get("class") or "").split()
        tag = node.tag.rpartition("}")[2]
        if tag == "table" and "grid" in names:
            yield node, wide
        else:
            yield from _tables(node, wide or (tag == "section" and "wide" in names))
