"""A target against its actuals: baseline, each period's actual, the target, and the
straight trajectory from baseline to target that `docgen status` measures against.

In: a target and the actuals a progress file reports for it (with the report's date).
Out: a `TargetChart` — points in the chart's units, the year bands of its time axis and
the ticks of its value axis. A range target (8–10 million) shows its lower end, which
the trajectory aims at (as docgen.progress.status does), and its upper end above it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from docgen.charts.scale import TEXT, WIDTH, TimeScale, nice_ceiling, rounded, year_span
from docgen.model.values import Figure, Range, high, low

if TYPE_CHECKING:
    from docgen.model.targets import Target
    from docgen.progress.model import Actual

HEIGHT = 250.0
LEFT = 92.0
"""Room left of the plot for the value axis's labels ("US$1.5 billion")."""
TOP, BOTTOM, RIGHT = 14.0, 206.0, WIDTH - 16
TICKS = 4
"""Intervals on the value axis: 0, ¼, ½, ¾ and all of its top."""


@dataclass(frozen=True)
class Point:
    """A value at a day, at (x, y)."""

    x: float
    y: float
    on: dt.date
    value: float


@dataclass(frozen=True)
class TargetChart:
    """One target's chart."""

    key: str
    target: Target
    width: float
    height: float
    left: float
    top: float
    right: float
    bottom: float
    years: tuple[tuple[float, float, dt.date], ...]
    ticks: tuple[tuple[float, float], ...]
    """The value axis: (y, value) from 0 up."""
    baseline: Point | None
    actuals: tuple[Point, ...]
    goal: Point
    goal_high: Point | None
    """The upper end of a range target, above `goal`."""
    as_of: tuple[float, dt.date] | None

    @property
    def text(self) -> float:
        return TEXT

    @property
    def legend_y(self) -> float:
        return rounded(self.bottom + 32)

    @property
    def trajectory(self) -> tuple[Point, Point] | None:
        """From the baseline to the target, if there is a baseline."""
        return (self.baseline, self.goal) if self.baseline else None


def plain(value: object) -> bool:
    """True for a figure a chart can draw (a number or a range, not one under negotiation)."""
    return isinstance(value, (int, float, Range)) and not isinstance(value, bool)


def target_chart(target: Target, key: str, actuals: Sequence[Actual] = (),
                 as_of: dt.date | None = None) -> TargetChart | None:
    """The chart of a target, or None if its value is not yet a figure (still negotiated)."""
    if not plain(target.value):
        return None
    value: Figure = target.value
    base = target.baseline if target.baseline and plain(target.baseline.value) else None
    days = [target.by, *(a.period.end for a in actuals)]
    days += [base.period.end] if base else [a.period.start for a in actuals[:1]]
    days += [as_of] if as_of else []
    first, last = year_span(days)
    scale = TimeScale(first, last, LEFT, RIGHT)
    top_value = nice_ceiling(max([high(value), *(a.value for a in actuals),
                                  *([high(base.value)] if base else [])]) * 1.08)

    def y(v: float) -> float:
        return rounded(BOTTOM - (BOTTOM - TOP) * v / top_value)

    def point(on: dt.date, v: float) -> Point:
        return Point(scale.x(on), y(v), on, float(v))

    ticks = tuple((y(top_value * i / TICKS), top_value * i / TICKS) for i in range(TICKS + 1))
    upper = high(value) if isinstance(value, Range) and value.max != value.min else None
    return TargetChart(
        key=key, target=target, width=WIDTH, height=HEIGHT, left=LEFT, top=TOP, right=RIGHT,
        bottom=BOTTOM, years=tuple(scale.years()), ticks=ticks,
        baseline=point(base.period.end, low(base.value)) if base else None,
        actuals=tuple(point(a.period.end, a.value) for a in actuals),
        goal=point(target.by, low(value)),
        goal_high=point(target.by, upper) if upper is not None else None,
        as_of=(scale.x(as_of), as_of) if as_of else None)
