"""Wire models of job search (求人検索), job cards and job sheets (求人票).

Re-exported from `api_client.models`. Everything a client sends forbids unknown fields and is
capped (page size 10/30/50, lengths of free words, at most 3 places/occupations, 5 job numbers).
Numeric conditions are the steps a picker offers (1万円 steps for the monthly wage, 5-day steps
for annual days off, 30-minute steps for hours): the server answers them exactly from its index.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date, datetime
from enum import IntEnum, StrEnum
from typing import Annotated, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    StrictBool,
    StrictInt,
    field_validator,
    model_validator,
)
from pydantic_core import PydanticCustomError

from .wire import RequestModel

JOB_NUMBER_RE = re.compile(r"^\d{5}-\d{1,8}$")
EMPLOYER_NUMBER_RE = re.compile(r"^\d{4}-\d{6}-\d$")
MAX_WORDS = 10
MAX_WORD_CHARS = 50
MAX_WORDS_TEXT = 200
MAX_PAGE = 10_000


class _In(RequestModel):
    """Base of every body a client sends (see wire.py)."""


class _Out(BaseModel):
    model_config = ConfigDict(extra="ignore")


class JobCategory(StrEnum):
    general = "general"  # 一般
    graduate = "graduate"  # 新卒・既卒
    seasonal = "seasonal"  # 季節
    migrant = "migrant"  # 出稼ぎ
    disability = "disability"  # 障害のある方のための求人


class WorkStyle(StrEnum):
    full_time = "full_time"  # フルタイム
    part_time = "part_time"  # パート


class EmploymentType(StrEnum):
    regular = "regular"  # 正社員
    non_regular = "non_regular"  # 正社員以外
    dispatch_fixed = "dispatch_fixed"  # 有期雇用派遣
    dispatch_open = "dispatch_open"  # 無期雇用派遣
    part_time_worker = "part_time_worker"  # パート労働者
    dispatch_fixed_part = "dispatch_fixed_part"  # 有期雇用派遣パート
    dispatch_open_part = "dispatch_open_part"  # 無期雇用派遣パート


class Disclosure(StrEnum):
    """公開範囲, numbered as on the real site."""

    public = "public"  # 1. 事業所名等を含む求人情報を公開する
    seekers_only = "seekers_only"  # 2. 求職者等に限定して事業所名等を含む求人情報を公開する
    without_company = "without_company"  # 3. 事業所名等を含まない求人情報を公開する


DISCLOSURE_NUMBER = {
    Disclosure.public: 1,
    Disclosure.seekers_only: 2,
    Disclosure.without_company: 3,
}


class WeeklyTwoDays(StrEnum):
    """週休二日制."""

    every_week = "every_week"  # 毎週
    other = "other"  # その他 (隔週など)
    none = "none"  # なし


class WeeklyTwoDaysFilter(StrEnum):
    every_week = "every_week"  # 毎週 only
    any = "any"  # 毎週 or その他


class NewWithin(StrEnum):
    """新着."""

    today_yesterday = "today_yesterday"  # 当日・前日
    week = "week"  # 1週間以内


class WordMode(StrEnum):
    all = "all"  # AND
    any = "any"  # OR


class SortKey(StrEnum):
    received_desc = "received_desc"  # 受付年月日 (新しい順)
    deadline_asc = "deadline_asc"  # 紹介期限日 (近い順)


class JobStatus(StrEnum):
    open = "open"
    withdrawn = "withdrawn"
    expired = "expired"


class Feature(StrEnum):
    """特集求人 categories (SPEC §1)."""

    medical = "medical"  # 医療・看護・保健分野
    care = "care"  # 介護分野
    welfare_childcare = "welfare_childcare"  # 福祉・保育・こども分野
    construction = "construction"  # 建設分野
    security = "security"  # 警備分野
    transport = "transport"  # 運輸分野
    senior = "senior"  # シニア求人
    parenting = "parenting"  # 仕事と子育て両立求人


class InsuranceItem(StrEnum):
    """加入保険等 a search can ask for, each on its own."""

    employment = "employment"  # 雇用
    workers_comp = "workers_comp"  # 労災
    health = "health"  # 健康
    pension = "pension"  # 厚生


class DayOff(StrEnum):
    """休日 a search can ask for, each weekday and 祝日 on its own."""

    mon = "mon"
    tue = "tue"
    wed = "wed"
    thu = "thu"
    fri = "fri"
    sat = "sat"
    sun = "sun"
    holiday = "holiday"  # 祝日


class DispatchFilter(StrEnum):
    """派遣・請負: only such postings, or none of them."""

    only = "only"
    exclude = "exclude"


class ContractRenewal(StrEnum):
    """契約更新の可能性 of a fixed-term posting."""

    in_principle = "in_principle"  # あり（原則更新）
    conditional = "conditional"  # あり（条件付きで更新あり）


class HousingKind(StrEnum):
    """入居可能住宅."""

    single = "single"  # 単身用
    family = "family"  # 世帯用


class CarLicence(StrEnum):
    """普通自動車運転免許 as the posting asks for it."""

    required = "required"  # 必須
    preferred = "preferred"  # あれば尚可
    at_ok = "at_ok"  # AT限定可


class JobTag(StrEnum):
    """Short labels on a card (マイカー通勤可 …)."""

    car_commute = "car_commute"
    no_transfer = "no_transfer"
    commute_allowance = "commute_allowance"
    inexperienced_ok = "inexperienced_ok"
    education_not_required = "education_not_required"
    experience_not_required = "experience_not_required"
    licence_not_required = "licence_not_required"
    uij_turn = "uij_turn"
    trial_employment = "trial_employment"
    housing = "housing"
    childcare = "childcare"
    weekends_off = "weekends_off"
    no_overtime = "no_overtime"
    online_application = "online_application"


PrefectureCode = Annotated[str, Field(pattern=r"^\d{2}$")]
MunicipalityCode = Annotated[str, Field(pattern=r"^\d{5}$")]
# 希望する職種: a group "01".."14", a detail = group + 2 digits ("0904").
DesiredGroupCode = Annotated[str, Field(pattern=r"^\d{2}$")]
DesiredJobCode = Annotated[str, Field(pattern=r"^\d{4}$")]
# 職業分類 at any level: 大分類 A–K, 中分類 2 digits, 小分類 3, 細分類 5.
ClassificationCode = Annotated[str, Field(pattern=r"^([A-K]|\d{2}|\d{3}|\d{5})$")]
# 産業分類: 中分類 01–99, or a whole 大分類 A–T.
IndustryCode = Annotated[str, Field(pattern=r"^(\d{2}|[A-T])$")]
HalfHour = Annotated[str, Field(pattern=r"^([01]\d|2[0-4]):(00|30)$")]
# 就業時間 on the real form: hours 00–23 and minutes in 10-minute steps (24:00 = midnight).
TenMinutes = Annotated[str, Field(pattern=r"^(([01]\d|2[0-3]):[0-5]0|24:00)$")]
# 免許・資格コード (4 digits, 1001–9999).
LicenceCode = Annotated[str, Field(pattern=r"^(100[1-9]|10[1-9]\d|1[1-9]\d\d|[2-9]\d{3})$")]
MAX_COMPANY_NAME = 50  # 事業所名 box: full-width characters, like the free words
SLOTS = 3  # prefecture, 希望する職種, 職業分類 and 産業分類 slots on the form
SLOT_DETAILS = 5  # municipalities per prefecture slot, details per 希望する職種 slot


class PlaceSlot(_In):
    """就業場所: a prefecture (59 = 海外) and up to 5 of its municipalities (none = all)."""

    prefecture: PrefectureCode
    municipalities: list[MunicipalityCode] = Field(default_factory=list, max_length=SLOT_DETAILS)

    @model_validator(mode="after")
    def _same_prefecture(self) -> PlaceSlot:
        if any(m[:2] != self.prefecture for m in self.municipalities):
            raise PydanticCustomError(
                "municipality_prefecture", "A municipality must lie in the slot's prefecture."
            )
        return self


class DesiredJobSlot(_In):
    """希望する職種: a group and up to 5 of its details (none = the whole group)."""

    group: DesiredGroupCode
    details: list[DesiredJobCode] = Field(default_factory=list, max_length=SLOT_DETAILS)

    @model_validator(mode="after")
    def _same_group(self) -> DesiredJobSlot:
        if any(d[:2] != self.group for d in self.details):
            raise PydanticCustomError("detail_group", "A detail must belong to the slot's group.")
        return self


class JobSearchRequest(_In):
    """POST /api/v1/jobs/search. Empty lists and false flags mean "no condition"."""

    # --- basic conditions
    category: JobCategory | None = Field(default=None, description="求人区分 (one choice)")
    work_styles: list[WorkStyle] = Field(default_factory=list, max_length=2)
    age: StrictInt | None = Field(default=None, ge=15, le=99, description="the seeker's age")
    age_unrestricted_only: StrictBool = Field(default=False, description="不問のみ")
    age_limited_only: StrictBool = Field(default=False, description="不問をのぞく")
    places: list[PlaceSlot] = Field(default_factory=list, max_length=SLOTS)
    desired_jobs: list[DesiredJobSlot] = Field(default_factory=list, max_length=SLOTS)
    classifications: list[ClassificationCode] = Field(
        default_factory=list, max_length=SLOTS, description="職業分類, any level"
    )
    employment_types: list[EmploymentType] = Field(default_factory=list, max_length=7)
    new_within: NewWithin | None = None
    words: str = Field(default="", max_length=MAX_WORDS_TEXT)
    word_mode: WordMode = WordMode.all
    not_words: str = Field(default="", max_length=MAX_WORDS_TEXT)
    job_numbers: list[str] = Field(default_factory=list, max_length=5)
    employer_number: str | None = Field(default=None, max_length=16)
    # --- detailed conditions
    wage_monthly_min: StrictInt | None = Field(default=None, ge=0, le=1_000_000, multiple_of=10_000)
    wage_includes_allowances: StrictBool = Field(
        default=True, description="手当・固定残業代を含む (false: compare the 基本給)"
    )
    wage_hourly_min: StrictInt | None = Field(default=None, ge=0, le=5_000, multiple_of=50)
    bonus: StrictBool = False
    work_from: TenMinutes | None = Field(default=None, description="start at or after")
    work_until: TenMinutes | None = Field(default=None, description="end at or before")
    exclude_discretionary: StrictBool = Field(default=False, description="裁量労働制をのぞく")
    exclude_variable_hours: StrictBool = Field(default=False, description="変形労働時間制をのぞく")
    no_overtime: StrictBool = Field(default=False, description="時間外労働 なし")
    overtime_some: StrictBool = Field(
        default=False, description="時間外労働 あり (with overtime_max: at most N hours)"
    )
    overtime_max: Literal[10, 20, 30, 45] | None = Field(
        default=None, description="時間外労働 at most N hours a month on average (none counts)"
    )
    exclude_shift: StrictBool = Field(default=False, description="交替制（シフト制）をのぞく")
    weekends_off: StrictBool = Field(default=False, description="土日祝休み")
    weekly_two_days: WeeklyTwoDaysFilter | None = None
    annual_holidays_min: StrictInt | None = Field(default=None, ge=0, le=365, multiple_of=5)
    insurance: StrictBool = Field(default=False, description="雇用・労災・健康・厚生 all")
    insurance_items: list[InsuranceItem] = Field(default_factory=list, max_length=4)
    no_document_screening: StrictBool = Field(default=False, description="書類選考なし")
    no_transfer: StrictBool = False
    car_commute: StrictBool = False
    inexperienced_ok: StrictBool = False
    education_not_required: StrictBool = False
    experience_not_required: StrictBool = False
    licence_not_required: StrictBool = False
    uij_turn: StrictBool = False
    trial_employment: StrictBool = False
    housing: StrictBool = False
    childcare: StrictBool = False
    employees_min: Literal[10, 100, 300, 1000] | None = None
    days_off: list[DayOff] = Field(
        default_factory=list, max_length=8, description="休日: every one of these days"
    )
    dispatch: DispatchFilter | None = Field(default=None, description="派遣・請負")
    contract_renewal: list[ContractRenewal] = Field(
        default_factory=list, max_length=2, description="契約更新の可能性: any of these"
    )
    retirement_age_min: StrictInt | None = Field(
        default=None, ge=60, le=70, description="定年制: none, or at N years or later"
    )
    housing_kinds: list[HousingKind] = Field(
        default_factory=list, max_length=2, description="入居可能住宅: any of these"
    )
    company_name: str = Field(default="", max_length=MAX_COMPANY_NAME, description="事業所名")
    company_name_exclude: StrictBool = Field(default=False, description="事業所名 のぞく")
    car_licence: list[CarLicence] = Field(
        default_factory=list, max_length=3, description="普通自動車運転免許: any of these"
    )
    car_licence_exclude: StrictBool = Field(default=False, description="普通自動車運転免許 のぞく")
    licence_codes: list[LicenceCode] = Field(
        default_factory=list, max_length=SLOTS, description="免許・資格コード: any of these"
    )
    licence_codes_exclude: StrictBool = Field(default=False, description="免許・資格 のぞく")
    regular_conversion: StrictBool = Field(default=False, description="正社員登用あり")
    remote_work: StrictBool = Field(default=False, description="在宅勤務")
    near_station: StrictBool = Field(default=False, description="駅近（徒歩10分以内）")
    smoking_measures: StrictBool = Field(default=False, description="受動喫煙対策あり")
    industries: list[IndustryCode] = Field(default_factory=list, max_length=SLOTS)
    features: list[Feature] = Field(default_factory=list, max_length=8)
    # --- result page
    sort: SortKey = SortKey.received_desc
    page: StrictInt = Field(default=1, ge=1, le=MAX_PAGE)
    per_page: Literal[10, 30, 50] = 30

    @field_validator("job_numbers")
    @classmethod
    def _job_numbers(cls, v: list[str]) -> list[str]:
        out = [_halfwidth(n) for n in v]
        for n in out:
            if not JOB_NUMBER_RE.match(n):
                raise PydanticCustomError(
                    "job_number_format",
                    "Use the form NNNNN-NNNNNNNN (5 digits, hyphen, 1–8 digits).",
                )
        return out

    @field_validator("employer_number")
    @classmethod
    def _employer_number(cls, v: str | None) -> str | None:
        if v is None or not v.strip():
            return None
        n = _halfwidth(v)
        if not EMPLOYER_NUMBER_RE.match(n):
            raise PydanticCustomError("employer_number_format", "Use the form NNNN-NNNNNN-N.")
        return n

    @field_validator("words", "not_words")
    @classmethod
    def _words(cls, v: str) -> str:
        words = v.split()
        if len(words) > MAX_WORDS:
            raise PydanticCustomError("too_many_words", "At most {max} words.", {"max": MAX_WORDS})
        if any(len(w) > MAX_WORD_CHARS for w in words):
            raise PydanticCustomError(
                "word_too_long", "A word has at most {max} characters.", {"max": MAX_WORD_CHARS}
            )
        return v

    @model_validator(mode="after")
    def _age_choice(self) -> JobSearchRequest:
        if self.age_unrestricted_only and self.age_limited_only:
            raise PydanticCustomError("age_choice", "Choose 不問のみ or 不問をのぞく, not both.")
        return self

    @model_validator(mode="after")
    def _overtime_choice(self) -> JobSearchRequest:
        if self.no_overtime and (self.overtime_some or self.overtime_max is not None):
            raise PydanticCustomError(
                "overtime_choice", "Choose 時間外労働 なし or あり (with a cap), not both."
            )
        return self

    @field_validator("company_name")
    @classmethod
    def _company_name(cls, v: str) -> str:
        return " ".join(v.split())

    @model_validator(mode="after")
    def _window(self) -> JobSearchRequest:
        if self.work_from and self.work_until and self.work_from >= self.work_until:
            raise PydanticCustomError(
                "work_window_empty", "The end of the hours must be after their start."
            )
        return self


def _halfwidth(text: str) -> str:
    return unicodedata.normalize("NFKC", text).strip().replace("ー", "-").replace("−", "-")


class JobCard(_Out):
    """One search result, as on the seed's result cards."""

    job_number: str
    received_on: date  # 受付年月日
    expires_on: date  # 紹介期限日
    status: JobStatus
    category: JobCategory
    work_style: WorkStyle
    employment_type: EmploymentType
    classification_code: str  # 職業分類 細分類 (5 digits)
    desired_job_code: str  # the 希望する職種 detail it is found under ("0904")
    job_title: str  # 職種
    summary: str  # 仕事の内容 (first lines)
    company_name: str | None = Field(description="None where 公開範囲 hides it")
    disclosure: Disclosure
    prefecture_code: str
    municipality_code: str | None
    workplace: str  # 就業場所 (prefecture + municipality)
    wage_monthly_min: int | None
    wage_monthly_max: int | None
    wage_hourly_min: int | None
    wage_hourly_max: int | None
    work_start: str  # "09:30"
    work_end: str
    shift: bool  # 交替制・変形労働時間制
    weekends_off: bool
    weekly_two_days: WeeklyTwoDays
    annual_holidays: int
    openings: int  # 求人数
    tags: list[JobTag]
    synthetic: bool = Field(description="架空データ")


