"""The 求人検索 form: every condition of `JobSearchRequest`, as on the real form, keys only.

The form turns its controls into a request (`build()`), fills itself from one (`load()`), and
shows field errors next to the control they belong to (`show_errors()`, keyed by the API's
field names such as "licence_codes.2" or "places.0"). It is cut into numbered sections
(`SECTIONS`); `focus_section(n)` moves to a section's first control (the screen's section
keys). Things that need the server or a picker (municipalities, 希望する職種, 職業分類,
産業分類) are asked for with messages; the screen answers them.

求人番号 are not searched here: 番号検索 is its own screen, as on the real site. A saved
condition that still carries some keeps them (said on the form) until cleared.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from enum import StrEnum
from functools import partial
from typing import TYPE_CHECKING, Any

from textual import events
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.widget import Widget
from textual.widgets import Collapsible, Select, Static
from textual.widgets._select import SelectCurrent

from api_client.job_models import (
    EMPLOYER_NUMBER_RE,
    SLOT_DETAILS,
    SLOTS,
    CarLicence,
    ContractRenewal,
    DayOff,
    EmploymentType,
    Feature,
    HousingKind,
    InsuranceItem,
    JobCategory,
    JobSearchRequest,
    LicenceCode,
    WorkStyle,
)
from strings.i18n import get_language, t
from strings.marks import ERROR, marked
from strings.problems import search_problem
from widgets.checkbox import TickBox
from widgets.detail_section import DetailSection
from widgets.field import Field, FieldFrame
from widgets.multi_picker import labelled
from widgets.push_button import PushButton

if TYPE_CHECKING:
    from api_client.job_models import IndustryInfo, MunicipalityInfo, PrefectureInfo

# Boxes whose widget id is the request's field name (all false by default).
FLAGS = (
    "bonus",
    "exclude_shift",
    "exclude_discretionary",
    "exclude_variable_hours",
    "weekends_off",
    "insurance",
    "housing",
    "childcare",
    "company_name_exclude",
    "car_licence_exclude",
    "licence_codes_exclude",
    "licence_not_required",
    "education_not_required",
    "experience_not_required",
    "no_document_screening",
    "regular_conversion",
    "car_commute",
    "no_transfer",
    "remote_work",
    "near_station",
    "smoking_measures",
    "trial_employment",
    "uij_turn",
    "inexperienced_ok",
)
# Lists of enum values, one box each: field → (enum, widget id prefix, catalogue prefix).
LIST_BOXES: dict[str, tuple[type[StrEnum], str, str]] = {
    "work_styles": (WorkStyle, "style", "search.work_style"),
    "employment_types": (EmploymentType, "emp", "search.employment"),
    "days_off": (DayOff, "day", "search.day"),
    "insurance_items": (InsuranceItem, "ins", "search.insurance"),
    "contract_renewal": (ContractRenewal, "renew", "search.renewal"),
    "housing_kinds": (HousingKind, "house", "search.housing"),
    "car_licence": (CarLicence, "car", "search.car_licence"),
    "features": (Feature, "feat", "search.feature"),
}
WAGE_STEPS = tuple(range(50_000, 1_000_001, 10_000))
HOURLY_STEPS = tuple(range(900, 3_050, 50))
HOLIDAY_STEPS = tuple(range(80, 135, 5))
EMPLOYEE_STEPS = (10, 100, 300, 1000)
RETIREMENT_AGES = tuple(range(60, 71))
OVERTIME_CAPS = (10, 20, 30, 45)
# 就業時間 as the real form offers it: hours 00–23, minutes in 10-minute steps.
TEN_MINUTES = tuple(f"{h:02d}:{m:02d}" for h in range(24) for m in range(0, 60, 10))
LICENCE_SLOTS = SLOTS


class Section(StrEnum):
    """The form's sections, in order; `focus_section` takes their 1-based number."""

    basic = "basic"
    place = "place"
    job = "job"
    words = "words"
    wage = "wage"
    holidays = "holidays"
    terms = "terms"
    company = "company"
    other = "other"


SECTIONS: tuple[Section, ...] = tuple(Section)
DETAIL_SECTIONS = frozenset(
    {Section.wage, Section.holidays, Section.terms, Section.company, Section.other}
)
# The first control of each section (where its key moves the focus).
FIRST_CONTROL = {
    Section.basic: "category",
    Section.place: "pref-0",
    Section.job: "desired-0",
    Section.words: "words",
    Section.wage: "wage_monthly_min",
    Section.holidays: "day-mon",
    Section.terms: "insurance",
    Section.company: "industries",
    Section.other: "no_document_screening",
}


def halfwidth(text: str) -> str:
    return unicodedata.normalize("NFKC", text).strip().replace("ー", "-").replace("−", "-")


def is_licence_code(code: str) -> bool:
    from pydantic import TypeAdapter, ValidationError

    try:
        TypeAdapter(LicenceCode).validate_python(code)
    except ValidationError:
        return False
    return True


