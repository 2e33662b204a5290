"""site.yaml and the interface strings in i18n/<lang>.yaml."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from ..model.problems import Problems, did_you_mean
from ..model.content import Language, Site
from ..model.schema import URL_RE
from .yamlfile import Mapping, check_keys, load_mapping, load_yaml

SITE_FIELDS = {"title", "description", "base_url", "languages", "conference", "source", "pdf_from_url",
               "reference_papers", "reference_bib_field", "edition_date"}
LANG_RE_HINT = "list language codes such as [zh, en]; the first is the default"


def load_site(content: Path, problems: Problems) -> Site | None:
    """Read site.yaml and every language's strings; None when unusable."""
    path = content / "site.yaml"
    if not path.is_file():
        problems.error(path, 1, "site.yaml is missing", "every site needs content/site.yaml; see docs/content-format.md")
        return None
    raw = load_mapping(path, problems)
    if raw is None:
        return None
    check_keys(raw, SITE_FIELDS, path, problems)
    codes = raw.get("languages")
    if not isinstance(codes, list) or not codes or not all(isinstance(c, str) for c in codes):
        problems.error(path, raw.lines.get("languages", 1), "'languages' must be a list of language codes", LANG_RE_HINT)
        return None
    if len(set(codes)) != len(codes):
        problems.error(path, raw.lines["languages"], "a language is listed twice in 'languages'")
        return None
    for key in ("title", "description"):
        localized(raw, key, codes, path, problems, required=True)
    rule = raw.get("pdf_from_url")
    if rule is not None and not (isinstance(rule, list) and len(rule) == 2 and all(isinstance(r, str) and r for r in rule)):
        problems.error(path, raw.lines["pdf_from_url"], "'pdf_from_url' must be two texts, [from, to]",
                       'e.g. pdf_from_url: ["-Abstract.html", "-Paper.pdf"]')
    edition = raw.get("edition_date")
    if edition is not None and not isinstance(edition, dt.date):
        problems.error(path, raw.lines["edition_date"], "'edition_date' must be a date, YYYY-MM-DD",
                       "the date printed on the PDF edition, e.g. edition_date: 2026-12-07")
    base_url = raw.get("base_url", "/")
    if not isinstance(base_url, str) or not (base_url.startswith("/") or URL_RE.match(base_url)):
        problems.error(path, raw.lines.get("base_url", 1), "'base_url' must be an http(s) URL or a path starting with '/'")
        base_url = "/"
    conference = raw.get("conference")
    if not isinstance(conference, Mapping):
        problems.error(path, raw.lines.get("conference", 1), "'conference' is missing",
                       "give at least conference: {short: ..., year: ...}")
        conference = Mapping(short="", year=0)
        conference.lines = {}
    else:
        _check_conference(conference, codes, path, problems)
    languages = tuple(load_language(content, code, problems) for code in codes)
    source = raw.get("source") if isinstance(raw.get("source"), Mapping) else {}
    return Site(content.parent, raw.get("title") or {}, raw.get("description") or {},
                base_url.rstrip("/") + "/", languages, conference, source, raw)


def _check_conference(conf: Mapping, codes, path, problems) -> None:
    if not isinstance(conf.get("short"), str):
        problems.error(path, conf.line, "conference 'short' name is missing", "e.g. short: \"ICML 2024\"")
    if isinstance(conf.get("year"), bool) or not isinstance(conf.get("year"), int):
        problems.error(path, conf.lines.get("year", conf.line), "conference 'year' must be a whole number")
    for key in ("start", "end"):
        if key in conf and not isinstance(conf[key], dt.date):
            problems.error(path, conf.lines[key], f"conference '{key}' must be a date written YYYY-MM-DD, not '{conf[key]}'")
    if isinstance(conf.get("start"), dt.date) and isinstance(conf.get("end"), dt.date) and conf["end"] < conf["start"]:
        problems.error(path, conf.lines["end"], "conference 'end' is before its 'start'")
    for key in ("name", "location"):
        if key in conf:
            localized(conf, key, codes, path, problems)


def localized(data: Mapping, key: str, codes, path, problems, required=False) -> dict:
    """A {lang: text} field; problems for missing or unknown languages."""
    value = data.get(key)
    line = data.lines.get(key, getattr(data, "line", 1))
    if value is None:
        if required:
            problems.error(path, line, f"'{key}' is missing", f"give it per language: {key}: {{{codes[0]}: ...}}")
        return {}
    if not isinstance(value, Mapping):
        problems.error(path, line, f"'{key}' must give one text per language",
                       f"write {key}: {{{', '.join(c + ': ...' for c in codes)}}}")
        return {}
    for code in codes:
        if not isinstance(value.get(code), (str, int, float, list)) or value.get(code) in ("", []):
            problems.error(path, line, f"'{key}' has no {code} translation", f"add {code}: ... to '{key}'")
    for code in value:
        if code not in codes:
            problems.error(path, value.lines[code], f"'{key}' has text for unknown language '{code}'",
                           did_you_mean(code, codes) or f"site languages: {', '.join(codes)}")
    return value


def load_language(content: Path, code: str, problems: Problems) -> Language:
    path = content / "i18n" / f"{code}.yaml"
    if not path.is_file():
        problems.error(path, 1, f"interface strings for language '{code}' are missing",
                       f"copy another i18n/*.yaml to i18n/{code}.yaml and translate it")
        return Language(code, code, {})
    strings = load_yaml(path, problems)
    if not isinstance(strings, Mapping):
        if strings is not None:
            problems.error(path, 1, "interface strings must be 'key: text' fields")
        return Language(code, code, {})
    for key in list(strings):
        if not isinstance(key, str) or hasattr(dict, key):
            problems.error(path, strings.lines[key], f"'{key}' cannot be an interface string name",
                           "names are words such as nav_home, and may not clash with built-in names in templates")
            del strings[key]
        elif not isinstance(strings[key], str):
            problems.error(path, strings.lines[key], f"interface string '{key}' must be a text",
                           "write key: text (quote it if it looks like a number, date or list)")
            strings[key] = str(strings[key])
    return Language(code, str(strings.get("language_name", code)), strings)


def check_strings(site: Site, content: Path, problems: Problems) -> None:
    """Every language must translate every interface string of the others."""
    keys = set().union(*(lang.strings.keys() for lang in site.languages))
    for lang in site.languages:
        path = content / "i18n" / f"{lang.code}.yaml"
        if not lang.strings:
            continue
        for key in sorted(keys - set(lang.strings)):
            problems.error(path, 1, f"missing translation of interface string '{key}'",
                           f"add '{key}: ...' to i18n/{lang.code}.yaml")
    first = site.languages[0]
    for lang in site.languages[1:]:
        path = content / "i18n" / f"{lang.code}.yaml"
        for key in sorted(set(first.strings) & set(lang.strings)):
            expected, found = _placeholders(first.strings[key]), _placeholders(lang.strings[key])
            if expected != found:
                problems.error(path, getattr(lang.strings, "lines", {}).get(key, 1),
                               f"interface string '{key}' has the placeholders {found or 'none'}, "
                               f"but the {first.code} version has {expected or 'none'}",
                               "keep every {name} and %s of the other languages; only translate the words around them")


def _placeholders(text: str) -> str:
    return " ".join(sorted(re.findall(r"\{\w*\}|%[sd]", text)))
