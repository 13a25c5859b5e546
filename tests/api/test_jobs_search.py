"""Job search through the typed client against the real app on a real SQLite database.

Every filter is compared with an independent oracle over a known generated dataset
(tests/api/jobs_data.py): the API must return exactly the postings the oracle selects, in
order, with the exact total, and each filter must actually narrow the result.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

import pytest
from fastapi import FastAPI

from api_client.client import MyPageClient
from api_client.job_models import JobSearchRequest
from server.jobs.search import engine, sqlite_lists
from server.jobs.search.grams import normalise, runs
from server.jst import expiry_cutoff
from tests.api import jobs_data


def search_cases(data: list[dict[str, Any]]) -> list[tuple[str, dict[str, Any]]]:
    open_rows = [p for p in data if jobs_data.matches(p, JobSearchRequest())]
    muni = Counter(
        p["municipality_code"] for p in open_rows if p["prefecture_code"] == "13"
    ).most_common(1)[0][0]
    employer = Counter(p["employer_number"] for p in open_rows if p["disclosure"] == 1).most_common(
        1
    )[0][0]
    numbers = [p["job_number"] for p in data[:: len(data) // 6]][:5]
    # 事業所名: the longest run of a shown name, and of a hidden one (never found).
    shown = Counter(p["company_name"] for p in open_rows if p["disclosure"] == 1)
    name = max(runs(shown.most_common(1)[0][0]), key=len)
    shown_text = "\n".join(normalise(n) for n in shown)
    hidden = next(
        run
        for p in open_rows
        if p["disclosure"] == 3
        for run in [max(runs(p["company_name"]), key=len)]
        if run not in shown_text
    )
    return [
        ("category", {"category": "graduate"}),
        ("category general (answered by excluding the others)", {"category": "general"}),
        ("category disability", {"category": "disability"}),
        ("work style", {"work_styles": ["part_time"]}),
        ("employment type", {"employment_types": ["regular", "dispatch_fixed"]}),
        ("希望する職種 group", {"desired_jobs": [{"group": "05"}]}),
        (
            "希望する職種 details",
            {
                "desired_jobs": [
                    {"group": "07", "details": ["0711", "0713"]},
                    {"group": "01"},
                    {"group": "12", "details": ["1201"]},
                ]
            },
        ),
        ("職業分類 大分類", {"classifications": ["E"]}),
        ("職業分類 中・小・細分類", {"classifications": ["36", "133", "66301"]}),
        ("prefectures", {"places": [{"prefecture": "13"}, {"prefecture": "27"}]}),
        ("municipality", {"places": [{"prefecture": "13", "municipalities": [muni]}]}),
        (
            "municipality narrows its prefecture",
            {
                "places": [
                    {"prefecture": "13", "municipalities": [muni]},
                    {"prefecture": "14"},
                ]
            },
        ),
        ("age", {"age": 40}),
        ("age 不問のみ", {"age_unrestricted_only": True}),
        ("age 不問をのぞく", {"age_limited_only": True}),
        ("age 不問をのぞく with an age", {"age_limited_only": True, "age": 45}),
        (
            "基本給 without allowances",
            {"wage_monthly_min": 200_000, "wage_includes_allowances": False},
        ),
        ("overtime at most 10 hours", {"overtime_max": 10}),
        ("overtime at most 30 hours", {"overtime_max": 30}),
        ("no シフト制", {"exclude_shift": True}),
        ("no document screening", {"no_document_screening": True}),
        ("insurance items", {"insurance_items": ["health", "pension"]}),
        ("insurance item 雇用", {"insurance_items": ["employment"]}),
        ("新着 当日・前日", {"new_within": "today_yesterday"}),
        ("新着 1週間", {"new_within": "week"}),
        ("monthly wage", {"wage_monthly_min": 250_000}),
        ("monthly wage below the token floor", {"wage_monthly_min": 170_000}),
        ("hourly wage", {"wage_hourly_min": 1_200}),
        ("hourly wage below the token floor", {"wage_hourly_min": 950}),
        ("bonus", {"bonus": True}),
        ("hours window", {"work_from": "08:30", "work_until": "17:30"}),
        ("start early", {"work_from": "07:00"}),
        ("start at dawn", {"work_from": "06:30", "work_until": "16:00"}),
        ("end late", {"work_until": "21:00"}),
        ("no overtime", {"no_overtime": True}),
        ("土日祝休み", {"weekends_off": True}),
        ("週休二日制 毎週", {"weekly_two_days": "every_week"}),
        ("週休二日制 any", {"weekly_two_days": "any"}),
        ("annual days off", {"annual_holidays_min": 120}),
        ("annual days off below the floor", {"annual_holidays_min": 85}),
        ("insurance", {"insurance": True}),
        ("no transfer", {"no_transfer": True}),
        ("car commute", {"car_commute": True}),
        ("inexperienced", {"inexperienced_ok": True}),
        ("no education", {"education_not_required": True}),
        ("no experience", {"experience_not_required": True}),
        ("no licence", {"licence_not_required": True}),
        ("UIJ", {"uij_turn": True}),
        ("trial", {"trial_employment": True}),
        ("housing", {"housing": True}),
        ("childcare", {"childcare": True}),
        ("employees ≥ 100", {"employees_min": 100}),
        ("employees ≥ 1000", {"employees_min": 1000}),
        ("industry 大分類", {"industries": ["P", "E"]}),
        ("industry 中分類", {"industries": ["85", "76", "44"]}),
        ("特集", {"features": ["care", "senior"]}),
        ("2-char word", {"words": "介護"}),
        ("1-char word", {"words": "車"}),
        ("3+-char word", {"words": "未経験者歓迎"}),
        ("AND", {"words": "介護　車"}),
        ("OR", {"words": "介護 事務", "word_mode": "any"}),
        ("NOT", {"words": "介護", "not_words": "送迎"}),
        ("NOT only", {"not_words": "車 事務"}),
        ("half-width kana", {"words": "ｴｸｾﾙ"}),
        ("latin, any case and width", {"words": "ＰＹＴＨＯＮ"}),
        ("place name", {"words": "大阪"}),
        ("job numbers", {"job_numbers": numbers}),
        ("employer number", {"employer_number": employer}),
        ("word + employer", {"employer_number": employer, "words": "歓迎"}),
        (
            "combined",
            {
                "places": [{"prefecture": p} for p in ("13", "27", "14")],
                "desired_jobs": [{"group": "05"}, {"group": "04"}],
                "work_styles": ["full_time"],
                "car_commute": False,
                "annual_holidays_min": 100,
                "words": "介護",
            },
        ),
        ("deadline order", {"sort": "deadline_asc", "places": [{"prefecture": "13"}]}),
        ("hours in 10-minute steps", {"work_from": "08:40", "work_until": "17:50"}),
        ("start from 9:10", {"work_from": "09:10"}),
        ("end by 14:20", {"work_until": "14:20"}),
        ("no 裁量労働制", {"exclude_discretionary": True}),
        ("no 変形労働時間制", {"exclude_variable_hours": True}),
        ("overtime あり", {"overtime_some": True}),
        ("overtime あり at most 20 h", {"overtime_some": True, "overtime_max": 20}),
        ("days off 土 日", {"days_off": ["sat", "sun"]}),
        ("days off 水", {"days_off": ["wed"]}),
        ("days off 祝", {"days_off": ["holiday"]}),
        ("派遣・請負 only", {"dispatch": "only"}),
        ("派遣・請負 excluded", {"dispatch": "exclude", "words": "介護"}),
        ("契約更新 原則", {"contract_renewal": ["in_principle"]}),
        ("契約更新 either", {"contract_renewal": ["in_principle", "conditional"]}),
        ("定年 ≥ 65 or none", {"retirement_age_min": 65}),
        ("定年 ≥ 61 or none", {"retirement_age_min": 61}),
        ("housing 単身用", {"housing_kinds": ["single"]}),
        ("housing 世帯用", {"housing_kinds": ["family"], "housing": True}),
        ("普通自動車免許 必須", {"car_licence": ["required"]}),
        ("普通自動車免許 尚可 or AT", {"car_licence": ["preferred", "at_ok"]}),
        ("普通自動車免許 必須 のぞく", {"car_licence": ["required"], "car_licence_exclude": True}),
        ("licence codes", {"licence_codes": ["1001", "8011"]}),
        ("licence code のぞく", {"licence_codes": ["2011"], "licence_codes_exclude": True}),
        ("正社員登用", {"regular_conversion": True}),
        ("在宅勤務", {"remote_work": True}),
        ("駅近", {"near_station": True}),
        ("受動喫煙対策", {"smoking_measures": True}),
        ("事業所名", {"company_name": name}),
        ("事業所名 1 char", {"company_name": name[0]}),
        ("事業所名 のぞく", {"company_name": name, "company_name_exclude": True}),
        ("事業所名 hidden", {"company_name": hidden}),
        ("事業所名 hidden のぞく", {"company_name": hidden, "company_name_exclude": True}),
        (
            "事業所名 + word + days off",
            {"company_name": "株式会社", "words": "歓迎", "days_off": ["sun"]},
        ),
        # Within the place clause's prefectures the regional facet tokens (sqlite_extras.py):
        # one prefecture's, or an OR of two or three; the national ones when frequent=False.
        (
            "one prefecture + the real form's boxes",
            {
                "places": [{"prefecture": "13"}],
                "days_off": ["sat"],
                "work_from": "08:30",
                "work_until": "17:30",
                "dispatch": "exclude",
                "retirement_age_min": 60,
                "smoking_measures": True,
            },
        ),
        (
            "municipality + 求人区分, 就業形態, age, transfer, car",
            {
                "places": [{"prefecture": "13", "municipalities": [muni]}],
                "category": "general",
                "work_styles": ["full_time"],
                "age": 40,
                "no_transfer": True,
                "car_commute": True,
                "weekly_two_days": "any",
            },
        ),
        (
            "one prefecture + licences, contract, insurance, features",
            {
                "places": [{"prefecture": "13"}],
                "car_licence": ["required"],
                "car_licence_exclude": True,
                "contract_renewal": ["in_principle", "conditional"],
                "insurance_items": ["employment", "health"],
                "overtime_max": 30,
                "employees_min": 10,
                "exclude_shift": True,
            },
        ),
        (
            "two prefectures + the real form's boxes",
            {
                "places": [{"prefecture": "13"}, {"prefecture": "27"}],
                "days_off": ["sun"],
                "employment_types": ["regular"],
                "smoking_measures": True,
            },
        ),
        (
            "three slots (a municipality, two prefectures) + boxes, exclusions, an age",
            {
                "places": [
                    {"prefecture": "13", "municipalities": [muni]},
                    {"prefecture": "27"},
                    {"prefecture": "14"},
                ],
                "days_off": ["sat"],
                "weekly_two_days": "any",
                "dispatch": "exclude",
                "insurance_items": ["employment", "health"],
                "age": 40,
            },
        ),
        ("事業所名 a legal form", {"company_name": "株式会社"}),
        (
            "事業所名 a legal form + place",
            {"company_name": "株式会社", "places": [{"prefecture": "27"}]},
        ),
        (
            "事業所名 a legal form のぞく",
            {"company_name": "株式会社", "company_name_exclude": True},
        ),
        ("3+-char word, one frequent phrase", {"words": "未経験"}),
    ]


@pytest.fixture(params=["one pass", "counted", "bitmaps"])
def read_path(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    """Every way SQLite reads a result: whole in one pass, or (more than ONE_PASS matches,
    500: above most results of this dataset) counted on after the first pass, the page read
    on its own — and deep pages read the old way; or, for the form's boxes alone, from
    bitmaps of their lists (sqlite_lists.py, read before answering here)."""
    if request.param == "counted":
        monkeypatch.setattr(engine, "ONE_PASS", 60)
    monkeypatch.setattr(sqlite_lists, "MODE", "inline" if request.param == "bitmaps" else "off")
    monkeypatch.setattr(sqlite_lists, "_CACHES", {})
    return str(request.param)


async def test_every_filter_matches_the_oracle(
    seeker: MyPageClient, jobs_app: tuple[FastAPI, list[dict[str, Any]]], read_path: str
) -> None:
    _, data = jobs_app
    baseline = jobs_data.expected(data, JobSearchRequest())
    assert len(baseline) > 600
    for name, fields in search_cases(data):
        req = JobSearchRequest(**fields)
        want = jobs_data.expected(data, req)
        if name == "事業所名 hidden":  # a name 公開範囲 hides is never found by it
            assert want == []
        elif name == "事業所名 hidden のぞく":
            assert want == baseline
        else:
            assert 0 < len(want) < len(baseline), f"{name}: the dataset does not exercise it"
        got: list[str] = []
        async for page in jobs_data.all_pages(seeker, req):
            assert page.total == len(want), name
            got.extend(c.job_number for c in page.items)
        assert got == want, name


async def test_no_condition_lists_every_open_posting(
    seeker: MyPageClient, jobs_app: tuple[FastAPI, list[dict[str, Any]]]
) -> None:
    _, data = jobs_app
    want = jobs_data.expected(data, JobSearchRequest())
    first = await seeker.search_jobs(JobSearchRequest(per_page=10))
    assert first.total == len(want)
    assert [c.job_number for c in first.items] == want[:10]
    deep = await seeker.search_jobs(JobSearchRequest(per_page=30, page=5))
    assert [c.job_number for c in deep.items] == want[120:150]
    beyond = await seeker.search_jobs(JobSearchRequest(page=1000))
    assert beyond.total == len(want) and beyond.items == []


async def test_early_deadlines_expire_and_sort_exactly(
    seeker: MyPageClient, jobs_app: tuple[FastAPI, list[dict[str, Any]]], read_path: str
) -> None:
    """Some employers set a 紹介期限日 before the end of the month after next: once it has
    passed the posting is gone from every search and total, and the order by 紹介期限日 puts
    each posting on its own day, early or not, across pages."""
    _, data = jobs_app
    early = [p for p in data if jobs_data.is_early(p)]
    recent = [p for p in early if p["received_on"] >= expiry_cutoff(jobs_data.TODAY).isoformat()]
    assert any(p["expires_on"] < jobs_data.TODAY.isoformat() for p in recent)
    assert any(p["expires_on"] >= jobs_data.TODAY.isoformat() for p in recent)
    for fields in (
        {},
        {"new_within": "week"},
        {"new_within": "today_yesterday"},
        {"words": "介護"},
        {"places": [{"prefecture": "13"}], "new_within": "week"},
        # Nearly every posting: every early deadline is in some group (engine.early_pieces).
        {"exclude_discretionary": True},
        {"exclude_discretionary": True, "new_within": "week"},
        # Counted tokens: totals and 紹介期限日 groups from job_token_days.
        {"words": "未経験"},
        {"words": "未経験者歓迎", "new_within": "week"},
        {"company_name": "株式会社"},
        {"company_name": "株式会社", "new_within": "today_yesterday"},
    ):
        for sort in ("received_desc", "deadline_asc"):
            req = JobSearchRequest(**fields, sort=sort)
            want = jobs_data.expected(data, req)
            got: list[str] = []
            async for page in jobs_data.all_pages(seeker, req):
                assert page.total == len(want), (fields, sort)
                got.extend(c.job_number for c in page.items)
            assert got == want, (fields, sort)
    req = JobSearchRequest(sort="deadline_asc", per_page=30)
    want = jobs_data.expected(data, req)
    for page in (1, 4, 7, 100):
        res = await seeker.search_jobs(req.model_copy(update={"page": page}))
        assert res.total == len(want)
        assert [c.job_number for c in res.items] == want[(page - 1) * 30 : page * 30]
    deadlines = [c.expires_on for c in (await seeker.search_jobs(req)).items]
    assert deadlines == sorted(deadlines) and deadlines[0] >= jobs_data.TODAY
