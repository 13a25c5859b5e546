"""Issue 11 items 1, 2 and 9: what a signed-in session alone can do to an account, and
counters that one person can use against another. Real client → real app → SQLite and
PostgreSQL, mail through a real SMTP server."""

from __future__ import annotations

import asyncio

import pytest
from fastapi import FastAPI
from sqlalchemy import select

from api_client.errors import (
    AccountLocked,
    AuthKeyInvalid,
    InvalidCredentials,
    RateLimited,
    SessionExpired,
)
from api_client.models import LoginStatus
from server.accounts.models import Account
from tests.api.flows import sign_in
from tests.conftest import (
    Outbox,
    SeededAccount,
    SettableClock,
    app_state,
    new_api,
    seed_account,
)

NEW_PASSWORD = "Hanami!2026spring"
WRONG = "Wrong#2026guess"


async def _locked_at(app: FastAPI, account_id: int) -> object:
    async with app_state(app).sessionmaker() as db:
        return await db.scalar(select(Account.locked_at).where(Account.id == account_id))


async def _change_email(
    app: FastAPI, outbox: Outbox, account: SeededAccount, new: str
) -> SeededAccount:
    async with new_api(app) as api:
        await sign_in(api, outbox, account)
        await api.request_email_change(new, new, account.password)
        await api.confirm_email_change(outbox.read_auth_key(new))
    return SeededAccount(
        account.account_id, new, account.password, account.seeker_number, account.name
    )


# --------------------------------------------------------------------------- item 1


async def test_email_change_needs_the_current_password_and_tells_the_old_address_first(
    any_app: FastAPI, outbox: Outbox
) -> None:
    account = await seed_account(any_app)
    new = "moved@example.jp"
    async with new_api(any_app) as api:
        await sign_in(api, outbox, account)
        outbox.clear()
        with pytest.raises(InvalidCredentials) as err:
            await api.request_email_change(new, new, WRONG)
        assert [(f.field, f.code, f.params) for f in err.value.fields] == [
            ("current_password", "password_wrong", {"remaining": 4})
        ]
        assert (await api.settings()).pending_email is None
        assert outbox.all() == []

        await api.request_email_change(new, new, account.password)
        # Before anything changes: the key to the new address, word to the current one.
        assert "Authentication key:" in outbox.last(new).body
        told = outbox.last(account.email)
        assert new in told.body and "パスワードを再設定" in told.body
        assert (await api.settings()).email == account.email


async def test_reset_through_an_address_changed_within_24_hours_is_refused_and_seen(
    any_app: FastAPI, outbox: Outbox, clock: SettableClock
) -> None:
    account = await seed_account(any_app)
    old, new = account.email, "taken.over@example.jp"
    moved = await _change_email(any_app, outbox, account, new)
    outbox.clear()
    async with new_api(any_app) as api:
        await api.request_password_reset(new)  # 202 like any other address
        refused = outbox.last(new)
        assert "Authentication key" not in refused.body and "24" not in refused.subject
        assert "パスワード再設定は" in refused.body
        seen = outbox.last(old)  # the previous address sees the attempt
        assert new in seen.body and "24時間以内" in seen.body
        with pytest.raises(AuthKeyInvalid):  # nothing usable was issued
            await api.confirm_password_reset(new, "z7QLe&76F7", NEW_PASSWORD, NEW_PASSWORD)

        clock.advance(hours=24)
        await api.request_password_reset(new)
        key = outbox.read_auth_key(new)
        await api.confirm_password_reset(new, key, NEW_PASSWORD, NEW_PASSWORD)
    async with new_api(any_app) as api:
        await sign_in(api, outbox, moved, password=NEW_PASSWORD)


async def test_a_key_mailed_to_the_old_address_stops_working_when_the_address_changes(
    any_app: FastAPI, outbox: Outbox
) -> None:
    account = await seed_account(any_app)
    async with new_api(any_app) as api:
        await api.request_password_reset(account.email)
        key = outbox.read_auth_key(account.email)
    await _change_email(any_app, outbox, account, "elsewhere@example.jp")
    async with new_api(any_app) as api:
        with pytest.raises(AuthKeyInvalid):
            await api.confirm_password_reset(account.email, key, NEW_PASSWORD, NEW_PASSWORD)


async def test_resetting_the_password_cancels_a_pending_email_change(
    any_app: FastAPI, outbox: Outbox
) -> None:
    account = await seed_account(any_app)
    new = "intruder@example.jp"
    async with new_api(any_app) as intruder:
        await sign_in(intruder, outbox, account)
        await intruder.request_email_change(new, new, account.password)
        key = outbox.read_auth_key(new)
        async with new_api(any_app) as owner:  # the owner, warned by mail, resets
            await owner.request_password_reset(account.email)
            reset_key = outbox.read_auth_key(account.email)
            await owner.confirm_password_reset(account.email, reset_key, NEW_PASSWORD, NEW_PASSWORD)
        with pytest.raises(SessionExpired):
            await intruder.confirm_email_change(key)
    async with new_api(any_app) as api:
        await sign_in(api, outbox, account, password=NEW_PASSWORD)
        assert (await api.settings()).pending_email is None


# --------------------------------------------------------------------------- item 2