class JobNumberSearch(_In):
    """POST /api/v1/jobs/by-number — 番号検索: up to 5 求人番号, as on the real site."""

    job_numbers: list[str] = Field(min_length=1, max_length=5)

    @field_validator("job_numbers")
    @classmethod
    def _numbers(cls, v: list[str]) -> list[str]:
        out = [_halfwidth(n) for n in v]
        for n in out:
            if not JOB_NUMBER_RE.match(n):
                raise PydanticCustomError(
                    "job_number_format",
                    "Use the form NNNNN-NNNNNNNN (5 digits, hyphen, 1–8 digits).",
                )
        return list(dict.fromkeys(out))


class JobNumberResult(_Out):
    """The open postings found, in the order asked; the numbers with no open posting."""

    items: list[JobCard]
    not_found: list[str]


class JobSearchResult(_Out):
    total: int
    page: int
    per_page: int
    items: list[JobCard]


class SheetRow(_Out):
    label: str  # the real 求人票's label
    value: str  # as the real sheet writes it (2025年7月23日, 9時00分〜18時00分, 230,000円…)


class SheetSection(_Out):
    number: int  # 0 = the header, 1–10 the sections
    title: str
    rows: list[SheetRow]


class JobSheet(JobCard):
    """GET /api/v1/jobs/{job_number} — the 求人票, every section.

    `sections` is the sheet as the real site shows it: the header and the 10 sections, every
    value already written in the real formats, 公開していません where 公開範囲 hides the
    employer. The typed fields below carry the same facts for programs.
    """

    sections: list[SheetSection] = Field(default_factory=list)

    # 1 求人事業所
    employer_number: str | None = Field(description="None where 公開範囲 hides it")
    company_kana: str | None
    company_address: str | None
    company_url: str | None
    # 2 仕事内容
    description: str
    workplace_address: str
    age_limit: int | None = Field(description="None = 年齢不問")
    education_required: bool
    experience_required: bool
    licence_required: bool
    licence_note: str
    trial_employment: bool
    # 3 賃金・手当
    base_wage_min: int | None
    base_wage_max: int | None
    commute_allowance: bool
    bonus: bool
    bonus_months: float | None
    # 4 労働時間
    break_minutes: int
    overtime_hours: int  # monthly average; 0 = なし
    # 5 その他の労働条件
    insurance: list[str]  # 雇用 労災 健康 厚生
    transfer: bool
    car_commute: bool
    housing: bool
    childcare: bool
    uij_turn: bool
    # 6 会社の情報
    employees: int
    industry_code: str
    company_description: str
    # 7 選考等
    selection_method: str
    online_application: bool
    features: list[Feature]


