import json

import numpy as np
import pytest
import torch

from stancelib.data import DataError
from stancelib.loading import load
from stancelib.training import TrainingConfig, _class_weights, train

from conftest import labeled_rows, write_jsonl


def tiny_config(encoder, **kw):
    base = dict(base_model=str(encoder), epochs=2, batch_size=8, max_length=16, learning_rate=1e-3,
                head_learning_rate=1e-2, seed=7)
    base.update(kw)
    return TrainingConfig(**base)


def weights(clf):
    return {k: v.detach().clone() for k, v in clf.network.state_dict().items()}


def test_train_writes_a_complete_model_folder(tiny_encoder_dir, labeled_files, tmp_path):
    train_file, dev_file = labeled_files
    out = tmp_path / "model"
    result = train(train_file, dev_file, tiny_config(tiny_encoder_dir), out, show_progress=False)
    names = {p.name for p in out.iterdir()}
    assert {"config.json", "model.safetensors", "README.md", "training_args.json"} <= names
    assert not (tmp_path / "model.checkpoints").exists()
    summary = json.loads((out / "training_args.json").read_text())
    assert len(summary["history"]) == 2 and summary["best_epoch"] in (1, 2)
    assert set(result.dev_metrics) == {"stance", "sentiment"}
    assert "## Training" in (out / "README.md").read_text()
    assert load(out).predict("We will respond.").stance in {"conciliatory", "threatening", "denying", "neutral"}


def test_training_is_reproducible(tiny_encoder_dir, labeled_files):
    train_file, dev_file = labeled_files
    a = train(train_file, dev_file, tiny_config(tiny_encoder_dir), show_progress=False)
    b = train(train_file, dev_file, tiny_config(tiny_encoder_dir), show_progress=False)
    for k, v in weights(a.classifier).items():
        torch.testing.assert_close(v, weights(b.classifier)[k])


def test_training_learns_a_separable_task(tiny_encoder_dir, tmp_path):
    rows = labeled_rows(64)
    f = write_jsonl(tmp_path / "t.jsonl", rows)
    cfg = tiny_config(tiny_encoder_dir, epochs=12, calibrate=False, patience=20)
    result = train(f, f, cfg, show_progress=False)
    assert result.dev_metrics["stance"] >= 0.9


def test_resume_after_interruption_matches_uninterrupted_run(tiny_encoder_dir, labeled_files, tmp_path, monkeypatch):
    train_file, dev_file = labeled_files
    cfg = tiny_config(tiny_encoder_dir, epochs=2, save_every=2, calibrate=False)
    reference = train(train_file, dev_file, cfg, show_progress=False)

    calls = {"n": 0}
    real_step = torch.optim.AdamW.step

    def flaky_step(self, *a, **k):
        calls["n"] += 1
        if calls["n"] == 8:  # epoch 2, after the epoch-1 checkpoint and a mid-epoch one
            raise KeyboardInterrupt
        return real_step(self, *a, **k)

    monkeypatch.setattr(torch.optim.AdamW, "step", flaky_step)
    ckpt = tmp_path / "ckpt"
    with pytest.raises(KeyboardInterrupt):
        train(train_file, dev_file, cfg, tmp_path / "out", checkpoint_dir=ckpt, show_progress=False)
    assert (ckpt / "state.json").is_file() and not (tmp_path / "out").exists()
    monkeypatch.setattr(torch.optim.AdamW, "step", real_step)
    resumed = train(train_file, dev_file, cfg, tmp_path / "out", checkpoint_dir=ckpt, resume=True, show_progress=False)
    assert resumed.history == reference.history
    for k, v in weights(reference.classifier).items():
        torch.testing.assert_close(v, weights(resumed.classifier)[k])
    assert not ckpt.exists()


def test_resume_refuses_a_different_run(tiny_encoder_dir, labeled_files, tmp_path, monkeypatch):
    train_file, dev_file = labeled_files
    ckpt = tmp_path / "ckpt"
    cfg = tiny_config(tiny_encoder_dir, epochs=2)
    monkeypatch.setattr("stancelib.training.shutil.rmtree", lambda *a, **k: None)  # keep the checkpoint
    train(train_file, dev_file, cfg, tmp_path / "o", checkpoint_dir=ckpt, show_progress=False)
    with pytest.raises(ValueError, match="different run"):
        train(train_file, dev_file, tiny_config(tiny_encoder_dir, epochs=2, learning_rate=5e-4), tmp_path / "o2",
              checkpoint_dir=ckpt, resume=True, show_progress=False)


def test_rows_with_one_task_label_train_only_that_head(tiny_encoder_dir, tmp_path):
    rows = labeled_rows(32)
    for i, r in enumerate(rows):
        del r["sentiment" if i % 2 else "stance"]
    f = write_jsonl(tmp_path / "partial.jsonl", rows)
    result = train(f, f, tiny_config(tiny_encoder_dir, epochs=1), show_progress=False)
    assert set(result.dev_metrics) == {"stance", "sentiment"}


def test_single_task_model(tiny_encoder_dir, labeled_files, tmp_path):
    train_file, dev_file = labeled_files
    out = tmp_path / "stance-only"
    train(train_file, dev_file, tiny_config(tiny_encoder_dir, epochs=1, tasks="stance"), out, show_progress=False)
    assert load(out).predict("We will respond.").tasks == ("stance",)


def test_init_from_continues_an_existing_model(tiny_model_dir, labeled_files, tmp_path):
    train_file, dev_file = labeled_files
    cfg = TrainingConfig(init_from=str(tiny_model_dir), epochs=1, batch_size=8, learning_rate=1e-3, seed=1)
    out = tmp_path / "adapted"
    train(train_file, dev_file, cfg, out, show_progress=False)
    summary = json.loads((out / "training_args.json").read_text())
    assert summary["training"]["init_from"] == str(tiny_model_dir)
    before = weights(load(tiny_model_dir))
    after = weights(load(out))
    assert any(not torch.equal(before[k], after[k]) for k in before)


def test_unknown_label_is_reported_with_row(tiny_encoder_dir, tmp_path):
    rows = labeled_rows(8)
    rows[4]["stance"] = "hostile"
    f = write_jsonl(tmp_path / "bad.jsonl", rows)
    with pytest.raises(DataError, match=r"bad.jsonl: row 5: field 'stance' has unknown label 'hostile'"):
        train(f, None, tiny_config(tiny_encoder_dir), show_progress=False)


def test_class_weights():
    w = _class_weights([0, 0, 0, 1, -100], 3, "balanced")
    np.testing.assert_allclose(w.numpy(), [4 / 6, 4 / 2, 0.0], rtol=1e-6)
    assert _class_weights([0, 1], 2, "none") is None


def test_config_validation():
    with pytest.raises(ValueError, match="epochs"):
        TrainingConfig(epochs=0)
    with pytest.raises(ValueError, match="class_weighting"):
        TrainingConfig(class_weighting="magic")
