"""The rule registry: each consistency rule is a small function with a stable code.

A rule takes the checked spec (through an `Index`) and yields `Hit`s: a key path,
a message and a hint. The engine stamps each hit with the rule's code and
severity; positions are looked up afterwards, so rules stay free of file details.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

from docgen.diagnostics import KeyPath, Severity
from docgen.rules.index import Index


@dataclass(frozen=True)
class Hit:
    """One place where a rule found a problem."""

    path: KeyPath
    message: str
    hint: str = ""
    at_key: bool = False
    phrase: str = ""
    """The words at fault inside the value, if the diagnostic should point at them."""


@dataclass(frozen=True)
class Finding:
    """A hit stamped with its rule's code and severity."""

    code: str
    severity: Severity
    hit: Hit


RuleFunction = Callable[[Index], Iterable[Hit]]


@dataclass(frozen=True)
class Rule:
    """A registered rule: its code, its severity and whether it runs only for finals."""

    code: str
    severity: Severity
    final_only: bool
    check: RuleFunction
    needs_all: bool = False
    """True for a rule about what the spec lacks, which cannot run on part of it."""


RULES: list[Rule] = []


def rule(code: str, severity: Severity = "error", *, final_only: bool = False,
         needs_all: bool = False) -> Callable[[RuleFunction], RuleFunction]:
    """Register a rule function under a stable code."""

    def register(check: RuleFunction) -> RuleFunction:
        if any(existing.code == code for existing in RULES):
            raise ValueError(f"rule code {code} is registered twice")
        RULES.append(Rule(code, severity, final_only, check, needs_all))
        return check

    return register


def run_rules(index: Index, *, final: bool, partial: bool = False) -> Iterator[Finding]:
    """Run every rule that applies and yield its findings.

    `partial`: the spec is what was left after setting aside values at fault
    (docgen.salvage), so the rules that need all of it do not run.
    """
    for registered in RULES:
        if (registered.final_only and not final) or (registered.needs_all and partial):
            continue
        for hit in registered.check(index):
            yield Finding(registered.code, registered.severity, hit)