# --------------------------------------------------------------------------- reference


class PrefectureInfo(_Out):
    code: str
    name_ja: str
    name_en: str


class MunicipalityInfo(_Out):
    code: str
    prefecture_code: str
    name_ja: str
    name_kana: str = ""


class OccupationInfo(_Out):
    """A 希望する職種 detail ("0904"). Its name is the table's Japanese name in both languages."""

    code: str
    name_ja: str
    name_en: str


class OccupationGroupInfo(_Out):
    """A 希望する職種 group ("09") with its details."""

    code: str
    name_ja: str
    name_en: str
    occupations: list[OccupationInfo]


class IndustryInfo(_Out):
    """A 産業分類 中分類 ("39") or 大分類 ("G", with `division` empty)."""

    code: str
    name_ja: str
    name_en: str
    division: str = ""


class ClassificationLevel(IntEnum):
    """Levels of the 厚生労働省編職業分類."""

    major = 1  # 大分類 A–K
    middle = 2  # 中分類, 2 digits
    minor = 3  # 小分類, 3 digits
    fine = 4  # 細分類, 5 digits


class ClassificationInfo(_Out):
    code: str
    level: ClassificationLevel
    name_ja: str
    parent: str | None


class ClassificationList(_Out):
    """GET /reference/classifications?parent=…: the children of a node (大分類 without one)."""

    parent: str | None
    items: list[ClassificationInfo]


