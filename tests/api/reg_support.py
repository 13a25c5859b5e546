"""Shared pieces of the registration tests (issue 4): valid step bodies and the online
opening flow through the real client, server, database and SMTP server."""

from __future__ import annotations

from api_client.client import MyPageClient
from api_client.job_models import Feature, WorkStyle
from api_client.profile_models import (
    BasicInfo,
    Career,
    Careers,
    CareerStatus,
    ContactMeans,
    DesiredPlace,
    DesiredWork,
    Education,
    EducationInfo,
    EducationStatus,
    EmploymentPeriod,
    Gender,
    LeavingReason,
    OpenOnlineRequest,
    Publication,
    SelfPr,
    SignedIn,
    StepBody,
    WorkForm,
)
from tests.conftest import Outbox

PASSWORD = "Hanako#2026pw"


def valid_steps(postal_code: str = "100-0001") -> dict[int, StepBody]:
    return {
        1: BasicInfo(
            family_name="求職",
            given_name="花子",
            family_name_kana="キュウショク",
            given_name_kana="ハナコ",
            birth_date="1995-05-05",
            gender=Gender.female,
            postal_code=postal_code,
            address="千代田１－１",
            phone_mobile="090-1234-5678",
        ),
        2: Publication(
            publish=False,
            contact_allowed=True,
            contact_means=[ContactMeans.post, ContactMeans.mobile_phone],
        ),
        3: DesiredWork(
            work_style=WorkStyle.full_time,
            employment_period=EmploymentPeriod.indefinite,
            occupations_undecided=True,
            hours_none=True,
            days_off_none=True,
            features=[Feature.care],
        ),
        4: DesiredPlace(),
        5: EducationInfo(last_education=Education.high_school, status=EducationStatus.graduated),
        6: Careers(
            careers=[
                Career(
                    work_form=WorkForm.employed,
                    employment_type="正社員",
                    job_content="施設での介護",
                    start="2015-04",
                    end="2020-03",
                    status=CareerStatus.left,
                    leaving_reason=LeavingReason.own,
                )
            ]
        ),
        7: SelfPr(),
    }


async def open_online(
    api: MyPageClient, outbox: Outbox, email: str, password: str = PASSWORD
) -> SignedIn:
    await api.open_online(
        OpenOnlineRequest(agreed_privacy=True, agreed_terms=True, email=email, email_confirm=email)
    )
    key = outbox.read_auth_key(email)
    return await api.confirm_opening(email, key, password, password)


async def register(
    api: MyPageClient, outbox: Outbox, email: str, steps: dict[int, StepBody] | None = None
) -> str:
    """Open online, fill all 7 steps, complete: the 求職番号."""
    await open_online(api, outbox, email)
    for n, body in (steps or valid_steps()).items():
        res = await api.save_registration_step(n, body)
        assert res.complete, (n, res.errors)
    done = await api.complete_registration()
    return done.seeker_number


async def log_in(api: MyPageClient, outbox: Outbox, email: str, password: str = PASSWORD) -> None:
    res = await api.login(email, password)
    assert res.login_ticket is not None
    await api.verify_otp(res.login_ticket, outbox.read_otp(email))
