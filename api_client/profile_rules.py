"""Rules of the 7 registration steps, shared by the TUI (to check before sending) and the
server (which enforces them itself and adds what needs its reference data: postal codes,
occupation and municipality codes).

`check_step(n, body, today)` returns the normalised body, every problem as
(dotted field path, Problem) and what normalisation changed.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from .profile_models import (
    BasicInfo,
    Career,
    Careers,
    CareerStatus,
    ContactMeans,
    DesiredPlace,
    DesiredWork,
    EducationInfo,
    Licence,
    Publication,
    SelfPr,
    StepBody,
    WorkForm,
)
from .registration_validation import (
    fullwidth_problems,
    kana_problems,
    normalise_digits,
    normalise_fullwidth,
    normalise_kana,
    normalise_postal_code,
    parse_date,
    parse_time,
    parse_year_month,
    phone_problems,
    postal_code_problems,
    trimmed,
)
from .validation import Normalised, Problem, normalise_halfwidth

NAME_MAX = 30
KANA_MAX = 60
ADDRESS_MAX = 100  # full-width characters
EMPLOYMENT_TYPE_MAX = 30  # 雇用形態 (seed 001)
JOB_CONTENT_MAX = 100  # 仕事内容 (seed 001)
SCHOOL_MAX = 50
LICENCE_MAX = 30
SELF_PR_MAX = 500
WAGE_MAX = {"monthly": 9_999_999, "hourly": 99_999}
OLDEST_BIRTH_YEAR = 1900
MIN_AGE = 13


@dataclass
class StepCheck:
    body: StepBody
    problems: list[tuple[str, Problem]] = field(default_factory=list)
    normalised: list[tuple[str, str, str]] = field(default_factory=list)

    def norm(self, path: str, before: str, n: Normalised) -> str:
        if n.changed and n.value != before:
            self.normalised.append((path, before, n.value))
        return n.value

    def add(self, path: str, problems: list[Problem]) -> None:
        self.problems += [(path, p) for p in problems]

    @property
    def complete(self) -> bool:
        return not self.problems


def check_step(n: int, body: StepBody, today: date) -> StepCheck:
    """Check step `n` (its body must be that step's model)."""
    if isinstance(body, BasicInfo):
        return _basic(body, today)
    if isinstance(body, Publication):
        return _publication(body, today)
    if isinstance(body, DesiredWork):
        return _desired_work(body, today)
    if isinstance(body, DesiredPlace):
        return _desired_place(body, today)
    if isinstance(body, EducationInfo):
        return _education(body, today)
    if isinstance(body, Careers):
        return _careers(body, today)
    return _self_pr(body, today)


def _basic(body: BasicInfo, today: date) -> StepCheck:
    c = StepCheck(body)
    values = body.model_dump()
    for name in ("family_name", "given_name"):
        raw = getattr(body, name)
        values[name] = c.norm(name, raw, trimmed(raw))
        c.add(name, fullwidth_problems(values[name], NAME_MAX, required=True))
    for name in ("family_name_kana", "given_name_kana"):
        raw = getattr(body, name)
        values[name] = c.norm(name, raw, normalise_kana(raw))
        c.add(name, kana_problems(values[name], KANA_MAX))
    values["birth_date"] = c.norm("birth_date", body.birth_date, normalise_digits(body.birth_date))
    born, problems = parse_date(values["birth_date"])
    if born is not None:
        values["birth_date"] = born.isoformat()
        if born.year < OLDEST_BIRTH_YEAR or born > date(today.year - MIN_AGE, 12, 31):
            problems = [Problem("birth_date_range", {"min_age": MIN_AGE})]
    c.add("birth_date", problems)
    if body.gender is None:
        c.add("gender", [Problem("required")])
    values["postal_code"] = c.norm(
        "postal_code", body.postal_code, normalise_postal_code(body.postal_code)
    )
    c.add("postal_code", postal_code_problems(values["postal_code"]))
    values["address"] = c.norm("address", body.address, normalise_fullwidth(body.address))
    c.add("address", fullwidth_problems(values["address"], ADDRESS_MAX, required=True))
    for name, mobile in (("phone_fixed", False), ("phone_mobile", True)):
        raw = getattr(body, name)
        values[name] = c.norm(name, raw, normalise_digits(raw))
        c.add(name, phone_problems(values[name], mobile=mobile))
    if not values["phone_fixed"] and not values["phone_mobile"]:
        c.add("phone_mobile", [Problem("phone_one_required")])
    c.body = BasicInfo.model_validate(values)
    return c


def _publication(body: Publication, _today: date) -> StepCheck:
    c = StepCheck(body)
    if body.publish is None:
        c.add("publish", [Problem("required")])
    if body.contact_allowed is None:
        c.add("contact_allowed", [Problem("required")])
    if body.contact_allowed and not body.contact_means:
        c.add("contact_means", [Problem("choose_one")])
    if len(set(body.contact_means)) != len(body.contact_means):
        c.body = body.model_copy(update={"contact_means": list(dict.fromkeys(body.contact_means))})
    return c


def _desired_work(body: DesiredWork, _today: date) -> StepCheck:
    c = StepCheck(body)
    values = body.model_dump()
    if body.work_style is None:
        c.add("work_style", [Problem("required")])
    if body.employment_period is None:
        c.add("employment_period", [Problem("required")])
    codes = []
    for i, raw in enumerate(body.occupations):
        codes.append(c.norm(f"occupations.{i}", raw, normalise_halfwidth(raw)))
    values["occupations"] = list(dict.fromkeys(code for code in codes if code))
    if values["occupations"] and body.occupations_undecided:
        c.add("occupations_undecided", [Problem("choose_or_undecided")])
    elif not values["occupations"] and not body.occupations_undecided:
        c.add("occupations", [Problem("choose_or_undecided")])
    if body.hours_none:
        if body.hours_from or body.hours_to:
            c.add("hours_none", [Problem("choose_or_none")])
    else:
        minutes: dict[str, int | None] = {}
        for name in ("hours_from", "hours_to"):
            raw = getattr(body, name)
            values[name] = c.norm(name, raw, normalise_halfwidth(raw))
            minutes[name], problems = parse_time(values[name])
            if not raw and not body.hours_from and not body.hours_to:
                problems = [Problem("choose_or_none")] if name == "hours_from" else []
            c.add(name, problems)
        start, end = minutes["hours_from"], minutes["hours_to"]
        if start is not None and end is not None and start == end:
            c.add("hours_to", [Problem("time_range")])
    if body.days_off and body.days_off_none:
        c.add("days_off_none", [Problem("choose_or_none")])
    elif not body.days_off and not body.days_off_none:
        c.add("days_off", [Problem("choose_or_none")])
    values["days_off"] = list(dict.fromkeys(body.days_off))
    values["features"] = list(dict.fromkeys(body.features))
    c.body = DesiredWork.model_validate(values)
    return c


def _desired_place(body: DesiredPlace, _today: date) -> StepCheck:
    c = StepCheck(body)
    values = body.model_dump()
    for name in ("prefectures", "municipalities"):
        out = []
        for i, raw in enumerate(getattr(body, name)):
            out.append(c.norm(f"{name}.{i}", raw, normalise_halfwidth(raw)))
        values[name] = list(dict.fromkeys(v for v in out if v))
    raw = body.minimum_wage
    digits = normalise_digits(raw).value.replace(",", "").removesuffix("円")
    wage = c.norm("minimum_wage", raw, Normalised(digits, digits != raw))
    values["minimum_wage"] = wage
    if wage:
        if not wage.isdigit():
            c.add("minimum_wage", [Problem("number_format")])
        elif body.wage_kind is None:
            c.add("wage_kind", [Problem("required")])
        elif int(wage) > WAGE_MAX[body.wage_kind.value]:
            c.add("minimum_wage", [Problem("too_large", {"max": WAGE_MAX[body.wage_kind.value]})])
    c.body = DesiredPlace.model_validate(values)
    return c


def _education(body: EducationInfo, today: date) -> StepCheck:
    c = StepCheck(body)
    if body.last_education is None:
        c.add("last_education", [Problem("required")])
    if body.status is None:
        c.add("status", [Problem("required")])
    c.add("school_name", fullwidth_problems(body.school_name.strip(), SCHOOL_MAX))
    licences = []
    for i, lic in enumerate(body.licences):
        path = f"licences.{i}"
        name = lic.name.strip()
        acquired = c.norm(f"{path}.acquired", lic.acquired, normalise_digits(lic.acquired))
        if not name and not acquired:
            continue  # an empty row is dropped, not an error
        c.add(f"{path}.name", fullwidth_problems(name, LICENCE_MAX, required=True))
        if acquired:
            ym, problems = parse_year_month(acquired)
            if ym is not None:
                acquired = f"{ym[0]:04d}-{ym[1]:02d}"
                if ym > (today.year, today.month):
                    problems = [Problem("date_in_future")]
            c.add(f"{path}.acquired", problems)
        licences.append(Licence(name=name, acquired=acquired))
    c.body = body.model_copy(update={"licences": licences, "school_name": body.school_name.strip()})
    return c


def _careers(body: Careers, today: date) -> StepCheck:
    c = StepCheck(body)
    if body.careers and body.no_career:
        c.add("no_career", [Problem("choose_or_none")])
    elif not body.careers and not body.no_career:
        c.add("careers", [Problem("choose_or_none")])
    now = (today.year, today.month)
    out = []
    for i, career in enumerate(body.careers):
        p = f"careers.{i}"
        employment_type = career.employment_type.strip()
        job_content = career.job_content.strip()
        c.add(f"{p}.employment_type", fullwidth_problems(employment_type, EMPLOYMENT_TYPE_MAX))
        c.add(f"{p}.job_content", fullwidth_problems(job_content, JOB_CONTENT_MAX, required=True))
        if career.work_form is WorkForm.self_employed and employment_type:
            c.add(f"{p}.employment_type", [Problem("not_for_self_employed")])
        months: dict[str, tuple[int, int] | None] = {}
        texts: dict[str, str] = {}
        for name in ("start", "end"):
            raw = getattr(career, name)
            texts[name] = c.norm(f"{p}.{name}", raw, normalise_digits(raw))
            ym: tuple[int, int] | None = None
            problems: list[Problem] = []
            if texts[name]:
                ym, problems = parse_year_month(texts[name])
                if ym is not None:
                    texts[name] = f"{ym[0]:04d}-{ym[1]:02d}"
                    if ym > now:
                        problems = [Problem("date_in_future")]
                        ym = None
            elif name == "start" or career.status is CareerStatus.left:
                problems = [Problem("required")]
            months[name] = ym
            c.add(f"{p}.{name}", problems)
        start, end = months["start"], months["end"]
        if career.status is None:
            c.add(f"{p}.status", [Problem("required")])
        elif career.status is CareerStatus.current and texts["end"]:
            c.add(f"{p}.end", [Problem("end_while_current")])
        if start is not None and end is not None and end < start:
            c.add(f"{p}.end", [Problem("end_before_start")])
        if career.status is CareerStatus.left and career.leaving_reason is None:
            c.add(f"{p}.leaving_reason", [Problem("required")])
        out.append(
            Career(
                work_form=career.work_form,
                employment_type=employment_type,
                job_content=job_content,
                start=texts["start"],
                end=texts["end"],
                status=career.status,
                leaving_reason=career.leaving_reason,
            )
        )
    c.body = body.model_copy(update={"careers": out})
    return c


def _self_pr(body: SelfPr, _today: date) -> StepCheck:
    c = StepCheck(body)
    text = body.self_pr.strip()
    c.add("self_pr", fullwidth_problems(text, SELF_PR_MAX))
    c.body = SelfPr(self_pr=text)
    return c


def contact_problems(basic: BasicInfo, publication: Publication) -> list[tuple[str, Problem]]:
    """Across steps 1 and 2: a chosen phone contact needs that phone number."""
    out: list[tuple[str, Problem]] = []
    for i, means in enumerate(publication.contact_means):
        if means is ContactMeans.fixed_phone and not basic.phone_fixed:
            out.append((f"contact_means.{i}", Problem("contact_needs_phone_fixed")))
        if means is ContactMeans.mobile_phone and not basic.phone_mobile:
            out.append((f"contact_means.{i}", Problem("contact_needs_phone_mobile")))
    return out
