from stancelib.card import model_card, update_card_metrics
from stancelib.config import ModelConfig

METRICS = {"test": {"stance": {"n": 10, "accuracy": 0.9, "macro_f1": 0.88, "macro_f1_ci": [0.8, 0.95],
                               "weighted_f1": 0.89}}}


def test_card_sections():
    training = {"training": {"epochs": 3, "learning_rate": 1e-4}, "n_train": 100, "n_dev": 20, "best_epoch": 2,
                "history": [{}, {}, {}], "dev_macro_f1": {"stance": 0.9}, "train_source": "a/train.jsonl",
                "dev_source": "a/dev.jsonl", "train_seconds": 12.0}
    card = model_card(ModelConfig(base_model="minilm"), training, METRICS, name="m", description="About m.")
    assert card.startswith("# m\n") and "About m." in card
    assert "## Training" in card and "epochs=3" in card and "Best epoch: 2 of 3" in card
    assert "| test | stance | 10 | 0.900 | 0.880 (0.800–0.950) | 0.890 |" in card


def test_update_card_metrics_replaces_only_that_section(tmp_path):
    (tmp_path / "README.md").write_text("# m\n\n## Evaluation\n\nold\n\n## Limits\n\nkeep me\n")
    update_card_metrics(tmp_path, METRICS, note="- Challenge: fine.")
    text = (tmp_path / "README.md").read_text()
    assert "old" not in text and "keep me" in text and "- Challenge: fine." in text
    assert text.count("## Evaluation") == 1
