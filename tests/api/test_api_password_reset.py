"""Password reset by 認証キー: mail, replacement, expiry, single use, policy, unlock, revocation."""

from __future__ import annotations

import httpx
import pytest

from api_client.errors import (
    AccountLocked,
    AuthKeyAttemptsExhausted,
    AuthKeyExpired,
    AuthKeyInvalid,
    InvalidCredentials,
    PasswordPolicyError,
    SessionExpired,
)
from api_client.models import LoginStatus
from api_client.validation import PASSWORD_SYMBOLS
from tests.api.flows import sign_in
from tests.conftest import new_api

NEW_PASSWORD = "Hanami!2026spring"


async def test_reset_by_mailed_key(api, outbox, account) -> None:
    await api.request_password_reset(account.email)
    mail = outbox.last(account.email)
    assert "認証キー" in mail.body and "有効期限は50分" in mail.body
    assert mail.body.index("認証キー：") < mail.body.index("Authentication key:")
    key = outbox.read_auth_key(account.email)
    assert len(key) == 10

    await api.confirm_password_reset(account.email, key, NEW_PASSWORD, NEW_PASSWORD)
    changed = outbox.last(account.email)
    assert "パスワードが変更されました" in changed.subject

    with pytest.raises(InvalidCredentials):
        await api.login(account.email, account.password)
    await sign_in(api, outbox, account, password=NEW_PASSWORD)


async def test_unknown_email_is_accepted_the_same(client: httpx.AsyncClient, outbox, account):
    known = await client.post("/api/v1/auth/password-reset", json={"email": account.email})
    unknown = await client.post("/api/v1/auth/password-reset", json={"email": "no@example.jp"})
    assert known.status_code == unknown.status_code == 202
    assert known.json() == unknown.json() == {"accepted": True}
    # Each address gets one mail: the key for the account, a notice without one elsewhere.
    assert [m.rcpt_tos for m in outbox.all()] == [[account.email], ["no@example.jp"]]
    assert "Authentication key:" in outbox.last(account.email).body
    notice = outbox.last("no@example.jp")
    assert "Authentication key" not in notice.body and "認証キー" not in notice.body
    assert "このアドレスで登録された求職者マイページはありません" in notice.body


async def test_newest_key_replaces_older(api, outbox, account, clock) -> None:
    await api.request_password_reset(account.email)
    first = outbox.read_auth_key(account.email)
    clock.advance(minutes=1)
    await api.request_password_reset(account.email)
    second = outbox.read_auth_key(account.email)
    with pytest.raises(AuthKeyInvalid):
        await api.confirm_password_reset(account.email, first, NEW_PASSWORD, NEW_PASSWORD)
    await api.confirm_password_reset(account.email, second, NEW_PASSWORD, NEW_PASSWORD)


async def test_key_expires_after_50_minutes(api, outbox, account, clock) -> None:
    await api.request_password_reset(account.email)
    key = outbox.read_auth_key(account.email)
    clock.advance(minutes=50)
    with pytest.raises(AuthKeyExpired) as err:
        await api.confirm_password_reset(account.email, key, NEW_PASSWORD, NEW_PASSWORD)
    assert err.value.status_code == 400


async def test_key_works_once(api, outbox, account) -> None:
    await api.request_password_reset(account.email)
    key = outbox.read_auth_key(account.email)
    await api.confirm_password_reset(account.email, key, NEW_PASSWORD, NEW_PASSWORD)
    with pytest.raises(AuthKeyInvalid):
        await api.confirm_password_reset(account.email, key, "Other#pass2026", "Other#pass2026")


async def test_five_wrong_keys_kill_the_key(api, outbox, account) -> None:
    await api.request_password_reset(account.email)
    key = outbox.read_auth_key(account.email)
    for remaining in (4, 3, 2, 1):
        with pytest.raises(AuthKeyInvalid) as err:
            await api.confirm_password_reset(
                account.email, "wrongKey#1", NEW_PASSWORD, NEW_PASSWORD
            )
        assert err.value.params == {"remaining": remaining}
    with pytest.raises(AuthKeyAttemptsExhausted):
        await api.confirm_password_reset(account.email, "wrongKey#1", NEW_PASSWORD, NEW_PASSWORD)
    with pytest.raises(AuthKeyAttemptsExhausted):
        await api.confirm_password_reset(account.email, key, NEW_PASSWORD, NEW_PASSWORD)


async def test_key_for_unknown_email(api) -> None:
    with pytest.raises(AuthKeyInvalid):
        await api.confirm_password_reset("no@example.jp", "z7QLe&76F7", NEW_PASSWORD, NEW_PASSWORD)


@pytest.mark.parametrize(
    ("password", "confirm", "expected"),
    [
        (
            "abcdefgh",
            "abcdefgh",
            [
                ("new_password", "password_missing_digit"),
                ("new_password", "password_missing_symbol"),
            ],
        ),
        ("Ab1!", "Ab1!", [("new_password", "password_too_short")]),
        ("Ａbcdef1!", "Ａbcdef1!", [("new_password", "password_forbidden_char")]),
        (NEW_PASSWORD, NEW_PASSWORD + "x", [("new_password_confirm", "password_mismatch")]),
        ("Password1!", "Password1!", [("new_password", "password_common")]),
    ],
)
async def test_policy_errors_name_what_is_missing(
    api, outbox, account, password, confirm, expected
) -> None:
    await api.request_password_reset(account.email)
    key = outbox.read_auth_key(account.email)
    with pytest.raises(PasswordPolicyError) as err:
        await api.confirm_password_reset(account.email, key, password, confirm)
    assert err.value.status_code == 422
    assert [(f.field, f.code) for f in err.value.fields] == expected
    for f in err.value.fields:
        assert f.message
        if f.code == "password_missing_symbol":
            assert f.params == {"symbols": PASSWORD_SYMBOLS}
        if f.code == "password_forbidden_char":
            assert f.params["chars"] == "Ａ"
    # A policy error does not spend the key.
    await api.confirm_password_reset(account.email, key, NEW_PASSWORD, NEW_PASSWORD)


async def test_reset_unlocks_and_revokes_sessions_and_devices(app, outbox, account) -> None:
    async with new_api(app) as old_device:
        verified = await sign_in(old_device, outbox, account, remember_device=True)
        token = verified.device.device_token
        async with new_api(app) as attacker:
            for _ in range(5):
                with pytest.raises((InvalidCredentials, AccountLocked)):
                    await attacker.login(account.email, "Wrong#pass123")
            with pytest.raises(AccountLocked):
                await attacker.login(account.email, account.password)
            await attacker.request_password_reset(account.email)
            key = outbox.read_auth_key(account.email)
            await attacker.confirm_password_reset(account.email, key, NEW_PASSWORD, NEW_PASSWORD)

        with pytest.raises(SessionExpired):
            await old_device.home()

    async with new_api(app) as api:
        res = await api.login(account.email, NEW_PASSWORD, device_token=token)
        assert res.status is LoginStatus.otp_required  # the skip token was revoked
        await api.verify_otp(res.login_ticket, outbox.read_otp(account.email))
        assert (await api.home()).otp_skip_devices is False
