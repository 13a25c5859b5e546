"""Wire models of applying (応募), referrals (オンラインハローワーク紹介), request postings
(リクエスト求人), messages (メッセージ) and the activity block of Home, with the input rules
both sides share.

Rules (the server enforces every one itself; the client checks before sending so nothing
typed is lost on a refusal):
- 志望動機 (motivation): 1 to MOTIVATION_MAX characters; a message: 1 to MESSAGE_MAX
  characters. A character is one Unicode code point, full-width or half-width alike; line
  breaks count as one. Control characters other than line break and tab are refused.
- Every POST that creates (an application, a message) carries an `Idempotency-Key` header.
  The server keeps the key with what it created: the same key again answers with that
  object instead of creating a second one, so a retry after a timeout or a double Enter is
  harmless.
"""

from __future__ import annotations

import unicodedata
from datetime import date, datetime
from enum import StrEnum

from pydantic import BaseModel, ConfigDict, Field, StrictBool

from .job_models import JOB_NUMBER_RE, JobCard, JobStatus
from .models import ErrorCode
from .profile_models import Notice
from .validation import Problem
from .wire import RequestModel

MOTIVATION_MAX = 1000  # 志望動機, characters
MESSAGE_MAX = 2000  # one message, characters
# Transport cap well above the rules: the rule's own message ("at most N, now M") is the
# answer to a long text, not a generic body error.
_TEXT_CAP = 20_000

IDEMPOTENCY_HEADER = "Idempotency-Key"
IDEMPOTENCY_KEY_PATTERN = r"^[A-Za-z0-9_-]{16,64}$"

NO_SHOW_LIMIT = 5  # 面接不参加 on self-applications …
NO_SHOW_WINDOW_MONTHS = 3  # … within this many months restrict self-application (seed 002)
REFERRAL_DEFAULT_DAYS = 7  # 応募期限 of an online referral: "通常1週間程度" (seed 003)
HOME_LIST_MAX = 5  # items per Home section; the full lists have their own calls

# The seed's cautions (001, 003), shown before an online self-application is sent.
SELF_APPLICATION_CAUTIONS: tuple[tuple[str, str], ...] = (
    (
        "オンライン自主応募は、ハローワークによる職業紹介に該当しないため、"
        "ハローワークの職業紹介を要件とする雇用保険の再就職手当等の対象外です。",
        "An online self-application is not a referral by Hello Work, so it does not count "
        "for what requires one, such as the re-employment allowance (再就職手当) of "
        "employment insurance.",
    ),
    (
        "事業主に支給される助成金のうち、ハローワークの職業紹介を要件とする助成金は支給されません。",
        "Subsidies to the employer that require a Hello Work referral are not paid.",
    ),
    (
        "オンライン自主応募に伴って生じるトラブル等は当事者同士で対応することが基本です。",
        "Problems arising from an online self-application are, as a rule, for you and the "
        "employer to settle between yourselves.",
    ),
)

_ALLOWED_CONTROLS = frozenset("\n\t")


class _In(RequestModel):
    """What a client sends (wire.py: no unknown fields, no control characters)."""


class _Out(BaseModel):
    """What the server answers: clients ignore fields they do not know."""

    model_config = ConfigDict(extra="ignore")


def normalise_text(text: str) -> str:
    """Line breaks as "\\n" (a terminal or a pasted file may bring CR LF or CR)."""
    return text.replace("\r\n", "\n").replace("\r", "\n")


def text_problems(text: str, maximum: int) -> list[Problem]:
    """Problems of a free text (志望動機, message) after `normalise_text`. (The wire refuses
    control characters too; this names them for the screen before anything is sent.)"""
    bad = sorted(
        {c for c in text if c not in _ALLOWED_CONTROLS and unicodedata.category(c) in ("Cc", "Cs")}
    )
    if bad:
        return [Problem("control_characters", {"chars": " ".join(f"U+{ord(c):04X}" for c in bad)})]
    if not text.strip():
        return [Problem("required")]
    if len(text) > maximum:
        return [Problem("text_too_long", {"max": maximum, "length": len(text)})]
    return []


def motivation_problems(text: str) -> list[Problem]:
    return text_problems(normalise_text(text), MOTIVATION_MAX)


def message_problems(text: str) -> list[Problem]:
    return text_problems(normalise_text(text), MESSAGE_MAX)


# --------------------------------------------------------------------------- enums


class ApplicationMethod(StrEnum):
    self_application = "self"  # オンライン自主応募
    referral = "referral"  # オンラインハローワーク紹介


class ApplicationState(StrEnum):
    applied = "applied"  # 応募中
    screening = "screening"  # 選考中
    hired = "hired"  # 採用
    rejected = "rejected"  # 不採用
    declined = "declined"  # 辞退
    no_show = "no_show"  # 不参加 (面接不参加)

    @property
    def in_selection(self) -> bool:
        return self in (ApplicationState.applied, ApplicationState.screening)


class ReferralState(StrEnum):
    open = "open"  # may be applied to until the deadline
    applied = "applied"
    deadline_passed = "deadline_passed"
    posting_closed = "posting_closed"  # the posting expired or was withdrawn


class MessageSender(StrEnum):
    employer = "employer"
    seeker = "seeker"


# --------------------------------------------------------------------------- postings


