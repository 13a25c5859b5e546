"""Parallel requests: on the embedded SQLite database (the TUI loads panes in parallel), and
the sign-in's counters and single-use secrets on both backends (`any_app`: what SQLite
serialises, PostgreSQL runs concurrently)."""

from __future__ import annotations

import asyncio

from tests.api.flows import sign_in
from tests.conftest import new_api, seed_account


async def test_parallel_reads_that_touch_the_session(app, outbox, account, clock) -> None:
    async with new_api(app) as api:
        await sign_in(api, outbox, account)
        for _ in range(3):
            clock.advance(minutes=2)  # every request now wants to touch last_seen_at
            homes = await asyncio.gather(*(api.home() for _ in range(12)))
            assert {h.name for h in homes} == {account.name}


async def test_parallel_logins_of_different_accounts(any_app, outbox) -> None:
    accounts = [
        await seed_account(any_app, email=f"user{i}@example.jp", name=f"利用者{i}")
        for i in range(6)
    ]

    async def flow(acc):
        async with new_api(any_app) as api:
            await sign_in(api, outbox, acc)
            return (await api.home()).name

    names = await asyncio.gather(*(flow(a) for a in accounts))
    assert names == [a.name for a in accounts]


async def test_parallel_guesses_cannot_pass_the_lock(any_app, outbox) -> None:
    from api_client.errors import AccountLocked, InvalidCredentials

    account = await seed_account(any_app)

    async def guess(i: int) -> str:
        async with new_api(any_app) as api:
            try:
                await api.login(account.email, f"Wrong#pass{i:03d}")
            except InvalidCredentials:
                return "401"
            except AccountLocked:
                return "423"
            return "ok"

    answers = await asyncio.gather(*(guess(i) for i in range(10)))
    assert sorted(answers) == ["401"] * 4 + ["423"] * 6
    assert len(outbox.to(account.email)) == 1  # one lock notice


async def test_parallel_otp_guesses_get_five_comparisons(any_app, outbox) -> None:
    from api_client.errors import LoginTicketInvalid, OtpAttemptsExhausted, OtpInvalid

    account = await seed_account(any_app)
    async with new_api(any_app) as api:
        res = await api.login(account.email, account.password)
    otp = outbox.read_otp(account.email)
    wrong = [f"{(int(otp) + i) % 1_000_000:06d}" for i in range(1, 12)]

    async def guess(code: str) -> str:
        async with new_api(any_app) as api:
            try:
                await api.verify_otp(res.login_ticket, code)
            except OtpInvalid:
                return "invalid"
            except (OtpAttemptsExhausted, LoginTicketInvalid):
                return "spent"
            return "ok"

    answers = await asyncio.gather(*(guess(c) for c in wrong))
    assert sorted(answers) == ["invalid"] * 4 + ["spent"] * 7
    assert await guess(otp) == "spent"


async def test_the_right_otp_sent_in_parallel_signs_in_once(any_app, outbox) -> None:
    from api_client.errors import LoginTicketInvalid

    account = await seed_account(any_app)
    async with new_api(any_app) as api:
        res = await api.login(account.email, account.password)
    otp = outbox.read_otp(account.email)

    async def verify() -> str:
        async with new_api(any_app) as api:
            try:
                await api.verify_otp(res.login_ticket, otp)
            except LoginTicketInvalid:
                return "spent"
            return (await api.home()).name

    answers = await asyncio.gather(*(verify() for _ in range(8)))
    assert sorted(answers) == sorted([account.name] + ["spent"] * 7)


async def test_parallel_auth_key_guesses_get_five_comparisons(app, outbox, account) -> None:
    from api_client.errors import AuthKeyAttemptsExhausted, AuthKeyInvalid

    async with new_api(app) as api:
        await api.request_password_reset(account.email)
    key = outbox.read_auth_key(account.email)

    async def guess(value: str) -> str:
        async with new_api(app) as api:
            try:
                await api.confirm_password_reset(
                    account.email, value, "Hanami!2026spring", "Hanami!2026spring"
                )
            except AuthKeyInvalid:
                return "invalid"
            except AuthKeyAttemptsExhausted:
                return "spent"
            return "ok"

    answers = await asyncio.gather(*(guess(f"wrongKey{i:02d}") for i in range(10)))
    assert sorted(answers) == ["invalid"] * 4 + ["spent"] * 6
    assert await guess(key) == "spent"
