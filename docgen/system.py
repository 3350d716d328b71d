"""The system libraries the PDF and Word writers need: load them, or name the missing package.

WeasyPrint loads GLib, Pango, HarfBuzz and fontconfig through cffi when it is imported;
a missing library is an OSError there (and a banner WeasyPrint prints on stdout). Here
that becomes one `DocgenError` naming the package to install, read from the one list
of system packages (`data/system-packages.txt`, which `./dev` installs from too).
HarfBuzz's subsetter is required, not optional as WeasyPrint still allows: without it
WeasyPrint subsets fonts with fontTools, slower and into other bytes, so two machines
would build different PDFs from one spec. The versions of Pango and HarfBuzz are read
with ctypes, without importing WeasyPrint, so the manifest and the rebuild keys can
name them at the cost of a validate.
"""

from __future__ import annotations

import contextlib
import ctypes
import functools
import io
import re
import warnings
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType

from docgen.errors import DocgenError

PACKAGES_FILE = Path(__file__).resolve().parent / "data" / "system-packages.txt"
# The file names a library has on each system, in the order WeasyPrint tries them.
_FILE_NAMES = {
    "libpango-1.0-0": ("libpango-1.0.so.0", "libpango-1.0.dylib", "libpango-1.0-0.dll"),
    "libharfbuzz-0": ("libharfbuzz.so.0", "libharfbuzz.0.dylib", "libharfbuzz-0.dll"),
}


@dataclass(frozen=True)
class SystemPackage:
    """One line of the system package list."""

    group: str
    """"build" (needed to build documents) or "test" (needed by the test suite)."""
    debian: str
    provides: str
    """`lib:NAME` (a library as WeasyPrint names it) or `cmd:NAME` (a command)."""
    purpose: str


@functools.cache
def packages() -> tuple[SystemPackage, ...]:
    """Return the system packages docgen needs, as listed in data/system-packages.txt."""
    listed = []
    for line in PACKAGES_FILE.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            group, debian, provides, purpose = line.split(maxsplit=3)
            listed.append(SystemPackage(group, debian, provides, purpose))
    return tuple(listed)


def missing_library(library: str) -> DocgenError:
    """Return the error for a system library that cannot be loaded, naming its package."""
    package = next((p for p in packages() if p.provides == f"lib:{library}"), None)
    if package is None:
        return DocgenError(f"the system library {library} cannot be loaded; WeasyPrint, "
                           "which writes the PDF and lays out the Word file, needs it: "
                           "install it with your system's package manager")
    return DocgenError(f"the system library {library} ({package.purpose}) is not installed; "
                       "the PDF and Word writers need it: install it with `apt-get install "
                       f"{package.debian}` on Debian or Ubuntu, or your system's package "
                       "of it elsewhere (`./dev build` installs every system package "
                       "docgen needs)")


@functools.cache
def weasyprint() -> ModuleType:
    """Import WeasyPrint, or raise a DocgenError naming the system package it lacks."""
    banner = io.StringIO()
    try:
        with contextlib.redirect_stdout(banner), warnings.catch_warnings():
            warnings.filterwarnings("ignore", "HarfBuzz-Subset", DeprecationWarning)
            import weasyprint as module
            from weasyprint.text import ffi
    except OSError as error:
        found = re.search(r"cannot load library '([^']+)'", str(error))
        raise missing_library(found.group(1) if found else str(error)) from None
    if ffi.harfbuzz_subset is None:
        raise missing_library("libharfbuzz-subset-0")
    loaded: ModuleType = module
    return loaded


def _symbol_text(library: str, symbol: str) -> str | None:
    """Call a library's `const char *symbol(void)`, or None if it cannot be loaded."""
    for name in _FILE_NAMES[library]:
        try:
            function = getattr(ctypes.CDLL(name), symbol)
        except (OSError, AttributeError):
            continue
        function.restype = ctypes.c_char_p
        text = function()
        return text.decode("ascii", "replace") if isinstance(text, bytes) else None
    return None


@functools.cache
def library_versions() -> dict[str, str]:
    """Return the versions of the system libraries that lay out the PDF ("-" if missing)."""
    versions = {"pango": _symbol_text("libpango-1.0-0", "pango_version_string"),
                "harfbuzz": _symbol_text("libharfbuzz-0", "hb_version_string")}
    return {name: version or "-" for name, version in versions.items()}