class ClassificationMatch(_Out):
    """A type-ahead answer: a node whose name matches, or a 細分類 whose example titles do."""

    code: str
    level: ClassificationLevel
    name_ja: str
    path: list[str] = Field(description="names of its 大・中・小分類, broadest first")
    examples: list[str] = Field(description="example job titles (該当例) that matched")


class ClassificationMatches(_Out):
    query: str
    items: list[ClassificationMatch]


class PrefectureList(_Out):
    prefectures: list[PrefectureInfo]


class MunicipalityList(_Out):
    municipalities: list[MunicipalityInfo]


class OccupationList(_Out):
    groups: list[OccupationGroupInfo]


class IndustryList(_Out):
    industries: list[IndustryInfo]


# --------------------------------------------------------------------------- saved conditions
# and favorites (SPEC §1: at most 3 conditions with titles; at most 300 favorites)

SAVED_SEARCH_LIMIT = 3
FAVORITE_LIMIT = 300
SAVED_TITLE_MAX = 30
FAVORITE_BATCH_MAX = 50  # one batch = the checked postings (≤ 50)


def _title(v: str) -> str:
    v = unicodedata.normalize("NFC", v).strip()
    if not v:
        raise PydanticCustomError("required", "Enter a title.")
    return v


class SavedSearchCreate(_In):
    """POST /api/v1/me/saved-searches. `conditions.page` is ignored (runs start at page 1)."""

    title: str = Field(max_length=SAVED_TITLE_MAX)
    conditions: JobSearchRequest

    _t = field_validator("title")(_title)


