"""Check a progress file against its spec: the same loader and diagnostics, codes DG7xx.

Every problem at once, each at the line and column of the value it is about. The spec
is only read: progress is recorded beside it, never in it.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from docgen.diagnostics import Diagnostic, KeyPath, sort_key
from docgen.load import LoadFailed, Located, load_file
from docgen.validation import Report

if TYPE_CHECKING:
    from docgen.model import Spec
    from docgen.progress.model import Progress

_DATED = re.compile(r"^(\d{4}-\d{2}-\d{2})$")


@dataclass
class ProgressReport:
    """What checking one progress file found."""

    file: str
    progress: Progress | None = None
    located: Located | None = None
    diagnostics: list[Diagnostic] = field(default_factory=list)

    @property
    def errors(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if d.severity == "error"]


def check_progress(path: Path, spec: Spec, spec_path: Path) -> ProgressReport:
    """Load, model and check one progress file against its (already checked) spec."""
    from pydantic import ValidationError

    from docgen.model_errors import model_diagnostics
    from docgen.progress.model import Progress

    name = str(path)
    try:
        located = load_file(path, name)
    except LoadFailed as failed:
        return ProgressReport(name, diagnostics=failed.diagnostics)
    report = ProgressReport(name, located=located)
    try:
        progress = Progress.model_validate(located.data)
    except ValidationError as error:
        report.diagnostics = sorted(model_diagnostics(error, located, Progress), key=sort_key)
        return report
    report.progress = progress
    report.diagnostics = sorted(_Rules(located, progress, spec, path, spec_path).run(),
                                key=sort_key)
    return report


class _Rules:
    """The DG7xx rules over one modelled progress file."""

    def __init__(self, located: Located, progress: Progress, spec: Spec, path: Path,
                 spec_path: Path) -> None:
        self.located, self.progress, self.spec = located, progress, spec
        self.path, self.spec_path = path, spec_path
        self.found: list[Diagnostic] = []

    def say(self, path: KeyPath, code: str, message: str, hint: str = "", *,
            key: bool = False) -> None:
        line, column = self.located.position(path, key=key)
        self.found.append(Diagnostic(self.located.file, line, column, code, message,
                                     hint=hint, key_path=path))

    def run(self) -> list[Diagnostic]:
        self.names_its_spec()
        self.as_of()
        self.activities()
        self.targets()
        self.actions()
        return self.found

    def names_its_spec(self) -> None:
        named = (self.path.parent / self.progress.spec).resolve()
        if named != self.spec_path.resolve():
            self.say(("spec",), "DG708", f"this progress file names the spec "
                     f"'{self.progress.spec}', not {self.spec_path}",
                     "write the spec's path relative to this file, e.g. ../../"
                     f"{self.spec_path.name}")

    def as_of(self) -> None:
        as_of = self.progress.as_of
        signed = self.spec.document.date
        if signed is not None and as_of < signed:
            self.say(("as_of",), "DG703", f"as_of {as_of} is before the document was signed "
                     f"({signed})", "progress is reported only after signing")
        dated = _DATED.match(self.path.stem)
        if dated and dt.date.fromisoformat(dated.group(1)) != as_of:
            self.say(("as_of",), "DG704", f"as_of {as_of} is not the date the file is named "
                     f"after ({self.path.stem})", f"rename the file {as_of}.yaml, or correct "
                     "as_of")

    def activities(self) -> None:
        planned = {a.id: a for a in self.spec.roadmap}
        seen: set[str] = set()
        for i, entry in enumerate(self.progress.activities):
            at: KeyPath = ("activities", i)
            if entry.id in seen:
                self.say((*at, "id"), "DG709", f"activity {entry.id} is reported twice")
            seen.add(entry.id)
            activity = planned.get(entry.id)
            if activity is None:
                self.unknown((*at, "id"), "activity", entry.id, list(planned))
                continue
            if entry.status == "done" and entry.completed is None:
                self.say((*at, "status"), "DG702", f"activity {entry.id} is done but has no "
                         "completion date", "add `completed: YYYY-MM-DD`")
            if entry.completed is not None and entry.started is not None \
                    and entry.completed < entry.started:
                self.say((*at, "completed"), "DG707", f"activity {entry.id} is completed "
                         f"({entry.completed}) before it started ({entry.started})")
            for date_key in ("started", "completed"):
                when = getattr(entry, date_key)
                if when is not None and when > self.progress.as_of:
                    self.say((*at, date_key), "DG706", f"{date_key} {when} is after as_of "
                             f"{self.progress.as_of}", "a report records only what happened "
                             "by its as_of date")
            for j, step in enumerate(entry.milestones):
                if step.milestone > len(activity.milestones):
                    self.say((*at, "milestones", j, "milestone"), "DG701",
                             f"activity {entry.id} has {len(activity.milestones)} "
                             f"milestone(s), not a milestone {step.milestone}")

    def targets(self) -> None:
        planned = {t.id: t for t in self.spec.targets}
        for i, entry in enumerate(self.progress.targets):
            at: KeyPath = ("targets", i)
            target = planned.get(entry.id)
            if target is None:
                self.unknown((*at, "id"), "target", entry.id, list(planned))
                continue
            spans: list[tuple[dt.date, dt.date, int]] = []
            for j, actual in enumerate(entry.actuals):
                here: KeyPath = (*at, "actuals", j)
                if (actual.currency, actual.unit) != (target.currency, target.unit):
                    want = target.currency or target.unit
                    got = actual.currency or actual.unit or "no unit or currency"
                    key = "currency" if actual.currency else ("unit" if actual.unit else "value")
                    self.say((*here, key), "DG705", f"an actual of {entry.id} is in {got}; "
                             f"the target is counted in {want}",
                             f"write `{'currency' if target.currency else 'unit'}: {want}`")
                span = (actual.period.start, actual.period.end)
                for start, end, other in spans:
                    if span[0] <= end and start <= span[1]:
                        self.say((*here, "period"), "DG710", f"this period of {entry.id} "
                                 f"overlaps actual {other + 1} ({start}/{end})",
                                 "each actual covers its own period")
                        break
                spans.append((*span, j))

    def actions(self) -> None:
        meeting = self.spec.meeting
        planned = [a.id for a in meeting.actions] if meeting else []
        for i, entry in enumerate(self.progress.actions):
            at: KeyPath = ("actions", i)
            if entry.id not in planned:
                self.unknown((*at, "id"), "action item", entry.id, planned)
            elif entry.done and entry.on is None:
                self.say((*at, "done"), "DG711", f"action item {entry.id} is done but has no "
                         "date", "add `on: YYYY-MM-DD`, the day it was done")
            if entry.on is not None and entry.on > self.progress.as_of:
                self.say((*at, "on"), "DG706", f"on {entry.on} is after as_of "
                         f"{self.progress.as_of}", "a report records only what happened "
                         "by its as_of date")

    def unknown(self, path: KeyPath, kind: str, value: str, known: list[str]) -> None:
        close = difflib.get_close_matches(value, known, n=1, cutoff=0.6)
        hint = f"did you mean '{close[0]}'?" if close else f"the spec's {kind} ids: " + \
            ", ".join(known[:8]) + (" …" if len(known) > 8 else "")
        self.say(path, "DG701", f"no {kind} '{value}' in the spec", hint)


def is_progress(data: object) -> bool:
    """A progress file says `progress_version`; a spec says `spec_version`."""
    return isinstance(data, dict) and "progress_version" in data and "spec_version" not in data


def is_translation(data: object) -> bool:
    """A translation file says `translation_of` (docgen.translation); a spec never does."""
    return isinstance(data, dict) and "translation_of" in data and "spec_version" not in data


def _translation_file(path: Path, located: Located, *, final: bool) -> Report:
    """A translation file is checked with its spec (specs/<stem>/translations/<lang>.yaml).

    Only what is wrong in this file is reported here; the spec's own findings (a text
    missing from this language, say) are reported when the spec itself is validated.
    """
    from docgen.validation import validate

    name = str(path)
    named = located.data.get("translation_of")
    spec_path = path.parent.parent.parent / named if isinstance(named, str) else None
    line, column = located.position(("translation_of",))
    if spec_path is None or not spec_path.is_file():
        return Report(name, diagnostics=[Diagnostic(
            name, line, column, "DG624",
            f"the spec this translation file is of ({named}) is not at {spec_path}",
            hint="a translation file lives at specs/<stem>/translations/<lang>.yaml and "
                 "names its spec's file, e.g. translation_of: <stem>.yaml")])
    mine = path.resolve()
    checked = validate(spec_path, final=final)
    if checked.spec is None:
        return Report(name, diagnostics=[Diagnostic(
            name, line, column, "DG624",
            f"the spec this translation file is of ({spec_path}) has errors, so its "
            "translations cannot be checked", hint=f"run: docgen validate {spec_path}")])
    return Report(name, diagnostics=[d for d in checked.diagnostics
                                     if Path(d.file).resolve() == mine], raw=located.raw)


def validate_any(path: Path, *, final: bool = False) -> Report:
    """`docgen validate` on a spec, a progress or a translation file (the hook sees all).

    A progress file is checked against the spec it names, which must itself be valid.
    """
    from docgen.validation import check_file, validate

    name = str(path)
    try:
        located = load_file(path, name)
    except LoadFailed as failed:
        return Report(name, diagnostics=failed.diagnostics)
    if is_translation(located.data):
        return _translation_file(path, located, final=final)
    if not is_progress(located.data):
        return check_file(located, path, final=final)
    named = located.data.get("spec")
    spec_path = path.parent / named if isinstance(named, str) else None
    spec = validate(spec_path) if spec_path is not None and spec_path.is_file() else None
    if spec is None or spec.spec is None or spec.errors:
        line, column = located.position(("spec",))
        why = "does not exist" if spec is None else "has errors: run docgen validate on it"
        return Report(name, diagnostics=[Diagnostic(
            name, line, column, "DG708", f"the spec this progress file names ({named}) {why}",
            hint="write the spec's path relative to this file, e.g. ../../<stem>.yaml")])
    assert spec_path is not None
    checked = check_progress(path, spec.spec, spec_path)
    return Report(name, diagnostics=checked.diagnostics, raw=located.raw)
