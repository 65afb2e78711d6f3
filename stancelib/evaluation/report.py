"""``report.md``: the evaluation figures as tables a person reads."""

from __future__ import annotations

from typing import Any


def _ci(m: dict, key: str) -> str:
    ci = m.get(f"{key}_ci")
    return f"{m[key]:.3f} [{ci[0]:.3f}, {ci[1]:.3f}]" if ci else f"{m[key]:.3f}"


def _rate(v: Any) -> str:
    if isinstance(v, dict):
        return "n/a" if v.get("rate") is None else f"{v['rate']:.3f} [{v['ci'][0]:.3f}, {v['ci'][1]:.3f}] (n={v['n']})"
    return "n/a" if v is None else f"{v:.3f}"


def _labeled_section(name: str, res: dict, models: list[str]) -> list[str]:
    out = []
    tasks = list(dict.fromkeys(t for sys in res.values() for t in sys))
    for task in tasks:
        out += [f"#### {task}\n", "| system | n | accuracy | macro-F1 [95% CI] | weighted-F1 | ECE (uncal. → scaled) |",
                "| --- | --- | --- | --- | --- | --- |"]
        for system, tasks_m in res.items():
            m = tasks_m.get(task)
            if not m:
                continue
            ece = f"{m['ece_uncalibrated']:.3f} → {m['ece']:.3f}" if "ece_uncalibrated" in m else "–"
            bold = "**" if system in models else ""
            out.append(f"| {bold}{system}{bold} | {m['n']} | {m['accuracy']:.3f} | {_ci(m, 'macro_f1')} | "
                       f"{m['weighted_f1']:.3f} | {ece} |")
        out.append("")
        for system in models:
            m = res.get(system, {}).get(task)
            if not m:
                continue
            labels = m["labels"]
            out += [f"Per class, {system}:\n", "| label | precision | recall | F1 | support |", "| --- | --- | --- | --- | --- |"]
            out += [f"| {lab} | {c['precision']:.3f} | {c['recall']:.3f} | {c['f1']:.3f} | {c['support']} |"
                    for lab, c in m["per_class"].items()]
            out += ["", f"Confusion matrix, {system} (rows gold, columns predicted):\n",
                    "| gold \\ pred | " + " | ".join(labels) + " |", "|---" * (len(labels) + 1) + "|"]
            out += [f"| {labels[i]} | " + " | ".join(str(x) for x in row) + " |"
                    for i, row in enumerate(m["confusion_matrix"])]
            curve = {round(c["threshold"], 2): c for c in m.get("coverage_curve", [])}
            picks = [curve[t] for t in (0.0, 0.5, 0.6, 0.7, 0.8, 0.9) if t in curve and curve[t]["accuracy"] is not None]
            if picks:
                out += ["", f"Abstention, {system} (`predict(..., min_confidence=t)`): share of rows labeled and their accuracy.\n",
                        "| t | " + " | ".join(f"{c['threshold']:.1f}" for c in picks) + " |", "|---" * (len(picks) + 1) + "|",
                        "| coverage | " + " | ".join(f"{c['coverage']:.3f}" for c in picks) + " |",
                        "| accuracy | " + " | ".join(f"{c['accuracy']:.3f}" for c in picks) + " |"]
            if m.get("errors"):
                out += ["", f"Most confident errors, {system} (gold → predicted, count, top examples):\n"]
                for pair, e in list(m["errors"].items())[:8]:
                    examples = " · ".join(f"{x['text']} ({x['confidence']:.2f})" for x in e["most_confident"][:2])
                    out.append(f"- **{pair}** ({e['count']}): {examples}")
            out.append("")
    return out


def _plover_section(res: dict) -> list[str]:
    out = []
    for task in dict.fromkeys(t for sys in res.values() for t in sys):
        first = next(m[task] for m in res.values() if task in m)
        labels = list(first["recall"])
        out += [f"#### {task} (per-class recall; no neutral rows in this set)\n",
                "| system | n | " + " | ".join(f"recall {lab}" for lab in labels) + " | macro-recall [95% CI] |",
                "|---" * (len(labels) + 3) + "|"]
        for system, tasks_m in res.items():
            m = tasks_m.get(task)
            if m:
                out.append(f"| {system} | {m['n']} | " + " | ".join(f"{m['recall'][lab]:.3f}" for lab in labels)
                           + f" | {_ci(m, 'macro_recall')} |")
        for system, tasks_m in res.items():
            m = tasks_m.get(task)
            if m and system == next(iter(res)):
                cm = m["confusion_matrix"]
                out += ["", f"Confusion matrix, {system}:\n", "| gold \\ pred | " + " | ".join(cm["columns"]) + " |",
                        "|---" * (len(cm["columns"]) + 1) + "|"]
                out += [f"| {cm['rows'][i]} | " + " | ".join(str(x) for x in row) + " |" for i, row in enumerate(cm["counts"])]
        out.append("")
    return out


