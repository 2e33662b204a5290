"""Statistics charts as inline SVG, drawn at build time (no JavaScript)."""

from __future__ import annotations

from markupsafe import Markup, escape

WIDTH = 640
BAR_H = 28
GAP = 10
LABEL_W = 190


def bar_chart(chart_id: str, title: str, rows: list[tuple[str, float, str]]) -> Markup:
    """Horizontal bars: rows of (label, value, value text). Accessible name = title."""
    top = max((value for _, value, _ in rows), default=0) or 1
    height = len(rows) * (BAR_H + GAP) + GAP
    span = WIDTH - LABEL_W - 80
    out = [f'<svg class="chart" viewBox="0 0 {WIDTH} {height}" role="img" aria-labelledby="{chart_id}-t" '
           f'xmlns="http://www.w3.org/2000/svg"><title id="{chart_id}-t">{escape(title)}</title>']
    for i, (label, value, text) in enumerate(rows):
        y = GAP + i * (BAR_H + GAP)
        w = max(value / top * span, 1.5)
        out.append(f'<text x="{LABEL_W - 8}" y="{y + BAR_H * 0.68:.1f}" text-anchor="end" class="chart-label">{escape(label)}</text>'
                   f'<rect x="{LABEL_W}" y="{y}" width="{w:.1f}" height="{BAR_H}" rx="3" class="chart-bar chart-bar-{i % 6}"/>'
                   f'<text x="{LABEL_W + w + 6:.1f}" y="{y + BAR_H * 0.68:.1f}" class="chart-value">{escape(text)}</text>')
    out.append("</svg>")
    return Markup("".join(out))


def grouped_columns(chart_id: str, title: str, groups: list[str], series: list[tuple[str, list, list]]) -> Markup:
    """Vertical grouped columns: groups on the x axis; series of (name, values, value texts)."""
    height, bottom, left = 300, 40, 20
    plot_h = height - bottom - 30
    top = max((v for _, values, _ in series for v in values if v is not None), default=0) or 1
    group_w = (WIDTH - left * 2) / max(len(groups), 1)
    bar_w = min(48, group_w * 0.8 / max(len(series), 1))
    out = [f'<svg class="chart" viewBox="0 0 {WIDTH} {height}" role="img" aria-labelledby="{chart_id}-t" '
           f'xmlns="http://www.w3.org/2000/svg"><title id="{chart_id}-t">{escape(title)}</title>',
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
        out.append(f'<text x="{left + g * group_w + group_w / 2:.1f}" y="{height - bottom + 22}" text-anchor="middle" class="chart-label">{escape(group)}</text>')
    legend_x = left
    for s, (name, _, _) in enumerate(series):
        out.append(f'<rect x="{legend_x}" y="4" width="12" height="12" class="chart-bar chart-bar-{s % 6}"/>'
                   f'<text x="{legend_x + 16}" y="15" class="chart-label">{escape(name)}</text>')
        legend_x += 24 + 9 * len(name) if name.isascii() else 24 + 15 * len(name)
    out.append("</svg>")
    return Markup("".join(out))
