"""The site's text is written anew: no long run of the source report is pasted into content/."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT.parent / "shared" / "seed" / "000_f42b97c72f540613.txt"
MAX_CJK_RUN = 14      # characters of Chinese prose shared verbatim with the seed
MAX_LATIN_RUN = 8     # words of English prose shared verbatim with the seed (its English abstract)

# Proper names that the report also spells out and that any text about these subjects must repeat
# verbatim. Only names go here, never prose: each entry is removed from the content before the
# comparison. Keep the list short and explicit.
ALLOWED_NAMES = (
    "Conference on Neural Information Processing Systems",            # the conference's full name
    "International Conference on Learning Representations",           # ICLR's full name
    "Diversifying Vulnerabilities for Enhanced Robust Generation of Ensembles",  # DVERGE's expansion
)
MATH_RE = re.compile(r"\$\$.+?\$\$|\$[^$\n]+\$", re.DOTALL)   # formulas and variable names are not prose


def cjk_text(text: str) -> str:
    """Only CJK characters: punctuation, spaces, Latin words and line breaks removed."""
    return "".join(ch for ch in text if "\u4e00" <= ch <= "\u9fff")


def latin_words(text: str) -> list[str]:
    return re.findall(r"[a-z]+", text.lower())


def longest_cjk_overlap(text: str, seed_runs: set, n: int) -> str:
    chars = cjk_text(text)
    for i in range(len(chars) - n + 1):
        if chars[i:i + n] in seed_runs:
            return chars[i:i + n]
    return ""


@pytest.fixture(scope="module")
def seed():
    if not SEED.is_file():
        pytest.skip("the source report is not available on this machine (../shared/seed)")
    text = SEED.read_text(encoding="utf-8")
    text = re.sub(r"-\n\s*", "", text)    # words hyphenated across lines in the PDF extraction
    chars = cjk_text(text)
    words = latin_words(text)
    return ({chars[i:i + MAX_CJK_RUN] for i in range(len(chars) - MAX_CJK_RUN + 1)},
            {tuple(words[i:i + MAX_LATIN_RUN]) for i in range(len(words) - MAX_LATIN_RUN + 1)})


def official_titles() -> list[str]:
    """Paper titles are facts: the official list's titles may appear verbatim."""
    path = ROOT / "content" / "data" / "accepted-papers.json"
    if not path.is_file():
        return []
    import json
    return sorted((r["title"] for r in json.loads(path.read_text(encoding="utf-8"))), key=len, reverse=True)


NAME_LIST_RE = re.compile(r"(?:[\u4e00-\u9fff]{2,3}[、，,和]){3,}[\u4e00-\u9fff]{2,3}")
EDITOR_NOTE_RE = re.compile(r"^!!! editor.*\n(?:(?:    .*)?\n)*", re.MULTILINE)
KEYWORD_LINE_RE = re.compile(r"^\s*[-*]\s+.{1,40}$", re.MULTILINE)


def strip_facts(body: str, titles: list[str]) -> str:
    """Remove what may legitimately match the report: titles, names, formulas, keyword bullets,
    lists of names."""
    body = MATH_RE.sub(" ", body)
    for name in ALLOWED_NAMES:
        body = re.sub(re.escape(name), " ", body, flags=re.IGNORECASE)
    lowered = body.lower()
    for title in titles:
        if title.lower() in lowered:
            body = re.sub(re.escape(title), " ", body, flags=re.IGNORECASE)
            lowered = body.lower()
    body = KEYWORD_LINE_RE.sub(" ", body)
    return NAME_LIST_RE.sub(" ", body)


def content_files():
    return sorted(p for p in (ROOT / "content").rglob("*.md"))


TITLES = official_titles()


@pytest.mark.parametrize("path", content_files(), ids=lambda p: p.relative_to(ROOT / "content").as_posix())
def test_no_pasted_sentences(path, seed):
    cjk_runs, latin_runs = seed
    body = path.read_text(encoding="utf-8").split("\n---", 1)[-1]
    body = EDITOR_NOTE_RE.sub("\n", body)          # editor's notes quote what the report printed
    body = re.sub(r"(原报告|报告)(写作|写成|印作|称)[^。]*。", "", body)   # quotations inside editor's notes
    body = strip_facts(body, TITLES)
    overlap = longest_cjk_overlap(body, cjk_runs, MAX_CJK_RUN)
    assert not overlap, f"{MAX_CJK_RUN} characters copied from the report: {overlap}"
    words = latin_words(body)
    for i in range(len(words) - MAX_LATIN_RUN + 1):
        run = tuple(words[i:i + MAX_LATIN_RUN])
        assert run not in latin_runs, "copied English: " + " ".join(run)
