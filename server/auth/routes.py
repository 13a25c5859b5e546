"""/api/v1/auth/* — thin: parse, throttle, call the service."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Request, Response

from api_client.models import (
    API_PREFIX,
    Accepted,
    ErrorBody,
    LoginRequest,
    LoginResponse,
    OtpResendRequest,
    OtpResendResponse,
    OtpVerifyRequest,
    OtpVerifyResponse,
    PasswordResetConfirm,
    PasswordResetRequest,
)
from server.auth import login as login_service
from server.auth import otp, password_reset, sessions
from server.auth.deps import DB, CurrentAuth, Env
from server.state import AppState, address_target, app_state, throttle, throttle_secret

router = APIRouter(prefix=API_PREFIX, tags=["auth"])

State = Annotated[AppState, Depends(app_state)]


def errors(*statuses: int) -> dict[int | str, dict[str, Any]]:
    return {status: {"model": ErrorBody} for status in (*statuses, 422)}


@router.post("/auth/login", responses=errors(401, 423, 429, 503))
async def login(body: LoginRequest, request: Request, db: DB, state: State) -> LoginResponse:
    # The count commits with the login's own first write (its failure count), before the
    # password is checked.
    await throttle(request, db, state.limits.login, commit=False)
    return await login_service.login(db, state.env, body.email, body.password, body.device_token)


@router.post("/auth/otp", responses=errors(400, 423, 429))
async def verify_otp(
    body: OtpVerifyRequest, request: Request, db: DB, env: Env
) -> OtpVerifyResponse:
    # The counts commit with the guess's own count, before the OTP is compared.
    await throttle_secret(request, db, "otp", body.login_ticket, commit=False)
    return await otp.verify_otp(
        db,
        env,
        body.login_ticket,
        body.otp,
        remember_device=body.remember_device,
        device_label=body.device_label,
    )


@router.post("/auth/otp/resend", responses=errors(400, 429, 503))
async def resend_otp(body: OtpResendRequest, db: DB, env: Env) -> OtpResendResponse:
    return await otp.resend_otp(db, env, body.login_ticket)


@router.post("/auth/logout", status_code=204, responses=errors(401))
async def logout(auth: CurrentAuth, db: DB, env: Env) -> Response:
    await sessions.logout(db, env, auth.session)
    return Response(status_code=204)


@router.post("/auth/password-reset", status_code=202, responses=errors(429, 503))
async def request_password_reset(
    body: PasswordResetRequest,
    request: Request,
    db: DB,
    state: State,
) -> Accepted:
    """202 once a mail went out: the key to a registered address, a notice to any other
    (same answer, same work); 503 `mail_not_sent` when it could not."""
    await throttle(request, db, state.limits.mail)
    await password_reset.request_password_reset(db, state.env, body.email)
    return Accepted()


@router.post("/auth/password-reset/confirm", status_code=204, responses=errors(400, 429))
async def confirm_password_reset(
    body: PasswordResetConfirm, request: Request, db: DB, env: Env
) -> Response:
    await throttle_secret(request, db, "password-reset", address_target(body.email))
    await password_reset.confirm_password_reset(
        db,
        env,
        email=body.email,
        auth_key=body.auth_key,
        new_password=body.new_password,
        new_password_confirm=body.new_password_confirm,
    )
    return Response(status_code=204)
