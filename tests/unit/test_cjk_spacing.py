"""check/cjk_spacing: a space typed between two wide characters is reported, one beside code is not (code is
Latin text on the page, where the space stays)."""

from __future__ import annotations

import pytest

from conftest import copy_site
from neurips_report.engine.pipeline import Options, check_site

SECTION = "content/sections/overview.zh.md"


def warnings_for(tmp_path, line: str) -> list[str]:
    root = copy_site("minimal", tmp_path)
    path = root / SECTION
    path.write_text(path.read_text(encoding="utf-8") + "\n" + line + "\n", encoding="utf-8")
    problems = check_site(Options(root)).problems
    return [p.format().split("\n")[0] for p in problems.warnings if p.path == SECTION]


@pytest.mark.parametrize("line", [
    "模型设置为 `torch.compile`：训练更快。",        # the synthetic benchmark's papers write this
    "使用 `jax` 和 `flax` 实现。",
    "代码 `中 文` 照写。",
])
def test_a_space_beside_code_is_not_a_gap(tmp_path, line):
    assert warnings_for(tmp_path, line) == []


@pytest.mark.parametrize("line, gap", [("模型设置为 ：训练更快。", "为 ："), ("训练 更快。", "练 更")])
def test_a_space_between_wide_characters_is_reported(tmp_path, line, gap):
    assert warnings_for(tmp_path, line) == [f"{SECTION}:8: warning: space between Chinese characters: '{gap}'"]
