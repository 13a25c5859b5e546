"""/api/v1/me/profile*, /api/v1/me/settings*, /api/v1/me/withdraw, /api/v1/me/notices*."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Body, Depends, Path, Request, Response

from api_client.models import API_PREFIX, ErrorBody
from api_client.profile_models import (
    EmailChangeConfirm,
    EmailChangeRequest,
    FeatureDeliveryRequest,
    KeySent,
    Notice,
    NoticeList,
    PasswordChangeRequest,
    ProfileUpdated,
    ProfileView,
    RegistrationStatusRequest,
    SettingsView,
    WithdrawRequest,
)
from server.accounts.validity import ValidRegistration
from server.auth.deps import DB, CurrentAccount, CurrentAuth, Env
from server.notices import service as notices
from server.params import RowId
from server.profile import service
from server.registration.routes import STEP_BODY_DOC
from server.state import AppState, app_state, throttle, throttle_secret

router = APIRouter(prefix=f"{API_PREFIX}/me", tags=["profile"])

State = Annotated[AppState, Depends(app_state)]


def errors(*statuses: int) -> dict[int | str, dict[str, Any]]:
    return {status: {"model": ErrorBody} for status in (401, *statuses, 422)}


@router.get("/profile", responses=errors(404))
async def profile(account: CurrentAccount, db: DB, env: Env) -> ProfileView:
    return await service.profile_view(db, env, account)


@router.put("/profile/steps/{step}", responses=errors(404), openapi_extra=STEP_BODY_DOC)
async def update_profile(
    step: Annotated[int, Path(ge=1, le=7)],
    body: Annotated[dict[str, Any], Body()],
    account: CurrentAccount,
    db: DB,
    env: Env,
) -> ProfileUpdated:
    return await service.update_section(db, env, account, step, body)


@router.get("/settings", responses=errors())
async def settings(account: CurrentAccount, db: DB, env: Env) -> SettingsView:
    return await service.settings_view(db, env, account)


@router.put("/settings/registration", responses=errors(404))
async def registration_status(
    body: RegistrationStatusRequest, account: CurrentAccount, db: DB, env: Env
) -> SettingsView:
    return await service.set_registration_status(db, env, account, body.status)


@router.put("/settings/feature-delivery", responses=errors(404))
async def feature_delivery(
    body: FeatureDeliveryRequest, account: CurrentAccount, db: DB, env: Env
) -> SettingsView:
    return await service.set_feature_delivery(db, env, account, body.enabled)


@router.post("/settings/email", status_code=202, responses=errors(400, 423, 429, 503))
async def change_email(
    body: EmailChangeRequest, request: Request, account: CurrentAccount, db: DB, state: State
) -> KeySent:
    await throttle(request, db, state.limits.mail)
    return await service.request_email_change(db, state.env, account, body)


@router.post("/settings/email/confirm", responses=errors(400, 409, 429))
async def confirm_email(
    body: EmailChangeConfirm, request: Request, account: CurrentAccount, db: DB, env: Env
) -> SettingsView:
    await throttle_secret(request, db, "email-change", f"account:{account.id}")
    return await service.confirm_email_change(db, env, account, body)


@router.put("/settings/password", status_code=204, responses=errors(400, 423, 429))
async def change_password(
    body: PasswordChangeRequest, request: Request, auth: CurrentAuth, db: DB, env: Env
) -> Response:
    await throttle_secret(request, db, "password-change", f"account:{auth.account.id}")
    await service.change_password(db, env, auth.account, auth.session, body)
    return Response(status_code=204)


@router.post("/withdraw", status_code=204, responses=errors(400, 423, 429))
async def withdraw(
    body: WithdrawRequest, request: Request, account: CurrentAccount, db: DB, env: Env
) -> Response:
    await throttle_secret(request, db, "withdraw", f"account:{account.id}")
    await service.withdraw(db, env, account, body)
    return Response(status_code=204)


@router.get("/notices", responses=errors(403))
async def list_notices(account: ValidRegistration, db: DB) -> NoticeList:
    return await notices.list_notices(db, account)


@router.post("/notices/{notice_id}/read", responses=errors(403, 404))
async def read_notice(notice_id: RowId, account: ValidRegistration, db: DB, env: Env) -> Notice:
    return await notices.mark_read(db, env, account, notice_id)
