"""charts: inline SVG charts are well-formed, titled and escaped."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from neurips_report.site.charts import VALUE_W, WIDTH, bar_chart, grouped_columns, text_width, wrap

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
    assert widths == sorted(widths) and widths[2] == WIDTH - VALUE_W   # the largest bar spans the plot
    labels = ["".join(t.itertext()) for t in root.findall(f"{SVG}text")]
    assert labels == ["Oral", "20", "Spotlight", "55", "Poster", "225"]
    assert root.get("viewBox").startswith(f"0 0 {WIDTH} ")


def test_shares_use_a_common_scale():
    root = parse(bar_chart("c", "Share", [("Social aspects", 2, "2%")], scale_max=100))
    assert float(root.find(f"{SVG}rect").get("width")) == round((WIDTH - VALUE_W) * 0.02, 1)


def test_long_labels_wrap_inside_the_drawing():
    label = "Reinforcement learning and planning, with a very long qualification that cannot fit"
    root = parse(bar_chart("c", "Long", [(label, 1, "1")]))
    lines = [t.text for t in root.find(f"{SVG}text").findall(f"{SVG}tspan")]
    assert len(lines) >= 2 and " ".join(lines) == label
    assert all(text_width(line) <= WIDTH for line in lines)
    assert all(text_width(line) <= 100 for line in wrap("机器学习的社会层面" * 5, 100))


def test_bar_chart_escapes_text():
    root = parse(bar_chart("c", "R&D <2031>", [("A & B", 1, "<1>")]))
    assert root[0].text == "R&D <2031>"
    assert ["".join(t.itertext()) for t in root.findall(f"{SVG}text")] == ["A & B", "<1>"]


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
