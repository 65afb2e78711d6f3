"""Score statement segmentation and speaker attribution against gold articles.

    python scripts/evaluate_segmentation.py                     # the shipped gold set, all splitters
    python scripts/evaluate_segmentation.py --gold path/to/folder --splitter pysbd

Prints boundary precision/recall/F1 and speaker accuracy (quotes and reported speech; narration)
overall and per document kind, and writes a Markdown report.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from stancelib.evaluation.documents import evaluate_documents, segmentation_markdown
from stancelib.segmentation import SPLITTERS


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--gold", action="append", help="gold folder(s) (default: the shipped articles)")
    parser.add_argument("--splitter", choices=SPLITTERS, action="append", help="default: all, to compare")
    parser.add_argument("--report", default="reports/segmentation.md")
    args = parser.parse_args()
    results = {}
    for gold in args.gold or [None]:
        for splitter in args.splitter or SPLITTERS:
            m = evaluate_documents(gold, splitter=splitter)
            results[(gold or "shipped", splitter)] = m
            print(json.dumps({"gold": gold or "shipped", "splitter": splitter, **m["overall"], "seconds": m["seconds"]}))
    Path(args.report).parent.mkdir(parents=True, exist_ok=True)
    Path(args.report).write_text(segmentation_markdown(results), encoding="utf-8")
    print(f"wrote {args.report}")


if __name__ == "__main__":
    main()
