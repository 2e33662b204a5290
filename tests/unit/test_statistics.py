"""load/statistics: counts are typed, rates and shares derived, parts checked against wholes."""

from __future__ import annotations

import textwrap

import pytest

from neurips_report.model.problems import Problems
from neurips_report.load.statistics import load_statistics

GOOD = """\
source: {en: Organisers, zh: 主办方}
history:
  - {year: 2031, submitted: 1250, accepted: 300, reviewers: 900}
  - {year: 2030, submitted: 1000, accepted: 240}
breakdowns:
  - id: presentation-type
    title: {en: By type, zh: 按形式}
    year: 2031
    total: 300
    rate_of: submitted
    parts:
      - {key: oral, label: {en: Oral, zh: 口头}, count: 20}
      - {key: spotlight, label: {en: Spotlight, zh: 焦点}, count: 55}
      - {key: poster, label: {en: Poster, zh: 海报}, count: 225}
  - id: regions
    title: {en: Regions, zh: 地区}
    year: 2031
    total: 300
    partial: true
    parts:
      - {key: europe, label: {en: Europe, zh: 欧洲}, count: 120}
  - id: topics
    title: {en: Topics, zh: 主题}
    unit: percent
    parts:
      - {key: theory, label: {en: Theory, zh: 理论}, share: 29}
      - {key: robots, label: {en: Robots, zh: 机器人}, share: 19.5}
"""


def load(tmp_path, text):
    content = tmp_path / "content"
    content.mkdir(exist_ok=True)
    (content / "statistics.yaml").write_text(textwrap.dedent(text), encoding="utf-8")
    problems = Problems(tmp_path)
    stats = load_statistics(content, ["en", "zh"], problems)
    return stats, [p.format() for p in problems.errors]


def test_missing_file_means_no_statistics(tmp_path):
    assert load_statistics(tmp_path, ["en"], Problems(tmp_path)) is None


def test_history_sorted_with_acceptance_rate(tmp_path):
    stats, errors = load(tmp_path, GOOD)
    assert errors == []
    assert [row["year"] for row in stats.history] == [2030, 2031]
    assert stats.year(2031)["acceptance_rate"] == pytest.approx(0.24)
    assert stats.year(2030)["acceptance_rate"] == pytest.approx(0.24)
    assert stats.year(2031)["reviewers"] == 900
    assert stats.year(1999) == {}
    assert stats.source == {"en": "Organisers", "zh": "主办方"}


def test_shares_derived_from_counts(tmp_path):
    stats, _ = load(tmp_path, GOOD)
    bd = stats.breakdown("presentation-type")
    assert [p.key for p in bd.parts] == ["oral", "spotlight", "poster"]
    assert [p.count for p in bd.parts] == [20, 55, 225]
    assert [round(p.share, 4) for p in bd.parts] == [6.6667, 18.3333, 75.0]
    assert bd.rate_of == "submitted" and bd.unit == "count" and not bd.partial
    assert bd.title == {"en": "By type", "zh": "按形式"}
    assert stats.breakdown("regions").partial is True
    assert stats.breakdown("nope") is None


def test_percent_breakdowns_keep_given_shares(tmp_path):
    stats, _ = load(tmp_path, GOOD)
    topics = stats.breakdown("topics")
    assert topics.unit == "percent"
    assert [(p.count, p.share) for p in topics.parts] == [(None, 29), (None, 19.5)]


def bad(text_old, text_new):
    assert text_old in GOOD
    return GOOD.replace(text_old, text_new)


@pytest.mark.parametrize("text, expected", [
    (bad("count: 225}", "count: 224}"),
     "content/statistics.yaml:9: error: breakdown 'presentation-type': parts sum to 299, not the total 300\n"
     "    hint: fix a count, or add 'partial: true' if the parts are a selection"),
    (bad("count: 120}", "count: 301}"),
     "content/statistics.yaml:18: error: breakdown 'regions': parts sum to 301, more than the total 300"),
    (bad("share: 19.5}", "share: 80}"),
     "content/statistics.yaml:22: error: breakdown 'topics': shares add up to more than 100%"),
    (bad("share: 29}", "share: 129}"),
     "content/statistics.yaml:26: error: share of part 'theory' is over 100%"),
    (bad("count: 20}", "count: -20}"),
     "content/statistics.yaml:12: error: 'count' of part 'oral' must not be negative (-20)"),
    (bad("count: 20}", "count: many}"),
     "content/statistics.yaml:12: error: 'count' of part 'oral' must be a number, not 'many'"),
    (bad("accepted: 300,", "accepted: 1300,"),
     "content/statistics.yaml:3: error: 2031: more papers accepted than submitted"),
    (bad("{year: 2030,", "{year: 2031,"),
     "content/statistics.yaml:4: error: year 2031 appears twice in 'history'\n    hint: first on line 3"),
    (bad("rate_of: submitted", "rate_of: reviewers_2"),
     "content/statistics.yaml:10: error: breakdown 'presentation-type': rate_of 'reviewers_2' has no value for year 2031 in 'history'"),
    (bad("    partial: true\n", "    partail: true\n"),
     "content/statistics.yaml:19: error: unknown breakdown field 'partail'\n    hint: did you mean 'partial'?"),
    (bad("  - id: regions\n", "  - id: presentation-type\n"),
     "content/statistics.yaml:15: error: duplicate breakdown id 'presentation-type'\n    hint: first used on line 6"),
    (bad("label: {en: Oral, zh: 口头}", "label: {en: Oral}"),
     "content/statistics.yaml:12: error: 'label' has no zh translation\n    hint: add zh: ... to 'label'"),
    (bad("{key: spotlight,", "{key: oral,"),
     "content/statistics.yaml:13: error: breakdown 'presentation-type': part 'oral' appears twice"),
])
def test_problems(tmp_path, text, expected):
    _, errors = load(tmp_path, text)
    assert expected in errors, errors


def test_partial_parts_may_sum_below_total(tmp_path):
    _, errors = load(tmp_path, GOOD)
    assert errors == []
