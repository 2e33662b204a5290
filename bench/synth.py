#!/usr/bin/env python3
"""A deterministic synthetic conference in the project's own content format.

    python bench/synth.py 5000 bench/work/synth-5000      # writes bench/work/synth-5000/content/

`generate(n)` returns the conference as plain data (also used by bench/peers.py to convert the same
conference to Hugo, Pelican and MkDocs); `write_site(conf, root)` writes it as an editor would:
site.yaml, i18n/<lang>.yaml (copied from the real site), statistics.yaml, oral-tracks.yaml,
corrections.yaml, references.bib with one entry per paper, and sections, talks, tracks and papers in
Chinese and English. Every paper body (~150 words) has a heading, a list, bold text, inline code, an
external and an internal link and citations of its own entry and of another paper's. The same `n` and
`seed` always give the same bytes.
"""

from __future__ import annotations

import argparse
import random
import shutil
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
YEAR = 2031
LANGS = ("zh", "en")

# -- vocabularies ------------------------------------------------------------------------------------
ADJ = ["Sparse", "Robust", "Efficient", "Scalable", "Contrastive", "Causal", "Implicit", "Adaptive", "Bayesian",
       "Equivariant", "Hierarchical", "Differentiable", "Stochastic", "Federated", "Structured", "Latent",
       "Provable", "Generative", "Self-Supervised", "Continual", "Meta-Learned", "Neural", "Kernel", "Spectral",
       "Private", "Fair", "Interpretable", "Modular", "Unsupervised", "Offline"]
NOUN = ["Transformers", "Graph Networks", "Diffusion Models", "Policies", "Embeddings", "Representations",
        "Optimizers", "Attention", "Autoencoders", "Flows", "Priors", "Bandits", "Ensembles", "Retrieval",
        "World Models", "Tokenizers", "Memory", "Planners", "Operators", "Classifiers", "Estimators", "Agents"]
TASK = ["Planning", "Vision", "Language Modeling", "Molecule Design", "Control", "Recommendation", "Forecasting",
        "Speech", "Reasoning", "Segmentation", "Translation", "Exploration", "Calibration", "Compression",
        "Domain Adaptation", "Question Answering", "Robotics", "Anomaly Detection", "Tabular Data", "Video"]
TRACK_NAMES = ["Deep Learning", "Reinforcement Learning", "Optimization", "Probabilistic Methods", "Theory",
               "Vision Applications", "Language and Audio", "Graphs and Relational Learning", "Fairness and Privacy",
               "Generative Models", "Causality", "Learning Theory", "Neuroscience and Cognition", "Robotics",
               "Kernel Methods", "Bandits and Online Learning", "Meta-Learning", "Continual Learning",
               "Representation Learning", "Adversarial Robustness"]
TRACK_NAMES_ZH = ["深度学习", "强化学习", "优化", "概率方法", "理论", "视觉应用", "语言与语音", "图与关系学习",
                  "公平与隐私", "生成模型", "因果", "学习理论", "神经科学与认知", "机器人", "核方法", "赌博机与在线学习",
                  "元学习", "持续学习", "表示学习", "对抗鲁棒性"]
FIRST = ["Ada", "Alan", "Grace", "Yoshua", "Fei", "Wei", "Li", "Maria", "Jun", "Anna", "Omar", "Priya", "Kenji",
         "Sofia", "Lars", "Amara", "Chen", "Mateo", "Nadia", "Tomás", "Yuki", "Ines", "Ravi", "Hana", "Pierre",
         "Olga", "Kwame", "Zhang", "Elena", "Samuel"]
LAST = ["Lovelace", "Turing", "Hopper", "Zhang", "Wang", "Li", "Garcia", "Müller", "Tanaka", "Kowalski", "Okafor",
        "Sharma", "Nakamura", "Rossi", "Andersen", "Nwosu", "Chen", "López", "Haddad", "Novák", "Sato", "Silva",
        "Iyer", "Kim", "Dubois", "Ivanova", "Mensah", "Liu", "Petrov", "Osei", "Schmidt", "Yamamoto", "Khan",
        "Bianchi", "Fischer", "Moreau", "Park", "Nguyen", "Costa", "Berg"]
EN_WORDS = ("model method training data loss network gradient objective benchmark baseline representation "
            "sample estimate bound policy reward signal feature layer kernel prior posterior noise task domain "
            "accuracy robustness efficiency scale memory compute variance bias update step").split()
