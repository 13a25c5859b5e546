"""Searching a signed-out app for anything of the user who left: the objects the App can
reach, the text on screen and the files under HELLOWORK_HOME."""

from __future__ import annotations

import asyncio
import gc
import html
import re
import types
from collections.abc import Iterator
from pathlib import Path

from textual.pilot import Pilot

from tests.tui.helpers import settle
from tests.tui.support import DEMO_EMAIL, DEMO_NAME, DEMO_SEEKER_NUMBER, TuiServer

# What identifies the demo user: e-mail, name (and its parts), 求職番号 (and its digits).
NEEDLES = (
    DEMO_EMAIL,
    DEMO_EMAIL.split("@")[0] + "@",
    DEMO_NAME,
    DEMO_NAME.split()[1],
    DEMO_SEEKER_NUMBER,
    DEMO_SEEKER_NUMBER.split("-")[1],
)

# Code and class-level data are shared by every user; what they reach is not the user's.
_OPAQUE = (
    type,
    types.ModuleType,
    types.BuiltinFunctionType,
    types.MethodDescriptorType,
    types.WrapperDescriptorType,
    types.CodeType,
)


def _reachable_strings(root: object, stop: set[int]) -> Iterator[tuple[str, str]]:
    """Every str and bytes reachable from `root`, with the chain of types that holds it,
    not going through `stop` (the in-process server, which in production is another
    process), code, classes or module globals. Closures, defaults and the locals of
    suspended frames (workers, tasks) are followed: a late callback can hold a user's data.
    """
    seen: set[int] = set()
    parent: dict[int, tuple[int, str]] = {}
    todo: list[object] = [root]

    def chain(obj: object) -> str:
        names, key = [], id(obj)
        while key in parent and len(names) < 25:
            key, name = parent[key]
            names.append(name)
        return " < ".join(names)

    keep: list[object] = []  # ids stay unique while the walk runs
    while todo:
        obj = todo.pop()
        if id(obj) in seen or id(obj) in stop:
            continue
        seen.add(id(obj))
        keep.append(obj)
        if isinstance(obj, str):
            yield obj, chain(obj)
            continue
        if isinstance(obj, bytes | bytearray):
            yield bytes(obj).decode("utf-8", "replace"), chain(obj)
            continue
        if isinstance(obj, _OPAQUE):
            continue
        if isinstance(obj, types.FunctionType):
            refs: list[object] = [*(obj.__closure__ or ()), obj.__defaults__, obj.__kwdefaults__]
        elif isinstance(obj, types.FrameType):
            refs = [*obj.f_locals.values(), obj.f_back]
        elif isinstance(obj, asyncio.TimerHandle) and obj.cancelled():
            # A cancelled timer stays in the event loop's heap, with the context it was made
            # in, until its due time (at most a network timeout): dead, and gone by then.
            continue
        elif isinstance(obj, dict) and "__builtins__" in obj:
            continue  # a module's globals
        else:
            refs = list(gc.get_referents(obj))
        name = type(obj).__name__
        for r in refs:
            if r is not None and id(r) not in seen:
                parent.setdefault(id(r), (id(obj), name))
                todo.append(r)


async def assert_no_trace(pilot: Pilot[object], server: TuiServer, home: Path) -> None:
    app = pilot.app
    await settle(pilot)
    gc.collect()

    stop = {id(server), id(server.app), id(server.settings), id(server.clock)}
    found = [
        (needle, text[:80], holder)
        for text, holder in _reachable_strings(app, stop)
        for needle in NEEDLES
        if needle in text
    ]
    assert not found, f"the app still holds the user's data: {found[:3]}"

    # The screen as the terminal shows it: the text runs of a screenshot.
    svg = app.export_screenshot()
    shown = html.unescape("".join(re.findall(r">([^<>]*)</text>", svg))).replace("\xa0", " ")
    assert "ログイン" in shown or "Log in" in shown, shown  # the screen text was read
    for needle in NEEDLES:
        assert needle not in shown, f"{needle!r} still on screen: {shown}"

    _assert_no_file_holds(home)


def _assert_no_file_holds(home: Path) -> None:
    for path in (p for p in home.rglob("*") if p.is_file()):
        data = path.read_bytes()
        for needle in NEEDLES:
            assert needle.encode() not in data, f"{needle!r} in {path}"


def holds(pilot: Pilot[object], server: TuiServer, needle: str) -> bool:
    """Whether the app reaches `needle` (the search's own check: it finds a signed-in user)."""
    stop = {id(server), id(server.app), id(server.settings), id(server.clock)}
    return any(needle in text for text, _ in _reachable_strings(pilot.app, stop))
