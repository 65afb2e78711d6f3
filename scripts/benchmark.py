"""Inference benchmark: throughput, peak memory, accuracy and cold start of every backend against
Hugging Face pipeline("text-classification") run once per task, on 5,000 statements.

    python scripts/benchmark.py                        # the default model, reports/benchmark/
    python scripts/benchmark.py --model stancelib-base --out reports/benchmark-base

Run it on an otherwise idle machine: every figure is from one run, and ratios within the run are
what to compare.
"""

from __future__ import annotations

import argparse

from stancelib.benchmark import SYSTEMS, run_benchmark


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--model", default=None)
    parser.add_argument("--out", default="reports/benchmark")
    parser.add_argument("--statements", type=int, default=5000)
    parser.add_argument("--batch-size", type=int, default=32)
    parser.add_argument("--systems", nargs="+", choices=SYSTEMS, default=list(SYSTEMS))
    parser.add_argument("--sweep-statements", type=int, default=500, help="statements per batch-size sweep run")
    parser.add_argument("--sweep-batch-sizes", type=int, nargs="+", default=[1, 4, 16, 32, 64, 128])
    args = parser.parse_args()
    run_benchmark(args.model, args.out, n=args.statements, batch_size=args.batch_size, systems=args.systems,
                  batch_sizes=args.sweep_batch_sizes, sweep_n=args.sweep_statements)


if __name__ == "__main__":
    main()