async def test_wrong_passwords_in_a_session_count_towards_the_lock(
    any_app: FastAPI, outbox: Outbox
) -> None:
    """50 wrong guesses at the password change, then the right one, used to work."""
    account = await seed_account(any_app)
    async with new_api(any_app) as api:
        with pytest.raises(InvalidCredentials) as err:  # one wrong login first
            await api.login(account.email, WRONG)
        assert err.value.params["remaining"] == 4
        await sign_in(api, outbox, account)  # success resets the count
        outbox.clear()
        for remaining in (4, 3):
            with pytest.raises(InvalidCredentials) as err:
                await api.change_password(WRONG, NEW_PASSWORD, NEW_PASSWORD)
            assert err.value.status_code == 400
            assert err.value.fields[0].params == {"remaining": remaining}
        with pytest.raises(InvalidCredentials) as err:
            await api.withdraw(WRONG)
        assert [(f.field, f.params) for f in err.value.fields] == [("password", {"remaining": 2})]
        with pytest.raises(InvalidCredentials) as err:
            await api.request_email_change("x@example.jp", "x@example.jp", WRONG)
        assert err.value.fields[0].params == {"remaining": 1}
        with pytest.raises(AccountLocked) as err:
            await api.change_password(WRONG, NEW_PASSWORD, NEW_PASSWORD)
        assert err.value.status_code == 423
        with pytest.raises(SessionExpired):  # the lock ends the session
            await api.change_password(account.password, NEW_PASSWORD, NEW_PASSWORD)
    assert await _locked_at(any_app, account.account_id) is not None
    assert any("ロックされました" in m.subject for m in outbox.to(account.email))
    async with new_api(any_app) as api:
        with pytest.raises(AccountLocked):
            await api.login(account.email, account.password)


async def test_the_right_password_in_a_session_resets_the_count(
    any_app: FastAPI, outbox: Outbox
) -> None:
    account = await seed_account(any_app)
    async with new_api(any_app) as api:
        await sign_in(api, outbox, account)
        for _ in range(4):
            with pytest.raises(InvalidCredentials):
                await api.change_password(WRONG, NEW_PASSWORD, NEW_PASSWORD)
        await api.change_password(account.password, NEW_PASSWORD, NEW_PASSWORD)
        with pytest.raises(InvalidCredentials) as err:
            await api.withdraw(WRONG)
        assert err.value.fields[0].params == {"remaining": 4}


# --------------------------------------------------------------------------- item 9


async def test_failures_against_an_unused_address_do_not_follow_an_account_to_it(
    any_app: FastAPI, outbox: Outbox
) -> None:
    account = await seed_account(any_app)
    free = "free@example.jp"
    async with new_api(any_app) as stranger:
        for _ in range(4):
            with pytest.raises(InvalidCredentials):
                await stranger.login(free, WRONG)
        with pytest.raises(AccountLocked):  # an unknown address locks like a real one
            await stranger.login(free, WRONG)
    moved = await _change_email(any_app, outbox, account, free)
    async with new_api(any_app) as api:
        res = await api.login(moved.email, moved.password)
        assert res.status is LoginStatus.otp_required
        with pytest.raises(InvalidCredentials) as err:  # a fresh count of its own
            await api.login(moved.email, WRONG)
        assert err.value.params["remaining"] == 4


async def test_wrong_codes_sent_with_someone_elses_number_do_not_block_them(
    any_app: FastAPI, outbox: Outbox
) -> None:
    from tests.api.test_reg_opening import _code_request, _counter_seeker

    number, code = await _counter_seeker(any_app)  # issued for jiro@example.jp
    mallory = {"email": "mallory@example.jp", "email_confirm": "mallory@example.jp"}
    async with new_api(any_app) as api:
        for n in range(5):
            with pytest.raises(InvalidCredentials):
                await api.open_with_code(_code_request(number, f"WRONGCODE{n}", **mallory))
        with pytest.raises(RateLimited):  # mallory is stopped…
            await api.open_with_code(_code_request(number, "WRONGCODE9", **mallory))
        await api.open_with_code(_code_request(number, code))  # …jiro is not
    assert "Authentication key:" in outbox.last("jiro@example.jp").body


async def test_parallel_wrong_passwords_in_a_session_get_no_more_than_five_tries(
    any_app: FastAPI, outbox: Outbox
) -> None:
    """A burst of guesses at once (PostgreSQL runs them side by side): four are told
    "wrong", the rest find the account locked — none is compared beyond the fifth."""
    account = await seed_account(any_app)
    async with new_api(any_app) as api:
        await sign_in(api, outbox, account)

        async def guess(n: int) -> str:
            try:
                await api.change_password(f"Wrong#{n:04d}pw", NEW_PASSWORD, NEW_PASSWORD)
            except InvalidCredentials:
                return "wrong"
            except (AccountLocked, SessionExpired):
                return "stopped"
            return "changed"

        outcomes = await asyncio.gather(*(guess(n) for n in range(12)))
    assert sorted(outcomes) == ["stopped"] * 8 + ["wrong"] * 4
    assert await _locked_at(any_app, account.account_id) is not None
    async with new_api(any_app) as api:
        with pytest.raises(AccountLocked):
            await api.login(account.email, account.password)
