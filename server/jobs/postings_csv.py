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
import gc
import io
import itertools
import json
import multiprocessing
import operator
import os
import pickle
import signal
import sqlite3
import sys
from collections import deque
from collections.abc import Callable, Generator, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from enum import Enum
from functools import cache
from typing import Any, NamedTuple, TextIO

from api_client.job_models import Feature
from api_client.jp_format import jp_date
from server.codes.tables import ancestors
from server.jobs import sheet_fields
from server.jobs.models import COLUMNS
from server.jobs.search.fts import Text
from server.jobs.search.keys import floor_key
from server.jobs.search.sqlite_extras import sqlite_document
from server.jobs.search.tokens import (
    FEATURE_BITS,
    as_date,
    index_document,
    search_body,
)
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


@cache
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


class Chunk(NamedTuple):
    """What one piece of the file parsed into."""

    # (line the record starts on, 求人番号, the row: a `Prepared` tuple for SQLite, or a
    # Row with its search body for PostgreSQL)
    good: list[tuple[int, str, Any]]
    problems: list[Problem]
    chars: int  # characters of the file the piece spans (for the progress bar)
    broken: bool  # the CSV reader failed in it: the rest of the file cannot be read
    unfinished: bool  # it failed at the end of the piece, inside a quoted value


# A new or updated posting as SQLite takes it, prepared in a worker process:
# (table values in TABLE_ORDER, status, search-key floor of its day, 受付年月日 and
# 紹介期限日 as ISO text, its index document g, u, the length of f, SQLite's facet column
# sf = f + its regional copies, and the counted tokens (sqlite_extras.py) — all None when
# SAME —, early deadline?, what the worker saw stored: None, SAME, or (the stored values,
# their index document or None when the stored posting is not open)). f goes as a length:
# what is sent is unpickled by the one process that writes. For the same reason a row not
# stored yet (the whole of an import into an empty database) sends its long texts — the
# sheet's JSON, g, u and sf — as UTF-8 bytes, which SQLite is given as text (CAST … AS TEXT
# in the importer's and fts.py's statements) and which unpickle as one copy: 15 → 6 µs a
# row of the writing process's time. f's length is then in bytes too. They go as a
# bytearray, not bytes: sqlite3 binds a bytearray directly but first looks for an adapter
# for bytes (≈ 1 µs a value).
SAME = "same"
Before = None | str | tuple[tuple[Any, ...], tuple[str, str, str] | None]
Prepared = tuple[
    tuple[Any, ...],
    str,
    int,
    str,
    str,
    Text | None,
    Text | None,
    int | None,
    Text | None,
    list[str] | None,
    bool,
    Before,
]

_DATES = ("received_on", "expires_on")
_PLAIN = tuple(c for c in COLUMNS if c not in ("id", "sheet", *_DATES))
# The table's columns after `id`, in the order of a Prepared row's values.
TABLE_ORDER = (*_PLAIN, *_DATES, "sheet")
_plain_values = operator.itemgetter(*_PLAIN)


@dataclass
class Parsed:
    """A file whose header was read: `chunks` parses the records (in worker processes, in
    order, a few pieces ahead) as they are consumed, so loading one piece overlaps parsing
    the next ones."""

    chars: int  # characters of the records (the progress bar's whole)
    pieces: int  # how many chunks there will be
    chunks: Iterator[Chunk]
    stop: Callable[[], None]  # ends the workers (for chunks not read to the end)


PIECE_CHARS = 1_000_000  # about 800 postings of real length
# Pieces given to each worker ahead of the one being loaded: enough that the workers keep
# parsing while a batch is written (a batch is about six pieces), few enough to bound memory.
AHEAD = 6
# Into a new SQLite database, the one writing process sets the pace (it was busy from its
# first batch to its last, while the workers ran ahead and then waited): three busy
# processes on a 2-core machine left it two thirds of a core. Workers niced by 5 (a third of
# its scheduler weight each) leave it a whole core and parse with the rest; on a machine
# busy with other work they yield to that too. Not when they compare with stored rows (a
# re-import mostly parses: its writer has little to do) nor for PostgreSQL.
SQLITE_WORKER_NICE = 5


