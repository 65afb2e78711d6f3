"""Classification metrics with bootstrap confidence intervals and paired significance tests."""

from __future__ import annotations

from typing import Callable, Sequence

import numpy as np


def classification_metrics(y_true: Sequence[int], y_pred: Sequence[int], labels: Sequence[str]) -> dict:
    """Accuracy, macro-/weighted-F1, per-class precision/recall/F1/support and the confusion matrix.

    Args:
        y_true: Gold class ids.
        y_pred: Predicted class ids.
        labels: Label names, indexed by class id.

    Example:
        >>> m = classification_metrics([0, 0, 1, 1], [0, 1, 1, 1], ["a", "b"])
        >>> m["accuracy"], round(m["macro_f1"], 4), m["per_class"]["b"]["precision"]
        (0.75, 0.7333, 0.6667)
    """
    from sklearn.metrics import accuracy_score, confusion_matrix, f1_score, precision_recall_fscore_support

    y_true = np.asarray(y_true)
    y_pred = np.asarray(y_pred)
    if len(y_true) != len(y_pred):
        raise ValueError(f"y_true has {len(y_true)} rows but y_pred has {len(y_pred)}")
    if len(y_true) == 0:
        raise ValueError("no rows to score")
    ids = list(range(len(labels)))
    p, r, f, s = precision_recall_fscore_support(y_true, y_pred, labels=ids, zero_division=0)
    return {
        "n": int(len(y_true)),
        "accuracy": round(float(accuracy_score(y_true, y_pred)), 4),
        "macro_f1": round(float(f1_score(y_true, y_pred, labels=ids, average="macro", zero_division=0)), 4),
        "weighted_f1": round(float(f1_score(y_true, y_pred, labels=ids, average="weighted", zero_division=0)), 4),
        "per_class": {
            label: {"precision": round(float(p[i]), 4), "recall": round(float(r[i]), 4),
                    "f1": round(float(f[i]), 4), "support": int(s[i])}
            for i, label in enumerate(labels)
        },
        "labels": list(labels),
        "confusion_matrix": confusion_matrix(y_true, y_pred, labels=ids).tolist(),
    }


def macro_f1(y_true: np.ndarray, y_pred: np.ndarray, num_labels: int) -> float:
    """Macro-F1 over ``num_labels`` classes from a confusion matrix (fast; used by the bootstrap).

    A class absent from both gold and predictions scores 0, as scikit-learn's ``zero_division=0``.

    Example:
        >>> round(macro_f1(np.array([0, 0, 1, 1]), np.array([0, 1, 1, 1]), 2), 4)
        0.7333
    """
    cm = np.bincount(y_true * num_labels + y_pred, minlength=num_labels * num_labels).reshape(num_labels, num_labels)
    tp = np.diag(cm).astype(np.float64)
    denom = cm.sum(0) + cm.sum(1)
    f1 = np.divide(2 * tp, denom, out=np.zeros_like(tp), where=denom > 0)
    return float(f1.mean())


def _resamples(n: int, n_boot: int, seed: int) -> np.ndarray:
    return np.random.default_rng(seed).integers(0, n, size=(n_boot, n))


def bootstrap_ci(y_true: Sequence[int], y_pred: Sequence[int], num_labels: int, *,
                 n_boot: int = 1000, alpha: float = 0.05, seed: int = 0) -> tuple[float, float]:
    """Percentile bootstrap confidence interval of macro-F1 (rows resampled with replacement).

    Example:
        >>> lo, hi = bootstrap_ci([0, 1] * 50, [0, 1] * 45 + [1, 0] * 5, 2)
        >>> lo < 0.9 < hi
        True
    """
    y_true = np.asarray(y_true)
    y_pred = np.asarray(y_pred)
    scores = np.array([macro_f1(y_true[i], y_pred[i], num_labels) for i in _resamples(len(y_true), n_boot, seed)])
    return (round(float(np.quantile(scores, alpha / 2)), 4), round(float(np.quantile(scores, 1 - alpha / 2)), 4))


def paired_bootstrap(y_true: Sequence[int], pred_a: Sequence[int], pred_b: Sequence[int], num_labels: int, *,
                     n_boot: int = 1000, seed: int = 0, metric: Callable | None = None) -> dict:
    """Paired bootstrap comparison of two systems' macro-F1 (or ``metric(y, pred)``) on the same rows.

    Returns:
        ``delta`` (A minus B on all rows), its 95% interval over resamples, and a two-sided
        p-value: twice the share of resamples where the difference has the other sign (or is 0).

    Example:
        >>> r = paired_bootstrap([0, 1] * 50, [0, 1] * 50, [0, 0] * 50, 2)
        >>> r["delta"] > 0, r["p_value"] < 0.01
        (True, True)
    """
    y_true, pred_a, pred_b = (np.asarray(x) for x in (y_true, pred_a, pred_b))
    if not len(y_true) == len(pred_a) == len(pred_b):
        raise ValueError("paired bootstrap needs predictions of both systems for the same rows")
    score = metric or (lambda y, p: macro_f1(y, p, num_labels))
    observed = score(y_true, pred_a) - score(y_true, pred_b)
    deltas = np.array([score(y_true[i], pred_a[i]) - score(y_true[i], pred_b[i])
                       for i in _resamples(len(y_true), n_boot, seed)])
    tail = (deltas <= 0).mean() if observed > 0 else (deltas >= 0).mean()
    return {
        "delta": round(float(observed), 4),
        "ci": (round(float(np.quantile(deltas, 0.025)), 4), round(float(np.quantile(deltas, 0.975)), 4)),
        "p_value": round(float(min(1.0, 2 * tail)), 4),
        "n_boot": n_boot,
    }
