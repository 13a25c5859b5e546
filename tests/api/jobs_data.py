"""A known small job dataset for the API tests, and an independent oracle of the filters.

The oracle reads the rows straight from the database and applies each condition with plain
Python comparisons (substring search for free words), so the API's token index is checked
against a second, obvious implementation of the same rules.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import AsyncIterator
from datetime import date, timedelta
from typing import Any

from api_client.job_models import JobSearchRequest
from server.codes.tables import ancestors, classification_by_code, desired_job_of, industry_by_code
from server.jobs.demo.generate import load_sqlite
from server.jobs.search.grams import normalise, split_words
from server.jst import expiry_cutoff, is_working_day, referral_deadline

TODAY = date(2026, 5, 11)  # conftest.START in JST
N_POSTINGS = 900
SEED = 8


def load(database_url: str) -> list[dict[str, Any]]:
    path = database_url.removeprefix("sqlite+aiosqlite:///")
    load_sqlite(path, N_POSTINGS, seed=SEED, today=TODAY, workers=1)
    return rows(database_url)


def rows(database_url: str) -> list[dict[str, Any]]:
    path = database_url.removeprefix("sqlite+aiosqlite:///")
    conn = sqlite3.connect(path)
    conn.row_factory = sqlite3.Row
    try:
        return [dict(r) for r in conn.execute("SELECT * FROM job_postings ORDER BY id")]
    finally:
        conn.close()


def _prev_working_day(d: date) -> date:
    d -= timedelta(days=1)
    while not is_working_day(d):
        d -= timedelta(days=1)
    return d


def _text(p: dict[str, Any]) -> str:
    fine = classification_by_code()[p["classification_code"]].name_ja
    parts = [p["job_title"], fine, p["description"], p["workplace_address"], p["licence_note"]]
    if p["disclosure"] == 1:
        parts.append(p["company_name"])
    return normalise("\n".join(parts))


def _hm(s: str) -> int:
    h, m = s.split(":")
    return int(h) * 60 + int(m)


def matches(p: dict[str, Any], r: JobSearchRequest, registered: bool = True) -> bool:
    if p["status"] != "open" or date.fromisoformat(p["expires_on"]) < TODAY:
        return False
    received = date.fromisoformat(p["received_on"])
    if received < expiry_cutoff(TODAY):
        return False
    if r.new_within == "today_yesterday" and received < _prev_working_day(TODAY):
        return False
    if r.new_within == "week" and received < TODAY - timedelta(days=6):
        return False
    if r.category and p["category"] != r.category:
        return False
    if r.work_styles and p["work_style"] not in r.work_styles:
        return False
    if r.employment_types and p["employment_type"] not in r.employment_types:
        return False
    fine = p["classification_code"]
    if r.desired_jobs:
        desired = desired_job_of(fine)
        if not any(
            desired in s.details if s.details else desired[:2] == s.group for s in r.desired_jobs
        ):
            return False
    if r.classifications:
        major = ancestors(fine)[0].code
        if not any(c == major or (c.isdigit() and fine.startswith(c)) for c in r.classifications):
            return False
    if r.industries:
        division = industry_by_code()[p["industry_code"]].division
        if p["industry_code"] not in r.industries and division not in r.industries:
            return False
    if r.places:
        ok = any(
            p["municipality_code"] in s.municipalities
            if s.municipalities
            else p["prefecture_code"] == s.prefecture
            for s in r.places
        )
        if not ok:
            return False
    if r.age_unrestricted_only and p["age_limit"] is not None:
        return False
    if r.age_limited_only and p["age_limit"] is None:
        return False
    if r.overtime_max is not None and p["overtime_hours"] > r.overtime_max:
        return False
    if r.exclude_shift and p["shift"]:
        return False
    if r.no_document_screening and "書類選考" in p["selection_method"]:
        return False
    items = {
        "employment": "ins_employment",
        "workers_comp": "ins_workers_comp",
        "health": "ins_health",
        "pension": "ins_pension",
    }
    if any(not p[items[i]] for i in r.insurance_items):
        return False
    if r.age is not None and p["age_limit"] is not None and p["age_limit"] < r.age:
        return False
    monthly = p["wage_monthly_min"] if r.wage_includes_allowances else p["base_wage_min"]
    if r.wage_monthly_min and (monthly is None or monthly < r.wage_monthly_min):
        return False
    if r.wage_hourly_min and (
        p["wage_hourly_min"] is None or p["wage_hourly_min"] < r.wage_hourly_min
    ):
        return False
    if r.annual_holidays_min and p["annual_holidays"] < r.annual_holidays_min:
        return False
    if r.work_from and p["work_start"] < _hm(r.work_from):
        return False
    if r.work_until and (p["work_end"] < p["work_start"] or p["work_end"] > _hm(r.work_until)):
        return False
    if r.employees_min and p["employees"] < r.employees_min:
        return False
    if r.weekly_two_days == "every_week" and p["weekly_two_days"] != "every_week":
        return False
    if r.weekly_two_days == "any" and p["weekly_two_days"] == "none":
        return False
    insured = all(p[k] for k in ("ins_employment", "ins_workers_comp", "ins_health", "ins_pension"))
    flags = (
        (r.bonus, p["bonus"]),
        (r.no_overtime, p["overtime_hours"] == 0),
        (r.weekends_off, p["weekends_off"]),
        (r.insurance, insured),
        (r.no_transfer, not p["transfer"]),
        (r.car_commute, p["car_commute"]),
        (r.inexperienced_ok, p["inexperienced_ok"]),
        (r.education_not_required, not p["education_required"]),
        (r.experience_not_required, not p["experience_required"]),
        (r.licence_not_required, not p["licence_required"]),
        (r.uij_turn, p["uij_turn"]),
        (r.trial_employment, p["trial_employment"]),
        (r.housing, p["housing"]),
        (r.childcare, p["childcare"]),
    )
    if any(wanted and not have for wanted, have in flags):
        return False
    if not _detailed_conditions(p, r):
        return False
    if r.features:
        from server.jobs.search.tokens import FEATURE_BITS

        if not any(p["features"] & FEATURE_BITS[f] for f in r.features):
            return False
    text = _text(p)
    words = split_words(r.words)
    if words:
        hits = [normalise(w) in text for w in words]
        if not (any(hits) if r.word_mode == "any" else all(hits)):
            return False
    if any(normalise(w) in text for w in split_words(r.not_words)):
        return False
    if r.job_numbers and p["job_number"] not in r.job_numbers:
        return False
    if r.employer_number:
        visible = p["disclosure"] == 1 or (p["disclosure"] == 2 and registered)
        if p["employer_number"] != r.employer_number or not visible:
            return False
    return True


_WEEKDAYS = dict(
    zip("月火水木金土日", ["mon", "tue", "wed", "thu", "fri", "sat", "sun"], strict=True)
)


def _days_off(text: str) -> set[str]:
    out = set()
    for item in text.replace("、", " ").split():
        if item in _WEEKDAYS:
            out.add(_WEEKDAYS[item])
        elif item in ("祝", "祝日"):
            out.add("holiday")
    return out


def _detailed_conditions(p: dict[str, Any], r: JobSearchRequest) -> bool:
    """The conditions the real form adds, read from the posting's 求人票 text."""
    sheet = json.loads(p["sheet"] or "{}")
    if r.exclude_discretionary and sheet.get("discretionary", "なし") != "なし":
        return False
    if r.exclude_variable_hours and sheet.get("variable_hours", "なし") != "なし":
        return False
    if r.overtime_some and p["overtime_hours"] == 0:
        return False
    if not set(r.days_off) <= _days_off(sheet.get("holidays", "")):
        return False
    dispatch = p["employment_type"].startswith("dispatch") or sheet.get("dispatch") in (
        "派遣",
        "請負",
    )
    if (r.dispatch == "only" and not dispatch) or (r.dispatch == "exclude" and dispatch):
        return False
    renewal = sheet.get("contract_renewal", "")
    kinds = {"in_principle": "原則更新", "conditional": "条件付き"}
    if r.contract_renewal and not any(kinds[c] in renewal for c in r.contract_renewal):
        return False
    if r.retirement_age_min is not None:
        retirement = sheet.get("retirement_age", "なし")
        if retirement != "なし" and int(retirement[-4:-2]) < r.retirement_age_min:
            return False
    note = sheet.get("housing_note", "") if p["housing"] else ""
    housing = {"single": "単身用" in note, "family": "世帯用" in note}
    if r.housing_kinds and not any(housing[h] for h in r.housing_kinds):
        return False
    car = sheet.get("car_licence", "")
    has = {"required": car.startswith("必須"), "preferred": "尚可" in car, "at_ok": "AT" in car}
    codes = set(sheet.get("licence_codes", "").split())
    for wanted, exclude in (
        ([has[c] for c in r.car_licence], r.car_licence_exclude),
        ([c in codes for c in r.licence_codes], r.licence_codes_exclude),
    ):
        if wanted and (any(wanted) if exclude else not any(wanted)):
            return False
    others = (
        (r.regular_conversion, sheet.get("regular_conversion") == "あり"),
        (r.remote_work, sheet.get("remote_work") == "あり"),
        (r.smoking_measures, sheet.get("smoking_measure", "").startswith("あり")),
        (
            r.near_station,
            sheet.get("access_means") == "徒歩"
            and int(sheet.get("access_time", "99分").removesuffix("分")) <= 10,
        ),
    )
    if any(wanted and not have for wanted, have in others):
        return False
    if r.company_name:
        name = normalise(p["company_name"]) if p["disclosure"] == 1 else None
        found = name is not None and all(
            all(run in name for run in _runs(w)) for w in split_words(r.company_name)
        )
        if found == r.company_name_exclude:
            return False
    return True


