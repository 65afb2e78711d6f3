"""Scoring one system's probabilities on one data set, per kind of set (see :mod:`.sets`)."""

from __future__ import annotations

from collections import defaultdict
from typing import Sequence

import numpy as np

from ..labels import TaskSpec
from .calibration import expected_calibration_error, reliability_bins
from .metrics import bootstrap_ci, classification_metrics, macro_f1


def gold_ids(rows: Sequence[dict], task: TaskSpec) -> np.ndarray:
    """Gold class ids of ``task`` (-1 where a row has no label); unknown labels are an error."""
    out = np.full(len(rows), -1, dtype=np.int64)
    for i, row in enumerate(rows):
        value = row.get(task.name)
        if value is None or (isinstance(value, str) and not value.strip()):
            continue
        key = str(value).strip().lower()
        if key not in task.label2id:
            raise ValueError(f"row {i + 1}: field {task.name!r} has label {value!r} that the model does not "
                             f"predict; expected one of {list(task.labels)}")
        out[i] = task.label2id[key]
    return out


def score_labeled(gold: np.ndarray, probs: np.ndarray, task: TaskSpec, *, n_boot: int = 1000, seed: int = 0,
                  raw_probs: np.ndarray | None = None, texts: Sequence[str] | None = None, top_errors: int = 3) -> dict:
    """Full metrics of one task on rows with gold labels: sklearn metrics, CI, calibration, errors.

    Args:
        gold: Gold ids, -1 for rows without a label (skipped).
        probs: Calibrated probabilities ``(n, k)``.
        task: The task (its labels name the classes).
        raw_probs: Uncalibrated probabilities, to report ECE before temperature scaling.
        texts: The statements, to list the most confident errors.
    """
    keep = gold >= 0
    y, p = gold[keep], probs[keep]
    pred = p.argmax(1)
    m = classification_metrics(y, pred, task.labels)
    m["macro_f1_ci"] = list(bootstrap_ci(y, pred, task.num_labels, n_boot=n_boot, seed=seed))
    m["ece"] = expected_calibration_error(p, y)
    m["coverage_curve"] = coverage_curve(p, y)
    m["reliability"] = reliability_bins(p, y, 10)
    if raw_probs is not None:
        m["ece_uncalibrated"] = expected_calibration_error(raw_probs[keep], y)
        m["reliability_uncalibrated"] = reliability_bins(raw_probs[keep], y, 10)
    if texts is not None:
        idx = np.flatnonzero(keep)
        wrong = [(float(p[j].max()), int(idx[j]), task.labels[y[j]], task.labels[pred[j]])
                 for j in range(len(y)) if pred[j] != y[j]]
        groups: dict[str, list] = defaultdict(list)
        for conf, i, g, pr in sorted(wrong, reverse=True):
            groups[f"{g} -> {pr}"].append({"row": i + 1, "confidence": round(conf, 4), "text": texts[i]})
        m["errors"] = {k: {"count": len(v), "most_confident": v[:top_errors]}
                       for k, v in sorted(groups.items(), key=lambda kv: -len(kv[1]))}
    return m


def coverage_curve(probs: np.ndarray, y: np.ndarray, thresholds: Sequence[float] | None = None) -> list[dict]:
    """Abstention trade-off: for each confidence threshold, the share of rows kept and their accuracy.

    Example:
        >>> coverage_curve(np.array([[0.9, 0.1], [0.6, 0.4]]), np.array([0, 1]), [0.5, 0.8])
        [{'threshold': 0.5, 'coverage': 1.0, 'accuracy': 0.5}, {'threshold': 0.8, 'coverage': 0.5, 'accuracy': 1.0}]
    """
    thresholds = thresholds if thresholds is not None else [round(t, 2) for t in np.arange(0.0, 1.0, 0.05)]
    conf = probs.max(1)
    correct = probs.argmax(1) == y
    out = []
    for t in thresholds:
        keep = conf >= t
        out.append({"threshold": float(t), "coverage": round(float(keep.mean()), 4),
                    "accuracy": round(float(correct[keep].mean()), 4) if keep.any() else None})
    return out


def score_plover(gold: np.ndarray, probs: np.ndarray, task: TaskSpec, *, n_boot: int = 1000, seed: int = 0) -> dict:
    """Per-class recall of the stances present in gold (PLOVER has no neutral rows), and their mean.

    The confusion matrix keeps all predicted classes, so predictions of ``neutral`` show up.
    """
    keep = gold >= 0
    y, pred = gold[keep], probs[keep].argmax(1)
    present = sorted(set(y.tolist()))
    recall = {task.labels[c]: round(float((pred[y == c] == c).mean()), 4) for c in present}
    cm = np.zeros((len(present), task.num_labels), dtype=int)
    for row, c in enumerate(present):
        cm[row] = np.bincount(pred[y == c], minlength=task.num_labels)

    def macro_recall(yy, pp):
        return plover_macro_recall(yy, pp, present)

    rng = np.random.default_rng(seed)
    boots = [macro_recall(y[i], pred[i]) for i in rng.integers(0, len(y), size=(n_boot, len(y)))]
    return {
        "n": int(keep.sum()),
        "recall": recall,
        "macro_recall": round(macro_recall(y, pred), 4),
        "macro_recall_ci": [round(float(np.quantile(boots, 0.025)), 4), round(float(np.quantile(boots, 0.975)), 4)],
        "confusion_matrix": {"rows": [task.labels[c] for c in present], "columns": list(task.labels),
                             "counts": cm.tolist()},
    }


