"""Reference-manager exports of the bibliography: CSL-JSON (pandoc, Quarto, citeproc) and RIS (Zotero,
EndNote, Mendeley), one record per BibTeX entry. A CSL-JSON item is made from the pybtex entry; the RIS
record is made from that item and written by rispy."""

from __future__ import annotations

import html
import json
import re
from functools import lru_cache

import rispy
from pybtex.richtext import Text

from .entry import people
from .fast_format import rich

# BibTeX entry type -> (CSL type, RIS type)
TYPES = {
    "inproceedings": ("paper-conference", "CPAPER"),
    "conference": ("paper-conference", "CPAPER"),
    "article": ("article-journal", "JOUR"),
    "book": ("book", "BOOK"),
    "incollection": ("chapter", "CHAP"),
    "inbook": ("chapter", "CHAP"),
    "phdthesis": ("thesis", "THES"),
    "mastersthesis": ("thesis", "THES"),
    "techreport": ("report", "RPRT"),
    "misc": ("document", "GEN"),
}
DEFAULT_TYPE = ("document", "GEN")
SPACE_RE = re.compile(r"\s+")
TAG_RE = re.compile(r"<[^>]+>")
PAGES_RE = re.compile(r"^\s*([^-\s–—]+)\s*(?:-+|–|—)\s*([^-\s–—]+)\s*$")


@lru_cache(maxsize=65536)
def plain(latex: str) -> str:
    """BibTeX field text as a reader sees it: LaTeX accents decoded, braces dropped, whitespace single.
    pybtex's Text.from_latex, through fast_format.rich where that reproduces it (a hundred times faster)."""
    fast = rich(latex)
    if fast is not None:
        text = html.unescape(TAG_RE.sub("", fast[0]))
    else:
        try:
            text = Text.from_latex(latex).render_as("text")
        except Exception:        # pybtex refuses some malformed LaTeX: keep the text as written
            text = latex.replace("{", "").replace("}", "")
    return SPACE_RE.sub(" ", text).strip()


def _name(person) -> dict:
    name = {"family": plain(" ".join(person.last_names))}
    given = plain(" ".join(person.first_names + person.middle_names))
    if given:
        name["given"] = given
    particle = plain(" ".join(person.prelast_names))
    if particle:
        name["non-dropping-particle"] = particle
    suffix = plain(" ".join(person.lineage_names))
    if suffix:
        name["suffix"] = suffix
    return name


def csl_item(key: str, entry) -> dict:
    """One CSL-JSON item (valid against the official csl-data.json schema)."""
    fields = entry.fields
    csl_type = TYPES.get(entry.type.lower(), DEFAULT_TYPE)[0]
    item: dict = {"id": key, "type": csl_type}
    role = "author" if entry.persons.get("author") else "editor"
    names = [_name(p) for p in people(entry)]
    if names:
        item[role] = names
    for field, variable in (("title", "title"), ("booktitle", "container-title"), ("journal", "container-title"),
                            ("volume", "volume"), ("number", "issue"), ("publisher", "publisher"),
                            ("address", "publisher-place"), ("howpublished", "note"), ("doi", "DOI"),
                            ("url", "URL")):
        value = fields.get(field)
        if value and variable not in item:
            item[variable] = value.strip() if variable in ("DOI", "URL") else plain(value)
    pages = fields.get("pages")
    if pages:
        match = PAGES_RE.match(pages)
        item["page"] = f"{match[1]}-{match[2]}" if match else plain(pages)
    year = plain(fields.get("year", ""))
    if year.isdigit():
        item["issued"] = {"date-parts": [[int(year)]]}
    elif year:
        item["issued"] = {"literal": year}
    return item


def ris_record(item: dict) -> dict:
    """The rispy record of a CSL-JSON item."""
    ris_type = next((ris for csl, ris in TYPES.values() if csl == item["type"]), DEFAULT_TYPE[1])
    record: dict = {"type_of_reference": ris_type, "id": item["id"]}
    if "title" in item:
        record["title"] = item["title"]
    names = item.get("author") or item.get("editor") or []
    if names:
        record["authors" if "author" in item else "secondary_authors"] = [_ris_name(n) for n in names]
    issued = item.get("issued", {})
    if "date-parts" in issued:
        record["year"] = str(issued["date-parts"][0][0])
    elif "literal" in issued:
        record["year"] = issued["literal"]
    if "container-title" in item:
        record["journal_name" if ris_type == "JOUR" else "secondary_title"] = item["container-title"]
    if "page" in item:
        first, _, last = item["page"].partition("-")
        record["start_page"] = first
        if last:
            record["end_page"] = last
    for variable, field in (("volume", "volume"), ("issue", "number"), ("publisher", "publisher"),
                            ("publisher-place", "place_published"), ("DOI", "doi"), ("note", "notes")):
        if variable in item:
            record[field] = [item[variable]] if field == "notes" else item[variable]
    if "URL" in item:
        record["urls"] = [item["URL"]]
    return record


def _ris_name(name: dict) -> str:
    family = " ".join(part for part in (name.get("non-dropping-particle"), name["family"]) if part)
    rest = [part for part in (name.get("given"), name.get("suffix")) if part]
    return ", ".join([family] + rest)


def csl_json(items: list[dict]) -> str:
    """A CSL-JSON file (an array of items), deterministic and readable."""
    return json.dumps(items, ensure_ascii=False, indent=2) + "\n"


class _RisWriter(rispy.RisWriter):
    """rispy's writer without its record counter lines ('1.'), which are no RIS tags."""

    def set_header(self, count: int) -> str:
        return ""


def ris(items: list[dict]) -> str:
    """An RIS file of these items, written by rispy."""
    return rispy.dumps([ris_record(item) for item in items], implementation=_RisWriter)
