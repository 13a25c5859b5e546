"""Issue 11 item 7: when the mail relay refuses, hangs or is down, a request that mails a
secret answers 503 `mail_not_sent` and leaves nothing half-created behind (no live login
challenge, no opening, no live 認証キー). Real SMTP servers (aiosmtpd) that fail, on SQLite
and PostgreSQL."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest
from fastapi import FastAPI
from sqlalchemy import func, select

from api_client.errors import MailNotSent
from api_client.models import ErrorCode, LoginStatus
from api_client.profile_models import OpenOnlineRequest
from api_client.validation import email_key
from server.app import create_app
from server.auth.models import AuthKey, LoginChallenge
from server.config import ServerSettings
from server.registration.models import AccountOpening
from tests.api.flows import sign_in
from tests.conftest import (
    BrokenRelays,
    Outbox,
    SettableClock,
    app_state,
    make_settings,
    new_api,
    seed_account,
    started,
)

# The hanging relay never answers; the budget only decides how soon we give up. A working
# relay gets the server's real budget, so a busy machine cannot turn a sent mail into a failure.
SHORT_BUDGET = 0.5
WORKING_BUDGET = ServerSettings.model_fields["smtp_timeout"].default


@pytest.fixture
async def mail_app(
    any_database_url: str, outbox: Outbox, tmp_path: Path, clock: SettableClock
) -> AsyncIterator[FastAPI]:
    settings = make_settings(any_database_url, outbox, tmp_path)
    async for running in started(create_app(settings, clock=clock)):
        yield running


def relay(app: FastAPI, port: int, budget: float = WORKING_BUDGET) -> None:
    """Point the running server's mail at another relay (the mailer reads both per send)."""
    settings: ServerSettings = app_state(app).env.settings
    settings.smtp_port = port
    settings.smtp_timeout = budget


async def count(app: FastAPI, model: Any, *where: Any) -> int:
    async with app_state(app).sessionmaker() as db:
        return int(await db.scalar(select(func.count()).select_from(model).where(*where)) or 0)


async def live_challenges(app: FastAPI, account_id: int) -> int:
    return await count(
        app,
        LoginChallenge,
        LoginChallenge.account_id == account_id,
        LoginChallenge.consumed_at.is_(None),
    )


async def live_keys(app: FastAPI, address: str) -> int:
    return await count(
        app, AuthKey, AuthKey.email_key == email_key(address), AuthKey.used_at.is_(None)
    )


def broken_ports(relays: BrokenRelays) -> list[int]:
    return [relays.refusing_port, relays.hanging_port, relays.closed_port]


async def test_login_leaves_no_live_challenge_when_the_otp_cannot_be_sent(
    mail_app: FastAPI, broken_relays: BrokenRelays, outbox: Outbox
) -> None:
    account = await seed_account(mail_app)
    async with new_api(mail_app) as api:
        for port in broken_ports(broken_relays):
            relay(mail_app, port, SHORT_BUDGET)
            with pytest.raises(MailNotSent) as err:
                await api.login(account.email, account.password)
            assert err.value.status_code == 503
            assert err.value.code is ErrorCode.mail_not_sent
            assert err.value.retry_after is not None
            assert await live_challenges(mail_app, account.account_id) == 0
        relay(mail_app, outbox.port)  # the relay is back: signing in works at once
        await sign_in(api, outbox, account)
        assert (await api.home()).name == account.name


async def test_failed_resend_keeps_the_wait_free_and_answers_503(
    mail_app: FastAPI, broken_relays: BrokenRelays, outbox: Outbox, clock: SettableClock
) -> None:
    account = await seed_account(mail_app)
    async with new_api(mail_app) as api:
        res = await api.login(account.email, account.password)
        assert res.status is LoginStatus.otp_required and res.login_ticket
        clock.advance(seconds=61)
        relay(mail_app, broken_relays.refusing_port, SHORT_BUDGET)
        with pytest.raises(MailNotSent):
            await api.resend_otp(res.login_ticket)
        relay(mail_app, outbox.port)
        await api.resend_otp(res.login_ticket)  # at once: the failed one does not count
        otp = outbox.read_otp(account.email)
        await api.verify_otp(res.login_ticket, otp)


async def test_online_opening_leaves_no_opening_or_key_when_the_mail_fails(
    mail_app: FastAPI, broken_relays: BrokenRelays, outbox: Outbox
) -> None:
    address = "new.person@example.jp"
    request = OpenOnlineRequest(
        email=address, email_confirm=address, agreed_privacy=True, agreed_terms=True
    )
    async with new_api(mail_app) as api:
        for port in broken_ports(broken_relays):
            relay(mail_app, port, SHORT_BUDGET)
            with pytest.raises(MailNotSent):
                await api.open_online(request)
            assert await count(mail_app, AccountOpening) == 0
            assert await live_keys(mail_app, address) == 0


async def test_reset_answers_503_not_202_when_nothing_was_sent(
    mail_app: FastAPI, broken_relays: BrokenRelays, outbox: Outbox
) -> None:
    account = await seed_account(mail_app)
    async with new_api(mail_app) as api:
        for port in broken_ports(broken_relays):
            relay(mail_app, port, SHORT_BUDGET)
            for address in (account.email, "unknown@example.jp"):  # the same for both
                with pytest.raises(MailNotSent):
                    await api.request_password_reset(address)
                assert await live_keys(mail_app, address) == 0
        relay(mail_app, outbox.port)
        await api.request_password_reset(account.email)
        assert outbox.read_auth_key(account.email)


async def test_email_change_keeps_the_old_address_when_the_key_cannot_be_sent(
    mail_app: FastAPI, broken_relays: BrokenRelays, outbox: Outbox
) -> None:
    account = await seed_account(mail_app)
    async with new_api(mail_app) as api:
        await sign_in(api, outbox, account)
        relay(mail_app, broken_relays.refusing_port, SHORT_BUDGET)
        with pytest.raises(MailNotSent):
            await api.request_email_change("moved@example.jp", "moved@example.jp", account.password)
        view = await api.settings()
        assert view.email == account.email and view.pending_email is None
        assert await live_keys(mail_app, "moved@example.jp") == 0
