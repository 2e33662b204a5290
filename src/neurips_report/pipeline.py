"""The build, top to bottom: load -> check -> resolve -> plan pages -> render -> write."""

from __future__ import annotations

import shutil
import time
from dataclasses import dataclass, field
from pathlib import Path

from .assets import plan_assets
from .bib.bibliography import Bibliography
from .bib.database import load_bib
from .check import run_checks
from .check.usage import check_corrections, check_unused_references
from .errors import BuildFailed, Problems
from .load import load_content
from .pages import PagePlanner
from .progress import Silent
from .render import TemplateProblem, check_templates, make_environment
from .resolve import resolve
from .site_pages import global_pages, page_context
from .theme import theme_dir
from .urls import Urls
from .write import staging_dir, swap_in, write_file
from . import render as render_mod


@dataclass
class Options:
    site_root: Path
    out: Path | None = None
    base_url: str | None = None
    search: bool = False          # run Pagefind over the output
    dev: bool = False             # serve mode: pages load the error overlay script


@dataclass
class Loaded:
    content: object
    bibliography: Bibliography
    resolved: object
    urls: Urls
    problems: Problems
    dev: bool = False


@dataclass
class BuildResult:
    pages: int = 0
    files: int = 0
    seconds: float = 0.0
    warnings: list = field(default_factory=list)


def load_site(options: Options) -> Loaded:
    """Load, check and resolve everything; raises BuildFailed with every error found."""
    root = options.site_root.resolve()
    problems = Problems(root)
    content_dir = root / "content"
    content = load_content(content_dir, problems)
    if content is None:
        raise BuildFailed(problems.errors)
    bibliography = Bibliography(load_bib(content_dir / "references.bib", problems))
    run_checks(content, bibliography, problems)
    urls = Urls(options.base_url or content.site.base_url)
    resolved = resolve(content, bibliography, urls, problems)
    check_corrections(content, resolved, problems)
    check_unused_references(bibliography, resolved, content, problems)
    if problems.errors:
        raise BuildFailed(problems.errors + problems.warnings)
    return Loaded(content, bibliography, resolved, urls, problems, options.dev)


@dataclass
class Theme:
    template_dir: Path
    env: object
    assets: dict            # static name -> (source path, hashed output path)


def load_theme(root: Path, problems: Problems) -> Theme:
    """Compile every template once; raises BuildFailed on syntax errors."""
    template_dir = theme_dir(root, "templates")
    env = make_environment(template_dir)
    if not check_templates(env, template_dir, problems):
        raise BuildFailed(problems.errors)
    return Theme(template_dir, env, plan_assets(theme_dir(root, "static")))


def plan_pages(loaded: Loaded) -> list:
    pages = []
    for lang in loaded.content.site.lang_codes:
        pages += PagePlanner(loaded.content, loaded.bibliography, loaded.resolved, loaded.urls, lang).plan()
    return pages + global_pages(loaded, pages)


def render_pages(loaded: Loaded, theme: Theme, pages: list, all_pages: list, progress=None) -> dict[str, bytes]:
    """rel output path -> bytes for the given pages; raises BuildFailed on template errors."""
    problems, root = loaded.problems, loaded.content.site.root
    files: dict[str, bytes] = {}
    progress = progress or Silent()
    for done, page in enumerate(pages, 1):
        progress.step(done, len(pages))
        context = page_context(page, loaded, theme.assets, all_pages)
        try:
            html = render_mod.render(theme.env, page.template, context, theme.template_dir)
        except TemplateProblem as exc:
            problems.error(root / exc.path, exc.line, exc.message, exc.hint)
            continue
        files[Urls.output_file(page.rel)] = html.encode("utf-8")
    if problems.errors:
        raise BuildFailed(problems.errors)
    return files


def static_files(loaded: Loaded, theme: Theme) -> dict[str, bytes]:
    files = {target: source.read_bytes() for source, target in theme.assets.values()}
    bib_path = loaded.content.site.root / "content" / "references.bib"
    if bib_path.is_file():
        files["references.bib"] = bib_path.read_bytes()
    return files


def render_site(loaded: Loaded, options: Options, progress=None) -> dict[str, bytes]:
    """Every output file in memory, rel path -> bytes; raises BuildFailed on template errors."""
    progress = progress or Silent()
    theme = load_theme(options.site_root.resolve(), loaded.problems)
    pages = plan_pages(loaded)
    progress.stage(f"rendering {len(pages)} pages")
    files = render_pages(loaded, theme, pages, pages, progress)
    files.update(static_files(loaded, theme))
    return files


def build(options: Options, progress=None) -> BuildResult:
    """A full build; the output directory changes only if everything succeeded."""
    progress = progress or Silent()
    start = time.perf_counter()
    progress.stage("loading and checking")
    loaded = load_site(options)
    files = render_site(loaded, options, progress)
    out = (options.out or options.site_root / "public").resolve()
    progress.stage(f"writing {len(files)} files")
    staging = staging_dir(out)
    try:
        for done, rel in enumerate(sorted(files), 1):
            progress.step(done, len(files))
            write_file(staging, rel, files[rel])
        if options.search:
            from .search import index_site
            progress.stage("indexing for search")
            index_site(staging)
        swap_in(staging, out)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    progress.done()
    pages = sum(1 for rel in files if rel.endswith(".html"))
    return BuildResult(pages, len(files), time.perf_counter() - start, loaded.problems.warnings)
