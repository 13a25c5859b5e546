"""Domain errors and the handlers that turn every failure into an `ErrorBody`.

`message` is English prose for API users and logs; clients localise by `code`.
"""

from __future__ import annotations

import logging
import secrets
from collections.abc import Mapping, Sequence
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from api_client.field_messages import REGISTRATION_FIELD_MESSAGES
from api_client.models import ErrorBody, ErrorCode, FieldError
from api_client.validation import Problem
from server.body_limit import BodyTooLarge
from server.db.problems import is_database_unavailable

log = logging.getLogger("hellowork.server")

MESSAGES: dict[ErrorCode, str] = {
    ErrorCode.validation_error: "Some fields are not valid.",
    ErrorCode.invalid_credentials: "The e-mail address or the password is wrong.",
    ErrorCode.account_locked: "The account is locked after repeated wrong passwords. "
    "Reset the password to unlock it.",
    ErrorCode.otp_invalid: "The one-time password is wrong.",
    ErrorCode.otp_expired: "The one-time password has expired. Request a new one.",
    ErrorCode.otp_attempts_exhausted: "Too many wrong one-time passwords. Log in again.",
    ErrorCode.login_ticket_invalid: "This login attempt is no longer valid. Log in again.",
    ErrorCode.resend_throttled: "Please wait before requesting another one-time password.",
    ErrorCode.auth_key_invalid: "The authentication key is wrong or no longer valid.",
    ErrorCode.auth_key_expired: "The authentication key has expired. Request a new one.",
    ErrorCode.auth_key_attempts_exhausted: "Too many wrong authentication keys. Request a new one.",
    ErrorCode.password_policy: "The password does not meet the rules.",
    ErrorCode.session_expired: "The session has expired. Log in again.",
    ErrorCode.not_authenticated: "Log in first.",
    ErrorCode.not_found: "Not found.",
    ErrorCode.rate_limited: "Too many requests. Try again later.",
    ErrorCode.registration_invalid: "Not available while the registration is invalid.",
    ErrorCode.limit_reached: "The limit has been reached.",
    ErrorCode.conflict: "The request conflicts with the current state.",
    ErrorCode.mail_not_sent: "The mail could not be sent. Please try again in a while.",
    ErrorCode.internal_error: "An internal error occurred.",
    ErrorCode.database_unavailable: "The database cannot be reached. Nothing was changed; "
    "try again shortly.",
    ErrorCode.posting_closed: "This posting is no longer open (expired or withdrawn).",
    ErrorCode.self_application_not_accepted: "This posting does not accept online "
    "self-applications. Ask a Hello Work office for a referral.",
    ErrorCode.self_application_restricted: "Online self-application is restricted after "
    "repeated interview no-shows. Visit a Hello Work office to lift the restriction.",
    ErrorCode.referral_deadline_passed: "The deadline of this referral has passed.",
    ErrorCode.already_applied: "You have already applied to this posting.",
    ErrorCode.online_only_account: "Online Hello Work referral needs a registration at a "
    "Hello Work office; accounts opened online only do not have it.",
    ErrorCode.not_withdrawable: "Only an application still waiting (応募中) can be withdrawn.",
    ErrorCode.idempotency_key_reused: "This Idempotency-Key was used for a different request.",
    ErrorCode.registration_required: "Complete the job-seeker registration first.",
}
# Sent with database_unavailable: a restarting database is usually back within seconds.
DATABASE_RETRY_AFTER_S = 2

FIELD_MESSAGES: dict[str, str] = {
    "required": "This field is required.",
    "password_forbidden_char": "Contains characters that are not allowed: {chars}. "
    "Allowed symbols: {symbols}",
    "password_too_short": "At least {min} characters.",
    "password_too_long": "At most {max} characters.",
    "password_missing_digit": "Must contain a half-width digit.",
    "password_missing_letter": "Must contain a half-width letter.",
    "password_missing_symbol": "Must contain one of these symbols: {symbols}",
    "password_common": "This password is too common.",
    "password_mismatch": "The two passwords differ.",
    "email_too_long": "At most {max} characters.",
    "email_not_halfwidth": "Use half-width characters only.",
    "email_invalid": "Not a valid e-mail address.",
    "seeker_number_format": "Use the form NNNNN-NNNNNNNN.",
    "too_long": "At most {max} characters.",
    "unknown_office": "No office with code {code}.",
    "already_registered": "Already registered.",
    "text_too_long": "At most {max} characters (now {length}).",
    "control_characters": "Contains control characters that are not allowed: {chars}.",
    "cautions_not_acknowledged": "Read the cautions of online self-application and accept them.",
    **{code: en for code, (_ja, en) in REGISTRATION_FIELD_MESSAGES.items()},
}


def field_error(field: str, problem: Problem) -> FieldError:
    template = FIELD_MESSAGES.get(problem.code, problem.code)
    try:
        message = template.format(**problem.params)
    except (KeyError, IndexError):
        message = template
    return FieldError(field=field, code=problem.code, message=message, params=problem.params)


class DomainError(Exception):
    """A failure the client can act on; rendered as `ErrorBody` with `status`."""

    def __init__(
        self,
        code: ErrorCode,
        status: int,
        *,
        params: Mapping[str, str | int] | None = None,
        fields: Sequence[FieldError] = (),
        headers: Mapping[str, str] | None = None,
        message: str | None = None,
    ) -> None:
        super().__init__(code.value)
        self.code = code
        self.status = status
        self.params = dict(params or {})
        self.fields = list(fields)
        self.headers = dict(headers or {})
        self.message = message or MESSAGES[code]

    def body(self) -> ErrorBody:
        return ErrorBody(
            code=self.code, message=self.message, fields=self.fields, params=self.params
        )


