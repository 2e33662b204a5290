"""{% cache %}: one rendering per key and build."""

from __future__ import annotations

import jinja2

from neurips_report.theme import fragments
from neurips_report.theme.fragments import FragmentCache

TEMPLATE = "{% cache 'menu', lang, current %}{{ count() }}:{{ lang }}:{{ current }}{% endcache %}"


def env_and_counter():
    env = jinja2.Environment(extensions=[FragmentCache], autoescape=True)
    calls = []
    env.globals["count"] = lambda: calls.append(1) or len(calls)
    return env, calls


def test_a_fragment_is_rendered_once_per_key():
    env, calls = env_and_counter()
    template = env.from_string(TEMPLATE)
    assert template.render(lang="en", current="") == "1:en:"
    assert template.render(lang="en", current="") == "1:en:"          # the first rendering, again
    assert template.render(lang="zh", current="") == "2:zh:"
    assert template.render(lang="en", current="/en/") == "3:en:/en/"
    assert len(calls) == 3


def test_cached_fragments_stay_escaped_once():
    env, _ = env_and_counter()
    template = env.from_string("{% cache 'x' %}{{ text }}{% endcache %}")
    assert template.render(text="<b>") == "&lt;b&gt;"
    assert template.render(text="<i>") == "&lt;b&gt;"                # same key: the key must name what differs


def test_clear_forgets_every_fragment():
    env, calls = env_and_counter()
    template = env.from_string(TEMPLATE)
    template.render(lang="en", current="")
    fragments.clear(env)
    assert template.render(lang="en", current="") == "2:en:"