def parse_rows(
    raw: bytes,
    workers: int = 1,
    *,
    with_body: bool = False,
    database: str | None = None,
    start: bool = False,
) -> Parsed:
    """Check the header and cut the records into pieces; raises FileRefused for a file it
    cannot take at all. `with_body`: rows for PostgreSQL (Row dicts with their search
    body) instead of SQLite's `Prepared` tuples; `database`: the SQLite file they go to
    (see parse_piece); `start`: the workers begin parsing now rather than when the first
    chunk is asked for (so they parse while the caller creates the database)."""
    text = _decoded(raw)
    if b"\x00" in raw:  # (a byte search: faster than over the text)
        raise FileRefused("the file is not CSV text (it contains NUL bytes)")
    csv.field_size_limit(MAX_FIELD_CHARS)
    header_end = _record_end(text, 0)
    try:
        header = next(csv.reader(io.StringIO(text[:header_end], newline=""), strict=True))
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
    bounds = _pieces(text, header_end)
    line = 1 + _line_breaks(text, 0, header_end)
    tasks = list(_tasks(text, labels, bounds, line, with_body, database))
    workers = workers if len(bounds) > 1 else 1  # starting processes costs more than one piece
    nice = SQLITE_WORKER_NICE if not with_body and database is None else 0
    ordered = _in_order(text, tasks, workers, nice)
    if start:
        next(ordered)  # the workers are parsing from here on
    chunks = _whole(text, tasks, ordered, start)
    return Parsed(len(text) - header_end, len(bounds), chunks, ordered.close)


def _record_end(text: str, start: int, at_least: int = 0) -> int:
    """Where the record that ends on or after `start + at_least` ends: just after the
    first line break there outside quotes (or the end of the text).

    Cutting at a line break after an even number of quotes is exact for CSV as written. A
    quote inside an unquoted value (which the reader takes as it is) can make a cut fall
    inside a quoted value further on; the piece before it then ends inside quotes, and
    the rest of the file is read again as one piece (see _parsed)."""
    nl = text.find("\n", start + at_least)
    while nl != -1 and text.count('"', start, nl) % 2:
        nl = text.find("\n", nl + 1)
    return len(text) if nl == -1 else nl + 1


def _pieces(text: str, start: int) -> list[tuple[int, int]]:
    bounds = []
    while start < len(text):
        end = _record_end(text, start, PIECE_CHARS)
        bounds.append((start, end))
        start = end
    return bounds


def _line_breaks(text: str, start: int, end: int) -> int:
    """Line breaks as the CSV reader counts them (\\r\\n, \\n or \\r)."""
    return (
        text.count("\n", start, end) + text.count("\r", start, end) - text.count("\r\n", start, end)
    )


# (labels, (start, end) of the records' text, first line, with_body, SQLite database to
# compare with); the text itself is cut out when the piece is sent to be parsed.
_Task = tuple[list[str], tuple[int, int], int, bool, str | None]
_Piece = tuple[list[str], str, int, bool, str | None]


def _tasks(
    text: str,
    labels: list[str],
    bounds: list[tuple[int, int]],
    line: int,
    with_body: bool,
    database: str | None,
) -> Iterator[_Task]:
    for start, end in bounds:
        yield labels, (start, end), line, with_body, database
        line += _line_breaks(text, start, end)


def _piece(text: str, task: _Task, to_the_end: bool = False) -> _Piece:
    labels, (start, end), line, with_body, database = task
    return labels, text[start : len(text) if to_the_end else end], line, with_body, database


def _in_order(
    text: str, tasks: list[_Task], workers: int, nice: int = 0
) -> Generator[Chunk | None, None, None]:
    """None first, once the workers have their first pieces; then the pieces parsed, in
    order. With workers, a few pieces are parsed ahead (not the whole file: memory stays
    bounded when loading is slower than parsing). Closing it ends the workers."""
    if workers <= 1:
        yield None
        yield from (parse_piece(_piece(text, task)) for task in tasks)
        return
    fork = sys.platform == "linux"
    ctx = multiprocessing.get_context("fork" if fork else "spawn")
    # A forked worker has the text already (see _start_worker): a piece is sent as its
    # bounds, not as 1 MB of text to pickle, send and unpickle.
    initargs = (nice, text if fork else None)
    with ctx.Pool(workers, initializer=_start_worker, initargs=initargs) as pool:

        def send(task: _Task) -> Any:
            if fork:
                return pool.apply_async(_parse_inherited, (task,))
            return pool.apply_async(_parse_pickled, (_piece(text, task),))

        waiting = iter(tasks)
        ahead: deque[Any] = deque(map(send, itertools.islice(waiting, AHEAD * workers)))
        yield None
        while ahead:
            chunk = pickle.loads(ahead.popleft().get())  # noqa: S301 (our own workers')
            ahead.extend(map(send, itertools.islice(waiting, 1)))
            yield chunk


