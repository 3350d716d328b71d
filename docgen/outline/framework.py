"""The framework document's outline: preamble, numbered parts, closing, annexes.

In: a `DocumentContext`. Out: an `Outline` whose paragraphs are numbered 1, 2, 3 …
through the whole body, parts I, II, III …, annexes A, B …; which parts exist (the
corridors, the risks, the statement that the text is not binding) is decided here.
A binding agreement is laid out in Articles 1, 2, 3 … instead, each numbering its own
paragraphs (an Article of one paragraph numbers none), and its preamble ends with the
words that introduce the operative text.
"""

from __future__ import annotations

from typing import Any

from docgen.charts import gantt_charts
from docgen.outline.blocks import (
    Block,
    Numbers,
    Outline,
    Part,
    articles,
    items,
    letter,
    roman,
    signature_block,
    table,
)
from docgen.outline.negotiation import negotiation_annex
from docgen.outline.rows import activity_rows, target_rows


def framework(ctx: Any) -> Outline:
    """Return the outline of the framework document."""
    spec = ctx.spec
    framework = spec.framework
    n = Numbers()
    binding = spec.document.binding

    def part(key: str, *blocks: Block, role: str | None = None) -> Part:
        if binding:  # Articles 1, 2 …, each numbering its own paragraphs
            return Part(key, role or key, str(n.next("part")), articles(blocks))
        return Part(key, role or key, roman(n.next("part")), tuple(blocks))

    parts = [Part("preamble", "preamble", blocks=(
        Block("preamble:parties", "preamble_parties"),
        *items("preamble", "clause", list(framework.preamble), label=str),
        *([Block("preamble:agreed", "preamble_agreed")] if binding else [])),
        heading=False, in_contents=False, css="preamble")]
    parts.append(part("objectives", n.para("objectives:lead", "objectives_lead", lead=True),
                      Block("objectives:list", "objectives_list",
                            children=items("objectives", "objective",
                                           list(framework.objectives)))))
    sectors = tuple(Block(f"sectors/{s.id}", "sector", str(i), s,
                          {"leads": [ctx.name(ref) for ref in s.leads]})
                    for i, s in enumerate(spec.sectors, start=1))
    parts.append(part("sectors", n.para("sectors:lead", "sectors_lead", lead=True),
                      table("sectors:table", "sectors_table", sectors, title="sectors",
                            lead="sectors:lead")))
    targets = target_rows(spec.targets)
    parts.append(part("targets", n.para("targets:lead", "targets_lead", lead=True),
                      table("targets:table", "targets_table", targets, title="targets",
                            lead="targets:lead"),
                      *(n.para(f"{row.key}:note", "target_note", row.item, label=row.label)
                        for row in targets if row.item.note)))
    if framework.corridors:
        parts.append(part("connectivity", n.para("connectivity:lead", "corridors_lead"),
                          *(n.para(f"corridors/{c.id}", "corridor", c)
                            for c in framework.corridors)))
    activities = activity_rows(ctx)
    numbers = {row.item.id: row.label for row in activities}
    summary = tuple(Block(f"roadmap-sectors/{s.id}", "roadmap_sector", item=s, facts={
        "activities": [row.label for row in activities if s.id in row.item.sectors]})
        for s in spec.sectors)
    sides = {party.id for party in spec.parties}
    parts.append(part("roadmap", n.para(
        "roadmap:lead", "roadmap_lead", lead=True, count=len(spec.roadmap),
        first=min((a.start for a in spec.roadmap), default=None),
        last=max((a.finish for a in spec.roadmap if a.finish is not None), default=None),
        ongoing=sum(a.finish is None for a in spec.roadmap),
        every_side=all({ctx.party_of(o) for o in a.owners} >= sides for a in spec.roadmap)),
        table("roadmap:summary", "roadmap_summary", summary, title="roadmap",
              lead="roadmap:lead")))
    parts.append(part("coordination",
                      *(n.para(f"coordination/{m.id}", "mechanism", m)
                        for m in spec.coordination),
                      n.para("coordination:focal-points", "focal_points_note")))
    risks = tuple(Block(f"risks/{r.id}", "risk", str(i), r)
                  for i, r in enumerate(spec.risks, start=1))
    parts.append(part("monitoring", n.para("monitoring:review", "review"),
                      *((n.para("monitoring:risks", "risks_lead", lead=True),
                         table("monitoring:risks-table", "risks_table", risks,
                               title="monitoring", lead="monitoring:risks"))
                        if risks else ())))
    if not spec.document.binding:
        parts.append(part("nature", n.para("nature:statement", "nature_statement")))
    parts.append(part("amendment", n.para("amendment:consent", "amendment_consent")))
    parts.append(part("duration", n.para("duration:term", "duration_term"),
                      n.para("duration:termination", "duration_termination")))
    signers = tuple(Block(f"signatures/{s.person}", "signature", item=ctx.people[s.person],
                          facts={"party": party})
                    for party in spec.parties for s in spec.signatories if s.party == party.id)
    parts.append(Part("closing", "closing", blocks=(
        Block("closing:formula", "closing_formula"),
        signature_block("closing:signatures", signers)),
        heading=False, in_contents=False, css="closing"))
    parts.append(Part("annex:roadmap", "annex_roadmap", letter(1), (Block(
        "annex:roadmap-chart", "roadmap_chart",
        facts={"charts": gantt_charts(spec, "annex:roadmap-chart")}), table(
        "annex:roadmap-table", "roadmap_table", tuple(
            Block(row.key, row.role, row.label, row.item,
                  {**row.facts, "after": [numbers[ref] for ref in row.item.depends_on]})
            for row in activities), title="annex:roadmap"),), css="annex wide"))
    focal = tuple(Block(f"focal-points/{f.person}", "focal_point", item=f,
                        facts={"party": party, "person": ctx.people[f.person]})
                  for party in spec.parties for f in spec.focal_points
                  if ctx.party_of(f.person) == party.id)
    parts.append(Part("annex:focal-points", "annex_focal_points", letter(2), (table(
        "annex:focal-points-table", "focal_points_table", focal,
        title="annex:focal-points"),), css="annex"))
    bodies = tuple(Block(f"institutions/{i.id}", "institution", item=i, facts={"party": party})
                   for party in spec.parties for i in spec.institutions if i.party == party.id)
    if bodies:  # what each short name in the text stands for
        parts.append(Part("annex:institutions", "annex_institutions", letter(3), (table(
            "annex:institutions-table", "institutions_table", bodies,
            title="annex:institutions"),), css="annex"))
    if ctx.status != "final":
        annex = negotiation_annex(parts, letter(sum(p.role.startswith("annex") for p in parts) + 1))
        parts.extend([annex] if annex else [])
    return Outline("framework", tuple(parts))
