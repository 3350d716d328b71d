"""Consistency rules, one small function each, registered with stable codes.

Codes: DG1xx structure, DG2xx references, DG3xx dates, DG4xx targets,
DG5xx minutes, DG6xx language, finality and negotiation. Importing this package registers
every rule.
"""

from docgen.rules import dates, language, minutes, negotiation, references, structure, targets
from docgen.rules.engine import RULES, Finding, Hit, run_rules
from docgen.rules.index import Index

__all__ = ["RULES", "Finding", "Hit", "Index", "dates", "language", "minutes", "negotiation",
           "references",
           "run_rules", "structure", "targets"]
