"""From documents to labeled, attributed statements and per-speaker summaries.

    >>> import stancelib
    >>> doc = stancelib.analyze(open("article.txt").read())  # doctest: +SKIP
    >>> doc.summary()["speakers"]["Sergei Lavrov"]["stance"]  # doctest: +SKIP
    {'denying': 1, 'neutral': 2, ...}
"""

from __future__ import annotations

import json
import os
from collections import Counter
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, Iterable, Iterator, Sequence

from .attribution import attribute_statements
from .prediction import Predictor
from .segmentation import DEFAULT_SPLITTER, Segment, split_statements


@dataclass(frozen=True)
class Statement:
    """One statement of a document with its speaker, labels and scores."""

    index: int
    text: str
    start: int
    end: int
    speaker: str | None
    speaker_mention: str | None
    quote_type: str
    labels: dict[str, str | None]
    scores: dict[str, dict[str, float]]

    def __getattr__(self, name: str) -> Any:
        labels = object.__getattribute__(self, "labels")
        if name in labels:
            return labels[name]
        raise AttributeError(name)

    def to_dict(self) -> dict[str, Any]:
        row = {k: v for k, v in asdict(self).items() if k not in ("labels", "scores")}
        for task, label in self.labels.items():
            row[task] = label
            row[f"{task}_confidence"] = round(max(self.scores[task].values()), 4)
            row[f"{task}_scores"] = {k: round(v, 4) for k, v in self.scores[task].items()}
        return row


@dataclass
class Document:
    """A labeled document: its statements in order and what was recognised as not a statement."""

    text: str
    statements: list[Statement]
    skipped: list[Segment] = field(default_factory=list)
    doc_id: str | None = None

    def summary(self) -> dict[str, Any]:
        """Per speaker: statement count, counts and shares of each label, and the most threatening
        and most conciliatory statement (by probability). Narration is summarised under ``null``."""
        speakers: dict[str | None, list[Statement]] = {}
        for s in self.statements:
            speakers.setdefault(s.speaker, []).append(s)
        out = {}
        for speaker, items in sorted(speakers.items(), key=lambda kv: (kv[0] is None, -len(kv[1]))):
            entry: dict[str, Any] = {"statements": len(items)}
            for task in (items[0].labels if items else {}):
                counts = Counter(s.labels[task] for s in items)
                entry[task] = dict(counts.most_common())
                entry[f"{task}_share"] = {k: round(v / len(items), 3) for k, v in counts.most_common()}
            for label, key in (("threatening", "most_threatening"), ("conciliatory", "most_conciliatory")):
                scored = [s for s in items if label in s.scores.get("stance", {})]
                if scored:
                    best = max(scored, key=lambda s: s.scores["stance"][label])
                    entry[key] = {"index": best.index, "text": best.text,
                                  "probability": round(best.scores["stance"][label], 4)}
            out["null" if speaker is None else speaker] = entry
        return {"doc_id": self.doc_id, "statements": len(self.statements), "speakers": out}

    def to_rows(self) -> list[dict[str, Any]]:
        """One flat row per statement (with the document id)."""
        return [{"doc_id": self.doc_id, **s.to_dict()} for s in self.statements]

    def to_frame(self):
        """A pandas DataFrame, one row per statement."""
        import pandas as pd

        rows = self.to_rows()
        for r in rows:
            for k in [k for k in r if k.endswith("_scores")]:
                for label, v in r.pop(k).items():
                    r[f"{k[:-7]}_{label}"] = v
        return pd.DataFrame(rows)

    def to_json(self, path: str | os.PathLike | None = None) -> str:
        """JSON with the statements and the summary; written to ``path`` if given."""
        text = json.dumps({"doc_id": self.doc_id, "statements": self.to_rows(), "summary": self.summary(),
                           "skipped": [{"kind": s.kind, "text": s.text, "start": s.start, "end": s.end}
                                       for s in self.skipped]}, indent=2, ensure_ascii=False)
        if path is not None:
            Path(path).write_text(text, encoding="utf-8")
        return text

    def to_csv(self, path: str | os.PathLike) -> None:
        """One CSV row per statement."""
        self.to_frame().to_csv(path, index=False)

    def render(self, colour: bool = False, width: int = 110) -> str:
        """A readable table, coloured by stance on a terminal, followed by the speaker summary."""
        from .cli import _colour

        lines = [f"== {self.doc_id or 'document'}: {len(self.statements)} statements"]
        for s in self.statements:
            who = (s.speaker or "—")[:24].ljust(24)
            label = f"{s.labels.get('stance')}/{s.labels.get('sentiment')}".ljust(24)
            room = max(30, width - 55)
            text = s.text if len(s.text) <= room else s.text[: room - 1] + "…"
            lines.append(f"{s.index + 1:>3} {who} {_colour(label, s.labels.get('stance'), colour)} {text}")
        lines.append("-- per speaker")
        for speaker, e in self.summary()["speakers"].items():
            stance = ", ".join(f"{k} {v}" for k, v in e.get("stance", {}).items())
            lines.append(f"   {speaker[:30]:<30} {e['statements']:>3}  {stance}")
        return "\n".join(lines)


