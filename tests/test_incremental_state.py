"""Proof that nothing a rebuild skips is ever stale: random sequences of editor actions, applied to
a site, and after every step the output of `serve`'s session (SiteSession.rebuild) and of a warm
`build` (cache and previous output kept) are compared, file by file, with a cold build of the same
sources — pages, feeds, sitemap, assets and the search index.

A few examples in the default run; `--run-slow` runs hundreds."""

from __future__ import annotations

import re
import shutil
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, Phase, settings, strategies as st
from hypothesis.stateful import Bundle, RuleBasedStateMachine, consumes, invariant, precondition, rule

from conftest import ROOT, copy_site, tree_digest
from neurips_report.engine.session import SiteSession
from neurips_report.engine.pipeline import Options, build

WORDS = st.sampled_from(["alpha", "beta", "gamma", "delta", "kappa", "sigma", "omega", "zeta"])


def _edit(path: Path, pattern: str, replacement: str) -> None:
    text = path.read_text(encoding="utf-8")
    new, count = re.subn(pattern, replacement, text, count=1, flags=re.M)
    assert count == 1, (path, pattern)
    path.write_text(new, encoding="utf-8")


def _append(path: Path, text: str) -> None:
    path.write_text(path.read_text(encoding="utf-8") + text, encoding="utf-8")


