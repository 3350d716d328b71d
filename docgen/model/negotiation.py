"""Negotiation state: a text or a figure that is agreed, agreed ad referendum, or open.

Until both sides agree, a draft carries brackets: "[PK: …] [KZ: …]". A spec writes
such a point where the agreed text would stand, as a mapping:

    objectives:
      - Increase bilateral trade.                          # agreed
      - {status: ad-referendum, text: Expand rail freight.} # agreed, subject to capitals
      - {status: open, proposals: {PK: "…", KZ: "…"}}       # each side's wording

and a target's value the same way, with figures for texts. The value read is still a
text (`Negotiated` is a `str`: the proposals joined, for the rules that read words) or
a figure (`OpenFigure` is a `Range` from the lowest proposal to the highest, for the
rules that compare figures), which also knows its status and its proposals, so a
template prints it through `templates/_negotiation.html.j2` and a final refuses it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import cache
from typing import Annotated, Any, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    PlainValidator,
    TypeAdapter,
    ValidatorFunctionWrapHandler,
    WrapValidator,
    model_validator,
)
from pydantic_core import PydanticCustomError

from docgen.diagnostics import KeyPath
from docgen.model.types import PROSE, Ref, SpecModel, Text
from docgen.model.values import AS_WRITTEN, Figure, FigureSpec, Range, high, low, plain_figure

ClauseStatus = Literal["agreed", "ad-referendum", "open"]
PENDING = ("ad-referendum", "open")
"""The statuses a negotiator still has to act on, in the order the status annex lists."""
POINT_KEYS = frozenset({"status", "text", "proposals"})
"""The keys that make a mapping where a text stands a point under negotiation."""
JOINER = " / "
"""How an open text's proposals read when a rule reads it as one text."""


class Negotiated(str):
    """A text that is agreed ad referendum, or open with each side's proposal.

    As a `str` it is its text (ad referendum) or its proposals joined (open), so every
    rule that reads words reads them all; `status` and `proposals` say how it prints.
    """

    __slots__ = ("proposals", "status")
    status: str
    proposals: tuple[tuple[str, str], ...]
    """(side, text) pairs in the spec's order; for ad referendum, one pair ("", text)."""

    def __new__(cls, status: str, proposals: tuple[tuple[str, str], ...]) -> Negotiated:
        self = super().__new__(cls, JOINER.join(text for _, text in proposals))
        self.status = status
        self.proposals = proposals
        return self

    @property
    def is_open(self) -> bool:
        """True while the sides' proposals differ (a final cannot hold it)."""
        return self.status == "open"

    def replaced(self, change: Callable[[tuple[str, ...], str], str]) -> Negotiated:
        """The same point with each text given by `change(place, text)`: place is
        ("proposals", side) for a proposal, ("text",) for an ad referendum text."""
        return Negotiated(self.status, tuple(
            (side, change(("proposals", side) if side else ("text",), text))
            for side, text in self.proposals))

    def __reduce__(self) -> tuple[Any, ...]:
        return (Negotiated, (self.status, self.proposals))

    def __repr__(self) -> str:
        return f"Negotiated({self.status!r}, {self.proposals!r})"


class NegotiatedText(SpecModel):
    """A printed text's negotiation state as the spec writes it."""

    status: ClauseStatus
    text: Text | None = None
    """The agreed (or ad referendum) text."""
    proposals: Annotated[dict[Ref, Text], Field(default_factory=dict)]
    """For an open point: each side's proposed wording, by party id."""

    @model_validator(mode="after")
    def _shape(self) -> NegotiatedText:
        _check_shape(self.status, self.text is not None, self.proposals)
        return self


def _check_shape(status: str, has_text: bool, proposals: dict[str, Any]) -> None:
    if status == "open" and (has_text or not proposals):
        raise PydanticCustomError(
            "open_point", "an open point gives each side's wording under 'proposals', "
            "keyed by party id, and no agreed 'text' or 'value'")
    if status != "open" and (not has_text or proposals):
        raise PydanticCustomError(
            "agreed_point", "an {status} point gives its agreed 'text' (or 'value') and no "
            "'proposals'", {"status": status})


@cache
def _text_points() -> TypeAdapter[NegotiatedText]:
    return TypeAdapter(NegotiatedText)


