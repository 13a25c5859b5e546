"""The form of one registration step (SPEC §2 Profile), shared by the 7-step wizard and by
求職者情報's "change this section".

A step is described as a list of `Spec`s (dotted path in the step's wire model, kind, options);
`StepForm` builds the widgets, reads them back into the wire body (`collect`), fills them
(`fill`), and shows each problem next to its field, naming the step, the item and the field
("6 経歴 1件目の仕事内容は全角100文字以内で…").
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any, Literal

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widget import Widget
from textual.widgets import Static

from api_client.job_models import Feature, WorkStyle
from api_client.profile_models import (
    STEP_MODELS,
    CareerStatus,
    ContactMeans,
    DayOff,
    Education,
    EducationStatus,
    EmploymentPeriod,
    Gender,
    LeavingReason,
    ResolvedAddress,
    StepBody,
    WageKind,
    WorkForm,
)
from strings.i18n import has, t
from strings.problems import problem_text
from widgets.checkbox import TickBox
from widgets.choice import ChoiceGroup
from widgets.code_field import CodeField
from widgets.date_field import DateField
from widgets.field import Field

Kind = Literal["text", "date", "radio", "bool", "multi", "check", "code"]

# Repeated rows kept on screen (the wire models allow up to 10 of each).
CAREER_ROWS = 3
LICENCE_ROWS = 3
CODE_ROWS = 3


@dataclass(frozen=True)
class Spec:
    path: str  # dotted, e.g. "careers.0.job_content"
    kind: Kind = "text"
    options: tuple[str, ...] = ()
    max_length: int = 100

    @property
    def name(self) -> str:
        """The field's name without list indices (catalogue key part)."""
        return next(p for p in reversed(self.path.split(".")) if not p.isdigit())

    @property
    def widget_id(self) -> str:
        return self.path.replace(".", "-")


def _opts(enum: Iterable[Any]) -> tuple[str, ...]:
    return tuple(e.value for e in enum)


BOOL = ("true", "false")


def _careers() -> list[Spec]:
    specs = [Spec("no_career", "check")]
    for i in range(CAREER_ROWS):
        p = f"careers.{i}"
        specs += [
            Spec(f"{p}.work_form", "radio", _opts(WorkForm)),
            Spec(f"{p}.employment_type", max_length=60),
            Spec(f"{p}.job_content", max_length=200),
            Spec(f"{p}.start", max_length=10),
            Spec(f"{p}.end", max_length=10),
            Spec(f"{p}.status", "radio", _opts(CareerStatus)),
            Spec(f"{p}.leaving_reason", "radio", _opts(LeavingReason)),
        ]
    return specs


STEPS: dict[int, list[Spec]] = {
    1: [
        Spec("family_name", max_length=60),
        Spec("given_name", max_length=60),
        Spec("family_name_kana", max_length=60),
        Spec("given_name_kana", max_length=60),
        Spec("birth_date", "date"),
        Spec("gender", "radio", _opts(Gender)),
        Spec("postal_code", max_length=20),
        Spec("address", max_length=200),
        Spec("phone_fixed", max_length=30),
        Spec("phone_mobile", max_length=30),
    ],
    2: [
        Spec("publish", "bool", BOOL),
        Spec("share_with_local_government", "check"),
        Spec("share_with_private_agencies", "check"),
        Spec("contact_allowed", "bool", BOOL),
        Spec("contact_means", "multi", _opts(ContactMeans)),
    ],
    3: [
        Spec("work_style", "radio", _opts(WorkStyle)),
        Spec("employment_period", "radio", _opts(EmploymentPeriod)),
        *[Spec(f"occupations.{i}", "code", ("occupation",)) for i in range(CODE_ROWS)],
        Spec("occupations_undecided", "check"),
        Spec("hours_from", max_length=10),
        Spec("hours_to", max_length=10),
        Spec("hours_none", "check"),
        Spec("days_off", "multi", _opts(DayOff)),
        Spec("days_off_none", "check"),
        Spec("features", "multi", _opts(Feature)),
    ],
    4: [
        *[Spec(f"prefectures.{i}", "code", ("prefecture",)) for i in range(CODE_ROWS)],
        *[Spec(f"municipalities.{i}", "code", ("municipality",)) for i in range(CODE_ROWS)],
        Spec("wage_kind", "radio", _opts(WageKind)),
        Spec("minimum_wage", max_length=20),
    ],
    5: [
        Spec("last_education", "radio", _opts(Education)),
        Spec("status", "radio", _opts(EducationStatus)),
        Spec("school_name", max_length=100),
        *[
            s
            for i in range(LICENCE_ROWS)
            for s in (
                Spec(f"licences.{i}.name", max_length=100),
                Spec(f"licences.{i}.acquired", max_length=10),
            )
        ],
    ],
    6: _careers(),
    7: [Spec("self_pr", max_length=2000)],
}

