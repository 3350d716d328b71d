"""The Jinja environment for templates a user brings: sandboxed, and with limits on what it costs.

docgen's own templates are trusted; a folder given with `--templates` is not. Its
templates render in Jinja's ImmutableSandboxedEnvironment (no `__class__`, no
`__globals__`, no changing of lists and dicts, except `append` on a list, which
docgen's own templates use), through a loader that reads only that folder and then
docgen's own (so a house style may override just one file). On top of the sandbox,
a render may not run away:

- time: a deadline (RENDER_SECONDS), checked cooperatively at every call, every loop
  step, every filter and every piece of output. No thread, no signal: a build may
  render in a worker process or a thread, where `signal.setitimer` does not work;
- size: no value (text or list) longer than MAX_VALUE, no output longer than
  MAX_OUTPUT. The operations that could make one huge value in a single step
  (`*`, `**`, `%`, `+`, `str.format`, `center`, `replace`, `indent`, ...) are
  estimated and refused before they run, not measured after;
- loops and recursion: `range` is capped at MAX_RANGE items, and calls (macros,
  blocks) may nest at most MAX_NESTING deep.

Whatever stops a render becomes a `TemplateFailed` naming the template, the line
and the reason; the build writes nothing.
"""

from __future__ import annotations

import contextvars
import functools
import re
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, nodes
from jinja2.exceptions import SecurityError
from jinja2.runtime import Macro
from jinja2.sandbox import ImmutableSandboxedEnvironment, safe_range
from jinja2.utils import Namespace

from docgen.errors import DocgenError

RENDER_SECONDS = 20.0
MAX_OUTPUT = 50_000_000
"""Characters of HTML one document may render to (docgen's own render ~40,000)."""
MAX_VALUE = 10_000_000
"""Characters of one text, or items of one list, that a template may make."""
MAX_INT_BITS = 100_000
"""Bits of a whole number a template may compute (about 30,000 digits)."""
MAX_NESTING = 50
"""Calls (macros, blocks, functions) within calls."""

_PRINTF = re.compile(r"%(?:\([^)]*\))?[-#0 +]*(\*|\d+)?(?:\.(\*|\d+))?")
_FORMAT_SPEC = re.compile(r"\{[^{}]*?:([^{}]*)\}")
_NESTED_SPEC = re.compile(r"\{[^{}]*:[^{}]*\{")
_DIGITS = re.compile(r"\d+")
_SIZED = (str, bytes, list, tuple, dict, set, frozenset)


class TemplateLimit(SecurityError):
    """A template went past one of the limits on time, size, loops or nesting."""


class TemplateFailed(DocgenError):
    """A user's template cannot be rendered: the message names the template and why."""


@dataclass
class _Budget:
    """What one render may still spend."""

    deadline: float
    seconds: float
    nesting: int = 0
    output: int = 0

    def tick(self) -> None:
        if time.monotonic() > self.deadline:
            raise TemplateLimit(f"rendering took longer than {self.seconds:g} seconds "
                                "(an endless loop?)")


_BUDGET: contextvars.ContextVar[_Budget | None] = contextvars.ContextVar("budget", default=None)


def _tick() -> None:
    budget = _BUDGET.get()
    if budget is not None:
        budget.tick()


def _size(value: Any) -> int:
    return len(value) if isinstance(value, _SIZED) else 0


def _refuse_above(estimate: int, what: str) -> None:
    if estimate > MAX_VALUE:
        raise TemplateLimit(f"{what} would make a value of about {estimate:,} characters or "
                            f"items; a template may make at most {MAX_VALUE:,}")


def _printf_estimate(text: str, values: Any) -> int:
    """Estimate what `text % values` adds: its widths and precisions, '*' ones included."""
    stars = [v for v in (values if isinstance(values, tuple) else (values,))
             if isinstance(v, int)]
    total = len(text)
    for match in _PRINTF.finditer(text):
        for part in match.groups():
            if part == "*":
                total += max((abs(v) for v in stars), default=0)
            elif part:
                total += int(part) if len(part) < 12 else MAX_VALUE + 1
    return total


