"""DG13x: the spec's structure beyond types: unique ids, owners, measurable indicators,
figures that say one thing (a currency or a unit; a range that runs upwards)."""

from __future__ import annotations

from collections.abc import Iterator

from docgen.diagnostics import KeyPath, dotted
from docgen.model.roadmap import Indicator
from docgen.model.values import Figure, Range
from docgen.rules.engine import Hit, rule
from docgen.rules.index import Index
from docgen.rules.targets import shown


@rule("DG130")
def duplicate_id(index: Index) -> Iterator[Hit]:
    """Two things share one id, so references to it would be ambiguous."""
    for first, again in index.duplicates:
        yield Hit((*again.path, "id"), f"the id '{again.item.id}' is already used",
                  f"it is first used by the {first.kind} at {dotted(first.path)}; "
                  f"give each {again.kind} its own id")


@rule("DG131")
def activity_without_owner(index: Index) -> Iterator[Hit]:
    """Every roadmap activity needs someone responsible."""
    for entry in index.of_kind("activity"):
        if not entry.item.owners:
            yield Hit((*entry.path, "id"), f"activity '{entry.item.id}' has no owner",
                      "add 'owners:' with the responsible institutions of each side")


@rule("DG132")
def activity_without_measure(index: Index) -> Iterator[Hit]:
    """Every activity needs at least one indicator with a number to reach or a target."""
    for entry in index.of_kind("activity"):
        if not any(i.value is not None or i.target is not None for i in entry.item.indicators):
            yield Hit((*entry.path, "id"), f"activity '{entry.item.id}' has no measurable "
                      "indicator", "add an indicator with a 'value:' (and 'unit:') or a "
                      "'target:' it counts towards")


@rule("DG134")
def target_currency_or_unit(index: Index) -> Iterator[Hit]:
    """A target is counted either in money (a currency) or in a unit, never both or neither."""
    for entry in index.of_kind("target"):
        target = entry.item
        if (target.currency is None) == (target.unit is None):
            has = "both a currency and" if target.currency else "neither a currency nor"
            yield Hit((*entry.path, "id"), f"target '{target.id}' has {has} a unit",
                      "give 'currency:' (an ISO code such as USD) for money, or "
                      "'unit:' for anything else")


def _indicators(index: Index) -> Iterator[tuple[KeyPath, str, Indicator]]:
    """Yield (key path, how a message names it, indicator) for every activity's indicators."""
    for entry in index.of_kind("activity"):
        for i, indicator in enumerate(entry.item.indicators):
            yield ((*entry.path, "indicators", i),
                   f"indicator {i + 1} of activity '{entry.item.id}'", indicator)


@rule("DG135")
def indicator_currency_and_unit(index: Index) -> Iterator[Hit]:
    """An indicator counted in money has a currency, and then no unit."""
    for path, what, indicator in _indicators(index):
        if indicator.currency is not None and indicator.unit is not None:
            yield Hit((*path, "currency"), f"{what} has both a currency and a unit",
                      "keep 'currency:' for money, or 'unit:' for anything else")


def _figures(index: Index) -> Iterator[tuple[KeyPath, str, Figure]]:
    """Yield (key path, how a message names it, figure) for every figure that may be a range."""
    for entry in index.of_kind("target"):
        target = entry.item
        yield (*entry.path, "value"), f"target '{target.id}'", target.value
        if target.baseline is not None:
            yield ((*entry.path, "baseline", "value"), f"the baseline of target '{target.id}'",
                   target.baseline.value)
    for path, what, indicator in _indicators(index):
        if indicator.value is not None:
            yield (*path, "value"), what, indicator.value


@rule("DG136")
def range_upside_down(index: Index) -> Iterator[Hit]:
    """A range runs from its lower end (`min`) up to its upper end (`max`)."""
    for path, what, value in _figures(index):
        if isinstance(value, Range) and value.min > value.max:
            yield Hit((*path, "min"), f"the range of {what} has a min ({shown(value.min)}) greater "
                      f"than its max ({shown(value.max)})", "swap 'min:' and 'max:'")


@rule("DG137")
def indicator_marks_without_value(index: Index) -> Iterator[Hit]:
    """An indicator's `approximate` or `currency` describes its value, so it needs one."""
    for path, what, indicator in _indicators(index):
        if indicator.value is not None:
            continue
        for key, given in (("approximate", indicator.approximate),
                           ("currency", indicator.currency is not None)):
            if given:
                yield Hit((*path, key), f"{what} has '{key}:' but no value",
                          f"add 'value:', or remove '{key}:'")
