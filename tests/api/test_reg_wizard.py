"""The 7-step registration: drafts on the server, per-field errors, completion, profile."""

from __future__ import annotations

import re

import pytest
from fastapi import FastAPI

from api_client.errors import APIStatusError
from api_client.models import ErrorCode, RegistrationStatus
from api_client.profile_models import (
    BasicInfo,
    Career,
    Careers,
    CareerStatus,
    ContactMeans,
    DesiredPlace,
    DesiredWork,
    Publication,
    SelfPr,
    WorkForm,
)
from tests.api.reg_support import open_online, register, valid_steps
from tests.conftest import Outbox, new_api


async def test_online_registration_all_steps_assigns_number_and_office(
    app: FastAPI, outbox: Outbox
) -> None:
    steps = valid_steps(postal_code="〒１６０ー００２３")  # 新宿区西新宿, typed full-width
    async with new_api(app) as api:
        await open_online(api, outbox, "wizard@example.jp")
        view = await api.registration()
        assert not view.registered and not any(s.complete for s in view.states[:3])
        first = await api.save_registration_step(1, steps[1])
        assert first.complete and first.values["postal_code"] == "160-0023"
        assert [(n.field, n.after) for n in first.normalised] == [("postal_code", "160-0023")]
        assert first.address is not None
        assert first.address.municipality == "新宿区" and first.address.prefecture == "東京都"
        assert first.address.office_name == "新宿公共職業安定所"
        for n in range(2, 8):
            assert (await api.save_registration_step(n, steps[n])).complete, n
        view = await api.registration()
        assert all(s.complete for s in view.states)
        done = await api.complete_registration()
        assert re.fullmatch(r"71309-\d{8}", done.seeker_number)
        assert done.office_name == "新宿公共職業安定所" and done.online_only
        assert done.registration_valid_until.isoformat() == "2026-07-31"
        home = await api.home()
        assert home.seeker_number == done.seeker_number and home.name == "求職 花子"
        assert home.office_name == "新宿公共職業安定所"
        assert home.registration_status is RegistrationStatus.valid
        profile = await api.profile()
        assert profile.steps.careers.careers[0].job_content == "施設での介護"
        assert profile.online_only and profile.address is not None
        # Registered: the wizard is closed, the profile is where changes go.
        with pytest.raises(APIStatusError) as err:
            await api.save_registration_step(7, SelfPr(self_pr="x"))
        assert err.value.code is ErrorCode.conflict


async def test_errors_name_fields_and_drafts_survive_a_restart(
    app: FastAPI, outbox: Outbox
) -> None:
    async with new_api(app) as api:
        await open_online(api, outbox, "draft@example.jp")
        token = api.session_token
        # Step 3 with the problems people hit: both occupation and 検討中, a bad time.
        res = await api.save_registration_step(
            3,
            DesiredWork(
                occupations=["0401", "９９９９"],
                occupations_undecided=True,
                hours_from="２５:００",
                hours_to="17:00",
                days_off_none=True,
            ),
        )
        assert not res.complete
        codes = {(e.field, e.code) for e in res.errors}
        assert ("work_style", "required") in codes
        assert ("employment_period", "required") in codes
        assert ("occupations_undecided", "choose_or_undecided") in codes
        assert ("occupations.1", "unknown_code") in codes
        assert ("hours_from", "time_not_real") in codes
        assert all(e.params["step"] == 3 for e in res.errors)
        assert res.values["occupations"] == ["0401", "9999"]  # stored as typed (normalised)
        # Careers: field paths inside the list, full-width limits.
        careers = Careers(
            careers=[
                Career(
                    work_form=WorkForm.employed,
                    employment_type="あ" * 31,
                    job_content="い" * 101,
                    start="2020-13",
                    status=CareerStatus.left,
                )
            ]
        )
        res = await api.save_registration_step(6, careers)
        codes = {(e.field, e.code) for e in res.errors}
        assert ("careers.0.employment_type", "fullwidth_too_long") in codes
        assert ("careers.0.job_content", "fullwidth_too_long") in codes
        assert ("careers.0.start", "date_not_real") in codes
        assert ("careers.0.end", "required") in codes
        assert ("careers.0.leaving_reason", "required") in codes
        # Completing now lists every missing step's fields with its step number.
        with pytest.raises(APIStatusError) as err:
            await api.complete_registration()
        steps_with_errors = {f.params["step"] for f in err.value.fields}
        assert steps_with_errors == {1, 2, 3, 5, 6}

    # "Quit and come back": a new client with the same session sees everything typed.
    async with new_api(app) as api:
        api.session_token = token
        view = await api.registration()
        assert view.steps.desired_work.hours_from == "25:00"
        assert view.steps.careers.careers[0].job_content == "い" * 101
        # Jump back to step 1 and on: nothing else is lost.
        await api.save_registration_step(1, valid_steps()[1])
        view = await api.registration()
        assert view.states[0].complete and view.steps.careers.careers[0].start == "2020-13"


