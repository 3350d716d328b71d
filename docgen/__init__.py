"""docgen: framework documents and minutes of meeting from one YAML spec.

The library is usable without the CLI: `load_spec()`, `validate()`, `build()`. Heavy parts
(Jinja, WeasyPrint, python-docx) are imported only by the build path.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from docgen.version import __version__

__all__ = ["__version__", "build", "load_spec", "validate"]

if TYPE_CHECKING:
    from docgen.build import build
    from docgen.validation import load_spec, validate


def __getattr__(name: str) -> Any:
    """Import the library entry points on first use, so `import docgen` stays cheap."""
    if name in ("load_spec", "validate"):
        from docgen import validation as module

        return getattr(module, name)
    if name == "build":
        from docgen.build import build

        return build
    raise AttributeError(f"module 'docgen' has no attribute {name!r}")
