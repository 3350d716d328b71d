"""Every consistency rule, tripped and not tripped, as a table of small mutations of the starter.

Each `Trip` changes the starter spec so that exactly one finding of its rule appears, and
says the exact message, where (the line, found in the dumped YAML text by searching for
`at`, one needle after the other) and, where it matters, the exact hint. Each `Clean` is a
near-identical change that the rule must accept. A meta-test makes sure every registered
rule has both, so a new rule without a test fails.
"""

from __future__ import annotations

import copy
import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass
from operator import attrgetter
from typing import Any

import pytest
from conftest import STARTER, dump_yaml, finalised, validate_data

from docgen.diagnostics import format_text
from docgen.rules import RULES
from docgen.validation import FINAL_HINT, Report, validate_text

Spec = dict[str, Any]
Mutation = Callable[[Spec], None]


# -- building mutations --------------------------------------------------------------------

def _parent(spec: Spec, path: str) -> tuple[Any, str | int]:
    parts: list[str | int] = [int(p) if p.isdigit() else p for p in path.split(".")]
    node: Any = spec
    for part in parts[:-1]:
        node = node[part]
    return node, parts[-1]


def put(path: str, value: Any) -> Mutation:
    """Set the value at a dotted path such as `roadmap.0.end`."""
    def mutate(spec: Spec) -> None:
        node, key = _parent(spec, path)
        node[key] = copy.deepcopy(value)
    return mutate


def drop(path: str) -> Mutation:
    """Delete the key (or list item) at a dotted path."""
    def mutate(spec: Spec) -> None:
        node, key = _parent(spec, path)
        del node[key]
    return mutate


def add(path: str, *items: Any) -> Mutation:
    """Append items to the list at a dotted path (creating the list if needed)."""
    def mutate(spec: Spec) -> None:
        node, key = _parent(spec, path)
        node.setdefault(key, []).extend(copy.deepcopy(items))
    return mutate


def steps(*mutations: Mutation) -> Mutation:
    """Apply several mutations in order."""
    def mutate(spec: Spec) -> None:
        for mutation in mutations:
            mutation(spec)
    return mutate


def d(text: str) -> dt.date:
    return dt.date.fromisoformat(text)


def activity(id_: str, start: str, end: str, **extra: Any) -> dict[str, Any]:
    """A roadmap activity that passes every rule on its own."""
    return {"id": id_, "title": f"Activity {id_}", "sectors": ["agri-food"],
            "owners": ["a-trade"], "start": d(start), "end": d(end), **extra,
            "indicators": [{"text": "Reports delivered", "value": 1, "unit": "report"}]}


def target(id_: str, value: float, **extra: Any) -> dict[str, Any]:
    """A target counted like the starter's T-1 (bilateral trade turnover, USD)."""
    fields = {"id": id_, "title": f"Target {id_}", "metric": "bilateral trade turnover",
              "value": value, "currency": "USD", "by": d("2028-12-31"), **extra}
    return {key: value for key, value in fields.items() if value is not None}


def person(id_: str, party: str) -> dict[str, Any]:
    return {"id": id_, "party": party, "name": f"Name of {id_}", "title": "Deputy Minister"}


# -- finding the expected line -------------------------------------------------------------

def _needle(needle: str) -> re.Pattern[str]:
    """Match `needle` as whole tokens: `- a-trad` must not match `- a-trade`."""
    before = r"(?<![\w.-])" if re.match(r"[\w.-]", needle[0]) else ""
    after = r"(?![\w.-])" if re.match(r"[\w.-]", needle[-1]) else ""
    return re.compile(before + re.escape(needle) + after)


def line_of(text: str, *needles: str) -> int:
    """The 1-based line of the last needle, each searched for below the previous one."""
    lines = text.splitlines()
    found = 0
    for needle in needles:
        pattern = _needle(needle)
        below = [n for n in range(found + 1, len(lines) + 1) if pattern.search(lines[n - 1])]
        assert below, f"{needle!r} is not below line {found} in:\n{text}"
        found = below[0]
    return found


# -- the tables ----------------------------------------------------------------------------

@dataclass(frozen=True)
class Trip:
    """A mutation that makes `code` report exactly once, with this message, at this line."""

    name: str
    code: str
    mutate: Mutation
    message: str
    at: tuple[str, ...]
    hint: str | None = None
    severity: str = "error"
    final: bool = False
    complete: bool | None = None
    """Start from the starter completed for final mode (default: when `final`)."""


@dataclass(frozen=True)
class Clean:
    """A near-identical mutation after which `code` does not report."""

    name: str
    code: str
    mutate: Mutation
    final: bool = False
    complete: bool | None = None


BINDING_HINT = "write {} instead, or mark the document 'binding: true'"
# (word as written, sentence using it, softer wording the hint offers)
BINDING_WORDS = [
    ("shall", "The Sides shall meet once a year.", "'will'"),
    ("Shall", "Shall a Side withdraw, it will give notice.", "'will'"),
    ("agree", "The Sides agree to cooperate in trade.", "'decide' or 'jointly decided'"),
    ("agrees", "Each Side agrees to share trade data.", "'decide' or 'jointly decided'"),
    ("agreed", "The Sides agreed to cooperate in trade.", "'decide' or 'jointly decided'"),
    ("Agreeing", "Agreeing that trade matters, the Sides will cooperate.",
     "'decide' or 'jointly decided'"),
    ("Party", "Each Party will name a focal point.", "'Side(s)' or 'Participant(s)'"),
    ("Parties", "The Parties will meet once a year.", "'Side(s)' or 'Participant(s)'"),
    ("Article", "The review follows Article 3.", "'Paragraph(s)'"),
    ("Articles", "Articles 2 and 3 set out the review.", "'Paragraph(s)'"),
    ("enter into force", "This Framework will enter into force on signature.",
     "'come(s) into effect'"),
    ("enters into force", "This Framework enters into force on signature.",
     "'come(s) into effect'"),
    ("entered into force", "Once it has entered into force, the Sides will review it.",
     "'come(s) into effect'"),
    ("entry into force", "On its entry into force, the Sides will review it.",
     "'come(s) into effect'"),
    ("obligation", "This Framework creates no obligation to fund projects.",
     "'commitment(s)' or 'intention(s)'"),
    ("obligations", "The Sides will report on their obligations.",
     "'commitment(s)' or 'intention(s)'"),
]
SOFT_HINT = "write {} instead, or mark the document 'binding: false'"
# (word as written, a body's mandate using it, the binding wording the hint offers)
SOFT_WORDS = [
    ("will", "It will steer the roadmap.", "'shall'"),
    ("comes into effect", "Each decision comes into effect on adoption.",
     "'enter(s) into force'"),
    ("coming into effect", "It reviews the roadmap after its coming into effect.",
     "'enter(s) into force'"),
    ("Side", "Each Side names two of its members.", "'Party' or 'Parties'"),
    ("Sides", "It reports to the Sides each year.", "'Party' or 'Parties'"),
    ("Paragraph", "It acts as Paragraph 3 sets out.", "'Article(s)'"),
    ("Paragraphs", "It acts as Paragraphs 3 and 4 set out.", "'Article(s)'"),
]
binding = put("document.binding", True)
PLACEHOLDERS = ["TBD", "TODO", "TBC", "FIXME", "XXX", "???", "[...]"]

