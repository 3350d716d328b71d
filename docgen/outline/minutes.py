"""The minutes' outline: opening, agenda, one part per agenda item, decisions, annex.

In: a `DocumentContext` whose spec has a meeting. Out: an `Outline` whose paragraphs
are numbered 1, 2, 3 … through the body, agenda items "Item 1", "Item 2" …, action
items 1, 2 … in the order written (each agenda item lists the numbers of its own;
each row has its due date resolved, a relative one counted from the meeting's end),
and the delegations in Annex 1, each member numbered in order of precedence.
"""

from __future__ import annotations

from typing import Any

from docgen.model.values import Within
from docgen.outline.blocks import Block, Numbers, Outline, Part, items, signature_block, table
from docgen.outline.negotiation import negotiation_annex


def minutes(ctx: Any) -> Outline:
    """Return the outline of the minutes of the meeting."""
    spec = ctx.spec
    meeting = spec.meeting
    n = Numbers()
    chairs = ctx.persons(meeting.co_chairs)
    action_numbers = {action.id: str(i) for i, action in enumerate(meeting.actions, start=1)}
    activity_numbers = {a.id: str(i) for i, a in enumerate(spec.roadmap, start=1)}
    parts = [Part("opening", "opening", blocks=(
        n.para("opening:venue", "opening_venue"),
        n.para("opening:chairs", "opening_chairs", chairs=chairs)),
        heading=False, in_contents=False, css="opening")]
    agenda = tuple(Block(f"agenda/{item.id}", "agenda_entry", str(i), item)
                   for i, item in enumerate(meeting.agenda, start=1))
    parts.append(Part("agenda", "agenda", blocks=(
        n.para("agenda:lead", "agenda_lead", lead=True),
        Block("agenda:list", "agenda_list", children=agenda))))
    for number, item in enumerate(meeting.agenda, start=1):
        key = f"items/{item.id}"
        blocks = [n.para(f"{key}/discussion/{i}", "discussion", text)
                  for i, text in enumerate(item.discussion, start=1)]
        if item.outcomes:
            blocks += [n.para(f"{key}:outcomes", "outcomes_lead", lead=True),
                       Block(f"{key}:outcomes-list", "outcomes_list",
                             children=items(f"{key}/outcomes", "outcome", list(item.outcomes)))]
        mine = [action_numbers[a.id] for a in meeting.actions if a.agenda_item == item.id]
        if mine:
            blocks.append(Block(f"{key}:actions", "see_actions", facts={"actions": mine}))
        parts.append(Part(key, "agenda_item", str(number), tuple(blocks), item=item))
    if meeting.actions:
        rows = tuple(Block(f"actions/{a.id}", "action", action_numbers[a.id], a,
                           {"serves": activity_numbers.get(a.serves or ""),
                            "due": meeting.due(a),
                            "within": a.due if isinstance(a.due, Within) else None})
                     for a in meeting.actions)
        parts.append(Part("actions", "actions", blocks=(
            n.para("actions:lead", "actions_lead", lead=True),
            table("actions:table", "actions_table", rows, title="actions",
                  lead="actions:lead"))))
    if meeting.instruments_signed:
        parts.append(Part("instruments", "instruments", blocks=(
            n.para("instruments:lead", "instruments_lead", lead=True),
            Block("instruments:list", "instruments_list", children=items(
                "instruments", "instrument", list(meeting.instruments_signed))))))
    if meeting.next_meeting:
        parts.append(Part("next", "next_meeting", blocks=(
            n.para("next:meeting", "next_meeting", meeting.next_meeting),)))
    signers = tuple(Block(f"signatures/{person.id}", "signature", item=person,
                          facts={"party": party})
                    for party in spec.parties for person in chairs if person.party == party.id)
    parts.append(Part("closing", "closing", blocks=(
        Block("closing:formula", "closing_formula"),
        signature_block("closing:signatures", signers)),
        heading=False, in_contents=False, css="closing"))
    delegations = []
    for party in spec.parties:
        for delegation in meeting.delegations:
            if delegation.party != party.id:
                continue
            members = [delegation.head, *delegation.members]
            key = f"delegations/{party.id}"  # its heading names its table
            delegations.append(Block(key, "delegation", item=party, facts={"named_by": key},
                                     children=tuple(
                Block(f"{key}/{ref}", "delegate", str(i), ctx.people[ref],
                      {"head": i == 1}) for i, ref in enumerate(members, start=1))))
    parts.append(Part("annex:delegations", "annex_delegations", "1", tuple(delegations),
                      css="annex"))
    if ctx.status != "final":
        annex = negotiation_annex(parts, "2")
        parts.extend([annex] if annex else [])
    return Outline("minutes", tuple(parts))
