"""Evaluate the shipped models against the baselines and refresh their model cards.

    python scripts/evaluate_default.py                      # reports/evaluation/, model cards
    python scripts/evaluate_default.py --extra-model runs/stancelib-base-plain   # add a model to compare

Data: the corpus test split, the hard-case set, the challenge set, and the external sets in ../shared/external/
(evaluation only) when that folder exists. The default model is the primary system: every other
model and the TF-IDF baseline are compared with it by paired bootstrap.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from stancelib.card import update_card_metrics
from stancelib.evaluation import EvaluationConfig, evaluate
from stancelib.config import DEFAULT_MODEL, MODELS_DIR

EXTERNAL = ("plover_gsr_stance.jsonl", "unscon_sentences.jsonl", "newsmtsc_rw_sentiment.jsonl")


def _summary_lines(data: dict, model: str) -> str:
    lines = []
    for ds in data["datasets"]:
        res = data["results"][ds["name"]].get(model, {})
        if ds["kind"] == "challenge":
            o = res["challenge"]["overall"]
            lines.append(f"- Challenge set ({o['groups']} groups): stance pass rate {o['stance_pass_rate']:.3f}, "
                         f"sentiment {o['sentiment_pass_rate']:.3f}, both {o['all_tasks_pass_rate']:.3f}.")
        elif ds["kind"] == "plover":
            m = res["stance"]
            recalls = ", ".join(f"{k} {v:.3f}" for k, v in m["recall"].items())
            lines.append(f"- PLOVER ({m['n']} real news leads, no neutral rows): stance recall {recalls}; macro-recall "
                         f"{m['macro_recall']:.3f} [{m['macro_recall_ci'][0]:.3f}, {m['macro_recall_ci'][1]:.3f}].")
        elif ds["kind"] == "unscon":
            f = res["flags"]
            lines.append(f"- UNSCon ({ds['rows']} Security Council sentences): denying recall on corrections "
                         f"{f['denying_recall_on_corrections']['rate']:.3f}, denying rate elsewhere "
                         f"{f['denying_rate_elsewhere']['rate']:.3f}; negative sentiment agreement with negative "
                         f"evaluation {f['negative_agreement']:.3f}.")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--report", default="reports/evaluation")
    parser.add_argument("--external-dir", default=str(Path(__file__).resolve().parents[2] / "shared" / "external"))
    parser.add_argument("--extra-model", action="append", default=[], help="another model folder to compare")
    parser.add_argument("--n-boot", type=int, default=1000)
    parser.add_argument("--no-cards", action="store_true", help="do not touch the model cards")
    args = parser.parse_args()
    shipped = [DEFAULT_MODEL] + sorted(p.name for p in MODELS_DIR.iterdir()
                                       if (p / "config.json").is_file() and p.name != DEFAULT_MODEL)
    data = ["test", "hard_cases", "challenge"]
    external = Path(args.external_dir)
    data += [str(external / f) for f in EXTERNAL if (external / f).is_file()]
    report = evaluate(EvaluationConfig(models=shipped + args.extra_model, data=data, report_dir=args.report,
                                       n_boot=args.n_boot))
    print(report.summary_text())
    if args.no_cards:
        return
    for name in shipped:
        labeled = {ds["name"]: {t: m for t, m in report.data["results"][ds["name"]][name].items() if "macro_f1" in m}
                   for ds in report.data["datasets"] if ds["kind"] == "labeled"}
        note = (_summary_lines(report.data, name) + f"\n\nFull report: `{args.report}/report.md` "
                "(regenerate with `python scripts/evaluate_default.py`).")
        update_card_metrics(MODELS_DIR / name, {k: v for k, v in labeled.items() if v}, note=note)


if __name__ == "__main__":
    main()
