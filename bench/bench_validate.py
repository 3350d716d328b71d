"""How long `docgen validate` takes on a spec, next to the import floor and check-jsonschema.

    python bench/bench_validate.py [--runs N] [SPEC]

Runs every command N times, interleaved round-robin (the starting command rotates each
round) so drift in machine load affects all alike; prints median and minimum wall time,
the ratios, and whether the targets are met; writes the numbers to bench/results/.

Targets: `docgen validate` within 1.5x of the floor (`python -c "import pydantic,
ruamel.yaml"`, the least a Python validator built on those two can cost), and faster than
check-jsonschema, which checks less (the schema only: no references, dates or wording).
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "bench" / "results"
SCHEMA = ROOT / "docgen" / "data" / "spec-v1.schema.json"
DEFAULT_SPECS = (ROOT / "specs" / "pakistan-kazakhstan-2026.yaml",
                 ROOT / "docgen" / "data" / "starter.yaml")
FLOOR_TARGET = 1.5  # validate / floor must be at most this
PEER_TARGET = 1.0   # validate / check-jsonschema must be below this


@dataclass
class Tool:
    """One command under measurement."""

    key: str
    label: str
    argv: list[str]
    must_pass: bool
    expected_rc: int = 0
    times: list[float] = field(default_factory=list)
    bad_runs: int = 0

    @property
    def median(self) -> float:
        return statistics.median(self.times)

    @property
    def best(self) -> float:
        return min(self.times)


def _script(name: str) -> str:
    """The console script installed next to this interpreter, else the one on PATH."""
    beside = Path(sys.executable).parent / name
    if beside.exists():
        return str(beside)
    found = shutil.which(name)
    if found is None:
        sys.exit(f"bench: cannot find the '{name}' command; install the project with [dev]")
    return found


def _tools(spec: Path) -> list[Tool]:
    py = sys.executable
    return [
        Tool("floor", 'floor: python -c "import pydantic, ruamel.yaml"',
             [py, "-c", "import pydantic, ruamel.yaml"], must_pass=True),
        Tool("validate_module", "docgen validate (python -m docgen)",
             [py, "-m", "docgen", "validate", str(spec)], must_pass=True),
        Tool("validate_script", "docgen validate (console script)",
             [_script("docgen"), "validate", str(spec)], must_pass=True),
        Tool("check_jsonschema", "check-jsonschema --schemafile spec-v1",
             [_script("check-jsonschema"), "--schemafile", str(SCHEMA), str(spec)],
             must_pass=False),
    ]


def _environment() -> dict[str, str]:
    """Run every command as a user's shell would: with bytecode caching on.

    Some sandboxes set PYTHONDONTWRITEBYTECODE, which makes every run recompile
    docgen's modules from source; users' installs have .pyc files.
    """
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(ROOT / "docgen")],
                   env=env, stdout=subprocess.DEVNULL, check=False)
    return env


ENV = _environment()


def _preflight(tools: list[Tool]) -> list[str]:
    """Run each command once (also a warm-up); stop on a validator that fails the spec."""
    notes = []
    for tool in tools:
        done = subprocess.run(tool.argv, cwd=ROOT, capture_output=True, text=True, check=False,
                              env=ENV)
        tool.expected_rc = done.returncode
        if done.returncode == 0:
            continue
        output = (done.stdout + done.stderr).strip().splitlines()
        shown = "\n".join("    " + line for line in output[:15])
        more = f"\n    ... ({len(output) - 15} more lines)" if len(output) > 15 else ""
        message = f"{tool.label} exited {done.returncode}:\n{shown}{more}"
        if tool.must_pass:
            sys.exit(f"bench: {message}\nbench: the spec must validate before it is timed")
        notes.append(f"note: {message}\n    (timed anyway; it still reads and checks the file)")
    return notes


def _measure(tools: list[Tool], runs: int) -> None:
    for round_no in range(runs):
        start = round_no % len(tools)
        for tool in tools[start:] + tools[:start]:
            began = time.perf_counter()
            rc = subprocess.run(tool.argv, cwd=ROOT, env=ENV, stdout=subprocess.DEVNULL,
                                stderr=subprocess.DEVNULL, check=False).returncode
            tool.times.append(time.perf_counter() - began)
            if rc != tool.expected_rc:
                tool.bad_runs += 1


def _git_state() -> dict[str, object]:
    def git(*args: str) -> str:
        try:
            done = subprocess.run(["git", *args], cwd=ROOT, capture_output=True, text=True,
                                  check=False)
        except OSError:
            return ""
        return done.stdout.strip() if done.returncode == 0 else ""

    return {"commit": git("rev-parse", "HEAD") or None,
            "dirty": bool(git("status", "--porcelain", "--untracked-files=no"))}


def _shown(path: Path) -> str:
    try:
        return str(path.resolve().relative_to(ROOT))
    except ValueError:
        return str(path)


def main() -> int:
    parser = argparse.ArgumentParser(
        description="Time `docgen validate` against the import floor and check-jsonschema.")
    parser.add_argument("spec", nargs="?", type=Path, metavar="SPEC",
                        help="spec to validate (default: specs/pakistan-kazakhstan-2026.yaml "
                             "if present, else docgen/data/starter.yaml)")
    parser.add_argument("--runs", type=int, default=20, metavar="N",
                        help="timed runs of each command (default: 20)")
    args = parser.parse_args()
    if args.runs < 1:
        parser.error("--runs must be at least 1")
    spec: Path = args.spec or next(p for p in DEFAULT_SPECS if p.exists())
    if not spec.is_file():
        parser.error(f"no such file: {spec}")
    spec = spec.resolve()

    tools = _tools(spec)
    notes = _preflight(tools)
    _measure(tools, args.runs)
    by_key = {tool.key: tool for tool in tools}
    floor, peer = by_key["floor"], by_key["check_jsonschema"]

    raw = spec.read_bytes()
    print(f"spec: {_shown(spec)} ({len(raw) / 1000:.1f} kB); {args.runs} runs of each "
          f"command, interleaved; wall time in ms")
    print(f"{'command':<48} {'median':>8} {'min':>8} {'x floor':>8} {'x cjs':>7}")
    for tool in tools:
        print(f"{tool.label:<48} {tool.median * 1000:>8.1f} {tool.best * 1000:>8.1f} "
              f"{tool.median / floor.median:>8.2f} {tool.median / peer.median:>7.2f}")
    print("targets (ratios of medians):")
    targets = []
    for key in ("validate_script", "validate_module"):
        tool = by_key[key]
        for name, ratio, limit, ok in (
            ("floor", tool.median / floor.median, f"<= {FLOOR_TARGET}x",
             tool.median / floor.median <= FLOOR_TARGET),
            ("check-jsonschema", tool.median / peer.median, f"< {PEER_TARGET}x",
             tool.median / peer.median < PEER_TARGET),
        ):
            verdict = "met" if ok else "NOT met"
            print(f"  {tool.label} / {name}: {ratio:.2f}x (target {limit}) {verdict}")
            targets.append({"command": key, "versus": name, "ratio": round(ratio, 4),
                            "target": limit, "met": ok})
    for note in notes:
        print(note)
    unexpected = [tool for tool in tools if tool.bad_runs]
    for tool in unexpected:
        print(f"warning: {tool.label}: {tool.bad_runs} of {args.runs} timed runs exited "
              f"differently from the first run (exit {tool.expected_rc}); was the spec edited?")

    RESULTS.mkdir(parents=True, exist_ok=True)
    stamp = dt.datetime.now(dt.UTC)
    out = RESULTS / f"validate-{stamp:%Y%m%dT%H%M%SZ}.json"
    out.write_text(json.dumps({
        "when": stamp.isoformat(timespec="seconds"),
        "spec": {"path": _shown(spec), "bytes": len(raw),
                 "sha256": hashlib.sha256(raw).hexdigest()},
        "runs": args.runs,
        "interleaved": True,
        "git": _git_state(),
        "python": sys.version.split()[0],
        "platform": platform.platform(),
        "cpus": os.cpu_count(),
        "commands": {tool.key: {"label": tool.label, "argv": tool.argv,
                                "exit_code": tool.expected_rc,
                                "runs_with_other_exit": tool.bad_runs,
                                "median_s": tool.median, "min_s": tool.best,
                                "times_s": tool.times} for tool in tools},
        "targets": targets,
    }, indent=2) + "\n", encoding="utf-8")
    print(f"wrote {_shown(out)}")
    return 1 if unexpected else 0


if __name__ == "__main__":
    sys.exit(main())
