"""Pilot's waits, on the app's own state: only the widgets with work in hand, no CPU sampling.

`Pilot.press` and `Pilot.pause` wait until every widget of the screen has handled the messages
it had when the wait began: Textual posts a callback to each of them and counts them back.
A screen of ours has 100-400 widgets, almost all of them idle, and a long test waits 500+
times: the callbacks (each with its signature inspected) and the idle events that follow them
were over half of a TUI test's CPU. A widget whose queue is empty and whose task is parked on
it has nothing to finish: its callback would run at once and change nothing. So only the app,
the screen and the widgets with work in hand (queued messages, a message being handled,
callbacks due after it, or a task not started yet) get one; the wait ends at the same point
(`wait_for_busy_nodes`). Their other wait, for the CPU to go quiet, is `wait_until_quiet`.
"""

from __future__ import annotations

import asyncio
import contextlib
import time
from typing import Any

from textual._context import active_app
from textual.message_pump import MessagePump
from textual.pilot import Pilot, WaitForScreenTimeout
from textual.screen import Screen
from textual.timer import Timer
from textual.worker import WorkerState


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
    handled = asyncio.ensure_future(_all_handled(nodes))
    failed = asyncio.ensure_future(app._exception_event.wait())
    finished, pending = await asyncio.wait(
        {handled, failed}, timeout=timeout, return_when=asyncio.FIRST_COMPLETED
    )
    for task in pending:
        task.cancel()
    if not finished:
        raise WaitForScreenTimeout("Timed out while waiting for widgets to process messages.")
    return handled in finished


# One-shot timers this short are part of handling an event (Textual lays the screen out
# 1/120 s after a resize) and are waited for; longer ones (a notification's timeout, the
# app's 0.3 s start-up grace) are the app's own schedule, which the test drives itself.
SHORT_TIMER = 0.05


def _short_one_shot(timer: Timer) -> bool:
    task = timer._task
    return (
        timer._repeat == 0
        and timer._interval <= SHORT_TIMER
        and task is not None
        and not task.done()
        and timer._active.is_set()
    )


def _update_due(screen: Screen[Any]) -> bool:
    return bool(
        screen._callbacks
        or screen._layout_required
        or screen._scroll_required
        or screen._repaint_required
        or screen._recompose_required
        or screen._dirty_widgets
    )


async def _all_handled(nodes: list[MessagePump]) -> None:
    """Until each of `nodes` has handled what it had queued (a callback posted behind it)."""
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
    if remaining:
        await all_done.wait()


async def wait_until_quiet(min_sleep: float = 0.0, max_sleep: float = 1.0) -> None:
    """`textual._wait.wait_for_idle`, waiting on what the app is doing rather than on the CPU.

    Textual's own sleeps 20 ms slices until one of them used next to no CPU (at most 1 s):
    20 ms or more per wait, two waits per key, several hundred keys in a long test; and on
    a busy machine a slice without CPU can be a process that was merely not scheduled.
    This waits, each time on the thing itself, until the app has nothing in hand: no
    message pump with messages queued or being handled (the app, its screens and widgets),
    no worker running (a call to the server) nor sign-out call, no short one-shot timer
    due. A screen update
    then due is done at once, as `Pilot.pause` does, rather than on the screen's next timer
    tick (inside `App.batch_update` it waits for the batch: nothing more is in hand). Like
    the original it gives up after `max_sleep` seconds; `min_sleep` was its shortest sleep,
    which nothing here needs."""
    app = active_app.get()
    deadline = time.monotonic() + max_sleep
    while (left := deadline - time.monotonic()) > 0:
        for _ in range(4):  # what the driver posts lands on a queue a loop turn or two later
            await asyncio.sleep(0)
        nodes: list[MessagePump] = [app, *app._registry]
        busy = [node for node in nodes if not node._closed and not parked(node)]
        if busy:
            with contextlib.suppress(TimeoutError):
                async with asyncio.timeout(left):
                    await _all_handled(busy)
            continue
        workers = [w for w in app.workers if w.state in (WorkerState.PENDING, WorkerState.RUNNING)]
        if workers:
            tasks = {w._task for w in workers if w._task is not None}
            if tasks:
                await asyncio.wait(tasks, timeout=left)
            continue  # a pending worker starts on the next turns
        # Signing out tells the server in a task of its own (HelloWorkApp._sign_out).
        logging_out: asyncio.Task[None] | None = getattr(app, "_logging_out", None)
        if logging_out is not None and not logging_out.done():
            await asyncio.wait({logging_out}, timeout=left)
            continue
        timers = {
            timer._task
            for node in nodes
            for timer in list(node._timers)
            if _short_one_shot(timer) and timer._task is not None
        }
        if timers:
            await asyncio.wait(timers, timeout=left)
            continue
        screen = app.screen  # the screens under it update when they are shown again
        if _update_due(screen) and not app._batch_count:
            screen._on_timer_update()
            continue
        return
