"""The whole spec (schema version 1): one negotiation's single source of truth."""


from typing import Annotated, Literal

from pydantic import Field

from docgen.model.document import DocumentInfo, FrameworkText
from docgen.model.meeting import Meeting
from docgen.model.parties import FocalPoint, Institution, Party, Person, Signatory
from docgen.model.roadmap import Activity, Mechanism, Risk
from docgen.model.targets import Sector, Target
from docgen.model.types import SpecModel


class Spec(SpecModel):
    """A negotiation: who, what, by when, how measured, and what the meeting recorded."""

    spec_version: Literal[1]
    """The version of the spec language; this is version 1."""
    document: DocumentInfo
    parties: Annotated[list[Party], Field(min_length=2)]
    institutions: Annotated[list[Institution], Field(default_factory=list)]
    people: Annotated[list[Person], Field(default_factory=list)]
    sectors: Annotated[list[Sector], Field(default_factory=list)]
    targets: Annotated[list[Target], Field(default_factory=list)]
    framework: FrameworkText
    roadmap: Annotated[list[Activity], Field(default_factory=list)]
    coordination: Annotated[list[Mechanism], Field(default_factory=list)]
    risks: Annotated[list[Risk], Field(default_factory=list)]
    meeting: Meeting | None = None
    signatories: Annotated[list[Signatory], Field(default_factory=list)]
    focal_points: Annotated[list[FocalPoint], Field(default_factory=list)]
