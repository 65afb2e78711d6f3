import numpy as np
import pytest

from stancelib.loading import load
from stancelib.onnx import export_onnx

pytest.importorskip("onnxruntime")

TEXTS = ["We will respond with force.", "Talks resume on Monday in Vienna.", "That report is fabricated.",
         "word " * 40 + "end"]


@pytest.fixture(scope="module")
def onnx_dir(tiny_model_dir, tmp_path_factory):
    return export_onnx(tiny_model_dir, tmp_path_factory.mktemp("onnx") / "tiny-onnx", quantize="int8")


def test_onnx_fp32_matches_torch(tiny_model_dir, onnx_dir):
    ref = load(tiny_model_dir).predict_proba(TEXTS)
    got = load(onnx_dir, backend="onnx").predict_proba(TEXTS)
    for task in ref:
        np.testing.assert_allclose(got[task], ref[task], atol=1e-4)


def test_onnx_int8_same_order_and_prediction_objects(tiny_model_dir, onnx_dir):
    clf = load(onnx_dir, backend="onnx", quantize="int8")
    shuffled = TEXTS[::-1] * 3
    preds = clf.predict(shuffled, batch_size=3)
    assert [p.text for p in preds] == shuffled
    assert preds[0].tasks == load(tiny_model_dir).predict(TEXTS[0]).tasks


def test_onnx_backend_exports_a_torch_folder_on_demand(tiny_model_dir, tmp_path, monkeypatch):
    monkeypatch.setenv("STANCELIB_CACHE", str(tmp_path))
    clf = load(tiny_model_dir, backend="onnx")
    assert str(clf.path).startswith(str(tmp_path))
    assert clf.predict(TEXTS[0]).stance is not None
