"""session/drafts.py: atomic 0600 files per account, debounced writes, nothing on disk in kiosk."""

from __future__ import annotations

import asyncio
import json
import os
import stat
from pathlib import Path

import pytest

from session.drafts import DraftStore, account_key

EMAIL = "hanako@example.jp"


def test_write_is_0600_atomic_and_named_without_the_email(tmp_path: Path) -> None:
    store = DraftStore(tmp_path / "drafts")
    store.update(EMAIL, "registration", {"step": 3, "steps": {"1": {"family_name": "求職"}}})
    path = store.path(EMAIL)
    assert path is not None and path.exists()
    assert EMAIL not in path.name and account_key(EMAIL) in path.name
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert json.loads(path.read_text(encoding="utf-8"))["registration"]["step"] == 3
    # No temp file is left behind next to it.
    assert [p.name for p in path.parent.iterdir()] == [path.name]
    # A new store over the same directory (a restarted app) reads it back.
    again = DraftStore(tmp_path / "drafts")
    assert again.load(EMAIL, "registration") == {"step": 3, "steps": {"1": {"family_name": "求職"}}}
    assert again.load("other@example.jp", "registration") is None


def test_a_failed_write_keeps_the_previous_draft(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = DraftStore(tmp_path)
    store.update(EMAIL, "registration", {"step": 1})

    def broken(src: object, dst: object) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", broken)
    with pytest.raises(OSError):
        store.update(EMAIL, "registration", {"step": 2})
    monkeypatch.undo()
    assert DraftStore(tmp_path).load(EMAIL, "registration") == {"step": 1}
    assert len(list(tmp_path.iterdir())) == 1  # the temp file was removed


async def test_writes_are_debounced_and_flush_forces_them(tmp_path: Path) -> None:
    store = DraftStore(tmp_path, debounce=0.05)
    store.update(EMAIL, "registration", {"step": 1})
    store.update(EMAIL, "registration", {"step": 2})
    path = store.path(EMAIL)
    assert path is not None and not path.exists()  # still pending
    assert store.load(EMAIL, "registration") == {"step": 2}  # pending changes are visible
    store.flush()
    assert json.loads(path.read_text(encoding="utf-8"))["registration"] == {"step": 2}
    store.update(EMAIL, "registration", {"step": 5})
    await asyncio.sleep(0.1)  # the debounce timer itself is under test here
    assert json.loads(path.read_text(encoding="utf-8"))["registration"] == {"step": 5}


def test_clear_removes_the_draft_and_the_empty_file(tmp_path: Path) -> None:
    store = DraftStore(tmp_path)
    store.update(EMAIL, "registration", {"step": 1})
    store.clear(EMAIL, "registration")
    assert store.load(EMAIL, "registration") is None
    assert list(tmp_path.iterdir()) == []


def test_kiosk_mode_keeps_nothing_on_disk_and_wipe_forgets(tmp_path: Path) -> None:
    store = DraftStore(tmp_path / "drafts", memory_only=True, debounce=0)
    store.update(EMAIL, "registration", {"step": 4})
    store.flush()
    assert store.load(EMAIL, "registration") == {"step": 4}
    assert not (tmp_path / "drafts").exists()
    assert list(tmp_path.iterdir()) == []
    store.wipe()
    assert store.load(EMAIL, "registration") is None
