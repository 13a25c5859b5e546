"""`hellowork admin import-postings` / `export-postings`: the real 求人票 CSV, end to end.

The fixture tests/data/postings.csv is written in the real site's formats (2026年5月1日,
9時00分〜18時00分, 230,000円〜400,000円, full-width text).
"""

from __future__ import annotations

import asyncio
import csv
import io
import json
import multiprocessing
import shutil
import sqlite3
import time
from collections import Counter
from collections.abc import AsyncIterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy
from fastapi import FastAPI
from pydantic import ValidationError

from api_client.client import MyPageClient
from api_client.job_models import JobSearchRequest
from api_client.sheet_text import LINES_PER_PAGE, a4_text, cells
from server import admin
from server.jobs import importer, postings_csv
from server.jobs.demo.generate import load_sqlite
from server.jobs.postings_csv import Problem
from server.jobs.search import index, tokens
from server.jobs.search.keys import search_key
from server.jst import referral_deadline
from tests.api import jobs_data
from tests.api.flows import sign_in
from tests.conftest import Outbox, new_api, seed_account

FIXTURE = Path(__file__).resolve().parent.parent / "data" / "postings.csv"


def _run(*argv: str) -> int:
    return admin.main(list(argv))


def _db(url: str) -> str:
    return url.removeprefix("sqlite+aiosqlite:///")


def _index_is_consistent(path: str) -> None:
    """Every open posting has its index entry and is counted on its days; nothing else is."""
    conn = sqlite3.connect(path)
    try:
        open_rows = conn.execute(
            "SELECT id, received_on, expires_on FROM job_postings WHERE status='open'"
        ).fetchall()
        keys = {search_key(r, i) for i, r, _ in open_rows}
        indexed = {
            r[0] for r in conn.execute("SELECT rowid FROM job_fts WHERE job_fts MATCH 'xall'")
        }
        assert indexed == keys
        early = {search_key(r, i): x for i, r, x in open_rows if x < referral_deadline_iso(r)}
        assert dict(conn.execute("SELECT key, expires_on FROM job_early_deadlines")) == early
        per_days = Counter((r, x) for _, r, x in open_rows)
        counted = conn.execute("SELECT received_on, expires_on, open_count FROM job_open_days")
        assert {(r, x): n for r, x, n in counted if n} == per_days
        assert _token_days(conn) == _token_days_recounted(conn)
    finally:
        conn.close()


def _token_days(conn: sqlite3.Connection) -> dict[tuple[str, str, str], int]:
    rows = conn.execute("SELECT token, received_on, expires_on, open_count FROM job_token_days")
    return {(t, r, x): n for t, r, x, n in rows if n}


def _token_days_recounted(conn: sqlite3.Connection) -> dict[tuple[str, str, str], int]:
    """The counted tokens' open postings per day, from the posting rows themselves."""
    cursor = conn.execute("SELECT * FROM job_postings WHERE status = 'open'")
    names = [d[0] for d in cursor.description]
    entries = [
        index.entry(row, row["id"]) for row in (dict(zip(names, r, strict=True)) for r in cursor)
    ]
    recount = {(t, r, x): n for t, r, x, n in index.token_day_changes(entries)}
    assert recount, "the postings carry no counted token: the check would be empty"
    return recount


def _index_content(path: str) -> dict[str, Any]:
    """Everything the SQLite index holds: each token's documents, columns and positions,
    the early deadlines and both day counts."""
    conn = sqlite3.connect(path)
    try:
        conn.execute("CREATE VIRTUAL TABLE temp.v USING fts5vocab(main, job_fts, instance)")
        return {
            "fts": Counter(conn.execute("SELECT term, doc, col, offset FROM temp.v")),
            "early": set(conn.execute("SELECT key, expires_on FROM job_early_deadlines")),
            "open_days": {
                (r, x): n
                for r, x, n in conn.execute(
                    "SELECT received_on, expires_on, open_count FROM job_open_days"
                )
                if n
            },
            "token_days": _token_days(conn),
        }
    finally:
        conn.close()


def referral_deadline_iso(received: str) -> str:
    return referral_deadline(date.fromisoformat(received)).isoformat()


@pytest.fixture
def database_url(_template_db: Path, tmp_path: Path) -> str:
    target = tmp_path / "hellowork.db"
    shutil.copyfile(_template_db, target)
    url = f"sqlite+aiosqlite:///{target}"
    assert _run("import-postings", str(FIXTURE), "--database-url", url) == 0
    return url


