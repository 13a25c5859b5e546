"""The 1–7 step tabs of the registration wizard.

Each tab shows its number, its name and its state in symbols (✓ done, ✖ errors, · not yet);
the current one is marked ▶ and bracketed, so nothing depends on colour. Focused, the bar takes
the digits 1–7 and ←/→; the screen offers other keys for the same actions.
"""

from __future__ import annotations

from typing import ClassVar, Literal

from textual.binding import Binding, BindingType
from textual.message import Message
from textual.reactive import reactive
from textual.widgets import Static

StepState = Literal["todo", "done", "error"]
MARKS: dict[StepState, str] = {"todo": "·", "done": "✓", "error": "✖"}


class StepTabs(Static, can_focus=True):
    DEFAULT_CSS = """
    StepTabs { height: auto; padding: 0 1; border: tall $border-blurred; }
    StepTabs:focus { border: heavy $accent; }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        *[Binding(str(n), f"select({n})", show=False) for n in range(1, 8)],
        Binding("left", "move(-1)", show=False),
        Binding("right", "move(1)", show=False),
    ]

    current: reactive[int] = reactive(1)

    class Selected(Message):
        def __init__(self, step: int) -> None:
            super().__init__()
            self.step = step

    def __init__(self, names: list[str], id: str | None = None) -> None:
        super().__init__("", id=id, markup=False)
        self.names = names
        self.states: dict[int, StepState] = dict.fromkeys(range(1, len(names) + 1), "todo")

    def set_names(self, names: list[str]) -> None:
        self.names = names
        self._redraw()

    def set_state(self, step: int, state: StepState) -> None:
        self.states[step] = state
        self._redraw()

    def watch_current(self) -> None:
        self._redraw()

    def on_mount(self) -> None:
        self._redraw()

    def _redraw(self) -> None:
        parts = []
        for n, name in enumerate(self.names, 1):
            label = f"{n} {name} {MARKS[self.states.get(n, 'todo')]}"
            parts.append(f"▶[{label}]" if n == self.current else f" {label} ")
        self.update("  ".join(parts))

    def action_select(self, step: int) -> None:
        self.post_message(self.Selected(step))

    def action_move(self, delta: int) -> None:
        step = self.current + delta
        if 1 <= step <= len(self.names):
            self.post_message(self.Selected(step))
