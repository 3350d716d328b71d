"""Turn a checked spec into what the templates print: resolved names, numbers, groupings.

In: a `Spec`. Out: a plain `DocumentContext` (no formatting, no wording: those are
the templates'). Numbers and structure are the outline's (docgen.outline), built
from this context.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from docgen.archive import Source
from docgen.model import Spec
from docgen.model.parties import Person
from docgen.progress.model import Progress

EPOCH = dt.date(2000, 1, 1)


@dataclass
class DocumentContext:
    """Everything both templates need, resolved once."""

    spec: Spec
    final: bool
    names: dict[str, str] = field(default_factory=dict)
    people: dict[str, Person] = field(default_factory=dict)
    parties_of: dict[str, str] = field(default_factory=dict)
    source: Source | None = None
    """A final's spec file, whose short SHA-256 its footer prints (None for a draft)."""
    language: str = ""
    """The language of this edition (the spec's first language unless translated)."""
    progress: Progress | None = None
    """The progress file a progress report reports (docgen.outline.progress)."""

    def name(self, ref: str | None) -> str:
        """Return the display name of anything with an id (short name where one exists)."""
        return self.names.get(ref or "", ref or "")

    @property
    def stamp(self) -> dt.date:
        """The one date every file's timestamps use: signing, else the meeting, else 2000."""
        meeting = self.spec.meeting
        return self.spec.document.date or (meeting.end if meeting else None) or EPOCH

    @property
    def status(self) -> str:
        """The status the documents print: a final build is final, whatever the spec says."""
        return "final" if self.final else self.spec.document.status

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
                "draft": not self.final, "progress": self.progress}


def build_context(spec: Spec, *, final: bool, source: Source | None = None,
                  language: str | None = None) -> DocumentContext:
    """Resolve every reference the documents print, for an edition in `language`."""
    context = DocumentContext(spec, final, source=source,
                              language=language or spec.document.languages[0])
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
    for corridor in spec.framework.corridors:
        context.names[corridor.id] = corridor.name
    return context