def _parse_pickled(task: _Piece) -> bytes:
    """parse_piece's chunk pickled with protocol 5: multiprocessing pickles a result with
    protocol 4, which sends a bytearray (a new row's long texts: see Prepared) as a call
    of bytearray() on a bytes copy — ≈ 6 µs a row more in the worker and 2 more in the
    loading process than protocol 5's own opcode."""
    return pickle.dumps(parse_piece(task), protocol=5)


def _parse_inherited(task: _Task) -> bytes:
    """_parse_pickled of a piece of the text the worker was forked with."""
    assert _INHERITED is not None
    return _parse_pickled(_piece(_INHERITED, task))


def _whole(
    text: str, tasks: list[_Task], ordered: Iterator[Chunk | None], started: bool
) -> Iterator[Chunk]:
    """The chunks, stopping after one the CSV reader could not finish."""
    if not started:
        next(ordered)
    for i, chunk in enumerate(ordered):
        assert chunk is not None
        if chunk.unfinished and i < len(tasks) - 1:
            # The cut after this piece fell inside a quoted value (a stray quote before
            # it): the rest of the file is read as one piece, as one reader would.
            yield parse_piece(_piece(text, tasks[i], to_the_end=True))
            return
        yield chunk
        if chunk.broken:
            return


_INHERITED: str | None = None  # in a forked worker: the file's text (see _in_order)


def _start_worker(nice: int = 0, text: str | None = None) -> None:
    """Ctrl-C stops the loading process, which ends the workers (no traceback from each).
    The cycle collector stays off in a worker (see no_cycle_collection): turned on after
    each piece, its first collection would walk every object the piece made. `nice`: see
    SQLITE_WORKER_NICE. `text`: the file's text, which a forked worker shares with the
    loading process (a fork's arguments are not pickled)."""
    global _INHERITED
    _INHERITED = text
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    gc.disable()
    if nice and hasattr(os, "nice"):  # Windows has no nice(): the workers run as they are
        os.nice(nice)


def read_rows(raw: bytes, workers: int = 1) -> tuple[list[tuple[int, Row]], list[Problem]]:
    """Every good row (with the line it starts on) and every problem of the bad ones."""
    parsed = parse_rows(raw, workers, with_body=True)
    good: list[tuple[int, Row]] = []
    problems: list[Problem] = []
    for chunk in parsed.chunks:
        good += [(line, row) for line, _, row in chunk.good]
        problems += chunk.problems
    return good, problems


# --------------------------------------------------------------------------- one piece

# A column's value is checked and converted by its kind's `write` (sheet_fields.py). Most
# values repeat from posting to posting (あり, 正社員, 月給, a code, an address …), so what a
# short value does to a row — the columns and sheet keys it sets, or why it is refused — is
# remembered per column, and a row is put together from those effects with few Python
# steps per value. Only 賃金 reads another column (求人区分's work_style, monthly or hourly):
# it is written after the rest, its effect remembered per value and work_style.
_REMEMBERED_CHARS = 200
_REMEMBERED_VALUES = 20_000
_READS_THE_ROW = {"wage": "work_style"}  # kind → the row key its write reads (and never sets)
SHEET_JSON = "_sheet_json"  # a row's sheet as the JSON text stored (when _row could tell it)


class _Effect(NamedTuple):
    columns: tuple[tuple[str, Any], ...]
    sheet: tuple[tuple[str, Any], ...]
    # The sheet pairs as JSON object members, each followed by ", " ("" for none): a row's
    # sheet JSON is its effects' members put together (json.dumps: 11 → 2 µs a row).
    json: str


class _Refused(NamedTuple):
    label: str
    reason: str


# The effect of a value that sets nothing (an empty box: half a row's values). A row skips
# these before putting its effects together: 116 → some 60 to go through.
_NOTHING: tuple[()] = ()
_Done = _Effect | _Refused | tuple[()]


