"""DG2xx: every reference resolves to something of the right kind, and every sector is worked on."""

from __future__ import annotations

import difflib
from collections.abc import Iterator

from docgen.diagnostics import KeyPath
from docgen.model import Spec
from docgen.rules.engine import Hit, rule
from docgen.rules.index import Index

ORG = ("institution",)
WHO = ("institution", "person")


Site = tuple[KeyPath, str, tuple[str, ...]]


def reference_sites(index: Index) -> Iterator[Site]:
    """Yield (key path, referenced id, kinds it may name) for every reference in the spec."""
    spec = index.spec
    yield from _who_sites(spec)
    yield from _target_sites(spec)
    yield from _roadmap_sites(spec)
    yield from _signature_sites(spec)
    yield from _meeting_sites(index)


def _who_sites(spec: Spec) -> Iterator[Site]:
    for i, institution in enumerate(spec.institutions):
        yield ("institutions", i, "party"), institution.party, ("party",)
    for i, person in enumerate(spec.people):
        yield ("people", i, "party"), person.party, ("party",)
        if person.institution is not None:
            yield ("people", i, "institution"), person.institution, ORG


def _target_sites(spec: Spec) -> Iterator[Site]:
    for i, sector in enumerate(spec.sectors):
        yield from _many(("sectors", i, "leads"), sector.leads, ORG)
    for i, target in enumerate(spec.targets):
        if target.part_of is not None:
            yield ("targets", i, "part_of"), target.part_of, ("target",)
        yield from _many(("targets", i, "sectors"), target.sectors, ("sector",))


def _roadmap_sites(spec: Spec) -> Iterator[Site]:
    yield ("framework", "monitoring", "reviewed_by"), spec.framework.monitoring.reviewed_by, (
        "mechanism",)
    for i, activity in enumerate(spec.roadmap):
        here = ("roadmap", i)
        yield from _many((*here, "sectors"), activity.sectors, ("sector",))
        yield from _many((*here, "owners"), activity.owners, ORG)
        yield from _many((*here, "depends_on"), activity.depends_on, ("activity",))
        yield from _many((*here, "corridors"), activity.corridors, ("corridor",))
        for j, indicator in enumerate(activity.indicators):
            if indicator.target is not None:
                yield (*here, "indicators", j, "target"), indicator.target, ("target",)
    for i, mechanism in enumerate(spec.coordination):
        yield from _many(("coordination", i, "chairs"), mechanism.chairs, WHO)
        yield from _many(("coordination", i, "members"), mechanism.members, WHO)
        if mechanism.reports_to is not None:
            yield ("coordination", i, "reports_to"), mechanism.reports_to, ("mechanism",)
    for i, risk in enumerate(spec.risks):
        yield from _many(("risks", i, "owners"), risk.owners, WHO)
        yield from _many(("risks", i, "activities"), risk.activities, ("activity",))


def _signature_sites(spec: Spec) -> Iterator[Site]:
    for i, signatory in enumerate(spec.signatories):
        yield ("signatories", i, "party"), signatory.party, ("party",)
        yield ("signatories", i, "person"), signatory.person, ("person",)
    for i, focal in enumerate(spec.focal_points):
        yield ("focal_points", i, "person"), focal.person, ("person",)
        yield from _many(("focal_points", i, "sectors"), focal.sectors, ("sector",))


def _meeting_sites(index: Index) -> Iterator[Site]:
    meeting = index.spec.meeting
    if meeting is None:
        return
    yield from _many(("meeting", "co_chairs"), meeting.co_chairs, ("person",))
    for i, delegation in enumerate(meeting.delegations):
        here = ("meeting", "delegations", i)
        yield (*here, "party"), delegation.party, ("party",)
        yield (*here, "head"), delegation.head, ("person",)
        yield from _many((*here, "members"), delegation.members, ("person",))
    for i, action in enumerate(meeting.actions):
        here = ("meeting", "actions", i)
        if action.agenda_item is not None:
            yield (*here, "agenda_item"), action.agenda_item, ("agenda item",)
        yield (*here, "owner"), action.owner, WHO
        if action.serves is not None:
            yield (*here, "serves"), action.serves, ("activity",)
    for i, instrument in enumerate(meeting.instruments_signed):
        path = ("meeting", "instruments_signed", i, "signed_by")
        yield from _many(path, instrument.signed_by, ("person",))


def _many(path: KeyPath, refs: list[str], kinds: tuple[str, ...]) -> Iterator[Site]:
    for position, ref in enumerate(refs):
        yield (*path, position), ref, kinds


def _kinds(kinds: tuple[str, ...]) -> str:
    return " or ".join(f"an {k}" if k[0] in "aeiou" else f"a {k}" for k in kinds)


@rule("DG201")
def unresolved_reference(index: Index) -> Iterator[Hit]:
    """A reference names an id that nothing in the spec has."""
    for path, ref, kinds in reference_sites(index):
        if ref in index.by_id or ref in index.ghosts:
            continue
        candidates = [e.item.id for e in index.by_id.values() if e.kind in kinds]
        close = difflib.get_close_matches(ref, candidates, n=1, cutoff=0.5)
        hint = f"did you mean '{close[0]}'?" if close else (
            f"known ids: {', '.join(candidates[:12])}" if candidates else
            f"add {_kinds(kinds)} with id '{ref}'")
        yield Hit(path, f"'{ref}' does not name {_kinds(kinds)}", hint)


@rule("DG202")
def reference_of_wrong_kind(index: Index) -> Iterator[Hit]:
    """A reference resolves, but to the wrong kind of thing."""
    for path, ref, kinds in reference_sites(index):
        entry = index.by_id.get(ref)
        if entry is not None and entry.kind not in kinds:
            yield Hit(path, f"'{ref}' is {_kinds((entry.kind,))}, but {_kinds(kinds)} is "
                      "expected here", f"name {_kinds(kinds)} here")


@rule("DG203", needs_all=True)
def sector_without_activity(index: Index) -> Iterator[Hit]:
    """A priority sector that no roadmap activity works on is a promise without a plan."""
    worked_on = {sector for activity in index.spec.roadmap for sector in activity.sectors}
    for entry in index.of_kind("sector"):
        if entry.item.id not in worked_on:
            yield Hit((*entry.path, "id"), f"no roadmap activity works on the priority sector "
                      f"'{entry.item.id}'", "add the sector to an activity's 'sectors:' list, or "
                      "drop the sector")
