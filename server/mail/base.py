"""The `Mailer` protocol and message construction.

Messages are plain text, Japanese first then English. Bodies hold OTPs and 認証キー, so
nothing here ever logs a body; only the template name and a Message-ID are logged.
"""

from __future__ import annotations

import binascii
import functools
import re
from datetime import datetime
from email import policy
from email.message import EmailMessage
from email.parser import BytesParser
from email.utils import format_datetime, make_msgid
from typing import Protocol


class Mailer(Protocol):
    async def send(self, message: EmailMessage) -> None: ...


# An address the fast path writes as it is: printable ASCII, no quoting, no display name.
_PLAIN_ADDRESS = re.compile(r"[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9.-]+")
_PARSER = BytesParser(policy=policy.default)
# set_content's base64 lines: the policy's max_line_length (78) // 4 * 3 bytes each.
_BASE64_CHUNK = 57


@functools.lru_cache(maxsize=128)
def _header(name: str, value: str) -> str:
    """`Name: value` as the default policy writes it (RFC 2047 words, folded), with its
    line end; memoised: From and each template's Subject recur."""
    return str(policy.default.header_factory(name, value).fold(policy=policy.default))


def build_message(
    *, mail_from: str, to: str, subject: str, body: str, now: datetime
) -> EmailMessage:
    """The mail, as `_build_message` builds it. A Japanese body (every template's) between
    plain addresses is written out directly and parsed back (headers stay unparsed until
    read): the same bytes for half the CPU — built header by header, each one parsed and
    checked by the email package, an OTP mail took 2.0 ms of a sign-in's event loop with
    the outbox's as_bytes, 1.1 ms this way (tests/unit/test_server_mail.py compares)."""
    domain = mail_from.rpartition("@")[2] or "hellowork.invalid"
    plain = _PLAIN_ADDRESS.fullmatch(to) and _PLAIN_ADDRESS.fullmatch(mail_from)
    if body.isascii() or not plain:
        return _build_message(mail_from=mail_from, to=to, subject=subject, body=body, now=now)
    data = b"\n".join(body.encode().splitlines()) + b"\n"
    encoded = "".join(
        binascii.b2a_base64(data[i : i + _BASE64_CHUNK]).decode("ascii")
        for i in range(0, len(data), _BASE64_CHUNK)
    )
    text = (
        f"{_header('From', mail_from)}To: {to}\n{_header('Subject', subject)}"
        f"Date: {format_datetime(now)}\nMessage-ID: {make_msgid(domain=domain)}\n"
        'Content-Type: text/plain; charset="utf-8"\n'
        "Content-Transfer-Encoding: base64\nMIME-Version: 1.0\n\n"
        f"{encoded}"
    )
    return _PARSER.parsebytes(text.encode("ascii"))


def _build_message(
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
