"""The value types a spec is written in: ids, references, text, dates, money, codes.

Every type is strict where lax parsing would hide a mistake (the string "no" never
becomes False, "12" never becomes 12), and each carries a JSON Schema that editors
can use for completion.
"""


import datetime as dt
import re
from typing import Annotated, Any

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StringConstraints,
    WithJsonSchema,
)
from pydantic_core import PydanticCustomError

ID_PATTERN = r"^[A-Za-z0-9](?:[A-Za-z0-9._-]{0,38}[A-Za-z0-9])?$"
_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff\ufffe\uffff]")
_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")


class SpecModel(BaseModel):
    """Base of every spec model: strict, closed, and documented field by field."""

    model_config = ConfigDict(
        strict=True,
        extra="forbid",
        frozen=True,
        use_attribute_docstrings=False,
        str_strip_whitespace=False,
        defer_build=True,
    )


def _legal_text(value: str) -> str:
    """Reject characters that no Word or PDF file can hold."""
    found = _ILLEGAL.search(value)
    if found:
        raise PydanticCustomError(
            "illegal_character",
            "the character U+{code} cannot appear in a document",
            {"code": f"{ord(found.group()):04X}"},
        )
    return value


def _known_currency(value: str) -> str:
    from docgen.currencies import known_currencies

    if value not in known_currencies():
        raise PydanticCustomError(
            "unknown_currency", "not an ISO 4217 currency code")
    return value


def _not_blank(value: str) -> str:
    if not value.strip():
        raise PydanticCustomError("blank_text", "this text is empty")
    return value


def _iso_date(value: Any) -> Any:
    """Accept only a real calendar date written YYYY-MM-DD."""
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return value
    if isinstance(value, str):
        match = _DATE.match(value.strip())
        if match:
            try:
                return dt.date(*(int(part) for part in match.groups()))
            except ValueError as error:
                raise PydanticCustomError(
                    "impossible_date", "{value} is not a real date ({reason})",
                    {"value": value, "reason": str(error)}) from None
    raise PydanticCustomError(
        "date_format", "expected a date written YYYY-MM-DD, got '{value}'",
        {"value": value})


class Marker:
    """A tag in a field's metadata that rules look for; pydantic passes it through."""

    def __init__(self, name: str) -> None:
        self.name = name

    def __repr__(self) -> str:
        return f"Marker({self.name!r})"


TEXT = Marker("text")
"""Marks text a document prints: what a translation file may give in another language."""

PROSE = Marker("prose")
"""Marks running text that is read for wording (binding words)."""

REQUIRED_IN_FINAL = Marker("required-in-final")
"""Marks an optional field that a final document must fill in."""

Text = Annotated[
    str,
    StringConstraints(min_length=1, max_length=20_000),
    AfterValidator(_legal_text),
    AfterValidator(_not_blank),
    TEXT,
]
"""A short piece of text: a name, a title, a place."""

PlainProse = Annotated[Text, PROSE]
"""Running text that is read for wording and never negotiated (a progress file's notes);
a spec's is `docgen.model.negotiation.Prose`."""

Id = Annotated[str, StringConstraints(pattern=ID_PATTERN)]
"""A short human id: letters, digits, '.', '_' or '-', like `PK`, `agri-food`, `R-3.2`."""

Ref = Annotated[str, StringConstraints(pattern=ID_PATTERN), Field(json_schema_extra={"x-ref": 1})]
"""A reference to something's id."""

Date = Annotated[
    dt.date,
    BeforeValidator(_iso_date),
    WithJsonSchema({"type": "string", "format": "date", "pattern": r"^\d{4}-\d{2}-\d{2}$"}),
]
"""A calendar date written YYYY-MM-DD."""

Amount = Annotated[float, Field(ge=0, allow_inf_nan=False, lt=1e15)]
"""A non-negative finite number."""

Currency = Annotated[str, StringConstraints(pattern=r"^[A-Z]{3}$"), AfterValidator(_known_currency)]
"""An ISO 4217 currency code such as USD, PKR or KZT."""

Language = Annotated[str, StringConstraints(pattern=r"^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$")]
"""A BCP 47 language tag such as `en`, `ur`, `kk`, `ru`."""

Email = Annotated[str, StringConstraints(pattern=r"^[^@\s]+@[^@\s]+\.[^@\s]+$")]
"""An e-mail address."""
