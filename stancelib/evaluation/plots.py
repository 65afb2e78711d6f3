"""PNG figures of the evaluation report (matplotlib, headless)."""

from __future__ import annotations

from pathlib import Path
from typing import Sequence


def _pyplot():
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    return plt


def confusion_heatmap(matrix: Sequence[Sequence[int]], labels: Sequence[str], title: str, path: Path,
                      columns: Sequence[str] | None = None) -> Path:
    """A confusion matrix as a heatmap with counts; rows are gold labels, columns predictions."""
    import numpy as np

    plt = _pyplot()
    m = np.asarray(matrix)
    columns = list(columns or labels)
    fig, ax = plt.subplots(figsize=(1.2 * len(columns) + 2.2, 1.0 * len(labels) + 1.8))
    row_sums = m.sum(1, keepdims=True).clip(min=1)
    ax.imshow(m / row_sums, cmap="Blues", vmin=0, vmax=1)
    ax.set_xticks(range(len(columns)), columns, rotation=30, ha="right")
    ax.set_yticks(range(len(labels)), labels)
    ax.set_xlabel("predicted")
    ax.set_ylabel("gold")
    for i in range(m.shape[0]):
        for j in range(m.shape[1]):
            ax.text(j, i, str(m[i, j]), ha="center", va="center",
                    color="white" if m[i, j] / row_sums[i, 0] > 0.6 else "black")
    ax.set_title(title, fontsize=10)
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    plt.close(fig)
    return path


def reliability_diagram(curves: dict[str, list[dict]], title: str, path: Path) -> Path:
    """Accuracy against confidence per bin, one line per curve (e.g. before / after scaling)."""
    plt = _pyplot()
    fig, ax = plt.subplots(figsize=(4.6, 4.2))
    ax.plot([0, 1], [0, 1], linestyle=":", color="grey", label="perfect calibration")
    for name, bins in curves.items():
        ax.plot([b["confidence"] for b in bins], [b["accuracy"] for b in bins], marker="o", label=name)
    ax.set_xlim(0, 1)
    ax.set_ylim(0, 1)
    ax.set_xlabel("confidence")
    ax.set_ylabel("accuracy")
    ax.set_title(title, fontsize=10)
    ax.legend(fontsize=8, loc="upper left")
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    plt.close(fig)
    return path


def line_plot(series: dict[str, tuple[Sequence[float], Sequence[float]]], xlabel: str, ylabel: str, title: str,
              path: Path, logx: bool = False) -> Path:
    """Simple multi-series line plot (coverage curves, throughput vs batch size)."""
    plt = _pyplot()
    fig, ax = plt.subplots(figsize=(5.2, 4.0))
    for name, (x, y) in series.items():
        ax.plot(x, y, marker="o", markersize=3, label=name)
    if logx:
        ax.set_xscale("log", base=2)
    ax.set_xlabel(xlabel)
    ax.set_ylabel(ylabel)
    ax.set_title(title, fontsize=10)
    ax.grid(alpha=0.3)
    ax.legend(fontsize=8)
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    plt.close(fig)
    return path
