"""One Jinja2 environment: autoescape on, StrictUndefined, templates from templates/."""

from __future__ import annotations

import re
import sys
from urllib.parse import urlsplit
from pathlib import Path

import jinja2
from markupsafe import Markup

from ..core.recording import record
from ..model.problems import Problems, did_you_mean
from ..core.formatting import close_wide_gaps
from .fragments import FragmentCache
from ..model.urls import relative_urls


_RAW_LINK = re.compile(r'\s*<a href="([^"]+)">\1</a>')


def without_raw_links(html: str) -> Markup:
    """A formatted reference without the links that show their own URL as text (the page labels them)."""
    return Markup(_RAW_LINK.sub("", str(html)))


def link_kind(url: str) -> str:
    """What a reference's link leads to, for its label: 'doi', 'arxiv', 'proceedings' or 'web'."""
    host = urlsplit(url).hostname or ""
    if host.endswith("doi.org"):
        return "doi"
    if host.endswith("arxiv.org"):
        return "arxiv"
    if host.startswith(("proceedings.", "papers.")) or host.endswith(("openreview.net", "aclanthology.org")):
        return "proceedings"
    return "web"


def finish_page(html: str, base_path: str, page_rel: str | None, lang: str) -> Markup:
    """The last step of every HTML page (base.html wraps itself in it): Chinese and Japanese pages lose
    the spaces between wide characters, and internal URLs become relative to the page."""
    if lang.split("-")[0] in ("zh", "ja"):
        html = close_wide_gaps(str(html))
    return Markup(relative_urls(str(html), base_path, page_rel))


class TemplateProblem(Exception):
    def __init__(self, path: str, line: int, message: str, hint: str = ""):
        super().__init__(message)
        self.path, self.line, self.message, self.hint = path, line, message, hint


class RecordingEnvironment(jinja2.Environment):
    """Records ("template", name) (core/recording.py) each time a template is loaded while a page renders: the
    page's own, and each one it extends, includes or imports (Jinja loads those through these methods)."""

    def get_template(self, name, parent=None, globals=None):
        template = super().get_template(name, parent, globals)
        record(("template", template.name))
        return template

    def select_template(self, names, parent=None, globals=None):
        template = super().select_template(names, parent, globals)
        record(("template", template.name))
        return template


def make_environment(template_dirs: tuple[Path, ...]) -> jinja2.Environment:
    env = RecordingEnvironment(
        loader=jinja2.FileSystemLoader([str(d) for d in template_dirs]),
        autoescape=jinja2.select_autoescape(("html", "xml", "svg"), default_for_string=True),
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        auto_reload=False,
        extensions=[FragmentCache],
    )
    env.filters["finish_page"] = finish_page
    env.filters["without_raw_links"] = without_raw_links
    env.filters["link_kind"] = link_kind
    return env


def check_templates(env: jinja2.Environment, template_dirs: tuple[Path, ...], problems: Problems) -> bool:
    """Compile every template up front (the site's own where it has one) so that syntax errors are reported together."""
    ok = True
    for name in env.list_templates(extensions=("html", "xml", "txt", "svg")):
        try:
            env.get_template(name)
        except jinja2.TemplateSyntaxError as exc:
            path = next(d / name for d in template_dirs if (d / name).is_file())
            problems.error(path, exc.lineno or 1, f"template syntax error: {exc.message}",
                           "check the {% %} and {{ }} tags on this line")
            ok = False
    return ok


def render_template(env: jinja2.Environment, name: str, context: dict, template_dirs: tuple[Path, ...]) -> str:
    """Render a template; errors become TemplateProblem with the template's path and line."""
    try:
        return env.get_template(name).render(context)
    except jinja2.TemplateSyntaxError as exc:
        raise TemplateProblem(_rel(exc.filename, template_dirs, name), exc.lineno or 1,
                              f"template syntax error: {exc.message}") from None
    except jinja2.UndefinedError as exc:
        path, line = _template_frame(template_dirs, name)
        raise TemplateProblem(path, line, f"undefined template variable: {exc.message}",
                              "pass the value to the template or guard it with 'is defined'") from None
    except jinja2.TemplateNotFound as exc:
        path, line = _template_frame(template_dirs, name)
        raise TemplateProblem(path, line, f"template '{exc.name}' not found",
                              did_you_mean(exc.name, env.list_templates()) or "templates live in templates/") from None
    except (jinja2.TemplateError, TypeError, ValueError, KeyError, AttributeError) as exc:
        path, line = _template_frame(template_dirs, name)
        raise TemplateProblem(path, line, f"template error: {exc}") from None


def _template_frame(template_dirs: tuple[Path, ...], default: str) -> tuple[str, int]:
    """The innermost template frame of the exception being handled."""
    tb = sys.exc_info()[2]
    found = (f"templates/{default}", 1)
    while tb is not None:
        filename = tb.tb_frame.f_code.co_filename
        if filename.endswith((".html", ".xml", ".txt", ".svg")) and any(Path(filename).is_relative_to(d) for d in template_dirs):
            lineno = _template_line(tb)
            found = (_rel(filename, template_dirs, default), lineno)
        tb = tb.tb_next
    return found


def _template_line(tb) -> int:
    code = tb.tb_frame.f_globals.get("__jinja_template__")
    if code is not None:
        return code.get_corresponding_lineno(tb.tb_lineno)
    return tb.tb_lineno


def _rel(filename, template_dirs: tuple[Path, ...], default: str) -> str:
    if not filename:
        return f"templates/{default}"
    for folder in template_dirs:
        try:
            return "templates/" + Path(filename).resolve().relative_to(folder.resolve()).as_posix()
        except ValueError:
            continue
    return str(filename)
