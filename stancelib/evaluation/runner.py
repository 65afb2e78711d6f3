"""The evaluation run: models and baselines on every data set, written as JSON, Markdown and PNGs."""

from __future__ import annotations

import datetime as _dt
import json
import os
import re
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Sequence

import numpy as np

from .._version import __version__
from ..data import corpus_path, read_labeled, SPLITS
from ..labels import TaskSpec
from ..prediction import softmax
from .baselines import default_baselines
from .calibration import fit_temperature
from .metrics import paired_bootstrap
from .scoring import gold_ids, plover_macro_recall, score_challenge, score_labeled, score_plover, score_unscon
from .sets import EvalSet, display_path, resolve_eval_set


@dataclass
class EvaluationConfig:
    """What to evaluate and where the report goes.

    Args:
        models: Model folders or names under ``models/``; the first is the primary model, and every
            other model is compared with it (paired bootstrap).
        data: Data sets: paths, or ``train``/``dev``/``test``/``challenge`` for the shipped sets.
        report_dir: Folder for ``report.json``, ``report.md`` and the PNGs (nothing written if None).
        train: Training data of the baselines (``train`` = the corpus train split).
        calibration_data: Data to fit temperatures on for models that carry none (default ``dev``).
        baselines: Score the baselines too.
        batch_size: Prediction batch size.
        n_boot: Bootstrap resamples for confidence intervals and paired tests.
        seed: Bootstrap seed.
        plots: Write PNG figures.
    """

    models: Sequence[str | os.PathLike]
    data: Sequence[str | os.PathLike]
    report_dir: str | os.PathLike | None = None
    train: str | os.PathLike | None = "train"
    calibration_data: str | os.PathLike | None = "dev"
    baselines: bool = True
    batch_size: int = 64
    n_boot: int = 1000
    seed: int = 0
    plots: bool = True

    def __post_init__(self) -> None:
        if isinstance(self.models, (str, os.PathLike)):
            self.models = [self.models]
        if isinstance(self.data, (str, os.PathLike)):
            self.data = [self.data]
        if not self.models or not self.data:
            raise ValueError("evaluation needs at least one model and one data set")


@dataclass
class _System:
    name: str
    kind: str  # "model" or "baseline"
    tasks: dict[str, TaskSpec]
    predictor: Any
    temperatures: dict[str, float] = field(default_factory=dict)
    info: dict = field(default_factory=dict)
    timing: list = field(default_factory=lambda: [0, 0.0])  # statements, seconds

    def probabilities(self, texts: list[str], batch_size: int) -> tuple[dict[str, np.ndarray], dict[str, np.ndarray]]:
        """(calibrated, uncalibrated) probabilities per task; models also record their throughput."""
        if self.kind == "baseline":
            p = self.predictor.predict_proba(texts)
            return p, p
        started = time.perf_counter()
        logits = self.predictor.logits(texts, batch_size=batch_size)
        self.timing[0] += len(texts)
        self.timing[1] += time.perf_counter() - started
        return ({k: softmax(v, self.temperatures.get(k, 1.0)) for k, v in logits.items()},
                {k: softmax(v) for k, v in logits.items()})


class EvaluationReport:
    """The figures of an evaluation run; ``data`` is exactly what ``report.json`` holds."""

    def __init__(self, data: dict):
        self.data = data

    def summary_text(self) -> str:
        """A compact plain-text table: macro-F1 (95% CI) per data set, system and task."""
        lines = []
        for ds in self.data["datasets"]:
            res = self.data["results"][ds["name"]]
            lines.append(f"{ds['name']} ({ds['kind']}, {ds['rows']} rows)")
            for system, tasks in res.items():
                cells = []
                for task, m in tasks.items():
                    if "macro_f1" in m:
                        cells.append(f"{task} macro-F1 {m['macro_f1']:.3f} [{m['macro_f1_ci'][0]:.3f}, {m['macro_f1_ci'][1]:.3f}]")
                    elif "macro_recall" in m:
                        cells.append(f"{task} macro-recall {m['macro_recall']:.3f} "
                                     f"[{m['macro_recall_ci'][0]:.3f}, {m['macro_recall_ci'][1]:.3f}]")
                    elif task == "challenge":
                        o = m["overall"]
                        cells.append(", ".join(f"{k} {v:.3f}" for k, v in o.items() if k.endswith("pass_rate") and v is not None))
                    elif task == "flags":
                        cells.append(", ".join(f"{k} {v['rate']:.3f}" if isinstance(v, dict) and v.get("rate") is not None
                                               else f"{k} {v}" for k, v in m.items()))
                lines.append(f"  {system:<22} " + "; ".join(cells))
        return "\n".join(lines)


