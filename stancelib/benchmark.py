"""Inference benchmark: stancelib's backends against what a user would write without stancelib.

Every system runs in its own subprocess on the same statements, so peak memory (max RSS) is its
own and no run warms another's caches. The baseline is Hugging Face ``pipeline("text-classification")``
run once per task, over single-task models built from the same encoder and heads (so its labels
are stancelib's, and the comparison measures inference alone), with default settings and
``batch_size=32``.
"""

from __future__ import annotations

import json
import os
import random
import resource
import subprocess
import sys
import time
from pathlib import Path
from typing import Any, Sequence

import numpy as np

SYSTEMS = ("hf-pipeline", "stancelib-fp32", "stancelib-int8", "onnx-fp32", "onnx-int8")


def benchmark_statements(n: int = 5000, seed: int = 0, long_share: float = 0.1, max_words: int = 120) -> list[dict]:
    """``n`` statements: every corpus test row (with gold labels), other corpus rows, and
    concatenations of 2-5 statements up to ``max_words`` words (a ``long_share`` of the set)."""
    from .data import load_corpus

    rng = random.Random(seed)
    test = load_corpus("test")
    others = load_corpus("train") + load_corpus("dev")
    rows = [{"text": r["text"], "stance": r["stance"], "sentiment": r["sentiment"]} for r in test]
    n_long = int(long_share * n)
    pool = [r["text"] for r in others]
    rows += [{"text": t} for t in rng.sample(pool, max(0, n - n_long - len(rows)))]
    while len(rows) < n:
        parts, words = [], 0
        for _ in range(rng.randint(2, 5)):
            t = rng.choice(pool)
            if words + len(t.split()) > max_words:
                break
            parts.append(t)
            words += len(t.split())
        if len(parts) >= 2:
            rows.append({"text": " ".join(parts)})
    rng.shuffle(rows)
    return rows


def _hf_pipeline_predict(model_path: str, texts: list[str], batch_size: int) -> dict[str, list[str]]:
    """The baseline: one ``text-classification`` pipeline per task, default settings."""
    import torch
    from transformers import PretrainedConfig, PreTrainedModel, pipeline
    from transformers.modeling_outputs import SequenceClassifierOutput

    from .loading import load
    from .model import encode

    clf = load(model_path)

    class SingleTaskModel(PreTrainedModel):
        config_class = PretrainedConfig
        base_model_prefix = "encoder"

        def __init__(self, config, encoder, head, pooling):
            super().__init__(config)
            self.encoder, self.head, self.pooling = encoder, head, pooling

        def forward(self, input_ids=None, attention_mask=None, **kwargs):
            return SequenceClassifierOutput(logits=self.head(encode(self.encoder, input_ids, attention_mask, self.pooling)))

    out = {}
    for task in clf.tasks:
        config = PretrainedConfig(id2label=dict(task.id2label), label2id=task.label2id)
        model = SingleTaskModel(config, clf.network.encoder, clf.network.heads[task.name], clf.config.pooling).eval()
        pipe = pipeline("text-classification", model=model, tokenizer=clf.tokenizer, device=-1)
        with torch.inference_mode():
            out[task.name] = [r["label"] for r in pipe(texts, batch_size=batch_size)]
    return out


def run_system(system: str, model_path: str, texts: list[str], batch_size: int = 32) -> dict[str, Any]:
    """Predict ``texts`` with one system in this process; labels, seconds, peak RSS."""
    from .loading import load

    started = time.perf_counter()
    if system == "hf-pipeline":
        labels = _hf_pipeline_predict(model_path, texts, batch_size)
    else:
        backend = "onnx" if system.startswith("onnx") else "torch"
        quantize = "int8" if system.endswith("int8") else None
        clf = load(model_path, backend=backend, quantize=quantize)
        preds = clf.predict(texts, batch_size=batch_size, show_progress=False)
        labels = {t: [p.labels[t] for p in preds] for t in clf.task_names}
    seconds = time.perf_counter() - started
    return {"system": system, "seconds": round(seconds, 2), "statements": len(texts),
            "statements_per_second": round(len(texts) / seconds, 1), "peak_rss_mb": peak_rss_mb(), "labels": labels}


