import json

import numpy as np
import pytest

from stancelib.data import to_labeled
from stancelib.evaluation import (EvaluationConfig, bootstrap_ci, classification_metrics, evaluate,
                                  expected_calibration_error, fit_temperature, macro_f1, paired_bootstrap,
                                  reliability_bins)
from stancelib.evaluation.baselines import MajorityBaseline, TfidfBaseline, VaderBaseline
from stancelib.evaluation.scoring import score_challenge, score_plover, score_unscon
from stancelib.evaluation.sets import detect_kind
from stancelib.labels import SENTIMENT, STANCE, TaskSpec

from conftest import labeled_rows, write_jsonl

AB = TaskSpec("t", ("a", "b"))


def test_metrics_match_hand_computation():
    # gold a a a b b, pred a a b b a: class a P=2/3 R=2/3 F=2/3; class b P=1/2 R=1/2 F=1/2
    m = classification_metrics([0, 0, 0, 1, 1], [0, 0, 1, 1, 0], ["a", "b"])
    assert m["accuracy"] == 0.6
    assert m["per_class"]["a"] == {"precision": 0.6667, "recall": 0.6667, "f1": 0.6667, "support": 3}
    assert m["per_class"]["b"]["f1"] == 0.5
    assert m["macro_f1"] == round((2 / 3 + 0.5) / 2, 4)
    assert m["weighted_f1"] == round((3 * 2 / 3 + 2 * 0.5) / 5, 4)
    assert m["confusion_matrix"] == [[2, 1], [1, 1]]


def test_fast_macro_f1_equals_sklearn():
    rng = np.random.default_rng(1)
    y, p = rng.integers(0, 4, 200), rng.integers(0, 4, 200)
    p[:5] = 3
    assert macro_f1(y, p, 4) == pytest.approx(classification_metrics(y, p, list("abcd"))["macro_f1"], abs=1e-4)


def test_bootstrap_ci_brackets_the_estimate_and_is_seeded():
    y = [0, 1, 2] * 40
    p = [0, 1, 2] * 30 + [1, 2, 0] * 10
    lo, hi = bootstrap_ci(y, p, 3, n_boot=300, seed=3)
    assert lo < macro_f1(np.array(y), np.array(p), 3) < hi
    assert (lo, hi) == bootstrap_ci(y, p, 3, n_boot=300, seed=3)
    assert bootstrap_ci(y, y, 3, n_boot=50) == (1.0, 1.0)


def test_paired_bootstrap_identical_systems_are_not_different():
    y = [0, 1] * 50
    p = [0, 1] * 40 + [1, 0] * 10
    r = paired_bootstrap(y, p, p, 2, n_boot=200)
    assert r["delta"] == 0 and r["p_value"] == 1.0


def test_ece_by_hand():
    probs = np.array([[0.9, 0.1], [0.8, 0.2], [0.3, 0.7], [0.4, 0.6]])
    labels = np.array([0, 1, 1, 1])
    # 2 bins: (0.5, 1] holds all four; mean confidence 0.75, accuracy 3/4 -> ECE 0
    assert expected_calibration_error(probs, labels, n_bins=2) == 0.0
    # 5 bins: (0.8,1]: conf .9 acc 1; (0.6,0.8]: confs .8,.7,... let us compute
    bins = reliability_bins(probs, labels, 5)
    expected = sum(b["count"] * abs(b["accuracy"] - b["confidence"]) for b in bins) / 4
    assert expected_calibration_error(probs, labels, 5) == pytest.approx(expected)
    # (0.8, 1.0]: 0.9 correct; (0.6, 0.8]: 0.8 wrong, 0.7 correct; (0.4, 0.6]: 0.6 correct
    assert [b["count"] for b in bins] == [1, 2, 1]
    assert expected == pytest.approx((0.1 + 2 * abs(0.5 - 0.75) + 0.4) / 4)


def test_temperature_fitting():
    rng = np.random.default_rng(0)
    y = rng.integers(0, 3, 600)
    logits = rng.normal(0, 1, (600, 3))
    logits[np.arange(600), y] += 1.0
    assert fit_temperature(logits * 4, y) == pytest.approx(4 * fit_temperature(logits, y), rel=0.05)


def test_baselines():
    train = to_labeled(labeled_rows(48))
    texts = ["That report is fabricated from start to finish.", "We warmly welcome this wonderful agreement."]
    maj = MajorityBaseline().fit(train).predict_proba(texts)
    assert maj["stance"].sum(1).tolist() == [1.0, 1.0]
    tfidf = TfidfBaseline().fit(train).predict_proba(texts)
    assert STANCE.labels[tfidf["stance"][0].argmax()] == "denying"
    vader = VaderBaseline().fit(train).predict_proba(texts)
    assert set(vader) == {"sentiment"} and SENTIMENT.labels[vader["sentiment"][1].argmax()] == "positive"


