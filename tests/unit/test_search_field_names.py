"""Every search condition has a name of its own in both languages: field errors and the
one-line summary of a saved condition use it (never the generic 入力欄 / Field)."""

from __future__ import annotations

import pytest

from api_client.job_models import JobSearchRequest
from strings.i18n import set_language, t
from strings.problems import search_field_name

NOT_CONDITIONS = {"page", "per_page", "sort", "word_mode"}


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_every_condition_has_a_name(lang: str) -> None:
    set_language(lang)
    generic = t("field.field")
    unnamed = [
        name
        for name in JobSearchRequest.model_fields
        if name not in NOT_CONDITIONS and search_field_name(name) == generic
    ]
    assert unnamed == []
    assert search_field_name("licence_codes.2") != search_field_name("licence_codes.0")
