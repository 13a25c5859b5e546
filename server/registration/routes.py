"""/api/v1/documents/*, /api/v1/auth/open*, /api/v1/auth/reregister* and
/api/v1/me/registration* — thin: parse, throttle, call the service."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Body, Depends, Path, Request

from api_client.models import API_PREFIX, ErrorBody, ErrorCode
from api_client.profile_models import (
    STEP_MODELS,
    Document,
    DocumentKind,
    KeySent,
    OpenConfirmRequest,
    OpenOnlineRequest,
    OpenWithCodeRequest,
    RegistrationCompleted,
    RegistrationView,
    ReregisterConfirm,
    ReregisterRequest,
    ResolvedAddress,
    SignedIn,
    StepResult,
)
from api_client.registration_validation import normalise_postal_code
from server.auth.deps import DB, CurrentAccount, Env
from server.errors import DomainError
from server.registration import opening, service
from server.registration.documents import DOCUMENTS
from server.state import AppState, address_target, app_state, throttle, throttle_secret

router = APIRouter(prefix=API_PREFIX, tags=["registration"])

State = Annotated[AppState, Depends(app_state)]


def errors(*statuses: int) -> dict[int | str, dict[str, Any]]:
    return {status: {"model": ErrorBody} for status in (*statuses, 422)}


@router.get("/documents/{kind}")
async def document(kind: DocumentKind) -> Document:
    """The privacy policy or the terms of use, in full (Japanese and English)."""
    return DOCUMENTS[kind]


@router.post("/auth/open/code", status_code=202, responses=errors(400, 409, 429, 503))
async def open_with_code(
    body: OpenWithCodeRequest, request: Request, db: DB, state: State
) -> KeySent:
    await throttle(request, db, state.limits.mail)
    await throttle_secret(request, db, "creation-code", body.seeker_number.strip())
    return await opening.open_with_code(db, state.env, body)


@router.post("/auth/open", status_code=202, responses=errors(429, 503))
async def open_online(body: OpenOnlineRequest, request: Request, db: DB, state: State) -> KeySent:
    await throttle(request, db, state.limits.mail)
    return await opening.open_online(db, state.env, body)


@router.post("/auth/open/confirm", responses=errors(400, 409, 429))
async def confirm_opening(body: OpenConfirmRequest, request: Request, db: DB, env: Env) -> SignedIn:
    await throttle_secret(request, db, "open", address_target(body.email))
    return await opening.confirm_opening(db, env, body)


@router.post("/auth/reregister", status_code=202, responses=errors(401, 409, 429, 503))
async def reregister(body: ReregisterRequest, request: Request, db: DB, state: State) -> KeySent:
    await throttle(request, db, state.limits.login)
    await throttle_secret(request, db, "reregister", address_target(body.email))
    return await opening.request_reregistration(db, state.env, body)


@router.post("/auth/reregister/confirm", responses=errors(400, 409, 429))
async def confirm_reregister(
    body: ReregisterConfirm, request: Request, db: DB, env: Env
) -> SignedIn:
    await throttle_secret(request, db, "reregister-confirm", address_target(body.email))
    return await opening.confirm_reregistration(db, env, body)


@router.get("/me/registration", responses=errors(401))
async def registration(account: CurrentAccount, db: DB, env: Env) -> RegistrationView:
    return await service.registration_view(db, env, account)


# The body depends on the step: documented as one of the seven step models.
STEP_BODY_DOC: dict[str, Any] = {
    "requestBody": {
        "required": True,
        "content": {
            "application/json": {
                "schema": {
                    "oneOf": [
                        {"$ref": f"#/components/schemas/{model.__name__}"}
                        for model in STEP_MODELS.values()
                    ]
                }
            }
        },
    }
}


@router.get("/reference/postal-codes/{code}", responses=errors(404))
async def postal_code(code: Annotated[str, Path(max_length=20)]) -> ResolvedAddress:
    """Prefecture, municipality and 利用安定所 of a postal code (full-width accepted)."""
    found = service.resolve_postal(normalise_postal_code(code).value)
    if found is None:
        raise DomainError(ErrorCode.not_found, 404, params={"reason": "postal_code_unknown"})
    return found


@router.put(
    "/me/registration/steps/{step}",
    responses=errors(401, 404, 409),
    openapi_extra=STEP_BODY_DOC,
)
async def save_step(
    step: Annotated[int, Path(ge=1, le=7)],
    body: Annotated[dict[str, Any], Body()],
    account: CurrentAccount,
    db: DB,
    env: Env,
) -> StepResult:
    return await service.save_step(db, env, account, step, body)


@router.post("/me/registration/complete", responses=errors(401, 409))
async def complete(account: CurrentAccount, db: DB, env: Env) -> RegistrationCompleted:
    return await service.complete(db, env, account)
