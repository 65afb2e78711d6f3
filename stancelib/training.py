"""Fine-tuning: from a base encoder or from an existing stancelib model, on labeled statements.

The loop is deliberately plain PyTorch: seeded, class-weighted cross-entropy per task (a row
without a task's label is skipped by that task's loss), AdamW with linear warm-up and decay,
evaluation on dev after every epoch with early stopping on the mean dev macro-F1, the best
epoch's weights kept, temperatures fitted on dev, and the final folder written atomically.
Checkpoints are safetensors + JSON (no pickle), so ``resume=True`` continues an interrupted run.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import logging
import os
import random
import shutil
import time
from dataclasses import asdict, dataclass, field, fields
from pathlib import Path
from typing import Any, Sequence

import numpy as np
import torch
from safetensors.torch import load_file, save_file
from torch import nn

from .card import model_card
from .data import LabeledData, read_labeled
from .encoders import DEFAULT_ENCODER
from .evaluation.calibration import fit_temperature
from .evaluation.metrics import macro_f1
from .labels import DEFAULT_TASKS, TaskSpec, parse_tasks
from .config import ModelConfig, resolve_model_path
from .model import StanceClassifier, atomic_folder

logger = logging.getLogger(__name__)


@dataclass
class TrainingConfig:
    """Everything that defines a training run; saved as ``training_args.json`` in the model folder.

    Args:
        base_model: Encoder to start from (ignored when ``init_from`` is set).
        init_from: A stancelib model folder to continue training (domain adaptation).
        tasks: Tasks and labels (ignored with ``init_from``: the model's own tasks are used).
        epochs: Maximum number of epochs.
        batch_size: Statements per optimisation step.
        learning_rate: Peak learning rate of the encoder.
        head_learning_rate: Peak learning rate of the classification heads.
        weight_decay: AdamW weight decay (not applied to biases and LayerNorm weights).
        warmup_ratio: Share of steps with linearly rising learning rate.
        max_length: Tokens per window; longer training texts become several windows.
        pooling: ``"mean"`` or ``"cls"``.
        head_dropout: Dropout before the heads.
        label_smoothing: Cross-entropy label smoothing.
        class_weighting: ``"balanced"`` (n / (k * count)), ``"sqrt"`` (its square root) or ``"none"``.
        task_weights: Loss weight per task (default 1 each).
        patience: Epochs without dev improvement before stopping early.
        seed: Seed of every random choice (initialisation, shuffling, dropout).
        save_every: Optimisation steps between checkpoints (0: only at epoch ends).
        calibrate: Fit per-task temperatures on dev after training.
        save_dtype: ``"float32"`` or ``"float16"`` weights in the final folder.
        num_threads: CPU threads for PyTorch (default: PyTorch's choice).
        device: ``"cpu"``, ``"cuda"`` (bf16 autocast) or ``"auto"``. Runs are bit-reproducible on the CPU.
        max_grad_norm: Gradient clipping norm.
        lora_r: Rank of LoRA adapters on the encoder's linear layers (0: fine-tune every weight).
        lora_alpha: LoRA scaling numerator.
        lora_dropout: Dropout on the adapters' input.
        teacher: A stancelib model whose predictions the new model also learns from (distillation).
        unlabeled: A file of extra statements without labels, learned from the teacher only.
        distill_alpha: Weight of the gold-label loss; the teacher's loss gets ``1 - distill_alpha``.
        distill_temperature: Softening temperature of teacher and student in the distillation loss.
    """

    base_model: str = DEFAULT_ENCODER
    init_from: str | None = None
    tasks: tuple[TaskSpec, ...] = DEFAULT_TASKS
    epochs: int = 10
    batch_size: int = 32
    learning_rate: float = 1e-4
    head_learning_rate: float = 1e-3
    weight_decay: float = 0.01
    warmup_ratio: float = 0.1
    max_length: int = 128
    pooling: str = "mean"
    head_dropout: float = 0.1
    label_smoothing: float = 0.1
    class_weighting: str = "balanced"
    task_weights: dict[str, float] = field(default_factory=dict)
    patience: int = 3
    seed: int = 42
    save_every: int = 0
    calibrate: bool = True
    save_dtype: str = "float32"
    num_threads: int | None = None
    device: str = "cpu"
    max_grad_norm: float = 1.0
    lora_r: int = 0
    lora_alpha: float = 32.0
    lora_dropout: float = 0.1
    teacher: str | None = None
    unlabeled: str | None = None
    distill_alpha: float = 0.5
    distill_temperature: float = 2.0

    def __post_init__(self) -> None:
        self.tasks = parse_tasks(self.tasks) if not isinstance(self.tasks, tuple) or not self.tasks else self.tasks
        for name in ("epochs", "batch_size"):
            if not isinstance(getattr(self, name), int) or getattr(self, name) < 1:
                raise ValueError(f"{name} must be a positive integer, got {getattr(self, name)!r}")
        if not 0 <= self.warmup_ratio < 1:
            raise ValueError(f"warmup_ratio must lie in [0, 1), got {self.warmup_ratio}")
        if self.class_weighting not in ("balanced", "sqrt", "none"):
            raise ValueError(f"class_weighting must be 'balanced', 'sqrt' or 'none', got {self.class_weighting!r}")
        if self.learning_rate <= 0 or self.head_learning_rate <= 0:
            raise ValueError("learning rates must be positive")
        if not 0 <= self.distill_alpha <= 1:
            raise ValueError(f"distill_alpha must lie in [0, 1], got {self.distill_alpha}")
        if self.unlabeled and not self.teacher:
            raise ValueError("unlabeled statements need a teacher model to learn from")

    def to_json(self) -> dict[str, Any]:
        d = asdict(self)
        d["tasks"] = {t.name: list(t.labels) for t in self.tasks}
        return d

    @classmethod
    def from_json(cls, d: dict[str, Any]) -> "TrainingConfig":
        d = {k: v for k, v in d.items() if k in {f.name for f in fields(cls)}}
        if isinstance(d.get("tasks"), dict):
            d["tasks"] = tuple(TaskSpec(k, tuple(v)) for k, v in d["tasks"].items())
        return cls(**d)

    def fingerprint(self) -> str:
        """Hash of the settings that shape the run (used to refuse resuming a different run)."""
        keep = {k: v for k, v in self.to_json().items()
                if k not in ("save_every", "num_threads", "calibrate", "save_dtype", "device")}
        return hashlib.sha1(json.dumps(keep, sort_keys=True, default=str).encode()).hexdigest()[:16]


@dataclass
class TrainResult:
    """What :func:`train` returns: the trained model and what happened."""

    classifier: StanceClassifier
    history: list[dict]
    best_epoch: int
    dev_metrics: dict[str, float]
    output_dir: Path | None


def set_seed(seed: int) -> None:
    random.seed(seed)
    np.random.seed(seed % (2**32))
    torch.manual_seed(seed)


def _class_weights(labels: list[int], num_labels: int, mode: str) -> torch.Tensor | None:
    if mode == "none":
        return None
    counts = np.bincount([y for y in labels if y >= 0], minlength=num_labels).astype(np.float64)
    present = counts > 0
    w = np.zeros(num_labels)
    w[present] = counts[present].sum() / (present.sum() * counts[present])
    if mode == "sqrt":
        w = np.sqrt(w)
    return torch.tensor(w, dtype=torch.float32)


def _weights_on(w: torch.Tensor | None, device: torch.device) -> torch.Tensor | None:
    return None if w is None else w.to(device)


def _optimizer(network: nn.Module, cfg: TrainingConfig) -> torch.optim.Optimizer:
    groups: dict[tuple[float, float], list[nn.Parameter]] = {}
    for name, param in network.named_parameters():
        if not param.requires_grad:
            continue
        lr = cfg.head_learning_rate if name.startswith("heads.") else cfg.learning_rate
        decay = 0.0 if param.ndim == 1 or "LayerNorm" in name or "layer_norm" in name else cfg.weight_decay
        groups.setdefault((lr, decay), []).append(param)
    return torch.optim.AdamW([{"params": p, "lr": lr, "weight_decay": wd} for (lr, wd), p in groups.items()])


def _schedule(step: int, total: int, warmup: int) -> float:
    if step < warmup:
        return (step + 1) / max(1, warmup)
    return max(0.0, (total - step) / max(1, total - warmup))


class _Examples:
    """Tokenized training windows with their per-task labels."""

    def __init__(self, data: LabeledData, clf: StanceClassifier, teacher: dict[str, np.ndarray] | None = None):
        enc = clf.tokenizer(data.texts, truncation=True, max_length=clf.max_length, stride=clf.stride,
                            return_overflowing_tokens=True, return_attention_mask=False,
                            return_token_type_ids=False)
        self.ids: list[list[int]] = enc["input_ids"]
        owner = list(enc["overflow_to_sample_mapping"])
        self.labels = {t: torch.tensor([data.labels[t][o] for o in owner]) for t in data.labels}
        self.teacher = {t: torch.tensor(z[owner], dtype=torch.float32) for t, z in (teacher or {}).items()}
        split = len(self.ids) - len(data)
        if split:
            logger.info("%d windows from %d texts: texts longer than %d tokens are split into windows, "
                        "each trained with the text's labels", len(self.ids), len(data), clf.max_length)

    def __len__(self) -> int:
        return len(self.ids)

    def batch(self, idx: Sequence[int], pad_id: int) -> tuple[torch.Tensor, torch.Tensor, dict, dict]:
        width = max(len(self.ids[i]) for i in idx)
        ids = torch.full((len(idx), width), pad_id, dtype=torch.long)
        mask = torch.zeros((len(idx), width), dtype=torch.long)
        for row, i in enumerate(idx):
            ids[row, : len(self.ids[i])] = torch.tensor(self.ids[i])
            mask[row, : len(self.ids[i])] = 1
        index = torch.tensor(list(idx))
        return ids, mask, {t: y[index] for t, y in self.labels.items()}, {t: z[index] for t, z in self.teacher.items()}


def evaluate_macro_f1(clf: StanceClassifier, data: LabeledData, batch_size: int = 64) -> tuple[dict[str, float], dict[str, np.ndarray]]:
    """Dev macro-F1 per task (rows labeled for that task) and the raw logits."""
    clf.network.eval()
    logits = clf.logits(data.texts, batch_size=batch_size, show_progress=False)
    scores = {}
    for task in clf.tasks:
        y = np.asarray(data.labels.get(task.name, []))
        keep = y >= 0
        if keep.any():
            scores[task.name] = round(macro_f1(y[keep], logits[task.name][keep].argmax(1), task.num_labels), 4)
    return scores, logits


def teacher_logits(teacher: str, texts: Sequence[str], tasks: Sequence[TaskSpec], batch_size: int = 64) -> dict[str, np.ndarray]:
    """Logits of a teacher model, with columns in the order of the student's labels."""
    model = StanceClassifier.from_pretrained(resolve_model_path(teacher))
    logits = model.logits(list(texts), batch_size=batch_size, show_progress=len(texts) > 2000)
    out = {}
    for task in tasks:
        mine = next((t for t in model.tasks if t.name == task.name), None)
        if mine is None or set(mine.labels) != set(task.labels):
            raise ValueError(f"teacher {teacher!r} has no task {task.name!r} with labels {list(task.labels)}")
        out[task.name] = logits[task.name][:, [mine.label2id[label] for label in task.labels]]
    return out


def _unlabeled(path: str, tasks: Sequence[TaskSpec]) -> LabeledData:
    from .data import read_texts

    texts, _ = read_texts(path)
    return LabeledData(texts, {t.name: [-100] * len(texts) for t in tasks}, tuple(tasks), path)


# --- checkpoints: safetensors for tensors, JSON for the rest ---------------------------------

def _save_checkpoint(folder: Path, network: nn.Module, optimizer: torch.optim.Optimizer,
                     state: dict, best_state: dict[str, torch.Tensor] | None) -> None:
    with atomic_folder(folder) as tmp:
        save_file({k: v.detach().contiguous() for k, v in network.state_dict().items()}, str(tmp / "model.safetensors"))
        opt = optimizer.state_dict()
        tensors = {"rng.torch": torch.get_rng_state()}
        for pid, pstate in opt["state"].items():
            for key, value in pstate.items():
                tensors[f"state.{pid}.{key}"] = value.detach().clone().contiguous() if torch.is_tensor(value) else torch.tensor(value)
        save_file(tensors, str(tmp / "optimizer.safetensors"))
        if best_state is not None:
            save_file(best_state, str(tmp / "best.safetensors"))
        (tmp / "state.json").write_text(json.dumps({**state, "param_groups": opt["param_groups"]}, indent=1))


def _load_checkpoint(folder: Path, network: nn.Module, optimizer: torch.optim.Optimizer) -> tuple[dict, dict | None]:
    state = json.loads((folder / "state.json").read_text())
    network.load_state_dict(load_file(str(folder / "model.safetensors")))
    tensors = load_file(str(folder / "optimizer.safetensors"))
    torch.set_rng_state(tensors.pop("rng.torch"))
    opt_state: dict[int, dict] = {}
    for key, value in tensors.items():
        _, pid, name = key.split(".", 2)
        opt_state.setdefault(int(pid), {})[name] = value
    optimizer.load_state_dict({"state": opt_state, "param_groups": state.pop("param_groups")})
    best = folder / "best.safetensors"
    return state, (load_file(str(best)) if best.is_file() else None)


# --- the loop ---------------------------------------------------------------------------------

def _as_data(data: LabeledData | str | os.PathLike | None, tasks: tuple[TaskSpec, ...]) -> LabeledData | None:
    if data is None or isinstance(data, LabeledData):
        return data
    return read_labeled(data, tasks)


def train(
    train_data: LabeledData | str | os.PathLike,
    dev_data: LabeledData | str | os.PathLike | None = None,
    config: TrainingConfig | None = None,
    output_dir: str | os.PathLike | None = None,
    *,
    checkpoint_dir: str | os.PathLike | None = None,
    resume: bool = False,
    card: Any = None,
    show_progress: bool = True,
) -> TrainResult:
    """Fine-tune a stancelib model and (optionally) save it.

    Args:
        train_data: Labeled data or a JSONL/CSV/Parquet path.
        dev_data: Labeled dev data for model selection and calibration; without it the last
            epoch is kept and no temperatures are fitted.
        config: The training settings.
        output_dir: Where to write the final model folder (atomically); not saved if ``None``.
        checkpoint_dir: Where checkpoints go (default ``<output_dir>.checkpoints``); removed on success.
        resume: Continue from the checkpoint in ``checkpoint_dir`` if one exists.
        card: Callable ``(classifier, summary) -> str`` writing the model card; default :func:`model_card`.
        show_progress: Show a progress bar.

    Example:
        >>> from stancelib import train, TrainingConfig
        >>> result = train("my_train.jsonl", "my_dev.jsonl", TrainingConfig(epochs=4), "models/my-model")  # doctest: +SKIP
        >>> result.dev_metrics  # doctest: +SKIP
        {'stance': 0.87, 'sentiment': 0.84}
    """
    cfg = config or TrainingConfig()
    if cfg.num_threads:
        torch.set_num_threads(cfg.num_threads)
    set_seed(cfg.seed)
    if cfg.init_from:
        clf = StanceClassifier.from_pretrained(resolve_model_path(cfg.init_from), merge=False)
        clf.config.temperatures = {}
        tasks = clf.tasks
    else:
        tasks = cfg.tasks
        clf = StanceClassifier.from_encoder(ModelConfig(
            base_model=cfg.base_model, tasks=tasks, pooling=cfg.pooling,
            max_length=cfg.max_length, head_dropout=cfg.head_dropout))
        if cfg.lora_r:
            from .lora import LoraConfig, add_lora

            lora = LoraConfig(r=cfg.lora_r, alpha=cfg.lora_alpha, dropout=cfg.lora_dropout)
            add_lora(clf.network.encoder, lora)
            clf.config.lora = lora.to_json()
    train_set = _as_data(train_data, tasks)
    dev_set = _as_data(dev_data, tasks)
    missing = [t.name for t in tasks if train_set.task_counts().get(t.name, 0) == 0]
    if missing:
        raise ValueError(f"{train_set.source}: no row carries a label for task(s) {missing}")
    teacher = None
    n_labeled = len(train_set)
    if cfg.teacher:
        if cfg.unlabeled:
            extra = _unlabeled(cfg.unlabeled, tasks)
            train_set = LabeledData(train_set.texts + extra.texts,
                                    {t: train_set.labels[t] + extra.labels[t] for t in train_set.labels},
                                    train_set.tasks, train_set.source)
        teacher = teacher_logits(cfg.teacher, train_set.texts, tasks)
    device = torch.device("cuda" if cfg.device == "auto" and torch.cuda.is_available() else
                          ("cpu" if cfg.device == "auto" else cfg.device))
    network = clf.network.to(device)
    clf.device = device
    autocast = torch.autocast("cuda", dtype=torch.bfloat16) if device.type == "cuda" else contextlib.nullcontext()
    examples = _Examples(train_set, clf, teacher)
    pad_id = clf.tokenizer.pad_token_id or 0
    losses = {
        t.name: nn.CrossEntropyLoss(weight=_weights_on(_class_weights(train_set.labels[t.name], t.num_labels, cfg.class_weighting), device),
                                    ignore_index=-100, label_smoothing=cfg.label_smoothing)
        for t in tasks
    }
    steps_per_epoch = (len(examples) + cfg.batch_size - 1) // cfg.batch_size
    total_steps = steps_per_epoch * cfg.epochs
    warmup = int(cfg.warmup_ratio * total_steps)
    optimizer = _optimizer(network, cfg)
    base_lrs = [g["lr"] for g in optimizer.param_groups]

    ckpt = Path(checkpoint_dir) if checkpoint_dir else (Path(f"{output_dir}.checkpoints") if output_dir else None)
    state = {"epoch": 0, "step_in_epoch": 0, "global_step": 0, "best_score": -1.0, "best_epoch": 0,
             "bad_epochs": 0, "history": [], "fingerprint": cfg.fingerprint(), "n_train": len(train_set)}
    best_state: dict[str, torch.Tensor] | None = None
    if resume and ckpt is not None and (ckpt / "state.json").is_file():
        saved, best_state = _load_checkpoint(ckpt, network, optimizer)
        if saved.get("fingerprint") != state["fingerprint"] or saved.get("n_train") != len(train_set):
            raise ValueError(f"{ckpt}: checkpoint is of a different run (settings or data changed); "
                             "remove it or train without --resume")
        state = saved
        logger.info("resuming from %s at epoch %d, step %d", ckpt, state["epoch"] + 1, state["step_in_epoch"])

    from tqdm.auto import tqdm

    bar = tqdm(total=total_steps, initial=state["global_step"], desc="train", unit="step", disable=not show_progress)
    started = time.time()
    stopped_early = False
    while state["epoch"] < cfg.epochs:
        epoch = state["epoch"]
        # The order depends on (seed, epoch) only, so a resumed run sees the same batches.
        order = torch.randperm(len(examples), generator=torch.Generator().manual_seed(cfg.seed * 1000 + epoch)).tolist()
        network.train()
        running = []
        for step in range(state["step_in_epoch"], steps_per_epoch):
            ids, mask, labels, soft = examples.batch(order[step * cfg.batch_size:(step + 1) * cfg.batch_size], pad_id)
            labels = {k: v.to(device) for k, v in labels.items()}
            soft = {k: v.to(device) for k, v in soft.items()}
            with autocast:
                logits = network(ids.to(device), mask.to(device))
            logits = {k: v.float() for k, v in logits.items()}
            loss = torch.zeros((), device=device)
            hard_weight = cfg.distill_alpha if soft else 1.0
            for task in tasks:
                y = labels[task.name]
                weight = cfg.task_weights.get(task.name, 1.0)
                if (y >= 0).any():
                    loss = loss + weight * hard_weight * losses[task.name](logits[task.name], y)
                if soft:
                    t = cfg.distill_temperature
                    kl = nn.functional.kl_div(nn.functional.log_softmax(logits[task.name] / t, -1),
                                              nn.functional.softmax(soft[task.name] / t, -1), reduction="batchmean")
                    loss = loss + weight * (1 - cfg.distill_alpha) * t * t * kl
            optimizer.zero_grad(set_to_none=True)
            loss.backward()
            nn.utils.clip_grad_norm_(network.parameters(), cfg.max_grad_norm)
            factor = _schedule(state["global_step"], total_steps, warmup)
            for group, base in zip(optimizer.param_groups, base_lrs):
                group["lr"] = base * factor
            optimizer.step()
            state["global_step"] += 1
            state["step_in_epoch"] = step + 1
            running.append(loss.item())
            bar.update(1)
            bar.set_postfix(epoch=epoch + 1, loss=f"{np.mean(running[-50:]):.3f}")
            if ckpt is not None and cfg.save_every and state["global_step"] % cfg.save_every == 0 and step + 1 < steps_per_epoch:
                _save_checkpoint(ckpt, network, optimizer, state, best_state)

        record = {"epoch": epoch + 1, "train_loss": round(float(np.mean(running)) if running else float("nan"), 4)}
        if dev_set is not None:
            scores, _ = evaluate_macro_f1(clf, dev_set)
            score = float(np.mean(list(scores.values())))
            record.update({f"dev_{k}_macro_f1": v for k, v in scores.items()}, dev_score=round(score, 4))
            if score > state["best_score"]:
                state.update(best_score=score, best_epoch=epoch + 1, bad_epochs=0)
                best_state = {k: v.detach().to("cpu", copy=True) for k, v in network.state_dict().items()}
            else:
                state["bad_epochs"] += 1
        state["history"].append(record)
        logger.info("epoch %s", record)
        bar.write(json.dumps(record))
        state.update(epoch=epoch + 1, step_in_epoch=0)
        if dev_set is not None and state["bad_epochs"] >= cfg.patience:
            stopped_early = True
        if ckpt is not None:
            _save_checkpoint(ckpt, network, optimizer, state, best_state)
        if stopped_early:
            break
    bar.close()

    if best_state is not None:
        network.load_state_dict(best_state)
    network.to("cpu").eval()
    clf.device = torch.device("cpu")
    dev_metrics: dict[str, float] = {}
    if dev_set is not None:
        dev_metrics, dev_logits = evaluate_macro_f1(clf, dev_set)
        if cfg.calibrate:
            for task in tasks:
                y = np.asarray(dev_set.labels[task.name])
                if (y >= 0).sum() >= 20:
                    clf.config.temperatures[task.name] = fit_temperature(dev_logits[task.name][y >= 0], y[y >= 0])
    result = TrainResult(clf, state["history"], state["best_epoch"] or len(state["history"]), dev_metrics,
                         Path(output_dir) if output_dir else None)
    if output_dir is not None:
        summary = {
            "training": cfg.to_json(),
            "history": state["history"],
            "best_epoch": result.best_epoch,
            "stopped_early": stopped_early,
            "dev_macro_f1": dev_metrics,
            "temperatures": dict(clf.config.temperatures),
            "n_train": n_labeled,
            "n_unlabeled": len(train_set) - n_labeled,
            "n_dev": len(dev_set) if dev_set is not None else 0,
            "train_source": train_set.source,
            "dev_source": dev_set.source if dev_set is not None else None,
            "train_seconds": round(time.time() - started, 1),
        }
        text = card(clf, summary) if card else model_card(clf.config, summary)
        clf.save_pretrained(output_dir, dtype=cfg.save_dtype, card=text,
                            extra_files={"training_args.json": json.dumps(summary, indent=2)})
        if ckpt is not None and ckpt.exists():
            shutil.rmtree(ckpt)
    return result
