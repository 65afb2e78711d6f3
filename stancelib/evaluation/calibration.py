"""Calibration: expected calibration error, reliability bins and temperature scaling."""

from __future__ import annotations

import numpy as np

from ..prediction import softmax


def expected_calibration_error(probs: np.ndarray, labels: np.ndarray, n_bins: int = 15) -> float:
    """ECE: the bin-size-weighted gap between confidence and accuracy over equal-width bins.

    Args:
        probs: ``(n, k)`` class probabilities.
        labels: ``(n,)`` gold class ids.
        n_bins: Number of equal-width confidence bins on [0, 1].

    Example:
        >>> expected_calibration_error(np.array([[0.9, 0.1], [0.6, 0.4]]), np.array([0, 1]), n_bins=2)
        0.25
    """
    bins = reliability_bins(probs, labels, n_bins)
    n = len(labels)
    return round(float(sum(b["count"] * abs(b["accuracy"] - b["confidence"]) for b in bins) / n), 6) if n else 0.0


def reliability_bins(probs: np.ndarray, labels: np.ndarray, n_bins: int = 15) -> list[dict]:
    """Per non-empty confidence bin: its range, count, mean confidence and accuracy."""
    probs = np.asarray(probs, dtype=np.float64)
    labels = np.asarray(labels)
    if probs.ndim != 2 or len(probs) != len(labels):
        raise ValueError(f"probs must be (n, k) and labels (n,), got {probs.shape} and {labels.shape}")
    conf = probs.max(1)
    correct = probs.argmax(1) == labels
    edges = np.linspace(0.0, 1.0, n_bins + 1)
    # Bin i holds (edges[i], edges[i+1]]; a confidence of exactly 0 joins the first bin.
    which = np.clip(np.searchsorted(edges, conf, side="left") - 1, 0, n_bins - 1)
    out = []
    for i in range(n_bins):
        sel = which == i
        if sel.any():
            out.append({"low": float(edges[i]), "high": float(edges[i + 1]), "count": int(sel.sum()),
                        "confidence": float(conf[sel].mean()), "accuracy": float(correct[sel].mean())})
    return out


def negative_log_likelihood(logits: np.ndarray, labels: np.ndarray, temperature: float = 1.0) -> float:
    p = softmax(logits, temperature)
    return float(-np.log(np.clip(p[np.arange(len(labels)), labels], 1e-12, None)).mean())


def fit_temperature(logits: np.ndarray, labels: np.ndarray) -> float:
    """The softmax temperature that minimises the negative log-likelihood of ``labels``.

    Searched over log-temperature in [-3, 3] (T from 0.05 to 20) with a bounded scalar optimiser.

    Example:
        >>> z = np.array([[4.0, 0.0], [4.0, 0.0], [0.0, 4.0], [4.0, 0.0]])
        >>> fit_temperature(z, np.array([0, 1, 1, 0])) > 1  # over-confident logits get T > 1
        True
    """
    from scipy.optimize import minimize_scalar

    logits = np.asarray(logits, dtype=np.float64)
    labels = np.asarray(labels, dtype=np.int64)
    if len(logits) == 0:
        raise ValueError("cannot fit a temperature on zero rows")
    res = minimize_scalar(lambda lt: negative_log_likelihood(logits, labels, float(np.exp(lt))),
                          bounds=(-3.0, 3.0), method="bounded", options={"xatol": 1e-4})
    return round(float(np.exp(res.x)), 4)
