"""DG4xx: targets and their parts add up, and aim higher than where they start.

A range (`{min, max}`) is read as a commitment: its lower end is what a target promises
at least, its upper end the most it counts. So a target must promise more than its
baseline can be (DG403: the target's lower end above the baseline's upper end), and the
parts' promises must fit in the most the whole counts (DG402: the sum of the parts'
lower ends at most the whole's upper end). An approximate figure compares as written.
"""

from __future__ import annotations

import math
from collections.abc import Iterator

from docgen.model.values import Figure, Range, high, low
from docgen.rules.engine import Hit, rule
from docgen.rules.index import Entry, Index


def _measure(target: object) -> str:
    currency, unit = getattr(target, "currency", None), getattr(target, "unit", None)
    return str(currency or unit)


def _figure(value: float) -> str:
    """Print a figure as a negotiator writes it: 1,250,000 or 2.75 (never 2.75 rounded to 3)."""
    value = round(float(value), 6)
    return f"{value:,.0f}" if value.is_integer() else f"{value:,}"


def shown(value: Figure) -> str:
    """Print a figure or a range for a message: 8,000,000, or 8,000,000 to 10,000,000."""
    if isinstance(value, Range):
        return f"{_figure(value.min)} to {_figure(value.max)}"
    return _figure(value)


def _parts(index: Index) -> dict[str, list[Entry]]:
    parts: dict[str, list[Entry]] = {}
    for entry in index.of_kind("target"):
        if entry.item.part_of is not None and index.get(entry.item.part_of, "target"):
            parts.setdefault(entry.item.part_of, []).append(entry)
    return parts


@rule("DG401")
def part_of_other_measure(index: Index) -> Iterator[Hit]:
    """A part must count the same metric, in the same currency or unit, as its whole."""
    for whole_id, parts in _parts(index).items():
        whole = index.get(whole_id, "target")
        for part in parts:
            if part.item.metric != whole.metric or _measure(part.item) != _measure(whole):
                yield Hit((*part.path, "part_of"), f"target '{part.item.id}' "
                          f"({part.item.metric}, {_measure(part.item)}) cannot be part of "
                          f"'{whole.id}' ({whole.metric}, {_measure(whole)})",
                          "a part must have the same metric and currency or unit as its whole")


@rule("DG402")
def parts_exceed_whole(index: Index) -> Iterator[Hit]:
    """Parts of a target may not add up to more than the target itself."""
    for whole_id, parts in _parts(index).items():
        whole_entry = index.by_id[whole_id]
        whole = whole_entry.item
        same = [p.item for p in parts
                if p.item.metric == whole.metric and _measure(p.item) == _measure(whole)]
        total = math.fsum(low(p.value) for p in same)
        if same and total > high(whole.value) * (1 + 1e-9):
            listed = " + ".join(f"{p.id} {shown(p.value)}" for p in same)
            least = "at least " if any(isinstance(p.value, Range) for p in same) else ""
            yield Hit((*whole_entry.path, "value"), f"the parts of target '{whole.id}' add up to "
                      f"{least}{_figure(total)} ({listed}), more than the target's "
                      f"{shown(whole.value)}",
                      "lower the parts or raise the whole", at_key=isinstance(whole.value, Range))


@rule("DG403")
def target_not_above_baseline(index: Index) -> Iterator[Hit]:
    """A target must be higher than its baseline, or it targets nothing."""
    for entry in index.of_kind("target"):
        target = entry.item
        if target.baseline is not None and low(target.value) <= high(target.baseline.value):
            ranged = isinstance(target.value, Range) or isinstance(target.baseline.value, Range)
            yield Hit((*entry.path, "value"), f"target '{target.id}' ({shown(target.value)}) is "
                      f"not above its baseline ({shown(target.baseline.value)})",
                      "a target's lower end should be above its baseline's upper end; check "
                      "both ranges" if ranged else
                      "a target should improve on the baseline; check both figures",
                      at_key=isinstance(target.value, Range))


@rule("DG404")
def part_of_cycle(index: Index) -> Iterator[Hit]:
    """A target cannot be, through its wholes, a part of itself (reported once per circle)."""
    for entry in index.of_kind("target"):
        seen = [entry.item.id]
        current = index.get(entry.item.part_of, "target")
        while current is not None and current.id not in seen:
            seen.append(current.id)
            current = index.get(current.part_of, "target")
        if current is not None and current.id == entry.item.id == min(seen):
            yield Hit((*entry.path, "part_of"), "targets are parts of each other in a circle: "
                      + " -> ".join([*seen, entry.item.id]), "remove one 'part_of:'")


@rule("DG405")
def part_due_after_whole(index: Index) -> Iterator[Hit]:
    """A part cannot be due later than the whole it counts towards."""
    for whole_id, parts in _parts(index).items():
        whole = index.get(whole_id, "target")
        for part in parts:
            if part.item.by > whole.by:
                yield Hit((*part.path, "by"), f"target '{part.item.id}' is due ({part.item.by}) "
                          f"after '{whole.id}', which it is part of ({whole.by})",
                          f"set 'by:' on or before {whole.by}")
