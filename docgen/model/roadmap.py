"""The roadmap: activities with timelines, owners, milestones and indicators."""


from typing import Annotated, Literal

from pydantic import Field

from docgen.model.negotiation import ClauseStatus, Prose
from docgen.model.types import REQUIRED_IN_FINAL, Currency, Date, Id, Ref, SpecModel, Text
from docgen.model.values import DueDate, End, Established, FigureSpec, PeriodDate

Frequency = Literal["monthly", "quarterly", "twice-yearly", "yearly", "every-two-years"]
Level = Literal["low", "medium", "high"]


class Milestone(SpecModel):
    """A dated step inside an activity."""

    date: DueDate
    title: Text


class Indicator(SpecModel):
    """How progress is measured: a quantity to reach, or a target it counts towards."""

    text: Text
    """What is counted, e.g. "B2B matchmaking sessions held"."""
    value: FigureSpec | None = None
    """A figure to reach, or `{min, max}`."""
    unit: Text | None = None
    target: Ref | None = None
    """A target this indicator counts towards."""
    currency: Currency | None = None
    """For an indicator counted in money, instead of a unit."""
    approximate: bool = False
    """True for a value stated loosely: printed "about 300 meetings"."""


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
    end: End
    """The date by which it is done (`2027-06-30`, `2027-06`, `2027`), or `ongoing`."""
    form: Annotated[Text | None, REQUIRED_IN_FINAL] = None
    """Form of completion, e.g. "Signed protocol" or "Joint report"."""
    depends_on: Annotated[list[Ref], Field(default_factory=list)]
    milestones: Annotated[list[Milestone], Field(default_factory=list)]
    indicators: Annotated[list[Indicator], Field(default_factory=list)]
    status: ClauseStatus = "agreed"
    """Where the activity stands in the negotiation: `agreed`, `ad-referendum` (agreed
    subject to confirmation by capitals) or `open` (proposed by `proposed_by`, not agreed)."""
    proposed_by: Annotated[list[Ref], Field(default_factory=list)]
    """The sides that propose an open activity."""

    @property
    def finish(self) -> PeriodDate | None:
        """The date it ends, or None for an ongoing activity (which rules on ends skip)."""
        return self.end if isinstance(self.end, PeriodDate) else None


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
    established: Established | None = None
    """When an existing body was set up (`1996`, `2019-03`, a date), or `true`: the
    documents then continue it rather than establish it."""


class Risk(SpecModel):
    """Something that could stop the work, and what is done about it."""

    id: Id
    description: Prose
    likelihood: Level
    impact: Level
    mitigation: Prose
    owners: Annotated[list[Ref], Field(default_factory=list)]
    activities: Annotated[list[Ref], Field(default_factory=list)]
