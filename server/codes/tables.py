"""The real code tables of the Hello Work job search (vendored in data/, see its README).

Each table is parsed on first use and kept for the life of the process, so importing this
module costs nothing and a server that never lists municipalities never reads them.

- prefectures 01–47 and 59 海外;
- municipalities: 5-digit JIS codes per prefecture (1,902);
- 希望する職種: 14 groups ("01"–"14") × 179 details (group + 2 digits, "0904");
- 職業分類 (厚生労働省編, 2022): 大分類 A–K, 中分類 "10", 小分類 "104", 細分類 "10404", and
  16,178 example job titles (8 digits, 細分類 + 3);
- 産業分類 (日本標準産業分類): 大分類 A–T and 中分類 01–99.

希望する職種 is the job seeker's word for groups of 職業分類: a posting carries a 細分類 code
and its 希望する職種 detail follows from the name tables (`desired_job_of`).
"""

from __future__ import annotations

import json
import unicodedata
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

OVERSEAS_CODE = "59"  # 海外, as on the real form

_EN_PREFECTURES = [
    "Hokkaido",
    "Aomori",
    "Iwate",
    "Miyagi",
    "Akita",
    "Yamagata",
    "Fukushima",
    "Ibaraki",
    "Tochigi",
    "Gunma",
    "Saitama",
    "Chiba",
    "Tokyo",
    "Kanagawa",
    "Niigata",
    "Toyama",
    "Ishikawa",
    "Fukui",
    "Yamanashi",
    "Nagano",
    "Gifu",
    "Shizuoka",
    "Aichi",
    "Mie",
    "Shiga",
    "Kyoto",
    "Osaka",
    "Hyogo",
    "Nara",
    "Wakayama",
    "Tottori",
    "Shimane",
    "Okayama",
    "Hiroshima",
    "Yamaguchi",
    "Tokushima",
    "Kagawa",
    "Ehime",
    "Kochi",
    "Fukuoka",
    "Saga",
    "Nagasaki",
    "Kumamoto",
    "Oita",
    "Miyazaki",
    "Kagoshima",
    "Okinawa",
]
_EN_DESIRED_GROUPS = (
    "Office work, management",
    "Sales",
    "Retail",
    "Hospitality, beauty, cooking, services",
    "Care, welfare",
    "Childcare, education",
    "Medical, nursing, health",
    "Manufacturing, repair, maintenance, inspection, printing",
    "Engineering (construction, development, IT), professional",
    "Building, civil engineering, electrical work",
    "Security, facility management, plant operation",
    "Driving, delivery",
    "Cleaning, warehouse, packing, light work",
    "Agriculture, forestry, fishery",
)
_EN_MAJOR = {
    "A": "Managerial",
    "B": "Professional and engineering",
    "C": "Clerical",
    "D": "Sales",
    "E": "Service",
    "F": "Security",
    "G": "Agriculture, forestry and fishery",
    "H": "Manufacturing process",
    "I": "Transport and machine operation",
    "J": "Construction and mining",
    "K": "Carrying, cleaning, packaging and related",
}


def _load(name: str) -> Any:
    return json.loads(resources.files("server.codes").joinpath("data", name).read_bytes())


def fold(text: str) -> str:
    """NFKC + lower case: how names and typed queries are compared (Ｐｙｔｈｏｎ = python)."""
    return unicodedata.normalize("NFKC", text).lower()


# --------------------------------------------------------------------------- places


@dataclass(frozen=True)
class Prefecture:
    code: str  # "01".."47", or OVERSEAS_CODE
    name_ja: str
    name_en: str


@dataclass(frozen=True)
class Municipality:
    code: str  # JIS X 0402, 5 digits
    prefecture_code: str
    name_ja: str


@cache
def prefectures() -> tuple[Prefecture, ...]:
    rows = _load("都道府県.json")
    en = {f"{i:02d}": n for i, n in enumerate(_EN_PREFECTURES, start=1)} | {
        OVERSEAS_CODE: "Overseas"
    }
    return tuple(Prefecture(r["value"], r["text"], en[r["value"]]) for r in rows)


@cache
def prefecture_by_code() -> dict[str, Prefecture]:
    return {p.code: p for p in prefectures()}


@cache
def _municipalities_by_prefecture() -> dict[str, tuple[Municipality, ...]]:
    data: dict[str, list[dict[str, str]]] = _load("市区町村.json")
    return {
        pref: tuple(Municipality(r["value"], pref, r["text"]) for r in rows)
        for pref, rows in sorted(data.items())
    }


