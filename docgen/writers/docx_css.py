"""document.css as the Word writer reads it: the real declarations, parsed by tinycss2.

In: the document.css a build uses (its templates folder's, else docgen's own). Out: a
`Stylesheet` that answers "what do these rules declare for this property" (a
`Declared`, read as points, a colour, a page size or font families), and the
`ColumnRule`s from which `widths()` lays a table's columns out as CSS's fixed table
layout does: columns with a width take it, the others share what is left.

Why the real declarations and not custom properties: WeasyPrint lays the PDF out from
`@page { margin }`, `html { font-size }`, `table.matrix th:nth-child(2) { width }`.
Reading those very declarations, a house style that changes one changes the PDF and the
Word file alike; a `--page-margin` variable would be a second copy, bypassed the day a
house style writes `@page { margin }` itself. A house style may still use custom
properties: `var(--name, fallback)` is resolved from `:root` and `html` (WeasyPrint
resolves var() in `@page` too, margin and size included).

The rules: a rule counts unless it sits in an `@media` that excludes print (the PDF is
print); a selector matches when written as the Word writer asks for it (whitespace
aside; selector lists are split), with no general cascade over the HTML; within a file
the last declaration wins, `!important` first; the shorthands `margin`, `padding`,
`border`, `border-<side>`, `border-width`, `border-color`, `font` and `background` are
expanded. A property none of the asked-for rules declares is docgen's own value; a value
that cannot be read stops the build, naming the file, line, rule and property.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import tinycss2

from docgen.errors import DocgenError
from docgen.paths import TEMPLATES
from docgen.writers.docx_css_values import Declared, Node, longhands, words

SELECTOR = re.compile(
    r"^table((?:\.[\w-]+)*)\s+(?:[\w.-]+\s+)*(?:th|td)"
    r"((?::first-child|:last-child|:nth-child\(\d+\)|\.[\w-]+)*)$")
PART = re.compile(r":first-child|:last-child|:nth-child\((\d+)\)|\.([\w-]+)")
CELL = ("table.grid td", "table.grid th")
"""The data table's cells: their padding is outside a width a rule sets."""
VARIABLES = frozenset({":root", "html"})
"""Where a `var()` finds its custom property."""


@dataclass(frozen=True)
class ColumnRule:
    """One rule giving a column a width."""

    table: frozenset[str]
    """Classes the table must have."""
    position: int | None
    """Column index (-1: the last), or None when the rule picks the cell by class."""
    cell: frozenset[str]
    """Classes the cell must have."""
    value: float
    unit: str
    """"%", "em" or "pt"."""
    rank: tuple[int, int]
    """(specificity, order in the stylesheet): the highest wins."""
    padding: float = 0.0
    """Points of the cell's left and right padding, added to the width the rule sets (in
    %, em or pt): WeasyPrint lays a cell's padding outside its width, a percentage's too."""


class Stylesheet:
    """One parsed document.css, falling back on docgen's own for what it does not say."""

    def __init__(self, text: str, path: Path | str, fallback: Stylesheet | None = None) -> None:
        self.path, self.fallback = str(path), fallback
        self.declared: dict[tuple[str, str], Declared] = {}
        self.faces: set[str] = set()
        """Font families the stylesheet itself supplies (`@font-face`)."""
        rules = list(_rules(tinycss2.parse_stylesheet(text, True, True), self.faces))
        variables = {d.lower_name: tuple(d.value) for selectors, _, body in rules
                     if VARIABLES & set(selectors) for d in body
                     if d.type == "declaration" and d.name.startswith("--")}
        widths: list[tuple[str, Declared, int]] = []
        for order, (selectors, rule, body) in enumerate(rules):
            for d in body:
                if d.type == "declaration" and not d.name.startswith("--"):
                    widths.extend((selector, made, order) for selector, name, made
                                  in self._declare(selectors, rule, d, variables)
                                  if name == "width")
        self.columns = [column for selector, made, order in widths
                        if (column := self._column(selector, made, order)) is not None]

    def _declare(self, selectors: list[str], rule: str, d: Any,
                 variables: dict[str, tuple[Node, ...]]) -> Iterator[tuple[str, str, Declared]]:
        """Record one declaration (each of its longhands) for each selector of its rule."""
        value = _substitute(d.value, variables, 0)
        written = f"{d.name}: {tinycss2.serialize(d.value).strip()}"
        where = f"{self.path}:{d.source_line}:{d.source_column}"
        for name, tokens in longhands(d.lower_name, words(value), value):
            made = Declared(tuple(tokens), written, rule, where, d.important)
            for selector in selectors:
                old = self.declared.get((selector, name))
                if old is None or made.important or not old.important:
                    self.declared[selector, name] = made
                yield selector, name, made

    def find(self, prop: str, *selectors: str) -> Declared | None:
        """What the first of `selectors` declaring `prop` says, here, else in docgen's own."""
        sheet: Stylesheet | None = self
        while sheet is not None:
            for selector in selectors:
                found = sheet.declared.get((selector, prop))
                if found is not None:
                    return found
            sheet = sheet.fallback
        return None

    def _column(self, selector: str, made: Declared, order: int) -> ColumnRule | None:
        found = SELECTOR.match(selector)
        if found is None or self.declared.get((selector, "width")) is not made:
            return None
        table = frozenset(filter(None, found.group(1).split(".")))
        position, cell = None, set()
        for part in PART.finditer(found.group(2)):
            text = part.group(0)
            if part.group(2):
                cell.add(part.group(2))
            else:
                position = 0 if text == ":first-child" else -1 if text == ":last-child" \
                    else int(part.group(1)) - 1
        width = made.width()
        if width is None:
            return None
        value, unit = width
        padding = sum(d.points(em=0) for side in ("left", "right")
                      if (d := self.find(f"padding-{side}", *CELL)) is not None)
        specificity = len(table) + len(PART.findall(found.group(2)))
        return ColumnRule(table, position, frozenset(cell), value, unit, (specificity, order),
                          padding)


