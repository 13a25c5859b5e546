"""End-to-end fixtures: real server processes (see serve_support)."""

from tests.e2e.serve_support import serve_process

__all__ = ["serve_process"]
