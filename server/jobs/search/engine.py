"""Search execution behind a small interface, one implementation per database.

`SqliteSearch` answers a `SearchPlan` with FTS5 expressions: facet tokens and free words
intersect inside the index (posting lists in key order, keys.py). "Still open" is a key range
(受付年月日 recent enough) minus the postings whose early 紹介期限日 has passed (one token,
tokens.expired_token). Without any condition the total is a sum over the open postings per
day (open_days.py).

The cost of a search is the pass over the index's lists, so each is read once where it can
be: the first `ONE_PASS` matches are read into a temporary table in one statement (fts.FIRST).
Fewer than that is every match — their number is the total and the page is cut from them;
this is the expensive case (many long lists, few matches) that used to be read twice, for the
count and again for the page. With more matches than that, the count goes on from the last
key read (fts.COUNT_AFTER: nothing is read twice), and the page is `ORDER BY rowid DESC
LIMIT/OFFSET` straight off the index (cheap: the matches are many), the page's rows and the
total in one statement (each statement costs several thread hops through aiosqlite).

Sorted by 紹介期限日 (`_by_deadline`), a small result is ordered here from its keys and the
early deadlines joined in the same pass (fts.FIRST_WITH_EARLY). A large one is read as groups
of one deadline each, in key order within a group: most postings expire on the default
deadline of their 受付年月日 (the end of the month after next: at most four such days are open
at a time), the rest on earlier days listed in `job_early_deadlines`. One statement counts the
total once and each default group only up to the page's end; the early groups are counted per
day through that small table, a week of days first, and only as far as the page needs (their
deadline tokens are short lists; "early" as a whole would walk the expression's lists a second
time). The page is cut from the groups it spans. Totals and order are exact.

Two shortcuts use what only SQLite's index carries (sqlite_extras.py): a search within one to
three prefectures (its 就業場所 slots) asks for their regional copies of the facet tokens
(`p13dosat` for `dosat`, or `("p13dosat" OR "p27dosat")`), lists as long as those
prefectures' share, and a search for nothing but one counted token (a word
that is one frequent phrase, a 事業所名 that is one legal form) takes its total and its
紹介期限日 groups from `job_token_days` as a search without conditions does from
job_open_days; its page is read off the index as usual.

A search of nothing but the form's boxes (no word, place or code), in 受付年月日 order, is
answered from this process's bitmaps of their lists when it holds them all
(sqlite_lists.py); otherwise FTS5 answers it and the lists are read in the background.

Job and employer numbers are the exception: they are selective B-tree lookups, and the few
candidates are checked against the expression one key at a time (FTS5 seeks by rowid), so a
common word never has to be materialised.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any, Protocol

from sqlalchemy import Integer, column, select, text
from sqlalchemy.ext.asyncio import AsyncSession

from server.jobs.models import JobPosting
from server.jobs.search import fts, open_days, sqlite_lists
from server.jobs.search.grams import WordQuery
from server.jobs.search.keys import (
    ID_MASK,
    KEY_DAY_SHIFT,
    day_number,
    floor_key,
    received_day,
    search_key,
)
from server.jobs.search.sqlite_extras import COUNTED, prefectures_of, regional, regional_token
from server.jobs.search.tokens import (
    ALL,
    EARLY,
    SearchPlan,
    as_date,
    company_pieces,
    deadline_token,
    expired_token,
    word_pieces,
)
from server.jst import referral_deadline


@dataclass(frozen=True)
class Window:
    """Which rows of the ordered result the caller wants, and which postings are open."""

    since: date  # postings received before this day have expired or are older than 新着 asks
    today: date  # postings whose 紹介期限日 is before this day have expired
    by_deadline: bool  # 紹介期限日 (soonest first) instead of 受付年月日 (newest first)
    limit: int
    offset: int
    employer_levels: tuple[int, ...]  # 公開範囲 levels whose employer number may be searched


class SearchBackend(Protocol):
    async def search(
        self, db: AsyncSession, plan: SearchPlan, window: Window
    ) -> tuple[int, list[JobPosting]]:
        """(exact total, the postings of the requested page in order)."""
        ...


async def load_postings(db: AsyncSession, ids: Sequence[int]) -> list[JobPosting]:
    """The postings with these ids, in the order given."""
    if not ids:
        return []
    result = await db.execute(select(JobPosting).where(JobPosting.id.in_(ids)))
    by_id = {p.id: p for p in result.scalars().all()}
    return [by_id[i] for i in ids if i in by_id]


def default_deadlines(since: date, today: date) -> list[date]:
    """The default 紹介期限日 of every 受付年月日 from `since` to `today` (one per month)."""
    out: list[date] = []
    month = date(since.year, since.month, 1)
    while month <= today:
        out.append(referral_deadline(month))
        month = date(month.year + month.month // 12, month.month % 12 + 1, 1)
    return out


def page_spans(
    groups: Sequence[tuple[date, int]], offset: int, limit: int
) -> list[tuple[date, int, int]]:
    """(deadline, rows to skip in its group, rows to take) for the rows offset … offset+limit
    of the groups laid end to end in the order given."""
    spans = []
    start = 0
    for day, size in groups:
        end = start + size
        lo, hi = max(offset, start), min(offset + limit, end)
        if lo < hi:
            spans.append((day, lo - start, hi - lo))
        start = end
        if start >= offset + limit:
            break
    return spans


def _quote(token: str) -> str:
    return '"' + token.replace('"', '""') + '"'


def _pieces(parts: list[tuple[str, ...]]) -> str:
    quoted = [_quote(" ".join(p)) for p in parts]
    return quoted[0] if len(quoted) == 1 else "(" + " AND ".join(quoted) + ")"


def _word(a: WordQuery, frequent: bool) -> str:
    return _pieces(word_pieces(a, frequent=frequent))


def _any(tokens: tuple[str, ...]) -> str:
    quoted = [_quote(t) for t in tokens]
    return quoted[0] if len(quoted) == 1 else "(" + " OR ".join(quoted) + ")"


def regions(plan: SearchPlan) -> tuple[str, ...]:
    """The prefectures a plan's one place clause keeps it within (the form has up to three
    就業場所 slots), or () when there is no such clause."""
    places = [
        c for c in plan.clauses if all(isinstance(a, str) and a[:2] in ("pf", "mu") for a in c)
    ]
    return prefectures_of(str(a) for a in places[0]) if len(places) == 1 else ()


def counted_token(plan: SearchPlan) -> str | None:
    """The counted token (sqlite_extras.COUNTED) that is all a plan asks for, or None."""
    if plan.not_words or plan.excluded or plan.job_numbers or plan.employer_number:
        return None
    if plan.company:
        if plan.clauses or plan.company_exclude or len(plan.company) != 1:
            return None
        pieces = company_pieces(plan.company[0])
    elif len(plan.clauses) == 1 and len(plan.clauses[0]) == 1:
        word = plan.clauses[0][0]
        if not isinstance(word, WordQuery):
            return None
        pieces = word_pieces(word)
    else:
        return None
    if len(pieces) == 1 and len(pieces[0]) == 1 and pieces[0][0] in COUNTED:
        return pieces[0][0]
    return None


def fts_expression(plan: SearchPlan, *, frequent: bool = True) -> str | None:
    """The FTS5 MATCH expression of a plan; None when it would match every open posting.

    `frequent=False` spells every word and 事業所名 as bigram phrases and every facet by its
    national token (tests compare both spellings).
    """
    local = regions(plan) if frequent else ()

    def facet(t: str) -> tuple[str, ...]:
        # Within the place clause's prefectures, t holds exactly where one of their regional
        # copies does (the clause itself keeps every match inside them).
        return tuple(regional_token(p, t) for p in local) if local and regional(t) else (t,)

    def atom(a: str | WordQuery) -> str:
        return _any(facet(a)) if isinstance(a, str) else _word(a, frequent)

    clauses = [
        atom(c[0]) if len(c) == 1 else "(" + " OR ".join(map(atom, c)) + ")" for c in plan.clauses
    ]
    if plan.company:
        # 事業所名: its words as phrases of the prefixed grams (company_query), a legal form
        # as its one token.
        company = (
            "("
            + " AND ".join(
                _pieces(company_pieces(q) if frequent else word_pieces(q, frequent=False))
                for q in plan.company
            )
            + ")"
        )
        if plan.company_exclude:
            not_company = company
        else:
            clauses.append(company)
    if not clauses and not plan.not_words and not plan.excluded and not plan.company:
        return None
    expr = " AND ".join(clauses) if clauses else _quote(ALL)
    if plan.company and plan.company_exclude:
        expr = f"({expr}) NOT {not_company}"
    # FTS5's NOT is binary; nest explicitly: ((A) NOT (B)) NOT (C) …
    for tokens, unless in plan.excluded:
        out = _any(tuple(r for t in tokens for r in facet(t)))
        if unless is not None:
            out = f"({out} NOT {_any(facet(unless))})"
        expr = f"({expr}) NOT {out}"
    if plan.not_words:
        expr = f"({expr}) NOT ({' OR '.join(map(atom, plan.not_words))})"
    return expr


def _open(expr: str | None, today: date) -> str:
    """`expr` among the postings not expired early (the key floor does the rest)."""
    return f"({expr or _quote(ALL)}) NOT {_quote(expired_token(today))}"


def _and(expr: str | None, token: str) -> str:
    return _quote(token) if expr is None else f"({expr}) AND {_quote(token)}"


def _and_any(expr: str, tokens: tuple[str, ...]) -> str:
    return f"({expr}) AND {_any(tokens)}"


# Early deadlines come a few hundred a day in all: a week's are short lists to intersect, and
# fewer statements than a day at a time when the expression itself is rare.
FIRST_EARLY_DAYS = 7


def early_pieces(today: date, defaults: Sequence[date]) -> list[list[date] | date]:
    """The 紹介期限日 groups in order, for counting only as far as a page needs: each default
    deadline (a date), preceded by the days an early deadline can fall on since the previous
    one (from today for the first; an early deadline on a default day is counted in that
    day's group) in lists of FIRST_EARLY_DAYS days, then twice as many each time, so that a
    page that ends soon reads few."""
    out: list[list[date] | date] = []
    day = today
    for default in defaults:
        size = FIRST_EARLY_DAYS
        while day < default:
            piece: list[date] = []
            while day < default and len(piece) < size:
                piece.append(day)
                day += timedelta(days=1)
            out.append(piece)
            size *= 2
        out.append(default)
        day = max(day, default + timedelta(days=1))
    return out


# A result of fewer matches than this is read whole in one pass (newest first for 受付年月日,
# any order for 紹介期限日): its size is the total, and nothing needs counting a second time.
# A larger one is counted on from the last key read, and its page read newest first (cheap:
# with more matches than this, the page lies within the newest fraction of the lists).
ONE_PASS = 500


def deadline_order(matches: Sequence[tuple[int, str | date | None]]) -> list[int]:
    """Keys of (key, early 紹介期限日 or None) ordered by 紹介期限日, then key: the default
    deadline of each 受付年月日 is worked out once per day, not once per posting."""
    defaults: dict[int, int] = {}
    order: list[tuple[int, int]] = []
    for key, early in matches:
        if early is None:
            day = key >> KEY_DAY_SHIFT
            deadline = defaults.get(day)
            if deadline is None:
                deadline = defaults[day] = referral_deadline(received_day(key)).toordinal()
        else:
            deadline = as_date(early).toordinal()
        order.append((deadline, key))
    order.sort()
    return [k for _, k in order]


class SqliteSearch:
    async def search(
        self, db: AsyncSession, plan: SearchPlan, window: Window
    ) -> tuple[int, list[JobPosting]]:
        expr = fts_expression(plan)
        if plan.job_numbers or plan.employer_number:
            return await self._by_numbers(db, plan, expr, window)
        if not window.by_deadline and sqlite_lists.eligible(plan):
            answer = await self._from_lists(db, plan, window)
            if answer is not None:
                return answer
        token = counted_token(plan)
        if window.by_deadline:
            return await self._by_deadline(db, expr, window, token)
        dates = {"since": window.since, "today": window.today}
        floor = floor_key(window.since)
        end = window.offset + window.limit
        if expr is None:
            count = open_days.with_dates(open_days.COUNT_SINCE).bindparams(**dates)
        elif token is not None:
            count = open_days.with_dates(fts.TERM_COUNT_SINCE).bindparams(**dates, token=token)
        else:
            q = _open(expr, window.today)
            count = text(fts.COUNT).bindparams(q=q, floor=floor)
            if end <= ONE_PASS:
                first = {"q": q, "floor": floor, "cap": ONE_PASS, "n": window.limit}
                first["o"] = window.offset
                rows = (await db.execute(text(fts.FIRST), first)).all()
                found, last = next((n, k) for kind, n, k in rows if kind == 0)
                if found < ONE_PASS:
                    # Every match was read: their number is the total, the page is in hand.
                    keys = sorted((k for kind, k, _ in rows if kind == 1), reverse=True)
                    return found, await load_postings(db, [k & ID_MASK for k in keys])
                # More: the count goes on after the last key read; the page is read newest
                # first straight off the index (cheap: the matches are many).
                count = text(fts.COUNT_AFTER).bindparams(q=q, last=last, found=found)
        page = (
            text(f"SELECT rowid & {ID_MASK} AS id FROM ({fts.PAGE_DESC})")  # noqa: S608
            .bindparams(q=_open(expr, window.today), floor=floor, n=window.limit, o=window.offset)
            .columns(column("id", Integer))
        )
        # One statement for the page's rows and the total (an uncorrelated scalar subquery,
        # computed once): every statement costs several thread hops through aiosqlite.
        total_column = count.columns(column("total", Integer)).scalar_subquery()
        result = await db.execute(
            select(JobPosting, total_column)
            .where(JobPosting.id.in_(page))
            .order_by(JobPosting.received_on.desc(), JobPosting.id.desc())
        )
        rows = result.all()
        if rows:
            return rows[0][1], [r[0] for r in rows]
        # No row on this page (no match, or a page past the end): the total on its own.
        total: int = (await db.execute(count)).scalar_one()
        return total, []

    async def _from_lists(
        self, db: AsyncSession, plan: SearchPlan, window: Window
    ) -> tuple[int, list[JobPosting]] | None:
        """A plan of the form's boxes from this process's bitmaps (sqlite_lists.py), or None
        when they are not all read yet (they are then read in the background)."""
        cache = sqlite_lists.cache_for(db.get_bind().engine.url.database)
        if cache is None:
            return None
        state = (await db.execute(text(sqlite_lists.STATE))).scalar()
        expired = expired_token(window.today)
        tokens = {str(t) for t in sqlite_lists.plan_tokens(plan)} | {expired}
        lists = cache.ready(bytes(state or b""), tokens)
        if lists is None:
            return None
        found = lists.evaluate(plan) - lists.tokens[expired]
        total, ids = lists.page(found, day_number(window.since), window.offset, window.limit)
        return total, await load_postings(db, ids)

    async def _groups(
        self, db: AsyncSession, expr: str, window: Window, first: tuple[int, int]
    ) -> tuple[int, list[tuple[date, int]]]:
        """The total, and (紹介期限日, how many open matches expire on it) soonest first, empty
        ones left out — exact up to the group the requested page ends in; the later groups'
        sizes may be cut at the page's end or missing (page_spans needs no more). `first`:
        how many matches the first pass read, and its last key.

        Early deadlines are counted a few days at a time (early_pieces), and only until the
        page's end is reached: such a count asks for those days' deadline tokens, short
        lists, where "every early deadline" (EARLY) would walk the expression's lists a
        second time."""
        floor = floor_key(window.since)
        end = window.offset + window.limit
        defaults = default_deadlines(window.since, window.today)
        pieces = early_pieces(window.today, defaults)
        params: dict[str, Any] = {
            "qt": _open(expr, window.today),
            "found": first[0],
            "last": first[1],
            "floor": floor,
            "today": window.today.isoformat(),
            "cap": end,
        }
        # The total: the first matches read already, and those after them.
        parts = [
            "SELECT 2, NULL, (SELECT :found + count(*) FROM job_fts"
            " WHERE job_fts MATCH :qt AND rowid > :last)"
        ]
        if pieces and isinstance(
            pieces[0], list
        ):  # early days before the first default: the first few
            parts.append(fts.EARLY_DAYS)
            params["q"] = _and_any(expr, tuple(map(deadline_token, pieces[0])))
        for i, day in enumerate(defaults):
            params[f"d{i}"], params[f"q{i}"] = day.isoformat(), _and(expr, deadline_token(day))
            # Counts of a constant SQL shape, cut at the page's end; values are bound parameters.
            parts.append(
                f"SELECT 1, :d{i}, (SELECT count(*) FROM (SELECT 1 FROM job_fts"  # noqa: S608
                f" WHERE job_fts MATCH :q{i} AND rowid >= :floor LIMIT :cap))"
            )
        rows = (await db.execute(text(" UNION ALL ".join(parts)), params)).all()
        total = next(int(n) for kind, _, n in rows if kind == 2)
        early = {as_date(d): int(n) for kind, d, n in rows if kind == 0}
        capped = {as_date(d): int(n) for kind, d, n in rows if kind == 1}
        seen = 0
        for i, piece in enumerate(pieces):
            if isinstance(piece, date):
                seen += capped[piece]
            else:
                if i > 0:
                    q = _and_any(expr, tuple(map(deadline_token, piece)))
                    more = await db.execute(text(fts.EARLY_DAYS), params | {"q": q})
                    early |= {as_date(d): int(n) for _, d, n in more.all()}
                seen += sum(early.get(d, 0) for d in piece)
            if seen >= end:
                break  # the page ends here: the groups after it are not needed
        else:
            # The page reaches past the last default deadline: any early one after it (a
            # 受付年月日 later than today, as an import may give) comes last.
            rest = await db.execute(text(fts.EARLY_DAYS), params | {"q": _and(expr, EARLY)})
            last_default = defaults[-1] if defaults else window.today
            early |= {as_date(d): int(n) for _, d, n in rest.all() if as_date(d) > last_default}
        sizes = early | capped
        return total, sorted((d, n) for d, n in sizes.items() if n > 0)

    async def _by_deadline(
        self, db: AsyncSession, expr: str | None, window: Window, token: str | None
    ) -> tuple[int, list[JobPosting]]:
        end = window.offset + window.limit
        if expr is None or token is not None:
            # Every open posting, or those of one counted token: the groups from day counts.
            dates: dict[str, Any] = {"since": window.since, "today": window.today}
            if token is None:
                per_day = open_days.with_dates(open_days.PER_DEADLINE)
            else:
                per_day = open_days.with_dates(fts.TERM_PER_DEADLINE)
                dates["token"] = token
            rows = (await db.execute(per_day, dates)).all()
            groups = sorted((as_date(d), int(n)) for d, n in rows if int(n) > 0)
            total = sum(n for _, n in groups)
        else:
            first = {"q": _open(expr, window.today), "floor": floor_key(window.since)}
            first["cap"] = ONE_PASS
            rows = (await db.execute(text(fts.FIRST_WITH_EARLY), first)).all()
            found, last = next((n, k) for kind, n, k in rows if kind == 0)
            if found < ONE_PASS:
                # Every match in hand: order by (紹介期限日, key) here.
                matches = [(k, x) for kind, k, x in rows if kind == 1]
                page = [k & ID_MASK for k in deadline_order(matches)[window.offset : end]]
                return len(matches), await load_postings(db, page)
            total, groups = await self._groups(db, expr, window, (found, last))
        spans = page_spans(groups, window.offset, window.limit)
        if not spans:
            return total, []
        params: dict[str, Any] = {"floor": floor_key(window.since)}
        parts = []
        for i, (day, skip, take) in enumerate(spans):
            params |= {f"q{i}": _and(expr, deadline_token(day)), f"n{i}": take, f"o{i}": skip}
            parts.append(
                f"SELECT * FROM (SELECT {i} AS g, rowid AS k FROM job_fts"  # noqa: S608
                f" WHERE job_fts MATCH :q{i} AND rowid >= :floor"
                f" ORDER BY rowid LIMIT :n{i} OFFSET :o{i})"
            )
        sql = " UNION ALL ".join(parts) + " ORDER BY g, k"
        keys = [k for _, k in (await db.execute(text(sql), params)).all()]
        return total, await load_postings(db, [k & ID_MASK for k in keys])

    async def _by_numbers(
        self, db: AsyncSession, plan: SearchPlan, expr: str | None, window: Window
    ) -> tuple[int, list[JobPosting]]:
        where = ["status = 'open'", "received_on >= :since", "expires_on >= :today"]
        params: dict[str, object] = {"since": window.since, "today": window.today}
        if plan.job_numbers:
            names = [f":j{i}" for i in range(len(plan.job_numbers))]
            where.append(f"job_number IN ({', '.join(names)})")
            params.update({f"j{i}": n for i, n in enumerate(plan.job_numbers)})
        if plan.employer_number:
            # Only postings that show their employer can be found by its number.
            levels = ", ".join(str(int(v)) for v in window.employer_levels) or "0"
            where.append(f"employer_number = :e AND disclosure IN ({levels})")
            params["e"] = plan.employer_number
        # Every piece of this SQL is a constant of this module; values are bound parameters.
        sql = f"SELECT id, received_on, expires_on FROM job_postings WHERE {' AND '.join(where)}"  # noqa: S608
        rows = (await db.execute(open_days.with_dates(sql), params)).all()
        candidates = [(as_date(e), search_key(r, i), i) for i, r, e in rows]
        if window.by_deadline:
            candidates.sort()
        else:
            candidates.sort(key=lambda c: c[1], reverse=True)
        probe = text(fts.PROBE)
        hits = [
            i
            for _, key, i in candidates
            if expr is None or (await db.execute(probe, {"q": expr, "key": key})).first()
        ]
        page = hits[window.offset : window.offset + window.limit]
        return len(hits), await load_postings(db, page)
