"""Nothing lost: a killed build leaves the previous site intact, `serve` is local, `new` never overwrites.

A build is started as a user would (`python build.py build`) on a copy of the real site and killed with
SIGKILL at several moments: while loading, while writing, and right around the swap. Afterwards the output is
exactly the previous site or exactly the new one, never a mixture; the next build removes what the killed one
left behind (.public.tmp-* folders).
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import ROOT, cli, copy_site, run_build, tree_digest
from neurips_report.commands.scaffold import ScaffoldError, scaffold


# -- killed builds ----------------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def two_versions(tmp_path_factory):
    """A site built once (the 'old' output), its sources changed, and the digest of the 'new' output."""
    base = tmp_path_factory.mktemp("killed")
    root = copy_site("real", base)
    out = base / "public"
    run_build(root, out)
    old = tree_digest(out)
    talk = root / "content" / "talks" / "genomic-bottleneck.en.md"
    talk.write_text(talk.read_text(encoding="utf-8") + "\nA sentence added after the first build.\n", encoding="utf-8")
    run_build(root, base / "expected-new")
    new = tree_digest(base / "expected-new")
    assert new != old
    return root, out, old, new


def start_build(root: Path, out: Path) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-u", str(ROOT / "build.py"), "build", "--site", str(root), "--out", str(out),
                             "--no-search"], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
                            start_new_session=True)     # its own process group: the kill takes its workers too


def kill_when(process: subprocess.Popen, stage: str | None, delay: float) -> str:
    """SIGKILL the build `delay` seconds after its progress shows `stage` (or after its start); what it printed."""
    seen = []
    if stage:
        for line in process.stderr:
            seen.append(line)
            if stage in line:
                break
    time.sleep(delay)
    try:
        os.killpg(process.pid, signal.SIGKILL)
    except ProcessLookupError:
        pass                                             # it had already finished
    process.wait(timeout=60)
    process.stderr.close()
    return "".join(seen)


def stray(out: Path) -> list[str]:
    return sorted(p.name for p in out.parent.iterdir() if p.name.startswith((f".{out.name}.tmp-", f".{out.name}.old-")))


# (the stage to wait for, seconds after it): while loading, and at several moments while pages are written
KILLS = [(None, 0.3), ("writing", 0.0), ("writing", 0.15), ("writing", 0.6), ("writing", 1.5)]


@pytest.mark.parametrize("stage, delay", KILLS, ids=[f"{s or 'start'}+{d}s" for s, d in KILLS])
def test_killed_build_leaves_a_whole_site(two_versions, stage, delay):
    root, out, old, new = two_versions
    kill_when(start_build(root, out), stage, delay)
    assert tree_digest(out) in (old, new), "the output is a mixture of two builds"


def test_next_build_removes_what_killed_builds_left(two_versions):
    root, out, old, new = two_versions
    kill_when(start_build(root, out), "writing", 0.1)
    (out.parent / f".{out.name}.tmp-left-by-hand").mkdir()     # certainly one, whatever the timing above did
    (out.parent / f".{out.name}.tmp-left-by-hand" / "index.html").write_text("half a site")
    run_build(root, out)
    assert stray(out) == []
    assert tree_digest(out) == new


@pytest.mark.slow
@pytest.mark.parametrize("delay", [0.05 * i for i in range(40)])
def test_killed_at_many_moments(two_versions, delay):
    root, out, old, new = two_versions
    kill_when(start_build(root, out), "writing", delay)
    assert tree_digest(out) in (old, new)


# -- serve is local ---------------------------------------------------------------------------------------------

def test_serve_binds_localhost_by_default():
    from neurips_report.commands.cli import serve
    host = next(p for p in serve.params if p.name == "host")
    assert host.default == "127.0.0.1"


def _listening(port: int) -> list[str]:
    """Local addresses (hex, as in /proc/net/tcp*) of sockets listening on `port`."""
    found = []
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        try:
            rows = Path(table).read_text().splitlines()[1:]
        except OSError:
            continue
        for row in rows:
            local, state = row.split()[1], row.split()[3]
            address, _, hex_port = local.rpartition(":")
            if state == "0A" and int(hex_port, 16) == port:
                found.append(address)
    return found


@pytest.mark.skipif(not Path("/proc/net/tcp").exists(), reason="needs Linux /proc/net/tcp")
def test_serve_listens_on_loopback_only(tmp_path):
    root = copy_site("real", tmp_path)
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    process = subprocess.Popen([sys.executable, "-u", str(ROOT / "build.py"), "serve", "--site", str(root),
                                "--port", str(port), "--out", str(tmp_path / "served")],
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    try:
        deadline = time.monotonic() + 120
        while not _listening(port) and time.monotonic() < deadline and process.poll() is None:
            time.sleep(0.2)
        addresses = _listening(port)
        assert addresses, "serve did not start listening"
        assert set(addresses) == {"0100007F"}, f"listening on {addresses}, not only 127.0.0.1"
    finally:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=30)


# -- new never overwrites ---------------------------------------------------------------------------------------

@pytest.fixture
def site(tmp_path):
    return copy_site("real", tmp_path)


def snapshot(root: Path) -> dict:
    return tree_digest(root / "content")


def test_new_refuses_an_existing_entry(site):
    before = snapshot(site)
    result = cli("new", "paper", "--site", str(site), "--slug", "ddpm", "--title", "Anything", "--force")   # not in the list: --force
    assert result.returncode == 1 and "already exists; nothing was written" in result.stderr
    assert "Traceback" not in result.stderr
    assert snapshot(site) == before


def test_new_writes_nothing_when_one_language_exists(site):
    (site / "content" / "talks" / "only-english.en.md").write_text("---\ntitle: Mine\n---\nKeep me.\n")
    before = snapshot(site)
    with pytest.raises(ScaffoldError, match="already exists"):
        scaffold(site, "talk", slug="only-english", title="Only English")
    assert snapshot(site) == before
    assert not (site / "content" / "talks" / "only-english.zh.md").exists()


def test_new_does_not_follow_a_dangling_link(site, tmp_path):
    target = tmp_path / "outside" / "created-through-a-link.md"
    target.parent.mkdir()
    (site / "content" / "talks" / "linked.zh.md").symlink_to(target)
    with pytest.raises(ScaffoldError, match="already exists"):
        scaffold(site, "talk", slug="linked", title="Linked")
    assert not target.exists()
    assert not (site / "content" / "talks" / "linked.en.md").exists()


@pytest.mark.parametrize("slug", ["../../escape", "Upper", "a/b", ""])
def test_new_refuses_a_bad_slug(site, slug):
    before = snapshot(site)
    result = cli("new", "talk", "--site", str(site), "--slug", slug, "--title", "")
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert snapshot(site) == before
    assert not (site / "escape.zh.md").exists() and not (site.parent / "escape.zh.md").exists()


def test_new_with_a_broken_site_yaml_fails_cleanly(site):
    (site / "content" / "site.yaml").write_text("languages: [zh, en\n", encoding="utf-8")
    result = cli("new", "talk", "--site", str(site), "--slug", "fine", "--title", "Fine")
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "cannot read" in result.stderr


def test_new_creates_every_language(site):
    created = scaffold(site, "talk", slug="brand-new", title="Brand New")
    assert sorted(p.name for p in created) == ["brand-new.en.md", "brand-new.zh.md"]
    assert all(p.read_text(encoding="utf-8").startswith("---\ntitle: Brand New\n") for p in created)
