"""Turn a checked spec into what the templates print: resolved names, numbers, groupings.

In: a `Spec`. Out: a plain `DocumentContext` (no formatting, no wording: those are
the templates'). Every number a reader sees (paragraphs, annex rows, action items)
is generated here or by the template's counters, never typed in the spec.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from docgen.model import Spec
from docgen.model.parties import Person
from docgen.model.roadmap import Activity
from docgen.model.targets import Target

EPOCH = dt.date(2000, 1, 1)


@dataclass(frozen=True)
class TargetRow:
    """A target as the targets table shows it: parts follow their whole, indented."""

    target: Target
    depth: int
    label: str


@dataclass(frozen=True)
class ActivityRow:
    """A roadmap activity with its Annex A number and its owners grouped by party."""

    number: int
    activity: Activity
    sector_names: list[str]
    owners_by_party: dict[str, list[str]]


@dataclass
class DocumentContext:
    """Everything both templates need, resolved once."""

    spec: Spec
    final: bool
    names: dict[str, str] = field(default_factory=dict)
    people: dict[str, Person] = field(default_factory=dict)
    target_rows: list[TargetRow] = field(default_factory=list)
    activities: list[ActivityRow] = field(default_factory=list)
    activity_numbers: dict[str, int] = field(default_factory=dict)
    parties_of: dict[str, str] = field(default_factory=dict)

    def name(self, ref: str | None) -> str:
        """Return the display name of anything with an id (short name where one exists)."""
        return self.names.get(ref or "", ref or "")

    @property
    def stamp(self) -> dt.date:
        """The one date every file's timestamps use: signing, else the meeting, else 2000."""
        meeting = self.spec.meeting
        return self.spec.document.date or (meeting.end if meeting else None) or EPOCH

    def persons(self, refs: list[str]) -> list[Person]:
        """Return the people named by a list of references, in order."""
        return [self.people[ref] for ref in refs]

    def party_of(self, ref: str) -> str:
        """Return the party id of a person or an institution."""
        return self.parties_of.get(ref, "")

    def as_template_vars(self) -> dict[str, Any]:
        """Return the variables the templates see."""
        return {"spec": self.spec, "doc": self.spec.document, "ctx": self,
                "parties": self.spec.parties, "meeting": self.spec.meeting,
                "draft": not self.final}


def build_context(spec: Spec, *, final: bool) -> DocumentContext:
    """Resolve every reference the documents print, and number what they number."""
    context = DocumentContext(spec, final)
    for party in spec.parties:
        context.names[party.id] = party.short_name
    for institution in spec.institutions:
        context.names[institution.id] = institution.short_name or institution.name
        context.parties_of[institution.id] = institution.party
    for person in spec.people:
        context.names[person.id] = person.name
        context.people[person.id] = person
        context.parties_of[person.id] = person.party
    for sector in spec.sectors:
        context.names[sector.id] = sector.name
    for target in spec.targets:
        context.names[target.id] = target.title
    for mechanism in spec.coordination:
        context.names[mechanism.id] = mechanism.name
    context.target_rows = _target_rows(spec.targets)
    context.activities = [_activity_row(n, a, spec, context)
                          for n, a in enumerate(spec.roadmap, start=1)]
    context.activity_numbers = {row.activity.id: row.number for row in context.activities}
    return context


def _target_rows(targets: list[Target]) -> list[TargetRow]:
    """Order targets as a table reads them: each whole followed by its parts, depth-first."""
    children: dict[str | None, list[Target]] = {}
    known = {target.id for target in targets}
    for target in targets:
        parent = target.part_of if target.part_of in known else None
        children.setdefault(parent, []).append(target)
    rows: list[TargetRow] = []
    stack = [(target, 0, str(n)) for n, target in reversed(list(
        enumerate(children.get(None, []), start=1)))]
    seen: set[str] = set()
    while stack:
        target, depth, label = stack.pop()
        if target.id in seen:
            continue
        seen.add(target.id)
        rows.append(TargetRow(target, depth, label))
        parts = children.get(target.id, [])
        stack.extend((part, depth + 1, f"{label}.{n}")
                     for n, part in reversed(list(enumerate(parts, start=1))))
    return rows


def _activity_row(number: int, activity: Activity, spec: Spec,
                  context: DocumentContext) -> ActivityRow:
    by_party: dict[str, list[str]] = {party.id: [] for party in spec.parties}
    for owner in activity.owners:
        by_party.setdefault(context.party_of(owner), []).append(context.name(owner))
    return ActivityRow(number, activity, [context.name(s) for s in activity.sectors], by_party)
