"""Local drafts of forms being filled in (the 7-step registration), so nothing typed is lost on
an error, a network failure or quitting and coming back.

One JSON file per account under `<data dir>/drafts/`, named by a hash of the account (the
e-mail never appears in a file name), mode 0600, written atomically (temp file + rename) so a
crash leaves the old draft or the new one, never half of one. Writes are debounced: a burst of
key presses costs one write, and `flush()` forces pending writes (on leaving a screen).

Kiosk mode keeps drafts in memory only and `wipe()` forgets them at logout: the next person at
a shared terminal finds nothing of the last one on disk.
"""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import json
import logging
import os
import tempfile
from pathlib import Path
from typing import Any

log = logging.getLogger("hellowork.drafts")

DEBOUNCE_SECONDS = 0.4
Draft = dict[str, Any]


def account_key(account: str) -> str:
    """A stable file-name-safe key of an account (its normalised e-mail)."""
    return hashlib.sha256(account.strip().lower().encode()).hexdigest()[:32]


class DraftStore:
    def __init__(
        self,
        directory: Path | None,
        *,
        memory_only: bool = False,
        debounce: float = DEBOUNCE_SECONDS,
    ) -> None:
        self._directory = directory
        self._memory_only = memory_only or directory is None
        self._debounce = debounce
        self._memory: dict[str, Draft] = {}
        self._pending: dict[str, Draft] = {}
        self._timers: dict[str, asyncio.TimerHandle] = {}
        self._accounts: dict[str, str] = {}

    @property
    def memory_only(self) -> bool:
        return self._memory_only

    def path(self, account: str) -> Path | None:
        if self._memory_only or self._directory is None:
            return None
        return self._directory / f"{account_key(account)}.json"

    # ------------------------------------------------------------------ reading

    def load(self, account: str, name: str) -> Draft | None:
        """The draft `name` (e.g. "registration") of `account`, pending changes included."""
        key = account_key(account)
        if key in self._pending:
            return self._pending[key].get(name)
        if self._memory_only:
            return self._memory.get(key, {}).get(name)
        return self._read(account).get(name)

    def _read(self, account: str) -> Draft:
        path = self.path(account)
        if path is None:
            return {}
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return {}
        except (OSError, ValueError):
            log.warning("unreadable draft file %s ignored", path)
            return {}
        return data if isinstance(data, dict) else {}

    # ------------------------------------------------------------------ writing

    def update(self, account: str, name: str, value: Draft) -> None:
        """Record a change; written after the debounce (at once outside an event loop)."""
        key = account_key(account)
        current = self._pending.get(key)
        if current is None:
            current = dict(self._memory.get(key, {})) if self._memory_only else self._read(account)
        current[name] = value
        self._pending[key] = current
        self._accounts[key] = account
        try:
            loop = asyncio.get_running_loop()
        except RuntimeError:
            self._write(account, key)
            return
        timer = self._timers.pop(key, None)
        if timer is not None:
            timer.cancel()
        self._timers[key] = loop.call_later(self._debounce, self._write_logged, account, key)

    def flush(self) -> None:
        """Write every pending change now."""
        for key in list(self._pending):
            timer = self._timers.pop(key, None)
            if timer is not None:
                timer.cancel()
            self._write(self._accounts[key], key)

    def clear(self, account: str, name: str) -> None:
        """Forget draft `name` (e.g. once the registration is complete)."""
        key = account_key(account)
        timer = self._timers.pop(key, None)
        if timer is not None:
            timer.cancel()
        data = self._pending.pop(key, None)
        if data is None:
            data = dict(self._memory.get(key, {})) if self._memory_only else self._read(account)
        data.pop(name, None)
        self._pending[key] = data
        self._accounts[key] = account
        self._write(account, key)

    def wipe(self) -> None:
        """Forget everything kept in memory (kiosk logout). Files are left alone."""
        for timer in self._timers.values():
            timer.cancel()
        self._timers.clear()
        self._pending.clear()
        self._memory.clear()
        self._accounts.clear()

    def _write_logged(self, account: str, key: str) -> None:
        try:
            self._write(account, key)
        except OSError:
            log.exception("could not write the draft")

    def _write(self, account: str, key: str) -> None:
        self._timers.pop(key, None)
        data = self._pending.pop(key, None)
        if data is None:
            return
        if self._memory_only:
            self._memory[key] = data
            return
        path = self.path(account)
        assert path is not None
        if not data:
            path.unlink(missing_ok=True)
            return
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".draft-", suffix=".json")
        try:
            os.fchmod(fd, 0o600)
            with os.fdopen(fd, "w", encoding="utf-8") as fh:
                json.dump(data, fh, ensure_ascii=False)
                fh.flush()
                os.fsync(fh.fileno())
            os.replace(tmp, path)
        except BaseException:
            with contextlib.suppress(OSError):
                Path(tmp).unlink()
            raise
