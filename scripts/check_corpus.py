"""Check the shipped corpus and challenge set; exit 1 with every problem listed.

    python scripts/check_corpus.py            # the shipped files
    python scripts/check_corpus.py --corpus-dir my/corpus --challenge my/challenge.jsonl --json counts.json
"""

from __future__ import annotations

import argparse
import json
import sys

from stancelib.data.quality import check_corpus, counts_markdown


def write_card_counts(path: str, counts: str) -> None:
    text = open(path, encoding="utf-8").read()
    start, end = "<!-- counts:start -->", "<!-- counts:end -->"
    if start not in text or end not in text:
        raise SystemExit(f"{path}: no {start} ... {end} markers")
    head, rest = text.split(start, 1)
    _, tail = rest.split(end, 1)
    with open(path, "w", encoding="utf-8") as fh:
        fh.write(f"{head}{start}\n{counts}{end}{tail}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus-dir", help="folder with train/dev/test.jsonl (default: the shipped corpus)")
    parser.add_argument("--challenge", help="challenge set (default: the shipped one)")
    parser.add_argument("--threshold", type=float, default=0.8, help="near-duplicate Jaccard threshold")
    parser.add_argument("--json", help="also write the counts to this file")
    parser.add_argument("--write-card", metavar="README", help="regenerate the counts section of this data card "
                        "(between <!-- counts:start --> and <!-- counts:end -->)")
    args = parser.parse_args()
    report = check_corpus(args.corpus_dir, args.challenge, threshold=args.threshold)
    for split, counts in report.counts.items():
        print(f"{split}: " + ", ".join(f"{k}={v}" for k, v in counts.items() if not isinstance(v, dict)))
    if args.json:
        with open(args.json, "w", encoding="utf-8") as fh:
            json.dump(report.counts, fh, indent=2)
    if args.write_card:
        write_card_counts(args.write_card, counts_markdown(args.corpus_dir))
    if report.ok:
        print("corpus check passed")
        return 0
    print(f"corpus check FAILED: {len(report.problems)} problem(s)", file=sys.stderr)
    for problem in report.problems:
        print(f"  {problem}", file=sys.stderr)
    return 1


if __name__ == "__main__":
    sys.exit(main())
