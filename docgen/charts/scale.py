"""Scales shared by the charts: dates to x, values to y, and the ticks a reader reads."""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass

WIDTH = 680.0
"""Every chart's width in its own units; the page scales it to the text width."""
TEXT = 9.0
"""The size of a chart's text, in its units (about 7 pt on an A4 portrait page)."""


def rounded(value: float) -> float:
    """A coordinate as the SVG prints it: to a tenth of a unit, the same bytes every build."""
    return round(value + 0.0, 1)


@dataclass(frozen=True)
class TimeScale:
    """Days from `first` to `last` laid out between x = `left` and x = `right`."""

    first: dt.date
    last: dt.date
    left: float
    right: float

    def x(self, day: dt.date) -> float:
        """The x of a day, clamped to the plot."""
        span = max(_ordinal(self.last) - _ordinal(self.first), 1)
        share = (_ordinal(day) - _ordinal(self.first)) / span
        return rounded(self.left + (self.right - self.left) * min(max(share, 0.0), 1.0))

    def years(self) -> list[tuple[float, float, dt.date]]:
        """Each calendar year in the scale: (x of its start, x of its end, its 1 January)."""
        out = []
        for year in range(self.first.year, self.last.year + 1):
            start = max(dt.date(year, 1, 1), self.first)
            end = min(dt.date(year + 1, 1, 1), self.last)
            if end > start:
                out.append((self.x(start), self.x(end), dt.date(year, 1, 1)))
        return out

    def quarters(self) -> list[float]:
        """The x of every quarter's first day inside the scale, years excepted."""
        return [self.x(dt.date(year, month, 1))
                for year in range(self.first.year, self.last.year + 1)
                for month in (4, 7, 10) if self.first < dt.date(year, month, 1) < self.last]


def year_span(days: list[dt.date]) -> tuple[dt.date, dt.date]:
    """Whole calendar years around some days: a scale's first and last day."""
    first, last = min(days), max(days)
    return dt.date(first.year, 1, 1), dt.date(last.year + 1, 1, 1)


def nice_ceiling(value: float) -> float:
    """The round figure at or above `value` a value axis ends at: 1, 2, 2.5, 5 or 10 x 10^n."""
    if value <= 0:
        return 1.0
    power = 10.0 ** math.floor(math.log10(value))
    return next(step * power for step in (1, 2, 2.5, 5, 10) if step * power >= value * 0.999999)


def _ordinal(day: dt.date) -> int:
    """A day's ordinal (a PeriodDate, a date subclass, confuses the stubs)."""
    return dt.date.toordinal(day)
