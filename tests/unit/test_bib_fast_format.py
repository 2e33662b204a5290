"""bib/fast_format: the direct formatter gives pybtex's HTML byte for byte, whenever it answers, and it
answers for plain entries (so the build actually uses it)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st
from pybtex.database import Entry, Person, parse_string
from pybtex.richtext import Text

from neurips_report.bib import fast_format
from neurips_report.bib.bibliography import Bibliography, _html_backend
from neurips_report.bib.database import load_bib
from neurips_report.bib.fast_format import format_html, rich
from neurips_report.bib.styles import ChineseStyle, EnglishStyle, style_for
from neurips_report.core import cache
from neurips_report.model.problems import Problems

from conftest import synthetic_bibtex

ROOT = Path(__file__).resolve().parents[2]
LANGS = ("en", "zh", "fr")           # fr: no style of its own, the English one
STYLES = {lang: style_for(lang) for lang in LANGS}


def pybtex_html(style, label, entry):
    """What the build gave before fast_format (None where pybtex raises)."""
    try:
        return style.format_entry(label, entry).text.render(_html_backend())
    except Exception:
        return None


def check(style, label, entry) -> bool:
    """fast == pybtex whenever fast answers; True when it answered."""
    fast = format_html(style, label, entry)
    if fast is not None:
        assert fast == pybtex_html(style, label, entry), (entry, label)
    return fast is not None


def check_bib(path: Path) -> tuple[int, int]:
    """(answered, total) over every entry of a .bib file in every language, with the build's labels."""
    bibliography = Bibliography(load_bib(path, Problems(path.parent)))
    assert bibliography.entries
    answered = total = 0
    for lang in LANGS:
        for key in bibliography.order:
            answered += check(STYLES[lang], bibliography.labels[key], bibliography.entries[key])
            total += 1
    return answered, total


@pytest.mark.parametrize("path", [ROOT / "content" / "references.bib",
                                  *sorted((ROOT / "tests" / "sites").glob("*/content/references.bib"))],
                         ids=lambda path: path.parts[-3])
def test_identical_on_the_sites_bibliographies(path):
    answered, total = check_bib(path)
    assert answered >= 0.9 * total          # the real one has a title with $math$: pybtex formats it


def test_identical_and_answered_on_a_synthetic_bibliography(tmp_path):
    path = tmp_path / "references.bib"
    path.write_text(synthetic_bibtex(120), encoding="utf-8")
    answered, total = check_bib(path)
    assert answered == total == 3 * 120


# -- hand-picked cases -------------------------------------------------------------------------------

