"""Outgoing mail: SMTP relay or the embedded Maildir outbox."""

from __future__ import annotations

from server.config import ServerSettings
from server.mail.base import Mailer, build_message
from server.mail.maildir import MaildirMailer
from server.mail.smtp import SmtpMailer


def mailer_from_settings(settings: ServerSettings) -> Mailer:
    if settings.maildir is not None:
        return MaildirMailer(settings.maildir)
    return SmtpMailer(settings)


__all__ = ["MaildirMailer", "Mailer", "SmtpMailer", "build_message", "mailer_from_settings"]