class PostingRef(_Out):
    """The posting an application, referral or request is about.

    `job_title` and `company_name` are as they were when it was sent or applied to (the
    seeker is in contact with this employer, so the name is always given); `card` is the
    posting as it is now, None once the server no longer holds it.
    """

    job_number: str
    job_title: str
    company_name: str
    status: JobStatus | None = Field(description="None: no longer held by the server")
    card: JobCard | None


# --------------------------------------------------------------------------- applications


class ApplicationSummary(_Out):
    id: int
    method: ApplicationMethod
    state: ApplicationState
    posting: PostingRef
    applied_at: datetime
    updated_at: datetime = Field(description="When the state last changed")
    result_at: datetime | None = Field(description="When the selection ended, if it has")
    withdrawable: bool = Field(description="True while 応募中 (applied)")
    referral_id: int | None
    unread_messages: int


class Application(ApplicationSummary):
    """GET /me/applications/{id} (and the answer to applying)."""

    motivation: str
    referral_deadline: date | None


class SelfApplicationStatus(_Out):
    """The no-show rule: `restricted` until the seeker visits an office."""

    restricted: bool
    no_shows: int = Field(description="Uncleared 不参加 on self-applications")
    limit: int = NO_SHOW_LIMIT
    window_months: int = NO_SHOW_WINDOW_MONTHS


class ApplicationList(_Out):
    """GET /me/applications — every application, newest first (ended ones included)."""

    items: list[ApplicationSummary]
    self_application: SelfApplicationStatus


class SelfApplicationCreate(_In):
    """POST /me/applications — オンライン自主応募 (header Idempotency-Key)."""

    job_number: str = Field(pattern=JOB_NUMBER_RE.pattern, max_length=14)
    motivation: str = Field(max_length=_TEXT_CAP)
    cautions_acknowledged: StrictBool = Field(
        default=False, description="The seeker read and accepted SELF_APPLICATION_CAUTIONS"
    )


class ReferralApplicationCreate(_In):
    """POST /me/referrals/{id}/apply — apply to a referral (header Idempotency-Key)."""

    motivation: str = Field(max_length=_TEXT_CAP)


class ReferralLetter(_Out):
    """GET /me/applications/{id}/referral-letter — 紹介状 of a referral application."""

    application_id: int
    letter_number: str
    issued_on: date = Field(description="紹介日: the day the seeker applied")
    seeker_name: str
    seeker_number: str
    job_number: str
    job_title: str
    company_name: str
    office_name: str
    referral_sent_on: date
    deadline: date
    text: str = Field(description="The letter as plain text (Japanese), to show or save")


# --------------------------------------------------------------------------- referrals


class Referral(_Out):
    id: int
    posting: PostingRef
    office_name: str
    sent_at: datetime
    deadline: date = Field(description="Apply on or before this day (JST)")
    state: ReferralState
    application_id: int | None


class ReferralList(_Out):
    """GET /me/referrals — newest first."""

    items: list[Referral]
    open: int


# --------------------------------------------------------------------------- requests


class RequestPosting(_Out):
    id: int
    posting: PostingRef
    requested_at: datetime
    application_id: int | None


class RequestList(_Out):
    """GET /me/requests — listed only while 求職公開状況 is 公開中 (`listed`)."""

    listed: bool
    items: list[RequestPosting]
    total: int


# --------------------------------------------------------------------------- messages


class Message(_Out):
    id: int
    sender: MessageSender
    body: str
    sent_at: datetime
    read_at: datetime | None = Field(description="When the seeker read it (employer messages)")


class ThreadSummary(_Out):
    application_id: int
    posting: PostingRef
    state: ApplicationState
    last_message_at: datetime | None
    last_sender: MessageSender | None
    preview: str
    messages: int
    unread: int


class MessageOverview(_Out):
    """GET /me/messages — threads with employers (newest activity first) and the notices
    from Hello Work."""

    threads: list[ThreadSummary]
    notices: list[Notice]
    unread_threads: int = Field(description="Unread employer messages")
    unread_notices: int
    unread: int = Field(description="Everything unread (Home's 新着メッセージ)")


class Thread(_Out):
    """GET /me/messages/threads/{application_id} — oldest first."""

    application: ApplicationSummary
    messages: list[Message]
    unread: int


class MessageCreate(_In):
    """POST /me/messages/threads/{application_id} — a reply (header Idempotency-Key)."""

    body: str = Field(max_length=_TEXT_CAP)


class UnreadCount(_Out):
    unread: int = Field(description="Everything unread after the call")


# --------------------------------------------------------------------------- home


class HomeActivity(_Out):
    """GET /me/home/activity — Home's 新着メッセージ, 応募中の求人, リクエスト求人 and
    オンラインハローワーク紹介 (at most HOME_LIST_MAX items each, with totals)."""

    unread_messages: int
    in_selection: list[ApplicationSummary]
    in_selection_total: int
    requests: list[RequestPosting]
    requests_total: int
    requests_listed: bool = Field(description="False while 求職公開状況 is 非公開")
    referrals: list[Referral] = Field(description="Open referrals, nearest deadline first")
    referrals_total: int
    referrals_unavailable: ErrorCode | None = Field(
        description="Why there are no referrals: online_only_account or registration_invalid"
    )
