"""OTP-skip device tokens: remember, rotate, reuse detection, revocation, 90-day expiry."""

from __future__ import annotations

from datetime import timedelta

import pytest
from fastapi import FastAPI

from api_client.models import LoginStatus
from tests.api.flows import sign_in
from tests.conftest import Outbox, SeededAccount, SettableClock, new_api, seed_account


async def remembered(app: FastAPI, outbox: Outbox, account: SeededAccount) -> str:
    async with new_api(app) as api:
        verified = await sign_in(api, outbox, account, remember_device=True, label="自宅のPC")
        assert verified.device is not None
        return verified.device.device_token


async def test_remember_device_then_login_skips_otp_and_rotates(
    app, outbox, account, clock: SettableClock
) -> None:
    first_at = clock.now()
    async with new_api(app) as api:
        verified = await sign_in(api, outbox, account, remember_device=True, label="自宅のPC")
        grant = verified.device
        assert grant is not None
        assert grant.expires_at == first_at + timedelta(days=90)
        home = await api.home()
        assert home.otp_skip_devices is True
        devices = (await api.devices()).devices
        assert [(d.label, d.expires_at) for d in devices] == [("自宅のPC", grant.expires_at)]

    clock.advance(days=10)
    mails_before = len(outbox.to(account.email))
    async with new_api(app) as api:
        res = await api.login(account.email, account.password, device_token=grant.device_token)
        assert res.status is LoginStatus.signed_in
        assert res.session is not None and res.login_ticket is None
        assert res.device is not None
        assert res.device.device_token != grant.device_token
        assert res.device.expires_at == grant.expires_at  # absolute from the first issue
        assert len(outbox.to(account.email)) == mails_before  # no OTP mail
        home = await api.home()
        assert home.last_login_at == first_at
        devices = (await api.devices()).devices
        assert len(devices) == 1
        assert devices[0].created_at == first_at
        assert devices[0].last_used_at == clock.now()


async def test_device_token_still_needs_the_password(app, outbox, account) -> None:
    token = await remembered(app, outbox, account)
    from api_client.errors import InvalidCredentials

    async with new_api(app) as api:
        with pytest.raises(InvalidCredentials):
            await api.login(account.email, "Wrong#pass123", device_token=token)


async def test_reuse_of_a_rotated_token_revokes_the_family(app, outbox, account) -> None:
    old = await remembered(app, outbox, account)
    async with new_api(app) as api:
        rotated = await api.login(account.email, account.password, device_token=old)
        assert rotated.device is not None
        new = rotated.device.device_token

    async with new_api(app) as thief:
        res = await thief.login(account.email, account.password, device_token=old)
        assert res.status is LoginStatus.otp_required
    async with new_api(app) as api:
        # The legitimate newest token died with its family.
        res = await api.login(account.email, account.password, device_token=new)
        assert res.status is LoginStatus.otp_required
        await api.verify_otp(res.login_ticket, outbox.read_otp(account.email))
        assert (await api.devices()).devices == []


async def test_resume_otp_on_all_devices(app, outbox, account) -> None:
    token = await remembered(app, outbox, account)
    second = await remembered(app, outbox, account)
    async with new_api(app) as api:
        res = await api.login(account.email, account.password, device_token=token)
        assert res.status is LoginStatus.signed_in
        assert len((await api.devices()).devices) == 2
        await api.resume_otp_all_devices()
        assert (await api.devices()).devices == []
        assert (await api.home()).otp_skip_devices is False
    async with new_api(app) as api:
        for t in (res.device.device_token, second):
            res2 = await api.login(account.email, account.password, device_token=t)
            assert res2.status is LoginStatus.otp_required


async def test_device_token_expires_after_90_days(app, outbox, account, clock) -> None:
    token = await remembered(app, outbox, account)
    clock.advance(days=89, hours=23)
    async with new_api(app) as api:
        res = await api.login(account.email, account.password, device_token=token)
        assert res.status is LoginStatus.signed_in
        token = res.device.device_token
    clock.advance(hours=1)  # 90 days after the first issue, however often it was rotated
    async with new_api(app) as api:
        res = await api.login(account.email, account.password, device_token=token)
        assert res.status is LoginStatus.otp_required


async def test_token_of_another_account_is_ignored(app, outbox, account) -> None:
    token = await remembered(app, outbox, account)
    other = await seed_account(app, email="hanako@example.jp", name="求職 花子")
    async with new_api(app) as api:
        res = await api.login(other.email, other.password, device_token=token)
        assert res.status is LoginStatus.otp_required
    async with new_api(app) as api:  # and it still works for its owner
        res = await api.login(account.email, account.password, device_token=token)
        assert res.status is LoginStatus.signed_in


async def test_garbage_device_token_falls_back_to_otp(api, account) -> None:
    res = await api.login(account.email, account.password, device_token="x" * 43)
    assert res.status is LoginStatus.otp_required
