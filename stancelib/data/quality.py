"""Checks that keep the labeled corpus honest: schema, labels, balance and (near) duplicates."""

from __future__ import annotations

import json
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Sequence

from ..labels import DEFAULT_TASKS
from . import SPLITS, challenge_path, corpus_path

CORPUS_FIELDS = ("id", "text", "stance", "sentiment", "speaker", "domain", "form")
CHALLENGE_FIELDS = ("id", "group", "capability", "text", "stance", "sentiment")
FORMS = ("direct_quote", "reported_speech", "narration", "headline", "fragment")

_NAME = re.compile(r"\b[A-Z][\w'’.-]*")
_PUNCT = re.compile(r"[^\w\s]")
_SPACE = re.compile(r"\s+")


def normalize_for_dedup(text: str) -> str:
    """Lower-case text with names (capitalised words) replaced by ``x`` and punctuation removed.

    Two statements that differ only in names, case or punctuation normalise to the same string.

    Example:
        >>> normalize_for_dedup('"Moscow will respond," Lavrov said.')
        'x will respond x said'
    """
    letters = [c for c in text if c.isalpha()]
    if letters and sum(c.isupper() for c in letters) > 0.6 * len(letters):
        text = text.lower()  # shouted text: its capitals do not mark names
    text = _NAME.sub("X", text)
    text = _PUNCT.sub(" ", text.lower())
    return _SPACE.sub(" ", text).strip()


def shingles(text: str, n: int = 5) -> frozenset[str]:
    """Character ``n``-grams of the normalised text."""
    norm = normalize_for_dedup(text)
    if len(norm) <= n:
        return frozenset([norm])
    return frozenset(norm[i : i + n] for i in range(len(norm) - n + 1))


def jaccard(a: frozenset, b: frozenset) -> float:
    return len(a & b) / len(a | b) if a or b else 1.0


def near_duplicates(
    texts: Sequence[str], threshold: float = 0.8, n: int = 5, max_df: int = 64
) -> list[tuple[int, int, float]]:
    """All pairs of texts whose character n-gram Jaccard similarity is at least ``threshold``.

    Candidate pairs come from an inverted index over n-grams; n-grams shared by more than
    ``max_df`` texts are too common to point at a duplicate and are not used to find candidates
    (the exact Jaccard of each candidate still counts them).

    Returns:
        ``(i, j, similarity)`` with ``i < j``, sorted.

    Example:
        >>> near_duplicates(["Russia will respond firmly.", "China will respond firmly!", "Hello there, world"])
        [(0, 1, 1.0)]
    """
    grams = [shingles(t, n) for t in texts]
    index: dict[str, list[int]] = defaultdict(list)
    for i, g in enumerate(grams):
        for s in g:
            index[s].append(i)
    pairs = []
    for i, g in enumerate(grams):
        counts: Counter[int] = Counter()
        rare = 0
        for s in g:
            posting = index[s]
            if len(posting) > max_df:
                continue
            rare += 1
            counts.update(j for j in posting if j > i)
        for j, shared in counts.items():
            # Jaccard >= t implies sharing at least t of the larger set; be lenient on the rare subset.
            if shared >= 0.5 * threshold * rare:
                sim = jaccard(g, grams[j])
                if sim >= threshold:
                    pairs.append((i, j, round(sim, 3)))
        if rare == 0:  # only common n-grams: fall back to exact comparison
            pairs.extend(
                (i, j, round(jaccard(g, grams[j]), 3))
                for j in range(i + 1, len(grams))
                if jaccard(g, grams[j]) >= threshold
            )
    return sorted(set(pairs))


@dataclass
class CorpusReport:
    """Problems found and the counts of a corpus check."""

    problems: list[str] = field(default_factory=list)
    counts: dict[str, dict] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return not self.problems


def _read_jsonl(path: Path, required: Sequence[str], report: CorpusReport) -> list[dict]:
    rows = []
    if not path.is_file():
        report.problems.append(f"{path}: file is missing")
        return rows
    with open(path, encoding="utf-8") as fh:
        for lineno, line in enumerate(fh, 1):
            if not line.strip():
                continue
            try:
                row = json.loads(line)
            except json.JSONDecodeError as exc:
                report.problems.append(f"{path}: line {lineno}: not valid JSON ({exc.msg})")
                continue
            if not isinstance(row, dict):
                report.problems.append(f"{path}: line {lineno}: not a JSON object")
                continue
            missing = [f for f in required if f not in row]
            if missing:
                report.problems.append(f"{path}: line {lineno}: missing field(s) {', '.join(missing)}")
            if not isinstance(row.get("text"), str) or not row.get("text", "").strip():
                report.problems.append(f"{path}: line {lineno}: field 'text' is empty or not a string")
                continue
            for task in DEFAULT_TASKS:
                if row.get(task.name) not in task.labels:
                    report.problems.append(
                        f"{path}: line {lineno}: field {task.name!r} has label {row.get(task.name)!r} "
                        f"outside the schema {list(task.labels)}"
                    )
            row["_where"] = f"{path.name}:{lineno}"
            rows.append(row)
    return rows


