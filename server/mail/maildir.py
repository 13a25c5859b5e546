"""The embedded outbox: a Maildir that the TUI's mailbox screen reads.

Only the user may read it: the folder tree is 0700 and every message file 0600.
"""

from __future__ import annotations

import asyncio
import logging
import mailbox
import os
from email.message import EmailMessage
from pathlib import Path

log = logging.getLogger("hellowork.mail")


class MaildirMailer:
    def __init__(self, path: Path) -> None:
        self.path = Path(path)

    def _open(self) -> mailbox.Maildir:
        self.path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        box = mailbox.Maildir(self.path, create=True)  # creates a missing tree as 0700
        for sub in ("tmp", "new", "cur"):
            (self.path / sub).mkdir(exist_ok=True, mode=0o700)
        for sub in ("", "tmp", "new", "cur"):
            os.chmod(self.path / sub, 0o700)
        return box

    def _deliver(self, message: EmailMessage) -> str:
        box = self._open()
        key = box.add(message)
        # Maildir.add creates files 0666 & umask; the 0700 tree already hides them, and the
        # file itself is narrowed too.
        os.chmod(self.path / "new" / key, 0o600)
        return key

    async def send(self, message: EmailMessage) -> None:
        key = await asyncio.to_thread(self._deliver, message)
        log.info("mail stored in outbox key=%s message_id=%s", key, message["Message-ID"])
