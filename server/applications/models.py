"""Applications, referrals and request postings of a seeker (求職登録).

They belong to the seeker, not to a login: a MyPage reopened for the same registration sees
them again, and the 5-year purge of a registration removes them (ON DELETE CASCADE).

Postings are referred to by 求人番号, not by row id: the demo generator reloads postings
(`demo-data --replace`) and ids are reused, while a number names one posting for its life.
What the seeker saw when applying (職種, 事業所名) is kept with the row, so the history stays
readable after the posting has gone.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Date, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from server.db.base import Base

METHOD_SELF = "self"
METHOD_REFERRAL = "referral"


class Referral(Base):
    """オンラインハローワーク紹介: a posting Hello Work sent to the seeker's MyPage."""

    __tablename__ = "referrals"
    __table_args__ = (Index("ix_referrals_seeker_job", "seeker_id", "job_number", unique=True),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    seeker_id: Mapped[int] = mapped_column(ForeignKey("seekers.id", ondelete="CASCADE"))
    job_number: Mapped[str] = mapped_column(String(14))
    job_title: Mapped[str] = mapped_column(String(100))
    company_name: Mapped[str] = mapped_column(String(100))
    office_name: Mapped[str] = mapped_column(String(100))  # the referring office
    deadline: Mapped[date] = mapped_column(Date)  # apply on or before (JST)
    created_at: Mapped[datetime]


class JobRequest(Base):
    """リクエスト求人: an employer asked this (公開中) seeker to consider its posting."""

    __tablename__ = "job_requests"
    __table_args__ = (Index("ix_job_requests_seeker_job", "seeker_id", "job_number", unique=True),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    seeker_id: Mapped[int] = mapped_column(ForeignKey("seekers.id", ondelete="CASCADE"))
    job_number: Mapped[str] = mapped_column(String(14))
    job_title: Mapped[str] = mapped_column(String(100))
    company_name: Mapped[str] = mapped_column(String(100))
    created_at: Mapped[datetime]


class Application(Base):
    """One application of a seeker to a posting (at most one per posting).

    `state` is an ApplicationState value. `idempotency_key` is the client's key of the
    request that created it: the same key again answers with this row.
    """

    __tablename__ = "applications"
    __table_args__ = (
        # Twice to the same posting is impossible, whatever runs concurrently.
        Index("ix_applications_seeker_job", "seeker_id", "job_number", unique=True),
        Index("ix_applications_seeker_key", "seeker_id", "idempotency_key", unique=True),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    seeker_id: Mapped[int] = mapped_column(ForeignKey("seekers.id", ondelete="CASCADE"))
    job_number: Mapped[str] = mapped_column(String(14))
    job_title: Mapped[str] = mapped_column(String(100))
    company_name: Mapped[str] = mapped_column(String(100))
    method: Mapped[str] = mapped_column(String(16))
    referral_id: Mapped[int | None] = mapped_column(
        ForeignKey("referrals.id", ondelete="SET NULL"), index=True
    )
    state: Mapped[str] = mapped_column(String(16))
    motivation: Mapped[str] = mapped_column(Text)
    idempotency_key: Mapped[str] = mapped_column(String(64))
    applied_at: Mapped[datetime]
    updated_at: Mapped[datetime]
    result_at: Mapped[datetime | None]
    # A no-show stops counting for the no-show rule once the seeker visited an office.
    no_show_cleared_at: Mapped[datetime | None]
