"""The one table that turns a field problem into words.

A problem is a code with parameters — from the shared rules (api_client/validation.py,
registration_validation.py, profile_rules.py), the search form, or a server's 422 — about one
field. The text always names the field and says what to do, in the current language:

- `validation.<code>`: sentences with the field's name in them (e-mail, password, …);
- `search.v.<code>`: the search form's codes, same shape;
- `regv.<code>`: the registration rules' codes (shared with the server's English messages),
  sentences without the field, joined to its name by `reg.problem`.

Field names come from `field.<name>` (account forms), `search.f.<name>` (the search form) or
the registration wizard's own titles (passed in as words).
"""

from __future__ import annotations

from collections.abc import Mapping

from strings.i18n import has, t

# Parameters that say where a problem is, not what it is.
_PLACE_PARAMS = frozenset({"field", "step"})


def problem_text(
    code: str,
    field: str,
    params: Mapping[str, object] | None = None,
    *,
    where: str = "",
    choice: bool = False,
    registration: bool = True,
) -> str:
    """One problem as a sentence naming `field` (already in words). `where` prefixes it
    ("6 経歴 " in the wizard); `choice`: the field is chosen, not typed ("choose …");
    `registration`: the registration rules' codes apply (not to search conditions)."""
    values = {k: v for k, v in (params or {}).items() if k not in _PLACE_PARAMS}
    named = where + field
    if code == "required" and choice:
        return t("problem.choose", field=named)
    if code != "invalid":
        if has(f"validation.{code}"):
            return t(f"validation.{code}", field=named, **values)
        # The registration rules' wording first where they apply: a code typed into a
        # registration field is not a search condition's "choice" (unknown_code is both).
        if registration and has(f"regv.{code}"):
            return t("reg.problem", where=where, label=field, message=t(f"regv.{code}", **values))
        if has(f"search.v.{code}"):
            return t(f"search.v.{code}", field=named, **values)
    return t("validation.invalid", field=named)


def field_name(name: str) -> str:
    """An account form's field (`email`, `new_password`, …) in words."""
    key = f"field.{name}"
    return t(key) if has(key) else t("field.field")


# Search conditions whose label is not `search.f.<name>`.
_SEARCH_FIELD_KEYS = {
    "category": "search.f.categories",
    "places": "search.f.prefectures",
    "desired_jobs": "search.f.occupations",
}


def search_field_name(name: str) -> str:
    """A search condition (`words`, `job_numbers.2`, …) in words."""
    top, _, index = name.partition(".")
    if top in ("job_numbers", "licence_codes") and index.isdigit():
        one = {"job_numbers": "search.f.job_number_n", "licence_codes": "search.f.licence_code_n"}
        return t(one[top], n=int(index) + 1)
    key = _SEARCH_FIELD_KEYS.get(top, f"search.f.{top}")
    return t(key) if has(key) else t("field.field")


def account_problem(code: str, name: str, params: Mapping[str, object] | None = None) -> str:
    """A problem of an account form's field, named by that field."""
    return problem_text(code, field_name(name), params)


def search_problem(code: str, name: str, params: Mapping[str, object] | None = None) -> str:
    """A problem of a search condition, named by that condition."""
    return problem_text(code, search_field_name(name), params, registration=False)
