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
    from docgen.model.roadmap import Activity
    from docgen.model.targets import Target
    from docgen.progress.model import Progress

Kind = Literal["open", "ad-referendum", "overdue", "not-started", "at-risk", "due-soon",
               "off-trajectory"]
HORIZON_DAYS = 90
"""How far ahead "coming due" looks."""
ORDER: dict[str, int] = {"open": -2, "ad-referendum": -1, "overdue": 0, "not-started": 1,
                         "off-trajectory": 2, "at-risk": 3, "due-soon": 4}
"""Points still under negotiation first (in the spec's order), then what is late."""
NEGOTIATION = ("open", "ad-referendum")
GITHUB_LEVELS = {"open": "warning", "ad-referendum": "notice", "overdue": "error",
                 "not-started": "error"}
"""GitHub annotation levels by kind; any other kind is a warning."""
SHOWN = 60
"""How many characters of each side's wording a line shows."""


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
        late = lateness(activity, state, as_of)
        if late and late[0] == "overdue" and finish is not None:
            found.append(Finding("overdue", activity.id, title, f"{activity.id} was due "
                                 f"{finish.isoformat()}: {late[1]} days overdue", late[1], *where))
            continue
        if late:
            found.append(Finding("not-started", activity.id, title, f"{activity.id} was to "
                                 f"start {activity.start.isoformat()}: {late[1]} days ago, "
                                 "and has not", late[1], *where))
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
    found.extend(negotiation(spec, spec_at))
    return sorted(found, key=lambda f: (ORDER[f.kind], f.line if f.kind in NEGOTIATION else 0,
                                        -f.days if f.kind != "due-soon" else f.days, f.id))


def lateness(activity: Activity, state: str | None, as_of: dt.date
             ) -> tuple[Literal["overdue", "not-started"], int] | None:
    """Whether an activity is late at `as_of`, and by how many days: past its deadline and
    not closed (overdue), or past its start and not reported started (not-started)."""
    if state in CLOSED:
        return None
    finish = activity.finish
    if finish is not None and finish < as_of:
        return "overdue", _days(as_of, finish)
    if (state is None or state == "not-started") and activity.start < as_of:
        return "not-started", _days(as_of, activity.start)
    return None


def negotiation(spec: Spec, spec_at: Located) -> list[Finding]:
    """Every point of the spec still open or agreed ad referendum, with each side's wording."""
    from docgen.diagnostics import dotted
    from docgen.formatting import quantity
    from docgen.model.negotiation import points

    found = []
    for point in points(spec):
        where = dotted(point.path)
        owner = _owner(spec, point.path)
        ident = getattr(owner, "id", "") if owner is not None else ""
        shown = [_shown(text if isinstance(text, str) else quantity(
            text, getattr(owner, "unit", None), getattr(owner, "currency", None), "en"))
            for _, text in point.proposals]
        wording = " | ".join(f"{side}: {text}" if side else text
                             for (side, _), text in zip(point.proposals, shown, strict=True))
        line, column = spec_at.position(point.path)
        found.append(Finding(point.status, ident or where,  # type: ignore[arg-type]
                             f"{ident}, {where}" if ident else where, wording, 0,
                             spec_at.file, line, column))
    return found


def _owner(spec: Spec, path: KeyPath) -> object | None:
    """The innermost object with an id (activity, target, agenda item) a path is in."""
    node: object = spec
    owner = None
    for step in path:
        node = getattr(node, step) if isinstance(step, str) else node[step]  # type: ignore[index]
        owner = node if isinstance(getattr(node, "id", None), str) else owner
    return owner


def _shown(value: object) -> str:
    text = " ".join(str(value).split())
    return text if len(text) <= SHOWN else text[:SHOWN - 1] + "…"


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
    counts = {kind: n for kind, n in counts.items() if n or kind not in NEGOTIATION}
    summary = ", ".join(f"{n} {kind}" for kind, n in counts.items())
    lines.append(f"as of {as_of.isoformat()}: {summary}")
    return "\n".join(lines)


def format_json(findings: Sequence[Finding], as_of: dt.date) -> str:
    """A JSON object: the date and every finding (for dashboards and CI)."""
    return json.dumps({"as_of": as_of.isoformat(), "findings": [asdict(f) for f in findings]},
                      indent=2, ensure_ascii=False)


def format_github(findings: Sequence[Finding], as_of: dt.date) -> str:
    """GitHub Actions annotations: overdue and not started are errors, open points
    warnings, ad referendum notices (GITHUB_LEVELS)."""
    lines = []
    for f in findings:
        level = GITHUB_LEVELS.get(f.kind, "warning")
        props = (f"file={_escape_github(f.file, is_property=True)},line={f.line},"
                 f"col={f.column},title={_escape_github(f.kind, is_property=True)}")
        lines.append(f"::{level} {props}::{_escape_github(f.message + ' — ' + f.title)}")
    return "\n".join(lines)


FORMATTERS = {"text": format_text, "json": format_json, "github": format_github}
