"""The ``stancelib`` command line: predict, analyze, train, evaluate, export.

Heavy libraries are imported inside the commands, so ``stancelib --help`` is instant.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path
from typing import Sequence

from ._version import __version__

_COLOURS = {"threatening": "31", "denying": "33", "conciliatory": "32", "neutral": "0"}


def _colour(text: str, label: str | None, enabled: bool) -> str:
    code = _COLOURS.get(label or "", "0")
    return f"\x1b[{code}m{text}\x1b[0m" if enabled and code != "0" else text


def format_table(rows: Sequence[dict], tasks: Sequence[str], colour: bool = False, width: int | None = None) -> str:
    """A plain-text table of prediction rows, text shortened for display only.

    Example:
        >>> print(format_table([{"text": "We will respond.", "stance": "threatening", "stance_confidence": 0.91}], ["stance"]))
        #  stance            text
        1  threatening 0.91  We will respond.
    """
    width = width or max(60, min(200, shutil_width()))
    label_w = {t: max([len(t)] + [len(str(r.get(t))) + 5 for r in rows]) for t in tasks}
    head = "#".ljust(len(str(len(rows))) + 2) + "".join(t.ljust(label_w[t] + 2) for t in tasks) + "text"
    lines = [head]
    for i, r in enumerate(rows, 1):
        cells = ""
        for t in tasks:
            conf = r.get(f"{t}_confidence")
            cell = f"{r.get(t)} {conf:.2f}" if conf is not None else str(r.get(t))
            cells += _colour(cell.ljust(label_w[t] + 2), r.get(t) if t == "stance" else None, colour)
        prefix = str(i).ljust(len(str(len(rows))) + 2)
        room = max(20, width - len(prefix) - sum(label_w[t] + 2 for t in tasks))
        text = r["text"] if len(r["text"]) <= room else r["text"][: room - 1] + "…"
        lines.append(prefix + cells + text)
    return "\n".join(line.rstrip() for line in lines)


def shutil_width() -> int:
    import shutil

    return shutil.get_terminal_size((120, 20)).columns


def _write_rows(rows: list[dict], output: str | None, fmt: str, tasks: Sequence[str]) -> None:
    if output:
        path = Path(output)
        if path.suffix.lower() == ".csv":
            import csv

            flat = [{k: (json.dumps(v) if isinstance(v, (dict, list)) else v) for k, v in r.items()} for r in rows]
            keys = list(dict.fromkeys(k for r in flat for k in r))
            with open(path, "w", newline="", encoding="utf-8") as fh:
                writer = csv.DictWriter(fh, fieldnames=keys)
                writer.writeheader()
                writer.writerows(flat)
        else:
            from .data import write_jsonl

            write_jsonl(rows, path)
        print(f"wrote {len(rows)} rows to {path}", file=sys.stderr)
        return
    if fmt == "auto":
        fmt = "table" if sys.stdout.isatty() else "jsonl"
    if fmt == "table":
        print(format_table(rows, tasks, colour=sys.stdout.isatty()))
    else:
        for r in rows:
            sys.stdout.write(json.dumps(r, ensure_ascii=False) + "\n")


def _load_model(args: argparse.Namespace):
    from .loading import load

    if args.backend == "auto" and args.device == "cpu":
        # ONNX Runtime starts seconds faster than importing PyTorch's model classes, with the same
        # fp32 results; use it when an export is already there (scripts/setup.sh makes them).
        import importlib.util

        from .config import resolve_model_path
        from .onnx import find_export

        export = find_export(resolve_model_path(args.model), args.quantize) \
            if importlib.util.find_spec("onnxruntime") else None
        if export is not None:
            return load(export, quantize=args.quantize, backend="onnx")
    backend = "torch" if args.backend == "auto" else args.backend
    return load(args.model, device=args.device, quantize=args.quantize, backend=backend)


def cmd_predict(args: argparse.Namespace) -> int:
    from .data import read_texts

    if bool(args.texts) == bool(args.input):
        raise SystemExit("stancelib predict: give statements as arguments or --input FILE, not both or neither")
    if args.input:
        texts, meta = read_texts(args.input, text_field=args.text_field)
    else:
        texts, meta = list(args.texts), [{} for _ in args.texts]
    clf = _load_model(args)
    show = None if args.progress is None else args.progress
    preds = clf.predict(texts, batch_size=args.batch_size, min_confidence=args.min_confidence,
                        show_progress=show if show is not None else (len(texts) > 256 and sys.stderr.isatty()))
    rows = [{**m, **p.to_dict()} for m, p in zip(meta, preds)]
    _write_rows(rows, args.output, args.format, clf.task_names)
    return 0


def cmd_analyze(args: argparse.Namespace) -> int:
    from .analysis import analyze_path

    clf = _load_model(args)
    docs = analyze_path(args.input, clf, batch_size=args.batch_size)
    if args.output:
        path = Path(args.output)
        if path.suffix.lower() == ".csv":
            import pandas as pd

            pd.concat([d.to_frame() for d in docs]).to_csv(path, index=False)
        else:
            from .data import write_jsonl

            write_jsonl((row for d in docs for row in d.to_rows()), path)
        if args.summary:
            Path(args.summary).write_text(json.dumps([d.summary() for d in docs], indent=2, ensure_ascii=False))
        print(f"wrote {sum(len(d.statements) for d in docs)} statements of {len(docs)} document(s) to {path}",
              file=sys.stderr)
        return 0
    fmt = args.format if args.format != "auto" else ("table" if sys.stdout.isatty() else "jsonl")
    for d in docs:
        if fmt == "table":
            print(d.render(colour=sys.stdout.isatty()))
        else:
            for row in d.to_rows():
                sys.stdout.write(json.dumps(row, ensure_ascii=False) + "\n")
    return 0


def cmd_train(args: argparse.Namespace) -> int:
    import logging

    from .training import TrainingConfig, train

    logging.basicConfig(level=logging.INFO, format="%(message)s")
    overrides = {k: v for k, v in {
        "base_model": args.base_model, "init_from": args.init_from, "tasks": args.tasks,
        "epochs": args.epochs, "batch_size": args.batch_size, "learning_rate": args.learning_rate,
        "head_learning_rate": args.head_learning_rate, "max_length": args.max_length, "seed": args.seed,
        "patience": args.patience, "save_every": args.save_every, "save_dtype": args.save_dtype,
        "label_smoothing": args.label_smoothing, "class_weighting": args.class_weighting,
        "num_threads": args.threads, "device": args.device, "lora_r": args.lora_r, "teacher": args.teacher,
        "unlabeled": args.unlabeled,
    }.items() if v is not None}
    config = TrainingConfig(**overrides)
    result = train(args.train, args.dev, config, args.output, checkpoint_dir=args.checkpoint_dir, resume=args.resume)
    print(json.dumps({"output": str(args.output), "best_epoch": result.best_epoch, "dev_macro_f1": result.dev_metrics}))
    return 0


def cmd_evaluate(args: argparse.Namespace) -> int:
    from .evaluation import EvaluationConfig, evaluate

    config = EvaluationConfig(models=args.model, data=args.data, report_dir=args.report,
                              train=args.train, calibration_data=args.dev, baselines=not args.no_baselines,
                              batch_size=args.batch_size, n_boot=args.n_boot)
    report = evaluate(config)
    print(report.summary_text())
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    from .onnx import export_onnx

    out = export_onnx(args.model, args.onnx, quantize=args.quantize)
    print(f"exported {args.model} to {out}")
    return 0


def _add_model_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("--model", default=None, help="model folder or name under models/ (default: stancelib-base)")
    p.add_argument("--backend", choices=["auto", "torch", "onnx"], default="auto",
                   help="auto (default): ONNX Runtime when the model has an ONNX export, else PyTorch")
    p.add_argument("--quantize", choices=["int8"], default=None, help="dynamic int8 quantization")
    p.add_argument("--device", default="cpu", help="cpu, cuda or auto")
    p.add_argument("--batch-size", type=int, default=32)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="stancelib", description="Stance and sentiment of political statements.")
    parser.add_argument("--version", action="version", version=f"stancelib {__version__}")
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser("predict", help="label statements", description="Label statements given as arguments or in a file "
                       "(.txt one per line, .jsonl, .csv, .parquet). One output row per input statement, in order.")
    p.add_argument("texts", nargs="*", help="statements to label")
    p.add_argument("--input", "-i", help="file of statements")
    p.add_argument("--output", "-o", help="write rows to this .jsonl or .csv file")
    p.add_argument("--text-field", default="text", help="text column of tabular input (default: text)")
    p.add_argument("--format", choices=["auto", "table", "jsonl"], default="auto",
                   help="stdout format: a table on a terminal, JSON Lines when piped (default)")
    p.add_argument("--min-confidence", type=float, default=None, help="abstain (label null) below this probability")
    p.add_argument("--progress", action=argparse.BooleanOptionalAction, default=None)
    _add_model_args(p)
    p.set_defaults(func=cmd_predict)

    p = sub.add_parser("analyze", help="split documents into statements, attribute speakers, label, summarise")
    p.add_argument("input", help="a .txt document, a folder of .txt documents, or a .jsonl of {id, text} documents")
    p.add_argument("--output", "-o", help="write statement rows to .jsonl or .csv")
    p.add_argument("--summary", help="write per-speaker summaries to this JSON file (with --output)")
    p.add_argument("--format", choices=["auto", "table", "jsonl"], default="auto")
    _add_model_args(p)
    p.set_defaults(func=cmd_analyze)

    p = sub.add_parser("train", help="fine-tune a model on labeled data")
    p.add_argument("--train", required=True, help="labeled .jsonl/.csv/.parquet")
    p.add_argument("--dev", help="labeled dev file for model selection and calibration")
    p.add_argument("--output", "-o", required=True, help="folder of the trained model")
    p.add_argument("--base-model", help="encoder to fine-tune (default: sentence-transformers/all-MiniLM-L6-v2)")
    p.add_argument("--init-from", help="continue from this stancelib model (e.g. models/stancelib-base)")
    p.add_argument("--tasks", help='tasks and labels, e.g. "stance" or "stance=a,b,c;sentiment=x,y"')
    p.add_argument("--epochs", type=int)
    p.add_argument("--batch-size", type=int)
    p.add_argument("--learning-rate", type=float)
    p.add_argument("--head-learning-rate", type=float)
    p.add_argument("--max-length", type=int)
    p.add_argument("--patience", type=int)
    p.add_argument("--label-smoothing", type=float)
    p.add_argument("--class-weighting", choices=["balanced", "sqrt", "none"])
    p.add_argument("--seed", type=int)
    p.add_argument("--threads", type=int)
    p.add_argument("--device", help="cpu (default), cuda or auto")
    p.add_argument("--lora-r", type=int, help="train LoRA adapters of this rank instead of every weight")
    p.add_argument("--teacher", help="a stancelib model to distil from")
    p.add_argument("--unlabeled", help="extra unlabeled statements (.txt/.jsonl/.csv) learned from the teacher")
    p.add_argument("--save-every", type=int, help="checkpoint every N steps (default: each epoch)")
    p.add_argument("--save-dtype", choices=["float32", "float16"])
    p.add_argument("--checkpoint-dir", help="default: <output>.checkpoints")
    p.add_argument("--resume", action="store_true", help="continue from the last checkpoint")
    p.set_defaults(func=cmd_train)

    p = sub.add_parser("evaluate", help="score models on labeled data, with baselines, CIs and plots")
    p.add_argument("--model", action="append", required=True, help="model folder or name; repeat to compare")
    p.add_argument("--data", action="append", required=True,
                   help="labeled file, 'test'/'dev' for the shipped corpus, 'challenge', or an external set; repeatable")
    p.add_argument("--report", required=True, help="folder for report.json, report.md and PNGs")
    p.add_argument("--train", default="train", help="training data of the baselines (default: corpus train split)")
    p.add_argument("--dev", default="dev", help="data to fit temperatures on for the calibration report (default: corpus dev)")
    p.add_argument("--no-baselines", action="store_true")
    p.add_argument("--batch-size", type=int, default=64)
    p.add_argument("--n-boot", type=int, default=1000)
    p.set_defaults(func=cmd_evaluate)

    p = sub.add_parser("export", help="export a model to ONNX")
    p.add_argument("model", nargs="?", default=None, help="model folder or name (default: stancelib-base)")
    p.add_argument("--onnx", required=True, help="output folder")
    p.add_argument("--quantize", choices=["int8"], default=None, help="also write an int8 model")
    p.set_defaults(func=cmd_export)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return args.func(args)
    except (ValueError, TypeError, FileNotFoundError, ImportError) as exc:
        if os.environ.get("STANCELIB_DEBUG"):
            raise
        print(f"stancelib {args.command}: error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0


if __name__ == "__main__":
    sys.exit(main())
