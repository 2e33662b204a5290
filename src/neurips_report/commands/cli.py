"""Command line: init, build, serve, check, new, import. Argument parsing only; the work is elsewhere."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from .. import __version__
from ..model.kinds import KINDS, PAPER_TYPES
from ..model.problems import BuildFailed
from ..core.formatting import count
from .report import print_problems
from ..engine.search import SearchIndexError
from ..engine.write import OutputError
from ..site.pdf import PdfError

SITE_OPTION = click.option("--site", "site_root", type=click.Path(file_okay=False, path_type=Path), default=".",
                           show_default=True, help="Folder holding content/ (and optionally templates/, static/).")


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="neurips-report")
def main():
    """Build a bilingual static site for a conference report from content/."""


def _on_terminal() -> bool:
    return sys.stdin.isatty()


def _ask(value, question: str, default):
    """An option's value: given, else asked on a terminal, else the default (so CI can run it)."""
    if value is not None:
        return value
    if _on_terminal():
        return click.prompt(question, default=default, type=type(default))
    return default


@main.command()
@click.argument("directory", metavar="DIR", type=click.Path(file_okay=False, path_type=Path))
@click.option("--conference", default=None, help="Conference name, e.g. ICLR  [default: Conference]")
@click.option("--year", type=int, default=None, help="Conference year  [default: this year]")
@click.option("--languages", default=None, help="Language codes, the first the default  [default: en,zh]")
@click.option("--base-url", default=None, help="Where the site will be published  [default: /]")
@click.option("--force", is_flag=True, help="Write into a folder that is not empty (each replaced file is listed).")
def init(directory, conference, year, languages, base_url, force):
    """Create a new report in DIR that builds, checks and serves at once."""
    import datetime as dt
    from .init_site import TRANSLATED, InitFailed, Settings, parse_languages, write_site
    try:
        settings = Settings(_ask(conference, "Conference name", "Conference"),
                            _ask(year, "Year", dt.date.today().year),
                            parse_languages(_ask(languages, "Languages (comma-separated, first is the default)", "en,zh")),
                            _ask(base_url, "Base URL of the published site", "/"))
        written, replaced = write_site(directory, settings, force)
    except InitFailed as exc:
        click.echo(f"error: {exc}", err=True)
        sys.exit(1)
    for path in replaced:
        click.echo(f"replaced {path}", err=True)
    click.echo(f"created {settings.short} report in {directory} ({len(written)} files)")
    untranslated = [code for code in settings.languages if code not in TRANSLATED]
    if untranslated:
        click.echo(f"note: the interface strings of {', '.join(untranslated)} are English until translated "
                   f"(content/i18n/{untranslated[0]}.yaml)")
    click.echo(f"next: cd {directory} && neurips-report serve")


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
    from ..engine.pipeline import Options, build as run_build
    from ..core.progress import Progress
    options = Options(site_root, out, base_url, search, pdf=pdf, paper=paper)
    try:
        with Progress() as progress:          # its line is ended before any problem is printed
            result = run_build(options, progress)
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
    from ..engine.pipeline import Options, check_site
    try:
        loaded = check_site(Options(site_root))
    except BuildFailed as exc:
        print_problems(exc.problems, fmt, stream=sys.stdout if fmt == "json" else None)
        sys.exit(1)
    warnings = loaded.problems.warnings
    if translations:
        from ..site.translation_status import git_dates, status_rows
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
@click.argument("kind", type=click.Choice([kind.name for kind in KINDS]))
@click.option("--slug", default=None, help="File name (kebab-case); derived from the title if omitted.")
@click.option("--title", default=None, help="Title; for a paper, matched against the official list.")
@click.option("--track", default=None, help="Track slug (papers).")
@click.option("--bib", default=None, help="Bibliography key (papers).")
@click.option("--type", "ptype", type=click.Choice(PAPER_TYPES), default=None)
@click.option("--order", type=int, default=None)
@click.option("--force", is_flag=True, help="Add a paper whose title is not in the official list.")
def new(site_root, kind, slug, title, track, bib, ptype, order, force):
    """Scaffold the Markdown files of a new entry in every language."""
    from .scaffold import ScaffoldError, add_official_bib, new_entry_warnings, scaffold
    try:
        created = scaffold(site_root, kind, slug=slug, title=title, track=track, bib=bib, ptype=ptype, order=order,
                           force=force)
    except ScaffoldError as exc:
        click.echo(f"error: {exc}", err=True)
        sys.exit(1)
    for path in created:
        click.echo(f"created {path}")
    added = add_official_bib(site_root, created) if kind == "paper" else None
    if added:
        click.echo(f"added @inproceedings{{{added}, ...}} from the official list to {site_root / 'content' / 'references.bib'}")
    for warning in new_entry_warnings(site_root, kind, created, bib_given=bib is not None, track=track):
        click.echo(f"warning: {warning}", err=True)


@main.command("import")
@SITE_OPTION
@click.argument("source", type=click.Path(dir_okay=False, exists=True, path_type=Path))
@click.option("--force", is_flag=True, help="Replace an official list that import did not write.")
def import_(site_root, source, force):
    """Fill the official-papers list from papercopilot JSON, BibTeX or CSV (accepted papers only)."""
    from .importer import ImportFailed, import_into_site, summary
    from .scaffold import ScaffoldError
    try:
        imported, list_path, prov, notes = import_into_site(site_root, source, force)
    except (ImportFailed, ScaffoldError) as exc:
        click.echo(f"error: {exc}", err=True)
        sys.exit(1)
    for line, message, hint in imported.problems:
        click.echo(f"{source}:{line}: {message}" + (f"\n    hint: {hint}" if hint else ""), err=True)
    for line in summary(imported) + notes:
        click.echo(line)
    click.echo(f"wrote {list_path} and its provenance {prov}")
