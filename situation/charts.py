"""Charts drawn on the server as SVG: no JavaScript, and the same markup goes into the PDF.

The geometry is computed here; the markup comes from a Django template. Each series has a colour
and a pattern (solid, stripes, dots, ...) so years can be told apart without colour, every bar
carries its number as text, and the chart has role="img" with <title> and <desc>. The table next
to it on the page is the full text alternative.
"""

import math
import re
from dataclasses import dataclass

from django.template.loader import render_to_string

# Colour-blind friendly (Okabe-Ito), dark enough for white pattern lines on top.
COLOURS = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#56B4E9", "#E69F00"]
PATTERNS = ["solid", "stripes", "dots", "crosshatch", "horizontal", "vertical"]

WIDTH = 760
PLOT_TOP = 20
PLOT_HEIGHT = 240
LEFT = 56
RIGHT = 16
LABEL_LINE = 14
LEGEND_PER_ROW = 6
WEB_FONTS = "Arial, Helvetica, sans-serif"
# In a PDF the chart's text must be set in the shipped font that print.css declares (and is embedded).
PDF_FONTS = "VBE Sans"


def series_colour(index: int) -> str:
    """Past six series the colours shift one step, so no two series share colour and pattern."""
    return COLOURS[(index + index // len(PATTERNS)) % len(COLOURS)]


@dataclass
class Bar:
    series: int
    colour: str
    patterned: bool
    label: str  # the series name, e.g. the year
    value: int | None
    x: float
    y: float
    width: float
    height: float
    text: str
    text_x: float
    text_y: float


def nice_step(maximum: int, ticks: int = 5) -> int:
    """A round step (1, 2, 5, 10, 20, 50 ...) giving at most `ticks` gridlines up to `maximum`."""
    if maximum <= ticks:
        return 1
    raw = maximum / ticks
    magnitude = 10 ** math.floor(math.log10(raw))
    for factor in (1, 2, 5, 10):
        if factor * magnitude >= raw:
            return int(factor * magnitude)
    return int(10 * magnitude)


def wrap_label(text: str, width: int = 16) -> list[str]:
    """Break a category name into short lines, at spaces and after slashes."""
    tokens: list[tuple[str, str]] = []  # (part, what joins it to the previous part)
    for word in text.split():
        parts = [p for p in re.split(r"(?<=/)", word) if p]
        tokens.extend((part, " " if i == 0 else "") for i, part in enumerate(parts))
    lines: list[str] = []
    for part, joiner in tokens:
        if lines and len(lines[-1]) + len(joiner) + len(part) <= width:
            lines[-1] = f"{lines[-1]}{joiner}{part}"
        else:
            lines.append(part)
    return lines


def grouped_bar_chart(
    *,
    chart_id: str,
    title: str,
    description: str,
    categories: list[str],
    series: list[tuple[str, list[int | None]]],
    unit: str = "antal",
    font_family: str = WEB_FONTS,
) -> str:
    """SVG markup of a grouped bar chart: one group per category, one bar per series.

    `series` is [(label, [value per category])]; a value of None means "ej räknat" and is drawn
    as a text label without a bar.
    """
    values = [v for _, vals in series for v in vals if v is not None]
    step = nice_step(max(values, default=0) or 1)
    axis_max = max(step, step * math.ceil(max(values, default=0) / step))
    plot_width = WIDTH - LEFT - RIGHT
    baseline = PLOT_TOP + PLOT_HEIGHT
    scale = PLOT_HEIGHT / axis_max

    group_width = plot_width / max(len(categories), 1)
    bar_width = min(36.0, group_width * 0.8 / max(len(series), 1))
    bars: list[Bar] = []
    groups = []
    for c, category in enumerate(categories):
        group_x = LEFT + c * group_width
        first_x = group_x + (group_width - bar_width * len(series)) / 2
        group_bars = []
        for s, (label, vals) in enumerate(series):
            value = vals[c]
            height = 0.0 if value is None else value * scale
            x = first_x + s * bar_width
            bar = Bar(
                series=s,
                colour=series_colour(s),
                patterned=PATTERNS[s % len(PATTERNS)] != "solid",
                label=label,
                value=value,
                x=round(x, 2),
                y=round(baseline - height, 2),
                width=round(bar_width - 2, 2),
                height=round(height, 2),
                text="ej räknat" if value is None else str(value),
                text_x=round(x + (bar_width - 2) / 2, 2),
                text_y=round(baseline - height - 4, 2),
            )
            group_bars.append(bar)
            bars.append(bar)
        lines = wrap_label(category)
        groups.append(
            {
                "name": category,
                "bars": group_bars,
                "label_x": round(group_x + group_width / 2, 2),
                "lines": [(line, baseline + 18 + i * LABEL_LINE) for i, line in enumerate(lines)],
            }
        )
    label_lines = max((len(g["lines"]) for g in groups), default=1)
    legend_y = baseline + 18 + label_lines * LABEL_LINE + 14
    legend = [
        {
            "index": s,
            "label": label,
            "x": LEFT + (s % LEGEND_PER_ROW) * 110,
            "y": legend_y + (s // LEGEND_PER_ROW) * 24,
            "colour": series_colour(s),
            "pattern": PATTERNS[s % len(PATTERNS)],
        }
        for s, (label, _) in enumerate(series)
    ]
    ticks = [{"value": v, "y": round(baseline - v * scale, 2)} for v in range(0, axis_max + 1, step)]
    return render_to_string(
        "situation/charts/grouped_bars.svg",
        {
            "id": chart_id,
            "title": title,
            "description": description,
            "width": WIDTH,
            "height": legend_y + 24 * math.ceil(max(len(series), 1) / LEGEND_PER_ROW) + 8,
            "left": LEFT,
            "right": WIDTH - RIGHT,
            "top": PLOT_TOP,
            "baseline": baseline,
            "ticks": ticks,
            "groups": groups,
            "legend": legend,
            "unit": unit,
            "font_family": font_family,
        },
    ).strip()


def comparison_chart(
    comparison, *, by: str = "environment", chart_id: str | None = None, font_family: str = WEB_FONTS
) -> str:
    """The year-over-year chart of a Comparison, per environment or per kind of observation."""
    rows = comparison.by_environment if by == "environment" else comparison.by_kind
    what = "miljö" if by == "environment" else "typ av iakttagelse"
    categories = [name for name, _ in rows]
    series = [(str(year), [cells[i].value for _, cells in rows]) for i, year in enumerate(comparison.years)]
    parts = []
    for name, cells in rows:
        counts = ", ".join(
            f"{year}: {cell.display}" for year, cell in zip(comparison.years, cells, strict=True)
        )
        parts.append(f"{name} – {counts}")
    description = (
        f"Stapeldiagram över antal iakttagelser per {what} och år. " + ". ".join(parts) + "."
        if parts
        else "Inga iakttagelser är registrerade."
    )
    return grouped_bar_chart(
        chart_id=chart_id or f"chart-{by}",
        title=f"Iakttagelser per {what} och år",
        description=description,
        categories=categories,
        series=series,
        unit="antal iakttagelser",
        font_family=font_family,
    )
