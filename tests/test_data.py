import pytest

from stancelib.data import DataError, read_labeled, read_records, read_texts, to_labeled

from conftest import labeled_rows, write_jsonl


def test_jsonl_csv_parquet_read_the_same(tmp_path):
    import pandas as pd

    rows = labeled_rows(6)
    write_jsonl(tmp_path / "a.jsonl", rows)
    pd.DataFrame(rows).to_csv(tmp_path / "a.csv", index=False)
    pd.DataFrame(rows).to_parquet(tmp_path / "a.parquet")
    got = [read_labeled(tmp_path / f"a.{ext}") for ext in ("jsonl", "csv", "parquet")]
    assert got[0].texts == got[1].texts == got[2].texts
    assert got[0].labels == got[1].labels == got[2].labels


def test_missing_label_is_skipped_per_task():
    data = to_labeled([{"text": "a b c", "stance": "denying"}, {"text": "d e f", "sentiment": "Positive "}])
    assert data.labels == {"stance": [2, -100], "sentiment": [-100, 0]}
    assert data.task_counts() == {"stance": 1, "sentiment": 1}


def test_csv_empty_cell_counts_as_missing(tmp_path):
    (tmp_path / "x.csv").write_text("text,stance,sentiment\nWe refuse.,denying,\nHello there.,,neutral\n")
    data = read_labeled(tmp_path / "x.csv")
    assert data.labels["sentiment"] == [-100, 2]


@pytest.mark.parametrize("row,message", [
    ({"stance": "denying"}, r"row 2: field 'text' is missing or empty"),
    ({"text": "   ", "stance": "denying"}, r"row 2: field 'text' is missing or empty"),
    ({"text": 5, "stance": "denying"}, r"row 2: field 'text' must be a string"),
    ({"text": "x y", "stance": "angry"}, r"row 2: field 'stance' has unknown label 'angry'"),
    ({"text": "x y"}, r"row 2: no label for any task"),
])
def test_bad_rows_name_file_row_and_field(tmp_path, row, message):
    f = write_jsonl(tmp_path / "bad.jsonl", [{"text": "fine", "stance": "neutral"}, row])
    with pytest.raises(DataError, match=message):
        read_labeled(f)


def test_broken_json_line_is_named(tmp_path):
    f = tmp_path / "broken.jsonl"
    f.write_text('{"text": "ok", "stance": "neutral"}\n{"text": "oops"\n')
    with pytest.raises(DataError, match=r"broken.jsonl: line 2: not valid JSON"):
        read_records(f)


def test_unsupported_and_missing_files(tmp_path):
    (tmp_path / "a.xlsx").write_text("x")
    with pytest.raises(DataError, match="unsupported file type"):
        read_records(tmp_path / "a.xlsx")
    with pytest.raises(DataError, match="no such file"):
        read_records(tmp_path / "nope.jsonl")


def test_require_all():
    with pytest.raises(DataError, match="field 'sentiment' is missing"):
        to_labeled([{"text": "a", "stance": "neutral"}], require_all=True)


def test_read_texts_keeps_every_row(tmp_path):
    (tmp_path / "s.txt").write_text("first\n\nsecond\n")
    texts, meta = read_texts(tmp_path / "s.txt")
    assert texts == ["first", "second"] and meta == [{"line": 1}, {"line": 3}]
    f = write_jsonl(tmp_path / "s.jsonl", [{"id": 1, "text": "a"}, {"id": 2, "text": "b"}])
    texts, meta = read_texts(f)
    assert texts == ["a", "b"] and meta == [{"id": 1}, {"id": 2}]
    write_jsonl(tmp_path / "gap.jsonl", [{"id": 1, "text": "a"}, {"id": 2, "body": "b"}])
    with pytest.raises(DataError, match="row 2: field 'text'"):
        read_texts(tmp_path / "gap.jsonl")
