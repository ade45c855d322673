"""Server-rendered, accessible SVG bar charts: a title and description for assistive
technology, each bar titled and labelled with its value; the page shows the same numbers as a
table beside the chart."""

from __future__ import annotations

import itertools
from dataclasses import dataclass

from django.utils.html import escape
from django.utils.safestring import SafeString

PALETTE = ("#1f3a5f", "#4a7bb7", "#2e7d32")
_ids = itertools.count(1)


@dataclass
class Series:
    name: str
    values: list


def bar_chart(
    title: str, description: str, labels: list[str], series: list[Series], *, unit: str = ""
) -> SafeString:
    """Grouped vertical bars, one group per label. Every text is escaped here."""
    width, height, left, bottom, top = 640, 260, 40, 40, 30
    peak = max([float(v or 0) for s in series for v in s.values] + [1.0])
    slot = (width - left - 10) / max(len(labels), 1)
    bar = max(min(slot / (len(series) + 1), 40), 2)
    parts = []
    for g, label in enumerate(labels):
        x0 = left + g * slot + (slot - bar * len(series)) / 2
        for s_index, s in enumerate(series):
            value = s.values[g] if s.values[g] is not None else 0
            h = (height - top - bottom) * float(value) / peak
            x, y = x0 + s_index * bar, height - bottom - h
            colour = PALETTE[s_index % len(PALETTE)]
            parts.append(
                f'<rect x="{x:.1f}" y="{y:.1f}" width="{bar - 1:.1f}" height="{h:.1f}" '
                f'fill="{colour}"><title>{escape(label)} – {escape(s.name)}: '
                f"{escape(value)}{escape(unit)}</title></rect>"
                f'<text x="{x + bar / 2:.1f}" y="{y - 2:.1f}" font-size="10" '
                f'text-anchor="middle">{escape(value)}</text>'
            )
        parts.append(
            f'<text x="{left + g * slot + slot / 2:.1f}" y="{height - bottom + 14}" '
            f'font-size="10" text-anchor="middle">{escape(label)}</text>'
        )
    legend = [
        f'<rect x="{left + i * 170}" y="6" width="10" height="10" '
        f'fill="{PALETTE[i % len(PALETTE)]}"/>'
        f'<text x="{left + i * 170 + 14}" y="15" font-size="11">{escape(s.name)}</text>'
        for i, s in enumerate(series)
    ]
    axis = (
        f'<line x1="{left}" y1="{height - bottom}" x2="{width - 10}" y2="{height - bottom}" '
        'stroke="#555"/>'
    )
    ident = f"chart-{next(_ids)}"
    return SafeString(
        f'<svg class="chart" role="img" viewBox="0 0 {width} {height}" '
        f'xmlns="http://www.w3.org/2000/svg" aria-labelledby="{ident}-t {ident}-d">'
        f'<title id="{ident}-t">{escape(title)}</title>'
        f'<desc id="{ident}-d">{escape(description)}</desc>'
        + "".join(legend)
        + axis
        + "".join(parts)
        + "</svg>"
    )


def ranking_chart(
    title: str,
    description: str,
    labels: list[str],
    values: list,
    *,
    maximum: float = 100,
    unit: str = "",
) -> SafeString:
    """Horizontal bars, one row per label in the given order (long unit names stay readable),
    on a fixed scale from 0 to ``maximum``. Every text is escaped here."""
    width, row, top, label_width, value_width = 640, 22, 8, 230, 60
    bar_space = width - label_width - value_width
    height = top * 2 + row * max(len(labels), 1)
    parts = []
    for i, (label, value) in enumerate(zip(labels, values, strict=True)):
        y = top + i * row
        shown = value if value is not None else 0
        w = bar_space * min(max(float(shown) / maximum, 0.0), 1.0) if maximum else 0
        short = label if len(label) <= 34 else label[:33] + "…"
        parts.append(
            f'<text x="{label_width - 6}" y="{y + row * 0.65:.1f}" font-size="11" '
            f'text-anchor="end">{escape(short)}</text>'
            f'<rect x="{label_width}" y="{y + 3}" width="{w:.1f}" height="{row - 6}" '
            f'fill="{PALETTE[0]}"><title>{escape(label)}: {escape(shown)}{escape(unit)}</title>'
            f"</rect>"
            f'<text x="{label_width + w + 4:.1f}" y="{y + row * 0.65:.1f}" font-size="11">'
            f"{escape(shown)}</text>"
        )
    axis = (
        f'<line x1="{label_width}" y1="{top}" x2="{label_width}" y2="{height - top}" '
        'stroke="#555"/>'
    )
    ident = f"chart-{next(_ids)}"
    return SafeString(
        f'<svg class="chart" role="img" viewBox="0 0 {width} {height}" '
        f'xmlns="http://www.w3.org/2000/svg" aria-labelledby="{ident}-t {ident}-d">'
        f'<title id="{ident}-t">{escape(title)}</title>'
        f'<desc id="{ident}-d">{escape(description)}</desc>' + axis + "".join(parts) + "</svg>"
    )
