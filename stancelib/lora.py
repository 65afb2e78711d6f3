"""Low-rank adapters (LoRA) for the encoder's linear layers.

A large encoder fine-tuned with LoRA ships as its small adapter (a few MB) plus heads; the frozen
base weights come from their own package. For inference the adapter is merged into the base
weights, so an adapted model runs exactly as fast as a plain one.
"""

from __future__ import annotations

import math
from dataclasses import asdict, dataclass

import torch
from torch import nn


@dataclass
class LoraConfig:
    """Rank, scaling and dropout of the adapters, and which linear layers get one.

    Args:
        r: Rank of each adapter.
        alpha: Scaling numerator; the update is ``(alpha / r) * B @ A``.
        dropout: Dropout on the adapter's input during training.
        targets: Substrings of module names that get adapters (default: every linear layer of
            the transformer blocks).
    """

    r: int = 16
    alpha: float = 32.0
    dropout: float = 0.1
    targets: tuple[str, ...] = ("layer.",)

    def __post_init__(self) -> None:
        if self.r < 1:
            raise ValueError(f"LoRA rank must be >= 1, got {self.r}")
        self.targets = tuple(self.targets)

    def to_json(self) -> dict:
        return {**asdict(self), "targets": list(self.targets)}


class LoraLinear(nn.Module):
    """``base(x) + (alpha/r) * B(A(dropout(x)))`` with ``base`` frozen and ``B`` starting at zero."""

    def __init__(self, base: nn.Linear, config: LoraConfig):
        super().__init__()
        self.base = base
        for p in self.base.parameters():
            p.requires_grad_(False)
        self.lora_A = nn.Parameter(torch.empty(config.r, base.in_features))
        self.lora_B = nn.Parameter(torch.zeros(base.out_features, config.r))
        nn.init.kaiming_uniform_(self.lora_A, a=math.sqrt(5))
        self.scale = config.alpha / config.r
        self.dropout = nn.Dropout(config.dropout)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.base(x) + (self.dropout(x) @ self.lora_A.t() @ self.lora_B.t()) * self.scale

    def merged(self) -> nn.Linear:
        """A plain linear layer with the adapter folded into its weight."""
        layer = nn.Linear(self.base.in_features, self.base.out_features, bias=self.base.bias is not None)
        with torch.no_grad():
            layer.weight.copy_(self.base.weight + self.scale * (self.lora_B @ self.lora_A))
            if self.base.bias is not None:
                layer.bias.copy_(self.base.bias)
        return layer


def _targets(module: nn.Module, config: LoraConfig) -> list[tuple[nn.Module, str, nn.Linear]]:
    found = []
    for name, child in module.named_modules():
        for attr, sub in child.named_children():
            full = f"{name}.{attr}" if name else attr
            if isinstance(sub, nn.Linear) and any(t in full for t in config.targets):
                found.append((child, attr, sub))
    return found


def add_lora(encoder: nn.Module, config: LoraConfig) -> int:
    """Freeze ``encoder`` and wrap its target linear layers with adapters; return how many.

    Example:
        >>> from transformers import BertConfig, BertModel
        >>> enc = BertModel(BertConfig(hidden_size=32, num_hidden_layers=1, num_attention_heads=2, intermediate_size=64))
        >>> add_lora(enc, LoraConfig(r=4))
        6
    """
    for p in encoder.parameters():
        p.requires_grad_(False)
    targets = _targets(encoder, config)
    if not targets:
        raise ValueError(f"no linear layer matches the LoRA targets {config.targets}")
    for parent, attr, linear in targets:
        setattr(parent, attr, LoraLinear(linear, config))
    return len(targets)


def merge_lora(module: nn.Module) -> None:
    """Replace every :class:`LoraLinear` in ``module`` by its merged plain linear layer."""
    for name, child in list(module.named_modules()):
        for attr, sub in list(child.named_children()):
            if isinstance(sub, LoraLinear):
                setattr(child, attr, sub.merged())
