"""The wire contract: request and response bodies of /api/v1.

The server uses these very models in its routes, so the OpenAPI document and the client cannot
drift. Everything a client sends forbids extra fields. Error messages travel as stable codes
(`ErrorBody.code`, `FieldError.code`) that each side localises; `message` is English prose for
API users and logs.
"""

from __future__ import annotations

from datetime import date, datetime
from enum import StrEnum
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StrictBool

from .wire import RequestModel

API_PREFIX = "/api/v1"


class _In(RequestModel):
    """Base of every body a client sends (see wire.py)."""


class _Out(BaseModel):
    """Base of every body the server returns (clients ignore unknown fields)."""

    model_config = ConfigDict(extra="ignore")


# --------------------------------------------------------------------------- errors


class ErrorCode(StrEnum):
    """Stable codes of the error body. Clients map them to exceptions and messages."""

    validation_error = "validation_error"
    invalid_credentials = "invalid_credentials"
    account_locked = "account_locked"
    otp_invalid = "otp_invalid"
    otp_expired = "otp_expired"
    otp_attempts_exhausted = "otp_attempts_exhausted"
    login_ticket_invalid = "login_ticket_invalid"
    resend_throttled = "resend_throttled"
    auth_key_invalid = "auth_key_invalid"
    auth_key_expired = "auth_key_expired"
    auth_key_attempts_exhausted = "auth_key_attempts_exhausted"
    password_policy = "password_policy"  # noqa: S105 - an error code
    session_expired = "session_expired"
    not_authenticated = "not_authenticated"
    not_found = "not_found"
    rate_limited = "rate_limited"
    registration_invalid = "registration_invalid"
    limit_reached = "limit_reached"
    conflict = "conflict"
    mail_not_sent = "mail_not_sent"
    internal_error = "internal_error"
    database_unavailable = "database_unavailable"  # 503: nothing was changed; try again
    # applying, referrals, messages (issue 10)
    posting_closed = "posting_closed"  # expired or withdrawn; params.status says which
    self_application_not_accepted = "self_application_not_accepted"  # 自主応募 不可
    self_application_restricted = "self_application_restricted"  # no-show rule: visit an office
    referral_deadline_passed = "referral_deadline_passed"  # params.deadline
    already_applied = "already_applied"  # params.application_id
    online_only_account = "online_only_account"  # no office registration: no online referral
    not_withdrawable = "not_withdrawable"  # only 応募中 can be withdrawn; params.state
    idempotency_key_reused = "idempotency_key_reused"  # same key, different request
    registration_required = "registration_required"  # an online account not registered yet


class FieldError(_Out):
    """One problem with one input field. `code` is a validation code (see validation.py)."""

    field: str
    code: str
    message: str
    params: dict[str, str | int] = Field(default_factory=dict)


class ErrorBody(_Out):
    code: ErrorCode
    message: str
    fields: list[FieldError] = Field(default_factory=list)
    params: dict[str, str | int] = Field(default_factory=dict)


# --------------------------------------------------------------------------- meta


class ServerMeta(_Out):
    """GET /api/v1/meta — who this server is (keys the device-token store)."""

    instance_id: str
    version: str
    embedded: bool
    mailbox_readable: bool = Field(description="True when the outbox is a local Maildir")


# --------------------------------------------------------------------------- auth

Email = Annotated[str, Field(min_length=1, max_length=254)]
Password = Annotated[str, Field(min_length=1, max_length=256)]


class LoginRequest(_In):
    email: Email
    password: Password
    device_token: str | None = Field(
        default=None, max_length=128, description="OTP-skip token this device holds, if any"
    )


class LoginStatus(StrEnum):
    otp_required = "otp_required"
    signed_in = "signed_in"


class SessionInfo(_Out):
    session_token: str
    idle_expires_at: datetime
    absolute_expires_at: datetime


class DeviceTokenGrant(_Out):
    """A new OTP-skip token; the client replaces whatever it held for this account."""

    device_token: str
    expires_at: datetime


class LoginResponse(_Out):
    status: LoginStatus
    login_ticket: str | None = Field(default=None, description="Set when status is otp_required")
    otp_expires_at: datetime | None = None
    session: SessionInfo | None = Field(default=None, description="Set when status is signed_in")
    device: DeviceTokenGrant | None = Field(
        default=None, description="Rotated skip token when the login used one"
    )


class OtpVerifyRequest(_In):
    login_ticket: str = Field(min_length=1, max_length=128)
    otp: str = Field(min_length=1, max_length=16)
    remember_device: StrictBool = False
    device_label: str = Field(default="", max_length=100)


class OtpVerifyResponse(_Out):
    session: SessionInfo
    device: DeviceTokenGrant | None = None


class OtpResendRequest(_In):
    login_ticket: str = Field(min_length=1, max_length=128)


class OtpResendResponse(_Out):
    otp_expires_at: datetime


class PasswordResetRequest(_In):
    email: Email


class PasswordResetConfirm(_In):
    email: Email
    auth_key: str = Field(min_length=1, max_length=32)
    new_password: Password
    new_password_confirm: Password


class Accepted(_Out):
    """An answer that deliberately says nothing about whether the account exists."""

    accepted: Literal[True] = True


# --------------------------------------------------------------------------- home


class PublicationStatus(StrEnum):
    public = "public"  # 公開中
    private = "private"  # 非公開


class RegistrationStatus(StrEnum):
    valid = "valid"  # 有効
    invalid = "invalid"  # 無効


class HomeView(_Out):
    """GET /api/v1/me/home"""

    name: str
    office_name: str | None
    seeker_number: str | None
    last_login_at: datetime | None = Field(description="The login before the current session")
    unread_messages: int = 0
    publication_status: PublicationStatus = PublicationStatus.private
    registration_status: RegistrationStatus = RegistrationStatus.valid
    registration_valid_until: date | None = None
    otp_skip_devices: bool = False


class DeviceInfo(_Out):
    id: int
    label: str
    created_at: datetime
    last_used_at: datetime | None
    expires_at: datetime


class DeviceList(_Out):
    """GET /api/v1/me/devices — 省略する設定がされている端末 (あり when non-empty)."""

    devices: list[DeviceInfo]
