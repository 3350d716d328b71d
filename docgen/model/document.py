"""What the framework document is, and the text that is particular to it."""


from typing import Annotated, Literal

from pydantic import Field

from docgen.model.negotiation import Prose
from docgen.model.roadmap import Frequency
from docgen.model.types import (
    REQUIRED_IN_FINAL,
    Date,
    Id,
    Language,
    Ref,
    SpecModel,
    Text,
)

Kind = Literal["framework", "memorandum-of-understanding", "joint-declaration", "agreement"]
Status = Literal["draft", "agreed", "final"]


class DocumentInfo(SpecModel):
    """The framework document's identity and standing."""

    id: Id
    title: Text
    short_title: Text
    """Used in running headers, e.g. "PK-KZ Trade and Connectivity Framework"."""
    kind: Kind
    binding: bool
    """Whether the document creates legal obligations; most frameworks do not."""
    status: Status
    version: Annotated[int, Field(ge=1, le=999)]
    place: Annotated[Text | None, REQUIRED_IN_FINAL] = None
    """City of signature."""
    date: Annotated[Date | None, REQUIRED_IN_FINAL] = None
    """Date of signature."""
    languages: Annotated[list[Language], Field(min_length=1)]
    """Languages of the originals, e.g. [en, ur, kk, ru]."""
    prevailing_language: Language | None = None
    """The language that prevails in case of divergence, if any."""
    alternat: bool = False
    """Whether each party's original names that party first and gives it the first
    signature block (the alternat); docgen then builds one original per party."""
    side_by_side: Annotated[list[Annotated[list[Language], Field(min_length=2, max_length=2)]],
                            Field(default_factory=list)]
    """Pairs of languages to build also as bilingual editions, the two texts side by side
    paragraph by paragraph, e.g. [[kk, ru]]: the first language's column comes first and
    the page is in that language."""


class Corridor(SpecModel):
    """A transport route the parties want to develop."""

    id: Id
    name: Text
    via: Annotated[list[Text], Field(default_factory=list)]
    """Countries the route crosses, in order."""
    modes: Annotated[list[Literal["rail", "road", "sea", "air", "pipeline", "multimodal"]],
                     Field(min_length=1)]
    description: Prose | None = None


class Monitoring(SpecModel):
    """How implementation is reviewed."""

    frequency: Frequency
    reviewed_by: Ref
    """The coordination mechanism that reviews progress."""
    first_review: Annotated[Date | None, REQUIRED_IN_FINAL] = None


class Duration(SpecModel):
    """When the document takes effect and for how long."""

    years: Annotated[int, Field(ge=1, le=99)]
    renewal_years: Annotated[int | None, Field(ge=1, le=99)] = None
    """If set, the document is extended for periods of this many years unless a side objects."""
    notice_months: Annotated[int, Field(ge=0, le=60)] = 6


class FrameworkText(SpecModel):
    """The framework's own words: context, objectives, corridors, review, duration."""

    preamble: Annotated[list[Prose], Field(min_length=1)]
    objectives: Annotated[list[Prose], Field(min_length=1)]
    corridors: Annotated[list[Corridor], Field(default_factory=list)]
    monitoring: Monitoring
    duration: Duration
