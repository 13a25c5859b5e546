"""Synthetic postings with believable distributions (`hellowork demo-data`, tests, benchmarks).

Deterministic for a seed: posting k (0-based, global) gets its date from k's place in the
day distribution and everything else from a per-chunk `random.Random`, so output does not
depend on how many worker processes made it, nor on the database: bulk.py loads them into
SQLite, bulk_pg.py into PostgreSQL, and the same seed and day give the same postings.
"""

from __future__ import annotations

import bisect
import json
import multiprocessing
import random
import sys
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from itertools import accumulate
from multiprocessing.pool import AsyncResult
from typing import Any, TypeVar

from api_client.job_models import (
    EmploymentType,
    Feature,
    JobCategory,
    WeeklyTwoDays,
    WorkStyle,
)
from api_client.jp_format import jp_hours
from server.codes.tables import (
    OVERSEAS_CODE,
    Municipality,
    classification_by_code,
    examples_of,
    municipalities_of,
    prefecture_by_code,
)
from server.jobs.bulk import LoadReport, Prepared
from server.jobs.bulk import load_sqlite as bulk_load
from server.jobs.bulk_pg import PgPrepared
from server.jobs.demo import corpus
from server.jobs.models import COLUMNS
from server.jobs.search.index import entry, pg_row
from server.jobs.search.tokens import FEATURE_BITS
from server.jst import end_of_month, expiry_cutoff, referral_deadline, today_jst, working_days
from server.registration.offices import office_for

CHUNK = 5_000
T = TypeVar("T")
COMPANIES_PER_CHUNK = 1_600


@dataclass(frozen=True)
class Calendar:
    """How N postings spread over the working days before `today`."""

    days: tuple[date, ...]
    cum: tuple[float, ...]  # cumulative share of postings up to and including each day

    @classmethod
    def make(cls, today: date) -> Calendar:
        # About a tenth received before the expiry cutoff (already expired); the rest open.
        first = expiry_cutoff(today) - timedelta(days=20)
        days = working_days(first, today) or [today]
        weights = [1.0 + 0.6 * (d.weekday() == 0) for d in days]  # Mondays are busier
        total = sum(weights)
        return cls(tuple(days), tuple(w / total for w in accumulate(weights)))

    def day_of(self, k: int, n: int) -> date:
        return self.days[min(bisect.bisect_right(self.cum, (k + 0.5) / n), len(self.days) - 1)]


# --------------------------------------------------------------------------- static tables

_PREF_CODES = list(corpus.PREFECTURE_PROFILE)
_PREF_CUM = list(accumulate(pop for pop, _ in corpus.PREFECTURE_PROFILE.values()))
_GROUPS = list(corpus.GROUP_PROFILE)
_GROUP_CUM = list(accumulate(prof[1] for prof in corpus.GROUP_PROFILE.values()))
_FINES: dict[str, list[str]] = {}


def _fines(theme: str) -> list[str]:
    """The 細分類 codes a theme's postings are drawn from."""
    if theme not in _FINES:
        prefixes = corpus.THEME_CLASSIFICATIONS[theme]
        _FINES[theme] = [
            c.code
            for c in classification_by_code().values()
            if c.level == 4 and c.code.startswith(prefixes)
        ]
    return _FINES[theme]


def _job_title(rng: random.Random, fine: str) -> str:
    """A title as an employer writes it: an example title (or the 細分類 name), dressed up."""
    names = [*examples_of(fine), classification_by_code()[fine].name_ja]
    base = rng.choice(names)
    if base.startswith("他に分類されない"):
        base = base.removeprefix("他に分類されない")
    return rng.choice(corpus.TITLE_PATTERNS).format(base)[:100]