def plover_macro_recall(y: np.ndarray, pred: np.ndarray, present: Sequence[int]) -> float:
    """Mean recall over the gold classes ``present`` (those that occur in ``y``)."""
    return float(np.mean([(pred[y == c] == c).mean() for c in present if (y == c).any()]))


def _rate_with_ci(hits: np.ndarray, n_boot: int, seed: int) -> dict:
    if len(hits) == 0:
        return {"n": 0, "rate": None, "ci": None}
    rng = np.random.default_rng(seed)
    boots = hits[rng.integers(0, len(hits), size=(n_boot, len(hits)))].mean(1)
    return {"n": int(len(hits)), "rate": round(float(hits.mean()), 4),
            "ci": [round(float(np.quantile(boots, 0.025)), 4), round(float(np.quantile(boots, 0.975)), 4)]}


def score_unscon(rows: Sequence[dict], probs: dict[str, np.ndarray], tasks: dict[str, TaskSpec], *,
                 n_boot: int = 1000, seed: int = 0) -> dict:
    """Denying vs corrections and negative sentiment vs negative evaluation (UNSCon flags).

    Rows without a flag are not verified neutral, so the rate of ``denying`` there is a
    false-positive proxy, not an exact false-positive rate.
    """
    out: dict = {}
    if "stance" in probs and "denying" in tasks["stance"].labels:
        flag = np.array([bool(r.get("correction")) for r in rows])
        denying = probs["stance"].argmax(1) == tasks["stance"].label2id["denying"]
        out["denying_recall_on_corrections"] = _rate_with_ci(denying[flag].astype(float), n_boot, seed)
        out["denying_rate_elsewhere"] = _rate_with_ci(denying[~flag].astype(float), n_boot, seed)
    if "sentiment" in probs and "negative" in tasks["sentiment"].labels:
        flag = np.array([bool(r.get("negative_evaluation")) for r in rows])
        negative = probs["sentiment"].argmax(1) == tasks["sentiment"].label2id["negative"]
        out["negative_recall_on_negative_evaluation"] = _rate_with_ci(negative[flag].astype(float), n_boot, seed)
        out["negative_rate_elsewhere"] = _rate_with_ci(negative[~flag].astype(float), n_boot, seed)
        tp = float((negative & flag).sum())
        denom = float(negative.sum() + flag.sum())
        out["negative_f1_vs_negative_evaluation"] = round(2 * tp / denom, 4) if denom else None
        out["negative_agreement"] = round(float((negative == flag).mean()), 4)
    return out


def score_challenge(rows: Sequence[dict], probs: dict[str, np.ndarray], tasks: dict[str, TaskSpec]) -> dict:
    """CheckList-style pass rates: a group passes a task when every member gets its expected label.

    Returns per capability and overall: groups, pass rate per task, and the rate at which a group
    passes both tasks; plus the failing groups' ids.
    """
    by_group: dict[str, list[int]] = defaultdict(list)
    for i, row in enumerate(rows):
        by_group[str(row["group"])].append(i)
    capability_of = {g: str(rows[idx[0]].get("capability")) for g, idx in by_group.items()}
    passed: dict[str, dict[str, bool]] = {}
    for g, idx in by_group.items():
        passed[g] = {}
        for name, p in probs.items():
            gold = gold_ids([rows[i] for i in idx], tasks[name])
            labeled = gold >= 0
            if labeled.any():
                passed[g][name] = bool((p[idx].argmax(1)[labeled] == gold[labeled]).all())

    def summarise(groups: list[str]) -> dict:
        out = {"groups": len(groups), "rows": sum(len(by_group[g]) for g in groups)}
        for name in probs:
            scored = [passed[g][name] for g in groups if name in passed[g]]
            out[f"{name}_pass_rate"] = round(float(np.mean(scored)), 4) if scored else None
        both = [all(passed[g].values()) for g in groups if passed[g]]
        out["all_tasks_pass_rate"] = round(float(np.mean(both)), 4) if both else None
        return out

    capabilities = sorted(set(capability_of.values()))
    return {
        "overall": summarise(list(by_group)),
        "per_capability": {c: summarise([g for g in by_group if capability_of[g] == c]) for c in capabilities},
        "failed_groups": {name: sorted(g for g in by_group if passed[g].get(name) is False) for name in probs},
    }


__all__ = ["gold_ids", "score_labeled", "score_plover", "score_unscon", "score_challenge", "macro_f1"]
