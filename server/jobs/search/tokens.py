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
import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import lru_cache
from typing import Any, NamedTuple

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
    chars,
    runs,
    runs_gram_text,
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

    def __post_init__(self) -> None:
        self._low.extend(f"{self.name}l{t}" for t in range(0, self.floor, self.step))

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


@lru_cache(maxsize=4096)
def _hours_tokens(start: int, end: int) -> tuple[str, ...]:
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
    return tuple(out)


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
            out.append(expired_token(day))
            day += timedelta(days=1)
    return tuple(out)


def deadline_tokens(received_on: date | str, expires_on: date | str) -> tuple[str, ...]:
    return _deadline_tokens(as_date(received_on), as_date(expires_on))


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


def sheet_tokens(p: Mapping[str, Any]) -> list[str]:
    """Facet tokens of what the 求人票 states in text (sheet_fields.py keys).

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
    return _sheet_parts(p)[0]


def _sheet_parts(p: Mapping[str, Any]) -> tuple[list[str], list[str], tuple[str, ...]]:
    """sheet_tokens(p); the same less the licence codes and the 事業所名's tokens (the form's
    boxes among them: FacetParts); the 事業所名's tokens."""
    sheet = sheet_of(p)
    get = sheet.get
    boxes = [*_days_off(str(get("holidays", "")))]
    boxes.extend(_hours_kinds(str(get("variable_hours", "")), str(get("discretionary", ""))))
    boxes.extend(_dispatch(p["employment_type"], str(get("dispatch", ""))))
    boxes.extend(
        _renewal_and_retirement(str(get("contract_renewal", "")), str(get("retirement_age", "")))
    )
    if p["housing"]:
        boxes.extend(_housing_kinds(str(get("housing_note", ""))))
    boxes.extend(_car_licence(str(get("car_licence", ""))))
    codes = _licence_codes(str(get("licence_codes", "")))
    rest = _stated_facets(
        str(get("regular_conversion", "")),
        str(get("remote_work", "")),
        str(get("smoking_measure", "")),
    ) + _near_station(str(get("access_means", "")), str(get("access_time", "")))
    # A hidden name is never searchable (as for free words).
    company = _company_tokens(p["company_name"]) if p["disclosure"] == 1 else ()
    t = [*boxes, *codes, *rest, *company]
    boxes.extend(rest)
    return t, boxes, company


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
    return list(_company_tokens(name))


@lru_cache(maxsize=16_384)  # an employer's postings share the name (bulk loads, imports)
def _company_tokens(name: str) -> tuple[str, ...]:
    out: list[str] = []
    legal: set[str] = set()
    for r in runs(name):
        if out:
            out.append(COMPANY_BREAK)
        out.extend(COMPANY + r[i : i + 2] for i in range(len(r) - 1))
        legal.update(company_phrases_in_run(r))
    out.extend(COMPANY + c for c in sorted(chars(name)))
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


def facet_tokens(p: Mapping[str, Any]) -> list[str]:
    """Facet tokens of one posting (a mapping of JobPosting column values)."""
    return facet_parts(p).tokens


class FacetParts(NamedTuple):
    tokens: list[str]  # facet_tokens
    # Those of the form's boxes (kind, yes/no, steps, the 求人票's rules but licence codes),
    # in the same order: the only ones among which SQLite finds its regional facets
    # (sqlite_extras.py; not the codes, places, cumulative wage/hour/age steps, deadlines
    # or 事業所名 tokens).
    boxes: list[str]
    company: tuple[str, ...]  # the 事業所名's tokens (the tokens' last ones)