_CATEGORY_CUM = (
    (
        [
            JobCategory.general,
            JobCategory.graduate,
            JobCategory.seasonal,
            JobCategory.migrant,
            JobCategory.disability,
        ]
    ),
    list(accumulate((0.86, 0.07, 0.02, 0.01, 0.04))),
)
_FULL_TYPES = (
    [
        EmploymentType.regular,
        EmploymentType.non_regular,
        EmploymentType.dispatch_fixed,
        EmploymentType.dispatch_open,
    ],
    list(accumulate((0.62, 0.30, 0.06, 0.02))),
)
_PART_TYPES = (
    [
        EmploymentType.part_time_worker,
        EmploymentType.dispatch_fixed_part,
        EmploymentType.dispatch_open_part,
    ],
    list(accumulate((0.93, 0.05, 0.02))),
)
_MUNIS: dict[str, tuple[list[Municipality], list[int]]] = {}


def _munis(pref: str) -> tuple[list[Municipality], list[int]]:
    if pref not in _MUNIS:
        ms = list(municipalities_of(pref))
        # Cities and wards have more employers than towns, towns more than villages.
        weights = [
            1 if m.name_ja.endswith("村") else 3 if m.name_ja.endswith("町") else 8 for m in ms
        ]
        _MUNIS[pref] = (ms, list(accumulate(weights)))
    return _MUNIS[pref]


def _pick(rng: random.Random, items: Sequence[Any], cum: Sequence[float]) -> Any:
    return items[bisect.bisect_right(cum, rng.random() * cum[-1])]


def _check_digit(digits: str) -> int:
    return sum((i % 2 + 1) * int(c) for i, c in enumerate(digits)) % 10


def _round(v: float, unit: int) -> int:
    return round(v / unit) * unit


@dataclass
class Company:
    serial: int
    group: str
    pref: str  # the workplace's
    muni: Municipality | None
    office_pref: str  # where the receiving office is: often, not always, the workplace's
    office: int
    name: str
    kana: str
    employees: int
    industry: str
    description: str
    url: str | None
    disclosure: int

    @property
    def address(self) -> str:
        pref = prefecture_by_code()[self.office_pref].name_ja
        return pref + (self.muni.name_ja if self.muni and self.office_pref == self.pref else "")

    @property
    def employer_number(self) -> str:
        office = f"{self.office_pref}{self.office:02d}"
        body = f"{office}{self.serial:06d}"
        return f"{office}-{self.serial:06d}-{_check_digit(body)}"


def _company(rng: random.Random, serial: int) -> Company:
    group = _pick(rng, _GROUPS, _GROUP_CUM)
    pref = _pick(rng, _PREF_CODES, _PREF_CUM)
    muni = None
    if pref != OVERSEAS_CODE:
        ms, cum = _munis(pref)
        muni = _pick(rng, ms, cum)
    form = rng.choice(corpus.COMPANY_FORMS)
    core = rng.choice(corpus.NAME_PARTS) + rng.choice(corpus.NAME_SUFFIX[group])
    name = f"{form} {core}（架空）"
    employees = max(1, int(rng.lognormvariate(3.3, 1.3)))
    industry = rng.choice(corpus.THEME_INDUSTRIES[group])
    size = "地域密着" if employees < 50 else "中堅" if employees < 300 else "大手"
    # A company with its head office elsewhere files its postings at that office (海外: always).
    office_pref = pref
    if pref == OVERSEAS_CODE or rng.random() < 0.12:
        office_pref = rng.choice(("13", "13", "27", "23", "14", "40"))
    office_name = prefecture_by_code()[office_pref].name_ja
    desc = f"{core}は{office_name}に本社を置く{size}企業です。（架空の事業所です）"
    url = f"https://example.jp/{serial:06d}" if rng.random() < 0.4 else None
    # 公開範囲 as numbered on the real site: 1 name shown, 2 to registered seekers, 3 hidden.
    disclosure = _pick(rng, (1, 2, 3), (0.78, 0.88, 1.0))
    return Company(
        serial,
        group,
        pref,
        muni,
        office_pref,
        rng.randint(1, 9),
        name,
        core,
        employees,
        industry,
        desc,
        url,
        disclosure,
    )


