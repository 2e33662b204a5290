"""`init`: write a new report that builds at once, from the starter files in starter/ and the bundled
interface strings (English and Chinese are complete; another language starts from English)."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

import jinja2
import yaml

from .. import __version__
from ..theme.folders import bundled_i18n

STARTER = Path(__file__).resolve().parent / "starter"
TRANSLATED = ("en", "zh")
LANG_CODE_RE = re.compile(r"^[a-z]{2,3}(?:-[A-Za-z0-9]+)?$")


class InitFailed(Exception):
    """Nothing was written; the message says why."""


@dataclass(frozen=True)
class Settings:
    conference: str            # e.g. ICLR
    year: int
    languages: tuple[str, ...]
    base_url: str

    @property
    def short(self) -> str:
        return f"{self.conference} {self.year}"


def parse_languages(text: str) -> tuple[str, ...]:
    codes = tuple(c.strip() for c in text.split(",") if c.strip())
    bad = [c for c in codes if not LANG_CODE_RE.match(c)]
    if not codes or bad or len(set(codes)) != len(codes):
        raise InitFailed(f"languages '{text}': give distinct language codes separated by commas, e.g. en,zh")
    return codes


def planned_files(settings: Settings) -> dict[str, str]:
    """site-relative path -> text of every file the new site gets."""
    texts = yaml.safe_load((STARTER / "texts.yaml").read_text(encoding="utf-8"))
    words = {lang: {k: v.format(short=settings.short) for k, v in texts.get(lang, texts["en"]).items()}
             for lang in settings.languages}
    env = jinja2.Environment(keep_trailing_newline=True, undefined=jinja2.StrictUndefined, autoescape=False)
    env.filters["q"] = lambda text: json.dumps(str(text).strip(), ensure_ascii=False)   # a YAML double-quoted text
    common = {"langs": settings.languages, "t": words, "short": settings.short, "year": settings.year,
              "base_url": settings.base_url, "version": __version__,
              "speaker": texts["en"]["talk_speaker"]}   # language-neutral fields are the same in every version
    files: dict[str, str] = {}
    root = STARTER / "files"
    for path in sorted(p for p in root.rglob("*") if p.is_file()):
        rel = path.relative_to(root).as_posix()
        template = env.from_string(path.read_text(encoding="utf-8"))
        if ".LANG." in rel:
            for lang in settings.languages:
                files[rel.replace(".LANG.", f".{lang}.")] = template.render(common, t=words[lang], lang=lang)
        else:
            files[rel] = template.render(common)
    for lang in settings.languages:
        files[f"content/i18n/{lang}.yaml"] = _strings(lang)
    return dict(sorted(files.items()))


# the bundled footer claims what the first site did (an edition checked against the official list, with
# corrections); a new report starts without a claim, and its editors write their own
NO_CLAIM = 'credit_suffix: ""   # a sentence after the credit line, e.g. how this edition was checked'


def _strings(lang: str) -> str:
    """The bundled interface strings of `lang`, or the English ones marked as not yet translated."""
    own = bundled_i18n() / f"{lang}.yaml"
    lines = (own if own.is_file() else bundled_i18n() / "en.yaml").read_text(encoding="utf-8").splitlines()
    lines = [NO_CLAIM if line.startswith("credit_suffix:") else line for line in lines]
    if own.is_file():
        return "\n".join(lines) + "\n"
    lines = [f"language_name: {lang}" if line.startswith("language_name:") else line for line in lines]
    header = (f"# Interface strings ({lang}): NOT YET TRANSLATED, copied from English by `neurips-report init`.\n"
              f"# Translate every text; keep the keys and every {{name}} and %s.\n")
    return header + "\n".join(line for line in lines if not line.startswith("# Interface strings")) + "\n"


def write_site(target: Path, settings: Settings, force: bool = False) -> tuple[list[Path], list[Path]]:
    """Write the new site into `target`; returns (written, replaced). A non-empty folder is refused unless
    `force`, and then only the starter's own files are written (each one replaced is returned)."""
    if target.exists() and not target.is_dir():
        raise InitFailed(f"{target} exists and is not a folder; nothing was written")
    if target.is_dir() and any(target.iterdir()) and not force:
        raise InitFailed(f"{target} is not empty; nothing was written\n"
                         "    hint: give a new or empty folder, or pass --force to add the starter files "
                         "(each file replaced is listed)")
    files = planned_files(settings)
    written, replaced = [], []
    for rel, text in files.items():
        path = target / rel
        if path.exists():
            if path.read_text(encoding="utf-8", errors="replace") == text:
                continue
            replaced.append(path)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        written.append(path)
    return written, replaced
