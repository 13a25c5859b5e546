"""Search at national scale: p50/p95 per query kind through the typed client against the real
server (uvicorn on loopback), and the same free-word queries answered by a plain LIKE scan.

    .venv/bin/python -m bench.search [--jobs 1000000] [--rounds 30]
    .venv/bin/python -m bench.search --database-url postgresql+asyncpg://… [--jobs N]

Builds bench/.data/jobs-N.db on the first run (and prints how long generating and indexing
took), then reuses it. Goal (issue 3): p95 ≤ 100 ms for every kind, ≥ 20× faster than the
scan on free words. With `--database-url` on PostgreSQL the same mix runs there (an empty
database is loaded with `demo-data` first), and the free words are compared with a pg_trgm
GIN index over the same text, built in the same run — what a deployer would reach for first
(issue 14: ≥ 10× faster on 1–2 character words). Figures only — nothing here is a pass/fail
test.
"""

from __future__ import annotations

import argparse
import asyncio
import random
import sqlite3
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from api_client.client import MyPageClient, Timeouts
from api_client.job_models import JobSearchRequest
from bench._common import ensure_jobs_database
from bench._proc import percentiles, read_otp, start_server
from bench.load import PASSWORD, make_seekers
from server.clock import SystemClock
from server.codes.tables import ancestors, desired_group_by_code, desired_job_of, industry_by_code
from server.jst import today_jst

WORDS2 = ["介護", "事務", "営業", "看護", "配送", "調理", "警備", "英語", "保育", "清掃"]
WORDS3 = [
    "未経験",
    "看護師",
    "フォークリフト",
    "未経験者歓迎",
    "プログラミング",
    "介護福祉士",
    "ルート営業",
    "社会保険",
    "施工管理",
    "品出し",
]
WORDS1 = ["車", "英", "夜", "駅", "菓"]
AND2 = [
    ("介護", "送迎"),
    ("事務", "英語"),
    ("配送", "未経験"),
    ("看護", "訪問"),
    ("調理", "給食"),
    ("営業", "社用車"),
    ("保育", "資格"),
    ("警備", "交通"),
]
OR2 = [("看護", "介護"), ("事務", "受付"), ("配送", "倉庫"), ("調理", "盛付"), ("保育", "幼稚園")]
NOT2 = [("介護", "送迎"), ("事務", "医療"), ("配送", "大型"), ("看護", "病棟"), ("営業", "新規")]
PREFS = ["13", "27", "14", "23", "01", "40", "11", "26", "34", "47"]
DESIRED = [("05", []), ("01", ["0101"]), ("07", ["0711", "0712"]), ("12", []), ("08", ["0806"])]
MUNIS = ["13103", "27128", "14104", "01101", "23106", "40133", "13104", "26104"]
LICENCES = ["1001", "1002", "2011", "3011", "5501", "8011", "8012"]  # demo postings carry these
COMPANY_WORDS = ["株式会社", "工業", "介護", "クリニック", "物流", "サービス"]
LEGAL_FORMS = ["株式会社", "有限会社", "合同会社", "社会福祉法人", "医療法人"]
FREQUENT = ["未経験", "未経験者歓迎", "社会保険", "経験不問", "学歴不問", "交通費支給"]
TEXT = "job_title || ' ' || description || ' ' || workplace_address || ' ' || licence_note"


@dataclass(frozen=True)
class Samples:
    """Values drawn from the open postings themselves, so every code level and box of the
    form is asked for in proportion to how often postings carry it (as users would)."""

    numbers: list[str]  # 求人番号
    employers: list[str]  # 事業所番号 of postings that show their name
    fine: list[str]  # 職業分類 細分類 of open postings (the other levels are its prefixes)
    industries: list[str]  # 産業分類 中分類
    municipalities: list[str]
    companies: list[str]  # a distinctive word of shown 事業所名 (株式会社 … → its name part)


# One query per sample; `?` is rewritten to `$1` for asyncpg.
SAMPLE_SQL = {
    "numbers": "SELECT job_number FROM job_postings WHERE status = 'open' AND expires_on >= ?"
    " ORDER BY random() LIMIT 500",
    "employers": "SELECT employer_number FROM job_postings WHERE disclosure = 1"
    " AND status = 'open' AND expires_on >= ? ORDER BY random() LIMIT 200",
    "codes": "SELECT classification_code, industry_code, municipality_code, company_name,"
    " disclosure FROM job_postings WHERE status = 'open' AND expires_on >= ?"
    " ORDER BY random() LIMIT 2000",
}


