"""/api/v1/me/applications*, /me/referrals*, /me/requests, /me/home/activity — thin: parse,
authenticate, call the service.

POSTs that create take an `Idempotency-Key` header; the same key again answers 200 with
`Idempotent-Replayed: true` and what the first request created (201).
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Header, Request, Response

from api_client.application_models import (
    IDEMPOTENCY_HEADER,
    IDEMPOTENCY_KEY_PATTERN,
    Application,
    ApplicationList,
    HomeActivity,
    ReferralApplicationCreate,
    ReferralLetter,
    ReferralList,
    RequestList,
    SelfApplicationCreate,
)
from api_client.models import API_PREFIX, ErrorBody
from server.accounts.validity import ValidRegistration
from server.applications import service
from server.applications.home import home_activity
from server.applications.throttle import APPLY_LIMIT, throttle_account
from server.auth.deps import DB, CurrentAccount, Env
from server.params import RowId

router = APIRouter(prefix=f"{API_PREFIX}/me", tags=["applications"])

IdempotencyKey = Annotated[
    str,
    Header(
        alias=IDEMPOTENCY_HEADER,
        pattern=IDEMPOTENCY_KEY_PATTERN,
        description="A random key per submission (16-64 of A-Z a-z 0-9 _ -), kept for retries",
    ),
]
ApplicationId = RowId


def errors(*statuses: int) -> dict[int | str, dict[str, Any]]:
    return {status: {"model": ErrorBody} for status in (401, *statuses, 422)}


def created(response: Response, replayed: bool) -> None:
    if replayed:
        response.status_code = 200
        response.headers["Idempotent-Replayed"] = "true"


@router.get("/home/activity", responses=errors())
async def activity(account: CurrentAccount, db: DB, env: Env) -> HomeActivity:
    return await home_activity(db, env, account)


@router.get("/applications", responses=errors())
async def list_applications(account: CurrentAccount, db: DB, env: Env) -> ApplicationList:
    return await service.list_applications(db, env, account)


@router.post("/applications", status_code=201, responses=errors(403, 404, 409))
async def apply(
    body: SelfApplicationCreate,
    key: IdempotencyKey,
    request: Request,
    response: Response,
    account: ValidRegistration,
    db: DB,
    env: Env,
) -> Application:
    """オンライン自主応募 (the cautions must be acknowledged)."""
    await throttle_account(request, db, APPLY_LIMIT, account)
    application, replayed = await service.apply_self(db, env, account, body, key)
    created(response, replayed)
    return application


@router.get("/applications/{application_id}", responses=errors(404))
async def get_application(
    application_id: ApplicationId, account: CurrentAccount, db: DB, env: Env
) -> Application:
    return await service.get_application(db, env, account, application_id)


@router.post("/applications/{application_id}/withdraw", responses=errors(404, 409))
async def withdraw(
    application_id: ApplicationId, account: CurrentAccount, db: DB, env: Env
) -> Application:
    """辞退 while 応募中."""
    return await service.withdraw(db, env, account, application_id)


@router.get("/applications/{application_id}/referral-letter", responses=errors(403, 404))
async def referral_letter(
    application_id: ApplicationId, account: ValidRegistration, db: DB, env: Env
) -> ReferralLetter:
    return await service.referral_letter(db, env, account, application_id)


@router.get("/referrals", responses=errors(403))
async def list_referrals(account: ValidRegistration, db: DB, env: Env) -> ReferralList:
    return await service.list_referrals(db, env, account)


@router.post("/referrals/{referral_id}/apply", status_code=201, responses=errors(403, 404, 409))
async def apply_referral(
    referral_id: ApplicationId,
    body: ReferralApplicationCreate,
    key: IdempotencyKey,
    request: Request,
    response: Response,
    account: ValidRegistration,
    db: DB,
    env: Env,
) -> Application:
    await throttle_account(request, db, APPLY_LIMIT, account)
    application, replayed = await service.apply_referral(db, env, account, referral_id, body, key)
    created(response, replayed)
    return application


@router.get("/requests", responses=errors())
async def list_requests(account: CurrentAccount, db: DB, env: Env) -> RequestList:
    return await service.list_requests(db, env, account)
