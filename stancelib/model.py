"""The multi-task model: one shared encoder, one classification head per task.

A model folder follows the Hugging Face layout: ``config.json`` (the encoder's config plus a
``stancelib`` block with every task's ``id2label``, pooling, window and calibration), one
``model.safetensors`` (encoder and heads), the tokenizer files, and a model card ``README.md``.
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from pathlib import Path
from typing import Any

import numpy as np
import torch
from safetensors.torch import load_file, save_file
from torch import nn

from ._version import __version__
from .config import CONFIG_NAME, ModelConfig
from .encoders import resolve_encoder
from .prediction import Predictor

WEIGHTS_NAME = "model.safetensors"


def encode(encoder: nn.Module, input_ids: torch.Tensor, attention_mask: torch.Tensor, pooling: str) -> torch.Tensor:
    """One vector per text: the mean of its token vectors (padding excluded) or the first token's."""
    hidden = encoder(input_ids=input_ids, attention_mask=attention_mask).last_hidden_state
    if pooling == "cls":
        return hidden[:, 0]
    mask = attention_mask.unsqueeze(-1).to(hidden.dtype)
    return (hidden * mask).sum(1) / mask.sum(1).clamp(min=1e-6)


def _adapter_model_key(key: str) -> bool:
    """A weight an adapter model's folder stores: its LoRA adapters and heads (not the frozen encoder)."""
    return "lora_" in key or key.startswith("heads.")


class MultiTaskNetwork(nn.Module):
    """Encoder + pooling + one linear head per task; one forward pass yields every task's logits."""

    def __init__(self, encoder: nn.Module, config: ModelConfig):
        super().__init__()
        self.encoder = encoder
        self.pooling = config.pooling
        self.dropout = nn.Dropout(config.head_dropout)
        hidden = encoder.config.hidden_size
        self.heads = nn.ModuleDict({t.name: nn.Linear(hidden, t.num_labels) for t in config.tasks})

    def forward(self, input_ids: torch.Tensor, attention_mask: torch.Tensor) -> dict[str, torch.Tensor]:
        pooled = self.dropout(encode(self.encoder, input_ids, attention_mask, self.pooling))
        return {name: head(pooled) for name, head in self.heads.items()}


def _encoder_from_config(encoder_config: dict[str, Any]) -> nn.Module:
    from transformers import AutoConfig, AutoModel

    cfg = dict(encoder_config)
    model_type = cfg.pop("model_type", None)
    if not model_type:
        raise ValueError("config.json has no 'model_type' for the encoder")
    return AutoModel.from_config(AutoConfig.for_model(model_type, **cfg))


def _quiet_transformers() -> None:
    from transformers.utils import logging as hf_logging

    hf_logging.set_verbosity_error()
    hf_logging.disable_progress_bar()


