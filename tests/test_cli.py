import json
import subprocess
import sys

import pytest

from stancelib.cli import format_table, main

from conftest import labeled_rows, write_jsonl


def run(*args):
    return subprocess.run([sys.executable, "-m", "stancelib.cli", *args], capture_output=True, text=True)


def test_version_and_help_do_not_import_torch():
    code = ("import sys; from stancelib.cli import build_parser; import stancelib; "
            "p = build_parser(); assert 'torch' not in sys.modules and 'transformers' not in sys.modules; print('ok')")
    assert subprocess.run([sys.executable, "-c", code], capture_output=True, text=True).stdout.strip() == "ok"
    r = run("--version")
    assert r.returncode == 0 and r.stdout.startswith("stancelib ")


def test_predict_arguments_piped_gives_jsonl(tiny_model_dir):
    r = run("predict", "--model", str(tiny_model_dir), "We will respond.", "Talks resume Monday.")
    assert r.returncode == 0, r.stderr
    rows = [json.loads(line) for line in r.stdout.splitlines()]
    assert [row["text"] for row in rows] == ["We will respond.", "Talks resume Monday."]
    assert {"stance", "sentiment", "stance_scores", "sentiment_confidence"} <= set(rows[0])


@pytest.mark.parametrize("suffix", ["txt", "jsonl", "csv"])
def test_predict_file_one_row_per_input_in_order(tiny_model_dir, tmp_path, suffix):
    texts = [f"Statement number {i} about the border." for i in range(7)]
    src = tmp_path / f"in.{suffix}"
    if suffix == "txt":
        src.write_text("\n".join(texts) + "\n")
    elif suffix == "jsonl":
        write_jsonl(src, [{"id": i, "text": t} for i, t in enumerate(texts)])
    else:
        src.write_text("id,text\n" + "".join(f'{i},"{t}"\n' for i, t in enumerate(texts)))
    out = tmp_path / "out.jsonl"
    assert main(["predict", "--model", str(tiny_model_dir), "--input", str(src), "--output", str(out)]) == 0
    rows = [json.loads(line) for line in out.read_text().splitlines()]
    assert [r["text"] for r in rows] == texts
    if suffix != "txt":
        assert [r["id"] for r in rows] == list(range(7))


def test_predict_bad_input_names_row_and_field(tiny_model_dir, tmp_path, capsys):
    src = write_jsonl(tmp_path / "in.jsonl", [{"text": "fine"}, {"body": "no text"}])
    assert main(["predict", "--model", str(tiny_model_dir), "--input", str(src)]) == 2
    assert "row 2: field 'text' is missing" in capsys.readouterr().err


def test_predict_csv_output(tiny_model_dir, tmp_path):
    out = tmp_path / "out.csv"
    assert main(["predict", "--model", str(tiny_model_dir), "Hello world there.", "--output", str(out)]) == 0
    header = out.read_text().splitlines()[0]
    assert header.startswith("text,stance,stance_confidence")


def test_train_command(tiny_encoder_dir, tmp_path, capsys):
    rows = labeled_rows(24)
    train = write_jsonl(tmp_path / "train.jsonl", rows[:16])
    dev = write_jsonl(tmp_path / "dev.jsonl", rows[16:])
    out = tmp_path / "model"
    code = main(["train", "--train", str(train), "--dev", str(dev), "--output", str(out), "--base-model",
                 str(tiny_encoder_dir), "--epochs", "1", "--batch-size", "8", "--max-length", "16"])
    assert code == 0
    assert json.loads(capsys.readouterr().out.strip().splitlines()[-1])["best_epoch"] == 1
    assert (out / "model.safetensors").is_file()


def test_table_format():
    table = format_table([{"text": "x" * 300, "stance": "denying", "stance_confidence": 0.5}], ["stance"], width=80)
    assert len(table.splitlines()[1]) <= 80 and table.splitlines()[1].endswith("…")


def test_predict_uses_onnx_without_torch_when_an_export_exists(tiny_model_dir, tmp_path):
    from stancelib.onnx import export_onnx

    onnx_dir = export_onnx(tiny_model_dir, tmp_path / "tiny-onnx")
    code = ("import sys, json; from stancelib.cli import main; "
            f"main(['predict', '--model', {str(onnx_dir)!r}, 'We will respond.']); "
            "print('TORCH' if 'torch' in sys.modules else 'NO-TORCH')")
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert r.returncode == 0, r.stderr
    lines = r.stdout.strip().splitlines()
    assert json.loads(lines[0])["text"] == "We will respond." and lines[-1] == "NO-TORCH"
    torch_row = run("predict", "--backend", "torch", "--model", str(tiny_model_dir), "We will respond.").stdout
    assert json.loads(torch_row)["stance"] == json.loads(lines[0])["stance"]
