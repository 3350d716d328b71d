"""DG13x: the spec's structure beyond types: unique ids, owners, measurable indicators."""

from __future__ import annotations

from collections.abc import Iterator

from docgen.diagnostics import dotted
from docgen.rules.engine import Hit, rule
from docgen.rules.index import Index


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
