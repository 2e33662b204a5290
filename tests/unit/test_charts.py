"""charts: inline SVG charts are well-formed, titled and escaped."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from neurips_report.charts import bar_chart, grouped_columns

SVG = "{http://www.w3.org/2000/svg}"


def parse(markup):
    root = ET.fromstring(str(markup))
    assert root.tag == f"{SVG}svg"
    return root


def assert_titled(root, chart_id, title):
    assert root.get("role") == "img"
    assert root.get("aria-labelledby") == f"{chart_id}-t"
    first = root[0]
    assert first.tag == f"{SVG}title" and first.get("id") == f"{chart_id}-t" and first.text == title


def test_bar_chart_is_valid_svg_with_title():
    root = parse(bar_chart("chart-type-en", "Accepted papers by type",
                           [("Oral", 20, "20"), ("Spotlight", 55, "55"), ("Poster", 225, "225")]))
    assert_titled(root, "chart-type-en", "Accepted papers by type")
    bars = root.findall(f"{SVG}rect")
    assert len(bars) == 3
    widths = [float(b.get("width")) for b in bars]
    assert widths == sorted(widths) and widths[2] == 640 - 190 - 80   # the largest bar spans the plot
    labels = [t.text for t in root.findall(f"{SVG}text")]
    assert labels == ["Oral", "20", "Spotlight", "55", "Poster", "225"]
    assert root.get("viewBox") == f"0 0 640 {3 * 38 + 10}"


def test_bar_chart_escapes_text():
    root = parse(bar_chart("c", "R&D <2031>", [("A & B", 1, "<1>")]))
    assert root[0].text == "R&D <2031>"
    assert [t.text for t in root.findall(f"{SVG}text")] == ["A & B", "<1>"]


def test_bar_chart_with_zero_values_and_no_rows():
    parse(bar_chart("c", "Zero", [("A", 0, "0")]))
    root = parse(bar_chart("c", "Empty", []))
    assert root.findall(f"{SVG}rect") == []


def test_grouped_columns_is_valid_svg_with_title():
    root = parse(grouped_columns("chart-history-fr", "Soumissions et articles acceptés", ["2029", "2030", "2031"],
                                 [("Soumissions", [800, 1000, 1250], ["800", "1 000", "1 250"]),
                                  ("Acceptés", [200, None, 300], ["200", "", "300"])]))
    assert_titled(root, "chart-history-fr", "Soumissions et articles acceptés")
    texts = [t.text for t in root.findall(f"{SVG}text")]
    assert {"2029", "2030", "2031", "Soumissions", "Acceptés", "1 250"} <= set(texts)
    # 5 columns (one value missing) + 2 legend swatches
    assert len(root.findall(f"{SVG}rect")) == 7
    assert root.find(f"{SVG}line") is not None


def test_grouped_columns_cjk_legend():
    root = parse(grouped_columns("c", "历年", ["2030"], [("投稿数", [1], ["1"]), ("录用数", [1], ["1"])]))
    assert "投稿数" in [t.text for t in root.findall(f"{SVG}text")]
