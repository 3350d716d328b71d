"""The meeting behind the minutes: delegations, agenda, outcomes and actions."""


from typing import Annotated

from pydantic import Field

from docgen.model.negotiation import Prose
from docgen.model.types import REQUIRED_IN_FINAL, Date, Id, Ref, SpecModel, Text
from docgen.model.values import Due, PeriodDate


class Delegation(SpecModel):
    """One party's delegation: its head first, then its members in order of precedence."""

    party: Ref
    head: Ref
    members: Annotated[list[Ref], Field(default_factory=list)]


class AgendaItem(SpecModel):
    """An item of the adopted agenda, with what was discussed and what came of it."""

    id: Id
    title: Text
    discussion: Annotated[list[Prose], Field(default_factory=list)]
    outcomes: Annotated[list[Prose], Field(default_factory=list)]
    """What the Sides decided or noted under this item."""


class ActionItem(SpecModel):
    """A follow-up with an owner and a due date."""

    id: Id
    text: Prose
    agenda_item: Ref | None = None
    """The agenda item it was decided under."""
    owner: Ref
    """An institution or a person."""
    due: Due
    """A date (`2026-03-15`, `2026-03`, `2026`), or `{within_days: 30}` or
    `{within_months: 3}`, counted from the meeting's last day."""
    serves: Ref | None = None
    """The roadmap activity it moves forward."""


class Instrument(SpecModel):
    """A document signed during the meeting."""

    title: Text
    signed_by: Annotated[list[Ref], Field(default_factory=list)]


class NextMeeting(SpecModel):
    """When and where the Sides will meet again."""

    date: Annotated[Date | None, REQUIRED_IN_FINAL] = None
    place: Text
    note: Prose | None = None


class Meeting(SpecModel):
    """The meeting recorded by the minutes."""

    title: Text
    start: Date
    end: Date
    venue: Text
    city: Text
    co_chairs: Annotated[list[Ref], Field(min_length=1)]
    delegations: Annotated[list[Delegation], Field(default_factory=list)]
    agenda: Annotated[list[AgendaItem], Field(min_length=1)]
    actions: Annotated[list[ActionItem], Field(default_factory=list)]
    instruments_signed: Annotated[list[Instrument], Field(default_factory=list)]
    next_meeting: Annotated[NextMeeting | None, REQUIRED_IN_FINAL] = None

    def due(self, action: ActionItem) -> PeriodDate:
        """The date an action item falls due: its own, or counted from this meeting's end."""
        return action.due if isinstance(action.due, PeriodDate) else action.due.resolve(self.end)
