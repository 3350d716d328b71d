"""A user's templates (`docgen build --templates DIR`): sandboxed, limited, and still usable.

A harmless house style builds; a folder holding only what it changes falls back on
docgen's own templates, stylesheet and fonts; a template that reaches for Python's
internals, reads a file, or runs away in time or size fails the build with a message
naming the template and the reason (exit 1, no traceback, out/ untouched).
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import docx
import pytest
from conftest import edition_folder, files_below, names_in
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from jinja2.sandbox import SandboxedEnvironment

from docgen import sandbox
from docgen.build import build
from docgen.context import DocumentContext, build_context
from docgen.errors import DocgenError
from docgen.output import tree_digest
from docgen.render import TEMPLATES, environment, render_html
from docgen.sandbox import TemplateFailed
from docgen.validation import validate

ROOT = Path(__file__).resolve().parents[1]
STARTER = ROOT / "docgen" / "data" / "starter.yaml"
SIX = {f"{doc}.{fmt}" for doc in ("framework", "minutes") for fmt in ("html", "pdf", "docx")}


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def run_build(*args: str | Path) -> subprocess.CompletedProcess[str]:
    done = subprocess.run([sys.executable, "-m", "docgen", "build", *map(str, args)],
                          capture_output=True, text=True, encoding="utf-8", timeout=120,
                          env={**os.environ, "PYTHONUTF8": "1"}, check=False)
    assert "Traceback" not in done.stdout + done.stderr, done.stderr
    return done


def house_style(folder: Path) -> Path:
    """A copy of docgen's templates with one heading changed (in the framework's wording)."""
    shutil.copytree(TEMPLATES, folder)
    page = folder / "_framework_blocks.html.j2"
    text = page.read_text(encoding="utf-8")
    assert text.count("Roadmap of activities") == 1
    page.write_text(text.replace("Roadmap of activities", "Plan of joint activities"),
                    encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def context() -> DocumentContext:
    report = validate(STARTER)
    assert report.spec is not None
    return build_context(report.spec, final=False)


@pytest.fixture(scope="module")
def built_before(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, bytes]]:
    """An output folder holding a build with docgen's own templates, and its bytes."""
    out = tmp_path_factory.mktemp("out")
    build(STARTER, out=out, formats=["html"])
    return out, snapshot(out)


def user_folder(tmp_path: Path, framework: str, **others: str) -> Path:
    folder = tmp_path / "house"
    folder.mkdir(exist_ok=True)
    (folder / "framework.html.j2").write_text(framework, encoding="utf-8")
    for name, text in others.items():
        (folder / name.replace("_", ".")).write_text(text, encoding="utf-8")
    return folder


def test_docgen_templates_are_trusted_and_a_user_folder_is_sandboxed(tmp_path: Path) -> None:
    assert not isinstance(environment(TEMPLATES), SandboxedEnvironment)
    assert isinstance(environment(house_style(tmp_path / "house")), SandboxedEnvironment)


def test_a_harmless_house_style_builds(tmp_path: Path) -> None:
    folder = house_style(tmp_path / "house")
    done = run_build("--templates", folder, "--out", tmp_path / "out", STARTER)
    assert done.returncode == 0, done.stderr
    built = tmp_path / "out" / STARTER.stem
    assert files_below(built) == names_in("en", SIX) | {"manifest.json"}
    english = edition_folder(built)
    assert "Plan of joint activities" in (english / "framework.html").read_text(encoding="utf-8")
    word = docx.Document(str(english / "framework.docx"))
    assert any(p.text.endswith("Plan of joint activities") for p in word.paragraphs)
    text = subprocess.run(["pdftotext", str(english / "framework.pdf"), "-"], capture_output=True,
                          text=True, check=True).stdout
    assert "Plan of joint activities" in text
    manifest = json.loads((built / "manifest.json").read_text())
    assert manifest["templates"]["sha256"] == tree_digest(folder) != tree_digest(TEMPLATES)


def test_a_folder_with_only_the_framework_falls_back_on_docgens_own(tmp_path: Path) -> None:
    folder = tmp_path / "only-framework"
    folder.mkdir()
    text = (TEMPLATES / "_framework_blocks.html.j2").read_text(encoding="utf-8")
    (folder / "_framework_blocks.html.j2").write_text(
        text.replace("Roadmap of activities", "Plan of joint activities"), encoding="utf-8")
    result = build(STARTER, out=tmp_path / "out", templates=folder)
    assert files_below(result.folder) == names_in("en", SIX) | {"manifest.json"}
    page = (edition_folder(result.folder) / "framework.html").read_text(encoding="utf-8")
    assert "Plan of joint activities" in page
    assert "data:font/woff;base64," in page  # docgen's stylesheet and fonts, embedded
    fonts = subprocess.run(["pdffonts", str(edition_folder(result.folder) / "framework.pdf")],
                           capture_output=True, text=True, check=True).stdout
    assert "Liberation-Serif" in fonts


