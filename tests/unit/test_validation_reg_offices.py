"""The 利用安定所 table: an office for every prefecture, municipality keys that exist."""

from __future__ import annotations

from server.codes.tables import municipality_by_code, prefectures
from server.registration import offices
from server.registration.service import seeker_number_prefix


def test_every_prefecture_has_an_office() -> None:
    for pref in prefectures():
        if pref.code == "59":
            assert offices.office_for(pref.code, "") is None  # 海外 has no office
            continue
        office = offices.office_for(pref.code, f"{pref.code}999")
        assert office is not None and office.name.endswith("公共職業安定所")
        assert office.code.startswith(pref.code)


def test_municipality_offices_exist_and_beat_the_prefecture() -> None:
    munis = municipality_by_code()
    for code, (office_code, _name) in offices._BY_MUNICIPALITY.items():
        assert code in munis, code
        office = offices.office_for(code[:2], code)
        assert office is not None and office.code == office_code
    assert len({o.code for o in offices.all_offices()}) == len(offices.all_offices())


def test_online_seeker_numbers_start_with_7_and_the_office() -> None:
    assert seeker_number_prefix("13090") == "71309"
