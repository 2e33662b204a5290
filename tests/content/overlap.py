"""How much of a page's text is shared with a reference text, measured in runs of words or characters.

Used by the originality tests (tests/content/test_originality.py) and by scripts/overlap.py, which
prints every page's figures. Not a test module itself.

Two references:

- a paper's official abstract (content/data/abstracts.json), compared word by word with the English
  page about that paper;
- the source report, which is not committed: only a fingerprint of it is
  (content/data/report-fingerprint.json, hashed character and word n-grams built by
  scripts/fingerprint_report.py), so the same comparison runs on every machine, CI included.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]
CONTENT = ROOT / "content"
DATA = CONTENT / "data"
PAPERS = CONTENT / "papers"
ABSTRACTS = DATA / "abstracts.json"
FINGERPRINT = DATA / "report-fingerprint.json"
SEED = ROOT.parent / "shared" / "seed" / "000_f42b97c72f540613.txt"

# ---- the rules (issue 19) -----------------------------------------------------------------------
MAX_ABSTRACT_RUN = 11       # words: no run of 12 or more consecutive words shared with the abstract
SHARED_RUN = 7              # words: a run this long or longer counts towards the shared share
MAX_SHARED_SHARE = 0.10     # at most 10% of a page's words may lie in such runs
MAX_CJK_RUN = 14            # characters of Chinese prose shared verbatim with the report (as before)
CJK_SHARED_RUN = 12          # characters: the Chinese counterpart of SHARED_RUN (7 words ~ 12 characters)
MAX_LATIN_RUN = 8           # words of English shared verbatim with the report's English abstract

# ---- fingerprint: keyed, truncated hashes, so the file does not carry the report's text -----------
HASH_KEY = b"neurips-report/report-fingerprint/v1"
HASH_BYTES = 6
FINGERPRINT_SIZES = {"cjk": (CJK_SHARED_RUN, MAX_CJK_RUN), "latin": (MAX_LATIN_RUN,)}


def gram_hash(gram: str) -> str:
    return hashlib.blake2b(gram.encode("utf-8"), digest_size=HASH_BYTES, key=HASH_KEY).hexdigest()


def cjk_text(text: str) -> str:
    """Only CJK characters: punctuation, spaces, Latin words and line breaks removed."""
    return "".join(ch for ch in text if "\u4e00" <= ch <= "\u9fff")


def latin_words(text: str) -> list[str]:
    return re.findall(r"[a-z]+", text.lower())


def report_text(raw: str) -> str:
    """The report as compared: words hyphenated across lines in the PDF extraction joined again."""
    return re.sub(r"-\n\s*", "", raw)


def build_fingerprint(raw: str) -> dict:
    """The report's fingerprint: for each size, the sorted set of hashed n-grams, concatenated."""
    text = report_text(raw)
    chars = cjk_text(text)
    words = latin_words(text)
    sets = {}
    for n in FINGERPRINT_SIZES["cjk"]:
        sets[f"cjk{n}"] = {gram_hash(chars[i:i + n]) for i in range(len(chars) - n + 1)}
    for n in FINGERPRINT_SIZES["latin"]:
        sets[f"latin{n}"] = {gram_hash(" ".join(words[i:i + n])) for i in range(len(words) - n + 1)}
    return {
        "what": "fingerprint of the source report: hashed character/word n-grams, not its text",
        "source_sha256": hashlib.sha256(raw.encode("utf-8")).hexdigest(),
        "hash": f"blake2b, digest_size={HASH_BYTES}, key={HASH_KEY.decode()}, hex",
        "normalisation": "'-\\n<spaces>' removed; cjk: only U+4E00..U+9FFF characters kept, in order; "
                         "latin: lower-cased runs of a-z, joined by one space",
        "sets": {name: "".join(sorted(hashes)) for name, hashes in sorted(sets.items())},
    }


class Fingerprint:
    """Membership tests against the committed fingerprint."""

    def __init__(self, data: dict):
        width = 2 * HASH_BYTES
        self.source_sha256 = data["source_sha256"]
        self.sets = {name: {blob[i:i + width] for i in range(0, len(blob), width)}
                     for name, blob in data["sets"].items()}

    @classmethod
    def load(cls, path: Path = FINGERPRINT) -> "Fingerprint":
        return cls(json.loads(path.read_text(encoding="utf-8")))

    def has_cjk(self, gram: str) -> bool:
        return gram_hash(gram) in self.sets[f"cjk{len(gram)}"]

    def has_words(self, words) -> bool:
        return gram_hash(" ".join(words)) in self.sets[f"latin{len(words)}"]


