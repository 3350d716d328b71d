"""The roadmap: activities with timelines, owners, milestones and indicators."""


from typing import Annotated, Literal

from pydantic import Field

from docgen.model.types import REQUIRED_IN_FINAL, Amount, Date, Id, Prose, Ref, SpecModel, Text

Frequency = Literal["monthly", "quarterly", "twice-yearly", "yearly", "every-two-years"]
Level = Literal["low", "medium", "high"]


class Milestone(SpecModel):
    """A dated step inside an activity."""

    date: Date
    title: Text


class Indicator(SpecModel):
    """How progress is measured: a quantity to reach, or a target it counts towards."""

    text: Text
    """What is counted, e.g. "B2B matchmaking sessions held"."""
    value: Amount | None = None
    unit: Text | None = None
    target: Ref | None = None
    """A target this indicator counts towards."""


class Activity(SpecModel):
    """One line of the roadmap matrix."""

    id: Id
    title: Text
    description: Prose | None = None
    sectors: Annotated[list[Ref], Field(default_factory=list)]
    corridors: Annotated[list[Ref], Field(default_factory=list)]
    """Transport corridors the activity develops."""
    owners: Annotated[list[Ref], Field(default_factory=list)]
    """Institutions responsible, from either side."""
    start: Date
    end: Date
    form: Annotated[Text | None, REQUIRED_IN_FINAL] = None
    """Form of completion, e.g. "Signed protocol" or "Joint report"."""
    depends_on: Annotated[list[Ref], Field(default_factory=list)]
    milestones: Annotated[list[Milestone], Field(default_factory=list)]
    indicators: Annotated[list[Indicator], Field(default_factory=list)]


class Mechanism(SpecModel):
    """A coordination body, such as a joint working group."""

    id: Id
    name: Text
    short_name: Text | None = None
    chairs: Annotated[list[Ref], Field(default_factory=list)]
    members: Annotated[list[Ref], Field(default_factory=list)]
    meets: Frequency
    mandate: Prose | None = None
    reports_to: Ref | None = None


class Risk(SpecModel):
    """Something that could stop the work, and what is done about it."""

    id: Id
    description: Prose
    likelihood: Level
    impact: Level
    mitigation: Prose
    owners: Annotated[list[Ref], Field(default_factory=list)]
    activities: Annotated[list[Ref], Field(default_factory=list)]
