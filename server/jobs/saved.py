"""Saved search conditions (検索条件の保存): at most 3 per account, each with a title.

Routes and service together (the domain is small). Every query filters by the caller, so
another account's condition is a 404. The limit is checked after locking the account row,
in the transaction that inserts.
"""

from __future__ import annotations

from fastapi import APIRouter, Depends, Response
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from api_client.job_models import (
    SAVED_SEARCH_LIMIT,
    JobSearchRequest,
    SavedSearch,
    SavedSearchCreate,
    SavedSearchList,
    SavedSearchUpdate,
)
from api_client.models import API_PREFIX, ErrorBody, ErrorCode
from server.accounts.locking import lock_account
from server.accounts.models import Account
from server.accounts.validity import require_valid_registration
from server.auth.deps import DB, CurrentAccount, Env
from server.errors import DomainError
from server.jobs import saved_models
from server.jobs.service import check_codes
from server.params import RowId

router = APIRouter(
    prefix=API_PREFIX + "/me/saved-searches",
    tags=["saved searches"],
    dependencies=[Depends(require_valid_registration)],
    responses={s: {"model": ErrorBody} for s in (401, 403, 422)},
)


def _conditions_json(req: JobSearchRequest) -> str:
    return req.model_copy(update={"page": 1}).model_dump_json()


def _view(row: saved_models.SavedSearch) -> SavedSearch:
    return SavedSearch(
        id=row.id,
        title=row.title,
        conditions=JobSearchRequest.model_validate_json(row.conditions),
        created_at=row.created_at,
        updated_at=row.updated_at,
    )


async def _own(db: AsyncSession, account: Account, saved_id: int) -> saved_models.SavedSearch:
    """The caller's condition, locked for the change that follows (a concurrent delete then
    makes this a 404 instead of an update of nothing)."""
    row = await db.scalar(
        select(saved_models.SavedSearch)
        .where(
            saved_models.SavedSearch.id == saved_id,
            saved_models.SavedSearch.account_id == account.id,
        )
        .with_for_update()
        .execution_options(populate_existing=True)
    )
    if row is None:
        raise DomainError(ErrorCode.not_found, 404)
    return row


@router.get("")
async def list_saved(account: CurrentAccount, db: DB) -> SavedSearchList:
    rows = await db.scalars(
        select(saved_models.SavedSearch)
        .where(saved_models.SavedSearch.account_id == account.id)
        .order_by(saved_models.SavedSearch.id)
    )
    return SavedSearchList(items=[_view(r) for r in rows])


@router.post("", status_code=201, responses={409: {"model": ErrorBody}})
async def create_saved(
    body: SavedSearchCreate, account: CurrentAccount, db: DB, env: Env
) -> SavedSearch:
    check_codes(body.conditions)
    await lock_account(db, account.id)
    count = await db.scalar(
        select(func.count())
        .select_from(saved_models.SavedSearch)
        .where(saved_models.SavedSearch.account_id == account.id)
    )
    if (count or 0) >= SAVED_SEARCH_LIMIT:
        raise DomainError(ErrorCode.limit_reached, 409, params={"limit": SAVED_SEARCH_LIMIT})
    now = env.clock.now()
    row = saved_models.SavedSearch(
        account_id=account.id,
        title=body.title,
        conditions=_conditions_json(body.conditions),
        created_at=now,
        updated_at=now,
    )
    db.add(row)
    await db.commit()
    return _view(row)


@router.put("/{saved_id}", responses={404: {"model": ErrorBody}})
async def update_saved(
    saved_id: RowId, body: SavedSearchUpdate, account: CurrentAccount, db: DB, env: Env
) -> SavedSearch:
    row = await _own(db, account, saved_id)
    if body.title is not None:
        row.title = body.title
    if body.conditions is not None:
        check_codes(body.conditions)
        row.conditions = _conditions_json(body.conditions)
    row.updated_at = env.clock.now()
    await db.commit()
    return _view(row)


@router.delete("/{saved_id}", status_code=204, responses={404: {"model": ErrorBody}})
async def delete_saved(saved_id: RowId, account: CurrentAccount, db: DB) -> Response:
    row = await _own(db, account, saved_id)
    await db.delete(row)
    await db.commit()
    return Response(status_code=204)
