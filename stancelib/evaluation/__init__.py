"""Evaluation: metrics with confidence intervals, calibration, baselines, challenge and external sets.

    >>> from stancelib.evaluation import EvaluationConfig, evaluate
    >>> evaluate(EvaluationConfig(models=["stancelib-base"], data=["test"], report_dir="reports/test"))  # doctest: +SKIP
"""

from .calibration import expected_calibration_error, fit_temperature, reliability_bins
from .metrics import bootstrap_ci, classification_metrics, macro_f1, paired_bootstrap
from .runner import EvaluationConfig, EvaluationReport, calibrate_model, evaluate
from .sets import EvalSet, resolve_eval_set

__all__ = [
    "EvaluationConfig",
    "EvaluationReport",
    "evaluate",
    "calibrate_model",
    "EvalSet",
    "resolve_eval_set",
    "classification_metrics",
    "macro_f1",
    "bootstrap_ci",
    "paired_bootstrap",
    "expected_calibration_error",
    "reliability_bins",
    "fit_temperature",
]