CASES = r"""
@inproceedings{tactile, title={Tactile Grasping Without Vision},
  author={Nguyễn, Thị Hoa and Müller, Jürgen and Ashworth, Zoë},
  booktitle={Proceedings of the Symposium on Learning Systems}, year={2031}, pages={25--36},
  url={https://sls.example.org/2031/papers/tactile-grasping?a=1&b=2}}
@article{growth, title={How Learning Conferences Grow}, author={Okafor, Chidi and van der Berg, Pieter},
  journal={Journal of Fictional Meta-Science}, volume={7}, number={2}, pages={101--117}, year={2030},
  doi={10.0000/jfms.2030.7.2.101}}
@article{bare, title={Bare}, author={de Silva, Ana and di Lu, Bo and van den Bosch, Ed and von der Leyen, Uschi},
  journal={J}, year={2030}}
@article{empties, title={}, author={A, B}, journal={}, volume={}, number={}, pages={}, year={2030}}
@book{equite, title={Apprentissage et {É}quité}, author={Lefèvre, François}, publisher={Éditions Imaginaires}, year={2029}}
@book{nopub, title={{BERT} and {GPT}}, editor={Roe, Richard and Doe, Jane}, year={2029}}
@inproceedings{many, title={Many Hands}, author={Alpha, Ann and Beta, Bo and Gamma, Cy and Delta, Di and Łukasiewicz, Jan-Marek},
  booktitle={Proc. Crowds}, year={2031}}
@article{cjk, title={中文标题}, author={王, 小明 and 李, 华 and 张, 三 and 赵, 四}, journal={计算机学报}, volume={4}, pages={1--9}, year={2031}}
@misc{blog, title={A Blog Post: ``Quotes'' \& <tags>}, author={Lin, Hsuan-Tien}, howpublished={Conference blog}, year={2031}, url={https://x.example/f}}
@misc{amp, title={Rock & Roll <b>"Loud"</b> 'n' more---really}, author={O'Neil, Shaquille and Smith, Jr., John}, note={x~y}, year={2031}}
@unpublished{draft, title={A Draft}, author={Roe, Richard}, note={Manuscript}, year={2031}}
@techreport{tr, title={A {Nested {Protected}} {}{Title}{}{x}}, author={{World Health Organization}}, year={2031}, url={}, doi={10.1/x}}
@online{web, title={Web}, author={Plato}, howpublished={}, year={2031}}
@phdthesis{phd, title={Thesis}, author={Curie, Marie Skłodowska}, year={1903}}
@incollection{coll, title={Chapter}, author={Doe, J.-P. and Ng, A. Y.}, booktitle={Book}, year={2031}}
@inbook{inbook, title={Part Two}, author={van Rossum, Guido and Ng, A. Y.}, publisher={Press}, chapter={2}, year={2031}}
@mastersthesis{msc, title={A Thesis -- Short}, author={Pérez, José}, school={Uni}, howpublished={Online}, year={2031}}
@manual{manual, title={The {GPU} Manual}, author={{Example Corp.}}, note={Version 2}, year={2031}}
@proceedings{procs, title={Proceedings of Things}, editor={Roe, Richard and 王, 五}, publisher={Pub}, year={2031}}
@booklet{booklet, title={Leaflet}, author={Doe, Jane}, howpublished={Handed out}, year={2031}}
@conference{conf, title={Old Style}, author={Doe, Jane}, booktitle={Meeting}, pages={1--2}, year={2031}}
@dataset{data, title={Data}, author={Doe, Jane}, howpublished={Zenodo}, url={https://example.org/d}, year={2031}}
@inproceedings{math, title={Training with $L_2$ regularization}, author={Lewkowycz, Aitor}, booktitle={NeurIPS}, year={2020}}
@inproceedings{accent, title={Caf\'e}, author={Erd\H{o}s, Paul}, booktitle={NeurIPS}, year={2020}}
@misc{noauthor, title={Anonymous}, year={2031}}
@misc{xref, title={Child}, author={Kid, A}, crossref={parent}, year={2031}}
"""


CASES_KEYS = [line.split("{")[1].split(",")[0] for line in CASES.splitlines() if line.startswith("@")]


@pytest.fixture(scope="module")
def cases():
    return parse_string(CASES, "bibtex").entries


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("label", ["2031", "2031b", "n.d.", "<&>"])
def test_identical_on_hand_picked_entries(cases, lang, label):
    answered = {key for key, entry in cases.items() if check(STYLES[lang], label, entry)}
    assert answered == set(cases) - {"math", "accent", "blog", "xref"}     # $ \' \H \& crossref


def test_refuses_what_it_does_not_interpret(cases):
    style = STYLES["en"]
    assert format_html(style, "2020", cases["math"]) is None
    assert format_html(style, "2020", cases["accent"]) is None      # \'e and \H{o}
    assert format_html(style, "2031", cases["xref"]) is None
    missing = Entry("article", fields={"title": "No journal"}, persons={"author": [Person("Doe, J")]})
    assert format_html(style, "2031", missing) is None             # pybtex raises: let it
    unbalanced = Entry("misc", fields={"title": "Open {brace"}, persons={"author": [Person("Doe, J")]})
    assert format_html(style, "2031", unbalanced) is None

    class Custom(EnglishStyle):
        pass

    assert format_html(Custom(), "2031", cases["draft"]) is None