class SavedSearchUpdate(_In):
    """PUT /api/v1/me/saved-searches/{id}: rename, replace the conditions, or both."""

    title: str | None = Field(default=None, max_length=SAVED_TITLE_MAX)
    conditions: JobSearchRequest | None = None

    @field_validator("title")
    @classmethod
    def _title_opt(cls, v: str | None) -> str | None:
        return None if v is None else _title(v)


class SavedSearch(_Out):
    id: int
    title: str
    conditions: JobSearchRequest
    created_at: datetime
    updated_at: datetime


class SavedSearchList(_Out):
    items: list[SavedSearch]
    limit: int = SAVED_SEARCH_LIMIT


class FavoriteAddRequest(_In):
    """POST /api/v1/me/favorites: one posting, or the checked ones in one go."""

    job_numbers: list[str] = Field(min_length=1, max_length=FAVORITE_BATCH_MAX)

    @field_validator("job_numbers")
    @classmethod
    def _numbers(cls, v: list[str]) -> list[str]:
        out = [_halfwidth(n) for n in v]
        for n in out:
            if not JOB_NUMBER_RE.match(n):
                raise PydanticCustomError(
                    "job_number_format",
                    "Use the form NNNNN-NNNNNNNN (5 digits, hyphen, 1–8 digits).",
                )
        return out


class FavoriteAddResult(_Out):
    """What happened to each number. Nothing added because of the limit → 409 instead."""

    added: list[str]
    already: list[str]
    refused: list[str] = Field(description="over the 300 limit")
    not_found: list[str]
    total: int
    limit: int = FAVORITE_LIMIT


class FavoriteItem(_Out):
    """A favorite; `card.status` other than open = listed as expired, cannot be opened."""

    job_number: str
    added_at: datetime
    card: JobCard


class FavoriteList(_Out):
    items: list[FavoriteItem]
    total: int
    limit: int = FAVORITE_LIMIT