class EditorActions(RuleBasedStateMachine):
    """An editor working on the minimal fixture site (with its own copy of the theme)."""

    papers = Bundle("papers")

    def __init__(self):
        super().__init__()
        self.tmp = Path(tempfile.mkdtemp(prefix="nr-state-"))
        self.root = copy_site("minimal", self.tmp)
        shutil.copytree(ROOT / "templates", self.root / "templates")
        shutil.copytree(ROOT / "static", self.root / "static")
        self.content = self.root / "content"
        self.tracks = ["vision"]
        self.counter = 0
        self.session = SiteSession(self._options("served", cache_dir=self.tmp / "serve-cache"))
        self.session.full()
        build(self._options("warm", cache_dir=self.tmp / "warm-cache"))

    def _options(self, out: str, **kwargs) -> Options:
        return Options(self.root, self.tmp / out, base_url="/", search=True, **kwargs)

    def teardown(self):
        shutil.rmtree(self.tmp, ignore_errors=True)

    def _new_name(self, stem: str) -> str:
        self.counter += 1
        return f"{stem}-{self.counter}"

    # -- papers -------------------------------------------------------------------------------------
    @rule(target=papers)
    def start(self):
        return "tiny-model"

    @rule(target=papers, track=st.integers(0, 5), word=WORDS)
    def add_paper(self, track, word):
        slug = self._new_name("paper")
        key = slug.replace("-", "") + "key"
        _append(self.content / "references.bib",
                f"\n@misc{{{key},\n  title = {{On {word.title()} {self.counter}}},\n  author = {{Poe, Edgar}},\n"
                f"  year = {{2031}}\n}}\n")
        for lang in ("en", "zh"):
            (self.content / "papers" / f"{slug}.{lang}.md").write_text(
                f"---\ntitle: \"On {word.title()} {self.counter}\"\nauthors: [Edgar Poe]\ntype: poster\n"
                f"track: {self.tracks[track % len(self.tracks)]}\nbib: {key}\n---\n"
                f"A paper about {word} [@{key}].\n", encoding="utf-8")
        return slug

    @rule(slug=consumes(papers))
    def delete_paper(self, slug):
        if slug == "tiny-model":
            return                                   # the sections link to it
        for path in (self.content / "papers").glob(f"{slug}.*.md"):
            path.unlink()

    @rule(target=papers, slug=consumes(papers))
    def rename_paper(self, slug):
        if slug == "tiny-model":
            return slug
        new = self._new_name("renamed")
        for path in sorted((self.content / "papers").glob(f"{slug}.*.md")):
            path.rename(path.with_name(path.name.replace(slug, new, 1)))
        return new

    @rule(slug=papers, lang=st.sampled_from(["en", "zh"]), word=WORDS, inside=st.booleans())
    def edit_body(self, slug, lang, word, inside):
        path = self.content / "papers" / f"{slug}.{lang}.md"
        if inside:                                   # the excerpt is the body's beginning
            _edit(path, r"^---\n(?![\s\S]*^---\n)", f"---\n{word.title()} first. ")
        else:
            _append(path, f"\n{' '.join([word] * 80)}.\n")

    @rule(slug=papers, kind=st.sampled_from(["oral", "spotlight", "poster"]))
    def change_type(self, slug, kind):
        for lang in ("en", "zh"):
            _edit(self.content / "papers" / f"{slug}.{lang}.md", r"^type: .*$", f"type: {kind}")

    @rule(slug=papers, word=WORDS)
    def change_authors(self, slug, word):
        for lang in ("en", "zh"):
            _edit(self.content / "papers" / f"{slug}.{lang}.md", r"^authors: \[", f"authors: [{word.title()} Ames, ")

    @rule(slug=papers, track=st.integers(0, 5))
    def move_track(self, slug, track):
        for lang in ("en", "zh"):
            _edit(self.content / "papers" / f"{slug}.{lang}.md", r"^track: .*$",
                  f"track: {self.tracks[track % len(self.tracks)]}")

    # -- tracks, sections, talks -------------------------------------------------------------------------
    @precondition(lambda self: len(self.tracks) < 3)
    @rule(word=WORDS)
    def add_track(self, word):
        slug = self._new_name("track")
        for lang in ("en", "zh"):
            (self.content / "tracks" / f"{slug}.{lang}.md").write_text(
                f"---\ntitle: {word.title()} track\nnumber: {len(self.tracks) + 1}\n---\nPapers on {word}.\n",
                encoding="utf-8")
        self.tracks.append(slug)

    @rule(word=WORDS, lang=st.sampled_from(["en", "zh"]))
    def retitle_section(self, word, lang):
        _edit(self.content / "sections" / f"overview.{lang}.md", r"^title: .*$", f"title: Overview of {word}")

    @rule(word=WORDS)
    def edit_talk(self, word):
        for lang in ("en", "zh"):
            _edit(self.content / "talks" / f"keynote.{lang}.md", r"^speaker: .*$", f"speaker: Grace {word.title()}")

    # -- other sources ---------------------------------------------------------------------------------
    @rule(word=WORDS)
    def edit_bib_entry(self, word):
        _edit(self.content / "references.bib", r"title     = \{Small Models[^}]*\}", f"title     = {{Small Models of {word}}}")

    @rule(word=WORDS, lang=st.sampled_from(["en", "zh"]))
    def edit_i18n(self, word, lang):
        _edit(self.content / "i18n" / f"{lang}.yaml", r"^nav_home: .*$", f"nav_home: Home {word}")

    @rule(count=st.integers(1, 9))
    def edit_statistics(self, count):
        _edit(self.content / "statistics.yaml", r"submitted: \d+", f"submitted: {count + 1}")

    @rule(word=WORDS, partial=st.sampled_from(["templates/partials/credit.html", "templates/base.html",
                                              "templates/partials/breadcrumbs.html"]))
    def edit_template(self, word, partial):
        _append(self.root / partial, f"<!-- {word} -->\n")

    @rule(word=WORDS)
    def edit_static(self, word):
        _append(self.root / "static" / "style.css", f"/* {word} */\n")

    # -- the proof -------------------------------------------------------------------------------------
    @invariant()
    def every_output_equals_a_cold_build(self):
        cold = self.tmp / "cold"
        build(self._options("cold", cache=False))
        expected = tree_digest(cold)
        if self.session.rebuild().rendered:
            self.session.reindex()                      # as serve does after a rebuild
        build(self._options("warm", cache_dir=self.tmp / "warm-cache"))
        for name in ("served", "warm"):
            got = tree_digest(self.tmp / name)
            wrong = sorted(k for k in set(got) | set(expected) if got.get(k) != expected.get(k))
            assert not wrong, f"{name} differs from a cold build in {wrong[:10]}"
        shutil.rmtree(cold)


# the default run: a few short sequences, not shrunk (shrinking rebuilds the site hundreds of times;
# a failure prints its steps all the same, and the marathon shrinks)
EditorActions.TestCase.settings = settings(max_examples=2, stateful_step_count=5, deadline=None,
                                           phases=[Phase.explicit, Phase.reuse, Phase.generate],
                                           suppress_health_check=list(HealthCheck))
test_incremental_equals_cold = EditorActions.TestCase


@pytest.mark.slow
def test_incremental_equals_cold_marathon():
    runner = EditorActions.TestCase("runTest")
    runner.settings = settings(max_examples=300, stateful_step_count=12, deadline=None,
                               suppress_health_check=list(HealthCheck))
    runner.runTest()