def facet_parts(p: Mapping[str, Any]) -> FacetParts:
    """facet_tokens(p) with the parts of it the importer's workers use (sqlite_extras.py)."""
    kind = _kind_tokens(p["category"], p["work_style"], p["employment_type"])
    t = [
        ALL,
        *kind,
        *classification_tokens(p["classification_code"]),
        *industry_tokens(p["industry_code"]),
        "pf" + p["prefecture_code"],
    ]
    if p["municipality_code"]:
        t.append("mu" + p["municipality_code"])
    insured = p["ins_employment"] and p["ins_workers_comp"] and p["ins_health"] and p["ins_pension"]
    flags = (
        ("fbonus", p["bonus"]),
        ("fnoovertime", p["overtime_hours"] == 0),
        ("fweekends", p["weekends_off"]),
        ("fw2every", p["weekly_two_days"] == WeeklyTwoDays.every_week),
        ("fw2none", p["weekly_two_days"] == WeeklyTwoDays.none),
        ("fnoinsurance", not insured),
        ("ftransfer", p["transfer"]),
        ("fnocar", not p["car_commute"]),
        ("finexperienced", p["inexperienced_ok"]),
        ("feducation", p["education_required"]),
        ("fexperience", p["experience_required"]),
        ("flicence", p["licence_required"]),
        ("fuij", p["uij_turn"]),
        ("ftrial", p["trial_employment"]),
        ("fhousing", p["housing"]),
        ("fchildcare", p["childcare"]),
        ("agelim", p["age_limit"] is not None),
        ("fshift", p["shift"]),
        ("fdocs", "書類選考" in p["selection_method"]),
        (INSURANCE_TOKENS[InsuranceItem.employment], not p["ins_employment"]),
        (INSURANCE_TOKENS[InsuranceItem.workers_comp], not p["ins_workers_comp"]),
        (INSURANCE_TOKENS[InsuranceItem.health], not p["ins_health"]),
        (INSURANCE_TOKENS[InsuranceItem.pension], not p["ins_pension"]),
    )
    on = [name for name, on in flags if on]
    t.extend(on)
    boxes = [*kind, *on]
    steps = _step_tokens(p["employees"], p["features"], p["overtime_hours"])
    t.extend(steps)
    boxes.extend(steps)
    if p["wage_monthly_min"] is not None:
        t.extend(WAGE_MONTHLY.emit(p["wage_monthly_min"]))
    if p["base_wage_min"] is not None:
        t.extend(BASE_WAGE.emit(p["base_wage_min"]))
    if p["wage_hourly_min"] is not None:
        t.extend(WAGE_HOURLY.emit(p["wage_hourly_min"]))
    t.extend(ANNUAL_HOLIDAYS.emit(p["annual_holidays"]))
    if p["age_limit"] is not None:
        t.extend(AGE_LIMIT.emit(p["age_limit"]))
    t.extend(_hours_tokens(p["work_start"], p["work_end"]))
    t.extend(deadline_tokens(p["received_on"], p["expires_on"]))
    sheet, sheet_boxes, company = _sheet_parts(p)
    t.extend(sheet)
    boxes.extend(sheet_boxes)
    return FacetParts(t, boxes, company)


# Few combinations of these repeat across postings: their tokens are remembered.
@lru_cache(maxsize=1024)
def _kind_tokens(category: str, work_style: str, employment_type: str) -> tuple[str, ...]:
    return (
        "ca" + _compact(category),
        "ws" + _compact(work_style),
        "et" + _compact(employment_type),
    )


@lru_cache(maxsize=16_384)
def _step_tokens(employees: int, features: int, overtime_hours: int) -> tuple[str, ...]:
    t = [f"em{n}" for n in EMPLOYEE_STEPS if employees >= n]
    t.extend(f"ft{f.value.replace('_', '')}" for f, bit in FEATURE_BITS.items() if features & bit)
    t.extend(f"otle{c}" for c in OVERTIME_CAPS if overtime_hours <= c)
    return tuple(t)


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


@lru_cache(maxsize=65_536)
def _line_grams(line: str) -> tuple[str, frozenset[str]]:
    """Bigram text of a line, and its single characters plus the frequent phrases in it."""
    line_runs = list(runs(line))  # once: normalising is most of the work
    bag = set().union(*line_runs)  # = chars(line)
    for r in line_runs:
        if len(r) >= 3:
            bag.update(phrases_in_run(r))
    return runs_gram_text(line_runs), frozenset(bag)


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
    g, bag, facets = index_parts(p)
    return g, " ".join(sorted(bag)), " ".join(facets.tokens)


def index_parts(p: Mapping[str, Any]) -> tuple[str, set[str], FacetParts]:
    """index_document before its bag and facets are joined into text (the importer's
    workers derive SQLite's extra columns from these: sqlite_extras.py)."""
    g, bag = _text_parts(searchable_texts(p))
    return g, bag, facet_parts(p)


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
    bag: set[str] = set()
    for part in parts:
        for line in part.split("\n"):
            g, c = _line_grams(line)
            if g:
                bigram_parts.append(g)
            bag |= c
    return f" {RUN_BREAK} ".join(bigram_parts), bag