two_parts_of_t1 = add("targets", target("T-2", 600_000_000, part_of="T-1"),
                      target("T-3", 500_000_000, part_of="T-1"))
a_deputy = add("people", person("a-deputy", "A"))
b_deputy = add("people", person("b-deputy", "B"))


TRIPS: list[Trip] = [
    # DG130 duplicate ids
    Trip("DG130-same-list", "DG130", add("roadmap", activity("R-1", "2026-03-01", "2026-04-30")),
         "the id 'R-1' is already used", ("roadmap:", "- id: R-1", "- id: R-1"),
         hint="it is first used by the activity at roadmap[0]; give each activity its own id"),
    Trip("DG130-across-kinds", "DG130", add("sectors", {"id": "A", "name": "Anything"}),
         "the id 'A' is already used", ("sectors:", "- id: A"),
         hint="it is first used by the party at parties[0]; give each sector its own id"),
    # DG131 activity without owner
    Trip("DG131-no-owners-key", "DG131", drop("roadmap.0.owners"),
         "activity 'R-1' has no owner", ("roadmap:", "- id: R-1")),
    Trip("DG131-empty-owners", "DG131", put("roadmap.0.owners", []),
         "activity 'R-1' has no owner", ("roadmap:", "- id: R-1")),
    # DG132 activity without measurable indicator
    Trip("DG132-indicator-without-value", "DG132", drop("roadmap.0.indicators.0.value"),
         "activity 'R-1' has no measurable indicator", ("roadmap:", "- id: R-1")),
    Trip("DG132-no-indicators", "DG132", drop("roadmap.0.indicators"),
         "activity 'R-1' has no measurable indicator", ("roadmap:", "- id: R-1")),
    # DG134 target with both or neither currency and unit
    Trip("DG134-both", "DG134", put("targets.0.unit", "dollars"),
         "target 'T-1' has both a currency and a unit", ("targets:", "- id: T-1")),
    Trip("DG134-neither", "DG134", drop("targets.0.currency"),
         "target 'T-1' has neither a currency nor a unit", ("targets:", "- id: T-1")),
    # DG201 unresolved reference
    Trip("DG201-did-you-mean", "DG201", put("roadmap.0.owners", ["a-trad", "b-trade"]),
         "'a-trad' does not name an institution", ("roadmap:", "owners:", "- a-trad"),
         hint="did you mean 'a-trade'?"),
    Trip("DG201-action-serves", "DG201", put("meeting.actions.0.serves", "R-2"),
         "'R-2' does not name an activity", ("actions:", "serves: R-2"),
         hint="did you mean 'R-1'?"),
    Trip("DG201-known-ids", "DG201", put("coordination.0.reports_to", "council"),
         "'council' does not name a mechanism", ("coordination:", "reports_to: council"),
         hint="known ids: jwg"),
    Trip("DG201-none-of-the-kind", "DG201",
         steps(drop("targets"), put("roadmap.0.indicators.0.target", "T-1")),
         "'T-1' does not name a target", ("indicators:", "target: T-1"),
         hint="add a target with id 'T-1'"),
    # DG202 reference to the wrong kind of thing
    Trip("DG202-person-as-owner", "DG202", put("roadmap.0.owners", ["a-minister", "b-trade"]),
         "'a-minister' is a person, but an institution is expected here",
         ("roadmap:", "owners:", "- a-minister"), hint="name an institution here"),
    Trip("DG202-activity-as-action-owner", "DG202", put("meeting.actions.0.owner", "R-1"),
         "'R-1' is an activity, but an institution or a person is expected here",
         ("actions:", "owner: R-1"), hint="name an institution or a person here"),
    # DG203 sector without activity
    Trip("DG203", "DG203", add("sectors", {"id": "energy", "name": "Energy"}),
         "no roadmap activity works on the priority sector 'energy'",
         ("sectors:", "- id: energy")),
    # DG301 end before start
    Trip("DG301-activity", "DG301", put("roadmap.0.end", d("2026-02-28")),
         "activity 'R-1' ends (2026-02-28) before it starts (2026-03-01)",
         ("roadmap:", "end: 2026-02-28")),
    Trip("DG301-meeting", "DG301", put("meeting.end", d("2026-02-09")),
         "the meeting ends (2026-02-09) before it starts (2026-02-10)",
         ("meeting:", "end: 2026-02-09")),
    Trip("DG301-baseline-shorthand", "DG301",
         put("targets.0.baseline.period", "2025-12-31/2025-01-01"),
         "the baseline period of target 'T-1' ends (2025-01-01) before it starts (2025-12-31)",
         ("baseline:", "period:")),
    Trip("DG301-baseline-mapping", "DG301",
         put("targets.0.baseline.period", {"start": d("2025-12-31"), "end": d("2025-01-01")}),
         "the baseline period of target 'T-1' ends (2025-01-01) before it starts (2025-12-31)",
         ("baseline:", "period:", "end:")),
    # DG302 milestone outside its activity
    Trip("DG302-after", "DG302", put("roadmap.0.milestones.0.date", d("2026-10-01")),
         "milestone 'Forum held' (2026-10-01) is outside activity 'R-1' "
         "(2026-03-01 to 2026-09-30)", ("milestones:", "date: 2026-10-01")),
    Trip("DG302-before", "DG302", put("roadmap.0.milestones.0.date", d("2026-02-28")),
         "milestone 'Forum held' (2026-02-28) is outside activity 'R-1' "
         "(2026-03-01 to 2026-09-30)", ("milestones:", "date: 2026-02-28")),
    # DG303 start before a dependency ends
    Trip("DG303", "DG303",
         add("roadmap", activity("R-2", "2026-09-01", "2026-12-31", depends_on=["R-1"])),
         "activity 'R-2' starts (2026-09-01) before 'R-1', which it depends on, ends "
         "(2026-09-30)", ("- id: R-2", "depends_on:", "- R-1"),
         hint="start it on or after 2026-09-30, or drop the dependency"),
    # DG304 dependency cycle, reported once
    Trip("DG304-three", "DG304",
         steps(put("roadmap.0.depends_on", ["R-3"]),
               add("roadmap", activity("R-2", "2026-03-01", "2026-09-30", depends_on=["R-1"]),
                   activity("R-3", "2026-03-01", "2026-09-30", depends_on=["R-2"]))),
         "the activities depend on each other in a circle: R-1 -> R-3 -> R-2 -> R-1",
         ("- id: R-1", "depends_on:")),
    Trip("DG304-two-listed-later", "DG304",
         add("roadmap", activity("R-3", "2026-03-01", "2026-09-30", depends_on=["R-2"]),
             activity("R-2", "2026-03-01", "2026-09-30", depends_on=["R-3"])),
         "the activities depend on each other in a circle: R-2 -> R-3 -> R-2",
         ("- id: R-2", "depends_on:")),
    Trip("DG304-self", "DG304", put("roadmap.0.depends_on", ["R-1"]),
         "the activities depend on each other in a circle: R-1 -> R-1",
         ("- id: R-1", "depends_on:")),
    # DG305 meeting after signing
    Trip("DG305", "DG305", put("document.date", d("2026-02-10")),
         "the meeting ends (2026-02-11) after the document is signed (2026-02-10)",
         ("meeting:", "end: 2026-02-11")),
    # DG306 action due on or before the meeting ends
    Trip("DG306-on-last-day", "DG306", put("meeting.actions.0.due", d("2026-02-11")),
         "action item 'AI-1' is due (2026-02-11) on or before the end of the meeting "
         "(2026-02-11)", ("actions:", "due: 2026-02-11")),
    Trip("DG306-before", "DG306", put("meeting.actions.0.due", d("2026-01-31")),
         "action item 'AI-1' is due (2026-01-31) on or before the end of the meeting "
         "(2026-02-11)", ("actions:", "due: 2026-01-31")),
    # DG307 target date not after its baseline period
    Trip("DG307-at-baseline-end", "DG307", put("targets.0.by", d("2025-12-31")),
         "target 'T-1' is due (2025-12-31) on or before the end of its baseline period "
         "(2025-12-31)", ("- id: T-1", "by: 2025-12-31")),
    Trip("DG307-inside-baseline", "DG307", put("targets.0.by", d("2025-06-30")),
         "target 'T-1' is due (2025-06-30) on or before the end of its baseline period "
         "(2025-12-31)", ("- id: T-1", "by: 2025-06-30")),
    # DG308 the next meeting is not after this one
    Trip("DG308", "DG308",
         put("meeting.next_meeting", {"date": d("2026-02-11"), "place": "Capital of B"}),
         "the next meeting (2026-02-11) is not after this one ends (2026-02-11)",
         ("next_meeting:", "date: 2026-02-11"), hint="give the date of the next meeting"),
    # DG309 the first review is not after signing
    Trip("DG309", "DG309", steps(put("document.date", d("2026-03-01")),
                                 put("framework.monitoring.first_review", d("2026-03-01"))),
         "the first review (2026-03-01) is not after the document is signed (2026-03-01)",
         ("monitoring:", "first_review: 2026-03-01")),
    # DG401 part with another metric or currency
    Trip("DG401-currency", "DG401",
         add("targets", target("T-2", 100_000_000, currency="EUR", part_of="T-1")),
         "target 'T-2' (bilateral trade turnover, EUR) cannot be part of 'T-1' "
         "(bilateral trade turnover, USD)", ("- id: T-2", "part_of: T-1")),
    Trip("DG401-metric", "DG401",
         add("targets", target("T-2", 100_000_000, metric="exports", part_of="T-1")),
         "target 'T-2' (exports, USD) cannot be part of 'T-1' (bilateral trade turnover, USD)",
         ("- id: T-2", "part_of: T-1")),
    Trip("DG401-unit", "DG401",
         add("targets", target("T-2", 100, currency=None, unit="containers", part_of="T-1")),
         "target 'T-2' (bilateral trade turnover, containers) cannot be part of 'T-1' "
         "(bilateral trade turnover, USD)", ("- id: T-2", "part_of: T-1")),
    # DG402 parts add up to more than the whole
    Trip("DG402", "DG402", two_parts_of_t1,
         "the parts of target 'T-1' add up to 1,100,000,000 (T-2 600,000,000 + "
         "T-3 500,000,000), more than the target's 1,000,000,000", ("- id: T-1", "value:")),
    Trip("DG402-fractions", "DG402",
         steps(put("targets.0.value", 2.5), put("targets.0.baseline.value", 1.5),
               add("targets", target("T-2", 1.5, part_of="T-1"),
                   target("T-3", 1.25, part_of="T-1"))),
         "the parts of target 'T-1' add up to 2.75 (T-2 1.5 + T-3 1.25), more than the "
         "target's 2.5", ("- id: T-1", "value:")),
    # DG403 target not above its baseline
    Trip("DG403-equal", "DG403", put("targets.0.value", 250_000_000),
         "target 'T-1' (250,000,000) is not above its baseline (250,000,000)",
         ("- id: T-1", "value:")),
    Trip("DG403-below", "DG403", put("targets.0.baseline.value", 1_500_000_000.5),
         "target 'T-1' (1,000,000,000) is not above its baseline (1,500,000,000.5)",
         ("- id: T-1", "value:")),
    # DG404 part_of cycle, reported once
    Trip("DG404-two", "DG404",
         steps(put("targets.0.part_of", "T-2"), add("targets", target("T-2", 1, part_of="T-1"))),
         "targets are parts of each other in a circle: T-1 -> T-2 -> T-1",
         ("- id: T-1", "part_of: T-2")),
    Trip("DG404-three", "DG404",
         add("targets", target("T-3", 1, part_of="T-4"), target("T-4", 1, part_of="T-2"),
             target("T-2", 1, part_of="T-3")),
         "targets are parts of each other in a circle: T-2 -> T-3 -> T-4 -> T-2",
         ("- id: T-2", "part_of: T-3")),
    Trip("DG404-part-hanging-off-a-circle", "DG404",
         add("targets", target("T-2", 1, part_of="T-3"), target("T-3", 1, part_of="T-2"),
             target("T-4", 1, part_of="T-2")),
         "targets are parts of each other in a circle: T-2 -> T-3 -> T-2",
         ("- id: T-2", "part_of: T-3")),
    Trip("DG404-self", "DG404", put("targets.0.part_of", "T-1"),
         "targets are parts of each other in a circle: T-1 -> T-1",
         ("- id: T-1", "part_of: T-1")),
    # DG501 action without agenda item
    Trip("DG501", "DG501", drop("meeting.actions.0.agenda_item"),
         "action item 'AI-1' sits under no agenda item", ("actions:", "- id: AI-1")),
    # DG502-504 each party present, co-chairing and signing
    Trip("DG502", "DG502", drop("meeting.delegations.1"),
         "party 'B' has no delegation at the meeting", ("meeting:", "delegations:"),
         hint="add a delegation with 'party: B'"),
    Trip("DG502-delegation-of-A-only", "DG502",
         put("meeting.delegations", [{"party": "A", "head": "a-minister"},
                                     {"party": "A", "head": "a-minister"}]),
         "party 'B' has no delegation at the meeting", ("meeting:", "delegations:")),
    Trip("DG503", "DG503", put("meeting.co_chairs", ["a-minister"]),
         "party 'B' has no co-chair", ("meeting:", "co_chairs:")),
    Trip("DG503-both-from-A", "DG503",
         steps(a_deputy, put("meeting.co_chairs", ["a-minister", "a-deputy"])),
         "party 'B' has no co-chair", ("meeting:", "co_chairs:")),
    Trip("DG504", "DG504", drop("signatories.0"),
         "party 'A' has no signatory", ("signatories:",),
         hint="add a signatory with 'party: A' and a 'person:' of it"),
    # DG405 a part due after its whole
    Trip("DG405", "DG405", add("targets", target("T-2", 100, part_of="T-1", by=d("2029-06-30"))),
         "target 'T-2' is due (2029-06-30) after 'T-1', which it is part of (2028-12-31)",
         ("- id: T-2", "by: 2029-06-30"), hint="set 'by:' on or before 2028-12-31"),
    # DG506 a party without a focal point
    Trip("DG506", "DG506", drop("focal_points.1"), "party 'B' names no focal point",
         ("focal_points:",), hint="add a focal point with a 'person:' of party 'B'",
         severity="warning"),
    # DG505 a person acting for another party
    Trip("DG505-signatory", "DG505", put("signatories.1.person", "a-minister"),
         "'a-minister' belongs to party 'A', not 'B' for which they sign",
         ("signatories:", "- party: B", "person: a-minister")),
    Trip("DG505-delegation-head", "DG505", put("meeting.delegations.0.head", "b-minister"),
         "'b-minister' belongs to party 'B', not to the delegation of 'A'",
         ("delegations:", "head: b-minister")),
    Trip("DG505-delegation-member", "DG505",
         steps(b_deputy, put("meeting.delegations.0.members", ["b-deputy"])),
         "'b-deputy' belongs to party 'B', not to the delegation of 'A'",
         ("delegations:", "members:", "- b-deputy")),
    # DG601 binding words in a non-binding document: each word, the softer one in the hint
    *(Trip(f"DG601-{word.replace(' ', '-')}", "DG601", put("framework.preamble.0", sentence),
           f"the binding word '{word}' in a non-binding document", ("preamble:", sentence),
           hint=BINDING_HINT.format(softer), severity="warning")
      for word, sentence, softer in BINDING_WORDS),
    Trip("DG601-once-per-text", "DG601",
         put("framework.objectives.0", "The Sides shall meet and shall report."),
         "the binding word 'shall' in a non-binding document",
         ("objectives:", "The Sides shall meet"), severity="warning"),
    Trip("DG601-minutes-outcome", "DG601",
         put("meeting.agenda.0.outcomes.0", "The Sides agreed the agenda."),
         "the binding word 'agreed' in a non-binding document",
         ("agenda:", "The Sides agreed the agenda."), severity="warning"),
    Trip("DG601-final-is-error", "DG601", put("framework.preamble.0", "The Sides shall meet."),
         "the binding word 'shall' in a non-binding document",
         ("preamble:", "The Sides shall meet."), final=True,
         hint=BINDING_HINT.format("'will'") + "\n" + FINAL_HINT),
    # DG602 placeholders, in final mode only
    *(Trip(f"DG602-{word}", "DG602", put("document.place", word),
           f"the placeholder '{word}' in a final document", ("document:", "place:"),
           hint="replace it with the agreed text", final=True)
      for word in PLACEHOLDERS),
    Trip("DG602-in-prose", "DG602",
         put("framework.objectives.0", "To raise trade to TODO by 2030."),
         "the placeholder 'TODO' in a final document", ("objectives:", "To raise trade"),
         final=True),
    Trip("DG602-status-final", "DG602",
         steps(put("document.status", "final"), put("targets.0.baseline.source", "TBD")),
         "the placeholder 'TBD' in a final document", ("baseline:", "source: TBD"),
         complete=True),
    # DG603 fields a final document must fill in, in final mode only
    Trip("DG603-document-date", "DG603", drop("document.date"),
         "document.date must be given in a final document", ("document:", "id: a-b-framework"),
         hint="add 'date:' here", final=True),
    Trip("DG603-activity-form", "DG603", drop("roadmap.0.form"),
         "roadmap[0].form must be given in a final document", ("roadmap:", "- id: R-1"),
         hint="add 'form:' here", final=True),
    Trip("DG603-person-title", "DG603", drop("people.1.title"),
         "people[1].title must be given in a final document", ("people:", "- id: b-minister"),
         final=True),
    Trip("DG603-baseline-source", "DG603", drop("targets.0.baseline.source"),
         "targets[0].baseline.source must be given in a final document",
         ("baseline:", "value:"), final=True),
    Trip("DG603-next-meeting", "DG603", drop("meeting.next_meeting"),
         "meeting.next_meeting must be given in a final document", ("meeting:", "title:"),
         final=True),
    Trip("DG603-next-meeting-date", "DG603", drop("meeting.next_meeting.date"),
         "meeting.next_meeting.date must be given in a final document",
         ("next_meeting:", "place:"), final=True),
    Trip("DG603-status-final", "DG603",
         steps(put("document.status", "final"), drop("framework.monitoring.first_review")),
         "framework.monitoring.first_review must be given in a final document",
         ("monitoring:", "frequency:"), complete=True),
    # DG604 prevailing language
    Trip("DG604", "DG604", steps(put("document.languages", ["en", "ru"]),
                                 put("document.prevailing_language", "fr")),
         "the prevailing language 'fr' is not one of the document's languages",
         ("document:", "prevailing_language: fr"), hint="use one of: en, ru"),
    # DG626 bilingual editions pair two of the document's languages, once
    Trip("DG626-not-a-language", "DG626",
         steps(put("document.languages", ["en", "ru"]),
               put("document.side_by_side", [["en", "kk"]])),
         "'kk' in a side-by-side pair is not one of the document's languages",
         ("side_by_side:", "kk"), hint="use one of: en, ru"),
    Trip("DG626-twice", "DG626",
         steps(put("document.languages", ["en", "ru"]),
               put("document.side_by_side", [["en", "ru"], ["en", "ru"]])),
         "the side-by-side pair [en, ru] is given twice", ("side_by_side:", "ru", "en"),
         hint="remove this one"),
    # DG627-DG629 points under negotiation
    Trip("DG627-open-objective", "DG627",
         put("framework.objectives.0", {"status": "open",
                                        "proposals": {"A": "To trade more.", "B": "To trade."}}),
         "framework.objectives[0] is still open (A, B proposing) in a final document",
         ("objectives:", "status: open"), final=True,
         hint="write the agreed text in its place (or 'status: agreed'), or build a draft"),
    Trip("DG627-open-target-value", "DG627",
         put("targets.0.value", {"status": "open", "proposals": {"A": 100, "B": 200}}),
         "targets[0].value is still open (A, B proposing) in a final document",
         ("- id: T-1", "status: open"), final=True),
    Trip("DG627-open-activity", "DG627",
         steps(put("roadmap.0.status", "open"), put("roadmap.0.proposed_by", ["B"])),
         "roadmap[0].status is still open (B proposing) in a final document",
         ("- id: R-1", "status: open"), final=True),
    Trip("DG628-stranger", "DG628",
         put("framework.objectives.0", {"status": "open",
                                        "proposals": {"A": "To trade more.", "C": "To trade."}}),
         "'C' proposes here but is not a party", ("objectives:", "C:"),
         hint="name the proposing side by its party id: A, B"),
    Trip("DG629-open-by-nobody", "DG629", put("roadmap.0.status", "open"),
         "the activity R-1 is open but names no side proposing it",
         ("- id: R-1", "status: open"), hint="add 'proposed_by: [<party id>]'"),
    Trip("DG629-agreed-with-sides", "DG629", put("roadmap.0.proposed_by", ["A"]),
         "the activity R-1 is agreed but names sides proposing it",
         ("- id: R-1", "proposed_by:")),
    # DG605 bidi override characters
    Trip("DG605-override-in-prose", "DG605",
         put("framework.preamble.0", "Desiring \u202etrade\u202c to grow,"),
         "the invisible bidi control character U+202E", ("preamble:", "Desiring"),
         severity="warning",
         hint="remove it; right-to-left text needs no override characters"),
    Trip("DG605-isolate-in-title", "DG605",
         put("roadmap.0.title", "Hold a \u2067joint\u2069 business forum"),
         "the invisible bidi control character U+2067", ("roadmap:", "title: Hold a"),
         severity="warning"),
    Trip("DG605-final-is-error", "DG605",
         put("framework.preamble.0", "Desiring \u202dtrade to grow,"),
         "the invisible bidi control character U+202D", ("preamble:", "Desiring"),
         final=True,
         hint="remove it; right-to-left text needs no override characters\n" + FINAL_HINT),
    # DG606 soft words in the operative text of a binding document
    *(Trip(f"DG606-{word.replace(' ', '-')}", "DG606",
           steps(binding, put("coordination.0.mandate", sentence)),
           f"the non-binding word '{word}' in the operative text of a binding document",
           ("coordination:", sentence), hint=SOFT_HINT.format(stronger), severity="warning")
      for word, sentence, stronger in SOFT_WORDS),
    Trip("DG606-objective", "DG606",
         steps(binding, put("framework.objectives.0", "To trade more, as each will decide.")),
         "the non-binding word 'will' in the operative text of a binding document",
         ("objectives:", "To trade more"), severity="warning"),
    Trip("DG606-target-note", "DG606",
         steps(binding, put("targets.0.note", "Half of it will come from grain.")),
         "the non-binding word 'will' in the operative text of a binding document",
         ("targets:", "note: Half"), severity="warning"),
    Trip("DG606-final-is-error", "DG606",
         steps(binding, put("coordination.0.mandate", "It will steer the roadmap.")),
         "the non-binding word 'will' in the operative text of a binding document",
         ("coordination:", "It will steer"), final=True,
         hint=SOFT_HINT.format("'shall'") + "\n" + FINAL_HINT),
]


