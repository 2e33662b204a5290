"""The bibliography: pybtex database, author-year labels, per-language styles."""
