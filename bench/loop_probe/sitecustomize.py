"""Event-loop probe for benchmark runs (`bench.load --probe DIR`); not part of the server.

Python imports `sitecustomize` at start-up from the path, so a server started with this
folder on PYTHONPATH and BENCH_LOOP_PROBE=DIR — its spawned workers too — writes
DIR/probe-<pid>.jsonl, one JSON object a line:

- "sec", every wall second: ms the event loop spent running callbacks (an iteration's time
  minus its time in select), callbacks run, the largest lag of a 10 ms heartbeat timer (how
  late it fired), and the time spent waiting for a pooled database connection;
- "cb": a callback (one step of a task) that ran over 20 ms, with the thread's CPU time in
  it (CPU ≪ wall: the thread was waiting for a core, not computing) and the task's await
  chain before and after the step (the slow code is between the two);
- "gc": a collection over 2 ms, and every full one, with its CPU time and (full ones) the
  objects tracked; "hist": the types of those objects, twice per process;
- "pool": a checkout that waited over 5 ms for a connection;
- "hold": how long each checked-out connection was kept (checkout to checkin).

It patches asyncio's pure-Python loop (Handle._run, BaseEventLoop._run_once) and
SQLAlchemy's QueuePool: figures are only as good as that, and the probe itself costs a few
µs per callback. bench/loop_probe/summary.py DIR summarises a run.
"""

import os