CLEANS: list[Clean] = [
    Clean("DG130-own-id", "DG130", add("roadmap", activity("R-2", "2026-03-01", "2026-04-30"))),
    Clean("DG130-own-id-across-kinds", "DG130", add("sectors", {"id": "A2", "name": "Anything"})),
    Clean("DG131-one-owner", "DG131", put("roadmap.0.owners", ["a-trade"])),
    Clean("DG132-indicator-towards-target", "DG132",
          put("roadmap.0.indicators", [{"text": "Trade turnover", "target": "T-1"}])),
    Clean("DG132-value-without-unit", "DG132", drop("roadmap.0.indicators.0.unit")),
    Clean("DG134-unit-only", "DG134",
          steps(drop("targets.0.currency"), put("targets.0.unit", "containers"))),
    Clean("DG201-resolves", "DG201", put("roadmap.0.owners", ["a-trade", "b-trade"])),
    Clean("DG201-reports-to-jwg", "DG201",
          steps(add("coordination", {"id": "council", "name": "Council", "meets": "yearly"}),
                put("coordination.0.reports_to", "council"))),
    Clean("DG202-person-may-chair", "DG202",
          put("coordination.0.chairs", ["a-minister", "b-trade"])),
    Clean("DG202-person-owns-action", "DG202", put("meeting.actions.0.owner", "a-minister")),
    Clean("DG203-worked-on", "DG203",
          steps(add("sectors", {"id": "energy", "name": "Energy"}),
                add("roadmap.0.sectors", "energy"))),
    Clean("DG301-one-day-activity", "DG301",
          steps(put("roadmap.0.end", d("2026-03-01")),
                put("roadmap.0.milestones.0.date", d("2026-03-01")))),
    Clean("DG301-one-day-meeting", "DG301", put("meeting.end", d("2026-02-10"))),
    Clean("DG301-baseline-range", "DG301",
          put("targets.0.baseline.period", "2025-01-01/2025-12-31")),
    Clean("DG302-on-end-date", "DG302", put("roadmap.0.milestones.0.date", d("2026-09-30"))),
    Clean("DG302-on-start-date", "DG302", put("roadmap.0.milestones.0.date", d("2026-03-01"))),
    Clean("DG302-left-to-DG301", "DG302", put("roadmap.0.end", d("2026-02-28"))),
    Clean("DG303-starts-as-dependency-ends", "DG303",
          add("roadmap", activity("R-2", "2026-09-30", "2026-12-31", depends_on=["R-1"]))),
    Clean("DG304-chain", "DG304",
          add("roadmap", activity("R-2", "2026-09-30", "2026-12-31", depends_on=["R-1"]),
              activity("R-3", "2026-12-31", "2027-06-30", depends_on=["R-2"]))),
    Clean("DG305-signed-on-last-day", "DG305", put("document.date", d("2026-02-11"))),
    Clean("DG306-due-day-after", "DG306", put("meeting.actions.0.due", d("2026-02-12"))),
    Clean("DG307-day-after-baseline", "DG307", put("targets.0.by", d("2026-01-01"))),
    Clean("DG308-day-after", "DG308",
          put("meeting.next_meeting", {"date": d("2026-02-12"), "place": "Capital of B"})),
    Clean("DG309-day-after-signing", "DG309",
          steps(put("document.date", d("2026-03-01")),
                put("framework.monitoring.first_review", d("2026-03-02")))),
    Clean("DG405-due-with-whole", "DG405",
          add("targets", target("T-2", 100, part_of="T-1", by=d("2028-12-31")))),
    Clean("DG506-both-named", "DG506", steps()),
    Clean("DG401-same-measure", "DG401",
          add("targets", target("T-2", 100_000_000, part_of="T-1"))),
    Clean("DG402-parts-equal-whole", "DG402",
          add("targets", target("T-2", 500_000_000, part_of="T-1"),
              target("T-3", 500_000_000, part_of="T-1"))),
    Clean("DG402-other-measure-not-added", "DG402",
          add("targets", target("T-2", 600_000_000, part_of="T-1"),
              target("T-3", 500_000_000, currency="EUR", part_of="T-1"))),
    Clean("DG403-just-above", "DG403", put("targets.0.value", 250_000_001)),
    Clean("DG404-one-way", "DG404", add("targets", target("T-2", 1, part_of="T-1"))),
    Clean("DG404-chain", "DG404",
          add("targets", target("T-2", 2, part_of="T-1"), target("T-3", 1, part_of="T-2"))),
    Clean("DG501-other-agenda-item", "DG501",
          steps(add("meeting.agenda", {"id": "A-2", "title": "Roadmap"}),
                put("meeting.actions.0.agenda_item", "A-2"))),
    Clean("DG502-delegations-reordered", "DG502",
          put("meeting.delegations", [{"party": "B", "head": "b-minister"},
                                      {"party": "A", "head": "a-minister"}])),
    Clean("DG503-deputy-co-chairs", "DG503",
          steps(b_deputy, put("meeting.co_chairs", ["a-minister", "b-deputy"]))),
    Clean("DG504-signatories-reordered", "DG504",
          put("signatories", [{"party": "B", "person": "b-minister"},
                              {"party": "A", "person": "a-minister"}])),
    Clean("DG505-own-member", "DG505",
          steps(a_deputy, put("meeting.delegations.0.members", ["a-deputy"]))),
    *(Clean(f"DG601-{word.replace(' ', '-')}-binding", "DG601",
            steps(put("document.binding", True), put("framework.preamble.0", sentence)))
      for word, sentence, _ in BINDING_WORDS),
    Clean("DG601-softer-words", "DG601",
          put("framework.preamble.0", "The Sides will, as jointly decided in Paragraph 3, "
              "name Participants and keep their commitments; the agreement comes into effect "
              "on signature, and any party or articles of association are unaffected.")),
    Clean("DG601-not-prose", "DG601", put("document.title", "Framework between the Parties")),
    *(Clean(f"DG602-{word}-in-draft", "DG602", put("document.place", word), complete=True)
      for word in PLACEHOLDERS),
    Clean("DG602-status-agreed", "DG602", steps(put("document.status", "agreed"),
                                                put("document.place", "TBD"))),
    Clean("DG603-in-draft", "DG603", steps(drop("document.date"), drop("roadmap.0.form")),
          complete=True),
    Clean("DG603-status-agreed", "DG603", put("document.status", "agreed")),
    Clean("DG604-prevailing-used", "DG604", steps(put("document.languages", ["en", "ru"]),
                                                  put("document.prevailing_language", "ru"))),
    Clean("DG626-two-languages", "DG626",
          steps(put("document.languages", ["en", "ru"]),
                put("document.side_by_side", [["ru", "en"]]))),
    Clean("DG627-open-in-draft", "DG627",
          put("framework.objectives.0", {"status": "open", "proposals": {"A": "To trade."}})),
    Clean("DG627-ad-referendum-in-final", "DG627",
          steps(put("framework.objectives.0", {"status": "ad-referendum", "text": "To trade."}),
                put("targets.0.value", {"status": "ad-referendum", "value": 100})), final=True),
    Clean("DG627-agreed-in-final", "DG627",
          put("framework.objectives.0", {"status": "agreed", "text": "To trade."}), final=True),
    Clean("DG602-brackets-are-not-placeholders", "DG602",
          steps(put("framework.objectives.0", {"status": "ad-referendum",
                                               "text": "To trade [in goods] more."}),
                put("document.place", "Astana [Nur-Sultan]")), final=True),
    Clean("DG628-parties", "DG628", steps(
        put("targets.0.value", {"status": "open", "proposals": {"A": 100, "B": 200}}),
        put("roadmap.0.status", "open"), put("roadmap.0.proposed_by", ["A", "B"]))),
    Clean("DG629-open-with-side", "DG629",
          steps(put("roadmap.0.status", "open"), put("roadmap.0.proposed_by", ["A"]))),
    Clean("DG605-marks-are-fine", "DG605",
          put("framework.preamble.0", "Desiring \u200fتجارة\u200e to grow,")),
    Clean("DG606-not-binding", "DG606",
          put("coordination.0.mandate", "It will steer the roadmap and report to the Sides.")),
    Clean("DG606-binding-words", "DG606",
          steps(binding, put("coordination.0.mandate", "It shall steer the roadmap in goodwill "
                             "and report to the Parties as Article 3 provides, on its entry "
                             "into force."))),
    Clean("DG606-preamble-recital", "DG606",
          steps(binding, put("framework.preamble.0", "Desiring that trade will grow,"))),
    Clean("DG606-minutes-record", "DG606",
          steps(binding, put("meeting.agenda.0.outcomes.0", "The Sides will meet again."))),
]