def test_rich_text():
    assert rich("a < b & c") == ("a &lt; b &amp; c", 9)
    assert rich("1--2 a---b ``q'' ~") == ("1\u20132 a\u2014b \u201cq\u201d \u00a0", 13)
    assert rich("{A}{B} {{}}c{}") == ('<span class="bibtex-protected">AB</span> c', 4)
    for latex in ("----", ",,,", "?``!`", "a''b'", "-{-}", "{a{b}}{{c}d}e ", "x~~y", "\"'<>&"):
        text = Text.from_latex(latex)
        assert rich(latex) == (text.render(_html_backend()), len(text)), latex
    for latex in (r"\emph{x}", "$x$", "50%", "#1", "a\tb", " a", "a  b", "a}", "{a", "a\u00a0b"):
        assert rich(latex) is None, latex


def test_mirrors_the_installed_styles():
    """fast_format answers only for the styles.py, names.py, pybtex and latexcodec it was checked against."""
    assert fast_format.mirrored() == fast_format.MIRRORED, (
        "styles.py, names.py, pybtex or latexcodec changed: make fast_format mirror them (this file's other "
        f"tests compare the two), then set fast_format.MIRRORED = {fast_format.mirrored()!r}")


def test_steps_aside_when_the_styles_change(cases, monkeypatch):
    assert format_html(STYLES["en"], "2031", cases["draft"]) is not None
    monkeypatch.setattr(fast_format, "MIRRORED", "something else")
    assert format_html(STYLES["en"], "2031", cases["draft"]) is None


def test_a_changed_formatter_is_a_new_cache_version():
    """Cached reference HTML is keyed by the package's code version, which covers this module."""
    assert Path(fast_format.__file__).resolve() in set(cache.PACKAGE.rglob("*.py"))


def test_prepare_uses_the_fast_path_with_the_same_result(monkeypatch):
    """Bibliography.prepare gives pybtex's HTML for every entry, answered by fast_format or not."""
    from neurips_report.bib import bibliography as module
    source = type("Source", (), {"data": parse_string(CASES, "bibtex"), "sources": {}})()
    answers = []
    monkeypatch.setattr(module, "format_html", lambda *args: answers.append(format_html(*args)) or answers[-1])
    fast = Bibliography(source)
    fast.prepare(LANGS)
    assert len(answers) == 3 * len(CASES_KEYS)
    assert sum(answer is not None for answer in answers) == 3 * (len(CASES_KEYS) - 4)   # all but 4, see above
    monkeypatch.setattr(module, "format_html", lambda *args: None)
    slow = Bibliography(source)
    slow.prepare(LANGS)
    for lang in LANGS:
        assert fast.formatted(lang) == slow.formatted(lang)


# -- generated entries -------------------------------------------------------------------------------

PLAIN = "abcxyzABXYZéüßøłİǅΣω王李明华한アáÅ0129.,:;'\"<>&!?()-/ "
MARKUP = PLAIN + "{}{}~``''--,,"                    # what fast_format interprets: braces, ligatures, ties
WILD = MARKUP + "$%#\\\t\u00a0\u3000"                 # what it leaves to pybtex
# every BibTeX entry type (and biblatex's online, and one no style knows): the styles have templates for some
# and format the others with their misc template, which fast_format must follow
ENTRY_TYPES = ["article", "book", "booklet", "conference", "inbook", "incollection", "inproceedings", "manual",
               "mastersthesis", "misc", "phdthesis", "proceedings", "techreport", "unpublished", "online",
               "dataset"]
TYPES = ENTRY_TYPES
FIELDS = ["title", "booktitle", "journal", "volume", "number", "pages", "publisher", "howpublished", "note"]


def _text(alphabet, min_size=0, max_size=24):
    return st.text(alphabet=alphabet, min_size=min_size, max_size=max_size)


def _plain_text(min_size=0):
    """As the .bib parser leaves field values: no leading, trailing or repeated spaces."""
    return _text(PLAIN, min_size).map(lambda s: " ".join(s.split())).filter(lambda s: len(s) >= min_size)