def peak_rss_mb() -> float:
    """Peak resident memory of this process in MB (``VmHWM``; unlike ``ru_maxrss`` it is not
    inherited from the parent across fork and exec)."""
    try:
        with open("/proc/self/status", encoding="ascii") as fh:
            for line in fh:
                if line.startswith("VmHWM:"):
                    return round(int(line.split()[1]) / 1024, 1)
    except OSError:
        pass
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)


def _in_subprocess(system: str, model_path: str, texts_file: Path, batch_size: int, out_file: Path) -> dict:
    code = ("import json,sys; from stancelib.benchmark import run_system; "
            "texts=[json.loads(l)['text'] for l in open(sys.argv[3], encoding='utf-8')]; "
            "r=run_system(sys.argv[1], sys.argv[2], texts, int(sys.argv[4])); "
            "open(sys.argv[5],'w').write(json.dumps(r))")
    subprocess.run([sys.executable, "-W", "ignore", "-c", code, system, model_path, str(texts_file), str(batch_size),
                    str(out_file)], check=True)
    return json.loads(out_file.read_text())


def _wall(cmd: Sequence[str], repeats: int = 3) -> float:
    """Median wall time of a command in a fresh process."""
    times = []
    for _ in range(repeats):
        t = time.perf_counter()
        subprocess.run(list(cmd), check=True, capture_output=True)
        times.append(time.perf_counter() - t)
    return float(np.median(times))


def run_benchmark(model: str | None = None, out_dir: str | os.PathLike = "reports/benchmark", n: int = 5000,
                  batch_size: int = 32, systems: Sequence[str] = SYSTEMS,
                  batch_sizes: Sequence[int] = (1, 4, 8, 16, 32, 64, 128), sweep_n: int = 1000) -> dict[str, Any]:
    """Run the benchmark and write ``benchmark.json``, ``benchmark.md`` and ``throughput_vs_batch.png``.

    Example:
        >>> run_benchmark("stancelib-base", "reports/benchmark")  # doctest: +SKIP
    """
    from .data import write_jsonl
    from .evaluation.metrics import macro_f1
    from .labels import SENTIMENT, STANCE
    from .config import resolve_model_path
    from .evaluation.sets import display_path

    model_path = str(resolve_model_path(model))
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    rows = benchmark_statements(n)
    texts_file = out / "statements.tmp.jsonl"
    write_jsonl(rows, texts_file)
    # Export once, outside the timed runs, in a child process so this one stays small.
    subprocess.run([sys.executable, "-W", "ignore", "-c", "import sys; from stancelib.onnx import cached_export; "
                    "cached_export(sys.argv[1], 'int8')", model_path], check=True)
    results = {}
    try:
        for system in systems:
            print(f"running {system} ...", file=sys.stderr)
            results[system] = _in_subprocess(system, model_path, texts_file, batch_size, out / f"{system}.tmp.json")
        sweep_rows = rows[:sweep_n]
        write_jsonl(sweep_rows, texts_file)
        sweep: dict[str, list] = {}
        for system in ("stancelib-fp32", "onnx-int8"):
            for bs in batch_sizes:
                r = _in_subprocess(system, model_path, texts_file, bs, out / "sweep.tmp.json")
                sweep.setdefault(system, []).append({"batch_size": bs, "statements_per_second": r["statements_per_second"]})
    finally:
        for f in out.glob("*.tmp.*"):
            f.unlink()

    gold = {t.name: [r.get(t.name) for r in rows] for t in (STANCE, SENTIMENT)}
    ref = results.get("stancelib-fp32")
    base = results.get("hf-pipeline")
    table = []
    for system, r in results.items():
        row = {k: v for k, v in r.items() if k != "labels"}
        for task in (STANCE, SENTIMENT):
            idx = [i for i, g in enumerate(gold[task.name]) if g]
            y = np.array([task.label2id[gold[task.name][i]] for i in idx])
            p = np.array([task.label2id[r["labels"][task.name][i]] for i in idx])
            row[f"{task.name}_macro_f1"] = round(macro_f1(y, p, task.num_labels), 4)
            if ref is not None:
                row[f"{task.name}_agreement_with_fp32"] = round(float(np.mean(
                    [a == b for a, b in zip(r["labels"][task.name], ref["labels"][task.name])])), 4)
        if base is not None:
            row["speedup_vs_baseline"] = round(r["statements_per_second"] / base["statements_per_second"], 2)
        table.append(row)

    report_model = display_path(model_path)
    python = sys.executable
    cli = [python, "-m", "stancelib.cli"]
    cold = {
        "import_torch_transformers_s": round(_wall([python, "-c", "import torch, transformers"]), 3),
        "predict_one_statement_s": round(_wall(cli + ["predict", "--model", model_path, "We will respond."]), 3),
        "import_stancelib_s": round(_wall([python, "-c", "import stancelib"], repeats=5), 3),
        "help_s": round(_wall(cli + ["--help"], repeats=3), 3),
    }
    cold["predict_vs_import_ratio"] = round(cold["predict_one_statement_s"] / cold["import_torch_transformers_s"], 2)
    report = {
        "model": report_model, "statements": len(rows), "batch_size": batch_size,
        "long_statements": sum(len(r["text"].split()) > 60 for r in rows),
        "max_words": max(len(r["text"].split()) for r in rows), "cpus": len(os.sched_getaffinity(0)),
        "results": table, "batch_sweep": {"statements": sweep_n, **sweep}, "cold_start": cold,
    }
    (out / "benchmark.json").write_text(json.dumps(report, indent=2))
    (out / "benchmark.md").write_text(_markdown(report))
    from .evaluation.plots import line_plot

    line_plot({s: ([p["batch_size"] for p in pts], [p["statements_per_second"] for p in pts]) for s, pts in sweep.items()},
              "batch size", "statements per second", f"throughput vs batch size ({sweep_n} statements)",
              out / "throughput_vs_batch.png", logx=True)
    print(_markdown(report))
    return report


