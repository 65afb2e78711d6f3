"""Reading labeled and unlabeled statements, and the corpus that ships with stancelib.

Labeled files are JSON Lines, CSV or Parquet with a ``text`` column and one column per task
(``stance``, ``sentiment``); a row may leave a task's label empty, and that task's head then
skips the row. Every problem is reported with the file, the row number and the field.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any, Iterable, Sequence

from ..labels import DEFAULT_TASKS, TaskSpec

SPLITS = ("train", "dev", "test")
_FORMATS = {".jsonl": "json", ".json": "json", ".csv": "csv", ".parquet": "parquet", ".pq": "parquet"}


class DataError(ValueError):
    """A data file is malformed; the message names the file, row and field."""


@dataclass(frozen=True)
class LabeledData:
    """Texts and per-task label ids, ready for training or evaluation.

    ``labels[task][i]`` is the class id of row ``i`` for ``task``, or ``-100`` when the row
    carries no label for that task (the convention of PyTorch's cross-entropy ``ignore_index``).
    """

    texts: list[str]
    labels: dict[str, list[int]]
    tasks: tuple[TaskSpec, ...]
    source: str

    def __len__(self) -> int:
        return len(self.texts)

    def task_counts(self) -> dict[str, int]:
        """Number of labeled rows per task."""
        return {name: sum(1 for y in ys if y >= 0) for name, ys in self.labels.items()}


def _data_dir() -> Path:
    return Path(str(resources.files(__package__)))


def corpus_path(split: str) -> Path:
    """Path of a split of the shipped corpus (``train``, ``dev`` or ``test``).

    Example:
        >>> corpus_path("test").name
        'test.jsonl'
    """
    if split not in SPLITS:
        raise ValueError(f"unknown corpus split {split!r}; expected one of {SPLITS}")
    return _data_dir() / "corpus" / f"{split}.jsonl"


def challenge_path() -> Path:
    """Path of the shipped challenge set (minimal pairs grouped by capability)."""
    return _data_dir() / "challenge.jsonl"


def hard_cases_path() -> Path:
    """Path of the shipped hard-case evaluation set (non-committal remarks, skepticism, accusations
    phrased with a negation, third-party warnings, and their look-alikes). Never trained on."""
    return _data_dir() / "hard_cases.jsonl"


def load_corpus(split: str) -> list[dict[str, Any]]:
    """Rows of a split of the shipped corpus as dictionaries.

    Example:
        >>> rows = load_corpus("dev")
        >>> sorted(rows[0])[:3]
        ['domain', 'form', 'id']
    """
    return read_records(corpus_path(split))


def _format_of(path: Path) -> str:
    try:
        return _FORMATS[path.suffix.lower()]
    except KeyError:
        raise DataError(
            f"{path}: unsupported file type {path.suffix!r}; use one of {sorted(_FORMATS)}"
        ) from None


def _check_jsonl(path: Path) -> None:
    """Find the first line that is not a JSON object, so the error names it."""
    with open(path, encoding="utf-8") as fh:
        for lineno, line in enumerate(fh, 1):
            if not line.strip():
                continue
            try:
                obj = json.loads(line)
            except json.JSONDecodeError as exc:
                raise DataError(f"{path}: line {lineno}: not valid JSON ({exc.msg})") from None
            if not isinstance(obj, dict):
                raise DataError(f"{path}: line {lineno}: expected a JSON object, got {type(obj).__name__}")


def read_records(path: str | os.PathLike) -> list[dict[str, Any]]:
    """Read a JSONL, CSV or Parquet file into a list of row dictionaries (via ``datasets``).

    Args:
        path: The file to read.

    Raises:
        DataError: The file is missing, of an unknown type, or a row does not parse.

    Example:
        >>> rows = read_records("my_statements.jsonl")  # doctest: +SKIP
    """
    path = Path(path)
    if not path.is_file():
        raise DataError(f"{path}: no such file")
    fmt = _format_of(path)
    if fmt == "json":
        # Pre-scan so a broken line is reported by number; datasets' own error does not say where.
        _check_jsonl(path)
        with open(path, encoding="utf-8") as fh:
            return [json.loads(line) for line in fh if line.strip()]
    import datasets

    datasets.disable_progress_bars()
    try:
        ds = datasets.Dataset.from_csv(str(path), keep_in_memory=True) if fmt == "csv" else (
            datasets.Dataset.from_parquet(str(path), keep_in_memory=True)
        )
    except Exception as exc:  # datasets raises many types; re-raise with the file named
        raise DataError(f"{path}: could not read as {fmt}: {exc}") from exc
    return ds.to_list()


def _is_missing(value: Any) -> bool:
    return value is None or (isinstance(value, float) and value != value) or (
        isinstance(value, str) and not value.strip()
    )


def _row_text(path: Path, row: int, record: dict, text_field: str) -> str:
    value = record.get(text_field)
    if _is_missing(value):
        raise DataError(f"{path}: row {row}: field {text_field!r} is missing or empty")
    if not isinstance(value, str):
        raise DataError(f"{path}: row {row}: field {text_field!r} must be a string, got {type(value).__name__}")
    return value


def to_labeled(
    records: Sequence[dict[str, Any]],
    tasks: Sequence[TaskSpec] = DEFAULT_TASKS,
    *,
    source: str = "<records>",
    text_field: str = "text",
    require_all: bool = False,
) -> LabeledData:
    """Validate rows and turn them into :class:`LabeledData`.

    Args:
        records: Row dictionaries with a text field and task columns.
        tasks: The tasks to read labels for. A row without a given task's label is skipped by
            that task only; a row with no label for any task is an error.
        source: Name used in error messages (usually the file path).
        text_field: Name of the text column.
        require_all: If True, every row must carry every task's label.

    Raises:
        DataError: With the row number and field of the first problem.

    Example:
        >>> data = to_labeled([{"text": "We will respond.", "stance": "threatening"}])
        >>> data.labels["stance"], data.labels["sentiment"]
        ([1], [-100])
    """
    path = Path(source)
    texts: list[str] = []
    labels: dict[str, list[int]] = {t.name: [] for t in tasks}
    for row, record in enumerate(records, 1):
        if not isinstance(record, dict):
            raise DataError(f"{path}: row {row}: expected a mapping, got {type(record).__name__}")
        texts.append(_row_text(path, row, record, text_field))
        present = 0
        for task in tasks:
            value = record.get(task.name)
            if _is_missing(value):
                if require_all:
                    raise DataError(f"{path}: row {row}: field {task.name!r} is missing")
                labels[task.name].append(-100)
                continue
            key = str(value).strip().lower()
            if key not in task.label2id:
                raise DataError(
                    f"{path}: row {row}: field {task.name!r} has unknown label {value!r}; "
                    f"expected one of {list(task.labels)}"
                )
            labels[task.name].append(task.label2id[key])
            present += 1
        if not present:
            raise DataError(
                f"{path}: row {row}: no label for any task ({', '.join(t.name for t in tasks)})"
            )
    if not texts:
        raise DataError(f"{path}: no rows")
    return LabeledData(texts=texts, labels=labels, tasks=tuple(tasks), source=str(source))


def read_labeled(
    path: str | os.PathLike,
    tasks: Sequence[TaskSpec] = DEFAULT_TASKS,
    *,
    text_field: str = "text",
    require_all: bool = False,
) -> LabeledData:
    """Read and validate a labeled JSONL, CSV or Parquet file.

    Example:
        >>> train = read_labeled(corpus_path("train"))
        >>> len(train) > 4000
        True
    """
    return to_labeled(read_records(path), tasks, source=str(path), text_field=text_field,
                      require_all=require_all)


def read_texts(path: str | os.PathLike, *, text_field: str = "text") -> tuple[list[str], list[dict]]:
    """Read statements to label from ``.txt`` (one a line), JSONL, CSV or Parquet.

    Returns:
        The texts, and for each the input row's other fields (for ``.txt`` the line number),
        so output rows can carry them. Blank ``.txt`` lines are not statements and are skipped;
        a tabular row without text is an error, so no row is silently dropped.

    Example:
        >>> texts, meta = read_texts("statements.txt")  # doctest: +SKIP
    """
    path = Path(path)
    if path.suffix.lower() == ".txt":
        if not path.is_file():
            raise DataError(f"{path}: no such file")
        texts, meta = [], []
        with open(path, encoding="utf-8") as fh:
            for lineno, line in enumerate(fh, 1):
                if line.strip():
                    texts.append(line.strip())
                    meta.append({"line": lineno})
        return texts, meta
    records = read_records(path)
    texts = [_row_text(path, row, rec, text_field) for row, rec in enumerate(records, 1)]
    meta = [{k: v for k, v in rec.items() if k != text_field} for rec in records]
    return texts, meta


def write_jsonl(rows: Iterable[dict], path: str | os.PathLike) -> None:
    """Write rows as JSON Lines (UTF-8, one object a line)."""
    with open(path, "w", encoding="utf-8") as fh:
        for row in rows:
            fh.write(json.dumps(row, ensure_ascii=False) + "\n")


__all__ = [
    "SPLITS",
    "DataError",
    "LabeledData",
    "corpus_path",
    "challenge_path",
    "hard_cases_path",
    "load_corpus",
    "read_records",
    "to_labeled",
    "read_labeled",
    "read_texts",
    "write_jsonl",
]
