"""The kinds of entry and the types of paper, named once: every other module reads them from here."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Kind:
    folder: str      # content/<folder>/, the key of Content.entries and of dependency tokens: "papers"
    name: str        # one entry of it: links (paper:slug), `new paper`, the interface string kind_paper
    url_dir: str     # where its pages go under /<lang>/ ("" for sections, which sit at the top)


KINDS = (                                       # in the order entries are loaded
    Kind("sections", "section", ""),
    Kind("talks", "talk", "talks/"),
    Kind("tracks", "track", "tracks/"),
    Kind("papers", "paper", "papers/"),
)
BY_FOLDER = {kind.folder: kind for kind in KINDS}
BY_NAME = {kind.name: kind for kind in KINDS}
BY_URL_DIR = {kind.url_dir.rstrip("/"): kind for kind in KINDS if kind.url_dir}   # "papers" -> the papers

PAPER_TYPES = ("oral", "spotlight", "poster")   # how a paper was presented, in the order listings show them
