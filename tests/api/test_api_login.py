"""Login → OTP (read from the real mail) → Home, and everything that can go wrong on the way."""

from __future__ import annotations

from datetime import timedelta
from email.utils import parsedate_to_datetime
from pathlib import Path

import httpx
import pytest
from fastapi import FastAPI

from api_client.errors import (
    AccountLocked,
    InvalidCredentials,
    LoginTicketInvalid,
    NotAuthenticated,
    OtpAttemptsExhausted,
    OtpExpired,
    OtpInvalid,
    RateLimited,
    ResendThrottled,
    SessionExpired,
)
from api_client.models import LoginStatus
from server.app import create_app
from tests.api.flows import sign_in
from tests.conftest import (
    Outbox,
    SeededAccount,
    SettableClock,
    make_settings,
    new_api,
    seed_account,
    started,
)


async def test_login_otp_home(api, outbox: Outbox, account: SeededAccount, clock) -> None:
    res = await api.login(account.email, account.password)
    assert res.status is LoginStatus.otp_required
    assert res.session is None and res.login_ticket
    assert res.otp_expires_at == clock.now() + timedelta(minutes=10)

    mail = outbox.last(account.email)
    assert mail.message["From"] == "system@mail.hellowork.example"
    assert "ワンタイムパスワード" in mail.subject and "One-time password" in mail.subject
    assert parsedate_to_datetime(mail.message["Date"]) == clock.now()
    assert mail.message["Message-ID"].endswith("@mail.hellowork.example>")
    body = mail.body
    assert body.index("ワンタイムパスワード：") < body.index("One-time password:")  # ja first
    otp = outbox.read_otp(account.email)
    assert len(otp) == 6 and otp.isdigit()

    verified = await api.verify_otp(res.login_ticket, otp)
    assert verified.device is None
    assert verified.session.absolute_expires_at == clock.now() + timedelta(hours=12)
    assert verified.session.idle_expires_at == clock.now() + timedelta(minutes=30)

    home = await api.home()
    assert home.name == "求職 太郎"
    assert home.office_name == "飯田橋公共職業安定所"
    assert home.seeker_number == account.seeker_number
    assert home.last_login_at is None  # first login ever
    assert home.otp_skip_devices is False
    assert home.unread_messages == 0


async def test_home_shows_previous_login(app: FastAPI, outbox, account, clock) -> None:
    first_at = clock.now()
    async with new_api(app) as a:
        await sign_in(a, outbox, account)
    clock.advance(hours=3)
    async with new_api(app) as b:
        await sign_in(b, outbox, account)
        assert (await b.home()).last_login_at == first_at


async def test_email_is_matched_case_and_width_insensitively(api, outbox, account) -> None:
    res = await api.login("ＴＡＲＯ＠Example.JP", account.password)
    assert res.status is LoginStatus.otp_required
    assert outbox.to(account.email)


async def test_wrong_otp_counts_down_then_exhausts(api, outbox, account) -> None:
    res = await api.login(account.email, account.password)
    otp = outbox.read_otp(account.email)
    wrong = f"{(int(otp) + 1) % 1_000_000:06d}"
    for remaining in (4, 3, 2, 1):
        with pytest.raises(OtpInvalid) as err:
            await api.verify_otp(res.login_ticket, wrong)
        assert err.value.status_code == 400
        assert err.value.remaining == remaining
        assert err.value.params == {"remaining": remaining}
    with pytest.raises(OtpAttemptsExhausted):
        await api.verify_otp(res.login_ticket, wrong)
    # The challenge is spent: even the right OTP no longer works.
    with pytest.raises(LoginTicketInvalid):
        await api.verify_otp(res.login_ticket, otp)


async def test_otp_accepts_fullwidth_digits(api, outbox, account) -> None:
    res = await api.login(account.email, account.password)
    otp = outbox.read_otp(account.email)
    full = "".join(chr(ord(c) + 0xFEE0) for c in otp)
    await api.verify_otp(res.login_ticket, full)
    assert api.signed_in


