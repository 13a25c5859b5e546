"""`python -m server` runs the API server (same as `hellowork serve`)."""

from __future__ import annotations

import sys

from server.main import serve

if __name__ == "__main__":
    sys.exit(serve(sys.argv[1:]))
