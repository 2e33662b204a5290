"""Command line: build, serve, check, new. Argument parsing only; the work is elsewhere."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from . import __version__
from .errors import BuildFailed
from .errors_report import count, print_problems
from .pdf import PdfError
from .search import SearchIndexError
from .engine.write import OutputError

SITE_OPTION = click.option("--site", "site_root", type=click.Path(file_okay=False, path_type=Path), default=".",
                           show_default=True, help="Folder holding content/ (and optionally templates/, static/).")


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="neurips-report")
def main():
    """Build a bilingual static site for a conference report from content/."""


@main.command()
@SITE_OPTION
@click.option("--out", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Output folder (default: <site>/public).")
@click.option("--base-url", default=None, help="Override site.yaml's base_url (e.g. / for local preview).")
@click.option("--search/--no-search", default=True, show_default=True, help="Build the Pagefind search index.")
@click.option("--pdf", is_flag=True, help="Also typeset the PDF edition of each language (<lang>/report.pdf).")
@click.option("--paper", type=click.Choice(["a4", "letter"]), default="a4", show_default=True,
              help="The PDF edition's paper size.")
def build(site_root, out, base_url, search, pdf, paper):
    """Build the site into a fresh folder and swap it in only on success."""
    from .engine.pipeline import Options, build as run_build
    from .progress import Progress
    options = Options(site_root, out, base_url, search, pdf=pdf, paper=paper)
    try:
        result = run_build(options, Progress())
    except BuildFailed as exc:
        print_problems(exc.problems)
        click.echo("build failed; the previous output was left untouched", err=True)
        sys.exit(1)
    except (OutputError, SearchIndexError, PdfError) as exc:
        click.echo(f"error: {exc}", err=True)
        click.echo("build failed; the previous output was left untouched", err=True)
        sys.exit(1)
    except OSError as exc:   # sources are read with their own messages; this is the output side (disk full, ...)
        click.echo(f"error: cannot write the site: {exc.strerror or exc}"
                   + (f" ({exc.filename})" if exc.filename else ""), err=True)
        click.echo("build failed; the previous output was left untouched", err=True)
        sys.exit(1)
    print_problems(result.warnings)
    out_dir = (out or site_root / "public")
    click.echo(f"built {result.pages} pages ({result.files} files) into {out_dir} in {result.seconds:.2f}s"
               + (f", {count(len(result.warnings), 'warning')}" if result.warnings else ""))


@main.command()
@SITE_OPTION
@click.option("--strict", is_flag=True, help="Fail on warnings too (unused references, placeholder text such as TODO).")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.option("--translations", is_flag=True, help="Print the translation status of every entry.")
def check(site_root, strict, fmt, translations):
    """Run every check without writing any output."""
    from .engine.pipeline import Options, load_site
    try:
        loaded = load_site(Options(site_root))
    except BuildFailed as exc:
        print_problems(exc.problems, fmt, stream=sys.stdout if fmt == "json" else None)
        sys.exit(1)
    warnings = loaded.problems.warnings
    if translations:
        from .translation_status import git_dates, status_rows
        rows, totals = status_rows(loaded.content, git_dates(loaded.content.site.root))
        for row in rows:
            cells = "  ".join(f"{lang}:{state}" for lang, state in row["cells"].items())
            click.echo(f"{row['path']:<60} {cells}")
        click.echo("  ".join(f"{lang}: {share:.0%}" for lang, share in totals.items()))
    if fmt == "json":
        print_problems(warnings, "json", stream=sys.stdout)
    else:
        print_problems(warnings)
        if strict and warnings:
            click.echo(f"check failed: --strict fails on warnings ({count(len(warnings), 'warning')})", err=True)
        else:
            click.echo("check passed" + (f" with {count(len(warnings), 'warning')}" if warnings else ""), err=True)
    if strict and warnings:
        sys.exit(1)


@main.command()
@SITE_OPTION
@click.option("--port", default=8000, show_default=True, help="Port to serve on.")
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to bind (local only by default).")
@click.option("--out", type=click.Path(file_okay=False, path_type=Path), default=None)
@click.option("--open-browser", is_flag=True, help="Open the site in a browser.")
def serve(site_root, port, host, out, open_browser):
    """Build, serve on localhost, rebuild and reload the browser on every change."""
    from .serve import serve as run_serve
    sys.exit(run_serve(site_root, out, host, port, open_browser))


@main.command()
@SITE_OPTION
@click.argument("kind", type=click.Choice(["paper", "section", "track", "talk"]))
@click.option("--slug", default=None, help="File name (kebab-case); derived from the title if omitted.")
@click.option("--title", default=None, help="Title; for a paper, matched against the official list.")
@click.option("--track", default=None, help="Track slug (papers).")
@click.option("--bib", default=None, help="Bibliography key (papers).")
@click.option("--type", "ptype", type=click.Choice(["oral", "spotlight", "poster"]), default=None)
@click.option("--order", type=int, default=None)
def new(site_root, kind, slug, title, track, bib, ptype, order):
    """Scaffold the Markdown files of a new entry in every language."""
    from .scaffold import ScaffoldError, new_entry_warnings, scaffold
    try:
        created = scaffold(site_root, kind, slug=slug, title=title, track=track, bib=bib, ptype=ptype, order=order)
    except ScaffoldError as exc:
        click.echo(f"error: {exc}", err=True)
        sys.exit(1)
    for path in created:
        click.echo(f"created {path}")
    for warning in new_entry_warnings(site_root, kind, created, bib_given=bib is not None, track=track):
        click.echo(f"warning: {warning}", err=True)
