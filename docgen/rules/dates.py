"""DG3xx: dates that contradict each other.

A due date written to the month or the year (`2027-06`, `2030`) is compared as the last
day of that period (it is a `PeriodDate`, which is that day); an ongoing activity has no
end, so the rules about ends pass it by; an action item due `{within_days: N}` is
compared as the date it resolves to.
"""

from __future__ import annotations

from collections.abc import Iterator

from docgen.model.values import PeriodDate
from docgen.rules.engine import Hit, rule
from docgen.rules.index import Index


@rule("DG301")
def ends_before_start(index: Index) -> Iterator[Hit]:
    """A span (activity, meeting, baseline period) ends before it starts."""
    spans = [(e.path, f"activity '{e.item.id}'", e.item.start, e.item.finish)
             for e in index.of_kind("activity") if e.item.finish is not None]
    meeting = index.spec.meeting
    if meeting is not None:
        spans.append((("meeting",), "the meeting", meeting.start, meeting.end))
    for entry in index.of_kind("target"):
        baseline = entry.item.baseline
        if baseline is not None:
            spans.append(((*entry.path, "baseline", "period"),
                          f"the baseline period of target '{entry.item.id}'",
                          baseline.period.start, baseline.period.end))
    for path, what, start, end in spans:
        if end < start:
            yield Hit((*path, "end"), f"{what} ends ({end}) before it starts ({start})",
                      "swap the dates or correct the one that is wrong")


@rule("DG302")
def milestone_outside_activity(index: Index) -> Iterator[Hit]:
    """A milestone falls outside the activity it belongs to (an ongoing one has no end)."""
    for entry in index.of_kind("activity"):
        activity = entry.item
        end = activity.finish
        if end is not None and end < activity.start:
            continue  # DG301 reports the inverted span; every milestone would be "outside"
        for i, milestone in enumerate(activity.milestones):
            if milestone.date < activity.start or (end is not None and milestone.date > end):
                span = f"{activity.start} to {end}" if end is not None else \
                    f"from {activity.start}, ongoing"
                yield Hit((*entry.path, "milestones", i, "date"),
                          f"milestone '{milestone.title}' ({milestone.date}) is outside "
                          f"activity '{activity.id}' ({span})",
                          "move the milestone, or widen the activity's start or end")


@rule("DG303")
def starts_before_dependency_ends(index: Index) -> Iterator[Hit]:
    """An activity starts before an activity it depends on has ended (not an ongoing one)."""
    for entry in index.of_kind("activity"):
        for i, ref in enumerate(entry.item.depends_on):
            before = index.get(ref, "activity")
            if before is not None and before.finish is not None \
                    and entry.item.start < before.finish:
                yield Hit((*entry.path, "depends_on", i),
                          f"activity '{entry.item.id}' starts ({entry.item.start}) before "
                          f"'{before.id}', which it depends on, ends ({before.end})",
                          f"start it on or after {before.finish.isoformat()}, or drop the "
                          "dependency")


@rule("DG304")
def dependency_cycle(index: Index) -> Iterator[Hit]:
    """Activities that depend on each other in a circle can never start."""
    graph = {e.item.id: [d for d in e.item.depends_on if index.get(d, "activity")]
             for e in index.of_kind("activity")}
    paths = {e.item.id: e.path for e in index.of_kind("activity")}
    reported: set[frozenset[str]] = set()
    for start in graph:
        cycle = _cycle_from(start, graph)
        if cycle and frozenset(cycle) not in reported and cycle[0] == min(cycle):
            reported.add(frozenset(cycle))
            shown = " -> ".join([*cycle, cycle[0]])
            yield Hit((*paths[start], "depends_on"), f"the activities depend on each other "
                      f"in a circle: {shown}", "remove one of these dependencies", at_key=True)


def _cycle_from(start: str, graph: dict[str, list[str]]) -> list[str]:
    """Return a cycle through `start`, found by iterative depth-first search, or []."""
    stack: list[tuple[str, list[str]]] = [(start, [start])]
    seen: set[str] = set()
    while stack:
        node, trail = stack.pop()
        for nxt in graph.get(node, []):
            if nxt == start:
                return trail
            if nxt not in seen:
                seen.add(nxt)
                stack.append((nxt, [*trail, nxt]))
    return []


@rule("DG305")
def meeting_after_signing(index: Index) -> Iterator[Hit]:
    """The minutes record a meeting that cannot end after the document is signed."""
    meeting, signed = index.spec.meeting, index.spec.document.date
    if meeting is not None and signed is not None and meeting.end > signed:
        yield Hit(("meeting", "end"), f"the meeting ends ({meeting.end}) after the document "
                  f"is signed ({signed})", "correct the meeting dates or document.date")


@rule("DG306")
def action_due_before_meeting_ends(index: Index) -> Iterator[Hit]:
    """An action decided at a meeting falls due after it."""
    meeting = index.spec.meeting
    if meeting is None:
        return
    for i, action in enumerate(meeting.actions):
        if meeting.due(action) <= meeting.end:
            yield Hit(("meeting", "actions", i, "due"), f"action item '{action.id}' is due "
                      f"({action.due}) on or before the end of the meeting ({meeting.end})",
                      "give a due date after the meeting")


@rule("DG307")
def target_before_baseline(index: Index) -> Iterator[Hit]:
    """A target date must come after the baseline period it is measured from."""
    for entry in index.of_kind("target"):
        target = entry.item
        if target.baseline is not None and target.by <= target.baseline.period.end:
            yield Hit((*entry.path, "by"), f"target '{target.id}' is due ({target.by}) on or "
                      f"before the end of its baseline period ({target.baseline.period.end})",
                      "set 'by:' after the baseline period")


@rule("DG308")
def next_meeting_not_after(index: Index) -> Iterator[Hit]:
    """The next meeting comes after the one the minutes record."""
    meeting = index.spec.meeting
    upcoming = meeting.next_meeting if meeting is not None else None
    if meeting is not None and upcoming is not None and upcoming.date is not None \
            and upcoming.date <= meeting.end:
        yield Hit(("meeting", "next_meeting", "date"), f"the next meeting ({upcoming.date}) is "
                  f"not after this one ends ({meeting.end})", "give the date of the next meeting")


@rule("DG309")
def review_before_signing(index: Index) -> Iterator[Hit]:
    """Implementation cannot be reviewed before the document is signed."""
    review, signed = index.spec.framework.monitoring.first_review, index.spec.document.date
    if review is not None and signed is not None and review <= signed:
        yield Hit(("framework", "monitoring", "first_review"), f"the first review ({review}) is "
                  f"not after the document is signed ({signed})",
                  "set the first review after document.date")


@rule("DG310")
def established_after_signing(index: Index) -> Iterator[Hit]:
    """A body set up after the document is signed does not exist yet: the document sets it up."""
    signed = index.spec.document.date
    for entry in index.of_kind("mechanism"):
        since = entry.item.established
        if signed is not None and isinstance(since, PeriodDate) and since.first > signed:
            yield Hit((*entry.path, "established"), f"coordination body '{entry.item.id}' is "
                      f"established ({since}) after the document is signed ({signed})",
                      "give the date it was set up, or leave out 'established:' for a body "
                      "this document sets up")
