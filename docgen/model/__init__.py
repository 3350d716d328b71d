"""The spec language as pydantic models: what a spec may say, field by field."""

from docgen.model.spec import Spec

__all__ = ["Spec"]
