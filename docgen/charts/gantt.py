"""The roadmap as a Gantt chart: activities by workstream over time, planned against actual.

In: the spec's roadmap with its printed numbers, and optionally a progress file and its
date. Out: `GanttChart`s — one per run of at most ROWS_PER_CHART rows, so a roadmap of
hundreds of activities breaks over pages as figures of one page each. A workstream is
an activity's first sector (activities with none come last); each bar runs from the
planned start to the deadline (to the chart's end for an ongoing activity), the actual
bar inside it from the day started to the day completed (or to `as_of`), milestones as
diamonds, filled once met.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from docgen.charts.scale import TEXT, WIDTH, TimeScale, rounded, year_span
from docgen.progress.model import CLOSED

if TYPE_CHECKING:
    from docgen.model import Spec
    from docgen.model.roadmap import Activity
    from docgen.progress.model import ActivityProgress, Progress

ROW = 15.0
"""The height of one row, in chart units."""
BAR = 9.0
"""The height of a planned bar; the actual bar inside it is ACTUAL high."""
ACTUAL = 3.5
AXIS = 18.0
"""The band above the rows that carries the years."""
LEGEND = 26.0
"""The band below the rows that carries the legend."""
ROWS_PER_CHART = 22
"""Rows (workstream headings included) per figure: 22 rows stand about 130 mm high on a
landscape page's text width, so each figure keeps to one page with its caption."""
CHAR = 0.56
"""A character's mean advance, in ems, of the serif the charts are set in (for the width
of the label column only: a label never touches the plot)."""


@dataclass(frozen=True)
class Span:
    """A bar: from x over `width`, for the days `start` to `end` (None: ongoing)."""

    x: float
    width: float
    start: dt.date
    end: dt.date | None


@dataclass(frozen=True)
class Diamond:
    """A milestone at x, in the row's middle: met (filled) or not (hollow)."""

    x: float
    on: dt.date
    met: bool


@dataclass(frozen=True)
class Row:
    """One activity's row, or (with `heading`) a workstream's heading row."""

    key: str
    y: float
    label: str
    """The activity's id, or the workstream's name."""
    heading: bool = False
    planned: Span | None = None
    actual: Span | None = None
    milestones: tuple[Diamond, ...] = ()
    status: str = ""
    """The status the progress file reports (empty without one)."""

    @property
    def middle(self) -> float:
        """The y of the row's middle line."""
        return rounded(self.y + ROW / 2)


@dataclass(frozen=True)
class GanttChart:
    """One figure of the Gantt: its rows, its year bands and the as-of line."""

    key: str
    number: int
    count: int
    """This is figure `number` of `count` for the roadmap."""
    width: float
    height: float
    plot_left: float
    plot_right: float
    top: float
    bottom: float
    years: tuple[tuple[float, float, dt.date], ...]
    quarters: tuple[float, ...]
    rows: tuple[Row, ...]
    as_of: tuple[float, dt.date] | None
    progress: bool
    """True when it shows a progress file: actual bars and met milestones."""

    @property
    def legend_y(self) -> float:
        """The y of the legend's middle line."""
        return rounded(self.bottom + LEGEND / 2 + 2)

    @property
    def label_x(self) -> float:
        return 4.0

    @property
    def row_height(self) -> float:
        return ROW

    @property
    def text(self) -> float:
        return TEXT