def _posting(rng: random.Random, k: int, received: date, c: Company) -> dict[str, Any]:
    wage_base, _, weekend_p, shift_p, group_features = corpus.GROUP_PROFILE[c.group]
    fine = rng.choice(_fines(c.group))
    part = rng.random() < 0.30
    work_style = WorkStyle.part_time if part else WorkStyle.full_time
    etype = _pick(rng, *(_PART_TYPES if part else _FULL_TYPES))
    region = corpus.PREFECTURE_PROFILE[c.pref][1]
    shift = rng.random() < shift_p
    hourly: int | None
    hourly_max: int | None
    monthly: int | None
    monthly_max: int | None
    base_min: int | None
    base_max: int | None
    if part:
        # Odd amounts as employers write them (1,163円), not only round ones.
        hourly = _round(1_050 * region * rng.lognormvariate(0.05, 0.12), rng.choice((1, 10, 10)))
        hourly_max = hourly + rng.choice((0, 0, 50, 100, 137, 200))
        monthly = monthly_max = base_min = base_max = None
        start = rng.choice((480, 540, 540, 570, 600, 780, 1020))
        end = min(start + rng.choice((180, 240, 240, 300, 360)), 1410)
    else:
        hourly = hourly_max = None
        unit = rng.choice((100, 100, 1_000, 1_000, 10_000))
        monthly = _round(wage_base * region * rng.lognormvariate(0, 0.13), unit)
        monthly_max = _round(monthly * rng.uniform(1.05, 1.6), unit)
        base_min = _round(monthly * 0.85, 100)
        base_max = _round(monthly_max * 0.85, 100)
        start = rng.choice((480, 495, 510, 510, 525, 540, 540, 540, 570))
        if shift:  # 早番・遅番 of care, hospitals, factories, kitchens
            start = rng.choice((360, 420, 450, 480, 540, 600, 660))
        end = start + 540
        if shift and rng.random() < 0.25:  # a night shift crossing midnight
            start, end = 1020, 540
    weekends = rng.random() < weekend_p
    two = (
        WeeklyTwoDays.every_week
        if weekends or rng.random() < 0.35
        else WeeklyTwoDays.other
        if rng.random() < 0.75
        else WeeklyTwoDays.none
    )
    holidays = (
        rng.randint(118, 128)
        if weekends
        else rng.randint(96, 118)
        if two != WeeklyTwoDays.none
        else rng.randint(80, 100)
    )
    overtime = 0 if rng.random() < 0.35 else rng.choice((5, 10, 10, 15, 20, 30, 40))
    age_limit = None if rng.random() < 0.78 else rng.choice((29, 35, 39, 44, 59, 64))
    inexperienced = rng.random() < 0.45
    licence_req = c.group in corpus.LICENCES and rng.random() < 0.6
    features = 0
    for f in group_features:
        if f != Feature.security or fine.startswith(corpus.SECURITY_CLASSIFICATIONS):
            features |= FEATURE_BITS[f]
    if c.group == "13" or (c.group == "04" and fine.startswith("162")):
        features |= FEATURE_BITS[Feature.welfare_childcare]
    childcare = rng.random() < 0.08
    if age_limit is None and rng.random() < 0.25:
        features |= FEATURE_BITS[Feature.senior]
    if childcare or (part and start >= 540 and end <= 960):
        features |= FEATURE_BITS[Feature.parenting]
    duties = rng.sample(corpus.DUTIES[c.group], k=3)
    notes = rng.sample(corpus.COMMON_NOTES, k=2)
    if inexperienced and "未経験者歓迎" not in notes:
        notes[0] = "未経験者歓迎"
    description = "\n".join(["・" + d for d in duties] + ["　".join(notes)])
    pref_name = prefecture_by_code()[c.pref].name_ja
    workplace = pref_name + (c.muni.name_ja if c.muni else "")
    serial = (k * 7919 + 12_345_678) % 100_000_000
    expires = _deadline(rng, received)
    return {
        "id": k + 1,
        # The first 5 digits are the receiving office, not necessarily the workplace's prefecture.
        "job_number": f"{c.office_pref}{c.office:02d}0-{serial:08d}",
        "employer_number": c.employer_number,
        "category": _pick(rng, *_CATEGORY_CUM).value,
        "work_style": work_style.value,
        "employment_type": etype.value,
        "classification_code": fine,
        "prefecture_code": c.pref,
        "municipality_code": c.muni.code if c.muni else None,
        "workplace_address": workplace,
        "company_name": c.name,
        "company_kana": c.kana,
        "company_address": c.address,
        "company_url": c.url,
        "disclosure": c.disclosure,
        "job_title": _job_title(rng, fine),
        "description": description,
        "age_limit": age_limit,
        "education_required": rng.random() < 0.15,
        "experience_required": not inexperienced and rng.random() < 0.4,
        "licence_required": licence_req,
        "licence_note": corpus.LICENCES.get(c.group, "") if licence_req else "",
        "trial_employment": rng.random() < 0.12,
        "inexperienced_ok": inexperienced,
        "wage_monthly_min": monthly,
        "wage_monthly_max": monthly_max,
        "base_wage_min": base_min,
        "base_wage_max": base_max,
        "wage_hourly_min": hourly,
        "wage_hourly_max": hourly_max,
        "commute_allowance": rng.random() < 0.85,
        "bonus": (not part) and rng.random() < 0.6,
        "bonus_months": None,
        "work_start": start,
        "work_end": end,
        "shift": shift,
        "break_minutes": 60 if not part else rng.choice((0, 15, 30)),
        "overtime_hours": overtime,
        "weekends_off": weekends,
        "weekly_two_days": two.value,
        "annual_holidays": holidays,
        "ins_employment": not part or rng.random() < 0.7,
        "ins_workers_comp": True,
        "ins_health": not part or rng.random() < 0.4,
        "ins_pension": not part or rng.random() < 0.4,
        "transfer": (not part) and rng.random() < 0.12,
        "car_commute": rng.random() < (0.35 if c.pref in ("13", "27", "14") else 0.8),
        "housing": rng.random() < 0.08,
        "childcare": childcare,
        "uij_turn": rng.random() < 0.12,
        "employees": c.employees,
        "industry_code": c.industry,
        "company_description": c.description,
        "openings": rng.choice((1, 1, 1, 1, 2, 2, 3, 5)),
        "selection_method": rng.choice(corpus.SELECTION),
        "online_application": rng.random() < 0.3,
        "features": features,
        "received_on": received,
        "expires_on": expires,
        "status": "withdrawn" if rng.random() < 0.02 else "open",
        "synthetic": True,
        "sheet": _sheet(rng, c, part, start, end, shift),
    }