HOSTILE = {
    "python-internals": ("{{ ''.__class__.__mro__ }}", "access to attribute '__class__'"),
    "globals-of-a-function": ("{{ cycler.__init__.__globals__ }}", "is unsafe"),
    "include-an-absolute-path": ("{% include '/etc/passwd' %}", "'/etc/passwd'"),
    "include-a-relative-path": ("{% include '../../../etc/passwd' %}",
                                "'../../../etc/passwd'"),
    "a-range-of-a-trillion": ("{% for i in range(10**12) %}x{% endfor %}",
                              "a range is too long: at most 100,000 numbers"),
    "a-recursive-macro": ("{% macro f() %}{{ f() }}{% endmacro %}{{ f() }}",
                          "macros nest more than 50 deep"),
}


@pytest.mark.parametrize("name", list(HOSTILE))
def test_a_hostile_template_fails_the_build_and_touches_nothing(
        tmp_path: Path, built_before: tuple[Path, dict[str, bytes]], name: str) -> None:
    out, before = built_before
    template, reason = HOSTILE[name]
    folder = user_folder(tmp_path, "<p>before</p>\n" + template)
    done = run_build("--templates", folder, "--out", out, "--format", "html", STARTER)
    assert done.returncode == 1
    assert done.stdout == ""
    message = done.stderr.strip()
    assert message.startswith(f"docgen: the template {folder / 'framework.html.j2'}, line 2 "
                              "cannot be rendered: "), message
    assert reason in message
    assert "\n" not in message
    assert snapshot(out) == before


def test_a_file_in_the_folder_that_leads_outside_is_refused(tmp_path: Path,
                                                            context: DocumentContext) -> None:
    folder = user_folder(tmp_path, "{% include 'secret.html' %}")
    (folder / "secret.html").symlink_to("/etc/passwd")
    with pytest.raises(TemplateFailed, match="leads outside the templates folder"):
        render_html("framework", context, folder)


def test_a_stylesheet_that_leads_outside_is_refused(tmp_path: Path) -> None:
    folder = tmp_path / "house"
    shutil.copytree(TEMPLATES, folder)
    (folder / "document.css").unlink()
    (folder / "document.css").symlink_to("/etc/passwd")
    with pytest.raises(DocgenError, match="leads outside the templates folder"):
        build(STARTER, out=tmp_path / "out", templates=folder, formats=["html"])
    assert not (tmp_path / "out").exists()


def test_markup_in_a_template_fetches_nothing(tmp_path: Path) -> None:
    folder = house_style(tmp_path / "house")
    page = folder / "framework.html.j2"
    page.write_text(page.read_text(encoding="utf-8").replace(
        "</main>", '<link rel="attachment" href="file:///etc/passwd"></main>', 1),
        encoding="utf-8")
    with pytest.raises(DocgenError, match="docgen reads only files in the templates folder"):
        build(STARTER, out=tmp_path / "out", templates=folder, formats=["pdf"])
    assert not (tmp_path / "out").exists()


LIMITS = {
    "repeat": ("{{ 'x' * 10**10 }}", "repeating a value would make a value of about "
                                     "10,000,000,000 characters"),
    "power": ("{{ 2 ** 1000000000 }}", "a power would make a number of over 100,000 bits"),
    "format-width": ("{{ '{:>999999999}'.format(1) }}", "'format' would make"),
    "printf-width": ("{{ '%0999999999d' % 1 }}", "formatting with '%' would make"),
    "printf-mapping": ("{{ '%(a)999999999s' % {'a': 1} }}", "formatting with '%' would make"),
    "printf-star": ("{{ '%*d' % (999999999, 1) }}", "formatting with '%' would make"),
    "center": ("{{ 'x'|center(999999999) }}", "'center' would make"),
    "replace": ("{{ ('x' * 1000000).replace('', 'y' * 1000000) }}", "'replace' would make"),
    "indent": ("{{ ('x\n' * 1000000)|indent(1000) }}", "'indent' would make"),
    "namespace-doubling": ("{% set ns = namespace(s='x') %}{% for i in range(64) %}"
                           "{% set ns.s = ns.s ~ ns.s %}{% endfor %}", "setting 's' would make"),
    "macro-doubling": ("{% macro f(s, n) %}{{ f(s ~ s, n - 1) if n else s|length }}"
                       "{% endmacro %}{{ f('x', 40) }}", "an argument would make"),
    "list-doubling": ("{% set ns = namespace(l=[1]) %}{% for i in range(64) %}"
                      "{% set ns.l = ns.l + ns.l %}{% endfor %}", "joining two values"),
    "include-itself": ("{% include 'framework.html.j2' %}", "call themselves without end"),
    "block-recursion": ("{% block a %}{{ self.a() }}{% endblock %}", "calls nest more than 50"),
    "changing-a-dict": ("{% set d = {} %}{% set _ = d.update({'a': 1}) %}",
                        "access to attribute 'update' of 'dict' object is unsafe"),
    "format-reaches-an-attribute": ("{{ '{0.__class__}'.format(spec) }}", "is unsafe"),
    "a-pydantic-internal": ("{{ spec.__pydantic_validator__ }}", "is unsafe"),
    "syntax-error": ("{% if %}", "Expected an expression"),
    "undefined-variable": ("{{ nope }}", "'nope' is undefined"),
    "division-by-zero": ("{{ 1 / 0 }}", "ZeroDivisionError: division by zero"),
}


