"""Read the embedded server's Maildir outbox (what it "sent"), newest first.

Only the standard library: used by `hellowork mail` and by the mailbox screen. Messages are
read in place and never moved, so the outbox stays exactly as the server wrote it.
"""

from __future__ import annotations

import email
import email.policy
from dataclasses import dataclass
from datetime import UTC, datetime
from email.message import EmailMessage
from email.utils import getaddresses, parsedate_to_datetime
from pathlib import Path


@dataclass(frozen=True)
class OutboxMessage:
    key: str
    sender: str
    to: str
    subject: str
    date: datetime
    body: str

    @property
    def recipients(self) -> list[str]:
        """The bare addresses of the To header."""
        return [addr for _name, addr in getaddresses([self.to]) if addr]

    def as_text(
        self,
        labels: tuple[str, str, str, str] = ("From", "To", "Subject", "Date"),
        date_text: str | None = None,
    ) -> str:
        when = date_text or self.date.astimezone().strftime("%Y-%m-%d %H:%M:%S %z")
        head = [
            f"{labels[0]}: {self.sender}",
            f"{labels[1]}: {self.to}",
            f"{labels[2]}: {self.subject}",
            f"{labels[3]}: {when}",
        ]
        return "\n".join(head) + "\n\n" + self.body.rstrip() + "\n"


def _body_text(msg: EmailMessage) -> str:
    part = msg.get_body(preferencelist=("plain", "html"))
    if part is None:
        return ""
    content = part.get_content()
    return content if isinstance(content, str) else content.decode("utf-8", "replace")


def read_message(path: Path) -> OutboxMessage:
    with path.open("rb") as fh:
        msg = email.message_from_binary_file(fh, policy=email.policy.default)
    assert isinstance(msg, EmailMessage)  # guaranteed by policy.default
    mtime = datetime.fromtimestamp(path.stat().st_mtime, tz=UTC)
    try:
        date = parsedate_to_datetime(str(msg["Date"])) if msg["Date"] else mtime
    except (TypeError, ValueError):
        date = mtime
    if date.tzinfo is None:
        date = date.replace(tzinfo=UTC)
    return OutboxMessage(
        key=path.name,
        sender=str(msg.get("From", "")),
        to=str(msg.get("To", "")),
        subject=str(msg.get("Subject", "")),
        date=date,
        body=_body_text(msg),
    )


def list_messages(maildir: Path) -> list[OutboxMessage]:
    """All messages in `maildir` (new/ and cur/), newest first; [] when there is none."""
    files: list[Path] = []
    for sub in ("new", "cur"):
        folder = maildir / sub
        if folder.is_dir():
            files.extend(p for p in folder.iterdir() if p.is_file() and not p.name.startswith("."))
    messages: list[tuple[float, OutboxMessage]] = []
    for path in files:
        try:
            messages.append((path.stat().st_mtime, read_message(path)))
        except (OSError, ValueError):
            continue  # a message being written or removed right now
    messages.sort(key=lambda pair: (pair[1].date, pair[0], pair[1].key), reverse=True)
    return [m for _, m in messages]
