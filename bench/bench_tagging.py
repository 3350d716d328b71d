"""What tagging (PDF/UA-1) and archiving (PDF/A-3u) cost on top of writing a PDF.

    python bench/bench_tagging.py [RUNS]

Lays each document of the example out once, then writes it, interleaved, as an untagged
PDF, as docgen's draft (tagged PDF/UA-1) and as docgen's final (PDF/A-3u with the spec
embedded); prints the median seconds and the ratios to the untagged write, and the
share of a whole build's time (layout + write) that tagging adds.
"""

from __future__ import annotations

import statistics
import sys
import time
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from docgen.archive import Source, archive_for  # noqa: E402
from docgen.context import build_context  # noqa: E402
from docgen.paths import TEMPLATES  # noqa: E402
from docgen.render import render_html  # noqa: E402
from docgen.validation import load_spec  # noqa: E402
from docgen.writers import RenderedDocument, pdf  # noqa: E402

EXAMPLE = ROOT / "specs" / "pakistan-kazakhstan-2026.yaml"


def main() -> int:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 5
    spec = load_spec(EXAMPLE)
    source = Source(EXAMPLE.name, EXAMPLE.read_bytes())
    context = build_context(spec, final=True, source=source)
    print(f"{'document':<10} {'layout s':>9} {'untagged s':>11} {'PDF/UA s':>9} {'PDF/A s':>8} "
          f"{'UA/untagged':>12} {'added to a build':>17}")
    for name in ("framework", "minutes"):
        document = RenderedDocument(name, render_html(name, context), "", "", [], "en",
                                    context.stamp, TEMPLATES)
        final = replace(document, archive=archive_for(source, document=name, key="bench",
                                                      libraries={}, templates_digest=""))
        times: dict[str, list[float]] = {"layout": [], "plain": [], "ua": [], "a": []}
        for _ in range(runs):
            start = time.perf_counter()
            laid_out = pdf.layout(document)
            times["layout"].append(time.perf_counter() - start)
            start = time.perf_counter()
            laid_out.write_pdf(pdf_identifier=True)
            times["plain"].append(time.perf_counter() - start)
            start = time.perf_counter()
            pdf.to_bytes(laid_out, document)
            times["ua"].append(time.perf_counter() - start)
            final_layout = pdf.layout(final)
            start = time.perf_counter()
            pdf.to_bytes(final_layout, final)
            times["a"].append(time.perf_counter() - start)
        median = {kind: statistics.median(values) for kind, values in times.items()}
        added = (median["ua"] - median["plain"]) / (median["layout"] + median["plain"])
        print(f"{name:<10} {median['layout']:>9.3f} {median['plain']:>11.3f} "
              f"{median['ua']:>9.3f} {median['a']:>8.3f} "
              f"{median['ua'] / median['plain']:>11.2f}x {added:>16.0%}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