# -- what negotiators write: ranges, "about", a month or a year, "within 30 days", ongoing ----
# A range is read as a commitment (its lower end promised, its upper end the most counted);
# a date written to the month or the year compares as the last day of that period.

def ranged(low: float, high: float) -> dict[str, float]:
    return {"min": low, "max": high}


by_the_book = {"text": "Trade turnover", "target": "T-1"}

TRIPS += [
    # DG135 an indicator in money with a unit as well
    Trip("DG135", "DG135", put("roadmap.0.indicators.0.currency", "USD"),
         "indicator 1 of activity 'R-1' has both a currency and a unit",
         ("indicators:", "currency: USD"),
         hint="keep 'currency:' for money, or 'unit:' for anything else"),
    # DG136 a range that runs downwards, wherever a figure may be a range
    Trip("DG136-target", "DG136", put("targets.0.value", ranged(1_100_000_000, 900_000_000)),
         "the range of target 'T-1' has a min (1,100,000,000) greater than its max "
         "(900,000,000)", ("- id: T-1", "min:"), hint="swap 'min:' and 'max:'"),
    Trip("DG136-baseline", "DG136",
         put("targets.0.baseline.value", ranged(300_000_000, 200_000_000)),
         "the range of the baseline of target 'T-1' has a min (300,000,000) greater than its "
         "max (200,000,000)", ("baseline:", "min:")),
    Trip("DG136-indicator", "DG136", put("roadmap.0.indicators.0.value", ranged(60, 40.5)),
         "the range of indicator 1 of activity 'R-1' has a min (60) greater than its max "
         "(40.5)", ("indicators:", "min:")),
    # DG137 "about" or a currency on an indicator with no value to describe
    Trip("DG137-approximate", "DG137",
         add("roadmap.0.indicators", {**by_the_book, "approximate": True}),
         "indicator 2 of activity 'R-1' has 'approximate:' but no value",
         ("indicators:", "approximate: true"), hint="add 'value:', or remove 'approximate:'"),
    Trip("DG137-currency", "DG137", add("roadmap.0.indicators", {**by_the_book, "currency": "USD"}),
         "indicator 2 of activity 'R-1' has 'currency:' but no value",
         ("indicators:", "currency: USD"), hint="add 'value:', or remove 'currency:'"),
    # DG301 an end written to the month, before the start
    Trip("DG301-month-end", "DG301", put("roadmap.0.end", "2026-02"),
         "activity 'R-1' ends (2026-02) before it starts (2026-03-01)",
         ("roadmap:", "end: 2026-02")),
    # DG302 an ongoing activity still starts somewhere; a month is its last day
    Trip("DG302-ongoing-before-start", "DG302",
         steps(put("roadmap.0.end", "ongoing"),
               put("roadmap.0.milestones.0.date", d("2026-02-28"))),
         "milestone 'Forum held' (2026-02-28) is outside activity 'R-1' (from 2026-03-01, "
         "ongoing)", ("milestones:", "date: 2026-02-28")),
    Trip("DG302-month-after-end", "DG302",
         steps(put("roadmap.0.end", d("2026-09-15")),
               put("roadmap.0.milestones.0.date", "2026-09")),
         "milestone 'Forum held' (2026-09) is outside activity 'R-1' (2026-03-01 to 2026-09-15)",
         ("milestones:", "date: 2026-09")),
    # DG303 a dependency that ends in a month ends on its last day
    Trip("DG303-month", "DG303",
         steps(put("roadmap.0.end", "2026-09"),
               add("roadmap", activity("R-2", "2026-09-15", "2026-12-31", depends_on=["R-1"]))),
         "activity 'R-2' starts (2026-09-15) before 'R-1', which it depends on, ends (2026-09)",
         ("- id: R-2", "depends_on:", "- R-1"),
         hint="start it on or after 2026-09-30, or drop the dependency"),
    # DG306 a year that ended before the meeting
    Trip("DG306-year", "DG306", put("meeting.actions.0.due", 2025),
         "action item 'AI-1' is due (2025) on or before the end of the meeting (2026-02-11)",
         ("actions:", "due: 2025")),
    # DG307 "by 2025" is 31 December 2025, the baseline's last day
    Trip("DG307-year", "DG307", put("targets.0.by", 2025),
         "target 'T-1' is due (2025) on or before the end of its baseline period (2025-12-31)",
         ("- id: T-1", "by: 2025")),
    # DG310 a body "established" after signing is not an existing one
    Trip("DG310", "DG310", steps(put("document.date", d("2026-03-01")),
                                 put("coordination.0.established", "2026-04")),
         "coordination body 'jwg' is established (2026-04) after the document is signed "
         "(2026-03-01)", ("coordination:", "established: 2026-04"),
         hint="give the date it was set up, or leave out 'established:' for a body this "
         "document sets up"),
    # DG402 the parts' lower ends already exceed the whole's upper end
    Trip("DG402-range-part", "DG402",
         add("targets", target("T-2", ranged(600_000_000, 700_000_000), part_of="T-1"),
             target("T-3", 500_000_000, part_of="T-1")),
         "the parts of target 'T-1' add up to at least 1,100,000,000 (T-2 600,000,000 to "
         "700,000,000 + T-3 500,000,000), more than the target's 1,000,000,000",
         ("- id: T-1", "value:")),
    Trip("DG402-range-whole", "DG402",
         steps(put("targets.0.value", ranged(800_000_000, 1_000_000_000)), two_parts_of_t1),
         "the parts of target 'T-1' add up to 1,100,000,000 (T-2 600,000,000 + "
         "T-3 500,000,000), more than the target's 800,000,000 to 1,000,000,000",
         ("- id: T-1", "value:")),
    # DG403 a target's lower end must be above the baseline's upper end
    Trip("DG403-range-target", "DG403", put("targets.0.value", ranged(250_000_000, 1_500_000_000)),
         "target 'T-1' (250,000,000 to 1,500,000,000) is not above its baseline (250,000,000)",
         ("- id: T-1", "value:"),
         hint="a target's lower end should be above its baseline's upper end; check both "
         "ranges"),
    Trip("DG403-range-baseline", "DG403",
         put("targets.0.baseline.value", ranged(200_000_000, 1_000_000_000)),
         "target 'T-1' (1,000,000,000) is not above its baseline (200,000,000 to 1,000,000,000)",
         ("- id: T-1", "value:")),
    Trip("DG403-approximate-compares-as-written", "DG403",
         steps(put("targets.0.approximate", True), put("targets.0.baseline.approximate", True),
               put("targets.0.value", 250_000_000)),
         "target 'T-1' (250,000,000) is not above its baseline (250,000,000)",
         ("- id: T-1", "value:"),
         hint="a target should improve on the baseline; check both figures"),
    # DG405 "by 2029" is after the whole's 31 December 2028
    Trip("DG405-year", "DG405", add("targets", target("T-2", 100, part_of="T-1", by=2029)),
         "target 'T-2' is due (2029) after 'T-1', which it is part of (2028-12-31)",
         ("- id: T-2", "by: 2029"), hint="set 'by:' on or before 2028-12-31"),
]

