"""The values negotiators write besides a plain figure or a day.

A figure may be a range (`{min: 8_000_000, max: 10_000_000}`); a due date may be
written to the month (`2027-06`) or the year (`2030`) and then stands for the last day
of that period, so every rule that compares dates compares that day; an action item may
fall due a number of days or months after the meeting (`{within_days: 30}`); an
activity may have no end (`ongoing`); a coordination body may already exist
(`established: 1996`, or `true`).

Each value picks its form by its shape (a mapping, a number, a text), and errors are
reported at the key as written, never at a member of a union, so every diagnostic
stands on its line in the file.
"""

from __future__ import annotations

import datetime as dt
import re
from functools import cache
from typing import Annotated, Any, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    GetCoreSchemaHandler,
    GetJsonSchemaHandler,
    PlainSerializer,
    PlainValidator,
    TypeAdapter,
    model_validator,
)
from pydantic.json_schema import JsonSchemaValue
from pydantic_core import PydanticCustomError, core_schema

from docgen.model.types import Amount, SpecModel

Precision = Literal["day", "month", "year"]
ONGOING = "ongoing"
YEARS = (1900, 2200)
_WRITTEN = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


def _days_in(year: int, month: int) -> int:
    """The number of days in a month (without importing `calendar`, for validate's speed)."""
    following = dt.date(year + month // 12, month % 12 + 1, 1)
    return (following - dt.timedelta(days=1)).day


class PeriodDate(dt.date):
    """A date written to the day, the month or the year (`2026-03-15`, `2027-06`, `2030`).

    It is the last day of what was written (`2027-06` is 30 June 2027), so comparing it
    with any date compares that day; `precision` says how it is printed ("June 2027"),
    and `str()` gives it back as written, for messages.
    """

    __slots__ = ("precision",)
    precision: Precision

    def __new__(cls, year: int, month: int, day: int, precision: Precision = "day",
                ) -> PeriodDate:
        self = super().__new__(cls, year, month, day)
        self.precision = precision
        return self

    @classmethod
    def written(cls, year: int, month: int | None = None, day: int | None = None,
                ) -> PeriodDate:
        """The date a spec means by a year, a year and month, or a full date."""
        if month is None:
            return cls(year, 12, 31, "year")
        if day is None:
            if not 1 <= month <= 12:
                raise ValueError("month must be in 1..12")
            return cls(year, month, _days_in(year, month), "month")
        return cls(year, month, day)

    @property
    def first(self) -> dt.date:
        """The first day of the period written: 1 June 2027 for `2027-06`."""
        if self.precision == "year":
            return dt.date(self.year, 1, 1)
        return dt.date(self.year, self.month, 1) if self.precision == "month" else \
            dt.date(self.year, self.month, self.day)

    def __str__(self) -> str:
        if self.precision == "year":
            return f"{self.year:04d}"
        return f"{self.year:04d}-{self.month:02d}" if self.precision == "month" else \
            self.isoformat()

    def __repr__(self) -> str:
        return f"PeriodDate({str(self)!r})"

    def __reduce__(self) -> tuple[Any, ...]:
        return (PeriodDate, (self.year, self.month, self.day, self.precision))

    @classmethod
    def __get_pydantic_core_schema__(cls, source: Any, handler: GetCoreSchemaHandler,
                                     ) -> core_schema.CoreSchema:
        return core_schema.no_info_plain_validator_function(
            parse_period_date, serialization=core_schema.plain_serializer_function_ser_schema(
                str, when_used="json"))

    @classmethod
    def __get_pydantic_json_schema__(cls, schema: core_schema.CoreSchema,
                                     handler: GetJsonSchemaHandler) -> JsonSchemaValue:
        return {"anyOf": [
            {"type": "string", "format": "date", "pattern": r"^\d{4}-\d{2}-\d{2}$"},
            {"type": "string", "pattern": r"^\d{4}-(0[1-9]|1[0-2])$"},
            {"type": "integer", "minimum": YEARS[0], "maximum": YEARS[1]},
            {"type": "string", "pattern": r"^\d{4}$"},
        ]}


def parse_period_date(value: Any, forms: str = "YYYY-MM-DD, YYYY-MM or YYYY") -> PeriodDate:
    """Read a date written to the day, the month or the year; a year may be a number."""
    if isinstance(value, PeriodDate):
        return value
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return PeriodDate(value.year, value.month, value.day)
    text = str(value) if isinstance(value, int) and not isinstance(value, bool) else value
    match = _WRITTEN.match(text.strip()) if isinstance(text, str) else None
    if match is None or not YEARS[0] <= int(match.group(1)) <= YEARS[1]:
        raise PydanticCustomError("period_date_format", "expected a date written {forms}, "
                                  "got '{value}'", {"value": value, "forms": forms})
    _, month, day = (int(part) if part else None for part in match.groups())
    try:
        return PeriodDate.written(int(match.group(1)), month, day)
    except ValueError as error:
        raise PydanticCustomError("impossible_date", "{value} is not a real date ({reason})",
                                  {"value": value, "reason": str(error)}) from None


class Range(SpecModel):
    """A figure known only within bounds: "8–10 million tonnes"."""

    min: Amount
    max: Amount


Figure = float | Range
"""A figure (a number), or a range of figures."""


class Within(SpecModel):
    """A due date counted from the last day of the meeting: `{within_days: 30}`."""

    model_config = ConfigDict(json_schema_extra={"minProperties": 1, "maxProperties": 1})
    within_days: Annotated[int | None, Field(ge=1, le=3650)] = None
    within_months: Annotated[int | None, Field(ge=1, le=120)] = None

    @model_validator(mode="after")
    def _one_count(self) -> Within:
        if (self.within_days is None) == (self.within_months is None):
            raise PydanticCustomError("one_within", "give either 'within_days' or "
                                      "'within_months'")
        return self

    def resolve(self, meeting_end: dt.date) -> PeriodDate:
        """The date this falls due: so many days or calendar months after the meeting."""
        if self.within_days is not None:
            day = meeting_end + dt.timedelta(days=self.within_days)
            return PeriodDate(day.year, day.month, day.day)
        months = meeting_end.month - 1 + (self.within_months or 0)
        year, month = meeting_end.year + months // 12, months % 12 + 1
        return PeriodDate(year, month, min(meeting_end.day, _days_in(year, month)))


# Each form is validated on its own, so its errors keep their place (`value.min`), by a
# validator built when a spec first uses that form (most specs never write a range).
@cache
def _amounts() -> TypeAdapter[float]:
    return TypeAdapter(Amount, config=ConfigDict(strict=True))


@cache
def _ranges() -> TypeAdapter[Range]:
    return TypeAdapter(Range)


@cache
def _withins() -> TypeAdapter[Within]:
    return TypeAdapter(Within)


def plain_figure(value: Any) -> Figure:
    """Read a figure or a `{min, max}` range."""
    return _ranges().validate_python(value) if isinstance(value, dict) else \
        _amounts().validate_python(value)


def _due(value: Any) -> PeriodDate | Within:
    return _withins().validate_python(value) if isinstance(value, dict) else \
        parse_period_date(value)


def _end(value: Any) -> PeriodDate | Literal["ongoing"]:
    if value == ONGOING:
        return "ongoing"
    return parse_period_date(value, f"YYYY-MM-DD, YYYY-MM, YYYY or '{ONGOING}'")


def _established(value: Any) -> PeriodDate | bool:
    if isinstance(value, bool):
        return value
    return parse_period_date(value, "YYYY-MM-DD, YYYY-MM, YYYY or true")


def _as_written(value: Any) -> Any:
    """A value of one of these unions in JSON, as the spec writes it (the cache keys on it)."""
    if isinstance(value, BaseModel):
        return value.model_dump(mode="json", exclude_none=True)
    return str(value) if isinstance(value, PeriodDate) else value


AS_WRITTEN = PlainSerializer(_as_written, when_used="json")


FigureSpec = Annotated[Figure, PlainValidator(plain_figure, json_schema_input_type=Amount | Range),
                       AS_WRITTEN]
"""A non-negative figure, or `{min, max}`: a range of them."""

DueDate = PeriodDate
"""A date by which something is due: written to the day, the month or the year."""

Due = Annotated[PeriodDate | Within,
                PlainValidator(_due, json_schema_input_type=PeriodDate | Within), AS_WRITTEN]
"""An action item's due date: a date, or `{within_days: N}` / `{within_months: N}`."""

End = Annotated[PeriodDate | Literal["ongoing"],
                PlainValidator(_end, json_schema_input_type=PeriodDate | Literal["ongoing"]),
                AS_WRITTEN]
"""An activity's end: a date by which it is done, or `ongoing` (no end date)."""

Established = Annotated[PeriodDate | bool,
                        PlainValidator(_established, json_schema_input_type=PeriodDate | bool),
                        AS_WRITTEN]
"""When a coordination body was set up (`1996`, `2019-03`), or `true` if it exists."""


def low(value: Figure) -> float:
    """The lower end of a figure (the figure itself, if it is no range)."""
    return value.min if isinstance(value, Range) else value


def high(value: Figure) -> float:
    """The upper end of a figure (the figure itself, if it is no range)."""
    return value.max if isinstance(value, Range) else value