def make_samples(numbers: list[str], employers: list[str], rows: list[Any]) -> Samples:
    companies = []
    for _, _, _, name, disclosure in rows:
        parts = str(name).replace("（架空）", "").split()
        if disclosure == 1 and parts:
            companies.append(parts[-1])
    return Samples(
        numbers=numbers,
        employers=employers,
        fine=[r[0] for r in rows if r[0] and len(ancestors(r[0])) == 4],
        industries=[r[1] for r in rows if r[1]],
        municipalities=[r[2] for r in rows if r[2]],
        companies=companies,
    )


def query_mix(rng: random.Random, s: Samples) -> dict[str, Callable[[], JobSearchRequest]]:
    def req(**kw: Any) -> JobSearchRequest:
        return JobSearchRequest(**kw)

    def some(values: list[str], lo: int, hi: int) -> list[str]:
        """lo…hi distinct values drawn by frequency."""
        k = rng.randint(lo, hi)
        out: list[str] = []
        while len(out) < k:
            v = rng.choice(values)
            if v not in out:
                out.append(v)
        return out

    def level(depth: int) -> Callable[[], JobSearchRequest]:
        # 職業分類 at one level: 1–3 codes (the form's three slots) that postings carry.
        return lambda: req(
            classifications=list(
                dict.fromkeys(ancestors(c)[depth].code for c in some(s.fine, 1, 3))
            )
        )

    def desired_details() -> list[dict[str, Any]]:
        # 希望する職種: 1–3 slots, each a group with 1–5 of its details (from posted codes).
        slots: dict[str, list[str]] = {}
        for fine in some(s.fine, 1, 3):
            group = desired_job_of(fine)[:2]
            details = [d.code for d in desired_group_by_code()[group].details]
            picked = slots.setdefault(group, [])
            for d in [desired_job_of(fine), *rng.sample(details, rng.randint(0, 4))]:
                if d not in picked and len(picked) < 5:
                    picked.append(d)
        return [{"group": g, "details": d} for g, d in slots.items()]

    def places() -> list[dict[str, Any]]:
        # 就業場所: 1–3 prefecture slots, each with 1–5 municipalities postings carry.
        slots: dict[str, list[str]] = {}
        for m in some(s.municipalities, 1, 3):
            picked = slots.setdefault(m[:2], [])
            for other in [m, *(x for x in rng.sample(s.municipalities, 50) if x[:2] == m[:2])]:
                if other not in picked and len(picked) < 5:
                    picked.append(other)
        return [{"prefecture": p, "municipalities": ms} for p, ms in slots.items()]

    def industries() -> list[str]:
        # 産業分類: 中分類 codes, or now and then a whole 大分類.
        codes = some(s.industries, 1, 3)
        return [industry_by_code()[c].division if rng.random() < 0.3 else c for c in codes]

    def company() -> str:
        return rng.choice(s.companies) if rng.random() < 0.7 else rng.choice(COMPANY_WORDS)

    def real_form(where: list[dict[str, Any]]) -> JobSearchRequest:
        return req(
            places=where,
            work_from=rng.choice(["08:20", "08:40", "09:00"]),
            work_until=rng.choice(["17:10", "17:50", "18:30"]),
            days_off=rng.sample(["sat", "sun", "holiday"], rng.randint(1, 2)),
            dispatch="exclude",
            exclude_variable_hours=rng.random() < 0.5,
            retirement_age_min=rng.choice([None, 60, 65]),
            car_licence=rng.sample(["required", "preferred", "at_ok"], rng.randint(0, 1)),
            smoking_measures=True,
            company_name=rng.choice(["", "", "株式会社", "介護"]),
        )

    return {
        "prefecture+希望職種": lambda: req(
            places=[{"prefecture": p} for p in rng.sample(PREFS, rng.randint(1, 3))],
            desired_jobs=[
                {"group": g, "details": d} for g, d in rng.sample(DESIRED, rng.randint(1, 3))
            ],
        ),
        "希望職種 details": lambda: req(desired_jobs=desired_details()),
        "職業分類 大分類": level(0),
        "職業分類 中分類": level(1),
        "職業分類 小分類": level(2),
        "職業分類 細分類": level(3),
        "職業分類 + 産業分類": lambda: req(
            classifications=[ancestors(c)[rng.randint(0, 3)].code for c in some(s.fine, 1, 2)],
            industries=industries(),
        ),
        "産業分類": lambda: req(industries=industries()),
        "municipalities": lambda: req(places=places()),
        "1-char word": lambda: req(words=rng.choice(WORDS1)),
        "2-char word": lambda: req(words=rng.choice(WORDS2)),
        "3+-char word": lambda: req(words=rng.choice(WORDS3)),
        "AND of two words": lambda: req(words=" ".join(rng.choice(AND2))),
        "OR of two words": lambda: req(words=" ".join(rng.choice(OR2)), word_mode="any"),
        "NOT word": lambda: (lambda w: req(words=w[0], not_words=w[1]))(rng.choice(NOT2)),
        "word + selective filter": lambda: req(
            words=rng.choice(WORDS2 + WORDS3),
            places=[(lambda m: {"prefecture": m[:2], "municipalities": [m]})(rng.choice(MUNIS))],
        ),
        "word + 職業分類 + place": lambda: req(
            words=rng.choice(WORDS2 + WORDS3),
            classifications=[ancestors(rng.choice(s.fine))[rng.randint(1, 3)].code],
            places=[{"prefecture": rng.choice(PREFS)}],
        ),
        "word + employer number": lambda: req(
            words=rng.choice(["歓迎", "未経験", "車"]), employer_number=rng.choice(s.employers)
        ),
        "事業所名": lambda: req(company_name=company()),
        "事業所名 のぞく + place": lambda: req(
            company_name=company(),
            company_name_exclude=True,
            places=[{"prefecture": rng.choice(PREFS)}],
        ),
        "wage + days-off filters": lambda: req(
            wage_monthly_min=rng.choice([200_000, 250_000, 300_000]),
            weekends_off=True,
            annual_holidays_min=rng.choice([110, 120, 125]),
            insurance=rng.random() < 0.5,
        ),
        "many filters": lambda: req(
            places=[{"prefecture": rng.choice(PREFS)}],
            category="general",
            work_styles=["full_time"],
            employment_types=["regular"],
            age=rng.randint(25, 60),
            no_transfer=True,
            car_commute=True,
            weekly_two_days="any",
            work_from="08:00",
            work_until="18:00",
        ),
        "new form filters": lambda: req(
            places=[{"prefecture": rng.choice(PREFS)}],
            age_limited_only=rng.random() < 0.3,
            wage_monthly_min=rng.choice([180_000, 200_000, 220_000]),
            wage_includes_allowances=False,
            overtime_max=rng.choice([10, 20, 30]),
            exclude_shift=True,
            insurance_items=rng.sample(["employment", "health", "pension"], 2),
            no_document_screening=rng.random() < 0.5,
        ),
        "real-form filters": lambda: real_form([{"prefecture": rng.choice(PREFS)}]),
        # The same boxes in one prefecture's municipalities (regional facets, as above) and
        # in two prefectures (the national lists).
        "real-form + municipalities": lambda: real_form(
            [(lambda m: {"prefecture": m[:2], "municipalities": [m]})(rng.choice(MUNIS))]
        ),
        "real-form, 2 prefectures": lambda: real_form(
            [{"prefecture": p} for p in rng.sample(PREFS, 2)]
        ),
        "hours + holidays + insurance": lambda: (
            lambda h: req(
                work_from=h[0],
                work_until=h[1],
                no_overtime=rng.random() < 0.3,
                exclude_discretionary=True,
                weekly_two_days=rng.choice(["every_week", "any"]),
                days_off=rng.sample(["sat", "sun", "holiday", "wed"], rng.randint(1, 2)),
                annual_holidays_min=rng.choice([None, 105, 120]),
                insurance_items=rng.sample(["employment", "workers_comp", "health", "pension"], 3),
            )
        )(rng.choice([("07:00", "12:00"), ("08:30", "17:00"), ("13:00", "22:00")])),
        "licences + the other boxes": lambda: req(
            places=[{"prefecture": rng.choice([*PREFS, "59"])}],
            licence_codes=rng.sample(LICENCES, rng.randint(1, 2)),
            licence_codes_exclude=rng.random() < 0.3,
            contract_renewal=rng.sample(["in_principle", "conditional"], rng.randint(0, 1)),
            housing_kinds=rng.sample(["single", "family"], rng.randint(0, 1)),
            wage_hourly_min=rng.choice([None, 1_000, 1_200]),
            employees_min=rng.choice([None, 10, 100, 300]),
            features=rng.sample(["care", "medical", "senior", "parenting"], rng.randint(0, 1)),
            regular_conversion=rng.random() < 0.3,
            remote_work=rng.random() < 0.2,
            near_station=rng.random() < 0.3,
        ),
        "事業所名 legal form": lambda: req(
            company_name=rng.choice(LEGAL_FORMS),
            sort=rng.choice(["received_desc", "deadline_asc"]),
            page=rng.randint(1, 3),
        ),
        "frequent word, 新着/order": lambda: req(
            words=rng.choice(FREQUENT),
            new_within=rng.choice([None, "week", "today_yesterday"]),
            sort=rng.choice(["received_desc", "deadline_asc"]),
            page=rng.randint(1, 3),
        ),
        "紹介期限日 order": lambda: req(sort="deadline_asc", page=rng.randint(1, 20)),
        "紹介期限日 order + word": lambda: req(
            sort="deadline_asc", words=rng.choice(WORDS2 + WORDS3), page=rng.randint(1, 3)
        ),
        "紹介期限日 order + place": lambda: req(
            sort="deadline_asc",
            places=[{"prefecture": rng.choice(PREFS)}],
            desired_jobs=[{"group": rng.choice(DESIRED)[0]}],
        ),
        "紹介期限日 order + 職業分類": lambda: req(
            sort="deadline_asc", classifications=[ancestors(rng.choice(s.fine))[2].code]
        ),
        "job-number lookup": lambda: req(job_numbers=rng.sample(s.numbers, 5)),
        "deep page": lambda: req(
            places=[{"prefecture": rng.choice(PREFS[:4])}], per_page=50, page=rng.randint(100, 200)
        ),
        "no condition": lambda: req(page=rng.randint(1, 20)),
    }


