"""Scoring document analysis against gold articles: statement boundaries and speakers.

The gold set (``stancelib/data/articles``) holds documents and, in ``gold.jsonl``, every piece of
each in order: statements with their canonical speaker and quote type, and the headlines,
bylines, datelines and boilerplate that are not statements. See its README for the conventions.
"""

from __future__ import annotations

import json
import re
import time
from collections import defaultdict
from pathlib import Path
from typing import Any

from ..data import _data_dir


def gold_dir() -> Path:
    """Folder of the shipped gold articles (the first tuning set; the others are subfolders)."""
    return _data_dir() / "articles"


def gold_sets() -> dict[str, Path]:
    """The shipped gold sets in the order they were written: six the rules were tuned on, one held out.

    ``tuning-1`` (28 documents) was written first and the rules were built on it; ``tuning-2`` to
    ``tuning-6`` (12 each) were each written by a writer who saw none of the code, first scored
    unseen, then used to fix the rules; ``heldout`` (12), written the same way, has never been used
    to change them.
    """
    root = gold_dir()
    return {"tuning-1": root, **{f"tuning-{k}": root / f"tuning-{k}" for k in range(2, 7)}, "heldout": root / "heldout"}


def load_gold(folder: str | Path | None = None) -> list[dict[str, Any]]:
    """Documents with their gold pieces (offsets computed from the exact substrings, in order).

    Returns:
        ``[{"doc_id", "kind", "author", "text", "pieces": [{type, start, end, speaker, quote_type, ...}]}]``
    """
    folder = Path(folder) if folder else gold_dir()
    rows = [json.loads(line) for line in open(folder / "gold.jsonl", encoding="utf-8") if line.strip()]
    docs: dict[str, dict] = {}
    for row in rows:
        doc = docs.get(row["doc_id"])
        if doc is None:
            text = (folder / f"{row['doc_id']}.txt").read_text(encoding="utf-8")
            doc = docs[row["doc_id"]] = {"doc_id": row["doc_id"], "kind": row.get("kind"), "author": row.get("author"),
                                         "text": text, "pieces": [], "_pos": 0}
        start = doc["text"].find(row["text"], doc["_pos"])
        if start < 0:
            raise ValueError(f"{folder / 'gold.jsonl'}: {row['doc_id']}: piece not found in order: {row['text'][:60]!r}")
        end = start + len(row["text"])
        doc["_pos"] = end
        doc["pieces"].append({**row, "start": start, "end": end})
    for doc in docs.values():
        doc.pop("_pos")
    return list(docs.values())


def _norm_speaker(name: str | None) -> str | None:
    if name is None:
        return None
    name = re.sub(r"[’']s\b", "", name)
    name = re.sub(r"[^\w\s]", " ", name.lower())
    name = re.sub(r"^(?:the)\s+", "", name.strip())
    return re.sub(r"\s+", " ", name).strip()


def speakers_match(gold: str | None, predicted: str | None, strict: bool = True) -> bool:
    """Equal after normalising case, punctuation and a leading "the"; leniently, also when one
    name's words are contained in the other's and they share the last word ("Lavrov" ~ "Sergei Lavrov").

    Example:
        >>> speakers_match("Russian Foreign Ministry", "the Russian Foreign Ministry")
        True
        >>> speakers_match("Sergei Lavrov", "Lavrov"), speakers_match("Sergei Lavrov", "Lavrov", strict=False)
        (False, True)
    """
    g, p = _norm_speaker(gold), _norm_speaker(predicted)
    if g == p:
        return True
    if strict or g is None or p is None:
        return False
    gt, pt = g.split(), p.split()
    return gt[-1] == pt[-1] and (set(gt) <= set(pt) or set(pt) <= set(gt))