EN_VERBS = ("improves reduces matches learns predicts estimates bounds controls stabilises regularises "
            "generalises outperforms approximates combines decouples").split()
ZH_WORDS = ["模型", "方法", "训练", "数据", "损失函数", "网络", "梯度", "目标函数", "基准", "基线", "表示", "样本",
            "估计", "上界", "策略", "奖励", "特征", "层", "核函数", "先验", "后验", "噪声", "任务", "领域", "精度",
            "鲁棒性", "效率", "规模", "内存", "算力", "方差", "偏差", "更新", "步长"]
ZH_VERBS = ["改进了", "降低了", "匹配了", "学习了", "预测了", "估计了", "约束了", "控制了", "稳定了", "正则化了",
            "推广了", "超过了", "近似了", "结合了", "解耦了"]
CODE = ["torch.compile", "jax.vmap", "lr=3e-4", "batch_size=256", "np.einsum", "--seed 0", "fp16", "top_k=40"]


@dataclass
class Paper:
    slug: str
    title: str
    authors: list
    type: str
    track: str | None
    bib: str
    url: str
    award: str | None
    order: int | None
    body: dict = field(default_factory=dict)      # lang -> Markdown


@dataclass
class Entry:
    slug: str
    meta: dict                                      # lang -> front matter (ordered dict of fields)
    body: dict                                      # lang -> Markdown


@dataclass
class Conference:
    n: int
    seed: int
    papers: list
    tracks: list        # Entry, meta also has 'number'
    sections: list
    talks: list
    bib: list           # (key, fields dict, persons list of (last, first))
    statistics: dict
    correction_slug: str


def _kebab(text: str) -> str:
    out = "".join(ch.lower() if ch.isalnum() and ch.isascii() else "-" for ch in text)
    return "-".join(part for part in out.split("-") if part)


def _sentence_en(rng: random.Random, words: int) -> str:
    picks = [rng.choice(EN_WORDS) for _ in range(words - 2)]
    verb = rng.choice(EN_VERBS)
    text = f"The {picks[0]} {verb} the " + " ".join(picks[1:]) + "."
    return text[0].upper() + text[1:]


def _sentence_zh(rng: random.Random, words: int) -> str:
    picks = [rng.choice(ZH_WORDS) for _ in range(words)]
    return "该" + picks[0] + rng.choice(ZH_VERBS) + "的".join(picks[1:4]) + "，并且在" + "与".join(picks[4:6]) + "上" + \
        rng.choice(ZH_VERBS) + "".join(picks[6:]) + "。"


def _paragraph(rng, lang, sentences, words=12) -> str:
    make = _sentence_zh if lang == "zh" else _sentence_en
    return ("" if lang == "zh" else " ").join(make(rng, words) for _ in range(sentences))


