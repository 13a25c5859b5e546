"""/api/v1/me/messages* — unavailable while the registration is 無効 (seed 002)."""

from __future__ import annotations

from fastapi import APIRouter, Request, Response

from api_client.application_models import (
    Message,
    MessageCreate,
    MessageOverview,
    Thread,
    UnreadCount,
)
from api_client.models import API_PREFIX
from server.accounts.validity import ValidRegistration
from server.applications.routes import ApplicationId, IdempotencyKey, created, errors
from server.applications.throttle import MESSAGE_LIMIT, throttle_account
from server.auth.deps import DB, Env
from server.messages import service

router = APIRouter(prefix=f"{API_PREFIX}/me/messages", tags=["messages"])


@router.get("", responses=errors(403))
async def overview(account: ValidRegistration, db: DB, env: Env) -> MessageOverview:
    return await service.overview(db, env, account)


@router.get("/threads/{application_id}", responses=errors(403, 404))
async def thread(
    application_id: ApplicationId, account: ValidRegistration, db: DB, env: Env
) -> Thread:
    return await service.thread(db, env, account, application_id)


@router.post("/threads/{application_id}/read", responses=errors(403, 404))
async def mark_read(
    application_id: ApplicationId, account: ValidRegistration, db: DB, env: Env
) -> UnreadCount:
    return await service.mark_thread_read(db, env, account, application_id)


@router.post("/threads/{application_id}", status_code=201, responses=errors(403, 404))
async def send(
    application_id: ApplicationId,
    body: MessageCreate,
    key: IdempotencyKey,
    request: Request,
    response: Response,
    account: ValidRegistration,
    db: DB,
    env: Env,
) -> Message:
    """A reply to the employer."""
    await throttle_account(request, db, MESSAGE_LIMIT, account)
    message, replayed = await service.reply(db, env, account, application_id, body, key)
    created(response, replayed)
    return message
