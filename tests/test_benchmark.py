import pytest

from stancelib.benchmark import benchmark_statements, run_system
from stancelib.data import load_corpus


def test_benchmark_statements_cover_test_split_and_long_texts():
    rows = benchmark_statements(1200, seed=1)
    assert len(rows) == 1200
    assert sum(1 for r in rows if r.get("stance")) == len(load_corpus("test"))
    words = [len(r["text"].split()) for r in rows]
    assert max(words) <= 120 and sum(w > 60 for w in words) > 20
    assert rows == benchmark_statements(1200, seed=1)


@pytest.mark.parametrize("system", ["hf-pipeline", "stancelib-int8", "onnx-fp32"])
def test_every_system_gives_stancelib_labels(tiny_model_dir, system, tmp_path, monkeypatch):
    monkeypatch.setenv("STANCELIB_CACHE", str(tmp_path))
    texts = ["We will respond with force.", "Talks resume on Monday.", "That report is fabricated."] * 4
    ref = run_system("stancelib-fp32", str(tiny_model_dir), texts, batch_size=4)
    got = run_system(system, str(tiny_model_dir), texts, batch_size=4)
    assert got["statements"] == len(texts) and got["peak_rss_mb"] > 0
    assert set(got["labels"]) == set(ref["labels"])
    for task, labels in got["labels"].items():
        agree = sum(a == b for a, b in zip(labels, ref["labels"][task])) / len(texts)
        assert agree >= (0.75 if system == "stancelib-int8" else 1.0)