def gantt_charts(spec: Spec, key: str, progress: Progress | None = None,
                 as_of: dt.date | None = None) -> tuple[GanttChart, ...]:
    """The roadmap's Gantt, in figures of at most ROWS_PER_CHART rows each (none for an
    empty roadmap)."""
    if not spec.roadmap:
        return ()
    entries = {entry.id: entry for entry in progress.activities} if progress else {}
    streams = _workstreams(spec)
    days = _days(spec.roadmap, entries, as_of)
    first, last = year_span(days)
    longest = max([len(a.id) for a in spec.roadmap] + [1])
    plot_left = rounded(8 + longest * CHAR * TEXT + 6)
    scale = TimeScale(first, last, plot_left, WIDTH - 8)
    lines: list[tuple[str, str, Activity | None]] = []
    for sector, activities in streams:
        lines.append((f"{key}/stream/{sector[0]}", sector[1], None))
        lines.extend((f"{key}/{a.id}", a.id, a) for a in activities)
    runs = [lines[start:start + ROWS_PER_CHART]
            for start in range(0, len(lines), ROWS_PER_CHART)]
    charts = []
    for number, run in enumerate(runs, start=1):
        rows = tuple(_row(row_key, label, activity, AXIS + i * ROW, scale=scale,
                          entry=entries.get(activity.id) if activity else None, as_of=as_of)
                     for i, (row_key, label, activity) in enumerate(run))
        bottom = AXIS + len(rows) * ROW
        charts.append(GanttChart(
            key=f"{key}/{number}" if len(runs) > 1 else key, number=number, count=len(runs),
            width=WIDTH, height=rounded(bottom + LEGEND + 4), plot_left=plot_left,
            plot_right=scale.right, top=AXIS, bottom=bottom, years=tuple(scale.years()),
            quarters=tuple(scale.quarters()), rows=rows,
            as_of=(scale.x(as_of), as_of) if as_of else None, progress=progress is not None))
    return tuple(charts)


def _workstreams(spec: Spec) -> list[tuple[tuple[str, str], list[Activity]]]:
    """Activities grouped by their first sector, in the spec's order of sectors; those
    with no sector last, under the roadmap's own heading (an empty name)."""
    names = {sector.id: sector.name for sector in spec.sectors}
    groups: dict[str, list[Activity]] = {sector.id: [] for sector in spec.sectors}
    loose: list[Activity] = []
    for activity in spec.roadmap:
        first = next((s for s in activity.sectors if s in groups), None)
        (groups[first] if first else loose).append(activity)
    out = [((sid, names[sid]), acts) for sid, acts in groups.items() if acts]
    return out + ([(("other", ""), loose)] if loose else [])


def _days(roadmap: Sequence[Activity], entries: dict[str, ActivityProgress],
          as_of: dt.date | None) -> list[dt.date]:
    days: list[dt.date] = [a.start for a in roadmap]
    days += [a.finish for a in roadmap if a.finish is not None]
    days += [m.date for a in roadmap for m in a.milestones if isinstance(m.date, dt.date)]
    for entry in entries.values():
        days += [d for d in (entry.started, entry.completed) if d is not None]
        days += [m.on for m in entry.milestones if m.on is not None]
    return days + ([as_of] if as_of else [])


def _row(key: str, label: str, activity: Activity | None, y: float, *, scale: TimeScale,
         entry: ActivityProgress | None, as_of: dt.date | None) -> Row:
    if activity is None:
        return Row(key, y, label, heading=True)
    end = activity.finish
    planned = _span(scale, activity.start, end)
    actual = None
    if entry is not None and entry.started is not None:
        stop = entry.completed or (as_of if entry.status not in CLOSED else None)
        if stop is not None and stop >= entry.started:
            actual = _span(scale, entry.started, stop)
    met = {m.milestone: m for m in entry.milestones} if entry else {}
    diamonds = tuple(Diamond(scale.x(m.date), m.date, bool(met.get(n) and met[n].met))
                     for n, m in enumerate(activity.milestones, start=1)
                     if isinstance(m.date, dt.date))
    return Row(key, y, label, planned=planned, actual=actual, milestones=diamonds,
               status=entry.status if entry else "")


def _span(scale: TimeScale, start: dt.date, end: dt.date | None) -> Span:
    x = scale.x(start)
    right = scale.x(end) if end is not None else scale.right
    return Span(x, rounded(max(right - x, 1.0)), start, end)