_DIR = os.environ.get("BENCH_LOOP_PROBE")
if _DIR:
    import asyncio
    import asyncio.base_events
    import asyncio.events
    import gc
    import json
    import sys
    import threading
    import time

    pc = time.perf_counter
    _out = open(os.path.join(_DIR, f"probe-{os.getpid()}.jsonl"), "a", buffering=1)  # noqa: SIM115
    _lock = threading.Lock()

    def emit(**kw: object) -> None:
        kw["t"] = round(time.time(), 3)
        with _lock:
            _out.write(json.dumps(kw, ensure_ascii=False) + "\n")

    emit(ev="start", argv=sys.argv[:3])

    # The probe patches asyncio's own loop: keep `serve` off uvloop (a dependency),
    # which it would otherwise pick when installed.
    sys.modules["uvloop"] = None  # type: ignore[assignment]

    # --- collections
    _gc_t: dict[int, tuple[float, float]] = {}
    _histograms: list[int] = []

    def _gc_cb(phase: str, info: dict[str, int]) -> None:
        tid = threading.get_ident()
        if phase == "start":
            _gc_t[tid] = (pc(), time.thread_time())
            return
        t0, c0 = _gc_t.pop(tid, (pc(), time.thread_time()))
        ms = (pc() - t0) * 1000
        cpu = (time.thread_time() - c0) * 1000
        full = info["generation"] == 2
        if ms <= 2 and not full:
            return
        objs = gc.get_objects(2) if full else []
        emit(
            ev="gc",
            gen=info["generation"],
            ms=round(ms, 1),
            cpu_ms=round(cpu, 1),
            collected=info["collected"],
            thread=threading.current_thread().name,
            tracked=len(objs) if full else None,
        )
        if full and len(objs) > 100_000 and len(_histograms) < 2:
            _histograms.append(len(objs))
            kinds: dict[str, int] = {}
            for o in objs:
                k = f"{type(o).__module__}.{type(o).__qualname__}"
                kinds[k] = kinds.get(k, 0) + 1
            emit(ev="hist", n=len(objs), top=sorted(kinds.items(), key=lambda kv: -kv[1])[:40])

    gc.callbacks.append(_gc_cb)

    # --- the event loop, per second
    _sec: dict[str, float] = {
        "busy": 0.0,
        "iters": 0,
        "cbs": 0,
        "lag": 0.0,
        "pool_wait": 0.0,
        "pool_n": 0,
        "t0": time.time(),
    }

    def _flush_sec(now: float) -> None:
        if now - _sec["t0"] < 1.0:
            return
        emit(
            ev="sec",
            busy_ms=round(_sec["busy"] * 1000, 1),
            iters=_sec["iters"],
            cbs=_sec["cbs"],
            max_lag_ms=round(_sec["lag"] * 1000, 1),
            pool_wait_ms=round(_sec["pool_wait"] * 1000, 1),
            pool_n=_sec["pool_n"],
        )
        _sec.update(busy=0.0, iters=0, cbs=0, lag=0.0, pool_wait=0.0, pool_n=0, t0=now)

    def _chain(task: asyncio.Task[object]) -> list[str]:
        """The innermost frames of the task's await chain."""
        out = []
        coro: object = task.get_coro()
        for _ in range(30):
            if coro is None:
                break
            code = getattr(coro, "cr_code", None) or getattr(coro, "gi_code", None)
            frame = getattr(coro, "cr_frame", None) or getattr(coro, "gi_frame", None)
            if code is not None:
                out.append(f"{code.co_qualname}:{frame.f_lineno if frame else '-'}")
            coro = getattr(coro, "cr_await", None) or getattr(coro, "gi_yieldfrom", None)
        return out[-6:]

    _orig_run = asyncio.events.Handle._run

    def _run(self: asyncio.Handle) -> None:
        task = getattr(self._callback, "__self__", None)  # type: ignore[attr-defined]
        task = task if isinstance(task, asyncio.Task) else None
        before = _chain(task) if task is not None else None
        t, c = pc(), time.thread_time()
        _orig_run(self)
        ms, cpu = (pc() - t) * 1000, (time.thread_time() - c) * 1000
        _sec["cbs"] += 1
        if ms > 20:
            emit(
                ev="cb",
                ms=round(ms, 1),
                cpu_ms=round(cpu, 1),
                what=task.get_name() if task is not None else repr(self._callback)[:120],  # type: ignore[attr-defined]
                before=before,
                after=_chain(task) if task is not None else None,
            )

    asyncio.events.Handle._run = _run  # type: ignore[method-assign]

    _orig_once = asyncio.base_events.BaseEventLoop._run_once  # type: ignore[attr-defined]
    _in_select = {"t": 0.0}

    def _run_once(self: asyncio.base_events.BaseEventLoop) -> None:
        if not getattr(self, "_bench_probe", False):
            self._bench_probe = True  # type: ignore[attr-defined]
            selector = self._selector  # type: ignore[attr-defined]
            plain_select = selector.select

            def select(timeout: float | None = None) -> object:
                t = pc()
                try:
                    return plain_select(timeout)
                finally:
                    _in_select["t"] += pc() - t

            selector.select = select

            def beat(expected: float) -> None:
                now = self.time()
                _sec["lag"] = max(_sec["lag"], now - expected)
                self.call_at(now + 0.01, beat, now + 0.01)

            self.call_at(self.time() + 0.01, beat, self.time() + 0.01)
        _in_select["t"] = 0.0
        n0 = _sec["cbs"]
        t = pc()
        _orig_once(self)
        busy = pc() - t - _in_select["t"]
        _sec["busy"] += busy
        _sec["iters"] += 1
        if busy > 0.05:
            emit(ev="it", ms=round(busy * 1000, 1), cbs=_sec["cbs"] - n0)
        _flush_sec(time.time())

    asyncio.base_events.BaseEventLoop._run_once = _run_once  # type: ignore[attr-defined]

    # --- waits for a pooled connection
    try:
        from sqlalchemy.pool import impl as _impl

        _orig_get = _impl.QueuePool._do_get

        def _do_get(self: _impl.QueuePool) -> object:
            t = pc()
            try:
                return _orig_get(self)
            finally:
                d = pc() - t
                _sec["pool_wait"] += d
                _sec["pool_n"] += 1
                if d > 0.005:
                    emit(ev="pool", ms=round(d * 1000, 1), out=self.checkedout())

        _impl.QueuePool._do_get = _do_get  # type: ignore[method-assign]

        # --- how long each checkout is held (from the pool's checkout to its checkin)
        from sqlalchemy import event as _event
        from sqlalchemy.pool import Pool as _Pool

        def _on_checkout(dbapi_con: object, record: object, proxy: object) -> None:
            record.info["_probe_out"] = pc()  # type: ignore[attr-defined]

        def _on_checkin(dbapi_con: object, record: object) -> None:
            got = record.info.pop("_probe_out", None)  # type: ignore[attr-defined]
            if got is not None:
                emit(ev="hold", ms=round((pc() - got) * 1000, 1))

        _event.listen(_Pool, "checkout", _on_checkout)
        _event.listen(_Pool, "checkin", _on_checkin)
    except ImportError as exc:
        emit(ev="probe-error", what=repr(exc))
