"""Offices, seekers (求職者), MyPage accounts and account creation codes."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Boolean, Date, ForeignKey, Integer, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from server.auth.single_use import SecretTable
from server.db.base import Base

ACCOUNT_ACTIVE = "active"
ACCOUNT_WITHDRAWN = "withdrawn"


class Office(Base):
    """A Hello Work office (公共職業安定所)."""

    __tablename__ = "offices"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    code: Mapped[str] = mapped_column(String(16), unique=True)
    name: Mapped[str] = mapped_column(String(100))


class Seeker(Base):
    """A job-seeker registration (求職登録), created at an office or online."""

    __tablename__ = "seekers"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    seeker_number: Mapped[str] = mapped_column(String(14), unique=True)
    name: Mapped[str] = mapped_column(String(100))
    birth_date: Mapped[date] = mapped_column(Date)
    office_id: Mapped[int | None] = mapped_column(ForeignKey("offices.id"), index=True)
    registration_status: Mapped[str] = mapped_column(String(16), default="valid")
    registration_valid_until: Mapped[date | None] = mapped_column(Date)
    publication_status: Mapped[str] = mapped_column(String(16), default="private")
    created_at: Mapped[datetime]
    # Registered on the internet without visiting an office: no referral, no recommendations.
    online_only: Mapped[bool] = mapped_column(Boolean, default=False, server_default="0")
    feature_delivery: Mapped[bool] = mapped_column(Boolean, default=False, server_default="0")
    # First day of 無効 (lapse or switch); the 5-year purge counts from it.
    invalid_since: Mapped[date | None] = mapped_column(Date)

    office: Mapped[Office | None] = relationship(lazy="raise")


class Account(Base):
    """A MyPage login. `email_key` is the normalised, lower-cased address (see validation)."""

    __tablename__ = "accounts"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    email_key: Mapped[str] = mapped_column(String(254), unique=True)
    email: Mapped[str] = mapped_column(String(254))
    password_hash: Mapped[str] = mapped_column(String(255))
    seeker_id: Mapped[int | None] = mapped_column(ForeignKey("seekers.id"), unique=True)
    status: Mapped[str] = mapped_column(String(16), default=ACCOUNT_ACTIVE)
    locked_at: Mapped[datetime | None]
    last_login_at: Mapped[datetime | None]
    previous_login_at: Mapped[datetime | None]
    created_at: Mapped[datetime]
    withdrawn_at: Mapped[datetime | None]
    # A new address waiting for its 認証キー; the login e-mail changes only after it.
    pending_email: Mapped[str | None] = mapped_column(String(254))
    # The last change of the login e-mail and the address before it: a password reset
    # through an address changed less than 24 hours ago is refused (told to both).
    email_changed_at: Mapped[datetime | None]
    previous_email: Mapped[str | None] = mapped_column(String(254))

    seeker: Mapped[Seeker | None] = relationship(lazy="raise")


class AccountCreationCode(Base):
    """アカウント作成コード issued at a counter, bound to a seeker (and the e-mail given there)."""

    __tablename__ = "account_creation_codes"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    seeker_id: Mapped[int] = mapped_column(ForeignKey("seekers.id", ondelete="CASCADE"), index=True)
    email_key: Mapped[str | None] = mapped_column(String(254))
    code_hash: Mapped[str] = mapped_column(String(64))
    expires_at: Mapped[datetime]
    used_at: Mapped[datetime | None]
    created_at: Mapped[datetime]


CREATION_CODES = SecretTable(
    AccountCreationCode.id, AccountCreationCode.used_at, AccountCreationCode.expires_at
)