def _markdown(report: dict) -> str:
    lines = ["# stancelib inference benchmark\n",
             f"Model `{report['model']}`; {report['statements']} statements ({report['long_statements']} longer than "
             f"60 words, up to {report['max_words']}); batch size {report['batch_size']}; {report['cpus']} CPUs. "
             "Each system ran once, in its own process, in the same run; speed-ups are ratios within this run.\n",
             "| system | statements/s | speed-up vs baseline | peak RSS (MB) | stance macro-F1 | sentiment macro-F1 | "
             "stance agreement with fp32 | sentiment agreement with fp32 |", "|---|---|---|---|---|---|---|---|"]
    for r in report["results"]:
        lines.append(f"| {r['system']} | {r['statements_per_second']} | {r.get('speedup_vs_baseline', '–')}x | "
                     f"{r['peak_rss_mb']} | {r['stance_macro_f1']:.4f} | {r['sentiment_macro_f1']:.4f} | "
                     f"{r.get('stance_agreement_with_fp32', '–')} | {r.get('sentiment_agreement_with_fp32', '–')} |")
    c = report["cold_start"]
    lines += ["", "Cold start (median wall time of fresh processes):", "",
              f"- `python -c \"import torch, transformers\"`: {c['import_torch_transformers_s']} s",
              f"- `stancelib predict \"one statement\"`: {c['predict_one_statement_s']} s "
              f"(**{c['predict_vs_import_ratio']}x** the import)",
              f"- `python -c \"import stancelib\"`: {c['import_stancelib_s']} s; `stancelib --help`: {c['help_s']} s", "",
              "Throughput against batch size: [throughput_vs_batch.png](throughput_vs_batch.png)", ""]
    return "\n".join(lines)