# ---- pages ---------------------------------------------------------------------------------------
MATH_RE = re.compile(r"\$\$.+?\$\$|\$[^$\n]+\$", re.DOTALL)     # formulas are not prose
EDITOR_NOTE_RE = re.compile(r"^!!! editor.*\n(?:(?:    .*)?\n)*", re.MULTILINE)
CITE_RE = re.compile(r"\[?@[A-Za-z][\w:-]*\]?")                  # [@key] and @key citations
LINK_TARGET_RE = re.compile(r"\]\([^)]*\)")                      # keep a link's text, drop its target
URL_RE = re.compile(r"https?://\S+")
TAG_RE = re.compile(r"<[^>]+>")
CODE_RE = re.compile(r"`[^`]*`")
BREAK = "\x00"                                                   # where something was cut out


def split_page(path: Path) -> tuple[dict, str]:
    text = path.read_text(encoding="utf-8")
    if text.startswith("---"):
        _, head, body = text.split("---", 2)
        return yaml.safe_load(head) or {}, body
    return {}, text


def prose(body: str) -> str:
    """The page's own prose: editor's notes (which quote the report), formulas, citations, link
    targets, URLs, code and HTML tags are cut out; each cut leaves a break no run can cross."""
    body = EDITOR_NOTE_RE.sub(BREAK, body)
    for pattern in (MATH_RE, LINK_TARGET_RE, URL_RE, CITE_RE, CODE_RE, TAG_RE):
        body = pattern.sub(f" {BREAK} ", body)
    return body


def tokens(text: str, cut: list[str] = ()) -> list[str]:
    """Lower-case words (letters and digits), with a break token where text was cut out. Each
    phrase in `cut` (a title, a name) is cut out as well: facts that any text must repeat."""
    text = text.lower()
    for phrase in cut:
        if phrase:
            text = re.sub(r"\s+".join(map(re.escape, phrase.lower().split())), f" {BREAK} ", text)
    return re.findall(rf"[a-z0-9]+|{BREAK}", text)


def paper_pages(lang: str) -> list[Path]:
    return sorted(PAPERS.glob(f"*.{lang}.md"))


def slug_of(path: Path) -> str:
    return path.name.split(".")[0]


def load_abstracts() -> dict:
    return json.loads(ABSTRACTS.read_text(encoding="utf-8"))


# ---- measures ------------------------------------------------------------------------------------
@dataclass
class Overlap:
    words: int                  # words (or characters) on the page
    shared: int                 # of which inside a shared run of at least the counting length
    longest: int                # longest shared run
    longest_text: str           # that run

    @property
    def share(self) -> float:
        return self.shared / self.words if self.words else 0.0


def _mark_runs(n: int, size: int, has) -> list[bool]:
    marked = [False] * n
    for i in range(n - size + 1):
        if has(i):
            for j in range(i, i + size):
                marked[j] = True
    return marked


def word_overlap(page: list[str], references: list[list[str]], run: int = SHARED_RUN) -> Overlap:
    """Words of `page` inside runs of >= `run` words that occur in one of `references`, and the
    longest run shared with any of them. Break tokens never match."""
    grams = set()
    for ref in references:
        for i in range(len(ref) - run + 1):
            gram = tuple(ref[i:i + run])
            if BREAK not in gram:
                grams.add(gram)
    marked = _mark_runs(len(page), run, lambda i: tuple(page[i:i + run]) in grams)
    longest, where = 0, 0
    for ref in references:                       # longest common run, dynamic programming
        prev = [0] * (len(ref) + 1)
        for i, word in enumerate(page):
            cur = [0] * (len(ref) + 1)
            if word != BREAK:
                for j, other in enumerate(ref):
                    if word == other:
                        cur[j + 1] = prev[j] + 1
                        if cur[j + 1] > longest:
                            longest, where = cur[j + 1], i + 1
            prev = cur
    real = [w for w in page if w != BREAK]
    shared = sum(1 for w, m in zip(page, marked) if m and w != BREAK)
    return Overlap(len(real), shared, longest, " ".join(page[where - longest:where]))


def cjk_overlap(chars: str, fingerprint: Fingerprint) -> Overlap:
    """Characters of `chars` inside runs of >= CJK_SHARED_RUN characters found in the report, and
    the longest such run (reported up to MAX_CJK_RUN + 1: longer runs only matter as failures)."""
    n = CJK_SHARED_RUN
    marked = _mark_runs(len(chars), n, lambda i: fingerprint.has_cjk(chars[i:i + n]))
    longest, text = 0, ""
    i = 0
    while i < len(chars):                         # a shared run is a chain of shared n-grams
        if i + n <= len(chars) and fingerprint.has_cjk(chars[i:i + n]):
            j = i
            while j + n < len(chars) and fingerprint.has_cjk(chars[j + 1:j + 1 + n]):
                j += 1
            length = j + n - i
            # confirm with the long grams: a chain of short grams can join two separate places
            if length >= MAX_CJK_RUN:
                for k in range(i, j + n - MAX_CJK_RUN + 1):
                    if fingerprint.has_cjk(chars[k:k + MAX_CJK_RUN]):
                        break
                else:
                    length = MAX_CJK_RUN - 1
            if length > longest:
                longest, text = length, chars[i:j + n]
            i = j + 1
        else:
            i += 1
    return Overlap(len(chars), sum(marked), longest, text)