CLEANS += [
    Clean("DG132-range-is-measurable", "DG132",
          put("roadmap.0.indicators.0.value", ranged(40, 60))),
    Clean("DG135-currency-only", "DG135",
          steps(drop("roadmap.0.indicators.0.unit"),
                put("roadmap.0.indicators.0.currency", "USD"))),
    Clean("DG136-range-upwards", "DG136",
          steps(put("targets.0.value", ranged(900_000_000, 1_100_000_000)),
                put("targets.0.baseline.value", ranged(200_000_000, 300_000_000)),
                put("roadmap.0.indicators.0.value", ranged(40, 60)))),
    Clean("DG136-range-of-one-figure", "DG136",
          put("roadmap.0.indicators.0.value", ranged(50, 50))),
    Clean("DG137-with-a-value", "DG137",
          add("roadmap.0.indicators", {"text": "Investment", "value": 5_000_000, "currency": "USD",
                                       "approximate": True})),
    Clean("DG137-target-only", "DG137", add("roadmap.0.indicators", by_the_book)),
    Clean("DG301-ongoing", "DG301", put("roadmap.0.end", "ongoing")),
    Clean("DG301-month-of-the-start", "DG301",
          steps(put("roadmap.0.end", "2026-03"), put("roadmap.0.milestones.0.date", "2026-03"))),
    Clean("DG302-ongoing-later-milestone", "DG302",
          steps(put("roadmap.0.end", "ongoing"), put("roadmap.0.milestones.0.date", 2030))),
    Clean("DG302-month-of-the-end", "DG302", put("roadmap.0.milestones.0.date", "2026-09")),
    Clean("DG303-ongoing-dependency", "DG303",
          steps(put("roadmap.0.end", "ongoing"),
                add("roadmap", activity("R-2", "2026-04-01", "2026-12-31", depends_on=["R-1"])))),
    Clean("DG303-after-the-month", "DG303",
          steps(put("roadmap.0.end", "2026-09"),
                add("roadmap", activity("R-2", "2026-09-30", "2026-12-31", depends_on=["R-1"])))),
    Clean("DG306-within-a-day", "DG306", put("meeting.actions.0.due", {"within_days": 1})),
    Clean("DG306-month-of-the-meeting", "DG306", put("meeting.actions.0.due", "2026-02")),
    Clean("DG307-next-year", "DG307", put("targets.0.by", 2026)),
    Clean("DG310-existing", "DG310", steps(put("document.date", d("2026-03-01")),
                                           put("coordination.0.established", True))),
    Clean("DG310-month-of-signing", "DG310", steps(put("document.date", d("2026-03-01")),
                                                   put("coordination.0.established", "2026-03"))),
    Clean("DG310-unsigned-draft", "DG310", put("coordination.0.established", 2030)),
    Clean("DG402-range-parts-fit", "DG402",
          add("targets", target("T-2", ranged(400_000_000, 700_000_000), part_of="T-1"),
              target("T-3", 500_000_000, part_of="T-1"))),
    Clean("DG402-range-whole-fits", "DG402",
          steps(put("targets.0.value", ranged(900_000_000, 1_200_000_000)), two_parts_of_t1)),
    Clean("DG403-range-above", "DG403",
          steps(put("targets.0.value", ranged(300_000_000, 1_500_000_000)),
                put("targets.0.baseline.value", ranged(200_000_000, 250_000_000)))),
    Clean("DG405-year-of-the-whole", "DG405",
          add("targets", target("T-2", 100, part_of="T-1", by=2028))),
]


