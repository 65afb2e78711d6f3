"""Predictions and the backend-independent prediction loop.

:class:`Predictor` does everything around the network: it tokenizes, splits texts longer than the
model's window into overlapping windows (nothing is truncated), sorts by length so batches carry
little padding, runs the backend's forward pass batch by batch, averages window logits, applies
the calibration temperatures and returns :class:`Prediction` objects in input order. Backends
(PyTorch in :mod:`stancelib.model`, ONNX Runtime in :mod:`stancelib.onnx`) only implement
``_forward``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Iterable, Iterator, Mapping, Sequence

import numpy as np

from .labels import TaskSpec


@dataclass(frozen=True)
class Prediction:
    """The labels and class probabilities of one statement.

    Attributes are per task: ``p.stance`` is the label, ``p.stance_scores`` the probabilities
    (summing to 1) and ``p.stance_confidence`` the top probability. With ``min_confidence`` a
    task whose top probability is below the threshold gets the label ``None`` and is listed in
    ``abstained``.

    Example:
        >>> p = Prediction("We will respond.", {"stance": "threatening"},
        ...                {"stance": {"threatening": 0.9, "neutral": 0.1}})
        >>> p.stance, p.stance_scores["neutral"], p.to_dict()["stance_confidence"]
        ('threatening', 0.1, 0.9)
    """

    text: str
    labels: Mapping[str, str | None]
    scores: Mapping[str, Mapping[str, float]]
    abstained: tuple[str, ...] = field(default=())

    def __getattr__(self, name: str) -> Any:
        # Only reached when normal lookup fails: expose tasks as attributes (p.stance, p.stance_scores).
        if name.startswith("__"):
            raise AttributeError(name)
        scores = object.__getattribute__(self, "scores")
        labels = object.__getattribute__(self, "labels")
        if name in labels:
            return labels[name]
        for suffix, getter in (("_scores", lambda t: dict(scores[t])),
                               ("_confidence", lambda t: max(scores[t].values()))):
            if name.endswith(suffix) and name[: -len(suffix)] in scores:
                return getter(name[: -len(suffix)])
        raise AttributeError(f"Prediction has no attribute {name!r}; tasks: {list(labels)}")

    @property
    def tasks(self) -> tuple[str, ...]:
        return tuple(self.labels)

    def to_dict(self) -> dict[str, Any]:
        """A flat row: text, then per task the label, its confidence and all scores.

        Example:
            >>> import pandas as pd  # doctest: +SKIP
            >>> pd.DataFrame([p.to_dict() for p in clf.predict(texts)])  # doctest: +SKIP
        """
        row: dict[str, Any] = {"text": self.text}
        for task, label in self.labels.items():
            row[task] = label
            row[f"{task}_confidence"] = round(max(self.scores[task].values()), 6)
            row[f"{task}_scores"] = {k: round(v, 6) for k, v in self.scores[task].items()}
        if self.abstained:
            row["abstained"] = list(self.abstained)
        return row


def predictions_to_frame(predictions: Iterable[Prediction]):
    """A pandas DataFrame with one row per prediction and one column per task score.

    Example:
        >>> df = predictions_to_frame(clf.predict(texts))  # doctest: +SKIP
        >>> df[["text", "stance", "stance_confidence"]].head()  # doctest: +SKIP
    """
    import pandas as pd

    rows = []
    for p in predictions:
        row = {"text": p.text}
        for task, label in p.labels.items():
            row[task] = label
            row[f"{task}_confidence"] = max(p.scores[task].values())
            for label_name, score in p.scores[task].items():
                row[f"{task}_{label_name}"] = score
        rows.append(row)
    return pd.DataFrame(rows)


def softmax(logits: np.ndarray, temperature: float = 1.0) -> np.ndarray:
    z = logits.astype(np.float64) / temperature
    z -= z.max(axis=-1, keepdims=True)
    e = np.exp(z)
    return e / e.sum(axis=-1, keepdims=True)


def _check_texts(texts: Any) -> tuple[list[str], bool]:
    """Normalise ``texts`` to a list; return whether a single string was given."""
    if isinstance(texts, str):
        return [texts], True
    if not isinstance(texts, Iterable) or isinstance(texts, (bytes, Mapping)):
        raise TypeError(f"texts must be a string or a sequence of strings, got {type(texts).__name__}")
    out = list(texts)
    for i, t in enumerate(out):
        if not isinstance(t, str):
            raise TypeError(f"texts[{i}] must be a string, got {type(t).__name__}")
    return out, False


class Predictor:
    """Backend-independent prediction: tokenization, windows, smart batching, post-processing.

    Subclasses set ``tokenizer``, ``tasks``, ``max_length``, ``stride``, ``temperatures`` and
    implement ``_forward(input_ids, attention_mask) -> {task: logits array}``.
    """

    tokenizer: Any
    tasks: tuple[TaskSpec, ...]
    max_length: int
    stride: int
    temperatures: dict[str, float]
    _chunk_size = 4096  # texts tokenized at a time, which bounds memory on huge inputs

    def _forward(self, input_ids: np.ndarray, attention_mask: np.ndarray) -> dict[str, np.ndarray]:
        raise NotImplementedError

    @property
    def task_names(self) -> tuple[str, ...]:
        return tuple(t.name for t in self.tasks)

    def _windows(self, texts: Sequence[str]) -> tuple[list[list[int]], list[int]]:
        """Token ids of every window and the index of the text it belongs to."""
        enc = self.tokenizer(
            list(texts),
            truncation=True,
            max_length=self.max_length,
            stride=self.stride,
            return_overflowing_tokens=True,
            return_attention_mask=False,
            return_token_type_ids=False,
        )
        return enc["input_ids"], list(enc["overflow_to_sample_mapping"])

    def _logits_chunk(self, texts: Sequence[str], batch_size: int, progress) -> dict[str, np.ndarray]:
        windows, owner = self._windows(texts)
        order = sorted(range(len(windows)), key=lambda i: len(windows[i]))
        pad = self.tokenizer.pad_token_id or 0
        sums = {t.name: np.zeros((len(texts), t.num_labels), dtype=np.float64) for t in self.tasks}
        counts = np.bincount(owner, minlength=len(texts))
        remaining = counts.copy()
        for start in range(0, len(order), batch_size):
            idx = order[start : start + batch_size]
            width = len(windows[idx[-1]])  # sorted, so the last is the longest: dynamic padding
            ids = np.full((len(idx), width), pad, dtype=np.int64)
            mask = np.zeros((len(idx), width), dtype=np.int64)
            for row, i in enumerate(idx):
                ids[row, : len(windows[i])] = windows[i]
                mask[row, : len(windows[i])] = 1
            out = self._forward(ids, mask)
            owners = np.asarray([owner[i] for i in idx])
            for name, logits in out.items():
                np.add.at(sums[name], owners, logits.astype(np.float64))
            if progress is not None:  # a text is done when its last window is
                np.subtract.at(remaining, owners, 1)
                progress.update(int((remaining[np.unique(owners)] == 0).sum()))
        return {name: s / counts[:, None] for name, s in sums.items()}

    def logits(self, texts: Sequence[str], batch_size: int = 32, show_progress: bool | None = None) -> dict[str, np.ndarray]:
        """Raw (uncalibrated) logits per task, shape ``(len(texts), num_labels)``, in input order.

        Texts longer than ``max_length`` tokens are split into overlapping windows whose logits
        are averaged, so every token is read.
        """
        texts, _ = _check_texts(texts)
        if not isinstance(batch_size, int) or batch_size < 1:
            raise ValueError(f"batch_size must be a positive integer, got {batch_size!r}")
        if not texts:
            return {t.name: np.zeros((0, t.num_labels)) for t in self.tasks}
        progress = None
        if show_progress or (show_progress is None and len(texts) > 5 * self._chunk_size // 4):
            from tqdm.auto import tqdm

            progress = tqdm(total=len(texts), desc="predict", unit="stmt")
        try:
            parts = [self._logits_chunk(texts[i : i + self._chunk_size], batch_size, progress)
                     for i in range(0, len(texts), self._chunk_size)]
        finally:
            if progress is not None:
                progress.close()
        return {t.name: np.concatenate([p[t.name] for p in parts]) for t in self.tasks}

    def predict_proba(self, texts: Sequence[str], batch_size: int = 32, *, calibrated: bool = True,
                      show_progress: bool | None = None) -> dict[str, np.ndarray]:
        """Class probabilities per task, after the model's temperature scaling unless ``calibrated=False``."""
        logits = self.logits(texts, batch_size, show_progress)
        return {
            name: softmax(z, self.temperatures.get(name, 1.0) if calibrated else 1.0)
            for name, z in logits.items()
        }

    def predict(
        self,
        texts: str | Sequence[str],
        batch_size: int = 32,
        *,
        min_confidence: float | None = None,
        show_progress: bool | None = None,
    ) -> Prediction | list[Prediction]:
        """Label one statement or many.

        Args:
            texts: A string, or a sequence of strings.
            batch_size: Windows per forward pass.
            min_confidence: If set, a task whose top probability is below it gets label ``None``
                (abstention) instead of a forced label.
            show_progress: Show a progress bar; default: only for large inputs.

        Returns:
            A :class:`Prediction` for a string, else a list of them in input order.

        Example:
            >>> clf = stancelib.load()  # doctest: +SKIP
            >>> clf.predict("Russia has no plans to invade Ukraine, Lavrov said.").stance  # doctest: +SKIP
            'denying'
        """
        items, single = _check_texts(texts)
        if min_confidence is not None and not 0.0 <= float(min_confidence) <= 1.0:
            raise ValueError(f"min_confidence must lie in [0, 1], got {min_confidence!r}")
        probs = self.predict_proba(items, batch_size, show_progress=show_progress)
        out = []
        for i, text in enumerate(items):
            labels, scores, abstained = {}, {}, []
            for task in self.tasks:
                p = probs[task.name][i]
                scores[task.name] = {label: float(p[j]) for j, label in enumerate(task.labels)}
                best = int(np.argmax(p))
                if min_confidence is not None and p[best] < min_confidence:
                    labels[task.name] = None
                    abstained.append(task.name)
                else:
                    labels[task.name] = task.labels[best]
            out.append(Prediction(text, labels, scores, tuple(abstained)))
        return out[0] if single else out

    def iter_predict(self, texts: Iterable[str], batch_size: int = 32, chunk_size: int = 4096,
                     **kwargs) -> Iterator[Prediction]:
        """Predict a stream of statements chunk by chunk, yielding predictions in order.

        Example:
            >>> for p in clf.iter_predict(open("statements.txt")):  # doctest: +SKIP
            ...     print(p.stance)
        """
        chunk: list[str] = []
        for text in texts:
            chunk.append(text)
            if len(chunk) >= chunk_size:
                yield from self.predict(chunk, batch_size, **kwargs)
                chunk = []
        if chunk:
            yield from self.predict(chunk, batch_size, **kwargs)

