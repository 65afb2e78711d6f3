"""ONNX export and the ONNX Runtime backend (fp32, or dynamically quantized int8).

An exported folder holds ``model.onnx`` (and ``model.int8.onnx``), the model's ``config.json``,
the tokenizer and the model card, so it loads with ``stancelib.load(folder, backend="onnx")``
without PyTorch doing any work at prediction time.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
from pathlib import Path
from typing import Any

import numpy as np

from .prediction import Predictor

# Part of the cache key of exports: change it when the export itself changes.
EXPORT_FORMAT = "opset17-int8-per-channel"
ONNX_NAME = "model.onnx"
INT8_NAME = "model.int8.onnx"


def export_onnx(model: str | os.PathLike | None, output_dir: str | os.PathLike, *, quantize: str | None = None,
                opset: int = 17) -> Path:
    """Export a stancelib model to ONNX (one graph: ids and mask in, one logits output per task).

    Args:
        model: Model folder or name (default: the shipped model).
        output_dir: Folder to write; replaced atomically if it exists.
        quantize: ``"int8"`` to also write a dynamically quantized ``model.int8.onnx``.
        opset: ONNX opset version.

    Example:
        >>> export_onnx("stancelib-base", "out/stancelib-base-onnx", quantize="int8")  # doctest: +SKIP
    """
    import torch

    from .config import resolve_model_path
    from .loading import load
    from .model import atomic_folder

    if quantize not in (None, "int8"):
        raise ValueError(f"quantize must be None or 'int8', got {quantize!r}")
    source = resolve_model_path(model)
    clf = load(source)
    network = clf.network.eval()
    names = list(clf.task_names)

    class _Wrapper(torch.nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.network = network

        def forward(self, input_ids, attention_mask):
            out = self.network(input_ids, attention_mask)
            return tuple(out[n] for n in names)

    ids = torch.tensor([[clf.tokenizer.cls_token_id or 0] + [5] * 6 + [clf.tokenizer.sep_token_id or 0]] * 2)
    mask = torch.ones_like(ids)
    with atomic_folder(Path(output_dir)) as tmp:
        with torch.inference_mode():
            torch.onnx.export(
                _Wrapper(), (ids, mask), str(tmp / ONNX_NAME), input_names=["input_ids", "attention_mask"],
                output_names=names, opset_version=opset, dynamo=False,
                dynamic_axes={"input_ids": {0: "batch", 1: "sequence"}, "attention_mask": {0: "batch", 1: "sequence"},
                              **{n: {0: "batch"} for n in names}},
            )
        if quantize == "int8":
            import logging

            from onnxruntime.quantization import QuantType, quantize_dynamic

            root = logging.getLogger()
            level = root.level
            root.setLevel(logging.ERROR)  # silence its advice to pre-process, which does not apply here
            try:
                # Per-channel scales: per-tensor ones changed 4% of all-mpnet-base-v2's stance labels.
                quantize_dynamic(str(tmp / ONNX_NAME), str(tmp / INT8_NAME), weight_type=QuantType.QInt8,
                                 per_channel=True)
            finally:
                root.setLevel(level)
        for f in source.iterdir():
            if f.is_file() and f.suffix != ".safetensors":
                shutil.copy2(f, tmp / f.name)
        cfg = json.loads((tmp / "config.json").read_text(encoding="utf-8"))
        cfg["stancelib"]["onnx"] = {"fp32": ONNX_NAME, **({"int8": INT8_NAME} if quantize else {}), "opset": opset}
        (tmp / "config.json").write_text(json.dumps(cfg, indent=2), encoding="utf-8")
    return Path(output_dir)


def _export_dir(source: Path) -> Path:
    """Where the cached export of a torch model folder lives (keyed by its weights' hash)."""
    from .encoders import cache_dir

    h = hashlib.sha1(EXPORT_FORMAT.encode())
    h.update((source / "config.json").read_bytes())  # an adapter model's base encoder is named here
    with open(source / "model.safetensors", "rb") as fh:
        for block in iter(lambda: fh.read(1 << 22), b""):
            h.update(block)
    return cache_dir() / "onnx" / f"{source.name}-{h.hexdigest()[:12]}"


def find_export(source: str | os.PathLike, quantize: str | None = None) -> Path | None:
    """The ONNX export of a model folder if one exists (in the folder itself or in the cache)."""
    source = Path(source)
    name = INT8_NAME if quantize == "int8" else ONNX_NAME
    if (source / name).is_file():
        return source
    if not (source / "model.safetensors").is_file():
        return None
    target = _export_dir(source)
    return target if (target / name).is_file() else None


def cached_export(source: str | os.PathLike, quantize: str | None = None) -> Path:
    """Export a torch model folder once into the cache (fp32 and int8); return the export folder.

    An export that already exists is reused, so this is cheap after the first call.
    """
    found = find_export(source, quantize)
    return found if found is not None else export_onnx(source, _export_dir(Path(source)), quantize="int8")


class OnnxStanceClassifier(Predictor):
    """A stancelib model run by ONNX Runtime on the CPU; same API and predictions as the torch model.

    Example:
        >>> clf = stancelib.load("stancelib-base", backend="onnx", quantize="int8")  # doctest: +SKIP
    """

    def __init__(self, session: Any, tokenizer: Any, config: Any, path: Path):
        self.session = session
        self.tokenizer = tokenizer
        self.config = config
        self.path = path
        self.output_names = [o.name for o in session.get_outputs()]

    tasks = property(lambda self: self.config.tasks)
    max_length = property(lambda self: self.config.max_length)
    stride = property(lambda self: self.config.stride)
    temperatures = property(lambda self: self.config.temperatures)

    def __repr__(self) -> str:
        return f"OnnxStanceClassifier({self.path}, tasks={list(self.task_names)})"

    @classmethod
    def from_pretrained(cls, path: str | os.PathLike, quantize: str | None = None,
                        num_threads: int | None = None) -> "OnnxStanceClassifier":
        """Load an exported folder, or export a torch model folder to the cache first.

        Loading imports neither PyTorch nor transformers: the tokenizer runs from ``tokenizer.json``
        through the ``tokenizers`` library, the network through ONNX Runtime.
        """
        import onnxruntime as ort

        from .config import ModelConfig

        if quantize not in (None, "int8"):
            raise ValueError(f"quantize must be None or 'int8', got {quantize!r}")
        path = Path(path)
        if not (path / ONNX_NAME).is_file():
            path = cached_export(path, quantize)
        onnx_file = path / (INT8_NAME if quantize == "int8" else ONNX_NAME)
        if not onnx_file.is_file():
            raise FileNotFoundError(f"{onnx_file}: not exported; run `stancelib export --quantize int8`")
        raw = json.loads((path / "config.json").read_text(encoding="utf-8"))
        config = ModelConfig.from_json(raw["stancelib"])
        options = ort.SessionOptions()
        options.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
        options.intra_op_num_threads = num_threads or default_threads()
        session = ort.InferenceSession(str(onnx_file), options, providers=["CPUExecutionProvider"])
        return cls(session, WindowTokenizer(path), config, path)

    def _forward(self, input_ids: np.ndarray, attention_mask: np.ndarray) -> dict[str, np.ndarray]:
        outputs = self.session.run(None, {"input_ids": input_ids, "attention_mask": attention_mask})
        return dict(zip(self.output_names, outputs))


class WindowTokenizer:
    """The model's ``tokenizer.json`` run by the ``tokenizers`` library, with the slice of the
    transformers tokenizer interface that :class:`~stancelib.prediction.Predictor` uses
    (overflowing windows and the pad id), so the ONNX backend needs no transformers import."""

    def __init__(self, folder: Path):
        from tokenizers import Tokenizer

        self.tokenizer = Tokenizer.from_file(str(folder / "tokenizer.json"))
        self.tokenizer.no_padding()
        pad = None
        cfg_file = folder / "tokenizer_config.json"
        if cfg_file.is_file():
            pad = json.loads(cfg_file.read_text(encoding="utf-8")).get("pad_token")
            pad = pad.get("content") if isinstance(pad, dict) else pad
        self.pad_token_id = self.tokenizer.token_to_id(pad) if pad else 0

    def __call__(self, texts: list[str], *, max_length: int, stride: int, **_: Any) -> dict[str, list]:
        self.tokenizer.enable_truncation(max_length=max_length, stride=stride)
        ids, owner = [], []
        for i, encoding in enumerate(self.tokenizer.encode_batch(texts)):
            for window in [encoding, *encoding.overflowing]:
                ids.append(window.ids)
                owner.append(i)
        return {"input_ids": ids, "overflow_to_sample_mapping": owner}


def default_threads() -> int:
    """Threads for inference: the CPUs this process may use (never more than 16)."""
    try:
        n = len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        n = os.cpu_count() or 1
    return max(1, min(16, n))
