"""Model configuration: how the network is built and how it reads text (no PyTorch needed)."""

from __future__ import annotations

import os
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from ._version import __version__
from .encoders import DEFAULT_ENCODER
from .labels import DEFAULT_TASKS, TaskSpec, tasks_from_config, tasks_to_config

CONFIG_NAME = "config.json"
DEFAULT_MODEL = "stancelib-large"
MODELS_DIR = Path(__file__).resolve().parent.parent / "models"


@dataclass
class ModelConfig:
    """How the network is built and how it reads text.

    Args:
        base_model: Encoder name or folder (see :func:`stancelib.encoders.resolve_encoder`).
        tasks: The tasks and their labels.
        pooling: ``"mean"`` (average of token vectors, as sentence-transformers encoders are
            trained) or ``"cls"``.
        max_length: Tokens per window, special tokens included.
        stride: Overlap in tokens between consecutive windows of a long text
            (default: a quarter of ``max_length``, at most 32).
        head_dropout: Dropout before each classification head (training only).
        temperatures: Per-task softmax temperatures fitted on dev data (1.0 = uncalibrated).
        lora: LoRA settings when the encoder was adapted with low-rank adapters; the model folder
            then stores only the adapters and heads, and the encoder weights come from ``base_model``.
    """

    base_model: str = DEFAULT_ENCODER
    tasks: tuple[TaskSpec, ...] = DEFAULT_TASKS
    pooling: str = "mean"
    max_length: int = 128
    stride: int | None = None
    head_dropout: float = 0.1
    temperatures: dict[str, float] = field(default_factory=dict)
    lora: dict[str, Any] | None = None

    def __post_init__(self) -> None:
        if self.pooling not in ("mean", "cls"):
            raise ValueError(f"pooling must be 'mean' or 'cls', got {self.pooling!r}")
        if not 8 <= self.max_length <= 8192:
            raise ValueError(f"max_length must lie in [8, 8192], got {self.max_length}")
        if self.stride is None:
            self.stride = min(32, self.max_length // 4)
        if not 0 <= self.stride < self.max_length // 2:
            raise ValueError(f"stride must lie in [0, max_length/2), got {self.stride}")
        self.tasks = tuple(self.tasks)
        names = [t.name for t in self.tasks]
        if not names or len(set(names)) != len(names):
            raise ValueError(f"tasks must be non-empty with unique names, got {names}")

    def to_json(self) -> dict[str, Any]:
        d = asdict(self)
        d["tasks"] = tasks_to_config(self.tasks)
        d["version"] = __version__
        return d

    @classmethod
    def from_json(cls, d: dict[str, Any]) -> "ModelConfig":
        d = dict(d)
        d.pop("version", None)
        d["tasks"] = tasks_from_config(d.get("tasks"))
        known = {f for f in cls.__dataclass_fields__}
        return cls(**{k: v for k, v in d.items() if k in known})


def resolve_model_path(name_or_path: str | os.PathLike | None = None) -> Path:
    """Find a model folder: a path, a name under ``models/``, or ``$STANCELIB_MODEL`` / the default.

    Example:
        >>> resolve_model_path().name
        'stancelib-large'
    """
    name = os.fspath(name_or_path) if name_or_path is not None else os.environ.get("STANCELIB_MODEL", DEFAULT_MODEL)
    candidates = [Path(name).expanduser(), MODELS_DIR / name]
    for candidate in candidates:
        if (candidate / CONFIG_NAME).is_file():
            return candidate
    raise FileNotFoundError(
        f"no stancelib model at {name!r} (looked in {', '.join(str(c) for c in candidates)}); "
        "pass the folder of a model saved by stancelib"
    )
