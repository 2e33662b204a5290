"""Statistics as the pages show them: derived rates, formatted numbers, charts and tables."""

from __future__ import annotations

from markupsafe import Markup, escape

from .charts import bar_chart, grouped_columns
from ..core.formatting import Formatter


def breakdown_view(stats, bd, lang: str, strings: dict) -> dict:
    fmt = Formatter(lang)
    title = bd.title.get(lang, bd.id)
    base = stats.year(bd.year).get(bd.rate_of) if bd.rate_of else None
    rows, table = [], []
    for part in bd.parts:
        label = part.label.get(lang, part.key)
        if bd.unit == "percent":
            rows.append((label, part.share, fmt.percent(part.share / 100, 0)))
            table.append({"label": label, "count": None, "share": fmt.percent(part.share / 100, 0), "rate": None})
        else:
            share = fmt.percent(part.count / bd.total, 2 if part.count / (bd.total or 1) < 0.1 else 1) if bd.total else None
            rows.append((label, part.count, fmt.number(part.count)))
            table.append({"label": label, "count": fmt.number(part.count), "share": share,
                          "rate": fmt.percent(part.count / base, 2) if base else None})
    return {
        "id": bd.id, "title": title, "note": bd.note.get(lang, ""), "unit": bd.unit, "partial": bd.partial,
        "total": fmt.number(bd.total) if bd.total is not None else None,
        "rate_of": strings.get(f"stat_{bd.rate_of}", bd.rate_of) if bd.rate_of else None,
        "rows": table,
        "chart": (single_figure(table[0], strings, fmt.number(bd.total) if bd.total is not None and bd.unit != "percent" else None)
                  if len(rows) == 1 else
                  bar_chart(f"chart-{bd.id}-{lang}", title, rows, 100 if bd.unit == "percent" else None)),
    }


def single_figure(row: dict, strings: dict, total: str | None) -> Markup:
    """One value is a figure to read, not a chart: the number (or share) large, with its label and share."""
    value = row["count"] if row["count"] is not None else row["share"]
    detail = ""
    if row["count"] is not None and row["share"] and total:
        detail = f'<span class="stat-figure-share">{escape(row["share"])} · {escape(strings.get("stat_share_of_total", "%s").replace("%s", total))}</span>'
    return Markup(f'<p class="stat-figure"><span class="stat-figure-value">{escape(value)}</span> '
                  f'<span class="stat-figure-label">{escape(row["label"])}</span>{detail}</p>')


def history_view(stats, lang: str, strings: dict) -> dict | None:
    rows = [r for r in stats.history if "submitted" in r or "accepted" in r]
    if not rows:
        return None
    fmt = Formatter(lang)
    years = [str(int(r["year"])) for r in rows]
    series = []
    for key in ("submitted", "accepted"):
        values = [r.get(key) for r in rows]
        series.append((strings.get(f"stat_{key}", key), values, [fmt.number(v) if v is not None else "" for v in values]))
    title = strings.get("chart_history", "Submissions and accepted papers by year")
    return {
        "title": title, "note": "",
        "chart": grouped_columns(f"chart-history-{lang}", title, years, series),
        "rows": [{"year": str(int(r["year"])), "submitted": fmt.number(r.get("submitted")),
                  "accepted": fmt.number(r.get("accepted")),
                  "rate": fmt.percent(r["acceptance_rate"]) if "acceptance_rate" in r else "–"} for r in rows],
    }


def key_numbers(stats, year, lang: str, strings: dict) -> list[dict]:
    """The headline figures of the conference year, for the home page."""
    if stats is None:
        return []
    fmt = Formatter(lang)
    row = stats.year(year)
    out = []
    for key in ("submitted", "accepted", "reviewers"):
        if key in row:
            out.append({"label": strings.get(f"stat_{key}", key), "value": fmt.number(row[key])})
    if "acceptance_rate" in row:
        out.append({"label": strings.get("stat_acceptance_rate", "acceptance rate"), "value": fmt.percent(row["acceptance_rate"])})
    return out
