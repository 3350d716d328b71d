"""The outline's building blocks: `Block`, `Part`, `Outline`, running numbers and labels.

In: nothing but values. Out: the types every document's outline is made of, and the
functions that write numbers as labels (I, IV; A, AA; a, b).
"""


from __future__ import annotations

import string
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from typing import Any

ROMAN = [(1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
         (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")]


def roman(number: int) -> str:
    """Write a positive number in Roman numerals: 4 -> IV."""
    out = ""
    for value, letters in ROMAN:
        count, number = divmod(number, value)
        out += letters * count
    return out


def letter(number: int) -> str:
    """Write 1 -> A, 26 -> Z, 27 -> AA: annex letters."""
    out = ""
    while number > 0:
        number, rest = divmod(number - 1, 26)
        out = string.ascii_uppercase[rest] + out
    return out


def alpha(number: int) -> str:
    """Write 1 -> a, 27 -> aa: the letters of sub-items (a), (b) ..."""
    return letter(number).lower()


@dataclass(frozen=True)
class Block:
    """One block a reader can point at: a paragraph, a list item, a row, a signature.

    `role` says which wording the template writes for it (a macro of that name);
    `label` is its number as printed, without punctuation or words ("3", "b", "1.2",
    "IV", "A"): the template adds "(b)" or "Annex A." around it. `item` is the spec
    object (or text) the block shows; `facts` what the outline resolved for it.
    """

    key: str
    role: str
    label: str = ""
    item: Any = None
    facts: dict[str, Any] = field(default_factory=dict)
    children: tuple[Block, ...] = ()
    numbered: bool = False
    """A numbered paragraph of the body (1., 2., 3. …): every format numbers it alike."""


@dataclass(frozen=True)
class Part:
    """A part of a document: a section with a heading (or none), and its blocks."""

    key: str
    role: str
    """The part's kind, which names its heading words and its class in the HTML."""
    label: str = ""
    blocks: tuple[Block, ...] = ()
    heading: bool = True
    in_contents: bool = True
    css: str = "part"
    """The HTML class of its section: part, annex, annex wide, opening, closing."""
    item: Any = None
    """The spec object the part is about (an agenda item), if any."""


@dataclass(frozen=True)
class Outline:
    """One document's outline: its parts in reading order."""

    document: str
    parts: tuple[Part, ...]

    def contents(self) -> list[Part]:
        """Return the parts the contents list names, in order."""
        return [part for part in self.parts if part.heading and part.in_contents]

    def part(self, key: str) -> Part:
        """Return the part with this key."""
        return next(part for part in self.parts if part.key == key)

    def walk(self) -> Iterator[Block | Part]:
        """Yield every part and block, depth first, in reading order."""
        for part in self.parts:
            yield part
            stack = list(reversed(part.blocks))
            while stack:
                block = stack.pop()
                yield block
                stack.extend(reversed(block.children))

    def keys(self) -> list[str]:
        """Return every key of the document, in reading order."""
        return [node.key for node in self.walk()]


class Numbers:
    """The running numbers of one document: paragraphs, sections, annexes."""

    def __init__(self) -> None:
        self.counts: dict[str, int] = {}

    def next(self, name: str) -> int:
        """Advance counter `name` and return its new value."""
        self.counts[name] = self.counts.get(name, 0) + 1
        return self.counts[name]

    def para(self, key: str, role: str, item: Any = None, **facts: Any) -> Block:
        """Return the next numbered paragraph."""
        return Block(key, role, str(self.next("para")), item, facts, numbered=True)


def items(prefix: str, role: str, values: list[Any], *, label: Any = alpha) -> tuple[Block, ...]:
    """Return list items keyed by position (for lists whose entries have no id)."""
    return tuple(Block(f"{prefix}/{n}", role, label(n), value)
                 for n, value in enumerate(values, start=1))


def table(key: str, role: str, rows: tuple[Block, ...], *, title: str,
          lead: str | None = None) -> Block:
    """Return a table of `rows`, named by the heading keyed `title` and described by the
    paragraph keyed `lead` that introduces it (if any): every format names its tables so."""
    return Block(key, role, children=rows, facts={"named_by": title, "described_by": lead})


SIGNERS_PER_ROW = 3
"""At most this many signature blocks stand side by side; more go on further rows. Three
on an A4 page leave each about 50 mm, enough for a signature and a name and title of two
or three lines; a party's long name wraps in its heading, whose row keeps the lines level."""


def signature_block(key: str, signers: tuple[Block, ...]) -> Block:
    """Return the signature block of `signers`, in rows as even as can be (4 -> 2 + 2,
    5 -> 3 + 2, 6 -> 3 + 3), each row as many columns wide as the first."""
    count = max(-(-len(signers) // SIGNERS_PER_ROW), 1)
    columns = max(-(-len(signers) // count), 1)
    rows = tuple(signers[start:start + columns] for start in range(0, len(signers), columns))
    return Block(key, "signatures", children=signers, facts={"rows": rows, "columns": columns})


def articles(blocks: tuple[Block, ...]) -> tuple[Block, ...]:
    """Number an Article's paragraphs 1, 2 … within it, or not at all if it has only one."""
    count = sum(block.numbered for block in blocks)
    labels = iter(range(1, count + 1))
    return tuple(replace(block, label=str(next(labels)) if count > 1 else "")
                 if block.numbered else block for block in blocks)