EARLY_SHARE = 0.08  # postings whose employer set a 紹介期限日 before the default


def _deadline(rng: random.Random, received: date) -> date:
    """The default 紹介期限日, or for some postings an earlier day the employer chose: the end
    of this or next month, or a day from two weeks after receipt on."""
    default = referral_deadline(received)
    if rng.random() >= EARLY_SHARE:
        return default
    first = received + timedelta(days=14)
    if rng.random() < 0.4:
        month_ends = [
            d
            for d in (end_of_month(received), end_of_month(end_of_month(received) + timedelta(1)))
            if first <= d < default
        ]
        if month_ends:
            return rng.choice(month_ends)
    return first + timedelta(days=rng.randrange((default - first).days))


_STATIONS = ("中央", "駅前", "本町", "東口", "市役所前", "みなと", "さくら台", "新町")


def _sheet(
    rng: random.Random, c: Company, part: bool, start: int, end: int, shift: bool
) -> dict[str, str]:
    """The rest of the 求人票 (sheet_fields.py keys), as the generator's employers fill it."""
    office = office_for(c.office_pref, "")
    sheet: dict[str, str] = {
        "office_name": office.name if office else "",
        "wage_form": "時給" if part else "月給",
        "nearest_station": rng.choice(_STATIONS) + "駅",
        "access_means": rng.choice(("徒歩", "徒歩", "バス", "車")),
        "access_time": f"{rng.choice((3, 5, 8, 10, 15, 20, 30))}分",
        "smoking_measure": rng.choice(
            ("あり（屋内禁煙）", "あり（敷地内禁煙）", "あり（喫煙室設置）")
        ),
        "holidays": rng.choice(("土 日 祝 他", "日 祝 他", "シフト制", "土 日 他")),
        "paid_leave": f"{rng.choice((10, 10, 7, 5))}日",
        "contact": "採用担当（架空）",
    }
    if shift and not part and end > start:
        later = min(start + 240, 23 * 60)
        sheet["hours_2"] = jp_hours(later, min(later + 540, 23 * 60 + 50))
    if rng.random() < 0.3:
        sheet["hours_note"] = "シフトにより変動あり"
    if rng.random() < 0.5:
        sheet["pr_info"] = "働きやすい職場づくりに取り組んでいます。（架空データ）"
    return sheet


