"""Checks that keep the labeled corpus honest: schema, labels, balance and (near) duplicates."""

from __future__ import annotations

import json
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Sequence

from ..labels import DEFAULT_TASKS
from . import SPLITS, challenge_path, corpus_path, hard_cases_path

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
    hard_cases: str | Path | None = None,
    *,
    threshold: float = 0.8,
    min_split_sizes: dict[str, int] | None = None,
) -> CorpusReport:
    """Check the corpus splits and the challenge set; return every problem found.

    Checks: each row parses and has the schema's fields; labels are in the schema; ids are unique;
    no exact or near duplicate (character 5-gram Jaccard >= ``threshold`` after normalising case,
    punctuation and names) inside a split or across splits; no challenge statement in the corpus;
    each split is large enough, every stance holds >= 18% and every sentiment >= 15% of each
    split, and no form is above 45%. The hard-case set, like the challenge set, must not occur in
    the corpus.

    Example:
        >>> check_corpus().ok
        True
    """
    corpus_dir = Path(corpus_dir) if corpus_dir else corpus_path("train").parent
    challenge = Path(challenge) if challenge else challenge_path()
    if hard_cases is None and corpus_dir == corpus_path("train").parent:
        hard_cases = hard_cases_path()
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
    hard = _read_jsonl(hard_cases, CORPUS_FIELDS, report) if hard_cases and Path(hard_cases).is_file() else []
    if hard:
        report.counts["hard_cases"] = {"rows": len(hard), "stance": dict(Counter(r["stance"] for r in hard).most_common())}
    # Evaluation-only sets must not occur in train, nor in the corpus's dev and test splits.
    corpus = [r for rows in splits.values() for r in rows]
    for name, rows in (("challenge", chal), ("hard-case", hard)):
        if not rows:
            continue
        texts = [r["text"] for r in corpus] + [r["text"] for r in rows]
        for i, j, sim in near_duplicates(texts, threshold):
            if i < len(corpus) <= j:
                report.problems.append(
                    f"{name} statement {rows[j - len(corpus)]['_where']} also in the corpus "
                    f"({corpus[i]['_where']}, Jaccard {sim:.2f})"
                )
    return report


def _table(counter: dict[str, Counter], keys: list[str], title: str) -> list[str]:
    splits = list(counter)
    lines = [f"| {title} | " + " | ".join(splits) + " |", "|---" * (len(splits) + 1) + "|"]
    for k in keys:
        cells = []
        for s in splits:
            n = sum(counter[s].values())
            cells.append(f"{counter[s][k]} ({counter[s][k] / n:.0%})" if n else "0")
        lines.append(f"| {k} | " + " | ".join(cells) + " |")
    return lines


def counts_markdown(corpus_dir: str | Path | None = None) -> str:
    """Markdown tables of the corpus: labels, label pairs, forms, domains, hard cases, lengths, cue words.

    Used to regenerate the counts section of the data card (``scripts/check_corpus.py --write-card``).
    """
    corpus_dir = Path(corpus_dir) if corpus_dir else corpus_path("train").parent
    report = CorpusReport()
    splits = {s: _read_jsonl(corpus_dir / f"{s}.jsonl", (), report) for s in SPLITS}
    out: list[str] = []
    for key, title in (("stance", "stance"), ("sentiment", "sentiment"), ("form", "form"), ("domain", "domain")):
        counter = {s: Counter(str(r.get(key)) for r in rows) for s, rows in splits.items()}
        keys = [k for k, _ in sum(counter.values(), Counter()).most_common()]
        out += _table(counter, keys, title) + [""]
    pairs = {s: Counter(f"{r['stance']} / {r['sentiment']}" for r in rows) for s, rows in splits.items()}
    out += _table(pairs, sorted(sum(pairs.values(), Counter())), "stance / sentiment") + [""]
    hard = {s: Counter("hard case" if r.get("phenomenon") else "plain" for r in rows) for s, rows in splits.items()}
    out += _table(hard, ["hard case", "plain"], "hard cases") + [""]
    out += ["| split | words: min | median | max | share >= 30 words |", "|---|---|---|---|---|"]
    for s, rows in splits.items():
        n = sorted(len(r["text"].split()) for r in rows)
        out.append(f"| {s} | {n[0]} | {n[len(n) // 2]} | {n[-1]} | {sum(x >= 30 for x in n) / len(n):.0%} |")
    out += ["", "Cue words (all splits): how often the obvious word appears in its own stance and in others.", "",
            "| cue | in its stance | in other stances |", "|---|---|---|"]
    rows = [r for rs in splits.values() for r in rs]
    for stance, pattern, shown in (("threatening", r"\bwarn", "warn…"), ("denying", r"\bden(?:y|ied|ies|ial)", "deny, denied, denies, denial"),
                                   ("conciliatory", r"\btalks?\b", "talk, talks")):
        rx = re.compile(pattern, re.I)
        own = [r for r in rows if r["stance"] == stance]
        hits = sum(bool(rx.search(r["text"])) for r in own)
        other = sum(bool(rx.search(r["text"])) for r in rows if r["stance"] != stance)
        out.append(f"| {shown} ({stance}) | {hits} of {len(own)} ({hits / len(own):.1%}) | {other} rows |")
    return "\n".join(out) + "\n"
