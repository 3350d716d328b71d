"""The system libraries: found, named when missing, and recorded in the manifest."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from docgen import system

STARTER = Path(system.__file__).parent / "data" / "starter.yaml"
# Run docgen with cffi unable to load one library, exactly as cffi fails when it is absent.
ABSENT = textwrap.dedent("""
    import sys, cffi
    absent = sys.argv.pop(1)
    real = cffi.FFI.dlopen
    def dlopen(self, name, *args, **kwargs):
        if absent in name:
            raise OSError(f"cannot load library '{name}': {name}: cannot open shared "
                          "object file: No such file or directory")
        return real(self, name, *args, **kwargs)
    cffi.FFI.dlopen = dlopen
    from docgen.cli import main
    sys.exit(main(sys.argv[1:]))
""")


def test_weasyprint_finds_harfbuzz_subset() -> None:
    from weasyprint.text import ffi

    assert system.weasyprint() is not None
    assert ffi.harfbuzz_subset is not None, "install libharfbuzz-subset0"


def test_every_library_weasyprint_loads_is_listed_with_its_package() -> None:
    listed = {p.provides for p in system.packages() if p.group == "build"}
    assert listed == {"lib:libgobject-2.0-0", "lib:libpango-1.0-0", "lib:libpangoft2-1.0-0",
                      "lib:libharfbuzz-0", "lib:libharfbuzz-subset-0", "lib:libfontconfig-1"}


@pytest.mark.parametrize(("absent", "library", "package"), [
    ("pango-1.0", "libpango-1.0-0", "libpango-1.0-0"),
    ("harfbuzz-subset", "libharfbuzz-subset-0", "libharfbuzz-subset0"),
])
def test_a_missing_library_is_one_line_naming_its_package(tmp_path: Path, absent: str,
                                                          library: str, package: str) -> None:
    done = subprocess.run([sys.executable, "-c", ABSENT, absent, "build", "--out",
                           str(tmp_path / "out"), str(STARTER)],
                          capture_output=True, text=True, check=False)
    assert done.returncode == 1, done.stderr
    assert done.stdout == ""  # WeasyPrint's own banner is not shown
    purpose = next(p.purpose for p in system.packages() if p.debian == package)
    assert done.stderr.splitlines()[-1] == (
        f"docgen: the system library {library} ({purpose}) is not installed; "
        f"the PDF and Word writers need it: install it with `apt-get install {package}` on "
        "Debian or Ubuntu, or your system's package of it elsewhere (`./dev build` installs "
        "every system package docgen needs)")
    assert not (tmp_path / "out").exists()


def test_an_unlisted_library_still_gets_a_message() -> None:
    message = str(system.missing_library("libexotic-9"))
    assert message.startswith("the system library libexotic-9 cannot be loaded")


def test_the_manifest_records_the_library_versions(tmp_path: Path) -> None:
    from docgen.build import build

    result = build(STARTER, out=tmp_path, formats=["html"])
    libraries = json.loads((result.folder / "manifest.json").read_text())["libraries"]
    assert libraries["pango"] == system.library_versions()["pango"]
    assert libraries["pango"].count(".") == 2
    assert libraries["harfbuzz"].count(".") == 2
    assert libraries["weasyprint"][0].isdigit()

