"""strings/problems.py: every field problem, whatever its source, becomes one sentence that
names the field and fills every parameter, in Japanese and English."""

from __future__ import annotations

import re
import string

import pytest

from api_client.field_messages import REGISTRATION_FIELD_MESSAGES
from strings.i18n import all_strings, set_language, t
from strings.problems import (
    account_problem,
    field_name,
    problem_text,
    search_field_name,
    search_problem,
)


@pytest.fixture(params=["ja", "en"])
def lang(request: pytest.FixtureRequest) -> str:
    set_language(request.param)
    yield request.param
    set_language("ja")


def placeholders(*templates: str) -> dict[str, object]:
    names = {
        name
        for template in templates
        for _, name, _, _ in string.Formatter().parse(template)
        if name and name not in ("field", "where", "label", "message")
    }
    return dict.fromkeys(names, 7)


def codes(prefix: str) -> list[str]:
    return sorted(k.removeprefix(prefix) for k in all_strings() if k.startswith(prefix))


def test_account_codes_name_the_field(lang: str) -> None:
    for code in codes("validation."):
        params = placeholders(*all_strings()[f"validation.{code}"])
        text = account_problem(code, "new_password", params)
        assert field_name("new_password") in text, (code, text)
        assert not re.search(r"\{\w+\}", text), (code, text)


def test_search_codes_name_the_condition(lang: str) -> None:
    for code in codes("search.v."):
        params = placeholders(*all_strings()[f"search.v.{code}"])
        text = search_problem(code, "job_numbers.1", params)
        assert t("search.f.job_number_n", n=2) in text, (code, text)
        assert not re.search(r"\{\w+\}", text), (code, text)
    assert search_field_name("words") == t("search.f.words")


def test_registration_codes_name_the_field_and_the_step(lang: str) -> None:
    where = t("reg.where", step=6, name=t("reg.step.6"))
    for code, texts in REGISTRATION_FIELD_MESSAGES.items():
        text = problem_text(code, "仕事内容", placeholders(*texts), where=where)
        assert "仕事内容" in text and where.strip() in text, (code, text)
        assert not re.search(r"\{\w+\}", text), (code, text)


def test_unknown_codes_and_choices(lang: str) -> None:
    assert problem_text("no_such_code", "X") == t("validation.invalid", field="X")
    assert problem_text("invalid", "X") == t("validation.invalid", field="X")
    assert problem_text("required", "X", choice=True) == t("problem.choose", field="X")
    # A search condition never reads the registration rules' wording.
    assert search_problem("too_long", "words") == t("validation.invalid", field=t("search.f.words"))
    assert field_name("no_such_field") == t("field.field")


# (field path of the wizard, code) as the rules raise them: each names its field once.
WIZARD_PROBLEMS = [
    (1, "postal_code", "postal_code_unknown", {}),
    (1, "postal_code", "postal_code_format", {}),
    (1, "phone_fixed", "phone_fixed_format", {}),
    (1, "phone_fixed", "phone_format", {}),
    (1, "phone_mobile", "phone_mobile_format", {}),
    (1, "phone_mobile", "phone_one_required", {}),
    (1, "family_name_kana", "kana_only", {}),
    (2, "contact_means", "contact_needs_phone_fixed", {}),
    (3, "hours_from", "time_format", {}),
    (3, "occupations.0", "unknown_code", {"code": "9999"}),
    (4, "municipalities.1", "unknown_code", {"code": "99999"}),
]


@pytest.mark.parametrize(("step", "path", "code", "params"), WIZARD_PROBLEMS)
def test_wizard_problems_name_their_field_once(
    lang: str, step: int, path: str, code: str, params: dict[str, object]
) -> None:
    from widgets.step_form import field_title, step_problem_text

    text = step_problem_text(step, path, code, params)
    title = field_title(path)
    assert text.count(title) == 1, text
    # Only the registration rules' words: not the search form's "choice" wording.
    assert "選択肢" not in text and "choices" not in text, text


def test_account_problems_name_their_field_once(lang: str) -> None:
    for code, name in [("password_wrong", "current_password"), ("email_taken", "new_email")]:
        text = account_problem(code, name, {"remaining": 1})
        assert text.count(field_name(name)) == 1, text
    assert account_problem("password_wrong", "current_password", {"remaining": 1}) == t(
        "reg.problem",
        where="",
        label=field_name("current_password"),
        message=t("regv.password_wrong", remaining=1),
    )