def _runs(word: str) -> list[str]:
    from server.jobs.search.grams import runs

    return list(runs(word))


def is_early(p: dict[str, Any]) -> bool:
    """紹介期限日 set before the default (the end of the month after next)."""
    return p["expires_on"] < referral_deadline(date.fromisoformat(p["received_on"])).isoformat()


def expected(all_rows: list[dict[str, Any]], r: JobSearchRequest) -> list[str]:
    """The job numbers the search must answer, in order: 受付年月日 newest first, or
    紹介期限日 soonest first; postings of the same day in the order they were stored (id)."""
    hits = [p for p in all_rows if matches(p, r)]
    if r.sort == "received_desc":
        hits.sort(key=lambda p: (p["received_on"], p["id"]), reverse=True)
    else:
        hits.sort(key=lambda p: (p["expires_on"], p["received_on"], p["id"]))
    return [p["job_number"] for p in hits]


async def all_pages(api: Any, req: JobSearchRequest) -> AsyncIterator[Any]:
    page = 1
    while True:
        res = await api.search_jobs(req.model_copy(update={"page": page, "per_page": 50}))
        yield res
        if page * 50 >= res.total:
            return
        page += 1


def posting_values(**overrides: Any) -> dict[str, Any]:
    """A complete, believable posting (from the generator) received today, with overrides."""
    from server.jobs.demo.generate import Calendar, chunk_rows

    row = chunk_rows(99, 0, 1, Calendar.make(TODAY))[0]
    row.pop("id")
    row.update(received_on=TODAY, expires_on=date(2026, 7, 31), status="open")
    row.update(overrides)
    return row