def _rules(nodes: Sequence[Any], faces: set[str], page: str = "") -> Iterator[
        tuple[list[str], str, list[Any]]]:
    """(selectors, the rule as written, its declarations) of every rule that counts."""
    for node in nodes:
        if node.type == "qualified-rule":
            yield (_selectors(node.prelude), " ".join(tinycss2.serialize(node.prelude).split()),
                   tinycss2.parse_blocks_contents(node.content, True, True))
        elif node.type != "at-rule" or node.content is None:
            continue
        elif node.lower_at_keyword == "media" and _for_print(node.prelude):
            yield from _rules(tinycss2.parse_rule_list(node.content, True, True), faces)
        elif node.lower_at_keyword == "font-face":
            for d in tinycss2.parse_blocks_contents(node.content, True, True):
                if d.type == "declaration" and d.lower_name == "font-family":
                    faces.update(f.lower() for f in Declared.of(d.value).families())
        elif node.lower_at_keyword == "page" and not page:
            name = " ".join(["@page", *tinycss2.serialize(node.prelude).split()])
            body = tinycss2.parse_blocks_contents(node.content, True, True)
            yield [name], name, body
            yield from _rules(body, faces, name)
        elif page:  # a page-margin box: @top-left inside @page
            name = f"{page} @{node.lower_at_keyword}"
            yield [name], name, tinycss2.parse_blocks_contents(node.content, True, True)


def _selectors(prelude: list[Node]) -> list[str]:
    """The selectors of a rule, each with its whitespace normalised."""
    parts: list[list[str]] = [[]]
    for token in prelude:
        if token.type == "literal" and token.value == ",":
            parts.append([])
        elif token.type == "literal" and token.value in ">+~":
            parts[-1].append(f" {token.value} ")
        else:
            parts[-1].append(" " if token.type == "whitespace" else
                             tinycss2.serialize([token]).replace("/**/", ""))
    return [" ".join("".join(part).split()) for part in parts]


def _for_print(prelude: list[Node]) -> bool:
    """Whether an @media rule applies to a printed page."""
    for query in tinycss2.serialize(prelude).lower().split(","):
        first = (query.split() or ["all"])[0]
        first = (query.split()[1:2] or ["all"])[0] if first == "only" else first
        if first in ("print", "all") or first.startswith("("):
            return True
    return False


def _substitute(tokens: Sequence[Node], variables: dict[str, tuple[Node, ...]],
                depth: int) -> list[Node]:
    """`tokens` with every `var(--name, fallback)` replaced by its value (where it has one)."""
    out: list[Node] = []
    for token in tokens:
        if token.type == "function" and token.lower_name == "var" and depth < 16:
            args = [a for a in token.arguments if a.type != "whitespace"]
            comma = next((i for i, a in enumerate(token.arguments)
                          if a.type == "literal" and a.value == ","), None)
            name = args[0].value if args and args[0].type == "ident" else ""
            value = variables.get(name) or (token.arguments[comma + 1:] if comma is not None
                                            else None)
            if value is not None:
                out.extend(_substitute(value, variables, depth + 1))
                continue
        out.append(token)
    return out


@cache
def own() -> Stylesheet:
    """docgen's own document.css: the fallback for every property."""
    path = TEMPLATES / "document.css"
    return Stylesheet(path.read_text(encoding="utf-8"), path.resolve())


def load(path: Path) -> Stylesheet:
    """The stylesheet at `path` (docgen's own if it is that, or there is none)."""
    if not path.is_file() or path.resolve() == (TEMPLATES / "document.css").resolve():
        return own()
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise DocgenError(f"{path}: the Word writer cannot read this stylesheet ({error})") \
            from None
    return Stylesheet(text, path, fallback=own())


def column_rules(css: str) -> list[ColumnRule]:
    """Every rule of `css` that sets the width of a table column."""
    return Stylesheet(css, "<stylesheet>", fallback=own()).columns


def widths(rules: list[ColumnRule], table: set[str], cells: list[set[str]], total: int,
           font_pt: float) -> list[int]:
    """Column widths in twips adding up to `total`, given the classes of the table and of
    its first row's cells (one set per column)."""
    count = len(cells)
    fixed: dict[int, int] = {}
    for index, cell in enumerate(cells):
        best = None
        for rule in rules:
            if rule.table <= table and rule.cell <= cell and (
                    rule.position is None or rule.position in (index, index - count)) and (
                    best is None or rule.rank > best.rank):
                best = rule
        if best is not None:
            fixed[index] = _twips(best, total, font_pt)
    free = [index for index in range(count) if index not in fixed]
    rest = total - sum(fixed.values())
    if not free:  # every column has a width: scale them to the table's width
        scale = total / max(sum(fixed.values()), 1)
        fixed = {index: round(width * scale) for index, width in fixed.items()}
        free, rest = [count - 1], total - sum(fixed.values()) + fixed.pop(count - 1)
    elif rest < 400 * len(free):  # too little left: share the width equally
        fixed, free, rest = {}, list(range(count)), total
    each = rest // len(free)
    out = [fixed.get(index, each) for index in range(count)]
    out[free[-1]] += rest - each * len(free)
    return out


def _twips(rule: ColumnRule, total: int, font_pt: float) -> int:
    if rule.unit == "%":  # of the table's width; the padding is outside it, as in the PDF
        return round(total * rule.value / 100 + rule.padding * 20)
    points = rule.value * font_pt if rule.unit == "em" else rule.value
    return round((points + rule.padding) * 20)
