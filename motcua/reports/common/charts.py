"""Server-rendered, accessible SVG bar charts: a title and description for assistive
technology, each bar titled and labelled with its value; the page shows the same numbers as a
table beside the chart."""

from __future__ import annotations

import itertools
from dataclasses import dataclass

from django.utils.html import escape
from django.utils.safestring import SafeString

from .numbers import format_number

PALETTE = ("#1f3a5f", "#4a7bb7", "#2e7d32")
_ids = itertools.count(1)


@dataclass
class Series:
    name: str
    values: list


def _text_width(text: str, size: float = 10) -> float:
    """About how wide ``text`` is drawn in the chart's sans-serif font at ``size``."""
    return len(str(text)) * size * 0.58


def bar_chart(
    title: str, description: str, labels: list[str], series: list[Series], *, unit: str = ""
) -> SafeString:
    """Grouped vertical bars, one group per label. Every text is escaped here. A value is
    written above its bar only where it fits (every bar's title and the table beside the chart
    carry them all); group labels too long for their slot are slanted."""
    width, height, left, top = 640, 260, 40, 30
    slot = (width - left - 10) / max(len(labels), 1)
    slanted = any(_text_width(label) > slot for label in labels)
    bottom = 70 if slanted else 40
    peak = max([float(v or 0) for s in series for v in s.values] + [1.0])
    bar = max(min(slot / (len(series) + 1), 40), 2)
    parts = []
    for g, label in enumerate(labels):
        x0 = left + g * slot + (slot - bar * len(series)) / 2
        for s_index, s in enumerate(series):
            value = s.values[g] if s.values[g] is not None else 0
            text = format_number(value)
            h = (height - top - bottom) * float(value) / peak
            x, y = x0 + s_index * bar, height - bottom - h
            colour = PALETTE[s_index % len(PALETTE)]
            parts.append(
                f'<rect x="{x:.1f}" y="{y:.1f}" width="{bar - 1:.1f}" height="{h:.1f}" '
                f'fill="{colour}"><title>{escape(label)} – {escape(s.name)}: '
                f"{escape(text)}{escape(unit)}</title></rect>"
            )
            if _text_width(text) <= bar + 2:
                parts.append(
                    f'<text x="{x + bar / 2:.1f}" y="{y - 2:.1f}" font-size="10" '
                    f'text-anchor="middle">{escape(text)}</text>'
                )
        cx, cy = left + g * slot + slot / 2, height - bottom + 14
        if slanted:
            parts.append(
                f'<text x="{cx:.1f}" y="{cy - 4}" font-size="10" text-anchor="end" '
                f'transform="rotate(-45 {cx:.1f} {cy - 4})">{escape(label)}</text>'
            )
        else:
            parts.append(
                f'<text x="{cx:.1f}" y="{cy}" font-size="10" text-anchor="middle">'
                f"{escape(label)}</text>"
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
    # bandit B703 is wrong here: every text in the SVG above went through escape().
    return SafeString(  # nosec B703
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
            f'fill="{PALETTE[0]}"><title>{escape(label)}: {escape(format_number(shown))}'
            f"{escape(unit)}</title></rect>"
            f'<text x="{label_width + w + 4:.1f}" y="{y + row * 0.65:.1f}" font-size="11">'
            f"{escape(format_number(shown))}</text>"
        )
    axis = (
        f'<line x1="{label_width}" y1="{top}" x2="{label_width}" y2="{height - top}" '
        'stroke="#555"/>'
    )
    ident = f"chart-{next(_ids)}"
    # bandit B703 is wrong here: every text in the SVG above went through escape().
    return SafeString(  # nosec B703
        f'<svg class="chart" role="img" viewBox="0 0 {width} {height}" '
        f'xmlns="http://www.w3.org/2000/svg" aria-labelledby="{ident}-t {ident}-d">'
        f'<title id="{ident}-t">{escape(title)}</title>'
        f'<desc id="{ident}-d">{escape(description)}</desc>' + axis + "".join(parts) + "</svg>"
    )
