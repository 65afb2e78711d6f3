"""Shared fixtures: a tiny randomly initialised encoder and stancelib model (seconds, no downloads)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

SENTENCES = [
    "We will respond with force if they cross the border.",
    "The ministry rejected the allegations as baseless.",
    "Both sides agreed to meet again next week in Geneva.",
    "Tensions have risen as troops gather near the frontier.",
    "The union said the strike would go ahead on Monday unless the offer improves.",
    "Our door remains open to dialogue and compromise.",
    "That report is fabricated from start to finish.",
    "Exports rose by four percent in the third quarter.",
]


def labeled_rows(n: int = 48) -> list[dict]:
    """A small labeled set that cycles through the sentences (with row numbers to keep them distinct)."""
    gold = [("threatening", "negative"), ("denying", "negative"), ("conciliatory", "neutral"),
            ("neutral", "negative"), ("threatening", "neutral"), ("conciliatory", "positive"),
            ("denying", "negative"), ("neutral", "positive")]
    rows = []
    for i in range(n):
        stance, sentiment = gold[i % len(gold)]
        rows.append({"id": f"r{i}", "text": f"{SENTENCES[i % len(SENTENCES)]} ({i})",
                     "stance": stance, "sentiment": sentiment})
    return rows


def write_jsonl(path: Path, rows: list[dict]) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return path


@pytest.fixture(scope="session")
def tiny_encoder_dir(tmp_path_factory) -> Path:
    import torch
    from tokenizers import Tokenizer, models, normalizers, pre_tokenizers, processors, trainers
    from transformers import BertConfig, BertModel, PreTrainedTokenizerFast

    folder = tmp_path_factory.mktemp("tiny-encoder")
    specials = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]"]
    tok = Tokenizer(models.WordPiece(unk_token="[UNK]"))
    tok.normalizer = normalizers.BertNormalizer(lowercase=True)
    tok.pre_tokenizer = pre_tokenizers.BertPreTokenizer()
    tok.train_from_iterator(SENTENCES * 3, trainers.WordPieceTrainer(vocab_size=400, special_tokens=specials))
    cls_id, sep_id = tok.token_to_id("[CLS]"), tok.token_to_id("[SEP]")
    tok.post_processor = processors.TemplateProcessing(
        single="[CLS] $A [SEP]", pair="[CLS] $A [SEP] $B [SEP]", special_tokens=[("[CLS]", cls_id), ("[SEP]", sep_id)])
    fast = PreTrainedTokenizerFast(tokenizer_object=tok, unk_token="[UNK]", pad_token="[PAD]", cls_token="[CLS]",
                                   sep_token="[SEP]", mask_token="[MASK]")
    fast.save_pretrained(str(folder))
    torch.manual_seed(0)
    config = BertConfig(vocab_size=len(fast), hidden_size=32, num_hidden_layers=2, num_attention_heads=2,
                        intermediate_size=64, max_position_embeddings=128)
    BertModel(config).save_pretrained(str(folder))
    return folder


@pytest.fixture(scope="session")
def tiny_model_dir(tiny_encoder_dir, tmp_path_factory) -> Path:
    import torch

    from stancelib.model import ModelConfig, StanceClassifier

    torch.manual_seed(0)
    clf = StanceClassifier.from_encoder(ModelConfig(base_model=str(tiny_encoder_dir), max_length=16, stride=4))
    return clf.save_pretrained(tmp_path_factory.mktemp("models") / "tiny")


@pytest.fixture
def tiny_model(tiny_model_dir):
    from stancelib.loading import load

    return load(tiny_model_dir)


@pytest.fixture
def labeled_files(tmp_path) -> tuple[Path, Path]:
    rows = labeled_rows(48)
    return write_jsonl(tmp_path / "train.jsonl", rows[:40]), write_jsonl(tmp_path / "dev.jsonl", rows[40:])
