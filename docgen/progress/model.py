"""The progress file as pydantic models: what one reporting period may record."""

from typing import Annotated, Literal

from pydantic import Field

from docgen.model.targets import PeriodSpec
from docgen.model.types import Amount, Currency, Date, PlainProse, Ref, SpecModel, Text

Status = Literal["not-started", "on-track", "at-risk", "delayed", "done", "cancelled"]
CLOSED: frozenset[str] = frozenset({"done", "cancelled"})
"""Statuses after which an activity can no longer be late."""


class MilestoneProgress(SpecModel):
    """Whether the activity's n-th milestone (1-based, in the spec's order) was met, and when."""

    milestone: Annotated[int, Field(ge=1)]
    met: bool
    on: Date | None = None


class ActivityProgress(SpecModel):
    """Where one roadmap activity stands at `as_of`."""

    id: Ref
    status: Status
    started: Date | None = None
    completed: Date | None = None
    note: PlainProse | None = None
    evidence: Annotated[list[Text], Field(default_factory=list)]
    """References to what shows it: a record of a session, a gazette notice, a link."""
    milestones: Annotated[list[MilestoneProgress], Field(default_factory=list)]


class Actual(SpecModel):
    """A measured value of a target's metric over one period."""

    period: PeriodSpec
    value: Amount
    currency: Currency | None = None
    unit: Text | None = None
    source: Text


class TargetProgress(SpecModel):
    """The actual values of one target, period by period."""

    id: Ref
    actuals: Annotated[list[Actual], Field(min_length=1)]


class ActionProgress(SpecModel):
    """Whether one action item of the minutes was done, and when."""

    id: Ref
    done: bool
    on: Date | None = None
    """The day it was done (required once done)."""
    note: PlainProse | None = None


class Progress(SpecModel):
    """One reporting period's progress against a signed spec (schema version 1)."""

    progress_version: Literal[1]
    spec: Text
    """The spec this reports on: its path, relative to this file (`../../stem.yaml`)."""
    as_of: Date
    """The day the report speaks for; the file is named after it (`2027-03-31.yaml`)."""
    activities: Annotated[list[ActivityProgress], Field(default_factory=list)]
    targets: Annotated[list[TargetProgress], Field(default_factory=list)]
    actions: Annotated[list[ActionProgress], Field(default_factory=list)]
    """The action items of the spec's minutes (its meeting), done or not."""
    decisions: Annotated[list[PlainProse], Field(default_factory=list)]
    """What the review decided."""
