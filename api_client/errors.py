"""Error hierarchy of the client.

    HelloWorkError
    ├── TransportError            nothing usable came back (connection refused, timeout, …)
    │   ├── ServerUnreachable
    │   └── RequestTimeout
    └── APIStatusError            the server answered with an error body
        ├── <one class per ErrorCode>, e.g. InvalidCredentials, AccountLocked, SessionExpired
        └── ServerError           5xx
            └── DatabaseUnavailable   503: the server's database is down; nothing was changed

Domain errors are chosen by the server's `code`, not by the HTTP status, so a status change on
the server side never turns a known error into an unknown one.
"""

from __future__ import annotations

from .models import ErrorBody, ErrorCode, FieldError


class HelloWorkError(Exception):
    """Root of every error this client raises."""


class TransportError(HelloWorkError):
    """The request did not get an HTTP answer."""


class ServerUnreachable(TransportError):
    pass


class RequestTimeout(TransportError):
    pass


class APIStatusError(HelloWorkError):
    """The server answered with a non-2xx status and an error body."""

    def __init__(self, status_code: int, body: ErrorBody, retry_after: float | None = None):
        super().__init__(f"{status_code} {body.code}: {body.message}")
        self.status_code = status_code
        self.body = body
        self.retry_after = retry_after

    @property
    def code(self) -> ErrorCode:
        return self.body.code

    @property
    def fields(self) -> list[FieldError]:
        return self.body.fields

    @property
    def params(self) -> dict[str, str | int]:
        return self.body.params


class ValidationFailed(APIStatusError):
    pass


class InvalidCredentials(APIStatusError):
    pass


class AccountLocked(APIStatusError):
    pass


class OtpInvalid(APIStatusError):
    @property
    def remaining(self) -> int:
        return int(self.params.get("remaining", 0))


class OtpExpired(APIStatusError):
    pass


class OtpAttemptsExhausted(APIStatusError):
    pass


class LoginTicketInvalid(APIStatusError):
    pass


class ResendThrottled(APIStatusError):
    pass


class AuthKeyInvalid(APIStatusError):
    pass


class AuthKeyExpired(APIStatusError):
    pass


class AuthKeyAttemptsExhausted(APIStatusError):
    pass


class PasswordPolicyError(APIStatusError):
    pass


class SessionExpired(APIStatusError):
    pass


class NotAuthenticated(APIStatusError):
    pass


class NotFound(APIStatusError):
    pass


class RateLimited(APIStatusError):
    pass


class RegistrationInvalid(APIStatusError):
    pass


class LimitReached(APIStatusError):
    pass


class Conflict(APIStatusError):
    pass


class ServerError(APIStatusError):
    pass


class DatabaseUnavailable(ServerError):
    """The server is up but cannot reach its database. The request changed nothing; the
    same request may be sent again once the database is back (Retry-After says when)."""


class MailNotSent(ServerError):
    """503 `mail_not_sent`: the server could not send the mail (OTP, 認証キー) and kept
    nothing of the request; trying again later may work."""


# ------------------------------------------------------------------ applying and messages


class PostingClosed(APIStatusError):
    """The posting expired or was withdrawn (`status`)."""

    @property
    def status(self) -> str:
        return str(self.params.get("status", ""))


class SelfApplicationNotAccepted(APIStatusError):
    """オンライン自主応募の受付: 不可."""


class SelfApplicationRestricted(APIStatusError):
    """5+ interview no-shows on self-applications within 3 months: visit an office."""


class ReferralDeadlinePassed(APIStatusError):
    @property
    def deadline(self) -> str:
        return str(self.params.get("deadline", ""))


class AlreadyApplied(APIStatusError):
    @property
    def application_id(self) -> int | None:
        value = self.params.get("application_id")
        return int(value) if value is not None else None


class OnlineOnlyAccount(APIStatusError):
    """Registered online only (no office registration): no online Hello Work referral."""


class NotWithdrawable(APIStatusError):
    pass


class RegistrationRequired(APIStatusError):
    """An account opened online that has not completed the job-seeker registration."""


class IdempotencyKeyReused(APIStatusError):
    """A programming error: one key was used for two different requests."""


ERROR_CLASSES: dict[ErrorCode, type[APIStatusError]] = {
    ErrorCode.validation_error: ValidationFailed,
    ErrorCode.invalid_credentials: InvalidCredentials,
    ErrorCode.account_locked: AccountLocked,
    ErrorCode.otp_invalid: OtpInvalid,
    ErrorCode.otp_expired: OtpExpired,
    ErrorCode.otp_attempts_exhausted: OtpAttemptsExhausted,
    ErrorCode.login_ticket_invalid: LoginTicketInvalid,
    ErrorCode.resend_throttled: ResendThrottled,
    ErrorCode.auth_key_invalid: AuthKeyInvalid,
    ErrorCode.auth_key_expired: AuthKeyExpired,
    ErrorCode.auth_key_attempts_exhausted: AuthKeyAttemptsExhausted,
    ErrorCode.password_policy: PasswordPolicyError,
    ErrorCode.session_expired: SessionExpired,
    ErrorCode.not_authenticated: NotAuthenticated,
    ErrorCode.not_found: NotFound,
    ErrorCode.rate_limited: RateLimited,
    ErrorCode.registration_invalid: RegistrationInvalid,
    ErrorCode.limit_reached: LimitReached,
    ErrorCode.conflict: Conflict,
    ErrorCode.mail_not_sent: MailNotSent,
    ErrorCode.internal_error: ServerError,
    ErrorCode.database_unavailable: DatabaseUnavailable,
    ErrorCode.posting_closed: PostingClosed,
    ErrorCode.self_application_not_accepted: SelfApplicationNotAccepted,
    ErrorCode.self_application_restricted: SelfApplicationRestricted,
    ErrorCode.referral_deadline_passed: ReferralDeadlinePassed,
    ErrorCode.already_applied: AlreadyApplied,
    ErrorCode.online_only_account: OnlineOnlyAccount,
    ErrorCode.not_withdrawable: NotWithdrawable,
    ErrorCode.idempotency_key_reused: IdempotencyKeyReused,
    ErrorCode.registration_required: RegistrationRequired,
}


def error_from_response(
    status_code: int, payload: object, retry_after: float | None = None
) -> APIStatusError:
    """Build the most specific error for an error response (any shape the server may send)."""
    try:
        body = ErrorBody.model_validate(payload)
    except ValueError:
        code = ErrorCode.internal_error if status_code >= 500 else ErrorCode.validation_error
        body = ErrorBody(code=code, message=f"HTTP {status_code}")
    cls = ERROR_CLASSES.get(body.code, APIStatusError)
    if status_code >= 500:
        # Every 5xx is a ServerError; a more specific one only when the code says so.
        server_cls = cls if issubclass(cls, ServerError) else ServerError
        return server_cls(status_code, body, retry_after)
    return cls(status_code, body, retry_after)