@pytest.fixture
async def seeker(app: FastAPI, outbox: Outbox) -> AsyncIterator[MyPageClient]:
    account = await seed_account(app)
    async with new_api(app) as api:
        await sign_in(api, outbox, account)
        yield api


def _section(sheet: Any, number: int) -> dict[str, str]:
    return {r.label: r.value for r in sheet.sections[number].rows}


async def test_imported_postings_show_the_real_sheet(seeker: MyPageClient) -> None:
    found = await seeker.search_jobs(JobSearchRequest(classifications=["36101"]))
    assert [c.job_number for c in found.items] == ["13010-09999999"]
    sheet = await seeker.job_sheet("13010-09999999")
    assert [s.title for s in sheet.sections] == [
        "求人票",
        "求人事業所",
        "仕事内容",
        "賃金・手当",
        "労働時間",
        "その他の労働条件",
        "会社の情報",
        "選考等",
        "求人に関する特記事項",
        "求人・事業所PR情報",
        "障害者に対する配慮",
    ]
    header = _section(sheet, 0)
    assert header["受付年月日"] == "2026年5月1日" and header["紹介期限日"] == "2026年7月31日"
    assert header["受理安定所"] == "飯田橋公共職業安定所"
    assert header["求人区分"] == "フルタイム"
    assert header["産業分類"] == "85 社会保険・社会福祉・介護事業"
    assert _section(sheet, 3)["賃金"] == "230,000円〜400,000円"
    hours = _section(sheet, 4)
    assert hours["就業時間１"] == "9時00分〜18時00分"
    assert hours["就業時間２"] == "13時00分〜22時00分"
    assert _section(sheet, 5)["加入保険等"] == "雇用　労災　健康　厚生　退職金共済"
    assert sheet.prefecture_code == "13" and sheet.municipality_code == "13101"
    assert sheet.synthetic is False

    part = await seeker.job_sheet("27010-00012345")
    assert _section(part, 0)["求人区分"] == "パート"
    assert _section(part, 3)["賃金"] == "1,163円〜1,300円"  # hourly for パート
    assert part.wage_hourly_min == 1163 and part.wage_monthly_min is None
    # 公開範囲 3: the name is hidden everywhere, the sheet says so.
    assert part.company_name is None
    assert _section(part, 1)["事業所名"] == "公開していません"
    assert (await seeker.search_jobs(JobSearchRequest(words="ナニワ"))).total == 0

    abroad = await seeker.job_sheet("13010-00000888")
    assert abroad.prefecture_code == "59" and abroad.municipality_code is None


async def test_a4_text_fits_the_page(seeker: MyPageClient) -> None:
    sheet = await seeker.job_sheet("13010-09999999")
    text = a4_text(sheet)
    pages = text.split("\f")
    assert all(len(p.rstrip("\n").split("\n")) == LINES_PER_PAGE for p in pages)
    assert all(cells(line) <= 80 for line in text.split("\n"))
    assert "230,000円〜400,000円" in text and "9時00分〜18時00分" in text
    assert pages[-1].rstrip().endswith(f"{len(pages)} / {len(pages)}")


def test_export_then_import_round_trips_every_field(tmp_path: Path, _template_db: Path) -> None:
    first, second = tmp_path / "a.db", tmp_path / "b.db"
    shutil.copyfile(_template_db, first)
    load_sqlite(str(first), 400, seed=3, today=jobs_data.TODAY, workers=1)
    out1, out2 = tmp_path / "one.csv", tmp_path / "two.csv"
    assert _run("export-postings", str(out1), "--database-url", f"sqlite+aiosqlite:///{first}") == 0
    # Into an empty data directory: the database is created.
    url = f"sqlite+aiosqlite:///{second}"
    assert _run("import-postings", str(out1), "--database-url", url, "--quiet") == 0
    assert _run("export-postings", str(out2), "--database-url", url) == 0
    assert out1.read_bytes() == out2.read_bytes()
    with out1.open(encoding="utf-8", newline="") as f:
        assert len(list(csv.reader(f))) > 390
    _index_is_consistent(str(second))
    # Every column value that is a 求人票 field is the same (ids may differ).
    a = {r["job_number"]: r for r in importer.export_rows(str(first))}
    b = {r["job_number"]: r for r in importer.export_rows(str(second))}
    assert a.keys() == b.keys()
    skip = {"id", "features", "synthetic"}
    for number, row in a.items():
        assert {k: v for k, v in row.items() if k not in skip} == {
            k: v for k, v in b[number].items() if k not in skip
        }


