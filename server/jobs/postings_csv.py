"""Postings as CSV with the real 求人票 labels as the header row (sheet_fields.py).

`parse_rows` (streaming, chunk by chunk) and `read_rows` turn a file into posting rows
(column values + `sheet` dict) or row problems (line, column, reason); they refuse the whole
file — one clear line — when it is not UTF-8, not CSV, has an unknown column or lacks a
required one. `write_rows` writes the same format, so export → import round-trips every
field.
"""

from __future__ import annotations

import codecs
import csv
import io
import json
import multiprocessing
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from typing import Any, TextIO

from api_client.job_models import Feature
from api_client.jp_format import jp_date
from server.codes.tables import ancestors
from server.jobs import sheet_fields
from server.jobs.search.tokens import FEATURE_BITS, index_document, search_body
from server.jobs.sheet_fields import FIELD_BY_LABEL, FIELDS, REQUIRED, Row
from server.jst import referral_deadline

MAX_FIELD_CHARS = 100_000


class FileRefused(Exception):
    """The file as a whole cannot be read: the message is the one line to show."""


@dataclass(frozen=True)
class Problem:
    line: int  # 1-based line of the file where the row starts
    column: str  # the label, or "" for the row as a whole
    reason: str

    def __str__(self) -> str:
        where = f"line {self.line}" + (f", column {self.column}" if self.column else "")
        return f"{where}: {self.reason}"


def blank_row() -> Row:
    """A posting row with every column at its value for "not given"."""
    return {
        "employer_number": "",
        "company_kana": "",
        "company_address": "",
        "company_url": None,
        "disclosure": 1,
        "classification_code": "",
        "industry_code": "",
        "municipality_code": None,
        "age_limit": None,
        "education_required": False,
        "experience_required": False,
        "licence_required": False,
        "licence_note": "",
        "trial_employment": False,
        "inexperienced_ok": False,
        "wage_monthly_min": None,
        "wage_monthly_max": None,
        "base_wage_min": None,
        "base_wage_max": None,
        "wage_hourly_min": None,
        "wage_hourly_max": None,
        "commute_allowance": False,
        "bonus": False,
        "bonus_months": None,
        "work_start": 0,
        "work_end": 0,
        "shift": False,
        "break_minutes": 0,
        "overtime_hours": 0,
        "weekends_off": False,
        "weekly_two_days": "none",
        "annual_holidays": 0,
        "ins_employment": False,
        "ins_workers_comp": False,
        "ins_health": False,
        "ins_pension": False,
        "transfer": False,
        "car_commute": False,
        "housing": False,
        "childcare": False,
        "uij_turn": False,
        "employees": 0,
        "company_description": "",
        "openings": 1,
        "selection_method": "",
        "online_application": False,
        "features": 0,
        "status": "open",
        "synthetic": False,
        "sheet": {},
    }


# 特集求人 fields by 職業分類 中分類 (シニア and 子育て両立 are not derivable from a sheet).
_FEATURE_MIDDLES: dict[Feature, tuple[str, ...]] = {
    Feature.medical: ("12", "13", "14", "15", "37"),
    Feature.care: ("36",),
    Feature.welfare_childcare: ("16", "19"),
    Feature.construction: ("09", "70", "71", "72", "73"),
    Feature.security: ("45",),
    Feature.transport: ("65", "66", "67", "68", "75"),
}


def features_of(classification: str) -> int:
    chain = ancestors(classification)
    middle = chain[1].code if len(chain) > 1 else ""
    bits = 0
    for feature, middles in _FEATURE_MIDDLES.items():
        if middle in middles:
            bits |= FEATURE_BITS[feature]
    return bits


def _decoded(raw: bytes) -> str:
    try:
        return codecs.decode(raw, "utf-8-sig")
    except UnicodeDecodeError as exc:
        raise FileRefused(
            f"the file is not UTF-8 text (byte {exc.start + 1}); save it as UTF-8 CSV"
        ) from None


Chunk = tuple[list[tuple[int, Row]], list[Problem]]


@dataclass
class Parsed:
    """A file split into records: `chunks` parses them (in worker processes, in order) as
    they are consumed, so loading one chunk overlaps parsing the next ones."""

    total: int  # data records (blank lines left out)
    problems: list[Problem]  # of the file itself (a row the CSV reader could not read)
    chunks: Iterator[Chunk]


