"""neurips-report: a static-site generator for bilingual conference reports."""

__version__ = "0.1.0"
