"""Who takes part: the parties, their institutions and people, signatories and focal points."""


from typing import Annotated

from pydantic import Field

from docgen.model.types import REQUIRED_IN_FINAL, Email, Id, Ref, SpecModel, Text


class Party(SpecModel):
    """A side to the document, such as a government."""

    id: Id
    """Short id used everywhere else, e.g. `PK`."""
    name: Text
    """Official name, e.g. "the Government of the Islamic Republic of Pakistan"."""
    short_name: Text
    """Name used in running text, e.g. "Pakistan"."""


class Institution(SpecModel):
    """A ministry, agency or body belonging to one party."""

    id: Id
    party: Ref
    name: Text
    short_name: Text | None = None
    """Abbreviation used in tables, e.g. "MoC"."""


class Person(SpecModel):
    """Someone who attends, chairs, signs or coordinates."""

    id: Id
    party: Ref
    name: Text
    honorific: Text | None = None
    """Form of address printed before the name, e.g. "H.E. Mr."."""
    title: Annotated[Text | None, REQUIRED_IN_FINAL] = None
    """Full official title, e.g. "Federal Minister for Commerce"."""
    institution: Ref | None = None
    email: Email | None = None


class Signatory(SpecModel):
    """Who signs the framework document for a party."""

    party: Ref
    person: Ref


class FocalPoint(SpecModel):
    """A person each side names to coordinate the work (Annex B)."""

    person: Ref
    role: Text
    """What they coordinate, e.g. "Overall coordination"."""
    sectors: Annotated[list[Ref], Field(default_factory=list)]
