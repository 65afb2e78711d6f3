"""Baselines scored next to the model: majority class, TF-IDF + logistic regression, VADER.

Each baseline is trained on the same training rows as the model and returns class
probabilities per task, in the label order of the task it is given.
"""

from __future__ import annotations

from typing import Sequence

import numpy as np

from ..data import LabeledData
from ..labels import TaskSpec


class Baseline:
    """Interface: ``fit(train)`` then ``predict_proba(texts) -> {task: (n, k) probabilities}``."""

    name = "baseline"
    tasks: tuple[TaskSpec, ...] = ()

    def fit(self, train: LabeledData) -> "Baseline":
        return self

    def predict_proba(self, texts: Sequence[str]) -> dict[str, np.ndarray]:
        raise NotImplementedError


class MajorityBaseline(Baseline):
    """Always the most frequent training label of each task.

    Example:
        >>> from stancelib.data import to_labeled
        >>> b = MajorityBaseline().fit(to_labeled([{"text": "a", "stance": "neutral"}] * 2))
        >>> b.predict_proba(["x"])["stance"].argmax(1).tolist()
        [3]
    """

    name = "majority"

    def fit(self, train: LabeledData) -> "MajorityBaseline":
        self.tasks = train.tasks
        self.majority = {}
        for task in train.tasks:
            y = [v for v in train.labels[task.name] if v >= 0]
            if y:
                self.majority[task.name] = int(np.bincount(y, minlength=task.num_labels).argmax())
        return self

    def predict_proba(self, texts: Sequence[str]) -> dict[str, np.ndarray]:
        out = {}
        for task in self.tasks:
            if task.name in self.majority:
                p = np.zeros((len(texts), task.num_labels))
                p[:, self.majority[task.name]] = 1.0
                out[task.name] = p
        return out


class TfidfBaseline(Baseline):
    """Word and character n-gram TF-IDF with a class-balanced logistic regression per task."""

    name = "tfidf-logreg"

    def __init__(self, seed: int = 0):
        self.seed = seed

    def fit(self, train: LabeledData) -> "TfidfBaseline":
        from sklearn.feature_extraction.text import TfidfVectorizer
        from sklearn.linear_model import LogisticRegression
        from sklearn.pipeline import make_pipeline, make_union

        self.tasks = train.tasks
        self.models = {}
        for task in train.tasks:
            y = np.asarray(train.labels[task.name])
            keep = y >= 0
            if len(set(y[keep])) < 2:
                continue
            features = make_union(
                TfidfVectorizer(ngram_range=(1, 2), min_df=2, sublinear_tf=True),
                TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 5), min_df=2, sublinear_tf=True),
            )
            model = make_pipeline(features, LogisticRegression(C=4.0, max_iter=2000, class_weight="balanced",
                                                               random_state=self.seed))
            model.fit([t for t, k in zip(train.texts, keep) if k], y[keep])
            self.models[task.name] = model
        return self

    def predict_proba(self, texts: Sequence[str]) -> dict[str, np.ndarray]:
        out = {}
        for task in self.tasks:
            model = self.models.get(task.name)
            if model is None:
                continue
            p = np.zeros((len(texts), task.num_labels))
            p[:, model.classes_] = model.predict_proba(list(texts))
            out[task.name] = p
        return out


class VaderBaseline(Baseline):
    """VADER's compound score mapped to sentiment (>= 0.05 positive, <= -0.05 negative, else neutral).

    Needs no training; scores only a task named ``sentiment`` with labels positive/negative/neutral.
    """

    name = "vader"

    def fit(self, train: LabeledData) -> "VaderBaseline":
        from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

        self.analyzer = SentimentIntensityAnalyzer()
        self.tasks = tuple(t for t in train.tasks if t.name == "sentiment"
                           and {"positive", "negative", "neutral"} <= set(t.labels))
        return self

    def predict_proba(self, texts: Sequence[str]) -> dict[str, np.ndarray]:
        if not self.tasks:
            return {}
        task = self.tasks[0]
        p = np.zeros((len(texts), task.num_labels))
        for i, text in enumerate(texts):
            c = self.analyzer.polarity_scores(text)["compound"]
            label = "positive" if c >= 0.05 else "negative" if c <= -0.05 else "neutral"
            p[i, task.label2id[label]] = 1.0
        return {task.name: p}


def default_baselines(train: LabeledData) -> list[Baseline]:
    """The three baselines, fitted on ``train`` (VADER only if vaderSentiment is installed)."""
    baselines: list[Baseline] = [MajorityBaseline().fit(train), TfidfBaseline().fit(train)]
    try:
        baselines.append(VaderBaseline().fit(train))
    except ImportError:
        pass
    return baselines
