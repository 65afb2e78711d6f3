"""Score statement segmentation and speaker attribution against gold articles.

    python scripts/evaluate_segmentation.py                     # every shipped gold set, default splitter
    python scripts/evaluate_segmentation.py --gold path/to/folder --splitter pysbd

Prints boundary precision/recall/F1 and speaker accuracy (quotes and reported speech; narration)
overall and per document kind, and writes a Markdown report.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from stancelib.evaluation.documents import evaluate_documents, gold_sets, segmentation_markdown
from stancelib.segmentation import SPLITTERS


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--gold", action="append", help="gold folder(s) (default: the four shipped sets)")
    parser.add_argument("--splitter", choices=SPLITTERS, action="append",
                        help="default: pysbd on every set, and all three splitters on tuning-1")
    parser.add_argument("--report", default="reports/segmentation.md")
    args = parser.parse_args()
    runs = [(g, s) for g in args.gold for s in args.splitter or SPLITTERS] if args.gold else (
        [(name, s) for name in gold_sets() for s in args.splitter] if args.splitter else
        [(name, "pysbd") for name in gold_sets()] + [("tuning-1", s) for s in SPLITTERS if s != "pysbd"])
    results = {}
    for gold, splitter in runs:
        m = evaluate_documents(gold_sets().get(gold, gold), splitter=splitter)
        results[(gold, splitter)] = m
        print(json.dumps({"gold": gold, "splitter": splitter, **m["overall"], "seconds": m["seconds"]}))
    Path(args.report).parent.mkdir(parents=True, exist_ok=True)
    Path(args.report).write_text(segmentation_markdown(results), encoding="utf-8")
    print(f"wrote {args.report}")


if __name__ == "__main__":
    main()