_WEEKDAYS_OFF = ("水 日 他", "月 木 他", "火 金 祝 他")
_DISPATCH_TYPES = {
    EmploymentType.dispatch_fixed,
    EmploymentType.dispatch_open,
    EmploymentType.dispatch_fixed_part,
    EmploymentType.dispatch_open_part,
}
_CAR_LICENCE = ("必須", "必須（AT限定可）", "あれば尚可", "あれば尚可（AT限定可）", "不要", "不要")
_LICENCE_CODES = ("1001", "1002", "2011", "3011", "5501", "8011", "8012")


def _conditions(rng: random.Random, row: dict[str, Any]) -> dict[str, str]:
    """The 求人票 fields the detailed search reads from text (tokens._sheet_groups), as
    employers fill them. `rng` is a stream of its own, so the other fields stay as they
    were before these were added."""
    regular = row["employment_type"] == EmploymentType.regular
    out: dict[str, str] = {}
    if rng.random() < 0.15:  # days off on weekdays (shops, clinics, services)
        out["holidays"] = rng.choice(_WEEKDAYS_OFF)
    if rng.random() < 0.1:
        out["smoking_measure"] = "なし"
    out |= {
        "dispatch": "派遣"
        if row["employment_type"] in _DISPATCH_TYPES
        else "請負"
        if rng.random() < 0.03
        else "派遣・請負ではない",
        "retirement_age": rng.choice(("あり（一律60歳）", "あり（一律65歳）", "あり（一律70歳）"))
        if regular and rng.random() < 0.8
        else "なし",
        "car_licence": rng.choice(_CAR_LICENCE),
    }
    if not regular:
        out["contract_renewal"] = rng.choice(
            ("あり（原則更新）", "あり（条件付きで更新あり）", "なし")
        )
        out["regular_conversion"] = "あり" if rng.random() < 0.4 else "なし"
    if row["shift"] or rng.random() < 0.1:
        out["variable_hours"] = rng.choice(("1ヶ月単位", "1年単位"))
    if not row["shift"] and rng.random() < 0.04:
        out["discretionary"] = "専門業務型"
    out["remote_work"] = "あり" if rng.random() < 0.08 else "なし"
    if row["housing"]:
        out["housing_note"] = rng.choice(("単身用あり", "世帯用あり", "単身用あり 世帯用あり"))
    if row["licence_required"]:
        out["licence_codes"] = " ".join(rng.sample(_LICENCE_CODES, rng.choice((1, 1, 2))))
    return out


def chunk_rows(seed: int, chunk: int, n: int, cal: Calendar) -> list[dict[str, Any]]:
    """Postings chunk*CHUNK … of a set of n, as column dicts (deterministic)."""
    rng = random.Random(seed * 1_000_003 + chunk)
    companies = [_company(rng, chunk * COMPANIES_PER_CHUNK + j) for j in range(COMPANIES_PER_CHUNK)]
    extra = random.Random(seed * 1_000_003 + chunk + 500_009)  # for _conditions only
    rows = []
    for k in range(chunk * CHUNK, min((chunk + 1) * CHUNK, n)):
        row = _posting(rng, k, cal.day_of(k, n), rng.choice(companies))
        sheet = row["sheet"] | _conditions(extra, row)
        row["sheet"] = json.dumps(sheet, ensure_ascii=False)
        if row["bonus"]:
            row["bonus_months"] = round(rng.uniform(1.0, 4.0), 1)
        rows.append(row)
    return rows


