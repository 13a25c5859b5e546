# Sourced by scripts/run and scripts/test: make .venv with Python 3.11+ and install the project.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
PY="${PYTHON:-}"
if [ -z "$PY" ]; then
  for cand in python3.11 python3.12 python3.13 python3; do
    if command -v "$cand" >/dev/null 2>&1 && "$cand" -c 'import sys; sys.exit(sys.version_info < (3, 11))'; then
      PY="$cand"; break
    fi
  done
fi
[ -n "$PY" ] || { echo "hellowork needs Python 3.11 or newer" >&2; exit 1; }
[ -x .venv/bin/python ] || "$PY" -m venv .venv
# uv installs the same versions as pip (the resolution was compared) in a fraction of the
# time: about a minute less for every fresh checkout, CI's included. pip is the fallback
# wherever uv cannot be installed or fails.
if { [ -x .venv/bin/uv ] || .venv/bin/python -m pip install --quiet --disable-pip-version-check \
  "uv>=0.5" >/dev/null 2>&1; } && .venv/bin/uv pip install --quiet --python .venv/bin/python \
  --compile-bytecode -e ".${EXTRAS:-}"; then
  :
else
  echo "uv unavailable: installing with pip" >&2
  .venv/bin/python -m pip install --quiet --upgrade pip
  .venv/bin/python -m pip install --quiet --disable-pip-version-check -e ".${EXTRAS:-}"
fi
# pip compiles the bytecode of what it installs, but not of an editable install's sources:
# without this, every start of hellowork would compile the project again wherever
# PYTHONDONTWRITEBYTECODE is set (as on many managed machines).
.venv/bin/python -m compileall -q -j 0 tui screens widgets session strings api_client server >/dev/null