async def concurrent_searches(
    api: MyPageClient, requests: list[JobSearchRequest], args: argparse.Namespace
) -> None:
    """Searches are read transactions: several at once must not queue behind each other."""
    rng = random.Random(7)
    samples: list[float] = []

    async def worker(n: int) -> None:
        for r in rng.sample(requests, n):
            t0 = time.perf_counter()
            await api.search_jobs(r)
            samples.append(time.perf_counter() - t0)

    t0 = time.perf_counter()
    await asyncio.gather(*(worker(args.rounds) for _ in range(args.concurrency)))
    wall = time.perf_counter() - t0
    p50, p95 = percentiles(samples)
    label = f"{args.concurrency} at once (mixed)"
    print(
        f"{label:<26}{p50:9.1f}{p95:9.1f}{max(samples) * 1000:9.1f}"
        f"  {len(samples) / wall:8.1f} searches/s"
    )


def like_scan(
    conn: sqlite3.Connection, today: str, words: list[str], mode: str, not_words: list[str]
) -> tuple[int, list[int]]:
    """The naive alternative: substring scan of every open posting (count + first page)."""
    conds = [f"({TEXT}) LIKE ?" for _ in words]
    pos = (" OR " if mode == "any" else " AND ").join(conds)
    neg = "".join(f" AND ({TEXT}) NOT LIKE ?" for _ in not_words)
    where = f"status = 'open' AND expires_on >= ? AND ({pos}){neg}"
    args = [today, *[f"%{w}%" for w in words], *[f"%{w}%" for w in not_words]]
    total = conn.execute(f"SELECT count(*) FROM job_postings WHERE {where}", args).fetchone()[0]
    ids = [
        r[0]
        for r in conn.execute(
            f"SELECT id FROM job_postings WHERE {where}"
            " ORDER BY received_on DESC, id DESC LIMIT 30",
            args,
        )
    ]
    return total, ids


