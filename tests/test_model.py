import json

import numpy as np
import pytest

from stancelib.labels import TaskSpec
from stancelib.config import ModelConfig, resolve_model_path
from stancelib.loading import load
from stancelib.model import StanceClassifier
from stancelib.prediction import Prediction

TEXTS = ["We will respond with force.", "Talks resume on Monday in Vienna.", "That report is fabricated."]


def test_save_load_roundtrip_fp16_keeps_predictions(tiny_model, tmp_path):
    out = tiny_model.save_pretrained(tmp_path / "m16", dtype="float16")
    assert {"config.json", "model.safetensors", "README.md", "tokenizer.json"} <= {p.name for p in out.iterdir()}
    loaded = load(out)
    assert next(loaded.network.parameters()).dtype.is_floating_point
    assert str(next(loaded.network.parameters()).dtype) == "torch.float32"
    a = tiny_model.predict_proba(TEXTS)
    b = loaded.predict_proba(TEXTS)
    for task in a:
        np.testing.assert_allclose(a[task], b[task], atol=2e-3)


def test_config_json_carries_every_task_id2label(tiny_model_dir):
    cfg = json.loads((tiny_model_dir / "config.json").read_text())
    tasks = cfg["stancelib"]["tasks"]
    assert tasks["stance"]["id2label"] == {"0": "conciliatory", "1": "threatening", "2": "denying", "3": "neutral"}
    assert tasks["sentiment"]["id2label"] == {"0": "positive", "1": "negative", "2": "neutral"}


def test_predict_single_and_list_in_order(tiny_model):
    single = tiny_model.predict(TEXTS[1])
    assert isinstance(single, Prediction)
    many = tiny_model.predict(TEXTS * 5, batch_size=4)
    assert [p.text for p in many] == TEXTS * 5
    assert many[1].stance_scores == pytest.approx(single.stance_scores, abs=1e-6)
    for p in many:
        assert abs(sum(p.stance_scores.values()) - 1) < 1e-6
        assert abs(sum(p.sentiment_scores.values()) - 1) < 1e-6
        assert p.stance in p.stance_scores and p.sentiment in p.sentiment_scores


def test_order_restored_after_length_sorting(tiny_model):
    texts = [("word " * n).strip() + f" end{n}" for n in (30, 1, 12, 3, 25, 2, 8)]
    batched = tiny_model.predict(texts, batch_size=2)
    alone = [tiny_model.predict(t) for t in texts]
    for b, a in zip(batched, alone):
        assert b.text == a.text
        assert b.stance_scores == pytest.approx(a.stance_scores, abs=1e-5)


def test_long_text_is_read_in_windows_not_truncated(tiny_model):
    head = "We will respond with force. " * 3
    a = tiny_model.logits([head + "Both sides agreed to meet again."])["stance"]
    b = tiny_model.logits([head + "That report is fabricated, totally."])["stance"]
    assert not np.allclose(a, b), "the tail beyond the first window must change the result"
    windows, owner = tiny_model._windows([head * 4])
    assert len(windows) > 1 and set(owner) == {0}


def test_label_names_come_from_the_model_config(tiny_encoder_dir, tmp_path):
    tasks = (TaskSpec("frame", ("economic", "security", "moral")),)
    clf = StanceClassifier.from_encoder(ModelConfig(base_model=str(tiny_encoder_dir), tasks=tasks, max_length=16, stride=4))
    loaded = load(clf.save_pretrained(tmp_path / "frame"))
    p = loaded.predict("Sanctions will hurt the economy.")
    assert p.tasks == ("frame",)
    assert p.frame in {"economic", "security", "moral"}
    with pytest.raises(AttributeError, match="tasks"):
        _ = p.stance


def test_min_confidence_abstains(tiny_model):
    p = tiny_model.predict(TEXTS[0], min_confidence=0.99)
    assert p.stance is None and "stance" in p.abstained
    assert tiny_model.predict(TEXTS[0], min_confidence=0.0).stance is not None
    with pytest.raises(ValueError, match="min_confidence"):
        tiny_model.predict(TEXTS[0], min_confidence=2)


def test_temperature_changes_scores_not_labels(tiny_model):
    before = tiny_model.predict(TEXTS)
    tiny_model.config.temperatures["stance"] = 3.0
    after = tiny_model.predict(TEXTS)
    for b, a in zip(before, after):
        assert a.stance == b.stance
        assert a.stance_confidence <= b.stance_confidence + 1e-9


@pytest.mark.parametrize("bad", [None, 3, [1, 2], {"text": "x"}, b"bytes"])
def test_bad_input_types_are_rejected(tiny_model, bad):
    with pytest.raises(TypeError):
        tiny_model.predict(bad)


def test_bad_batch_size(tiny_model):
    with pytest.raises(ValueError, match="batch_size"):
        tiny_model.predict(TEXTS, batch_size=0)


def test_empty_list_gives_empty_result(tiny_model):
    assert tiny_model.predict([]) == []


def test_not_a_stancelib_folder(tiny_encoder_dir, tmp_path):
    with pytest.raises(ValueError, match="not a stancelib model"):
        StanceClassifier.from_pretrained(tiny_encoder_dir)
    with pytest.raises(FileNotFoundError, match="no stancelib model"):
        resolve_model_path(tmp_path / "nothing")


def test_int8_quantization_keeps_labels(tiny_model_dir):
    ref = load(tiny_model_dir).predict(TEXTS)
    q = load(tiny_model_dir, quantize="int8").predict(TEXTS)
    assert [p.text for p in q] == TEXTS
    agree = np.mean([a.stance == b.stance for a, b in zip(ref, q)])
    assert agree >= 2 / 3


def test_bad_load_options(tiny_model_dir):
    with pytest.raises(ValueError, match="backend"):
        load(tiny_model_dir, backend="tf")
    with pytest.raises(ValueError, match="quantize"):
        load(tiny_model_dir, quantize="int4")


def test_atomic_save_leaves_old_folder_on_failure(tiny_model, tmp_path, monkeypatch):
    out = tiny_model.save_pretrained(tmp_path / "m")
    before = (out / "model.safetensors").read_bytes()

    def boom(*a, **k):
        raise RuntimeError("disk full")

    monkeypatch.setattr(tiny_model.tokenizer, "save_pretrained", boom)
    with pytest.raises(RuntimeError):
        tiny_model.save_pretrained(out)
    assert (out / "model.safetensors").read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["m"]
