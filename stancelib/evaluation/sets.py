"""Evaluation data sets and the adapters that say how each kind is scored.

Kinds, recognised from the fields of the rows:

- ``labeled``: ``text`` plus ``stance`` and/or ``sentiment`` (the corpus splits, your own files,
  NewsMTSC): full metrics for every task present.
- ``challenge``: rows with ``group`` and ``capability`` (stancelib's challenge set): CheckList-style
  pass rates, a group passing when every member gets its expected label.
- ``plover``: rows with ``plover_event`` (PLOVER gold-standard leads mapped to stance; no neutral
  rows): per-class recall of the three stances present, their macro average, and the confusion matrix.
- ``unscon``: rows with ``correction`` / ``negative_evaluation`` flags (UN Security Council
  sentences): recall of ``denying`` on corrections and its rate on the other rows (a false-positive
  proxy), and agreement of ``negative`` sentiment with negative evaluation.
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass
from pathlib import Path

from ..data import SPLITS, challenge_path, corpus_path, hard_cases_path, read_records

KINDS = ("labeled", "challenge", "plover", "unscon")


@dataclass
class EvalSet:
    """A data set to score: its rows, where it came from, and how it is scored."""

    name: str
    path: Path
    kind: str
    rows: list[dict]
    sha256: str

    @property
    def texts(self) -> list[str]:
        return [r["text"] for r in self.rows]

    def describe(self) -> dict:
        return {"name": self.name, "path": display_path(self.path), "kind": self.kind, "rows": len(self.rows),
                "sha256": self.sha256}


def display_path(path: str | os.PathLike) -> str:
    """A path relative to the working directory, where one exists (reports stay portable)."""
    path = Path(path).resolve()
    return os.path.relpath(path) if path.anchor == Path.cwd().anchor else str(path)


def detect_kind(rows: list[dict]) -> str:
    """Which adapter scores these rows (see the module docstring)."""
    keys = set().union(*(r.keys() for r in rows[:50])) if rows else set()
    if {"group", "capability"} <= keys:
        return "challenge"
    if "plover_event" in keys:
        return "plover"
    if "correction" in keys or "negative_evaluation" in keys:
        return "unscon"
    return "labeled"


def file_sha256(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def resolve_eval_set(spec: str | os.PathLike) -> EvalSet:
    """Load an evaluation set from a path or a shipped name (``train``, ``dev``, ``test``, ``challenge``,
    ``hard_cases``).

    Example:
        >>> s = resolve_eval_set("test")
        >>> s.kind, s.name
        ('labeled', 'test')
    """
    spec = os.fspath(spec)
    if spec in SPLITS:
        path, name = corpus_path(spec), spec
    elif spec == "challenge":
        path, name = challenge_path(), "challenge"
    elif spec == "hard_cases":
        path, name = hard_cases_path(), "hard_cases"
    else:
        path = Path(spec)
        name = path.stem
    rows = read_records(path)
    for i, row in enumerate(rows, 1):
        if not isinstance(row.get("text"), str) or not row["text"].strip():
            raise ValueError(f"{path}: row {i}: field 'text' is missing or empty")
    return EvalSet(name=name, path=Path(path), kind=detect_kind(rows), rows=rows, sha256=file_sha256(Path(path)))