# ---- text compared with the report (both languages; as the originality test always did) ----------
# Proper names that the report also spells out and that any text about these subjects must repeat
# verbatim. Only names go here, never prose: each entry is removed from the content before the
# comparison. Keep the list short and explicit.
ALLOWED_NAMES = (
    "Conference on Neural Information Processing Systems",            # the conference's full name
    "International Conference on Learning Representations",           # ICLR's full name
    "Diversifying Vulnerabilities for Enhanced Robust Generation of Ensembles",  # DVERGE's expansion
)
NAME_LIST_RE = re.compile(r"(?:[\u4e00-\u9fff]{2,3}[、，,和]){3,}[\u4e00-\u9fff]{2,3}")
KEYWORD_LINE_RE = re.compile(r"^\s*[-*]\s+.{1,40}$", re.MULTILINE)
QUOTE_RE = re.compile(r"(原报告|报告)(写作|写成|印作|称)[^。]*。")   # quotations inside editor's notes


def official_titles() -> list[str]:
    """Paper titles are facts: the official list's titles may appear verbatim."""
    path = DATA / "accepted-papers.json"
    if not path.is_file():
        return []
    return sorted((r["title"] for r in json.loads(path.read_text(encoding="utf-8"))), key=len, reverse=True)


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


def report_comparable(text: str, titles: list[str]) -> str:
    """A content file's text as compared with the report."""
    body = text.split("\n---", 1)[-1]
    body = EDITOR_NOTE_RE.sub("\n", body)          # editor's notes quote what the report printed
    body = QUOTE_RE.sub("", body)
    return strip_facts(body, titles)


def latin_report_run(text: str, fingerprint: Fingerprint) -> str:
    """The first run of MAX_LATIN_RUN words shared with the report's English text, or ''."""
    words = latin_words(text)
    for i in range(len(words) - MAX_LATIN_RUN + 1):
        run = words[i:i + MAX_LATIN_RUN]
        if fingerprint.has_words(run):
            return " ".join(run)
    return ""


# ---- one page's figures --------------------------------------------------------------------------
@dataclass
class PageFigures:
    path: Path
    reference: str              # "abstract", "report" or "none: <why>"
    overlap: Overlap | None
    failures: list[str]


def abstract_references(record: dict, cut: list[str]) -> list[list[str]]:
    texts = [record["abstract"], *record.get("variants", [])] if record.get("abstract") else []
    return [tokens(prose(t), cut) for t in texts]


def english_figures(path: Path, abstracts: dict) -> PageFigures:
    head, body = split_page(path)
    record = abstracts.get(slug_of(path))
    if not record or not record.get("abstract"):
        why = record.get("note", "") if record else "no record in content/data/abstracts.json"
        return PageFigures(path, f"none: {why}", None, [])
    cut = [head.get("title", ""), record["title"], *ALLOWED_NAMES]
    ov = word_overlap(tokens(prose(body), cut), abstract_references(record, cut))
    failures = []
    if ov.longest > MAX_ABSTRACT_RUN:
        failures.append(f"a run of {ov.longest} words is shared with the abstract "
                        f"(at most {MAX_ABSTRACT_RUN}): \"{ov.longest_text}\"")
    if ov.share > MAX_SHARED_SHARE:
        failures.append(f"{ov.share:.0%} of its {ov.words} words lie in runs of {SHARED_RUN}+ words "
                        f"shared with the abstract (at most {MAX_SHARED_SHARE:.0%})")
    return PageFigures(path, "abstract", ov, failures)


def chinese_figures(path: Path, fingerprint: Fingerprint, titles: list[str]) -> PageFigures:
    text = report_comparable(path.read_text(encoding="utf-8"), titles)
    ov = cjk_overlap(cjk_text(text), fingerprint)
    failures = []
    if ov.longest >= MAX_CJK_RUN:
        failures.append(f"{ov.longest}+ characters shared with the report (under {MAX_CJK_RUN}): "
                        f"{ov.longest_text}")
    if ov.share > MAX_SHARED_SHARE:
        failures.append(f"{ov.share:.0%} of its {ov.words} characters lie in runs of {CJK_SHARED_RUN}+ "
                        f"characters shared with the report (at most {MAX_SHARED_SHARE:.0%})")
    return PageFigures(path, "report", ov, failures)