@pytest.mark.parametrize("name", list(LIMITS))
def test_a_template_that_runs_away_is_stopped(tmp_path: Path, context: DocumentContext,
                                              name: str) -> None:
    template, reason = LIMITS[name]
    folder = user_folder(tmp_path, template)
    with pytest.raises(TemplateFailed) as failed:
        render_html("framework", context, folder)
    message = str(failed.value)
    assert message.startswith(f"the template {folder / 'framework.html.j2'}"), message
    assert reason in message


@pytest.mark.parametrize("template", [
    "{% for i in range(100000) %}{% for j in range(100000) %}{% endfor %}{% endfor %}",
    "{% set s = 'x' * 100000 %}{% for i in s %}{% for j in s %}{% endfor %}{% endfor %}",
])
def test_an_endless_loop_is_stopped_by_the_clock(tmp_path: Path, context: DocumentContext,
                                                 monkeypatch: pytest.MonkeyPatch,
                                                 template: str) -> None:
    monkeypatch.setattr(sandbox, "RENDER_SECONDS", 0.3)
    folder = user_folder(tmp_path, template)
    with pytest.raises(TemplateFailed, match=r"rendering took longer than 0\.3 seconds"):
        render_html("framework", context, folder)


def test_the_output_is_capped(tmp_path: Path, context: DocumentContext,
                              monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sandbox, "MAX_OUTPUT", 100_000)
    folder = user_folder(tmp_path, "{% for i in range(100000) %}<p>row</p>{% endfor %}")
    with pytest.raises(TemplateFailed, match="the output grew past 100,000 characters"):
        render_html("framework", context, folder)


def test_what_a_house_style_needs_still_works(tmp_path: Path, context: DocumentContext) -> None:
    folder = user_folder(tmp_path, (
        "{% set rows = [] %}{% for p in parties %}{% set _ = rows.append(p.short_name) %}"
        "{% endfor %}{{ rows|join(', ') }}|{{ '{:,}'.format(1234567) }}|"
        "{{ outline.parts[1].label }}{{ outline.contents() | length }}|"
        "{{ 1000000000 | money('USD') }}|"
        "{% import '_macros.html.j2' as m %}{{ 'ok' }}"))
    assert render_html("framework", context, folder) == \
        "Country A, Country B|1,234,567|I12|US$1 billion|ok"


TOKENS = ["{{ ", " }}", "{% ", " %}", "{# ", " #}", "x", "1", "99999", "**", "*", "%", "+",
          "~", "(", ")", "[", "]", "'a'", "'%s'", "'{:>9}'", ".format", "|center", "|indent",
          "|join", "|list", "|replace('', 'y')", "|format", "|sort", "|tojson", "|int",
          "range(", "for i in ", "endfor", "if ", "endif", "set ns = namespace(s='x')",
          "set ns.s = ns.s ~ ns.s", "macro f() ", "endmacro", "f()", "self", "loop",
          "parties", "spec", "outline.keys()", ".__class__", "cycler", "|attr('x')",
          "include 'framework.html.j2'", "extends '_page.html.j2'", "block b", "endblock",
          "import '_macros.html.j2' as m", "call", "endcall", "caller()", "\n"]


@settings(max_examples=150, derandomize=True, database=None, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.sampled_from(TOKENS), max_size=25))
def test_any_template_renders_or_fails_cleanly(tmp_path: Path, context: DocumentContext,
                                               tokens: list[str]) -> None:
    folder = user_folder(tmp_path, "".join(tokens))
    started = time.monotonic()
    with contextlib.suppress(TemplateFailed):  # and nothing else
        render_html("framework", context, folder)
    assert time.monotonic() - started < sandbox.RENDER_SECONDS + 5