def _format_estimate(text: str, values: Iterable[Any]) -> int:
    """Estimate what `text.format(...)` adds: the widths in its specs (nested ones from values)."""
    total = len(text)
    for spec in _FORMAT_SPEC.findall(text):
        total += sum(int(n) if len(n) < 12 else MAX_VALUE + 1 for n in _DIGITS.findall(spec))
    if _NESTED_SPEC.search(text):  # a width given as an argument: '{:{}}'
        total += sum(abs(v) for v in values if isinstance(v, int))
    return total


def _check_binop(operator: str, left: Any, right: Any) -> None:
    """Refuse, before it runs, an operation that would make a huge value."""
    if operator == "*":
        for seq, times in ((left, right), (right, left)):
            if isinstance(seq, _SIZED) and isinstance(times, int):
                _refuse_above(len(seq) * max(times, 0), "repeating a value")
        if isinstance(left, int) and isinstance(right, int) and \
                left.bit_length() + right.bit_length() > MAX_INT_BITS:
            raise TemplateLimit("a multiplication would make a number of over "
                                f"{MAX_INT_BITS:,} bits")
    elif operator == "**":
        if isinstance(left, int) and isinstance(right, int) and right > 0 and abs(left) > 1 \
                and left.bit_length() * right > MAX_INT_BITS:
            raise TemplateLimit(f"a power would make a number of over {MAX_INT_BITS:,} bits")
    elif operator == "+":
        if isinstance(left, _SIZED) and isinstance(right, _SIZED):
            _refuse_above(len(left) + len(right), "joining two values")
    elif operator == "%" and isinstance(left, str):
        _refuse_above(_printf_estimate(left, right), "formatting with '%'")


def _check_str_method(text: str, name: str, args: tuple[Any, ...],
                      kwargs: dict[str, Any]) -> None:
    """Estimate the result of the str methods that can grow a text many times over."""
    values = [*args, *kwargs.values()]
    if name in ("center", "ljust", "rjust", "zfill") and values and isinstance(values[0], int):
        _refuse_above(max(len(text), values[0]), f"'{name}'")
    elif name == "expandtabs":
        size = values[0] if values and isinstance(values[0], int) else 8
        _refuse_above(len(text) + text.count("\t") * max(size, 0), "'expandtabs'")
    elif name == "replace" and len(values) >= 2:
        _check_replace(text, values[0], values[1], values[2] if len(values) > 2 else -1)
    elif name == "join" and values and isinstance(values[0], list | tuple):
        items = values[0]
        _refuse_above(len(text) * len(items) + sum(_size(item) for item in items), "'join'")


def _check_replace(text: Any, old: Any, new: Any, count: Any = -1) -> None:
    if isinstance(text, str) and isinstance(old, str) and isinstance(new, str):
        found = len(text) + 1 if old == "" else text.count(old)
        if isinstance(count, int) and count >= 0:
            found = min(found, count)
        _refuse_above(len(text) + found * len(new), "'replace'")