FREE_WORD_KINDS = (
    "1-char word",
    "2-char word",
    "3+-char word",
    "AND of two words",
    "OR of two words",
    "NOT word",
)


async def trgm_scan(
    pg: Any, today: date, words: list[str], mode: str, not_words: list[str]
) -> None:
    """The pg_trgm alternative: ILIKE over the same text under its GIN index (count + first
    page, as the API answers)."""
    conds = [f"({TEXT}) ILIKE ${i + 2}" for i in range(len(words))]
    pos = (" OR " if mode == "any" else " AND ").join(conds)
    neg = "".join(f" AND ({TEXT}) NOT ILIKE ${i + 2 + len(words)}" for i in range(len(not_words)))
    where = f"status = 'open' AND expires_on >= $1 AND ({pos}){neg}"
    args = [today, *[f"%{w}%" for w in words], *[f"%{w}%" for w in not_words]]
    await pg.fetchval(f"SELECT count(*) FROM job_postings WHERE {where}", *args)
    await pg.fetch(
        f"SELECT id FROM job_postings WHERE {where} ORDER BY received_on DESC, id DESC LIMIT 30",
        *args,
    )


async def ensure_pg_database(url: str, n: int) -> Samples:
    """Load n demo postings into an empty database; sample what the queries ask for."""
    import asyncpg

    from server.jobs.bulk import migrate
    from server.jobs.demo.generate import load_postgres

    await migrate(url)
    pg = await asyncpg.connect(url.replace("postgresql+asyncpg", "postgresql"))
    try:
        have = await pg.fetchval("SELECT count(*) FROM job_postings")
        if have == 0:
            report = await load_postgres(url, n, progress=True)
            print(f"loaded {report.postings:,} postings in {report.seconds:.1f} s")
        else:
            print(f"database holds {have:,} postings (not reloaded)")
        today = today_jst(SystemClock().now())
        found = {
            name: await pg.fetch(sql.replace("?", "$1"), today) for name, sql in SAMPLE_SQL.items()
        }
    finally:
        await pg.close()
    return make_samples(
        [r[0] for r in found["numbers"]], [r[0] for r in found["employers"]], found["codes"]
    )