# Rows of these lists are grouped under a heading ("1件目").
ROW_LISTS = ("careers", "licences")


# --------------------------------------------------------------------------- texts


def step_name(step: int) -> str:
    return t(f"reg.step.{step}")


def field_title(path: str) -> str:
    """The field's name for messages: "1件目の仕事内容", "希望職種コード2", "郵便番号"."""
    parts = path.split(".")
    if parts[0] in ROW_LISTS and len(parts) >= 3 and parts[1].isdigit():
        return t("reg.item", n=int(parts[1]) + 1) + t(f"reg.f.{parts[2]}")
    if len(parts) >= 2 and parts[1].isdigit():
        return t(f"reg.f.{parts[0]}", n=int(parts[1]) + 1)
    return t(f"reg.f.{parts[0]}", n="")


def step_problem_text(step: int, path: str, code: str, params: dict[str, Any]) -> str:
    spec = next((s for s in STEPS.get(step, []) if s.path == path), None)
    choice = spec is not None and spec.kind in ("radio", "bool", "multi", "code")
    where = t("reg.where", step=step, name=step_name(step))
    return problem_text(code, field_title(path), params, where=where, choice=choice)


def address_text(address: ResolvedAddress) -> str:
    return t(
        "reg.address_found",
        prefecture=address.prefecture,
        municipality=address.municipality,
        town=address.town,
        office=address.office_name,
    )


# --------------------------------------------------------------------------- values


def _set_path(target: dict[str, Any], path: str, value: Any) -> None:
    parts = path.split(".")
    node: Any = target
    for i, part in enumerate(parts[:-1]):
        nxt = parts[i + 1]
        key: Any = int(part) if part.isdigit() else part
        if isinstance(node, list):
            while len(node) <= key:
                node.append({} if not nxt.isdigit() else [])
            node = node[key]
        else:
            node = node.setdefault(key, [] if nxt.isdigit() else {})
    last = parts[-1]
    if isinstance(node, list):
        while len(node) <= int(last):
            node.append("")
        node[int(last)] = value
    else:
        node[last] = value


def value_at(source: Any, path: str) -> Any:
    node = source
    for part in path.split("."):
        if isinstance(node, list):
            idx = int(part)
            if idx >= len(node):
                return None
            node = node[idx]
        elif isinstance(node, dict):
            if part not in node:
                return None
            node = node[part]
        else:
            return None
    return node


def _row_is_empty(row: dict[str, Any]) -> bool:
    return not any(v for v in row.values())


def tidy(step: int, raw: dict[str, Any]) -> dict[str, Any]:
    """Empty rows and empty code slots dropped: what the wire model expects."""
    out = dict(raw)
    for name in ("careers", "licences"):
        if name in out:
            out[name] = [row for row in out[name] if not _row_is_empty(row)]
    for name in ("occupations", "prefectures", "municipalities"):
        if name in out:
            out[name] = [v for v in out[name] if v]
    return out


def to_body(step: int, raw: dict[str, Any]) -> StepBody:
    return STEP_MODELS[step].model_validate(tidy(step, raw))


def _joined(texts: list[Callable[[], str]]) -> Callable[[], str]:
    return lambda: "\n".join(f() for f in texts)


def _normalised_note(before: str, after: str) -> Callable[[], str]:
    return lambda: t("reg.normalised", before=before, after=after)


# --------------------------------------------------------------------------- the form