_Step = tuple[str, bool, Callable[[Row, str, str], None], str]  # label, required, write, key


@dataclass(frozen=True)
class _Plan:
    """How the columns of one header become a row, in FIELDS order."""

    texts: Callable[[list[str]], tuple[str, ...]]  # the remembered columns' values
    steps: tuple[_Step, ...]
    remembered: tuple[dict[str, _Done], ...]
    # Written after the others: (its position in a record, its step, the row key it reads,
    # its effects by (value, what it reads)).
    later: tuple[tuple[int, _Step, str, dict[tuple[str, Any], _Done]], ...]
    ints: bool  # yes/no columns as 1/0 (see _plan)
    blank: Row  # the row's values where no column gives one


@cache
def _plan(labels: tuple[str, ...], ints: bool = False) -> _Plan:
    """`ints`: yes/no columns as 1 and 0, for SQLite — sqlite3 binds an int directly but
    looks for an adapter for a bool (as for None or bytes: ≈ 0.7 µs each, and a posting has
    20 of them: a tenth of the writing process's time)."""
    position = {h: i for i, h in enumerate(labels)}
    fields = [f for f in FIELDS if f.label in position]
    now = [f for f in fields if f.kind not in _READS_THE_ROW]
    columns = [position[f.label] for f in now]

    def step(f: sheet_fields.Field) -> _Step:
        return f.label, f.required, sheet_fields.FIELD_KINDS[f.kind].write, f.key

    blank = _BLANK_INTS if ints else _BLANK
    return _Plan(
        operator.itemgetter(*columns),  # several: the required columns are always there
        tuple(step(f) for f in now),
        tuple({} for _ in now),
        tuple(
            (position[f.label], step(f), _READS_THE_ROW[f.kind], {})
            for f in fields
            if f.kind in _READS_THE_ROW
        ),
        ints,
        blank,
    )


def _effect(step: _Step, text: str, ints: bool, reads: tuple[str, Any] | None = None) -> _Done:
    """What `text` does to a row; `reads`: the row's (key, value) the write reads."""
    label, required, write, key = step
    if required and not text.strip():
        return _Refused(label, "required value missing")
    sheet: dict[str, Any] = {}
    scratch: Row = {"sheet": sheet}
    if reads is not None:
        scratch[reads[0]] = reads[1]
    try:
        write(scratch, key, text)
    except ValueError as exc:
        return _Refused(label, str(exc))
    del scratch["sheet"]
    if reads is not None:
        del scratch[reads[0]]
    if not scratch and not sheet:
        return _NOTHING
    columns = tuple(scratch.items())
    if not (_KEPT_INTS if ints else _KEPT).issuperset(map(type, scratch.values())):
        # Choices as their plain text (what the table stores): cheaper to move between
        # processes; and yes/no as 1/0 (see _plan).
        columns = tuple((k, _plain(v, ints)) for k, v in columns)
    members = json.dumps(sheet, ensure_ascii=False)[1:-1] + ", " if sheet else ""
    return _Effect(columns, tuple(sheet.items()), members)


def _remembered(remembered: dict[Any, _Done], key: Any, text: str, effect: _Done) -> _Done:
    if len(text) <= _REMEMBERED_CHARS and len(remembered) < _REMEMBERED_VALUES:
        remembered[key] = effect
    return effect


# Value types a column's effect keeps as they are (a text, amount or date: most misses).
_KEPT_INTS = frozenset({str, int, float, type(None), date})
_KEPT = _KEPT_INTS | {bool}


def _plain(value: Any, ints: bool) -> Any:
    if isinstance(value, Enum):
        return value.value
    return int(value) if ints and type(value) is bool else value


_BLANK = blank_row()
_BLANK_INTS = {k: _plain(v, True) for k, v in _BLANK.items()}
_FIELD_ORDER = {f.label: i for i, f in enumerate(FIELDS)} | {"": -1}
_ALL_GOOD = {_Effect, tuple}  # (_NOTHING's type)
_MISSING = type(None)  # of a value not remembered
_first = operator.itemgetter(0)
_second = operator.itemgetter(1)
_third = operator.itemgetter(2)


