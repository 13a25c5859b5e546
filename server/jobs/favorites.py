"""お気に入り求人: at most 300 per account.

A favorite whose posting expired or was withdrawn stays listed (its card says so) but its job
sheet cannot be opened (the sheet route answers 404 with the status). Adding is a batch (the
checked postings, ≤ 50): each number is reported as added / already there / refused by the
limit / not found. A request of which nothing could be added because of the limit is refused
as a whole with 409 `limit_reached`, so "the 301st" is an error the client can show.
"""

from __future__ import annotations

from fastapi import APIRouter, Depends, Response
from sqlalchemy import delete, func, select
from sqlalchemy.ext.asyncio import AsyncSession

from api_client.job_models import (
    FAVORITE_LIMIT,
    FavoriteAddRequest,
    FavoriteAddResult,
    FavoriteItem,
    FavoriteList,
)
from api_client.models import API_PREFIX, ErrorBody, ErrorCode
from server.accounts.locking import lock_account
from server.accounts.models import Account
from server.accounts.validity import require_valid_registration
from server.auth.deps import DB, CurrentAccount, Env
from server.errors import DomainError
from server.jobs.access import registered_searcher
from server.jobs.models import JobPosting
from server.jobs.render import card
from server.jobs.saved_models import Favorite
from server.jst import today_jst
from server.params import JobNumber

router = APIRouter(
    prefix=API_PREFIX + "/me/favorites",
    tags=["favorites"],
    dependencies=[Depends(require_valid_registration)],
    responses={s: {"model": ErrorBody} for s in (401, 403, 422)},
)


async def _count(db: AsyncSession, account: Account) -> int:
    n = await db.scalar(
        select(func.count()).select_from(Favorite).where(Favorite.account_id == account.id)
    )
    return int(n or 0)


@router.get("")
async def list_favorites(account: CurrentAccount, db: DB, env: Env) -> FavoriteList:
    today = today_jst(env.clock.now())
    registered = await registered_searcher(db, account)
    rows = (
        await db.execute(
            select(Favorite, JobPosting)
            .join(JobPosting, JobPosting.id == Favorite.job_posting_id)
            .where(Favorite.account_id == account.id)
            .order_by(Favorite.id.desc())
        )
    ).all()
    items = [
        FavoriteItem(
            job_number=p.job_number, added_at=f.created_at, card=card(p, today, registered)
        )
        for f, p in rows
    ]
    return FavoriteList(items=items, total=len(items))


@router.post("", responses={409: {"model": ErrorBody}})
async def add_favorites(
    body: FavoriteAddRequest, account: CurrentAccount, db: DB, env: Env
) -> FavoriteAddResult:
    numbers = list(dict.fromkeys(body.job_numbers))  # keep order, drop repeats
    await lock_account(db, account.id)
    postings = {
        p.job_number: p
        for p in await db.scalars(select(JobPosting).where(JobPosting.job_number.in_(numbers)))
    }
    have = set(
        await db.scalars(
            select(Favorite.job_posting_id).where(
                Favorite.account_id == account.id,
                Favorite.job_posting_id.in_([p.id for p in postings.values()]),
            )
        )
    )
    total = await _count(db, account)
    now = env.clock.now()
    added: list[str] = []
    already: list[str] = []
    refused: list[str] = []
    not_found: list[str] = []
    for number in numbers:
        posting = postings.get(number)
        if posting is None:
            not_found.append(number)
        elif posting.id in have:
            already.append(number)
        elif total >= FAVORITE_LIMIT:
            refused.append(number)
        else:
            db.add(Favorite(account_id=account.id, job_posting_id=posting.id, created_at=now))
            added.append(number)
            total += 1
    if refused and not added and not already:
        await db.rollback()
        raise DomainError(ErrorCode.limit_reached, 409, params={"limit": FAVORITE_LIMIT})
    await db.commit()
    return FavoriteAddResult(
        added=added, already=already, refused=refused, not_found=not_found, total=total
    )


@router.delete("/{job_number}", status_code=204, responses={404: {"model": ErrorBody}})
async def remove_favorite(job_number: JobNumber, account: CurrentAccount, db: DB) -> Response:
    posting = select(JobPosting.id).where(JobPosting.job_number == job_number)
    removed = await db.execute(
        delete(Favorite)
        .where(Favorite.account_id == account.id, Favorite.job_posting_id.in_(posting))
        .returning(Favorite.id)
    )
    if removed.first() is None:  # never there, or removed by a concurrent request
        raise DomainError(ErrorCode.not_found, 404)
    await db.commit()
    return Response(status_code=204)