# -- the tests -----------------------------------------------------------------------------

def _check(spec: Spec, case: Trip | Clean) -> tuple[str, Report]:
    complete = case.final if case.complete is None else case.complete
    if complete:
        finalised(spec)
    case.mutate(spec)
    text = dump_yaml(spec)
    report = validate_text(text, "spec.yaml", final=case.final)
    assert report.spec is not None, format_text(report.diagnostics)
    return text, report


@pytest.mark.parametrize("case", TRIPS, ids=attrgetter("name"))
def test_rule_trips(case: Trip, starter: Spec) -> None:
    text, report = _check(starter, case)
    found = [d for d in report.diagnostics if d.code == case.code]
    assert [(d.line, d.message) for d in found] == [(line_of(text, *case.at), case.message)], (
        format_text(report.diagnostics))
    assert found[0].severity == case.severity
    if case.hint is not None:
        assert found[0].hint == case.hint


@pytest.mark.parametrize("case", CLEANS, ids=attrgetter("name"))
def test_rule_does_not_trip(case: Clean, starter: Spec) -> None:
    _text, report = _check(starter, case)
    assert case.code not in {d.code for d in report.diagnostics}, (
        format_text(report.diagnostics))


def test_every_rule_has_a_tripping_and_a_clean_case() -> None:
    registered = {r.code for r in RULES}
    assert registered - {case.code for case in TRIPS} == set(), "rules without a Trip case"
    assert registered - {case.code for case in CLEANS} == set(), "rules without a Clean case"
    assert {case.code for case in TRIPS} | {case.code for case in CLEANS} <= registered


