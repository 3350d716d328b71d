"""DG627–DG629: points still under negotiation — brackets a final cannot hold, sides that
are not parties, an open activity that says nobody proposes it."""

from __future__ import annotations

from collections.abc import Iterator

from docgen.diagnostics import dotted
from docgen.model.negotiation import points
from docgen.rules.engine import Hit, rule
from docgen.rules.index import Index


@rule("DG627", final_only=True)
def open_point_in_final(index: Index) -> Iterator[Hit]:
    """A final document cannot carry brackets: every open point must be agreed first."""
    for point in points(index.spec):
        if point.status == "open":
            sides = ", ".join(side for side, _ in point.proposals if side)
            yield Hit(point.path, f"{dotted(point.path)} is still open ({sides} "
                      "proposing) in a final document",
                      "write the agreed text in its place (or 'status: agreed'), or build "
                      "a draft")


@rule("DG628")
def proposal_by_a_stranger(index: Index) -> Iterator[Hit]:
    """Each proposal is made by one of the parties, named by its id."""
    parties = [party.id for party in index.spec.parties]
    for point in points(index.spec):
        for side, _ in point.proposals:
            if side and side not in parties:
                place = ((*point.path, "proposed_by") if point.subject is not None
                         and hasattr(point.subject, "proposed_by") else
                         (*point.path, "proposals", side))
                yield Hit(place, f"'{side}' proposes here but is not a party",
                          f"name the proposing side by its party id: {', '.join(parties)}",
                          at_key=not hasattr(point.subject, "proposed_by"))


@rule("DG629")
def open_activity_without_side(index: Index) -> Iterator[Hit]:
    """An open activity names the sides proposing it; an agreed one names none."""
    for n, activity in enumerate(index.spec.roadmap):
        if activity.status == "open" and not activity.proposed_by:
            yield Hit(("roadmap", n, "status"), f"the activity {activity.id} is open but "
                      "names no side proposing it",
                      "add 'proposed_by: [<party id>]'")
        elif activity.status == "agreed" and activity.proposed_by:
            yield Hit(("roadmap", n, "proposed_by"), f"the activity {activity.id} is agreed "
                      "but names sides proposing it", "remove 'proposed_by', or mark it "
                      "'status: open'", at_key=True)
