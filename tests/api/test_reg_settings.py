"""Settings: e-mail change, password change, registration 有効 ⇔ 無効, delivery, contact."""

from __future__ import annotations

from datetime import timedelta

import pytest
from fastapi import FastAPI

from api_client.errors import APIStatusError
from api_client.job_models import JobSearchRequest
from api_client.models import ErrorCode, LoginStatus, RegistrationStatus
from server.accounts.validity import record_contact
from server.admin import main as admin_main
from tests.api.flows import sign_in
from tests.api.reg_support import PASSWORD, log_in, register
from tests.conftest import Outbox, SettableClock, app_state, new_api, seed_account


async def test_email_changes_only_after_the_key(app: FastAPI, outbox: Outbox) -> None:
    old, new = "old@example.jp", "new@example.jp"
    async with new_api(app) as api:
        await register(api, outbox, old)
        sent = await api.request_email_change("ｎｅｗ@example.jp", new, PASSWORD)
        assert [(n.field, n.after) for n in sent.normalised] == [("new_email", new)]
        mail = outbox.last(new)
        assert "メールアドレス変更" in mail.subject
        settings = await api.settings()
        assert settings.email == old and settings.pending_email == new
        # Not yet: the new address cannot log in, the old one still can.
        async with new_api(app) as other:
            with pytest.raises(APIStatusError) as err:
                await other.login(new, PASSWORD)
            assert err.value.code is ErrorCode.invalid_credentials
            assert (await other.login(old, PASSWORD)).status is LoginStatus.otp_required
        with pytest.raises(APIStatusError) as err:
            await api.confirm_email_change("WRONGKEY12")
        assert err.value.code is ErrorCode.auth_key_invalid
        settings = await api.confirm_email_change(outbox.read_auth_key(new))
        assert settings.email == new and settings.pending_email is None
    notice = outbox.last(old)
    assert "変更されました" in notice.subject and new in notice.body
    async with new_api(app) as api:
        assert (await api.login(new, PASSWORD)).status is LoginStatus.otp_required
        with pytest.raises(APIStatusError):
            await api.login(old, PASSWORD)


async def test_email_change_refuses_the_same_address(app: FastAPI, outbox: Outbox) -> None:
    # (A taken address is answered like a free one: tests/api/test_existence.py.)
    async with new_api(app) as api:
        await register(api, outbox, "me@example.jp")
        with pytest.raises(APIStatusError) as err:
            await api.request_email_change("ME@EXAMPLE.JP", "me@example.jp", PASSWORD)
        assert [(f.field, f.code) for f in err.value.fields] == [("new_email", "email_same")]


async def test_password_change_needs_current_and_revokes_devices(
    app: FastAPI, outbox: Outbox
) -> None:
    account = await seed_account(app)
    new_password = "Brand#New2026"
    async with new_api(app) as phone, new_api(app) as laptop:
        remembered = await sign_in(phone, outbox, account, remember_device=True, label="phone")
        assert remembered.device is not None
        await sign_in(laptop, outbox, account)
        assert (await laptop.settings()).otp_skip_devices
        with pytest.raises(APIStatusError) as err:
            await laptop.change_password("Wrong#2026pw", new_password, new_password)
        assert [(f.field, f.code) for f in err.value.fields] == [
            ("current_password", "password_wrong")
        ]
        with pytest.raises(APIStatusError) as err:
            await laptop.change_password(account.password, "short1!", "short1!")
        assert err.value.code is ErrorCode.password_policy
        await laptop.change_password(account.password, new_password, new_password)
        # This session goes on; the other one and every remembered device are gone.
        settings = await laptop.settings()
        assert not settings.otp_skip_devices
        with pytest.raises(APIStatusError) as err:
            await phone.home()
        assert err.value.code is ErrorCode.session_expired
    async with new_api(app) as phone:
        res = await phone.login(account.email, new_password, remembered.device.device_token)
        assert res.status is LoginStatus.otp_required
        with pytest.raises(APIStatusError):
            await phone.login(account.email, account.password)
    subjects = [m.subject for m in outbox.to(account.email)]
    assert any("パスワードが変更されました" in s for s in subjects)