async def run(args: argparse.Namespace, db: Path | str) -> None:
    if isinstance(db, str):
        await run_api(args, db, await ensure_pg_database(db, args.jobs))
        return
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    today = today_jst(SystemClock().now()).isoformat()
    found = {name: conn.execute(sql, (today,)).fetchall() for name, sql in SAMPLE_SQL.items()}
    samples = make_samples(
        [r[0] for r in found["numbers"]], [r[0] for r in found["employers"]], found["codes"]
    )

    reqs, api_p50 = await run_api(args, db, samples)
    print(f"\nSame free-word queries by LIKE scan (sqlite3, {args.scan_rounds} per kind)")
    print(f"{'kind':<26}{'p50 ms':>9}{'p95 ms':>9}  {'API p50':>8}  {'speed-up (p50)':>14}")
    for kind in FREE_WORD_KINDS:
        times = []
        for r in reqs[kind][: args.scan_rounds]:
            t0 = time.perf_counter()
            like_scan(conn, today, r.words.split(), r.word_mode.value, r.not_words.split())
            times.append(time.perf_counter() - t0)
        p50, p95 = percentiles(times)
        print(f"{kind:<26}{p50:9.1f}{p95:9.1f}  {api_p50[kind]:8.1f}  {p50 / api_p50[kind]:13.0f}×")
    conn.close()


