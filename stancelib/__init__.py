"""stancelib: stance and sentiment of statements in political and diplomatic text.

    >>> import stancelib
    >>> clf = stancelib.load()
    >>> clf.predict("Russia has no plans to invade Ukraine, Lavrov said.").stance
    'denying'

Names are imported on first use, so ``import stancelib`` stays fast and does not load PyTorch.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from ._version import __version__

_EXPORTS = {
    "load": "loading",
    "StanceClassifier": "model",
    "ModelConfig": "config",
    "Prediction": "prediction",
    "predictions_to_frame": "prediction",
    "TaskSpec": "labels",
    "STANCE": "labels",
    "SENTIMENT": "labels",
    "train": "training",
    "TrainingConfig": "training",
    "read_labeled": "data",
    "load_corpus": "data",
    "evaluate": "evaluation",
    "EvaluationConfig": "evaluation",
    "analyze": "analysis",
    "Document": "analysis",
    "split_statements": "segmentation",
    "export_onnx": "onnx",
}

__all__ = ["__version__", *_EXPORTS]


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'stancelib' has no attribute {name!r}")
    value = getattr(importlib.import_module(f".{module}", __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(__all__)


if TYPE_CHECKING:  # for type checkers and IDEs; never executed
    from .analysis import Document, analyze
    from .data import load_corpus, read_labeled
    from .evaluation import EvaluationConfig, evaluate
    from .labels import SENTIMENT, STANCE, TaskSpec
    from .config import ModelConfig
    from .loading import load
    from .model import StanceClassifier
    from .onnx import export_onnx
    from .prediction import Prediction, predictions_to_frame
    from .segmentation import split_statements
    from .training import TrainingConfig, train
