"""F1 help: what the focused control is and how it is used, and every key that works on this
screen right now.

Built from the same bindings the key line shows, asking each the same question (is it
enabled here?), so it never offers a key that would be refused — in kiosk mode no quit
key, no 保存 to a file, no mailbox.
"""

from __future__ import annotations

from typing import Any, ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import ModalScreen, Screen
from textual.widget import Widget
from textual.widgets import Static

from screens.base import Localised
from strings.i18n import has, t
from widgets.field import FieldFrame
from widgets.localise import describe, localise_bindings

# Keys every screen answers to (focus moves), described here rather than in the key line.
_MOVES = (("Tab", "help.tab"), ("Shift+Tab", "help.shift_tab"))

# How each kind of control is used (by class name along its MRO: a list of results is an
# OptionList). Names, not imports: help must not load every widget module.
_KINDS = (
    "Input",
    "TextArea",
    "OptionList",
    "TickBox",
    "Checkbox",
    "RadioButton",
    "RadioSet",
    "Select",
    "SelectCurrent",
    "CollapsibleTitle",
    "PushButton",
    "Button",
    "MenuPane",
    "LinkList",
    "VerticalScroll",
)


def control_kind(widget: Widget) -> str | None:
    """The first of _KINDS that `widget` is an instance of, by class name."""
    names = {cls.__name__ for cls in type(widget).__mro__}
    return next((kind for kind in _KINDS if kind in names), None)


def focused_label(widget: Widget | None) -> tuple[str, str]:
    """The label and hint of the field holding `widget`, or the widget's own words, or what
    the screen calls it (`help.control.<id>`), or the kind of control it is."""
    if widget is None:
        return "", ""
    for node in widget.ancestors_with_self:
        if isinstance(node, FieldFrame) and node.heading.label:
            return node.heading.label, node.heading.hint
    if widget.id and has(f"help.control.{widget.id}"):
        return t(f"help.control.{widget.id}"), ""
    label = getattr(widget, "label", None) or getattr(widget, "placeholder", None)
    if label:
        return str(label), ""
    kind = control_kind(widget)
    return (t(f"help.name.{kind}") if kind else type(widget).__name__), ""


def usage(widget: Widget | None) -> str:
    """How the focused control is used, in words (typing, choosing, ticking…)."""
    if widget is None:
        return ""
    kind = control_kind(widget)
    return t(f"help.kind.{kind}") if kind else ""


def key_lines(screen: Screen[Any]) -> list[tuple[str, str]]:
    """(key, what it does) of every binding that works on `screen` now, once per action."""
    seen: set[str] = set()
    out: list[tuple[str, str]] = []
    for _node, binding, enabled, _tip in screen.active_bindings.values():
        if not enabled or not binding.description or binding.action in seen:
            continue
        if binding.id is None or not has(binding.id):
            continue  # Textual's own editing keys: English only, and not what help is for
        seen.add(binding.action)
        out.append((screen.app.get_key_display(binding), binding.description))
    return out


def control_keys(widget: Widget | None) -> list[tuple[str, str]]:
    """(key, what it does) of the focused control's own keys — Textual's editing and list
    keys included, in the UI language — once per action."""
    if widget is None:
        return []
    seen: set[str] = set()
    out: list[tuple[str, str]] = []
    for bindings in widget._bindings.key_to_bindings.values():
        for binding in bindings:
            text = describe(binding)
            if not text or binding.action in seen:
                continue
            seen.add(binding.action)
            out.append((widget.app.get_key_display(binding), text))
    return out


class HelpScreen(ModalScreen[None], Localised):
    DEFAULT_CSS = """
    HelpScreen { align: center middle; }
    HelpScreen > VerticalScroll {
        width: 100%;
        max-width: 80;
        height: auto;
        max-height: 100%;
        border: heavy $accent;
        background: $background;
        padding: 0 1;
    }
    HelpScreen .help-title { text-style: bold underline; }
    HelpScreen .help-section { text-style: bold; margin: 1 0 0 0; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,f1", "close", "Close", id="key.close"),
    ]

    def __init__(self, over: Screen[Any]) -> None:
        super().__init__()
        self._focus = focused_label(over.focused)
        self._usage = usage(over.focused)
        self._control_keys = control_keys(over.focused)
        self._keys = key_lines(over)
        localise_bindings(self, refresh=False)

    def compose(self) -> ComposeResult:
        with VerticalScroll():
            yield Static(t("help.title"), classes="help-title", markup=False)
            label, hint = self._focus
            if label:
                yield Static(t("help.focused"), classes="help-section", markup=False)
                text = label + (f"\n{hint}" if hint else "")
                if self._usage:
                    text += f"\n{self._usage}"
                yield Static(text, id="help-focus", markup=False)
            if self._control_keys:
                yield Static(t("help.control_keys"), classes="help-section", markup=False)
                lines = [f"{key:<12} {what}" for key, what in self._control_keys]
                yield Static("\n".join(lines), id="help-control-keys", markup=False)
            yield Static(t("help.keys"), classes="help-section", markup=False)
            lines = [f"{key:<12} {what}" for key, what in self._keys]
            lines += [f"{key:<12} {t(what)}" for key, what in _MOVES]
            yield Static("\n".join(lines), id="help-keys", markup=False)
            yield Static(t("help.close"), classes="help-section", markup=False)

    def action_close(self) -> None:
        self.dismiss()