@dataclass
class _Label:
    widget: Widget
    key: str
    params: dict[str, object]


class SearchForm(Vertical):
    """All conditions. Errors: `show_errors({"licence_codes.1": ["…"]})`."""

    DEFAULT_CSS = """
    SearchForm { height: auto; }
    SearchForm .row { height: auto; }
    SearchForm .row.-stacked { layout: vertical; }
    SearchForm .section { margin: 1 0 0 0; }
    SearchForm .group-label { text-style: bold; margin: 1 0 0 0; }
    SearchForm .group-error { display: none; text-style: bold; color: $text-error; }
    SearchForm .group-error.-shown { display: block; }
    SearchForm Select { width: 40; margin: 0 1 0 0; }
    SearchForm .row Field { width: 30; margin: 0 1 0 0; }
    SearchForm .row Field Input { width: 28; }
    SearchForm .row Field.short { width: 22; }
    SearchForm .row Field.short Input { width: 20; }
    SearchForm PushButton.pick {
        width: 1fr; max-width: 100; margin: 0; content-align: left middle;
    }
    SearchForm TickBox { width: auto; }
    SearchForm #carried-numbers { display: none; }
    SearchForm #carried-numbers.-shown { display: block; }
    """

    class PrefectureChanged(Message):
        def __init__(self, slot: int, code: str) -> None:
            super().__init__()
            self.slot, self.code = slot, code

    class Pick(Message):
        """A picker is wanted: `what` is "municipalities", "desired", "classification" or
        "industries"; `slot` the slot (0 for industries)."""

        def __init__(self, what: str, slot: int) -> None:
            super().__init__()
            self.what, self.slot = what, slot

    def __init__(self, id: str | None = None) -> None:
        super().__init__(id=id)
        self._labels: list[_Label] = []
        self._restack_due = False  # a row measurement is scheduled (on_tick_box_resized)
        self._selects: list[tuple[Select[str], Callable[[], list[tuple[str, str]]]]] = []
        # Chosen with pickers: 希望する職種 (group, details), 職業分類 (code, name),
        # municipalities per place slot, 産業分類.
        self.desired: list[tuple[str, list[str]] | None] = [None] * SLOTS
        self.classifications: list[tuple[str, str] | None] = [None] * SLOTS
        self.municipalities: list[list[str]] = [[] for _ in range(SLOTS)]
        self.industries: list[str] = []
        self.job_numbers: list[str] = []  # carried from a saved condition, see the module
        self.occupation_names: Callable[[str], str] = lambda code: code
        self._prefectures: list[PrefectureInfo] = []
        self._industry_list: list[IndustryInfo] = []
        self._munis: dict[int, list[MunicipalityInfo]] = {}
        self._erring: set[FieldFrame] = set()  # fields showing an error now
        self._erring_groups: set[Static] = set()

    # ------------------------------------------------------------------ building blocks

    def _label(self, key: str, classes: str = "group-label", **params: object) -> Static:
        w = Static(t(key, **params), classes=classes, markup=False)
        self._labels.append(_Label(w, key, params))
        return w

    def _section(self, section: Section) -> Static:
        n = SECTIONS.index(section) + 1
        w = Static("", id=f"sec-{section.value}", classes="section", markup=False)
        self._labels.append(_Label(w, "search.sec.heading", {"n": n, "sec": section.value}))
        return w

    def _tick(self, key: str, id: str) -> TickBox:
        box = TickBox(t(key), id=id)
        self._labels.append(_Label(box, key, {}))
        return box

    def _ticks(self, field: str, per_row: int = 4) -> ComposeResult:
        enum, prefix, catalogue = LIST_BOXES[field]
        members = list(enum)
        for start in range(0, len(members), per_row):
            with Horizontal(classes="row"):
                for m in members[start : start + per_row]:
                    yield self._tick(f"{catalogue}.{m.value}", f"{prefix}-{m.value}")

    def _flags(self, flags: Sequence[str], per_row: int = 3) -> ComposeResult:
        for start in range(0, len(flags), per_row):
            with Horizontal(classes="row"):
                for flag in flags[start : start + per_row]:
                    yield self._tick(f"search.f.{flag}", flag)

    def _select(self, id: str, options: Callable[[], list[tuple[str, str]]]) -> Select[str]:
        sel: Select[str] = Select(options(), allow_blank=False, value="", id=id)
        self._selects.append((sel, options))
        return sel

    def _field(
        self, key: str, input_id: str, hint: str = "", max_length: int = 0, **params: object
    ) -> Field:
        f = Field(
            t(key, **params),
            input_id=input_id,
            hint=t(hint) if hint else "",
            max_length=max_length,
        )
        self._labels.append(_Label(f, key, {"hint": hint, **params}))
        return f

    @staticmethod
    def _error(name: str) -> Static:
        return Static("", id=f"err-{name}", classes="group-error", markup=False)

    @staticmethod
    def _pick(id: str) -> PushButton:
        return PushButton("", id=id, classes="pick")

    def _any(self) -> list[tuple[str, str]]:
        return [(t("search.f.any"), "")]

    # ------------------------------------------------------------------ layout

    def compose(self) -> ComposeResult:
        yield self._section(Section.basic)
        yield self._label("search.f.categories")
        yield self._select("category", self._category_options)
        yield self._label("search.f.work_styles")
        yield from self._ticks("work_styles")
        with Horizontal(classes="row"):
            yield self._field("search.f.age", "age", "search.f.age_hint", max_length=3)
            yield self._select("age_choice", self._age_options)
        yield self._error("age_choice")
        yield self._label("search.f.employment_types")
        yield from self._ticks("employment_types", 3)
        yield self._label("search.f.new_within")
        yield self._select("new_within", self._new_options)

        yield self._section(Section.place)
        yield self._label("search.f.place_hint", classes="hint")
        for i in range(SLOTS):
            yield self._label("search.f.place", n=i + 1)
            yield self._select(f"pref-{i}", self._pref_options)
            yield self._pick(f"munis-{i}")
        yield self._error("places")

        yield self._section(Section.job)
        yield self._label("search.f.pick_hint", classes="hint")
        yield self._label("search.f.desired_jobs")
        for i in range(SLOTS):
            yield self._pick(f"desired-{i}")
        yield self._error("desired_jobs")
        yield self._label("search.f.classifications")
        for i in range(SLOTS):
            yield self._pick(f"class-{i}")
        yield self._error("classifications")

        yield self._section(Section.words)
        yield self._field("search.f.words", "words", "search.f.words_hint")
        yield self._label("search.f.word_mode")
        yield self._select("word_mode", self._mode_options)
        yield self._field("search.f.not_words", "not_words")
        yield self._field("search.f.company_name", "company_name", max_length=50)
        yield self._tick("search.f.company_name_exclude", "company_name_exclude")
        yield self._field(
            "search.f.employer_number", "employer_number", "search.f.employer_number_hint"
        )
        yield Static("", id="carried-numbers", classes="hint", markup=False)

        # ---- detailed conditions: collapsed until asked for (F7, a section key) or filled,
        # which keeps the form light to lay out on every focus change.
        with DetailSection(title=t("search.detail"), collapsed=True, id="detail"):
            yield self._section(Section.wage)
            yield self._label("search.f.wage_monthly_min")
            yield self._select("wage_monthly_min", lambda: self._steps(WAGE_STEPS, "search.f.yen"))
            yield self._tick("search.f.wage_includes_allowances", "wage_includes_allowances")
            yield self._label("search.f.wage_hourly_min")
            yield self._select("wage_hourly_min", lambda: self._steps(HOURLY_STEPS, "search.f.yen"))
            yield self._tick("search.f.bonus", "bonus")
            yield self._label("search.f.work_from")
            yield self._select("work_from", lambda: self._times(TEN_MINUTES))
            yield self._label("search.f.work_until")
            yield self._select("work_until", lambda: self._times((*TEN_MINUTES[1:], "24:00")))
            yield self._error("work_from")
            yield from self._flags(
                ("exclude_shift", "exclude_discretionary", "exclude_variable_hours"), 3
            )
            yield self._label("search.f.overtime")
            yield self._select("overtime", self._overtime_options)
            yield self._error("overtime")

            yield self._section(Section.holidays)
            yield self._label("search.f.days_off")
            yield from self._ticks("days_off")
            yield self._tick("search.f.weekends_off", "weekends_off")
            yield self._label("search.f.weekly_two_days")
            yield self._select("weekly_two_days", self._two_days_options)
            yield self._label("search.f.annual_holidays_min")
            yield self._select(
                "annual_holidays_min", lambda: self._steps(HOLIDAY_STEPS, "search.f.days", "n")
            )

            yield self._section(Section.terms)
            yield self._tick("search.f.insurance", "insurance")
            yield self._label("search.f.insurance_items")
            yield from self._ticks("insurance_items")
            yield self._label("search.f.dispatch")
            yield self._select("dispatch", self._dispatch_options)
            yield self._label("search.f.contract_renewal")
            yield from self._ticks("contract_renewal", 2)
            yield self._label("search.f.retirement_age_min")
            yield self._select("retirement_age_min", self._retirement_options)
            yield self._label("search.f.housing_kinds")
            with Horizontal(classes="row"):
                yield self._tick("search.f.housing", "housing")
                for h in HousingKind:
                    yield self._tick(f"search.housing.{h.value}", f"house-{h.value}")
            yield self._tick("search.f.childcare", "childcare")

            yield self._section(Section.company)
            yield self._label("search.f.industries")
            yield self._pick("industries")
            yield self._error("industries")
            yield self._label("search.f.employees_min")
            yield self._select(
                "employees_min", lambda: self._steps(EMPLOYEE_STEPS, "search.f.people", "n")
            )
            yield self._label("search.f.car_licence")
            with Horizontal(classes="row"):
                for c in CarLicence:
                    yield self._tick(f"search.car_licence.{c.value}", f"car-{c.value}")
                yield self._tick("search.f.car_licence_exclude", "car_licence_exclude")
            yield self._label("search.f.licence_codes")
            yield self._label("search.f.licence_codes_hint", classes="hint")
            with Horizontal(classes="row"):
                for i in range(LICENCE_SLOTS):
                    code = self._field(
                        "search.f.licence_code_n", f"licence_codes-{i}", max_length=4, n=i + 1
                    )
                    code.add_class("short")
                    yield code
            yield self._tick("search.f.licence_codes_exclude", "licence_codes_exclude")
            yield from self._flags(
                ("licence_not_required", "education_not_required", "experience_not_required"), 3
            )

            yield self._section(Section.other)
            yield from self._flags(
                (
                    "no_document_screening",
                    "regular_conversion",
                    "car_commute",
                    "no_transfer",
                    "remote_work",
                    "near_station",
                    "smoking_measures",
                    "trial_employment",
                    "uij_turn",
                    "inexperienced_ok",
                ),
                3,
            )
            yield self._label("search.f.features")
            yield from self._ticks("features", 3)
        yield self._error("form")

    def on_mount(self) -> None:
        self.query_one("#wage_includes_allowances", TickBox).value = True
        self._show_picks()
        self.call_after_refresh(self._stack_rows)

    def on_resize(self, event: events.Resize) -> None:
        self.call_after_refresh(self._stack_rows)

    def on_tick_box_resized(self, event: TickBox.Resized) -> None:
        """Rows are measured again once their boxes have their new widths: measured right
        after a relabel, they could still have the old language's (Ctrl+T left rows of
        English boxes running off the form)."""
        event.stop()
        if not self._restack_due:
            self._restack_due = True
            self.call_after_refresh(self._restack)

    def _restack(self) -> None:
        self._restack_due = False
        self._stack_rows()

    def _stack_rows(self) -> None:
        """A row wider than the form (the condition boxes at 80 columns) is laid out one
        control under the other, so none is clipped out of reach; it goes back to one line
        when the form is wide enough."""
        focused = self.screen.focused
        mine = focused is not None and self in focused.ancestors
        above = False  # a row above the focused control changed height
        for row in self.query(".row").results(Horizontal):
            needed = sum(child.outer_size.width for child in row.children if child.display)
            if not needed:
                continue  # not laid out (the detailed conditions collapsed): measured when shown
            # The row's own width: rows of the detailed conditions sit indented inside it.
            stacked = needed > row.content_size.width
            if stacked != row.has_class("-stacked") and mine and focused is not None:
                above |= row.region.y < focused.region.y
            row.set_class(stacked, "-stacked")
        if above:
            self.call_after_refresh(self._keep_focus_in_view)

    def _keep_focus_in_view(self) -> None:
        """Rows above the focused control changed height (the message line narrowed the
        form): keep it on screen."""
        focused = self.screen.focused
        if focused is not None and self in focused.ancestors:
            focused.scroll_visible(animate=False)

    # ------------------------------------------------------------------ sections

    def focus_section(self, number: int) -> Widget | None:
        """Focus the first control of section `number` (1-based), opening the detailed
        conditions for theirs; the widget to be focused, or None for no such section."""
        if not 1 <= number <= len(SECTIONS):
            return None
        section = SECTIONS[number - 1]
        target = self.query_one(f"#{FIRST_CONTROL[section]}")
        detail = self.query_one("#detail", Collapsible)
        if section in DETAIL_SECTIONS and detail.collapsed:
            detail.collapsed = False  # its controls can take the focus once laid out
            self.call_after_refresh(self._focus_first, section)
        else:
            self._focus_first(section)
        return target

    def _focus_first(self, section: Section) -> None:
        self.query_one(f"#{FIRST_CONTROL[section]}").focus(scroll_visible=False)
        # The section's heading at the top, its first controls under it.
        self.query_one(f"#sec-{section.value}").scroll_visible(top=True, animate=False)

    def section_of_focus(self) -> int:
        """The 1-based section holding the focus (1 when none of the form's): the last
        section heading before the focused control in the form's order (not on screen: the
        heading may be scrolled out of view)."""
        focused = self.screen.focused
        headings = {f"sec-{s.value}": n for n, s in enumerate(SECTIONS, start=1)}
        current = 1
        for widget in self.walk_children(with_self=False):
            if widget is focused:
                return current
            current = headings.get(widget.id or "", current)
        return 1

    # ------------------------------------------------------------------ options

    def _steps(
        self, steps: Sequence[int], key: str, param: str = "amount"
    ) -> list[tuple[str, str]]:
        fmt = (lambda v: f"{v:,}") if param == "amount" else str
        return self._any() + [(t(key, **{param: fmt(v)}), str(v)) for v in steps]

    def _times(self, times: Sequence[str]) -> list[tuple[str, str]]:
        return self._any() + [(hhmm, hhmm) for hhmm in times]

    def _category_options(self) -> list[tuple[str, str]]:
        return self._any() + [(t(f"search.category.{c.value}"), c.value) for c in JobCategory]

    def _age_options(self) -> list[tuple[str, str]]:
        return [
            (t("search.age_choice.any"), ""),
            (t("search.age_choice.unrestricted_only"), "unrestricted_only"),
            (t("search.age_choice.limited_only"), "limited_only"),
        ]

    def _pref_options(self) -> list[tuple[str, str]]:
        ja = get_language() == "ja"
        names = [(p.name_ja if ja else p.name_en, p.code) for p in self._prefectures]
        return [(t("search.f.prefectures") + ": " + t("search.f.any"), ""), *names]

    def _new_options(self) -> list[tuple[str, str]]:
        return [
            (t("search.new.any"), ""),
            (t("search.new.today_yesterday"), "today_yesterday"),
            (t("search.new.week"), "week"),
        ]

    def _mode_options(self) -> list[tuple[str, str]]:
        return [(t("search.mode.all"), ""), (t("search.mode.any"), "any")]

    def _two_days_options(self) -> list[tuple[str, str]]:
        return [
            (t("search.two_days.any_value"), ""),
            (t("search.two_days.every_week"), "every_week"),
            (t("search.two_days.any"), "any"),
        ]

    def _overtime_options(self) -> list[tuple[str, str]]:
        return [
            (t("search.overtime.any"), ""),
            (t("search.overtime.none"), "none"),
            (t("search.overtime.some"), "some"),
            *[(t("search.overtime.some_cap", n=n), f"some{n}") for n in OVERTIME_CAPS],
            *[(t("search.overtime.cap", n=n), f"cap{n}") for n in OVERTIME_CAPS],
        ]

    def _dispatch_options(self) -> list[tuple[str, str]]:
        return [
            (t("search.f.any"), ""),
            (t("search.dispatch.only"), "only"),
            (t("search.dispatch.exclude"), "exclude"),
        ]

    def _retirement_options(self) -> list[tuple[str, str]]:
        return self._any() + [
            (t("search.retirement.at_least", n=n), str(n)) for n in RETIREMENT_AGES
        ]

    def _reset_options(self, sel: Select[str], options: list[tuple[str, str]]) -> None:
        value = sel.value
        sel.set_options(options)
        kept = value if any(v == value for _, v in options) else ""
        if sel.value == kept:
            # Setting the same value again does not redraw it: the closed dropdown would
            # keep showing the old language's prompt (指定しない in the English form).
            prompt = next(p for p, v in options if v == kept)
            sel.query_one(SelectCurrent).update(prompt)
        sel.value = kept

    def set_reference(
        self, prefectures: list[PrefectureInfo], industries: list[IndustryInfo]
    ) -> None:
        self._prefectures, self._industry_list = prefectures, industries
        for sel, options in self._selects:
            if sel.id and sel.id.startswith("pref-"):
                self._reset_options(sel, options())
        self._show_picks()

    def set_municipalities(self, slot: int, munis: list[MunicipalityInfo]) -> None:
        """The municipalities of the slot's prefecture (their names for the button)."""
        self._munis[slot] = munis
        self._show_picks()

    def municipality_options(self, slot: int) -> list[tuple[str, str]]:
        return [
            (f"{m.name_ja}（{m.name_kana}）" if m.name_kana else m.name_ja, m.code)
            for m in self._munis.get(slot, [])
        ]

    def industry_options(self) -> list[tuple[str, str]]:
        ja = get_language() == "ja"
        return [
            (f"{i.code} {i.name_ja if ja else i.name_en}", i.code)
            for i in self._industry_list
            if i.division  # the 中分類 01–99; a 大分類 letter is a heading, not a choice
        ]

    def prefecture(self, slot: int) -> str:
        return self._val(f"pref-{slot}")

    def prefecture_name(self, code: str) -> str:
        ja = get_language() == "ja"
        return next(
            (p.name_ja if ja else p.name_en for p in self._prefectures if p.code == code), code
        )

    def relabel(self) -> None:
        """Re-apply every text in the current language."""
        for item in self._labels:
            params = dict(item.params)
            hint = str(params.pop("hint", "") or "")
            if item.key == "search.sec.heading":
                text = t(item.key, n=params["n"], name=t(f"search.sec.{params['sec']}"))
            else:
                text = t(item.key, **params)
            if isinstance(item.widget, Field):
                item.widget.set_label(text, t(hint) if hint else "")
            elif isinstance(item.widget, TickBox):
                item.widget.label = text
            elif isinstance(item.widget, Static):
                item.widget.update(text)
        for sel, options in self._selects:
            self._reset_options(sel, options())
        self.query_one("#detail", Collapsible).title = t("search.detail")
        self._show_picks()
        # Labels of the other language are wider or narrower: rows may (un)stack.
        self.call_after_refresh(self._stack_rows)

    def on_select_changed(self, event: Select.Changed) -> None:
        sid = event.select.id or ""
        if sid.startswith("pref-"):
            slot = int(sid.removeprefix("pref-"))
            code = str(event.value) if isinstance(event.value, str) else ""
            munis = self.municipalities[slot]
            if munis and munis[0][:2] != code:
                self.municipalities[slot] = []  # another prefecture: its towns no longer apply
            self._munis.pop(slot, None)
            if code:
                self.post_message(self.PrefectureChanged(slot, code))
            self._show_picks()

    # ------------------------------------------------------------------ pickers

    def on_push_button_pressed(self, event: PushButton.Pressed) -> None:
        bid = event.button.id or ""
        what, _, slot = bid.partition("-")
        if what in ("munis", "desired", "class", "industries"):
            event.stop()
            name = {"munis": "municipalities", "class": "classification"}.get(what, what)
            self.post_message(self.Pick(name, int(slot or 0)))

    def set_desired(self, slot: int, value: tuple[str, list[str]] | None) -> None:
        self.desired[slot] = value
        self._show_picks()

    def set_classification(self, slot: int, value: tuple[str, str] | None) -> None:
        self.classifications[slot] = value
        self._show_picks()

    def set_chosen_municipalities(self, slot: int, codes: list[str]) -> None:
        self.municipalities[slot] = codes[:SLOT_DETAILS]
        self._show_picks()

    def set_industries(self, codes: list[str]) -> None:
        self.industries = codes[:SLOTS]
        self._show_picks()

    def clear_focused_pick(self) -> bool:
        """Delete on a picker button empties it; True when one was emptied."""
        focused = self.screen.focused
        bid = (focused.id or "") if isinstance(focused, PushButton) else ""
        what, _, slot = bid.partition("-")
        if what == "desired":
            self.set_desired(int(slot), None)
        elif what == "class":
            self.set_classification(int(slot), None)
        elif what == "munis":
            self.set_chosen_municipalities(int(slot), [])
        elif what == "industries":
            self.set_industries([])
        else:
            return False
        return True

    def _muni_name(self, slot: int, code: str) -> str:
        return next((m.name_ja for m in self._munis.get(slot, []) if m.code == code), code)

    def _industry_name(self, code: str) -> str:
        ja = get_language() == "ja"
        for i in self._industry_list:
            if i.code == code:
                return f"{code} {i.name_ja if ja else i.name_en}"
        return code

    def _show_picks(self) -> None:
        none = t("search.f.occupation_none")
        for i in range(SLOTS):
            button = self.query_one(f"#munis-{i}", PushButton)
            names = labelled(self.municipalities[i], partial(self._muni_name, i), "")
            button.label = t(
                "search.f.municipalities_n",
                names=names or t("search.f.municipality_all"),
            )
            button.disabled = not self.prefecture(i)
            desired = self.desired[i]
            if desired is None:
                text = none
            else:
                group, details = desired
                text = f"{group} {self.occupation_names(group)}"
                if details:
                    text += " — " + labelled(details, self.occupation_names, "")
                else:
                    text += " " + t("search.f.whole_group")
            self.query_one(f"#desired-{i}", PushButton).label = t(
                "search.f.desired_n", n=i + 1, name=text
            )
            chosen = self.classifications[i]
            self.query_one(f"#class-{i}", PushButton).label = t(
                "search.f.classification_n",
                n=i + 1,
                name=f"{chosen[0]} {chosen[1]}".strip() if chosen else none,
            )
        self.query_one("#industries", PushButton).label = t(
            "search.f.industries_chosen", names=labelled(self.industries, self._industry_name, none)
        )
        carried = self.query_one("#carried-numbers", Static)
        carried.update(t("search.f.carried_numbers", numbers=" ".join(self.job_numbers)))
        carried.set_class(bool(self.job_numbers), "-shown")

    def unnamed_classifications(self) -> list[int]:
        """Slots holding a code whose name is not known yet (loaded from a saved condition)."""
        return [i for i, c in enumerate(self.classifications) if c is not None and not c[1]]

    # ------------------------------------------------------------------ values

    def _sel(self, id: str) -> Select[str]:
        return self.query_one(f"#{id}", Select)

    def _val(self, id: str) -> str:
        v = self._sel(id).value
        return v if isinstance(v, str) else ""

    def _set(self, id: str, value: str) -> None:
        sel = self._sel(id)
        values = {v for known, options in self._selects if known is sel for _, v in options()}
        sel.value = value if value in values else ""

    def _box(self, id: str) -> bool:
        return self.query_one(f"#{id}", TickBox).value

    def _text(self, id: str) -> str:
        return self.query_one(f"#field-{id}", Field).value

    def build(self) -> tuple[JobSearchRequest | None, dict[str, list[str]]]:
        """The request, or the client-side field errors (messages, keyed by API field)."""
        errors: dict[str, list[str]] = {}

        def err(name: str, code: str) -> None:
            errors.setdefault(name, []).append(search_problem(code, name))

        values: dict[str, Any] = {}
        values["category"] = self._val("category") or None
        for field, (enum, prefix, _) in LIST_BOXES.items():
            values[field] = [m for m in enum if self._box(f"{prefix}-{m.value}")]
        age = halfwidth(self._text("age"))
        if age:
            if age.isdigit() and 15 <= int(age) <= 99:
                values["age"] = int(age)
            else:
                err("age", "age")
        choice = self._val("age_choice")
        values["age_unrestricted_only"] = choice == "unrestricted_only"
        values["age_limited_only"] = choice == "limited_only"
        values["places"] = [
            {"prefecture": p, "municipalities": self.municipalities[i]}
            for i in range(SLOTS)
            if (p := self._val(f"pref-{i}"))
        ]
        values["desired_jobs"] = [
            {"group": d[0], "details": d[1]} for d in self.desired if d is not None
        ]
        values["classifications"] = [c[0] for c in self.classifications if c is not None]
        values["industries"] = list(self.industries)
        values["new_within"] = self._val("new_within") or None
        values["words"] = self._text("words").strip()
        values["word_mode"] = self._val("word_mode") or "all"
        values["not_words"] = self._text("not_words").strip()
        values["company_name"] = self._text("company_name").strip()
        values["job_numbers"] = list(self.job_numbers)
        employer = halfwidth(self._text("employer_number"))
        if employer and not EMPLOYER_NUMBER_RE.match(employer):
            err("employer_number", "employer_number_format")
        values["employer_number"] = employer or None
        for name in (
            "wage_monthly_min",
            "wage_hourly_min",
            "annual_holidays_min",
            "employees_min",
            "retirement_age_min",
        ):
            raw = self._val(name)
            values[name] = int(raw) if raw else None
        values["wage_includes_allowances"] = self._box("wage_includes_allowances")
        values["work_from"] = self._val("work_from") or None
        values["work_until"] = self._val("work_until") or None
        values["weekly_two_days"] = self._val("weekly_two_days") or None
        values["dispatch"] = self._val("dispatch") or None
        overtime = self._val("overtime")
        values["no_overtime"] = overtime == "none"
        values["overtime_some"] = overtime.startswith("some")
        cap = overtime.removeprefix("some").removeprefix("cap")
        values["overtime_max"] = int(cap) if cap.isdigit() else None
        codes = []
        for i in range(LICENCE_SLOTS):
            code = halfwidth(self._text(f"licence_codes-{i}"))
            if not code:
                continue
            if is_licence_code(code):
                codes.append(code)
            else:
                err(f"licence_codes.{i}", "licence_code_format")
        values["licence_codes"] = codes
        for flag in FLAGS:
            values[flag] = self._box(flag)
        if errors:
            return None, errors
        from pydantic import ValidationError

        try:
            return JobSearchRequest.model_validate(values), {}
        except ValidationError as exc:
            for e in exc.errors():
                loc = ".".join(str(p) for p in e["loc"]) or "form"
                ctx = {k: v for k, v in (e.get("ctx") or {}).items() if isinstance(v, int | str)}
                errors.setdefault(loc, []).append(search_problem(str(e["type"]), loc, ctx))
            return None, errors

    def load(self, req: JobSearchRequest) -> None:
        """Fill every control from `req` (a saved condition being edited or re-run)."""
        self._set("category", req.category.value if req.category else "")
        for field, (enum, prefix, _) in LIST_BOXES.items():
            chosen = set(getattr(req, field))
            for m in enum:
                self.query_one(f"#{prefix}-{m.value}", TickBox).value = m in chosen
        self.query_one("#field-age", Field).value = str(req.age) if req.age else ""
        self._set(
            "age_choice",
            "unrestricted_only"
            if req.age_unrestricted_only
            else "limited_only"
            if req.age_limited_only
            else "",
        )
        for i in range(SLOTS):
            slot = req.places[i] if i < len(req.places) else None
            self._set(f"pref-{i}", slot.prefecture if slot else "")
            self.municipalities[i] = list(slot.municipalities) if slot else []
        self.desired = [(j.group, list(j.details)) for j in req.desired_jobs] + [None] * (
            SLOTS - len(req.desired_jobs)
        )
        known = {c[0]: c[1] for c in self.classifications if c is not None}
        self.classifications = [(code, known.get(code, "")) for code in req.classifications] + [
            None
        ] * (SLOTS - len(req.classifications))
        self.industries = list(req.industries)
        self.job_numbers = list(req.job_numbers)
        self._set("new_within", req.new_within.value if req.new_within else "")
        self.query_one("#field-words", Field).value = req.words
        self._set("word_mode", "any" if req.word_mode.value == "any" else "")
        self.query_one("#field-not_words", Field).value = req.not_words
        self.query_one("#field-company_name", Field).value = req.company_name
        self.query_one("#field-employer_number", Field).value = req.employer_number or ""
        for name in (
            "wage_monthly_min",
            "wage_hourly_min",
            "annual_holidays_min",
            "employees_min",
            "retirement_age_min",
        ):
            v = getattr(req, name)
            self._set(name, str(v) if v else "")
        self.query_one("#wage_includes_allowances", TickBox).value = req.wage_includes_allowances
        self._set("work_from", req.work_from or "")
        self._set("work_until", req.work_until or "")
        self._set("weekly_two_days", req.weekly_two_days.value if req.weekly_two_days else "")
        self._set("dispatch", req.dispatch.value if req.dispatch else "")
        if req.no_overtime:
            overtime = "none"
        elif req.overtime_some:
            overtime = f"some{req.overtime_max or ''}"
        else:
            overtime = f"cap{req.overtime_max}" if req.overtime_max else ""
        self._set("overtime", overtime)
        for i in range(LICENCE_SLOTS):
            value = req.licence_codes[i] if i < len(req.licence_codes) else ""
            self.query_one(f"#field-licence_codes-{i}", Field).value = value
        for flag in FLAGS:
            self.query_one(f"#{flag}", TickBox).value = bool(getattr(req, flag))
        self._show_picks()
        defaults = JobSearchRequest()
        if any(getattr(req, name) != getattr(defaults, name) for name in DETAIL_FIELDS):
            self.expand_detail()

    def expand_detail(self) -> None:
        self.query_one("#detail", Collapsible).collapsed = False

    def toggle_detail(self) -> bool:
        """Open or close the detailed conditions; True when now open."""
        detail = self.query_one("#detail", Collapsible)
        detail.collapsed = not detail.collapsed
        return not detail.collapsed

    def clear(self) -> None:
        self.load(JobSearchRequest())
        self.show_errors({})

    # ------------------------------------------------------------------ errors

    def show_errors(self, errors: dict[str, list[str]]) -> list[str]:
        """Put each message next to its control; return those with no place (shown by the
        screen). Keys: "words", "licence_codes.2", "places.0", ..."""
        # Only what shows an error is cleared: walking the whole form on every submit
        # cost more than the search itself.
        for f in self._erring:
            f.set_error(None)
        for line in self._erring_groups:
            line.update("")
            line.remove_class("-shown")
        self._erring.clear()
        self._erring_groups.clear()
        grouped: dict[str, list[str]] = {}
        homeless: list[str] = []
        if any(key.split(".")[0] in DETAIL_FIELDS for key in errors):
            self.expand_detail()
        for key, messages in errors.items():
            top = key.split(".")[0]
            field_id = key.replace(".", "-") if top == "licence_codes" else top
            target = self.query(f"#field-{field_id}").results(Field)
            field = next(iter(target), None)
            if field is not None:
                field.set_error("\n".join(messages))
                self._erring.add(field)
                continue
            group = {
                "work_until": "work_from",
                "age_unrestricted_only": "age_choice",
                "age_limited_only": "age_choice",
                "no_overtime": "overtime",
                "overtime_some": "overtime",
                "overtime_max": "overtime",
                "municipalities": "places",
            }.get(top, top)
            if self.query(f"#err-{group}"):
                grouped.setdefault(group, []).extend(messages)
            else:
                homeless.extend(messages)
        for group, messages in grouped.items():
            line = self.query_one(f"#err-{group}", Static)
            line.update(marked(ERROR, "\n".join(messages)))
            line.add_class("-shown")
            self._erring_groups.add(line)
        return homeless

    def first_error_widget(self) -> Widget | None:
        for f in self.query(Field):  # in screen order
            if f in self._erring:
                return f.input
        return None


