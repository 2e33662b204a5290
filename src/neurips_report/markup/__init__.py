"""Markdown with the report's extensions: citations, internal links, editor's notes, math."""
