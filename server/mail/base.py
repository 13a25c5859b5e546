"""The `Mailer` protocol and message construction.

Messages are plain text, Japanese first then English. Bodies hold OTPs and 認証キー, so
nothing here ever logs a body; only the template name and a Message-ID are logged.
"""

from __future__ import annotations

from datetime import datetime
from email.message import EmailMessage
from email.utils import format_datetime, make_msgid
from typing import Protocol


class Mailer(Protocol):
    async def send(self, message: EmailMessage) -> None: ...


def build_message(
    *, mail_from: str, to: str, subject: str, body: str, now: datetime
) -> EmailMessage:
    msg = EmailMessage()  # default policy: RFC 2047 UTF-8 for the Subject
    msg["From"] = mail_from
    msg["To"] = to
    msg["Subject"] = subject
    msg["Date"] = format_datetime(now)
    domain = mail_from.rpartition("@")[2] or "hellowork.invalid"
    msg["Message-ID"] = make_msgid(domain=domain)
    msg.set_content(body, charset="utf-8", cte="8bit" if body.isascii() else "base64")
    return msg
