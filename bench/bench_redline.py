"""What a redline costs beside one build, and whether it grows faster than the spec.

    python bench/bench_redline.py [RUNS]

For the example with 20 changes and a 1,000-activity spec (bench/generate.py) with 100
(each change rewords an activity's title), prints the median seconds of a
build and of a redline, both HTML only (the PDF and Word writers cost the same for both:
one document each), their ratio, and the merge alone (docgen.redline.tree) per
activity, which stays flat if no step is quadratic.
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from pathlib import Path

from ruamel.yaml import YAML

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

import lxml.html  # noqa: E402
from generate import generate  # noqa: E402

from docgen.build import build  # noqa: E402
from docgen.context import build_context  # noqa: E402
from docgen.redline import redline  # noqa: E402
from docgen.redline.tree import merge  # noqa: E402
from docgen.render import render_html  # noqa: E402
from docgen.validation import load_spec  # noqa: E402

EXAMPLE = ROOT / "specs" / "pakistan-kazakhstan-2026.yaml"


def _changed(text: str, count: int, path: Path) -> Path:
    """Write `text` with `count` activities' titles reworded, spread through."""
    yaml = YAML()
    data = yaml.load(text)
    roadmap = data["roadmap"]
    step = max(len(roadmap) // count, 1)
    for activity in roadmap[::step][:count]:
        activity["title"] = f"{activity['title']}, in stages"
    with path.open("w", encoding="utf-8") as handle:
        yaml.dump(data, handle)
    return path


def _median(runs: int, work: object) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        work()  # type: ignore[operator]
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> int:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 3
    print(f"{'spec':<22} {'changes':>7} {'build s':>8} {'redline s':>10} {'ratio':>6} "
          f"{'merge s':>8} {'merge ms/activity':>18}")
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        for label, text, count in (("example (21 act.)", EXAMPLE.read_text("utf-8"), 20),
                                   ("generated (1000 act.)", generate(1000), 100)):
            base = work / "base" / EXAMPLE.name
            base.parent.mkdir(exist_ok=True)
            base.write_text(text, encoding="utf-8")
            new = _changed(text, count, work / EXAMPLE.name)
            built = _median(runs, lambda new=new: build(new, out=work / "b", formats=["html"],
                                                force=True))
            red = _median(runs, lambda base=base, new=new: redline(str(base), new, out=work / "r",
                                                formats=["html"]))
            old_ctx = build_context(load_spec(base), final=False)
            new_ctx = build_context(load_spec(new), final=False)
            old_html = render_html("framework", old_ctx)
            new_html = render_html("framework", new_ctx)
            merged = _median(runs, lambda old_html=old_html, new_html=new_html: merge(
                lxml.html.document_fromstring(old_html),
                                                 lxml.html.document_fromstring(new_html)))
            activities = len(load_spec(new).roadmap)
            print(f"{label:<22} {count:>7} {built:>8.2f} {red:>10.2f} {red / built:>6.2f} "
                  f"{merged:>8.2f} {1000 * merged / activities:>18.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