def _shares(rows: Sequence[dict], key: str) -> dict[str, float]:
    counts = Counter(r.get(key) for r in rows)
    return {str(k): v / len(rows) for k, v in counts.items()} if rows else {}


def check_corpus(
    corpus_dir: str | Path | None = None,
    challenge: str | Path | None = None,
    *,
    threshold: float = 0.8,
    min_split_sizes: dict[str, int] | None = None,
) -> CorpusReport:
    """Check the corpus splits and the challenge set; return every problem found.

    Checks: each row parses and has the schema's fields; labels are in the schema; ids are unique;
    no exact or near duplicate (character 5-gram Jaccard >= ``threshold`` after normalising case,
    punctuation and names) inside a split or across splits; no challenge statement also in train;
    each split is large enough, every stance holds >= 18% and every sentiment >= 15% of each
    split, and no form is above 45%.

    Example:
        >>> check_corpus().ok
        True
    """
    corpus_dir = Path(corpus_dir) if corpus_dir else corpus_path("train").parent
    challenge = Path(challenge) if challenge else challenge_path()
    sizes = {"train": 4000, "dev": 700, "test": 700} if min_split_sizes is None else min_split_sizes
    report = CorpusReport()
    splits = {s: _read_jsonl(corpus_dir / f"{s}.jsonl", CORPUS_FIELDS, report) for s in SPLITS}

    for split, rows in splits.items():
        if len(rows) < sizes.get(split, 0):
            report.problems.append(f"{split}: {len(rows)} rows, fewer than the required {sizes[split]}")
        if not rows:
            continue
        for task, floor in (("stance", 0.18), ("sentiment", 0.15)):
            shares = _shares(rows, task)
            for label in next(t for t in DEFAULT_TASKS if t.name == task).labels:
                if shares.get(label, 0.0) < floor:
                    report.problems.append(
                        f"{split}: {task} {label!r} is {shares.get(label, 0.0):.1%} of rows, below {floor:.0%}"
                    )
        for form, share in _shares(rows, "form").items():
            if share > 0.45:
                report.problems.append(f"{split}: form {form!r} is {share:.1%} of rows, above 45%")
            if form not in FORMS:
                report.problems.append(f"{split}: unknown form {form!r}")
        report.counts[split] = {
            "rows": len(rows),
            **{key: dict(Counter(str(r.get(key)) for r in rows).most_common()) for key in ("stance", "sentiment", "form", "domain")},
            "stance_x_sentiment": dict(Counter(f"{r.get('stance')}/{r.get('sentiment')}" for r in rows).most_common()),
        }

    all_rows = [r for rows in splits.values() for r in rows]
    for rid, count in Counter(r.get("id") for r in all_rows).items():
        if count > 1:
            report.problems.append(f"id {rid!r} is used by {count} rows")
    for i, j, sim in near_duplicates([r["text"] for r in all_rows], threshold):
        kind = "exact duplicate" if sim >= 0.999 else f"near duplicate (Jaccard {sim:.2f})"
        report.problems.append(f"{kind}: {all_rows[i]['_where']} ~ {all_rows[j]['_where']}")

    chal = _read_jsonl(challenge, CHALLENGE_FIELDS, report)
    if chal:
        report.counts["challenge"] = {
            "rows": len(chal),
            "groups": len({r.get("group") for r in chal}),
            "capability": dict(Counter(r.get("capability") for r in chal).most_common()),
        }
        train = splits["train"]
        texts = [r["text"] for r in train] + [r["text"] for r in chal]
        for i, j, sim in near_duplicates(texts, threshold):
            if i < len(train) <= j:
                report.problems.append(
                    f"challenge statement {chal[j - len(train)]['_where']} also in train "
                    f"({train[i]['_where']}, Jaccard {sim:.2f})"
                )
    return report
