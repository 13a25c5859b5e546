"""The embedded outbox: a Maildir that the TUI's mailbox screen reads.

Only the user may read it: the folder tree is 0700 and every message file 0600 from the
moment it exists.

A message is written as Maildir delivers (a unique file in tmp/, renamed into new/, so a
reader never sees half of one), on the event loop: a few hundred microseconds of file
writes to the page cache. Two things Python's `mailbox.Maildir.add` does are left out, on
purpose, because they were most of the sign-in's mail time under load (bench.load, N = 200):
a thread per message (`asyncio.to_thread`: each of its dozen file calls gave up the GIL and
waited for the busy event loop to hand it back) and an fsync per message. This outbox is
one person's, on their own machine; a message that a crash of that machine loses before the
kernel writes it out (seconds) is asked for again (a new OTP, a new key). A deployment sends
mail by SMTP, whose relay queues it durably.
"""

from __future__ import annotations

import itertools
import logging
import os
import socket
import time
from email.message import EmailMessage
from pathlib import Path

log = logging.getLogger("hellowork.mail")

_SUBDIRS = ("tmp", "new", "cur")
_sequence = itertools.count()


class MaildirMailer:
    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self._ready = False

    def _make_folders(self) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        self.path.mkdir(exist_ok=True, mode=0o700)
        for sub in _SUBDIRS:
            (self.path / sub).mkdir(exist_ok=True, mode=0o700)
        for sub in ("", *_SUBDIRS):
            os.chmod(self.path / sub, 0o700)  # an existing tree made wider is narrowed
        self._ready = True

    def _deliver(self, message: EmailMessage) -> str:
        if not self._ready:
            self._make_folders()
        data = message.as_bytes()
        host = socket.gethostname().replace("/", r"\057").replace(":", r"\072")
        key = f"{time.time_ns()}.P{os.getpid()}Q{next(_sequence)}.{host}"
        tmp = self.path / "tmp" / key
        try:
            fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except FileNotFoundError:  # the folders were removed meanwhile: make them again
            self._make_folders()
            fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        try:
            with os.fdopen(fd, "wb") as f:
                f.write(data)
            try:
                os.rename(tmp, self.path / "new" / key)
            except FileNotFoundError:  # new/ was removed meanwhile
                self._make_folders()
                os.rename(tmp, self.path / "new" / key)
        except BaseException:
            tmp.unlink(missing_ok=True)
            raise
        return key

    async def send(self, message: EmailMessage) -> None:
        key = self._deliver(message)
        log.info("mail stored in outbox key=%s message_id=%s", key, message["Message-ID"])
