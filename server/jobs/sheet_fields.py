"""Every field of the real 求人票: its label, section and how it is written.

One table drives the job sheet's sections (the API shows each value as the real sheet writes
it), the CSV import and export (the labels are the header row) and the README's column list.
Fields the search uses are columns of `job_postings`; the rest of the sheet is the posting's
`sheet` JSON object, keyed by the field's key.

Each kind reads a value from a posting row (a dict of column values with `sheet` decoded) as
text, and writes text into a row, raising `ValueError(reason)` for text it cannot take.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from typing import Any

from api_client.job_models import (
    EMPLOYER_NUMBER_RE,
    JOB_NUMBER_RE,
    EmploymentType,
    JobCategory,
    WeeklyTwoDays,
    WorkStyle,
)
from api_client.jp_format import (
    jp_date,
    jp_hours,
    parse_int,
    parse_jp_date,
    parse_jp_hours,
    parse_yen_range,
    yen_range,
)
from server.codes import tables

Row = dict[str, Any]

SECTION_TITLES = (
    "求人票",  # 0: the header
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
)

# 求人区分 as the sheet writes it ↔ (category, work style).
_CATEGORY_LABELS: dict[tuple[str, str], str] = {
    (JobCategory.general, WorkStyle.full_time): "フルタイム",
    (JobCategory.general, WorkStyle.part_time): "パート",
    (JobCategory.graduate, WorkStyle.full_time): "新卒・既卒求人",
    (JobCategory.graduate, WorkStyle.part_time): "新卒・既卒求人（パート）",
    (JobCategory.seasonal, WorkStyle.full_time): "季節求人",
    (JobCategory.seasonal, WorkStyle.part_time): "季節求人（パート）",
    (JobCategory.migrant, WorkStyle.full_time): "出稼ぎ求人",
    (JobCategory.migrant, WorkStyle.part_time): "出稼ぎ求人（パート）",
    (JobCategory.disability, WorkStyle.full_time): "フルタイム（障）",
    (JobCategory.disability, WorkStyle.part_time): "パート（障）",
}
_CATEGORY_ALIASES = {
    "一般フルタイム": (JobCategory.general, WorkStyle.full_time),
    "一般パート": (JobCategory.general, WorkStyle.part_time),
    "障害のある方のための求人": (JobCategory.disability, WorkStyle.full_time),
    "障害のある方のための求人（パート）": (JobCategory.disability, WorkStyle.part_time),
}
EMPLOYMENT_LABELS: dict[str, str] = {
    EmploymentType.regular: "正社員",
    EmploymentType.non_regular: "正社員以外",
    EmploymentType.dispatch_fixed: "有期雇用派遣労働者",
    EmploymentType.dispatch_open: "無期雇用派遣労働者",
    EmploymentType.part_time_worker: "パート労働者",
    EmploymentType.dispatch_fixed_part: "有期雇用派遣パート",
    EmploymentType.dispatch_open_part: "無期雇用派遣パート",
}
WEEKLY_TWO_LABELS = {
    WeeklyTwoDays.every_week: "毎週",
    WeeklyTwoDays.other: "その他",
    WeeklyTwoDays.none: "なし",
}
DISCLOSURE_LABELS = {
    1: "1. 事業所名等を含む求人情報を公開する",
    2: "2. 求職者等に限定して事業所名等を含む求人情報を公開する",
    3: "3. 事業所名等を含まない求人情報を公開する",
}
INSURANCE_ITEMS = (
    ("雇用", "ins_employment"),
    ("労災", "ins_workers_comp"),
    ("健康", "ins_health"),
    ("厚生", "ins_pension"),
    ("公災", None),
    ("財形", None),
    ("企業年金", None),
    ("退職金制度", None),
    ("退職金共済", None),
)


def _norm(text: str) -> str:
    return unicodedata.normalize("NFC", text).strip() if text else ""


def _key(text: str) -> str:
    return unicodedata.normalize("NFKC", text).strip() if text else ""


@dataclass(frozen=True)
class Kind:
    read: Callable[[Row, str], str]
    write: Callable[[Row, str, str], None]


# --------------------------------------------------------------------------- kinds


def _col_text(max_len: int) -> Kind:
    def write(row: Row, key: str, text: str) -> None:
        value = _norm(text)
        if len(value) > max_len:
            raise ValueError(f"longer than {max_len} characters")
        row[key] = value

    return Kind(lambda row, key: str(row.get(key) or ""), write)


def _json_text(row: Row, key: str) -> str:
    return str(row["sheet"].get(key, ""))


def _json_write(row: Row, key: str, text: str) -> None:
    if not text:
        row["sheet"].pop(key, None)
        return
    value = _norm(text)
    if len(value) > 2000:
        raise ValueError("longer than 2000 characters")
    if value:
        row["sheet"][key] = value
    else:
        row["sheet"].pop(key, None)


JSON_TEXT = Kind(_json_text, _json_write)


def _choice(labels: dict[Any, str], aliases: dict[str, Any] | None = None) -> Kind:
    back = {_key(v): k for k, v in labels.items()} | {
        _key(k): v for k, v in (aliases or {}).items()
    }

    def write(row: Row, key: str, text: str) -> None:
        try:
            row[key] = back[_key(text)]
        except KeyError:
            raise ValueError("one of " + " / ".join(labels.values())) from None

    return Kind(lambda row, key: labels[row[key]], write)


def _flag(yes: str, no: str, *aliases_yes: str) -> Kind:
    yes_words = {_key(yes), *map(_key, aliases_yes)}

    def write(row: Row, key: str, text: str) -> None:
        t = _key(text)
        if t in yes_words or t.startswith(_key(yes)):
            row[key] = True
        elif t == _key(no) or t == "":
            row[key] = False
        else:
            raise ValueError(f"{yes} or {no}")

    return Kind(lambda row, key: yes if row[key] else no, write)


def _inverse_flag(yes: str, no: str) -> Kind:
    """A column holding the opposite of what the label asks (経験 不要 = not required)."""
    inner = _flag(yes, no)

    def write(row: Row, key: str, text: str) -> None:
        tmp: Row = {}
        inner.write(tmp, "v", text)
        row[key] = not tmp["v"]

    return Kind(lambda row, key: no if row[key] else yes, write)


def _date_read(row: Row, key: str) -> str:
    return jp_date(row[key])


def _date_write(row: Row, key: str, text: str) -> None:
    try:
        row[key] = parse_jp_date(text)
    except ValueError:
        raise ValueError("not a date like 2025年7月23日") from None


DATE = Kind(_date_read, _date_write)


def _pattern(regex: Any, what: str, optional: bool = False, empty: Any = None) -> Kind:
    def write(row: Row, key: str, text: str) -> None:
        value = _key(text).replace("ー", "-").replace("−", "-")
        if optional and not value:
            row[key] = empty
        elif not regex.match(value):
            raise ValueError(f"not of the form {what}")
        else:
            row[key] = value

    return Kind(lambda row, key: str(row.get(key) or ""), write)


def _category_read(row: Row, key: str) -> str:
    return _CATEGORY_LABELS[(row["category"], row["work_style"])]


def _paren(text: str) -> str:
    return _key(text).replace("(", "（").replace(")", "）")


_CATEGORY_BY_TEXT = {_paren(v): k for k, v in _CATEGORY_LABELS.items()} | {
    _paren(k): v for k, v in _CATEGORY_ALIASES.items()
}


def _category_write(row: Row, key: str, text: str) -> None:
    t = _paren(text)
    table = _CATEGORY_BY_TEXT
    if t not in table:
        raise ValueError("unknown 求人区分 (フルタイム, パート, 新卒・既卒求人, 季節求人, …)")
    row["category"], row["work_style"] = (str(v) for v in table[t])


def _wage_read(row: Row, key: str) -> str:
    if row["work_style"] == WorkStyle.part_time:
        return yen_range(row["wage_hourly_min"], row["wage_hourly_max"])
    return yen_range(row["wage_monthly_min"], row["wage_monthly_max"])


def _wage_write(row: Row, key: str, text: str) -> None:
    # Needs 求人区分 first (monthly for full-time, hourly for part-time): see FIELDS order.
    try:
        low, high = parse_yen_range(text)
    except ValueError:
        raise ValueError("not an amount like 230,000円〜400,000円") from None
    hourly = row.get("work_style") == WorkStyle.part_time
    row["wage_hourly_min"], row["wage_hourly_max"] = (low, high or low) if hourly else (None, None)
    row["wage_monthly_min"], row["wage_monthly_max"] = (
        (None, None) if hourly else (low, high or low)
    )


def _base_read(row: Row, key: str) -> str:
    return yen_range(row["base_wage_min"], row["base_wage_max"])


def _base_write(row: Row, key: str, text: str) -> None:
    if not _key(text):
        row["base_wage_min"] = row["base_wage_max"] = None
        return
    try:
        low, high = parse_yen_range(text)
    except ValueError:
        raise ValueError("not an amount like 200,000円〜250,000円") from None
    row["base_wage_min"], row["base_wage_max"] = low, high or low


def _hours_read(row: Row, key: str) -> str:
    if row["work_start"] == row["work_end"] == 0:
        return ""  # not given
    return jp_hours(row["work_start"], row["work_end"])


def _hours_write(row: Row, key: str, text: str) -> None:
    if not _key(text):
        row["work_start"] = row["work_end"] = 0
        return
    try:
        row["work_start"], row["work_end"] = parse_jp_hours(text)
    except ValueError:
        raise ValueError("not hours like 9時00分〜18時00分") from None


def _hours_json_write(row: Row, key: str, text: str) -> None:
    if not _key(text):
        row["sheet"].pop(key, None)
        return
    try:
        start, end = parse_jp_hours(text)
    except ValueError:
        raise ValueError("not hours like 9時00分〜18時00分") from None
    row["sheet"][key] = jp_hours(start, end)


def _int_unit(unit: str, lo: int, hi: int) -> Kind:
    def write(row: Row, key: str, text: str) -> None:
        try:
            value = parse_int(text, unit)
        except ValueError:
            raise ValueError(f"not a number like 12{unit}") from None
        if not lo <= value <= hi:
            raise ValueError(f"outside {lo}–{hi}")
        row[key] = value

    return Kind(lambda row, key: f"{row[key]}{unit}", write)


def _age_read(row: Row, key: str) -> str:
    return "不問" if row["age_limit"] is None else f"{row['age_limit']}歳以下"


def _age_write(row: Row, key: str, text: str) -> None:
    t = _key(text)
    if t in ("", "不問"):
        row["age_limit"] = None
        return
    upper = t.split("~")[-1].split("〜")[-1].removesuffix("以下").removesuffix("歳")
    if not upper.isdigit() or not 15 <= int(upper) <= 99:
        raise ValueError("不問 or an upper age like 59歳以下")
    row["age_limit"] = int(upper)


def _overtime_read(row: Row, key: str) -> str:
    hours = row["overtime_hours"]
    return "なし" if hours == 0 else f"あり（月平均{hours}時間）"


def _overtime_write(row: Row, key: str, text: str) -> None:
    t = _key(text)
    if t in ("", "なし"):
        row["overtime_hours"] = 0
        return
    digits = "".join(c for c in t if c.isdigit())
    if not digits or int(digits) > 200:
        raise ValueError("なし or あり（月平均10時間）")
    row["overtime_hours"] = int(digits)


def _months_read(row: Row, key: str) -> str:
    m = row["bonus_months"]
    return "" if m is None else f"{m:.2f}ヶ月分"


def _months_write(row: Row, key: str, text: str) -> None:
    t = _key(text).removesuffix("ヶ月分").removesuffix("か月分").removesuffix("カ月分")
    if not t:
        row["bonus_months"] = None
        return
    try:
        row["bonus_months"] = float(t)
    except ValueError:
        raise ValueError("a number of months like 2.00ヶ月分") from None


def _insurance_read(row: Row, key: str) -> str:
    held = set(row["sheet"].get("insurance_other", "").split())
    return "　".join(name for name, col in INSURANCE_ITEMS if (row[col] if col else name in held))


def _insurance_write(row: Row, key: str, text: str) -> None:
    names = _norm(text).replace(",", " ").replace("、", " ").split()
    known = {n for n, _ in INSURANCE_ITEMS}
    if unknown := [n for n in names if n not in known]:
        raise ValueError("unknown item " + "、".join(unknown))
    for name, col in INSURANCE_ITEMS:
        if col:
            row[col] = name in names
    other = " ".join(n for n, col in INSURANCE_ITEMS if col is None and n in names)
    if other:
        row["sheet"]["insurance_other"] = other
    else:
        row["sheet"].pop("insurance_other", None)


def _industry_write(row: Row, key: str, text: str) -> None:
    code = _key(text)[:2]
    if code not in tables.industry_by_code():
        raise ValueError("unknown 産業分類 (a 2-digit code 01–99)")
    row[key] = code


def _industry_read(row: Row, key: str) -> str:
    code = row[key]
    industry = tables.industry_by_code().get(code)
    return f"{code} {industry.name_ja}" if industry else code


def _classification_write(row: Row, key: str, text: str) -> None:
    code = _key(text)[:5]
    if not code:
        row[key] = ""
        return
    node = tables.classification_by_code().get(code)
    if node is None or node.level != tables.FINE:
        raise ValueError("unknown 職業分類 (a 5-digit 細分類 code)")
    row[key] = code


def _classification_read(row: Row, key: str) -> str:
    node = tables.classification_by_code().get(row[key])
    return f"{row[key]} {node.name_ja}" if node else row[key]


def _disclosure_write(row: Row, key: str, text: str) -> None:
    t = _key(text)
    if not t:
        row[key] = 1
    elif t[0] in "123":
        row[key] = int(t[0])
    else:
        raise ValueError("1, 2 or 3")


def _workplace_write(row: Row, key: str, text: str) -> None:
    """A full address: its prefecture and municipality become the searchable codes."""
    address = _norm(text)
    if not address:
        raise ValueError("empty")
    pref = next((p for p in tables.prefectures() if address.startswith(p.name_ja)), None)
    if pref is None:
        raise ValueError("does not start with a prefecture (or 海外)")
    rest = address.removeprefix(pref.name_ja)
    muni = next((m for m in _longest_first(pref.code) if rest.startswith(m.name_ja)), None)
    row["prefecture_code"] = pref.code
    row["municipality_code"] = muni.code if muni else None
    row[key] = address[:200]


@cache
def _longest_first(prefecture: str) -> tuple[tables.Municipality, ...]:
    # 札幌市中央区 before 札幌市: the longest name that starts the address wins.
    return tuple(sorted(tables.municipalities_of(prefecture), key=lambda m: -len(m.name_ja)))


def _office_write(row: Row, key: str, text: str) -> None:
    _json_write(row, key, text)


def _licence_codes_write(row: Row, key: str, text: str) -> None:
    codes = _key(text).replace(",", " ").replace("、", " ").split()
    if bad := [c for c in codes if not LICENCE_CODE_RE.match(c)]:
        raise ValueError("not a 4-digit licence code (1001–9999): " + " ".join(bad))
    _json_write(row, key, " ".join(dict.fromkeys(codes)))


LICENCE_CODE_RE = re.compile(r"^(100[1-9]|10[1-9]\d|1[1-9]\d\d|[2-9]\d{3})$")

FIELD_KINDS: dict[str, Kind] = {
    "text100": _col_text(100),
    "text200": _col_text(200),
    "text": _col_text(4000),
    "json": JSON_TEXT,
    "date": DATE,
    "job_number": _pattern(JOB_NUMBER_RE, "NNNNN-NNNNNNNN"),
    "employer_number": _pattern(EMPLOYER_NUMBER_RE, "NNNN-NNNNNN-N", optional=True, empty=""),
    "category": Kind(_category_read, _category_write),
    "employment": _choice(EMPLOYMENT_LABELS),
    "weekly_two": _choice(WEEKLY_TWO_LABELS),
    "disclosure": Kind(lambda row, key: DISCLOSURE_LABELS[row[key]], _disclosure_write),
    "online": _flag("可", "不可"),
    "ari": _flag("あり", "なし"),
    "car": _flag("可", "不可", "可能"),
    "hissu": _flag("必須", "不問", "必要"),
    "fuyou": _inverse_flag("必須", "不要"),
    "welcome": _flag("歓迎", "不可", "可"),
    "wage": Kind(_wage_read, _wage_write),
    "base_wage": Kind(_base_read, _base_write),
    "hours": Kind(_hours_read, _hours_write),
    "hours_json": Kind(_json_text, _hours_json_write),
    "days": _int_unit("日", 0, 366),
    "people": _int_unit("人", 0, 9_999_999),
    "minutes": _int_unit("分", 0, 600),
    "age": Kind(_age_read, _age_write),
    "overtime": Kind(_overtime_read, _overtime_write),
    "months": Kind(_months_read, _months_write),
    "insurance": Kind(_insurance_read, _insurance_write),
    "industry": Kind(_industry_read, _industry_write),
    "classification": Kind(_classification_read, _classification_write),
    "workplace": Kind(lambda row, key: str(row[key]), _workplace_write),
    "url": _pattern(re.compile(r"^https?://\S+$"), "https://…", optional=True),
    "office": Kind(_json_text, _office_write),
    "licence_codes": Kind(_json_text, _licence_codes_write),
}


@dataclass(frozen=True)
class Field:
    label: str  # the real 求人票 label: the CSV header and the sheet's row name
    section: int  # 0 = header, 1–10
    key: str  # column, or key in `sheet`
    kind: str  # FIELD_KINDS
    required: bool = False
    employer: bool = False  # hidden ("公開していません") where 公開範囲 hides the employer
    note: str = ""  # for the README


F = Field
FIELDS: tuple[Field, ...] = (
    # header
    F("求人番号", 0, "job_number", "job_number", True, note="NNNNN-NNNNNNNN (office + serial)"),
    F("受付年月日", 0, "received_on", "date", True, note="2025年7月23日"),
    F("紹介期限日", 0, "expires_on", "date", True, note="2025年9月30日"),
    F("受理安定所", 0, "office_name", "office", note="office name, e.g. 飯田橋公共職業安定所"),
    F("求人区分", 0, "category", "category", True, note="フルタイム, パート, 新卒・既卒求人, …"),
    F("オンライン自主応募の受付", 0, "online_application", "online", note="可 / 不可"),
    F("産業分類", 0, "industry_code", "industry", note="2-digit 中分類, e.g. 85"),
    F("職業分類", 0, "classification_code", "classification", note="5-digit 細分類"),
    F("トライアル雇用併用の希望", 0, "trial_employment", "ari", note="あり / なし"),
    F("公開範囲", 0, "disclosure", "disclosure", note="1, 2 or 3 (as the real site)"),
    # 1 求人事業所
    F("事業所番号", 1, "employer_number", "employer_number", employer=True),
    F("事業所名", 1, "company_name", "text100", True, employer=True),
    F("事業所名（カナ）", 1, "company_kana", "text200", employer=True),
    F("事業所郵便番号", 1, "company_postcode", "json", employer=True),
    F("事業所所在地", 1, "company_address", "text200", employer=True),
    F("ホームページ", 1, "company_url", "url", employer=True),
    # 2 仕事内容
    F("職種", 2, "job_title", "text100", True, note="as the employer wrote it"),
    F("仕事内容", 2, "description", "text", True),
    F("雇用形態", 2, "employment_type", "employment", True, note="正社員, パート労働者, …"),
    F("正社員以外の名称", 2, "employment_name", "json"),
    F("正社員登用の実績", 2, "regular_conversion", "json", note="あり / なし"),
    F("派遣・請負等", 2, "dispatch", "json", note="派遣・請負ではない / 派遣 / 請負"),
    F("雇用期間", 2, "employment_period", "json"),
    F(
        "契約更新の可能性",
        2,
        "contract_renewal",
        "json",
        note="あり（原則更新） / あり（条件付きで更新あり） / なし",
    ),
    F("就業場所郵便番号", 2, "workplace_postcode", "json"),
    F("就業場所", 2, "workplace_address", "workplace", True, note="starts with the prefecture"),
    F("最寄り駅", 2, "nearest_station", "json"),
    F("最寄り駅から就業場所までの交通手段", 2, "access_means", "json"),
    F("所要時間", 2, "access_time", "json"),
    F("受動喫煙対策", 2, "smoking_measure", "json", note="あり（屋内禁煙） / なし"),
    F("在宅勤務", 2, "remote_work", "json", note="あり / なし"),
    F("マイカー通勤", 2, "car_commute", "car", note="可 / 不可"),
    F("駐車場", 2, "parking", "json"),
    F("転勤の可能性", 2, "transfer", "ari", note="あり / なし"),
    F("転勤範囲", 2, "transfer_range", "json"),
    F("年齢", 2, "age_limit", "age", note="不問 / 59歳以下"),
    F("年齢制限の理由", 2, "age_reason", "json"),
    F("学歴", 2, "education_required", "hissu", note="必須 / 不問"),
    F("必要な経験等", 2, "experience_required", "fuyou", note="必須 / 不要"),
    F("必要な経験等の内容", 2, "experience_note", "json"),
    F("未経験者", 2, "inexperienced_ok", "welcome", note="歓迎 / 不可"),
    F("必要なＰＣスキル", 2, "pc_skills", "json"),
    F("必要な免許・資格", 2, "licence_required", "fuyou", note="必須 / 不要"),
    F("免許・資格の名称", 2, "licence_note", "text200"),
    F(
        "免許・資格コード",
        2,
        "licence_codes",
        "licence_codes",
        note="4-digit codes, e.g. 1001 3011",
    ),
    F("普通自動車運転免許", 2, "car_licence", "json", note="必須 / あれば尚可, AT限定可 / 不要"),
    F("試用期間", 2, "trial_period", "json"),
    # 3 賃金・手当
    F("賃金形態", 3, "wage_form", "json", note="月給 / 日給 / 時給 …"),
    F("賃金", 3, "wage", "wage", True, note="230,000円〜400,000円 (hourly for パート)"),
    F("基本給", 3, "base_wage", "base_wage", note="a: 200,000円〜250,000円"),
    F("定額的に支払われる手当", 3, "fixed_allowances", "json", note="b"),
    F("固定残業代", 3, "fixed_overtime", "json", note="c"),
    F("その他の手当等付記事項", 3, "other_allowances", "json", note="d"),
    F("月平均労働日数", 3, "monthly_work_days", "json"),
    F("通勤手当", 3, "commute_allowance", "ari", note="あり / なし"),
    F("通勤手当の額", 3, "commute_amount", "json"),
    F("賃金締切日", 3, "wage_closing", "json"),
    F("賃金支払日", 3, "wage_payday", "json"),
    F("昇給", 3, "raise", "json"),
    F("賞与", 3, "bonus", "ari", note="あり / なし"),
    F("賞与（前年度実績）", 3, "bonus_months", "months", note="2.00ヶ月分"),
    F("賞与の回数", 3, "bonus_times", "json"),
    F("年収例", 3, "income_examples", "json"),
    # 4 労働時間
    F("就業時間１", 4, "hours", "hours", note="9時00分〜18時00分"),
    F("就業時間２", 4, "hours_2", "hours_json", note="又は, same form"),
    F("就業時間３", 4, "hours_3", "hours_json", note="又は, same form"),
    F("就業時間に関する特記事項", 4, "hours_note", "json"),
    F("交替制（シフト制）", 4, "shift", "ari", note="あり / なし"),
    F("変形労働時間制", 4, "variable_hours", "json", note="1ヶ月単位 / 1年単位 / なし"),
    F("裁量労働制", 4, "discretionary", "json", note="専門業務型 / 企画業務型 / なし"),
    F("時間外労働", 4, "overtime_hours", "overtime", note="なし / あり（月平均10時間）"),
    F("３６協定における特別条項", 4, "overtime_special", "json"),
    F("休憩時間", 4, "break_minutes", "minutes", note="60分"),
    F("年間休日数", 4, "annual_holidays", "days", note="120日"),
    F("休日等", 4, "holidays", "json", note="土 日 祝 他"),
    F("土日祝休み", 4, "weekends_off", "ari", note="あり / なし"),
    F("週休二日制", 4, "weekly_two_days", "weekly_two", note="毎週 / その他 / なし"),
    F("６ヶ月経過後の年次有給休暇日数", 4, "paid_leave", "json"),
    F("週所定労働日数", 4, "weekly_days", "json"),
    # 5 その他の労働条件
    F("加入保険等", 5, "insurance", "insurance", note="雇用 労災 健康 厚生 公災 財形 …"),
    F("企業年金", 5, "pension_plan", "json"),
    F("退職金制度", 5, "retirement_allowance", "json"),
    F("定年制", 5, "retirement_age", "json", note="あり（一律65歳） / なし"),
    F("再雇用制度", 5, "rehire", "json"),
    F("勤務延長", 5, "extension", "json"),
    F("入居可能住宅", 5, "housing", "ari", note="あり / なし"),
    F("入居可能住宅の内容", 5, "housing_note", "json", note="単身用 / 世帯用"),
    F("利用可能託児施設", 5, "childcare", "ari", note="あり / なし"),
    F("ＵＩＪターン歓迎", 5, "uij_turn", "ari", note="あり / なし"),
    # 6 会社の情報
    F("従業員数（企業全体）", 6, "employees", "people", note="120人"),
    F("従業員数（就業場所）", 6, "employees_workplace", "json"),
    F("うち女性", 6, "employees_women", "json"),
    F("うちパート", 6, "employees_part", "json"),
    F("設立年", 6, "founded", "json"),
    F("資本金", 6, "capital", "json"),
    F("労働組合", 6, "union", "json"),
    F("事業内容", 6, "company_description", "text", employer=True),
    F("会社の特長", 6, "company_features", "json", employer=True),
    F("代表者", 6, "representative", "json", employer=True),
    F("法人番号", 6, "corporate_number", "json", employer=True),
    F("就業規則", 6, "work_rules", "json"),
    F("育児休業取得実績", 6, "childcare_leave", "json"),
    F("外国人雇用実績", 6, "foreign_hires", "json"),
    # 7 選考等
    F("採用人数", 7, "openings", "people", note="2人"),
    F("募集理由", 7, "recruit_reason", "json"),
    F("選考方法", 7, "selection_method", "text200"),
    F("選考結果通知", 7, "result_notice", "json"),
    F("通知方法", 7, "notice_method", "json"),
    F("選考日時等", 7, "selection_schedule", "json"),
    F("選考場所", 7, "selection_place", "json"),
    F("応募書類等", 7, "documents", "json"),
    F("応募書類の送付方法", 7, "document_delivery", "json"),
    F("応募書類の返戻", 7, "documents_returned", "json"),
    F("担当者", 7, "contact", "json", employer=True),
    # 8–10
    F("求人に関する特記事項", 8, "notes", "json"),
    F("求人・事業所PR情報", 9, "pr_info", "json"),
    F("障害者に対する配慮", 10, "disability_support", "json"),
)
FIELD_BY_LABEL = {f.label: f for f in FIELDS}
REQUIRED = tuple(f.label for f in FIELDS if f.required)


def read(field: Field, row: Row) -> str:
    return FIELD_KINDS[field.kind].read(row, field.key)


def write(field: Field, row: Row, text: str) -> None:
    FIELD_KINDS[field.kind].write(row, field.key, text)