def municipalities_of(prefecture_code: str) -> tuple[Municipality, ...]:
    return _municipalities_by_prefecture().get(prefecture_code, ())


@cache
def municipality_by_code() -> dict[str, Municipality]:
    return {m.code: m for ms in _municipalities_by_prefecture().values() for m in ms}


# --------------------------------------------------------------------------- 希望する職種


@dataclass(frozen=True)
class DesiredJob:
    code: str  # group + 2 digits, "0904"
    group: str
    name_ja: str


@dataclass(frozen=True)
class DesiredJobGroup:
    code: str  # "01".."14"
    name_ja: str
    name_en: str
    details: tuple[DesiredJob, ...]


@cache
def desired_job_groups() -> tuple[DesiredJobGroup, ...]:
    groups = _load("職種大分類.json")
    details: dict[str, list[dict[str, Any]]] = _load("職種詳細.json")
    out = []
    for i, g in enumerate(groups):
        code = g["value"]
        rows = sorted(details[code], key=lambda r: int(r["value"]))
        out.append(
            DesiredJobGroup(
                code,
                g["text"],
                _EN_DESIRED_GROUPS[i],
                tuple(DesiredJob(f"{code}{int(r['value']):02d}", code, r["text"]) for r in rows),
            )
        )
    return tuple(out)


@cache
def desired_group_by_code() -> dict[str, DesiredJobGroup]:
    return {g.code: g for g in desired_job_groups()}


@cache
def desired_job_by_code() -> dict[str, DesiredJob]:
    return {d.code: d for g in desired_job_groups() for d in g.details}


# --------------------------------------------------------------------------- 職業分類

MAJOR, MIDDLE, MINOR, FINE = 1, 2, 3, 4  # 大分類 A–K, 中分類 2 digits, 小分類 3, 細分類 5


@dataclass(frozen=True)
class Classification:
    code: str
    level: int
    name_ja: str
    parent: str | None  # None for a 大分類


@dataclass(frozen=True)
class ExampleTitle:
    code: str  # 8 digits
    fine: str  # its 細分類
    title: str


def level_of(code: str) -> int | None:
    """The level a well-formed 職業分類 code belongs to (None if it has no level's shape)."""
    if len(code) == 1 and "A" <= code <= "K":
        return MAJOR
    if code.isascii() and code.isdigit():
        return {2: MIDDLE, 3: MINOR, 5: FINE}.get(len(code))
    return None


def _name(text: str) -> str:
    # "10404\xa0プログラマー" → "プログラマー"
    return text.split("\xa0", 1)[1] if "\xa0" in text else text.split(" ", 1)[-1]


@cache
def _classification_data() -> tuple[dict[str, Classification], tuple[ExampleTitle, ...]]:
    tree: dict[str, list[dict[str, str]]] = _load("職業分類.json")
    nodes: dict[str, Classification] = {}
    examples: list[ExampleTitle] = []

    def walk(parent: str) -> None:
        for row in tree.get(parent, ()):
            code = row["value"]
            if len(code) == 8:
                examples.append(ExampleTitle(code, parent, _name(row["text"])))
                continue
            level = level_of(code)
            assert level is not None, code
            nodes[code] = Classification(
                code, level, _name(row["text"]), None if parent == "root" else parent
            )
            walk(code)

    walk("root")
    return nodes, tuple(examples)


def classification_by_code() -> dict[str, Classification]:
    return _classification_data()[0]


def example_titles() -> tuple[ExampleTitle, ...]:
    return _classification_data()[1]


@cache
def children_of(parent: str | None) -> tuple[Classification, ...]:
    return tuple(c for c in classification_by_code().values() if c.parent == parent)


def ancestors(code: str) -> list[Classification]:
    """The node and its parents, 大分類 first."""
    nodes = classification_by_code()
    chain = []
    node: Classification | None = nodes.get(code)
    while node is not None:
        chain.append(node)
        node = nodes.get(node.parent) if node.parent else None
    return chain[::-1]


@cache
def _examples_by_fine() -> dict[str, tuple[str, ...]]:
    out: dict[str, list[str]] = {}
    for e in example_titles():
        out.setdefault(e.fine, []).append(e.title)
    return {k: tuple(v) for k, v in out.items()}


