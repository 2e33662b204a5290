"""statistics.yaml: counts are typed, shares and rates are derived here and checked."""

from __future__ import annotations

import math
from pathlib import Path

from ..model.problems import Problems
from ..model.content import Breakdown, Part, Statistics
from .site import localized
from .yamlfile import Mapping, Sequence, check_keys, load_mapping

MAX_NUMBER = 1e15       # far above any count; larger numbers cannot be formatted exactly
BREAKDOWN_FIELDS = {"id", "title", "year", "total", "partial", "unit", "rate_of", "note", "parts", "chart"}
PART_FIELDS = {"key", "label", "count", "share"}


def load_statistics(content: Path, codes: list[str], problems: Problems) -> Statistics | None:
    path = content / "statistics.yaml"
    if not path.is_file():
        return None
    raw = load_mapping(path, problems)
    if raw is None:
        return None
    history = _history(raw.get("history") or Sequence(), path, problems, raw.lines.get("history", 1))
    breakdowns = []
    seen, declared = {}, set()
    items = raw.get("breakdowns") or Sequence()
    if not isinstance(items, list):
        problems.error(path, raw.lines.get("breakdowns", 1), "'breakdowns' must be a list")
        items = []
    for item, item_line in zip(items, getattr(items, "lines", None) or [1] * len(items)):
        if not isinstance(item, Mapping):
            problems.error(path, item_line, "each breakdown must be a set of fields")
            continue
        if isinstance(item.get("id"), str):
            declared.add(item["id"])
        bd = _breakdown(item, history, codes, path, problems)
        if bd is None:
            continue
        if bd.id in seen:
            problems.error(path, item.line, f"duplicate breakdown id '{bd.id}'", f"first used on line {seen[bd.id]}")
            continue
        seen[bd.id] = item.line
        breakdowns.append(bd)
    source = localized(raw, "source", codes, path, problems) if "source" in raw else {}
    return Statistics(source, tuple(history), tuple(breakdowns), frozenset(declared))


def _number(value, where: str, path, line, problems) -> float | None:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        problems.error(path, line, f"{where} must be a number, not '{value}'")
        return None
    if not math.isfinite(value) or abs(value) >= MAX_NUMBER:
        problems.error(path, line, f"{where} must be a number below {MAX_NUMBER:.0e}, not '{value}'")
        return None
    if value < 0:
        problems.error(path, line, f"{where} must not be negative ({value})")
        return None
    return value


def _history(rows, path, problems, line: int = 1) -> list[dict]:
    result, years = [], {}
    if not isinstance(rows, list):
        problems.error(path, line, "'history' must be a list of rows, one per year")
        return result
    for row, row_line in zip(rows, getattr(rows, "lines", None) or [line] * len(rows)):
        if not isinstance(row, Mapping) or "year" not in row:
            problems.error(path, row_line, "each history row needs a 'year'")
            continue
        if isinstance(row["year"], bool) or not isinstance(row["year"], int):
            problems.error(path, row.lines["year"], f"history 'year' must be a whole number, not '{row['year']}'")
            continue
        clean = {}
        for key, value in row.items():
            number = _number(value, f"history '{key}'", path, row.lines[key], problems)
            if number is not None:
                clean[key] = number
        if "year" not in clean:
            continue
        if row["year"] in years:
            problems.error(path, row.line, f"year {row['year']} appears twice in 'history'", f"first on line {years[row['year']]}")
            continue
        years[row["year"]] = row.line
        if clean.get("accepted", 0) > clean.get("submitted", float("inf")):
            problems.error(path, row.lines["accepted"], f"{row['year']}: more papers accepted than submitted")
        if "accepted" in clean and "submitted" in clean and clean["submitted"]:
            clean["acceptance_rate"] = clean["accepted"] / clean["submitted"]
        result.append(clean)
    return sorted(result, key=lambda r: r["year"])


