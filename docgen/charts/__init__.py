"""Charts drawn from the context: the roadmap's Gantt and each target against its actuals.

In: the spec (and a progress file's statuses and actuals). Out: plain geometry — bars,
points, ticks and their positions in a chart's own units — that templates/_charts.html.j2
writes as inline SVG with its words. Nothing here is wording or colour; every format
shows the same SVG (the Word writer embeds it, with a PNG drawn from it by
docgen.charts.raster for readers that cannot show SVG).
"""

from docgen.charts.gantt import GanttChart, gantt_charts
from docgen.charts.targets import TargetChart, target_chart

__all__ = ["GanttChart", "TargetChart", "gantt_charts", "target_chart"]
