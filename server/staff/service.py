"""What Hello Work staff and employers do to a seeker's MyPage, over the same database as
the app: send a referral or a request posting, write a message, record a selection result,
read what the seeker sent. The admin CLI (server/staff/cli.py) and the tests call these.

Bad input raises `StaffError` naming the option and the value, for a one-line answer.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

from api_client.application_models import (
    MESSAGE_MAX,
    REFERRAL_DEFAULT_DAYS,
    ApplicationState,
    normalise_text,
    text_problems,
)
from api_client.job_models import JobStatus
from api_client.models import PublicationStatus, RegistrationStatus
from api_client.validation import normalise_halfwidth
from server.accounts.models import ACCOUNT_ACTIVE, Account, Office, Seeker
from server.accounts.validity import effective_status
from server.applications.models import Application, JobRequest, Referral
from server.errors import field_error
from server.jobs.models import JobPosting
from server.jobs.render import status_of
from server.jst import today_jst
from server.messages.models import SENDER_SEEKER, ThreadMessage
from server.messages.service import employer_writes
from server.notices.models import SENDER_HELLOWORK, Notice

KIND_MESSAGE = "message"
FALLBACK_OFFICE = "ハローワーク"
STATE_LABELS = {
    ApplicationState.applied: "応募中",
    ApplicationState.screening: "選考中",
    ApplicationState.hired: "採用",
    ApplicationState.rejected: "不採用",
    ApplicationState.declined: "辞退",
    ApplicationState.no_show: "不参加",
}


class StaffError(ValueError):
    """`option`: what is wrong with its value."""

    def __init__(self, option: str, message: str) -> None:
        super().__init__(f"{option}: {message}")
        self.option = option
        self.message = message


# --------------------------------------------------------------------------- look-ups


async def find_seeker(db: AsyncSession, seeker_number: str) -> Seeker:
    number = normalise_halfwidth(seeker_number).value
    seeker = await db.scalar(select(Seeker).where(Seeker.seeker_number == number))
    if seeker is None:
        raise StaffError("seeker-number", f"no seeker {number}")
    return seeker


async def find_posting(db: AsyncSession, job_number: str) -> JobPosting:
    number = normalise_halfwidth(job_number).value
    posting = await db.scalar(select(JobPosting).where(JobPosting.job_number == number))
    if posting is None:
        raise StaffError("job-number", f"no posting {number}")
    return posting


def _require_open(posting: JobPosting, today: date) -> None:
    status = status_of(posting, today)
    if status is not JobStatus.open:
        raise StaffError("job-number", f"{posting.job_number} is {status.value}")


async def _application(db: AsyncSession, seeker: Seeker, job_number: str) -> Application:
    number = normalise_halfwidth(job_number).value
    row = await db.scalar(
        select(Application).where(
            Application.seeker_id == seeker.id, Application.job_number == number
        )
    )
    if row is None:
        # An unknown posting says so; a known one says the seeker has not applied.
        await find_posting(db, number)
        raise StaffError("job-number", f"{seeker.seeker_number} has not applied to {number}")
    return row


async def _check_not_applied(db: AsyncSession, seeker: Seeker, job_number: str) -> None:
    if await db.scalar(
        select(Application.id).where(
            Application.seeker_id == seeker.id, Application.job_number == job_number
        )
    ):
        raise StaffError("job-number", f"{seeker.seeker_number} already applied to {job_number}")


# --------------------------------------------------------------------------- referral, request


async def refer(
    db: AsyncSession,
    now: datetime,
    seeker_number: str,
    job_number: str,
    deadline: date | None = None,
) -> Referral:
    """オンラインハローワーク紹介: send a posting to the seeker's MyPage, to apply by `deadline`
    (default: a week, not past the posting's 紹介期限日)."""
    today = today_jst(now)
    seeker = await find_seeker(db, seeker_number)
    if seeker.online_only:
        raise StaffError(
            "seeker-number",
            f"{seeker.seeker_number} registered online only: no online Hello Work referral",
        )
    if effective_status(seeker, today) is RegistrationStatus.invalid:
        raise StaffError("seeker-number", f"{seeker.seeker_number}: the registration is invalid")
    posting = await find_posting(db, job_number)
    _require_open(posting, today)
    if deadline is None:
        deadline = min(today + timedelta(days=REFERRAL_DEFAULT_DAYS), posting.expires_on)
    elif deadline < today:
        raise StaffError("deadline", f"{deadline.isoformat()} has passed")
    elif deadline > posting.expires_on:
        raise StaffError(
            "deadline",
            f"{deadline.isoformat()} is after the posting's 紹介期限日 "
            f"{posting.expires_on.isoformat()}",
        )
    if await db.scalar(
        select(Referral.id).where(
            Referral.seeker_id == seeker.id, Referral.job_number == posting.job_number
        )
    ):
        raise StaffError(
            "job-number", f"{posting.job_number} was already referred to {seeker.seeker_number}"
        )
    await _check_not_applied(db, seeker, posting.job_number)
    office = await db.get(Office, seeker.office_id) if seeker.office_id is not None else None
    row = Referral(
        seeker_id=seeker.id,
        job_number=posting.job_number,
        job_title=posting.job_title,
        company_name=posting.company_name,
        office_name=office.name if office else FALLBACK_OFFICE,
        deadline=deadline,
        created_at=now,
    )
    db.add(row)
    await db.commit()
    return row


async def request(
    db: AsyncSession, now: datetime, seeker_number: str, job_number: str
) -> JobRequest:
    """リクエスト求人: an employer asks a seeker whose information is 公開中."""
    seeker = await find_seeker(db, seeker_number)
    if seeker.publication_status != PublicationStatus.public.value:
        raise StaffError(
            "seeker-number",
            f"{seeker.seeker_number} is not public (求職公開状況: 非公開): employers cannot "
            "request them",
        )
    posting = await find_posting(db, job_number)
    _require_open(posting, today_jst(now))
    if await db.scalar(
        select(JobRequest.id).where(
            JobRequest.seeker_id == seeker.id, JobRequest.job_number == posting.job_number
        )
    ):
        raise StaffError(
            "job-number", f"{posting.job_number} was already requested for {seeker.seeker_number}"
        )
    row = JobRequest(
        seeker_id=seeker.id,
        job_number=posting.job_number,
        job_title=posting.job_title,
        company_name=posting.company_name,
        created_at=now,
    )
    db.add(row)
    await db.commit()
    return row


# --------------------------------------------------------------------------- messages


def _text(text: str) -> str:
    body = normalise_text(text)
    problems = text_problems(body, MESSAGE_MAX)
    if problems:
        raise StaffError("text", field_error("text", problems[0]).message)
    return body


async def employer_message(
    db: AsyncSession, now: datetime, seeker_number: str, job_number: str, text: str
) -> ThreadMessage:
    body = _text(text)
    seeker = await find_seeker(db, seeker_number)
    application = await _application(db, seeker, job_number)
    row = await employer_writes(db, application, body, now)
    await db.commit()
    return row


async def hellowork_notice(
    db: AsyncSession, now: datetime, seeker_number: str, text: str
) -> Notice:
    body = _text(text)
    seeker = await find_seeker(db, seeker_number)
    account = await db.scalar(
        select(Account).where(Account.seeker_id == seeker.id, Account.status == ACCOUNT_ACTIVE)
    )
    if account is None:
        raise StaffError("seeker-number", f"{seeker.seeker_number} has no MyPage account")
    first_line = body.strip().split("\n", 1)[0]
    row = Notice(
        account_id=account.id,
        sender=SENDER_HELLOWORK,
        kind=KIND_MESSAGE,
        period=secrets.token_hex(8),  # unique within the kind: every message is its own
        subject=first_line[:100],
        body=body,
        posting_numbers="[]",
        created_at=now,
        read_at=None,
    )
    db.add(row)
    await db.commit()
    return row


@dataclass(frozen=True)
class SentMessage:
    message: ThreadMessage
    job_number: str


async def sent_messages(
    db: AsyncSession, seeker_number: str, job_number: str | None = None
) -> list[SentMessage]:
    """What the seeker wrote to employers, oldest first."""
    seeker = await find_seeker(db, seeker_number)
    query = (
        select(ThreadMessage, Application.job_number)
        .join(Application, Application.id == ThreadMessage.application_id)
        .where(ThreadMessage.seeker_id == seeker.id, ThreadMessage.sender == SENDER_SEEKER)
        .order_by(ThreadMessage.created_at, ThreadMessage.id)
    )
    if job_number is not None:
        query = query.where(Application.id == (await _application(db, seeker, job_number)).id)
    return [SentMessage(m, number) for m, number in (await db.execute(query)).all()]


# --------------------------------------------------------------------------- results

# A result moves forward only: 応募中 → 選考中 → an end; an ended selection stays ended.
_NEXT: dict[ApplicationState, frozenset[ApplicationState]] = {
    ApplicationState.applied: frozenset(ApplicationState) - {ApplicationState.applied},
    ApplicationState.screening: frozenset(ApplicationState)
    - {ApplicationState.applied, ApplicationState.screening},
}


@dataclass(frozen=True)
class ResultRecorded:
    application: Application
    before: ApplicationState
    after: ApplicationState


async def record_result(
    db: AsyncSession, now: datetime, seeker_number: str, job_number: str, state: ApplicationState
) -> ResultRecorded:
    seeker = await find_seeker(db, seeker_number)
    application = await _application(db, seeker, job_number)
    before = ApplicationState(application.state)
    if state not in _NEXT.get(before, frozenset()):
        raise StaffError(
            "state",
            f"{state.value} cannot follow {before.value} ({STATE_LABELS[before]})"
            + (": the selection has ended" if not before.in_selection else ""),
        )
    # Conditional on the state read: a concurrent change makes this one fail, not overwrite.
    result = await db.execute(
        update(Application)
        .where(Application.id == application.id, Application.state == before.value)
        .values(
            state=state.value,
            updated_at=now,
            result_at=None if state.in_selection else now,
        )
    )
    if not getattr(result, "rowcount", 0):
        await db.rollback()
        raise StaffError("state", "the application changed meanwhile; run the command again")
    await db.commit()
    await db.refresh(application)
    return ResultRecorded(application, before, state)
