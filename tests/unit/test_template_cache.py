"""Compiled templates name the package's Jinja extensions by module path, so a cache of another release's
compiled code must never be loaded: the bytecode cache's file names carry the code version."""

from neurips_report.core.cache import code_version, template_bytecode_cache


def test_compiled_templates_are_kept_per_code_version():
    cache = template_bytecode_cache()
    assert cache is not None
    assert code_version()[:16] in cache.pattern
    assert cache.pattern.endswith("_%s.cache")
