"""Reproduce the shipped small model from the corpus: MiniLM, trained on train, selected on dev.

    python scripts/train_default.py                       # models/stancelib-base (plain fine-tuning)
    python scripts/train_default.py --teacher models/stancelib-large \
        --unlabeled stancelib/data/augment.jsonl --output models/stancelib-base   # distilled

Writes fp16 safetensors (about 45 MB), the tokenizer, training_args.json and a model card;
`python scripts/evaluate_default.py` then adds the test-split metrics to the card.
Deterministic on the CPU for a given seed and thread count (about 30 minutes on 2 cores).
"""

from __future__ import annotations

import argparse
import logging

from stancelib.card import model_card
from stancelib.data import corpus_path
from stancelib.training import TrainingConfig, train

DESCRIPTION = (
    "The fast stancelib model: sentence-transformers/all-MiniLM-L6-v2 (22.7M parameters) fine-tuned on the "
    "stancelib corpus, one linear head per task (stance, sentiment), one forward pass for both. Weights are "
    "stored in fp16 and loaded as fp32.{distil}"
)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--output", default="models/stancelib-base")
    parser.add_argument("--teacher", help="distil from this model (e.g. models/stancelib-large)")
    parser.add_argument("--unlabeled", help="extra statements without labels, learned from the teacher")
    parser.add_argument("--epochs", type=int, default=10)
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--device", default="cpu")
    args = parser.parse_args()
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    config = TrainingConfig(epochs=args.epochs, seed=args.seed, teacher=args.teacher, unlabeled=args.unlabeled,
                            device=args.device, save_dtype="float16")
    distil = (f" Distilled from `{args.teacher}` (loss weight {config.distill_alpha} on gold labels, "
              f"{1 - config.distill_alpha} on the teacher's temperature-{config.distill_temperature} "
              "probabilities).") if args.teacher else ""
    name = args.output.rstrip("/").split("/")[-1]
    card = lambda clf, summary: model_card(clf.config, summary, name=name, description=DESCRIPTION.format(distil=distil))
    result = train(corpus_path("train"), corpus_path("dev"), config, args.output, card=card)
    print({"output": args.output, "best_epoch": result.best_epoch, "dev_macro_f1": result.dev_metrics})


if __name__ == "__main__":
    main()