async def test_invalid_registration_blocks_search_and_valid_restores(
    app: FastAPI, outbox: Outbox
) -> None:
    async with new_api(app) as api:
        await register(api, outbox, "switch@example.jp")
        assert (await api.search_jobs(JobSearchRequest())).total == 0
        settings = await api.set_registration_status(RegistrationStatus.invalid)
        assert settings.registration_status is RegistrationStatus.invalid
        for call in (api.search_jobs(JobSearchRequest()), api.notices()):
            with pytest.raises(APIStatusError) as err:
                await call
            assert err.value.status_code == 403
            assert err.value.code is ErrorCode.registration_invalid
        assert (await api.home()).registration_status is RegistrationStatus.invalid
        await api.set_registration_status(RegistrationStatus.valid)
        assert (await api.search_jobs(JobSearchRequest())).total == 0
        assert (await api.notices()).unread == 0


async def test_validity_lapses_and_an_office_contact_extends_it(
    app: FastAPI, outbox: Outbox, clock: SettableClock, tmp_path: object
) -> None:
    async with new_api(app) as api:
        number = await register(api, outbox, "lapse@example.jp")
        assert (await api.settings()).registration_valid_until is not None
        clock.advance(timedelta(days=82))  # 2026-08-01 JST: past 2026-07-31
        await log_in(api, outbox, "lapse@example.jp")
        settings = await api.settings()
        assert settings.registration_status is RegistrationStatus.invalid
        with pytest.raises(APIStatusError) as err:
            await api.search_jobs(JobSearchRequest())
        assert err.value.code is ErrorCode.registration_invalid
        state = app_state(app)
        async with state.sessionmaker() as db:
            until = await record_contact(db, state.env, number)
        assert until is not None and until.isoformat() == "2026-10-31"
        settings = await api.settings()
        assert settings.registration_status is RegistrationStatus.valid
        assert (await api.search_jobs(JobSearchRequest())).total == 0


def test_admin_record_contact_command(
    settings: object, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from server.config import ServerSettings
    from tests.conftest import TEST_SECRET

    assert isinstance(settings, ServerSettings)
    monkeypatch.setenv("HELLOWORK_SECRET_KEY", TEST_SECRET)  # as its server is configured
    url = settings.database_url
    code = admin_main(
        ["record-contact", "--seeker-number", "13010-99999999", "--database-url", url]
    )
    assert code == 2 and "no seeker" in capsys.readouterr().err
    assert (
        admin_main(
            [
                "create-seeker",
                "--name",
                "求職 三郎",
                "--seeker-number",
                "13010-99999999",
                "--birth-date",
                "1990-01-01",
                "--email",
                "saburo@example.jp",
                "--database-url",
                url,
            ]
        )
        == 0
    )
    capsys.readouterr()
    code = admin_main(
        ["record-contact", "--seeker-number", "１３０１０-99999999", "--database-url", url]
    )
    assert code == 0 and "registration valid until" in capsys.readouterr().out


async def test_feature_delivery_setting(app: FastAPI, outbox: Outbox) -> None:
    async with new_api(app) as api:
        await register(api, outbox, "deliver@example.jp")
        assert not (await api.settings()).feature_delivery
        assert (await api.set_feature_delivery(True)).feature_delivery
        assert not (await api.set_feature_delivery(False)).feature_delivery


async def test_settings_of_an_unregistered_account(app: FastAPI, outbox: Outbox) -> None:
    from tests.api.reg_support import open_online

    async with new_api(app) as api:
        await open_online(api, outbox, "plain@example.jp")
        settings = await api.settings()
        assert not settings.has_registration and settings.registration_status is None
        with pytest.raises(APIStatusError) as err:
            await api.set_registration_status(RegistrationStatus.invalid)
        assert err.value.code is ErrorCode.not_found
        with pytest.raises(APIStatusError) as err:
            await api.profile()
        assert err.value.params["reason"] == "no_registration"