def _check_filter(name: str, args: tuple[Any, ...], kwargs: dict[str, Any]) -> None:
    """Estimate the result of the built-in filters that can grow a value many times over."""
    if not args:
        return
    value, rest = args[0], [*args[1:], *kwargs.values()]
    first = rest[0] if rest else None
    if name == "indent" and isinstance(value, str):
        width = first if first is not None else 4
        size = width if isinstance(width, int) else _size(width)
        _refuse_above(len(value) + (value.count("\n") + 1) * max(size, 0), "'indent'")
    elif name == "center" and isinstance(first, int):
        _refuse_above(first, "'center'")
    elif name == "replace" and len(rest) >= 2:
        _check_replace(str(value), rest[0], rest[1], rest[2] if len(rest) > 2 else -1)
    elif name == "format" and isinstance(value, str):
        _refuse_above(_printf_estimate(value, tuple(rest)), "'format'")
    elif name == "wordwrap" and isinstance(value, str):
        width = first if isinstance(first, int) and first > 0 else 1
        wrap = next((v for v in rest[2:3] if isinstance(v, str)), "\n")
        _refuse_above(len(value) + (len(value) // width + 1) * len(wrap), "'wordwrap'")
    elif name == "join" and isinstance(value, list | tuple):
        glue = first if isinstance(first, str) else ""
        _refuse_above(len(glue) * len(value) + sum(_size(v) for v in value), "'join'")
    elif name in ("slice", "batch") and isinstance(first, int):
        _refuse_above(first, f"'{name}'")


def _checked_result(value: Any, what: str) -> Any:
    _refuse_above(_size(value), what)
    return value


def _guard_filter(name: str, function: Callable[..., Any]) -> Callable[..., Any]:
    """Wrap a filter: the deadline, a size estimate before, the size of the result after."""
    passes_first = getattr(function, "jinja_pass_arg", None) is not None

    @functools.wraps(function)
    def guarded(*args: Any, **kwargs: Any) -> Any:
        _tick()
        _check_filter(name, args[1:] if passes_first else args, kwargs)
        return _checked_result(function(*args, **kwargs), f"the filter '{name}'")

    return guarded


def _ticking_range(*args: int) -> Iterator[int]:
    numbers = safe_range(*args)  # refuses more than MAX_RANGE items
    for number in numbers:
        _tick()
        yield number


class _Namespace(Namespace):
    """`namespace()` whose attributes cannot grow past the value cap in a loop."""

    def __setitem__(self, name: str, value: Any) -> None:
        _refuse_above(_size(value), f"setting '{name}'")
        super().__setitem__(name, value)


class ConfinedLoader(FileSystemLoader):
    """A FileSystemLoader that refuses a template whose real path (symlinks followed) is
    outside its folder; FileSystemLoader itself refuses only '..' in the name."""

    def get_source(self, environment: Environment, template: str,
                   ) -> tuple[str, str, Callable[[], bool]]:
        """Return the template's source, if it really lies inside the folder."""
        source, filename, uptodate = super().get_source(environment, template)
        real = Path(filename).resolve()
        if not any(real.is_relative_to(Path(root).resolve()) for root in self.searchpath):
            raise SecurityError(f"the template {template!r} leads outside the templates folder "
                                f"(to {real})")
        return source, filename, uptodate


class UserEnvironment(ImmutableSandboxedEnvironment):
    """The sandbox for a user's templates, with limits on time, size, loops and nesting."""

    intercepted_binops = frozenset({"*", "**", "%", "+"})

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.globals.update(range=_ticking_range, namespace=_Namespace)
        self.globals.pop("lipsum", None)  # n paragraphs of filler: nothing a document needs

    def guard_filters(self) -> None:
        """Wrap every filter registered so far (call after adding docgen's own)."""
        self.filters = {name: _guard_filter(name, function)
                        for name, function in self.filters.items()}

    def is_safe_attribute(self, obj: Any, attr: str, value: Any) -> bool:
        """As the immutable sandbox, but a list may be appended to (docgen's templates do)."""
        if isinstance(obj, list) and attr == "append":
            return super(ImmutableSandboxedEnvironment, self).is_safe_attribute(obj, attr, value)
        return super().is_safe_attribute(obj, attr, value)

    def call_binop(self, context: Any, operator: str, left: Any, right: Any) -> Any:
        """Run an intercepted operator once its result is known to be of a sane size."""
        _tick()
        _check_binop(operator, left, right)
        return super().call_binop(context, operator, left, right)

    def wrap_str_format(self, value: Any) -> Callable[..., str] | None:
        """Check `str.format` widths before formatting."""
        wrapper = super().wrap_str_format(value)
        if wrapper is None:
            return None
        text = value.__self__

        def checked(*args: Any, **kwargs: Any) -> str:
            values = [*args, *kwargs.values()]
            if args and isinstance(args[0], dict):  # format_map
                values += list(args[0].values())
            _refuse_above(_format_estimate(text, values), "'format'")
            return wrapper(*args, **kwargs)

        return checked

    def call(__self, __context: Any, __obj: Any, *args: Any, **kwargs: Any) -> Any:  # noqa: N805
        """Call from a template: deadline, nesting, sizes of arguments and of the result."""
        _tick()
        owner = getattr(__obj, "__self__", None)
        if isinstance(owner, str):
            _check_str_method(owner, getattr(__obj, "__name__", ""), args, kwargs)
        if isinstance(owner, list) and getattr(__obj, "__name__", "") == "append":
            _refuse_above(len(owner) + 1, "appending to a list")
        for argument in (*args, *kwargs.values()):
            _refuse_above(_size(argument), "an argument")
        budget = _BUDGET.get()
        if budget is not None:
            budget.nesting += 1
            if budget.nesting > MAX_NESTING:
                what = "macros" if isinstance(__obj, Macro) else "calls"
                raise TemplateLimit(f"{what} nest more than {MAX_NESTING} deep "
                                    "(endless recursion?)")
        try:
            result = super().call(__context, __obj, *args, **kwargs)
        finally:
            if budget is not None:
                budget.nesting -= 1
        return _checked_result(result, "a call")

    def iterate(self, iterable: Any) -> Iterator[Any]:
        """What every `{% for %}` loops over: the iterable, with the deadline checked each step."""
        for item in iterable:
            _tick()
            yield item

    def _parse(self, source: str, name: str | None, filename: str | None) -> nodes.Template:
        """Parse, then make every `{% for %}` loop step through `iterate`."""
        tree = super()._parse(source, name, filename)
        for loop in tree.find_all(nodes.For):
            loop.iter = nodes.Call(nodes.EnvironmentAttribute("iterate"), [loop.iter], [],
                                   None, None, lineno=loop.iter.lineno)
        return tree


def render_limited(template: Any, variables: dict[str, Any], *, seconds: float | None = None,
                   ) -> str:
    """Render `template` within the limits; raise TemplateLimit when one is passed."""
    limit = RENDER_SECONDS if seconds is None else seconds
    budget = _Budget(deadline=time.monotonic() + limit, seconds=limit)
    token = _BUDGET.set(budget)
    try:
        parts: list[str] = []
        for chunk in template.generate(**variables):
            budget.output += len(chunk)
            if budget.output > MAX_OUTPUT:
                raise TemplateLimit(f"the output grew past {MAX_OUTPUT:,} characters")
            budget.tick()
            parts.append(chunk)
        return "".join(parts)
    finally:
        _BUDGET.reset(token)


def describe(error: BaseException) -> str:
    """Say in a sentence why a template failed, from the exception Jinja raised."""
    from jinja2 import TemplateNotFound, TemplateSyntaxError, UndefinedError

    if isinstance(error, TemplateNotFound):
        return (f"it asks for the template {error.name!r}, which is neither in the templates "
                "folder nor among docgen's own (paths outside the folder are refused)")
    if isinstance(error, TemplateLimit):
        return str(error)
    if isinstance(error, SecurityError):
        return f"the sandbox refused it: {error}"
    if isinstance(error, RecursionError):
        return "templates, blocks or macros call themselves without end (endless recursion)"
    if isinstance(error, OverflowError) and "range" in str(error).lower():
        return f"a range is too long: at most {_max_range():,} numbers"
    if isinstance(error, TemplateSyntaxError | UndefinedError):
        return str(error.message)
    if isinstance(error, MemoryError):
        return "it ran out of memory"
    return f"{type(error).__name__}: {error}"


def _max_range() -> int:
    from jinja2.sandbox import MAX_RANGE

    return MAX_RANGE


def where(error: BaseException, folders: Iterable[Path]) -> str:
    """Name the template file and line an error comes from, as precisely as is known."""
    from jinja2 import TemplateSyntaxError

    if isinstance(error, TemplateSyntaxError) and error.filename:
        return f"{_shown(error.filename, folders)}, line {error.lineno}"
    found = ""
    traceback = error.__traceback__
    while traceback is not None:
        filename = traceback.tb_frame.f_code.co_filename
        if not filename.endswith(".py") and not filename.startswith("<"):  # a template's
            found = f"{_shown(filename, folders)}, line {traceback.tb_lineno}"
        traceback = traceback.tb_next
    return found


def _shown(filename: str, folders: Iterable[Path]) -> str:
    path = Path(filename)
    for folder in folders:
        try:
            return str(folder / path.resolve().relative_to(folder.resolve()))
        except ValueError:
            continue
    return filename
