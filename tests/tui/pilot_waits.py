"""Pilot's wait for the screen, without a round trip through every idle widget.

`Pilot.press` and `Pilot.pause` wait until every widget of the screen has handled the messages
it had when the wait began: Textual posts a callback to each of them and counts them back.
A screen of ours has 100-400 widgets, almost all of them idle, and a test waits 500-1,000
times: the callbacks (each with its signature inspected) and the idle events that follow them
were a fifth of a TUI test's CPU. A widget whose queue is empty and whose task is parked on it
has nothing to finish: its callback would run at once and change nothing. So only the app,
the screen and the widgets with work in hand (queued messages, a message being handled,
callbacks due after it, or a task not started yet) get one; the wait ends at the same point.
"""

from __future__ import annotations

import asyncio
from typing import Any

from textual.message_pump import MessagePump
from textual.pilot import Pilot, WaitForScreenTimeout


def parked(node: MessagePump) -> bool:
    """Nothing queued, nothing being handled: the node's task waits on its empty queue."""
    queue: Any = node._message_queue  # textual._queue.Queue: a deque and an asyncio.Event
    ready = queue.ready_event
    return (
        queue.empty()
        and not ready.is_set()
        and not node._next_callbacks
        and any(not waiter.done() for waiter in ready._waiters)
    )


async def wait_for_busy_nodes(
    self: Pilot[Any],
    timeout: float = 30.0,  # noqa: ASYNC109 (the signature of the method it replaces)
) -> bool:
    """`Pilot._wait_for_screen` for the app, the screen and its widgets that are not parked."""
    app = self.app
    try:
        screen = app.screen
    except Exception:
        return False
    nodes: list[MessagePump] = [app, screen]
    nodes.extend(w for w in screen.walk_children() if not parked(w))
    remaining = 0
    all_done = asyncio.Event()

    def one_done() -> None:
        nonlocal remaining
        remaining -= 1
        if remaining == 0:
            all_done.set()

    for node in nodes:
        if node.call_later(one_done):
            remaining += 1
    if remaining == 0:
        return True
    waits = {
        asyncio.ensure_future(all_done.wait()),
        asyncio.ensure_future(app._exception_event.wait()),
    }
    finished, pending = await asyncio.wait(
        waits, timeout=timeout, return_when=asyncio.FIRST_COMPLETED
    )
    for task in pending:
        task.cancel()
    if not finished:
        raise WaitForScreenTimeout("Timed out while waiting for widgets to process messages.")
    return remaining == 0