LIGATURES = st.sampled_from(["--", "---", "``", "''", ",,", "!`", "?`", "~", "-", "`", "'", ",", "!", "?"])
BALANCED = st.recursive(st.one_of(_text(PLAIN, 0, 6), LIGATURES),
                        lambda inner: st.one_of(st.lists(inner, max_size=3).map(lambda xs: "{" + "".join(xs) + "}"),
                                                st.lists(inner, max_size=4).map("".join)),
                        max_leaves=10).map(lambda s: " ".join(s.split()))     # braces nested, as parsed
NAME_WORDS = ["Ana", "Jean-Paul", "Marie-", "J.", "Ó", "Łukasz", "小明", "王", "O'Neil", "<b>", "A&B", "Jr.",
              "III"]
WORD = st.one_of(st.sampled_from(NAME_WORDS), _text(PLAIN.replace(" ", ""), 1, 8))
PART = st.one_of(WORD, st.sampled_from(["{van Dyke}", "x~y", "-", "--", "", "{}"]), BALANCED, _text(MARKUP, 0, 6),
                 _text(WILD, 0, 6))
PAGES = st.from_regex(r"\A[1-9][0-9]{0,3}--[1-9][0-9]{0,3}\Z")
PARTICLE = st.sampled_from(["van", "der", "de", "la", "von", "di", "d'", "van der", "de la"])


@st.composite
def persons(draw, wild: bool):
    """Names parsed by pybtex from 'von Last, Jr, First' strings, or (wild) name parts set directly."""
    if not wild or draw(st.booleans()):
        last = " ".join(draw(st.lists(WORD, min_size=1, max_size=2)))
        firsts = draw(st.lists(WORD, max_size=3))
        von = draw(st.one_of(st.just(""), PARTICLE))
        jr = draw(st.sampled_from(["", "Jr.", "III"]))
        if not firsts and not von and not jr:
            text = last
        else:
            text = f"{von + ' ' if von else ''}{last}{', ' + jr if jr else ''}, {' '.join(firsts)}".strip().rstrip(",")
        try:
            return Person(text)
        except Exception:
            return Person("Fallback, Name")
    person = Person.__new__(Person)
    for part in ("first_names", "middle_names", "prelast_names", "last_names", "lineage_names"):
        setattr(person, part, draw(st.lists(PART, max_size=3)))
    return person


@st.composite
def entries(draw, wild: bool):
    kind = draw(st.sampled_from(TYPES))
    text = st.one_of(_plain_text(), BALANCED, _text(MARKUP), _text(WILD)) if wild else _plain_text()
    fields = {}
    for name in FIELDS:
        required = (name == "title" or (kind == "inproceedings" and name == "booktitle")
                    or (kind == "article" and name == "journal"))
        present = (not wild or draw(st.integers(0, 9)) > 0) if required else draw(st.booleans())
        if present:
            fields[name] = draw(st.one_of(text, PAGES) if name == "pages" else text)
    url = draw(st.sampled_from(["", "https://example.org/p?a=1&b=<2>", "https://x.example/é"]))
    doi = draw(st.sampled_from(["", "10.1000/xyz&1"]))
    if url or draw(st.booleans()):
        fields["url"] = url
    if doi:
        fields["doi"] = doi
    if wild and draw(st.integers(0, 9)) == 0:
        fields["crossref"] = "parent"
    entry = Entry(kind, fields=fields)
    many = st.lists(persons(wild), min_size=0 if wild else 1, max_size=12)
    role = draw(st.sampled_from(["author", "editor", "both", "none"] if wild else ["author", "editor", "both"]))
    if role in ("author", "both"):
        entry.persons["author"] = draw(many)
    if role in ("editor", "both"):
        entry.persons["editor"] = draw(many)
    return entry


LABELS = st.one_of(st.sampled_from(["2031", "2031a", "2031ab", "n.d."]), _text(WILD, 0, 6))
EXAMPLES = int(os.environ.get("FAST_FORMAT_EXAMPLES", "60"))     # a few hundred or thousand, once, locally
SETTINGS = settings(max_examples=EXAMPLES, deadline=None, derandomize="FAST_FORMAT_EXAMPLES" not in os.environ,
                    database=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])


