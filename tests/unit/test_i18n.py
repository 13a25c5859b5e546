"""The catalogue: both languages complete, every error and validation code has a message."""

from __future__ import annotations

import ast
import inspect
import string

import pytest

from api_client import validation
from api_client.models import ErrorCode
from strings import i18n
from strings.i18n import all_strings, set_language, t

CATALOGUE = all_strings()


def validation_codes() -> set[str]:
    """Every Problem code that validation.py can produce (read from its source)."""
    tree = ast.parse(inspect.getsource(validation))
    codes: set[str] = set()
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Name)
            and node.func.id == "Problem"
            and node.args
            and isinstance(node.args[0], ast.Constant)
        ):
            codes.add(node.args[0].value)
    return codes


def placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


@pytest.fixture(autouse=True)
def _restore_language():
    yield
    set_language("ja")


def test_every_entry_has_both_languages() -> None:
    for key, pair in CATALOGUE.items():
        assert isinstance(pair, tuple) and len(pair) == 2, key
        ja, en = pair
        assert ja.strip() and en.strip(), key
        # The same parameters in both languages, so neither can crash or drop a value.
        assert placeholders(ja) == placeholders(en), key


def test_english_is_not_japanese() -> None:
    untranslated = [k for k, (ja, en) in CATALOGUE.items() if ja == en]
    assert untranslated == []
    assert all(
        not any("\u3040" <= c <= "\u30ff" for c in en)
        for k, (_, en) in CATALOGUE.items()
        if k != "key.language"
    ), "English text must not contain kana"


@pytest.mark.parametrize("code", list(ErrorCode))
def test_every_error_code_has_a_message(code: ErrorCode) -> None:
    assert f"error.{code.value}" in CATALOGUE


def test_validation_codes_found() -> None:
    # Guard the AST scan itself: it must see the codes we know exist.
    assert {"required", "password_missing_digit", "email_invalid"} <= validation_codes()


@pytest.mark.parametrize("code", sorted(validation_codes()))
def test_every_validation_code_has_a_message(code: str) -> None:
    assert f"validation.{code}" in CATALOGUE
    # Validation messages name the field they are about.
    assert "{field}" in CATALOGUE[f"validation.{code}"][0]


def test_t_formats_and_switches_language() -> None:
    set_language("ja")
    assert t("home.unread", count=2) == "新着メッセージ: 2件"
    set_language("en")
    assert t("home.unread", count=2) == "New messages: 2"
    assert i18n.get_language() == "en"


def test_missing_parameter_stays_visible_and_unknown_key_falls_back() -> None:
    set_language("en")
    assert t("home.unread") == "New messages: {count}"
    assert t("home.unread", other=1) == "New messages: {count}"
    assert t("no.such.key") == "no.such.key"


def test_password_problem_messages_fill_every_parameter() -> None:
    from strings.problems import account_problem

    for lang in ("ja", "en"):
        set_language(lang)
        for password in (
            "",
            "ａ",
            "abc",
            "abcdefgh",
            "12345678",
            "abcd1234",
            "x" * 40 + "1!",
            "pass word1!",
            "password1!",
        ):
            for p in validation.password_problems(password):
                text = account_problem(p.code, "new_password", p.params)
                assert "{" not in text, (lang, p.code, text)


def test_domain_catalogues_load_on_first_use() -> None:
    """The search and profile strings are not loaded at start-up (only the login screen's
    are needed), yet any of their keys works, through t() or has(), in a fresh process."""
    import subprocess
    import sys

    code = (
        "import sys; from strings import i18n; "
        "assert 'strings.catalogue.search' not in sys.modules; "
        "assert i18n.has('results.title'); "
        "assert 'strings.catalogue.search' in sys.modules; "
        "assert i18n.t('results.title') != 'results.title'"
    )
    subprocess.run([sys.executable, "-c", code], check=True)