def _model_system(spec: str | os.PathLike, calibration: EvalSet | None, batch_size: int, used: set[str]) -> _System:
    from ..config import resolve_model_path
    from ..loading import load

    path = resolve_model_path(spec)
    clf = load(path)
    name = path.name
    while name in used:
        name += "'"
    used.add(name)
    temperatures = dict(clf.config.temperatures)
    fitted_here = []
    if calibration is not None:
        missing = [t for t in clf.tasks if t.name not in temperatures]
        if missing:
            logits = clf.logits(calibration.texts, batch_size=batch_size)
            for task in missing:
                y = gold_ids(calibration.rows, task)
                if (y >= 0).sum() >= 20:
                    temperatures[task.name] = fit_temperature(logits[task.name][y >= 0], y[y >= 0])
                    fitted_here.append(task.name)
    n_params = sum(p.numel() for p in clf.network.parameters())
    size = sum(f.stat().st_size for f in path.iterdir() if f.is_file())
    info = {"path": display_path(path), "base_model": clf.config.base_model, "parameters": int(n_params),
            "size_on_disk_mb": round(size / 1e6, 1), "adapters_only": bool(clf.config.lora), "temperatures": temperatures,
            "temperatures_fitted_for_this_report": fitted_here}
    return _System(name, "model", {t.name: t for t in clf.tasks}, clf, temperatures, info)


def _slug(*parts: str) -> str:
    return re.sub(r"[^A-Za-z0-9_.-]+", "-", "_".join(parts)).strip("-")


def evaluate(config: EvaluationConfig) -> EvaluationReport:
    """Score models (and baselines) on data sets; write ``report.json``, ``report.md`` and PNGs.

    Example:
        >>> from stancelib.evaluation import EvaluationConfig, evaluate
        >>> report = evaluate(EvaluationConfig(models=["stancelib-base"], data=["test", "challenge"],
        ...                                    report_dir="reports/test"))  # doctest: +SKIP
        >>> print(report.summary_text())  # doctest: +SKIP
    """
    sets = [resolve_eval_set(d) for d in config.data]
    names = [s.name for s in sets]
    if len(set(names)) != len(names):
        raise ValueError(f"two data sets share a name: {names}")
    calibration = resolve_eval_set(config.calibration_data) if config.calibration_data else None
    used: set[str] = set()
    systems = [_model_system(m, calibration, config.batch_size, used) for m in config.models]
    primary = systems[0]
    baseline_info = None
    if config.baselines and config.train:
        train_path = corpus_path(str(config.train)) if str(config.train) in SPLITS else Path(config.train)
        train = read_labeled(train_path, tuple(primary.tasks.values()))
        for b in default_baselines(train):
            systems.append(_System(b.name, "baseline", {t.name: t for t in b.tasks}, b))
        baseline_info = {"train": display_path(train_path), "rows": len(train)}

    report_dir = Path(config.report_dir) if config.report_dir else None
    if report_dir:
        report_dir.mkdir(parents=True, exist_ok=True)
    results: dict[str, dict] = {}
    comparisons: list[dict] = []
    figures: list[str] = []
    for ds in sets:
        texts = ds.texts
        probs = {s.name: s.probabilities(texts, config.batch_size) for s in systems}
        res: dict[str, dict] = {}
        for s in systems:
            calibrated, raw = probs[s.name]
            is_model = s.kind == "model"
            if ds.kind == "challenge":
                res[s.name] = {"challenge": score_challenge(ds.rows, calibrated, s.tasks)}
            elif ds.kind == "unscon":
                res[s.name] = {"flags": score_unscon(ds.rows, calibrated, s.tasks, n_boot=config.n_boot, seed=config.seed)}
            else:
                res[s.name] = {}
                for task_name, p in calibrated.items():
                    task = s.tasks[task_name]
                    gold = gold_ids(ds.rows, task)
                    if not (gold >= 0).any():
                        continue
                    if ds.kind == "plover":
                        res[s.name][task_name] = score_plover(gold, p, task, n_boot=config.n_boot, seed=config.seed)
                    else:
                        res[s.name][task_name] = score_labeled(
                            gold, p, task, n_boot=config.n_boot, seed=config.seed,
                            raw_probs=raw[task_name] if is_model else None, texts=texts if is_model else None)
        results[ds.name] = res
        if ds.kind in ("labeled", "plover"):
            comparisons += _compare(ds, systems, probs, config)
        if report_dir and config.plots:
            figures += _figures(ds, systems, res, report_dir)

    data = {
        "stancelib_version": __version__,
        "created": _dt.datetime.now(_dt.timezone.utc).isoformat(timespec="seconds"),
        "models": [{"name": s.name, **s.info,
                    "statements_per_second": round(s.timing[0] / s.timing[1], 1) if s.timing[1] else None}
                   for s in systems if s.kind == "model"],
        "baselines": {"systems": [s.name for s in systems if s.kind == "baseline"], **(baseline_info or {})},
        "calibration_data": calibration.describe() if calibration else None,
        "datasets": [ds.describe() for ds in sets],
        "n_boot": config.n_boot,
        "results": results,
        "comparisons": comparisons,
        "figures": figures,
    }
    report = EvaluationReport(data)
    if report_dir:
        from .report import to_markdown

        (report_dir / "report.json").write_text(json.dumps(data, indent=1, ensure_ascii=False), encoding="utf-8")
        (report_dir / "report.md").write_text(to_markdown(data), encoding="utf-8")
    return report


