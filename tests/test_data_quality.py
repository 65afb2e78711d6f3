import json

import pytest

from stancelib.data import corpus_path
from stancelib.data.quality import check_corpus, near_duplicates, normalize_for_dedup, shingles, jaccard


def test_normalisation_removes_case_punctuation_and_names():
    assert normalize_for_dedup("Russia will respond!") == normalize_for_dedup("China will respond.")
    assert normalize_for_dedup("WE WILL RESPOND!") == normalize_for_dedup("we will respond")


def test_near_duplicates_finds_pairs_above_threshold():
    texts = ["The ministry in Kyiv said the report was false and biased.",
             "The ministry in Minsk said the report was false and biased!",
             "The ministry said the report was false, biased and late.",
             "Farmers blocked the highway for a third day."]
    pairs = {(i, j) for i, j, _ in near_duplicates(texts, 0.8)}
    assert (0, 1) in pairs and all(3 not in p for p in pairs)
    sim = jaccard(shingles(texts[0]), shingles(texts[2]))
    assert ((0, 2) in pairs) == (sim >= 0.8)


def _write_corpus(tmp_path, rows_by_split, challenge):
    d = tmp_path / "corpus"
    d.mkdir()
    for split, rows in rows_by_split.items():
        (d / f"{split}.jsonl").write_text("".join(json.dumps(r) + "\n" for r in rows))
    (tmp_path / "challenge.jsonl").write_text("".join(json.dumps(r) + "\n" for r in challenge))
    return d, tmp_path / "challenge.jsonl"


def _row(i, text, stance="neutral", sentiment="neutral", form="narration"):
    return {"id": f"x{i}", "text": text, "stance": stance, "sentiment": sentiment,
            "speaker": None, "domain": "diplomacy", "form": form}


BALANCED = [("conciliatory", "positive"), ("threatening", "negative"), ("denying", "neutral"), ("neutral", "neutral")]
WORDS = "alpha bravo charlie delta echo foxtrot golf hotel india juliet kilo lima mike november oscar papa".split()


def _unique_text(i):
    return " ".join(WORDS[(i * k) % len(WORDS)] + str(i * k) for k in range(1, 7))


def _clean_split(offset, n=8):
    forms = ["narration", "headline", "direct_quote", "fragment"]
    return [_row(offset + i, _unique_text(offset + i), *BALANCED[i % 4], form=forms[i % 4]) for i in range(n)]


def test_check_corpus_catches_each_problem(tmp_path):
    train = _clean_split(0)
    dev = _clean_split(100)
    test = _clean_split(200)
    train.append(dict(_row(50, "Moscow rejected the demands outright, the ministry said."), stance="denying"))
    dev.append(dict(_row(150, "Beijing rejected the demands outright, the ministry said!"), stance="denying"))
    train.append(dict(_row(51, "This has a bad label."), stance="angry"))
    test.append({"id": "x0", "text": "Reused id here.", "stance": "neutral", "sentiment": "neutral"})
    challenge = [{"id": "c1", "group": "g1", "capability": "negation", "text": train[0]["text"],
                  "stance": "neutral", "sentiment": "neutral"}]
    corpus, chal = _write_corpus(tmp_path, {"train": train, "dev": dev, "test": test}, challenge)
    with open(corpus / "dev.jsonl", "a") as fh:
        fh.write("{not json\n")
    report = check_corpus(corpus, chal, min_split_sizes={})
    text = "\n".join(report.problems)
    assert "dev.jsonl: line 10: not valid JSON" in text
    assert "label 'angry' outside the schema" in text
    assert "missing field(s) speaker, domain, form" in text
    assert "id 'x0' is used by 2 rows" in text
    assert "train.jsonl:9 ~ dev.jsonl:9" in text
    assert "challenge statement challenge.jsonl:1 also in the corpus (train.jsonl:1" in text


def test_check_corpus_balance_rules(tmp_path):
    rows = [_row(i, _unique_text(i), "neutral", "neutral") for i in range(10)]
    corpus, chal = _write_corpus(tmp_path, {"train": rows, "dev": _clean_split(100), "test": _clean_split(200)}, [])
    report = check_corpus(corpus, chal, min_split_sizes={"train": 20})
    text = "\n".join(report.problems)
    assert "train: 10 rows, fewer than the required 20" in text
    assert "train: stance 'threatening' is 0.0% of rows, below 18%" in text
    assert "train: form 'narration' is 100.0% of rows, above 45%" in text


@pytest.mark.skipif(not corpus_path("train").is_file(), reason="corpus not built")
def test_shipped_corpus_passes():
    report = check_corpus()
    assert report.ok, "\n".join(report.problems[:20])
