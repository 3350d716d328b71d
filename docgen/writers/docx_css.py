"""Column widths for the Word writer, read from the same stylesheet the PDF uses.

In: the text of templates/document.css. Out: `ColumnRule`s — the `width` each rule of
the form `table.a.b th:nth-child(2)` (or `:first-child`, `:last-child`, `th.class`)
gives a column — and `widths()`, which lays a table's columns out the way CSS's fixed
table layout does: columns with a width take it, the others share what is left.
Anything else in the stylesheet is ignored; Word styles carry the rest of the look.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

COMMENT = re.compile(r"/\*.*?\*/", re.DOTALL)
RULE = re.compile(r"([^{}]+)\{([^{}]*)\}")
WIDTH = re.compile(r"(?:^|;)\s*width\s*:\s*([\d.]+)(%|em|pt|mm)\s*(?:;|$)")
SELECTOR = re.compile(
    r"^table((?:\.[\w-]+)*)\s+(?:[\w.-]+\s+)*(?:th|td)"
    r"((?::first-child|:last-child|:nth-child\(\d+\)|\.[\w-]+)*)$")
PART = re.compile(r":first-child|:last-child|:nth-child\((\d+)\)|\.([\w-]+)")
POINTS = {"pt": 1.0, "mm": 72 / 25.4}
PADDING = 8.0
"""document.css `table.grid td { padding: 3pt 4pt }`: a set width excludes padding."""


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
    rank: tuple[int, int]
    """(specificity, order in the stylesheet): the highest wins."""


def column_rules(css: str) -> list[ColumnRule]:
    """Every rule of `css` that sets the width of a table column."""
    rules: list[ColumnRule] = []
    for order, match in enumerate(RULE.finditer(COMMENT.sub("", css))):
        width = WIDTH.search(match.group(2).strip())
        if width is None:
            continue
        for selector in match.group(1).split(","):
            found = SELECTOR.match(" ".join(selector.split()))
            if found is None:
                continue
            table = frozenset(filter(None, found.group(1).split(".")))
            position, cell = None, set()
            for part in PART.finditer(found.group(2)):
                text = part.group(0)
                if part.group(2):
                    cell.add(part.group(2))
                else:
                    position = 0 if text == ":first-child" else -1 if text == ":last-child" \
                        else int(part.group(1)) - 1
            specificity = len(table) + len(PART.findall(found.group(2)))
            rules.append(ColumnRule(table, position, frozenset(cell), float(width.group(1)),
                                    width.group(2), (specificity, order)))
    return rules


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
    if rule.unit == "%":
        return round(total * rule.value / 100)
    points = rule.value * font_pt if rule.unit == "em" else rule.value * POINTS[rule.unit]
    return round((points + PADDING) * 20)
