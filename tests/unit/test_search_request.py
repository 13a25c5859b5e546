"""The detailed conditions of the real form are checked where the request is made: hours in
10-minute steps, licence codes 1001–9999, one 時間外労働 choice, a 事業所名 of ≤ 50 characters."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from api_client.job_models import JobSearchRequest
from server.jobs.search.tokens import plan


@pytest.mark.parametrize("value", ["00:00", "08:40", "09:10", "23:50", "24:00"])
def test_hours_in_10_minute_steps_are_accepted(value: str) -> None:
    assert JobSearchRequest(work_from=value).work_from == value


@pytest.mark.parametrize("value", ["09:05", "9:10", "24:10", "25:00", "12:60"])
def test_other_times_are_refused(value: str) -> None:
    with pytest.raises(ValidationError, match="work_from"):
        JobSearchRequest(work_from=value)


@pytest.mark.parametrize("code", ["1001", "5501", "9999"])
def test_licence_codes_in_range(code: str) -> None:
    assert JobSearchRequest(licence_codes=[code]).licence_codes == [code]


@pytest.mark.parametrize("code", ["1000", "0999", "999", "10000", "abcd"])
def test_licence_codes_out_of_range_are_refused(code: str) -> None:
    with pytest.raises(ValidationError, match="licence_codes"):
        JobSearchRequest(licence_codes=[code])


def test_overtime_is_one_choice() -> None:
    with pytest.raises(ValidationError, match="overtime_choice"):
        JobSearchRequest(no_overtime=True, overtime_some=True)
    with pytest.raises(ValidationError, match="overtime_choice"):
        JobSearchRequest(no_overtime=True, overtime_max=20)
    JobSearchRequest(overtime_some=True, overtime_max=20)


def test_company_name_length_and_spaces() -> None:
    with pytest.raises(ValidationError, match="company_name"):
        JobSearchRequest(company_name="あ" * 51)
    assert JobSearchRequest(company_name="  さくら　 商事 ").company_name == "さくら 商事"


def test_each_new_condition_changes_the_plan() -> None:
    """No condition of the form is silently dropped on the way to the index."""
    base = plan(JobSearchRequest())
    for fields in (
        {"exclude_discretionary": True},
        {"exclude_variable_hours": True},
        {"overtime_some": True},
        {"days_off": ["wed"]},
        {"dispatch": "only"},
        {"dispatch": "exclude"},
        {"contract_renewal": ["conditional"]},
        {"retirement_age_min": 60},
        {"housing_kinds": ["family"]},
        {"company_name": "さくら"},
        {"car_licence": ["at_ok"]},
        {"licence_codes": ["1001"]},
        {"regular_conversion": True},
        {"remote_work": True},
        {"near_station": True},
        {"smoking_measures": True},
    ):
        assert plan(JobSearchRequest(**fields)) != base, fields


def test_the_importer_takes_licence_codes_as_the_real_sheet_writes_them() -> None:
    from server.jobs.sheet_fields import FIELD_KINDS

    kind = FIELD_KINDS["licence_codes"]
    row: dict[str, object] = {"sheet": {}}
    kind.write(row, "licence_codes", "１００１、8011 1001")
    assert kind.read(row, "licence_codes") == "1001 8011"
    with pytest.raises(ValueError, match="0999"):
        kind.write(row, "licence_codes", "1001 0999")


def test_the_readme_documents_every_csv_column() -> None:
    from pathlib import Path

    from server.jobs.sheet_fields import FIELDS

    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
    rows = {line.split("|")[1].strip() for line in readme.splitlines() if line.startswith("| ")}
    assert [f.label for f in FIELDS if f.label not in rows] == []