def _segment(text: str, author: str | None, kind: str | None, splitter: str) -> tuple[list[Segment], list]:
    segments = split_statements(text, splitter=splitter)
    return segments, attribute_statements(segments, author=author, kind=kind)


def iter_analyze(
    documents: Iterable[str | dict],
    model: Predictor | None = None,
    *,
    batch_size: int = 32,
    splitter: str = DEFAULT_SPLITTER,
    docs_per_batch: int = 64,
) -> Iterator[Document]:
    """Analyze a stream of documents, labelling their statements in batches across documents.

    Args:
        documents: Strings, or dicts with ``text`` and optional ``id``, ``author`` and ``kind``.
        model: A loaded model (default: :func:`stancelib.load`).
        batch_size: Statements per forward pass.
        splitter: Sentence splitter (see :func:`stancelib.segmentation.split_statements`).
        docs_per_batch: Documents gathered before running the model, to fill its batches.
    """
    if model is None:
        from .loading import load

        model = load()
    pending: list[tuple[dict, list[Segment], list]] = []

    def flush() -> Iterator[Document]:
        texts = [s.text for _, segs, _ in pending for s in segs if s.kind == "statement"]
        preds = iter(model.predict(texts, batch_size=batch_size)) if texts else iter(())
        for meta, segs, atts in pending:
            statements = []
            body = [s for s in segs if s.kind == "statement"]
            for i, (seg, att) in enumerate(zip(body, atts)):
                p = next(preds)
                statements.append(Statement(i, seg.text, seg.start, seg.end, att.speaker, att.speaker_mention,
                                            att.quote_type, dict(p.labels), {k: dict(v) for k, v in p.scores.items()}))
            yield Document(meta["text"], statements, [s for s in segs if s.kind != "statement"], meta.get("id"))
        pending.clear()

    for n, doc in enumerate(documents, 1):
        meta = {"text": doc} if isinstance(doc, str) else dict(doc)
        if not isinstance(meta.get("text"), str):
            raise ValueError(f"document {n}: field 'text' is missing or not a string")
        segs, atts = _segment(meta["text"], meta.get("author"), meta.get("kind"), splitter)
        pending.append((meta, segs, atts))
        if len(pending) >= docs_per_batch:
            yield from flush()
    if pending:
        yield from flush()


def analyze(text: str | Sequence[str], model: Predictor | None = None, *, author: str | None = None,
            kind: str | None = None, doc_id: str | None = None, batch_size: int = 32,
            splitter: str = DEFAULT_SPLITTER) -> Document | list[Document]:
    """Split a document into statements, attribute speakers, label each, and summarise per speaker.

    Args:
        text: A document, or a list of documents.
        model: A loaded model (default: the shipped model).
        author: Who speaks in unattributed sentences (a press release's issuer, a speech's speaker).
        kind: ``"speech"`` makes every unattributed sentence the author's direct speech.
        doc_id: An id carried into the output rows.
        batch_size: Statements per forward pass.
        splitter: ``pysbd`` (default), ``syntok`` or ``spacy``.

    Example:
        >>> doc = analyze('“We have no plans to attack,” Lavrov said.')  # doctest: +SKIP
        >>> doc.statements[0].speaker, doc.statements[0].stance  # doctest: +SKIP
        ('Lavrov', 'denying')
    """
    if isinstance(text, str):
        return next(iter_analyze([{"text": text, "author": author, "kind": kind, "id": doc_id}], model,
                                 batch_size=batch_size, splitter=splitter))
    if not isinstance(text, Sequence):
        raise TypeError(f"text must be a string or a list of strings, got {type(text).__name__}")
    return list(iter_analyze([{"text": t, "author": author, "kind": kind} for t in text], model,
                             batch_size=batch_size, splitter=splitter))


def read_documents(path: str | os.PathLike) -> list[dict]:
    """Documents from a ``.txt`` file, a folder of ``.txt`` files, or a JSONL of ``{id, text, ...}``."""
    path = Path(path)
    if path.is_dir():
        files = sorted(path.glob("*.txt"))
        if not files:
            raise ValueError(f"{path}: no .txt documents in this folder")
        return [{"id": f.stem, "text": f.read_text(encoding="utf-8")} for f in files]
    if path.suffix.lower() == ".jsonl":
        from .data import read_records

        docs = read_records(path)
        for i, d in enumerate(docs, 1):
            if not isinstance(d.get("text"), str) or not d["text"].strip():
                raise ValueError(f"{path}: row {i}: field 'text' is missing or empty")
            d.setdefault("id", str(i))
        return docs
    if not path.is_file():
        raise FileNotFoundError(f"{path}: no such file or folder")
    return [{"id": path.stem, "text": path.read_text(encoding="utf-8")}]


def analyze_path(path: str | os.PathLike, model: Predictor | None = None, *, batch_size: int = 32) -> list[Document]:
    """Analyze every document of a ``.txt`` file, a folder of them, or a JSONL of documents."""
    return list(iter_analyze(read_documents(path), model, batch_size=batch_size))
