"""Job postings (求人). One row per posting with every field of the 求人票.

The search reads postings in the order of their search keys (search/keys.py: 受付年月日, then
id), which are computed from these columns, so ids never need to follow 受付年月日 and never
change once given. 紹介期限日 is at latest the end of the month after next of 受付年月日
(earlier when the employer set it so): the importer refuses later ones.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import Boolean, Date, Float, Index, Integer, SmallInteger, String, Text, text
from sqlalchemy.orm import Mapped, mapped_column

from server.db.base import Base

STATUS_OPEN = "open"
STATUS_WITHDRAWN = "withdrawn"


class JobPosting(Base):
    __tablename__ = "job_postings"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    job_number: Mapped[str] = mapped_column(String(14))  # 求人番号 (unique index below)
    employer_number: Mapped[str] = mapped_column(String(13))  # 事業所番号
    category: Mapped[str] = mapped_column(String(16))  # 求人区分 (JobCategory)
    work_style: Mapped[str] = mapped_column(String(16))  # フルタイム/パート (WorkStyle)
    employment_type: Mapped[str] = mapped_column(String(24))  # 雇用形態 (EmploymentType)
    classification_code: Mapped[str] = mapped_column(String(5))  # 職業分類 細分類
    prefecture_code: Mapped[str] = mapped_column(String(2))
    municipality_code: Mapped[str | None] = mapped_column(String(5))  # None: 海外
    workplace_address: Mapped[str] = mapped_column(String(200))
    # 1 求人事業所
    company_name: Mapped[str] = mapped_column(String(100))
    company_kana: Mapped[str] = mapped_column(String(200))
    company_address: Mapped[str] = mapped_column(String(200))
    company_url: Mapped[str | None] = mapped_column(String(200))
    disclosure: Mapped[int] = mapped_column(SmallInteger)  # 公開範囲 1/2/3 (numbered as the site)
    # 2 仕事内容
    job_title: Mapped[str] = mapped_column(String(100))  # 職種
    description: Mapped[str] = mapped_column(Text)  # 仕事内容
    age_limit: Mapped[int | None] = mapped_column(SmallInteger)  # None: 不問
    education_required: Mapped[bool] = mapped_column(Boolean)
    experience_required: Mapped[bool] = mapped_column(Boolean)
    licence_required: Mapped[bool] = mapped_column(Boolean)
    licence_note: Mapped[str] = mapped_column(String(200))
    trial_employment: Mapped[bool] = mapped_column(Boolean)
    inexperienced_ok: Mapped[bool] = mapped_column(Boolean)
    # 3 賃金・手当 (yen)
    wage_monthly_min: Mapped[int | None] = mapped_column(Integer)
    wage_monthly_max: Mapped[int | None] = mapped_column(Integer)
    base_wage_min: Mapped[int | None] = mapped_column(Integer)
    base_wage_max: Mapped[int | None] = mapped_column(Integer)
    wage_hourly_min: Mapped[int | None] = mapped_column(Integer)
    wage_hourly_max: Mapped[int | None] = mapped_column(Integer)
    commute_allowance: Mapped[bool] = mapped_column(Boolean)
    bonus: Mapped[bool] = mapped_column(Boolean)
    bonus_months: Mapped[float | None] = mapped_column(Float)
    # 4 労働時間 (minutes since midnight; work_end < work_start means overnight)
    work_start: Mapped[int] = mapped_column(SmallInteger)
    work_end: Mapped[int] = mapped_column(SmallInteger)
    shift: Mapped[bool] = mapped_column(Boolean)
    break_minutes: Mapped[int] = mapped_column(SmallInteger)
    overtime_hours: Mapped[int] = mapped_column(SmallInteger)  # monthly average, 0 = なし
    weekends_off: Mapped[bool] = mapped_column(Boolean)  # 土日祝休み
    weekly_two_days: Mapped[str] = mapped_column(String(16))  # WeeklyTwoDays
    annual_holidays: Mapped[int] = mapped_column(SmallInteger)
    # 5 その他の労働条件
    ins_employment: Mapped[bool] = mapped_column(Boolean)  # 雇用
    ins_workers_comp: Mapped[bool] = mapped_column(Boolean)  # 労災
    ins_health: Mapped[bool] = mapped_column(Boolean)  # 健康
    ins_pension: Mapped[bool] = mapped_column(Boolean)  # 厚生
    transfer: Mapped[bool] = mapped_column(Boolean)
    car_commute: Mapped[bool] = mapped_column(Boolean)
    housing: Mapped[bool] = mapped_column(Boolean)
    childcare: Mapped[bool] = mapped_column(Boolean)
    uij_turn: Mapped[bool] = mapped_column(Boolean)
    # 6 会社の情報
    employees: Mapped[int] = mapped_column(Integer)
    industry_code: Mapped[str] = mapped_column(String(2))  # 産業分類 中分類 01–99
    company_description: Mapped[str] = mapped_column(Text)
    # 7 選考等
    openings: Mapped[int] = mapped_column(SmallInteger)  # 求人数
    selection_method: Mapped[str] = mapped_column(String(200))
    online_application: Mapped[bool] = mapped_column(Boolean)
    # bookkeeping
    features: Mapped[int] = mapped_column(Integer)  # 特集求人 bits (tokens.FEATURE_BITS)
    received_on: Mapped[date] = mapped_column(Date)  # 受付年月日
    expires_on: Mapped[date] = mapped_column(Date)  # 紹介期限日
    status: Mapped[str] = mapped_column(String(16), default=STATUS_OPEN)
    synthetic: Mapped[bool] = mapped_column(Boolean)  # 架空 (demo data)
    # The rest of the 求人票 (sheet_fields.py: fields stored in `sheet`), as a JSON object.
    sheet: Mapped[str] = mapped_column(Text, default="{}", server_default="{}")

    # Plain indexes (no UNIQUE constraint) so the bulk loader can drop and rebuild them.
    __table_args__ = (
        Index("ix_job_postings_job_number", "job_number", unique=True),
        Index("ix_job_postings_employer_number", "employer_number"),
        Index("ix_job_postings_received_on", "received_on"),
        # Tiny: the withdrawn postings (job-number lookups skip them; open_days.py rebuilds).
        Index(
            "ix_job_postings_withdrawn",
            "id",
            sqlite_where=text("status = 'withdrawn'"),
            postgresql_where=text("status = 'withdrawn'"),
        ),
    )


class JobOpenDay(Base):
    """How many open (= indexed) postings there are per 受付年月日 and 紹介期限日
    (search/open_days.py): a search without conditions needs no index walk for its exact
    total, nor for its order by 紹介期限日.
    """

    __tablename__ = "job_open_days"

    received_on: Mapped[date] = mapped_column(Date, primary_key=True)
    expires_on: Mapped[date] = mapped_column(Date, primary_key=True)
    open_count: Mapped[int] = mapped_column(Integer)


class JobIndexState(Base):
    """The version of the search index's tokens the database was indexed with (one row;
    search/index.py rebuilds the index when the code's version differs)."""

    __tablename__ = "job_index_state"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    version: Mapped[int] = mapped_column(Integer)


# Column names in table order: the bulk loader inserts tuples in this order.
COLUMNS: tuple[str, ...] = tuple(c.name for c in JobPosting.__table__.columns)