async def test_otp_expires_after_ten_minutes(api, outbox, account, clock) -> None:
    res = await api.login(account.email, account.password)
    otp = outbox.read_otp(account.email)
    clock.advance(minutes=11)
    with pytest.raises(OtpExpired) as err:
        await api.verify_otp(res.login_ticket, otp)
    assert err.value.status_code == 400


async def test_otp_is_single_use(app, outbox, account) -> None:
    async with new_api(app) as a, new_api(app) as b:
        res = await a.login(account.email, account.password)
        otp = outbox.read_otp(account.email)
        await a.verify_otp(res.login_ticket, otp)
        with pytest.raises(LoginTicketInvalid):
            await b.verify_otp(res.login_ticket, otp)


async def test_unknown_ticket(api) -> None:
    with pytest.raises(LoginTicketInvalid):
        await api.verify_otp("no-such-ticket", "123456")


async def test_new_login_invalidates_older_challenge(api, outbox, account) -> None:
    first = await api.login(account.email, account.password)
    first_otp = outbox.read_otp(account.email)
    second = await api.login(account.email, account.password)
    with pytest.raises(LoginTicketInvalid):
        await api.verify_otp(first.login_ticket, first_otp)
    await api.verify_otp(second.login_ticket, outbox.read_otp(account.email))


async def test_resend_is_throttled_and_replaces_the_otp(
    api, client: httpx.AsyncClient, outbox, account, clock
) -> None:
    res = await api.login(account.email, account.password)
    old_otp = outbox.read_otp(account.email)
    clock.advance(seconds=20)
    with pytest.raises(ResendThrottled) as err:
        await api.resend_otp(res.login_ticket)
    assert err.value.status_code == 429
    assert err.value.params == {"retry_after": 40}
    assert err.value.retry_after == 40  # from the Retry-After header
    raw = await client.post("/api/v1/auth/otp/resend", json={"login_ticket": res.login_ticket})
    assert raw.headers["Retry-After"] == "40"

    clock.advance(seconds=40)
    sent = await api.resend_otp(res.login_ticket)
    assert sent.otp_expires_at == clock.now() + timedelta(minutes=10)
    assert len(outbox.to(account.email)) == 2
    new_otp = outbox.read_otp(account.email)
    if new_otp != old_otp:  # 1 in a million they coincide; then the old one is the new one
        with pytest.raises(OtpInvalid):
            await api.verify_otp(res.login_ticket, old_otp)
    await api.verify_otp(res.login_ticket, new_otp)


async def test_resend_after_expiry_gives_fresh_ten_minutes(api, outbox, account, clock) -> None:
    res = await api.login(account.email, account.password)
    clock.advance(minutes=12)
    await api.resend_otp(res.login_ticket)
    clock.advance(minutes=9)
    await api.verify_otp(res.login_ticket, outbox.read_otp(account.email))


async def test_unknown_email_and_wrong_password_look_the_same(
    client: httpx.AsyncClient, account
) -> None:
    wrong = await client.post(
        "/api/v1/auth/login", json={"email": account.email, "password": "Wrong#pass123"}
    )
    unknown = await client.post(
        "/api/v1/auth/login", json={"email": "nobody@example.jp", "password": "Wrong#pass123"}
    )
    assert wrong.status_code == unknown.status_code == 401
    assert wrong.json() == unknown.json()
    assert wrong.json()["code"] == "invalid_credentials"
    assert set(wrong.headers) == set(unknown.headers)


async def test_five_wrong_passwords_lock_and_mail_the_owner(api, outbox, account) -> None:
    for _ in range(4):
        with pytest.raises(InvalidCredentials):
            await api.login(account.email, "Wrong#pass123")
    assert outbox.to(account.email) == []
    with pytest.raises(AccountLocked) as err:
        await api.login(account.email, "Wrong#pass123")
    assert err.value.status_code == 423
    notice = outbox.last(account.email)
    assert "ロック" in notice.subject and "locked" in notice.subject
    # From now on even the right password is refused, and no OTP is sent.
    with pytest.raises(AccountLocked):
        await api.login(account.email, account.password)
    assert len(outbox.to(account.email)) == 1