def error_response(
    status: int, body: ErrorBody, headers: Mapping[str, str] | None = None
) -> JSONResponse:
    return JSONResponse(
        body.model_dump(mode="json"), status_code=status, headers=dict(headers or {})
    )


async def _domain_error(_request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, DomainError)
    return error_response(exc.status, exc.body(), exc.headers)


def _loc_field(loc: Sequence[int | str]) -> str:
    # ("body", "email") -> "email"; ("query", "page") -> "page"; nested -> "a.0.b"
    parts = [str(p) for p in loc]
    if parts and parts[0] in {"body", "query", "path", "header", "cookie"}:
        parts = parts[1:]
    return ".".join(parts) or "body"


def _scalar_params(ctx: Any) -> dict[str, str | int]:
    if not isinstance(ctx, dict):
        return {}
    out: dict[str, str | int] = {}
    for key, value in ctx.items():
        if isinstance(value, bool):
            out[key] = str(value).lower()
        elif isinstance(value, int | str):
            out[key] = value
        elif isinstance(value, float):
            out[key] = str(value)
    return out


def _field_of(err: Mapping[str, Any]) -> str:
    if err.get("type") == "json_invalid":  # loc is ("body", offset): the body as a whole
        return "body"
    return _loc_field(err.get("loc", ()))


async def _validation_error(_request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, RequestValidationError)
    fields = [
        FieldError(
            field=_field_of(err),
            code=str(err.get("type", "invalid")),
            message=str(err.get("msg", "")),
            params=_scalar_params(err.get("ctx")),
        )
        for err in exc.errors()
    ]
    body = ErrorBody(
        code=ErrorCode.validation_error, message=MESSAGES[ErrorCode.validation_error], fields=fields
    )
    return error_response(422, body)


_HTTP_CODES: dict[int, ErrorCode] = {
    401: ErrorCode.not_authenticated,
    404: ErrorCode.not_found,
    405: ErrorCode.not_found,  # the contract has no separate code; status says 405
    429: ErrorCode.rate_limited,
}


def undecodable_body_response() -> JSONResponse:
    """A body that is not JSON text (e.g. not UTF-8): 422 like any other bad body, the
    status every operation with a body documents."""
    body = ErrorBody(
        code=ErrorCode.validation_error,
        message=MESSAGES[ErrorCode.validation_error],
        fields=[
            FieldError(field="body", code="json_invalid", message="The body is not valid JSON.")
        ],
    )
    return error_response(422, body)


def too_large_response(limit: int) -> JSONResponse:
    body = ErrorBody(
        code=ErrorCode.validation_error,
        message="The request body is too large.",
        fields=[
            FieldError(
                field="body",
                code="body_too_large",
                message=f"At most {limit} bytes.",
                params={"max": limit},
            )
        ],
        params={"max": limit},
    )
    return error_response(413, body)


async def _http_error(_request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, StarletteHTTPException)
    if isinstance(exc, BodyTooLarge):
        return too_large_response(exc.limit)
    if exc.status_code == 400:  # FastAPI could not read the body as JSON
        return undecodable_body_response()
    code = _HTTP_CODES.get(exc.status_code, ErrorCode.internal_error)
    message = MESSAGES[code] if exc.status_code != 405 else "Method not allowed."
    return error_response(
        exc.status_code, ErrorBody(code=code, message=message), exc.headers or None
    )


class CatchAllMiddleware:
    """Answers unexpected exceptions with a 500 `ErrorBody` carrying a trace id, and a lost
    database with 503 `database_unavailable` (the request's transaction did not commit, so
    nothing it did was kept).

    The log line has the trace id and the traceback, never the request body or headers.
    """

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = False

        async def tracking_send(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        try:
            await self.app(scope, receive, tracking_send)
        except Exception as exc:
            trace_id = secrets.token_hex(8)
            if is_database_unavailable(exc) and not started:
                log.warning(
                    "database unavailable trace_id=%s method=%s path=%s: %s",
                    trace_id,
                    scope.get("method"),
                    scope.get("path"),
                    type(exc).__name__,
                )
                unavailable = ErrorBody(
                    code=ErrorCode.database_unavailable,
                    message=MESSAGES[ErrorCode.database_unavailable],
                    params={"trace_id": trace_id},
                )
                headers = {"Retry-After": str(DATABASE_RETRY_AFTER_S)}
                await error_response(503, unavailable, headers)(scope, receive, send)
                return
            log.exception(
                "unhandled error trace_id=%s method=%s path=%s",
                trace_id,
                scope.get("method"),
                scope.get("path"),
            )
            if started:
                raise
            body = ErrorBody(
                code=ErrorCode.internal_error,
                message=MESSAGES[ErrorCode.internal_error],
                params={"trace_id": trace_id},
            )
            await error_response(500, body)(scope, receive, send)


def install(app: FastAPI) -> None:
    app.add_exception_handler(DomainError, _domain_error)
    app.add_exception_handler(RequestValidationError, _validation_error)
    app.add_exception_handler(StarletteHTTPException, _http_error)
    app.add_middleware(CatchAllMiddleware)
