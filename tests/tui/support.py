"""Shared pieces of the TUI tests: demo account, in-memory keyring, the in-process server."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import keyring.backend
from fastapi import FastAPI

from api_client._http import ASGITransport
from api_client.client import MyPageClient
from server.config import ServerSettings
from session.outbox import OutboxMessage, list_messages
from tests.conftest import SettableClock

DEMO_EMAIL = "demo@example.jp"
DEMO_PASSWORD = "Demo#2026pass"
DEMO_NAME = "求職 太郎"
DEMO_SEEKER_NUMBER = "70000-99999999"


class MemoryKeyring(keyring.backend.KeyringBackend):
    """In-memory keyring backend, installed through keyring.set_keyring."""

    priority = 1  # type: ignore[assignment]

    def __init__(self) -> None:
        super().__init__()
        self.items: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.items.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.items[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        self.items.pop((service, username), None)


@dataclass
class TuiServer:
    app: FastAPI
    settings: ServerSettings
    maildir: Path
    clock: SettableClock

    def client(self) -> MyPageClient:
        return MyPageClient(transport=ASGITransport(app=self.app))

    def mail(self) -> list[OutboxMessage]:
        return list_messages(self.maildir)

    def last_mail(self) -> OutboxMessage:
        messages = self.mail()
        assert messages, "no mail in the outbox"
        return messages[0]

    def latest_otp(self) -> str:
        return mail_value(self.last_mail(), r"One-time password: (\d{6})")

    def latest_auth_key(self) -> str:
        return mail_value(self.last_mail(), r"Authentication key: (\S+)")


def mail_value(message: OutboxMessage, pattern: str) -> str:
    match = re.search(pattern, message.body)
    assert match, f"{pattern!r} not in mail {message.subject!r}"
    return match.group(1)