async def run_api(
    args: argparse.Namespace, db: Path | str, samples: Samples
) -> tuple[dict[str, list[JobSearchRequest]], dict[str, float]]:
    backend = "PostgreSQL" if isinstance(db, str) else "SQLite"
    with tempfile.TemporaryDirectory() as tmp:
        # An account of its own: `serve --seed-demo` seeds the demo account only into a
        # database without accounts (not one bench.load has run on first).
        await make_seekers(db if isinstance(db, str) else f"sqlite+aiosqlite:///{db}", 1, Path(tmp))
        proc, url, maildir = start_server(db, Path(tmp))
        try:
            # A slow kind is measured, not abandoned: no retry after the client's 15 s.
            async with MyPageClient(url, timeouts=Timeouts(read=300.0)) as api:
                res = await api.login("load0000@example.jp", PASSWORD)
                assert res.login_ticket
                await api.verify_otp(res.login_ticket, read_otp(maildir))
                rng = random.Random(42)
                mix = query_mix(rng, samples)
                for make in mix.values():  # warm up caches once per kind
                    await api.search_jobs(make())
                print(f"\nAPI through MyPageClient → uvicorn → {backend} ({args.rounds} per kind)")
                print(f"{'kind':<26}{'p50 ms':>9}{'p95 ms':>9}{'max ms':>9}  {'mean total':>11}")
                api_p50: dict[str, float] = {}
                reqs: dict[str, list[JobSearchRequest]] = {}
                for kind, make in mix.items():
                    times, totals = [], []
                    reqs[kind] = []
                    for _ in range(args.rounds):
                        r = make()
                        reqs[kind].append(r)
                        t0 = time.perf_counter()
                        page = await api.search_jobs(r)
                        times.append(time.perf_counter() - t0)
                        totals.append(page.total)
                    p50, p95 = percentiles(times)
                    api_p50[kind] = p50
                    print(
                        f"{kind:<26}{p50:9.1f}{p95:9.1f}{max(times) * 1000:9.1f}"
                        f"  {sum(totals) / len(totals):11,.0f}"
                    )
                t0 = time.perf_counter()
                sheet_samples = []
                for n in samples.numbers[: args.rounds]:
                    t0 = time.perf_counter()
                    await api.job_sheet(n)
                    sheet_samples.append(time.perf_counter() - t0)
                p50, p95 = percentiles(sheet_samples)
                print(
                    f"{'job sheet (GET)':<26}{p50:9.1f}{p95:9.1f}{max(sheet_samples) * 1000:9.1f}"
                )
                await concurrent_searches(api, [r for rs in reqs.values() for r in rs], args)
        finally:
            proc.terminate()
            proc.wait(timeout=30)
    if isinstance(db, str):
        await compare_trgm(args, db, reqs, api_p50)
    return reqs, api_p50


async def compare_trgm(
    args: argparse.Namespace,
    url: str,
    reqs: dict[str, list[JobSearchRequest]],
    api_p50: dict[str, float],
) -> None:
    import asyncpg

    pg = await asyncpg.connect(url.replace("postgresql+asyncpg", "postgresql"))
    try:
        t0 = time.perf_counter()
        await pg.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
        await pg.execute(
            "CREATE INDEX IF NOT EXISTS bench_trgm ON job_postings"
            f" USING gin (({TEXT}) gin_trgm_ops)"
        )
        await pg.execute("ANALYZE job_postings")
        print(f"\npg_trgm GIN index over the same text: ready in {time.perf_counter() - t0:.1f} s")
        today = today_jst(SystemClock().now())
        print(f"Same free-word queries with pg_trgm ({args.scan_rounds} per kind)")
        print(f"{'kind':<26}{'p50 ms':>9}{'p95 ms':>9}  {'API p50':>8}  {'speed-up (p50)':>14}")
        for kind in FREE_WORD_KINDS:
            samples = []
            for r in reqs[kind][: args.scan_rounds]:
                t0 = time.perf_counter()
                await trgm_scan(pg, today, r.words.split(), r.word_mode.value, r.not_words.split())
                samples.append(time.perf_counter() - t0)
            p50, p95 = percentiles(samples)
            print(
                f"{kind:<26}{p50:9.1f}{p95:9.1f}  {api_p50[kind]:8.1f}"
                f"  {p50 / api_p50[kind]:13.1f}×"
            )
    finally:
        await pg.close()


def main(argv: list[str] | None = None) -> None:
    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument("--jobs", type=int, default=1_000_000)
    p.add_argument("--rounds", type=int, default=30)
    p.add_argument("--scan-rounds", type=int, default=5)
    p.add_argument("--concurrency", type=int, default=4, help="searches in flight at once")
    p.add_argument("--database-url", help="PostgreSQL (postgresql+asyncpg://…) instead of SQLite")
    args = p.parse_args(argv)
    if args.database_url:
        asyncio.run(run(args, args.database_url))
        return
    # Built before the event loop starts: building migrates with asyncio.run of its own.
    db, meta = ensure_jobs_database(args.jobs)
    print(f"database {db.name}: {meta}")
    asyncio.run(run(args, db))


if __name__ == "__main__":
    main()
