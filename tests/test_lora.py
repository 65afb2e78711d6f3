import json

import numpy as np
import pytest
import torch
from safetensors.torch import load_file

from stancelib.lora import LoraConfig, LoraLinear, add_lora
from stancelib.loading import load
from stancelib.training import TrainingConfig, train


def test_lora_starts_as_identity_and_merges_exactly():
    torch.manual_seed(0)
    base = torch.nn.Linear(8, 4)
    layer = LoraLinear(base, LoraConfig(r=2, dropout=0.0))
    x = torch.randn(3, 8)
    torch.testing.assert_close(layer(x), base(x))  # B starts at zero
    with torch.no_grad():
        layer.lora_B.normal_()
    torch.testing.assert_close(layer.merged()(x), layer(x), atol=1e-5, rtol=1e-5)


def test_add_lora_freezes_the_encoder(tiny_encoder_dir):
    from transformers import AutoModel

    enc = AutoModel.from_pretrained(str(tiny_encoder_dir))
    n = add_lora(enc, LoraConfig(r=2))
    trainable = [name for name, p in enc.named_parameters() if p.requires_grad]
    assert n > 0 and trainable and all("lora_" in name for name in trainable)
    with pytest.raises(ValueError, match="no linear layer"):
        add_lora(torch.nn.Sequential(torch.nn.ReLU()), LoraConfig())


def test_lora_model_saves_adapters_only_and_reloads(tiny_encoder_dir, labeled_files, tmp_path):
    train_file, dev_file = labeled_files
    cfg = TrainingConfig(base_model=str(tiny_encoder_dir), epochs=2, batch_size=8, max_length=16, lora_r=2,
                         learning_rate=1e-2, seed=3)
    out = tmp_path / "lora-model"
    result = train(train_file, dev_file, cfg, out, show_progress=False)
    saved = load_file(str(out / "model.safetensors"))
    assert saved and all("lora_" in k or k.startswith("heads.") for k in saved)
    assert json.loads((out / "config.json").read_text())["stancelib"]["lora"]["r"] == 2
    texts = ["We will respond.", "Talks resume on Monday."]
    expected = result.classifier.predict_proba(texts)
    reloaded = load(out)
    assert not any(isinstance(m, LoraLinear) for m in reloaded.network.modules())  # merged for speed
    for task, p in reloaded.predict_proba(texts).items():
        np.testing.assert_allclose(p, expected[task], atol=1e-4)


def test_distillation_with_teacher_and_unlabeled_text(tiny_model_dir, tiny_encoder_dir, labeled_files, tmp_path):
    train_file, dev_file = labeled_files
    extra = tmp_path / "extra.txt"
    extra.write_text("The ministry said talks would resume.\nWe reject this ultimatum.\n")
    cfg = TrainingConfig(base_model=str(tiny_encoder_dir), epochs=1, batch_size=8, max_length=16,
                         teacher=str(tiny_model_dir), unlabeled=str(extra), distill_alpha=0.3)
    out = tmp_path / "student"
    train(train_file, dev_file, cfg, out, show_progress=False)
    summary = json.loads((out / "training_args.json").read_text())
    assert summary["n_train"] == 40 and summary["n_unlabeled"] == 2
    assert summary["training"]["teacher"] == str(tiny_model_dir)
    with pytest.raises(ValueError, match="teacher"):
        TrainingConfig(unlabeled=str(extra))
