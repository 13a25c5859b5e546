"""`serve`'s event loop and HTTP parser: uvloop and httptools for a standalone server when
they are installed, asyncio and h11 otherwise and for the embedded server."""

from __future__ import annotations

import sys

import pytest

from server.serving import event_loop_and_parser


def test_standalone_serve_runs_on_uvloop_and_httptools() -> None:
    """Both are dependencies (pyproject: uvloop except on Windows), so installed here."""
    loop, http = event_loop_and_parser(embedded=False)
    assert loop == ("asyncio" if sys.platform == "win32" else "uvloop")
    assert http == "httptools"


def test_without_them_serve_runs_on_asyncio_and_h11(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "uvloop", None)  # import uvloop → ImportError
    monkeypatch.setitem(sys.modules, "httptools", None)
    assert event_loop_and_parser(embedded=False) == ("asyncio", "h11")


def test_the_embedded_server_keeps_asyncio_and_h11() -> None:
    assert event_loop_and_parser(embedded=True) == ("asyncio", "h11")