async def test_cross_step_contact_and_phone_rules(app: FastAPI, outbox: Outbox) -> None:
    steps = valid_steps()
    steps[1] = steps[1].model_copy(update={"phone_mobile": "", "phone_fixed": "03-1234-5678"})
    steps[2] = Publication(
        publish=True, contact_allowed=True, contact_means=[ContactMeans.mobile_phone]
    )
    async with new_api(app) as api:
        await open_online(api, outbox, "contact@example.jp")
        for n, body in steps.items():
            await api.save_registration_step(n, body)
        with pytest.raises(APIStatusError) as err:
            await api.complete_registration()
        assert [(f.field, f.code, f.params["step"]) for f in err.value.fields] == [
            ("contact_means.0", "contact_needs_phone_mobile", 2)
        ]
        res = await api.save_registration_step(
            1, BasicInfo(phone_fixed="090-1234-5678", phone_mobile="03-1234-5678")
        )
        codes = {(e.field, e.code) for e in res.errors}
        assert ("phone_fixed", "phone_fixed_format") in codes
        assert ("phone_mobile", "phone_mobile_format") in codes
        res = await api.save_registration_step(1, BasicInfo())
        assert ("phone_mobile", "phone_one_required") in {(e.field, e.code) for e in res.errors}


async def test_wrong_shape_is_a_422_with_dotted_paths(app: FastAPI, outbox: Outbox) -> None:
    async with new_api(app) as api:
        await open_online(api, outbox, "shape@example.jp")
        with pytest.raises(APIStatusError) as err:
            await api._call(
                "PUT",
                "/me/registration/steps/6",
                body=None,
            )
        assert err.value.status_code == 422
        raw = {"careers": [{"status": "sleeping"}], "extra": 1}
        with pytest.raises(APIStatusError) as err:
            await api._http.request(
                "PUT",
                "/api/v1/me/registration/steps/6",
                json=raw,
                headers={"Authorization": f"Bearer {api.session_token}"},
            )
        fields = {f.field for f in err.value.fields}
        assert fields == {"careers.0.status", "extra"}


async def test_profile_changes_use_the_same_rules(app: FastAPI, outbox: Outbox) -> None:
    async with new_api(app) as api:
        await register(api, outbox, "profile@example.jp")
        with pytest.raises(APIStatusError) as err:
            await api.update_profile(
                6, Careers(careers=[Career(job_content="う" * 101, status=CareerStatus.current)])
            )
        assert err.value.code is ErrorCode.validation_error
        assert {f.field for f in err.value.fields} >= {"careers.0.job_content", "careers.0.start"}
        before = await api.profile()
        assert before.steps.careers.careers[0].job_content == "施設での介護"  # nothing stored

        place = await api.update_profile(
            4,
            DesiredPlace(prefectures=["１３"], minimum_wage="２００，０００", wage_kind="monthly"),
        )
        assert place.values["prefectures"] == ["13"] and place.values["minimum_wage"] == "200000"
        moved = valid_steps(postal_code="530-0001")[1]  # 大阪市北区
        res = await api.update_profile(1, moved)
        assert res.address is not None and res.address.prefecture == "大阪府"
        profile = await api.profile()
        assert profile.office_name == "大阪東公共職業安定所"
        assert profile.steps.desired_place.prefectures == ["13"]


async def test_postal_code_lookup(app: FastAPI) -> None:
    async with new_api(app) as api:
        found = await api.lookup_postal_code("〒３４３ー０８１３")  # 越谷市
        assert found.prefecture_code == "11" and found.municipality == "越谷市"
        assert found.office_name == "越谷公共職業安定所"
        found = await api.lookup_postal_code("0600001")  # 札幌市中央区
        assert found.office_name == "札幌公共職業安定所"
        with pytest.raises(APIStatusError) as err:
            await api.lookup_postal_code("999-9999")
        assert err.value.code is ErrorCode.not_found
