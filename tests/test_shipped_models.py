"""Tests that load the shipped models (marked slow): the guide's worked examples, every backend, order."""

import random

import pytest

import stancelib
from stancelib.config import MODELS_DIR

from worked_examples import WORKED_EXAMPLES

pytestmark = pytest.mark.slow
SHIPPED = sorted(p.name for p in MODELS_DIR.iterdir() if (p / "config.json").is_file())
TEXTS = [t for t, _, _ in WORKED_EXAMPLES]
# Errors each shipped model makes on the eight worked examples, as measured when it was shipped
# (stance, sentiment): both read "declined to comment" as a denial, and the large model reads
# "deeds, not words" as positive; the hard-case set in the evaluation report measures these
# confusions at scale.
KNOWN_MISSES = {"stancelib-large": (1, 1), "stancelib-base": (1, 0)}


@pytest.fixture(scope="module", params=SHIPPED)
def shipped(request):
    return request.param, stancelib.load(request.param)


def test_default_model_loads_offline():
    clf = stancelib.load()
    assert clf.task_names == ("stance", "sentiment")
    p = clf.predict("Russia has no plans to invade Ukraine, Lavrov said.")
    assert (p.stance, p.sentiment) == ("denying", "neutral")
    assert abs(sum(p.stance_scores.values()) - 1) < 1e-6


def test_worked_examples(shipped):
    name, clf = shipped
    preds = clf.predict(TEXTS)
    stance_wrong = [t for (t, s, _), p in zip(WORKED_EXAMPLES, preds) if p.stance != s]
    sentiment_wrong = [t for (t, _, s), p in zip(WORKED_EXAMPLES, preds) if p.sentiment != s]
    assert len(stance_wrong) <= KNOWN_MISSES[name][0], stance_wrong
    assert len(sentiment_wrong) <= KNOWN_MISSES[name][1], sentiment_wrong


@pytest.mark.parametrize("backend,quantize", [("torch", "int8"), ("onnx", None), ("onnx", "int8")])
def test_backends_agree_with_fp32_on_worked_examples(shipped, backend, quantize):
    name, clf = shipped
    other = stancelib.load(name, backend=backend, quantize=quantize)
    ref = clf.predict(TEXTS)
    got = other.predict(TEXTS)
    assert [p.text for p in got] == TEXTS
    assert [p.stance for p in got] == [p.stance for p in ref]
    assert [p.sentiment for p in got] == [p.sentiment for p in ref]


def test_order_is_kept_on_shuffled_lengths(shipped):
    _, clf = shipped
    rng = random.Random(3)
    texts = [" ".join(rng.sample(TEXTS, k)) for k in (1, 3, 1, 6, 2, 1, 8, 4) for _ in range(3)]
    rng.shuffle(texts)
    together = clf.predict(texts, batch_size=4)
    alone = [clf.predict(t) for t in texts]
    assert [p.text for p in together] == texts
    assert [p.stance for p in together] == [p.stance for p in alone]
    for a, b in zip(together, alone):
        assert a.stance_scores == pytest.approx(b.stance_scores, abs=1e-4)
