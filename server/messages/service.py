"""Messages: the threads of a seeker's applications (one per application, with its
employer), the notices from Hello Work beside them, unread counts, reading and replying.

Every query filters by the caller's registration, so another seeker's thread is a 404.
A reply carries an Idempotency-Key kept with the message: sending it again (a retry after a
timeout, a double Enter) answers with the stored message. Messages are deleted one year
after they were sent (seed 002), by the scheduled job.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import delete, func, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from api_client.application_models import (
    MESSAGE_MAX,
    Message,
    MessageCreate,
    MessageOverview,
    MessageSender,
    Thread,
    ThreadSummary,
    UnreadCount,
    normalise_text,
    text_problems,
)
from api_client.application_models import ApplicationState as State
from api_client.models import ErrorCode
from server.accounts.models import Account
from server.applications import views
from server.applications.models import Application
from server.context import ServiceEnv
from server.errors import DomainError, field_error
from server.jst import today_jst
from server.messages.models import SENDER_EMPLOYER, SENDER_SEEKER, ThreadMessage
from server.notices import service as notices

MESSAGE_RETENTION = timedelta(days=365)
PREVIEW_CHARS = 60


def _out(m: ThreadMessage) -> Message:
    return Message(
        id=m.id,
        sender=MessageSender(m.sender),
        body=m.body,
        sent_at=m.created_at,
        read_at=m.read_at,
    )


async def unread_threads(db: AsyncSession, seeker_id: int | None) -> int:
    if seeker_id is None:
        return 0
    return int(
        await db.scalar(
            select(func.count())
            .select_from(ThreadMessage)
            .where(
                ThreadMessage.seeker_id == seeker_id,
                ThreadMessage.sender == SENDER_EMPLOYER,
                ThreadMessage.read_at.is_(None),
            )
        )
        or 0
    )


async def unread_total(db: AsyncSession, account: Account) -> int:
    """新着メッセージ: unread employer messages and unread notices from Hello Work."""
    return await unread_threads(db, account.seeker_id) + await notices.unread_count(db, account.id)


async def _own_application(db: AsyncSession, account: Account, application_id: int) -> Application:
    row = None
    if account.seeker_id is not None:
        row = await db.scalar(
            select(Application).where(
                Application.id == application_id, Application.seeker_id == account.seeker_id
            )
        )
    if row is None:
        raise DomainError(ErrorCode.not_found, 404)
    return row


# --------------------------------------------------------------------------- reading


async def overview(db: AsyncSession, env: ServiceEnv, account: Account) -> MessageOverview:
    today = today_jst(env.clock.now())
    notice_list = await notices.list_notices(db, account)
    threads: list[ThreadSummary] = []
    if account.seeker_id is not None:
        seeker_id = account.seeker_id
        apps = (
            await db.scalars(select(Application).where(Application.seeker_id == seeker_id))
        ).all()
        stats = {
            app_id: (int(n), last)
            for app_id, n, last in (
                await db.execute(
                    select(
                        ThreadMessage.application_id,
                        func.count(),
                        func.max(ThreadMessage.id),
                    )
                    .where(ThreadMessage.seeker_id == seeker_id)
                    .group_by(ThreadMessage.application_id)
                )
            ).all()
        }
        last_ids = [last for _, last in stats.values()]
        lasts = {
            m.application_id: m
            for m in (
                await db.scalars(select(ThreadMessage).where(ThreadMessage.id.in_(last_ids)))
            ).all()
        }
        unread = await views.unread_by_application(db, seeker_id, [a.id for a in apps])
        postings = await views.postings_by_number(db, (a.job_number for a in apps))
        for a in apps:
            last = lasts.get(a.id)
            threads.append(
                ThreadSummary(
                    application_id=a.id,
                    posting=views.posting_ref(
                        a.job_number, a.job_title, a.company_name, postings.get(a.job_number), today
                    ),
                    state=State(a.state),
                    last_message_at=last.created_at if last else None,
                    last_sender=MessageSender(last.sender) if last else None,
                    preview=_preview(last.body) if last else "",
                    messages=stats.get(a.id, (0, 0))[0],
                    unread=unread.get(a.id, 0),
                )
            )
        # Newest activity first; a thread without messages sorts by its application.
        applied_at = {a.id: a.applied_at for a in apps}
        threads.sort(
            key=lambda t: (t.last_message_at or applied_at[t.application_id], t.application_id),
            reverse=True,
        )
    unread_threads_n = sum(t.unread for t in threads)
    return MessageOverview(
        threads=threads,
        notices=notice_list.notices,
        unread_threads=unread_threads_n,
        unread_notices=notice_list.unread,
        unread=unread_threads_n + notice_list.unread,
    )


def _preview(body: str) -> str:
    line = " ".join(body.split())
    return line if len(line) <= PREVIEW_CHARS else line[: PREVIEW_CHARS - 1] + "…"


async def thread(
    db: AsyncSession, env: ServiceEnv, account: Account, application_id: int
) -> Thread:
    app = await _own_application(db, account, application_id)
    rows = (
        await db.scalars(
            select(ThreadMessage)
            .where(ThreadMessage.application_id == app.id, ThreadMessage.seeker_id == app.seeker_id)
            .order_by(ThreadMessage.created_at, ThreadMessage.id)
        )
    ).all()
    [summary] = await views.summaries(db, app.seeker_id, [app], today_jst(env.clock.now()))
    return Thread(
        application=summary,
        messages=[_out(m) for m in rows],
        unread=sum(1 for m in rows if m.sender == SENDER_EMPLOYER and m.read_at is None),
    )


async def mark_thread_read(
    db: AsyncSession, env: ServiceEnv, account: Account, application_id: int
) -> UnreadCount:
    app = await _own_application(db, account, application_id)
    await db.execute(
        update(ThreadMessage)
        .where(
            ThreadMessage.application_id == app.id,
            ThreadMessage.seeker_id == app.seeker_id,
            ThreadMessage.sender == SENDER_EMPLOYER,
            ThreadMessage.read_at.is_(None),
        )
        .values(read_at=env.clock.now())
    )
    await db.commit()
    return UnreadCount(unread=await unread_total(db, account))


# --------------------------------------------------------------------------- writing


async def _by_key(db: AsyncSession, seeker_id: int, key: str) -> ThreadMessage | None:
    return await db.scalar(
        select(ThreadMessage).where(
            ThreadMessage.seeker_id == seeker_id, ThreadMessage.idempotency_key == key
        )
    )


def _check_replay(row: ThreadMessage, application_id: int, body: str) -> Message:
    if row.application_id != application_id or row.body != body:
        raise DomainError(ErrorCode.idempotency_key_reused, 422)
    return _out(row)


async def reply(
    db: AsyncSession,
    env: ServiceEnv,
    account: Account,
    application_id: int,
    req: MessageCreate,
    key: str,
) -> tuple[Message, bool]:
    """The seeker writes to the employer. Returns the message and whether it is a replay."""
    app = await _own_application(db, account, application_id)
    seeker_id = app.seeker_id
    body = normalise_text(req.body)
    replay = await _by_key(db, seeker_id, key)
    if replay is not None:
        return _check_replay(replay, app.id, body), True
    problems = text_problems(body, MESSAGE_MAX)
    if problems:
        raise DomainError(
            ErrorCode.validation_error, 422, fields=[field_error("body", p) for p in problems]
        )
    row = ThreadMessage(
        application_id=app.id,
        seeker_id=seeker_id,
        sender=SENDER_SEEKER,
        body=body,
        idempotency_key=key,
        created_at=env.clock.now(),
        read_at=None,
    )
    db.add(row)
    try:
        await db.commit()
    except IntegrityError:
        # A concurrent request with the same key committed first (PostgreSQL): replay it.
        await db.rollback()
        won = await _by_key(db, seeker_id, key)
        if won is None:
            raise
        return _check_replay(won, application_id, body), True
    return _out(row), False


async def employer_writes(
    db: AsyncSession, application: Application, text: str, now: datetime
) -> ThreadMessage:
    """The employer side (admin CLI, demo): a message into the application's thread."""
    row = ThreadMessage(
        application_id=application.id,
        seeker_id=application.seeker_id,
        sender=SENDER_EMPLOYER,
        body=normalise_text(text),
        idempotency_key=None,
        created_at=now,
        read_at=None,
    )
    db.add(row)
    await db.flush()
    return row


async def purge_old_messages(db: AsyncSession, now: datetime) -> int:
    """Messages are deleted one year after they were sent or received (seed 002)."""
    result = await db.execute(
        delete(ThreadMessage).where(ThreadMessage.created_at < now - MESSAGE_RETENTION)
    )
    await db.commit()
    return int(getattr(result, "rowcount", 0) or 0)