def _row(plan: _Plan, line: int, values: list[str], problems: list[Problem]) -> Row | None:
    """The posting row of a record's values, or None after adding its problems."""
    texts = plan.texts(values)
    effects: list[Any] = list(map(dict.get, plan.remembered, texts))  # _Effect, _Refused, None
    bad: list[Problem] = []
    kinds = set(map(type, effects))
    if not kinds <= _ALL_GOOD:
        refused = _Refused in kinds
        if _MISSING in kinds:  # values not remembered (求人番号, 仕事内容 … a few a row)
            i = -1
            try:
                while True:
                    i = effects.index(None, i + 1)
                    text = texts[i]
                    effect = _effect(plan.steps[i], text, plan.ints)
                    effects[i] = _remembered(plan.remembered[i], text, text, effect)
                    refused = refused or type(effect) is _Refused
            except ValueError:  # no None left
                pass
        if refused:
            bad = [Problem(line, *e) for e in effects if type(e) is _Refused]
            effects = [e for e in effects if type(e) is not _Refused]
    effects = list(filter(None, effects))  # (not _NOTHING)
    row = plan.blank | dict(itertools.chain.from_iterable(map(_first, effects)))
    pairs = list(itertools.chain.from_iterable(map(_second, effects)))
    sheet = row["sheet"] = dict(pairs)
    members = "".join(map(_third, effects))
    for column, step, reads, remembered in plan.later:
        text = values[column]
        read = row.get(reads)
        done = remembered.get((text, read))
        if done is None:
            done = _effect(step, text, plan.ints, (reads, read))
            _remembered(remembered, (text, read), text, done)
        if isinstance(done, _Refused):
            bad.append(Problem(line, *done))
            continue
        if not isinstance(done, _Effect):  # _NOTHING
            continue
        row.update(done.columns)
        if done.sheet:
            pairs += done.sheet
            sheet.update(done.sheet)
            members += done.json
    if not bad:
        bad = _deadline_problems(line, row)
    if bad:
        problems += sorted(bad, key=lambda p: _FIELD_ORDER[p.column])
        return None
    if len(sheet) == len(pairs):  # no key set twice: the members in order are json.dumps'
        row[SHEET_JSON] = "{" + members[:-2] + "}"
    row["features"] = features_of(row["classification_code"])
    return row


@contextmanager
def no_cycle_collection() -> Iterator[None]:
    """Python's cycle collector paused: loading makes millions of small tuples and dicts
    (none in cycles), and each collection would walk them all and every cache entry,
    which costs a third of the time. It runs again afterwards."""
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()


def parse_piece(task: _Piece) -> Chunk:
    with no_cycle_collection():
        return _parse_piece(task)


def _parse_piece(task: _Piece) -> Chunk:
    """Rows and problems of a piece of the file. Each good row also gets its index
    document, the other costly part of loading, so worker processes do both.

    With a SQLite database, the rows it holds already are read first: a row stored with
    the same values gets no index document (the importer leaves it alone), and a changed
    one carries what was stored and its index document (the importer deletes that index
    entry) — the importer checks both against the row it reads in its transaction."""
    labels, text, first_line, with_body, database = task
    csv.field_size_limit(MAX_FIELD_CHARS)  # a spawned worker starts with the default
    plan = _plan(tuple(labels), not with_body)
    width = len(labels)
    lines = io.StringIO(text, newline="")
    reader = csv.reader(lines, strict=True)
    rows: list[tuple[int, Row]] = []
    problems: list[Problem] = []
    broken = unfinished = False
    before = 0  # lines read before the record
    while True:
        try:
            values = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            problems.append(Problem(first_line + before, "", f"not CSV ({exc})"))
            broken = True  # the reader cannot find the next row after a broken one
            unfinished = lines.read() == ""  # the end of the piece came inside quotes
            break
        line, before = first_line + before, reader.line_num
        if not any(v.strip() for v in values):  # blank lines are skipped
            continue
        if len(values) != width:
            problems.append(Problem(line, "", f"{len(values)} values for {width} columns"))
            continue
        row = _row(plan, line, values, problems)
        if row is not None:
            rows.append((line, row))
    if with_body:
        good: list[tuple[int, str, Any]] = []
        for line, row in rows:
            row["_doc"] = index_document(row)
            row[SHEET_JSON] = sheet_json(row)
            row["_body"] = search_body(row)
            good.append((line, row["job_number"], row))
        return Chunk(good, problems, len(text), broken, unfinished)
    stored = _stored(database, [row["job_number"] for _, row in rows]) if database else {}
    good = [_prepared(line, row, stored) for line, row in rows]
    return Chunk(good, problems, len(text), broken, unfinished)


