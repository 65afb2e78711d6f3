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


@pytest.mark.parametrize("backend", ["torch", "onnx"])
def test_int8_keeps_every_confident_label(shipped, backend):
    # int8 rounding moves probabilities by up to ~0.6 on borderline statements, so exact agreement
    # is only owed where fp32 is confident; the benchmark measures agreement over the test split.
    name, clf = shipped
    ref = clf.predict(TEXTS)
    got = stancelib.load(name, backend=backend, quantize="int8").predict(TEXTS)
    assert [p.text for p in got] == TEXTS
    for task in ("stance", "sentiment"):
        for r, g in zip(ref, got):
            top, second = sorted(getattr(r, f"{task}_scores").values())[-1:-3:-1]
            if top - second >= 0.5:
                assert getattr(g, task) == getattr(r, task), (task, r.text)


def test_onnx_fp32_matches_torch(shipped):
    name, clf = shipped
    ref = clf.predict(TEXTS)
    got = stancelib.load(name, backend="onnx").predict(TEXTS)
    assert [p.text for p in got] == TEXTS
    for r, g in zip(ref, got):
        assert (g.stance, g.sentiment) == (r.stance, r.sentiment)
        assert g.stance_scores == pytest.approx(r.stance_scores, abs=1e-4)
        assert g.sentiment_scores == pytest.approx(r.sentiment_scores, abs=1e-4)


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
