"""The implementation progress report's outline: where the roadmap and the targets stand.

In: a `DocumentContext` with a progress file (`ctx.progress`). Out: an `Outline` of the
report's parts — the summary by status, what is late and by how long, each sector's
standing, the roadmap planned against actual (with its Gantt), each target against its
actuals and trajectory (with its chart), the action items of the minutes, and the
review's decisions. What is late is decided by docgen.progress.status, the rule
`docgen status` applies, so the report and the terminal never disagree.
"""

from __future__ import annotations

from typing import Any

from docgen.charts import gantt_charts, target_chart
from docgen.outline.blocks import Block, Numbers, Outline, Part, roman, table
from docgen.progress.model import Status
from docgen.progress.status import lateness, trajectory

STATUSES: tuple[Status, ...] = ("not-started", "on-track", "at-risk", "delayed", "done",
                                "cancelled")
UNREPORTED = "not-reported"
"""The status of an activity the progress file does not mention."""


def progress_report(ctx: Any) -> Outline:
    """Return the outline of the progress report."""
    spec, progress = ctx.spec, ctx.progress
    as_of = progress.as_of
    entries = {entry.id: entry for entry in progress.activities}
    n = Numbers()
    numbers = {a.id: str(i) for i, a in enumerate(spec.roadmap, start=1)}
    state = {a.id: entries[a.id].status if a.id in entries else UNREPORTED for a in spec.roadmap}
    late = {a.id: lateness(a, None if state[a.id] == UNREPORTED else state[a.id], as_of)
            for a in spec.roadmap}

    def part(key: str, *blocks: Block, css: str = "part") -> Part:
        return Part(key, key, roman(n.next("part")), tuple(blocks), css=css)

    counts = {s: sum(1 for v in state.values() if v == s) for s in (*STATUSES, UNREPORTED)}
    summary_rows = tuple(Block(f"status/{s}", "status_count", item=s, facts={"count": c})
                         for s, c in counts.items() if c or s != UNREPORTED)
    parts = [part("summary", n.para("summary:lead", "summary_lead", lead=True, as_of=as_of,
                                    count=len(spec.roadmap), reported=len(entries),
                                    late=sum(1 for v in late.values() if v)),
                  table("summary:table", "status_table", summary_rows, title="summary",
                        lead="summary:lead"))]
    behind = sorted(((a, found) for a in spec.roadmap if (found := late[a.id]) is not None),
                    key=lambda pair: -pair[1][1])
    overdue = tuple(Block(f"late/{a.id}", "late_row", numbers[a.id], a,
                          {"kind": kind, "days": days, "status": state[a.id]})
                    for a, (kind, days) in behind)
    parts.append(part("late", n.para("late:lead", "late_lead", lead=bool(overdue),
                                     count=len(overdue)),
                      *([table("late:table", "late_table", overdue, title="late",
                               lead="late:lead")] if overdue else [])))
    sectors = tuple(Block(f"sectors/{s.id}", "sector_row", str(i), s, _tally(
        [a for a in spec.roadmap if s.id in a.sectors], state, late))
        for i, s in enumerate(spec.sectors, start=1))
    parts.append(part("sectors", n.para("sectors:lead", "sector_lead", lead=True),
                      table("sectors:table", "sector_table", sectors, title="sectors",
                            lead="sectors:lead")))
    rows = tuple(Block(f"roadmap/{a.id}", "activity_row", numbers[a.id], a,
                       {"entry": entries.get(a.id), "status": state[a.id], "late": late[a.id]})
                 for a in spec.roadmap)
    parts.append(part("roadmap", n.para("roadmap:lead", "roadmap_lead", lead=True),
                      Block("roadmap:chart", "gantt", facts={
                          "charts": gantt_charts(spec, "roadmap:chart", progress, as_of)}),
                      table("roadmap:table", "activity_table", rows, title="roadmap",
                            lead="roadmap:lead"), css="part wide"))
    actuals = {entry.id: entry.actuals for entry in progress.targets}
    targets = []
    for t in spec.targets:
        reported = list(actuals.get(t.id, []))
        chart = target_chart(t, f"target-chart/{t.id}", reported, as_of)
        targets.append(Block(f"targets/{t.id}", "target_progress", item=t, facts={
            "chart": chart, "actuals": [
                (a, _shown(trajectory(t, a.period.end))) for a in reported]}))
    parts.append(part("targets", n.para("targets:lead", "targets_lead"), *targets))
    meeting = spec.meeting
    if meeting is not None and meeting.actions:
        done = {entry.id: entry for entry in progress.actions}
        items = tuple(Block(f"actions/{a.id}", "action_row", str(i), a, {
            "entry": done.get(a.id), "due": meeting.due(a),
            "late": _days(as_of, meeting.due(a))})
            for i, a in enumerate(meeting.actions, start=1))
        parts.append(part("actions", n.para("actions:lead", "actions_lead", lead=True),
                          table("actions:table", "action_table", items, title="actions",
                                lead="actions:lead")))
    if progress.decisions:
        parts.append(part("decisions", *(n.para(f"decisions/{i}", "decision", d)
                                         for i, d in enumerate(progress.decisions, start=1))))
    return Outline("progress", tuple(parts))


def _tally(activities: list[Any], state: dict[str, str],
           late: dict[str, Any]) -> dict[str, int]:
    """A sector's activities counted by where they stand."""
    return {"total": len(activities),
            "done": sum(1 for a in activities if state[a.id] == "done"),
            "on_track": sum(1 for a in activities if state[a.id] == "on-track"),
            "at_risk": sum(1 for a in activities if state[a.id] in ("at-risk", "delayed")),
            "late": sum(1 for a in activities if late[a.id])}


def _shown(value: float | None) -> float | None:
    """A trajectory's value as a table prints it: whole above 100, else to a tenth."""
    if value is None:
        return None
    return float(round(value)) if abs(value) >= 100 else round(value, 1)


def _days(later: Any, earlier: Any) -> int:
    return int(later.toordinal() - earlier.toordinal())
