"""The files a reader downloads beside the pages: the whole bibliography and each paper's citation, in
BibTeX, RIS and CSL-JSON (the RIS and CSL-JSON made by bib/exports.py)."""

from __future__ import annotations

from ..model.urls import Urls

FORMATS = ("bib", "ris", "json")      # BibTeX as written in references.bib, RIS, CSL-JSON


def cited_papers(content, bibliography) -> list[tuple[str, str]]:
    """(paper slug, BibTeX key) of every paper whose key is in the bibliography, by slug."""
    return [(paper.slug, paper.bib) for paper in content.kind("papers") if paper.bib and paper.bib in bibliography]


def citation_files(content, bibliography, exports: bool = True) -> dict[str, bytes]:
    """Output path -> bytes: references.bib as written, and unless `exports` is false references.{ris,json}
    and cite/<paper>.{bib,ris,json}."""
    files: dict[str, bytes] = {}
    bib_path = content.site.root / "content" / "references.bib"
    if not bib_path.is_file():
        return files
    files[Urls.bibliography_file("bib")] = bib_path.read_bytes()
    if not exports:
        return files
    for ext, text in bibliography.exports(bibliography.order).items():
        files[Urls.bibliography_file(ext)] = text.encode("utf-8")
    for slug, key in cited_papers(content, bibliography):
        files[Urls.citation(slug, "bib")] = (bibliography.bibtex(key) + "\n").encode("utf-8")
        for ext, text in bibliography.exports([key]).items():
            files[Urls.citation(slug, ext)] = text.encode("utf-8")
    return files


def exported(rel: str) -> bool:
    """Whether an output file is one of the exports citation_files makes only when asked."""
    return rel.startswith("cite/") or rel in (Urls.bibliography_file("ris"), Urls.bibliography_file("json"))


def touched(changed) -> bool:
    """Whether a change may alter the exports: a BibTeX entry, a paper, or the list of pages."""
    return any(token[0] in ("bib", "papers", "pages") for token in changed)
