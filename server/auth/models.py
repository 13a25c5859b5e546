"""Sessions, login challenges (OTP), device (OTP-skip) tokens, 認証キー and failure counters.

Every secret is stored as a digest: SHA-256 for 256-bit random tokens, HMAC with the server
secret for short values (OTP, 認証キー) and for e-mail keys of the failure counter.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Index, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from server.auth.single_use import SecretTable
from server.db.base import Base

_ACCOUNT_FK = "accounts.id"


class Session(Base):
    __tablename__ = "sessions"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    account_id: Mapped[int] = mapped_column(ForeignKey(_ACCOUNT_FK, ondelete="CASCADE"), index=True)
    created_at: Mapped[datetime]
    last_seen_at: Mapped[datetime]
    absolute_expires_at: Mapped[datetime]
    revoked_at: Mapped[datetime | None]


class LoginChallenge(Base):
    """One login attempt waiting for its OTP. `login_ticket` is what the client holds."""

    __tablename__ = "login_challenges"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    ticket_hash: Mapped[str] = mapped_column(String(64), unique=True)
    account_id: Mapped[int] = mapped_column(ForeignKey(_ACCOUNT_FK, ondelete="CASCADE"), index=True)
    otp_hmac: Mapped[str] = mapped_column(String(64))
    expires_at: Mapped[datetime]
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    consumed_at: Mapped[datetime | None]
    last_sent_at: Mapped[datetime]
    created_at: Mapped[datetime]


LOGIN_CHALLENGES = SecretTable(
    LoginChallenge.id,
    LoginChallenge.consumed_at,
    LoginChallenge.expires_at,
    LoginChallenge.attempts,
)


class DeviceToken(Base):
    """An OTP-skip token. Rotated on every use; all rotations share `family_id` and the
    family's absolute `expires_at` (90 days from its first issue)."""

    __tablename__ = "device_tokens"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    family_id: Mapped[str] = mapped_column(String(32), index=True)
    account_id: Mapped[int] = mapped_column(ForeignKey(_ACCOUNT_FK, ondelete="CASCADE"), index=True)
    label: Mapped[str] = mapped_column(String(100), default="")
    created_at: Mapped[datetime]
    expires_at: Mapped[datetime]
    last_used_at: Mapped[datetime | None]
    revoked_at: Mapped[datetime | None]
    replaced_at: Mapped[datetime | None]


# A device token is spent by rotating it (replaced by its successor).
DEVICE_TOKENS = SecretTable(DeviceToken.id, DeviceToken.replaced_at, DeviceToken.expires_at)


class AuthKey(Base):
    """認証キー sent by e-mail (password reset, account opening, re-registration, e-mail change)."""

    __tablename__ = "auth_keys"
    __table_args__ = (Index("ix_auth_keys_purpose_email_key", "purpose", "email_key"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    purpose: Mapped[str] = mapped_column(String(32))
    account_id: Mapped[int | None] = mapped_column(
        ForeignKey(_ACCOUNT_FK, ondelete="CASCADE"), index=True
    )
    email_key: Mapped[str] = mapped_column(String(254))
    key_hmac: Mapped[str] = mapped_column(String(64))
    expires_at: Mapped[datetime]
    used_at: Mapped[datetime | None]
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    created_at: Mapped[datetime]


AUTH_KEYS = SecretTable(AuthKey.id, AuthKey.used_at, AuthKey.expires_at, AuthKey.attempts)


class LoginFailure(Base):
    """A failure counter under an HMAC of its scope: wrong passwords of an account (its
    `account_id` is set, and the row goes with the account), of an address with no account
    (so unknown e-mails lock alike), wrong creation codes, re-registration passwords."""

    __tablename__ = "login_failures"

    email_digest: Mapped[str] = mapped_column(String(64), primary_key=True)
    failures: Mapped[int] = mapped_column(Integer, default=0)
    updated_at: Mapped[datetime]
    account_id: Mapped[int | None] = mapped_column(
        ForeignKey(_ACCOUNT_FK, ondelete="CASCADE"), index=True
    )