class StanceClassifier(Predictor):
    """A stancelib model with its tokenizer, ready to predict, train further or save.

    Create one with :func:`load` (a saved model) or :meth:`from_encoder` (a fresh model to train).

    Example:
        >>> clf = StanceClassifier.from_pretrained("models/stancelib-base")  # doctest: +SKIP
        >>> clf.predict(["We will respond with force.", "Talks resume Monday."])  # doctest: +SKIP
    """

    def __init__(self, network: MultiTaskNetwork, tokenizer: Any, config: ModelConfig,
                 device: str | torch.device = "cpu"):
        self.network = network
        self.tokenizer = tokenizer
        self.config = config
        self.device = torch.device(device)
        self.network.to(self.device)
        if self.device.type == "cuda":
            self.network.half()  # half precision on GPU: about 2x faster, same labels
        self.network.eval()

    # Predictor's view of the config
    tasks = property(lambda self: self.config.tasks)
    max_length = property(lambda self: self.config.max_length)
    stride = property(lambda self: self.config.stride)
    temperatures = property(lambda self: self.config.temperatures)

    def __repr__(self) -> str:
        tasks = ", ".join(f"{t.name}={list(t.labels)}" for t in self.tasks)
        return f"StanceClassifier(base_model={self.config.base_model!r}, tasks: {tasks}, device={self.device})"

    @torch.inference_mode()
    def _forward(self, input_ids: np.ndarray, attention_mask: np.ndarray) -> dict[str, np.ndarray]:
        ids = torch.from_numpy(input_ids).to(self.device)
        mask = torch.from_numpy(attention_mask).to(self.device)
        return {k: v.float().cpu().numpy() for k, v in self.network(ids, mask).items()}

    @classmethod
    def from_encoder(cls, config: ModelConfig | None = None, device: str = "cpu", **overrides: Any) -> "StanceClassifier":
        """A new model: pretrained encoder weights, freshly initialised heads.

        Example:
            >>> clf = StanceClassifier.from_encoder(ModelConfig(base_model="minilm"))  # doctest: +SKIP
        """
        from transformers import AutoModel, AutoTokenizer

        _quiet_transformers()
        config = config or ModelConfig(**overrides)
        source = resolve_encoder(config.base_model)
        tokenizer = AutoTokenizer.from_pretrained(source)
        encoder = AutoModel.from_pretrained(source)
        return cls(MultiTaskNetwork(encoder, config), tokenizer, config, device)

    @classmethod
    def from_pretrained(cls, path: str | os.PathLike, device: str = "cpu", merge: bool = True) -> "StanceClassifier":
        """Load a folder written by :meth:`save_pretrained` (fp16 weights are loaded as fp32).

        Args:
            path: The model folder.
            device: ``"cpu"`` or ``"cuda"``.
            merge: Fold LoRA adapters into the encoder weights (fast inference); ``False`` keeps
                them separate to train further.
        """
        from transformers import AutoTokenizer

        _quiet_transformers()
        path = Path(path)
        cfg_file = path / CONFIG_NAME
        if not cfg_file.is_file():
            raise FileNotFoundError(f"{path}: not a model folder (no {CONFIG_NAME})")
        raw = json.loads(cfg_file.read_text(encoding="utf-8"))
        if "stancelib" not in raw:
            raise ValueError(f"{cfg_file}: not a stancelib model (no 'stancelib' block); "
                             "to fine-tune a plain encoder, pass it as base_model")
        config = ModelConfig.from_json(raw.pop("stancelib"))
        raw.pop("architectures", None)
        weights = path / WEIGHTS_NAME
        if not weights.is_file():
            raise FileNotFoundError(f"{path}: no {WEIGHTS_NAME}")
        state = {k: v.float() for k, v in load_file(str(weights)).items()}
        if config.lora:
            from transformers import AutoModel

            from .lora import LoraConfig, add_lora, merge_lora

            # Adapter models store adapters and heads only; the frozen encoder comes from its package.
            network = MultiTaskNetwork(AutoModel.from_pretrained(resolve_encoder(config.base_model)), config)
            add_lora(network.encoder, LoraConfig(**config.lora))
            own = {k for k in network.state_dict() if _adapter_model_key(k)}
            missing, unexpected = network.load_state_dict(state, strict=False)
            missing = [k for k in missing if k in own]
        else:
            network = MultiTaskNetwork(_encoder_from_config(raw), config)
            missing, unexpected = network.load_state_dict(state, strict=False)
            # Encoders may carry unused buffers (e.g. position ids) that older files omit.
            missing = [k for k in missing if not k.endswith("position_ids")]
        if missing or unexpected:
            raise ValueError(f"{weights}: weights do not match the config "
                             f"(missing {missing[:5]}, unexpected {unexpected[:5]})")
        if config.lora and merge:
            merge_lora(network)
        tokenizer = AutoTokenizer.from_pretrained(str(path))
        return cls(network, tokenizer, config, device)

    def save_pretrained(self, path: str | os.PathLike, *, dtype: str = "float32",
                        card: str | None = None, extra_files: dict[str, str] | None = None) -> Path:
        """Write the model folder atomically: written in a temporary folder, then renamed.

        Args:
            path: Target folder; replaced if it exists.
            dtype: ``"float32"`` or ``"float16"`` (half the size on disk; loaded back as fp32).
            card: Model card text for ``README.md``; a minimal card is written if omitted.
            extra_files: More text files to write, e.g. ``{"metrics.json": "..."}``.
        """
        if dtype not in ("float32", "float16"):
            raise ValueError(f"dtype must be 'float32' or 'float16', got {dtype!r}")
        path = Path(path)
        encoder_cfg = self.network.encoder.config.to_dict()
        encoder_cfg.pop("_name_or_path", None)
        encoder_cfg.pop("dtype", None)
        encoder_cfg.pop("torch_dtype", None)
        config = {**encoder_cfg, "architectures": ["StancelibMultiTaskModel"], "stancelib": self.config.to_json()}
        target = getattr(torch, dtype)
        state = {k: v.detach().to("cpu", target).contiguous() for k, v in self.network.state_dict().items()}
        if self.config.lora:
            if not any("lora_" in k for k in state):
                raise ValueError("the config names LoRA adapters but the network has none (merged?); "
                                 "load with merge=False to save an adapter model")
            state = {k: v for k, v in state.items() if _adapter_model_key(k)}
        with atomic_folder(path) as tmp:
            save_file(state, str(tmp / WEIGHTS_NAME), metadata={"format": "pt", "stancelib": __version__})
            (tmp / CONFIG_NAME).write_text(json.dumps(config, indent=2), encoding="utf-8")
            self.tokenizer.save_pretrained(str(tmp))
            files = {"README.md": card or _minimal_card(self.config), **(extra_files or {})}
            for name, text in files.items():
                (tmp / name).write_text(text, encoding="utf-8")
        return path


def _minimal_card(config: ModelConfig) -> str:
    tasks = "\n".join(f"- `{t.name}`: {', '.join(t.labels)}" for t in config.tasks)
    return (f"# stancelib model\n\nBase encoder: `{config.base_model}`.\n\nTasks:\n{tasks}\n\n"
            "Load with `stancelib.load(path)`.\n")


class atomic_folder:
    """Context manager: yields a temporary folder next to ``path`` and renames it to ``path`` on success.

    An interrupted write leaves the previous folder (if any) untouched.
    """

    def __init__(self, path: Path):
        self.path = Path(path)

    def __enter__(self) -> Path:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.tmp = Path(tempfile.mkdtemp(prefix=f".{self.path.name}.tmp-", dir=self.path.parent))
        return self.tmp

    def __exit__(self, exc_type, exc, tb) -> None:
        if exc_type is not None:
            shutil.rmtree(self.tmp, ignore_errors=True)
            return
        os.chmod(self.tmp, 0o755)  # mkdtemp makes it private; a model folder is for everyone to read
        for f in self.tmp.rglob("*"):
            if f.is_file():
                os.chmod(f, 0o644)
        old = None
        if self.path.exists():
            old = self.path.with_name(f".{self.path.name}.old-{os.getpid()}")
            os.replace(self.path, old)
        os.replace(self.tmp, self.path)
        if old is not None:
            shutil.rmtree(old, ignore_errors=True)