def _prepared(line: int, row: Row, stored: dict[str, Any]) -> tuple[int, str, Prepared]:
    received, expires = row["received_on"], row["expires_on"]
    received_iso, expires_iso = received.isoformat(), expires.isoformat()
    sheet_text = sheet_json(row)
    old = stored.get(row["job_number"])
    before: Before = None
    doc: tuple[Text, Text, int, Text, list[str]] | tuple[None, None, None, None, None]
    if old is not None:
        values: tuple[Any, ...] = (*_plain_values(row), received_iso, expires_iso, sheet_text)
        old_values = tuple(old)[1:]
        if old_values == values:
            before, doc = SAME, (None, None, None, None, None)
        else:
            old_doc = index_document(stored_row(old)) if old["status"] == "open" else None
            before, doc = (old_values, old_doc), sqlite_document(row)
    else:
        # A new row's long texts go as UTF-8 (see Prepared).
        values = (*_plain_values(row), received_iso, expires_iso, bytearray(sheet_text, "utf-8"))
        g, u, fn, sf, counted = sqlite_document(row)
        # sf = f + regional copies, which are ASCII: f's length in bytes follows.
        sf_utf8 = bytearray(sf, "utf-8")
        fn_utf8 = len(sf_utf8) - (len(sf) - fn)
        doc = bytearray(g, "utf-8"), bytearray(u, "utf-8"), fn_utf8, sf_utf8, counted
    early = expires < _default_deadline(received)
    prepared = (
        values,
        row["status"],
        floor_key(received),
        received_iso,
        expires_iso,
        *doc,
        early,
        before,
    )
    return line, row["job_number"], prepared


def sheet_json(row: Row) -> str:
    """The row's sheet as the JSON text stored."""
    return row.get(SHEET_JSON) or json.dumps(row["sheet"], ensure_ascii=False)


def text_values(values: tuple[Any, ...]) -> tuple[Any, ...]:
    """A Prepared row's table values with its UTF-8 texts (a new row's sheet) as str."""
    return tuple(v.decode() if type(v) is bytearray else v for v in values)


# The stored postings with these numbers: their columns in ("id", *TABLE_ORDER) order.
STORED = f"SELECT {', '.join(('id', *TABLE_ORDER))} FROM job_postings WHERE job_number IN "  # noqa: S608


def _stored(database: str, numbers: list[str]) -> dict[str, Any]:
    conn = sqlite3.connect(f"file:{database}?mode=ro", uri=True, timeout=60)
    conn.row_factory = sqlite3.Row
    try:
        return stored_rows(conn, numbers)
    finally:
        conn.close()


def stored_rows(conn: sqlite3.Connection, numbers: list[str]) -> dict[str, sqlite3.Row]:
    """The stored postings with these 求人番号 (SQLite), by number."""
    found: dict[str, sqlite3.Row] = {}
    for i in range(0, len(numbers), 900):
        part = numbers[i : i + 900]
        sql = STORED + "(" + ", ".join("?" * len(part)) + ")"
        found.update({r["job_number"]: r for r in conn.execute(sql, part)})
    return found


def stored_row(record: Mapping[str, Any] | sqlite3.Row) -> Row:
    """A stored posting as a row (SQLite ISO dates or real ones; `sheet` decoded)."""
    row = {c: record[c] for c in COLUMNS}
    row["received_on"] = as_date(row["received_on"])
    row["expires_on"] = as_date(row["expires_on"])
    row["sheet"] = json.loads(row["sheet"] or "{}")
    for c in _BOOLEANS:
        row[c] = bool(row[c])
    return row


_BOOLEANS = tuple(c for c, v in blank_row().items() if isinstance(v, bool))


_default_deadline = cache(referral_deadline)


def _deadline_problems(line: int, row: Row) -> list[Problem]:
    """紹介期限日 lies between 受付年月日 and the end of the month after next (SPEC §2)."""
    latest = _default_deadline(row["received_on"])
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
