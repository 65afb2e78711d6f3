"""Label sets: which tasks a model predicts and the labels of each.

The default tasks follow the project's labeling guide (see README.md, "Labels"). A model
stores its own tasks in its ``config.json``; prediction code reads label names from there,
so a model trained with other labels, or with one task only, works unchanged.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable, Mapping, Sequence


@dataclass(frozen=True)
class TaskSpec:
    """One classification task: a name (the data column) and its ordered labels.

    Args:
        name: Column name of the task in data files, e.g. ``"stance"``.
        labels: The label names; their order fixes the class ids.

    Example:
        >>> TaskSpec("stance", ("conciliatory", "threatening", "denying", "neutral")).label2id["denying"]
        2
    """

    name: str
    labels: tuple[str, ...]

    def __post_init__(self) -> None:
        if not isinstance(self.name, str) or not self.name.isidentifier():
            raise ValueError(f"task name must be an identifier-like string, got {self.name!r}")
        labels = tuple(self.labels)
        if len(labels) < 2:
            raise ValueError(f"task {self.name!r} needs at least two labels, got {labels!r}")
        if len(set(labels)) != len(labels):
            raise ValueError(f"task {self.name!r} has repeated labels: {labels!r}")
        for label in labels:
            if not isinstance(label, str) or not label:
                raise ValueError(f"task {self.name!r}: labels must be non-empty strings, got {label!r}")
        object.__setattr__(self, "labels", labels)

    @property
    def label2id(self) -> dict[str, int]:
        return {label: i for i, label in enumerate(self.labels)}

    @property
    def id2label(self) -> dict[int, str]:
        return dict(enumerate(self.labels))

    @property
    def num_labels(self) -> int:
        return len(self.labels)


STANCE = TaskSpec("stance", ("conciliatory", "threatening", "denying", "neutral"))
SENTIMENT = TaskSpec("sentiment", ("positive", "negative", "neutral"))
DEFAULT_TASKS: tuple[TaskSpec, ...] = (STANCE, SENTIMENT)


def tasks_to_config(tasks: Sequence[TaskSpec]) -> dict[str, dict]:
    """Serialise tasks to the ``tasks`` block of a model's config.json (HF-style id2label)."""
    return {t.name: {"id2label": {str(i): label for i, label in t.id2label.items()}} for t in tasks}


def tasks_from_config(block: Mapping[str, Mapping]) -> tuple[TaskSpec, ...]:
    """Read tasks back from a config block written by :func:`tasks_to_config`."""
    if not isinstance(block, Mapping) or not block:
        raise ValueError("model config has no 'tasks' block with at least one task")
    tasks = []
    for name, spec in block.items():
        try:
            id2label = {int(k): v for k, v in spec["id2label"].items()}
        except (KeyError, TypeError, ValueError) as exc:
            raise ValueError(f"model config: task {name!r} has no valid 'id2label' mapping") from exc
        if sorted(id2label) != list(range(len(id2label))):
            raise ValueError(f"model config: task {name!r} id2label keys must be 0..n-1, got {sorted(id2label)}")
        tasks.append(TaskSpec(name, tuple(id2label[i] for i in range(len(id2label)))))
    return tuple(tasks)


def parse_tasks(spec: str | Iterable[TaskSpec] | None) -> tuple[TaskSpec, ...]:
    """Build tasks from a CLI-style spec such as ``"stance=a,b,c;sentiment=x,y"``.

    Args:
        spec: ``None`` for the default tasks, an iterable of :class:`TaskSpec`, a bare task name
            list such as ``"stance"`` (default labels of known tasks), or ``name=l1,l2;...``.

    Example:
        >>> [t.name for t in parse_tasks("stance")]
        ['stance']
    """
    if spec is None:
        return DEFAULT_TASKS
    if not isinstance(spec, str):
        tasks = tuple(spec)
        if not tasks or not all(isinstance(t, TaskSpec) for t in tasks):
            raise TypeError("tasks must be a non-empty sequence of TaskSpec")
        return tasks
    known = {t.name: t for t in DEFAULT_TASKS}
    tasks = []
    for part in filter(None, (p.strip() for p in spec.replace(";", " ").split())):
        name, sep, labels = part.partition("=")
        if sep:
            tasks.append(TaskSpec(name, tuple(x.strip() for x in labels.split(",") if x.strip())))
        elif name in known:
            tasks.append(known[name])
        else:
            raise ValueError(f"unknown task {name!r}: give its labels as {name}=label1,label2,...")
    if not tasks:
        raise ValueError(f"no task in spec {spec!r}")
    if len({t.name for t in tasks}) != len(tasks):
        raise ValueError(f"task spec {spec!r} names a task twice")
    return tuple(tasks)
