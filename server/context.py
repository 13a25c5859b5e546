"""What every service needs besides its database session, and how it sends mail.

Mail that carries a secret (OTP, 認証キー) or that must arrive before a change takes effect
is sent *within the request* (`send_now`), all of a request's mail together inside one
budget (`smtp_timeout`, kept below the client's read timeout): the user is waiting at the
screen for it, an OTP that arrives after its 10 minutes is useless, and a secret never sits
in a database queue in clear. When it cannot go out, the caller undoes what it created and
the client gets 503 `mail_not_sent` ("try again"). Notices about a change that already
happened (password changed, account locked, …) are sent the same way but only logged when
they fail (`notify`): the change stands, and a 5xx would tell the client it did not.
"""

from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass

from api_client.models import ErrorCode
from server.clock import Clock
from server.config import ServerSettings
from server.errors import DomainError
from server.mail.base import Mailer, build_message
from server.mail.templates import MailText

log = logging.getLogger("hellowork.server")

# How long the client should wait before trying again after a mail failure.
MAIL_RETRY_AFTER_SECONDS = 60


class MailNotSent(DomainError):
    """The relay refused the mail, could not be reached, or did not finish in time. Answered
    as 503 `mail_not_sent` when the service lets it through (after undoing its writes)."""

    def __init__(self) -> None:
        super().__init__(
            ErrorCode.mail_not_sent,
            503,
            params={"retry_after": MAIL_RETRY_AFTER_SECONDS},
            headers={"Retry-After": str(MAIL_RETRY_AFTER_SECONDS)},
        )


@dataclass(frozen=True)
class ServiceEnv:
    settings: ServerSettings
    clock: Clock
    mailer: Mailer
    secret: bytes

    async def send_now(self, *mails: tuple[str, MailText], kind: str) -> None:
        """Send every (to, text) now, together, within the mail budget; MailNotSent if any
        of them did not go out. Bodies hold secrets: only the kind and Message-IDs are
        logged."""
        now = self.clock.now()
        messages = [
            build_message(
                mail_from=self.settings.mail_from,
                to=to,
                subject=text.subject,
                body=text.body,
                now=now,
            )
            for to, text in mails
        ]
        try:
            async with asyncio.timeout(self.settings.smtp_timeout):
                await asyncio.gather(*(self.mailer.send(m) for m in messages))
        except Exception as exc:  # relay refused, unreachable, TLS, timeout: all "not sent"
            log.warning("mail not sent kind=%s error=%s: %s", kind, type(exc).__name__, exc)
            raise MailNotSent() from None
        for message in messages:
            log.info("mail kind=%s message_id=%s", kind, message["Message-ID"])

    async def notify(self, to: str, text: MailText, *, kind: str) -> None:
        """A notice about something already done: sent like `send_now`, a failure is logged
        (send_now did) and otherwise ignored."""
        try:
            await self.send_now((to, text), kind=kind)
        except MailNotSent:
            log.error("notice lost kind=%s", kind)
