"""Sending through an SMTP relay with aiosmtplib."""

from __future__ import annotations

import logging
from email.message import EmailMessage

import aiosmtplib

from server.config import ServerSettings

log = logging.getLogger("hellowork.mail")


class SmtpMailer:
    def __init__(self, settings: ServerSettings) -> None:
        self._settings = settings

    async def send(self, message: EmailMessage) -> None:
        s = self._settings
        await aiosmtplib.send(
            message,
            hostname=s.smtp_host,
            port=s.smtp_port,
            username=s.smtp_username,
            password=s.smtp_password.get_secret_value() if s.smtp_password else None,
            use_tls=s.smtp_tls,
            start_tls=False if s.smtp_tls else s.smtp_starttls,
            timeout=s.smtp_timeout,
        )
        log.info("mail sent message_id=%s", message["Message-ID"])
