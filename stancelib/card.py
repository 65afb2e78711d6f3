"""Model cards: the ``README.md`` of a model folder, written from the run's own records."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from .config import ModelConfig


def _metric_rows(metrics: dict[str, Any]) -> str:
    rows = ["| data | task | n | accuracy | macro-F1 (95% CI) | weighted-F1 |", "| --- | --- | --- | --- | --- | --- |"]
    for data_name, tasks in metrics.items():
        for task, m in tasks.items():
            ci = m.get("macro_f1_ci")
            ci_text = f" ({ci[0]:.3f}–{ci[1]:.3f})" if ci else ""
            rows.append(f"| {data_name} | {task} | {m['n']} | {m['accuracy']:.3f} | {m['macro_f1']:.3f}{ci_text} | "
                        f"{m['weighted_f1']:.3f} |")
    return "\n".join(rows)


def model_card(config: ModelConfig, training: dict[str, Any] | None = None, metrics: dict[str, Any] | None = None,
               *, name: str = "stancelib model", description: str = "", notes: str = "") -> str:
    """Markdown model card from the model config, the training summary and evaluation metrics.

    Args:
        config: The model's config.
        training: The summary that :func:`stancelib.train` writes to ``training_args.json``.
        metrics: ``{data name: {task: metrics}}`` as computed by :mod:`stancelib.evaluation`.
        name: Title of the card.
        description: A paragraph on what the model is for.
        notes: Extra markdown (e.g. limitations).

    Example:
        >>> print(model_card(ModelConfig(base_model="minilm"))[:20])
        # stancelib model
        <BLANKLINE>
    """
    tasks = "\n".join(f"- `{t.name}`: {', '.join(f'`{label}`' for label in t.labels)}" for t in config.tasks)
    parts = [f"# {name}\n", description.strip() + "\n" if description else "",
             "## Use\n",
             "```python\nimport stancelib\nclf = stancelib.load(\"path/to/this/folder\")\n"
             "clf.predict(\"Russia has no plans to invade Ukraine, Lavrov said.\")\n```\n",
             "## Model\n",
             f"- Base encoder: `{config.base_model}`, {config.pooling} pooling, one linear head per task, "
             "one forward pass for all tasks.",
             f"- Window: {config.max_length} tokens; longer texts are read as overlapping windows "
             f"(stride {config.stride}) whose logits are averaged.",
             f"- Calibration temperatures (fitted on dev): {json.dumps(config.temperatures) if config.temperatures else 'none'}.",
             f"- Tasks and labels:\n{tasks}\n"]
    if training:
        t = training.get("training", {})
        recipe = ", ".join(f"{k}={t[k]}" for k in ("epochs", "batch_size", "learning_rate", "head_learning_rate",
                                                   "warmup_ratio", "weight_decay", "max_length", "label_smoothing",
                                                   "class_weighting", "lora_r", "lora_alpha", "seed") if t.get(k) is not None
                           and not (k.startswith("lora") and not t.get("lora_r")))
        parts += ["## Training\n",
                  f"- Data: {training.get('n_train')} labeled statements from `{training.get('train_source')}`"
                  + (f", plus {training['n_unlabeled']} unlabeled statements from `{t.get('unlabeled')}`"
                     if training.get("n_unlabeled") else "")
                  + (f"; soft labels from the teacher `{t['teacher']}`" if t.get("teacher") else "")
                  + f"; model selection on {training.get('n_dev')} statements from `{training.get('dev_source')}`.",
                  f"- Recipe: {recipe}.",
                  f"- Best epoch: {training.get('best_epoch')} of {len(training.get('history', []))}"
                  f"{' (stopped early)' if training.get('stopped_early') else ''}; "
                  f"dev macro-F1: {json.dumps(training.get('dev_macro_f1'))}.",
                  f"- Training time: {training.get('train_seconds')} s"
                  + (f" on {training['trained_on']}" if training.get("trained_on") else "") + ".\n"]
    if metrics:
        parts += ["## Evaluation\n", "Scores on data the model was not trained on (bootstrap 95% CI over rows).\n",
                  _metric_rows(metrics) + "\n"]
    if notes:
        parts += [notes.strip() + "\n"]
    return "\n".join(p for p in parts if p is not None)


def update_card_metrics(model_dir: str | Path, metrics: dict[str, Any], *, note: str = "") -> Path:
    """Replace (or add) the "## Evaluation" section of a model folder's ``README.md``.

    Example:
        >>> update_card_metrics("models/stancelib-base", {"test": {"stance": {...}}})  # doctest: +SKIP
    """
    path = Path(model_dir) / "README.md"
    text = path.read_text(encoding="utf-8") if path.is_file() else "# stancelib model\n"
    section = ("## Evaluation\n\nScores on data the model was not trained on (bootstrap 95% CI over rows).\n\n"
               + _metric_rows(metrics) + "\n" + (f"\n{note.strip()}\n" if note else ""))
    if "## Evaluation" in text:
        head, rest = text.split("## Evaluation", 1)
        nxt = rest.find("\n## ")
        text = head + section + (rest[nxt + 1:] if nxt >= 0 else "")
    else:
        text = text.rstrip() + "\n\n" + section
    path.write_text(text, encoding="utf-8")
    return path