@SETTINGS
@given(entry=entries(wild=True), label=LABELS, lang=st.sampled_from(LANGS))
def test_generated_entries_identical_whenever_answered(entry, label, lang):
    event("answered" if check(STYLES[lang], label, entry) else "left to pybtex")


@SETTINGS
@given(entry=entries(wild=False), label=LABELS, lang=st.sampled_from(LANGS))
def test_generated_plain_entries_are_answered(entry, label, lang):
    assert check(STYLES[lang], label, entry)


def test_styles_covered():
    """The styles whose templates fast_format mirrors; a new style or template falls back to pybtex."""
    assert set(fast_format._TEMPLATES) == {EnglishStyle, ChineseStyle}
    assert {type(style) for style in STYLES.values()} <= set(fast_format._TEMPLATES)


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("kind", ENTRY_TYPES)
def test_every_entry_type_is_answered_and_identical(kind, lang):
    """A plain entry of each type, with every field some template reads, and with only the required ones:
    fast_format answers it with pybtex's HTML (a type with no template of its own follows misc's)."""
    full = Entry(kind, fields={"title": "A {GPU} Title -- Part ``One''", "booktitle": "Proc. Things", "journal": "J. X",
                               "volume": "7", "number": "2", "pages": "1--9", "publisher": "Pub & Co",
                               "howpublished": "Online", "note": "Note~1", "year": "2031",
                               "url": "https://example.org/p?a=1&b=2"},
                 persons={"author": [Person("van der Berg, Jr., Pieter Jan"), Person("王, 小明"), Person("Ó Dálaigh, Cearbhall")]})
    bare = Entry(kind, fields={"title": "T", "booktitle": "B", "journal": "J", "year": "2031"},
                 persons={"editor": [Person("Doe, J.")]})
    for entry in (full, bare):
        for label in ("2031", "2031b"):
            assert check(STYLES[lang], label, entry), (kind, lang, entry)


def test_no_process_wide_patch_of_pybtex():
    """fast_format is called explicitly by Bibliography.prepare; pybtex itself is left as installed."""
    import pybtex.richtext
    from neurips_report.bib import bibliography  # noqa: F401  (imports everything the build does)
    assert Text.from_latex.__func__.__module__ == pybtex.richtext.__name__
    assert Text.__dict__["from_latex"].__func__.__qualname__.startswith(("Text.", "BaseText."))


def test_formatted_references_are_cached_by_content_and_style(tmp_path):
    """The reference cache is keyed by what an entry says (and its label, style and language), not by its
    place in the file: moving entries and adding one reuses the others; a changed entry is formatted anew,
    and the result is what a build without a cache gives."""
    first = r"""
@misc{x, title={Kept}, author={Doe, Jane}, year={2030}}
@misc{y, title={Changed}, author={Roe, Rick}, year={2030}}
@article{z, title={Moved}, author={Poe, Edgar}, journal={J}, year={2029}}
"""
    second = r"""
@article{z, title={Moved}, author={Poe, Edgar}, journal={J}, year={2029}}
@misc{new, title={New}, author={Abe, Al}, year={2031}}
@misc{y, title={Changed, now}, author={Roe, Rick}, year={2030}}
@misc{x, title={Kept}, author={Doe, Jane}, year={2030}}
"""

    def prepared(text, store):
        source = type("Source", (), {"data": parse_string(text, "bibtex"), "sources": {}})()
        bibliography = Bibliography(source, store)
        bibliography.prepare(LANGS)
        return bibliography

    store = cache.Store(tmp_path / "bib.json")
    prepared(first, store)
    store.save()
    store = cache.Store(tmp_path / "bib.json")
    warm = prepared(second, store)
    assert (store.hits, store.misses) == (2 * len(LANGS), 2 * len(LANGS))        # x and z; y and new
    cold = prepared(second, None)
    assert all(warm.formatted(lang) == cold.formatted(lang) for lang in LANGS)
    assert "Changed, now" in warm.formatted("en")["y"]
