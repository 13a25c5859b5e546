"""Pending account openings, registration drafts and registered profiles (求職登録の内容)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from server.db.base import Base


class AccountOpening(Base):
    """An opening waiting for its 認証キー: one per e-mail (the newest replaces older ones,
    like the key). `seeker_id` is set for an opening with an アカウント作成コード."""

    __tablename__ = "account_openings"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    email_key: Mapped[str] = mapped_column(String(254), unique=True)
    email: Mapped[str] = mapped_column(String(254))
    seeker_id: Mapped[int | None] = mapped_column(
        ForeignKey("seekers.id", ondelete="CASCADE"), index=True
    )
    creation_code_id: Mapped[int | None] = mapped_column(
        ForeignKey("account_creation_codes.id", ondelete="CASCADE"), index=True
    )
    created_at: Mapped[datetime]


class RegistrationDraft(Base):
    """The 7 steps as typed so far (JSON per step), kept on the server: nothing is lost."""

    __tablename__ = "registration_drafts"

    account_id: Mapped[int] = mapped_column(
        ForeignKey("accounts.id", ondelete="CASCADE"), primary_key=True
    )
    data: Mapped[str] = mapped_column(Text)  # {"basic": {...}, ...}
    updated_at: Mapped[datetime]


class SeekerProfile(Base):
    """The registered 7 steps of a seeker (JSON), plus the columns queries need."""

    __tablename__ = "seeker_profiles"

    seeker_id: Mapped[int] = mapped_column(
        ForeignKey("seekers.id", ondelete="CASCADE"), primary_key=True
    )
    data: Mapped[str] = mapped_column(Text)
    prefecture_code: Mapped[str | None] = mapped_column(String(2))
    municipality_code: Mapped[str | None] = mapped_column(String(5))
    updated_at: Mapped[datetime]