def test_bad_rows_are_reported_and_good_rows_load(
    tmp_path: Path, database_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    rows = list(csv.reader(FIXTURE.open(encoding="utf-8", newline="")))
    header = rows[0]
    bad_number, bad_date, missing = list(rows[1]), list(rows[2]), list(rows[3])
    bad_number[header.index("求人番号")] = "1301-999"
    bad_date[header.index("受付年月日")] = "2026年13月1日"
    bad_date[header.index("職業分類")] = "99999"
    missing[header.index("事業所名")] = ""
    good = list(rows[4])
    good[header.index("求人番号")] = "13010-00004444"
    path = tmp_path / "mixed.csv"
    with path.open("w", encoding="utf-8", newline="") as f:
        csv.writer(f).writerows([header, bad_number, bad_date, missing, good])
    capsys.readouterr()
    assert _run("import-postings", str(path), "--database-url", database_url) == 1
    err = capsys.readouterr().err
    # The first data row spans two lines (a line break inside 仕事内容).
    assert "line 2, column 求人番号: not of the form NNNNN-NNNNNNNN" in err
    assert "line 4, column 受付年月日: not a date" in err
    assert "line 4, column 職業分類: unknown 職業分類" in err
    assert "line 5, column 事業所名: required value missing" in err
    numbers = [r["job_number"] for r in importer.export_rows(_db(database_url))]
    assert "13010-00004444" in numbers and len(numbers) == 5


def test_a_deadline_past_the_default_is_refused(
    tmp_path: Path, database_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """紹介期限日 is the end of the month after next, or earlier — never later."""
    rows = list(csv.reader(FIXTURE.open(encoding="utf-8", newline="")))
    header = rows[0]
    late, early = list(rows[1]), list(rows[2])
    for row, number in ((late, "13010-00005555"), (early, "13010-00006666")):
        row[header.index("求人番号")] = number
        row[header.index("受付年月日")] = "2026年5月8日"
    late[header.index("紹介期限日")] = "2026年8月1日"
    early[header.index("紹介期限日")] = "2026年5月29日"
    path = tmp_path / "deadlines.csv"
    with path.open("w", encoding="utf-8", newline="") as f:
        csv.writer(f).writerows([header, late, early])
    capsys.readouterr()
    assert _run("import-postings", str(path), "--database-url", database_url) == 1
    err = capsys.readouterr().err
    assert "column 紹介期限日: after the end of the month after next of 受付年月日" in err
    assert "2026年7月31日" in err
    numbers = [r["job_number"] for r in importer.export_rows(_db(database_url))]
    assert "13010-00006666" in numbers and "13010-00005555" not in numbers
    _index_is_consistent(_db(database_url))


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("求人番号,受付年月日,謎の列\n".encode(), "unknown column 「謎の列」"),
        ("求人番号,受付年月日\n13010-1,2026年5月1日\n".encode(), "required column missing"),
        (b"\xff\xfe\x00\x00binary", "not UTF-8"),
        ("求人番号,求人番号\n".encode(), "column given twice"),
        (b"", "the file is empty"),
    ],
)
def test_unreadable_files_get_one_line(
    tmp_path: Path,
    database_url: str,
    content: bytes,
    message: str,
    capsys: pytest.CaptureFixture[str],
) -> None:
    path = tmp_path / "x.csv"
    path.write_bytes(content)
    capsys.readouterr()
    assert _run("import-postings", str(path), "--database-url", database_url) == 2
    err = capsys.readouterr().err.strip()
    assert message in err and len(err.splitlines()) == 1 and "Traceback" not in err
    assert len(list(importer.export_rows(_db(database_url)))) == 4  # nothing changed