def _prepare(args: tuple[int, int, int, Calendar]) -> Prepared:
    seed, chunk, n, cal = args
    rows = chunk_rows(seed, chunk, n, cal)
    entries = [entry(r, r["id"]) for r in rows if r["status"] == "open"]
    for r in rows:  # dates as ISO text, as SQLAlchemy stores them on SQLite
        r["received_on"] = r["received_on"].isoformat()
        r["expires_on"] = r["expires_on"].isoformat()
    table = [tuple(r[c] for c in COLUMNS) for r in rows]
    return table, entries


def _prepare_pg(args: tuple[int, int, int, Calendar]) -> PgPrepared:
    seed, chunk, n, cal = args
    rows = chunk_rows(seed, chunk, n, cal)
    from server.jobs.search.pg_lists import ListBuilder  # (PostgreSQL only: not on SQLite's path)

    search = [pg_row(entry(r, r["id"]), r) for r in rows if r["status"] == "open"]
    lists = ListBuilder()  # here, in the worker: the parent only merges them
    for r in search:
        lists.add(r[0], r[1], r[3].split(), r[4])
    return [tuple(r[c] for c in COLUMNS) for r in rows], search, lists.serialised()


def _chunks(
    prepare: Callable[[tuple[int, int, int, Calendar]], T],
    n: int,
    seed: int,
    today: date,
    workers: int,
) -> Iterator[T]:
    cal = Calendar.make(today)
    tasks = [(seed, c, n, cal) for c in range((n + CHUNK - 1) // CHUNK)]
    if workers <= 1 or len(tasks) <= 1:
        yield from map(prepare, tasks)
        return
    ctx = multiprocessing.get_context("fork" if sys.platform == "linux" else "spawn")
    with ctx.Pool(workers) as pool:
        # A bounded queue of chunks in flight: workers must not race ahead of the writer
        # and pile the whole data set up in memory.
        pending: deque[AsyncResult[T]] = deque()
        for task in tasks:
            pending.append(pool.apply_async(prepare, (task,)))
            if len(pending) > 2 * workers:
                yield pending.popleft().get()
        while pending:
            yield pending.popleft().get()


def prepared_chunks(n: int, seed: int, today: date, workers: int) -> Iterator[Prepared]:
    return _chunks(_prepare, n, seed, today, workers)


def prepared_pg_chunks(n: int, seed: int, today: date, workers: int) -> Iterator[PgPrepared]:
    return _chunks(_prepare_pg, n, seed, today, workers)


def load_sqlite(
    path: str,
    n: int,
    *,
    seed: int = 1,
    today: date | None = None,
    workers: int = 2,
    replace: bool = False,
    progress: bool = False,
) -> LoadReport:
    """Generate n postings received up to `today` and bulk-load them into SQLite at `path`."""
    from server.clock import SystemClock

    today = today or today_jst(SystemClock().now())
    chunks = prepared_chunks(n, seed, today, workers)
    return bulk_load(path, chunks, replace=replace, progress=progress)


async def load_postgres(
    database_url: str,
    n: int,
    *,
    seed: int = 1,
    today: date | None = None,
    workers: int = 2,
    replace: bool = False,
    progress: bool = False,
) -> LoadReport:
    """The same n postings as `load_sqlite` (same seed and day), loaded into PostgreSQL."""
    from server.clock import SystemClock
    from server.jobs.bulk_pg import load_postgres as copy_load

    today = today or today_jst(SystemClock().now())
    chunks = prepared_pg_chunks(n, seed, today, workers)
    return await copy_load(database_url, chunks, replace=replace, progress=progress)
