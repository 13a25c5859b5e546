"""The demo-data generator: deterministic, real formats, working days, 紹介期限日, 架空."""

from __future__ import annotations

import sqlite3
from collections import Counter
from datetime import date
from pathlib import Path

import jpholiday
import pytest

from api_client.job_models import EMPLOYER_NUMBER_RE, JOB_NUMBER_RE
from server.codes.tables import classification_by_code, industry_by_code, municipality_by_code
from server.jobs.demo import cli as generate
from server.jobs.demo.generate import Calendar, chunk_rows
from server.jst import referral_deadline

TODAY = date(2026, 5, 11)


def test_same_seed_same_postings_different_seed_different() -> None:
    cal = Calendar.make(TODAY)
    assert chunk_rows(3, 0, 500, cal) == chunk_rows(3, 0, 500, cal)
    assert chunk_rows(3, 0, 500, cal) != chunk_rows(4, 0, 500, cal)


def test_postings_have_real_formats_and_dates() -> None:
    rows = chunk_rows(5, 0, 3000, Calendar.make(TODAY))
    numbers = [r["job_number"] for r in rows]
    assert len(set(numbers)) == len(numbers)
    assert all(JOB_NUMBER_RE.match(n) for n in numbers)
    assert all(EMPLOYER_NUMBER_RE.match(r["employer_number"]) for r in rows)
    received = [r["received_on"] for r in rows]
    assert received == sorted(received)  # ids follow 受付年月日 (the search relies on it)
    for d in set(received):
        assert d.weekday() < 5 and not jpholiday.is_holiday(d) and d <= TODAY
    # 紹介期限日: the end of the month after next, or for some an earlier day the employer set
    early = [r for r in rows if r["expires_on"] != referral_deadline(r["received_on"])]
    assert 0.05 < len(early) / len(rows) < 0.12
    for r in early:
        assert r["received_on"] < r["expires_on"] < referral_deadline(r["received_on"])
    assert all(r["synthetic"] and "（架空）" in r["company_name"] for r in rows)
    munis = municipality_by_code()
    for r in rows:
        assert classification_by_code()[r["classification_code"]].level == 4
        assert r["industry_code"] in industry_by_code()
        if r["municipality_code"] is not None:
            assert munis[r["municipality_code"]].prefecture_code == r["prefecture_code"]
    prefs = Counter(r["prefecture_code"] for r in rows)
    assert prefs["13"] > prefs["31"]  # Tokyo has far more postings than Tottori
    part = [r for r in rows if r["work_style"] == "part_time"]
    assert part and all(r["wage_hourly_min"] and r["wage_monthly_min"] is None for r in part)


@pytest.mark.parametrize(
    ("received", "deadline"),
    [
        (date(2026, 5, 11), date(2026, 7, 31)),
        (date(2026, 11, 2), date(2027, 1, 31)),
        (date(2026, 12, 25), date(2027, 2, 28)),
        (date(2027, 12, 1), date(2028, 2, 29)),
    ],
)
def test_referral_deadline_is_the_end_of_the_month_after_next(
    received: date, deadline: date
) -> None:
    assert referral_deadline(received) == deadline


def test_demo_data_command(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    url = f"sqlite+aiosqlite:///{tmp_path / 'demo.db'}"
    assert generate.main(["--jobs", "1200", "--database-url", url, "--workers", "1"]) == 0
    assert "1,200 postings" in capsys.readouterr().out
    with sqlite3.connect(tmp_path / "demo.db") as conn:
        assert conn.execute("SELECT count(*) FROM job_postings").fetchone() == (1200,)
        indexed = conn.execute(
            "SELECT count(*) FROM job_fts WHERE job_fts MATCH 'xall'"
        ).fetchone()[0]
        assert 1100 < indexed < 1200  # open postings only
    with pytest.raises(SystemExit, match="already holds 1200 postings"):
        generate.main(["--jobs", "10", "--database-url", url])
    assert generate.main(["--jobs", "10", "--database-url", url, "--replace"]) == 0
    assert generate.seed_demo_jobs(url) is None  # not empty: the embedded seed leaves it


def test_embedded_seed_fills_an_empty_database(database_url: str) -> None:
    report = generate.seed_demo_jobs(database_url, 500, today=TODAY)
    assert report is not None and report.postings == 500
    assert generate.seed_demo_jobs(database_url, 500, today=TODAY) is None
