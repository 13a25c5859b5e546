"""The 求人検索 form: every condition of `JobSearchRequest`, keyboard only.

The form turns its controls into a request (`build()`), fills itself from one (`load()`), and
shows field errors next to the control they belong to (`show_errors()`, keyed by the API's
field names such as "job_numbers.2" or "prefectures.0"). Things that need the server
(municipalities of a prefecture, the occupation picker) are asked for with messages; the
screen answers them.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import partial
from typing import TYPE_CHECKING, Any

from textual import events
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.widget import Widget
from textual.widgets import Collapsible, Select, Static

from api_client.job_models import (
    EMPLOYER_NUMBER_RE,
    JOB_NUMBER_RE,
    EmploymentType,
    Feature,
    JobCategory,
    JobSearchRequest,
    WorkStyle,
)
from strings.i18n import get_language, t
from strings.problems import search_problem
from widgets.checkbox import TickBox
from widgets.field import Field, FieldFrame
from widgets.push_button import PushButton

if TYPE_CHECKING:
    from api_client.job_models import IndustryInfo, MunicipalityInfo, PrefectureInfo

SLOTS = 3
JOB_NUMBER_SLOTS = 5
FLAGS = (
    "bonus",
    "no_overtime",
    "weekends_off",
    "insurance",
    "no_transfer",
    "car_commute",
    "inexperienced_ok",
    "education_not_required",
    "experience_not_required",
    "licence_not_required",
    "uij_turn",
    "trial_employment",
    "housing",
    "childcare",
)
WAGE_STEPS = tuple(range(100_000, 410_000, 10_000))
HOURLY_STEPS = tuple(range(900, 2_050, 50))
HOLIDAY_STEPS = tuple(range(80, 135, 5))
HALF_HOURS = tuple(f"{h:02d}:{m:02d}" for h in range(5, 24) for m in (0, 30))
EMPLOYEE_STEPS = (10, 100, 300, 1000)


def halfwidth(text: str) -> str:
    return unicodedata.normalize("NFKC", text).strip().replace("ー", "-").replace("−", "-")


@dataclass
class _Label:
    widget: Widget
    key: str
    params: dict[str, object]


class SearchForm(Vertical):
    """All conditions. Errors: `show_errors({"job_numbers.1": ["…"]})`."""

    DEFAULT_CSS = """
    SearchForm { height: auto; }
    SearchForm .row { height: auto; }
    SearchForm .row.-stacked { layout: vertical; }
    SearchForm .group-label { text-style: bold; margin: 1 0 0 0; }
    SearchForm .group-error { display: none; text-style: bold; color: $text-error; }
    SearchForm .group-error.-shown { display: block; }
    SearchForm Select { width: 40; margin: 0 1 0 0; }
    SearchForm .row Field { width: 30; margin: 0 1 0 0; }
    SearchForm .row Field Input { width: 28; }
    SearchForm PushButton.occupation { width: 60; margin: 0; }
    SearchForm TickBox { width: auto; }
    """

    class PrefectureChanged(Message):
        def __init__(self, slot: int, code: str) -> None:
            super().__init__()
            self.slot, self.code = slot, code

    class PickOccupation(Message):
        def __init__(self, slot: int) -> None:
            super().__init__()
            self.slot = slot

    def __init__(self, id: str | None = None) -> None:
        super().__init__(id=id)
        self._labels: list[_Label] = []
        self._selects: list[tuple[Select[str], Callable[[], list[tuple[str, str]]]]] = []
        self.occupations: list[str] = [""] * SLOTS
        self.occupation_names: Callable[[str], str] = lambda code: code
        self._prefectures: list[PrefectureInfo] = []
        self._industries: list[IndustryInfo] = []
        self._munis: dict[int, list[MunicipalityInfo]] = {}
        self._pending_munis: dict[int, str] = {}
        self._erring: set[FieldFrame] = set()  # fields showing an error now
        self._erring_groups: set[Static] = set()

    # ------------------------------------------------------------------ building blocks

    def _label(self, key: str, classes: str = "group-label", **params: object) -> Static:
        w = Static(t(key, **params), classes=classes, markup=False)
        self._labels.append(_Label(w, key, params))
        return w

    def _tick(self, key: str, id: str) -> TickBox:
        box = TickBox(t(key), id=id)
        self._labels.append(_Label(box, key, {}))
        return box

    def _select(self, id: str, options: Callable[[], list[tuple[str, str]]]) -> Select[str]:
        sel: Select[str] = Select(options(), allow_blank=False, value="", id=id)
        self._selects.append((sel, options))
        return sel

    def _field(self, key: str, input_id: str, hint: str = "", **params: object) -> Field:
        f = Field(t(key, **params), input_id=input_id, hint=t(hint) if hint else "")
        self._labels.append(_Label(f, key, {"hint": hint, **params}))
        return f

    @staticmethod
    def _error(name: str) -> Static:
        return Static("", id=f"err-{name}", classes="group-error", markup=False)

    def _any(self) -> list[tuple[str, str]]:
        return [(t("search.f.any"), "")]

    # ------------------------------------------------------------------ layout

    def compose(self) -> ComposeResult:
        yield self._label("search.basic", classes="section")
        yield self._label("search.f.categories")
        with Horizontal(classes="row"):
            for c in JobCategory:
                yield self._tick(f"search.category.{c.value}", f"cat-{c.value}")
        yield self._label("search.f.work_styles")
        with Horizontal(classes="row"):
            for w in WorkStyle:
                yield self._tick(f"search.work_style.{w.value}", f"style-{w.value}")
        with Horizontal(classes="row"):
            yield self._field("search.f.age", "age", "search.f.age_hint")
            yield self._tick("search.f.age_unrestricted_only", "age_unrestricted_only")
        for i in range(SLOTS):
            yield self._label("search.f.place", n=i + 1)
            with Horizontal(classes="row"):
                yield self._select(f"pref-{i}", self._pref_options)
                yield self._select(f"muni-{i}", partial(self._muni_options, i))
        yield self._error("prefectures")
        yield self._error("municipalities")
        yield self._label("search.f.occupations")
        yield self._label("search.f.occupation_hint", classes="hint")
        for i in range(SLOTS):
            yield PushButton("", id=f"occ-{i}", classes="occupation")
        yield self._error("occupations")
        yield self._label("search.f.employment_types")
        with Horizontal(classes="row"):
            for e in list(EmploymentType)[:4]:
                yield self._tick(f"search.employment.{e.value}", f"emp-{e.value}")
        with Horizontal(classes="row"):
            for e in list(EmploymentType)[4:]:
                yield self._tick(f"search.employment.{e.value}", f"emp-{e.value}")
        yield self._label("search.f.new_within")
        yield self._select("new_within", self._new_options)
        yield self._field("search.f.words", "words", "search.f.words_hint")
        yield self._label("search.f.word_mode")
        yield self._select("word_mode", self._mode_options)
        yield self._field("search.f.not_words", "not_words")
        yield self._label("search.f.job_numbers")
        yield self._label("search.f.job_numbers_hint", classes="hint")
        with Horizontal(classes="row"):
            for i in range(JOB_NUMBER_SLOTS):
                yield self._field("search.f.job_number_n", f"job_numbers-{i}", n=i + 1)
        yield self._error("job_numbers")
        yield self._field(
            "search.f.employer_number", "employer_number", "search.f.employer_number_hint"
        )
        # ---- detailed conditions: collapsed until asked for (F7) or filled, which keeps
        # the form light to lay out on every focus change.
        with Collapsible(title=t("search.detail"), collapsed=True, id="detail"):
            yield self._label("search.f.wage_monthly_min")
            yield self._select("wage_monthly_min", lambda: self._steps(WAGE_STEPS, "search.f.yen"))
            yield self._label("search.f.wage_hourly_min")
            yield self._select("wage_hourly_min", lambda: self._steps(HOURLY_STEPS, "search.f.yen"))
            yield self._label("search.f.work_from")
            yield self._select("work_from", lambda: self._any() + [(h, h) for h in HALF_HOURS])
            yield self._label("search.f.work_until")
            yield self._select("work_until", lambda: self._any() + [(h, h) for h in HALF_HOURS])
            yield self._error("work_from")
            yield self._label("search.f.weekly_two_days")
            yield self._select("weekly_two_days", self._two_days_options)
            yield self._label("search.f.annual_holidays_min")
            yield self._select(
                "annual_holidays_min", lambda: self._steps(HOLIDAY_STEPS, "search.f.days", "n")
            )
            yield self._label("search.f.employees_min")
            yield self._select(
                "employees_min", lambda: self._steps(EMPLOYEE_STEPS, "search.f.people", "n")
            )
            yield self._label("search.f.industries")
            yield self._select("industry", self._industry_options)
            yield self._error("industries")
            for start in range(0, len(FLAGS), 4):
                with Horizontal(classes="row"):
                    for flag in FLAGS[start : start + 4]:
                        yield self._tick(f"search.f.{flag}", flag)
            yield self._label("search.f.features")
            with Horizontal(classes="row"):
                for f in list(Feature)[:4]:
                    yield self._tick(f"search.feature.{f.value}", f"feat-{f.value}")
            with Horizontal(classes="row"):
                for f in list(Feature)[4:]:
                    yield self._tick(f"search.feature.{f.value}", f"feat-{f.value}")
        yield self._error("form")

    def on_mount(self) -> None:
        self._show_occupations()

    def on_resize(self, event: events.Resize) -> None:
        self.call_after_refresh(self._stack_rows)

    def _stack_rows(self) -> None:
        """A row wider than the form (5 求人番号 at 80 or 120 columns, the condition boxes
        at 80) is laid out one control under the other, so none is clipped out of reach;
        it goes back to one line when the form is wide enough."""
        for row in self.query(".row").results(Horizontal):
            needed = sum(child.outer_size.width for child in row.children if child.display)
            row.set_class(needed > self.content_size.width, "-stacked")

    # ------------------------------------------------------------------ options

    def _steps(
        self, steps: Sequence[int], key: str, param: str = "amount"
    ) -> list[tuple[str, str]]:
        fmt = (lambda v: f"{v:,}") if param == "amount" else str
        return self._any() + [(t(key, **{param: fmt(v)}), str(v)) for v in steps]

    def _pref_options(self) -> list[tuple[str, str]]:
        ja = get_language() == "ja"
        names = [(p.name_ja if ja else p.name_en, p.code) for p in self._prefectures]
        return [(t("search.f.prefectures") + ": " + t("search.f.any"), ""), *names]

    def _muni_options(self, slot: int) -> list[tuple[str, str]]:
        munis = self._munis.get(slot, [])
        return [(t("search.f.municipality_all"), "")] + [(m.name_ja, m.code) for m in munis]

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

    def _industry_options(self) -> list[tuple[str, str]]:
        ja = get_language() == "ja"
        return self._any() + [
            (f"{i.code} {i.name_ja if ja else i.name_en}", i.code) for i in self._industries
        ]

    def _reset_options(self, sel: Select[str], options: list[tuple[str, str]]) -> None:
        value = sel.value
        sel.set_options(options)
        sel.value = value if any(v == value for _, v in options) else ""

    def set_reference(
        self, prefectures: list[PrefectureInfo], industries: list[IndustryInfo]
    ) -> None:
        self._prefectures, self._industries = prefectures, industries
        for sel, options in self._selects:
            if sel.id and (sel.id.startswith("pref-") or sel.id == "industry"):
                self._reset_options(sel, options())

    def set_municipalities(self, slot: int, munis: list[MunicipalityInfo]) -> None:
        self._munis[slot] = munis
        sel = self._sel(f"muni-{slot}")
        wanted = self._pending_munis.pop(slot, None)
        self._reset_options(sel, self._muni_options(slot))
        if wanted and any(m.code == wanted for m in munis):
            sel.value = wanted

    def relabel(self) -> None:
        """Re-apply every text in the current language."""
        for item in self._labels:
            params = dict(item.params)
            hint = str(params.pop("hint", "") or "")
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
        self._show_occupations()

    def on_select_changed(self, event: Select.Changed) -> None:
        sid = event.select.id or ""
        if sid.startswith("pref-"):
            slot = int(sid.removeprefix("pref-"))
            code = str(event.value) if isinstance(event.value, str) else ""
            if code:
                self.post_message(self.PrefectureChanged(slot, code))
            else:
                self._munis[slot] = []
                self._reset_options(self._sel(f"muni-{slot}"), self._muni_options(slot))

    # ------------------------------------------------------------------ occupations

    def on_push_button_pressed(self, event: PushButton.Pressed) -> None:
        bid = event.button.id or ""
        if bid.startswith("occ-"):
            event.stop()
            self.post_message(self.PickOccupation(int(bid.removeprefix("occ-"))))

    def set_occupation(self, slot: int, code: str) -> None:
        self.occupations[slot] = code
        self._show_occupations()

    def focused_occupation_slot(self) -> int | None:
        focused = self.screen.focused
        if isinstance(focused, PushButton) and (focused.id or "").startswith("occ-"):
            return int((focused.id or "").removeprefix("occ-"))
        return None

    def _show_occupations(self) -> None:
        for i, code in enumerate(self.occupations):
            name = self.occupation_names(code) if code else t("search.f.occupation_none")
            self.query_one(f"#occ-{i}", PushButton).label = t(
                "search.f.occupation_n", n=i + 1, name=name
            )

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
        # 求人区分 is one choice on the wire; this form still shows boxes (the first ticked).
        values["category"] = next((c for c in JobCategory if self._box(f"cat-{c.value}")), None)
        values["work_styles"] = [w for w in WorkStyle if self._box(f"style-{w.value}")]
        values["employment_types"] = [e for e in EmploymentType if self._box(f"emp-{e.value}")]
        values["features"] = [f for f in Feature if self._box(f"feat-{f.value}")]
        age = halfwidth(self._text("age"))
        if age:
            if age.isdigit() and 15 <= int(age) <= 99:
                values["age"] = int(age)
            else:
                err("age", "age")
        values["age_unrestricted_only"] = self._box("age_unrestricted_only")
        values["places"] = [
            {"prefecture": p, "municipalities": [m] if (m := self._val(f"muni-{i}")) else []}
            for i in range(SLOTS)
            if (p := self._val(f"pref-{i}"))
        ]
        values["desired_jobs"] = [
            {"group": o[:2], "details": [o] if len(o) > 2 else []} for o in self.occupations if o
        ]
        values["new_within"] = self._val("new_within") or None
        values["words"] = self._text("words").strip()
        values["word_mode"] = self._val("word_mode") or "all"
        values["not_words"] = self._text("not_words").strip()
        numbers = []
        for i in range(JOB_NUMBER_SLOTS):
            n = halfwidth(self._text(f"job_numbers-{i}"))
            if not n:
                continue
            if JOB_NUMBER_RE.match(n):
                numbers.append(n)
            else:
                err(f"job_numbers.{i}", "job_number_format")
        values["job_numbers"] = numbers
        employer = halfwidth(self._text("employer_number"))
        if employer and not EMPLOYER_NUMBER_RE.match(employer):
            err("employer_number", "employer_number_format")
        values["employer_number"] = employer or None
        for name in ("wage_monthly_min", "wage_hourly_min", "annual_holidays_min", "employees_min"):
            raw = self._val(name)
            values[name] = int(raw) if raw else None
        values["work_from"] = self._val("work_from") or None
        values["work_until"] = self._val("work_until") or None
        values["weekly_two_days"] = self._val("weekly_two_days") or None
        industry = self._val("industry")
        values["industries"] = [industry] if industry else []
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
        for c in JobCategory:
            self.query_one(f"#cat-{c.value}", TickBox).value = c == req.category
        for w in WorkStyle:
            self.query_one(f"#style-{w.value}", TickBox).value = w in req.work_styles
        for e in EmploymentType:
            self.query_one(f"#emp-{e.value}", TickBox).value = e in req.employment_types
        for f in Feature:
            self.query_one(f"#feat-{f.value}", TickBox).value = f in req.features
        self.query_one("#field-age", Field).value = str(req.age) if req.age else ""
        self.query_one("#age_unrestricted_only", TickBox).value = req.age_unrestricted_only
        for i in range(SLOTS):
            slot = req.places[i] if i < len(req.places) else None
            if slot is not None and slot.municipalities:
                self._pending_munis[i] = slot.municipalities[0]
            self._set(f"pref-{i}", slot.prefecture if slot else "")
        codes = [j.details[0] if j.details else j.group for j in req.desired_jobs]
        self.occupations = (codes + [""] * SLOTS)[:SLOTS]
        self._show_occupations()
        self._set("new_within", req.new_within.value if req.new_within else "")
        self.query_one("#field-words", Field).value = req.words
        self._set("word_mode", "any" if req.word_mode.value == "any" else "")
        self.query_one("#field-not_words", Field).value = req.not_words
        for i in range(JOB_NUMBER_SLOTS):
            value = req.job_numbers[i] if i < len(req.job_numbers) else ""
            self.query_one(f"#field-job_numbers-{i}", Field).value = value
        self.query_one("#field-employer_number", Field).value = req.employer_number or ""
        for name in ("wage_monthly_min", "wage_hourly_min", "annual_holidays_min", "employees_min"):
            v = getattr(req, name)
            self._set(name, str(v) if v else "")
        self._set("work_from", req.work_from or "")
        self._set("work_until", req.work_until or "")
        self._set("weekly_two_days", req.weekly_two_days.value if req.weekly_two_days else "")
        self._set("industry", req.industries[0] if req.industries else "")
        for flag in FLAGS:
            self.query_one(f"#{flag}", TickBox).value = bool(getattr(req, flag))
        if any(getattr(req, name) != default for name, default in _DETAIL_DEFAULTS.items()):
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
        screen). Keys: "words", "job_numbers.2", "prefectures.0", ..."""
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
        if any(key.split(".")[0] in _DETAIL_FIELDS for key in errors):
            self.expand_detail()
        for key, messages in errors.items():
            top = key.split(".")[0]
            field_id = key.replace(".", "-") if top == "job_numbers" else top
            target = self.query(f"#field-{field_id}").results(Field)
            field = next(iter(target), None)
            if field is not None:
                field.set_error("\n".join(messages))
                self._erring.add(field)
                continue
            group = {
                "work_until": "work_from",
                "places": "prefectures",
                "desired_jobs": "occupations",
                "category": "categories",
            }.get(top, top)
            if self.query(f"#err-{group}"):
                grouped.setdefault(group, []).extend(messages)
            else:
                homeless.extend(messages)
        for group, messages in grouped.items():
            line = self.query_one(f"#err-{group}", Static)
            line.update("✖\u00a0" + "\n".join(messages))
            line.add_class("-shown")
            self._erring_groups.add(line)
        return homeless

    def first_error_widget(self) -> Widget | None:
        for f in self.query(Field):  # in screen order
            if f in self._erring:
                return f.input
        return None


_DETAIL_DEFAULTS: dict[str, object] = {
    **{flag: False for flag in FLAGS},
    "wage_monthly_min": None,
    "wage_hourly_min": None,
    "work_from": None,
    "work_until": None,
    "weekly_two_days": None,
    "annual_holidays_min": None,
    "employees_min": None,
    "industries": [],
    "features": [],
}
_DETAIL_FIELDS = frozenset(_DETAIL_DEFAULTS)


def api_field_errors(fields: Sequence[Any]) -> dict[str, list[str]]:
    """Server FieldErrors (422) → messages keyed by API field, in the UI language."""
    out: dict[str, list[str]] = {}
    for fe in fields:
        name = str(fe.field)
        out.setdefault(name, []).append(search_problem(str(fe.code), name, dict(fe.params)))
    return out
