"""F1 help: what the focused control is, and every key that works on this screen right now.

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
from widgets.localise import localise_bindings

# Keys every screen answers to (focus moves), described here rather than in the key line.
_MOVES = (("Tab", "help.tab"), ("Shift+Tab", "help.shift_tab"))


def focused_label(widget: Widget | None) -> tuple[str, str]:
    """The label and hint of the field holding `widget`, or the widget's own words."""
    if widget is None:
        return "", ""
    for node in widget.ancestors_with_self:
        if isinstance(node, FieldFrame) and node.heading.label:
            return node.heading.label, node.heading.hint
    label = getattr(widget, "label", None) or getattr(widget, "placeholder", None)
    return (str(label) if label else type(widget).__name__), ""


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
        self._keys = key_lines(over)
        localise_bindings(self, refresh=False)

    def compose(self) -> ComposeResult:
        with VerticalScroll():
            yield Static(t("help.title"), classes="help-title", markup=False)
            label, hint = self._focus
            if label:
                yield Static(t("help.focused"), classes="help-section", markup=False)
                yield Static(label + (f"\n{hint}" if hint else ""), id="help-focus", markup=False)
            yield Static(t("help.keys"), classes="help-section", markup=False)
            lines = [f"{key:<12} {what}" for key, what in self._keys]
            lines += [f"{key:<12} {t(what)}" for key, what in _MOVES]
            yield Static("\n".join(lines), id="help-keys", markup=False)
            yield Static(t("help.close"), classes="help-section", markup=False)

    def action_close(self) -> None:
        self.dismiss()