def _breakdown(item: Mapping, history, codes, path, problems) -> Breakdown | None:
    check_keys(item, BREAKDOWN_FIELDS, path, problems, "breakdown field")
    bid = item.get("id")
    if not isinstance(bid, str) or not bid:
        problems.error(path, item.line, "a breakdown needs an 'id'", "e.g. id: presentation-type")
        return None
    unit = item.get("unit", "count")
    if unit not in ("count", "percent"):
        problems.error(path, item.lines["unit"], f"'unit' must be count or percent, not '{unit}'")
        return None
    total = item.get("total")
    if total is not None:
        total = _number(total, f"breakdown '{bid}' total", path, item.lines["total"], problems)
    raw_parts = item.get("parts")
    if not isinstance(raw_parts, list) or not raw_parts:
        problems.error(path, item.lines.get("parts", item.line), f"breakdown '{bid}' has no parts")
        return None
    partial = item.get("partial", False)
    if not isinstance(partial, bool):
        problems.error(path, item.lines["partial"], f"breakdown '{bid}': 'partial' must be true or false, not '{partial}'")
        return None
    parts, keys = [], set()
    for raw, part_line in zip(raw_parts, raw_parts.lines):
        part = _part(raw, bid, unit, total, codes, path, problems, part_line)
        if part is None:
            continue
        if part.key in keys:
            problems.error(path, raw.line, f"breakdown '{bid}': part '{part.key}' appears twice")
            continue
        keys.add(part.key)
        parts.append(part)
    if unit == "count" and total is not None and len(parts) == len(raw_parts):
        summed = sum(p.count for p in parts)
        if not partial and summed != total:
            problems.error(path, item.lines["total"], f"breakdown '{bid}': parts sum to {summed:g}, not the total {total:g}",
                           "fix a count, or add 'partial: true' if the parts are a selection")
        elif partial and summed > total:
            problems.error(path, item.lines["total"], f"breakdown '{bid}': parts sum to {summed:g}, more than the total {total:g}")
    if unit == "percent" and not partial and sum(p.share or 0 for p in parts) > 100.0001:
        problems.error(path, item.line, f"breakdown '{bid}': shares add up to more than 100%")
    rate_of = item.get("rate_of")
    year = item.get("year")
    if rate_of is not None and not isinstance(rate_of, str):
        problems.error(path, item.lines["rate_of"], f"breakdown '{bid}': 'rate_of' must name a 'history' field, not '{rate_of}'")
        rate_of = None
    elif rate_of is not None:
        row = next((r for r in history if r.get("year") == year), None)
        if row is None or rate_of not in row:
            problems.error(path, item.lines["rate_of"], f"breakdown '{bid}': rate_of '{rate_of}' has no value for year {year} in 'history'")
            rate_of = None
    return Breakdown(bid, localized(item, "title", codes, path, problems, required=True), year, total, partial,
                     unit, rate_of, localized(item, "note", codes, path, problems), tuple(parts))


def _part(raw, bid, unit, total, codes, path, problems, line: int = 1) -> Part | None:
    if not isinstance(raw, Mapping) or not isinstance(raw.get("key"), str):
        problems.error(path, line, f"breakdown '{bid}': each part needs a 'key'")
        return None
    check_keys(raw, PART_FIELDS, path, problems, "part field")
    label = localized(raw, "label", codes, path, problems, required=True)
    field = "count" if unit == "count" else "share"
    if field not in raw:
        problems.error(path, raw.line, f"breakdown '{bid}': part '{raw['key']}' has no '{field}'")
        return None
    value = _number(raw[field], f"'{field}' of part '{raw['key']}'", path, raw.lines[field], problems)
    if value is None:
        return None
    if unit == "percent":
        if value > 100:
            problems.error(path, raw.lines[field], f"share of part '{raw['key']}' is over 100%")
            return None
        return Part(raw["key"], label, None, value)
    return Part(raw["key"], label, value, value / total * 100 if total else None)
