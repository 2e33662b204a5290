"""The overlap measures themselves, on made-up texts (the originality tests rely on them)."""

from __future__ import annotations

import overlap as ov

REPORT = ("本文回顾了会议的亮点及论文录用情况详细解读了特邀报告最佳论文口头报告及部分海报论文"
          "希望能帮助读者快速了解会议的盛况。The conference received a record number of submissions "
          "this year and accepted fewer than one in five of them.")


def test_fingerprint_finds_copied_characters_and_words():
    fp = ov.Fingerprint(ov.build_fingerprint(REPORT))
    copied = "我们认为" + "详细解读了特邀报告最佳论文口头报告" + "之外还有别的内容"
    result = ov.cjk_overlap(ov.cjk_text(copied), fp)
    assert result.longest >= ov.MAX_CJK_RUN
    assert result.shared == len("详细解读了特邀报告最佳论文口头报告")
    own = ov.cjk_overlap(ov.cjk_text("这是一段完全由我们自己写成的中文说明文字没有照抄"), fp)
    assert own.longest == 0 and own.shared == 0
    assert ov.latin_report_run("Indeed it received a record number of submissions this year, we read.", fp)
    assert not ov.latin_report_run("It got more papers than ever before and took few of them.", fp)


def test_fingerprint_holds_hashes_only():
    data = ov.build_fingerprint(REPORT)
    blob = "".join(data["sets"].values())
    assert "会议" not in str(data) and "conference" not in blob


def test_word_overlap_counts_shared_runs_and_the_longest():
    abstract = ov.tokens("We propose a simple method that learns representations without labels "
                         "and beats every baseline on three benchmarks.")
    page = ov.tokens("The authors propose a simple method that learns representations without labels; "
                     "the report finds this result surprising.")
    result = ov.word_overlap(page, [abstract])
    assert result.longest == 9                          # "propose a simple method ... without labels"
    assert result.shared == 9 and result.words == len(page)
    assert ov.word_overlap(ov.tokens("Nothing in common here at all, really."), [abstract]).shared == 0


def test_cut_phrases_and_breaks_stop_runs():
    title = "Learning Invariances from Data"
    abstract = ov.tokens("Learning invariances from data is hard so we learn them", cut=[title])
    page = ov.tokens("Learning Invariances from Data is hard so we learn them", cut=[title])
    assert ov.word_overlap(page, [abstract]).longest == 6      # the title itself does not count
    broken = ov.tokens(ov.prose("is hard $x$ so we learn them [@key] too"))
    assert ov.BREAK in broken
