"""What goes into the search index besides the free-text grams, and the query plan.

Every structured condition of SPEC §2 is answered from the same inverted index as the free
words: a posting carries *facet tokens* (`pf13`, `oc0402`, `fcar` …) in a column of its own.
An equality filter is one token; "value ≥ threshold" filters (wage, annual days off, age
limit, start/end of hours) use cumulative tokens — a posting emits one token per step up to
its value — so a threshold is a single token too. Counting a combination is then an
intersection of posting lists inside the index, which is what keeps exact totals over a
million postings cheap (a B-tree can serve one range, not five at once).

The plan (`SearchPlan`) is database-neutral: SQLite renders it as an FTS5 expression,
PostgreSQL as array containment over the same tokens.
"""

from __future__ import annotations

import json
import operator
import re
import unicodedata
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Hashable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import lru_cache
from typing import Any, NamedTuple, TypeVar

from api_client.job_models import (
    CarLicence,
    ContractRenewal,
    DayOff,
    DispatchFilter,
    EmploymentType,
    Feature,
    HousingKind,
    InsuranceItem,
    JobCategory,
    JobSearchRequest,
    WeeklyTwoDays,
    WeeklyTwoDaysFilter,
    WordMode,
    WorkStyle,
)
from server.codes.tables import (
    ancestors,
    classification_by_code,
    desired_job_of,
    industry_by_code,
)
from server.jobs.search.grams import (
    RUN_BREAK,
    WordQuery,
    runs,
    split_words,
    word_query,
)
from server.jobs.search.phrases import (
    COMPANY_PHRASES,
    PHRASES,
    company_phrases_in_run,
    phrases_in_run,
)
from server.jst import referral_deadline

ALL = "xall"  # every indexed (= open) posting carries it
EARLY = "xearly"  # 紹介期限日 before the default (the end of the month after next)
FEATURE_BITS: dict[Feature, int] = {f: 1 << i for i, f in enumerate(Feature)}


class _Group(NamedTuple):
    """Some of a posting's facet tokens, and their text: made once and shared by every
    posting with the same values (the index document is the loader's main cost)."""

    tokens: tuple[str, ...]
    text: str  # " ".join(tokens)


def _group(tokens: Iterable[str]) -> _Group:
    t = tuple(tokens)
    return _Group(t, " ".join(t))


_K = TypeVar("_K", bound=Hashable)
_V = TypeVar("_V")


class Memo(dict[_K, _V]):
    """key → make(key), made on first use; a bound, after which it starts again.

    A plain dict look-up (no Python call on a hit, and unlike lru_cache no list of links to
    reorder): the importer's workers look up some thirty of these a posting, and with
    the caches' entries spread over memory the reordering cost more than the look-up.
    """

    def __init__(self, make: Callable[[_K], _V], limit: int) -> None:
        super().__init__()
        self.make = make
        self.limit = limit

    def __missing__(self, key: _K) -> _V:
        if len(self) >= self.limit:
            self.clear()
        made = self[key] = self.make(key)
        return made


def _remembered(limit: int) -> Callable[[Callable[..., _V]], Memo[tuple[Any, ...], _V]]:
    """A function of several values as a Memo keyed on the tuple of them: `f[a, b]`."""

    def memo(make: Callable[..., _V]) -> Memo[tuple[Any, ...], _V]:
        return Memo(lambda key: make(*key), limit)

    return memo