async def test_unknown_email_locks_identically(client: httpx.AsyncClient, account) -> None:
    async def five(email: str) -> list[tuple[int, dict[str, object]]]:
        answers = []
        for _ in range(6):
            r = await client.post(
                "/api/v1/auth/login", json={"email": email, "password": "Wrong#pass123"}
            )
            answers.append((r.status_code, r.json()))
        return answers

    known, unknown = await five(account.email), await five("ghost@example.jp")
    assert known == unknown
    assert [s for s, _ in known] == [401, 401, 401, 401, 423, 423]


async def test_success_resets_the_failure_counter(api, outbox, account) -> None:
    for _ in range(4):
        with pytest.raises(InvalidCredentials):
            await api.login(account.email, "Wrong#pass123")
    await sign_in(api, outbox, account)
    for _ in range(4):
        with pytest.raises(InvalidCredentials):
            await api.login(account.email, "Wrong#pass123")


async def test_per_ip_throttle(database_url, outbox, tmp_path: Path, clock) -> None:
    settings = make_settings(database_url, outbox, tmp_path, login_rate_limit=3)
    async for app in started(create_app(settings, clock=clock)):
        await seed_account(app)
        async with new_api(app) as api:
            for _ in range(3):
                with pytest.raises(InvalidCredentials):
                    await api.login("taro@example.jp", "Wrong#pass123")
            with pytest.raises(RateLimited) as err:
                await api.login("taro@example.jp", "Wrong#pass123")
            assert err.value.status_code == 429
            # A sliding window (server/ratelimit.py) over 5 minutes, where the refused 4th
            # attempt counts too: 4 attempts weigh 2 once half of the next window has passed.
            assert err.value.retry_after == 450
            clock.advance(seconds=449)
            with pytest.raises(RateLimited):
                await api.login("taro@example.jp", "Wrong#pass123")
        clock.advance(seconds=451)  # 7.5 minutes after the last attempt
        async with new_api(app) as api:
            with pytest.raises(InvalidCredentials):
                await api.login("taro@example.jp", "Wrong#pass123")


async def test_logout_revokes_the_session(api, outbox, account) -> None:
    await sign_in(api, outbox, account)
    token = api.session_token
    await api.logout()
    api.session_token = token
    with pytest.raises(SessionExpired) as err:
        await api.home()
    assert err.value.status_code == 401


async def test_missing_or_unknown_token(api, client: httpx.AsyncClient) -> None:
    with pytest.raises(NotAuthenticated):
        await api.home()
    api.session_token = "made-up"
    with pytest.raises(NotAuthenticated):
        await api.home()
    raw = await client.get("/api/v1/me/home", headers={"Authorization": "Basic abc"})
    assert raw.status_code == 401 and raw.json()["code"] == "not_authenticated"
    assert raw.headers["WWW-Authenticate"] == "Bearer"


async def test_session_idle_expiry_slides(api, outbox, account, clock: SettableClock) -> None:
    await sign_in(api, outbox, account)
    for _ in range(3):  # 60 minutes of use in 20-minute steps keeps it alive
        clock.advance(minutes=20)
        await api.home()
    clock.advance(minutes=30)
    with pytest.raises(SessionExpired):
        await api.home()


async def test_session_absolute_expiry(api, outbox, account, clock: SettableClock) -> None:
    await sign_in(api, outbox, account)
    for _ in range(35):  # 11h40m of steady use
        clock.advance(minutes=20)
        await api.home()
    clock.advance(minutes=20)  # 12h
    with pytest.raises(SessionExpired):
        await api.home()


async def test_two_accounts_are_independent(app, outbox) -> None:
    taro = await seed_account(app)
    hanako = await seed_account(app, email="hanako@example.jp", name="求職 花子")
    async with new_api(app) as a, new_api(app) as b:
        await sign_in(a, outbox, taro)
        await sign_in(b, outbox, hanako)
        assert (await a.home()).name == "求職 太郎"
        assert (await b.home()).name == "求職 花子"
