"""Recording cannot be bypassed: while a page or a body is being made (inside core.recording.recording()),
the model, its entries and the bibliography are read only through the recorded views of
site/recorded.py. A read that goes around them would record nothing, and serve would keep a stale page
with no error; here it fails the build of the real site, cold and through rebuilds after edits of every
kind. (site.yaml is read directly: a change to it makes the next run a cold one.)"""

from __future__ import annotations

import shutil
import sys

import pytest

from conftest import ROOT, copy_site
from neurips_report.bib.bibliography import Bibliography
from neurips_report.core import recording
from neurips_report.engine.pipeline import Options
from neurips_report.engine.session import SiteSession
from neurips_report.model.content import Content, Entry

VIEWS = "neurips_report.site.recorded"
RAW = ((Content, {"site"}), (Entry, set()), (Bibliography, set()))


@pytest.fixture
def raw_reads(monkeypatch):
    """Every read of the raw model made while recording, outside the views: (class, attribute, module, line)."""
    found: list = []
    for cls, allowed in RAW:
        original = cls.__getattribute__

        def read(self, name, _original=original, _cls=cls, _allowed=allowed):
            if recording._stack and name not in _allowed and not name.startswith("__"):
                caller = sys._getframe(1)
                module = caller.f_globals.get("__name__")
                if module not in (VIEWS, _cls.__module__):
                    found.append((_cls.__name__, name, module, caller.f_lineno))
            return _original(self, name)

        monkeypatch.setattr(cls, "__getattribute__", read)
    monkeypatch.setattr("neurips_report.core.workers.can_fork", lambda: False)   # reads in workers count too
    return found


def _edit(path, old, new):
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_pages_and_bodies_read_the_model_only_through_recorded_views(tmp_path, raw_reads):
    root = copy_site("real", tmp_path, warm=False)
    for name in ("templates", "static"):                      # its own theme, so that it can be edited
        shutil.copytree(ROOT / name, root / name)
    session = SiteSession(Options(root, tmp_path / "out", base_url="/", search=False))
    session.full()
    assert raw_reads == []
    content = root / "content"
    edits = [
        (content / "papers" / "glow-tts.en.md", "\n---\n", "\n---\nAn edited first sentence. "),
        (content / "references.bib", "{Reviewing is Underway!}", "{Reviewing Is Underway!}"),
        (content / "i18n" / "en.yaml", "nav_papers: Papers", "nav_papers: All papers"),
        (content / "statistics.yaml", "# NeurIPS statistics", "# The NeurIPS statistics"),
        (content / "corrections.yaml", "# Corrections", "# The corrections"),
        (root / "templates" / "partials" / "credit.html", "<", "<!-- edited -->\n<"),
    ]
    for path, old, new in edits:
        _edit(path, old, new)
        session.rebuild()
        assert raw_reads == [], f"after editing {path.name}"


def test_the_guard_sees_a_read_around_the_views(tmp_path, raw_reads):
    root = copy_site("minimal", tmp_path, warm=False)
    session = SiteSession(Options(root, tmp_path / "out", base_url="/", search=False))
    session.full()
    with recording.recording():
        session.state.loaded.content.entries                    # what a context made by hand might do
    assert raw_reads and raw_reads[0][:2] == ("Content", "entries")