def _unscon_section(res: dict) -> list[str]:
    keys = list(dict.fromkeys(k for sys in res.values() for k in sys.get("flags", {})))
    out = ["| system | " + " | ".join(k.replace("_", " ") for k in keys) + " |", "|---" * (len(keys) + 1) + "|"]
    for system, m in res.items():
        out.append(f"| {system} | " + " | ".join(_rate(m["flags"].get(k)) for k in keys) + " |")
    return out + [""]


def _challenge_section(res: dict) -> list[str]:
    systems = list(res)
    caps = list(next(iter(res.values()))["challenge"]["per_capability"])
    tasks = [k for k in next(iter(res.values()))["challenge"]["overall"] if k.endswith("_pass_rate")]
    out = []
    for task in tasks:
        out += [f"#### {task.replace('_pass_rate', '').replace('_', ' ')} pass rate per capability\n",
                "| capability | groups | " + " | ".join(systems) + " |", "|---" * (len(systems) + 2) + "|"]
        for cap in caps + ["overall"]:
            rows = [res[s]["challenge"]["per_capability"].get(cap) if cap != "overall" else res[s]["challenge"]["overall"]
                    for s in systems]
            cells = " | ".join("–" if r is None or r.get(task) is None else f"{r[task]:.3f}" for r in rows)
            label = "**overall**" if cap == "overall" else cap
            out.append(f"| {label} | {rows[0]['groups']} | {cells} |")
        out.append("")
    return out


def to_markdown(data: dict) -> str:
    """Render a report dictionary (as in ``report.json``) as Markdown."""
    models = [m["name"] for m in data["models"]]
    out = ["# stancelib evaluation report\n",
           f"stancelib {data['stancelib_version']}, created {data['created']}. Bootstrap: {data['n_boot']} resamples "
           "of rows; intervals are 95% percentile intervals.\n", "## Models\n",
           "| model | base encoder | parameters | size on disk | statements/s (this run) | temperatures |",
           "| --- | --- | --- | --- | --- | --- |"]
    for m in data["models"]:
        temps = ", ".join(f"{k} {v:.2f}" for k, v in m["temperatures"].items()) or "none"
        note = " (fitted for this report)" if m.get("temperatures_fitted_for_this_report") else ""
        speed = m.get("statements_per_second") or "–"
        size = f"{m['size_on_disk_mb']} MB" + (" (adapters and heads; frozen encoder from its package)"
                                               if m.get("adapters_only") else "")
        out.append(f"| {m['name']} | `{m['base_model']}` | {m['parameters'] / 1e6:.1f}M | {size} | "
                   f"{speed} | {temps}{note} |")
    b = data.get("baselines") or {}
    if b.get("systems"):
        out.append(f"\nBaselines ({', '.join(b['systems'])}) trained on `{b.get('train')}` ({b.get('rows')} rows).\n")
    out += ["## Data\n", "| name | kind | rows | sha256 |", "| --- | --- | --- | --- |"]
    out += [f"| {d['name']} | {d['kind']} | {d['rows']} | `{d['sha256'][:16]}…` |" for d in data["datasets"]]
    out.append("")
    for d in data["datasets"]:
        res = data["results"][d["name"]]
        out.append(f"## {d['name']} ({d['kind']})\n")
        if d["kind"] == "labeled":
            out += _labeled_section(d["name"], res, models)
        elif d["kind"] == "plover":
            out += _plover_section(res)
        elif d["kind"] == "unscon":
            out += ["Rows without a flag are not verified neutral: the rates elsewhere are false-positive proxies.\n"]
            out += _unscon_section(res)
        elif d["kind"] == "challenge":
            out += ["A group passes when every member gets its expected label.\n"]
            out += _challenge_section(res)
        figs = [f for f in data.get("figures", []) if f"_{d['name']}_" in f]
        if figs:
            out += ["Figures: " + ", ".join(f"[{f}]({f})" for f in figs), ""]
    if data.get("comparisons"):
        out += ["## Paired comparisons\n", "| data | task | A | B | metric | A − B | 95% CI | p |",
                "| --- | --- | --- | --- | --- | --- | --- | --- |"]
        out += [f"| {c['dataset']} | {c['task']} | {c['a']} | {c['b']} | {c['metric']} | {c['delta']:+.3f} | "
                f"[{c['ci'][0]:+.3f}, {c['ci'][1]:+.3f}] | {c['p_value']:.4f} |" for c in data["comparisons"]]
    return "\n".join(out) + "\n"
