"""Notices from Hello Work: list, unread count (Home), mark read."""

from __future__ import annotations

import json

from sqlalchemy import func, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from api_client.models import ErrorCode
from api_client.profile_models import Notice as NoticeOut
from api_client.profile_models import NoticeList
from server.accounts.models import Account
from server.context import ServiceEnv
from server.errors import DomainError
from server.notices.models import Notice

PAGE = 100


def _out(n: Notice) -> NoticeOut:
    return NoticeOut(
        id=n.id,
        sender=n.sender,
        subject=n.subject,
        body=n.body,
        posting_numbers=json.loads(n.posting_numbers),
        created_at=n.created_at,
        read_at=n.read_at,
    )


async def unread_count(db: AsyncSession, account_id: int) -> int:
    return int(
        await db.scalar(
            select(func.count())
            .select_from(Notice)
            .where(Notice.account_id == account_id, Notice.read_at.is_(None))
        )
        or 0
    )


async def list_notices(db: AsyncSession, account: Account) -> NoticeList:
    rows = (
        await db.scalars(
            select(Notice)
            .where(Notice.account_id == account.id)
            .order_by(Notice.created_at.desc(), Notice.id.desc())
            .limit(PAGE)
        )
    ).all()
    return NoticeList(notices=[_out(n) for n in rows], unread=await unread_count(db, account.id))


async def mark_read(
    db: AsyncSession, env: ServiceEnv, account: Account, notice_id: int
) -> NoticeOut:
    notice = await db.scalar(
        select(Notice).where(Notice.id == notice_id, Notice.account_id == account.id)
    )
    if notice is None:  # someone else's notice is as absent as a missing one
        raise DomainError(ErrorCode.not_found, 404)
    if notice.read_at is None:
        await db.execute(
            update(Notice)
            .where(Notice.id == notice.id, Notice.read_at.is_(None))
            .values(read_at=env.clock.now())
        )
        await db.commit()
        await db.refresh(notice)
    return _out(notice)
