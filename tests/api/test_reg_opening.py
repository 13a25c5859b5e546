"""Opening a MyPage (code / online), its 認証キー rules, documents, re-registration."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from fastapi import FastAPI

from api_client.errors import APIStatusError
from api_client.models import ErrorCode, LoginStatus
from api_client.profile_models import DocumentKind, OpenOnlineRequest, OpenWithCodeRequest
from server.accounts.service import create_seeker
from tests.api.reg_support import PASSWORD, open_online, register
from tests.conftest import Outbox, SettableClock, app_state, new_api


async def _counter_seeker(app: FastAPI, email: str = "jiro@example.jp") -> tuple[str, str]:
    state = app_state(app)
    async with state.sessionmaker() as db:
        created = await create_seeker(
            db,
            state.env,
            name="求職 次郎",
            seeker_number="13010-00001234",
            birth_date=date(1988, 2, 29),
            email=email,
        )
    return created.seeker.seeker_number, created.creation_code


def _code_request(number: str, code: str, **over: object) -> OpenWithCodeRequest:
    values: dict[object, object] = {
        "agreed_privacy": True,
        "agreed_terms": True,
        "email": "jiro@example.jp",
        "email_confirm": "jiro@example.jp",
        "seeker_number": number,
        "birth_date": "1988-02-29",
        "creation_code": code,
    }
    return OpenWithCodeRequest.model_validate(values | over)


async def test_documents_are_served_in_full(app: FastAPI) -> None:
    async with new_api(app) as api:
        privacy = await api.document(DocumentKind.privacy)
        terms = await api.document(DocumentKind.terms)
    assert privacy.title_ja == "プライバシーポリシー" and "5年" in privacy.body_ja
    assert "5 years" in privacy.body_en
    assert terms.title_en == "Terms of Use" and "30日" in terms.body_ja


async def test_open_with_code_signs_in_and_normalises(app: FastAPI, outbox: Outbox) -> None:
    number, code = await _counter_seeker(app)
    async with new_api(app) as api:
        sent = await api.open_with_code(
            # Full-width digits, a full-width ＠ and a lower-case code are unambiguous.
            _code_request(
                "１３０１０ー００００１２３４",
                code.lower(),
                email="jiro＠example.jp",
                birth_date="１９８８/０２/２９",
            )
        )
        changed = {n.field: n.after for n in sent.normalised}
        assert changed["seeker_number"] == number and changed["email"] == "jiro@example.jp"
        assert changed["birth_date"] == "1988-02-29" and changed["creation_code"] == code
        mail = outbox.last("jiro@example.jp")
        assert "パスワード登録申込受付通知" in mail.subject
        assert mail.body.index("認証キー") < mail.body.index("Authentication key")
        signed = await api.confirm_opening(
            "jiro@example.jp", outbox.read_auth_key("jiro@example.jp"), PASSWORD, PASSWORD
        )
        assert signed.has_registration
        home = await api.home()
        assert home.seeker_number == number and home.name == "求職 次郎"
    # The code is spent: a second opening with it fails with the generic answer.
    async with new_api(app) as api:
        with pytest.raises(APIStatusError) as err:
            await api.open_with_code(_code_request(number, code))
        assert err.value.code is ErrorCode.invalid_credentials


async def test_wrong_code_number_or_birth_date_get_one_answer_and_are_limited(
    app: FastAPI, outbox: Outbox
) -> None:
    number, code = await _counter_seeker(app)
    wrong = [
        _code_request(number, "WRONGCODE1"),
        _code_request("13010-00009999", code),
        _code_request(number, code, birth_date="1988-03-01"),
        _code_request(number, code, email="other@example.jp", email_confirm="other@example.jp"),
    ]
    async with new_api(app) as api:
        answers = set()
        for req in wrong:
            with pytest.raises(APIStatusError) as err:
                await api.open_with_code(req)
            answers.add((err.value.status_code, err.value.code, err.value.body.message))
        assert len(answers) == 1 and next(iter(answers))[1] is ErrorCode.invalid_credentials
        # Two failures counted against this address and number (the unknown number and the
        # other address count on their own); three more wrong tries use up the five, then
        # even the right code is refused from this address.
        for n, remaining in (("WRONGCODE2", 2), ("WRONGCODE3", 1), ("WRONGCODE4", 0)):
            with pytest.raises(APIStatusError) as err:
                await api.open_with_code(_code_request(number, n))
            assert err.value.params["remaining"] == remaining
        with pytest.raises(APIStatusError) as err:
            await api.open_with_code(_code_request(number, code))
        assert err.value.code is ErrorCode.rate_limited
    assert outbox.to("jiro@example.jp") == []


async def test_open_with_code_field_errors_name_the_field(app: FastAPI) -> None:
    async with new_api(app) as api:
        with pytest.raises(APIStatusError) as err:
            await api.open_with_code(
                _code_request(
                    "1301-1",
                    "ABCDEFGHIJK",
                    agreed_terms=False,
                    email_confirm="jiro@example.com",
                    birth_date="1988-02-30",
                )
            )
    fields = {(f.field, f.code) for f in err.value.fields}
    assert fields == {
        ("agreed_terms", "must_agree"),
        ("email_confirm", "email_mismatch"),
        ("seeker_number", "seeker_number_format"),
        ("birth_date", "date_not_real"),
        ("creation_code", "too_long"),
    }


async def test_online_opening_mail_and_session(app: FastAPI, outbox: Outbox) -> None:
    async with new_api(app) as api:
        signed = await open_online(api, outbox, "hanako@example.jp")
        assert not signed.has_registration
        assert "アカウント仮登録完了通知" in outbox.last("hanako@example.jp").subject
        home = await api.home()
        assert home.seeker_number is None
    # The new password works for a normal login (OTP by mail).
    async with new_api(app) as api:
        res = await api.login("hanako@example.jp", PASSWORD)
        assert res.status is LoginStatus.otp_required


async def test_expired_replaced_and_reused_keys(
    app: FastAPI, outbox: Outbox, clock: SettableClock
) -> None:
    email = "keys@example.jp"
    req = OpenOnlineRequest(
        agreed_privacy=True, agreed_terms=True, email=email, email_confirm=email
    )
    async with new_api(app) as api:
        await api.open_online(req)
        first = outbox.read_auth_key(email)
        clock.advance(minutes=51)
        with pytest.raises(APIStatusError) as err:
            await api.confirm_opening(email, first, PASSWORD, PASSWORD)
        assert err.value.code is ErrorCode.auth_key_expired

        await api.open_online(req)
        older = outbox.read_auth_key(email)
        await api.open_online(req)
        newest = outbox.read_auth_key(email)
        assert older != newest
        with pytest.raises(APIStatusError) as err:
            await api.confirm_opening(email, older, PASSWORD, PASSWORD)
        assert err.value.code is ErrorCode.auth_key_invalid

        clock.advance(minutes=49)  # still inside the newest key's 50 minutes
        await api.confirm_opening(email, newest, PASSWORD, PASSWORD)
    async with new_api(app) as api:
        with pytest.raises(APIStatusError) as err:
            await api.confirm_opening(email, newest, PASSWORD, PASSWORD)
        assert err.value.code is ErrorCode.auth_key_invalid


async def test_password_rule_on_opening(app: FastAPI, outbox: Outbox) -> None:
    email = "rule@example.jp"
    async with new_api(app) as api:
        await api.open_online(
            OpenOnlineRequest(
                agreed_privacy=True, agreed_terms=True, email=email, email_confirm=email
            )
        )
        key = outbox.read_auth_key(email)
        with pytest.raises(APIStatusError) as err:
            await api.confirm_opening(email, key, "password¥12", "password¥12")
        assert {f.code for f in err.value.fields} >= {"password_forbidden_char"}
        assert err.value.fields[0].field == "password"
        # The key was not spent by the refused password.
        await api.confirm_opening(email, key, PASSWORD, PASSWORD)


async def test_existing_address_gets_a_mail_not_a_key(app: FastAPI, outbox: Outbox) -> None:
    async with new_api(app) as api:
        await open_online(api, outbox, "twice@example.jp")
    outbox.clear()
    async with new_api(app) as api:
        await api.open_online(
            OpenOnlineRequest(
                agreed_privacy=True,
                agreed_terms=True,
                email="twice@example.jp",
                email_confirm="twice@example.jp",
            )
        )
    mail = outbox.last("twice@example.jp")
    assert "Authentication key" not in mail.body and "already exists" in mail.body


@pytest.mark.parametrize(("days", "works"), [(30, True), (31, False)])
async def test_reregistration_on_day_30_and_31(
    app: FastAPI, outbox: Outbox, clock: SettableClock, days: int, works: bool
) -> None:
    email = "back@example.jp"
    async with new_api(app) as api:
        number = await register(api, outbox, email)
        token = api.session_token
        await api.withdraw(PASSWORD)
        assert not api.signed_in
        assert "退会" in outbox.last(email).subject
        api.session_token = token  # the old session is revoked on the server too
        with pytest.raises(APIStatusError) as err:
            await api.home()
        assert err.value.status_code == 401
    async with new_api(app) as api:
        with pytest.raises(APIStatusError) as err:
            await api.login(email, PASSWORD)
        assert err.value.code is ErrorCode.invalid_credentials

    clock.advance(timedelta(days=days))
    async with new_api(app) as api:
        if works:
            await api.request_reregistration(email, PASSWORD)
            signed = await api.confirm_reregistration(email, outbox.read_auth_key(email))
            assert signed.has_registration
            assert (await api.home()).seeker_number == number
        else:
            with pytest.raises(APIStatusError) as err:
                await api.request_reregistration(email, PASSWORD)
            assert err.value.code is ErrorCode.conflict
            assert err.value.params["reason"] == "reregistration_period_over"
            # The address is free for a fresh MyPage.
            signed = await open_online(api, outbox, email)
            assert not signed.has_registration


async def test_reregistration_needs_the_old_password(app: FastAPI, outbox: Outbox) -> None:
    email = "pw@example.jp"
    async with new_api(app) as api:
        await open_online(api, outbox, email)
        await api.withdraw(PASSWORD)
    outbox.clear()
    async with new_api(app) as api:
        with pytest.raises(APIStatusError) as err:
            await api.request_reregistration(email, "Other#2026pw")
        assert err.value.code is ErrorCode.invalid_credentials
    assert outbox.to(email) == []


async def test_withdraw_needs_the_password(app: FastAPI, outbox: Outbox) -> None:
    async with new_api(app) as api:
        await open_online(api, outbox, "stay@example.jp")
        with pytest.raises(APIStatusError) as err:
            await api.withdraw("Wrong#2026pw")
        assert [(f.field, f.code) for f in err.value.fields] == [("password", "password_wrong")]
        assert (await api.settings()).email == "stay@example.jp"