# The conditions inside the detailed part (a saved condition using one opens it).
DETAIL_FIELDS = frozenset(
    {
        "wage_monthly_min",
        "wage_includes_allowances",
        "wage_hourly_min",
        "bonus",
        "work_from",
        "work_until",
        "exclude_shift",
        "exclude_discretionary",
        "exclude_variable_hours",
        "no_overtime",
        "overtime_some",
        "overtime_max",
        "days_off",
        "weekends_off",
        "weekly_two_days",
        "annual_holidays_min",
        "insurance",
        "insurance_items",
        "dispatch",
        "contract_renewal",
        "retirement_age_min",
        "housing",
        "housing_kinds",
        "childcare",
        "industries",
        "employees_min",
        "car_licence",
        "car_licence_exclude",
        "licence_codes",
        "licence_codes_exclude",
        "licence_not_required",
        "education_not_required",
        "experience_not_required",
        "no_document_screening",
        "regular_conversion",
        "car_commute",
        "no_transfer",
        "remote_work",
        "near_station",
        "smoking_measures",
        "trial_employment",
        "uij_turn",
        "inexperienced_ok",
        "features",
    }
)


def api_field_errors(fields: Sequence[Any]) -> dict[str, list[str]]:
    """Server FieldErrors (422) → messages keyed by API field, in the UI language."""
    out: dict[str, list[str]] = {}
    for fe in fields:
        name = str(fe.field)
        out.setdefault(name, []).append(search_problem(str(fe.code), name, dict(fe.params)))
    return out
