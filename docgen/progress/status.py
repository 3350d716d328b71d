"""`docgen status`: what is overdue, at risk and coming due, and which targets are off track.

Works from the plan alone (what should have started or ended by `as_of`) or with a progress
file, whose statuses and actuals then decide. Each finding points at a line: the progress
file's entry for the activity or target when there is one, else the spec's.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from typing import TYPE_CHECKING, Literal

from docgen.diagnostics import KeyPath, _escape_github
from docgen.progress.model import CLOSED

if TYPE_CHECKING:
    from docgen.load import Located
    from docgen.model import Spec
    from docgen.model.targets import Target
    from docgen.progress.model import Progress

Kind = Literal["overdue", "not-started", "at-risk", "due-soon", "off-trajectory"]
HORIZON_DAYS = 90
"""How far ahead "coming due" looks."""
ORDER: dict[str, int] = {"overdue": 0, "not-started": 1, "off-trajectory": 2, "at-risk": 3,
                         "due-soon": 4}


@dataclass(frozen=True)
class Finding:
    """One thing a review should look at."""

    kind: Kind
    id: str
    title: str
    message: str
    days: int
    """Overdue or late by (overdue, not-started), or left until due (due-soon); else 0."""
    file: str
    line: int
    column: int


def status(spec: Spec, spec_at: Located, as_of: dt.date, progress: Progress | None = None,
           progress_at: Located | None = None) -> list[Finding]:
    """Every finding at `as_of`, most urgent first."""
    entries = {e.id: (i, e) for i, e in enumerate(progress.activities)} if progress else {}
    found: list[Finding] = []
    for i, activity in enumerate(spec.roadmap):
        entry = entries.get(activity.id)
        state = entry[1].status if entry else None
        if state in CLOSED:
            continue
        where = _where(spec_at, ("roadmap", i, "end"), progress_at,
                       ("activities", entry[0], "status") if entry else None)
        finish = activity.finish
        title = activity.title
        if finish is not None and finish < as_of:
            days = _days(as_of, finish)
            found.append(Finding("overdue", activity.id, title, f"{activity.id} was due "
                                 f"{finish.isoformat()}: {days} days overdue", days, *where))
            continue
        if (state is None or state == "not-started") and activity.start < as_of:
            days = _days(as_of, activity.start)
            found.append(Finding("not-started", activity.id, title, f"{activity.id} was to "
                                 f"start {activity.start.isoformat()}: {days} days ago, and "
                                 "has not", days, *where))
        elif state in ("at-risk", "delayed"):
            found.append(Finding("at-risk", activity.id, title,
                                 f"{activity.id} is reported {state}", 0, *where))
        if finish is not None and _days(finish, as_of) <= HORIZON_DAYS:
            days = _days(finish, as_of)
            found.append(Finding("due-soon", activity.id, title, f"{activity.id} is due "
                                 f"{finish.isoformat()}, in {days} days", days, *where))
    if progress is not None and progress_at is not None:
        targets = {t.id: t for t in spec.targets}
        for i, entry_t in enumerate(progress.targets):
            target = targets.get(entry_t.id)
            if target is None:
                continue
            for j, actual in enumerate(entry_t.actuals):
                expected = trajectory(target, actual.period.end)
                if expected is not None and actual.value < expected and \
                        j == len(entry_t.actuals) - 1:
                    line, column = progress_at.position(("targets", i, "actuals", j, "value"))
                    short = 100 * (1 - actual.value / expected) if expected else 0.0
                    found.append(Finding(
                        "off-trajectory", target.id, target.title,
                        f"{target.id} is at {actual.value:,.0f} for the period ending "
                        f"{actual.period.end.isoformat()}; its trajectory asks "
                        f"{expected:,.0f} ({short:.0f}% short)", 0, progress_at.file,
                        line, column))
    return sorted(found, key=lambda f: (ORDER[f.kind], -f.days if f.kind != "due-soon"
                                        else f.days, f.id))


def trajectory(target: Target, on: dt.date) -> float | None:
    """The value a straight line from baseline to target asks for on `on`, if defined."""
    from docgen.model.values import low

    if target.baseline is None:
        return None
    start, end = target.baseline.period.end, target.by
    if end <= start:
        return None
    fraction = min(max(_days(on, start) / _days(end, start), 0.0), 1.0)
    base = low(target.baseline.value)
    return float(base + (low(target.value) - base) * fraction)  # a range: its lower end


def _days(later: dt.date, earlier: dt.date) -> int:
    """Days from `earlier` to `later` (PeriodDate, a date subclass, confuses the stubs)."""
    return later.toordinal() - earlier.toordinal()


def _where(spec_at: Located, spec_path: KeyPath, progress_at: Located | None,
           progress_path: KeyPath | None) -> tuple[str, int, int]:
    if progress_at is not None and progress_path is not None:
        return (progress_at.file, *progress_at.position(progress_path))
    return (spec_at.file, *spec_at.position(spec_path))


def format_text(findings: Sequence[Finding], as_of: dt.date) -> str:
    """One line per finding, `file:line:col: kind message`, then a count line."""
    lines = [f"{f.file}:{f.line}:{f.column}: {f.kind} {f.message} ({f.title})"
             for f in findings]
    counts = {kind: sum(1 for f in findings if f.kind == kind) for kind in ORDER}
    summary = ", ".join(f"{n} {kind}" for kind, n in counts.items())
    lines.append(f"as of {as_of.isoformat()}: {summary}")
    return "\n".join(lines)


def format_json(findings: Sequence[Finding], as_of: dt.date) -> str:
    """A JSON object: the date and every finding (for dashboards and CI)."""
    return json.dumps({"as_of": as_of.isoformat(), "findings": [asdict(f) for f in findings]},
                      indent=2, ensure_ascii=False)


def format_github(findings: Sequence[Finding], as_of: dt.date) -> str:
    """GitHub Actions annotations: overdue and not started are errors, the rest warnings."""
    lines = []
    for f in findings:
        level = "error" if f.kind in ("overdue", "not-started") else "warning"
        props = (f"file={_escape_github(f.file, is_property=True)},line={f.line},"
                 f"col={f.column},title={_escape_github(f.kind, is_property=True)}")
        lines.append(f"::{level} {props}::{_escape_github(f.message + ' — ' + f.title)}")
    return "\n".join(lines)


FORMATTERS = {"text": format_text, "json": format_json, "github": format_github}
