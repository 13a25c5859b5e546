"""利用安定所: the Hello Work office assigned from a seeker's address.

One real-named 公共職業安定所 per prefecture (the one in the prefectural capital), plus more
specific offices for a few municipalities (JIS X 0402 codes). The office codes are
synthetic: two digits of the prefecture and three of our own; they seed 求職番号
(7 + the first four digits of the office code, seed 001's 7□□□□-□□□□□□□□).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class OfficeInfo:
    code: str
    name: str


# prefecture code → office of the prefectural capital
_BY_PREFECTURE: dict[str, tuple[str, str]] = {
    "01": ("01010", "札幌公共職業安定所"),
    "02": ("02010", "青森公共職業安定所"),
    "03": ("03010", "盛岡公共職業安定所"),
    "04": ("04010", "仙台公共職業安定所"),
    "05": ("05010", "秋田公共職業安定所"),
    "06": ("06010", "山形公共職業安定所"),
    "07": ("07010", "福島公共職業安定所"),
    "08": ("08010", "水戸公共職業安定所"),
    "09": ("09010", "宇都宮公共職業安定所"),
    "10": ("10010", "前橋公共職業安定所"),
    "11": ("11010", "浦和公共職業安定所"),
    "12": ("12010", "千葉公共職業安定所"),
    "13": ("13010", "飯田橋公共職業安定所"),
    "14": ("14010", "横浜公共職業安定所"),
    "15": ("15010", "新潟公共職業安定所"),
    "16": ("16010", "富山公共職業安定所"),
    "17": ("17010", "金沢公共職業安定所"),
    "18": ("18010", "福井公共職業安定所"),
    "19": ("19010", "甲府公共職業安定所"),
    "20": ("20010", "長野公共職業安定所"),
    "21": ("21010", "岐阜公共職業安定所"),
    "22": ("22010", "静岡公共職業安定所"),
    "23": ("23010", "名古屋中公共職業安定所"),
    "24": ("24010", "津公共職業安定所"),
    "25": ("25010", "大津公共職業安定所"),
    "26": ("26010", "京都西陣公共職業安定所"),
    "27": ("27010", "大阪東公共職業安定所"),
    "28": ("28010", "神戸公共職業安定所"),
    "29": ("29010", "奈良公共職業安定所"),
    "30": ("30010", "和歌山公共職業安定所"),
    "31": ("31010", "鳥取公共職業安定所"),
    "32": ("32010", "松江公共職業安定所"),
    "33": ("33010", "岡山公共職業安定所"),
    "34": ("34010", "広島公共職業安定所"),
    "35": ("35010", "山口公共職業安定所"),
    "36": ("36010", "徳島公共職業安定所"),
    "37": ("37010", "高松公共職業安定所"),
    "38": ("38010", "松山公共職業安定所"),
    "39": ("39010", "高知公共職業安定所"),
    "40": ("40010", "福岡中央公共職業安定所"),
    "41": ("41010", "佐賀公共職業安定所"),
    "42": ("42010", "長崎公共職業安定所"),
    "43": ("43010", "熊本公共職業安定所"),
    "44": ("44010", "大分公共職業安定所"),
    "45": ("45010", "宮崎公共職業安定所"),
    "46": ("46010", "鹿児島公共職業安定所"),
    "47": ("47010", "那覇公共職業安定所"),
}

# municipality code → a more specific office (codes match server/demo.py where both exist)
_BY_MUNICIPALITY: dict[str, tuple[str, str]] = {
    "13101": ("13010", "飯田橋公共職業安定所"),  # 千代田区
    "13102": ("13010", "飯田橋公共職業安定所"),  # 中央区
    "13105": ("13010", "飯田橋公共職業安定所"),  # 文京区
    "13106": ("13020", "上野公共職業安定所"),  # 台東区
    "13109": ("13030", "品川公共職業安定所"),  # 品川区
    "13111": ("13040", "大森公共職業安定所"),  # 大田区
    "13104": ("13090", "新宿公共職業安定所"),  # 新宿区
    "11222": ("11060", "越谷公共職業安定所"),  # 越谷市
    "46210": ("46070", "大口公共職業安定所"),  # 伊佐市
    "27128": ("27010", "大阪東公共職業安定所"),  # 大阪市中央区
}


def office_for(prefecture_code: str, municipality_code: str) -> OfficeInfo | None:
    """The office serving an address, or None (e.g. a code outside 01–47)."""
    row = _BY_MUNICIPALITY.get(municipality_code) or _BY_PREFECTURE.get(prefecture_code)
    return OfficeInfo(*row) if row else None


def all_offices() -> list[OfficeInfo]:
    rows = {**{c: n for c, n in _BY_PREFECTURE.values()}, **dict(_BY_MUNICIPALITY.values())}
    return [OfficeInfo(code, name) for code, name in sorted(rows.items())]
