"""DG5xx: the meeting and its signatures: every side present, chaired, and signing."""

from __future__ import annotations

from collections.abc import Iterator

from docgen.diagnostics import KeyPath
from docgen.rules.engine import Hit, rule
from docgen.rules.index import Index


@rule("DG501", needs_all=True)
def action_outside_agenda(index: Index) -> Iterator[Hit]:
    """Every action item is decided under an agenda item."""
    meeting = index.spec.meeting
    for i, action in enumerate(meeting.actions if meeting else []):
        if action.agenda_item is None:
            yield Hit(("meeting", "actions", i, "id"), f"action item '{action.id}' sits under "
                      "no agenda item", "add 'agenda_item:' with the id of the agenda item "
                      "it was decided under")


@rule("DG502", needs_all=True)
def party_without_delegation(index: Index) -> Iterator[Hit]:
    """Each party sends a delegation to the meeting."""
    meeting = index.spec.meeting
    if meeting is None:
        return
    present = {delegation.party for delegation in meeting.delegations}
    for entry in index.of_kind("party"):
        if entry.item.id not in present:
            yield Hit(("meeting", "delegations"), f"party '{entry.item.id}' has no delegation "
                      "at the meeting", f"add a delegation with 'party: {entry.item.id}'",
                      at_key=True)


@rule("DG503", needs_all=True)
def party_without_co_chair(index: Index) -> Iterator[Hit]:
    """Each party co-chairs the meeting."""
    meeting = index.spec.meeting
    if meeting is None:
        return
    chaired = {index.party_of(person) for person in meeting.co_chairs}
    for entry in index.of_kind("party"):
        if entry.item.id not in chaired:
            yield Hit(("meeting", "co_chairs"), f"party '{entry.item.id}' has no co-chair",
                      f"add a person of party '{entry.item.id}' to 'co_chairs:'", at_key=True)


@rule("DG504", needs_all=True)
def party_without_signatory(index: Index) -> Iterator[Hit]:
    """Each party signs the framework document."""
    signing = {s.party for s in index.spec.signatories}
    for entry in index.of_kind("party"):
        if entry.item.id not in signing:
            yield Hit(("signatories",), f"party '{entry.item.id}' has no signatory",
                      f"add a signatory with 'party: {entry.item.id}' and a 'person:' of it",
                      at_key=True)


@rule("DG505")
def person_of_another_party(index: Index) -> Iterator[Hit]:
    """A signatory or delegate must belong to the party they act for."""
    for i, signatory in enumerate(index.spec.signatories):
        person = index.get(signatory.person, "person")
        if person is not None and person.party != signatory.party:
            yield Hit(("signatories", i, "person"), f"'{person.id}' belongs to party "
                      f"'{person.party}', not '{signatory.party}' for which they sign",
                      "name a person of the signing party")
    meeting = index.spec.meeting
    for d, delegation in enumerate(meeting.delegations if meeting else []):
        here: KeyPath = ("meeting", "delegations", d)
        people: list[tuple[KeyPath, str]] = [((*here, "head"), delegation.head)]
        people += [((*here, "members", m), ref) for m, ref in enumerate(delegation.members)]
        for path, ref in people:
            person = index.get(ref, "person")
            if person is not None and person.party != delegation.party:
                yield Hit(path, f"'{person.id}' belongs to party '{person.party}', not to the "
                          f"delegation of '{delegation.party}'", "move them to their own "
                          "party's delegation")


@rule("DG506", "warning", needs_all=True)
def party_without_focal_point(index: Index) -> Iterator[Hit]:
    """Each party names at least one focal point (Annex B of the framework)."""
    named = {index.party_of(focal.person) for focal in index.spec.focal_points}
    for entry in index.of_kind("party"):
        if entry.item.id not in named:
            yield Hit(("focal_points",) if index.spec.focal_points else (*entry.path, "id"),
                      f"party '{entry.item.id}' names no focal point",
                      f"add a focal point with a 'person:' of party '{entry.item.id}'",
                      at_key=bool(index.spec.focal_points))