def _negotiable_text(value: Any, plain: ValidatorFunctionWrapHandler) -> str:
    """Read a text, or a mapping with its negotiation state (each text checked as any)."""
    if not (isinstance(value, dict) and value.keys() & POINT_KEYS):
        return str(plain(value))  # a mapping of other keys is text in braces: DG122 says so
    point = _text_points().validate_python(value)
    if point.status == "agreed":
        return str(point.text)
    if point.status == "ad-referendum":
        return Negotiated(point.status, (("", str(point.text)),))
    return Negotiated(point.status, tuple(point.proposals.items()))


Prose = Annotated[Text, WrapValidator(_negotiable_text,
                                      json_schema_input_type=Text | NegotiatedText), PROSE]
"""Running text that appears in a document and is read for wording; while it is
negotiated, a mapping `{status: open, proposals: {…}}` or `{status: ad-referendum, text: …}`."""


class OpenFigure(Range):
    """A target's value that is open (each side's figure) or agreed ad referendum.

    As a `Range` it runs from the lowest figure proposed to the highest, so the rules
    that compare targets compare every proposal; `status` and `proposals` say how it prints.
    """

    model_config = ConfigDict(title="OpenFigure")
    status: str = "open"
    proposals: tuple[tuple[str, Figure], ...] = ()
    """(side, figure) pairs in the spec's order; for ad referendum, one pair ("", figure)."""

    @property
    def is_open(self) -> bool:
        """True while the sides' figures differ (a final cannot hold it)."""
        return self.status == "open"


class NegotiatedFigure(SpecModel):
    """A target value's negotiation state as the spec writes it."""

    status: ClauseStatus
    value: FigureSpec | None = None
    """The agreed (or ad referendum) figure, or `{min, max}`."""
    proposals: Annotated[dict[Ref, FigureSpec], Field(default_factory=dict)]
    """For an open value: each side's figure, by party id."""

    @model_validator(mode="after")
    def _shape(self) -> NegotiatedFigure:
        _check_shape(self.status, self.value is not None, self.proposals)
        return self


@cache
def _figure_points() -> TypeAdapter[NegotiatedFigure]:
    return TypeAdapter(NegotiatedFigure)


def _negotiable_figure(value: Any) -> Figure:
    if not (isinstance(value, dict) and "status" in value):
        return plain_figure(value)
    point = _figure_points().validate_python(value)
    if point.value is not None and point.status == "agreed":
        return point.value
    pairs: tuple[tuple[str, Figure], ...] = tuple(point.proposals.items()) if \
        point.value is None else (("", point.value),)
    figures = [figure for _, figure in pairs]
    return OpenFigure.model_construct(
        min=min(low(figure) for figure in figures), max=max(high(figure) for figure in figures),
        status=point.status, proposals=pairs)


NegotiableFigure = Annotated[Figure, PlainValidator(
    _negotiable_figure, json_schema_input_type=FigureSpec | NegotiatedFigure), AS_WRITTEN]
"""A target's value: a figure, `{min, max}`, or while it is negotiated
`{status: open, proposals: {PK: …, KZ: …}}` or `{status: ad-referendum, value: …}`."""


@dataclass(frozen=True)
class Point:
    """One point still under negotiation, where the spec writes it."""

    path: KeyPath
    status: str
    proposals: tuple[tuple[str, Any], ...]
    """(side, text or figure); for a whole activity, (side, its title) per side proposing."""
    subject: Any
    """What is negotiated: the `Negotiated` text, the `OpenFigure`, or the activity."""


def points(node: Any, path: KeyPath = ()) -> Iterator[Point]:
    """Yield every point of a spec (or a part of one) that is open or ad referendum."""
    if isinstance(node, Negotiated | OpenFigure):
        yield Point(path, node.status, node.proposals, node)
    elif isinstance(node, BaseModel):
        status = getattr(node, "status", "agreed")
        if status in PENDING and isinstance(getattr(node, "proposed_by", None), list):
            sides = node.proposed_by or [""]  # type: ignore[attr-defined]
            yield Point((*path, "status"), status, tuple(
                (side, getattr(node, "title", "")) for side in sides), node)
        for name in type(node).model_fields:
            yield from points(getattr(node, name), (*path, name))
    elif isinstance(node, list | tuple):
        for position, item in enumerate(node):
            yield from points(item, (*path, position))