def test_plover_scoring_by_hand():
    gold = np.array([0, 0, 1, 1, 2])  # conciliatory x2, threatening x2, denying x1
    pred = np.array([0, 3, 1, 1, 0])
    probs = np.eye(4)[pred]
    r = score_plover(gold, probs, STANCE, n_boot=50)
    assert r["recall"] == {"conciliatory": 0.5, "threatening": 1.0, "denying": 0.0}
    assert r["macro_recall"] == 0.5
    assert r["confusion_matrix"]["counts"][0] == [1, 0, 0, 1]


def test_unscon_scoring_by_hand():
    rows = [{"correction": True, "negative_evaluation": True}, {"correction": True, "negative_evaluation": False},
            {"correction": False, "negative_evaluation": True}, {"correction": False, "negative_evaluation": False}]
    stance = np.eye(4)[[2, 3, 2, 3]]  # denying on one correction and one other row
    sentiment = np.eye(3)[[1, 1, 2, 2]]  # negative on rows 1 and 2
    r = score_unscon(rows, {"stance": stance, "sentiment": sentiment}, {"stance": STANCE, "sentiment": SENTIMENT}, n_boot=20)
    assert r["denying_recall_on_corrections"]["rate"] == 0.5
    assert r["denying_rate_elsewhere"]["rate"] == 0.5
    assert r["negative_recall_on_negative_evaluation"]["rate"] == 0.5
    assert r["negative_agreement"] == 0.5


def test_challenge_group_passes_only_when_every_member_is_right():
    rows = [{"group": "g1", "capability": "negation", "stance": "threatening", "sentiment": "negative"},
            {"group": "g1", "capability": "negation", "stance": "conciliatory", "sentiment": "neutral"},
            {"group": "g2", "capability": "paraphrase", "stance": "denying", "sentiment": "neutral"},
            {"group": "g2", "capability": "paraphrase", "stance": "denying", "sentiment": "neutral"}]
    stance = np.eye(4)[[1, 0, 2, 3]]  # g1 right, g2 one wrong
    sentiment = np.eye(3)[[1, 2, 2, 2]]
    r = score_challenge(rows, {"stance": stance, "sentiment": sentiment}, {"stance": STANCE, "sentiment": SENTIMENT})
    assert r["per_capability"]["negation"]["stance_pass_rate"] == 1.0
    assert r["per_capability"]["paraphrase"]["stance_pass_rate"] == 0.0
    assert r["overall"]["stance_pass_rate"] == 0.5 and r["overall"]["sentiment_pass_rate"] == 1.0
    assert r["overall"]["all_tasks_pass_rate"] == 0.5
    assert r["failed_groups"]["stance"] == ["g2"]


def test_kind_detection():
    assert detect_kind([{"text": "x", "group": 1, "capability": "c"}]) == "challenge"
    assert detect_kind([{"text": "x", "plover_event": "AGREE"}]) == "plover"
    assert detect_kind([{"text": "x", "correction": False}]) == "unscon"
    assert detect_kind([{"text": "x", "sentiment": "neutral"}]) == "labeled"


def test_evaluate_end_to_end(tiny_model_dir, tmp_path):
    rows = labeled_rows(40)
    train = write_jsonl(tmp_path / "train.jsonl", rows[:24])
    test = write_jsonl(tmp_path / "test.jsonl", rows[24:])
    chal = write_jsonl(tmp_path / "chal.jsonl", [dict(r, group=f"g{i // 2}", capability="paraphrase")
                                                  for i, r in enumerate(rows[:8])])
    plover = write_jsonl(tmp_path / "plover.jsonl", [{"text": r["text"], "stance": r["stance"], "plover_event": "X"}
                                                      for r in rows if r["stance"] != "neutral"][:12])
    report = evaluate(EvaluationConfig(models=[tiny_model_dir, tiny_model_dir], data=[test, chal, plover],
                                       report_dir=tmp_path / "rep", train=train, calibration_data=train, n_boot=50))
    data = json.loads((tmp_path / "rep" / "report.json").read_text())
    assert data == json.loads(json.dumps(report.data))
    assert [d["kind"] for d in data["datasets"]] == ["labeled", "challenge", "plover"]
    res = data["results"]["test"]
    assert set(res) == {"tiny", "tiny'", "majority", "tfidf-logreg", "vader"}
    assert res["tiny"]["stance"]["n"] == 16 and "ece_uncalibrated" in res["tiny"]["stance"]
    assert data["models"][0]["temperatures_fitted_for_this_report"] == ["stance", "sentiment"]
    same = [c for c in data["comparisons"] if c["b"] == "tiny'"]
    assert same and all(c["delta"] == 0 for c in same)
    md = (tmp_path / "rep" / "report.md").read_text()
    assert "## test (labeled)" in md and "pass rate per capability" in md and "macro-recall" in md
    for f in data["figures"]:
        assert (tmp_path / "rep" / f).stat().st_size > 1000
    assert "macro-F1" in report.summary_text()