async def test_import_again_updates_by_job_number(
    tmp_path: Path, database_url: str, seeker: MyPageClient
) -> None:
    rows = list(csv.reader(FIXTURE.open(encoding="utf-8", newline="")))
    header = rows[0]
    changed = list(rows[1])
    changed[header.index("職種")] = "介護リーダー（夜勤なし）"
    path = tmp_path / "again.csv"
    with path.open("w", encoding="utf-8", newline="") as f:
        csv.writer(f).writerows([header, changed])
    # The command runs its own event loop, as it does from a shell.
    assert (
        await asyncio.to_thread(_run, "import-postings", str(path), "--database-url", database_url)
        == 0
    )
    assert len(list(importer.export_rows(_db(database_url)))) == 4  # updated, not added
    assert (await seeker.search_jobs(JobSearchRequest(words="介護リーダー"))).total == 1
    assert (await seeker.search_jobs(JobSearchRequest(words="介護福祉士"))).total == 0
    _index_is_consistent(_db(database_url))


def test_an_interrupted_import_leaves_whole_rows_and_a_consistent_index(
    tmp_path: Path,
    _template_db: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    source, target = tmp_path / "s.db", tmp_path / "t.db"
    shutil.copyfile(_template_db, source)
    shutil.copyfile(_template_db, target)
    load_sqlite(str(source), 300, seed=5, today=jobs_data.TODAY, workers=1)
    out = tmp_path / "all.csv"
    assert _run("export-postings", str(out), "--database-url", f"sqlite+aiosqlite:///{source}") == 0
    monkeypatch.setattr(importer, "BATCH", 100)
    real = index.sqlite_insert
    calls = 0

    def failing(conn: sqlite3.Connection, entries: list[index.Entry]) -> None:
        nonlocal calls
        calls += 1
        if calls == 2:  # the second batch's rows are written, its index entries not yet
            raise KeyboardInterrupt
        real(conn, entries)

    monkeypatch.setattr(index, "sqlite_insert", failing)
    url = f"sqlite+aiosqlite:///{target}"
    capsys.readouterr()
    assert _run("import-postings", str(out), "--database-url", url, "--quiet") == 130
    err = capsys.readouterr().err
    assert "interrupted; the rows loaded so far are whole" in err and "Traceback" not in err
    loaded = list(importer.export_rows(str(target)))
    assert len(loaded) == 100  # the first batch, whole
    _index_is_consistent(str(target))
    monkeypatch.setattr(index, "sqlite_insert", real)
    assert _run("import-postings", str(out), "--database-url", url, "--quiet") == 0
    assert len(list(importer.export_rows(str(target)))) > 290
    _index_is_consistent(str(target))


def test_an_import_into_a_new_database_interrupted_while_it_is_created(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """Into a new database the workers parse while it is created: Ctrl-C then ends the
    command with the one line and ends the workers too."""
    from server.jobs import bulk

    async def interrupted(database_url: str) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(bulk, "migrate", interrupted)
    monkeypatch.setattr(postings_csv, "PIECE_CHARS", 300)  # several pieces: two workers
    url = f"sqlite+aiosqlite:///{tmp_path / 'new.db'}"
    capsys.readouterr()
    assert _run("import-postings", str(FIXTURE), "--database-url", url, "--quiet") == 130
    err = capsys.readouterr().err
    assert "interrupted; the rows loaded so far are whole" in err and "Traceback" not in err
    assert multiprocessing.active_children() == []


def test_import_writes_the_index_a_rebuild_writes(tmp_path: Path, _template_db: Path) -> None:
    """The importer's index (rows, regional facets, counted tokens' days, early deadlines,
    open days) is token for token what `migrate` rebuilds from the same postings."""
    source, target = tmp_path / "s.db", tmp_path / "t.db"
    shutil.copyfile(_template_db, source)
    shutil.copyfile(_template_db, target)
    load_sqlite(str(source), 300, seed=9, today=jobs_data.TODAY, workers=1)
    out = tmp_path / "all.csv"
    assert _run("export-postings", str(out), "--database-url", f"sqlite+aiosqlite:///{source}") == 0
    url = f"sqlite+aiosqlite:///{target}"
    assert _run("import-postings", str(out), "--database-url", url, "--quiet") == 0
    imported = _index_content(str(target))
    assert any(t.startswith("p13") for t, _, _, _ in imported["fts"])
    assert imported["token_days"]
    engine = sqlalchemy.create_engine(f"sqlite:///{target}")
    try:
        with engine.begin() as conn:
            index.rebuild(conn)
    finally:
        engine.dispose()
    assert _index_content(str(target)) == imported


def test_older_postings_take_their_place_and_no_id_changes(
    tmp_path: Path, _template_db: Path
) -> None:
    """A file may reach back before the newest posting: the search orders by 受付年月日
    through search keys, so no posting is renumbered and references stay as they were."""
    target = tmp_path / "t.db"
    shutil.copyfile(_template_db, target)
    rows = list(csv.reader(FIXTURE.open(encoding="utf-8", newline="")))
    header, received = rows[0], rows[0].index("受付年月日")
    newer = [r for r in rows[1:] if r[received] != "2026年5月1日"]
    older = [r for r in rows[1:] if r[received] == "2026年5月1日"]
    url = f"sqlite+aiosqlite:///{target}"
    paths = []
    for name, part in (("new.csv", newer), ("old.csv", older)):
        paths.append(tmp_path / name)
        with paths[-1].open("w", encoding="utf-8", newline="") as f:
            csv.writer(f).writerows([header, *part])
    assert _run("import-postings", str(paths[0]), "--database-url", url) == 0
    conn = sqlite3.connect(target)
    before = dict(conn.execute("SELECT job_number, id FROM job_postings"))
    conn.close()
    assert _run("import-postings", str(paths[1]), "--database-url", url) == 0
    _index_is_consistent(str(target))
    conn = sqlite3.connect(target)
    after = dict(conn.execute("SELECT job_number, id FROM job_postings"))
    conn.close()
    assert {n: after[n] for n in before} == before
    assert after["13010-09999999"] > max(before.values())  # the older one came last
    numbers = [r["job_number"] for r in importer.export_rows(str(target))]
    assert numbers[0] == "13010-09999999"  # yet it is the oldest


def test_every_code_level_token_is_exact() -> None:
    """The facet tokens of a 細分類 name exactly its ancestors and its 希望する職種."""
    from server.codes import tables

    for code, node in tables.classification_by_code().items():
        if node.level != tables.FINE:
            continue
        toks = set(tokens.classification_tokens(code))
        chain = {"cl" + a.code.lower() for a in tables.ancestors(code)}
        desired = tables.desired_job_of(code)
        assert toks == chain | {"dj" + desired, "dg" + desired[:2]}


async def test_number_search_is_its_own_endpoint(seeker: MyPageClient) -> None:
    res = await seeker.jobs_by_number(["27010-00012345", "１３０１０－０９９９９９９９", "13010-1"])
    assert [c.job_number for c in res.items] == ["27010-00012345", "13010-09999999"]
    assert res.not_found == ["13010-1"]
    with pytest.raises(ValidationError):  # the client checks what the server would refuse
        await seeker.jobs_by_number([f"13010-{n}" for n in range(6)])


def _fixture() -> tuple[list[str], list[list[str]]]:
    rows = list(csv.reader(FIXTURE.open(encoding="utf-8", newline="")))
    return rows[0], rows[1:]


def _csv_text(rows: list[list[str]], newline: str = "\r\n") -> str:
    out = io.StringIO()
    csv.writer(out, lineterminator=newline).writerows(rows)
    return out.getvalue()


def _parsed(
    text: str, workers: int, start: bool = False
) -> tuple[list[tuple[int, str, Any]], list[Problem]]:
    parsed = postings_csv.parse_rows(text.encode(), workers, start=start)
    good: list[tuple[int, str, Any]] = []
    problems: list[Problem] = []
    for chunk in parsed.chunks:
        good += chunk.good
        problems += chunk.problems
    return good, problems


def test_the_sheet_text_put_together_is_json_dumps() -> None:
    """A row's stored sheet text is put together from its values' remembered JSON members:
    it is json.dumps' text of its sheet, for every row of the fixture and of the same rows
    with values none has (so each value is parsed afresh once) — the text a re-import
    compares with."""
    header, rows = _fixture()
    station = header.index("最寄り駅")
    varied = [
        [*r[:station], f"{r[station]}{i}号出口", *r[station + 1 :]] for i, r in enumerate(rows)
    ]
    text = _csv_text([header, *rows, *varied])
    parsed = postings_csv.parse_rows(text.encode(), 1, with_body=True)
    rows_seen = [row for chunk in parsed.chunks for _, _, row in chunk.good]
    assert len(rows_seen) == 2 * len(rows)
    for row in rows_seen:
        assert row[postings_csv.SHEET_JSON] == json.dumps(row["sheet"], ensure_ascii=False)
        assert json.loads(row[postings_csv.SHEET_JSON]) == row["sheet"]


@pytest.mark.parametrize("workers", [1, 2])
@pytest.mark.parametrize("newline", ["\r\n", "\n", "\r"])
def test_a_file_read_in_pieces_reads_as_one(
    monkeypatch: pytest.MonkeyPatch, workers: int, newline: str
) -> None:
    """Pieces are cut at line breaks after an even number of quotes: the rows, their lines
    and the problems are those of one reader over the whole file — with line breaks inside
    values, a stray quote inside an unquoted value, and a record the reader refuses (after
    which nothing is read)."""
    header, rows = _fixture()
    parking, number = header.index("最寄り駅"), header.index("求人番号")
    records = []
    for i in range(40):
        row = list(rows[i % len(rows)])
        row[number] = f"13010-{i:08d}"
        row[parking] = f"stray{i}"
        records.append(row)
    text = _csv_text([header, *records], newline)
    text = text.replace("stray3", 'ab"c', 1)  # a quote inside an unquoted value
    text = text.replace("stray30", '"ab"c', 1)  # refused: a quote after a quoted value
    whole = _parsed(text, 1)
    assert whole[1][-1].reason.startswith("not CSV")
    if newline != "\r":  # (the reader splits bare-CR files at the line breaks in values)
        assert len(whole[0]) == 30 and len(whole[1]) == 1
    monkeypatch.setattr(postings_csv, "PIECE_CHARS", 300)
    assert postings_csv.parse_rows(text.encode()).pieces > (5 if newline != "\r" else 0)
    assert _parsed(text, workers) == whole
    assert _parsed(text, workers, start=True) == whole  # workers begun before asked


def test_importing_the_same_file_again_changes_nothing(
    database_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _db(database_url)
    before = sqlite3.connect(path).execute("SELECT * FROM job_postings ORDER BY id").fetchall()
    capsys.readouterr()
    assert _run("import-postings", str(FIXTURE), "--database-url", database_url) == 0
    assert "0 added, 0 updated, 4 unchanged, 0 refused" in capsys.readouterr().out
    assert (
        sqlite3.connect(path).execute("SELECT * FROM job_postings ORDER BY id").fetchall() == before
    )
    _index_is_consistent(path)


@pytest.mark.parametrize("again", [False, True])
async def test_a_posting_changed_after_the_worker_looked_is_indexed_as_stored(
    tmp_path: Path, database_url: str, seeker: MyPageClient, again: bool
) -> None:
    """A worker compares its rows with the stored ones before the importer's transaction;
    when a posting changes in between, what the importer reads in its transaction decides
    which index entry is deleted (a stale one would still be found)."""
    header, rows = _fixture()
    title = header.index("職種")
    path = _db(database_url)
    # Parsed while 介護福祉士（グループホーム） is stored: the same row again, or a change.
    first = list(rows[0])
    if not again:
        first[title] = "訪問ヘルパー主任"
    chunks = list(
        postings_csv.parse_rows(_csv_text([header, first]).encode(), database=path).chunks
    )
    between = list(rows[0])
    between[title] = "夜間巡回スタッフ"
    between_csv = tmp_path / "between.csv"
    between_csv.write_text(_csv_text([header, between]), encoding="utf-8")
    between_import = ("import-postings", str(between_csv), "--database-url", database_url)
    assert await asyncio.to_thread(_run, *between_import) == 0
    report = importer.import_rows(path, iter(chunks))
    assert (report.inserted, report.updated, report.unchanged) == (0, 1, 0)
    _index_is_consistent(path)
    expected = {"夜間巡回": 0, "介護福祉士": int(again), "訪問ヘルパー主任": int(not again)}
    for word, total in expected.items():
        assert (await seeker.search_jobs(JobSearchRequest(words=word))).total == total, word


def _index_tables(path: Path) -> dict[str, list[Any]]:
    """What the search reads, in full: every term at every position of every posting in the
    FTS index (fts5vocab), the early deadlines, the open-day counts, and the postings."""
    conn = sqlite3.connect(path)
    try:
        conn.execute("CREATE VIRTUAL TABLE temp.v USING fts5vocab(main, job_fts, instance)")
        queries = {
            "fts": "SELECT doc, col, offset, term FROM temp.v ORDER BY doc, col, offset, term",
            "early": "SELECT * FROM job_early_deadlines ORDER BY key",
            "days": "SELECT * FROM job_open_days WHERE open_count != 0 ORDER BY 1, 2",
            "postings": "SELECT * FROM job_postings ORDER BY id",
        }
        return {name: conn.execute(sql).fetchall() for name, sql in queries.items()}
    finally:
        conn.close()


def _rebuilt(path: Path, tmp_path: Path) -> dict[str, list[Any]]:
    """The same tables after the reference rebuild (every document made afresh from the
    stored postings, as when the index version changes)."""
    from sqlalchemy import create_engine

    copy = tmp_path / "rebuilt.db"
    shutil.copyfile(path, copy)
    engine = create_engine(f"sqlite:///{copy}")
    try:
        with engine.begin() as conn:
            index.rebuild(conn)
    finally:
        engine.dispose()
    return _index_tables(copy)


@pytest.mark.parametrize("in_order", [True, False])
def test_the_imported_index_is_the_one_a_rebuild_makes(
    tmp_path: Path, _template_db: Path, monkeypatch: pytest.MonkeyPatch, in_order: bool
) -> None:
    """Rows parsed in worker processes piece by piece, index documents made there and
    written in key order: the index holds exactly what the reference path makes from the
    stored postings — for a file in 受付年月日 order or not, and after a re-import that
    changes some postings."""
    source, target = tmp_path / "s.db", tmp_path / "t.db"
    shutil.copyfile(_template_db, source)
    shutil.copyfile(_template_db, target)
    load_sqlite(str(source), 400, seed=11, today=jobs_data.TODAY, workers=1)
    out = tmp_path / "all.csv"
    assert _run("export-postings", str(out), "--database-url", f"sqlite+aiosqlite:///{source}") == 0
    header, *rows = list(csv.reader(out.open(encoding="utf-8", newline="")))
    if not in_order:
        rows.reverse()
    out.write_text(_csv_text([header, *rows]), encoding="utf-8")
    monkeypatch.setattr(postings_csv, "PIECE_CHARS", 40_000)  # several pieces, two workers
    monkeypatch.setattr(importer, "BATCH", 150)
    url = f"sqlite+aiosqlite:///{target}"
    assert postings_csv.parse_rows(out.read_bytes()).pieces > 4
    assert _run("import-postings", str(out), "--database-url", url, "--quiet") == 0
    imported = _index_tables(target)
    assert len(imported["postings"]) == len(rows) and imported["fts"]
    assert imported == _rebuilt(target, tmp_path)
    title, wage = header.index("職種"), header.index("賃金")
    for row in rows[::7]:
        row[title] = "夜間巡回スタッフ" + row[title]
    for row in rows[3::11]:
        row[wage] = "999,999円"
    out.write_text(_csv_text([header, *rows]), encoding="utf-8")
    assert _run("import-postings", str(out), "--database-url", url, "--quiet") == 0
    again = _index_tables(target)
    assert again != imported and again == _rebuilt(target, tmp_path)


@pytest.mark.parametrize("kind", ["new SQLite", "SQLite", "PostgreSQL"])
def test_parsing_workers_yield_to_the_writing_process_of_a_new_sqlite_database(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, kind: str
) -> None:
    """Into a new SQLite database the workers are niced (the one writing process sets the
    pace); when they compare with stored rows, or for PostgreSQL, they are not."""
    import os

    monkeypatch.setattr(postings_csv, "PIECE_CHARS", 300)  # several pieces: two workers
    database = None if kind == "new SQLite" else str(tmp_path / "some.db")
    with_body = kind == "PostgreSQL"
    parsed = postings_csv.parse_rows(
        FIXTURE.read_bytes(), 2, with_body=with_body, database=database, start=True
    )
    try:
        mine = os.getpriority(os.PRIO_PROCESS, 0)
        workers = multiprocessing.active_children()
        assert len(workers) == 2
        expected = min(19, mine + (postings_csv.SQLITE_WORKER_NICE if kind == "new SQLite" else 0))
        # A worker renices itself in its initializer, which runs in the child at its own
        # pace: wait for that state (the deadline only turns a hang into a failure).
        deadline = time.monotonic() + 60
        while (seen := [os.getpriority(os.PRIO_PROCESS, w.pid) for w in workers]) != [
            expected
        ] * 2 and time.monotonic() < deadline:
            time.sleep(0.01)
        assert seen == [expected] * 2
    finally:
        parsed.stop()