@dataclass(frozen=True)
class Threshold:
    """A cumulative "value ≥ request" facet.

    A value `v ≥ floor` emits `{name}{t}` for t = floor, floor+step, … ≤ v; a value below the
    floor (rare) emits `{name}l{t}` for t = 0, step, … ≤ v. A request r ≥ floor is the token
    `{name}{r}`; r < floor is `{name}{floor}` OR `{name}l{r}`. Exact for multiples of step.
    """

    name: str
    step: int
    floor: int
    # The tokens from the floor up, and below it, made once: a value's tokens are a prefix
    # of these (wages are too varied for a cache of each value's: the importer's workers).
    _up: list[str] = field(default_factory=list, init=False, repr=False, compare=False)
    _low: list[str] = field(default_factory=list, init=False, repr=False, compare=False)
    # value → _group(emit(value)) (a posting's steps with their text)
    groups: Memo[int, _Group] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        self._low.extend(f"{self.name}l{t}" for t in range(0, self.floor, self.step))
        object.__setattr__(self, "groups", Memo(lambda v: _group(self.emit(v)), 100_000))

    def emit(self, v: int) -> tuple[str, ...]:
        if v >= self.floor:
            n = (v - self.floor) // self.step + 1
            up = self._up
            if n > len(up):
                up.extend(
                    f"{self.name}{self.floor + i * self.step}" for i in range(len(up), max(n, 256))
                )
            return tuple(up[:n])
        if v >= 0:
            return tuple(self._low[: v // self.step + 1])
        return ()

    def want(self, r: int) -> tuple[str, ...]:
        if r >= self.floor:
            return (f"{self.name}{r}",)
        return (f"{self.name}{self.floor}", f"{self.name}l{r}")


WAGE_MONTHLY = Threshold("wm", 10_000, 150_000)
WAGE_HOURLY = Threshold("wh", 50, 1_000)
BASE_WAGE = Threshold("wb", 10_000, 150_000)  # 基本給 (a), when allowances are not counted
OVERTIME_CAPS = (10, 20, 30, 45)
# Carried by a posting WITHOUT the insurance item (most postings have each one: 80–100 %),
# so "has these items" excludes short lists instead of intersecting near-complete ones.
INSURANCE_TOKENS = {
    InsuranceItem.employment: "isnoemp",
    InsuranceItem.workers_comp: "isnowc",
    InsuranceItem.health: "isnohealth",
    InsuranceItem.pension: "isnopension",
}
ANNUAL_HOLIDAYS = Threshold("ah", 5, 90)
AGE_LIMIT = Threshold("ag", 1, 15)
DAY = 24 * 60
STEP = 10  # 就業時間 filters in 10-minute steps, as on the real form
NOON = 12 * 60  # start filters up to noon are "not before", later ones "at or after"
MID_AFTERNOON = 15 * 60  # end filters from 15:00 are "not after", earlier ones "by"
EMPLOYEE_STEPS = (10, 100, 300, 1000)

# Where a condition holds for most postings (no transfer, no licence needed, …) the posting
# carries the token of the *rare* side and the filter excludes it: an index walks a short
# list for "NOT ftransfer" instead of a list holding nine postings in ten.
BOOLEAN_FACETS: tuple[tuple[str, str], ...] = (
    # (request field, token the posting carries when the field's wish is NOT met)
    ("no_transfer", "ftransfer"),
    ("car_commute", "fnocar"),
    ("insurance", "fnoinsurance"),
    ("education_not_required", "feducation"),
    ("experience_not_required", "fexperience"),
    ("licence_not_required", "flicence"),
    ("smoking_measures", "fnosmoking"),  # 受動喫煙対策: nine postings in ten state one
)
POSITIVE_FACETS: tuple[tuple[str, str], ...] = (
    # (request field, token the posting carries when the wish IS met)
    ("bonus", "fbonus"),
    ("no_overtime", "fnoovertime"),
    ("weekends_off", "fweekends"),
    ("inexperienced_ok", "finexperienced"),
    ("uij_turn", "fuij"),
    ("trial_employment", "ftrial"),
    ("housing", "fhousing"),
    ("childcare", "fchildcare"),
    ("regular_conversion", "fconversion"),
    ("remote_work", "fremote"),
    ("near_station", "fnearstation"),
)


def _compact(value: str) -> str:
    # The index tokenizer splits on ASCII punctuation, so tokens are letters and digits only.
    return value.replace("_", "")


@_remembered(4096)
def _hours(start: int, end: int) -> _Group:
    """Tokens for "starts at or after F" and "ends by U" (10-minute steps).

    sb{t}: starts before t (t ≤ noon); sa{t}: starts at or after t (t > noon);
    ea{t}: ends after t (t ≥ 15:00); eb{t}: ends by t (t < 15:00). An overnight shift ends
    after every time of its first day.
    """
    effective_end = end if end > start else DAY + STEP
    out = [f"sb{t}" for t in range(STEP, NOON + 1, STEP) if start < t]
    out += [f"sa{t}" for t in range(NOON + STEP, DAY + 1, STEP) if start >= t]
    out += [f"ea{t}" for t in range(MID_AFTERNOON, DAY + 1, STEP) if effective_end > t]
    out += [f"eb{t}" for t in range(0, MID_AFTERNOON, STEP) if effective_end <= t]
    return _group(out)


def as_date(value: date | str) -> date:
    """A date column's value (SQLite rows hold ISO text)."""
    return date.fromisoformat(value) if isinstance(value, str) else value


def deadline_token(day: date) -> str:
    """Carried by every open posting whose 紹介期限日 is `day`."""
    return f"xd{day:%Y%m%d}"


def expired_token(today: date) -> str:
    """Carried by the postings that have expired by `today` although their 受付年月日 is
    recent enough to be open by default: exactly the early deadlines before `today`."""
    return f"xe{today:%Y%m%d}"


def is_early(received_on: date | str, expires_on: date | str) -> bool:
    return as_date(expires_on) < referral_deadline(as_date(received_on))


@lru_cache(maxsize=8192)
def _deadline_tokens(received: date, expires: date) -> tuple[str, ...]:
    out = [deadline_token(expires)]
    default = referral_deadline(received)
    if expires < default:
        # Expired on each day after its own deadline up to the default one; after that the
        # 受付年月日 alone puts it out of every search (keys.floor_key).
        out.append(EARLY)
        day = expires + timedelta(days=1)
        while day <= default:
            out.append(_expired_token(day))
            day += timedelta(days=1)
    return tuple(out)


# A day's token is wanted by every posting whose span of early days covers it: made once
# (strftime is slow, and a new pair of dates covers some sixty days).
_expired_token = lru_cache(maxsize=4096)(expired_token)


@_remembered(8192)
def _deadline(received: date, expires: date) -> _Group:
    return _group(_deadline_tokens(received, expires))


@lru_cache(maxsize=2048)
def classification_tokens(fine: str) -> tuple[str, ...]:
    """A 細分類's tokens: itself, its 小・中・大分類 and its 希望する職種 detail and group.

    Codes nest by prefix (10404 ⊂ 104 ⊂ 10), and the lengths keep the levels apart; the
    大分類 letter comes from the table. Unknown codes (refused on import) carry only their own.
    """
    chain = ancestors(fine)
    if len(chain) < 4:
        return ()  # no (or no valid) 職業分類: nothing to find it by
    desired = desired_job_of(fine)
    return (*("cl" + c.code.lower() for c in chain), "dj" + desired, "dg" + desired[:2])


@lru_cache(maxsize=1024)
def industry_tokens(code: str) -> tuple[str, ...]:
    """A 中分類's token and its 大分類's (`iv` + letter)."""
    industry = industry_by_code().get(code)
    return () if industry is None else ("in" + code, "iv" + industry.division.lower())


DISPATCH_TYPES = frozenset(
    {
        EmploymentType.dispatch_fixed,
        EmploymentType.dispatch_open,
        EmploymentType.dispatch_fixed_part,
        EmploymentType.dispatch_open_part,
    }
)
_DAY_NAMES = {
    "月": DayOff.mon,
    "火": DayOff.tue,
    "水": DayOff.wed,
    "木": DayOff.thu,
    "金": DayOff.fri,
    "土": DayOff.sat,
    "日": DayOff.sun,
    "祝": DayOff.holiday,
    "祝日": DayOff.holiday,
}
_DAY_SEPARATORS = re.compile(r"[\s、，,・/]+")
_AGE = re.compile(r"(\d+)\s*歳")
_MINUTES = re.compile(r"(\d+)\s*分")
RETIREMENT_AGES = range(60, 71)
NEAR_STATION_MINUTES = 10
COMPANY = "cn"  # prefix of the 事業所名 grams in the facet column
COMPANY_BREAK = "cnx"  # between runs of a name: their grams are not adjacent
CAR_LICENCE_TOKENS = {
    CarLicence.required: "dlreq",
    CarLicence.preferred: "dlpref",
    CarLicence.at_ok: "dlat",
}
CONTRACT_RENEWAL_TOKENS = {
    ContractRenewal.in_principle: "crprinciple",
    ContractRenewal.conditional: "crcond",
}
HOUSING_TOKENS = {HousingKind.single: "fhsingle", HousingKind.family: "fhfamily"}


def sheet_of(p: Mapping[str, Any]) -> Mapping[str, Any]:
    """The posting's `sheet` (JSON text in a table row, a dict in an import row)."""
    sheet = p.get("sheet") or {}
    return json.loads(sheet) if isinstance(sheet, str) else sheet


def _stated(text: str) -> bool:
    """A 求人票 yes/no field that says yes (あり…, 可…)."""
    return text.startswith(("あり", "有", "可"))


def _sheet_groups(p: Mapping[str, Any]) -> tuple[_Group, _Group, _Group, _Group, _Group]:
    """The 求人票's facet tokens in five groups, in order: days off, hours kinds and dispatch;
    contract, retirement, housing and car licence; licence codes; the stated yes/no boxes
    and 駅近; the 事業所名's tokens. All but the codes and the name are the form's boxes.

    The rules, one per search condition of the real form:
    休日等 lists day names (土 日 祝 他); 変形労働時間制 and 裁量労働制 apply unless empty or
    なし; 派遣・請負等 applies to a 派遣 雇用形態 or when it names 派遣/請負 without ではない/なし;
    契約更新の可能性 says 原則 or 条件; 定年制 is なし (or not stated) or あり with its age
    (一律65歳); 入居可能住宅の内容 names 単身 and/or 世帯; 普通自動車運転免許 says 必須 or
    尚可, and AT限定可; 正社員登用の実績, 在宅勤務 and 受動喫煙対策 say あり; 駅近 is 徒歩 at
    most 10 minutes from the nearest station.

    Each rule reads one or two values, and values repeat from posting to posting (なし,
    土日祝, 徒歩5分 …), so each rule's tokens are remembered per value (loading speed).
    """
    sheet = sheet_of(p)
    get = sheet.get
    days = _days_hours_dispatch[
        str(get("holidays", "")),
        str(get("variable_hours", "")),
        str(get("discretionary", "")),
        p["employment_type"],
        str(get("dispatch", "")),
    ]
    terms = _terms[
        str(get("contract_renewal", "")),
        str(get("retirement_age", "")),
        str(get("housing_note", "")) if p["housing"] else None,
        str(get("car_licence", "")),
    ]
    codes = _licence_code_group[str(get("licence_codes", ""))]
    rest = _stated_and_station[
        str(get("regular_conversion", "")),
        str(get("remote_work", "")),
        str(get("smoking_measure", "")),
        str(get("access_means", "")),
        str(get("access_time", "")),
    ]
    # A hidden name is never searchable (as for free words).
    company = _company[p["company_name"]] if p["disclosure"] == 1 else NO_TOKENS
    return days, terms, codes, rest, company


# The rules below in the groups the importer remembers: each group's values repeat together.
@_remembered(4096)
def _days_hours_dispatch(
    holidays: str, variable_hours: str, discretionary: str, employment_type: str, dispatch: str
) -> _Group:
    return _group(
        (
            *_days_off(holidays),
            *_hours_kinds(variable_hours, discretionary),
            *_dispatch(employment_type, dispatch),
        )
    )


@_remembered(4096)
def _terms(renewal: str, retirement: str, housing_note: str | None, car_licence: str) -> _Group:
    """housing_note is None for a posting without 入居可能住宅."""
    housing = () if housing_note is None else _housing_kinds(housing_note)
    return _group(
        (*_renewal_and_retirement(renewal, retirement), *housing, *_car_licence(car_licence))
    )


@_remembered(4096)
def _stated_and_station(
    conversion: str, remote: str, smoking: str, means: str, time: str
) -> _Group:
    return _group((*_stated_facets(conversion, remote, smoking), *_near_station(means, time)))


def _nfkc(value: str) -> str:
    # Stored values are NFC and stripped (sheet_fields); NFKC only where needed.
    return value if value.isascii() else unicodedata.normalize("NFKC", value)


@lru_cache(maxsize=4096)
def _days_off(holidays: str) -> tuple[str, ...]:
    return tuple(
        "do" + _DAY_NAMES[item]
        for item in _DAY_SEPARATORS.split(_nfkc(holidays))
        if item in _DAY_NAMES
    )


@lru_cache(maxsize=4096)
def _hours_kinds(variable_hours: str, discretionary: str) -> tuple[str, ...]:
    kinds = (("fvariable", variable_hours), ("fdiscretion", discretionary))
    return tuple(token for token, text in kinds if _nfkc(text) not in ("", "なし"))


@lru_cache(maxsize=4096)
def _dispatch(employment_type: str, dispatch_text: str) -> tuple[str, ...]:
    dispatch = _nfkc(dispatch_text)
    if employment_type in DISPATCH_TYPES or (
        ("派遣" in dispatch or "請負" in dispatch)
        and "ではない" not in dispatch
        and not dispatch.startswith("なし")
    ):
        return ("fdispatch",)
    return ()


@lru_cache(maxsize=4096)
def _renewal_and_retirement(renewal_text: str, retirement_text: str) -> tuple[str, ...]:
    t: list[str] = []
    renewal = _nfkc(renewal_text)
    if "原則" in renewal:
        t.append(CONTRACT_RENEWAL_TOKENS[ContractRenewal.in_principle])
    if "条件" in renewal:
        t.append(CONTRACT_RENEWAL_TOKENS[ContractRenewal.conditional])
    retirement = _nfkc(retirement_text)
    if retirement in ("", "なし") or retirement.startswith("なし"):
        t.append("ranone")
    elif age := _AGE.search(retirement):
        t.extend(f"ra{n}" for n in RETIREMENT_AGES if n <= int(age.group(1)))
    return tuple(t)


@lru_cache(maxsize=4096)
def _housing_kinds(housing_note: str) -> tuple[str, ...]:
    note = _nfkc(housing_note)
    t: list[str] = []
    if "単身" in note:
        t.append(HOUSING_TOKENS[HousingKind.single])
    if "世帯" in note:
        t.append(HOUSING_TOKENS[HousingKind.family])
    return tuple(t)


@lru_cache(maxsize=4096)
def _car_licence(car_licence: str) -> tuple[str, ...]:
    car = _nfkc(car_licence)
    t: list[str] = []
    if "必須" in car:
        t.append(CAR_LICENCE_TOKENS[CarLicence.required])
    if "尚可" in car:
        t.append(CAR_LICENCE_TOKENS[CarLicence.preferred])
    if "AT限定可" in car:
        t.append(CAR_LICENCE_TOKENS[CarLicence.at_ok])
    return tuple(t)


@lru_cache(maxsize=4096)
def _licence_codes(codes: str) -> tuple[str, ...]:
    return tuple("lc" + code for code in dict.fromkeys(_nfkc(codes).split()))


_licence_code_group: Memo[str, _Group] = Memo(lambda codes: _group(_licence_codes(codes)), 4096)


@lru_cache(maxsize=4096)
def _stated_facets(conversion: str, remote: str, smoking: str) -> tuple[str, ...]:
    stated = (("fconversion", conversion), ("fremote", remote))
    t = [token for token, text in stated if _stated(_nfkc(text))]
    if not _stated(_nfkc(smoking)):  # the rare side (BOOLEAN_FACETS)
        t.append("fnosmoking")
    return tuple(t)


@lru_cache(maxsize=4096)
def _near_station(means: str, time: str) -> tuple[str, ...]:
    minutes = _MINUTES.search(_nfkc(time))
    if _nfkc(means) == "徒歩" and minutes and int(minutes.group(1)) <= NEAR_STATION_MINUTES:
        return ("fnearstation",)
    return ()


def company_tokens(name: str) -> list[str]:
    """事業所名 as prefixed grams, in order (phrases), and its prefixed single characters."""
    return list(_company[name].tokens)


# An employer's postings share the name (bulk loads, imports).
_company: Memo[str, _Group] = Memo(lambda name: _group(_company_tokens(name)), 16_384)


def _company_tokens(name: str) -> tuple[str, ...]:
    out: list[str] = []
    legal: set[str] = set()
    name_runs = _runs_of(name)
    for r in name_runs:
        if out:
            out.append(COMPANY_BREAK)
        out.extend(COMPANY + r[i : i + 2] for i in range(len(r) - 1))
        legal.update(company_phrases_in_run(r))
    out.extend(COMPANY + c for c in sorted(set().union(*name_runs)))  # chars(name)
    # 株式会社 and the like, each as one token (phrases.COMPANY_PHRASES).
    out.extend(COMPANY + p for p in sorted(legal))
    return tuple(out)


def company_pieces(q: WordQuery) -> list[tuple[str, ...]]:
    """A company_query word as phrases of index tokens (all must match): a run listed in
    phrases.COMPANY_PHRASES is its one token, any other its bigram phrase (as word_pieces)."""
    pieces: list[tuple[str, ...]] = []
    for bigrams_ in q.phrases:
        run = bigrams_[0][len(COMPANY) :] + "".join(b[-1] for b in bigrams_[1:])
        pieces.append((COMPANY + run,) if run in COMPANY_PHRASES else bigrams_)
    pieces.extend((c,) for c in q.singles)
    return pieces


def company_query(q: WordQuery) -> WordQuery:
    """A 事業所名 query word in the company namespace."""
    return WordQuery(
        q.word,
        tuple(tuple(COMPANY + b for b in phrase) for phrase in q.phrases),
        tuple(COMPANY + c for c in q.singles),
    )


class FacetText(NamedTuple):
    """A posting's facet tokens as text, with the parts SQLite's extra columns are made from
    (sqlite_extras.sqlite_document)."""

    text: str  # the facet column: every facet token, space-separated
    # The texts of the groups of the form's boxes (kind, yes/no, steps, the 求人票's rules but
    # licence codes), in order ("" for an empty one): the only tokens with regional copies
    # (sqlite_extras.py). The same few texts recur from posting to posting, so per-text
    # answers can be remembered.
    boxes: list[str]
    company: str  # the 事業所名's tokens as text ("" when hidden)
    prefecture: str  # p["prefecture_code"] (its token is "pf" + it)


def facet_text(p: Mapping[str, Any]) -> FacetText:
    groups, boxes, company = _facet_groups(p)
    text = " ".join(filter(None, map(_TEXT, groups)))  # = " ".join of all the tokens
    return FacetText(text, list(map(_TEXT, boxes)), company.text, p["prefecture_code"])


_TEXT = operator.itemgetter(1)  # a _Group's text


NO_TOKENS = _Group((), "")
_ALL = _group((ALL,))


def _facet_groups(p: Mapping[str, Any]) -> tuple[list[_Group], list[_Group], _Group]:
    """A posting's facet tokens as groups, in column order; those of the form's boxes (in the
    same order); the 事業所名's. Each group comes from a cache keyed on the values that
    decide it, so a posting costs some twenty look-ups, not a hundred tokens made anew."""
    kind = _kind[p["category"], p["work_style"], p["employment_type"]]
    ins = p["ins_employment"], p["ins_workers_comp"], p["ins_health"], p["ins_pension"]
    terms = _terms_of_work[
        p["bonus"],
        p["overtime_hours"] == 0,
        p["weekends_off"],
        p["weekly_two_days"],
        all(ins),
        p["transfer"],
        p["car_commute"],
    ]
    needs = _needs_and_offers[
        p["inexperienced_ok"],
        p["education_required"],
        p["experience_required"],
        p["licence_required"],
        p["uij_turn"],
        p["trial_employment"],
        p["housing"],
        p["childcare"],
        p["age_limit"] is not None,
        p["shift"],
        "書類選考" in p["selection_method"],
    ]
    missing = _missing_insurance[ins]
    # Only how many steps each count passes decides the tokens (far fewer than the counts).
    steps = _steps[
        bisect_right(EMPLOYEE_STEPS, p["employees"]),
        p["features"],
        bisect_left(OVERTIME_CAPS, p["overtime_hours"]),
    ]
    days, sheet_terms, codes, rest, company = _sheet_groups(p)
    groups = [
        _ALL,
        kind,
        _codes[p["classification_code"], p["industry_code"]],
        _place[p["prefecture_code"], p["municipality_code"]],
        terms,
        needs,
        missing,
        steps,
        NO_TOKENS if p["wage_monthly_min"] is None else WAGE_MONTHLY.groups[p["wage_monthly_min"]],
        NO_TOKENS if p["base_wage_min"] is None else BASE_WAGE.groups[p["base_wage_min"]],
        NO_TOKENS if p["wage_hourly_min"] is None else WAGE_HOURLY.groups[p["wage_hourly_min"]],
        ANNUAL_HOLIDAYS.groups[p["annual_holidays"]],
        NO_TOKENS if p["age_limit"] is None else AGE_LIMIT.groups[p["age_limit"]],
        _hours[p["work_start"], p["work_end"]],
        _deadline[as_date(p["received_on"]), as_date(p["expires_on"])],
        days,
        sheet_terms,
        codes,
        rest,
        company,
    ]
    return groups, [kind, terms, needs, missing, steps, days, sheet_terms, rest], company


# Few combinations of these repeat across postings: their tokens are remembered. The yes/no
# columns are passed as they are (1/0, True/False or None): only their truth decides.
@_remembered(1024)
def _kind(category: str, work_style: str, employment_type: str) -> _Group:
    return _group(
        ("ca" + _compact(category), "ws" + _compact(work_style), "et" + _compact(employment_type))
    )


@_remembered(4096)
def _codes(classification: str, industry: str) -> _Group:
    return _group((*classification_tokens(classification), *industry_tokens(industry)))


@_remembered(4096)
def _place(prefecture: str, municipality: str | None) -> _Group:
    return _group(
        ("pf" + prefecture, "mu" + municipality) if municipality else ("pf" + prefecture,)
    )


@_remembered(1024)
def _terms_of_work(
    bonus: object,
    no_overtime: bool,
    weekends_off: object,
    weekly_two_days: str,
    insured: bool,
    transfer: object,
    car_commute: object,
) -> _Group:
    flags = (
        ("fbonus", bonus),
        ("fnoovertime", no_overtime),
        ("fweekends", weekends_off),
        ("fw2every", weekly_two_days == WeeklyTwoDays.every_week),
        ("fw2none", weekly_two_days == WeeklyTwoDays.none),
        ("fnoinsurance", not insured),
        ("ftransfer", transfer),
        ("fnocar", not car_commute),
    )
    return _group(name for name, on in flags if on)


@_remembered(4096)
def _needs_and_offers(*on: object) -> _Group:
    names = (
        "finexperienced",
        "feducation",
        "fexperience",
        "flicence",
        "fuij",
        "ftrial",
        "fhousing",
        "fchildcare",
        "agelim",  # an age limit is given
        "fshift",
        "fdocs",  # 書類選考
    )
    return _group(name for name, yes in zip(names, on, strict=True) if yes)


@_remembered(64)
def _missing_insurance(
    employment: object, workers_comp: object, health: object, pension: object
) -> _Group:
    items = (
        (InsuranceItem.employment, employment),
        (InsuranceItem.workers_comp, workers_comp),
        (InsuranceItem.health, health),
        (InsuranceItem.pension, pension),
    )
    return _group(INSURANCE_TOKENS[item] for item, has in items if not has)


@_remembered(4096)
def _steps(employee_steps: int, features: int, first_cap: int) -> _Group:
    """employee_steps: how many of EMPLOYEE_STEPS the count reaches; first_cap: the first of
    OVERTIME_CAPS the hours are within (the ones after it too)."""
    t = [f"em{n}" for n in EMPLOYEE_STEPS[:employee_steps]]
    t.extend(f"ft{f.value.replace('_', '')}" for f, bit in FEATURE_BITS.items() if features & bit)
    t.extend(f"otle{c}" for c in OVERTIME_CAPS[first_cap:])
    return _group(t)


# --------------------------------------------------------------------------- plan


@dataclass(frozen=True)
class SearchPlan:
    """AND of clauses, each an OR of atoms (a facet token or a free word), minus exclusions
    (any of some tokens, or a token "unless" another) and NOT words.

    `job_numbers`/`employer_number` are answered from B-tree indexes, not the token index.
    """

    clauses: tuple[tuple[str | WordQuery, ...], ...]
    not_words: tuple[WordQuery, ...]
    excluded: tuple[tuple[tuple[str, ...], str | None], ...] = ()
    job_numbers: tuple[str, ...] = ()
    employer_number: str | None = None
    # 事業所名: every word in the name (company_query spelling), or with `company_exclude`
    # postings whose name has them all are left out.
    company: tuple[WordQuery, ...] = ()
    company_exclude: bool = False

    @property
    def unconditional(self) -> bool:
        """True when every open posting matches (the total is open_days.COUNT_SINCE)."""
        return not (
            self.clauses
            or self.not_words
            or self.excluded
            or self.job_numbers
            or self.employer_number
            or self.company
        )


def _hhmm(s: str) -> int:
    h, m = s.split(":")
    return int(h) * 60 + int(m)


def plan(req: JobSearchRequest) -> SearchPlan:
    """Turn a validated request into index clauses. Lists mean OR within, AND across."""
    clauses: list[tuple[str | WordQuery, ...]] = []
    excluded: list[tuple[tuple[str, ...], str | None]] = []

    def exclude(*tokens: str, unless: str | None = None) -> None:
        excluded.append((tokens, unless))

    def any_of(tokens: list[str]) -> None:
        if tokens:
            clauses.append(tuple(dict.fromkeys(tokens)))

    if req.category == JobCategory.general:  # most postings (8 in 10): exclude the others
        exclude(*("ca" + _compact(c) for c in JobCategory if c != JobCategory.general))
    elif req.category is not None:
        clauses.append(("ca" + _compact(req.category),))
    styles = set(req.work_styles)
    if styles == {WorkStyle.full_time}:  # seven postings in ten: exclude the others
        exclude("ws" + _compact(WorkStyle.part_time))
    elif styles == {WorkStyle.part_time}:
        clauses.append(("ws" + _compact(WorkStyle.part_time),))
    any_of(
        ["et" + _compact(e) for e in set(req.employment_types)]
        if len(set(req.employment_types)) < 7
        else []
    )
    any_of(
        [f"dj{d}" for s in req.desired_jobs for d in s.details]
        + [f"dg{s.group}" for s in req.desired_jobs if not s.details]
    )
    any_of(["cl" + c.lower() for c in req.classifications])
    any_of([("iv" if i.isalpha() else "in") + i.lower() for i in req.industries])
    any_of(["ft" + f.value.replace("_", "") for f in req.features])
    # A slot's municipalities narrow its prefecture; a slot without any is the whole of it.
    any_of(
        [f"mu{m}" for s in req.places for m in s.municipalities]
        + [f"pf{s.prefecture}" for s in req.places if not s.municipalities]
    )
    if req.age_unrestricted_only:
        exclude("agelim")
    elif req.age_limited_only:
        clauses.append(("agelim",))
    elif req.age is not None:
        # Excluded: postings whose age limit is below the seeker's age (age ≥ 15 = floor).
        exclude("agelim", unless=AGE_LIMIT.want(req.age)[0])
    if req.wage_monthly_min:
        wage = WAGE_MONTHLY if req.wage_includes_allowances else BASE_WAGE
        clauses.append(wage.want(req.wage_monthly_min))
    if req.age_limited_only and req.age is not None:
        exclude("agelim", unless=AGE_LIMIT.want(req.age)[0])
    if req.overtime_max is not None:
        clauses.append((f"otle{req.overtime_max}",))
    if req.exclude_shift:
        exclude("fshift")
    if req.no_document_screening:
        exclude("fdocs")
    if req.insurance_items:  # none of the missing-item tokens (the rare side, see above)
        exclude(*(INSURANCE_TOKENS[i] for i in dict.fromkeys(req.insurance_items)))
    if req.wage_hourly_min:
        clauses.append(WAGE_HOURLY.want(req.wage_hourly_min))
    if req.annual_holidays_min:
        clauses.append(ANNUAL_HOLIDAYS.want(req.annual_holidays_min))
    if req.work_from is not None and (f := _hhmm(req.work_from)) > 0:
        if f <= NOON:
            exclude(f"sb{f}")
        else:
            clauses.append((f"sa{f}",))
    if req.work_until is not None:
        u = _hhmm(req.work_until)
        if u >= MID_AFTERNOON:
            exclude(f"ea{u}")
        else:
            clauses.append((f"eb{u}",))
    if req.employees_min is not None:
        clauses.append((f"em{req.employees_min}",))
    if req.weekly_two_days == WeeklyTwoDaysFilter.every_week:
        clauses.append(("fw2every",))
    elif req.weekly_two_days == WeeklyTwoDaysFilter.any:
        exclude("fw2none")
    if req.exclude_discretionary:
        exclude("fdiscretion")
    if req.exclude_variable_hours:
        exclude("fvariable")
    if req.overtime_some:
        exclude("fnoovertime")
    clauses.extend(("do" + d,) for d in dict.fromkeys(req.days_off))
    if req.dispatch == DispatchFilter.only:
        clauses.append(("fdispatch",))
    elif req.dispatch == DispatchFilter.exclude:
        exclude("fdispatch")
    any_of([CONTRACT_RENEWAL_TOKENS[c] for c in dict.fromkeys(req.contract_renewal)])
    if req.retirement_age_min is not None:
        clauses.append((f"ra{req.retirement_age_min}", "ranone"))
    any_of([HOUSING_TOKENS[h] for h in dict.fromkeys(req.housing_kinds)])
    for wanted, exclusion in (
        ([CAR_LICENCE_TOKENS[c] for c in dict.fromkeys(req.car_licence)], req.car_licence_exclude),
        (["lc" + c for c in dict.fromkeys(req.licence_codes)], req.licence_codes_exclude),
    ):
        if wanted and exclusion:
            exclude(*wanted)
        else:
            any_of(wanted)
    for name, token in POSITIVE_FACETS:
        if getattr(req, name):
            clauses.append((token,))
    for name, token in BOOLEAN_FACETS:
        if getattr(req, name):
            exclude(token)
    words = tuple(q for q in (word_query(w) for w in split_words(req.words)) if not q.empty)
    if words:
        if req.word_mode == WordMode.any:
            clauses.append(words)
        else:
            clauses.extend((w,) for w in words)
    not_words = tuple(q for q in (word_query(w) for w in split_words(req.not_words)) if not q.empty)
    return SearchPlan(
        clauses=tuple(clauses),
        not_words=not_words,
        excluded=tuple(excluded),
        job_numbers=tuple(req.job_numbers),
        employer_number=req.employer_number,
        company=tuple(
            company_query(q)
            for q in (word_query(w) for w in split_words(req.company_name))
            if not q.empty
        ),
        company_exclude=req.company_name_exclude,
    )


# --------------------------------------------------------------------------- documents


_LINES: dict[str, tuple[str, frozenset[str]]] = {}  # line → _line_grams(line)
_LINES_MAX = 65_536  # a bound: then it starts again


def _new_line(line: str) -> tuple[str, frozenset[str]]:
    if len(_LINES) >= _LINES_MAX:
        _LINES.clear()
    made = _LINES[line] = _line_grams(line)
    return made


def _line_grams(line: str) -> tuple[str, frozenset[str]]:
    """Bigram text of a line, and its single characters plus the frequent phrases in it."""
    line_runs = _runs_of(line)  # normalising is most of the work: once a line
    parts = list(map(_run_grams, line_runs))
    if len(parts) == 1:
        return parts[0]
    return (
        f" {RUN_BREAK} ".join([g for g, _ in parts if g]),  # = runs_gram_text(line_runs)
        frozenset().union(*[bag for _, bag in parts]),
    )


@lru_cache(maxsize=1024)  # recent lines: a 事業所名's serve its grams, then its facet tokens
def _runs_of(line: str) -> tuple[str, ...]:
    return tuple(runs(line))


# Runs repeat far more than lines do (a title is a job name plus one of a few remarks, a
# 事業所名 a legal form plus a name), so a new line mostly costs its normalising only.
_RUN_GRAMS: dict[str, tuple[str, frozenset[str]]] = {}
_RUN_GRAMS_MAX = 100_000  # a bound; when full, new runs are computed each time
_CHARS: dict[str, str] = {}  # a character → its one string object in the bags


def _run_grams(run: str) -> tuple[str, frozenset[str]]:
    """_line_grams of one run: its bigram text ("" for one character), its characters
    and the frequent phrases in it."""
    known = _RUN_GRAMS.get(run)
    if known is not None:
        return known
    # One string object per character, shared by every bag: sorting and joining a posting's
    # bag then reads a few thousand objects again and again, not new ones all over memory.
    chars = frozenset(map(_CHARS.setdefault, run, run))
    bag = chars.union(phrases_in_run(run)) if len(run) >= 3 else chars
    made = " ".join(map(operator.add, run, run[1:])), bag  # r[i] + r[i + 1] = r[i : i + 2]
    if len(_RUN_GRAMS) < _RUN_GRAMS_MAX:
        _RUN_GRAMS[run] = made
    return made


def word_pieces(q: WordQuery, *, frequent: bool = True) -> list[tuple[str, ...]]:
    """A query word as phrases of index tokens; all of them must match.

    A run listed in phrases.py is its one token (same answer, far cheaper); other runs of
    2+ characters are the phrase of their bigrams; single characters are one token.
    """
    pieces: list[tuple[str, ...]] = []
    for bigrams_ in q.phrases:
        run = bigrams_[0][0] + "".join(b[1] for b in bigrams_)
        pieces.append((run,) if frequent and run in PHRASES else bigrams_)
    pieces.extend((c,) for c in q.singles)
    return pieces


def searchable_texts(p: Mapping[str, Any]) -> list[str]:
    """The texts of a posting that free words search.

    A company name is searchable only when 公開範囲 shows it to everybody; otherwise a
    free-word search could reveal which postings a hidden company placed.
    """
    fine = classification_by_code().get(p["classification_code"])
    return [
        p["job_title"],
        fine.name_ja if fine and fine.name_ja != p["job_title"] else "",
        p["description"],
        p["workplace_address"],
        p["licence_note"],
        p["company_name"] if p["disclosure"] == 1 else "",
    ]


def index_document(p: Mapping[str, Any]) -> tuple[str, str, str]:
    """(bigram text, bag text, facet text) of a posting: the columns of its index row.

    The bag holds the distinct single characters and the frequent phrases (phrases.py).
    """
    g, bag = text_parts(p)
    return g, " ".join(sorted(bag)), facet_text(p).text


def text_parts(p: Mapping[str, Any]) -> tuple[str, set[str]]:
    """The bigram text and the bag of a posting (index_document's g and u before joining)."""
    return _text_parts(searchable_texts(p))


COMPANY_MARK = "\x1f"  # starts the body lines of the 事業所名 (never in a run)


def search_body(p: Mapping[str, Any]) -> str:
    """The normalised runs of the searchable texts, one per line (PostgreSQL's recheck),
    then those of a shown 事業所名 again, each marked with COMPANY_MARK."""
    lines = [r for t in searchable_texts(p) for r in runs(t)]
    if p["disclosure"] == 1:
        lines += [COMPANY_MARK + r for r in runs(p["company_name"])]
    return "\n".join(lines)


def text_columns(parts: list[str]) -> tuple[str, str]:
    """(bigram text, bag text) of some texts: what free words are matched against."""
    g, bag = _text_parts(parts)
    return g, " ".join(sorted(bag))


def _text_parts(parts: list[str]) -> tuple[str, set[str]]:
    # Lines never share a gram (a newline separates runs), so caching per line is exact and
    # makes bulk loading of templated text cheap.
    bigram_parts: list[str] = []
    bags: list[frozenset[str]] = []
    lines = _LINES
    for part in parts:
        if not part:
            continue  # no line, no gram
        for line in part.split("\n"):
            g, c = lines.get(line) or _new_line(line)
            if g:
                bigram_parts.append(g)
            bags.append(c)
    return f" {RUN_BREAK} ".join(bigram_parts), set().union(*bags)