class StepForm(Vertical):
    """The widgets of one step; `prefix` keeps ids unique when several steps share a screen."""

    DEFAULT_CSS = """
    StepForm { height: auto; }
    StepForm > .row-title { text-style: bold underline; margin: 1 0 0 0; }
    """

    def __init__(self, step: int, *, prefix: str = "") -> None:
        super().__init__(id=f"{prefix}form-{step}")
        self.step = step
        self.prefix = prefix
        self.specs = STEPS[step]
        self._by_path = {s.path: s for s in self.specs}
        self._widgets: dict[str, Widget] = {}  # looked up once: collect() runs on every key

    def _wid(self, spec: Spec) -> str:
        return f"{self.prefix}s{self.step}-{spec.widget_id}"

    def compose(self) -> ComposeResult:
        yield Static("", classes="step-intro", markup=False)
        row_seen: set[str] = set()
        for spec in self.specs:
            parts = spec.path.split(".")
            if parts[0] in ROW_LISTS and len(parts) >= 3:
                row = ".".join(parts[:2])
                if row not in row_seen:
                    row_seen.add(row)
                    yield Static("", classes="row-title", id=f"{self._wid(spec)}-row", markup=False)
            yield self._widget(spec)
            if spec.path == "postal_code":
                yield Static("", id=f"{self.prefix}s1-address-found", classes="hint", markup=False)

    def _widget(self, spec: Spec) -> Widget:
        wid = self._wid(spec)
        if spec.kind == "text":
            return Field("", input_id=wid, max_length=spec.max_length)
        if spec.kind == "date":
            return DateField(input_id=wid)
        if spec.kind == "check":
            box = TickBox("", id=wid)
            return box
        if spec.kind == "code":
            return CodeField(input_id=wid, kind=spec.options[0])  # type: ignore[arg-type]
        return ChoiceGroup(group_id=wid, options=list(spec.options), multi=spec.kind == "multi")

    # ------------------------------------------------------------------ widgets by path

    def widget_for(self, path: str) -> Widget | None:
        """The widget of `path`; a list element of a choice (contact_means.1) maps to the list."""
        probe = path
        while probe:
            spec = self._by_path.get(probe)
            if spec is not None:
                widget = self._widgets.get(spec.path)
                if widget is None:
                    if spec.kind == "check":
                        widget = self.query_one(f"#{self._wid(spec)}", TickBox)
                    else:
                        widget = self.query_one(f"#field-{self._wid(spec)}")
                    self._widgets[spec.path] = widget
                return widget
            probe = probe.rpartition(".")[0]
        return None

    def focus_path(self, path: str) -> None:
        widget = self.widget_for(path)
        if isinstance(widget, Field | DateField | CodeField):
            widget.input.focus()
        elif isinstance(widget, ChoiceGroup):
            widget.focus_control()
        elif widget is not None:
            widget.focus()

    def focus_first(self) -> None:
        self.focus_path(self.specs[0].path)

    # ------------------------------------------------------------------ labels

    def relabel(self) -> None:
        self.query_one(".step-intro", Static).update(t(f"reg.intro.{self.step}"))
        for group in self.query("DateField, ChoiceGroup"):
            if isinstance(group, DateField | ChoiceGroup):
                group.rebuild_messages()  # Fields are rebuilt by BaseScreen
        for spec in self.specs:
            parts = spec.path.split(".")
            if parts[0] in ROW_LISTS and len(parts) >= 3:
                title = self.query(f"#{self._wid(spec)}-row")
                for w in title:
                    if isinstance(w, Static):
                        label = t(f"reg.row.{parts[0]}", n=int(parts[1]) + 1)
                        w.update(label)
            label = field_title(spec.path)
            if parts[0] in ROW_LISTS:
                label = t(f"reg.f.{spec.name}")
            hint_key = f"reg.hint.{spec.name}"
            hint = t(hint_key) if has(hint_key) else ""
            widget = self.widget_for(spec.path)
            if isinstance(widget, Field):
                widget.set_label(label, hint)
            elif isinstance(widget, DateField):
                units = (t("date.year"), t("date.month"), t("date.day"))
                widget.set_label(label, units, hint)
            elif isinstance(widget, TickBox):
                widget.label = label
            elif isinstance(widget, CodeField):
                widget.set_label(label, hint, t("reg.code_empty"))
            elif isinstance(widget, ChoiceGroup):
                options = {o: t(f"reg.o.{spec.name}.{o}") for o in spec.options}
                widget.set_label(label, options, hint)

    # ------------------------------------------------------------------ values

    def collect(self) -> dict[str, Any]:
        """The raw values on screen (rows kept, empty or not: drafts keep positions)."""
        out: dict[str, Any] = {}
        for spec in self.specs:
            widget = self.widget_for(spec.path)
            value: Any
            if isinstance(widget, Field | DateField | TickBox | CodeField):
                value = widget.value
            elif isinstance(widget, ChoiceGroup):
                value = widget.value
                if spec.kind == "bool":
                    value = None if value is None else value == "true"
            else:
                continue
            _set_path(out, spec.path, value)
        return out

    def fill(self, values: dict[str, Any]) -> None:
        for spec in self.specs:
            value = value_at(values, spec.path)
            widget = self.widget_for(spec.path)
            if isinstance(widget, (Field, DateField, CodeField)):
                widget.value = "" if value is None else str(value)
            elif isinstance(widget, TickBox):
                widget.value = bool(value)
            elif isinstance(widget, ChoiceGroup):
                if spec.kind == "bool":
                    widget.value = None if value is None else ("true" if value else "false")
                elif spec.kind == "multi":
                    widget.value = [str(v) for v in value] if isinstance(value, list) else []
                else:
                    widget.value = None if value is None else str(value)

    def set_value(self, path: str, value: str) -> None:
        widget = self.widget_for(path)
        if isinstance(widget, (Field, DateField)):
            widget.value = value

    # ------------------------------------------------------------------ messages

    def clear_messages(self) -> None:
        for widget in self.query("Field, DateField, ChoiceGroup, CodeField"):
            if isinstance(widget, (Field, DateField, ChoiceGroup, CodeField)):
                widget.set_error(None)
                widget.set_note(None)

    def clear_errors(self, path: str | None = None) -> None:
        widgets = (
            [self.widget_for(path)]
            if path
            else list(self.query("Field, DateField, ChoiceGroup, CodeField"))
        )
        for widget in widgets:
            if isinstance(widget, (Field, DateField, ChoiceGroup, CodeField)):
                widget.set_error(None)

    def show_problems(self, problems: list[tuple[str, str, dict[str, Any]]]) -> list[str]:
        """Show (path, code, params) next to their fields; the texts of those with no field."""
        by_widget: dict[int, tuple[Widget, list[Callable[[], str]]]] = {}
        orphans: list[str] = []
        for path, code, params in problems:

            def text(p: str = path, c: str = code, pa: dict[str, Any] = params) -> str:
                return step_problem_text(self.step, p, c, pa)

            widget = self.widget_for(path)
            if widget is None or isinstance(widget, TickBox):
                # A lone tick box has no error line: the message goes to the group after it.
                target = self._line_after(widget) if widget is not None else None
                if target is None:
                    orphans.append(text())
                    continue
                widget = target
            by_widget.setdefault(id(widget), (widget, []))[1].append(text)
        for widget, texts in by_widget.values():
            if isinstance(widget, Field | DateField | ChoiceGroup | CodeField):
                widget.set_error(_joined(texts))
        return orphans

    def _line_after(self, box: Widget) -> Widget | None:
        """The field a tick box belongs with (検討中 → occupations, なし → days_off …)."""
        owners = {
            "occupations_undecided": "occupations.0",
            "hours_none": "hours_from",
            "days_off_none": "days_off",
            "no_career": "careers.0.work_form",
            "share_with_local_government": "publish",
            "share_with_private_agencies": "publish",
        }
        for spec in self.specs:
            if spec.kind == "check" and self._wid(spec) == box.id:
                owner = owners.get(spec.name)
                return self.widget_for(owner) if owner else None
        return None

    def show_normalised(self, changes: list[tuple[str, str, str]]) -> None:
        """Say next to each field what normalisation changed, and show the changed value."""
        for path, before, after in changes:
            widget = self.widget_for(path)
            if isinstance(widget, Field | DateField):
                widget.value = after
                widget.set_note(_normalised_note(before, after))

    def show_address(self, address: ResolvedAddress | None) -> None:
        lines = self.query(f"#{self.prefix}s1-address-found")
        for line in lines:
            if isinstance(line, Static):
                line.update(address_text(address) if address else "")
