"""What every service needs besides its database session."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from email.message import EmailMessage

from server.clock import Clock
from server.config import ServerSettings
from server.mail.base import Mailer, build_message
from server.mail.templates import MailText

log = logging.getLogger("hellowork.server")


@dataclass(frozen=True)
class ServiceEnv:
    settings: ServerSettings
    clock: Clock
    mailer: Mailer
    secret: bytes

    async def deliver_later(self, message: EmailMessage, *, kind: str) -> None:
        """For background tasks: the answer is already sent, so a failure is only logged
        (without the body, which holds a key)."""
        try:
            await self.mailer.send(message)
        except Exception:
            log.exception("mail delivery failed kind=%s message_id=%s", kind, message["Message-ID"])
        else:
            log.info("mail kind=%s message_id=%s", kind, message["Message-ID"])

    async def send_mail(self, to: str, text: MailText, *, kind: str) -> None:
        message = build_message(
            mail_from=self.settings.mail_from,
            to=to,
            subject=text.subject,
            body=text.body,
            now=self.clock.now(),
        )
        await self.mailer.send(message)
        log.info("mail kind=%s message_id=%s", kind, message["Message-ID"])