def evaluate_documents(folder: str | Path | None = None, splitter: str | None = None) -> dict[str, Any]:
    """Boundary precision/recall/F1 of statements and speaker accuracy, overall and per kind.

    A predicted statement matches a gold one when their trimmed spans are identical. Speaker
    accuracy is measured on gold ``direct`` and ``reported`` statements (the issue's target), against
    the predicted statement that overlaps each most; narration accuracy is the share of gold
    narration statements given the right speaker (usually none).

    Example:
        >>> m = evaluate_documents()
        >>> m["overall"]["boundary_f1"] > 0.9
        True
    """
    from ..attribution import attribute_statements
    from ..segmentation import DEFAULT_SPLITTER, split_statements

    splitter = splitter or DEFAULT_SPLITTER
    docs = load_gold(folder)
    per_kind: dict[str, dict[str, float]] = defaultdict(lambda: defaultdict(float))
    errors: list[dict] = []
    started = time.time()
    for doc in docs:
        segments = split_statements(doc["text"], splitter=splitter)
        atts = attribute_statements(segments, author=doc["author"], kind=doc["kind"])
        predicted = [(s.start, s.end, a) for s, a in zip([s for s in segments if s.kind == "statement"], atts)]
        gold = [p for p in doc["pieces"] if p["type"] == "statement"]
        pred_spans = {(s, e) for s, e, _ in predicted}
        gold_spans = {(p["start"], p["end"]) for p in gold}
        for key in (doc["kind"], "overall"):
            c = per_kind[key]
            c["documents"] += 1
            c["tp"] += len(pred_spans & gold_spans)
            c["predicted"] += len(pred_spans)
            c["gold"] += len(gold_spans)
        for p in gold:
            overlaps = [(min(e, p["end"]) - max(s, p["start"]), a) for s, e, a in predicted]
            best = max(overlaps, key=lambda x: x[0]) if overlaps else (0, None)
            att = best[1] if best[0] > 0 else None
            pred_speaker = att.speaker if att else None
            group = "quoted" if p["quote_type"] in ("direct", "reported") else "narration"
            strict = speakers_match(p["speaker"], pred_speaker)
            lenient = speakers_match(p["speaker"], pred_speaker, strict=False)
            qt = att is not None and att.quote_type == p["quote_type"]
            for key in (doc["kind"], "overall"):
                c = per_kind[key]
                c[f"{group}_n"] += 1
                c[f"{group}_speaker_correct"] += strict
                c[f"{group}_speaker_lenient"] += lenient
                c["quote_type_correct"] += qt
            if not strict:
                errors.append({"doc_id": doc["doc_id"], "text": p["text"][:120], "gold": p["speaker"],
                               "predicted": pred_speaker, "quote_type": p["quote_type"]})
        for s, e, _ in predicted:
            if (s, e) not in gold_spans:
                errors.append({"doc_id": doc["doc_id"], "boundary": "predicted, not in gold",
                               "text": doc["text"][s:e][:120]})
        for p in gold:
            if (p["start"], p["end"]) not in pred_spans:
                errors.append({"doc_id": doc["doc_id"], "boundary": "gold, not predicted", "text": p["text"][:120]})

    def finish(c: dict[str, float]) -> dict[str, Any]:
        prec = c["tp"] / c["predicted"] if c["predicted"] else 0.0
        rec = c["tp"] / c["gold"] if c["gold"] else 0.0
        n = c["quoted_n"] + c["narration_n"]
        return {
            "documents": int(c["documents"]), "gold_statements": int(c["gold"]), "predicted_statements": int(c["predicted"]),
            "boundary_precision": round(prec, 4), "boundary_recall": round(rec, 4),
            "boundary_f1": round(2 * prec * rec / (prec + rec), 4) if prec + rec else 0.0,
            "quoted_statements": int(c["quoted_n"]),
            "speaker_accuracy_quoted": round(c["quoted_speaker_correct"] / c["quoted_n"], 4) if c["quoted_n"] else None,
            "speaker_accuracy_quoted_lenient": round(c["quoted_speaker_lenient"] / c["quoted_n"], 4) if c["quoted_n"] else None,
            "narration_statements": int(c["narration_n"]),
            "speaker_accuracy_narration": round(c["narration_speaker_correct"] / c["narration_n"], 4) if c["narration_n"] else None,
            "quote_type_accuracy": round(c["quote_type_correct"] / n, 4) if n else None,
        }

    return {
        "splitter": splitter,
        "seconds": round(time.time() - started, 2),
        "overall": finish(per_kind.pop("overall")),
        "per_kind": {k: finish(v) for k, v in sorted(per_kind.items())},
        "errors": errors,
    }


def segmentation_markdown(results: dict[tuple[str, str], dict[str, Any]]) -> str:
    """Markdown report of :func:`evaluate_documents` runs keyed by (gold set, splitter)."""
    out = ["# Statement segmentation and speaker attribution\n",
           "Boundary precision/recall/F1: predicted statement spans identical to gold spans. Speaker accuracy: "
           "the predicted speaker of the statement overlapping each gold statement most equals the gold canonical "
           "speaker (strict: after case, punctuation and a leading \"the\"; lenient: one name's words contained in the "
           "other's with the same last word).\n",
           "| gold set | splitter | documents | statements | boundary P | R | F1 | speaker acc., quotes + reported "
           "(lenient) | speaker acc., narration | quote type acc. | seconds |",
           "|---|---|---|---|---|---|---|---|---|---|---|"]
    for (gold, splitter), m in results.items():
        o = m["overall"]
        out.append(f"| {gold} | {splitter} | {o['documents']} | {o['gold_statements']} | {o['boundary_precision']:.3f} | "
                   f"{o['boundary_recall']:.3f} | **{o['boundary_f1']:.3f}** | **{o['speaker_accuracy_quoted']:.3f}** "
                   f"({o['speaker_accuracy_quoted_lenient']:.3f}) | {o['speaker_accuracy_narration']:.3f} | "
                   f"{o['quote_type_accuracy']:.3f} | {m['seconds']} |")
    for (gold, splitter), m in results.items():
        out += ["", f"## {gold}, {splitter}: per document kind\n",
                "| kind | documents | statements | boundary F1 | speaker acc., quotes + reported | quote type acc. |",
                "|---|---|---|---|---|---|"]
        for kind, k in m["per_kind"].items():
            acc = "–" if k["speaker_accuracy_quoted"] is None else f"{k['speaker_accuracy_quoted']:.3f}"
            out.append(f"| {kind} | {k['documents']} | {k['gold_statements']} | {k['boundary_f1']:.3f} | {acc} | "
                       f"{k['quote_type_accuracy']:.3f} |")
        speaker_errors = [e for e in m["errors"] if "gold" in e]
        if speaker_errors:
            out += ["", "Speaker errors:", ""]
            out += [f"- {e['doc_id']}: gold {e['gold']!r}, predicted {e['predicted']!r}: {e['text']}" for e in speaker_errors[:25]]
    return "\n".join(out) + "\n"
