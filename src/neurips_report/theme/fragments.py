"""`{% cache key, ... %}...{% endcache %}` for templates: a fragment rendered once per build for each
key (like Django's fragment cache, or the example in Jinja's extension docs). The keys must name
everything the fragment shows that differs between pages: the menus of 10,000 pages of one language
are the same HTML but for which item is the current page. A fragment remembers what it used
(core/recording.py Memo), so each page that shows it records that too. Fragments live for one run of the pipeline:
what they show comes from the template context, which a change may alter without a recorded read."""

from __future__ import annotations

from jinja2 import nodes
from jinja2.ext import Extension

from ..core.recording import Memo


class FragmentCache(Extension):
    tags = {"cache"}

    def __init__(self, environment):
        super().__init__(environment)
        environment.extend(fragment_cache=Memo())

    def parse(self, parser):
        lineno = next(parser.stream).lineno
        keys = [parser.parse_expression()]
        while parser.stream.skip_if("comma"):
            keys.append(parser.parse_expression())
        body = parser.parse_statements(("name:endcache",), drop_needle=True)
        return nodes.CallBlock(self.call_method("_cached", [nodes.List(keys)]), [], [], body).set_lineno(lineno)

    def _cached(self, keys, caller):
        return self.environment.fragment_cache.get(tuple(str(k) for k in keys), caller)


def clear(env) -> None:
    """Forget every fragment (a new run of the pipeline starts)."""
    env.fragment_cache = Memo()