def generate(n: int, seed: int = 2031) -> Conference:
    rng = random.Random(f"{seed}:{n}")
    n_tracks = max(4, n // 250)
    tracks = []
    for i in range(n_tracks):
        name_en = TRACK_NAMES[i % len(TRACK_NAMES)] + (f" {i // len(TRACK_NAMES) + 1}" if i >= len(TRACK_NAMES) else "")
        name_zh = TRACK_NAMES_ZH[i % len(TRACK_NAMES)] + (f" {i // len(TRACK_NAMES) + 1}" if i >= len(TRACK_NAMES) else "")
        slug = f"{i + 1:02d}-{_kebab(name_en)}"
        meta = {"en": {"title": name_en, "number": i + 1}, "zh": {"title": f"{name_en}（{name_zh}）", "number": i + 1}}
        body = {"en": f"This track collects work on {name_en.lower()}. " + _paragraph(rng, "en", 2),
                "zh": f"本分组收录{name_zh}方向的工作。" + _paragraph(rng, "zh", 2)}
        tracks.append(Entry(slug, meta, body))

    # papers: titles, slugs, authors, types
    papers, slugs, bib = [], set(), []
    for i in range(n):
        title = f"{rng.choice(ADJ)} {rng.choice(NOUN)} for {rng.choice(TASK)}"
        if rng.random() < 0.3:
            title = f"{rng.choice(ADJ)} and {title}"
        base = _kebab(title)
        slug, k = base, 2
        while slug in slugs:
            slug, k = f"{base}-{k}", k + 1
        slugs.add(slug)
        persons = [(rng.choice(LAST), rng.choice(FIRST)) for _ in range(rng.randint(1, 8))]
        roll = rng.random()
        kind = "oral" if roll < 0.05 else "spotlight" if roll < 0.2 else "poster"
        track = tracks[rng.randrange(n_tracks)].slug if kind != "poster" or rng.random() < 0.5 else None
        key = f"{_kebab(persons[0][0]).replace('-', '')}{YEAR}{base.split('-')[0]}{i}"
        digest = f"{rng.getrandbits(128):032x}"
        url = f"https://proceedings.example.org/scls/{YEAR}/hash/{digest}-Abstract.html"
        award = "best-paper" if i in (n // 7, n // 3, n // 2) else None
        papers.append(Paper(slug, title, [f"{first} {last}" for last, first in persons], kind, track, key, url,
                            award, (i % 10) * 10 if rng.random() < 0.2 else None))
        fields = {"title": _bib_title(title), "booktitle": f"Proceedings of the Synthetic Conference on Learning Systems {YEAR}",
                  "year": str(YEAR), "pages": f"{rng.randint(1, 9000)}--{rng.randint(9001, 9999)}", "url": url}
        bib.append((key, fields, persons))

    for i, paper in enumerate(papers):
        other = papers[(i * 7919 + 13) % n] if n > 1 else paper
        paper.body = {lang: _paper_body(rng, lang, paper, other) for lang in LANGS}
    correction = papers[0]
    for lang in LANGS:
        note = ("!!! editor\n    原报告把本文作者误记为一人；正确的作者列表见上。\n" if lang == "zh" else
                "!!! editor\n    The report lists only one author; the full list is given above.\n")
        correction.body[lang] += "\n" + note

    counts = {k: sum(1 for p in papers if p.type == k) for k in ("oral", "spotlight", "poster")}
    talks = []
    for i in range(4):
        last, first = rng.choice(LAST), rng.choice(FIRST)
        t_en = f"{rng.choice(ADJ)} {rng.choice(NOUN)}: Lessons from {rng.choice(TASK)}"
        meta = {lang: {"title": t_en, "speaker": f"{first} {last}",
                       "affiliation": "合成大学" if lang == "zh" else "Synthetic University", "order": i + 1}
                for lang in LANGS}
        body = {lang: _paragraph(rng, lang, 4) + "\n\n" + _paragraph(rng, lang, 3) for lang in LANGS}
        talks.append(Entry(f"talk-{i + 1}-{_kebab(last)}", meta, body))

    sections = _sections(rng, papers, counts, n)
    statistics = {"counts": counts, "submitted": n * 4 + 17}
    return Conference(n, seed, papers, tracks, sections, talks, bib, statistics, correction.slug)


def _bib_title(title: str) -> str:
    """Protect capitalised acronyms and the first word, as BibTeX users do."""
    words = title.split()
    return " ".join("{" + w + "}" if w.isupper() or w.startswith("Self-") else w for w in words)


def _paper_body(rng, lang, paper, other) -> str:
    code = rng.choice(CODE)
    if lang == "en":
        return (f"@{paper.bib} present *{paper.title}*. {_sentence_en(rng, 14)} "
                f"{_sentence_en(rng, 12)}\n\n"
                f"## Method\n\n"
                f"The method has three parts:\n\n"
                f"- **{rng.choice(EN_WORDS).capitalize()} encoder**: {_sentence_en(rng, 9)}\n"
                f"- **{rng.choice(EN_WORDS).capitalize()} objective**, set with `{code}`: {_sentence_en(rng, 8)}\n"
                f"- a cheap {rng.choice(EN_WORDS)} schedule that needs no tuning.\n\n"
                f"Compared with [{other.title}](paper:{other.slug}) [@{other.bib}; see @{paper.bib}, p. {rng.randint(2, 9)}], "
                f"{_sentence_en(rng, 12)[0].lower() + _sentence_en(rng, 12)[1:]} "
                f"Code is on the [project page](https://code.example.org/{paper.slug}).\n\n"
                f"**Results.** {_sentence_en(rng, 13)} {_sentence_en(rng, 11)}\n")
    return (f"@{paper.bib} 研究了“{paper.title}”。{_sentence_zh(rng, 8)}{_sentence_zh(rng, 8)}\n\n"
            f"## 方法\n\n"
            f"方法分为三部分：\n\n"
            f"- **{rng.choice(ZH_WORDS)}编码器**：{_sentence_zh(rng, 7)}\n"
            f"- **{rng.choice(ZH_WORDS)}目标**，设置为 `{code}`：{_sentence_zh(rng, 7)}\n"
            f"- 一个无需调参的{rng.choice(ZH_WORDS)}调度。\n\n"
            f"与 [{other.title}](paper:{other.slug}) 相比 [@{other.bib}; 参见 @{paper.bib}, 第 {rng.randint(2, 9)} 页]，"
            f"{_sentence_zh(rng, 8)}代码见[项目主页](https://code.example.org/{paper.slug})。\n\n"
            f"**结果。** {_sentence_zh(rng, 8)}{_sentence_zh(rng, 8)}\n")


def _sections(rng, papers, counts, n) -> list:
    awards = [p for p in papers if p.award]
    cite = " ".join(f"[@{p.bib}]" for p in awards)
    specs = [
        ("abstract", 10, {"zh": "摘要", "en": "Abstract"}, {}),
        ("introduction", 20, {"zh": "引言", "en": "Introduction"}, {}),
        ("acceptance", 30, {"zh": "论文录用情况", "en": "Submissions and Acceptance"}, {"charts": ["history", "presentation-type"]}),
        ("invited-talks", 40, {"zh": "特邀报告", "en": "Invited Talks"}, {"lists": "talks"}),
        ("best-papers", 50, {"zh": "最佳论文", "en": "Best Papers"}, {"lists": "awards"}),
        ("orals-spotlights", 60, {"zh": "口头与焦点报告", "en": "Orals and Spotlights"}, {"lists": "tracks"}),
        ("posters", 70, {"zh": "海报论文", "en": "Poster Papers"}, {"lists": "untracked"}),
        ("conclusion", 80, {"zh": "结语", "en": "Conclusion"}, {}),
    ]
    sections = []
    for slug, order, titles, extra in specs:
        meta, body = {}, {}
        for lang in LANGS:
            meta[lang] = {"title": titles[lang], "order": order, **extra,
                          "summary": _sentence_zh(rng, 6) if lang == "zh" else _sentence_en(rng, 10)}
            text = [_paragraph(rng, lang, 5), _paragraph(rng, lang, 4)]
            if slug == "acceptance":
                text.insert(0, (f"本届共录用 {n} 篇论文，其中口头报告 {counts['oral']} 篇。" if lang == "zh" else
                                f"The conference accepted {n:,} papers, {counts['oral']} of them orals."))
            if slug == "best-papers" and awards:
                text.append(("最佳论文奖授予了以下论文 " if lang == "zh" else "The best paper awards went to ") + cite + "。" * (lang == "zh"))
            body[lang] = "\n\n".join(text) + "\n"
        sections.append(Entry(slug, meta, body))
    return sections


# -- writing the project's own format ---------------------------------------------------------------
def _yaml_str(value: str) -> str:
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _front(meta: dict) -> str:
    lines = ["---"]
    for key, value in meta.items():
        if value is None:
            continue
        if isinstance(value, list):
            lines.append(f"{key}: [" + ", ".join(_yaml_str(v) for v in value) + "]")
        elif isinstance(value, bool) or isinstance(value, int):
            lines.append(f"{key}: {str(value).lower() if isinstance(value, bool) else value}")
        else:
            lines.append(f"{key}: {_yaml_str(str(value))}")
    lines.append("---")
    return "\n".join(lines) + "\n"


def paper_meta(paper: Paper, lang: str) -> dict:
    return {"title": paper.title, "authors": paper.authors, "type": paper.type, "track": paper.track,
            "bib": paper.bib, "url": paper.url, "award": paper.award, "order": paper.order}


def bibtex_entry(key: str, fields: dict, persons: list) -> str:
    authors = " and ".join(f"{last}, {first}" for last, first in persons)
    lines = [f"@inproceedings{{{key},", f"  title     = {{{fields['title']}}},", f"  author    = {{{authors}}},"]
    lines += [f"  {name:<9} = {{{fields[name]}}}," for name in ("booktitle", "year", "pages")]
    lines.append(f"  url       = {{{fields['url']}}}")
    return "\n".join(lines) + "\n}\n"


def write_site(conf: Conference, root: Path) -> Path:
    """Write content/ under root (replacing an existing one); returns root."""
    content = root / "content"
    if content.exists():
        shutil.rmtree(content)
    for kind in ("papers", "tracks", "sections", "talks", "i18n"):
        (content / kind).mkdir(parents=True)
    for lang in LANGS:
        shutil.copyfile(REPO / "content" / "i18n" / f"{lang}.yaml", content / "i18n" / f"{lang}.yaml")
    (content / "site.yaml").write_text(f"""title: {{zh: "合成学习系统大会 {YEAR} 观察", en: "SCLS {YEAR}: A Synthetic Report"}}
description:
  zh: "一个由基准测试程序生成的合成会议报告，共 {conf.n} 篇论文。"
  en: "A synthetic conference report written by the benchmark generator, with {conf.n:,} papers."
base_url: "https://example.org/scls-{YEAR}/"
languages: [zh, en]
conference:
  short: "SCLS {YEAR}"
  name: {{zh: "第 1 届合成学习系统大会", en: "1st Synthetic Conference on Learning Systems"}}
  year: {YEAR}
  start: {YEAR}-12-01
  end: {YEAR}-12-07
  location: {{zh: "线上", en: "Online"}}
source:
  title: {{zh: "合成学习系统大会 {YEAR} 观察", en: "Report of SCLS {YEAR}"}}
  authors: {{zh: [基准程序], en: [The Benchmark]}}
  journal: {{zh: "合成学报", en: "Journal of Synthetic Reports"}}
  volume: 1
  issue: 1
  year: {YEAR + 1}
""", encoding="utf-8")
    counts, submitted = conf.statistics["counts"], conf.statistics["submitted"]
    (content / "statistics.yaml").write_text(f"""source: {{zh: "合成数据。", en: "Synthetic data."}}
history:
  - {{year: {YEAR - 2}, submitted: {submitted // 2}, accepted: {max(1, conf.n // 3)}}}
  - {{year: {YEAR - 1}, submitted: {submitted * 3 // 4}, accepted: {max(1, conf.n * 2 // 3)}}}
  - {{year: {YEAR}, submitted: {submitted}, accepted: {conf.n}}}
breakdowns:
  - id: presentation-type
    title: {{zh: 按报告形式划分的录用论文, en: Accepted papers by presentation type}}
    year: {YEAR}
    total: {conf.n}
    rate_of: submitted
    parts:
      - {{key: oral, label: {{zh: 口头报告, en: Oral}}, count: {counts['oral']}}}
      - {{key: spotlight, label: {{zh: 焦点报告, en: Spotlight}}, count: {counts['spotlight']}}}
      - {{key: poster, label: {{zh: 海报, en: Poster}}, count: {counts['poster']}}}
""", encoding="utf-8")
    oral = ["tracks:"] + [f"  - {{name: {_yaml_str(t.meta['en']['title'])}, session: {i // 5 + 1}, number: {t.meta['en']['number']}, "
                          f"track: {t.slug}}}" for i, t in enumerate(conf.tracks)]
    (content / "oral-tracks.yaml").write_text("\n".join(oral) + "\n", encoding="utf-8")
    (content / "corrections.yaml").write_text(f"""corrections:
  - id: author-list
    pages: [papers/{conf.correction_slug}]
    reported: {{zh: "一位作者", en: "one author"}}
    correct: {{zh: "完整的作者列表", en: "the full author list"}}
    kind: fact
    evidence: "the synthetic proceedings"
""", encoding="utf-8")
    with open(content / "references.bib", "w", encoding="utf-8") as out:
        out.write(f"% Synthetic bibliography: one entry per paper ({conf.n}).\n\n")
        for key, fields, persons in conf.bib:
            out.write(bibtex_entry(key, fields, persons) + "\n")
    for paper in conf.papers:
        for lang in LANGS:
            (content / "papers" / f"{paper.slug}.{lang}.md").write_text(
                _front(paper_meta(paper, lang)) + paper.body[lang], encoding="utf-8")
    for kind, entries in (("tracks", conf.tracks), ("sections", conf.sections), ("talks", conf.talks)):
        for entry in entries:
            for lang in LANGS:
                (content / kind / f"{entry.slug}.{lang}.md").write_text(_front(entry.meta[lang]) + entry.body[lang],
                                                                        encoding="utf-8")
    return root


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("n", type=int, help="number of papers")
    parser.add_argument("root", type=Path, help="site folder to write (content/ is created inside)")
    parser.add_argument("--seed", type=int, default=2031)
    args = parser.parse_args(argv)
    write_site(generate(args.n, args.seed), args.root)
    print(f"wrote {args.n} papers to {args.root / 'content'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
