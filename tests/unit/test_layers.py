"""The engine's layers import only downward (docs/architecture.md).

Each folder of src/neurips_report/ is one layer; a module may import its own layer and the layers below
it, never one above. Layers listed together are independent: neither imports the other. Every import
is read with `ast`, including those inside functions, so a lazy import cannot hide an upward one.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[2] / "src" / "neurips_report"

# lowest first
LAYERS = (
    ("core",),                  # hashing and stores, workers and the process policy, dependency recording, text helpers
    ("model",),                 # the typed model, the table of kinds, URLs, the schema, problems
    ("load",),                  # reading sources
    ("bib", "markup"),          # the bibliography; Markdown to HTML
    ("check",),                 # rules over the loaded content
    ("theme",),                 # templates and static files, the Jinja environment
    ("site",),                  # recorded views, resolved bodies, planned pages and their contexts
    ("engine",),                # the stages composed, the incremental rebuild, the output folder, search index
    ("commands",),              # what a person runs: cli, serve, new
)
RANK = {name: rank for rank, group in enumerate(LAYERS) for name in group}


def module_name(path: Path) -> tuple[str, ...]:
    parts = path.relative_to(PACKAGE).with_suffix("").parts
    return parts[:-1] if parts[-1] == "__init__" else parts


def imported(path: Path) -> list[tuple[int, tuple[str, ...]]]:
    """(line, module path inside neurips_report) of every import of the package's own modules."""
    own = module_name(path)
    package = own if path.name == "__init__.py" else own[:-1]
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.level:
            base = package[:len(package) - (node.level - 1)]
            module = base + tuple(node.module.split(".")) if node.module else base
            if node.module is None:
                found += [(node.lineno, module + (alias.name,)) for alias in node.names]
            else:
                found.append((node.lineno, module))
        elif isinstance(node, ast.ImportFrom) and (node.module or "").split(".")[0] == "neurips_report":
            found.append((node.lineno, tuple(node.module.split(".")[1:])))
        elif isinstance(node, ast.Import):
            found += [(node.lineno, tuple(alias.name.split(".")[1:])) for alias in node.names
                      if alias.name.split(".")[0] == "neurips_report"]
    return found


def layer_of(module: tuple[str, ...]) -> str | None:
    return module[0] if module and module[0] in RANK else None


SOURCES = sorted(PACKAGE.rglob("*.py"))


def test_every_module_is_in_a_layer():
    loose = [p.relative_to(PACKAGE).as_posix() for p in SOURCES
             if module_name(p) not in ((), ("__main__",)) and layer_of(module_name(p)) is None]
    assert not loose, f"modules outside every layer (put each in a layer folder, see docs/architecture.md): {loose}"


@pytest.mark.parametrize("path", SOURCES, ids=lambda p: p.relative_to(PACKAGE).as_posix())
def test_imports_go_only_downward(path):
    own = layer_of(module_name(path))
    if own is None:
        return                                    # the package's __init__ (its version) and __main__: above every layer
    upward = []
    for line, module in imported(path):
        target = layer_of(module)
        if target is None:
            if module not in ((), ("__version__",)):
                upward.append(f"line {line}: {'.'.join(module)} is in no layer")
        elif target != own and RANK[target] >= RANK[own]:
            kind = "a layer above" if RANK[target] > RANK[own] else "an independent layer beside it"
            upward.append(f"line {line}: {own}/ imports {'.'.join(module)}, {kind}")
    assert not upward, f"{path.relative_to(PACKAGE)}: " + "; ".join(upward)


def test_the_rule_is_enforced(tmp_path):
    """The checker itself sees an upward import, a lazy one included."""
    (tmp_path / "core").mkdir()
    probe = tmp_path / "core" / "probe.py"
    probe.write_text("def f():\n    from ..engine.pipeline import run\n")
    global PACKAGE
    saved, PACKAGE = PACKAGE, tmp_path
    try:
        assert imported(probe) == [(2, ("engine", "pipeline"))]
    finally:
        PACKAGE = saved
