"""Priority sectors and measurable targets, with baselines and parts."""


import datetime as dt
import re
from typing import Annotated, Any

from pydantic import BeforeValidator, Field, WithJsonSchema

from docgen.model.negotiation import NegotiableFigure, Prose
from docgen.model.types import (
    REQUIRED_IN_FINAL,
    Currency,
    Date,
    Id,
    Ref,
    SpecModel,
    Text,
)
from docgen.model.values import DueDate, FigureSpec

_YEAR = re.compile(r"^\d{4}$")


class Sector(SpecModel):
    """A priority sector of cooperation."""

    id: Id
    name: Text
    description: Prose | None = None
    leads: Annotated[list[Ref], Field(default_factory=list)]
    """Institutions that lead the work in this sector."""


class Period(SpecModel):
    """A span of time a figure refers to."""

    start: Date
    end: Date
    label: Text | None = None
    """How the period is printed, e.g. "2025" or "FY 2024-25"."""


def _period(value: Any) -> Any:
    """Accept a calendar year (2025) or 'YYYY-MM-DD/YYYY-MM-DD' as shorthands."""
    if isinstance(value, int) and not isinstance(value, bool) and 1900 <= value <= 2200:
        value = str(value)
    if isinstance(value, str) and _YEAR.match(value):
        return {"start": dt.date(int(value), 1, 1), "end": dt.date(int(value), 12, 31),
                "label": value}
    if isinstance(value, str) and value.count("/") == 1:
        start, end = value.split("/")
        return {"start": start.strip(), "end": end.strip()}
    return value


PeriodSpec = Annotated[
    Period,
    BeforeValidator(_period),
    WithJsonSchema({"anyOf": [
        {"type": "integer", "minimum": 1900, "maximum": 2200},
        {"type": "string", "pattern": r"^\d{4}$|^\d{4}-\d{2}-\d{2}/\d{4}-\d{2}-\d{2}$"},
        {"type": "object", "additionalProperties": False, "required": ["start", "end"],
         "properties": {"start": {"type": "string", "format": "date"},
                        "end": {"type": "string", "format": "date"},
                        "label": {"type": "string", "minLength": 1}}},
    ]}),
]


class Baseline(SpecModel):
    """Where a target starts from: the value in a period, and who says so."""

    value: FigureSpec
    """A figure, or `{min, max}` where the sources disagree."""
    period: PeriodSpec
    source: Annotated[Text | None, REQUIRED_IN_FINAL] = None
    """Where the figure comes from, e.g. "Pakistan Bureau of Statistics"."""
    approximate: bool = False
    """True for an estimate: printed "about US$65 million"."""


class Target(SpecModel):
    """A measurable target: a value of a metric, in a currency or unit, by a date."""

    id: Id
    title: Text
    metric: Text
    """What is measured; targets are compared only within one metric."""
    value: NegotiableFigure
    """A figure, or `{min, max}`: "8–10 million tonnes"; while negotiated,
    `{status: open, proposals: {PK: …, KZ: …}}` or `{status: ad-referendum, value: …}`."""
    currency: Currency | None = None
    unit: Text | None = None
    by: DueDate
    """The date by which the value should be reached: `2028-12-31`, `2028-06` or `2028`."""
    baseline: Annotated[Baseline | None, REQUIRED_IN_FINAL] = None
    part_of: Ref | None = None
    """The target this one is a part of; parts may not add up to more than it."""
    sectors: Annotated[list[Ref], Field(default_factory=list)]
    note: Prose | None = None
    approximate: bool = False
    """True for a target stated loosely: printed "about US$1 billion"."""