def test_case_names_are_unique() -> None:
    names = [case.name for case in [*TRIPS, *CLEANS]]
    assert len(names) == len(set(names))


def test_starter_is_clean_in_draft(starter: Spec) -> None:
    assert validate_data(starter).diagnostics == []


def test_starter_file_is_clean_in_draft() -> None:
    text = STARTER.read_text(encoding="utf-8")
    assert validate_text(text, str(STARTER)).diagnostics == []


def test_completed_starter_is_clean_in_final(final_starter: Spec) -> None:
    assert validate_data(final_starter, final=True).diagnostics == []


def test_starter_placeholders_fail_only_in_final(starter: Spec) -> None:
    report = validate_data(starter, final=True)
    assert {d.code for d in report.diagnostics} == {"DG602", "DG603"}
    assert all(d.severity == "error" for d in report.diagnostics)


def test_status_final_turns_warnings_into_errors(final_starter: Spec) -> None:
    final_starter["document"]["status"] = "final"
    final_starter["framework"]["preamble"][0] = "The Parties will meet."
    (diagnostic,) = validate_data(final_starter).diagnostics
    assert (diagnostic.code, diagnostic.severity) == ("DG601", "error")
    assert diagnostic.hint.endswith("\n" + FINAL_HINT)


@pytest.mark.parametrize("indicator", [">-", "|", ">"])
def test_a_binding_word_in_a_block_is_reported_where_it_stands(indicator: str) -> None:
    """DG601 points at the word's own line and column, not at the block's `>-` line."""
    text = STARTER.read_text(encoding="utf-8")
    old = "    - Desiring to expand trade and investment between the two countries,\n"
    assert old in text
    block = (f"    - {indicator}\n      Desiring to expand trade and investment\n"
             "      between the two countries, the Sides\n      shall meet each year,\n")
    report = validate_text(text.replace(old, block), "spec.yaml")
    (found,) = [d for d in report.diagnostics if d.code == "DG601"]
    lines = text.replace(old, block).splitlines()
    line = next(n for n, row in enumerate(lines, start=1) if row.strip().startswith("shall"))
    assert (found.line, found.column) == (line, lines[line - 1].index("shall") + 1)


def test_a_phrase_split_over_two_lines_is_found_on_its_first() -> None:
    text = STARTER.read_text(encoding="utf-8")
    old = "    - Desiring to expand trade and investment between the two countries,\n"
    block = "    - >-\n      Desiring that this Framework enter\n      into force on signature,\n"
    report = validate_text(text.replace(old, block), "spec.yaml")
    (found,) = [d for d in report.diagnostics if d.code == "DG601"]
    assert found.message == "the binding word 'enter into force' in a non-binding document"
    lines = text.replace(old, block).splitlines()
    line = next(n for n, row in enumerate(lines, start=1) if row.endswith("enter"))
    assert (found.line, found.column) == (line, lines[line - 1].index("enter") + 1)