def examples_of(fine: str) -> tuple[str, ...]:
    return _examples_by_fine().get(fine, ())


# --------------------------------------------------------------------------- 産業分類


@dataclass(frozen=True)
class Industry:
    code: str  # 中分類 "01".."99"
    division: str  # 大分類 "A".."T"
    name_ja: str


@dataclass(frozen=True)
class IndustryDivision:
    code: str
    name_ja: str
    name_en: str
    industries: tuple[Industry, ...]


@cache
def industry_divisions() -> tuple[IndustryDivision, ...]:
    return tuple(
        IndustryDivision(
            d["value"],
            d["text"],
            d["text_en"],
            tuple(Industry(g["value"], d["value"], g["text"]) for g in d["groups"]),
        )
        for d in _load("産業分類.json")
    )


@cache
def industry_by_code() -> dict[str, Industry]:
    return {i.code: i for d in industry_divisions() for i in d.industries}


def major_name_en(code: str) -> str:
    return _EN_MAJOR.get(code, "")


# ------------------------------------------------------------- 職業分類 → 希望する職種


# 中分類 → the 希望する職種 groups its 細分類 are found under (the real site keeps this mapping
# internally; this one is ours, by the names of both tables).
_MIDDLE_GROUPS: dict[str, str] = {
    **dict.fromkeys(("01", "02", "03", "04"), "01"),
    **dict.fromkeys(("05", "07", "08", "10", "11", "17", "18", "20"), "09"),
    **dict.fromkeys(("21", "22", "23", "24"), "09"),
    "06": "14",
    "09": "09 10",
    **dict.fromkeys(("12", "13", "14", "15", "37"), "07"),
    "16": "05",
    "19": "06",
    **dict.fromkeys(("25", "26", "27", "28", "29", "30", "31"), "01"),
    **dict.fromkeys(("32", "33"), "03"),
    "34": "02",
    **dict.fromkeys(("35", "38", "39", "40", "42"), "04"),
    "36": "05",
    **dict.fromkeys(("41", "43", "44", "45"), "11"),
    **dict.fromkeys(("46", "47", "48"), "14"),
    **dict.fromkeys(("49", "50", "51", "52", "54", "57", "60", "61", "62", "63", "64"), "08"),
    **dict.fromkeys(("65", "66", "67", "68"), "12"),
    "69": "10 11",
    **dict.fromkeys(("70", "71", "72", "73", "74"), "10"),
    "75": "12 13",
    **dict.fromkeys(("76", "77", "78"), "13"),
}
# Bigrams of words that every other name ends in: they say nothing about the kind of work.
_NOISE = frozenset({"作業", "業員", "技術", "術者", "その", "の他", "他の", "関連", "職業"})


def _bigrams(text: str) -> set[str]:
    t = "".join(c for c in fold(text) if unicodedata.category(c)[0] in "LN")
    grams = {t[i : i + 2] for i in range(len(t) - 1)} or ({t} if t else set())
    return grams - _NOISE


def _overlap(a: set[str], b: set[str]) -> float:
    return len(a & b) / len(b) if a and b else 0.0


@cache
def desired_job_of(fine: str) -> str:
    """The 希望する職種 detail a 細分類 is found under.

    Its 中分類 decides the group(s) (`_MIDDLE_GROUPS`); within them, the detail whose name
    parts share the most bigrams with the 細分類's name, its 小分類's name and its example
    titles (in that order of weight); ties go to the first detail. Deterministic, so a search
    by a detail and the postings' index tokens always agree.
    """
    chain = ancestors(fine)
    if len(chain) < 4:
        raise KeyError(fine)
    groups = _MIDDLE_GROUPS[chain[1].code].split()
    weighted = [
        (3.0, _bigrams(chain[3].name_ja)),
        (2.0, _bigrams(chain[2].name_ja)),
        (0.5, _bigrams("".join(examples_of(fine)[:30]))),
    ]
    details = [d for g in groups for d in desired_group_by_code()[g].details]
    # Nothing in common: the group's "その他" detail (else its first).
    best = next((d.code for d in details if "その他" in d.name_ja), details[0].code)
    best_score = 0.0
    for d in details:
        parts = [_bigrams(p) for p in d.name_ja.replace("・", "、").split("、")]
        score = max(sum(w * _overlap(g, part) for w, g in weighted) for part in parts)
        if score > best_score:
            best, best_score = d.code, score
    return best
