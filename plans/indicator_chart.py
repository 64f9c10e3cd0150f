"""One small SVG line chart per indicator: baseline, targets and reported values, drawn on the server.

Same style as situation/charts.py (its colours, fonts and tick steps): no JavaScript, role="img" with
<title> and <desc>, every point carries its number as text and the shape tells the series apart
(square baseline, hollow diamond targets on a dashed line, filled circles for values on a solid line),
so nothing depends on colour. The page and the PDF embed the same markup; the PDF passes PDF_FONTS.
"""

import math
from dataclasses import dataclass
from decimal import Decimal

from django.template.loader import render_to_string

from situation.charts import COLOURS, PDF_FONTS, WEB_FONTS, nice_step

from .indicator_models import format_number

__all__ = ["PDF_FONTS", "ReportedValue", "indicator_chart"]

WIDTH = 520
LEFT = 56
RIGHT = 24
TOP = 16
PLOT_HEIGHT = 180
# Where in its year a round's value is drawn: reporting points spread over the year.
ROUND_OFFSETS = {
    "tertial1": -0.25,
    "tertial2": 0.0,
    "delar": 0.0,
    "helar": 0.25,
    "verksamhetsberattelse": 0.25,
}
BASELINE_COLOUR, TARGET_COLOUR, VALUE_COLOUR = COLOURS[2], COLOURS[1], COLOURS[0]


@dataclass(frozen=True)
class ReportedValue:
    """A value from a follow-up round, as the chart needs it (plans does not import followup)."""

    label: str  # "Tertial 2 2020"
    year: int
    kind: str
    value: Decimal


@dataclass
class Point:
    series: str
    label: str
    year: int
    value: Decimal
    x: float = 0.0
    y: float = 0.0

    @property
    def text(self) -> str:
        return format_number(self.value)

    @property
    def box_x(self) -> float:
        return round(self.x - 5, 2)

    @property
    def box_y(self) -> float:
        return round(self.y - 5, 2)

    @property
    def raw(self) -> str:
        return f"{self.value:f}"


def _points(indicator, values):
    points = []
    if indicator.baseline_year and indicator.baseline_value is not None:
        points.append(
            Point(
                "baseline",
                f"Utgångsvärde {indicator.baseline_year}",
                indicator.baseline_year,
                indicator.baseline_value,
            )
        )
    for target in indicator.targets.all():
        points.append(Point("target", f"Målvärde {target.year}", target.year, target.value))
    for value in values:
        points.append(Point("value", value.label, value.year, value.value))
    return points


def _axis(points):
    numbers = [float(p.value) for p in points]
    low = min(0.0, min(numbers, default=0.0))
    high = max(numbers, default=0.0)
    step = nice_step(math.ceil(high - low) or 1)
    top = low + step * max(1, math.ceil((high - low) / step))
    if top <= high:
        top += step
    return low, top, step


def indicator_chart(indicator, values: list[ReportedValue], *, font_family: str = WEB_FONTS) -> str:
    """SVG markup for `indicator` with its targets (prefetched) and the reported `values`, oldest first."""
    points = _points(indicator, values)
    chart_id = f"indikator-diagram-{indicator.pk}"
    years = sorted({p.year for p in points}) or [0]
    first, last = years[0], years[-1]
    span = max(last - first, 0) + 1
    plot_width = WIDTH - LEFT - RIGHT
    year_width = plot_width / span
    low, high, step = _axis(points)
    scale = PLOT_HEIGHT / (high - low)
    baseline_y = TOP + PLOT_HEIGHT

    def x_of(year, offset=0.0):
        return round(LEFT + (year - first + 0.5 + offset) * year_width, 2)

    def y_of(value):
        return round(baseline_y - (float(value) - low) * scale, 2)

    offsets = {v.label: ROUND_OFFSETS.get(v.kind, 0.0) for v in values}
    for point in points:
        point.x = x_of(point.year, offsets.get(point.label, 0.0) if point.series == "value" else 0.0)
        point.y = y_of(point.value)
    ticks = []
    tick = low
    while tick <= high + 1e-9:
        ticks.append({"y": y_of(tick), "value": format_number(Decimal(str(round(tick, 2))))})
        tick += step
    series = {name: [p for p in points if p.series == name] for name in ("baseline", "target", "value")}
    described = "; ".join(f"{p.label}: {p.text}" for p in points) or "Inga värden ännu."
    context = {
        "id": chart_id,
        "width": WIDTH,
        "height": baseline_y + 64,
        "left": LEFT,
        "right": WIDTH - RIGHT,
        "baseline": baseline_y,
        "font_family": font_family,
        "title": f"{indicator.name} ({indicator.unit})",
        "description": f"{indicator.get_direction_display()}. {described}",
        "unit": indicator.unit,
        "ticks": ticks,
        "years": [{"x": x_of(year), "label": year} for year in range(first, last + 1)] if points else [],
        "baseline_points": series["baseline"],
        "targets": series["target"],
        "values": series["value"],
        "target_path": " ".join(f"{p.x},{p.y}" for p in series["target"]),
        "value_path": " ".join(f"{p.x},{p.y}" for p in series["value"]),
        "colours": {"baseline": BASELINE_COLOUR, "target": TARGET_COLOUR, "value": VALUE_COLOUR},
        "legend_y": baseline_y + 40,
    }
    return render_to_string("plans/charts/indicator.svg", context)