def _compare(ds: EvalSet, systems: list[_System], probs: dict, config: EvaluationConfig) -> list[dict]:
    """Paired bootstrap: the primary model against every other model and the TF-IDF baseline."""
    primary = systems[0]
    others = [s for s in systems[1:] if s.kind == "model" or s.name == "tfidf-logreg"]
    out = []
    for task_name, task in primary.tasks.items():
        gold = gold_ids(ds.rows, task)
        keep = gold >= 0
        if not keep.any() or task_name not in probs[primary.name][0]:
            continue
        pred_a = probs[primary.name][0][task_name][keep].argmax(1)
        present = sorted(set(gold[keep].tolist()))
        metric = (lambda y, p: plover_macro_recall(y, p, present)) if ds.kind == "plover" else None
        for other in others:
            if task_name not in probs[other.name][0]:
                continue
            pred_b = probs[other.name][0][task_name][keep].argmax(1)
            r = paired_bootstrap(gold[keep], pred_a, pred_b, task.num_labels, n_boot=config.n_boot,
                                 seed=config.seed, metric=metric)
            out.append({"dataset": ds.name, "task": task_name, "a": primary.name, "b": other.name,
                        "metric": "macro_recall" if ds.kind == "plover" else "macro_f1", **r})
    return out


def _figures(ds: EvalSet, systems: list[_System], res: dict, report_dir: Path) -> list[str]:
    from .plots import confusion_heatmap, line_plot, reliability_diagram

    files = []
    for s in systems:
        if s.kind != "model":
            continue
        for task_name, m in res[s.name].items():
            if ds.kind == "labeled":
                path = report_dir / f"confusion_{_slug(s.name, ds.name, task_name)}.png"
                confusion_heatmap(m["confusion_matrix"], m["labels"], f"{s.name} on {ds.name}: {task_name}", path)
                files.append(path.name)
                path = report_dir / f"reliability_{_slug(s.name, ds.name, task_name)}.png"
                curves = {f"uncalibrated (ECE {m['ece_uncalibrated']:.3f})": m["reliability_uncalibrated"],
                          f"temperature-scaled (ECE {m['ece']:.3f})": m["reliability"]}
                reliability_diagram(curves, f"{s.name} on {ds.name}: {task_name}", path)
                files.append(path.name)
                path = report_dir / f"coverage_{_slug(s.name, ds.name, task_name)}.png"
                pts = [c for c in m["coverage_curve"] if c["accuracy"] is not None]
                line_plot({s.name: ([c["coverage"] for c in pts], [c["accuracy"] for c in pts])}, "coverage (share not abstained)",
                          "accuracy on kept rows", f"{s.name} on {ds.name}: {task_name}, abstaining below a confidence", path)
                files.append(path.name)
            elif ds.kind == "plover":
                cm = m["confusion_matrix"]
                path = report_dir / f"confusion_{_slug(s.name, ds.name, task_name)}.png"
                confusion_heatmap(cm["counts"], cm["rows"], f"{s.name} on {ds.name}: {task_name}", path, cm["columns"])
                files.append(path.name)
    return files


def calibrate_model(model: str | os.PathLike, data: str | os.PathLike = "dev", batch_size: int = 64) -> dict[str, float]:
    """Fit per-task temperatures on labeled ``data`` and store them in the model's ``config.json``.

    ``predict`` applies them from then on. Returns the temperatures.

    Example:
        >>> calibrate_model("models/my-model", "my_dev.jsonl")  # doctest: +SKIP
        {'stance': 1.42, 'sentiment': 1.31}
    """
    from ..config import CONFIG_NAME, resolve_model_path
    from ..loading import load

    path = resolve_model_path(model)
    clf = load(path)
    ds = resolve_eval_set(data)
    logits = clf.logits(ds.texts, batch_size=batch_size)
    temperatures = {}
    for task in clf.tasks:
        y = gold_ids(ds.rows, task)
        if (y >= 0).sum() < 20:
            raise ValueError(f"{ds.path}: fewer than 20 rows labeled for {task.name!r}; too few to calibrate")
        temperatures[task.name] = fit_temperature(logits[task.name][y >= 0], y[y >= 0])
    cfg_file = path / CONFIG_NAME
    cfg = json.loads(cfg_file.read_text(encoding="utf-8"))
    cfg["stancelib"]["temperatures"] = temperatures
    cfg_file.write_text(json.dumps(cfg, indent=2), encoding="utf-8")
    return temperatures
