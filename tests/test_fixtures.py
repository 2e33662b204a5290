"""The shared fixtures themselves: made once per run even when workers race for them, and a copy of
the real site comes with a warm build cache unless asked not to."""

from __future__ import annotations

import multiprocessing
import time

import conftest
from conftest import copy_site, shared_build


def _make_slowly(folder):
    with open(folder.parent / "calls.txt", "a", encoding="utf-8") as calls:
        calls.write(f"{folder.name}\n")
    time.sleep(0.5)
    (folder / "made.txt").write_text("made", encoding="utf-8")


def _worker(shared, queue):
    conftest.SHARED, conftest._MADE = shared, {}
    queue.put(str(shared_build("thing", _make_slowly)))


def test_racing_workers_make_a_shared_folder_once(tmp_path, monkeypatch):
    monkeypatch.setattr(conftest, "_MADE", {})
    monkeypatch.setattr(conftest, "SHARED", tmp_path)
    context = multiprocessing.get_context("fork")
    queue = context.Queue()
    workers = [context.Process(target=_worker, args=(tmp_path, queue)) for _ in range(3)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(30)
    assert {queue.get(timeout=5) for _ in workers} == {str(tmp_path / "thing")}
    assert (tmp_path / "calls.txt").read_text(encoding="utf-8") == "thing\n"
    assert (tmp_path / "thing" / "made.txt").is_file()
    assert shared_build("thing", _make_slowly) == tmp_path / "thing"       # and later calls too


def test_a_failed_attempt_is_made_again(tmp_path, monkeypatch):
    monkeypatch.setattr(conftest, "_MADE", {})
    monkeypatch.setattr(conftest, "SHARED", tmp_path)

    def fail(folder):
        (folder / "half.txt").write_text("half", encoding="utf-8")
        raise RuntimeError("no")
    try:
        shared_build("flaky", fail)
    except RuntimeError:
        pass
    folder = shared_build("flaky", _make_slowly)
    assert sorted(p.name for p in folder.iterdir()) == ["made.txt"]


def test_a_copy_of_the_real_site_comes_with_a_warm_cache(tmp_path):
    warm = copy_site("real", tmp_path / "a")
    assert (warm / ".cache" / "bodies.json").is_file()
    assert not (warm / ".cache" / "previous-output").exists()
    assert not (copy_site("real", tmp_path / "b", warm=False) / ".cache").exists()
    assert not (copy_site("minimal", tmp_path / "c") / ".cache").exists()