def parse_rows(raw: bytes, workers: int = 1, *, with_body: bool = False) -> Parsed:
    """Check the header and split the records; raises FileRefused for a file it cannot
    take at all. `with_body`: also compute each row's PostgreSQL search body (`_body`)."""
    text = _decoded(raw)
    if "\x00" in text:
        raise FileRefused("the file is not CSV text (it contains NUL bytes)")
    csv.field_size_limit(MAX_FIELD_CHARS)
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    try:
        header = next(reader)
    except StopIteration:
        raise FileRefused("the file is empty; the first line must be the header row") from None
    except csv.Error as exc:
        raise FileRefused(f"the header row is not CSV ({exc})") from None
    labels = [h.strip() for h in header]
    unknown = [h for h in labels if h not in FIELD_BY_LABEL]
    if unknown:
        raise FileRefused(
            "unknown column " + "、".join(f"「{u}」" for u in unknown) + " (see the README's list)"
        )
    if dupes := sorted({h for h in labels if labels.count(h) > 1}):
        raise FileRefused("column given twice: " + "、".join(dupes))
    if missing := [r for r in REQUIRED if r not in labels]:
        raise FileRefused("required column missing: " + "、".join(missing))
    records: list[tuple[int, list[str]]] = []
    problems: list[Problem] = []
    line = reader.line_num + 1
    while True:
        try:
            values = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            problems.append(Problem(line, "", f"not CSV ({exc})"))
            break  # the reader cannot find the next row after a broken one
        start, line = line, reader.line_num + 1
        if any(v.strip() for v in values):  # blank lines are skipped
            records.append((start, values))
    chunks = [(labels, records[i : i + CHUNK], with_body) for i in range(0, len(records), CHUNK)]
    return Parsed(len(records), problems, _parsed(chunks, workers))


def _parsed(
    chunks: list[tuple[list[str], list[tuple[int, list[str]]], bool]], workers: int
) -> Iterator[Chunk]:
    if workers > 1 and len(chunks) > 1:
        ctx = multiprocessing.get_context("fork" if sys.platform == "linux" else "spawn")
        with ctx.Pool(workers) as pool:
            yield from pool.imap(_parse_chunk, chunks)
    else:
        yield from map(_parse_chunk, chunks)


def read_rows(
    raw: bytes, workers: int = 1, *, with_body: bool = False
) -> tuple[list[tuple[int, Row]], list[Problem]]:
    """Every good row (with the line it starts on) and every problem of the bad ones."""
    parsed = parse_rows(raw, workers, with_body=with_body)
    good: list[tuple[int, Row]] = []
    problems = list(parsed.problems)
    for chunk_good, chunk_problems in parsed.chunks:
        good += chunk_good
        problems += chunk_problems
    return good, problems


CHUNK = 2_000


def _parse_chunk(
    args: tuple[list[str], list[tuple[int, list[str]]], bool],
) -> tuple[list[tuple[int, Row]], list[Problem]]:
    """Rows and problems of some records; each good row also carries its index document
    (`_doc`), the other costly part of loading, so worker processes can do both."""
    labels, records, with_body = args
    position = {h: i for i, h in enumerate(labels)}
    # Resolved once per chunk: (column, label, required, writer, key) in FIELDS order.
    plan = [
        (position[f.label], f.label, f.required, sheet_fields.FIELD_KINDS[f.kind].write, f.key)
        for f in FIELDS
        if f.label in position
    ]
    width = len(labels)
    good: list[tuple[int, Row]] = []
    problems: list[Problem] = []
    for start, values in records:
        if len(values) != width:
            problems.append(Problem(start, "", f"{len(values)} values for {width} columns"))
            continue
        row = blank_row()
        row_problems = []
        for column, label, required, write, key in plan:
            text = values[column]
            if required and not text.strip():
                row_problems.append(Problem(start, label, "required value missing"))
                continue
            try:
                write(row, key, text)
            except ValueError as exc:
                row_problems.append(Problem(start, label, str(exc)))
        if not row_problems:
            row_problems.extend(_deadline_problems(start, row))
        if row_problems:
            problems.extend(row_problems)
            continue
        row["features"] = features_of(row["classification_code"])
        row["_doc"] = index_document(row)
        row["_sheet_json"] = json.dumps(row["sheet"], ensure_ascii=False)
        if with_body:
            row["_body"] = search_body(row)
        good.append((start, row))
    return good, problems


def _deadline_problems(line: int, row: Row) -> list[Problem]:
    """紹介期限日 lies between 受付年月日 and the end of the month after next (SPEC §2)."""
    latest = referral_deadline(row["received_on"])
    if row["expires_on"] < row["received_on"]:
        return [Problem(line, "紹介期限日", "before 受付年月日")]
    if row["expires_on"] > latest:
        return [
            Problem(
                line,
                "紹介期限日",
                f"after the end of the month after next of 受付年月日 ({jp_date(latest)})",
            )
        ]
    return []


def export_row(row: Row) -> list[str]:
    return [sheet_fields.read(f, row) for f in FIELDS]


def write_header(out: TextIO) -> None:
    csv.writer(out, lineterminator="\r\n").writerow([f.label for f in FIELDS])


def write_page(out: TextIO, rows: list[Row]) -> int:
    csv.writer(out, lineterminator="\r\n").writerows(export_row(r) for r in rows)
    return len(rows)


def write_rows(out: TextIO, rows: Iterator[Row]) -> int:
    write_header(out)
    writer = csv.writer(out, lineterminator="\r\n")
    n = 0
    for row in rows:
        writer.writerow(export_row(row))
        n += 1
    return n


def iso(value: Any) -> Any:
    return value.isoformat() if isinstance(value, date) else value
