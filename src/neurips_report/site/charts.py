"""Statistics charts as inline SVG, drawn at build time (no JavaScript).

Sized for reading on a phone and a desktop alike: the drawing is 400 units wide and the stylesheet
caps its width (`.chart`), so its 14-unit text renders at 10-16 CSS px between a 360 px phone column
and a desktop one. Every label is inside the drawing: a bar's label sits on its own line above the bar
and wraps (by an estimate of its width) instead of being clipped."""

from __future__ import annotations

import unicodedata

from markupsafe import Markup, escape

WIDTH = 400
FONT = 14              # label and value size in drawing units (style.css sets the same)
LINE = 17              # line height of wrapped labels
BAR_H = 18
VALUE_W = 64           # room kept right of the longest bar for its value


def text_width(text: str, size: float = FONT) -> float:
    """An estimate of a text's rendered width: wide (CJK) characters are 1 em, others ~0.56 em."""
    return sum(size if unicodedata.east_asian_width(ch) in "WF" else size * 0.56 for ch in text)


def wrap(text: str, width: float, size: float = FONT) -> list[str]:
    """Lines of at most `width` units: breaks at spaces, or between any two wide characters."""
    lines, line = [], ""
    tokens = []
    word = ""
    for ch in text:
        if ch == " ":
            tokens.append(word + " ")
            word = ""
        elif unicodedata.east_asian_width(ch) in "WF":
            if word:
                tokens.append(word)
            tokens.append(ch)
            word = ""
        else:
            word += ch
    if word:
        tokens.append(word)
    for token in tokens:
        if line and text_width((line + token).rstrip(), size) > width:
            lines.append(line.rstrip())
            line = token.lstrip()
        else:
            line += token
    if line.strip():
        lines.append(line.rstrip())
    return lines or [""]


def _svg_open(chart_id: str, title: str, height: float) -> str:
    return (f'<svg class="chart" viewBox="0 0 {WIDTH} {height:.0f}" role="img" aria-labelledby="{chart_id}-t" data-pagefind-ignore="all" '
            f'xmlns="http://www.w3.org/2000/svg"><title id="{chart_id}-t">{escape(title)}</title>')


def bar_chart(chart_id: str, title: str, rows: list[tuple[str, float, str]], scale_max: float | None = None) -> Markup:
    """Horizontal bars: rows of (label, value, value text), each label on its own line(s) above its bar.
    `scale_max` fixes the scale (100 for shares, so that 2% is a short bar); else the largest value."""
    top = scale_max or max((value for _, value, _ in rows), default=0) or 1
    span = WIDTH - VALUE_W
    out, y = [], 4.0
    for i, (label, value, text) in enumerate(rows):
        lines = wrap(label, WIDTH - 4)
        tspans = "".join(f'<tspan x="2" dy="{0 if n == 0 else LINE}">{escape(line)}</tspan>' for n, line in enumerate(lines))
        out.append(f'<text x="2" y="{y + FONT:.1f}" class="chart-label">{tspans}</text>')
        y += FONT + (len(lines) - 1) * LINE + 6
        w = max(min(value / top, 1) * span, 1.5)
        out.append(f'<rect x="0" y="{y:.1f}" width="{w:.1f}" height="{BAR_H}" rx="3" class="chart-bar chart-bar-{i % 6}"/>'
                   f'<text x="{w + 6:.1f}" y="{y + BAR_H - 4:.1f}" class="chart-value">{escape(text)}</text>')
        y += BAR_H + 14
    return Markup(_svg_open(chart_id, title, y) + "".join(out) + "</svg>")


def grouped_columns(chart_id: str, title: str, groups: list[str], series: list[tuple[str, list, list]]) -> Markup:
    """Vertical grouped columns: groups on the x axis; series of (name, values, value texts); legend on top."""
    legend_h, bottom, value_h = 26, 26, 22
    height = 260
    plot_top = legend_h + value_h
    plot_h = height - bottom - plot_top
    left = 4
    top = max((v for _, values, _ in series for v in values if v is not None), default=0) or 1
    group_w = (WIDTH - left * 2) / max(len(groups), 1)
    bar_w = min(56, group_w * 0.86 / max(len(series), 1))
    out = [_svg_open(chart_id, title, height),
           f'<line x1="{left}" y1="{height - bottom}" x2="{WIDTH - left}" y2="{height - bottom}" class="chart-axis"/>']
    for g, group in enumerate(groups):
        x0 = left + g * group_w + (group_w - bar_w * len(series)) / 2
        for s, (_, values, texts) in enumerate(series):
            value = values[g]
            if value is None:
                continue
            h = value / top * plot_h
            x, y = x0 + s * bar_w, height - bottom - h
            out.append(f'<rect x="{x:.1f}" y="{y:.1f}" width="{bar_w - 4:.1f}" height="{h:.1f}" rx="2" class="chart-bar chart-bar-{s % 6}"/>'
                       f'<text x="{x + (bar_w - 4) / 2:.1f}" y="{y - 5:.1f}" text-anchor="middle" class="chart-value">{escape(texts[g])}</text>')
        out.append(f'<text x="{left + g * group_w + group_w / 2:.1f}" y="{height - 7}" text-anchor="middle" class="chart-label">{escape(group)}</text>')
    legend_x = left
    for s, (name, _, _) in enumerate(series):
        out.append(f'<rect x="{legend_x}" y="5" width="13" height="13" class="chart-bar chart-bar-{s % 6}"/>'
                   f'<text x="{legend_x + 18}" y="17" class="chart-label">{escape(name)}</text>')
        legend_x += 18 + text_width(name) + 16
    out.append("</svg>")
    return Markup("".join(out))
